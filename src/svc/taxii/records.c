/*
 * records.c: records made in ccscap's own forms and API appear in the
 * TAXII collections their markings allow. Each is rendered by the STIX
 * export mapping (svc/interchange/export.c, the only mapper) and filed by
 * ccs_taxii_publish_one in the writing transaction: when it is made or
 * changed, and again by ccs_taxii_publish for a new collection or a
 * catch-up.
 */
#include "svc/interchange/interchange.h"
#include "svc/svc.h"
#include "svc/taxii/taxii.h"
#include "util/err.h"

#define BATCH	500	/* records read per query */

int
ccs_taxii_publish_incident(struct ccs_db *db, int64_t id, const char *only,
    int64_t now_us, size_t *n, struct ccs_fail *f)
{
	json_t *obj = NULL;
	int64_t mid = 0;
	int rc;

	if (n != NULL)
		*n = 0;
	rc = ccs_ix_incident_stix(db, id, &obj, &mid, f);
	if (rc == CCS_ENOTFOUND)	/* imported: filed by its import */
		return CCS_OK;
	if (rc != CCS_OK)
		return rc;
	rc = ccs_taxii_publish_one(db, obj, mid, only, now_us, n, f);
	json_decref(obj);
	return rc;
}

int
ccs_taxii_publish_indicator(struct ccs_db *db, int64_t value_id,
    const char *only, int64_t now_us, size_t *n, struct ccs_fail *f)
{
	json_t *obj = NULL;
	int64_t mid = 0;
	int rc;

	if (n != NULL)
		*n = 0;
	rc = ccs_ix_indicator_stix(db, value_id, &obj, &mid, f);
	if (rc == CCS_ENOTFOUND)	/* no pattern, or only imported */
		return CCS_OK;
	if (rc != CCS_OK)
		return rc;
	rc = ccs_taxii_publish_one(db, obj, mid, only, now_us, n, f);
	json_decref(obj);
	return rc;
}

/* Files each id @p sql returns (parameters: since, after, limit). */
static int
each(struct ccs_db *db, const char *sql, int64_t since, const char *only,
    int64_t now_us, bool incident, size_t *n, struct ccs_fail *f)
{
	json_t *rows = NULL, *row;
	struct ccs_val v[3];
	int64_t after = 0, id;
	size_t i, one;
	int rc = CCS_OK;

	for (;;) {
		v[0] = CCS_VINT(since);
		v[1] = CCS_VINT(after);
		v[2] = CCS_VINT(BATCH);
		rc = ccs_db_query_json(db, sql, v, 3, &rows);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		if (json_array_size(rows) == 0)
			break;
		json_array_foreach(rows, i, row) {
			id = json_integer_value(json_object_get(row, "id"));
			after = id;
			rc = incident ? ccs_taxii_publish_incident(db, id, only,
			    now_us, &one, f) : ccs_taxii_publish_indicator(db,
			    id, only, now_us, &one, f);
			if (rc != CCS_OK)
				goto out;
			*n += one;
		}
		json_decref(rows);
		rows = NULL;
	}
out:
	json_decref(rows);
	return rc;
}

int
ccs_taxii_publish_records(struct ccs_db *db, int64_t since,
    const char *only, int64_t now_us, size_t *n, struct ccs_fail *f)
{
	size_t added = 0;
	int rc;

	if (n != NULL)
		*n = 0;
	rc = each(db, "SELECT id FROM incidents WHERE updated_at >= $1 AND "
	    "id > $2 AND stix_copy IS NULL ORDER BY id LIMIT $3", since, only,
	    now_us, true, &added, f);
	if (rc == CCS_OK)
		rc = each(db, "SELECT DISTINCT value_id AS id FROM sightings "
		    "WHERE created_at >= $1 AND value_id > $2 AND stix_id IS "
		    "NULL ORDER BY value_id LIMIT $3", since, only, now_us,
		    false, &added, f);
	if (rc == CCS_OK && n != NULL)
		*n = added;
	return rc;
}

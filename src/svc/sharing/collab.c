/*
 * collab.c: checks shared by the collaboration services. The incident
 * check asks the incident's marking, like every read, so linking a lesson,
 * an advisory or a request to an incident discloses nothing the author
 * could not already read.
 */
#include "svc/sharing/collab.h"
#include "svc/sharing/marking.h"
#include "util/err.h"

int
ccs_collab_incident_ok(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, bool *ok)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *row = NULL;
	int rc;

	*ok = false;
	rc = ccs_db_query_one(db, "SELECT i.id, " CCS_MARKING_COLS " FROM "
	    "incidents i JOIN markings m ON m.id = i.marking_id WHERE i.id = "
	    "$1", &v, 1, &row);
	if (rc == CCS_ENOTFOUND)
		return CCS_OK;
	if (rc != CCS_OK)
		return rc;
	*ok = ccs_marking_view(p, row) == CCS_TLP_FULL;
	json_decref(row);
	return CCS_OK;
}

int
ccs_collab_search_doc(struct ccs_db *db, const char *kind, int64_t ref_id,
    int64_t marking_id, const char *title, const char *body, int64_t now)
{
	struct ccs_val v[6];

	v[0] = CCS_VTEXT(kind);
	v[1] = CCS_VINT(ref_id);
	v[2] = CCS_VINT(marking_id);
	v[3] = CCS_VTEXT(title);
	v[4] = CCS_VTEXT(body);
	v[5] = CCS_VINT(now);
	return ccs_db_exec(db, "INSERT INTO search_docs (kind, ref_id, "
	    "marking_id, title, body, created_at) VALUES ($1, $2, $3, $4, $5, "
	    "$6)", v, 6, NULL, NULL);
}

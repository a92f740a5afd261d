/*
 * crisis_sitreps.c: situation reports (see crisis_sitreps.h). The number
 * of a report is one more than the crisis's last, in the request's
 * transaction; the unique (crisis, seq) key refuses a concurrent twin.
 */
#include <inttypes.h>

#include "svc/crisis/crisis_sitreps.h"
#include "svc/svc.h"
#include "util/err.h"

const struct ccs_jfield ccs_crisis_sitrep_fields[] = {
	{ "situation", CCS_J_STRING, true, 1, 10000 },
	{ "actions", CCS_J_STRING, true, 1, 10000 },
	{ "next_steps", CCS_J_STRING, true, 1, 10000 },
};
const size_t ccs_crisis_sitrep_nfields = sizeof(ccs_crisis_sitrep_fields) /
    sizeof(ccs_crisis_sitrep_fields[0]);

#define SITREP_SELECT "SELECT id, seq, situation, actions, next_steps, " \
	"author, created_at FROM crisis_sitreps"

int
ccs_crisis_sitrep_add(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	int64_t seq = 0, sid = 0;
	json_t *c = NULL;
	int rc;

	*out = NULL;
	rc = ccs_crisis_load_open(db, p, id, true, &c, f);
	json_decref(c);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_int(db, "SELECT COALESCE(MAX(seq), 0) + 1 FROM "
	    "crisis_sitreps WHERE crisis_id = $1", &v, 1, &seq);
	{
		const struct ccs_named np[] = {
			CCS_NAMED("crisis", CCS_VINT(id)),
			CCS_NAMED("seq", CCS_VINT(seq)),
			CCS_NAMED("sit", CCS_VTEXT(ccs_jstr(body,
			    "situation"))),
			CCS_NAMED("act", CCS_VTEXT(ccs_jstr(body, "actions"))),
			CCS_NAMED("next", CCS_VTEXT(ccs_jstr(body,
			    "next_steps"))),
			CCS_NAMED("by", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		if (rc == CCS_OK)
			rc = ccs_db_query_int_named(db, "INSERT INTO "
			    "crisis_sitreps (crisis_id, seq, situation, "
			    "actions, next_steps, author, created_at) VALUES "
			    "(:crisis, :seq, :sit, :act, :next, :by, :now) "
			    "RETURNING id", np, CCS_NNAMED(np), &sid);
	}
	if (rc == CCS_OK)
		rc = ccs_audit_recordf(db, p, "crisis.sitrep", "crisis_sitrep",
		    body, now, "%" PRId64 "/%" PRId64, id, seq);
	if (rc == CCS_OK) {
		v = CCS_VINT(sid);
		rc = ccs_db_query_one(db, SITREP_SELECT " WHERE id = $1", &v, 1,
		    out);
	}
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

int
ccs_crisis_sitrep_list(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const struct ccs_crisis_page *pg, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_val v[3] = { CCS_VINT(id), CCS_VINT(pg->after),
		CCS_VINT(pg->limit + 1) };
	json_t *c = NULL, *rows = NULL;
	int64_t total = 0;
	int rc;

	*out = NULL;
	rc = ccs_crisis_load(db, p, id, false, &c, f);
	json_decref(c);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM crisis_sitreps WHERE "
	    "crisis_id = $1", v, 1, &total);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, SITREP_SELECT " WHERE crisis_id = "
		    "$1 AND id > $2 ORDER BY id LIMIT $3", v, 3, &rows);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return ccs_crisis_page_of(rows, pg, total, out, f);
}

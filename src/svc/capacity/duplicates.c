/*
 * duplicates.c: the coordinators' decisions on candidate duplicate
 * initiatives (the list of candidates is dup_list.c).
 *
 * A decision removes its pair from initiative_dup_candidates (kept.c);
 * a same_work decision merges the pair (dup_merge.c) and re-scores both.
 */
#include <string.h>

#include "svc/svc.h"
#include "svc/capacity/kept.h"
#include "svc/capacity/dup_merge.h"
#include "svc/capacity/duplicates.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_dup_decision_fields[] = {
	{ "a", CCS_J_INT, true, 0, 0 },
	{ "b", CCS_J_INT, true, 0, 0 },
	{ "decision", CCS_J_STRING, true, 1, 20 },
	{ "reason", CCS_J_STRING, true, 1, 2000 },
	{ "keep", CCS_J_INT, false, 0, 0 },
};
const size_t ccs_dup_decision_nfields = sizeof(ccs_dup_decision_fields) /
    sizeof(ccs_dup_decision_fields[0]);

/* Links @p from to @p to as related-activity @p type unless linked. */
static int
link_related(struct ccs_db *db, int64_t from, int64_t to, int type)
{
	struct ccs_val v[3] = { CCS_VINT(from), CCS_VINT(to),
	    CCS_VINT(type) };
	int64_t n = 0;
	int rc;

	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM initiative_related "
	    "WHERE initiative_id = $1 AND related_id = $2 AND type = $3", v,
	    3, &n);
	if (rc == CCS_OK && n == 0)
		rc = ccs_db_exec(db, "INSERT INTO initiative_related "
		    "(initiative_id, type, related_id) VALUES ($1, $3, $2)", v,
		    3, NULL, NULL);
	return rc;
}

/*
 * same_work needs "keep", one of the pair, and neither may be merged
 * already; the other decisions take no "keep".
 */
static int
check_keep(struct ccs_db *db, const json_t *body, const char *dec,
    int64_t a, int64_t b, int64_t *keep, struct ccs_fail *f)
{
	const json_t *k = json_object_get(body, "keep");
	struct ccs_val v[2] = { CCS_VINT(a), CCS_VINT(b) };
	json_t *row = NULL;
	int rc;

	*keep = 0;
	if (!ccs_streq(dec, "same_work")) {
		if (k != NULL && !json_is_null(k))
			return ccs_fail(f, CCS_EINVAL, "invalid_keep", "keep: "
			    "only a same_work decision merges, and names the "
			    "initiative that survives");
		return CCS_OK;
	}
	if (!json_is_integer(k))
		return ccs_fail(f, CCS_EINVAL, "missing_field", "keep: a "
		    "same_work decision merges the pair; name the initiative "
		    "that survives (a or b)");
	*keep = json_integer_value(k);
	if (*keep != a && *keep != b)
		return ccs_fail(f, CCS_EINVAL, "invalid_keep", "keep must be "
		    "a or b: the initiative of the pair that survives");
	rc = ccs_db_query_one(db, "SELECT id, merged_into FROM initiatives "
	    "WHERE id IN ($1, $2) AND merged_into IS NOT NULL ORDER BY id "
	    "LIMIT 1", v, 2, &row);
	if (rc == CCS_ENOTFOUND)
		return CCS_OK;
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	rc = ccs_fail(f, CCS_ECONFLICT, "already_merged", "%s: initiative %"
	    JSON_INTEGER_FORMAT " was already merged into initiative %"
	    JSON_INTEGER_FORMAT, json_integer_value(json_object_get(row,
	    "id")) == a ? "a" : "b", json_integer_value(json_object_get(row,
	    "id")), json_integer_value(json_object_get(row, "merged_into")));
	json_decref(row);
	return rc;
}

int
ccs_dup_decide(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	static const char *const decisions[] = { "co_funded", "sibling",
	    "same_work", "not_duplicate" };
	const char *dec = ccs_jstr(body, "decision");
	int64_t a = json_integer_value(json_object_get(body, "a"));
	int64_t b = json_integer_value(json_object_get(body, "b"));
	int64_t lo, hi, id = 0, n = 0, keep = 0;
	json_t *merge = NULL;
	struct ccs_val v[7];
	size_t i;
	bool ok = false;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_DUPLICATE_DECIDE, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "decide on duplicate initiatives");
	for (i = 0; i < sizeof(decisions) / sizeof(decisions[0]); i++)
		ok = ok || ccs_streq(dec, decisions[i]);
	if (!ok)
		return ccs_fail(f, CCS_EINVAL, "invalid_decision", "decision "
		    "must be co_funded, sibling, same_work or not_duplicate");
	if (a == b)
		return ccs_fail(f, CCS_EINVAL, "invalid_pair", "b: a pair is "
		    "two different initiatives");
	rc = ccs_cap_initiative_known(db, a, "a", f);
	if (rc == CCS_OK)
		rc = ccs_cap_initiative_known(db, b, "b", f);
	if (rc == CCS_OK)
		rc = check_keep(db, body, dec, a, b, &keep, f);
	if (rc != CCS_OK)
		return rc;
	lo = a < b ? a : b;
	hi = a < b ? b : a;
	v[0] = CCS_VINT(lo);
	v[1] = CCS_VINT(hi);
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM duplicate_decisions "
	    "WHERE a_id = $1 AND b_id = $2", v, 2, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (n > 0)
		return ccs_fail(f, CCS_ECONFLICT, "already_decided", "this "
		    "pair has a decision already");
	v[2] = CCS_VTEXT(dec);
	v[3] = CCS_VTEXT(ccs_jstr(body, "reason"));
	v[4] = p->user_id > 0 ? CCS_VINT(p->user_id) : CCS_VNULL;
	v[5] = CCS_VTEXT(ccs_actor(p));
	v[6] = CCS_VINT(now);
	rc = ccs_db_query_int(db, "INSERT INTO duplicate_decisions (a_id, "
	    "b_id, decision, reason, decided_by_id, decided_by, decided_at) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id", v, 7, &id);
	if (rc == CCS_OK && (ccs_streq(dec, "co_funded") ||
	    ccs_streq(dec, "sibling"))) {
		n = ccs_streq(dec, "co_funded") ? 4 : 3;
		rc = link_related(db, lo, hi, (int)n);
		if (rc == CCS_OK)
			rc = link_related(db, hi, lo, (int)n);
	}
	if (rc == CCS_OK)
		rc = ccs_cap_kept_forget_pair(db, lo, hi);
	if (rc == CCS_OK && keep > 0)
		rc = ccs_dup_merge(db, keep, keep == a ? b : a, ccs_actor(p),
		    now, &merge);
	/* the merged one leaves; the survivor has its lists now */
	if (rc == CCS_OK && keep > 0)
		rc = ccs_cap_kept_refresh(db, lo);
	if (rc == CCS_OK && keep > 0)
		rc = ccs_cap_kept_refresh(db, hi);
	if (rc == CCS_OK) {
		rc = ccs_audit_record(db, p, "duplicate.decide",
		    "duplicate_decision", id, body, now);
	}
	if (rc == CCS_OK && merge != NULL)
		rc = ccs_audit_record(db, p, "initiative.merge", "initiative",
		    keep == a ? b : a, merge, now);
	v[0] = CCS_VINT(id);
	if (rc == CCS_OK)
		rc = ccs_db_query_one(db, "SELECT id, a_id AS a, b_id AS b, "
		    "decision, reason, decided_by, decided_at FROM "
		    "duplicate_decisions WHERE id = $1", &v[0], 1, out);
	if (rc == CCS_OK && merge != NULL && json_object_set(*out, "merge",
	    merge) != 0)
		rc = CCS_ENOMEM;
	json_decref(merge);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
		return ccs_dbfail(f, db, rc);
	}
	return CCS_OK;
}

/*
 * dup_merge.c: the merge of a same_work pair.
 *
 * Everything is set-based SQL inside the caller's transaction, so a
 * failure at any statement leaves nothing (the router, or the test
 * fixture, rolls back). Lists are unions: a row of the merged initiative
 * is copied only when the survivor has no row with the same key (state,
 * need, lineage, organisation and role, document URL). Money moves, it
 * is never copied: a transaction or budget moves to the survivor unless
 * the survivor holds one with the same type, date(s), amount and
 * currency, which is the same money reported by both records; such a
 * twin stays on the merged initiative, which funding totals and coverage
 * no longer read, so nothing is counted twice.
 *
 * Non-goal: results, related-activity links and the links of trainings,
 * campaigns and proposals stay with the merged initiative, which stays
 * readable; they describe its own reporting.
 */
#include <string.h>

#include "svc/capacity/dup_merge.h"
#include "util/err.h"

static int
count_cb(void *arg, const struct ccs_row *row)
{
	(void)row;
	(*(int64_t *)arg)++;
	return CCS_OK;
}

/* Runs @p sql on ($1 keep, $2 gone) and counts the rows it returns. */
static int
run(struct ccs_db *db, const char *sql, const struct ccs_val *v,
    int64_t *n)
{
	*n = 0;
	return ccs_db_exec(db, sql, v, 2, count_cb, n);
}

int
ccs_dup_merge(struct ccs_db *db, int64_t keep, int64_t gone,
    const char *actor, int64_t now, json_t **out)
{
	static const char *const add_sql[] = {
		"INSERT INTO initiative_states (initiative_id, state_code, "
		    "region_code, pct) SELECT $1, g.state_code, g.region_code, "
		    "0 FROM initiative_states g WHERE g.initiative_id = $2 AND "
		    "NOT EXISTS (SELECT 1 FROM initiative_states k WHERE "
		    "k.initiative_id = $1 AND (k.state_code = g.state_code OR "
		    "(k.state_code IS NULL AND g.state_code IS NULL))) "
		    "RETURNING 1",
		"INSERT INTO initiative_needs (initiative_id, need_ref) "
		    "SELECT $1, g.need_ref FROM initiative_needs g WHERE "
		    "g.initiative_id = $2 AND NOT EXISTS (SELECT 1 FROM "
		    "initiative_needs k WHERE k.initiative_id = $1 AND "
		    "k.need_ref = g.need_ref) RETURNING 1",
		"INSERT INTO initiative_standards (initiative_id, lineage_id) "
		    "SELECT $1, g.lineage_id FROM initiative_standards g WHERE "
		    "g.initiative_id = $2 AND NOT EXISTS (SELECT 1 FROM "
		    "initiative_standards k WHERE k.initiative_id = $1 AND "
		    "k.lineage_id = g.lineage_id) RETURNING 1",
		"INSERT INTO initiative_orgs (initiative_id, org_id, role) "
		    "SELECT $1, g.org_id, g.role FROM initiative_orgs g WHERE "
		    "g.initiative_id = $2 AND NOT EXISTS (SELECT 1 FROM "
		    "initiative_orgs k WHERE k.initiative_id = $1 AND "
		    "k.org_id = g.org_id AND k.role = g.role) RETURNING 1",
		"INSERT INTO initiative_documents (initiative_id, url, title, "
		    "category) SELECT $1, g.url, g.title, g.category FROM "
		    "initiative_documents g WHERE g.initiative_id = $2 AND NOT "
		    "EXISTS (SELECT 1 FROM initiative_documents k WHERE "
		    "k.initiative_id = $1 AND k.url = g.url) ORDER BY g.id "
		    "RETURNING 1",
	};
	static const char *const add_keys[] = { "states", "needs",
	    "standards", "organisations", "documents" };
	static const char *const move_sql[] = {
		"UPDATE initiative_transactions SET initiative_id = $1 WHERE "
		    "initiative_id = $2 AND NOT EXISTS (SELECT 1 FROM "
		    "initiative_transactions k WHERE k.initiative_id = $1 AND "
		    "k.type = initiative_transactions.type AND k.tx_date = "
		    "initiative_transactions.tx_date AND k.amount = "
		    "initiative_transactions.amount AND k.currency = "
		    "initiative_transactions.currency) RETURNING 1",
		"UPDATE initiative_budgets SET initiative_id = $1 WHERE "
		    "initiative_id = $2 AND NOT EXISTS (SELECT 1 FROM "
		    "initiative_budgets k WHERE k.initiative_id = $1 AND "
		    "k.type = initiative_budgets.type AND k.status = "
		    "initiative_budgets.status AND k.period_start = "
		    "initiative_budgets.period_start AND k.period_end = "
		    "initiative_budgets.period_end AND k.amount = "
		    "initiative_budgets.amount AND k.currency = "
		    "initiative_budgets.currency) RETURNING 1",
	};
	static const char *const left_sql[] = {
		"SELECT COUNT(*) FROM initiative_transactions WHERE "
		    "initiative_id = $1",
		"SELECT COUNT(*) FROM initiative_budgets WHERE "
		    "initiative_id = $1",
	};
	static const char *const money_keys[] = { "transactions", "budgets" };
	struct ccs_val v[4] = { CCS_VINT(keep), CCS_VINT(gone),
	    CCS_VTEXT(actor), CCS_VINT(now) };
	json_t *added = NULL, *moved = NULL, *left = NULL;
	int64_t n = 0;
	size_t i;
	int rc = CCS_ENOMEM;

	*out = NULL;
	added = json_object();
	moved = json_object();
	left = json_object();
	if (added == NULL || moved == NULL || left == NULL)
		goto out;
	rc = CCS_OK;
	for (i = 0; rc == CCS_OK && i < sizeof(add_sql) / sizeof(add_sql[0]);
	    i++) {
		rc = run(db, add_sql[i], v, &n);
		if (rc == CCS_OK && json_object_set_new(added, add_keys[i],
		    json_integer(n)) != 0)
			rc = CCS_ENOMEM;
	}
	for (i = 0; rc == CCS_OK && i < 2; i++) {
		rc = run(db, move_sql[i], v, &n);
		if (rc == CCS_OK && json_object_set_new(moved, money_keys[i],
		    json_integer(n)) != 0)
			rc = CCS_ENOMEM;
		if (rc == CCS_OK)
			rc = ccs_db_query_int(db, left_sql[i], &v[1], 1, &n);
		if (rc == CCS_OK && json_object_set_new(left, money_keys[i],
		    json_integer(n)) != 0)
			rc = CCS_ENOMEM;
	}
	/* earlier merges into @p gone now point at the survivor too */
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "UPDATE initiatives SET merged_into = $1 "
		    "WHERE merged_into = $2", v, 2, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "UPDATE initiatives SET merged_into = $1, "
		    "merged_at = $4, version = version + 1, updated_by = $3, "
		    "updated_at = $4 WHERE id = $2", v, 4, NULL, NULL);
	/* the survivor's lists changed: readers of the old version retry */
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "UPDATE initiatives SET version = version "
		    "+ 1, updated_by = $3, updated_at = $4 WHERE id = $1", v, 4,
		    NULL, NULL);
	if (rc != CCS_OK)
		goto out;
	*out = json_pack("{s:I, s:I, s:O, s:O, s:O}", "keep", (json_int_t)keep,
	    "merged", (json_int_t)gone, "added", added, "moved", moved,
	    "left_on_merged", left);
	if (*out == NULL)
		rc = CCS_ENOMEM;
out:
	json_decref(added);
	json_decref(moved);
	json_decref(left);
	return rc;
}

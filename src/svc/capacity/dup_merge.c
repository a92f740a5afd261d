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
 * Child records move as well (move_children): results, related-activity
 * links (those of the merged initiative and those pointing at it),
 * trainings, campaigns and completion proposals, so the survivor answers
 * for all the work. A child the survivor already holds in the same form
 * is collapsed (deleted) rather than duplicated: an identical result, an
 * identical link, a pending proposal for a state and standard the
 * survivor has a proposal for; a link between the two becomes a
 * self-link and is dropped. A proposal decided on both sides (two
 * decisions of the RIFC) cannot be collapsed without losing one, so it
 * stays on the merged initiative and is reported.
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

/* Runs @p sql on ($1 keep, $2 gone) and adds the rows it returns to
 * @p obj[@p key]. */
static int
tally(struct ccs_db *db, const char *sql, const struct ccs_val *v,
    json_t *obj, const char *key)
{
	int64_t n = 0;
	int rc;

	rc = run(db, sql, v, &n);
	if (rc == CCS_OK && json_object_set_new(obj, key, json_integer(
	    json_integer_value(json_object_get(obj, key)) + n)) != 0)
		rc = CCS_ENOMEM;
	return rc;
}

/* Proposals of initiative $1 (or $2): the twin of a row has the same
 * state and standard. */
#define PROPOSAL_OF(x) "source_kind = 'initiative' AND source_id = " x
#define TWIN_PROPOSAL(x) "EXISTS (SELECT 1 FROM proposals k WHERE " \
	"k.source_kind = 'initiative' AND k.source_id = " x " AND " \
	"k.state_code = proposals.state_code AND k.lineage_id = " \
	"proposals.lineage_id"
/* The same result: every column but the id and the initiative. */
#define SAME_RESULT "k.type = initiative_results.type AND k.title = " \
	"initiative_results.title AND k.measure = " \
	"initiative_results.measure AND COALESCE(k.baseline, '') = " \
	"COALESCE(initiative_results.baseline, '') AND COALESCE(k.target, " \
	"'') = COALESCE(initiative_results.target, '') AND " \
	"COALESCE(k.actual, '') = COALESCE(initiative_results.actual, '') " \
	"AND COALESCE(k.period_start, '') = COALESCE(" \
	"initiative_results.period_start, '') AND COALESCE(k.period_end, " \
	"'') = COALESCE(initiative_results.period_end, '')"

/*
 * Moves the child records of @p gone ($2) to @p keep ($1), adding to
 * @p moved, @p collapsed and @p left the rows moved, deleted as twins of
 * the survivor's, and left behind, per kind. Set-based, in the caller's
 * transaction; the order matters: twins go before the rows move.
 */
static int
move_children(struct ccs_db *db, const struct ccs_val *v, json_t *moved,
    json_t *collapsed, json_t *left)
{
	/* each step runs on ($1 keep, $2 gone) and returns a row per row */
	static const struct {
		const char	*sql;	/* the statement */
		const char	*kind;	/* the summary's key */
		int		 what;	/* 0 moved, 1 collapsed, 2 left */
	} steps[] = {
		/* results: the survivor's identical result stands for both */
		{ "DELETE FROM initiative_results WHERE initiative_id = $2 AND "
		    "EXISTS (SELECT 1 FROM initiative_results k WHERE "
		    "k.initiative_id = $1 AND " SAME_RESULT ") RETURNING 1",
		    "results", 1 },
		{ "UPDATE initiative_results SET initiative_id = $1 WHERE "
		    "initiative_id = $2 RETURNING 1", "results", 0 },
		/* a link between the two would link the survivor to itself */
		{ "DELETE FROM initiative_related WHERE initiative_id IN ($1, "
		    "$2) AND related_id IN ($1, $2) RETURNING 1", "related",
		    1 },
		{ "UPDATE initiative_related SET related_id = $1 WHERE "
		    "related_id = $2 RETURNING 1", "related", 0 },
		{ "UPDATE initiative_related SET initiative_id = $1 WHERE "
		    "initiative_id = $2 RETURNING 1", "related", 0 },
		/* two identical links now: the older one stays */
		{ "DELETE FROM initiative_related WHERE (initiative_id = $1 OR "
		    "related_id = $1) AND EXISTS (SELECT 1 FROM "
		    "initiative_related o WHERE o.initiative_id = "
		    "initiative_related.initiative_id AND o.type = "
		    "initiative_related.type AND COALESCE(o.related_id, 0) = "
		    "COALESCE(initiative_related.related_id, 0) AND "
		    "COALESCE(o.related_ref, '') = COALESCE("
		    "initiative_related.related_ref, '') AND o.id < "
		    "initiative_related.id) RETURNING 1",
		    "related", 1 },
		{ "UPDATE trainings SET initiative_id = $1 WHERE initiative_id "
		    "= $2 RETURNING 1", "trainings", 0 },
		{ "UPDATE campaigns SET initiative_id = $1 WHERE initiative_id "
		    "= $2 RETURNING 1", "campaigns", 0 },
		/* a pending proposal the survivor has a twin of is dropped;
		 * a decided one replaces the survivor's pending twin */
		{ "DELETE FROM proposals WHERE " PROPOSAL_OF("$2") " AND "
		    "status = 'pending' AND " TWIN_PROPOSAL("$1") ") "
		    "RETURNING 1", "proposals", 1 },
		{ "DELETE FROM proposals WHERE " PROPOSAL_OF("$1") " AND "
		    "status = 'pending' AND " TWIN_PROPOSAL("$2") ") "
		    "RETURNING 1", "proposals", 1 },
		{ "UPDATE proposals SET source_id = $1 WHERE " PROPOSAL_OF("$2")
		    " AND NOT " TWIN_PROPOSAL("$1") ") RETURNING 1",
		    "proposals", 0 },
		/* decided on both sides: two decisions, both kept */
		{ "SELECT 1 FROM proposals WHERE " PROPOSAL_OF("$2"),
		    "proposals", 2 },
	};
	json_t *dst[3];
	size_t i;
	int rc = CCS_OK;

	dst[0] = moved;
	dst[1] = collapsed;
	dst[2] = left;
	for (i = 0; rc == CCS_OK && i < sizeof(steps) / sizeof(steps[0]); i++)
		rc = tally(db, steps[i].sql, v, dst[steps[i].what],
		    steps[i].kind);
	return rc;
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
	json_t *added = NULL, *moved = NULL, *left = NULL, *children = NULL;
	int64_t n = 0;
	size_t i;
	int rc = CCS_ENOMEM;

	*out = NULL;
	added = json_object();
	moved = json_object();
	left = json_object();
	children = json_pack("{s:{}, s:{}, s:{}}", "moved", "collapsed",
	    "left_on_merged");
	if (added == NULL || moved == NULL || left == NULL || children == NULL)
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
	if (rc == CCS_OK)
		rc = move_children(db, v, json_object_get(children, "moved"),
		    json_object_get(children, "collapsed"),
		    json_object_get(children, "left_on_merged"));
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
	*out = json_pack("{s:I, s:I, s:O, s:O, s:O, s:O}", "keep",
	    (json_int_t)keep, "merged", (json_int_t)gone, "added", added,
	    "moved", moved, "left_on_merged", left, "children", children);
	if (*out == NULL)
		rc = CCS_ENOMEM;
out:
	json_decref(added);
	json_decref(moved);
	json_decref(left);
	json_decref(children);
	return rc;
}

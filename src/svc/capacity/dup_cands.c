/*
 * dup_cands.c: keeping initiative_dup_candidates true.
 *
 * A pair's score reads only the two initiatives (core/capacity/rules.c),
 * so a write to one initiative changes only the pairs it is one of. The
 * refresh deletes those rows and scores the initiative against the live
 * ones that share a place and overlapping dates with it, found through
 * initiative_states_place and the primary key of initiatives: a few
 * thousand rows at 20,000 initiatives, not the whole set. The rebuild
 * runs the sweep of dup_pairs.c once and writes its candidates in
 * multi-row INSERTs of integers this program formats (no input is
 * spliced into SQL).
 */
#include <inttypes.h>
#include <stdlib.h>

#include "svc/capacity/dup_cands.h"
#include "svc/capacity/dup_pairs.h"
#include "util/buf.h"
#include "util/err.h"

/* Rows per INSERT of the rebuild. */
#define INSERT_ROWS	500

/* The effective dates of x and y overlap (ccs_dates_overlap). */
#define OVERLAP \
	"(COALESCE(x.actual_start, x.planned_start) IS NULL " \
	"OR COALESCE(y.actual_end, y.planned_end) IS NULL " \
	"OR COALESCE(x.actual_start, x.planned_start) <= " \
	"COALESCE(y.actual_end, y.planned_end)) " \
	"AND (COALESCE(y.actual_start, y.planned_start) IS NULL " \
	"OR COALESCE(x.actual_end, x.planned_end) IS NULL " \
	"OR COALESCE(y.actual_start, y.planned_start) <= " \
	"COALESCE(x.actual_end, x.planned_end))"

/*
 * Initiative $1 and those sharing a state with it, or regional when it
 * is, with overlapping dates; the loader keeps the live ones.
 */
static const char partners_sql[] =
	"SELECT q.initiative_id FROM initiative_states p "
	"JOIN initiative_states q ON q.state_code = p.state_code "
	"JOIN initiatives x ON x.id = p.initiative_id "
	"JOIN initiatives y ON y.id = q.initiative_id "
	"WHERE p.initiative_id = $1 AND " OVERLAP " "
	"UNION SELECT q.initiative_id FROM initiative_states p "
	"JOIN initiative_states q ON q.state_code IS NULL "
	"JOIN initiatives x ON x.id = p.initiative_id "
	"JOIN initiatives y ON y.id = q.initiative_id "
	"WHERE p.initiative_id = $1 AND p.state_code IS NULL AND "
	OVERLAP " "
	"UNION SELECT id FROM initiatives WHERE id = $1";

/* Writes @p n candidates of @p s, INSERT_ROWS a statement. */
static int
insert_all(struct ccs_db *db, const struct ccs_dup_set *s,
    const struct ccs_dup_cand *c, size_t n)
{
	struct ccs_buf sql;
	size_t i, k;
	int rc = CCS_OK;

	ccs_buf_init(&sql, 1u << 20);
	for (i = 0; i < n && rc == CCS_OK; i += k) {
		ccs_buf_reset(&sql);
		rc = ccs_buf_adds(&sql, "INSERT INTO initiative_dup_candidates "
		    "(a_id, b_id, score, reasons, jaccard) VALUES ");
		for (k = 0; rc == CCS_OK && k < INSERT_ROWS && i + k < n;
		    k++)
			rc = ccs_buf_printf(&sql, "%s(%" PRId64 ", %" PRId64
			    ", %u, %u, %u)", k > 0 ? ", " : "",
			    ccs_dup_set_entry(s, c[i + k].a)->d.id,
			    ccs_dup_set_entry(s, c[i + k].b)->d.id,
			    c[i + k].d.score, c[i + k].d.reasons,
			    c[i + k].d.jaccard);
		if (rc == CCS_OK)
			rc = ccs_db_exec(db, ccs_buf_str(&sql), NULL, 0, NULL,
			    NULL);
	}
	ccs_buf_free(&sql);
	return rc;
}

int
ccs_dup_cands_refresh(struct ccs_db *db, int64_t id)
{
	struct ccs_val v = CCS_VINT(id);
	struct ccs_dup_set *s = NULL;
	struct ccs_dup_cand *c = NULL;
	size_t n = 0;
	int rc;

	rc = ccs_db_exec(db, "DELETE FROM initiative_dup_candidates WHERE "
	    "a_id = $1", &v, 1, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "DELETE FROM initiative_dup_candidates "
		    "WHERE b_id = $1", &v, 1, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_dup_set_load_ids(db, partners_sql, &v, 1, &s);
	if (rc == CCS_OK)
		rc = ccs_dup_set_pairs_of(s, id, &c, &n);
	if (rc == CCS_OK && n > 0)
		rc = insert_all(db, s, c, n);
	free(c);
	ccs_dup_set_free(s);
	return rc;
}

int
ccs_dup_cands_refresh_ids(struct ccs_db *db, const int64_t *ids, size_t n)
{
	size_t i;
	int rc = CCS_OK;

	if (n >= CCS_DUP_REBUILD_FROM)
		return ccs_dup_cands_rebuild(db);
	for (i = 0; i < n && rc == CCS_OK; i++)
		rc = ccs_dup_cands_refresh(db, ids[i]);
	return rc;
}

int
ccs_dup_cands_rebuild(struct ccs_db *db)
{
	struct ccs_dup_set *s = NULL;
	struct ccs_dup_cand *c = NULL;
	size_t n = 0;
	int rc;

	rc = ccs_db_exec(db, "DELETE FROM initiative_dup_candidates", NULL, 0,
	    NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_dup_set_load(db, &s);
	if (rc == CCS_OK)
		rc = ccs_dup_set_pairs(s, &c, &n);
	if (rc == CCS_OK && n > 0)
		rc = insert_all(db, s, c, n);
	free(c);
	ccs_dup_set_free(s);
	return rc;
}

int
ccs_dup_cands_forget(struct ccs_db *db, int64_t a, int64_t b)
{
	struct ccs_val v[2] = { CCS_VINT(a < b ? a : b),
	    CCS_VINT(a < b ? b : a) };

	return ccs_db_exec(db, "DELETE FROM initiative_dup_candidates WHERE "
	    "a_id = $1 AND b_id = $2", v, 2, NULL, NULL);
}

int
ccs_dup_cands_backfill(struct ccs_db *db, bool *done)
{
	int64_t n = 0;
	int rc;

	*done = false;
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM meta WHERE k = "
	    "'capacity.rebuild'", NULL, 0, &n);
	if (rc != CCS_OK || n == 0)
		return rc;
	rc = ccs_db_begin(db, true);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM meta WHERE k = "
	    "'capacity.rebuild'", NULL, 0, &n);
	if (rc == CCS_OK && n > 0)
		rc = ccs_dup_cands_rebuild(db);
	if (rc == CCS_OK && n > 0)
		rc = ccs_db_exec(db, "DELETE FROM meta WHERE k = "
		    "'capacity.rebuild'", NULL, 0, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_commit(db);
	if (rc != CCS_OK) {
		ccs_db_rollback(db);
		return rc;
	}
	*done = n > 0;
	return CCS_OK;
}

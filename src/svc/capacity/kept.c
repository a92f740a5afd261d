/*
 * kept.c: keeping initiative_dup_candidates and initiative_coverage
 * true.
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
 *
 * capacity_kept_totals keeps the number of candidate rows, changed by
 * the same statements (writers run one at a time on both backends), so
 * the list's total is one row, not a count of the whole table.
 *
 * An initiative's coverage cells read only that initiative (its needs,
 * states, transactions, budgets and status): its rows are deleted and
 * written again from ccs_coverage_each, as parameters, a statement per
 * row (a few hundred at most). coverage_cells, the number of rows per
 * cell and stage, follows in the same transaction: the old rows are
 * taken off before the delete, the new ones added after the insert.
 *
 * A regional initiative covers every state: its rows are expanded over
 * the states there are, listed in coverage_states. When a state is added
 * to the directory, readers compute the matrix (coverage_read.c) until
 * the next refresh, rebuild or open re-expands every initiative's cells
 * over the new list (coverage_sync).
 */
#include <inttypes.h>
#include <stdlib.h>

#include "svc/capacity/coverage.h"
#include "svc/capacity/dup_pairs.h"
#include "svc/capacity/kept.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

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

/* Adds @p delta to the kept number of candidates; @p set: sets it. */
static int
total(struct ccs_db *db, int64_t delta, bool set)
{
	struct ccs_val v = CCS_VINT(delta);

	return ccs_db_exec(db, set ? "UPDATE capacity_kept_totals SET n = $1 "
	    "WHERE name = 'dup_candidates'" : "UPDATE capacity_kept_totals "
	    "SET n = n + $1 WHERE name = 'dup_candidates'", &v, 1, NULL,
	    NULL);
}

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

/* Coverage rows written by one INSERT. */
#define CELL_ROWS	100

/* Coverage rows waiting for their INSERT. */
struct cells {
	struct ccs_db	*db;
	size_t		 n;
	int64_t		 ini[CELL_ROWS];
	char		 need[CELL_ROWS][32];
	char		 state[CELL_ROWS][16];
	int		 stage[CELL_ROWS];
	struct ccs_val	 v[4 * CELL_ROWS];
	struct ccs_buf	 sql;
};

static int
cells_flush(struct cells *w)
{
	size_t i;
	int rc;

	if (w->n == 0)
		return CCS_OK;
	ccs_buf_reset(&w->sql);
	rc = ccs_buf_adds(&w->sql, "INSERT INTO initiative_coverage "
	    "(initiative_id, need_ref, state_code, stage) VALUES ");
	for (i = 0; rc == CCS_OK && i < w->n; i++) {
		rc = ccs_buf_printf(&w->sql, "%s($%zu, $%zu, $%zu, $%zu)",
		    i > 0 ? ", " : "", 4 * i + 1, 4 * i + 2, 4 * i + 3,
		    4 * i + 4);
		w->v[4 * i] = CCS_VINT(w->ini[i]);
		w->v[4 * i + 1] = CCS_VTEXT(w->need[i]);
		w->v[4 * i + 2] = CCS_VTEXT(w->state[i]);
		w->v[4 * i + 3] = CCS_VINT(w->stage[i]);
	}
	if (rc == CCS_OK)
		rc = ccs_db_exec(w->db, ccs_buf_str(&w->sql), w->v, 4 * w->n,
		    NULL, NULL);
	w->n = 0;
	return rc;
}

/* One (cell, initiative) of ccs_coverage_each for the kept table. */
static int
cell_cb(void *arg, const char *need, const char *state, int64_t ini,
    int stage)
{
	struct cells *w = arg;

	if (ccs_strlcpy(w->need[w->n], need, sizeof(w->need[0])) != CCS_OK ||
	    ccs_strlcpy(w->state[w->n], state, sizeof(w->state[0])) !=
	    CCS_OK)
		return CCS_EINVAL;
	w->ini[w->n] = ini;
	w->stage[w->n] = stage;
	if (++w->n < CELL_ROWS)
		return CCS_OK;
	return cells_flush(w);
}

/*
 * The cell counts of initiative @p id's rows: taken off (@p add false,
 * before its rows go) or added (after they are written). A count of 0
 * stays; readers skip it.
 */
static int
cell_counts(struct ccs_db *db, int64_t id, bool add)
{
	struct ccs_val v = CCS_VINT(id);

	return ccs_db_exec(db, add ? "INSERT INTO coverage_cells (need_ref, "
	    "state_code, stage, n) SELECT need_ref, state_code, stage, 1 "
	    "FROM initiative_coverage WHERE initiative_id = $1 "
	    "ON CONFLICT (need_ref, state_code, stage) DO UPDATE SET n = "
	    "coverage_cells.n + 1" : "UPDATE coverage_cells SET n = n - 1 "
	    "FROM initiative_coverage c WHERE c.initiative_id = $1 AND "
	    "coverage_cells.need_ref = c.need_ref AND "
	    "coverage_cells.state_code = c.state_code AND "
	    "coverage_cells.stage = c.stage", &v, 1, NULL, NULL);
}

/* Every cell count and the list of states expanded over, made again. */
static int
cell_counts_all(struct ccs_db *db)
{
	int rc;

	rc = ccs_db_exec(db, "DELETE FROM coverage_cells", NULL, 0, NULL,
	    NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "INSERT INTO coverage_cells (need_ref, "
		    "state_code, stage, n) SELECT need_ref, state_code, stage, "
		    "COUNT(*) FROM initiative_coverage GROUP BY need_ref, "
		    "state_code, stage", NULL, 0, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "DELETE FROM coverage_states", NULL, 0,
		    NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "INSERT INTO coverage_states (code) "
		    "SELECT code FROM states", NULL, 0, NULL, NULL);
	return rc;
}

/* The coverage rows of initiative @p id (0: of all) written again. */
static int
coverage_refresh(struct ccs_db *db, int64_t id)
{
	struct ccs_val v = CCS_VINT(id);
	struct cells *w;
	int64_t behind = 0;
	int rc;

	/* a state added since: every regional initiative covers it too */
	rc = ccs_coverage_states_behind(db, &behind);
	if (rc == CCS_OK && behind > 0)
		id = 0;
	if (rc == CCS_OK && id > 0)
		rc = cell_counts(db, id, false);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, id > 0 ? "DELETE FROM initiative_coverage "
		    "WHERE initiative_id = $1" : "DELETE FROM "
		    "initiative_coverage", &v, id > 0 ? 1 : 0, NULL, NULL);
	if (rc != CCS_OK)
		return rc;
	w = ccs_calloc(1, sizeof(*w));
	if (w == NULL)
		return CCS_ENOMEM;
	w->db = db;
	ccs_buf_init(&w->sql, 1u << 16);
	rc = ccs_coverage_each(db, id, cell_cb, w);
	if (rc == CCS_OK)
		rc = cells_flush(w);
	ccs_buf_free(&w->sql);
	free(w);
	if (rc == CCS_OK)
		rc = id > 0 ? cell_counts(db, id, true) : cell_counts_all(db);
	return rc;
}

int
ccs_cap_kept_refresh(struct ccs_db *db, int64_t id)
{
	struct ccs_val v = CCS_VINT(id);
	struct ccs_dup_set *s = NULL;
	struct ccs_dup_cand *c = NULL;
	int64_t gone = 0;
	size_t n = 0;
	int rc;

	rc = ccs_db_query_int(db, "SELECT (SELECT COUNT(*) FROM "
	    "initiative_dup_candidates WHERE a_id = $1) + (SELECT COUNT(*) "
	    "FROM initiative_dup_candidates WHERE b_id = $1)", &v, 1, &gone);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "DELETE FROM initiative_dup_candidates "
		    "WHERE a_id = $1", &v, 1, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "DELETE FROM initiative_dup_candidates "
		    "WHERE b_id = $1", &v, 1, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_dup_set_load_ids(db, partners_sql, &v, 1, &s);
	if (rc == CCS_OK)
		rc = ccs_dup_set_pairs_of(s, id, &c, &n);
	if (rc == CCS_OK && n > 0)
		rc = insert_all(db, s, c, n);
	if (rc == CCS_OK && (int64_t)n != gone)
		rc = total(db, (int64_t)n - gone, false);
	free(c);
	ccs_dup_set_free(s);
	if (rc == CCS_OK)
		rc = coverage_refresh(db, id);
	return rc;
}

int
ccs_cap_kept_refresh_ids(struct ccs_db *db, const int64_t *ids, size_t n)
{
	size_t i;
	int rc = CCS_OK;

	if (n >= CCS_DUP_REBUILD_FROM)
		return ccs_cap_kept_rebuild(db);
	for (i = 0; i < n && rc == CCS_OK; i++)
		rc = ccs_cap_kept_refresh(db, ids[i]);
	return rc;
}

/* By a, then b: the primary key's order, so its pages fill in turn. */
static int
cmp_key(const void *x, const void *y)
{
	const struct ccs_dup_cand *a = x, *b = y;

	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return (a->b > b->b) - (a->b < b->b);
}

int
ccs_cap_kept_rebuild(struct ccs_db *db)
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
	if (rc == CCS_OK && n > 1)
		qsort(c, n, sizeof(*c), cmp_key);
	if (rc == CCS_OK && n > 0)
		rc = insert_all(db, s, c, n);
	if (rc == CCS_OK)
		rc = total(db, (int64_t)n, true);
	free(c);
	ccs_dup_set_free(s);
	if (rc == CCS_OK)
		rc = coverage_refresh(db, 0);
	return rc;
}

int
ccs_cap_kept_forget_pair(struct ccs_db *db, int64_t a, int64_t b)
{
	struct ccs_val v[2] = { CCS_VINT(a < b ? a : b),
	    CCS_VINT(a < b ? b : a) };
	int64_t n = 0;
	int rc;

	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM "
	    "initiative_dup_candidates WHERE a_id = $1 AND b_id = $2", v, 2,
	    &n);
	if (rc == CCS_OK && n > 0)
		rc = ccs_db_exec(db, "DELETE FROM initiative_dup_candidates "
		    "WHERE a_id = $1 AND b_id = $2", v, 2, NULL, NULL);
	if (rc == CCS_OK && n > 0)
		rc = total(db, -n, false);
	return rc;
}

/*
 * When states were added since the kept coverage was expanded, expands
 * it over them in its own write transaction (at open).
 */
static int
coverage_sync(struct ccs_db *db)
{
	int64_t behind = 0;
	int rc;

	rc = ccs_coverage_states_behind(db, &behind);
	if (rc != CCS_OK || behind == 0)
		return rc;
	rc = ccs_db_begin(db, true);
	if (rc != CCS_OK)
		return rc;
	rc = coverage_refresh(db, 0);
	if (rc == CCS_OK)
		rc = ccs_db_commit(db);
	if (rc != CCS_OK)
		ccs_db_rollback(db);
	return rc;
}

int
ccs_cap_kept_backfill(struct ccs_db *db, bool *done)
{
	int64_t n = 0;
	int rc;

	*done = false;
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM meta WHERE k = "
	    "'capacity.rebuild'", NULL, 0, &n);
	/* nothing asked: the kept coverage may still lack a new state */
	if (rc == CCS_OK && n == 0)
		return coverage_sync(db);
	return rc != CCS_OK ? rc : ccs_meta_backfill(db, "capacity.rebuild",
	    ccs_cap_kept_rebuild, done);
}

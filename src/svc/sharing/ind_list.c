/*
 * ind_list.c: the list of indicator values (GET /api/v1/indicators), as
 * far as the reader may see them: a value is listed when one of its
 * sightings is readable, and everything shown, filtered or sorted on
 * (times, counts, reporting states, the TLP markings of item 3) comes
 * from readable sightings only, so a TLP:RED sighting the reader may not
 * read changes neither the rows, nor the total, nor their order.
 *
 * The policy is applied in SQL on ind_reads (migration 0032: sightings
 * counted per value, reader set, TLP and state) through the reader's
 * sets (reader_sets.h). Sorted by last or first seen, a page walks
 * ind_reads in that order from the cursor and keeps, of each value, the
 * one readable row that holds its readable last (first) time, so a deep
 * page costs what the first does. Sorted by value or type it walks
 * ind_values and keeps values with a readable row. Sorted by sightings
 * (a sum over the readable sets) it aggregates every readable row: not
 * flat. The total is exact: without filters a sum of a few counts
 * (ind_unions.h), with filters a COUNT over the readable rows
 * (docs/internals/LISTS.md). The shown numbers of the page's values
 * come from their ind_reads rows; the "restricted" count (sightings of
 * non-RED markings the reader may not read, CCS_TLP_EXISTS) too.
 */
#include <string.h>

#include "svc/sharing/indicators.h"
#include "svc/sharing/ind_reads.h"
#include "svc/sharing/ind_unions.h"
#include "svc/sharing/ind_words.h"
#include "svc/sharing/reader_sets.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"

#define NPARAMS		64	/* parameters of one query */
#define CHUNK		50	/* values whose rows one query reads */

const struct ccs_keyset_col ccs_ind_list_cols[] = {
	{ "last_seen", "r.last_seen", CCS_KEYSET_INT, true },
	{ "first_seen", "r.first_seen", CCS_KEYSET_INT, true },
	{ "value", "v.value", CCS_KEYSET_TEXT, false },
	{ "type", "v.type", CCS_KEYSET_TEXT, false },
	{ "sightings", "SUM(r.n)", CCS_KEYSET_INT, true },
};
const size_t ccs_ind_list_ncols = sizeof(ccs_ind_list_cols) /
    sizeof(ccs_ind_list_cols[0]);

/* Row x of a value comes before its row r with the same time. */
#define BEFORE	"(x.set_id < r.set_id OR (x.set_id = r.set_id AND " \
	"(x.tlp < r.tlp OR (x.tlp = r.tlp AND x.state < r.state))))"

/* How a page is found. */
enum walk {
	WALK_LAST = 0,	/* ind_reads by last_seen */
	WALK_FIRST,	/* ind_reads by first_seen */
	WALK_VALUES,	/* ind_values by value or type */
	WALK_SUM	/* every readable row, grouped by value */
};

/* One query being written: its text, its parameters, the reader's
 * keys its reader-set clauses bind and the words the trigram index
 * finds (ind_words.h; NULL for none). */
struct qb {
	struct ccs_buf			 sql;
	struct ccs_val			 v[NPARAMS];
	size_t				 np;
	struct ccs_reader_keys		 keys;
	const struct ccs_ind_words	*words;
};

static void
qb_init(struct qb *b, const struct ccs_principal *p)
{
	memset(b, 0, sizeof(*b));
	ccs_buf_init(&b->sql, 16384);
	ccs_reader_keys_of(p, &b->keys);
}

/*
 * Appends " AND <col> IN (the sets the reader may read)". A column
 * written "+r.set_id" keeps SQLite from driving the loop by the sets
 * (one probe per readable set: thousands for the RIFC) where the query
 * must walk an order or one value's few rows instead.
 */
static int
qb_readable(struct qb *b, const char *col)
{
	return ccs_reader_sets_where(&b->keys, col, &b->sql, b->v, &b->np,
	    NPARAMS);
}

/* Appends @p pre and "$n", binding @p val as parameter n. */
static int
qb_int(struct qb *b, const char *pre, int64_t val)
{
	if (b->np == NPARAMS)
		return CCS_ETOOBIG;
	b->v[b->np++] = CCS_VINT(val);
	return ccs_buf_printf(&b->sql, "%s$%zu", pre, b->np);
}

static int
qb_text(struct qb *b, const char *pre, const char *val)
{
	if (b->np == NPARAMS)
		return CCS_ETOOBIG;
	b->v[b->np++] = CCS_VTEXT(val);
	return ccs_buf_printf(&b->sql, "%s$%zu", pre, b->np);
}

/*
 * The filters of @p flt on the value @p vid (an SQL expression): type,
 * words, a readable sighting in the state, the readable last time.
 * @p last is the SQL of that time when the query has it at hand, NULL to
 * compute it.
 */
static int
qb_filters(struct qb *b, const struct ccs_ind_filter *flt,
    struct ccs_keyset *ks, const char *vid, const char *last)
{
	static const char *const words[] = { "v.value", "v.type" };
	int64_t lo = flt->since > flt->from ? flt->since : flt->from;
	int rc = CCS_OK;

	if (flt->type != NULL)
		rc = qb_text(b, " AND v.type = ", flt->type);
	if (rc == CCS_OK)
		rc = ccs_keyset_words(ks, &b->sql, flt->q, words, 2, b->v,
		    &b->np, NPARAMS);
	if (rc == CCS_OK)
		rc = ccs_ind_words_where(b->words, vid, &b->sql, b->v, &b->np,
		    NPARAMS);
	if (rc == CCS_OK && flt->state != NULL) {
		rc = ccs_buf_printf(&b->sql, " AND EXISTS (SELECT 1 FROM "
		    "ind_reads y WHERE y.value_id = %s AND y.state <> ''",
		    vid);
		if (rc == CCS_OK)
			rc = qb_text(b, " AND y.state = ", flt->state);
		if (rc == CCS_OK)
			rc = qb_readable(b, "+y.set_id");
		if (rc == CCS_OK)
			rc = ccs_buf_adds(&b->sql, ")");
	}
	if (rc != CCS_OK || (lo <= 0 && flt->to == 0))
		return rc;
	if (last != NULL) {
		if (lo > 0)
			rc = ccs_buf_printf(&b->sql, " AND %s >= ", last);
		if (rc == CCS_OK && lo > 0)
			rc = qb_int(b, "", lo);
		if (rc == CCS_OK && flt->to != 0)
			rc = ccs_buf_printf(&b->sql, " AND %s < ", last);
		if (rc == CCS_OK && flt->to != 0)
			rc = qb_int(b, "", flt->to);
		return rc;
	}
	rc = ccs_buf_printf(&b->sql, " AND (SELECT MAX(z.last_seen) FROM "
	    "ind_reads z WHERE z.value_id = %s", vid);
	if (rc == CCS_OK)
		rc = qb_readable(b, "+z.set_id");
	if (rc == CCS_OK)
		rc = qb_int(b, ") BETWEEN ", lo);
	if (rc == CCS_OK)
		rc = qb_int(b, " AND ", flt->to != 0 ? flt->to - 1 :
		    INT64_MAX);
	return rc;
}

static enum walk
walk_of(const struct ccs_keyset *ks)
{
	const char *name = ccs_keyset_column(ks)->name;

	if (strcmp(name, "last_seen") == 0)
		return WALK_LAST;
	if (strcmp(name, "first_seen") == 0)
		return WALK_FIRST;
	if (strcmp(name, "sightings") == 0)
		return WALK_SUM;
	return WALK_VALUES;
}

/*
 * The query of the ids (and sort values) of one page, or of every row
 * with @p whole. A readable row r of a value stands for it when no other
 * readable row of the value comes before it: a later last_seen (earlier
 * first_seen), or the same and a smaller (set, tlp, state).
 */
static int
page_query(struct qb *b, const struct ccs_ind_filter *flt,
    struct ccs_keyset *ks, bool whole)
{
	const char *name = ccs_keyset_column(ks)->name;
	enum walk w = walk_of(ks);
	const char *expr, *id = "r.value_id", *cmp;
	int rc;

	switch (w) {
	case WALK_LAST:
	case WALK_FIRST:
		expr = w == WALK_LAST ? "r.last_seen" : "r.first_seen";
		cmp = w == WALK_LAST ? ">" : "<";
		rc = ccs_buf_printf(&b->sql, "SELECT r.value_id AS id, %s AS "
		    "%s FROM ind_reads r JOIN ind_values v ON v.id = "
		    "r.value_id WHERE 1 = 1", expr, name);
		if (rc == CCS_OK)
			rc = qb_readable(b, "+r.set_id");
		if (rc == CCS_OK)
			rc = ccs_buf_printf(&b->sql, " AND NOT EXISTS "
			    "(SELECT 1 FROM ind_reads x WHERE x.value_id = "
			    "r.value_id AND (x.%s %s %s OR (x.%s = %s AND "
			    BEFORE "))",
			    name, cmp, expr, name, expr);
		if (rc == CCS_OK)
			rc = qb_readable(b, "+x.set_id");
		if (rc == CCS_OK)
			rc = ccs_buf_adds(&b->sql, ")");
		if (rc == CCS_OK)
			rc = qb_filters(b, flt, ks, "r.value_id",
			    w == WALK_LAST ? "r.last_seen" : NULL);
		break;
	case WALK_VALUES:
		expr = strcmp(name, "type") == 0 ? "v.type" : "v.value";
		id = "v.id";
		rc = ccs_buf_printf(&b->sql, "SELECT v.id AS id, %s AS %s FROM "
		    "ind_values v WHERE EXISTS (SELECT 1 FROM ind_reads r "
		    "WHERE r.value_id = v.id", expr, name);
		if (rc == CCS_OK)
			rc = qb_readable(b, "+r.set_id");
		if (rc == CCS_OK)
			rc = ccs_buf_adds(&b->sql, ")");
		if (rc == CCS_OK)
			rc = qb_filters(b, flt, ks, "v.id", NULL);
		break;
	case WALK_SUM:
	default:
		expr = "SUM(r.n)";
		rc = ccs_buf_adds(&b->sql, "SELECT r.value_id AS id, SUM(r.n) "
		    "AS sightings FROM ind_reads r JOIN ind_values v ON v.id = "
		    "r.value_id WHERE 1 = 1");
		if (rc == CCS_OK)
			rc = qb_readable(b, "r.set_id");
		if (rc == CCS_OK)
			rc = qb_filters(b, flt, ks, "r.value_id", NULL);
		if (rc == CCS_OK)
			rc = ccs_buf_adds(&b->sql, " GROUP BY r.value_id "
			    "HAVING 1 = 1");
		break;
	}
	if (rc == CCS_OK && !whole)
		rc = ccs_keyset_where_on(ks, expr, id, &b->sql, b->v, &b->np,
		    NPARAMS);
	if (rc == CCS_OK)
		rc = ccs_keyset_order_on(ks, expr, id, &b->sql);
	if (rc == CCS_OK && !whole)
		rc = qb_int(b, " LIMIT ", ccs_keyset_fetch(ks));
	return rc;
}

/* Whether the reader may read more than half of the reader sets. */
static int
reads_most(struct ccs_db *db, const struct ccs_principal *p, bool *most)
{
	struct qb b;
	int64_t n = 0;
	int rc;

	*most = false;
	qb_init(&b, p);
	rc = ccs_buf_adds(&b.sql, "SELECT (SELECT COUNT(*) FROM reader_sets "
	    "s WHERE 1 = 1");
	if (rc == CCS_OK)
		rc = qb_readable(&b, "s.id");
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&b.sql, ") * 2 - (SELECT COUNT(*) FROM "
		    "reader_sets)");
	if (rc == CCS_OK)
		rc = ccs_db_query_int(db, ccs_buf_str(&b.sql), b.v, b.np, &n);
	ccs_buf_free(&b.sql);
	*most = n > 0;
	return rc;
}

static bool
unfiltered(const struct ccs_ind_filter *flt)
{
	return flt->type == NULL && flt->state == NULL && flt->since <= 0 &&
	    flt->from <= 0 && flt->to == 0 && (flt->q == NULL ||
	    strspn(flt->q, " ") == strlen(flt->q));
}

/*
 * The exact number of values the reader may see that pass @p flt.
 * Without filters it is a sum of a few counts (ind_unions.h), the same
 * at any size. With filters, a reader of few sets counts the distinct
 * values of their rows (the set index); one of most sets, as the RIFC,
 * asks each value whether it has a readable row (its few rows by key),
 * which beats sorting most rows.
 */
static int
count_values(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_ind_filter *flt, const struct ccs_ind_words *w,
    struct ccs_keyset *ks, int64_t *n)
{
	struct qb b;
	bool most = false;
	int rc;

	if (unfiltered(flt)) {
		qb_init(&b, p);
		rc = ccs_ind_unions_count(db, &b.keys, n);
		ccs_buf_free(&b.sql);
		if (rc != CCS_EINVAL)
			return rc;
	}
	rc = reads_most(db, p, &most);
	if (rc != CCS_OK)
		return rc;
	qb_init(&b, p);
	b.words = w;
	if (most) {
		rc = ccs_buf_adds(&b.sql, "SELECT COUNT(*) FROM ind_values v "
		    "WHERE EXISTS (SELECT 1 FROM ind_reads r WHERE "
		    "r.value_id = v.id");
		if (rc == CCS_OK)
			rc = qb_readable(&b, "+r.set_id");
		if (rc == CCS_OK)
			rc = ccs_buf_adds(&b.sql, ")");
	} else {
		rc = ccs_buf_adds(&b.sql, "SELECT COUNT(DISTINCT r.value_id) "
		    "FROM ind_reads r JOIN ind_values v ON v.id = r.value_id "
		    "WHERE 1 = 1");
		if (rc == CCS_OK)
			rc = qb_readable(&b, "r.set_id");
	}
	if (rc == CCS_OK)
		rc = qb_filters(&b, flt, ks, most ? "v.id" : "r.value_id",
		    NULL);
	if (rc == CCS_OK)
		rc = ccs_db_query_int(db, ccs_buf_str(&b.sql), b.v, b.np, n);
	ccs_buf_free(&b.sql);
	return rc;
}

/* Sets the shown members of @p row from @p a. */
static int
acc_put(const struct ccs_ind_acc *a, json_t *row)
{
	json_t *tl = json_array();
	int t;

	/* strictest first: the label a reader must honour leads */
	for (t = CCS_TLP_NLEVELS - 1; tl != NULL && t >= 0; t--) {
		if (a->tlps & (1u << t))
			(void)json_array_append_new(tl, json_string(
			    ccs_tlp_name((enum ccs_tlp)t)));
	}
	if (tl == NULL ||
	    json_object_set_new(row, "first_seen", json_integer(a->first)) ||
	    json_object_set_new(row, "last_seen", json_integer(a->last)) ||
	    json_object_set_new(row, "sightings", json_integer(a->visible)) ||
	    json_object_set_new(row, "sightings_restricted",
	    json_integer(a->restricted)) ||
	    json_object_set(row, "states", a->states) ||
	    json_object_set_new(row, "markings", tl))
		return CCS_ENOMEM;
	return CCS_OK;
}

/* Fills rows [@p from, @p to) of @p rows (each {"id"}) with the value
 * and what @p p may see of it. */
static int
fill_chunk(struct ccs_db *db, const struct ccs_principal *p, json_t *rows,
    size_t from, size_t to)
{
	struct qb b;
	struct ccs_ind_acc a;
	json_t *got = NULL, *g, *row;
	size_t i, j, k;
	int rc;

	qb_init(&b, p);
	memset(&a, 0, sizeof(a));
	rc = ccs_buf_adds(&b.sql, "SELECT r.value_id AS id, r.tlp, r.state, "
	    "r.n, r.first_seen AS first, r.last_seen AS last, CASE WHEN 1 = 1");
	if (rc == CCS_OK)
		rc = qb_readable(&b, "r.set_id");
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&b.sql, " THEN 1 ELSE 0 END AS ok, v.type, "
		    "v.value, v.warning FROM ind_reads r JOIN ind_values v ON "
		    "v.id = r.value_id WHERE r.value_id IN (");
	for (i = from; rc == CCS_OK && i < to; i++)
		rc = qb_int(&b, i == from ? "" : ", ",
		    json_integer_value(json_object_get(json_array_get(rows, i),
		    "id")));
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&b.sql, ") ORDER BY r.value_id, r.state");
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, ccs_buf_str(&b.sql), b.v, b.np,
		    &got);
	for (i = from; rc == CCS_OK && i < to; i++) {
		row = json_array_get(rows, i);
		memset(&a, 0, sizeof(a));
		a.states = json_array();
		if (a.states == NULL) {
			rc = CCS_ENOMEM;
			break;
		}
		k = 0;
		json_array_foreach(got, j, g) {
			if (json_integer_value(json_object_get(g, "id")) !=
			    json_integer_value(json_object_get(row, "id")))
				continue;
			if (k++ == 0 && (json_object_set(row, "type",
			    json_object_get(g, "type")) || json_object_set(row,
			    "value", json_object_get(g, "value")) ||
			    json_object_set(row, "warning",
			    json_object_get(g, "warning"))))
				rc = CCS_ENOMEM;
			if (rc == CCS_OK)
				rc = ccs_ind_acc_add(&a, p, g);
		}
		if (rc == CCS_OK)
			rc = acc_put(&a, row);
		json_decref(a.states);
		a.states = NULL;
	}
	json_decref(got);
	ccs_buf_free(&b.sql);
	return rc;
}

/* The page (or every row) @p p may see, in order, each row complete. */
static int
ind_rows(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_ind_filter *flt, const struct ccs_ind_words *w,
    struct ccs_keyset *ks, bool whole, json_t **out)
{
	struct qb b;
	json_t *rows = NULL;
	size_t n, i;
	int rc;

	*out = NULL;
	qb_init(&b, p);
	b.words = w;
	rc = page_query(&b, flt, ks, whole);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, ccs_buf_str(&b.sql), b.v, b.np,
		    &rows);
	ccs_buf_free(&b.sql);
	n = rows != NULL ? json_array_size(rows) : 0;
	for (i = 0; rc == CCS_OK && i < n; i += CHUNK)
		rc = fill_chunk(db, p, rows, i, n - i > CHUNK ? i + CHUNK : n);
	if (rc != CCS_OK) {
		json_decref(rows);
		return rc;
	}
	*out = rows;
	return CCS_OK;
}

int
ccs_ind_list(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_ind_filter *flt, struct ccs_keyset *ks, bool whole,
    json_t **out, struct ccs_fail *f)
{
	struct ccs_ind_words w;
	json_t *rows = NULL;
	int64_t total = 0;
	int rc;

	*out = NULL;
	rc = ccs_ind_words_plan(db, flt->q, &w);
	if (rc == CCS_OK)
		rc = ind_rows(db, p, flt, &w, ks, whole, &rows);
	if (rc == CCS_OK && !whole) {
		ccs_keyset_words_free(ks);
		rc = count_values(db, p, flt, &w, ks, &total);
	}
	ccs_ind_words_free(&w);
	if (rc == CCS_EINVAL) {
		json_decref(rows);
		return ccs_fail(f, rc, "invalid_query", "q may hold at most %d "
		    "words", CCS_KEYSET_WORDS);
	}
	if (rc != CCS_OK) {
		json_decref(rows);
		return ccs_dbfail(f, db, rc);
	}
	if (whole) {
		*out = rows;
		return CCS_OK;
	}
	rc = ccs_keyset_reply(ks, rows, total, out);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "the list could not be "
		    "made");
	return CCS_OK;
}

/*
 * dup_list.c: the candidate duplicate initiatives under the list
 * contract (dup_list.h, docs/internals/LISTS.md "svc/listq.c").
 *
 * The candidates are kept in initiative_dup_candidates (kept.c), one row
 * per pair (a < b). A pair has no integer id of its own, so its id for
 * the keyset is a_id * 2^32 + b_id: initiative ids stay far below 2^31,
 * so the id is unique, fits in 63 bits, and orders pairs by a then b.
 * The default order, score then that id, walks the index of migration
 * 0033 from the cursor. The total of the whole list is the kept count
 * (capacity_kept_totals), not a COUNT of 400,000 rows; with ?q= it is a
 * COUNT under the same clause. Only the page's initiatives are loaded
 * (ccs_listq_shown), for the common states, needs and standards of
 * each reason (core/capacity/rules.h) and the CSV's reasons column.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "core/capacity/rules.h"
#include "svc/svc.h"
#include "svc/capacity/cap_common.h"
#include "svc/capacity/dup_list.h"
#include "svc/capacity/dup_pairs.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

/* the pair's id: see above; the same text as migration 0033's index */
#define PAIR_ID "(c.a_id * 4294967296 + c.b_id)"

static const struct ccs_keyset_col cols[] = {
	{ "score", "c.score", CCS_KEYSET_INT, true },
	{ "a_title", "ia.title", CCS_KEYSET_TEXT, false },
	{ "b_title", "ib.title", CCS_KEYSET_TEXT, false },
	{ "jaccard", "c.jaccard", CCS_KEYSET_INT, true },
};

static const char *const text[] = { "ia.title", "ib.title" };

static const struct ccs_listq_csvcol csv[] = {
	{ "a_id", "a_id", false }, { "a_title", "a_title", false },
	{ "b_id", "b_id", false }, { "b_title", "b_title", false },
	{ "score", "score", false }, { "reasons", "reasons_text", false },
};

const struct ccs_listq_def ccs_dup_list_def = {
	.name = "duplicates",
	.select = "SELECT " PAIR_ID " AS id, c.score, c.jaccard, c.reasons "
	    "AS reason_bits, c.a_id, c.b_id, ia.title AS a_title, ib.title "
	    "AS b_title",
	.from = "FROM initiative_dup_candidates c JOIN initiatives ia ON "
	    "ia.id = c.a_id JOIN initiatives ib ON ib.id = c.b_id WHERE 1 = 1",
	.cols = cols, .ncols = sizeof(cols) / sizeof(cols[0]),
	.id_expr = PAIR_ID, .text = text,
	.ntext = sizeof(text) / sizeof(text[0]),
	.date_kind = CCS_LISTQ_NODATE,
	.csv = csv, .ncsv = sizeof(csv) / sizeof(csv[0]),
	.total_all = "SELECT n FROM capacity_kept_totals WHERE name = "
	    "'dup_candidates'",
};

/* A list of the strings both sorted lists hold, as "A, B". */
static json_t *
common_strs(const char **a, size_t na, const char **b, size_t nb)
{
	json_t *out = json_array();
	size_t i = 0, j = 0;
	int c;

	while (i < na && j < nb) {
		c = strcmp(a[i], b[j]);
		if (c == 0)
			(void)json_array_append_new(out, json_string(a[i]));
		i += c <= 0;
		j += c >= 0;
	}
	return out;
}

static json_t *
common_ids(const int64_t *a, size_t na, const int64_t *b, size_t nb)
{
	json_t *out = json_array();
	size_t i = 0, j = 0;
	int64_t x, y;

	while (i < na && j < nb) {
		x = a[i];
		y = b[j];
		if (x == y)
			(void)json_array_append_new(out, json_integer(x));
		i += x <= y;
		j += x >= y;
	}
	return out;
}

static json_t *
side(const struct ccs_dup_entry *it)
{
	return json_pack("{s:I, s:s?, s:s?, s:s?, s:s?}", "id",
	    (json_int_t)it->d.id, "iati_identifier", it->ident, "title",
	    it->title, "start", it->start, "end", it->end);
}

static json_t *
reasons(const struct ccs_dup_entry *a, const struct ccs_dup_entry *b,
    const struct ccs_dup *d)
{
	json_t *r = json_array();

	if (d->reasons & CCS_DUP_STATES)
		(void)json_array_append_new(r, json_pack("{s:s, s:o}", "code",
		    "same_states", "states", common_strs(a->d.states,
		    a->d.nstates, b->d.states, b->d.nstates)));
	if (d->reasons & CCS_DUP_REGIONAL)
		(void)json_array_append_new(r, json_pack("{s:s}", "code",
		    "both_regional"));
	if (d->reasons & CCS_DUP_DATES)
		(void)json_array_append_new(r, json_pack("{s:s}", "code",
		    "overlapping_dates"));
	if (d->reasons & CCS_DUP_NEED)
		(void)json_array_append_new(r, json_pack("{s:s, s:o}", "code",
		    "same_need", "needs", common_strs(a->d.needs, a->d.nneeds,
		    b->d.needs, b->d.nneeds)));
	if (d->reasons & CCS_DUP_STANDARD)
		(void)json_array_append_new(r, json_pack("{s:s, s:o}", "code",
		    "same_standard", "standards", common_ids(a->d.lineages,
		    a->d.nlineages, b->d.lineages, b->d.nlineages)));
	if (d->reasons & CCS_DUP_TEXT)
		(void)json_array_append_new(r, json_pack("{s:s, s:f}", "code",
		    "similar_text", "similarity", d->jaccard / 1000.0));
	if (d->reasons & CCS_DUP_IMPLEMENTERS)
		(void)json_array_append_new(r, json_pack("{s:s}", "code",
		    "different_implementers"));
	return r;
}


/* The reasons as one CSV cell: "same_states: AG, JM; both_regional". */
static json_t *
reasons_text(const json_t *rs)
{
	static const char *const lists[] = { "states", "needs", "standards" };
	const json_t *r, *v, *x;
	struct ccs_buf b;
	json_t *out = NULL;
	size_t i, j, k;
	int rc = CCS_OK;

	ccs_buf_init(&b, 65536);
	json_array_foreach(rs, i, r) {
		if (rc == CCS_OK && i > 0)
			rc = ccs_buf_adds(&b, "; ");
		if (rc == CCS_OK)
			rc = ccs_buf_adds(&b, json_string_value(
			    json_object_get(r, "code")));
		for (k = 0; k < sizeof(lists) / sizeof(lists[0]); k++) {
			v = json_object_get(r, lists[k]);
			json_array_foreach(v, j, x) {
				if (rc == CCS_OK)
					rc = ccs_buf_adds(&b, j == 0 ? ": " :
					    ", ");
				if (rc == CCS_OK && json_is_integer(x))
					rc = ccs_buf_printf(&b, "%" PRId64,
					    (int64_t)json_integer_value(x));
				else if (rc == CCS_OK)
					rc = ccs_buf_adds(&b,
					    json_string_value(x));
			}
		}
		v = json_object_get(r, "similarity");
		if (rc == CCS_OK && json_is_real(v))
			rc = ccs_buf_printf(&b, ": %.2f", json_real_value(v));
	}
	if (rc == CCS_OK)
		out = json_string(ccs_buf_str(&b) != NULL ? ccs_buf_str(&b) :
		    "");
	ccs_buf_free(&b);
	return out;
}

/* The initiatives of the rows, for their titles and reasons. */
static int
load_sides(struct ccs_db *db, const json_t *rows, struct ccs_dup_set **out)
{
	struct ccs_buf sql;
	const json_t *r;
	size_t i;
	int rc;

	*out = NULL;
	ccs_buf_init(&sql, 1u << 16);
	rc = ccs_buf_adds(&sql, "SELECT id FROM initiatives WHERE id IN (0");
	json_array_foreach(rows, i, r) {
		if (rc == CCS_OK)
			rc = ccs_buf_printf(&sql, ", %" PRId64 ", %" PRId64,
			    (int64_t)json_integer_value(json_object_get(r,
			    "a_id")), (int64_t)json_integer_value(
			    json_object_get(r, "b_id")));
	}
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&sql, ")");
	if (rc == CCS_OK)
		rc = ccs_dup_set_load_ids(db, ccs_buf_str(&sql), NULL, 0, out);
	ccs_buf_free(&sql);
	return rc;
}

/* One row as shown: both initiatives, the reasons, and them as text. */
static int
dress_row(const struct ccs_dup_set *s, json_t *r)
{
	const struct ccs_dup_entry *a, *b;
	struct ccs_dup d;

	a = ccs_dup_set_find(s, json_integer_value(json_object_get(r,
	    "a_id")));
	b = ccs_dup_set_find(s, json_integer_value(json_object_get(r,
	    "b_id")));
	if (a == NULL || b == NULL)
		return CCS_EDB;	/* the table names a dead pair */
	memset(&d, 0, sizeof(d));
	d.score = (unsigned)json_integer_value(json_object_get(r, "score"));
	d.reasons = (unsigned)json_integer_value(json_object_get(r,
	    "reason_bits"));
	d.jaccard = (unsigned)json_integer_value(json_object_get(r,
	    "jaccard"));
	d.candidate = true;
	if (json_object_set_new(r, "reasons", reasons(a, b, &d)) != 0 ||
	    json_object_set_new(r, "reasons_text", reasons_text(
	    json_object_get(r, "reasons"))) != 0 ||
	    json_object_set_new(r, "a", side(a)) != 0 ||
	    json_object_set_new(r, "b", side(b)) != 0)
		return CCS_ENOMEM;
	(void)json_object_del(r, "reason_bits");
	return CCS_OK;
}

/* ccs_listq_shown: every page and CSV block, once cut. */
static int
dress(struct ccs_db *db, json_t *rows, void *arg)
{
	struct ccs_dup_set *s = NULL;
	json_t *r;
	size_t i;
	int rc;

	(void)arg;
	if (json_array_size(rows) == 0)
		return CCS_OK;
	rc = load_sides(db, rows, &s);
	json_array_foreach(rows, i, r) {
		if (rc != CCS_OK)
			break;
		rc = dress_row(s, r);
	}
	ccs_dup_set_free(s);
	return rc;
}

int
ccs_dup_query(const struct ccs_principal *p, struct ccs_keyset *ks,
    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
    struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "read initiatives");
	rc = ccs_listq_new(&ccs_dup_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	ccs_listq_shown(lq, dress, NULL);
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

/* The reply's cursors (signed with no key) replaced by "more". */
static int
drop_cursors(json_t *page, struct ccs_fail *f)
{
	bool more = !json_is_null(json_object_get(page, "next_cursor"));

	if (json_object_set_new(page, "next_cursor", json_null()) != 0 ||
	    json_object_set_new(page, "prev_cursor", json_null()) != 0 ||
	    json_object_set_new(page, "more", json_boolean(more)) != 0)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

int
ccs_dup_candidates(struct ccs_db *db, const struct ccs_principal *p,
    int64_t limit, const json_t *after, json_t **out, struct ccs_fail *f)
{
	/* signs only cursors that are dropped below, never a reply's */
	static const unsigned char key[CCS_SECRET_KEY_LEN];
	struct ccs_keyset *ks = NULL;
	struct ccs_listq *lq = NULL;
	char lim[24];
	int rc;

	*out = NULL;
	(void)ccs_snprintf(lim, sizeof(lim), "%" PRId64, limit);
	rc = ccs_keyset_new(cols, sizeof(cols) / sizeof(cols[0]), PAIR_ID,
	    &ks);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	rc = ccs_keyset_limit(ks, lim, f);
	if (rc == CCS_OK)
		rc = ccs_keyset_sort(ks, NULL, NULL, f);
	if (rc == CCS_OK)
		rc = ccs_keyset_cursor(ks, key, NULL, f);
	if (rc == CCS_OK && after != NULL && ccs_keyset_advance(ks, after) !=
	    CCS_OK)
		rc = ccs_fail(f, CCS_EINVAL, "invalid_cursor", "after: not a "
		    "pair of this list");
	if (rc == CCS_OK)
		rc = ccs_dup_query(p, ks, NULL, 0, 0, &lq, f);
	if (rc == CCS_OK)
		rc = ccs_listq_page(db, lq, out, f);
	if (rc == CCS_OK)
		rc = drop_cursors(*out, f);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
	}
	ccs_listq_free(lq);
	ccs_keyset_free(ks);
	return rc;
}

/*
 * duplicates.c: the candidate duplicate initiatives as a page, and the
 * coordinators' decisions on them.
 *
 * The candidates are kept in initiative_dup_candidates (kept.c):
 * a page is two range reads of its order index (highest score first,
 * then a, then b; the cursor is the last pair's "score.a.b"), the total
 * is the kept count (capacity_kept_totals), and only
 * the page's initiatives are loaded, for the titles and the common
 * states, needs and standards of each reason (core/capacity/rules.h).
 * A decision removes its pair; a same_work decision merges the pair
 * (dup_merge.c) and re-scores both.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/capacity/rules.h"
#include "svc/svc.h"
#include "svc/capacity/kept.h"
#include "svc/capacity/dup_merge.h"
#include "svc/capacity/dup_pairs.h"
#include "svc/capacity/duplicates.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
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

int
ccs_dup_cursor_parse(const char *text, struct ccs_dup_page *page)
{
	char buf[64], *dot1, *dot2;
	int64_t score;

	page->after = false;
	if (text == NULL || text[0] == '\0')
		return CCS_OK;
	if (ccs_strlcpy(buf, text, sizeof(buf)) != CCS_OK)
		return CCS_EINVAL;
	dot1 = strchr(buf, '.');
	dot2 = dot1 != NULL ? strchr(dot1 + 1, '.') : NULL;
	if (dot2 == NULL)
		return CCS_EINVAL;
	*dot1 = '\0';
	*dot2 = '\0';
	if (ccs_parse_i64(buf, 0, 100, &score) != CCS_OK ||
	    ccs_parse_i64(dot1 + 1, 1, INT64_MAX, &page->a) != CCS_OK ||
	    ccs_parse_i64(dot2 + 1, 1, INT64_MAX, &page->b) != CCS_OK)
		return CCS_EINVAL;
	page->score = (int)score;
	page->after = true;
	return CCS_OK;
}

/* One stored candidate: a_id, b_id, score, reasons, jaccard. */
struct row {
	int64_t		a;
	int64_t		b;
	struct ccs_dup	d;
};

struct rows {
	struct row	*v;
	size_t		 n;
	size_t		 cap;	/* limit + 1: one more tells of a next page */
};

static int
row_cb(void *arg, const struct ccs_row *r)
{
	struct rows *rs = arg;
	struct row *o;
	int64_t sc, re, ja;

	if (r->ncols != 5)
		return CCS_EDB;
	if (rs->n == rs->cap)
		return CCS_OK;
	o = &rs->v[rs->n];
	memset(o, 0, sizeof(*o));
	if (ccs_parse_i64(r->vals[0], 1, INT64_MAX, &o->a) != CCS_OK ||
	    ccs_parse_i64(r->vals[1], 1, INT64_MAX, &o->b) != CCS_OK ||
	    ccs_parse_i64(r->vals[2], 0, 100, &sc) != CCS_OK ||
	    ccs_parse_i64(r->vals[3], 0, 0xffff, &re) != CCS_OK ||
	    ccs_parse_i64(r->vals[4], 0, 1000, &ja) != CCS_OK)
		return CCS_EDB;
	o->d.score = (unsigned)sc;
	o->d.reasons = (unsigned)re;
	o->d.jaccard = (unsigned)ja;
	o->d.candidate = true;
	rs->n++;
	return CCS_OK;
}

/*
 * The rows of the page after the cursor, by two range reads of the
 * order index: the rest of the cursor's score, then the lower scores.
 */
static int
read_rows(struct ccs_db *db, const struct ccs_dup_page *page,
    struct rows *rs)
{
	struct ccs_val v[4];
	int rc = CCS_OK;

	v[0] = CCS_VINT(page->after ? page->score : 101);
	v[1] = CCS_VINT(page->a);
	v[2] = CCS_VINT(page->b);
	v[3] = CCS_VINT((int64_t)rs->cap);
	if (page->after)
		rc = ccs_db_exec(db, "SELECT a_id, b_id, score, reasons, "
		    "jaccard FROM initiative_dup_candidates WHERE score = $1 "
		    "AND (a_id > $2 OR (a_id = $2 AND b_id > $3)) "
		    "ORDER BY a_id, b_id LIMIT $4", v, 4, row_cb, rs);
	if (rc != CCS_OK || rs->n == rs->cap)
		return rc;
	v[1] = CCS_VINT((int64_t)(rs->cap - rs->n));
	return ccs_db_exec(db, "SELECT a_id, b_id, score, reasons, jaccard "
	    "FROM initiative_dup_candidates WHERE score < $1 ORDER BY score "
	    "DESC, a_id, b_id LIMIT $2", v, 2, row_cb, rs);
}

/* The initiatives of the rows, for their titles and reasons. */
static int
load_sides(struct ccs_db *db, const struct rows *rs,
    struct ccs_dup_set **out)
{
	struct ccs_buf sql;
	size_t i;
	int rc;

	*out = NULL;
	ccs_buf_init(&sql, 1u << 16);
	rc = ccs_buf_adds(&sql, "SELECT id FROM initiatives WHERE id IN (0");
	for (i = 0; i < rs->n && rc == CCS_OK; i++)
		rc = ccs_buf_printf(&sql, ", %" PRId64 ", %" PRId64,
		    rs->v[i].a, rs->v[i].b);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&sql, ")");
	if (rc == CCS_OK)
		rc = ccs_dup_set_load_ids(db, ccs_buf_str(&sql), NULL, 0, out);
	ccs_buf_free(&sql);
	return rc;
}

int
ccs_dup_candidates(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_dup_page *page, json_t **out, struct ccs_fail *f)
{
	const struct ccs_dup_entry *a, *b;
	struct ccs_dup_set *s = NULL;
	struct rows rs = { NULL, 0, 0 };
	json_t *items = NULL, *env;
	int64_t total = 0;
	size_t i, shown;
	char cur[72];
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "read initiatives");
	rs.cap = (size_t)(page->limit > 0 ? page->limit : 1) + 1;
	rs.v = ccs_calloc(rs.cap, sizeof(*rs.v));
	items = json_array();
	rc = rs.v == NULL || items == NULL ? CCS_ENOMEM : CCS_OK;
	if (rc == CCS_OK)
		rc = ccs_db_query_int(db, "SELECT n FROM capacity_kept_totals "
		    "WHERE name = 'dup_candidates'", NULL, 0, &total);
	if (rc == CCS_OK)
		rc = read_rows(db, page, &rs);
	if (rc == CCS_OK)
		rc = load_sides(db, &rs, &s);
	shown = rs.n < rs.cap ? rs.n : rs.cap - 1;
	for (i = 0; rc == CCS_OK && i < shown; i++) {
		a = ccs_dup_set_find(s, rs.v[i].a);
		b = ccs_dup_set_find(s, rs.v[i].b);
		if (a == NULL || b == NULL) {
			rc = CCS_EDB;	/* the table names a dead pair */
			break;
		}
		if (json_array_append_new(items, json_pack("{s:o, s:o, s:I, "
		    "s:o}", "a", side(a), "b", side(b), "score",
		    (json_int_t)rs.v[i].d.score, "reasons", reasons(a, b,
		    &rs.v[i].d))) != 0)
			rc = CCS_ENOMEM;
	}
	ccs_dup_set_free(s);
	if (rc != CCS_OK) {
		free(rs.v);
		json_decref(items);
		return ccs_dbfail(f, db, rc);
	}
	if (shown > 0)
		(void)ccs_snprintf(cur, sizeof(cur), "%u.%" PRId64 ".%" PRId64,
		    rs.v[shown - 1].d.score, rs.v[shown - 1].a,
		    rs.v[shown - 1].b);
	env = json_pack("{s:o, s:I, s:I, s:o}", "items", items, "count",
	    (json_int_t)json_array_size(items), "total", (json_int_t)total,
	    "next_cursor", rs.n > shown ? json_string(cur) : json_null());
	free(rs.v);
	if (env == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	*out = env;
	return CCS_OK;
}

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

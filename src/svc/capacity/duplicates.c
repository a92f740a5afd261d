/*
 * duplicates.c: finding candidate duplicate initiatives.
 *
 * Every initiative that is not cancelled is loaded once with its states,
 * needs, standards, implementers and words. Pairs are formed only inside
 * a place (a recipient state, or "regional"), since a pair that shares no
 * place is never a candidate; each pair is scored once, in the first
 * place it shares. core/capacity/rules.c decides the score. Pairs with a
 * decision are skipped.
 *
 * Non-goal: persisting candidates. They are computed when asked, so an
 * edit is reflected at once.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/capacity/rules.h"
#include "svc/svc.h"
#include "svc/capacity/duplicates.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

const struct ccs_jfield ccs_dup_decision_fields[] = {
	{ "a", CCS_J_INT, true, 0, 0 },
	{ "b", CCS_J_INT, true, 0, 0 },
	{ "decision", CCS_J_STRING, true, 1, 20 },
	{ "reason", CCS_J_STRING, true, 1, 2000 },
};
const size_t ccs_dup_decision_nfields = sizeof(ccs_dup_decision_fields) /
    sizeof(ccs_dup_decision_fields[0]);

struct item {
	struct ccs_dup_item	 d;		/* what the score reads */
	const json_t		*row;		/* id, identifier, title */
	char			**words;	/* owned */
	const char		**states;	/* owned array */
	const char		**needs;	/* owned array */
	int64_t			*lineages;	/* owned */
	int64_t			*impl;		/* owned */
};

struct set {
	struct item	*v;		/* sorted by id */
	size_t		 n;
	json_t		*rows[6];	/* query results the items borrow */
	int64_t		*decided;	/* pairs a, b with a decision */
	size_t		 ndecided;
};

static struct item *
find(struct set *s, int64_t id)
{
	size_t lo = 0, hi = s->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->v[mid].d.id == id)
			return &s->v[mid];
		if (s->v[mid].d.id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void
set_free(struct set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		ccs_dup_words_free(s->v[i].words, s->v[i].d.nwords);
		free(s->v[i].states);
		free(s->v[i].needs);
		free(s->v[i].lineages);
		free(s->v[i].impl);
	}
	free(s->v);
	for (i = 0; i < 6; i++)
		json_decref(s->rows[i]);
	free(s->decided);
}

/* Counts rows of @p rows per initiative, then fills the arrays. */
static int
attach(struct set *s, const json_t *rows, int kind)
{
	const json_t *r;
	struct item *it;
	size_t i, *cnt = NULL, k;
	int rc = CCS_ENOMEM;

	cnt = ccs_calloc(s->n ? s->n : 1, sizeof(*cnt));
	if (cnt == NULL)
		return CCS_ENOMEM;
	json_array_foreach(rows, i, r) {
		it = find(s, json_integer_value(json_object_get(r, "i")));
		if (it != NULL)
			cnt[it - s->v]++;
	}
	for (k = 0; k < s->n; k++) {
		it = &s->v[k];
		if (cnt[k] == 0)
			continue;
		if (kind == 0)
			it->states = ccs_calloc(cnt[k], sizeof(char *));
		else if (kind == 1)
			it->needs = ccs_calloc(cnt[k], sizeof(char *));
		else if (kind == 2)
			it->lineages = ccs_calloc(cnt[k], sizeof(int64_t));
		else
			it->impl = ccs_calloc(cnt[k], sizeof(int64_t));
		if ((kind == 0 && it->states == NULL) || (kind == 1 &&
		    it->needs == NULL) || (kind == 2 && it->lineages == NULL) ||
		    (kind == 3 && it->impl == NULL))
			goto out;
	}
	json_array_foreach(rows, i, r) {
		it = find(s, json_integer_value(json_object_get(r, "i")));
		if (it == NULL)
			continue;
		if (kind == 0 && json_is_null(json_object_get(r, "v")))
			it->d.regional = true;
		else if (kind == 0)
			it->states[it->d.nstates++] = json_string_value(
			    json_object_get(r, "v"));
		else if (kind == 1)
			it->needs[it->d.nneeds++] = json_string_value(
			    json_object_get(r, "v"));
		else if (kind == 2)
			it->lineages[it->d.nlineages++] = json_integer_value(
			    json_object_get(r, "v"));
		else
			it->impl[it->d.nimplementers++] = json_integer_value(
			    json_object_get(r, "v"));
	}
	for (k = 0; k < s->n; k++) {
		it = &s->v[k];
		ccs_sort_strs(it->states, it->d.nstates);
		ccs_sort_strs(it->needs, it->d.nneeds);
		ccs_sort_ids(it->lineages, it->d.nlineages);
		ccs_sort_ids(it->impl, it->d.nimplementers);
		it->d.states = it->states;
		it->d.needs = it->needs;
		it->d.lineages = it->lineages;
		it->d.implementers = it->impl;
	}
	rc = CCS_OK;
out:
	free(cnt);
	return rc;
}

static int
load(struct ccs_db *db, struct set *s)
{
	static const char *const sql[] = {
		"SELECT initiative_id AS i, state_code AS v FROM "
		    "initiative_states",
		"SELECT initiative_id AS i, need_ref AS v FROM "
		    "initiative_needs",
		"SELECT initiative_id AS i, lineage_id AS v FROM "
		    "initiative_standards",
		"SELECT initiative_id AS i, org_id AS v FROM initiative_orgs "
		    "WHERE role = 4",
	};
	struct ccs_buf text;
	const json_t *r;
	struct item *it;
	size_t i;
	int rc;

	memset(s, 0, sizeof(*s));
	rc = ccs_db_query_json(db, "SELECT id, iati_identifier, title, "
	    "description, COALESCE(actual_start, planned_start) AS start, "
	    "COALESCE(actual_end, planned_end) AS \"end\" FROM initiatives "
	    "WHERE status <> 5 ORDER BY id", NULL, 0, &s->rows[0]);
	for (i = 0; rc == CCS_OK && i < 4; i++)
		rc = ccs_db_query_json(db, sql[i], NULL, 0, &s->rows[1 + i]);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT a_id AS a, b_id AS b FROM "
		    "duplicate_decisions ORDER BY a_id, b_id", NULL, 0,
		    &s->rows[5]);
	if (rc != CCS_OK)
		return rc;
	s->n = json_array_size(s->rows[0]);
	s->v = ccs_calloc(s->n ? s->n : 1, sizeof(*s->v));
	s->ndecided = json_array_size(s->rows[5]);
	s->decided = ccs_calloc(s->ndecided * 2 + 1, sizeof(int64_t));
	if (s->v == NULL || s->decided == NULL)
		return CCS_ENOMEM;
	ccs_buf_init(&text, 1u << 20);
	json_array_foreach(s->rows[0], i, r) {
		it = &s->v[i];
		it->row = r;
		it->d.id = json_integer_value(json_object_get(r, "id"));
		it->d.start = json_string_value(json_object_get(r, "start"));
		it->d.end = json_string_value(json_object_get(r, "end"));
		ccs_buf_reset(&text);
		rc = ccs_buf_printf(&text, "%s %s", json_string_value(
		    json_object_get(r, "title")), json_is_string(
		    json_object_get(r, "description")) ? json_string_value(
		    json_object_get(r, "description")) : "");
		if (rc == CCS_OK && ccs_dup_words(ccs_buf_str(&text),
		    &it->words, &it->d.nwords) != 0)
			rc = CCS_ENOMEM;
		it->d.words = (const char **)it->words;
		if (rc != CCS_OK)
			break;
	}
	ccs_buf_free(&text);
	for (i = 0; rc == CCS_OK && i < 4; i++)
		rc = attach(s, s->rows[1 + i], (int)i);
	json_array_foreach(s->rows[5], i, r) {
		s->decided[2 * i] = json_integer_value(json_object_get(r, "a"));
		s->decided[2 * i + 1] = json_integer_value(json_object_get(r,
		    "b"));
	}
	return rc;
}

static bool
decided(const struct set *s, int64_t a, int64_t b)
{
	size_t lo = 0, hi = s->ndecided, mid;
	const int64_t *d;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		d = &s->decided[2 * mid];
		if (d[0] == a && d[1] == b)
			return true;
		if (d[0] < a || (d[0] == a && d[1] < b))
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* The first state two sorted lists share, NULL if none. */
static const char *
first_common(const struct ccs_dup_item *a, const struct ccs_dup_item *b)
{
	size_t i = 0, j = 0;
	int c;

	while (i < a->nstates && j < b->nstates) {
		c = strcmp(a->states[i], b->states[j]);
		if (c == 0)
			return a->states[i];
		if (c < 0)
			i++;
		else
			j++;
	}
	return NULL;
}

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
side(const struct item *it)
{
	return json_pack("{s:I, s:O, s:O, s:O?, s:O?}", "id",
	    (json_int_t)it->d.id, "iati_identifier", json_object_get(it->row,
	    "iati_identifier"), "title", json_object_get(it->row, "title"),
	    "start", json_object_get(it->row, "start"), "end",
	    json_object_get(it->row, "end"));
}

static json_t *
reasons(const struct item *a, const struct item *b, const struct ccs_dup *d)
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

static int
cmp_cand(const void *x, const void *y)
{
	const json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
	json_int_t sa = json_integer_value(json_object_get(a, "score"));
	json_int_t sb = json_integer_value(json_object_get(b, "score"));
	json_int_t ia, ib;

	if (sa != sb)
		return sa > sb ? -1 : 1;
	ia = json_integer_value(json_object_get(json_object_get(a, "a"),
	    "id"));
	ib = json_integer_value(json_object_get(json_object_get(b, "a"),
	    "id"));
	if (ia != ib)
		return ia < ib ? -1 : 1;
	ia = json_integer_value(json_object_get(json_object_get(a, "b"),
	    "id"));
	ib = json_integer_value(json_object_get(json_object_get(b, "b"),
	    "id"));
	return (ia > ib) - (ia < ib);
}

/* Scores pair (i, j) of @p s if @p place is the first place they share. */
static int
consider(struct set *s, size_t i, size_t j, const char *place,
    json_t *cands)
{
	const struct item *a = &s->v[i < j ? i : j], *b = &s->v[i < j ? j : i];
	const char *first = first_common(&a->d, &b->d);
	struct ccs_dup d;

	if (place != NULL ? !ccs_streq(first, place) : first != NULL)
		return CCS_OK;
	if (decided(s, a->d.id, b->d.id))
		return CCS_OK;
	ccs_dup_score(&a->d, &b->d, &d);
	if (!d.candidate)
		return CCS_OK;
	return json_array_append_new(cands, json_pack("{s:o, s:o, s:I, s:o}",
	    "a", side(a), "b", side(b), "score", (json_int_t)d.score,
	    "reasons", reasons(a, b, &d))) == 0 ? CCS_OK : CCS_ENOMEM;
}

/* Every candidate of @p s into @p cands. */
static int
pairs(struct set *s, json_t *cands)
{
	size_t i, j, k, m;
	const char *st;
	int rc = CCS_OK;

	/* regional pairs: both regional, no state in common */
	for (i = 0; i < s->n && rc == CCS_OK; i++) {
		if (!s->v[i].d.regional)
			continue;
		for (j = i + 1; j < s->n && rc == CCS_OK; j++) {
			if (s->v[j].d.regional)
				rc = consider(s, i, j, NULL, cands);
		}
	}
	/* per state: pairs holding it, scored only at their first state */
	for (i = 0; i < s->n && rc == CCS_OK; i++) {
		for (k = 0; k < s->v[i].d.nstates && rc == CCS_OK; k++) {
			st = s->v[i].d.states[k];
			for (j = i + 1; j < s->n && rc == CCS_OK; j++) {
				for (m = 0; m < s->v[j].d.nstates; m++) {
					if (strcmp(s->v[j].d.states[m], st) !=
					    0)
						continue;
					rc = consider(s, i, j, st, cands);
					break;
				}
			}
		}
	}
	return rc;
}

int
ccs_dup_candidates(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_page *page, json_t **out, struct ccs_fail *f)
{
	json_t *cands = NULL, *items = NULL, **v = NULL, *env;
	struct set s;
	size_t i, n, start;
	char cur[24];
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "read initiatives");
	rc = load(db, &s);
	cands = json_array();
	items = json_array();
	if (rc == CCS_OK && (cands == NULL || items == NULL))
		rc = CCS_ENOMEM;
	if (rc == CCS_OK)
		rc = pairs(&s, cands);
	set_free(&s);
	n = json_array_size(cands);
	if (rc == CCS_OK && n > 0) {
		v = ccs_calloc(n, sizeof(*v));
		if (v == NULL)
			rc = CCS_ENOMEM;
	}
	if (rc != CCS_OK) {
		json_decref(cands);
		json_decref(items);
		return ccs_dbfail(f, db, rc);
	}
	for (i = 0; i < n; i++)
		v[i] = json_array_get(cands, i);
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_cand);
	start = page->after > 0 && (size_t)page->after < n ?
	    (size_t)page->after : (page->after > 0 ? n : 0);
	for (i = start; i < n && (int64_t)(i - start) < page->limit; i++)
		(void)json_array_append(items, v[i]);
	free(v);
	json_decref(cands);
	(void)ccs_snprintf(cur, sizeof(cur), "%zu", i);
	env = json_pack("{s:o, s:I, s:I, s:o}", "items", items, "count",
	    (json_int_t)json_array_size(items), "total", (json_int_t)n,
	    "next_cursor", i < n ? json_string(cur) : json_null());
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

int
ccs_dup_decide(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	static const char *const decisions[] = { "co_funded", "sibling",
	    "same_work", "not_duplicate" };
	const char *dec = ccs_jstr(body, "decision");
	int64_t a = json_integer_value(json_object_get(body, "a"));
	int64_t b = json_integer_value(json_object_get(body, "b"));
	int64_t lo, hi, id = 0, n = 0;
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
	if (rc == CCS_OK) {
		rc = ccs_audit_record(db, p, "duplicate.decide",
		    "duplicate_decision", id, body, now);
	}
	v[0] = CCS_VINT(id);
	if (rc == CCS_OK)
		rc = ccs_db_query_one(db, "SELECT id, a_id AS a, b_id AS b, "
		    "decision, reason, decided_by, decided_at FROM "
		    "duplicate_decisions WHERE id = $1", &v[0], 1, out);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}

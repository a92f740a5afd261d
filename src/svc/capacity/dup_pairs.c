/*
 * dup_pairs.c: candidate duplicate pairs by a sweep over the dates.
 *
 * A candidate shares a place and overlapping dates (docs/internals/
 * CAPACITY.md, "Duplicate candidates"), so pairs are formed only inside a
 * place: every (place, initiative) is sorted by place, then effective
 * start (a missing start first: it is open to the past), and each
 * initiative is paired with the ones after it that start before it ends.
 * The rest of the rule (the topic, the score) is ccs_dup_score's. A pair
 * sharing several places is scored once, at the first state it shares;
 * "regional" is a place of its own, used only by pairs with no state in
 * common. The live initiatives and their lists are streamed from four
 * indexed scans into flat arrays: no JSON is built for rows.
 *
 * Most overlapping pairs share no topic. Before the score, a pair must
 * pass a necessary condition of its topic: a need or lineage in common,
 * or an upper bound of the word similarity reaching CCS_DUP_TEXT_MIN.
 * The bound counts the words of one whose hash bit is set in the
 * other's 256-bit signature, never fewer than the words they share, so
 * no candidate is lost and the rule stays ccs_dup_score's alone.
 *
 * Why not a SQL self-join: the overlapping pairs number millions at
 * 20,000 initiatives; the join spends most of its time producing and
 * de-duplicating them (bench/README.md), the sweep only visits them.
 *
 * The sweep runs when the candidate table is rebuilt (kept.c);
 * an initiative write loads only the initiatives sharing a place and
 * dates with it and scores its pairs (ccs_dup_set_pairs_of).
 */
#include <stdlib.h>
#include <string.h>

#include "svc/capacity/dup_pairs.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

struct ccs_dup_set {
	struct ccs_dup_entry	*v;		/* sorted by id */
	size_t			 n;
	size_t			 cap;
	int64_t			*decided;	/* pairs a, b; sorted */
	size_t			 ndecided;
	size_t			 capdecided;
	struct ccs_buf		 text;		/* scratch for the words */
};

/* One (place, entry) of the sweep; place NULL is "regional". */
struct slot {
	const char	*place;
	const char	*start;		/* the entry's start */
	size_t		 e;
};

void
ccs_dup_set_free(struct ccs_dup_set *s)
{
	struct ccs_dup_entry *e;
	size_t i, k;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		e = &s->v[i];
		ccs_dup_words_free(e->words, e->d.nwords);
		for (k = 0; k < e->d.nstates; k++)
			free(e->states[k]);
		for (k = 0; k < e->d.nneeds; k++)
			free(e->needs[k]);
		free(e->states);
		free(e->needs);
		free(e->lineages);
		free(e->impl);
		free(e->wbit);
		free(e->ident);
		free(e->title);
		free(e->start);
		free(e->end);
	}
	free(s->v);
	free(s->decided);
	ccs_buf_free(&s->text);
	free(s);
}

const struct ccs_dup_entry *
ccs_dup_set_entry(const struct ccs_dup_set *s, size_t i)
{
	return &s->v[i];
}

static struct ccs_dup_entry *
find(struct ccs_dup_set *s, const char *idtext)
{
	size_t lo = 0, hi = s->n, mid;
	int64_t id;

	if (ccs_parse_i64(idtext, 1, INT64_MAX, &id) != CCS_OK)
		return NULL;
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

/* Duplicates @p v into *out unless NULL. */
static int
dup_opt(const char *v, char **out)
{
	*out = NULL;
	if (v == NULL)
		return CCS_OK;
	*out = ccs_strdup(v);
	return *out == NULL ? CCS_ENOMEM : CCS_OK;
}

/* The signature of @p e's words: FNV-1a of each, 8 bits of it. */
static int
sign(struct ccs_dup_entry *e)
{
	const unsigned char *w;
	uint32_t h;
	size_t i;

	e->wbit = ccs_calloc(e->d.nwords ? e->d.nwords : 1, 1);
	if (e->wbit == NULL)
		return CCS_ENOMEM;
	for (i = 0; i < e->d.nwords; i++) {
		h = 2166136261u;
		for (w = (const unsigned char *)e->words[i]; *w != '\0'; w++)
			h = (h ^ *w) * 16777619u;
		e->wbit[i] = (unsigned char)(h & 0xffu);
		e->sig[e->wbit[i] >> 6] |= (uint64_t)1 << (e->wbit[i] & 63u);
	}
	return CCS_OK;
}

/* id, iati_identifier, title, description, start, end */
static int
entry_cb(void *arg, const struct ccs_row *row)
{
	struct ccs_dup_set *s = arg;
	struct ccs_dup_entry *e, *nv;
	size_t ncap;
	int rc;

	if (row->ncols != 6 || row->vals[0] == NULL)
		return CCS_EDB;
	if (s->n == s->cap) {
		ncap = s->cap ? s->cap * 2 : 256;
		nv = ccs_reallocarray(s->v, ncap, sizeof(*nv));
		if (nv == NULL)
			return CCS_ENOMEM;
		s->v = nv;
		s->cap = ncap;
	}
	e = &s->v[s->n];
	memset(e, 0, sizeof(*e));
	s->n++;
	if (ccs_parse_i64(row->vals[0], 1, INT64_MAX, &e->d.id) != CCS_OK)
		return CCS_EDB;
	rc = dup_opt(row->vals[1], &e->ident);
	if (rc == CCS_OK)
		rc = dup_opt(row->vals[2], &e->title);
	if (rc == CCS_OK)
		rc = dup_opt(row->vals[4], &e->start);
	if (rc == CCS_OK)
		rc = dup_opt(row->vals[5], &e->end);
	if (rc != CCS_OK)
		return rc;
	e->d.start = e->start;
	e->d.end = e->end;
	ccs_buf_reset(&s->text);
	rc = ccs_buf_printf(&s->text, "%s %s", row->vals[2] ? row->vals[2] :
	    "", row->vals[3] ? row->vals[3] : "");
	if (rc != CCS_OK)
		return rc;
	if (ccs_dup_words(ccs_buf_str(&s->text), &e->words, &e->d.nwords) !=
	    0)
		return CCS_ENOMEM;
	e->d.words = (const char **)e->words;
	return sign(e);
}

/* Makes room for one more element in list @p k of @p e. */
static int
grow(struct ccs_dup_entry *e, int k, size_t n)
{
	void **list[4] = { (void **)&e->states, (void **)&e->needs,
	    (void **)&e->lineages, (void **)&e->impl };
	size_t size = k < 2 ? sizeof(char *) : sizeof(int64_t), ncap;
	void *nv;

	if (n < e->cap[k])
		return CCS_OK;
	ncap = e->cap[k] ? e->cap[k] * 2 : 4;
	nv = ccs_reallocarray(*list[k], ncap, size);
	if (nv == NULL)
		return CCS_ENOMEM;
	*list[k] = nv;
	e->cap[k] = ncap;
	return CCS_OK;
}

struct list_ctx {
	struct ccs_dup_set	*s;
	int			 kind;	/* 0 states, 1 needs, 2 std, 3 impl */
};

/* initiative id, value */
static int
list_cb(void *arg, const struct ccs_row *row)
{
	struct list_ctx *c = arg;
	struct ccs_dup_entry *e;
	size_t *n;
	int64_t id;
	int rc;

	if (row->ncols != 2 || row->vals[0] == NULL)
		return CCS_EDB;
	e = find(c->s, row->vals[0]);
	if (e == NULL)
		return CCS_OK;	/* cancelled or merged */
	if (c->kind == 0 && row->vals[1] == NULL) {
		e->d.regional = true;
		return CCS_OK;
	}
	if (row->vals[1] == NULL)
		return CCS_EDB;
	n = c->kind == 0 ? &e->d.nstates : c->kind == 1 ? &e->d.nneeds :
	    c->kind == 2 ? &e->d.nlineages : &e->d.nimplementers;
	rc = grow(e, c->kind, *n);
	if (rc != CCS_OK)
		return rc;
	if (c->kind < 2) {
		char *v = ccs_strdup(row->vals[1]);

		if (v == NULL)
			return CCS_ENOMEM;
		if (c->kind == 0)
			e->states[(*n)++] = v;
		else
			e->needs[(*n)++] = v;
		return CCS_OK;
	}
	if (ccs_parse_i64(row->vals[1], INT64_MIN, INT64_MAX, &id) != CCS_OK)
		return CCS_EDB;
	if (c->kind == 2)
		e->lineages[(*n)++] = id;
	else
		e->impl[(*n)++] = id;
	return CCS_OK;
}

static int
decided_cb(void *arg, const struct ccs_row *row)
{
	struct ccs_dup_set *s = arg;
	int64_t *nv;
	size_t ncap;

	if (row->ncols != 2)
		return CCS_EDB;
	if (s->ndecided == s->capdecided) {
		ncap = s->capdecided ? s->capdecided * 2 : 64;
		nv = ccs_reallocarray(s->decided, ncap, 2 * sizeof(*nv));
		if (nv == NULL)
			return CCS_ENOMEM;
		s->decided = nv;
		s->capdecided = ncap;
	}
	if (ccs_parse_i64(row->vals[0], 1, INT64_MAX,
	    &s->decided[2 * s->ndecided]) != CCS_OK || ccs_parse_i64(
	    row->vals[1], 1, INT64_MAX, &s->decided[2 * s->ndecided + 1]) !=
	    CCS_OK)
		return CCS_EDB;
	s->ndecided++;
	return CCS_OK;
}

/* @p base, restricted to the ids of @p ids_sql on @p col when set. */
static int
scoped(struct ccs_buf *b, const char *base, const char *col,
    const char *ids_sql, const char *tail)
{
	ccs_buf_reset(b);
	if (ids_sql == NULL)
		return ccs_buf_printf(b, "%s%s", base, tail);
	return ccs_buf_printf(b, "%s %s %s IN (%s)%s", base,
	    strstr(base, " WHERE ") != NULL ? "AND" : "WHERE", col, ids_sql,
	    tail);
}

int
ccs_dup_set_load_ids(struct ccs_db *db, const char *ids_sql,
    const struct ccs_val *v, size_t nv, struct ccs_dup_set **out)
{
	static const char *const lists[] = {
		"SELECT initiative_id, state_code "
		    "FROM initiative_states",
		"SELECT initiative_id, need_ref "
		    "FROM initiative_needs",
		"SELECT initiative_id, lineage_id "
		    "FROM initiative_standards",
		"SELECT initiative_id, org_id "
		    "FROM initiative_orgs WHERE role = 4",
	};
	struct ccs_dup_set *s;
	struct ccs_dup_entry *e;
	struct list_ctx c;
	struct ccs_buf sql;
	size_t i;
	int rc;

	*out = NULL;
	s = ccs_calloc(1, sizeof(*s));
	if (s == NULL)
		return CCS_ENOMEM;
	ccs_buf_init(&s->text, 1u << 20);
	ccs_buf_init(&sql, 1u << 16);
	rc = scoped(&sql, "SELECT id, iati_identifier, title, description, "
	    "COALESCE(actual_start, planned_start), COALESCE(actual_end, "
	    "planned_end) FROM initiatives WHERE status <> 5 AND "
	    "merged_into IS NULL", "id", ids_sql, " ORDER BY id");
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, ccs_buf_str(&sql), v, nv, entry_cb, s);
	c.s = s;
	for (i = 0; rc == CCS_OK && i < 4; i++) {
		c.kind = (int)i;
		rc = scoped(&sql, lists[i], "initiative_id", ids_sql, "");
		if (rc == CCS_OK)
			rc = ccs_db_exec(db, ccs_buf_str(&sql), v, nv, list_cb,
			    &c);
	}
	if (rc == CCS_OK)
		rc = scoped(&sql, "SELECT a_id, b_id FROM duplicate_decisions",
		    "a_id", ids_sql, " ORDER BY a_id, b_id");
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, ccs_buf_str(&sql), v, nv, decided_cb, s);
	ccs_buf_free(&sql);
	if (rc != CCS_OK) {
		ccs_dup_set_free(s);
		return rc;
	}
	for (i = 0; i < s->n; i++) {
		e = &s->v[i];
		ccs_sort_strs((const char **)e->states, e->d.nstates);
		ccs_sort_strs((const char **)e->needs, e->d.nneeds);
		ccs_sort_ids(e->lineages, e->d.nlineages);
		ccs_sort_ids(e->impl, e->d.nimplementers);
		e->d.states = (const char **)e->states;
		e->d.needs = (const char **)e->needs;
		e->d.lineages = e->lineages;
		e->d.implementers = e->impl;
	}
	*out = s;
	return CCS_OK;
}

int
ccs_dup_set_load(struct ccs_db *db, struct ccs_dup_set **out)
{
	return ccs_dup_set_load_ids(db, NULL, NULL, 0, out);
}

size_t
ccs_dup_set_count(const struct ccs_dup_set *s)
{
	return s->n;
}

const struct ccs_dup_entry *
ccs_dup_set_find(const struct ccs_dup_set *s, int64_t id)
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

static bool
decided(const struct ccs_dup_set *s, int64_t a, int64_t b)
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

/*
 * False only when @p a and @p b cannot share a topic: no need, no
 * lineage, and a similarity below CCS_DUP_TEXT_MIN even if every word of
 * @p a whose bit @p b's signature holds were a shared word.
 */
static bool
topic_possible(const struct ccs_dup_entry *a, const struct ccs_dup_entry *b)
{
	size_t i, j, c = 0, na = a->d.nwords, nb = b->d.nwords, uni;

	for (i = 0; i < a->d.nneeds; i++) {
		for (j = 0; j < b->d.nneeds; j++) {
			if (strcmp(a->needs[i], b->needs[j]) == 0)
				return true;
		}
	}
	for (i = 0; i < a->d.nlineages; i++) {
		for (j = 0; j < b->d.nlineages; j++) {
			if (a->lineages[i] == b->lineages[j])
				return true;
		}
	}
	if (na == 0 || nb == 0)
		return false;
	for (i = 0; i < na; i++)
		c += (b->sig[a->wbit[i] >> 6] >> (a->wbit[i] & 63u)) & 1u;
	c = c < nb ? c : nb;
	/* the rounding of ccs_dup_jaccard, at the bound */
	uni = na + nb - c;
	return (c * 1000 + uni / 2) / uni >= CCS_DUP_TEXT_MIN;
}

/* NULL sorts first: a missing place or start is the smallest. */
static int
cmp_opt(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

struct sweep {
	struct ccs_dup_set	*s;
	struct slot		*slots;
	size_t			 nslots;
	struct ccs_dup_cand	*c;	/* candidates so far */
	size_t			 n;
	size_t			 cap;
};

static int
cmp_slot(const void *x, const void *y)
{
	const struct slot *a = x, *b = y;
	int c = cmp_opt(a->place, b->place);

	if (c == 0)
		c = cmp_opt(a->start, b->start);
	if (c == 0)
		c = (a->e > b->e) - (a->e < b->e);
	return c;
}

static int
push(struct sweep *w, size_t a, size_t b, const struct ccs_dup *d)
{
	struct ccs_dup_cand *nv;
	size_t ncap;

	if (w->n == w->cap) {
		ncap = w->cap ? w->cap * 2 : 1024;
		nv = ccs_reallocarray(w->c, ncap, sizeof(*nv));
		if (nv == NULL)
			return CCS_ENOMEM;
		w->c = nv;
		w->cap = ncap;
	}
	w->c[w->n].a = a;
	w->c[w->n].b = b;
	w->c[w->n].d = *d;
	w->n++;
	return CCS_OK;
}

/* Scores (x, y) met in @p place if that is the first place they share. */
static int
consider(struct sweep *w, size_t x, size_t y, const char *place)
{
	const struct ccs_dup_entry *a, *b;
	const char *first;
	struct ccs_dup d;

	a = &w->s->v[x < y ? x : y];
	b = &w->s->v[x < y ? y : x];
	first = first_common(&a->d, &b->d);
	if (place != NULL ? first != place && !ccs_streq(first, place) :
	    first != NULL)
		return CCS_OK;
	if (!topic_possible(a, b) || decided(w->s, a->d.id, b->d.id))
		return CCS_OK;
	ccs_dup_score(&a->d, &b->d, &d);
	if (!d.candidate)
		return CCS_OK;
	return push(w, x < y ? x : y, x < y ? y : x, &d);
}

static int
sweep_places(struct sweep *w)
{
	const struct slot *si, *sj;
	const char *end;
	size_t i, j;
	int rc = CCS_OK;

	for (i = 0; i < w->nslots && rc == CCS_OK; i++) {
		si = &w->slots[i];
		end = w->s->v[si->e].d.end;
		for (j = i + 1; j < w->nslots && rc == CCS_OK; j++) {
			sj = &w->slots[j];
			if (cmp_opt(si->place, sj->place) != 0)
				break;
			/* sorted by start: nothing later overlaps either */
			if (end != NULL && sj->start != NULL &&
			    strcmp(sj->start, end) > 0)
				break;
			rc = consider(w, si->e, sj->e, si->place);
		}
	}
	return rc;
}

static int
cmp_cand(const void *x, const void *y)
{
	const struct ccs_dup_cand *a = x, *b = y;

	if (a->d.score != b->d.score)
		return a->d.score > b->d.score ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return (a->b > b->b) - (a->b < b->b);
}

int
ccs_dup_set_pairs(struct ccs_dup_set *s, struct ccs_dup_cand **out,
    size_t *n)
{
	struct sweep w;
	size_t i, m, nk = 0;
	int rc = CCS_ENOMEM;

	*out = NULL;
	*n = 0;
	memset(&w, 0, sizeof(w));
	w.s = s;
	for (i = 0; i < s->n; i++)
		nk += s->v[i].d.nstates + (s->v[i].d.regional ? 1 : 0);
	w.slots = ccs_calloc(nk ? nk : 1, sizeof(*w.slots));
	if (w.slots == NULL)
		goto out;
	for (i = 0, nk = 0; i < s->n; i++) {
		for (m = 0; m <= s->v[i].d.nstates; m++) {
			if (m == s->v[i].d.nstates && !s->v[i].d.regional)
				break;
			w.slots[nk].place = m < s->v[i].d.nstates ?
			    s->v[i].d.states[m] : NULL;
			w.slots[nk].start = s->v[i].d.start;
			w.slots[nk++].e = i;
		}
	}
	if (nk > 1)
		qsort(w.slots, nk, sizeof(*w.slots), cmp_slot);
	w.nslots = nk;
	rc = sweep_places(&w);
	if (rc != CCS_OK)
		goto out;
	if (w.n > 1)
		qsort(w.c, w.n, sizeof(*w.c), cmp_cand);
	*out = w.c;
	*n = w.n;
	w.c = NULL;
out:
	free(w.slots);
	free(w.c);
	return rc;
}

int
ccs_dup_set_pairs_of(struct ccs_dup_set *s, int64_t id,
    struct ccs_dup_cand **out, size_t *n)
{
	const struct ccs_dup_entry *x = ccs_dup_set_find(s, id), *y;
	struct sweep w;
	struct ccs_dup d;
	size_t i, xi;
	int rc = CCS_OK;

	*out = NULL;
	*n = 0;
	if (x == NULL)
		return CCS_OK;	/* cancelled or merged: no pairs */
	memset(&w, 0, sizeof(w));
	w.s = s;
	xi = (size_t)(x - s->v);
	for (i = 0; i < s->n && rc == CCS_OK; i++) {
		y = &s->v[i];
		if (i == xi)
			continue;
		if (!topic_possible(i < xi ? y : x, i < xi ? x : y) ||
		    decided(s, i < xi ? y->d.id : x->d.id, i < xi ? x->d.id :
		    y->d.id))
			continue;
		ccs_dup_score(i < xi ? &y->d : &x->d, i < xi ? &x->d : &y->d,
		    &d);
		if (d.candidate)
			rc = push(&w, i < xi ? i : xi, i < xi ? xi : i, &d);
	}
	if (rc != CCS_OK) {
		free(w.c);
		return rc;
	}
	*out = w.c;
	*n = w.n;
	return CCS_OK;
}

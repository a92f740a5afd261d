/*
 * coverage.c: the needs x states coverage matrix.
 *
 * An initiative covers a cell when it addresses the need and the state is
 * one of its recipients (a regional share covers every state). Its stage
 * in the cell comes from its status and from the transactions that apply
 * there: a transaction naming a need or a state applies only to that
 * need or state. Cancelled initiatives, and initiatives merged into
 * another, cover nothing. The cell's stage is the furthest of its
 * initiatives'.
 *
 * Each list is read once by an indexed scan into flat per-initiative
 * arrays (no JSON per row); every initiative then visits only its own
 * cells, so the work is the number of (initiative, need, state) triples,
 * not needs x states x initiatives. The values an initiative repeats in
 * many cells (id, identifier, title) are made once and shared.
 *
 * This is the rule itself: the kept table initiative_coverage is written
 * from ccs_coverage_each, and the exports (every initiative of every
 * cell) and readers whose kept rows are behind the states read
 * ccs_coverage_full. The matrix the API pages is coverage_read.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "core/capacity/rules.h"
#include "svc/svc.h"
#include "svc/capacity/coverage.h"
#include "svc/capacity/coverage_axes.h"
#include "svc/capacity/cap_common.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

/* One transaction as a cell sees it: the need and state it names. */
struct tx {
	int	type;
	int	need;		/* need index, -1 for any */
	int	state;		/* state index, -1 for any */
};

struct ini {
	int64_t	 id;
	int	 status;
	bool	 committed;	/* a committed budget */
	bool	 regional;	/* covers every state */
	json_t	*jid;		/* shared values of the cell lists */
	json_t	*ident;
	json_t	*title;
	int	*needs;		/* need indexes */
	size_t	 nneeds;
	int	*states;	/* state indexes */
	size_t	 nstates;
	struct tx *tx;
	size_t	 ntx;
	size_t	 cap[3];
};

/* One (cell, initiative, stage) of the matrix. */
struct hit {
	size_t	cell;
	size_t	ini;
	int	stage;
};

struct cov {
	const char	**needs;	/* refs, in matrix order (borrowed) */
	size_t		  nneeds;
	const char	**states;	/* codes, in matrix order (borrowed) */
	size_t		  nstates;
	struct ini	 *v;		/* sorted by id */
	size_t		  n;
	size_t		  cap;
	struct hit	 *hits;
	size_t		  nhits;
	size_t		  caphits;
};

static void
cov_free(struct cov *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		json_decref(c->v[i].jid);
		json_decref(c->v[i].ident);
		json_decref(c->v[i].title);
		free(c->v[i].needs);
		free(c->v[i].states);
		free(c->v[i].tx);
	}
	free(c->v);
	free(c->hits);
}

/* Index of @p s in the sorted-by-matrix list @p v, -1 if none. */
static int
index_of(const char **v, size_t n, const char *s)
{
	return ccs_cov_axes_index(v, n, s);
}

static struct ini *
find(struct cov *c, const char *idtext)
{
	size_t lo = 0, hi = c->n, mid;
	int64_t id;

	if (idtext == NULL || ccs_parse_i64(idtext, 1, INT64_MAX, &id) !=
	    CCS_OK)
		return NULL;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->v[mid].id == id)
			return &c->v[mid];
		if (c->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* id, iati_identifier, title, status, committed */
static int
ini_cb(void *arg, const struct ccs_row *row)
{
	struct cov *c = arg;
	struct ini *e, *nv;
	int64_t st, com;
	size_t ncap;

	if (row->ncols != 5 || row->vals[0] == NULL || row->vals[3] == NULL)
		return CCS_EDB;
	if (c->n == c->cap) {
		ncap = c->cap ? c->cap * 2 : 256;
		nv = ccs_reallocarray(c->v, ncap, sizeof(*nv));
		if (nv == NULL)
			return CCS_ENOMEM;
		c->v = nv;
		c->cap = ncap;
	}
	e = &c->v[c->n];
	memset(e, 0, sizeof(*e));
	c->n++;
	if (ccs_parse_i64(row->vals[0], 1, INT64_MAX, &e->id) != CCS_OK ||
	    ccs_parse_i64(row->vals[3], 1, 6, &st) != CCS_OK ||
	    ccs_parse_i64(row->vals[4] ? row->vals[4] : "0", 0, INT64_MAX,
	    &com) != CCS_OK)
		return CCS_EDB;
	e->status = (int)st;
	e->committed = com > 0;
	e->jid = json_integer(e->id);
	e->ident = json_string(row->vals[1] ? row->vals[1] : "");
	e->title = json_string(row->vals[2] ? row->vals[2] : "");
	if (e->jid == NULL || e->ident == NULL || e->title == NULL)
		return CCS_ENOMEM;
	return CCS_OK;
}

/* Room for one more element of list @p k (0 needs, 1 states, 2 tx). */
static int
grow(struct ini *e, int k)
{
	void **list[3] = { (void **)&e->needs, (void **)&e->states,
	    (void **)&e->tx };
	size_t n = k == 0 ? e->nneeds : k == 1 ? e->nstates : e->ntx;
	size_t size = k == 2 ? sizeof(struct tx) : sizeof(int), ncap;
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

/* initiative, need */
static int
need_cb(void *arg, const struct ccs_row *row)
{
	struct cov *c = arg;
	struct ini *e = find(c, row->ncols == 2 ? row->vals[0] : NULL);
	int k, rc;

	if (e == NULL)
		return CCS_OK;	/* cancelled or merged */
	k = index_of(c->needs, c->nneeds, row->vals[1]);
	if (k < 0)
		return CCS_OK;
	rc = grow(e, 0);
	if (rc == CCS_OK)
		e->needs[e->nneeds++] = k;
	return rc;
}

/* initiative, state (NULL: regional) */
static int
state_cb(void *arg, const struct ccs_row *row)
{
	struct cov *c = arg;
	struct ini *e = find(c, row->ncols == 2 ? row->vals[0] : NULL);
	int k, rc;

	if (e == NULL)
		return CCS_OK;
	if (row->vals[1] == NULL) {
		e->regional = true;
		return CCS_OK;
	}
	k = index_of(c->states, c->nstates, row->vals[1]);
	if (k < 0)
		return CCS_OK;
	rc = grow(e, 1);
	if (rc == CCS_OK)
		e->states[e->nstates++] = k;
	return rc;
}

/* initiative, type, need, state */
static int
tx_cb(void *arg, const struct ccs_row *row)
{
	struct cov *c = arg;
	struct ini *e = find(c, row->ncols == 4 ? row->vals[0] : NULL);
	struct tx *t;
	int64_t type;
	int rc;

	if (e == NULL)
		return CCS_OK;
	if (ccs_parse_i64(row->vals[1], 1, 13, &type) != CCS_OK)
		return CCS_EDB;
	rc = grow(e, 2);
	if (rc != CCS_OK)
		return rc;
	t = &e->tx[e->ntx++];
	t->type = (int)type;
	/* a need or state outside the matrix applies to no cell */
	t->need = row->vals[2] == NULL ? -1 : index_of(c->needs, c->nneeds,
	    row->vals[2]);
	t->state = row->vals[3] == NULL ? -1 : index_of(c->states,
	    c->nstates, row->vals[3]);
	if ((row->vals[2] != NULL && t->need < 0) || (row->vals[3] != NULL &&
	    t->state < 0))
		e->ntx--;
	return CCS_OK;
}

/* The stage of @p e in cell (@p need, @p state). */
static int
stage_in(const struct ini *e, int need, int state)
{
	int types[64];
	size_t i, n = 0;
	enum ccs_stage s, best;

	best = ccs_stage_of(e->status, NULL, 0, e->committed);
	for (i = 0; i < e->ntx; i++) {
		if ((e->tx[i].need >= 0 && e->tx[i].need != need) ||
		    (e->tx[i].state >= 0 && e->tx[i].state != state))
			continue;
		types[n++] = e->tx[i].type;
		if (n == sizeof(types) / sizeof(types[0])) {
			s = ccs_stage_of(e->status, types, n, false);
			best = s > best ? s : best;
			n = 0;
		}
	}
	s = ccs_stage_of(e->status, types, n, false);
	return (int)(s > best ? s : best);
}

static int
add_hit(struct cov *c, size_t cell, size_t ini, int stage)
{
	struct hit *nv;
	size_t ncap;

	if (c->nhits == c->caphits) {
		ncap = c->caphits ? c->caphits * 2 : 1024;
		nv = ccs_reallocarray(c->hits, ncap, sizeof(*nv));
		if (nv == NULL)
			return CCS_ENOMEM;
		c->hits = nv;
		c->caphits = ncap;
	}
	c->hits[c->nhits].cell = cell;
	c->hits[c->nhits].ini = ini;
	c->hits[c->nhits++].stage = stage;
	return CCS_OK;
}

/* Every (cell, initiative) in initiative order. */
static int
fill(struct cov *c)
{
	const struct ini *e;
	size_t i, k, m, ns;
	int st, rc = CCS_OK;

	for (i = 0; i < c->n && rc == CCS_OK; i++) {
		e = &c->v[i];
		if (e->status == CCS_IATI_STATUS_CANCELLED)
			continue;
		ns = e->regional ? c->nstates : e->nstates;
		for (k = 0; k < e->nneeds && rc == CCS_OK; k++) {
			for (m = 0; m < ns && rc == CCS_OK; m++) {
				st = e->regional ? (int)m : e->states[m];
				/* a state listed and regional: once */
				rc = add_hit(c, (size_t)e->needs[k] *
				    c->nstates + (size_t)st, i, stage_in(e,
				    e->needs[k], st));
			}
		}
	}
	return rc;
}

static int
cmp_hit(const void *x, const void *y)
{
	const struct hit *a = x, *b = y;

	if (a->cell != b->cell)
		return a->cell < b->cell ? -1 : 1;
	return (a->ini > b->ini) - (a->ini < b->ini);
}

/* The matrix of @p c as the "cells" JSON, every cell with its list. */
static int
build(struct cov *c, json_t *cells)
{
	json_t *stage[CCS_STAGE_COMPLETED + 1], *list, *o;
	size_t i, h = 0, cell;
	int best, rc = CCS_OK;

	for (i = 0; i <= CCS_STAGE_COMPLETED; i++)
		stage[i] = json_string(ccs_stage_name((enum ccs_stage)i));
	if (c->nhits > 1)
		qsort(c->hits, c->nhits, sizeof(*c->hits), cmp_hit);
	for (cell = 0; rc == CCS_OK && cell < c->nneeds * c->nstates;
	    cell++) {
		best = CCS_STAGE_UNCOVERED;
		list = json_array();
		if (list == NULL) {
			rc = CCS_ENOMEM;
			break;
		}
		/* a state listed twice (or also regional) counts once */
		for (; h < c->nhits && c->hits[h].cell == cell; h++) {
			if (h > 0 && c->hits[h - 1].cell == cell &&
			    c->hits[h - 1].ini == c->hits[h].ini)
				continue;
			best = c->hits[h].stage > best ? c->hits[h].stage :
			    best;
			o = json_object();
			if (o == NULL || json_object_set(o, "id",
			    c->v[c->hits[h].ini].jid) != 0 ||
			    json_object_set(o, "iati_identifier",
			    c->v[c->hits[h].ini].ident) != 0 ||
			    json_object_set(o, "title",
			    c->v[c->hits[h].ini].title) != 0 ||
			    json_object_set(o, "stage",
			    stage[c->hits[h].stage]) != 0 ||
			    json_array_append_new(list, o) != 0) {
				json_decref(o);
				rc = CCS_ENOMEM;
				break;
			}
		}
		if (rc == CCS_OK && json_array_append_new(cells, json_pack(
		    "{s:s, s:s, s:O, s:I, s:o}", "need", c->needs[cell /
		    c->nstates], "state", c->states[cell % c->nstates],
		    "stage", stage[best], "count", (json_int_t)json_array_size(
		    list), "initiatives", list)) != 0)
			rc = CCS_ENOMEM;
		else if (rc != CCS_OK)
			json_decref(list);
	}
	for (i = 0; i <= CCS_STAGE_COMPLETED; i++)
		json_decref(stage[i]);
	return rc;
}

/* The axes of @p a in @p c (borrowed). */
static void
axes_into(struct cov *c, const struct ccs_cov_axes *a)
{
	c->needs = a->refs;
	c->nneeds = a->nneeds;
	c->states = a->codes;
	c->nstates = a->nstates;
}

/* The lists of initiative @p id (0: of every live one) into @p c. */
static int
load_lists(struct ccs_db *db, struct cov *c, int64_t id)
{
	struct ccs_val v = CCS_VINT(id);
	size_t nv = id > 0 ? 1 : 0;
	int rc;

	rc = ccs_db_exec(db, id > 0 ? "SELECT i.id, i.iati_identifier, "
	    "i.title, i.status, (SELECT COUNT(*) FROM initiative_budgets b "
	    "WHERE b.initiative_id = i.id AND b.status = 2) FROM initiatives "
	    "i WHERE i.status <> 5 AND i.merged_into IS NULL AND i.id = $1" :
	    "SELECT i.id, i.iati_identifier, i.title, "
	    "i.status, (SELECT COUNT(*) FROM initiative_budgets b WHERE "
	    "b.initiative_id = i.id AND b.status = 2) FROM initiatives i "
	    "WHERE i.status <> 5 AND i.merged_into IS NULL ORDER BY i.id",
	    &v, nv, ini_cb, c);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, id > 0 ? "SELECT initiative_id, need_ref "
		    "FROM initiative_needs WHERE initiative_id = $1" :
		    "SELECT initiative_id, need_ref FROM initiative_needs", &v,
		    nv, need_cb, c);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, id > 0 ? "SELECT initiative_id, "
		    "state_code FROM initiative_states WHERE initiative_id = "
		    "$1" : "SELECT initiative_id, state_code FROM "
		    "initiative_states", &v, nv, state_cb, c);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, id > 0 ? "SELECT initiative_id, type, "
		    "need_ref, state_code FROM initiative_transactions WHERE "
		    "initiative_id = $1" : "SELECT initiative_id, type, "
		    "need_ref, state_code FROM initiative_transactions", &v, nv,
		    tx_cb, c);
	return rc;
}

int
ccs_coverage_full(struct ccs_db *db, const struct ccs_principal *p,
    json_t **out, struct ccs_fail *f)
{
	struct ccs_cov_axes a;
	struct cov c;
	json_t *cells = NULL;
	int rc;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "read coverage");
	rc = ccs_cov_axes_load(db, &a);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	axes_into(&c, &a);
	cells = json_array();
	rc = cells == NULL ? CCS_ENOMEM : load_lists(db, &c, 0);
	if (rc == CCS_OK)
		rc = fill(&c);
	if (rc == CCS_OK)
		rc = build(&c, cells);
	if (rc == CCS_OK) {
		*out = ccs_cov_envelope(&a, cells);
		cells = NULL;
		if (*out == NULL)
			rc = CCS_ENOMEM;
	}
	json_decref(cells);
	cov_free(&c);
	ccs_cov_axes_free(&a);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}

int
ccs_coverage_each(struct ccs_db *db, int64_t id,
    int (*cb)(void *arg, const char *need, const char *state, int64_t ini,
    int stage), void *arg)
{
	struct ccs_cov_axes a;
	struct cov c;
	size_t h;
	int rc;

	memset(&c, 0, sizeof(c));
	rc = ccs_cov_axes_load(db, &a);
	if (rc != CCS_OK)
		return rc;
	axes_into(&c, &a);
	rc = load_lists(db, &c, id);
	if (rc == CCS_OK)
		rc = fill(&c);
	if (rc == CCS_OK && c.nhits > 1)
		qsort(c.hits, c.nhits, sizeof(*c.hits), cmp_hit);
	/* a state listed twice (or also regional) counts once */
	for (h = 0; rc == CCS_OK && h < c.nhits; h++) {
		if (h > 0 && c.hits[h - 1].cell == c.hits[h].cell &&
		    c.hits[h - 1].ini == c.hits[h].ini)
			continue;
		rc = cb(arg, c.needs[c.hits[h].cell / c.nstates],
		    c.states[c.hits[h].cell % c.nstates],
		    c.v[c.hits[h].ini].id, c.hits[h].stage);
	}
	cov_free(&c);
	ccs_cov_axes_free(&a);
	return rc;
}

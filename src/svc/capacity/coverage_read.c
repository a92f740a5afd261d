/*
 * coverage_read.c: the coverage matrix read from the kept cells.
 *
 * coverage_cells holds, per cell and stage, how many initiatives reach
 * that stage there (kept.c keeps it with initiative_coverage), so the
 * stages and counts of the matrix are one read of at most needs x states
 * x 6 rows. A cell's initiatives are listed by id: the matrix carries the
 * first CCS_COVERAGE_FIRST of each (one statement: per cell, the id of
 * the last one listed, then the range of the cell index up to it) and a
 * cursor for the rest, which ccs_coverage_cell pages from the same index.
 * The work is bounded by the cells, not the initiatives.
 *
 * While a state was added since the kept rows were expanded over the
 * states (coverage_states), the regional initiatives are missing from
 * its cells: then the same answers are made from the matrix computed
 * from the initiatives (coverage.c), until a write or the next open
 * brings the kept rows up to date (kept.c).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/capacity/rules.h"
#include "svc/capacity/coverage.h"
#include "svc/capacity/coverage_axes.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define STR2(x)	#x
#define STR(x)	STR2(x)

/*
 * The first CCS_COVERAGE_FIRST initiatives of every covered cell, by id:
 * b is each cell with the id of the last to list (the largest when it
 * has fewer), read from the cell index; the outer join reads each cell's
 * index range up to it.
 */
static const char first_sql[] =
	"WITH b AS MATERIALIZED (SELECT c.need_ref, c.state_code, "
	"COALESCE((SELECT y.initiative_id FROM initiative_coverage y "
	"WHERE y.need_ref = c.need_ref AND y.state_code = c.state_code "
	"ORDER BY y.initiative_id LIMIT 1 OFFSET "
	STR(CCS_COVERAGE_FIRST) " - 1), 9223372036854775807) AS last_id "
	"FROM (SELECT DISTINCT need_ref, state_code FROM coverage_cells "
	"WHERE n > 0) c) "
	"SELECT x.need_ref, x.state_code, x.initiative_id, x.stage, "
	"i.iati_identifier, i.title "
	"FROM b CROSS JOIN initiative_coverage x CROSS JOIN initiatives i "
	"WHERE x.need_ref = b.need_ref AND x.state_code = b.state_code "
	"AND x.initiative_id <= b.last_id AND i.id = x.initiative_id "
	"ORDER BY x.need_ref, x.state_code, x.initiative_id";

/* One cell as the kept tables give it. */
struct kcell {
	int	 stage;
	int64_t	 n;		/* initiatives in the cell */
	json_t	*list;		/* the first ones, or NULL */
};

struct kread {
	const struct ccs_cov_axes	*a;
	struct kcell			*c;	/* need-major */
	json_t				*stage[CCS_STAGE_COMPLETED + 1];
};

/* The cell of (@p need, @p state), NULL when outside the matrix. */
static struct kcell *
cell_of(struct kread *k, const char *need, const char *state)
{
	int i = ccs_cov_axes_index(k->a->refs, k->a->nneeds, need);
	int j = ccs_cov_axes_index(k->a->codes, k->a->nstates, state);

	if (i < 0 || j < 0)
		return NULL;
	return &k->c[(size_t)i * k->a->nstates + (size_t)j];
}

/* need_ref, state_code, stage, n */
static int
count_cb(void *arg, const struct ccs_row *row)
{
	struct kread *k = arg;
	struct kcell *c;
	int64_t stage, n;

	if (row->ncols != 4 || ccs_parse_i64(row->vals[2], 0,
	    CCS_STAGE_COMPLETED, &stage) != CCS_OK || ccs_parse_i64(
	    row->vals[3], 1, INT64_MAX, &n) != CCS_OK)
		return CCS_EDB;
	c = cell_of(k, row->vals[0], row->vals[1]);
	if (c == NULL)
		return CCS_OK;	/* a need or state no longer listed */
	c->stage = (int)stage > c->stage ? (int)stage : c->stage;
	c->n += n;
	return CCS_OK;
}

/* The stage names, shared by the cells and their lists. */
static int
stage_names(json_t **stage)
{
	int i, rc = CCS_OK;

	for (i = 0; i <= CCS_STAGE_COMPLETED; i++) {
		stage[i] = json_string(ccs_stage_name((enum ccs_stage)i));
		if (stage[i] == NULL)
			rc = CCS_ENOMEM;
	}
	return rc;
}

static void
stage_names_free(json_t **stage)
{
	int i;

	for (i = 0; i <= CCS_STAGE_COMPLETED; i++)
		json_decref(stage[i]);
}

/* One listed initiative {id, iati_identifier, title, stage}, new. */
static json_t *
listed(json_t *const *names, const char *id, int64_t stage,
    const char *ident, const char *title)
{
	int64_t v;

	if (ccs_parse_i64(id, 1, INT64_MAX, &v) != CCS_OK)
		return NULL;
	return json_pack("{s:I, s:s, s:s, s:O}", "id", (json_int_t)v,
	    "iati_identifier", ident ? ident : "", "title", title ? title :
	    "", "stage", names[stage]);
}

/* need_ref, state_code, initiative_id, stage, iati_identifier, title */
static int
first_cb(void *arg, const struct ccs_row *row)
{
	struct kread *k = arg;
	struct kcell *c;
	int64_t stage;

	if (row->ncols != 6 || ccs_parse_i64(row->vals[3], 0,
	    CCS_STAGE_COMPLETED, &stage) != CCS_OK)
		return CCS_EDB;
	c = cell_of(k, row->vals[0], row->vals[1]);
	if (c == NULL)
		return CCS_OK;
	if (c->list == NULL)
		c->list = json_array();
	if (c->list == NULL || json_array_append_new(c->list, listed(
	    k->stage, row->vals[2], stage, row->vals[4], row->vals[5])) != 0)
		return CCS_ENOMEM;
	return CCS_OK;
}

/* The next_cursor of a cell listing @p list of its @p n initiatives. */
static json_t *
cursor_of(const json_t *list, int64_t n)
{
	size_t m = json_array_size(list);

	if (m == 0 || (int64_t)m >= n)
		return json_null();
	return json_sprintf("%" JSON_INTEGER_FORMAT, json_integer_value(
	    json_object_get(json_array_get(list, m - 1), "id")));
}

/* The cells of @p k as JSON, with their lists when @p lists. */
static json_t *
kept_cells(struct kread *k, bool lists)
{
	json_t *cells = json_array(), *o;
	const struct ccs_cov_axes *a = k->a;
	struct kcell *c;
	size_t i;

	for (i = 0; cells != NULL && i < a->nneeds * a->nstates; i++) {
		c = &k->c[i];
		o = json_pack("{s:s, s:s, s:O, s:I}", "need", a->refs[i /
		    a->nstates], "state", a->codes[i % a->nstates], "stage",
		    k->stage[c->stage], "count", (json_int_t)c->n);
		if (o != NULL && lists && (json_object_set_new(o,
		    "next_cursor", cursor_of(c->list, c->n)) != 0 ||
		    json_object_set_new(o, "initiatives", c->list != NULL ?
		    json_incref(c->list) : json_array()) != 0)) {
			json_decref(o);
			o = NULL;
		}
		if (json_array_append_new(cells, o) != 0) {
			json_decref(cells);
			cells = NULL;
		}
	}
	return cells;
}

/* The matrix from the kept tables; each cell's first ones when lists. */
static int
read_kept(struct ccs_db *db, const struct ccs_cov_axes *a, bool lists,
    json_t **cells)
{
	struct kread k;
	size_t i, n = a->nneeds * a->nstates;
	int rc;

	memset(&k, 0, sizeof(k));
	k.a = a;
	k.c = ccs_calloc(n + 1, sizeof(*k.c));
	rc = stage_names(k.stage);
	if (k.c == NULL)
		rc = CCS_ENOMEM;
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "SELECT need_ref, state_code, stage, n "
		    "FROM coverage_cells WHERE n > 0", NULL, 0, count_cb, &k);
	if (rc == CCS_OK && lists)
		rc = ccs_db_exec(db, first_sql, NULL, 0, first_cb, &k);
	if (rc == CCS_OK) {
		*cells = kept_cells(&k, lists);
		if (*cells == NULL)
			rc = CCS_ENOMEM;
	}
	for (i = 0; k.c != NULL && i < n; i++)
		json_decref(k.c[i].list);
	stage_names_free(k.stage);
	free(k.c);
	return rc;
}

/*
 * The full matrix @p full (ccs_coverage_full) cut to what the kept read
 * answers: each cell's first ones and cursor when @p lists, else only
 * the count.
 */
static int
cut_full(json_t *full, bool lists)
{
	json_t *c, *list;
	size_t i;

	json_array_foreach(json_object_get(full, "cells"), i, c) {
		list = json_object_get(c, "initiatives");
		if (!lists) {
			(void)json_object_del(c, "initiatives");
			continue;
		}
		while (json_array_size(list) > CCS_COVERAGE_FIRST)
			(void)json_array_remove(list, CCS_COVERAGE_FIRST);
		if (json_object_set_new(c, "next_cursor", cursor_of(list,
		    json_integer_value(json_object_get(c, "count")))) != 0)
			return CCS_ENOMEM;
	}
	return CCS_OK;
}

int
ccs_coverage_states_behind(struct ccs_db *db, int64_t *n)
{
	return ccs_db_query_int(db, "SELECT COUNT(*) FROM states s WHERE NOT "
	    "EXISTS (SELECT 1 FROM coverage_states k WHERE k.code = "
	    "s.code)", NULL, 0, n);
}

static int
coverage(struct ccs_db *db, const struct ccs_principal *p, bool lists,
    json_t **out, struct ccs_fail *f)
{
	struct ccs_cov_axes a;
	json_t *cells = NULL;
	int64_t behind = 0;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "read coverage");
	rc = ccs_coverage_states_behind(db, &behind);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (behind > 0) {
		rc = ccs_coverage_full(db, p, out, f);
		if (rc == CCS_OK)
			rc = cut_full(*out, lists);
	} else {
		rc = ccs_cov_axes_load(db, &a);
		if (rc == CCS_OK) {
			rc = read_kept(db, &a, lists, &cells);
			*out = rc == CCS_OK ? ccs_cov_envelope(&a, cells) :
			    NULL;
			if (rc == CCS_OK && *out == NULL)
				rc = CCS_ENOMEM;
			ccs_cov_axes_free(&a);
		}
		if (rc != CCS_OK)
			rc = ccs_dbfail(f, db, rc);
	}
	if (rc == CCS_OK && lists && json_object_set_new(*out, "cell_first",
	    json_integer(CCS_COVERAGE_FIRST)) != 0)
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int
ccs_coverage(struct ccs_db *db, const struct ccs_principal *p,
    json_t **out, struct ccs_fail *f)
{
	return coverage(db, p, true, out, f);
}

int
ccs_coverage_stages(struct ccs_db *db, const struct ccs_principal *p,
    json_t **out, struct ccs_fail *f)
{
	return coverage(db, p, false, out, f);
}

/* One page of the list @p all (by id): after @p page->after. */
static json_t *
page_of(const json_t *all, const struct ccs_page *page, bool *more)
{
	json_t *items = json_array(), *it;
	size_t i;

	*more = false;
	json_array_foreach(all, i, it) {
		if (items == NULL)
			break;
		if (json_integer_value(json_object_get(it, "id")) <=
		    page->after)
			continue;
		if ((int64_t)json_array_size(items) == page->limit) {
			*more = true;
			break;
		}
		if (json_array_append(items, it) != 0) {
			json_decref(items);
			items = NULL;
		}
	}
	return items;
}

/* The page of the cell (@p need, @p state) of the computed matrix. */
static int
cell_computed(struct ccs_db *db, const struct ccs_principal *p,
    const char *need, const char *state, const struct ccs_page *page,
    json_t **out, struct ccs_fail *f)
{
	json_t *full = NULL, *c, *items = NULL;
	bool more = false;
	size_t i;
	int rc;

	rc = ccs_coverage_full(db, p, &full, f);
	if (rc != CCS_OK)
		return rc;
	json_array_foreach(json_object_get(full, "cells"), i, c) {
		if (!ccs_streq(json_string_value(json_object_get(c, "need")),
		    need) || !ccs_streq(json_string_value(json_object_get(c,
		    "state")), state))
			continue;
		items = page_of(json_object_get(c, "initiatives"), page,
		    &more);
		*out = ccs_cap_page(items, json_integer_value(json_object_get(
		    c, "count")), more);
		if (*out != NULL && json_object_set(*out, "stage",
		    json_object_get(c, "stage")) != 0) {
			json_decref(*out);
			*out = NULL;
		}
		break;
	}
	json_decref(full);
	if (*out == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

/* One cell's page as item_cb fills it. */
struct cpage {
	json_t	*items;
	json_t	*stage[CCS_STAGE_COMPLETED + 1];
};

/* id, iati_identifier, title, stage (an integer made a name) */
static int
item_cb(void *arg, const struct ccs_row *row)
{
	struct cpage *cp = arg;
	int64_t stage;

	if (row->ncols != 4 || ccs_parse_i64(row->vals[3], 0,
	    CCS_STAGE_COMPLETED, &stage) != CCS_OK)
		return CCS_EDB;
	if (json_array_append_new(cp->items, listed(cp->stage, row->vals[0],
	    stage, row->vals[1], row->vals[2])) != 0)
		return CCS_ENOMEM;
	return CCS_OK;
}

/* The page of the cell (@p need, @p state) from the kept tables. */
static int
cell_kept(struct ccs_db *db, const char *need, const char *state,
    const struct ccs_page *page, json_t **out)
{
	struct ccs_val v[4] = { CCS_VTEXT(need), CCS_VTEXT(state),
	    CCS_VINT(page->after), CCS_VINT(page->limit + 1) };
	json_t *top = NULL;
	struct cpage cp;
	int64_t total = 0, best = 0;
	bool more;
	int rc;

	memset(&cp, 0, sizeof(cp));
	cp.items = json_array();
	rc = stage_names(cp.stage);
	if (cp.items == NULL)
		rc = CCS_ENOMEM;
	if (rc == CCS_OK)
		rc = ccs_db_query_one(db, "SELECT CAST(COALESCE(SUM(n), 0) AS "
		    "BIGINT) AS total, CAST(COALESCE(MAX(stage), 0) AS BIGINT) "
		    "AS stage FROM coverage_cells "
		    "WHERE need_ref = $1 AND state_code = $2 AND n > 0", v, 2,
		    &top);
	if (rc == CCS_OK) {
		total = json_integer_value(json_object_get(top, "total"));
		best = json_integer_value(json_object_get(top, "stage"));
		rc = ccs_db_exec(db, "SELECT x.initiative_id, "
		    "i.iati_identifier, i.title, x.stage FROM "
		    "initiative_coverage x JOIN initiatives i ON i.id = "
		    "x.initiative_id WHERE x.need_ref = $1 AND x.state_code = "
		    "$2 AND x.initiative_id > $3 ORDER BY x.initiative_id "
		    "LIMIT $4", v, 4, item_cb, &cp);
	}
	if (rc == CCS_OK && (best < 0 || best > CCS_STAGE_COMPLETED))
		rc = CCS_EDB;
	if (rc == CCS_OK) {
		more = (int64_t)json_array_size(cp.items) > page->limit;
		if (more)
			(void)json_array_remove(cp.items, json_array_size(
			    cp.items) - 1);
		*out = ccs_cap_page(cp.items, total, more);
		cp.items = NULL;
		if (*out == NULL || json_object_set(*out, "stage",
		    cp.stage[best]) != 0)
			rc = CCS_ENOMEM;
	}
	json_decref(cp.items);
	json_decref(top);
	stage_names_free(cp.stage);
	return rc;
}

int
ccs_coverage_cell(struct ccs_db *db, const struct ccs_principal *p,
    const char *need, const char *state, const struct ccs_page *page,
    json_t **out, struct ccs_fail *f)
{
	struct ccs_val vn = CCS_VTEXT(need), vs = CCS_VTEXT(state);
	int64_t nn = 0, ns = 0, behind = 0;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "read coverage");
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM needs WHERE ref = $1",
	    &vn, 1, &nn);
	if (rc == CCS_OK)
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM states WHERE "
		    "code = $1", &vs, 1, &ns);
	if (rc == CCS_OK)
		rc = ccs_coverage_states_behind(db, &behind);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (nn == 0)
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "need: %s is "
		    "not in the needs catalogue", need);
	if (ns == 0)
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "state: %s is "
		    "not in the directory", state);
	if (behind > 0) {
		rc = cell_computed(db, p, need, state, page, out, f);
	} else {
		rc = cell_kept(db, need, state, page, out);
		if (rc != CCS_OK)
			rc = ccs_dbfail(f, db, rc);
	}
	if (rc == CCS_OK && (json_object_set_new(*out, "need",
	    json_string(need)) != 0 || json_object_set_new(*out, "state",
	    json_string(state)) != 0))
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

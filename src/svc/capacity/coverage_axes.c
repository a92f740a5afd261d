/*
 * coverage_axes.c: the needs and states of the coverage matrix, in the
 * order both matrices use, and the envelope they answer.
 */
#include <stdlib.h>
#include <string.h>

#include "core/capacity/rules.h"
#include "svc/capacity/cap_common.h"
#include "svc/capacity/coverage_axes.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

static int
cmp_ref_rows(const void *x, const void *y)
{
	return ccs_cap_ref_cmp(json_string_value(json_object_get(
	    *(json_t *const *)x, "ref")), json_string_value(json_object_get(
	    *(json_t *const *)y, "ref")));
}

void
ccs_cov_axes_free(struct ccs_cov_axes *a)
{
	json_decref(a->needs);
	json_decref(a->states);
	free(a->refs);
	free(a->codes);
	memset(a, 0, sizeof(*a));
}

int
ccs_cov_axes_load(struct ccs_db *db, struct ccs_cov_axes *a)
{
	json_t *rows = NULL, **v = NULL;
	const json_t *s;
	size_t i, nn;
	int rc;

	memset(a, 0, sizeof(*a));
	rc = ccs_db_query_json(db, "SELECT ref, tbl AS plan_table, need FROM "
	    "needs", NULL, 0, &rows);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT code, name FROM states "
		    "ORDER BY sort_name", NULL, 0, &a->states);
	if (rc != CCS_OK)
		goto done;
	nn = json_array_size(rows);
	v = ccs_calloc(nn + 1, sizeof(*v));
	a->refs = ccs_calloc(nn + 1, sizeof(*a->refs));
	a->codes = ccs_calloc(json_array_size(a->states) + 1,
	    sizeof(*a->codes));
	a->needs = json_array();
	rc = CCS_ENOMEM;
	if (v == NULL || a->refs == NULL || a->codes == NULL ||
	    a->needs == NULL)
		goto done;
	for (i = 0; i < nn; i++)
		v[i] = json_array_get(rows, i);
	if (nn > 1)
		qsort(v, nn, sizeof(*v), cmp_ref_rows);
	for (i = 0; i < nn; i++) {
		if (json_object_set_new(v[i], "priority_area", json_sprintf(
		    "PA%" JSON_INTEGER_FORMAT, json_integer_value(
		    json_object_get(v[i], "plan_table")))) != 0 ||
		    json_array_append(a->needs, v[i]) != 0)
			goto done;
		a->refs[i] = json_string_value(json_object_get(v[i], "ref"));
	}
	a->nneeds = nn;
	json_array_foreach(a->states, i, s)
		a->codes[i] = json_string_value(json_object_get(s, "code"));
	a->nstates = json_array_size(a->states);
	rc = CCS_OK;
done:
	free(v);
	json_decref(rows);
	if (rc != CCS_OK)
		ccs_cov_axes_free(a);
	return rc;
}

int
ccs_cov_axes_index(const char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < n; i++) {
		if (strcmp(v[i], s) == 0)
			return (int)i;
	}
	return -1;
}

json_t *
ccs_cov_envelope(const struct ccs_cov_axes *a, json_t *cells)
{
	json_t *by_state = json_array(), *stages = json_array(), *out = NULL;
	const json_t *c;
	const char *st, *key;
	size_t i;
	int k;

	if (by_state == NULL || stages == NULL || cells == NULL)
		goto done;
	for (k = CCS_STAGE_UNCOVERED; k <= CCS_STAGE_COMPLETED; k++) {
		if (json_array_append_new(stages, json_string(ccs_stage_name(
		    (enum ccs_stage)k))) != 0)
			goto done;
	}
	for (i = 0; i < a->nstates; i++) {
		if (json_array_append_new(by_state, json_pack("{s:s, s:[], "
		    "s:[]}", "state", a->codes[i], "uncovered", "unfunded")) !=
		    0)
			goto done;
	}
	/* cells are need-major: cell i is state i % nstates */
	json_array_foreach(cells, i, c) {
		st = json_string_value(json_object_get(c, "stage"));
		key = ccs_streq(st, ccs_stage_name(CCS_STAGE_UNCOVERED)) ?
		    "uncovered" : ccs_streq(st, ccs_stage_name(
		    CCS_STAGE_PIPELINE)) ? "unfunded" : NULL;
		if (key != NULL && a->nstates > 0 && json_array_append(
		    json_object_get(json_array_get(by_state, i % a->nstates),
		    key), json_object_get(c, "need")) != 0)
			goto done;
	}
	out = json_pack("{s:O, s:O, s:O, s:O, s:O}", "stages", stages,
	    "needs", a->needs, "states", a->states, "cells", cells,
	    "by_state", by_state);
done:
	json_decref(stages);
	json_decref(by_state);
	json_decref(cells);
	return out;
}

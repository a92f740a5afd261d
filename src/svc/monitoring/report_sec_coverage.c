/*
 * report_sec_coverage.c: the coverage matrix summed by priority area and
 * funding stage (svc/capacity/coverage.h): for each area, how many
 * (need, state) cells reached each stage.
 */
#include <stdint.h>
#include <string.h>

#include "svc/monitoring/report_sections.h"
#include "util/err.h"
#include "util/str.h"

#define MAX_AREAS	16
#define MAX_STAGES	8

struct sums {
	const char	*area[MAX_AREAS];		/* codes, borrowed */
	int64_t		 n[MAX_AREAS][MAX_STAGES];	/* cells */
	size_t		 na;				/* areas used */
};

/* The index of @p area, added when new; SIZE_MAX when full. */
static size_t
area_index(struct sums *s, const char *area)
{
	size_t i;

	for (i = 0; i < s->na; i++)
		if (ccs_streq(s->area[i], area))
			return i;
	if (s->na == MAX_AREAS || area == NULL)
		return SIZE_MAX;
	s->area[s->na] = area;
	return s->na++;
}

int
ccs_rsec_coverage(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	const json_t *cov, *c, *n, *st;
	json_t *table = NULL, *row;
	struct sums s;
	size_t i, j, ns, nstates, a;
	int rc;

	rc = ccs_report_coverage(ctx, &cov, f);
	if (rc != CCS_OK)
		return rc;
	memset(&s, 0, sizeof(s));
	st = json_object_get(cov, "stages");
	ns = json_array_size(st) < MAX_STAGES ? json_array_size(st) :
	    MAX_STAGES;
	nstates = json_array_size(json_object_get(cov, "states"));
	table = json_pack("{s:s, s:s, s:[{s:s, s:s}], s:[]}", "type", "table",
	    "caption", "Cells (need x state) by furthest funding stage",
	    "columns", "title", "Priority area", "kind", "text", "rows");
	if (table == NULL)
		goto oom;
	for (j = 0; j < ns; j++) {
		if (json_array_append_new(json_object_get(table, "columns"),
		    json_pack("{s:O, s:s}", "title", json_array_get(st, j),
		    "kind", "num")) != 0)
			goto oom;
	}
	/* cells are need-major, one per state */
	json_array_foreach(json_object_get(cov, "cells"), i, c) {
		if (nstates == 0)
			break;
		n = json_array_get(json_object_get(cov, "needs"), i / nstates);
		a = area_index(&s, json_string_value(json_object_get(n,
		    "priority_area")));
		for (j = 0; j < ns && a != SIZE_MAX; j++)
			if (json_equal(json_array_get(st, j),
			    json_object_get(c, "stage")))
				s.n[a][j]++;
	}
	for (a = 0; a < s.na; a++) {
		row = json_pack("[s]", s.area[a]);
		if (row == NULL || json_array_append_new(json_object_get(table,
		    "rows"), row) != 0)
			goto oom;
		for (j = 0; j < ns; j++)
			if (json_array_append_new(row, json_integer(s.n[a][j]))
			    != 0)
				goto oom;
	}
	rc = ccs_rb_add(sec, table);
	table = NULL;
	if (rc == CCS_OK)
		rc = ccs_rb_add(sec, ccs_rb_para("A cell is one need of the "
		    "plan in one state; its stage is the furthest any "
		    "initiative addressing it has reached (coverage at the "
		    "cut-off)."));
	if (rc != CCS_OK)
		goto oom;
	return CCS_OK;
oom:
	json_decref(table);
	return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
}

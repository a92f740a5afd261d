/*
 * report_sec_funding_gap.c: the funding gap from the coverage matrix:
 * per priority area, how many (need, state) cells no initiative covers
 * and how many are covered only by initiatives without money yet (the
 * pipeline stage); for the region, or the report's state.
 */
#include <stdio.h>

#include "svc/monitoring/report_sections.h"
#include "util/err.h"
#include "util/str.h"

#define MAX_AREAS	16

/* The priority area of need @p ref, "" when unknown; borrowed. */
static const char *
need_area(const json_t *cov, const char *ref)
{
	const json_t *n;
	size_t i;

	json_array_foreach(json_object_get(cov, "needs"), i, n) {
		if (ccs_streq(json_string_value(json_object_get(n, "ref")),
		    ref))
			return json_string_value(json_object_get(n,
			    "priority_area"));
	}
	return "";
}

int
ccs_rsec_funding_gap(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	static const char *const cols[] = { "Priority area", "text",
	    "Not covered", "num", "Covered without money", "num",
	    "Funded", "num", NULL };
	const json_t *cov, *gaps, *c, *a;
	int64_t unc[MAX_AREAS] = { 0 }, pipe[MAX_AREAS] = { 0 };
	int64_t fund[MAX_AREAS] = { 0 }, tu = 0, tp = 0, tf = 0;
	json_t *table;
	const char *stage, *area;
	char label[160], text[400];
	size_t i, j, na;
	int rc;

	rc = ccs_report_coverage(ctx, &cov, f);
	if (rc == CCS_OK)
		rc = ccs_report_gaps(ctx, false, &gaps, f);
	if (rc != CCS_OK)
		return rc;
	na = json_array_size(json_object_get(gaps, "areas"));
	if (na > MAX_AREAS)
		na = MAX_AREAS;
	json_array_foreach(json_object_get(cov, "cells"), i, c) {
		if (ctx->state != NULL && !ccs_streq(ctx->state,
		    json_string_value(json_object_get(c, "state"))))
			continue;
		area = need_area(cov, json_string_value(json_object_get(c,
		    "need")));
		stage = json_string_value(json_object_get(c, "stage"));
		for (j = 0; j < na; j++) {
			a = json_array_get(json_object_get(gaps, "areas"), j);
			if (!ccs_streq(area, json_string_value(
			    json_object_get(a, "code"))))
				continue;
			if (ccs_streq(stage, "uncovered"))
				unc[j]++;
			else if (ccs_streq(stage, "pipeline"))
				pipe[j]++;
			else
				fund[j]++;
		}
	}
	table = ccs_rb_table("Needs by state, by funding", cols);
	if (table == NULL)
		goto oom;
	for (j = 0; j < na; j++) {
		a = json_array_get(json_object_get(gaps, "areas"), j);
		(void)ccs_snprintf(label, sizeof(label), "%s %s",
		    json_string_value(json_object_get(a, "code")),
		    json_string_value(json_object_get(a, "name")));
		tu += unc[j];
		tp += pipe[j];
		tf += fund[j];
		if (json_array_append_new(json_object_get(table, "rows"),
		    json_pack("[s, I, I, I]", label, (json_int_t)unc[j],
		    (json_int_t)pipe[j], (json_int_t)fund[j])) != 0)
			goto oom;
	}
	(void)ccs_snprintf(text, sizeof(text), "Of %lld needs of the plan "
	    "counted state by state%s, %lld are covered by no initiative and "
	    "%lld only by initiatives without money pledged, committed or "
	    "disbursed; %lld have funding (coverage at the cut-off).",
	    (long long)(tu + tp + tf), ctx->state ? " for this state" : "",
	    (long long)tu, (long long)tp, (long long)tf);
	if (ccs_rb_add(sec, ccs_rb_para(text)) != CCS_OK)
		goto oom;
	rc = ccs_rb_add(sec, table);
	table = NULL;
	if (rc != CCS_OK)
		goto oom;
	return CCS_OK;
oom:
	json_decref(table);
	return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
}

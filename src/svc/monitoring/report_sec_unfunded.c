/*
 * report_sec_unfunded.c: the donors' list: every need of the plan, state
 * by state, that no initiative covers or that only initiatives without
 * money address (the coverage matrix), with the need's text, so a donor
 * can pick one; for the region, or the report's state.
 */
#include "svc/monitoring/report_sections.h"
#include "util/err.h"
#include "util/str.h"

int
ccs_rsec_unfunded(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	static const char *const cols[] = { "State", "text", "Need", "text",
	    "Priority area", "text", "Stage", "text", "What is needed", "text",
	    NULL };
	const json_t *cov, *c, *n, *s;
	json_t *table;
	const char *stage;
	size_t i, nstates;
	int64_t count = 0;
	char text[200];
	int rc;

	rc = ccs_report_coverage(ctx, &cov, f);
	if (rc != CCS_OK)
		return rc;
	nstates = json_array_size(json_object_get(cov, "states"));
	table = ccs_rb_table("Needs without funding, by state", cols);
	if (table == NULL)
		goto oom;
	json_array_foreach(json_object_get(cov, "cells"), i, c) {
		stage = json_string_value(json_object_get(c, "stage"));
		if (nstates == 0 || (!ccs_streq(stage, "uncovered") &&
		    !ccs_streq(stage, "pipeline")))
			continue;
		if (ctx->state != NULL && !ccs_streq(ctx->state,
		    json_string_value(json_object_get(c, "state"))))
			continue;
		n = json_array_get(json_object_get(cov, "needs"), i / nstates);
		s = json_array_get(json_object_get(cov, "states"), i % nstates);
		if (json_array_append_new(json_object_get(table, "rows"),
		    json_pack("[O, O, O, s, O]", json_object_get(s, "name"),
		    json_object_get(n, "ref"), json_object_get(n,
		    "priority_area"), ccs_streq(stage, "uncovered") ?
		    "not covered" : "pipeline, no money", json_object_get(n,
		    "need"))) != 0)
			goto oom;
		count++;
	}
	(void)ccs_snprintf(text, sizeof(text), "%lld need(s) by state have "
	    "no funding at the cut-off: no initiative, or initiatives still "
	    "in the pipeline without money.", (long long)count);
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

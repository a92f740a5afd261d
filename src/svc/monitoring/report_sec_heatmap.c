/*
 * report_sec_heatmap.c: every state by priority area, the share of
 * standards met at the end of the period, as a heat map (drawn by
 * format/chart.c in the PDF, a table in HTML and XLSX), and the names of
 * the priority areas under it.
 */
#include <string.h>

#include "svc/monitoring/report_sections.h"
#include "util/err.h"
#include "util/str.h"

static int
add_key(json_t *sec, const json_t *areas)
{
	const json_t *a;
	char text[1024];
	size_t i, len = 0;

	text[0] = '\0';
	json_array_foreach(areas, i, a) {
		if (ccs_snprintf(text + len, sizeof(text) - len, "%s%s: %s",
		    i ? "; " : "Priority areas: ",
		    json_string_value(json_object_get(a, "code")),
		    json_string_value(json_object_get(a, "name"))) != CCS_OK)
			return CCS_ETOOBIG;
		len += strlen(text + len);
	}
	if (ccs_snprintf(text + len, sizeof(text) - len, ". A dash: no "
	    "validated status record in that area.") != CCS_OK)
		return CCS_ETOOBIG;
	return ccs_rb_add(sec, ccs_rb_para(text));
}

int
ccs_rsec_heatmap(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	const json_t *gaps, *s, *a;
	json_t *heat = NULL, *row;
	size_t i, j;
	int rc;

	rc = ccs_report_gaps(ctx, false, &gaps, f);
	if (rc != CCS_OK)
		return rc;
	heat = json_pack("{s:s, s:s, s:[], s:[]}", "type", "heat", "caption",
	    "Share of standards met by state and priority area", "cols",
	    "rows");
	if (heat == NULL)
		goto oom;
	json_array_foreach(json_object_get(gaps, "areas"), j, a) {
		if (json_array_append(json_object_get(heat, "cols"),
		    json_object_get(a, "code")) != 0)
			goto oom;
	}
	json_array_foreach(json_object_get(gaps, "states"), i, s) {
		row = json_pack("{s:O, s:[]}", "label", json_object_get(s,
		    "name"), "values");
		if (row == NULL || json_array_append_new(json_object_get(heat,
		    "rows"), row) != 0)
			goto oom;
		json_array_foreach(json_object_get(s, "areas"), j, a) {
			json_int_t tot = json_integer_value(json_object_get(a,
			    "total"));
			json_int_t nd = json_integer_value(json_object_get(a,
			    "no_data"));

			if (json_array_append_new(json_object_get(row,
			    "values"), tot > 0 && nd < tot ?
			    json_copy(json_object_get(a, "percent_met")) :
			    json_null()) != 0)
				goto oom;
		}
	}
	rc = ccs_rb_add(sec, heat);
	heat = NULL;
	if (rc == CCS_OK)
		rc = add_key(sec, json_object_get(gaps, "areas"));
	if (rc != CCS_OK)
		goto oom;
	return CCS_OK;
oom:
	json_decref(heat);
	return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
}

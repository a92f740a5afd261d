/*
 * report_sec_legal.c: the legal harmonisation headline. What the platform
 * holds today is the legal environment priority area of the gap analysis
 * (PA4: the share of its standards met, and how many states meet at least
 * half); the treaty track and the laws enacted come from the legal
 * tracker, which is not built yet, and the section says so.
 */
#include <stdint.h>
#include <string.h>

#include "svc/monitoring/report_sections.h"
#include "util/err.h"
#include "util/str.h"

#define LEGAL_AREA	"PA4"	/* Legal environment, in every version */

int
ccs_rsec_legal(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	const json_t *gaps, *a, *s, *t;
	int64_t met = 0, total = 0, half = 0, states = 0;
	char text[400];
	size_t i, j, area = SIZE_MAX;
	int rc;

	rc = ccs_report_gaps(ctx, false, &gaps, f);
	if (rc != CCS_OK)
		return rc;
	json_array_foreach(json_object_get(gaps, "areas"), j, a) {
		if (ccs_streq(json_string_value(json_object_get(a, "code")),
		    LEGAL_AREA))
			area = j;
	}
	if (area != SIZE_MAX) {
		json_array_foreach(json_object_get(gaps, "states"), i, s) {
			if (ctx->state != NULL && !ccs_streq(ctx->state,
			    json_string_value(json_object_get(s, "code"))))
				continue;
			t = json_array_get(json_object_get(s, "areas"), area);
			met += json_integer_value(json_object_get(t, "met"));
			total += json_integer_value(json_object_get(t,
			    "total"));
			states++;
			if (json_integer_value(json_object_get(t,
			    "percent_met")) >= 50)
				half++;
		}
		(void)ccs_snprintf(text, sizeof(text), "Legal environment "
		    "(%s): %lld of %lld standards met (%lld%%); %lld of %lld "
		    "state(s) meet at least half of them.", LEGAL_AREA,
		    (long long)met, (long long)total, (long long)(total ?
		    (met * 100 + total / 2) / total : 0), (long long)half,
		    (long long)states);
		if (ccs_rb_add(sec, ccs_rb_para(text)) != CCS_OK)
			return ccs_fail(f, CCS_ENOMEM, "internal",
			    "out of memory");
	}
	if (ccs_rb_add(sec, ccs_rb_para("Not available yet: the legal "
	    "harmonisation tracker (parties to the Budapest Convention, "
	    "national laws enacted and in force) is not recorded on the "
	    "platform yet; those figures are not shown, and that is not a "
	    "zero.")) != CCS_OK)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

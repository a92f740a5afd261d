/*
 * report_sec_recommendations.c: recommendations due and overdue, by owner (an
 * organisation or a state), with their follow-up.
 * Its source domain is not built yet, so the section says so plainly
 * rather than show figures: when the domain exists, this provider reads it
 * through its service, as the others do.
 */
#include "svc/monitoring/report_sections.h"
#include "util/err.h"

int
ccs_rsec_recommendations(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	(void)ctx;
	if (ccs_rb_unavailable(sec,
	    "the record of meetings and recommendations") != CCS_OK)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

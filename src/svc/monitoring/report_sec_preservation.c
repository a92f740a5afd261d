/*
 * report_sec_preservation.c: statistics of the 24/7 preservation requests
 * (received, answered, time to answer), small counts suppressed.
 * Its source domain is not built yet, so the section says so plainly
 * rather than show figures: when the domain exists, this provider reads it
 * through its service, as the others do.
 */
#include "svc/monitoring/report_sections.h"
#include "util/err.h"

int
ccs_rsec_preservation(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	(void)ctx;
	if (ccs_rb_unavailable(sec,
	    "the register of 24/7 preservation requests") != CCS_OK)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

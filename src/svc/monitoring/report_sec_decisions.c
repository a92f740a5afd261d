/*
 * report_sec_decisions.c: the decisions required of CONSLE, from the Steering
 * Committee's recommendations addressed to ministers.
 * Its source domain is not built yet, so the section says so plainly
 * rather than show figures: when the domain exists, this provider reads it
 * through its service, as the others do.
 */
#include "svc/monitoring/report_sections.h"
#include "util/err.h"

int
ccs_rsec_decisions(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	(void)ctx;
	if (ccs_rb_unavailable(sec,
	    "the Steering Committee's record of recommendations") != CCS_OK)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

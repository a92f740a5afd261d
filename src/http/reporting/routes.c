/*
 * reporting/routes.c: the public reporting portal (issue 12). The pages
 * are for anyone, without an account: no CSRF token (no session is used
 * and none is set), a body limit of their own (CCS_R_REPORT: the text
 * and up to three evidence files). The triage API is the triage files'.
 */
#include "http/reporting/handlers.h"
#include "http/router.h"

#define P	CCS_AUTH_PUBLIC
#define PW	(CCS_R_WRITE | CCS_R_NOCSRF | CCS_R_REPORT)

static const struct ccs_route routes[] = {
	{ "GET", "/report", ccs_h_report_form, P, 0, NULL },
	{ "POST", "/report", ccs_h_report_submit, P, PW, NULL },
	{ "GET", "/report/follow-up", ccs_h_report_follow, P, 0, NULL },
	{ "POST", "/report/follow-up", ccs_h_report_follow, P, PW, NULL },
	{ "GET", "/report/figures", ccs_h_report_figures, P, 0, NULL },
	{ "GET", "/api/v1/reporting/figures", ccs_h_report_figures_json, P, 0,
	    NULL },
};

const struct ccs_route_list ccs_reporting_routes = {
	"reporting", routes, sizeof(routes) / sizeof(routes[0])
};

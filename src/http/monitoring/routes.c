/*
 * monitoring/routes.c: the monitoring domain's routes. Reports (branch
 * mon-reports): make one, the archive, a record, its stored renditions,
 * and a preview that renders HTML without storing; the public progress
 * page (GET /progress, HTML) and its switch. Other parts of the domain
 * (meetings, the legal tracker) add their lines in blocks of their own.
 *
 * GET /api/v1/reports/{id} and GET /api/v1/reports/{id}/file are audited
 * reads (CCS_R_AUDITREAD): who read which report, in which format, when,
 * recorded with the answer in one transaction, as the CLI's reads are.
 */
#include "http/monitoring/handlers.h"
#include "http/router.h"
#include "svc/monitoring/progress.h"
#include "svc/monitoring/reports.h"

#define U	CCS_AUTH_USER
#define P	CCS_AUTH_PUBLIC
#define W	(CCS_R_WRITE | CCS_R_JSON)
#define A	CCS_R_AUDITREAD

/* reports */
static const struct ccs_route_in report_in = { CCS_BODY(ccs_report) };
static const struct ccs_route_in report_page_in = { .limit_dflt = 50,
	.limit_max = CCS_REPORT_PAGE_MAX };
static const struct ccs_route_in progress_in = { CCS_BODY(ccs_progress) };

static const struct ccs_route routes[] = {
	/* reports (mon-reports) */
	{ "POST", "/api/v1/reports", ccs_h_report_create, U, W, &report_in },
	{ "POST", "/api/v1/reports/preview", ccs_h_report_preview, U, W,
	    &report_in },
	{ "GET", "/api/v1/reports", ccs_h_reports, U, 0, &report_page_in },
	{ "GET", "/api/v1/reports/{id}", ccs_h_report, U, A, NULL },
	{ "GET", "/api/v1/reports/{id}/file", ccs_h_report_file, U, A, NULL },
	{ "GET", "/progress", ccs_h_progress_page, P, 0, NULL },
	{ "GET", "/api/v1/progress/settings", ccs_h_progress_settings, U, 0,
	    NULL },
	{ "PUT", "/api/v1/progress/settings", ccs_h_progress_settings_set, U,
	    W, &progress_in },
};

const struct ccs_route_list ccs_monitoring_routes = {
	"monitoring", routes, sizeof(routes) / sizeof(routes[0])
};

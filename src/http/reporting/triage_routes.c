/*
 * reporting/triage_routes.c: the triage API of public reports, for the
 * teams of the states a report is routed to and the RIFC: the queue of a
 * state with its clock and clusters, one report (its content, audited),
 * and classifying, updating, referring, converting and closing it. The
 * public side (the form and the follow-up page) is the portal's.
 */
#include "http/reporting/h_triage.h"
#include "http/router.h"
#include "svc/reporting/queue.h"
#include "svc/reporting/referrals.h"
#include "svc/reporting/triage.h"
#include "svc/reporting/triage_convert.h"

#define U	CCS_AUTH_USER
#define W	(CCS_R_WRITE | CCS_R_JSON)
#define A	CCS_R_AUDITREAD	/* the view is audited */

static const struct ccs_route_in page_in = {
	.limit_dflt = CCS_TRIAGE_PAGE_DEFAULT, .limit_max = CCS_TRIAGE_PAGE_MAX
};
static const struct ccs_route_in classify_in = {
	CCS_BODY(ccs_triage_classify)
};
static const struct ccs_route_in update_in = { CCS_BODY(ccs_triage_update) };
static const struct ccs_route_in refer_in = { CCS_BODY(ccs_referral) };
static const struct ccs_route_in convert_in = {
	CCS_BODY(ccs_triage_convert)
};
static const struct ccs_route_in close_in = { CCS_BODY(ccs_triage_close) };

static const struct ccs_route routes[] = {
	{ "GET", "/api/v1/public-reports", ccs_h_triage_queue, U, A,
	    &page_in },
	{ "GET", "/api/v1/public-reports/clock", ccs_h_triage_clock, U, 0,
	    NULL },
	{ "GET", "/api/v1/public-reports/clusters", ccs_h_triage_clusters, U,
	    A, NULL },
	{ "GET", "/api/v1/public-reports/{id}", ccs_h_triage_report, U, A,
	    NULL },
	{ "PATCH", "/api/v1/public-reports/{id}", ccs_h_triage_classify, U, W,
	    &classify_in },
	{ "GET", "/api/v1/public-reports/{id}/cluster", ccs_h_triage_cluster,
	    U, A, NULL },
	{ "POST", "/api/v1/public-reports/{id}/updates", ccs_h_triage_update,
	    U, W, &update_in },
	{ "POST", "/api/v1/public-reports/{id}/referrals", ccs_h_triage_refer,
	    U, W, &refer_in },
	{ "POST", "/api/v1/public-reports/{id}/convert", ccs_h_triage_convert,
	    U, W, &convert_in },
	{ "POST", "/api/v1/public-reports/{id}/close", ccs_h_triage_close, U,
	    W, &close_in },
};

const struct ccs_route_list ccs_triage_routes = {
	"reporting", routes, sizeof(routes) / sizeof(routes[0])
};

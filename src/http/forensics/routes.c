/*
 * forensics/routes.c: the forensics domain's routes: pooled labs and
 * their queue, help requests, evidence items and their custody log. A
 * new endpoint is one line here and its handler in handlers.h. The
 * audited reads (a request, an item, its custody log) open their own
 * write transaction in the handler, to record the view.
 */
#include "http/forensics/handlers.h"
#include "http/router.h"
#include "svc/forensics/custody.h"
#include "svc/forensics/labs.h"
#include "svc/forensics/requests.h"

#define U	CCS_AUTH_USER
#define W	(CCS_R_WRITE | CCS_R_JSON)
#define A	CCS_R_AUDITREAD	/* the view is audited */

static const struct ccs_route_in page_in = { .limit_dflt = 50,
	.limit_max = CCS_FX_PAGE_MAX };
static const struct ccs_route_in lab_in = { CCS_BODY(ccs_lab) };
static const struct ccs_route_in tool_in = { CCS_BODY(ccs_lab_tool) };
static const struct ccs_route_in examiner_in = {
	CCS_BODY(ccs_lab_examiner)
};
static const struct ccs_route_in request_in = { CCS_BODY(ccs_fx_request) };
static const struct ccs_route_in move_in = { CCS_BODY(ccs_fx_move) };
static const struct ccs_route_in item_in = { CCS_BODY(ccs_evidence_item) };
static const struct ccs_route_in handover_in = { CCS_BODY(ccs_handover) };

static const struct ccs_route routes[] = {
	{ "GET", "/api/v1/labs", ccs_h_labs, U, 0, &page_in },
	{ "POST", "/api/v1/labs", ccs_h_lab_create, U, W, &lab_in },
	{ "GET", "/api/v1/labs/{id}", ccs_h_lab, U, 0, NULL },
	{ "POST", "/api/v1/labs/{id}/tools", ccs_h_lab_tool_add, U, W,
	    &tool_in },
	{ "POST", "/api/v1/labs/{id}/examiners", ccs_h_lab_examiner_add, U, W,
	    &examiner_in },
	{ "GET", "/api/v1/forensic-requests", ccs_h_fx_requests, U, 0,
	    &page_in },
	{ "POST", "/api/v1/forensic-requests", ccs_h_fx_request_create, U, W,
	    &request_in },
	{ "GET", "/api/v1/forensic-requests/{id}", ccs_h_fx_request, U, A,
	    NULL },
	{ "POST", "/api/v1/forensic-requests/{id}/moves",
	    ccs_h_fx_request_move, U, W, &move_in },
	{ "GET", "/api/v1/evidence-items", ccs_h_evidence_items, U, 0,
	    &page_in },
	{ "POST", "/api/v1/evidence-items", ccs_h_evidence_item_create, U, W,
	    &item_in },
	{ "GET", "/api/v1/evidence-items/{id}", ccs_h_evidence_item, U, A,
	    NULL },
	{ "POST", "/api/v1/evidence-items/{id}/handovers", ccs_h_handover, U,
	    W, &handover_in },
	{ "GET", "/api/v1/evidence-items/{id}/custody", ccs_h_custody, U, A,
	    &page_in },
	{ "GET", "/api/v1/evidence-items/{id}/custody.pdf", ccs_h_custody_pdf,
	    U, A, NULL },
};

const struct ccs_route_list ccs_forensics_routes = {
	"forensics", routes, sizeof(routes) / sizeof(routes[0])
};

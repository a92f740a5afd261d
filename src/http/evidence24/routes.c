/*
 * evidence24/routes.c: the 24/7 preservation requests API: the list with
 * the overdue first, making a request, one request (JSON or the printable
 * PDF), its moves (PATCH) and the figures. Every read of a request is
 * audited (h_requests.c commits its own transaction for that).
 */
#include "http/evidence24/handlers.h"
#include "http/router.h"
#include "svc/evidence24/moves.h"
#include "svc/evidence24/reads.h"
#include "svc/evidence24/requests.h"

#define U	CCS_AUTH_USER
#define W	(CCS_R_WRITE | CCS_R_JSON)
#define A	CCS_R_AUDITREAD	/* the view is audited */

static const struct ccs_route_in create_in = { CCS_BODY(ccs_pres_create) };
static const struct ccs_route_in move_in = { CCS_BODY(ccs_pres_move) };

static const struct ccs_route routes[] = {
	{ "GET", "/api/v1/preservation-requests", ccs_h_pres_list, U, A,
	    NULL },
	{ "POST", "/api/v1/preservation-requests", ccs_h_pres_create, U, W,
	    &create_in },
	{ "GET", "/api/v1/preservation-requests/figures", ccs_h_pres_figures,
	    U, 0, NULL },
	{ "GET", "/api/v1/preservation-requests/{id}", ccs_h_pres_get, U, A,
	    NULL },
	{ "PATCH", "/api/v1/preservation-requests/{id}", ccs_h_pres_patch, U,
	    W, &move_in },
	{ "GET", "/api/v1/preservation-requests/{id}.pdf", ccs_h_pres_pdf, U,
	    A, NULL },
};

const struct ccs_route_list ccs_evidence24_routes = {
	"evidence24", routes, sizeof(routes) / sizeof(routes[0])
};

/*
 * monitoring/legal_routes.c: the monitoring domain's routes. A new endpoint of
 * this domain is one line here and its handler in monitoring/handlers.h;
 * router.c walks this table with the others. Each part of the domain
 * keeps its lines in a block of its own.
 */
#include "http/monitoring/handlers.h"
#include "http/router.h"
#include "svc/monitoring/legal_instruments.h"
#include "svc/monitoring/legal_treaties.h"

#define U	CCS_AUTH_USER
#define W	(CCS_R_WRITE | CCS_R_JSON)

/* legal harmonisation tracker */
static const struct ccs_route_in legal_in = {
	CCS_BODY(ccs_legal_instrument)
};
static const struct ccs_route_in legal_patch_in = {
	CCS_BODY(ccs_legal_instrument), .partial = true
};
static const struct ccs_route_in legal_page_in = { .limit_dflt = 50,
	.limit_max = CCS_LEGAL_PAGE_MAX };
static const struct ccs_route_in treaty_in = {
	CCS_BODY(ccs_legal_treaty), .partial = true
};

static const struct ccs_route routes[] = {
	/* legal harmonisation tracker */
	{ "GET", "/api/v1/legal/provisions", ccs_h_legal_provisions, U, 0,
	    NULL },
	{ "GET", "/api/v1/legal/instruments", ccs_h_legal_instruments, U, 0,
	    &legal_page_in },
	{ "POST", "/api/v1/legal/instruments", ccs_h_legal_instrument_create,
	    U, W, &legal_in },
	{ "GET", "/api/v1/legal/instruments/{id}", ccs_h_legal_instrument, U,
	    0, NULL },
	{ "PATCH", "/api/v1/legal/instruments/{id}",
	    ccs_h_legal_instrument_update, U, W, &legal_patch_in },
	{ "GET", "/api/v1/legal/matrix", ccs_h_legal_matrix, U, 0, NULL },
	{ "GET", "/api/v1/legal/treaties", ccs_h_legal_treaties, U, 0, NULL },
	{ "PATCH", "/api/v1/legal/treaties/{state}/{treaty}",
	    ccs_h_legal_treaty_update, U, W, &treaty_in },
};

const struct ccs_route_list ccs_monitoring_legal_routes = {
	"monitoring", routes, sizeof(routes) / sizeof(routes[0])
};

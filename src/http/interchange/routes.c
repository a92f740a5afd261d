/*
 * interchange/routes.c: the interchange domain's routes: STIX, MISP and
 * indicator CSV imports (raw bodies up to CCS_IMPORT_MAX_BYTES), the STIX
 * export.
 * A new endpoint of this domain is one line here and its handler in
 * interchange/handlers.h; router.c walks this table with the others.
 */
#include "http/router.h"
#include "http/interchange/handlers.h"

#define U	CCS_AUTH_USER
#define P	CCS_AUTH_PUBLIC
#define W	(CCS_R_WRITE | CCS_R_JSON)

/* the list contract: ?limit= 1..200, 50 by default */
static const struct ccs_route_in list_in = {
	.limit_dflt = 50, .limit_max = 200
};

static const struct ccs_route routes[] = {
	{ "POST", "/api/v1/import/stix", ccs_h_import_stix, U,
	    CCS_R_WRITE | CCS_R_UPLOAD | CCS_R_IMPORT, NULL },
	{ "POST", "/api/v1/import/misp", ccs_h_import_misp, U,
	    CCS_R_WRITE | CCS_R_UPLOAD | CCS_R_IMPORT, NULL },
	{ "POST", "/api/v1/import/csv", ccs_h_import_csv, U,
	    CCS_R_WRITE | CCS_R_UPLOAD | CCS_R_IMPORT, NULL },
	{ "GET", "/api/v1/export/stix", ccs_h_export_stix, U, 0, NULL },
	{ "GET", "/api/v1/stix/objects", ccs_h_stix_objects, U, 0, &list_in },
	{ "GET", "/api/v1/stix/objects/{id}", ccs_h_stix_object, U, 0, NULL },
	{ "GET", "/api/v1/incidents/{id}/stix", ccs_h_incident_stix, U, 0,
	    NULL },
	/* the object page: a static page that reads the id from its path */
	{ "GET", "/stix/{id}", ccs_h_stix_page, P, CCS_R_NODB, NULL },
};

#undef U
#undef P
#undef W

const struct ccs_route_list ccs_interchange_routes = {
	"interchange", routes, sizeof(routes) / sizeof(routes[0])
};

/*
 * directory/routes.c: the directory domain's routes: states, organisations,
 * contacts.
 * A new endpoint of this domain is one line here and its handler in
 * directory/handlers.h; router.c walks this table with the others.
 */
#include "http/router.h"
#include "http/directory/handlers.h"
#include "svc/directory/directory.h"

#define U	CCS_AUTH_USER
#define P	CCS_AUTH_PUBLIC
#define W	(CCS_R_WRITE | CCS_R_JSON)

static const struct ccs_route_in org_in = { CCS_BODY(ccs_org) };
static const struct ccs_route_in contact_in = { CCS_BODY(ccs_contact) };
/* PATCH: any subset of a contact's fields */
static const struct ccs_route_in contact_patch_in = { CCS_BODY(ccs_contact),
	.partial = true };

static const struct ccs_route routes[] = {
	{ "GET", "/api/v1/states", ccs_h_states, P, 0, NULL },
	{ "GET", "/api/v1/states/{code}", ccs_h_state, P, 0, NULL },
	{ "GET", "/api/v1/organisations", ccs_h_orgs, P, 0, NULL },
	{ "POST", "/api/v1/organisations", ccs_h_org_create, U, W, &org_in },
	{ "GET", "/api/v1/organisations/{id}", ccs_h_org, P, 0, NULL },
	{ "GET", "/api/v1/contacts", ccs_h_contacts, U, 0, NULL },
	{ "POST", "/api/v1/contacts", ccs_h_contact_create, U, W, &contact_in },
	{ "GET", "/api/v1/contacts/{id}", ccs_h_contact, U, 0, NULL },
	{ "PATCH", "/api/v1/contacts/{id}", ccs_h_contact_update, U, W,
	    &contact_patch_in },
	{ "DELETE", "/api/v1/contacts/{id}", ccs_h_contact_delete, U,
	    CCS_R_WRITE, NULL },
};

#undef U
#undef P
#undef W

const struct ccs_route_list ccs_directory_routes = {
	"directory", routes, sizeof(routes) / sizeof(routes[0])
};

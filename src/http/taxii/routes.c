/*
 * taxii/routes.c: the TAXII 2.1 server's routes (issue 14), below
 * /taxii2/. They carry CCS_R_TAXII: ccs_taxii_serve (h_taxii.c) does the
 * media types, the body size (max_content_length), Basic and Bearer
 * credentials and the transaction, so the auth field is PUBLIC here and
 * each handler decides who may see its API root and collection.
 */
#include "http/router.h"
#include "http/taxii/handlers.h"

#define P	CCS_AUTH_PUBLIC
#define T	CCS_R_TAXII
#define TW	(CCS_R_TAXII | CCS_R_WRITE)
#define C	"/taxii2/{root}/collections/{collection}"

static const struct ccs_route routes[] = {
	{ "GET", "/taxii2/", ccs_h_taxii_discovery, P, T, NULL },
	{ "GET", "/taxii2/{root}/", ccs_h_taxii_root, P, T, NULL },
	{ "GET", "/taxii2/{root}/status/{status}/", ccs_h_taxii_status, P, T,
	    NULL },
	{ "GET", "/taxii2/{root}/collections/", ccs_h_taxii_collections, P, T,
	    NULL },
	{ "GET", C "/", ccs_h_taxii_collection, P, T, NULL },
	{ "GET", C "/manifest/", ccs_h_taxii_manifest, P, T, NULL },
	{ "GET", C "/objects/", ccs_h_taxii_objects, P, T, NULL },
	{ "POST", C "/objects/", ccs_h_taxii_add, P, TW, NULL },
	{ "GET", C "/objects/{object}/", ccs_h_taxii_object, P, T, NULL },
	{ "DELETE", C "/objects/{object}/", ccs_h_taxii_delete, P, TW, NULL },
	{ "GET", C "/objects/{object}/versions/", ccs_h_taxii_versions, P, T,
	    NULL },
};

#undef P
#undef T
#undef TW
#undef C

const struct ccs_route_list ccs_taxii_routes = {
	"taxii", routes, sizeof(routes) / sizeof(routes[0])
};

/*
 * platform/routes.c: the platform domain's routes: health, metrics and the API
 * description, sign-in and one's own account, API tokens, administration,
 * subscriptions, the inbox and sharing communities.
 * A new endpoint of this domain is one line here and its handler in
 * platform/handlers.h; router.c walks this table with the others.
 */
#include "http/router.h"
#include "http/platform/handlers.h"

#define U	CCS_AUTH_USER
#define P	CCS_AUTH_PUBLIC
#define W	(CCS_R_WRITE | CCS_R_JSON)

static const struct ccs_route routes[] = {
	{ "GET", "/healthz", ccs_h_healthz, P, CCS_R_NODB, NULL },
	{ "GET", "/metrics", ccs_h_metrics, P, CCS_R_NODB, NULL },
	{ "GET", "/api/v1/openapi.json", ccs_h_openapi, P, CCS_R_NODB, NULL },
	{ "POST", "/api/v1/session", ccs_h_session_create, P,
	    W | CCS_R_NOCSRF, NULL },
	{ "GET", "/api/v1/session", ccs_h_session_get, U, 0, NULL },
	{ "DELETE", "/api/v1/session", ccs_h_session_delete, U,
	    CCS_R_WRITE, NULL },
	{ "GET", "/api/v1/me", ccs_h_me, U, 0, NULL },
	{ "POST", "/api/v1/me/totp", ccs_h_totp_enrol, U, CCS_R_WRITE, NULL },
	{ "POST", "/api/v1/me/totp/confirm", ccs_h_totp_confirm, U, W, NULL },
	{ "POST", "/api/v1/tokens", ccs_h_token_create, U, W, NULL },
	{ "GET", "/api/v1/users", ccs_h_users, U, 0, NULL },
	{ "GET", "/api/v1/audit", ccs_h_audit, U, 0, NULL },
	{ "GET", "/api/v1/subscriptions", ccs_h_subscriptions, U, 0, NULL },
	{ "POST", "/api/v1/subscriptions", ccs_h_subscription_create, U,
	    W, NULL },
	{ "DELETE", "/api/v1/subscriptions/{id}", ccs_h_subscription_delete, U,
	    CCS_R_WRITE, NULL },
	{ "GET", "/api/v1/inbox", ccs_h_inbox, U, 0, NULL },
	{ "POST", "/api/v1/inbox/{id}/read", ccs_h_inbox_read, U,
	    CCS_R_WRITE, NULL },
	{ "GET", "/api/v1/communities", ccs_h_communities, U, 0, NULL },
	{ "POST", "/api/v1/communities", ccs_h_community_create, U, W, NULL },
};

#undef U
#undef P
#undef W

const struct ccs_route_list ccs_platform_routes = {
	"platform", routes, sizeof(routes) / sizeof(routes[0])
};

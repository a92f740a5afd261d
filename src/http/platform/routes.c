/*
 * platform/routes.c: the platform domain's routes: health, metrics and the API
 * description, sign-in and one's own account, API tokens, administration,
 * subscriptions, the inbox and sharing communities.
 * A new endpoint of this domain is one line here and its handler in
 * platform/handlers.h; router.c walks this table with the others.
 */
#include "http/router.h"
#include "http/platform/handlers.h"
#include "svc/platform/notify.h"
#include "svc/sharing/communities.h"

#define U	CCS_AUTH_USER
#define P	CCS_AUTH_PUBLIC
#define W	(CCS_R_WRITE | CCS_R_JSON)

/* The bodies of sign-in, TOTP confirmation and a new API token. */
static const struct ccs_jfield session_fields[] = {
	{ "login", CCS_J_STRING, true, 1, 64 },
	{ "password", CCS_J_STRING, true, 1, 1024 },
	{ "totp", CCS_J_STRING, false, 0, 16 },
};
static const size_t session_nfields = sizeof(session_fields) /
    sizeof(session_fields[0]);
static const struct ccs_jfield totp_fields[] = {
	{ "code", CCS_J_STRING, true, 6, 6 },
};
static const size_t totp_nfields = sizeof(totp_fields) /
    sizeof(totp_fields[0]);
static const struct ccs_jfield token_fields[] = {
	{ "name", CCS_J_STRING, true, 1, 100 },
	{ "ttl_days", CCS_J_INT, false, 0, 0 },
};
static const size_t token_nfields = sizeof(token_fields) /
    sizeof(token_fields[0]);

static const struct ccs_route_in session_in = { CCS_BODY(session) };
static const struct ccs_route_in totp_in = { CCS_BODY(totp) };
static const struct ccs_route_in token_in = { CCS_BODY(token) };
static const struct ccs_route_in subscription_in = {
	CCS_BODY(ccs_subscription)
};
static const struct ccs_route_in community_in = { CCS_BODY(ccs_community) };
static const struct ccs_route_in user_new_in = { CCS_BODY(ccs_user_new) };
static const struct ccs_route_in user_password_in = {
	CCS_BODY(ccs_user_password)
};

/* ?limit= of the audit trail: 100 when absent (http/params.h) */

static const struct ccs_route routes[] = {
	{ "GET", "/healthz", ccs_h_healthz, P, CCS_R_NODB, NULL },
	{ "GET", "/metrics", ccs_h_metrics, P, CCS_R_NODB, NULL },
	{ "GET", "/api/v1/openapi.json", ccs_h_openapi, P, CCS_R_NODB, NULL },
	{ "GET", "/api/v1/vocabularies", ccs_h_vocabularies, P, CCS_R_NODB,
	    NULL },
	{ "POST", "/api/v1/session", ccs_h_session_create, P, W | CCS_R_NOCSRF,
	    &session_in },
	{ "GET", "/api/v1/session", ccs_h_session_get, U, 0, NULL },
	/* the sign-in page and its form, for browsers without scripts */
	{ "GET", "/login", ccs_h_login_page, P, 0, NULL },
	{ "POST", "/login", ccs_h_login_submit, P, CCS_R_WRITE | CCS_R_NOCSRF,
	    NULL },
	{ "DELETE", "/api/v1/session", ccs_h_session_delete, U,
	    CCS_R_WRITE, NULL },
	{ "GET", "/api/v1/me", ccs_h_me, U, 0, NULL },
	{ "POST", "/api/v1/me/totp", ccs_h_totp_enrol, U, CCS_R_WRITE, NULL },
	{ "POST", "/api/v1/me/totp/confirm", ccs_h_totp_confirm, U, W,
	    &totp_in },
	{ "POST", "/api/v1/tokens", ccs_h_token_create, U, W, &token_in },
	{ "GET", "/api/v1/users", ccs_h_users, U, 0, NULL },
	{ "POST", "/api/v1/users", ccs_h_user_create, U, W, &user_new_in },
	{ "POST", "/api/v1/users/{login}/disable", ccs_h_user_disable, U,
	    CCS_R_WRITE, NULL },
	{ "POST", "/api/v1/users/{login}/enable", ccs_h_user_enable, U,
	    CCS_R_WRITE, NULL },
	{ "POST", "/api/v1/users/{login}/password", ccs_h_user_password, U, W,
	    &user_password_in },
	{ "POST", "/api/v1/users/{login}/totp", ccs_h_user_totp_reset, U,
	    CCS_R_WRITE, NULL },
	{ "GET", "/api/v1/users/{login}/tokens", ccs_h_user_tokens, U, 0,
	    NULL },
	{ "POST", "/api/v1/users/{login}/tokens", ccs_h_user_token_create, U,
	    W, &token_in },
	{ "POST", "/api/v1/tokens/{id}/revoke", ccs_h_token_revoke, U,
	    CCS_R_WRITE, NULL },
	{ "GET", "/api/v1/audit", ccs_h_audit, U, 0, NULL },
	{ "GET", "/api/v1/audit/verify", ccs_h_audit_verify, U, 0, NULL },
	{ "GET", "/api/v1/subscriptions", ccs_h_subscriptions, U, 0, NULL },
	{ "POST", "/api/v1/subscriptions", ccs_h_subscription_create, U, W,
	    &subscription_in },
	{ "DELETE", "/api/v1/subscriptions/{id}", ccs_h_subscription_delete, U,
	    CCS_R_WRITE, NULL },
	{ "GET", "/api/v1/inbox", ccs_h_inbox, U, 0, NULL },
	{ "POST", "/api/v1/inbox/{id}/read", ccs_h_inbox_read, U,
	    CCS_R_WRITE, NULL },
	{ "GET", "/api/v1/communities", ccs_h_communities, U, 0, NULL },
	{ "POST", "/api/v1/communities", ccs_h_community_create, U, W,
	    &community_in },
};

#undef U
#undef P
#undef W

const struct ccs_route_list ccs_platform_routes = {
	"platform", routes, sizeof(routes) / sizeof(routes[0])
};

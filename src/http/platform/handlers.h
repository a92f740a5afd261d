/*
 * platform/handlers.h: the platform domain's handlers, one group per file:
 * operations, sign-in and one's own account, administration,
 * subscriptions, the inbox and communities, and the web UI (ccs_h_static,
 * which router.c calls for every path outside /api/). The routes that
 * reach them are in platform/routes.c.
 */
#ifndef CCS_HTTP_PLATFORM_HANDLERS_H
#define CCS_HTTP_PLATFORM_HANDLERS_H

#include "http/req.h"
#include "util/jsonv.h"

/* h_ops.c: health, metrics, API description */
void	ccs_h_healthz(struct ccs_req *r);
void	ccs_h_metrics(struct ccs_req *r);
void	ccs_h_openapi(struct ccs_req *r);
void	ccs_h_vocabularies(struct ccs_req *r);

/* h_session.c: sign-in, sign-out, own account, TOTP, tokens */
void	ccs_h_session_create(struct ccs_req *r);
void	ccs_h_session_get(struct ccs_req *r);
void	ccs_h_login_page(struct ccs_req *r);
void	ccs_h_login_submit(struct ccs_req *r);
void	ccs_h_session_delete(struct ccs_req *r);
void	ccs_h_me(struct ccs_req *r);
void	ccs_h_totp_enrol(struct ccs_req *r);
void	ccs_h_totp_confirm(struct ccs_req *r);
void	ccs_h_token_create(struct ccs_req *r);

/* h_admin.c: users, audit trail */
void	ccs_h_users(struct ccs_req *r);
void	ccs_h_audit(struct ccs_req *r);
void	ccs_h_audit_verify(struct ccs_req *r);
void	ccs_h_user_create(struct ccs_req *r);
void	ccs_h_user_disable(struct ccs_req *r);
void	ccs_h_user_enable(struct ccs_req *r);
void	ccs_h_user_password(struct ccs_req *r);
void	ccs_h_user_totp_reset(struct ccs_req *r);
void	ccs_h_user_tokens(struct ccs_req *r);
void	ccs_h_user_token_create(struct ccs_req *r);
void	ccs_h_token_revoke(struct ccs_req *r);

/** Request fields of a new account and of a password change. */
extern const struct ccs_jfield ccs_user_new_fields[];
extern const size_t ccs_user_new_nfields;
extern const struct ccs_jfield ccs_user_password_fields[];
extern const size_t ccs_user_password_nfields;

/* h_notify.c: subscriptions, the inbox, sharing communities */
void	ccs_h_subscriptions(struct ccs_req *r);
void	ccs_h_subscription_create(struct ccs_req *r);
void	ccs_h_subscription_delete(struct ccs_req *r);
void	ccs_h_inbox(struct ccs_req *r);
void	ccs_h_inbox_read(struct ccs_req *r);
void	ccs_h_communities(struct ccs_req *r);
void	ccs_h_community_create(struct ccs_req *r);

/* h_static.c: the web UI (not in the route table: the fallback) */
void	ccs_h_static(struct ccs_req *r);

#endif

/*
 * h_session.c: sign-in and sign-out, the signed-in user's own account,
 * TOTP enrolment and API tokens for machines.
 */
#include <stdio.h>
#include <string.h>

#include "http/platform/handlers.h"
#include "svc/platform/accounts.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

static json_t *
me_json(struct ccs_req *r)
{
	json_t *me = NULL;

	if (ccs_user_me(r->db, &r->who, &me) != CCS_OK)
		return NULL;
	json_object_set_new(me, "totp_enabled", json_boolean(
	    json_integer_value(json_object_get(me, "totp_enabled"))));
	return me;
}

void
ccs_h_session_create(struct ccs_req *r)
{
	const struct ccs_conf *c = r->app->conf;
	struct ccs_login_limits lim = { c->login_max_failures,
	    c->login_lock_seconds, c->ip_max_failures, c->ip_window_seconds };
	struct ccs_fail f = { 0, NULL, "" };
	char token[CCS_TOKEN_LEN], csrf[CCS_TOKEN_LEN], cookie[160];
	json_t *body;
	int rc;

	rc = ccs_login(r->db, r->app->key, &lim, json_string_value(
	    json_object_get(r->json, "login")), json_string_value(
	    json_object_get(r->json, "password")), json_string_value(
	    json_object_get(r->json, "totp")), r->ip, r->now, &r->who, &f);
	if (rc != CCS_OK) {
		/* Keep the failure counters even though the request fails. */
		r->commit = rc == CCS_EAUTH || rc == CCS_ELIMIT;
		ccs_reply_fail(r, &f);
		return;
	}
	rc = ccs_session_create(r->db, &r->who, c->session_ttl, r->now, token,
	    csrf);
	if (rc != CCS_OK) {
		ccs_reply_error(r, 500, "internal", "cannot start a session");
		return;
	}
	body = json_pack("{s:o*, s:s, s:I}", "user", me_json(r), "csrf_token",
	    csrf, "expires_at", (json_int_t)(r->now + c->session_ttl));
	ccs_reply_json(r, 201, body);
	if (ccs_snprintf(cookie, sizeof(cookie), "ccscap_session=%s; Path=/; "
	    "HttpOnly; SameSite=Strict; Max-Age=%u%s", token, c->session_ttl,
	    c->cookie_secure ? "; Secure" : "") == CCS_OK)
		ccs_reply_header(r, "Set-Cookie", cookie);
	ccs_wipe(token, sizeof(token));
	ccs_wipe(cookie, sizeof(cookie));
}

void
ccs_h_session_get(struct ccs_req *r)
{
	ccs_reply_json(r, 200, json_pack("{s:o*, s:s?}", "user", me_json(r),
	    "csrf_token", r->via_cookie ? r->csrf : NULL));
}

void
ccs_h_session_delete(struct ccs_req *r)
{
	if (!r->via_cookie) {
		ccs_reply_error(r, 400, "no_session", "this request was not made "
		    "with a session cookie");
		return;
	}
	if (ccs_session_delete(r->db, &r->who, r->session, r->now) != CCS_OK) {
		ccs_reply_error(r, 500, "internal", "cannot end the session");
		return;
	}
	ccs_reply_json(r, 200, json_pack("{s:b}", "signed_out", 1));
	ccs_reply_header(r, "Set-Cookie", "ccscap_session=; Path=/; HttpOnly; "
	    "SameSite=Strict; Max-Age=0");
}

void
ccs_h_me(struct ccs_req *r)
{
	json_t *me = me_json(r);

	if (me == NULL) {
		ccs_reply_error(r, 500, "internal", "cannot read your account");
		return;
	}
	ccs_reply_json(r, 200, me);
}

void
ccs_h_totp_enrol(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	char secret[CCS_TOTP_B32_LEN], uri[256];

	if (ccs_totp_enrol(r->db, r->app->key, &r->who, r->now, secret, &f) !=
	    CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	if (ccs_snprintf(uri, sizeof(uri), "otpauth://totp/ccscap:%s?secret=%s"
	    "&issuer=ccscap&algorithm=SHA1&digits=6&period=30", r->who.login,
	    secret) != CCS_OK) {
		ccs_reply_error(r, 500, "internal", "cannot build the URI");
		return;
	}
	ccs_reply_json(r, 201, json_pack("{s:s, s:s}", "secret", secret,
	    "otpauth_uri", uri));
	ccs_wipe(secret, sizeof(secret));
	ccs_wipe(uri, sizeof(uri));
}

void
ccs_h_totp_confirm(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };

	if (ccs_totp_confirm(r->db, r->app->key, &r->who, json_string_value(
	    json_object_get(r->json, "code")), r->now, &f) != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	ccs_reply_json(r, 200, json_pack("{s:b}", "totp_enabled", 1));
}

void
ccs_h_token_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	char token[CCS_TOKEN_LEN];
	json_t *ttl;

	ttl = json_object_get(r->json, "ttl_days");
	if (ccs_apitoken_create(r->db, &r->who, r->who.login, json_string_value(
	    json_object_get(r->json, "name")), ttl ? json_integer_value(ttl) :
	    90, r->now, token, &f) != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	ccs_reply_json(r, 201, json_pack("{s:s, s:s}", "token", token, "note",
	    "shown once; store it now"));
	ccs_wipe(token, sizeof(token));
}

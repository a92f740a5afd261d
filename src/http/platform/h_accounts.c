/*
 * h_accounts.c: account administration over HTTP for the administration
 * pages: create, disable and enable an account, set its password, give it
 * a new one-time code secret, its API tokens (list, create, revoke), and
 * the audit chain check. Each handler calls the service that the CLI
 * calls, which authorises and audits; secrets are shown once and wiped.
 */
#include <string.h>

#include "http/listq.h"
#include "http/platform/handlers.h"
#include "http/params.h"
#include "svc/platform/accounts.h"
#include "svc/platform/admin.h"
#include "util/crypto.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

const struct ccs_jfield ccs_user_new_fields[] = {
	{ "login", CCS_J_STRING, true, 3, 64 },
	{ "display_name", CCS_J_STRING, true, 1, 200 },
	{ "role", CCS_J_STRING, true, 1, 40 },
	{ "state", CCS_J_STRING, false, 2, 2 },
	{ "password", CCS_J_STRING, true, 1, 1024 },
	{ "organisation_id", CCS_J_INT, false, 0, 0 },
};
const size_t ccs_user_new_nfields = sizeof(ccs_user_new_fields) /
    sizeof(ccs_user_new_fields[0]);

const struct ccs_jfield ccs_user_password_fields[] = {
	{ "password", CCS_J_STRING, true, 1, 1024 },
};
const size_t ccs_user_password_nfields = sizeof(ccs_user_password_fields) /
    sizeof(ccs_user_password_fields[0]);

void
ccs_h_user_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_user_spec u;
	char secret[CCS_TOTP_B32_LEN];
	int64_t id = 0;
	json_t *org, *out;

	memset(&u, 0, sizeof(u));
	secret[0] = '\0';
	u.login = json_string_value(json_object_get(r->json, "login"));
	u.display_name = json_string_value(json_object_get(r->json,
	    "display_name"));
	u.role = json_string_value(json_object_get(r->json, "role"));
	u.state = json_string_value(json_object_get(r->json, "state"));
	u.password = json_string_value(json_object_get(r->json, "password"));
	org = json_object_get(r->json, "organisation_id");
	u.org_id = org != NULL ? json_integer_value(org) : 0;
	if (ccs_user_add(r->db, r->app->key, &r->who, &u, r->now, &id, secret,
	    &f) != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	out = json_pack("{s:I, s:s, s:s*}", "id", (json_int_t)id, "login",
	    u.login, "totp_secret", secret[0] != '\0' ? secret : NULL);
	ccs_reply_json(r, 201, out);
	ccs_wipe(secret, sizeof(secret));
}

static void
set_disabled(struct ccs_req *r, bool disabled)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *login = ccs_req_param(r, "login");

	if (ccs_user_set_disabled(r->db, &r->who, login, disabled, r->now,
	    &f) != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	ccs_reply_json(r, 200, json_pack("{s:s, s:b}", "login", login,
	    "disabled", disabled));
}

void
ccs_h_user_disable(struct ccs_req *r)
{
	set_disabled(r, true);
}

void
ccs_h_user_enable(struct ccs_req *r)
{
	set_disabled(r, false);
}

void
ccs_h_user_password(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *login = ccs_req_param(r, "login");

	if (ccs_user_passwd(r->db, &r->who, login, json_string_value(
	    json_object_get(r->json, "password")), r->now, &f) != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	ccs_reply_json(r, 200, json_pack("{s:s, s:b}", "login", login,
	    "password_set", 1));
}

void
ccs_h_user_totp_reset(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *login = ccs_req_param(r, "login");
	char secret[CCS_TOTP_B32_LEN], uri[256];

	if (ccs_totp_reset(r->db, r->app->key, &r->who, login, r->now, secret,
	    &f) != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	if (ccs_snprintf(uri, sizeof(uri), "otpauth://totp/ccscap:%s?secret=%s"
	    "&issuer=ccscap&algorithm=SHA1&digits=6&period=30", login,
	    secret) != CCS_OK) {
		ccs_wipe(secret, sizeof(secret));
		ccs_reply_error(r, 500, "internal", "cannot build the URI");
		return;
	}
	ccs_reply_json(r, 201, json_pack("{s:s, s:s, s:s}", "login", login,
	    "secret", secret, "otpauth_uri", uri));
	ccs_wipe(secret, sizeof(secret));
	ccs_wipe(uri, sizeof(uri));
}

void
ccs_h_user_tokens(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	if (!ccs_listq_or_reply(r, &ccs_apitoken_list_def, NULL, &lr))
		return;
	rc = ccs_apitoken_query(r->db, &r->who, ccs_req_param(r, "login"),
	    r->now, lr.ks, lr.q, lr.from, lr.to, &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "api-tokens.csv", &f);
}

void
ccs_h_user_token_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *login = ccs_req_param(r, "login");
	char token[CCS_TOKEN_LEN];
	json_t *ttl;

	ttl = json_object_get(r->json, "ttl_days");
	if (ccs_apitoken_create(r->db, &r->who, login, json_string_value(
	    json_object_get(r->json, "name")), ttl ? json_integer_value(ttl) :
	    90, r->now, token, &f) != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	ccs_reply_json(r, 201, json_pack("{s:s, s:s, s:s}", "login", login,
	    "token", token, "note", "shown once; store it now"));
	ccs_wipe(token, sizeof(token));
}

void
ccs_h_token_revoke(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_apitoken_revoke(r->db, &r->who, id, r->now, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? json_pack("{s:I, s:b}",
	    "id", (json_int_t)id, "revoked", 1) : NULL, &f);
}

void
ccs_h_audit_verify(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_audit_check(r->db, &r->who, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

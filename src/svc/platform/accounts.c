/*
 * accounts.c: accounts and sign-in.
 *
 * Passwords are argon2id hashes; TOTP seeds are sealed with the installation
 * key so a copy of the database alone does not yield them; session cookies
 * and API tokens are random and stored only as SHA-256 hashes. Failed
 * sign-ins are counted per account (lock after N) and per client address
 * (fixed window), both in the database so several server processes agree.
 */
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "svc/platform/accounts.h"
#include "svc/platform/audit.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

static void
principal_from(struct ccs_principal *p, const json_t *u)
{
	const char *st = json_string_value(json_object_get(u, "state_code"));

	memset(p, 0, sizeof(*p));
	p->user_id = json_integer_value(json_object_get(u, "id"));
	p->role = ccs_role_parse(json_string_value(json_object_get(u, "role")));
	(void)ccs_strlcpy(p->login, json_string_value(json_object_get(u,
	    "login")), sizeof(p->login));
	if (st != NULL)
		(void)ccs_strlcpy(p->state, st, sizeof(p->state));
	p->org_id = json_integer_value(json_object_get(u, "organisation_id"));
}

static int
state_exists(struct ccs_db *db, const char *code, struct ccs_fail *f)
{
	bool known;
	int rc;

	if (!ccs_valid_iso2(code))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code", "state "
		    "must be a two-letter ISO 3166 code such as JM");
	rc = ccs_state_exists(db, code, &known);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "database error");
	if (!known)
		return ccs_fail(f, CCS_EINVAL, "unknown_state", "state '%s' is "
		    "not in the directory", code);
	return CCS_OK;
}

int
ccs_user_add(struct ccs_db *db, const unsigned char *key,
    const struct ccs_principal *actor, const struct ccs_user_spec *u,
    int64_t now, int64_t *id, char totp_b32[CCS_TOTP_B32_LEN],
    struct ccs_fail *f)
{
	char hash[CCS_PWHASH_LEN];
	unsigned char seed[CCS_TOTP_KEY_LEN];
	char *sealed = NULL;
	enum ccs_role role;
	struct ccs_val v[1];
	const char *scope = u->state && u->state[0] ? u->state : NULL;
	json_t *change = NULL;
	int64_t n = 0;
	int rc;

	rc = ccs_policy_check(actor, CCS_ACT_USER_ADMIN, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "forbidden", "only an administrator may "
		    "add users");
	if (!ccs_valid_login(u->login))
		return ccs_fail(f, CCS_EINVAL, "invalid_login", "login must be "
		    "3-64 characters of a-z, 0-9, '.', '_' or '-'");
	if (u->display_name == NULL || u->display_name[0] == '\0' ||
	    strlen(u->display_name) > 200 || !ccs_text_ok(u->display_name))
		return ccs_fail(f, CCS_EINVAL, "invalid_name", "display name "
		    "must be 1-200 characters");
	role = ccs_role_parse(u->role);
	if (role == CCS_ROLE_ANONYMOUS)
		return ccs_fail(f, CCS_EINVAL, "invalid_role", "role must be one "
		    "of admin, coordinator, rifc_analyst, ncpoc, cert, steering, "
		    "partner");
	if (u->state != NULL && u->state[0] != '\0') {
		rc = state_exists(db, u->state, f);
		if (rc != CCS_OK)
			return rc;
	} else if (ccs_role_needs_state(role)) {
		return ccs_fail(f, CCS_EINVAL, "state_required", "role '%s' "
		    "needs a state scope", u->role);
	}
	if (role == CCS_ROLE_ADMIN && u->state != NULL && u->state[0] != '\0')
		return ccs_fail(f, CCS_EINVAL, "invalid_state_scope",
		    "an administrator cannot be limited to one state");
	if (u->org_id != 0) {
		v[0] = CCS_VINT(u->org_id);
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM organisations "
		    "WHERE id = $1", v, 1, &n);
		if (rc != CCS_OK)
			return ccs_fail(f, rc, "internal", "cannot read "
			    "organisations");
		if (n == 0)
			return ccs_fail(f, CCS_EINVAL, "unknown_organisation",
			    "organisation %lld is not in the directory",
			    (long long)u->org_id);
	}
	rc = ccs_password_hash(u->password, hash);
	if (rc == CCS_EINVAL)
		return ccs_fail(f, rc, "weak_password", "password must be "
		    "%d-%d characters", CCS_PASSWORD_MIN, CCS_PASSWORD_MAX);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "cannot hash password");
	if (ccs_role_needs_totp(role)) {
		ccs_random(seed, sizeof(seed));
		rc = ccs_seal(key, seed, sizeof(seed), &sealed);
		if (rc == CCS_OK)
			rc = ccs_base32_encode(seed, sizeof(seed), totp_b32,
			    CCS_TOTP_B32_LEN);
		ccs_wipe(seed, sizeof(seed));
		if (rc != CCS_OK)
			goto out;
	}
	const struct ccs_named np[] = {
		CCS_NAMED("login", CCS_VTEXT(u->login)),
		CCS_NAMED("name", CCS_VTEXT(u->display_name)),
		CCS_NAMED("pw_hash", CCS_VTEXT(hash)),
		CCS_NAMED("role", CCS_VTEXT(ccs_role_name(role))),
		CCS_NAMED("state", CCS_VTEXT(scope)),
		CCS_NAMED("totp", CCS_VTEXT(sealed)),
		CCS_NAMED("totp_on", CCS_VINT(sealed ? 1 : 0)),
		CCS_NAMED("now", CCS_VINT(now)),
		CCS_NAMED("org",
		    u->org_id != 0 ? CCS_VINT(u->org_id) : CCS_VNULL),
	};

	rc = ccs_db_query_int_named(db, "INSERT INTO users (login, "
	    "display_name, pw_hash, role, state_code, totp_secret, "
	    "totp_enabled, created_at, updated_at, organisation_id) VALUES "
	    "(:login, :name, :pw_hash, :role, :state, :totp, :totp_on, :now, "
	    ":now, :org) RETURNING id", np, CCS_NNAMED(np), id);
	if (rc == CCS_ECONFLICT) {
		ccs_fail(f, rc, "duplicate_login", "login '%s' is already taken",
		    u->login);
		goto out;
	}
	if (rc != CCS_OK) {
		ccs_fail(f, rc, "internal", "cannot store user");
		goto out;
	}
	change = json_pack("{s:s, s:s, s:s?, s:b}", "login", u->login, "role",
	    ccs_role_name(role), "state", scope, "totp", sealed != NULL);
	rc = ccs_audit_record(db, actor, "user.create", "user", *id, change,
	    now);
	if (rc != CCS_OK)
		ccs_fail(f, rc, "internal", "cannot write audit event");
out:
	ccs_wipe(hash, sizeof(hash));
	json_decref(change);
	free(sealed);
	return rc;
}

static int
user_id_by_login(struct ccs_db *db, const char *login, int64_t *id,
    struct ccs_fail *f)
{
	struct ccs_val v = CCS_VTEXT(login);
	int rc;

	rc = ccs_db_query_int(db, "SELECT id FROM users WHERE login = $1", &v,
	    1, id);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "unknown_user", "no user with login '%s'",
		    login);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "database error");
	return CCS_OK;
}

int
ccs_user_passwd(struct ccs_db *db, const struct ccs_principal *actor,
    const char *login, const char *password, int64_t now, struct ccs_fail *f)
{
	char hash[CCS_PWHASH_LEN];
	struct ccs_val v[3];
	int64_t id;
	int rc;

	if (!(actor->system || ccs_streq(actor->login, login)) &&
	    ccs_policy_check(actor, CCS_ACT_USER_ADMIN, NULL) != CCS_OK)
		return ccs_fail(f, CCS_EPERM, "forbidden", "not allowed to "
		    "change this password");
	rc = user_id_by_login(db, login, &id, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_password_hash(password, hash);
	if (rc == CCS_EINVAL)
		return ccs_fail(f, rc, "weak_password", "password must be "
		    "%d-%d characters", CCS_PASSWORD_MIN, CCS_PASSWORD_MAX);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "cannot hash password");
	v[0] = CCS_VTEXT(hash);
	v[1] = CCS_VINT(now);
	v[2] = CCS_VINT(id);
	rc = ccs_db_exec(db, "UPDATE users SET pw_hash = $1, updated_at = $2, "
	    "failed_logins = 0, locked_until = 0 WHERE id = $3", v, 3, NULL,
	    NULL);
	ccs_wipe(hash, sizeof(hash));
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "DELETE FROM sessions WHERE user_id = $3", v,
		    3, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, actor, "user.passwd", "user", id,
		    NULL, now);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "cannot change password");
	return CCS_OK;
}

int
ccs_user_set_disabled(struct ccs_db *db, const struct ccs_principal *actor,
    const char *login, bool disabled, int64_t now, struct ccs_fail *f)
{
	struct ccs_val v[3];
	int64_t id;
	json_t *change;
	int rc;

	rc = ccs_policy_check(actor, CCS_ACT_USER_ADMIN, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "forbidden", "only an administrator may "
		    "disable users");
	rc = user_id_by_login(db, login, &id, f);
	if (rc != CCS_OK)
		return rc;
	v[0] = CCS_VINT(disabled ? 1 : 0);
	v[1] = CCS_VINT(now);
	v[2] = CCS_VINT(id);
	rc = ccs_db_exec(db, "UPDATE users SET disabled = $1, updated_at = $2 "
	    "WHERE id = $3", v, 3, NULL, NULL);
	if (rc == CCS_OK && disabled)
		rc = ccs_db_exec(db, "DELETE FROM sessions WHERE user_id = $3",
		    v, 3, NULL, NULL);
	if (rc == CCS_OK && disabled)
		rc = ccs_db_exec(db, "UPDATE api_tokens SET revoked = 1 WHERE "
		    "user_id = $3", v, 3, NULL, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "database error");
	change = json_pack("{s:b}", "disabled", disabled);
	rc = ccs_audit_record(db, actor,
	    disabled ? "user.disable" : "user.enable", "user", id, change, now);
	json_decref(change);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "cannot write audit event");
	return CCS_OK;
}

int
ccs_user_list(struct ccs_db *db, json_t **out)
{
	return ccs_db_query_json(db, "SELECT id, login, display_name, role, "
	    "state_code, totp_enabled, disabled, created_at FROM users ORDER BY "
	    "login", NULL, 0, out);
}

int
ccs_user_me(struct ccs_db *db, const struct ccs_principal *p, json_t **out)
{
	struct ccs_val v = CCS_VINT(p->user_id);

	/* organisation_id: a partner's pages offer only its own records */
	return ccs_db_query_one(db, "SELECT id, login, display_name, role, "
	    "state_code, totp_enabled, organisation_id FROM users WHERE id = "
	    "$1", &v, 1, out);
}

/* Counts one failure for @p ip; returns true when the address is over. */
static int
ip_throttle(struct ccs_db *db, const struct ccs_login_limits *lim,
    const char *ip, int64_t now, bool count, bool *over)
{
	struct ccs_val v[3];
	json_t *row = NULL;
	int64_t start, n;
	int rc;

	*over = false;
	v[0] = CCS_VTEXT(ip);
	rc = ccs_db_query_one(db, "SELECT window_start, failures FROM "
	    "login_throttle WHERE ip = $1", v, 1, &row);
	if (rc == CCS_ENOTFOUND) {
		start = now;
		n = 0;
	} else if (rc != CCS_OK) {
		return rc;
	} else {
		start = json_integer_value(json_object_get(row, "window_start"));
		n = json_integer_value(json_object_get(row, "failures"));
		json_decref(row);
		if (now - start >= (int64_t)lim->ip_window_seconds) {
			start = now;
			n = 0;
		}
	}
	if (n >= (int64_t)lim->ip_max_failures) {
		*over = true;
		return CCS_OK;
	}
	if (!count)
		return CCS_OK;
	v[1] = CCS_VINT(start);
	v[2] = CCS_VINT(n + 1);
	rc = ccs_db_exec(db, "DELETE FROM login_throttle WHERE ip = $1", v, 1,
	    NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "INSERT INTO login_throttle (ip, "
		    "window_start, failures) VALUES ($1, $2, $3)", v, 3, NULL,
		    NULL);
	return rc;
}

static int
count_failure(struct ccs_db *db, const struct ccs_login_limits *lim,
    const json_t *u, const char *ip, int64_t now)
{
	struct ccs_val v[3];
	bool over;
	int64_t fails;
	int rc;

	rc = ip_throttle(db, lim, ip, now, true, &over);
	if (rc != CCS_OK || u == NULL)
		return rc;
	fails = json_integer_value(json_object_get(u, "failed_logins")) + 1;
	v[0] = CCS_VINT(fails >= (int64_t)lim->max_failures ? 0 : fails);
	v[1] = CCS_VINT(fails >= (int64_t)lim->max_failures ?
	    now + (int64_t)lim->lock_seconds : 0);
	v[2] = CCS_VINT(json_integer_value(json_object_get(u, "id")));
	return ccs_db_exec(db, "UPDATE users SET failed_logins = $1, "
	    "locked_until = $2 WHERE id = $3", v, 3, NULL, NULL);
}

static int
totp_check(struct ccs_db *db, const unsigned char *key, const json_t *u,
    const char *code, int64_t now, bool *ok)
{
	unsigned char seed[64];
	struct ccs_val v[2];
	size_t n = 0;
	int64_t step;
	int rc;

	*ok = false;
	rc = ccs_unseal(key, json_string_value(json_object_get(u,
	    "totp_secret")), seed, sizeof(seed), &n);
	if (rc != CCS_OK)
		return rc;
	*ok = ccs_totp_verify(seed, n, now, code, json_integer_value(
	    json_object_get(u, "totp_last_step")), &step);
	ccs_wipe(seed, sizeof(seed));
	if (!*ok)
		return CCS_OK;
	v[0] = CCS_VINT(step);
	v[1] = CCS_VINT(json_integer_value(json_object_get(u, "id")));
	return ccs_db_exec(db, "UPDATE users SET totp_last_step = $1 WHERE "
	    "id = $2", v, 2, NULL, NULL);
}

int
ccs_login(struct ccs_db *db, const unsigned char *key,
    const struct ccs_login_limits *lim, const char *login,
    const char *password, const char *totp, const char *ip, int64_t now,
    struct ccs_principal *p, struct ccs_fail *f)
{
	struct ccs_val v[2];
	json_t *u = NULL;
	bool over, totp_on, ok, pw_ok;
	int rc;

	rc = ip_throttle(db, lim, ip, now, false, &over);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "database error");
	if (over)
		return ccs_fail(f, CCS_ELIMIT, "too_many_attempts", "too many "
		    "failed sign-ins from this address; try again later");
	v[0] = CCS_VTEXT(login);
	rc = ccs_db_query_one(db, "SELECT id, login, pw_hash, role, state_code, "
	    "organisation_id, totp_secret, totp_enabled, totp_last_step, "
	    "disabled, failed_logins, locked_until FROM users WHERE "
	    "login = $1", v, 1, &u);
	if (rc == CCS_ENOTFOUND) {
		/* Same work as a real check, so timing does not tell. */
		ccs_password_dummy(password);
		rc = count_failure(db, lim, NULL, ip, now);
		return ccs_fail(f, rc == CCS_OK ? CCS_EAUTH : rc,
		    "invalid_credentials", "login or password is wrong");
	}
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "database error");
	if (json_integer_value(json_object_get(u, "locked_until")) > now) {
		rc = ccs_fail(f, CCS_ELIMIT, "too_many_attempts", "too many "
		    "failed sign-ins for this account; try again later");
		goto out;
	}
	totp_on = json_integer_value(json_object_get(u, "totp_enabled")) != 0;
	/*
	 * The password is checked (argon2id, the costly part) on every path,
	 * and for an account with one-time codes no answer tells whether it
	 * was right: without a code the answer is totp_required whatever the
	 * password (and nothing is counted, so the lock counter does not tell
	 * either); with a code, a wrong password and a wrong or replayed code
	 * are the same invalid_credentials. Otherwise the password could be
	 * confirmed without the second factor (issue 8, F6).
	 */
	pw_ok = ccs_password_verify(json_string_value(json_object_get(u,
	    "pw_hash")), password) == CCS_OK && json_integer_value(
	    json_object_get(u, "disabled")) == 0;
	if (totp_on && (totp == NULL || totp[0] == '\0')) {
		rc = ccs_fail(f, CCS_EAUTH, "totp_required", "enter the "
		    "6-digit code from your authenticator app");
		goto out;
	}
	ok = false;
	if (pw_ok && totp_on) {
		rc = totp_check(db, key, u, totp, now, &ok);
		if (rc != CCS_OK) {
			rc = ccs_fail(f, rc, "internal", "cannot check code");
			goto out;
		}
	}
	if (!pw_ok || (totp_on && !ok)) {
		rc = count_failure(db, lim, u, ip, now);
		rc = ccs_fail(f, rc == CCS_OK ? CCS_EAUTH : rc,
		    "invalid_credentials", totp_on ? "login, password or "
		    "one-time code is wrong" : "login or password is wrong");
		goto out;
	}
	if (!totp_on && ccs_role_needs_totp(ccs_role_parse(json_string_value(
	    json_object_get(u, "role"))))) {
		rc = ccs_fail(f, CCS_EAUTH, "totp_not_enrolled", "this account "
		    "must use a one-time code but has none; an operator must "
		    "reset it with 'ccscap user totp LOGIN'");
		goto out;
	}
	v[0] = CCS_VINT(json_integer_value(json_object_get(u, "id")));
	rc = ccs_db_exec(db, "UPDATE users SET failed_logins = 0, locked_until "
	    "= 0 WHERE id = $1", v, 1, NULL, NULL);
	if (rc != CCS_OK) {
		rc = ccs_fail(f, rc, "internal", "database error");
		goto out;
	}
	principal_from(p, u);
	rc = ccs_audit_record(db, p, "session.create", "user", p->user_id, NULL,
	    now);
	if (rc != CCS_OK)
		rc = ccs_fail(f, rc, "internal", "cannot write audit event");
out:
	json_decref(u);
	return rc;
}

int
ccs_session_create(struct ccs_db *db, const struct ccs_principal *p,
    unsigned ttl, int64_t now, char token[CCS_TOKEN_LEN],
    char csrf[CCS_TOKEN_LEN])
{
	char hash[CCS_TOKEN_HASH_LEN];
	struct ccs_val v[5];
	int rc;

	ccs_token_new(token);
	ccs_token_new(csrf);
	ccs_token_hash(token, hash);
	v[0] = CCS_VTEXT(hash);
	v[1] = CCS_VINT(p->user_id);
	v[2] = CCS_VTEXT(csrf);
	v[3] = CCS_VINT(now);
	v[4] = CCS_VINT(now + (int64_t)ttl);
	rc = ccs_db_exec(db, "DELETE FROM sessions WHERE expires_at < $4", v, 4,
	    NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "INSERT INTO sessions (token_hash, user_id, "
		    "csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, "
		    "$5)", v, 5, NULL, NULL);
	return rc;
}

int
ccs_session_lookup(struct ccs_db *db, const char *token, int64_t now,
    struct ccs_principal *p, char csrf[CCS_TOKEN_LEN], struct ccs_fail *f)
{
	char hash[CCS_TOKEN_HASH_LEN];
	struct ccs_val v;
	json_t *row = NULL;
	int rc;

	if (strlen(token) != CCS_TOKEN_LEN - 1)
		return ccs_fail(f, CCS_EAUTH, "invalid_session", "sign in again");
	ccs_token_hash(token, hash);
	v = CCS_VTEXT(hash);
	rc = ccs_db_query_one(db, "SELECT u.id, u.login, u.role, u.state_code, "
	    "u.organisation_id, u.disabled, s.csrf_token, s.expires_at "
	    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE "
	    "s.token_hash = $1", &v, 1, &row);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, CCS_EAUTH, "invalid_session", "your session "
		    "has ended; sign in again");
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "database error");
	if (json_integer_value(json_object_get(row, "expires_at")) <= now) {
		rc = ccs_fail(f, CCS_EAUTH, "session_expired", "your session "
		    "has expired; sign in again");
	} else if (json_integer_value(json_object_get(row, "disabled"))) {
		rc = ccs_fail(f, CCS_EAUTH, "invalid_session", "this account "
		    "is disabled");
	} else {
		principal_from(p, row);
		(void)ccs_strlcpy(csrf, json_string_value(json_object_get(row,
		    "csrf_token")), CCS_TOKEN_LEN);
	}
	json_decref(row);
	return rc;
}

int
ccs_session_delete(struct ccs_db *db, const struct ccs_principal *p,
    const char *token, int64_t now)
{
	char hash[CCS_TOKEN_HASH_LEN];
	struct ccs_val v;
	int rc;

	ccs_token_hash(token, hash);
	v = CCS_VTEXT(hash);
	rc = ccs_db_exec(db, "DELETE FROM sessions WHERE token_hash = $1", &v,
	    1, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "session.delete", "user",
		    p->user_id, NULL, now);
	return rc;
}

int
ccs_apitoken_create(struct ccs_db *db, const struct ccs_principal *actor,
    const char *login, const char *name, int64_t ttl_days, int64_t now,
    char token[CCS_TOKEN_LEN], struct ccs_fail *f)
{
	char hash[CCS_TOKEN_HASH_LEN], body[CCS_TOKEN_LEN];
	struct ccs_val v[5];
	json_t *change;
	int64_t uid, tid;
	int rc;

	if (!(actor->system || ccs_streq(actor->login, login)) &&
	    ccs_policy_check(actor, CCS_ACT_USER_ADMIN, NULL) != CCS_OK)
		return ccs_fail(f, CCS_EPERM, "forbidden", "not allowed to make "
		    "tokens for this user");
	if (name == NULL || name[0] == '\0' || strlen(name) > 100 ||
	    !ccs_text_ok(name))
		return ccs_fail(f, CCS_EINVAL, "invalid_name", "token name must "
		    "be 1-100 characters");
	if (ttl_days < 0 || ttl_days > 3650)
		return ccs_fail(f, CCS_EINVAL, "invalid_ttl", "token lifetime "
		    "must be 0 (no expiry) to 3650 days");
	rc = user_id_by_login(db, login, &uid, f);
	if (rc != CCS_OK)
		return rc;
	ccs_token_new(body);
	rc = ccs_snprintf(token, CCS_TOKEN_LEN, "%s", body);
	ccs_wipe(body, sizeof(body));
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "token");
	ccs_token_hash(token, hash);
	v[0] = CCS_VINT(uid);
	v[1] = CCS_VTEXT(name);
	v[2] = CCS_VTEXT(hash);
	v[3] = CCS_VINT(now);
	v[4] = CCS_VINT(ttl_days ? now + ttl_days * 86400 : 0);
	rc = ccs_db_query_int(db, "INSERT INTO api_tokens (user_id, name, "
	    "token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) "
	    "RETURNING id", v, 5, &tid);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "cannot store token");
	change = json_pack("{s:s, s:s}", "login", login, "name", name);
	rc = ccs_audit_record(db, actor, "token.create", "api_token", tid,
	    change, now);
	json_decref(change);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "cannot write audit event");
	return CCS_OK;
}

/* What token_row found. */
struct token_user {
	struct ccs_principal	*p;	/* filled from the row */
	bool			 found;	/* a row came */
};

/*
 * The token's user straight from its row (id, login, role, state_code,
 * organisation_id), without a JSON object in between: the check runs on
 * every bearer request.
 */
static int
token_row(void *arg, const struct ccs_row *row)
{
	struct token_user *tu = arg;
	struct ccs_principal *p = tu->p;
	int64_t id, org = 0;

	if (row->ncols != 5 || row->vals[0] == NULL || row->vals[1] == NULL ||
	    ccs_parse_i64(row->vals[0], 1, INT64_MAX, &id) != CCS_OK ||
	    (row->vals[4] != NULL && ccs_parse_i64(row->vals[4], 0,
	    INT64_MAX, &org) != CCS_OK))
		return CCS_EDB;
	memset(p, 0, sizeof(*p));
	p->user_id = id;
	p->org_id = org;
	p->role = ccs_role_parse(row->vals[2]);
	(void)ccs_strlcpy(p->login, row->vals[1], sizeof(p->login));
	if (row->vals[3] != NULL)
		(void)ccs_strlcpy(p->state, row->vals[3], sizeof(p->state));
	tu->found = true;
	return CCS_OK;	/* one row at most: token_hash is unique */
}

int
ccs_apitoken_lookup(struct ccs_db *db, const char *token, int64_t now,
    struct ccs_principal *p, struct ccs_fail *f)
{
	char hash[CCS_TOKEN_HASH_LEN];
	struct token_user tu = { p, false };
	struct ccs_val v[2];
	int rc;

	if (strlen(token) != CCS_TOKEN_LEN - 1)
		return ccs_fail(f, CCS_EAUTH, "invalid_token", "the API token "
		    "is not valid");
	ccs_token_hash(token, hash);
	v[0] = CCS_VTEXT(hash);
	v[1] = CCS_VINT(now);
	rc = ccs_db_exec(db, "SELECT u.id, u.login, u.role, u.state_code, "
	    "u.organisation_id FROM api_tokens t JOIN users u ON "
	    "u.id = t.user_id WHERE t.token_hash = $1 AND t.revoked = 0 "
	    "AND u.disabled = 0 AND (t.expires_at = 0 OR t.expires_at > $2)",
	    v, 2, token_row, &tu);
	if (rc == CCS_OK && !tu.found)
		return ccs_fail(f, CCS_EAUTH, "invalid_token", "the API token "
		    "is not valid, expired or revoked");
	if (rc != CCS_OK) {
		memset(p, 0, sizeof(*p));
		return ccs_fail(f, rc, "internal", "database error");
	}
	return CCS_OK;
}

int
ccs_totp_enrol(struct ccs_db *db, const unsigned char *key,
    const struct ccs_principal *p, int64_t now,
    char secret_b32[CCS_TOTP_B32_LEN], struct ccs_fail *f)
{
	unsigned char seed[CCS_TOTP_KEY_LEN];
	struct ccs_val v[3];
	char *sealed = NULL;
	int64_t enabled = 0;
	int rc;

	v[0] = CCS_VINT(p->user_id);
	rc = ccs_db_query_int(db, "SELECT totp_enabled FROM users WHERE id = $1",
	    v, 1, &enabled);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "database error");
	if (enabled)
		return ccs_fail(f, CCS_ECONFLICT, "totp_already_enabled",
		    "one-time codes are already on for this account");
	ccs_random(seed, sizeof(seed));
	rc = ccs_seal(key, seed, sizeof(seed), &sealed);
	if (rc == CCS_OK)
		rc = ccs_base32_encode(seed, sizeof(seed), secret_b32,
		    CCS_TOTP_B32_LEN);
	ccs_wipe(seed, sizeof(seed));
	if (rc != CCS_OK)
		goto out;
	v[0] = CCS_VTEXT(sealed);
	v[1] = CCS_VINT(now);
	v[2] = CCS_VINT(p->user_id);
	rc = ccs_db_exec(db, "UPDATE users SET totp_secret = $1, updated_at = "
	    "$2, totp_last_step = 0 WHERE id = $3", v, 3, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "totp.enrol", "user", p->user_id,
		    NULL, now);
out:
	free(sealed);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "cannot start enrolment");
	return CCS_OK;
}

int
ccs_totp_confirm(struct ccs_db *db, const unsigned char *key,
    const struct ccs_principal *p, const char *code, int64_t now,
    struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(p->user_id);
	json_t *u = NULL;
	bool ok;
	int rc;

	rc = ccs_db_query_one(db, "SELECT id, totp_secret, totp_last_step, "
	    "totp_enabled FROM users WHERE id = $1", &v, 1, &u);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "database error");
	if (json_string_value(json_object_get(u, "totp_secret")) == NULL) {
		rc = ccs_fail(f, CCS_ECONFLICT, "totp_not_enrolled", "start "
		    "enrolment first");
		goto out;
	}
	if (json_integer_value(json_object_get(u, "totp_enabled"))) {
		rc = ccs_fail(f, CCS_ECONFLICT, "totp_already_enabled",
		    "one-time codes are already on for this account");
		goto out;
	}
	rc = totp_check(db, key, u, code, now, &ok);
	if (rc != CCS_OK) {
		rc = ccs_fail(f, rc, "internal", "cannot check code");
		goto out;
	}
	if (!ok) {
		rc = ccs_fail(f, CCS_EINVAL, "invalid_totp", "the one-time code "
		    "is wrong; check the clock of the device");
		goto out;
	}
	rc = ccs_db_exec(db, "UPDATE users SET totp_enabled = 1 WHERE id = $1",
	    &v, 1, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "totp.enable", "user", p->user_id,
		    NULL, now);
	if (rc != CCS_OK)
		rc = ccs_fail(f, rc, "internal", "database error");
out:
	json_decref(u);
	return rc;
}

int
ccs_totp_reset(struct ccs_db *db, const unsigned char *key,
    const struct ccs_principal *actor, const char *login, int64_t now,
    char secret_b32[CCS_TOTP_B32_LEN], struct ccs_fail *f)
{
	unsigned char seed[CCS_TOTP_KEY_LEN];
	struct ccs_val v[3];
	char *sealed = NULL;
	int64_t id;
	int rc;

	rc = ccs_policy_check(actor, CCS_ACT_USER_ADMIN, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "forbidden", "only an administrator may "
		    "reset one-time codes");
	rc = user_id_by_login(db, login, &id, f);
	if (rc != CCS_OK)
		return rc;
	ccs_random(seed, sizeof(seed));
	rc = ccs_seal(key, seed, sizeof(seed), &sealed);
	if (rc == CCS_OK)
		rc = ccs_base32_encode(seed, sizeof(seed), secret_b32,
		    CCS_TOTP_B32_LEN);
	ccs_wipe(seed, sizeof(seed));
	if (rc != CCS_OK)
		goto out;
	v[0] = CCS_VTEXT(sealed);
	v[1] = CCS_VINT(now);
	v[2] = CCS_VINT(id);
	rc = ccs_db_exec(db, "UPDATE users SET totp_secret = $1, totp_enabled "
	    "= 1, totp_last_step = 0, updated_at = $2 WHERE id = $3", v, 3,
	    NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, actor, "totp.reset", "user", id, NULL,
		    now);
out:
	free(sealed);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "cannot reset the code");
	return CCS_OK;
}

/*
 * accounts.h: users, sign-in with throttling and TOTP, sessions, API tokens.
 * Functions run inside the caller's transaction (write transactions for
 * anything that changes state) and append audit events for every change.
 */
#ifndef CCS_SVC_ACCOUNTS_H
#define CCS_SVC_ACCOUNTS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "core/totp.h"
#include "store/store.h"
#include "util/crypto.h"
#include "util/fail.h"

/** Sign-in limits, from the configuration. */
struct ccs_login_limits {
	unsigned	max_failures;	/* per account before a lock */
	unsigned	lock_seconds;	/* how long the lock lasts */
	unsigned	ip_max_failures;	/* per address per window */
	unsigned	ip_window_seconds;	/* window length */
};

/** A new account. Strings borrowed. */
struct ccs_user_spec {
	const char	*login;		/* [a-z0-9._-], 3..64 */
	const char	*display_name;	/* 1..200 bytes */
	const char	*role;		/* role name */
	const char	*state;		/* ISO code or NULL */
	const char	*password;	/* 12..1024 bytes */
	int64_t		 org_id;	/* organisation, 0 for none */
};

/**
 * Creates a user. Admins get a TOTP secret at once (it is required for
 * them): @p totp_b32 (may be NULL for other roles) receives it.
 */
int	ccs_user_add(struct ccs_db *db, const unsigned char *key,
	    const struct ccs_principal *actor, const struct ccs_user_spec *u,
	    int64_t now, int64_t *id /* OUT */,
	    char totp_b32[CCS_TOTP_B32_LEN] /* OUT */, struct ccs_fail *f);
int	ccs_user_passwd(struct ccs_db *db, const struct ccs_principal *actor,
	    const char *login, const char *password, int64_t now,
	    struct ccs_fail *f);
/** Disables (or re-enables) a login; disabling ends its sessions and
 * revokes its tokens. */
int	ccs_user_set_disabled(struct ccs_db *db,
	    const struct ccs_principal *actor, const char *login, bool disabled,
	    int64_t now, struct ccs_fail *f);
/** All users without secrets, as a new JSON array. */
int	ccs_user_list(struct ccs_db *db, json_t **out);

/**
 * Checks a sign-in. Counts failures per account and per address and refuses
 * while either is over its limit. The caller commits even on failure so the
 * counters persist.
 * For an account with one-time codes the answer never tells whether the
 * password was right: no @p totp is totp_required (not counted), a wrong
 * password or code is invalid_credentials.
 * @return CCS_OK with @p p filled; CCS_EAUTH (invalid_credentials,
 * totp_required, totp_not_enrolled) or CCS_ELIMIT (too_many_attempts) in
 * @p f.
 */
int	ccs_login(struct ccs_db *db, const unsigned char *key,
	    const struct ccs_login_limits *lim, const char *login,
	    const char *password, const char *totp, const char *ip, int64_t now,
	    struct ccs_principal *p /* OUT */, struct ccs_fail *f);

/** Starts a session; fills the cookie token and the CSRF token. */
int	ccs_session_create(struct ccs_db *db, const struct ccs_principal *p,
	    unsigned ttl, int64_t now, char token[CCS_TOKEN_LEN] /* OUT */,
	    char csrf[CCS_TOKEN_LEN] /* OUT */);
/**
 * Resolves a session cookie. @return CCS_OK with @p p and @p csrf filled,
 * or CCS_EAUTH with f->code "session_expired" / "invalid_session".
 */
int	ccs_session_lookup(struct ccs_db *db, const char *token, int64_t now,
	    struct ccs_principal *p /* OUT */,
	    char csrf[CCS_TOKEN_LEN] /* OUT */, struct ccs_fail *f);
int	ccs_session_delete(struct ccs_db *db, const struct ccs_principal *p,
	    const char *token, int64_t now);

/** Creates an API token for @p login; the token is shown once. */
int	ccs_apitoken_create(struct ccs_db *db,
	    const struct ccs_principal *actor, const char *login,
	    const char *name, int64_t ttl_days, int64_t now,
	    char token[CCS_TOKEN_LEN] /* OUT */, struct ccs_fail *f);
/** Resolves "Authorization: Bearer" tokens. */
int	ccs_apitoken_lookup(struct ccs_db *db, const char *token, int64_t now,
	    struct ccs_principal *p /* OUT */, struct ccs_fail *f);

/** Starts TOTP enrolment for the signed-in user: new secret, not active. */
int	ccs_totp_enrol(struct ccs_db *db, const unsigned char *key,
	    const struct ccs_principal *p, int64_t now,
	    char secret_b32[CCS_TOTP_B32_LEN] /* OUT */, struct ccs_fail *f);
/** Activates the enrolled secret once a valid code is given. */
int	ccs_totp_confirm(struct ccs_db *db, const unsigned char *key,
	    const struct ccs_principal *p, const char *code, int64_t now,
	    struct ccs_fail *f);

/** Operator reset: a new, active TOTP secret for @p login (CLI only). */
int	ccs_totp_reset(struct ccs_db *db, const unsigned char *key,
	    const struct ccs_principal *actor, const char *login, int64_t now,
	    char secret_b32[CCS_TOTP_B32_LEN] /* OUT */, struct ccs_fail *f);

/** The signed-in user's own record as a new JSON object. */
int	ccs_user_me(struct ccs_db *db, const struct ccs_principal *p,
	    json_t **out);

#endif

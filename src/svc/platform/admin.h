/*
 * admin.h: what the administration pages need beyond accounts.h: the
 * audit trail filtered and paged with a total, its chain checked on
 * demand, and each account's API tokens listed and revoked. Reads are
 * for whoever may read the audit trail (administrators, coordinators) or
 * manage accounts (administrators); every write is audited.
 */
#ifndef CCS_SVC_ADMIN_H
#define CCS_SVC_ADMIN_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/listq.h"
#include "util/fail.h"

/** Filters of the audit trail; NULL strings and 0 times are "any". */
struct ccs_audit_filter {
	const char	*actor;		/* login, exact */
	const char	*action;	/* "user.create", or a prefix "user." */
	const char	*entity;	/* "user", "incident", ... */
	const char	*entity_id;	/* exact */
	int64_t		 since;		/* at >= since */
	int64_t		 until;		/* at < until */
};

/** The audit trail as a contract list (svc/listq.h): sorts seq (the
 * default, newest first), at, actor, action, entity; ?q= over actor,
 * action, entity and entity_id; from/to on the time. Rows carry "id"
 * (the seq) for the cursor. */
extern const struct ccs_listq_def ccs_audit_list_def;

/**
 * The events @p flt, @p q and @p from / @p to (unix seconds, 0: open)
 * select, paged by @p ks (borrowed). *out (new, free with
 * ccs_listq_free) is ready for ccs_listq_page or ccs_listq_csv.
 */
int	ccs_audit_query(const struct ccs_principal *p,
	    const struct ccs_audit_filter *flt, struct ccs_keyset *ks,
	    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
	    struct ccs_fail *f);

/** Recomputes the chain; *out {intact, events, bad_seq, reason}. */
int	ccs_audit_check(struct ccs_db *db, const struct ccs_principal *p,
	    json_t **out, struct ccs_fail *f);

/** The API tokens of an account as a contract list: sorts created_at
 * (the default, newest first), name, expires_at; ?q= over the name;
 * from/to on the creation. Never the secrets. */
extern const struct ccs_listq_def ccs_apitoken_list_def;

/**
 * The tokens of @p login (its owner or an administrator: else
 * CCS_EPERM forbidden; CCS_ENOTFOUND not_found), each with "active"
 * at @p now; *out for ccs_listq_page or ccs_listq_csv.
 */
int	ccs_apitoken_query(struct ccs_db *db, const struct ccs_principal *p,
	    const char *login, int64_t now, struct ccs_keyset *ks,
	    const char *q, int64_t from, int64_t to,
	    struct ccs_listq **out /* OUT */, struct ccs_fail *f);

/** Revokes token @p id (its owner's or an administrator's act). */
int	ccs_apitoken_revoke(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, struct ccs_fail *f);

#endif

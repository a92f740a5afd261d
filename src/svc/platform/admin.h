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
#include "util/fail.h"

/** Filters of the audit trail; NULL strings and 0 times are "any". */
struct ccs_audit_filter {
	const char	*actor;		/* login, exact */
	const char	*action;	/* "user.create", or a prefix "user." */
	const char	*entity;	/* "user", "incident", ... */
	const char	*entity_id;	/* exact */
	int64_t		 since;		/* at >= since */
	int64_t		 until;		/* at < until */
	int64_t		 before;	/* cursor: seq < before */
};

/**
 * Events matching @p flt, newest first, at most @p limit; *out is a new
 * object {items, count, total (all matches, ignoring the cursor),
 * next_cursor (null on the last page)}.
 */
int	ccs_audit_query(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_audit_filter *flt, int64_t limit, json_t **out,
	    struct ccs_fail *f);

/** Recomputes the chain; *out {intact, events, bad_seq, reason}. */
int	ccs_audit_check(struct ccs_db *db, const struct ccs_principal *p,
	    json_t **out, struct ccs_fail *f);

/** The API tokens of @p login (never the secrets), newest first. */
int	ccs_apitoken_list(struct ccs_db *db, const struct ccs_principal *p,
	    const char *login, int64_t now, json_t **out, struct ccs_fail *f);

/** Revokes token @p id (its owner's or an administrator's act). */
int	ccs_apitoken_revoke(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, struct ccs_fail *f);

#endif

/*
 * svc.h: the helpers every service uses: who acts (for the audit trail),
 * a store error as a failure, a string member of a JSON object, whether a
 * state is in the directory, and recording an audited change. One copy
 * here instead of one per service file.
 */
#ifndef CCS_SVC_SVC_H
#define CCS_SVC_SVC_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/** The login of @p p for the audit trail ("system" for the CLI);
 * borrowed from @p p. */
const char *ccs_actor(const struct ccs_principal *p);

/** Fills @p f with an internal store error and returns its code
 * (CCS_EBUSY kept, anything else CCS_EDB). */
int	ccs_dbfail(struct ccs_fail *f, struct ccs_db *db, int rc);

/** The string member @p k of @p o, NULL if absent or not a string;
 * borrowed from @p o. */
const char *ccs_jstr(const json_t *o, const char *k);

/**
 * Whether @p code is a state of the directory: the one query. For callers
 * whose messages differ from ccs_state_known's.
 * @param exists OUT: the answer when CCS_OK
 * @return CCS_OK or a store error
 */
int	ccs_state_exists(struct ccs_db *db, const char *code,
	    bool *exists /* OUT */);

/**
 * Checks that @p code is a state of the directory. @p what names the field
 * in the message ("state", "share_states[2]").
 * @return CCS_OK; CCS_EINVAL with "invalid_state_code" or "unknown_state".
 */
int	ccs_state_known(struct ccs_db *db, const char *code, const char *what,
	    struct ccs_fail *f);

/**
 * Appends the audit event of a change made by @p p to @p entity number
 * @p id, in the caller's write transaction (svc/platform/audit.h).
 * @param change the detail, digested not stored; borrowed, may be NULL
 * @return CCS_OK or a store error (map it with ccs_dbfail)
 */
int	ccs_audit_record(struct ccs_db *db, const struct ccs_principal *p,
	    const char *action, const char *entity, int64_t id,
	    const json_t *change, int64_t now);

/** Like ccs_audit_record for an entity whose id is not one number
 * ("12/JM", a SHA-256): @p idfmt and what follows format it (at most
 * 127 bytes; longer is CCS_EINVAL). */
int	ccs_audit_recordf(struct ccs_db *db, const struct ccs_principal *p,
	    const char *action, const char *entity, const json_t *change,
	    int64_t now, const char *idfmt, ...)
	    __attribute__((format(printf, 7, 8)));

/**
 * Runs @p rebuild in its own write transaction when a migration or a
 * restore asked for it with the meta row @p key, then deletes the row;
 * the row is read again under the write lock, so of several processes
 * opening at once one rebuilds. Derived tables are filled this way on
 * the first open after the migration that adds them.
 * @param done OUT: whether it rebuilt
 */
int	ccs_meta_backfill(struct ccs_db *db, const char *key,
	    int (*rebuild)(struct ccs_db *), bool *done /* OUT */);

#endif

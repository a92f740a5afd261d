/*
 * audit.h: the append-only, hash-chained audit trail. Every write in
 * ccscap calls ccs_audit_append inside the same transaction as the write, so
 * the event and the change commit or vanish together.
 */
#ifndef CCS_SVC_AUDIT_H
#define CCS_SVC_AUDIT_H

#include <stdint.h>

#include <jansson.h>

#include "store/store.h"

/**
 * Appends one event. @p change (borrowed, may be NULL) is digested, not
 * stored. Must run inside a write transaction.
 */
int	ccs_audit_append(struct ccs_db *db, const char *actor,
	    const char *action, const char *entity, const char *entity_id,
	    const json_t *change, int64_t now);

struct ccs_audit_report {
	int64_t	events;		/* events checked */
	int64_t	bad_seq;	/* first broken event, 0 when intact */
	char	reason[256];	/* what is wrong with it */
};

/**
 * Recomputes the whole chain. @return CCS_OK when intact, CCS_ECORRUPT with
 * @p rep naming the first broken link, or a store error.
 */
int	ccs_audit_verify(struct ccs_db *db, struct ccs_audit_report *rep);

/** Recent events, newest first, as a new JSON array (at most @p limit). */
int	ccs_audit_list(struct ccs_db *db, int64_t limit, json_t **out);

#endif

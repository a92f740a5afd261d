/*
 * audit_chain.h: the hash chain of the audit trail. Each event's hash covers
 * the previous hash and every field of the event, length-prefixed, so no
 * field can be moved into another. Pure functions.
 */
#ifndef CCS_AUDIT_CHAIN_H
#define CCS_AUDIT_CHAIN_H

#include <stdint.h>

#include <jansson.h>

#define CCS_HEX256_LEN	65	/* 64 hex digits and a NUL */

struct ccs_audit_event {
	int64_t		 seq;		/* 1, 2, ... in commit order */
	int64_t		 at;		/* unix seconds */
	const char	*actor;		/* login, "cli:<user>" or "system" */
	const char	*action;	/* e.g. "contact.create" */
	const char	*entity;	/* e.g. "contact" */
	const char	*entity_id;	/* record key as text */
	const char	*digest;	/* hex SHA-256 of the change */
	const char	*prev_hash;	/* hex hash of event seq-1 (zeros for 1) */
};

/** Writes the event's chain hash as 64 hex digits into @p out. */
void	ccs_audit_hash(const struct ccs_audit_event *ev,
	    char out[CCS_HEX256_LEN]);

/**
 * Digest of a change: SHA-256 over the canonical (compact, key-sorted)
 * JSON of @p change (borrowed; NULL digests "null").
 * @return CCS_OK or CCS_ENOMEM.
 */
int	ccs_audit_digest(const json_t *change, char out[CCS_HEX256_LEN]);

/** The hash before the first event: 64 zeros. */
extern const char ccs_audit_genesis[CCS_HEX256_LEN];

#endif

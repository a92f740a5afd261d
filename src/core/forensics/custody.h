/*
 * custody.h: the chain of custody of an evidence item, pure. Each entry
 * of the custody log (the acquisition, then every hand-over) has a hash
 * over the previous entry's hash and each of its own fields,
 * length-prefixed, so no field can be changed, moved into another, or an
 * entry removed or reordered without breaking the chain. The first
 * entry's previous hash is the item's own hash (its state, kind, copy,
 * seal and SHA-256 at acquisition), so the acquisition facts are covered
 * too. A hand-over whose measured SHA-256 differs from the acquisition's
 * is a mismatch: flagged and counted, never a break of the chain.
 */
#ifndef CCS_CORE_FORENSICS_CUSTODY_H
#define CCS_CORE_FORENSICS_CUSTODY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/vocab.h"

#define CCS_CUSTODY_HEX_LEN	65	/* 64 hex digits and a NUL */

/** What an evidence item is: original, working_copy, derived. */
extern const struct ccs_vocab ccs_evidence_copies;
/** Kinds of evidence items (disk image, phone extraction...). */
extern const struct ccs_vocab ccs_evidence_kinds;

/** The facts of an item its chain starts from. */
struct ccs_custody_item {
	int64_t		 id;		/* the item's id */
	const char	*state;		/* owning state, ISO code */
	const char	*kind;		/* ccs_evidence_kinds key */
	const char	*copy;		/* ccs_evidence_copies key */
	const char	*seal;		/* seal number at acquisition */
	const char	*sha256;	/* 64 lower-case hex digits */
	int64_t		 acquired_at;	/* unix seconds */
};

/** One entry of the custody log. */
struct ccs_custody_link {
	int64_t		 seq;		/* 0 acquisition, 1, 2, ... */
	const char	*giver;		/* login, "" for the acquisition */
	const char	*receiver;	/* login of who holds it after */
	int64_t		 at;		/* unix seconds of the hand-over */
	const char	*place;		/* where */
	const char	*reason;	/* why */
	const char	*seal;		/* seal number seen */
	const char	*sha256;	/* SHA-256 measured then */
	const char	*courier;	/* courier and tracking, "" if none */
	const char	*from_state;	/* jurisdiction left, "" if none */
	const char	*to_state;	/* jurisdiction entered, "" if none */
	const char	*prev_hash;	/* stored hash of the entry before */
	const char	*entry_hash;	/* stored hash of this entry */
};

/** What a check of a whole log found. */
struct ccs_custody_report {
	size_t		 links;		/* entries read */
	bool		 intact;	/* every hash and link holds */
	int64_t		 broken_seq;	/* first broken entry, -1 if none */
	char		 reason[160];	/* why it is broken */
	size_t		 mismatches;	/* entries with a different SHA-256 */
	int64_t		 first_mismatch;	/* its seq, -1 if none */
};

/** True when @p s is 64 hex digits (either case). */
bool	ccs_custody_sha_valid(const char *s);

/** Writes @p s (64 hex digits) in lower case into @p out. */
void	ccs_custody_sha_lower(const char *s, char out[CCS_CUSTODY_HEX_LEN]);

/** The hash the chain of @p item starts from. */
void	ccs_custody_genesis(const struct ccs_custody_item *item,
	    char out[CCS_CUSTODY_HEX_LEN]);

/** The hash of entry @p l over its fields and @p l->prev_hash. */
void	ccs_custody_hash(const struct ccs_custody_link *l,
	    char out[CCS_CUSTODY_HEX_LEN]);

/** A check in progress: feed the entries one at a time, in seq order. */
struct ccs_custody_walk {
	struct ccs_custody_report rep;		/* what was found so far */
	const char	*item_sha;		/* the item's SHA-256 */
	char		 prev[CCS_CUSTODY_HEX_LEN];	/* hash before */
	char		 holder[128];		/* receiver of the last */
	bool		 done;			/* a break stopped it */
};

/** Starts a check of @p item's log (@p item is borrowed until the end). */
void	ccs_custody_walk_init(struct ccs_custody_walk *w,
	    const struct ccs_custody_item *item);
/** Checks the next entry @p l; false once the chain is broken. */
bool	ccs_custody_walk_step(struct ccs_custody_walk *w,
	    const struct ccs_custody_link *l);
/** Ends the check: a log without entries is broken at 0. */
void	ccs_custody_walk_end(struct ccs_custody_walk *w,
	    struct ccs_custody_report *rep /* OUT */);

/**
 * Checks the @p n entries @p links (in seq order) of @p item: seq runs
 * 0, 1, ... without a gap, each prev_hash is the hash of the entry
 * before (the genesis for 0), each entry_hash is its hash, the giver of
 * each hand-over is the receiver of the entry before; and counts the
 * SHA-256 mismatches. The first failure stops the walk.
 */
void	ccs_custody_verify(const struct ccs_custody_item *item,
	    const struct ccs_custody_link *links, size_t n,
	    struct ccs_custody_report *rep /* OUT */);

#endif

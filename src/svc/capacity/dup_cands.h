/*
 * dup_cands.h: the kept table of duplicate candidates
 * (initiative_dup_candidates, migration 0016). Every initiative write
 * re-scores the changed initiative's pairs in its own transaction, a
 * decision removes its pair, and a rebuild recomputes the whole table
 * from the initiatives (restore, migration, `ccscap capacity
 * --rebuild`). The rule is dup_pairs.h's and core/capacity/rules.h's.
 */
#ifndef CCS_SVC_DUP_CANDS_H
#define CCS_SVC_DUP_CANDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/** From this many changed initiatives a rebuild is cheaper. */
#define CCS_DUP_REBUILD_FROM	200

/**
 * Re-scores every pair initiative @p id is one of: its rows go, and its
 * undecided candidate pairs with the live initiatives sharing a place
 * and dates with it come back. None when it is cancelled or merged.
 */
int	ccs_dup_cands_refresh(struct ccs_db *db, int64_t id);

/** ccs_dup_cands_refresh of each of @p ids, or one rebuild if many. */
int	ccs_dup_cands_refresh_ids(struct ccs_db *db, const int64_t *ids,
	    size_t n);

/** Empties the table and fills it from every live initiative. */
int	ccs_dup_cands_rebuild(struct ccs_db *db);

/** Removes the pair {@p a, @p b} (a decision was recorded on it). */
int	ccs_dup_cands_forget(struct ccs_db *db, int64_t a, int64_t b);

/**
 * Rebuilds the kept capacity tables when a migration asked for it (the
 * meta row capacity.rebuild), in its own write transaction.
 * @param done OUT: true when it rebuilt
 */
int	ccs_dup_cands_backfill(struct ccs_db *db, bool *done);

#endif

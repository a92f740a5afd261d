/*
 * kept.h: the capacity tables kept from the initiatives (migration 0016)
 * so that reads do not recompute them: initiative_dup_candidates (the
 * duplicate candidates, rule of dup_pairs.h and core/capacity/rules.h)
 * and initiative_coverage (the stage each initiative reaches in each
 * need x state cell, rule of coverage.c). Every initiative write
 * refreshes the changed initiative's rows in its own transaction, a
 * decision removes its pair, and a rebuild recomputes both tables from
 * the initiatives (restore, migration, `ccscap capacity --rebuild`).
 */
#ifndef CCS_SVC_CAP_KEPT_H
#define CCS_SVC_CAP_KEPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/** From this many changed initiatives a rebuild is cheaper. */
#define CCS_DUP_REBUILD_FROM	200

/**
 * Refreshes the rows of initiative @p id: its candidate pairs go, and
 * its undecided candidate pairs with the live initiatives sharing a
 * place and dates with it come back; its coverage cells are recomputed.
 * None when it is cancelled or merged.
 */
int	ccs_cap_kept_refresh(struct ccs_db *db, int64_t id);

/** ccs_cap_kept_refresh of each of @p ids, or one rebuild if many. */
int	ccs_cap_kept_refresh_ids(struct ccs_db *db, const int64_t *ids,
	    size_t n);

/** Empties both tables and fills them from every live initiative. */
int	ccs_cap_kept_rebuild(struct ccs_db *db);

/** Removes the pair {@p a, @p b} (a decision was recorded on it). */
int	ccs_cap_kept_forget_pair(struct ccs_db *db, int64_t a, int64_t b);

/**
 * Rebuilds the kept capacity tables when a migration asked for it (the
 * meta row capacity.rebuild), in its own write transaction.
 * @param done OUT: true when it rebuilt
 */
int	ccs_cap_kept_backfill(struct ccs_db *db, bool *done);

#endif

/*
 * status_months.h: monthly snapshots of the validated statuses
 * (migration 0030), so the gap analysis at a past date reads one month's
 * rows and the days of that month up to the date instead of seeking the
 * history of every (state, standard) pair.
 */
#ifndef CCS_SVC_STATUS_MONTHS_H
#define CCS_SVC_STATUS_MONTHS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/**
 * Takes one new status_history row (@p as_of "YYYY-MM-DD") into the
 * snapshots of every month after it, adding months up to the one after
 * it when the snapshots end earlier. Inside the caller's transaction.
 */
int	ccs_status_months_add(struct ccs_db *db, const char *state,
	    int64_t lineage, const char *as_of, int64_t assessment_id,
	    int64_t level);

/** Recomputes every snapshot from status_history (caller's write
 * transaction). */
int	ccs_status_months_rebuild(struct ccs_db *db);

/** Fills the snapshots when migration 0030 (or a restore) asked for it
 * (meta row standards.months), in its own write transaction. */
int	ccs_status_months_backfill(struct ccs_db *db, bool *done /* OUT */);

/**
 * Runs @p cb over the statuses at @p day ("YYYY-MM-DD", before today)
 * with the columns state_code, lineage_id, level, as_of, in an order in
 * which a later row for the same pair replaces an earlier one. @p state,
 * when not NULL, keeps that state's rows only.
 */
int	ccs_status_months_at(struct ccs_db *db, const char *day,
	    const char *state, ccs_row_cb cb, void *arg);

#endif

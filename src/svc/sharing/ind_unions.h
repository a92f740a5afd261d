/*
 * ind_unions.h: the exact total of the indicator list at the cost of a
 * few lookups, whatever the number of sightings (issue 15 item 2,
 * migration 0035, docs/internals/LISTS.md "Totals").
 *
 * A reader sees a value when it may read one of its sightings, that is
 * when the reader's keys (core/tlp_keys.h) meet the union of the keys of
 * the sightings' markings. ind_unions keeps that union per value, and
 * ind_union_counts counts the values by "tuple":
 *   "*"   the values with a CLEAR sighting (readable by anyone)
 *   "m"   the others with a GREEN sighting (every signed-in member)
 *   "r"   the others with an AMBER or AMBER+STRICT sighting (the RIFC)
 *   "r K" and "x K": values of class "r", or with RED sightings only
 *         ("x"), whose union holds each key of K, K being one, two or
 *         three keys of different kinds in the order user, organisation,
 *         state ("r u:7 s:JM").
 * A principal holds at most one key of each kind, so the values of a
 * class it may read are counted by inclusion-exclusion over the subsets
 * of its keys: at most 17 counts in all.
 */
#ifndef CCS_SVC_IND_UNIONS_H
#define CCS_SVC_IND_UNIONS_H

#include <stdint.h>

#include "store/store.h"
#include "svc/sharing/reader_sets.h"

/** Adds the keys of marking @p marking_id's reader set to the union of
 * value @p value_id and moves its counts (inside the caller's write
 * transaction, after the sighting is stored). A marking whose set is not
 * computed yet adds nothing, as ind_reads leaves it out. */
int	ccs_ind_unions_add(struct ccs_db *db, int64_t value_id,
	    int64_t marking_id);

/** Recomputes every union and count from ind_reads and the reader sets
 * (inside the caller's write transaction, after ind_reads). */
int	ccs_ind_unions_rebuild(struct ccs_db *db);

/**
 * How many values @p k may see: those with a sighting it may read.
 * @return CCS_OK, CCS_EINVAL when @p k holds two keys of one kind (no
 * principal does: the caller counts the rows instead), CCS_EDB
 */
int	ccs_ind_unions_count(struct ccs_db *db, const struct ccs_reader_keys *k,
	    int64_t *n /* OUT */);

#endif

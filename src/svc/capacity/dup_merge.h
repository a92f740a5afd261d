/*
 * dup_merge.h: merging a pair decided "same work": one initiative
 * survives, the other is marked merged into it and hands over what the
 * survivor lacks (docs/internals/CAPACITY.md, "Merging same work").
 */
#ifndef CCS_SVC_DUP_MERGE_H
#define CCS_SVC_DUP_MERGE_H

#include <stdint.h>

#include <jansson.h>

#include "store/store.h"

/**
 * Merges initiative @p gone into @p keep inside the caller's write
 * transaction: the states, needs, standards, organisation roles and
 * documents of @p gone that @p keep lacks are added to @p keep (added
 * states with a share of 0); its transactions and budgets move unless
 * @p keep already holds an identical one (the same money recorded
 * twice), which stays behind; @p gone, and anything merged into it
 * before, then points at @p keep. Both are checked live by the caller.
 * @param out OUT: new summary {"keep", "merged", "added", "moved",
 *     "left_on_merged"}
 * @return CCS_OK, or a store error (the caller rolls back)
 */
int	ccs_dup_merge(struct ccs_db *db, int64_t keep, int64_t gone,
	    const char *actor, int64_t now, json_t **out /* OUT */);

#endif

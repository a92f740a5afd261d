/*
 * dup_list.h: the candidate duplicate initiatives as a list under the
 * list contract (docs/internals/LISTS.md): sorted by score (the
 * default, highest first), either title or the word similarity, ?q=
 * over both titles, a total, signed keyset cursors both ways and CSV.
 * Each pair names both initiatives ("a", "b"), its score and every
 * reason (core/capacity/rules.h).
 */
#ifndef CCS_SVC_DUP_LIST_H
#define CCS_SVC_DUP_LIST_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/keyset.h"
#include "svc/listq.h"
#include "util/fail.h"

/** The list, declared once (its name "duplicates" is in its cursors). */
extern const struct ccs_listq_def ccs_dup_list_def;

/**
 * The candidates list for @p p (capacity readers) paged by @p ks (the
 * request's), every word of @p q in the title of a or of b; @p from
 * and @p to must be 0 (a pair has no date: "invalid_date").
 * @return CCS_OK with a new query in @p out (ccs_listq_free), or a
 *         failure in @p f
 */
int	ccs_dup_query(const struct ccs_principal *p, struct ccs_keyset *ks,
	    const char *q, int64_t from, int64_t to,
	    struct ccs_listq **out /* OUT */, struct ccs_fail *f);

/**
 * One page of @p limit candidates in the default order, for callers
 * without a request (reports, benchmarks, tests): from the top, or
 * just after @p after (a row of an earlier page, or any object with
 * its "score" and "id") when not NULL. The reply carries no cursors
 * (both null) but "more": true when another page follows.
 * @param out OUT: {"items", "count", "total", "more", "next_cursor",
 *            "prev_cursor"}
 */
int	ccs_dup_candidates(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t limit, const json_t *after, json_t **out /* OUT */,
	    struct ccs_fail *f);

#endif

/*
 * lists.h: one page of a list of shared records (advisories, lessons,
 * requests for information) under the list contract
 * (docs/internals/LISTS.md), with the read policy in the query: the
 * reader's sets (reader_sets.h) keep the readable rows in SQL, which
 * also counts, sorts and pages them, so a record the reader may not read
 * changes neither the total nor the order, and a page costs the same
 * however long the list grows.
 */
#ifndef CCS_SVC_SHARING_LISTS_H
#define CCS_SVC_SHARING_LISTS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/keyset.h"
#include "util/buf.h"

/** Called on each row of the result (page or whole list) after paging,
 * for what only shown rows need (recipients, answers); non-zero stops. */
typedef int (*ccs_shared_row_cb)(void *arg, json_t *row);

/**
 * Runs @p sql as a subquery "t" (selecting CCS_MARKING_COLS,
 * "m.reader_set AS m_reader_set", the sort members and "id"; filters
 * only, no ORDER BY or LIMIT; @p ks made with the tie-breaker "t.id"),
 * keeps the rows @p p may read, presents them and cuts the page of
 * @p ks; @p cb (may be NULL) then runs on each row given back.
 * @param out OUT: the page reply {items, count, total, next_cursor,
 *     prev_cursor}, or with @p whole every readable row in order (more
 *     than 100,000: CCS_ETOOBIG)
 * @return CCS_OK, a store error, CCS_ENOMEM, or @p cb's error
 */
int	ccs_shared_list(struct ccs_db *db, const struct ccs_principal *p,
	    const char *sql, const struct ccs_val *params, size_t nparams,
	    struct ccs_keyset *ks, bool whole, ccs_shared_row_cb cb,
	    void *arg, json_t **out /* OUT */);

/**
 * Runs one page of a list whose policy is in the query: @p sql holds the
 * SELECT (with CCS_MARKING_COLS) and its WHERE clause, reader's sets
 * included, with @p np values in @p v (room for @p cap). Appends the
 * keyset after @p ks's position, its order and a bound LIMIT, runs it,
 * and keeps the rows ccs_marking_view confirms, presented (a
 * disagreement is left out, never shown).
 * @param out OUT: new array of at most ccs_keyset_fetch() rows
 */
int	ccs_shared_page(struct ccs_db *db, const struct ccs_principal *p,
	    struct ccs_keyset *ks, struct ccs_buf *sql, struct ccs_val *v,
	    size_t np, size_t cap, json_t **out /* OUT */);

#endif

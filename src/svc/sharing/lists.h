/*
 * lists.h: one page of a list of shared records (advisories, lessons,
 * requests for information) under the list contract
 * (docs/internals/LISTS.md): every row the SQL filters keep is decided
 * by ccs_marking_view in C, and only readable rows are counted, sorted
 * and paged (ccs_keyset_page_array), so a record the reader may not read
 * changes neither the total nor the order.
 */
#ifndef CCS_SVC_SHARING_LISTS_H
#define CCS_SVC_SHARING_LISTS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/keyset.h"

/** Called on each row of the result (page or whole list) after paging,
 * for what only shown rows need (recipients, answers); non-zero stops. */
typedef int (*ccs_shared_row_cb)(void *arg, json_t *row);

/**
 * Runs @p sql (selecting CCS_MARKING_COLS, the sort members and "id";
 * filters only, no ORDER BY or LIMIT), keeps and presents the rows @p p
 * may read, and cuts the page of @p ks; @p cb (may be NULL) then runs on
 * each row given back.
 * @param out OUT: the page reply {items, count, total, next_cursor,
 *     prev_cursor}, or with @p whole every readable row in order
 * @return CCS_OK, a store error, CCS_ENOMEM, or @p cb's error
 */
int	ccs_shared_list(struct ccs_db *db, const struct ccs_principal *p,
	    const char *sql, const struct ccs_val *params, size_t nparams,
	    struct ccs_keyset *ks, bool whole, ccs_shared_row_cb cb,
	    void *arg, json_t **out /* OUT */);

#endif

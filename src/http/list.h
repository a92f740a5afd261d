/*
 * list.h: the query every list reads (the list contract,
 * docs/internals/LISTS.md): limit, sort, order, cursor, q, from, to and
 * format, plus the list's own filters, checked and bound to the cursor
 * in one call, and the CSV attachment reply.
 */
#ifndef CCS_HTTP_LIST_H
#define CCS_HTTP_LIST_H

#include <stdbool.h>
#include <stdint.h>

#include "http/req.h"
#include "svc/keyset.h"
#include "util/buf.h"

#define CCS_LIST_CSV_MAX	(64u * 1024 * 1024)	/* bytes of a CSV */

/** A list request, read by ccs_list_or_reply. */
struct ccs_list_req {
	struct ccs_keyset	*ks;	/* owned: sort, page size, cursor */
	const char		*q;	/* ?q=, NULL when absent or blank */
	int64_t			 from;	/* ?from= day start (UTC), 0: none */
	int64_t			 to;	/* end of the ?to= day, 0: none */
	bool			 csv;	/* ?format=csv */
};

/**
 * Reads the list query of @p r for the list @p name sorted by @p cols
 * (keyset.h) with tie-breaker @p id_expr; @p filters (NULL-terminated
 * query names, may be NULL) are the list's own filters, bound to the
 * cursor with q, from, to and the reader. Replies 400 with
 * invalid_limit, invalid_sort, invalid_order, invalid_query,
 * invalid_date, invalid_format or invalid_cursor otherwise.
 * @return true when @p out is ready; free it with ccs_list_req_free
 */
bool	ccs_list_or_reply(struct ccs_req *r, const char *name,
	    const struct ccs_keyset_col *cols, size_t ncols,
	    const char *id_expr, const char *const *filters,
	    struct ccs_list_req *out /* OUT */);
/** Frees what ccs_list_or_reply allocated; @p lr itself is the caller's. */
void	ccs_list_req_free(struct ccs_list_req *lr);

/**
 * Replies @p csv (its data is taken) as text/csv, an attachment called
 * @p filename, never cached.
 */
void	ccs_list_reply_csv(struct ccs_req *r, struct ccs_buf *csv,
	    const char *filename);

#endif

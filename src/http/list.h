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

/** How a CSV column writes its row member. */
enum ccs_list_csv_kind {
	CCS_LIST_CSV_TEXT = 0,	/* string (formula-guarded), null empty */
	CCS_LIST_CSV_INT,	/* integer */
	CCS_LIST_CSV_TIME,	/* unix seconds as 2026-12-03T11:00:00Z */
	CCS_LIST_CSV_LIST	/* array of strings, joined by "; " */
};

/** One column of a list's CSV. */
struct ccs_list_csv_col {
	const char		*header;	/* header row text */
	const char		*member;	/* row member */
	enum ccs_list_csv_kind	 kind;		/* how it is written */
};

/**
 * Writes the header row and one record per row of @p rows (RFC 4180,
 * through ccs_csv_put) into @p out.
 * @return CCS_OK, CCS_ETOOBIG (over @p out's maximum), CCS_ENOMEM
 */
int	ccs_list_csv(struct ccs_buf *out, const json_t *rows,
	    const struct ccs_list_csv_col *cols, size_t ncols);

/**
 * Replies @p csv (its data is taken) as text/csv, an attachment called
 * @p filename, never cached.
 */
void	ccs_list_reply_csv(struct ccs_req *r, struct ccs_buf *csv,
	    const char *filename);

/**
 * Replies @p rows (taken) as the CSV attachment @p filename with the
 * columns @p cols; 413 export_too_large past CCS_LIST_CSV_MAX (never a
 * file cut short).
 */
void	ccs_list_reply_rows_csv(struct ccs_req *r, json_t *rows,
	    const struct ccs_list_csv_col *cols, size_t ncols,
	    const char *filename);

#endif

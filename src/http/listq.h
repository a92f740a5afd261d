/*
 * listq.h: a list declared with svc/listq.h over HTTP: its query read
 * through http/list.h (limit, sort, order, cursor, q, from, to, format
 * and the list's filters, bound to the cursor) and its answer, a page as
 * JSON or the whole list as a CSV attachment (?format=csv).
 */
#ifndef CCS_HTTP_LISTQ_H
#define CCS_HTTP_LISTQ_H

#include <stdbool.h>

#include "http/list.h"
#include "http/req.h"
#include "svc/listq.h"

/**
 * ccs_list_or_reply() for the list @p def with its own query filters
 * @p filters (NULL-terminated, may be NULL). @return true when @p lr is
 * ready (free it with ccs_list_req_free; ccs_listq_serve does).
 */
bool	ccs_listq_or_reply(struct ccs_req *r, const struct ccs_listq_def *def,
	    const char *const *filters, struct ccs_list_req *lr /* OUT */);

/**
 * Answers the list: when @p rc is CCS_OK, a page of @p lq or (lr->csv)
 * the whole list as text/csv named @p filename; otherwise the failure in
 * @p f (invalid_query and invalid_date as 400). Frees @p lq and @p lr.
 */
void	ccs_listq_serve(struct ccs_req *r, int rc, struct ccs_listq *lq,
	    struct ccs_list_req *lr, const char *filename,
	    const struct ccs_fail *f);

#endif

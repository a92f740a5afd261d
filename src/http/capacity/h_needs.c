/*
 * h_needs.c: the needs catalogue over HTTP: the paged list, one need,
 * a coordinator's edit and the versions it replaced.
 */
#include "http/capacity/handlers.h"
#include "http/params.h"
#include "svc/capacity/needs.h"
#include "util/err.h"
#include "util/jsonv.h"
#include "util/str.h"

void
ccs_h_needs(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *cur = ccs_req_query(r, "cursor");
	json_t *out = NULL;
	int64_t limit;
	int rc;

	if (!ccs_params_limit_or_reply(r, &limit))
		return;
	rc = ccs_need_list(r->db, &r->who, cur != NULL && cur[0] ? cur : NULL,
	    limit, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_need(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_need_get(r->db, &r->who, ccs_req_param(r, "ref"), &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_need_update(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_need_update(r->db, &r->who, ccs_req_param(r, "ref"), r->json,
	    r->now, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_need_history(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_page page;
	json_t *out = NULL;
	int rc;

	if (!ccs_page_or_reply(r, &page))
		return;
	rc = ccs_need_history(r->db, &r->who, ccs_req_param(r, "ref"), &page,
	    &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

/*
 * h_needs.c: the needs catalogue over HTTP: the paged list, one need,
 * a coordinator's edit and the versions it replaced.
 */
#include "http/capacity/h_capacity.h"
#include "http/capacity/handlers.h"
#include "svc/capacity/needs.h"
#include "util/err.h"
#include "util/jsonv.h"
#include "util/str.h"

void
ccs_h_needs(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *lim = ccs_req_query(r, "limit");
	const char *cur = ccs_req_query(r, "cursor");
	int64_t limit = CCS_CAP_PAGE_DEFAULT;
	json_t *out = NULL;
	int rc;

	if (lim != NULL && ccs_parse_i64(lim, 1, CCS_CAP_PAGE_MAX, &limit) !=
	    CCS_OK) {
		ccs_reply_error(r, 400, "invalid_limit", "limit must be 1-200");
		return;
	}
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
	struct ccs_jerr e;
	json_t *out = NULL;
	int rc;

	if (!ccs_jsonv_check(r->json, ccs_need_fields, ccs_need_nfields,
	    false, &e)) {
		ccs_reply_error(r, 400, e.code, e.message);
		return;
	}
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

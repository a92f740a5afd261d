/*
 * h_needs.c: the needs catalogue over HTTP: the list (list contract),
 * one need, a coordinator's edit and the versions it replaced.
 */
#include "http/capacity/handlers.h"
#include "http/listq.h"
#include "http/params.h"
#include "svc/capacity/needs.h"
#include "util/err.h"
#include "util/jsonv.h"
#include "util/str.h"

void
ccs_h_needs(struct ccs_req *r)
{
	static const char *const filters[] = { "table", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	const char *tbl = ccs_req_query(r, "table");
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int64_t table = 0;
	int rc;

	if (tbl != NULL && tbl[0] != '\0' &&
	    ccs_parse_i64(tbl, 1, 5, &table) != CCS_OK) {
		ccs_reply_error(r, 400, "invalid_filter", "table must be a "
		    "table of the plan, 1 to 5");
		return;
	}
	if (!ccs_listq_or_reply(r, &ccs_need_list_def, filters, &lr))
		return;
	rc = ccs_need_query(&r->who, table, lr.ks, lr.q, lr.from, lr.to,
	    &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "needs.csv", &f);
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

/*
 * h_crises.c: crises over HTTP: the list (http/listq.h), the
 * declaration, one crisis and its changes. Each handler reads its
 * query, calls one service function and replies with its result.
 */
#include <stdint.h>
#include <string.h>

#include "http/crisis/handlers.h"
#include "http/listq.h"
#include "http/params.h"
#include "svc/crisis/crises.h"
#include "util/err.h"
#include "util/str.h"

bool
ccs_h_crisis_page_or_reply(struct ccs_req *r, struct ccs_crisis_page *pg)
{
	const char *cur = ccs_req_query(r, "cursor");

	memset(pg, 0, sizeof(*pg));
	if (cur != NULL && ccs_parse_i64(cur, 1, INT64_MAX, &pg->after) !=
	    CCS_OK) {
		ccs_reply_error(r, 400, "invalid_cursor", "cursor must be the "
		    "next_cursor of a previous page");
		return false;
	}
	return ccs_params_limit_or_reply(r, &pg->limit);
}

void
ccs_h_crises(struct ccs_req *r)
{
	static const char *const filters[] = { "state", "status", NULL };
	struct ccs_crisis_filter flt;
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	memset(&flt, 0, sizeof(flt));
	flt.state = ccs_req_query(r, "state");
	flt.status = ccs_req_query(r, "status");
	if (!ccs_listq_or_reply(r, &ccs_crisis_list_def, filters, &lr))
		return;
	rc = ccs_crisis_query(&r->who, &flt, r->now, lr.ks, lr.q, lr.from,
	    lr.to, &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "crises.csv", &f);
}

void
ccs_h_crisis_declare(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_crisis_declare(r->db, &r->who, r->json, r->now, &out, &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_crisis(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_crisis_get(r->db, &r->who, id, r->now, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_crisis_update(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_crisis_update(r->db, &r->who, id, r->json, r->now, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

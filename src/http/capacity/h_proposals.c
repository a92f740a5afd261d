/*
 * h_proposals.c: the status updates completed capacity work proposes,
 * and the RIFC's decisions on them, over HTTP.
 */
#include <stdint.h>
#include <string.h>

#include "http/capacity/handlers.h"
#include "http/listq.h"
#include "http/params.h"
#include "svc/capacity/proposal_list.h"
#include "svc/capacity/proposals.h"
#include "util/err.h"
#include "util/str.h"

void
ccs_h_proposals(struct ccs_req *r)
{
	static const char *const filters[] = {
		"state", "status", "source", "source_id", NULL
	};
	struct ccs_proposal_filter flt;
	struct ccs_fail f = { 0, NULL, "" };
	const char *sid = ccs_req_query(r, "source_id");
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	memset(&flt, 0, sizeof(flt));
	flt.state = ccs_req_query(r, "state");
	flt.status = ccs_req_query(r, "status");
	flt.source = ccs_req_query(r, "source");
	if (sid != NULL && (flt.source == NULL || ccs_parse_i64(sid, 1,
	    INT64_MAX, &flt.source_id) != CCS_OK)) {
		ccs_reply_error(r, 400, "invalid_filter", "source_id must be "
		    "the id of a record, given with source");
		return;
	}
	if (!ccs_listq_or_reply(r, &ccs_proposal_list_def, filters, &lr))
		return;
	rc = ccs_proposal_query(&r->who, &flt, lr.ks, lr.q, lr.from, lr.to,
	    &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "proposals.csv", &f);
}

void
ccs_h_proposal_accept(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *pr = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_proposal_accept(r->db, &r->who, id, r->now, &pr, &f);
	ccs_reply_result(r, 200, rc, pr, &f);
}

void
ccs_h_proposal_dismiss(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *pr = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_proposal_dismiss(r->db, &r->who, id, json_string_value(
	    json_object_get(r->json, "reason")), r->now, &pr, &f);
	ccs_reply_result(r, 200, rc, pr, &f);
}

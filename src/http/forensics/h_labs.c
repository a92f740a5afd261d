/*
 * h_labs.c: pooled forensic labs and help requests over HTTP. Each
 * handler reads its path and query, calls one service function and
 * replies with its result; the read of one request records the view in
 * the audit trail (CCS_R_AUDITREAD in routes.c: the router commits it).
 * The list of requests follows the list contract (http/listq.h).
 */
#include <stdint.h>
#include <string.h>

#include "http/forensics/handlers.h"
#include "http/listq.h"
#include "http/params.h"
#include "svc/forensics/labs.h"
#include "svc/forensics/requests.h"
#include "util/err.h"
#include "util/str.h"

void
ccs_h_labs(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	if (!ccs_listq_or_reply(r, &ccs_lab_list_def, NULL, &lr))
		return;
	rc = ccs_lab_query(&r->who, lr.ks, lr.q, lr.from, lr.to, &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "forensic-labs.csv", &f);
}

void
ccs_h_lab(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_lab_get(r->db, &r->who, id, r->now, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_lab_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_lab_create(r->db, &r->who, r->json, r->now, &out, &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_lab_tool_add(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_lab_tool_add(r->db, &r->who, id, r->json, r->now, &out, &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_lab_examiner_add(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_lab_examiner_add(r->db, &r->who, id, r->json, r->now, &out,
	    &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_fx_requests(struct ccs_req *r)
{
	static const char *const filters[] = { "lab", "state", "status",
		NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_fx_request_filter flt;
	const char *lab = ccs_req_query(r, "lab");
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	memset(&flt, 0, sizeof(flt));
	if (lab != NULL && ccs_parse_i64(lab, 1, INT64_MAX, &flt.lab_id) !=
	    CCS_OK) {
		ccs_reply_error(r, 400, "invalid_lab", "lab must be a lab id");
		return;
	}
	flt.state = ccs_req_query(r, "state");
	flt.status = ccs_req_query(r, "status");
	if (!ccs_listq_or_reply(r, &ccs_fx_request_list_def, filters, &lr))
		return;
	rc = ccs_fx_request_query(&r->who, &flt, lr.ks, lr.q, lr.from, lr.to,
	    &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "forensic-requests.csv", &f);
}

void
ccs_h_fx_request(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_fx_request_get(r->db, &r->who, id, r->now, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_fx_request_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_fx_request_create(r->db, &r->who, r->json, r->now, &out, &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_fx_request_move(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_fx_request_move(r->db, &r->who, id, r->json, r->now, &out,
	    &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

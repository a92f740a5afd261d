/*
 * h_proposals.c: the status updates completed capacity work proposes,
 * and the RIFC's decisions on them, over HTTP.
 */
#include <stdint.h>
#include <string.h>

#include "http/handlers.h"
#include "svc/capacity/proposals.h"
#include "util/err.h"
#include "util/jsonv.h"
#include "util/str.h"

/* Checks the body against a field table (partial for PATCH). */
static bool
body_or_reply(struct ccs_req *r, const struct ccs_jfield *t, size_t n,
    bool partial)
{
	struct ccs_jerr e;

	if (!ccs_jsonv_check(r->json, t, n, partial, &e)) {
		ccs_reply_error(r, 400, e.code, e.message);
		return false;
	}
	return true;
}

/* Reads ?limit= (1-1000, 50 by default) or replies 400. */
static bool
limit_or_reply(struct ccs_req *r, int64_t *limit)
{
	const char *s = ccs_req_query(r, "limit");

	*limit = 50;
	if (s != NULL && ccs_parse_i64(s, 1, 1000, limit) != CCS_OK) {
		ccs_reply_error(r, 400, "invalid_limit",
		    "limit must be 1-1000");
		return false;
	}
	return true;
}

void
ccs_h_proposals(struct ccs_req *r)
{
	struct ccs_proposal_filter flt;
	struct ccs_fail f = { 0, NULL, "" };
	const char *cur = ccs_req_query(r, "cursor");
	json_t *page = NULL;
	int rc;

	memset(&flt, 0, sizeof(flt));
	flt.state = ccs_req_query(r, "state");
	flt.status = ccs_req_query(r, "status");
	flt.source = ccs_req_query(r, "source");
	if (cur != NULL && ccs_parse_i64(cur, 1, INT64_MAX, &flt.after) !=
	    CCS_OK) {
		ccs_reply_error(r, 400, "invalid_cursor", "cursor must be the "
		    "next_cursor of a previous page");
		return;
	}
	if (!limit_or_reply(r, &flt.limit))
		return;
	rc = ccs_proposal_list(r->db, &r->who, &flt, &page, &f);
	ccs_reply_result(r, 200, rc, page, &f);
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
	static const struct ccs_jfield spec[] = {
		{ "reason", CCS_J_STRING, true, 1, 2000 },
	};
	struct ccs_fail f = { 0, NULL, "" };
	json_t *pr = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id) ||
	    !body_or_reply(r, spec, 1, false))
		return;
	rc = ccs_proposal_dismiss(r->db, &r->who, id, json_string_value(
	    json_object_get(r->json, "reason")), r->now, &pr, &f);
	ccs_reply_result(r, 200, rc, pr, &f);
}

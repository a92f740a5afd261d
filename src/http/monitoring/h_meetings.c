/*
 * h_meetings.c: meetings over HTTP: the list (?kind=, ?from=, ?to=),
 * one meeting with its recommendations, recording and changing one.
 */
#include "http/monitoring/meetings_handlers.h"
#include "http/params.h"
#include "svc/monitoring/meetings.h"

void
ccs_h_meetings(struct ccs_req *r)
{
	struct ccs_meeting_filter flt = { 0 };
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	if (!ccs_params_limit_or_reply(r, &flt.limit))
		return;
	flt.kind = ccs_req_query(r, "kind");
	flt.from = ccs_req_query(r, "from");
	flt.to = ccs_req_query(r, "to");
	flt.cursor = ccs_req_query(r, "cursor");
	rc = ccs_meeting_list(r->db, &r->who, &flt, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_meeting(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_meeting_get(r->db, &r->who, id, r->now, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_meeting_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_meeting_create(r->db, &r->who, r->json, r->now, &out, &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_meeting_update(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_meeting_update(r->db, &r->who, id, r->json, r->now, &out,
	    &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

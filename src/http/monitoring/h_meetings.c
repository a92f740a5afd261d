/*
 * h_meetings.c: meetings over HTTP: the list (the list contract of
 * http/listq.h, with ?kind=; from/to on the meeting's date), one
 * meeting with its recommendations, recording and changing one.
 */
#include "http/listq.h"
#include "http/monitoring/meetings_handlers.h"
#include "http/params.h"
#include "svc/monitoring/meetings.h"

void
ccs_h_meetings(struct ccs_req *r)
{
	static const char *const filters[] = { "kind", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	if (!ccs_listq_or_reply(r, &ccs_meeting_list_def, filters, &lr))
		return;
	rc = ccs_meeting_query(&r->who, ccs_req_query(r, "kind"), lr.ks,
	    lr.q, lr.from, lr.to, &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "meetings.csv", &f);
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

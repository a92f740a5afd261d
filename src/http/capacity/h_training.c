/*
 * h_training.c: trainings, awareness campaigns and their calendar over
 * HTTP. Each handler reads its query or checks its body against the
 * service's field table, calls one service function and replies with its
 * result.
 */
#include <stdint.h>
#include <string.h>

#include "core/validate.h"
#include "http/capacity/handlers.h"
#include "http/listq.h"
#include "http/params.h"
#include "svc/capacity/campaigns.h"
#include "svc/capacity/event_list.h"
#include "svc/capacity/training.h"
#include "util/err.h"
#include "util/str.h"

/* Reads ?year= (1900-9999, @p dflt when absent) or replies 400. */
static bool
year_or_reply(struct ccs_req *r, int64_t dflt, int64_t *year)
{
	const char *s = ccs_req_query(r, "year");

	*year = dflt;
	if (s != NULL && ccs_parse_i64(s, 1900, 9999, year) != CCS_OK) {
		ccs_reply_error(r, 400, "invalid_year",
		    "year must be 1900-9999");
		return false;
	}
	return true;
}

/* The training or campaign list @p def, under the list contract. */
static void
event_list(struct ccs_req *r, const struct ccs_listq_def *def,
    const char *filename)
{
	static const char *const filters[] = {
		"state", "year", "audience", "status", NULL
	};
	struct ccs_event_filter flt;
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	memset(&flt, 0, sizeof(flt));
	flt.state = ccs_req_query(r, "state");
	flt.audience = ccs_req_query(r, "audience");
	flt.status = ccs_req_query(r, "status");
	if (!year_or_reply(r, 0, &flt.year) ||
	    !ccs_listq_or_reply(r, def, filters, &lr))
		return;
	rc = ccs_event_query(&r->who, def, &flt, lr.ks, lr.q, lr.from, lr.to,
	    &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, filename, &f);
}

void
ccs_h_trainings(struct ccs_req *r)
{
	event_list(r, &ccs_training_list_def, "trainings.csv");
}

void
ccs_h_training_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *t = NULL;
	int rc;

	rc = ccs_training_create(r->db, &r->who, r->json, r->now, &t, &f);
	ccs_reply_result(r, 201, rc, t, &f);
}

void
ccs_h_training(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *t = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_training_get(r->db, &r->who, id, &t, &f);
	ccs_reply_result(r, 200, rc, t, &f);
}

void
ccs_h_training_update(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *t = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_training_update(r->db, &r->who, id, r->json, r->now, &t, &f);
	ccs_reply_result(r, 200, rc, t, &f);
}

void
ccs_h_campaigns(struct ccs_req *r)
{
	event_list(r, &ccs_campaign_list_def, "campaigns.csv");
}

void
ccs_h_campaign_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *c = NULL;
	int rc;

	rc = ccs_campaign_create(r->db, &r->who, r->json, r->now, &c, &f);
	ccs_reply_result(r, 201, rc, c, &f);
}

void
ccs_h_campaign(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *c = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_campaign_get(r->db, &r->who, id, &c, &f);
	ccs_reply_result(r, 200, rc, c, &f);
}

void
ccs_h_campaign_update(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *c = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_campaign_update(r->db, &r->who, id, r->json, r->now, &c, &f);
	ccs_reply_result(r, 200, rc, c, &f);
}

void
ccs_h_capacity_calendar(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *cal = NULL;
	char today[11];
	int64_t year;
	int rc;

	ccs_date_of(r->now, today);
	if (!year_or_reply(r, (today[0] - '0') * 1000 + (today[1] - '0') *
	    100 + (today[2] - '0') * 10 + (today[3] - '0'), &year))
		return;
	rc = ccs_capacity_calendar(r->db, &r->who, year, ccs_req_query(r,
	    "state"), &cal, &f);
	ccs_reply_result(r, 200, rc, cal, &f);
}

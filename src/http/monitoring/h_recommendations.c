/*
 * h_recommendations.c: recommendations over HTTP: the list (?owner_org=,
 * ?owner_state=, ?status=, ?overdue=true, ?meeting=, ?need=), one with
 * its follow-up trail, making and changing one, a progress report, and
 * the overdue ones by owner.
 */
#include <string.h>

#include "http/listq.h"
#include "http/monitoring/meetings_handlers.h"
#include "http/params.h"
#include "svc/monitoring/recommendations.h"
#include "util/err.h"
#include "util/str.h"

/* Reads the integer query @p name (0 when absent) or replies 400. */
static bool
id_query_or_reply(struct ccs_req *r, const char *name, int64_t *out)
{
	const char *s = ccs_req_query(r, name);
	char msg[96];

	*out = 0;
	if (s == NULL || ccs_parse_i64(s, 1, INT64_MAX, out) == CCS_OK)
		return true;
	(void)ccs_snprintf(msg, sizeof(msg), "%s must be a positive id", name);
	ccs_reply_error(r, 400, "invalid_parameter", msg);
	return false;
}

void
ccs_h_recommendations(struct ccs_req *r)
{
	static const char *const filters[] = {
		"owner_org", "owner_state", "status", "overdue", "meeting",
		"need", NULL
	};
	struct ccs_rec_filter flt;
	struct ccs_fail f = { 0, NULL, "" };
	const char *od = ccs_req_query(r, "overdue");
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	memset(&flt, 0, sizeof(flt));
	if (!id_query_or_reply(r, "owner_org", &flt.owner_org) ||
	    !id_query_or_reply(r, "meeting", &flt.meeting))
		return;
	if (od != NULL && !ccs_streq(od, "true") && !ccs_streq(od, "false")) {
		ccs_reply_error(r, 400, "invalid_parameter", "overdue must be "
		    "true or false");
		return;
	}
	flt.overdue = ccs_streq(od, "true");
	flt.owner_state = ccs_req_query(r, "owner_state");
	flt.status = ccs_req_query(r, "status");
	flt.need = ccs_req_query(r, "need");
	if (!ccs_listq_or_reply(r, &ccs_rec_list_def, filters, &lr))
		return;
	rc = ccs_rec_query(r->db, &r->who, &flt, r->now, lr.ks, lr.q, lr.from,
	    lr.to, &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "recommendations.csv", &f);
}

void
ccs_h_recommendation(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_rec_get(r->db, &r->who, id, r->now, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_recommendation_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_rec_create(r->db, &r->who, r->json, r->now, &out, &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_recommendation_update(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_rec_update(r->db, &r->who, id, r->json, r->now, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_recommendation_progress(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_rec_progress_add(r->db, &r->who, id, r->json, r->now, &out,
	    &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_recommendations_overdue(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t limit;
	int rc;

	if (!ccs_params_limit_or_reply(r, &limit))
		return;
	rc = ccs_rec_overdue_by_owner(r->db, &r->who, ccs_req_query(r,
	    "cursor"), limit, r->now, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

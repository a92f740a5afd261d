/*
 * h_plan_versions.c: plan versions over HTTP: the list, one version with
 * its items, deriving a version, changing items; the evaluations of a
 * version.
 */
#include "http/listq.h"
#include "http/monitoring/meetings_handlers.h"
#include "http/params.h"
#include "svc/monitoring/evaluation.h"
#include "svc/monitoring/plan_versions.h"

void
ccs_h_plan_versions(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	if (!ccs_listq_or_reply(r, &ccs_plan_version_list_def, NULL, &lr))
		return;
	rc = ccs_plan_version_query(&r->who, lr.ks, lr.q, lr.from, lr.to, &lq,
	    &f);
	ccs_listq_serve(r, rc, lq, &lr, "plan-versions.csv", &f);
}

void
ccs_h_plan_version(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_plan_version_get(r->db, &r->who, id, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_plan_version_derive(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_plan_version_derive(r->db, &r->who, r->json, r->now, &out,
	    &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_plan_items_patch(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_plan_items_patch(r->db, &r->who, id, r->json, r->now, &out,
	    &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_evaluations(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id, limit;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id) ||
	    !ccs_params_limit_or_reply(r, &limit))
		return;
	rc = ccs_eval_list(r->db, &r->who, id, ccs_req_query(r, "cursor"),
	    limit, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_evaluation(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id, eid;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id) ||
	    !ccs_param_id_or_reply(r, "eid", &eid))
		return;
	rc = ccs_eval_get(r->db, &r->who, id, eid, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_evaluation_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_eval_create(r->db, &r->who, id, r->json, r->now, &out, &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_evaluation_update(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id, eid;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id) ||
	    !ccs_param_id_or_reply(r, "eid", &eid))
		return;
	rc = ccs_eval_update(r->db, &r->who, id, eid, r->json, r->now, &out,
	    &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

/*
 * h_crisis_parts.c: the parts of one crisis over HTTP: its log, team,
 * tasks, situation reports and review.
 */
#include <stdint.h>

#include "http/crisis/handlers.h"
#include "svc/crisis/crisis_log.h"
#include "svc/crisis/crisis_review.h"
#include "svc/crisis/crisis_sitreps.h"
#include "svc/crisis/crisis_tasks.h"
#include "svc/crisis/crisis_team.h"
#include "util/err.h"

void
ccs_h_crisis_log(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_crisis_page pg;
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id) ||
	    !ccs_h_crisis_page_or_reply(r, &pg))
		return;
	rc = ccs_crisis_log_list(r->db, &r->who, id, &pg, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_crisis_log_add(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_crisis_log_add(r->db, &r->who, id, r->json, r->now, &out, &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_crisis_member_add(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_crisis_member_add(r->db, &r->who, id, r->json, r->now, &out,
	    &f);
	ccs_reply_result(r, 201, rc, out == NULL ? NULL : ccs_items(out), &f);
}

void
ccs_h_crisis_member_remove(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	int64_t id, member;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id) ||
	    !ccs_param_id_or_reply(r, "member", &member))
		return;
	rc = ccs_crisis_member_remove(r->db, &r->who, id, member, r->now, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? json_pack("{s:b}",
	    "removed", 1) : NULL, &f);
}

void
ccs_h_crisis_tasks(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_crisis_page pg;
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id) ||
	    !ccs_h_crisis_page_or_reply(r, &pg))
		return;
	rc = ccs_crisis_task_list(r->db, &r->who, id, &pg, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_crisis_task_add(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_crisis_task_add(r->db, &r->who, id, r->json, r->now, &out,
	    &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_crisis_task_update(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id, task;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id) ||
	    !ccs_param_id_or_reply(r, "task", &task))
		return;
	rc = ccs_crisis_task_update(r->db, &r->who, id, task, r->json, r->now,
	    &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_crisis_sitreps(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_crisis_page pg;
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id) ||
	    !ccs_h_crisis_page_or_reply(r, &pg))
		return;
	rc = ccs_crisis_sitrep_list(r->db, &r->who, id, &pg, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_crisis_sitrep_add(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_crisis_sitrep_add(r->db, &r->who, id, r->json, r->now, &out,
	    &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_crisis_review(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_crisis_review_file(r->db, &r->who, id, r->json, r->now, &out,
	    &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

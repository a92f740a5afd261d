/* h_lessons.c: lessons learnt over HTTP: record, list, read. */
#include "http/sharing/handlers.h"
#include "http/params.h"
#include "svc/sharing/lessons.h"
#include "util/err.h"
#include "util/str.h"

void
ccs_h_lessons(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *list = NULL;
	int64_t limit;
	int rc;

	if (!ccs_params_limit_or_reply(r, &limit))
		return;
	rc = ccs_lesson_list(r->db, &r->who, limit, &list, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? ccs_items(list) : NULL, &f);
}

void
ccs_h_lesson(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *l = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_lesson_get(r->db, &r->who, id, &l, &f);
	ccs_reply_result(r, 200, rc, l, &f);
}

void
ccs_h_lesson_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *l = NULL;
	int rc;

	rc = ccs_lesson_create(r->db, &r->who, r->json, r->now, &l, &f);
	ccs_reply_result(r, 201, rc, l, &f);
}

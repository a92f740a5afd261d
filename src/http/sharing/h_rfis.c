/*
 * h_rfis.c: requests for information over HTTP: ask, list, read with
 * answers, answer, close.
 */
#include <string.h>

#include "http/sharing/handlers.h"
#include "http/params.h"
#include "svc/sharing/rfis.h"
#include "util/err.h"
#include "util/str.h"

void
ccs_h_rfis(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *status = ccs_req_query(r, "status");
	json_t *list = NULL;
	int64_t limit;
	int rc;

	if (status != NULL && strcmp(status, "open") != 0 &&
	    strcmp(status, "closed") != 0) {
		ccs_reply_error(r, 400, "invalid_status", "status must be open "
		    "or closed");
		return;
	}
	if (!ccs_params_limit_or_reply(r, &limit))
		return;
	rc = ccs_rfi_list(r->db, &r->who, status, limit, &list, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? ccs_items(list) : NULL, &f);
}

void
ccs_h_rfi(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *q = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_rfi_get(r->db, &r->who, id, &q, &f);
	ccs_reply_result(r, 200, rc, q, &f);
}

void
ccs_h_rfi_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *q = NULL;
	int rc;

	rc = ccs_rfi_create(r->db, &r->who, r->json, r->now, &q, &f);
	ccs_reply_result(r, 201, rc, q, &f);
}

void
ccs_h_rfi_answer(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *q = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_rfi_answer(r->db, &r->who, id, r->json, r->now, &f);
	if (rc == CCS_OK)
		rc = ccs_rfi_get(r->db, &r->who, id, &q, &f);
	ccs_reply_result(r, 201, rc, q, &f);
}

void
ccs_h_rfi_close(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *q = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_rfi_close(r->db, &r->who, id, r->now, &f);
	if (rc == CCS_OK)
		rc = ccs_rfi_get(r->db, &r->who, id, &q, &f);
	ccs_reply_result(r, 200, rc, q, &f);
}

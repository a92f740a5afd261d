/*
 * h_interests.c: funders' stated areas of interest over HTTP: every
 * funder's, one organisation's, recording and removing one.
 */
#include <stdint.h>

#include "http/capacity/handlers.h"
#include "http/params.h"
#include "svc/capacity/interests.h"
#include "util/err.h"

void
ccs_h_interests_all(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_page page;
	json_t *out = NULL;
	int rc;

	if (!ccs_page_or_reply(r, &page))
		return;
	rc = ccs_interest_list(r->db, &r->who, 0, &page, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_interests(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_page page;
	json_t *out = NULL;
	int64_t org;
	int rc;

	if (!ccs_param_id_or_reply(r, "org", &org) ||
	    !ccs_page_or_reply(r, &page))
		return;
	rc = ccs_interest_list(r->db, &r->who, org, &page, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_interest_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t org;
	int rc;

	if (!ccs_param_id_or_reply(r, "org", &org))
		return;
	rc = ccs_interest_create(r->db, &r->who, org, r->json, r->now, &out,
	    &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_interest_delete(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	int64_t org, id;
	int rc;

	if (!ccs_param_id_or_reply(r, "org", &org) ||
	    !ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_interest_delete(r->db, &r->who, org, id, r->now, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? json_pack("{s:I, s:b}",
	    "id", (json_int_t)id, "deleted", 1) : NULL, &f);
}

/*
 * h_interests.c: funders' stated areas of interest over HTTP: every
 * funder's, one organisation's, recording and removing one.
 */
#include <stdint.h>

#include "http/capacity/handlers.h"
#include "http/listq.h"
#include "http/params.h"
#include "svc/capacity/funding_lists.h"
#include "svc/capacity/interests.h"
#include "util/str.h"
#include "util/err.h"

/* The interests of @p org (0: every funder, or ?org= when given). */
static void
interests(struct ccs_req *r, int64_t org)
{
	static const char *const filters[] = { "org", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	const char *qorg = ccs_req_query(r, "org");
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	if (org == 0 && qorg != NULL && qorg[0] != '\0' &&
	    ccs_parse_i64(qorg, 1, INT64_MAX, &org) != CCS_OK) {
		ccs_reply_error(r, 400, "invalid_filter", "org must be the id "
		    "of an organisation");
		return;
	}
	if (!ccs_listq_or_reply(r, &ccs_interest_list_def, filters, &lr))
		return;
	rc = ccs_interest_query(r->db, &r->who, org, lr.ks, lr.q, lr.from,
	    lr.to, &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "funder-interests.csv", &f);
}

void
ccs_h_interests_all(struct ccs_req *r)
{
	interests(r, 0);
}

void
ccs_h_interests(struct ccs_req *r)
{
	int64_t org;

	if (ccs_param_id_or_reply(r, "org", &org))
		interests(r, org);
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

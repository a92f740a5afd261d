/*
 * h_funding.c: funding totals (per currency, optionally converted at
 * recorded rates: ?convert=USD); listing and recording exchange rates.
 */
#include "http/capacity/handlers.h"
#include "svc/capacity/funding.h"
#include "util/err.h"
#include "util/jsonv.h"

void
ccs_h_funding(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_funding_totals(r->db, &r->who, ccs_req_query(r, "convert"),
	    &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_rates(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_page page;
	json_t *out = NULL;
	int rc;

	if (!ccs_page_or_reply(r, &page))
		return;
	rc = ccs_rate_list(r->db, &r->who, &page, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_rate_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_rate_create(r->db, &r->who, r->json, r->now, &out, &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

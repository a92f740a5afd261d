/*
 * h_funding.c: funding totals (per currency, optionally converted at
 * recorded rates: ?convert=USD); the exchange rates (list contract) and
 * recording one.
 */
#include "http/capacity/handlers.h"
#include "http/listq.h"
#include "svc/capacity/funding.h"
#include "svc/capacity/funding_lists.h"
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
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	if (!ccs_listq_or_reply(r, &ccs_rate_list_def, NULL, &lr))
		return;
	rc = ccs_rate_query(&r->who, lr.ks, lr.q, lr.from, lr.to, &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "exchange-rates.csv", &f);
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

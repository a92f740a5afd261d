/*
 * h_triage_write.c: the writes of the triage API (classify, update,
 * refer, convert, close). Thin: the router has checked the body against
 * the service's field table and opened the write transaction; the
 * service applies the policy and the workflow; the router commits.
 */
#include "http/reporting/h_triage.h"
#include "http/server.h"
#include "svc/reporting/referrals.h"
#include "svc/reporting/triage.h"
#include "svc/reporting/triage_convert.h"
#include "util/err.h"

typedef int (*triage_write)(struct ccs_db *, const struct ccs_report_keys *,
    const struct ccs_principal *, int64_t, const json_t *, int64_t,
    json_t **, struct ccs_fail *);

static void
run(struct ccs_req *r, triage_write fn, unsigned ok)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = fn(r->db, r->app->report_keys, &r->who, id, r->json, r->now,
	    &out, &f);
	ccs_reply_result(r, ok, rc, out, &f);
}

void
ccs_h_triage_classify(struct ccs_req *r)
{
	run(r, ccs_triage_classify, 200);
}

void
ccs_h_triage_update(struct ccs_req *r)
{
	run(r, ccs_triage_add_update, 201);
}

void
ccs_h_triage_refer(struct ccs_req *r)
{
	run(r, ccs_referral_create, 201);
}

void
ccs_h_triage_convert(struct ccs_req *r)
{
	run(r, ccs_triage_convert, 201);
}

void
ccs_h_triage_close(struct ccs_req *r)
{
	run(r, ccs_triage_close, 200);
}

/*
 * h_triage.c: the reads of the triage API. Thin: parse the query, call
 * the service (which applies the policy), reply.
 *
 * These reads write: the queue and the clusters index reports not
 * indexed yet, and every read of a report's content leaves an audit
 * event. So they are audited reads (CCS_R_AUDITREAD in triage_routes.c):
 * the router runs them in a write transaction and answers only if it
 * commits; a read that cannot be recorded is not answered.
 */
#include <stdint.h>
#include <string.h>

#include "core/reporting/triage_rules.h"
#include "http/listq.h"
#include "http/params.h"
#include "http/reporting/h_triage.h"
#include "http/server.h"
#include "svc/reporting/clusters.h"
#include "svc/reporting/queue.h"
#include "svc/reporting/triage.h"
#include "util/err.h"
#include "util/str.h"

/* A category key as the portal stores them: a-z and _, 1-31 bytes. */
static bool
category_ok(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n < 32 && strspn(s, "abcdefghijklmnopqrstuvwxyz_") ==
	    n;
}

static bool
filter_or_reply(struct ccs_req *r, struct ccs_triage_filter *flt)
{
	const char *age = ccs_req_query(r, "older_than_hours");

	memset(flt, 0, sizeof(flt[0]));
	flt->state = ccs_req_query(r, "state");
	flt->status = ccs_req_query(r, "status");
	flt->category = ccs_req_query(r, "category");
	flt->priority = ccs_req_query(r, "priority");
	if (flt->status != NULL && !ccs_vocab_has(&ccs_report_statuses,
	    flt->status)) {
		ccs_reply_error(r, 400, "invalid_status", "status must be one "
		    "of submitted, triaged, referred, investigating, closed");
		return false;
	}
	if (flt->priority != NULL && !ccs_vocab_has(&ccs_report_priorities,
	    flt->priority)) {
		ccs_reply_error(r, 400, "invalid_priority", "priority must be "
		    "urgent, high, normal or low");
		return false;
	}
	if (flt->category != NULL && !category_ok(flt->category)) {
		ccs_reply_error(r, 400, "invalid_category", "category must be "
		    "a category key such as fraud");
		return false;
	}
	if (ccs_params_int(age, 0, 24 * 3650, 0, &flt->min_age_hours) !=
	    CCS_OK) {
		ccs_reply_error(r, 400, "invalid_age", "older_than_hours must "
		    "be a whole number of hours, 0 to 87600");
		return false;
	}
	return true;
}

void
ccs_h_triage_queue(struct ccs_req *r)
{
	static const char *const filters[] = {
		"state", "status", "category", "priority", "older_than_hours",
		NULL
	};
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_triage_filter flt;
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	char st[3];
	int rc;

	if (!filter_or_reply(r, &flt))
		return;
	rc = ccs_triage_queue_state(r->db, &r->who, flt.state, st, &f);
	if (rc != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	if (!ccs_listq_or_reply(r, &ccs_triage_list_def, filters, &lr))
		return;
	rc = ccs_triage_query(r->db, r->app->report_keys, st, &flt, r->now,
	    lr.ks, lr.q, lr.from, lr.to, &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "public-reports.csv", &f);
}

void
ccs_h_triage_clock(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	char st[3];
	int rc;

	rc = ccs_triage_queue_state(r->db, &r->who, ccs_req_query(r, "state"),
	    st, &f);
	if (rc == CCS_OK)
		rc = ccs_triage_clock(r->db, st, r->now, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_triage_clusters(struct ccs_req *r)
{
	static const char *const filters[] = { "state", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_clusters_seen seen;
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	char st[3];
	int rc;

	rc = ccs_triage_queue_state(r->db, &r->who, ccs_req_query(r, "state"),
	    st, &f);
	if (rc != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	if (!ccs_listq_or_reply(r, &ccs_clusters_list_def, filters, &lr))
		return;
	seen.p = &r->who;
	seen.state = st;
	seen.now = r->now;
	rc = ccs_clusters_query(r->db, r->app->report_keys, &seen, lr.ks,
	    lr.q, lr.from, lr.to, &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "public-report-clusters.csv", &f);
}

void
ccs_h_triage_report(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_triage_get(r->db, r->app->report_keys, &r->who, id, r->now,
	    &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_triage_cluster(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_clusters_of(r->db, r->app->report_keys, &r->who, id, r->now,
	    &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

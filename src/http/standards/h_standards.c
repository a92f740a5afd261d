/*
 * h_standards.c: minimum standards over HTTP: the framework, status
 * records and their review, evidence files, and the gap analysis.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/standards/handlers.h"
#include "http/listq.h"
#include "http/params.h"
#include "svc/standards/assessments.h"
#include "svc/standards/evidence.h"
#include "svc/standards/framework.h"
#include "svc/standards/gaps.h"
#include "svc/standards/review_batch.h"
#include "util/err.h"
#include "util/str.h"

void
ccs_h_framework(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *vs = ccs_req_query(r, "version");
	json_t *doc = NULL;
	int64_t v;
	int rc;

	if (ccs_params_int(vs, 1, INT64_MAX, 0, &v) != CCS_OK) {
		ccs_reply_error(r, 400, "invalid_version", "version must be a "
		    "positive integer");
		return;
	}
	rc = ccs_fw_get(r->db, &r->who, v, &doc, &f);
	ccs_reply_result(r, 200, rc, doc, &f);
}

void
ccs_h_framework_publish(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	int64_t version = 0;
	int rc;

	rc = ccs_fw_publish(r->db, &r->who, r->json, r->now, &version, &f);
	ccs_reply_result(r, 201, rc, rc == CCS_OK ? json_pack("{s:I}", "version",
	    (json_int_t)version) : NULL, &f);
}

void
ccs_h_framework_versions(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *list = NULL;
	int rc;

	rc = ccs_fw_versions(r->db, &r->who, &list, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? ccs_items(list) : NULL, &f);
}

void
ccs_h_framework_needs(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *list = NULL;
	int rc;

	rc = ccs_fw_needs(r->db, &r->who, &list, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? ccs_items(list) : NULL, &f);
}

void
ccs_h_assessments(struct ccs_req *r)
{
	static const char *const filters[] = {
		"state", "status", "standard", "older_than", NULL
	};
	struct ccs_assess_filter flt;
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	flt.state = ccs_req_query(r, "state");
	flt.status = ccs_req_query(r, "status");
	flt.standard = ccs_req_query(r, "standard");
	flt.now = r->now;
	if (ccs_params_int(ccs_req_query(r, "older_than"), 0, 36500, 0,
	    &flt.older_than) != CCS_OK) {
		ccs_reply_error(r, 400, "invalid_older_than", "older_than must "
		    "be a number of days, 0-36500");
		return;
	}
	if (!ccs_listq_or_reply(r, &ccs_assess_list, filters, &lr))
		return;
	rc = ccs_assess_query(&r->who, &flt, lr.ks, lr.q, lr.from, lr.to, &lq,
	    &f);
	ccs_listq_serve(r, rc, lq, &lr, "status-records.csv", &f);
}

void
ccs_h_assessment(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *rec = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_assess_get(r->db, &r->who, id, &rec, &f);
	ccs_reply_result(r, 200, rc, rec, &f);
}

void
ccs_h_assessment_submit(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *rec = NULL;
	int rc;

	rc = ccs_assess_submit(r->db, &r->who, r->json, r->now, &rec, &f);
	ccs_reply_result(r, 201, rc, rec, &f);
}

static void
review(struct ccs_req *r, bool validate)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *rec = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_assess_review(r->db, &r->who, id, validate, json_string_value(
	    json_object_get(r->json, "reason")), r->now, &f);
	if (rc == CCS_OK)
		rc = ccs_assess_get(r->db, &r->who, id, &rec, &f);
	ccs_reply_result(r, 200, rc, rec, &f);
}

void
ccs_h_assessment_validate(struct ccs_req *r)
{
	review(r, true);
}

void
ccs_h_assessment_reject(struct ccs_req *r)
{
	review(r, false);
}

/*
 * POST /api/v1/assessments/review: a refused batch answers 409 with the
 * usual error object and, beside it, "results": every id's outcome; the
 * transaction is rolled back so no review and no audit event is kept.
 */
void
ccs_h_assessments_review(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL, *body;
	int rc;

	rc = ccs_assess_review_batch(r->db, &r->who, r->json, r->now, &out,
	    &f);
	if (rc == CCS_ECONFLICT && out != NULL) {
		r->rollback = true;
		body = json_pack("{s:{s:s, s:s}, s:O}", "error", "code", f.code,
		    "message", f.message, "results", json_object_get(out,
		    "results"));
		json_decref(out);
		if (body == NULL)
			ccs_reply_error(r, 500, "internal", "out of memory");
		else
			ccs_reply_json(r, 409, body);
		return;
	}
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_evidence_upload(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *meta = NULL;
	int rc;

	rc = ccs_evidence_put(r->db, r->app->conf->evidence_dir,
	    r->app->conf->evidence_max, &r->who,
	    (const unsigned char *)ccs_buf_str(&r->body), r->body.len, r->now,
	    &meta, &f);
	ccs_reply_result(r, 201, rc, meta, &f);
}

void
ccs_h_evidence_get(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct MHD_Response *resp;
	json_t *meta = NULL;
	struct stat sb;
	int fd = -1, rc;

	rc = ccs_evidence_open(r->db, r->app->conf->evidence_dir, &r->who,
	    ccs_req_param(r, "sha256"), &fd, &meta, &f);
	if (rc != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	if (fstat(fd, &sb) != 0) {
		close(fd);
		json_decref(meta);
		ccs_reply_error(r, 500, "internal", "cannot read the file");
		return;
	}
	/* libmicrohttpd owns and closes fd from here. */
	resp = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
	if (resp == NULL) {
		close(fd);
		json_decref(meta);
		ccs_reply_error(r, 500, "internal", "cannot send the file");
		return;
	}
	ccs_reply_response(r, 200, resp);
	ccs_reply_header(r, "Content-Type", json_string_value(json_object_get(
	    meta, "content_type")));
	ccs_reply_header(r, "Content-Disposition", "attachment");
	ccs_reply_header(r, "Cache-Control", "private, no-store");
	json_decref(meta);
}

void
ccs_h_gaps(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *state = ccs_req_query(r, "state");
	json_t *out = NULL;
	int rc;

	if (state == NULL && r->who.state[0] != '\0')
		state = r->who.state;
	rc = ccs_gaps_state(r->db, &r->who, state, ccs_req_query(r, "at"),
	    r->now, &out, &f);
	if (rc == CCS_OK && ccs_export_wanted(r)) {
		ccs_export_state(r, out);
		return;
	}
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_gaps_matrix(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_gaps_matrix(r->db, &r->who, ccs_req_query(r, "at"), r->now,
	    &out, &f);
	if (rc == CCS_OK && ccs_export_wanted(r)) {
		ccs_export_matrix(r, out);
		return;
	}
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_gaps_changes(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_gaps_changes(r->db, &r->who, ccs_req_query(r, "from"),
	    ccs_req_query(r, "to"), ccs_req_query(r, "state"), r->now, &out,
	    &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_gaps_ranking(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_gaps_ranking(r->db, &r->who, ccs_req_query(r, "at"),
	    ccs_req_query(r, "since"), r->now, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_gaps_unmet(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_gaps_unmet(r->db, &r->who, ccs_req_query(r, "at"), r->now,
	    &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

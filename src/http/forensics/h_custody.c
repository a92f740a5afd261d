/*
 * h_custody.c: evidence items, hand-overs and the custody log over
 * HTTP, JSON or a PDF for court. The reads of one item record the view
 * in the audit trail: they are audited reads (CCS_R_AUDITREAD in
 * routes.c), answered only if the router commits the event. A
 * hand-over's SHA-256 that is not 64 hex digits is a 400 naming the
 * field, before the service runs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "core/forensics/custody.h"
#include "format/custody_pdf.h"
#include "http/forensics/handlers.h"
#include "http/listq.h"
#include "http/params.h"
#include "svc/forensics/custody.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/log.h"
#include "util/str.h"

static bool
page_or_reply(struct ccs_req *r, struct ccs_fx_page *pg)
{
	const char *cur = ccs_req_query(r, "cursor");

	memset(pg, 0, sizeof(*pg));
	if (cur != NULL && ccs_parse_i64(cur, 0, INT64_MAX, &pg->after) !=
	    CCS_OK) {
		ccs_reply_error(r, 400, "invalid_cursor", "cursor must be the "
		    "next_cursor of a previous page");
		return false;
	}
	return ccs_params_limit_or_reply(r, &pg->limit);
}

/* A 400 for a sha256 field that is not 64 hex digits. */
static bool
sha_or_reply(struct ccs_req *r)
{
	const json_t *s = json_object_get(r->json, "sha256");

	if (ccs_custody_sha_valid(json_string_value(s)))
		return true;
	ccs_reply_error(r, 400, "invalid_sha256", "sha256 must be 64 "
	    "hexadecimal digits");
	return false;
}

/* The integer query @p name (0 when absent), or a 400 naming it. */
static bool
id_query_or_reply(struct ccs_req *r, const char *name, int64_t *out)
{
	const char *s = ccs_req_query(r, name);
	char msg[64];

	*out = 0;
	if (s == NULL || ccs_parse_i64(s, 1, INT64_MAX, out) == CCS_OK)
		return true;
	(void)ccs_snprintf(msg, sizeof(msg), "%s must be a positive id", name);
	ccs_reply_error(r, 400, "invalid_parameter", msg);
	return false;
}

void
ccs_h_evidence_items(struct ccs_req *r)
{
	static const char *const filters[] = { "state", "kind", "lab",
		"request", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_evidence_filter flt;
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	memset(&flt, 0, sizeof(flt));
	if (!id_query_or_reply(r, "lab", &flt.lab_id) ||
	    !id_query_or_reply(r, "request", &flt.request_id))
		return;
	flt.state = ccs_req_query(r, "state");
	flt.kind = ccs_req_query(r, "kind");
	if (!ccs_listq_or_reply(r, &ccs_evidence_item_list_def, filters, &lr))
		return;
	rc = ccs_evidence_item_query(&r->who, &flt, lr.ks, lr.q, lr.from,
	    lr.to, &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "evidence-items.csv", &f);
}

void
ccs_h_evidence_item(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_evidence_item_get(r->db, &r->who, id, r->now, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_evidence_item_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	if (!sha_or_reply(r))
		return;
	rc = ccs_evidence_item_create(r->db, &r->who, r->json, r->now, &out,
	    &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_handover(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id) || !sha_or_reply(r))
		return;
	rc = ccs_custody_handover(r->db, &r->who, id, r->json, r->now, &out,
	    &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_custody(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_fx_page pg;
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id) || !page_or_reply(r, &pg))
		return;
	rc = ccs_custody_log(r->db, &r->who, id, &pg, false, r->now, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_custody_pdf(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct MHD_Response *resp = NULL;
	struct ccs_fx_page pg = { 0, 0 };
	struct ccs_buf pdf;
	json_t *log = NULL;
	char name[96];
	size_t len;
	char *data = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_custody_log(r->db, &r->who, id, &pg, true, r->now, &log, &f);
	if (rc != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	ccs_buf_init(&pdf, CCS_CUSTODY_PDF_MAX);
	rc = ccs_custody_pdf(log, &pdf);
	json_decref(log);
	len = pdf.len;
	data = rc == CCS_OK ? ccs_buf_steal(&pdf) : NULL;
	ccs_buf_free(&pdf);
	if (data != NULL)
		resp = MHD_create_response_from_buffer(len, data,
		    MHD_RESPMEM_MUST_FREE);
	if (resp == NULL) {
		free(data);
		ccs_log_event(r->app->log, CCS_LOG_ERROR, "export_failed",
		    json_pack("{s:s, s:s}", "path", r->path, "error",
		    ccs_strerror(rc == CCS_OK ? CCS_ENOMEM : rc)));
		ccs_reply_error(r, 500, "internal", "the PDF could not be "
		    "made; it was logged");
		return;
	}
	ccs_reply_response(r, 200, resp);
	ccs_reply_header(r, "Content-Type", "application/pdf");
	if (ccs_snprintf(name, sizeof(name), "attachment; filename=\""
	    "ccscap-custody-%lld.pdf\"", (long long)id) == CCS_OK)
		ccs_reply_header(r, "Content-Disposition", name);
	ccs_reply_header(r, "Cache-Control", "private, no-store");
}

/*
 * h_reports.c: reports over HTTP: make one (201 with its id and digest),
 * preview one (the HTML rendition, nothing stored), the archive, one
 * record, and a stored rendition served as stored with its digest.
 */
#include <stdlib.h>

#include "format/report_html.h"
#include "http/capacity/handlers.h"
#include "http/listq.h"
#include "http/monitoring/handlers.h"
#include "svc/monitoring/reports.h"
#include "util/err.h"
#include "util/str.h"

#define PREVIEW_MAX	(16u << 20)	/* bytes of a preview */

void
ccs_h_report_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_report_create(r->db, &r->who, r->json, r->now, &out, &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_report_preview(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_buf b;
	json_t *snap = NULL;
	int rc;

	/* nothing is stored: roll back whatever the providers touched */
	r->rollback = true;
	rc = ccs_report_build(r->db, &r->who, r->json, r->now, &snap, &f);
	if (rc != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	ccs_buf_init(&b, PREVIEW_MAX);
	rc = ccs_report_html(snap, &b);
	json_decref(snap);
	if (rc != CCS_OK) {
		ccs_buf_free(&b);
		ccs_reply_error(r, 500, "render_failed", "the preview could "
		    "not be rendered");
		return;
	}
	ccs_reply_bytes(r, 200, "text/html; charset=utf-8", b.data, b.len,
	    true);
	ccs_reply_header(r, "Cache-Control", "private, no-store");
	ccs_buf_free(&b);
}

void
ccs_h_reports(struct ccs_req *r)
{
	static const char *const filters[] = { "audience", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	if (!ccs_listq_or_reply(r, &ccs_report_list_def, filters, &lr))
		return;
	rc = ccs_report_query(r->db, &r->who, ccs_req_query(r, "audience"),
	    lr.ks, lr.q, lr.from, lr.to, &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "reports.csv", &f);
}

void
ccs_h_report(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_report_read(r->db, &r->who, id, r->now, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_report_file(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct MHD_Response *resp;
	const char *fmt = ccs_req_query(r, "format");
	json_t *meta = NULL;
	char *data = NULL, disp[160];
	size_t len = 0;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_report_file(r->db, &r->who, id, fmt ? fmt : "pdf", true,
	    r->now, &data, &len, &meta, &f);
	if (rc != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	resp = MHD_create_response_from_buffer(len, data,
	    MHD_RESPMEM_MUST_FREE);
	if (resp == NULL) {
		free(data);
		json_decref(meta);
		ccs_reply_error(r, 500, "internal", "out of memory");
		return;
	}
	ccs_reply_response(r, 200, resp);
	ccs_reply_header(r, "Content-Type", json_string_value(
	    json_object_get(meta, "media_type")));
	(void)ccs_snprintf(disp, sizeof(disp), "%s; filename=\"%s\"",
	    ccs_streq(fmt, "html") ? "inline" : "attachment",
	    json_string_value(json_object_get(meta, "filename")));
	ccs_reply_header(r, "Content-Disposition", disp);
	ccs_reply_header(r, "X-Content-SHA256", json_string_value(
	    json_object_get(meta, "sha256")));
	ccs_reply_header(r, "Cache-Control", "private, no-store");
	json_decref(meta);
}

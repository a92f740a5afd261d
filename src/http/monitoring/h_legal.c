/*
 * h_legal.c: the legal harmonisation tracker over HTTP: provisions,
 * national instruments, the state x provision matrix (JSON or CSV) and
 * the treaty tracks. Each handler reads its query, calls one service
 * function and replies with its result.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "format/legal_csv.h"
#include "http/listq.h"
#include "http/monitoring/handlers.h"
#include "http/params.h"
#include "svc/monitoring/legal_instruments.h"
#include "svc/monitoring/legal_matrix.h"
#include "svc/monitoring/legal_treaties.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/log.h"
#include "util/str.h"

/* 21 states x 69 provisions with instruments: far below this */
#define LEGAL_CSV_MAX	((size_t)8 << 20)

void
ccs_h_legal_provisions(struct ccs_req *r)
{
	static const char *const filters[] = { "treaty", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	if (!ccs_listq_or_reply(r, &ccs_legal_provision_list_def, filters,
	    &lr))
		return;
	rc = ccs_legal_provision_query(&r->who, ccs_req_query(r, "treaty"),
	    lr.ks, lr.q, lr.from, lr.to, &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "legal-provisions.csv", &f);
}

void
ccs_h_legal_instruments(struct ccs_req *r)
{
	static const char *const filters[] = { "state", "status", "kind",
		NULL };
	struct ccs_legal_filter flt;
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	memset(&flt, 0, sizeof(flt));
	flt.state = ccs_req_query(r, "state");
	flt.status = ccs_req_query(r, "status");
	flt.kind = ccs_req_query(r, "kind");
	if (!ccs_listq_or_reply(r, &ccs_legal_instrument_list_def, filters,
	    &lr))
		return;
	rc = ccs_legal_instrument_query(&r->who, &flt, lr.ks, lr.q, lr.from,
	    lr.to, &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "legal-instruments.csv", &f);
}

void
ccs_h_legal_instrument(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_legal_instrument_get(r->db, &r->who, id, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_legal_instrument_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_legal_instrument_create(r->db, &r->who, r->json, r->now, &out,
	    &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_legal_instrument_update(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_legal_instrument_update(r->db, &r->who, id, r->json, r->now,
	    &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

/* Replies the CSV of @p matrix. */
static void
reply_csv(struct ccs_req *r, const json_t *matrix)
{
	struct MHD_Response *resp = NULL;
	struct ccs_buf csv;
	size_t len;
	char *data;
	int rc;

	ccs_buf_init(&csv, LEGAL_CSV_MAX);
	rc = ccs_legal_csv(matrix, &csv);
	len = csv.len;
	data = rc == CCS_OK ? ccs_buf_steal(&csv) : NULL;
	ccs_buf_free(&csv);
	if (data != NULL)
		resp = MHD_create_response_from_buffer(len, data,
		    MHD_RESPMEM_MUST_FREE);
	if (resp == NULL) {
		free(data);
		ccs_log_event(r->app->log, CCS_LOG_ERROR, "export_failed",
		    json_pack("{s:s, s:s, s:s}", "path", r->path, "format",
		    "csv", "error", ccs_strerror(rc == CCS_OK ? CCS_ENOMEM :
		    rc)));
		ccs_reply_error(r, 500, "internal", "the export could not be "
		    "made; it was logged");
		return;
	}
	ccs_reply_response(r, 200, resp);
	ccs_reply_header(r, "Content-Type", "text/csv; charset=utf-8");
	ccs_reply_header(r, "Content-Disposition", "attachment; "
	    "filename=\"ccscap-legal-matrix.csv\"");
	ccs_reply_header(r, "Cache-Control", "private, no-store");
}

void
ccs_h_legal_matrix(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *fmt = ccs_req_query(r, "format");
	json_t *out = NULL;
	int rc;

	if (fmt != NULL && !ccs_streq(fmt, "json") && !ccs_streq(fmt, "csv")) {
		ccs_reply_error(r, 400, "invalid_format", "format must be json "
		    "or csv");
		return;
	}
	rc = ccs_legal_matrix(r->db, &r->who, ccs_req_query(r, "state"),
	    ccs_req_query(r, "treaty"), &out, &f);
	if (rc != CCS_OK || !ccs_streq(fmt, "csv")) {
		ccs_reply_result(r, 200, rc, out, &f);
		return;
	}
	reply_csv(r, out);
	json_decref(out);
}

void
ccs_h_legal_treaties(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_legal_treaty_list(r->db, &r->who, ccs_req_query(r, "state"),
	    &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_legal_treaty_update(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_legal_treaty_update(r->db, &r->who, ccs_req_param(r, "state"),
	    ccs_req_param(r, "treaty"), r->json, r->now, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

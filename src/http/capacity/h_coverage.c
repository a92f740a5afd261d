/*
 * h_coverage.c: the coverage matrix as JSON (each cell's first
 * initiatives, the rest paged by /coverage/cell), or as a CSV or XLSX
 * download (?format=csv|xlsx) of the full matrix, every initiative of
 * every cell, rendered by format/.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "format/coverage_csv.h"
#include "format/xlsx.h"
#include "http/capacity/handlers.h"
#include "svc/capacity/coverage.h"
#include "util/err.h"
#include "util/log.h"
#include "util/str.h"

#define COVERAGE_CSV_MAX	(16u * 1024 * 1024)	/* rendered CSV bound */
#define TYPE_CSV	"text/csv; charset=utf-8"
#define TYPE_XLSX	"application/vnd.openxmlformats-officedocument." \
			"spreadsheetml.sheet"

static void
render(struct ccs_req *r, const json_t *cov, bool xlsx)
{
	struct MHD_Response *resp;
	struct ccs_buf csv;
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (xlsx) {
		rc = ccs_xlsx_coverage(cov, &data, &len);
	} else {
		ccs_buf_init(&csv, COVERAGE_CSV_MAX);
		rc = ccs_coverage_csv(cov, &csv);
		len = csv.len;
		data = ccs_buf_steal(&csv);
		ccs_buf_free(&csv);
	}
	if (rc == CCS_OK && data == NULL)
		rc = CCS_ENOMEM;
	resp = rc == CCS_OK ? MHD_create_response_from_buffer(len, data,
	    MHD_RESPMEM_MUST_FREE) : NULL;
	if (resp == NULL) {
		free(data);
		ccs_log_event(r->app->log, CCS_LOG_ERROR, "export_failed",
		    json_pack("{s:s, s:s, s:s}", "path", r->path, "format",
		    xlsx ? "xlsx" : "csv", "error", ccs_strerror(rc)));
		ccs_reply_error(r, 500, "internal", "the export could not be "
		    "made; it was logged");
		return;
	}
	ccs_reply_response(r, 200, resp);
	ccs_reply_header(r, "Content-Type", xlsx ? TYPE_XLSX : TYPE_CSV);
	ccs_reply_header(r, "Content-Disposition", xlsx ? "attachment; "
	    "filename=\"ccscap-coverage.xlsx\"" : "attachment; "
	    "filename=\"ccscap-coverage.csv\"");
	ccs_reply_header(r, "Cache-Control", "private, no-store");
}

void
ccs_h_coverage(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *fmt = ccs_req_query(r, "format");
	const char *sum = ccs_req_query(r, "summary");
	bool summary = ccs_streq(sum, "1");
	json_t *cov = NULL;
	int rc;

	if (fmt != NULL && !ccs_streq(fmt, "json") && !ccs_streq(fmt, "csv") &&
	    !ccs_streq(fmt, "xlsx")) {
		ccs_reply_error(r, 400, "invalid_format", "format must be "
		    "json, csv or xlsx");
		return;
	}
	if ((sum != NULL && !summary && !ccs_streq(sum, "0")) || (summary &&
	    fmt != NULL && !ccs_streq(fmt, "json"))) {
		ccs_reply_error(r, 400, "invalid_summary", "summary must be 0 "
		    "or 1, and 1 only with the JSON format");
		return;
	}
	/* JSON reads the kept cells; a download lists every initiative */
	if (summary)
		rc = ccs_coverage_stages(r->db, &r->who, &cov, &f);
	else if (fmt == NULL || ccs_streq(fmt, "json"))
		rc = ccs_coverage(r->db, &r->who, &cov, &f);
	else
		rc = ccs_coverage_full(r->db, &r->who, &cov, &f);
	if (rc != CCS_OK || fmt == NULL || ccs_streq(fmt, "json")) {
		ccs_reply_result(r, 200, rc, cov, &f);
		return;
	}
	render(r, cov, ccs_streq(fmt, "xlsx"));
	json_decref(cov);
}

void
ccs_h_coverage_cell(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *need = ccs_req_query(r, "need");
	const char *state = ccs_req_query(r, "state");
	struct ccs_page page;
	json_t *out = NULL;
	int rc;

	if (need == NULL || need[0] == '\0' || state == NULL ||
	    state[0] == '\0') {
		ccs_reply_error(r, 400, "missing_field", need == NULL ||
		    need[0] == '\0' ? "need is required: the ref of a need "
		    "(T1.1)" : "state is required: the code of a state (JM)");
		return;
	}
	if (!ccs_page_or_reply(r, &page))
		return;
	rc = ccs_coverage_cell(r->db, &r->who, need, state, &page, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

/*
 * h_export.c: the gap analysis as a download (?format=csv or xlsx) instead
 * of JSON. The gap handlers compute the JSON as usual and hand it here;
 * this file only picks the format, renders it with src/format/ and names
 * the attachment after the state and the date of the analysis.
 */
#include <stdlib.h>
#include <string.h>

#include "format/gaps_csv.h"
#include "format/xlsx.h"
#include "http/standards/handlers.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/log.h"
#include "util/str.h"

#define EXPORT_CSV_MAX	(64u * 1024 * 1024)	/* rendered CSV bound */
#define TYPE_CSV	"text/csv; charset=utf-8"
#define TYPE_XLSX	"application/vnd.openxmlformats-officedocument." \
			"spreadsheetml.sheet"

bool
ccs_export_wanted(struct ccs_req *r)
{
	const char *fmt = ccs_req_query(r, "format");

	if (fmt == NULL || strcmp(fmt, "json") == 0)
		return false;
	if (strcmp(fmt, "csv") != 0 && strcmp(fmt, "xlsx") != 0)
		ccs_reply_error(r, 400, "invalid_format", "format must be "
		    "json, csv or xlsx");
	return true;
}

/* True when @p s is @p n characters, each in @p set. */
static bool
only(const char *s, size_t n, const char *set)
{
	return s != NULL && strlen(s) == n && strspn(s, set) == n;
}

/*
 * Renders @p doc (borrowed) and replies. @p state is NULL for the matrix.
 * The file name is built from validated values only (two capital letters,
 * a date), so it needs no quoting in Content-Disposition.
 */
static void
render(struct ccs_req *r, const json_t *doc, const char *state)
{
	struct MHD_Response *resp;
	struct ccs_buf csv;
	const char *at = json_string_value(json_object_get(doc, "at"));
	bool xlsx = ccs_streq(ccs_req_query(r, "format"), "xlsx");
	char name[128], disp[160], *data = NULL;
	size_t len = 0;
	int rc;

	if (!only(at, 10, "0123456789-"))
		at = "undated";
	if (state != NULL && !only(state, 2, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
		state = "XX";
	rc = ccs_snprintf(name, sizeof(name), "ccscap-gaps-%s-%s.%s", state ?
	    state : "matrix", at, xlsx ? "xlsx" : "csv");
	if (rc == CCS_OK)
		rc = ccs_snprintf(disp, sizeof(disp), "attachment; "
		    "filename=\"%s\"", name);
	if (rc != CCS_OK)
		goto fail;
	if (xlsx) {
		rc = state ? ccs_xlsx_gaps_state(doc, &data, &len) :
		    ccs_xlsx_gaps_matrix(doc, &data, &len);
	} else {
		ccs_buf_init(&csv, EXPORT_CSV_MAX);
		rc = state ? ccs_gaps_csv_state(doc, &csv) :
		    ccs_gaps_csv_matrix(doc, &csv);
		len = csv.len;
		data = ccs_buf_steal(&csv);
		ccs_buf_free(&csv);
	}
	if (rc != CCS_OK)
		goto fail;
	/* An empty CSV cannot happen (header row); data is never NULL. */
	rc = CCS_ENOMEM;
	if (data == NULL)
		goto fail;
	/* libmicrohttpd frees data once the response is done. */
	resp = MHD_create_response_from_buffer(len, data,
	    MHD_RESPMEM_MUST_FREE);
	if (resp == NULL)
		goto fail;
	data = NULL;
	ccs_reply_response(r, 200, resp);
	ccs_reply_header(r, "Content-Type", xlsx ? TYPE_XLSX : TYPE_CSV);
	ccs_reply_header(r, "Content-Disposition", disp);
	ccs_reply_header(r, "Cache-Control", "private, no-store");
	return;
fail:
	free(data);
	ccs_log_event(r->app->log, CCS_LOG_ERROR, "export_failed", json_pack(
	    "{s:s, s:s, s:s}", "path", r->path, "format", xlsx ? "xlsx" :
	    "csv", "error", ccs_strerror(rc)));
	ccs_reply_error(r, 500, "internal", "the export could not be made; "
	    "it was logged");
}

void
ccs_export_state(struct ccs_req *r, json_t *gaps)
{
	if (!r->replied)
		render(r, gaps, json_string_value(json_object_get(
		    json_object_get(gaps, "state"), "code")));
	json_decref(gaps);
}

void
ccs_export_matrix(struct ccs_req *r, json_t *matrix)
{
	if (!r->replied)
		render(r, matrix, NULL);
	json_decref(matrix);
}

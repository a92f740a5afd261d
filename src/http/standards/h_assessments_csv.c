/*
 * h_assessments_csv.c: POST /api/v1/assessments/import, the bulk import
 * of status records from a CSV body (text/csv, up to CCS_IMPORT_MAX_BYTES;
 * the route flag CCS_R_IMPORT sets that limit). The request is one
 * transaction, as every request is: a failed import replies 422 and the
 * dispatcher rolls it back; a dry run is rolled back here before replying,
 * so nothing of it can be committed whatever the reply status.
 */
#include <string.h>
#include <strings.h>

#include "http/standards/handlers.h"
#include "svc/standards/assessments_csv.h"
#include "util/err.h"
#include "util/str.h"

/* ?dry_run=1|true|0|false; replies 400 and returns false otherwise. */
static bool
dry_run_or_reply(struct ccs_req *r, bool *dry)
{
	const char *v = ccs_req_query(r, "dry_run");

	*dry = false;
	if (v == NULL || strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
		return true;
	if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || v[0] == '\0') {
		*dry = true;
		return true;
	}
	ccs_reply_error(r, 400, "invalid_dry_run", "dry_run must be 1 or 0");
	return false;
}

/* text/csv, with or without parameters (charset=utf-8). */
static bool
is_csv(const char *ct)
{
	size_t n = strlen("text/csv");

	return ct != NULL && strncasecmp(ct, "text/csv", n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

void
ccs_h_assessments_import(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *report = NULL, *body;
	bool dry;
	int rc;

	if (!dry_run_or_reply(r, &dry))
		return;
	if (!is_csv(ccs_req_header(r, "Content-Type"))) {
		ccs_reply_error(r, 415, "unsupported_media_type", "send the "
		    "file as text/csv");
		return;
	}
	rc = ccs_import_assessments(r->db, &r->who, r->body.data, r->body.len,
	    dry, r->now, &report, &f);
	if (dry) {
		/* Roll back now, and tell the dispatcher not to commit. */
		r->rollback = true;
		ccs_db_rollback(r->db);
	}
	if (rc == CCS_OK) {
		ccs_reply_json(r, dry ? 200 : 201, report);
		return;
	}
	if (report != NULL && ccs_streq(f.code, "import_failed")) {
		/* The one error that carries a list: every row in error. */
		body = json_pack("{s:{s:s, s:s}, s:O}", "error", "code", f.code,
		    "message", f.message, "errors", json_object_get(report,
		    "errors"));
		json_decref(report);
		if (body == NULL) {
			ccs_reply_error(r, 500, "internal", "out of memory");
			return;
		}
		ccs_reply_json(r, 422, body);
		return;
	}
	json_decref(report);
	ccs_reply_fail(r, &f);
}

/*
 * h_iati.c: POST /api/v1/import/iati and GET /api/v1/export/iati.
 *
 * The import takes the raw XML body as the STIX import does (route flags
 * CCS_R_UPLOAD | CCS_R_IMPORT: at most CCS_IMPORT_MAX_BYTES, a larger
 * Content-Length is refused with 413 before the body is read) and
 * ?dry_run=1. The request is one transaction: 201 with the counts when
 * every activity was stored, 200 with the counts and every error on a dry
 * run (rolled back here), 422 import_failed otherwise in the one error
 * shape, its message naming the first problem with its path and line.
 *
 * The export is built in a bounded buffer (CCS_CAP_IATI_HTTP_MAX); a
 * bigger one is refused with a pointer to `ccscap export iati`, which
 * streams to a file.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include "http/capacity/handlers.h"
#include "svc/capacity/iati.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#define CCS_CAP_IATI_HTTP_MAX	(64u * 1024 * 1024)

static bool
xml_type(const char *ct)
{
	static const char *const ok[] = { "application/xml", "text/xml",
	    "application/octet-stream" };
	size_t i, n;

	for (i = 0; ct != NULL && i < sizeof(ok) / sizeof(ok[0]); i++) {
		n = strlen(ok[i]);
		if (strncasecmp(ct, ok[i], n) == 0 && (ct[n] == '\0' ||
		    ct[n] == ';' || ct[n] == ' '))
			return true;
	}
	return false;
}

static bool
dry_run_or_reply(struct ccs_req *r, bool *on)
{
	const char *v = ccs_req_query(r, "dry_run");

	*on = false;
	if (v == NULL || strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
		return true;
	if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || v[0] == '\0') {
		*on = true;
		return true;
	}
	ccs_reply_error(r, 400, "invalid_query", "dry_run must be 1 or 0");
	return false;
}

void
ccs_h_import_iati(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_cap_iati_opts o;
	struct ccs_cap_iati_counts c;
	struct ccs_errlist *errs = NULL;
	json_t *report = NULL;
	FILE *in = NULL;
	int rc;

	memset(&o, 0, sizeof(o));
	o.schema = r->app->iati_schema;
	if (!dry_run_or_reply(r, &o.dry_run))
		return;
	if (!xml_type(ccs_req_header(r, "Content-Type"))) {
		ccs_reply_error(r, 415, "unsupported_media_type", "send the "
		    "file as application/xml, text/xml or "
		    "application/octet-stream");
		return;
	}
	if (r->body.len == 0) {
		ccs_reply_error(r, 400, "empty_body", "send the file as the "
		    "request body");
		return;
	}
	errs = ccs_errlist_new(CCS_CAP_IATI_MAX_ERRORS);
	in = fmemopen(r->body.data, r->body.len, "r");
	if (errs == NULL || in == NULL) {
		if (in != NULL)
			fclose(in);
		ccs_errlist_free(errs);
		ccs_reply_error(r, 500, "internal", "out of memory");
		return;
	}
	rc = ccs_cap_iati_import(r->db, &r->who, in, &o, r->now, &c, errs,
	    &f);
	fclose(in);
	if (o.dry_run || rc != CCS_OK) {
		/* Roll back now, and tell the dispatcher not to commit. */
		r->rollback = true;
		ccs_db_rollback(r->db);
	}
	report = ccs_cap_iati_report(&c, errs, o.dry_run);
	ccs_errlist_free(errs);
	if (report == NULL) {
		ccs_reply_error(r, 500, "internal", "out of memory");
		return;
	}
	if (rc == CCS_OK || (o.dry_run && rc == CCS_EINVAL)) {
		ccs_reply_json(r, o.dry_run ? 200 : 201, report);
		return;
	}
	if (rc == CCS_EINVAL || rc == CCS_ETOOBIG) {
		/* the one error shape: the first problem with its path and
		 * line; dry_run=1 replies 200 with every one, as for STIX */
		char msg[sizeof(f.message) + 64];

		(void)ccs_snprintf(msg, sizeof(msg), "%s; dry_run=1 lists "
		    "every error", f.code ? f.message : "the file was refused");
		json_decref(report);
		ccs_reply_error(r, 422, "import_failed", msg);
		return;
	}
	json_decref(report);
	ccs_reply_fail(r, &f);
}

static ssize_t
buf_write(void *cookie, const char *data, size_t len)
{
	struct ccs_buf *b = cookie;

	if (ccs_buf_add(b, data, len) != CCS_OK)
		return -1;
	return (ssize_t)len;
}

void
ccs_h_export_iati(struct ccs_req *r)
{
	static const cookie_io_functions_t io = { NULL, buf_write, NULL,
	    NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_buf b;
	FILE *out;
	int rc;

	ccs_buf_init(&b, CCS_CAP_IATI_HTTP_MAX);
	out = fopencookie(&b, "w", io);
	if (out == NULL) {
		ccs_reply_error(r, 500, "internal", "out of memory");
		return;
	}
	rc = ccs_cap_iati_export(r->db, &r->who, out, NULL, NULL, NULL, &f);
	if (fclose(out) != 0 && rc == CCS_OK)
		rc = CCS_EIO;
	if (rc == CCS_EIO && b.len + 65536 >= CCS_CAP_IATI_HTTP_MAX) {
		ccs_buf_free(&b);
		ccs_reply_error(r, 413, "export_too_large", "the export is "
		    "larger than 64 MiB: run 'ccscap export iati --out FILE' "
		    "on the server");
		return;
	}
	if (rc != CCS_OK) {
		ccs_buf_free(&b);
		if (f.code == NULL)
			(void)ccs_fail(&f, rc, "internal", "the export failed");
		ccs_reply_fail(r, &f);
		return;
	}
	ccs_reply_bytes(r, 200, "application/xml", ccs_buf_str(&b), b.len,
	    true);
	ccs_buf_free(&b);
}

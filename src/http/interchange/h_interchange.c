/*
 * h_interchange.c: POST /api/v1/import/{stix,misp,csv} and GET
 * /api/v1/export/stix.
 *
 * Imports take the raw body (route flags CCS_R_UPLOAD | CCS_R_IMPORT: up to
 * CCS_IMPORT_MAX_BYTES, a larger Content-Length is refused with 413
 * import_too_large before the body is read) and the query ?tlp= &state=
 * &partial=1 &dry_run=1. The request is one transaction: a failed import
 * replies 422 import_failed in the one error shape, its message naming
 * the first problem and its path, and is rolled back; a dry run is rolled
 * back here and always replies 200 with the full report, every error
 * included, which is how a client gets the whole list.
 *
 * The export is built in a bounded buffer (CCS_IX_EXPORT_HTTP_MAX): a
 * bigger one is refused with a message pointing at `ccscap export stix`,
 * which streams. GET routes read; the audit event of the export is
 * appended in a short write transaction of its own once the bundle is
 * built.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/validate.h"
#include "http/interchange/handlers.h"
#include "http/params.h"
#include "svc/interchange/interchange.h"
#include "svc/interchange/objects.h"
#include "svc/svc.h"
#include "svc/taxii/taxii.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

/* ?name=1|true|0|false; replies 400 and returns false otherwise. */
static bool
flag_or_reply(struct ccs_req *r, const char *name, bool *on)
{
	const char *v = ccs_req_query(r, name);
	char msg[80];

	*on = false;
	if (v == NULL || strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
		return true;
	if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || v[0] == '\0') {
		*on = true;
		return true;
	}
	(void)ccs_snprintf(msg, sizeof(msg), "%s must be 1 or 0", name);
	ccs_reply_error(r, 400, "invalid_query", msg);
	return false;
}

static bool
type_is(const char *ct, const char *want)
{
	size_t n = strlen(want);

	return ct != NULL && strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' ||
	    ct[n] == ';' || ct[n] == ' ');
}

static bool
opts_or_reply(struct ccs_req *r, struct ccs_ix_opts *o)
{
	const char *tlp = ccs_req_query(r, "tlp");

	memset(o, 0, sizeof(*o));
	o->tlp = CCS_TLP_AMBER;
	if (tlp != NULL && !ccs_tlp_parse(tlp, &o->tlp)) {
		ccs_reply_error(r, 400, "unknown_tlp", "tlp must be clear, "
		    "green, amber, amber+strict or red");
		return false;
	}
	o->state = ccs_req_query(r, "state");
	if (o->state != NULL && !ccs_valid_iso2(o->state)) {
		ccs_reply_error(r, 400, "invalid_state_code", "state must be a "
		    "two-letter state code");
		return false;
	}
	return flag_or_reply(r, "partial", &o->partial) &&
	    flag_or_reply(r, "dry_run", &o->dry_run);
}

enum fmt { F_STIX, F_MISP, F_CSV };

#define STORED_LISTED	100	/* stored objects named in the answer */

/* The STIX objects an import stored, for links in its answer. */
struct stored {
	json_t	*list;		/* [{stix_id, type, name}], the first ones */
	size_t	 total;		/* every object stored */
};

static int
on_stored(void *arg, size_t index, const json_t *obj, const char *text,
    size_t len, int64_t marking_id, bool skipped)
{
	struct stored *st = arg;
	json_t *e;

	(void)index;
	(void)text;
	(void)len;
	(void)marking_id;
	if (skipped)
		return 0;
	st->total++;
	if (json_array_size(st->list) >= STORED_LISTED)
		return 0;
	e = json_pack("{s:s?, s:s?, s:s}", "stix_id", ccs_jstr(obj, "id"),
	    "type", ccs_jstr(obj, "type"), "name", ccs_ixo_name(obj));
	return e == NULL || json_array_append_new(st->list, e) != 0;
}

/*
 * Adds "stored": {stix_objects: [{stix_id, type, name, id}],
 * stix_objects_total} to @p report: the row id of each, as the importer
 * reads it now, so the answer links to the object pages.
 */
static int
stored_report(struct ccs_req *r, struct stored *st, json_t *report)
{
	json_t *e;
	int64_t id;
	size_t i;
	int rc;

	json_array_foreach(st->list, i, e) {
		rc = ccs_ixo_find(r->db, &r->who, ccs_jstr(e, "stix_id") ?
		    ccs_jstr(e, "stix_id") : "", &id);
		if (rc != CCS_OK)
			return rc;
		if (json_object_set_new(e, "id", id > 0 ? json_integer(id) :
		    json_null()) != 0)
			return CCS_ENOMEM;
	}
	e = json_pack("{s:O, s:I}", "stix_objects", st->list,
	    "stix_objects_total", (json_int_t)st->total);
	if (e == NULL || json_object_set_new(report, "stored", e) != 0)
		return CCS_ENOMEM;
	return CCS_OK;
}

static void
import(struct ccs_req *r, enum fmt fmt)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_errlist *errs = NULL;
	struct ccs_ix_counts c;
	struct ccs_ix_opts o;
	struct stored st = { NULL, 0 };
	const char *ct = ccs_req_header(r, "Content-Type");
	json_t *report = NULL;
	FILE *in = NULL;
	size_t nerr;
	int rc;

	if (!opts_or_reply(r, &o))
		return;
	if (fmt == F_CSV ? !type_is(ct, "text/csv") : !(type_is(ct,
	    "application/json") || type_is(ct, "application/stix+json") ||
	    type_is(ct, "application/octet-stream"))) {
		ccs_reply_error(r, 415, "unsupported_media_type", fmt == F_CSV ?
		    "send the file as text/csv" : "send the file as "
		    "application/json, application/stix+json or "
		    "application/octet-stream");
		return;
	}
	if (r->body.len == 0) {
		ccs_reply_error(r, 400, "empty_body", "send the file as the "
		    "request body");
		return;
	}
	memset(&c, 0, sizeof(c));
	errs = ccs_errlist_new(CCS_IX_MAX_ERRORS);
	if (errs == NULL) {
		ccs_reply_error(r, 500, "internal", "out of memory");
		return;
	}
	st.list = json_array();
	if (st.list == NULL) {
		ccs_errlist_free(errs);
		ccs_reply_error(r, 500, "internal", "out of memory");
		return;
	}
	if (fmt == F_STIX) {
		o.on_stored = on_stored;
		o.stored_arg = &st;
		in = fmemopen(r->body.data, r->body.len, "r");
		rc = in ? ccs_ix_import_stix(r->db, &r->who, in, &o, r->now, &c,
		    errs, &f) : ccs_fail(&f, CCS_ENOMEM, "internal", "out of "
		    "memory");
		/* what was stored appears in the TAXII collections it fits */
		if (rc == CCS_OK && !o.dry_run)
			rc = ccs_taxii_publish(r->db, r->now, r->now * 1000000,
			    NULL, NULL, &f);
		if (in != NULL)
			fclose(in);
	} else if (fmt == F_MISP)
		rc = ccs_ix_import_misp(r->db, &r->who, r->body.data,
		    r->body.len, &o, r->now, &c, errs, &f);
	else
		rc = ccs_ix_import_csv(r->db, &r->who, r->body.data,
		    r->body.len, &o, r->now, &c, errs, &f);
	if (o.dry_run) {
		/* Roll back now, and tell the dispatcher not to commit. */
		r->rollback = true;
		ccs_db_rollback(r->db);
	}
	/* for /metrics: counted once the router knows the commit held */
	r->import.set = true;
	r->import.dry_run = o.dry_run;
	r->import.format = fmt == F_STIX ? CCS_MFMT_STIX : fmt == F_MISP ?
	    CCS_MFMT_MISP : CCS_MFMT_CSV;
	r->import.failed = c.invalid;
	r->import.skipped = c.skipped;
	r->import.imported = c.objects > c.invalid + c.skipped ? c.objects -
	    c.invalid - c.skipped : 0;
	report = ccs_ix_report(&c, errs, o.dry_run);
	nerr = ccs_errlist_total(errs);
	ccs_errlist_free(errs);
	if (report != NULL && rc == CCS_OK && fmt == F_STIX && !o.dry_run &&
	    stored_report(r, &st, report) != CCS_OK) {
		json_decref(report);
		report = NULL;
	}
	json_decref(st.list);
	if (report == NULL) {
		ccs_reply_error(r, 500, "internal", "out of memory");
		return;
	}
	if (rc == CCS_OK || (o.dry_run && nerr > 0 &&
	    f.rc != CCS_EDB && f.rc != CCS_ENOMEM && f.rc != CCS_EPERM &&
	    f.rc != CCS_EAUTH)) {
		ccs_reply_json(r, o.dry_run ? 200 : 201, report);
		return;
	}
	if (nerr > 0 || ccs_streq(f.code, "import_failed")) {
		/* One error shape everywhere: the message names the first
		 * problem; dry_run=1 replies 200 with every one. */
		char msg[sizeof(f.message) + 64];

		(void)ccs_snprintf(msg, sizeof(msg), "%s; dry_run=1 lists every "
		    "error", f.message);
		json_decref(report);
		ccs_reply_error(r, 422, "import_failed", msg);
		return;
	}
	json_decref(report);
	ccs_reply_fail(r, &f);
}

void
ccs_h_import_stix(struct ccs_req *r)
{
	import(r, F_STIX);
}

void
ccs_h_import_misp(struct ccs_req *r)
{
	import(r, F_MISP);
}

void
ccs_h_import_csv(struct ccs_req *r)
{
	import(r, F_CSV);
}

/* --- export ------------------------------------------------------------- */

static ssize_t
buf_write(void *cookie, const char *data, size_t len)
{
	struct ccs_buf *b = cookie;

	if (ccs_buf_add(b, data, len) != CCS_OK)
		return -1;
	return (ssize_t)len;
}

void
ccs_h_export_stix(struct ccs_req *r)
{
	static const cookie_io_functions_t io = { NULL, buf_write, NULL,
	    NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_buf b;
	char bid[64];
	int64_t since;
	FILE *out;
	size_t n = 0;
	int rc;

	if (!ccs_params_since_or_reply(r, "invalid_since", "since must be "
	    "YYYY-MM-DD or an RFC 3339 time", &since))
		return;
	ccs_buf_init(&b, CCS_IX_EXPORT_HTTP_MAX);
	out = fopencookie(&b, "w", io);
	if (out == NULL) {
		ccs_reply_error(r, 500, "internal", "out of memory");
		return;
	}
	rc = ccs_ix_export_stix(r->db, &r->who, false, (int64_t)since, out, &n,
	    bid, sizeof(bid), &f);
	if (fclose(out) != 0 && rc == CCS_OK)
		rc = CCS_EIO;
	if (rc == CCS_EIO && b.len + 65536 >= CCS_IX_EXPORT_HTTP_MAX) {
		ccs_buf_free(&b);
		r->rollback = true;
		ccs_reply_error(r, 413, "export_too_large", "the export is "
		    "larger than 64 MiB: narrow it with ?since= or run "
		    "'ccscap export stix --as LOGIN --out FILE' on the server");
		return;
	}
	if (rc != CCS_OK) {
		ccs_buf_free(&b);
		if (f.code == NULL)
			(void)ccs_fail(&f, rc, "internal", "the export failed");
		ccs_reply_fail(r, &f);
		return;
	}
	/* GET runs in a read transaction: the audit event gets its own. */
	ccs_db_rollback(r->db);
	rc = ccs_db_begin(r->db, true);
	if (rc == CCS_OK)
		rc = ccs_ix_export_audit(r->db, &r->who, false, (int64_t)since,
		    n, bid, r->now, &f);
	if (rc == CCS_OK)
		rc = ccs_db_commit(r->db);
	if (rc != CCS_OK) {
		ccs_db_rollback(r->db);
		ccs_buf_free(&b);
		ccs_reply_error(r, rc == CCS_EBUSY ? 503 : 500, rc ==
		    CCS_EBUSY ? "busy" : "internal", "the export could not be "
		    "recorded in the audit trail; try again");
		return;
	}
	ccs_reply_bytes(r, 200, "application/stix+json;version=2.1",
	    ccs_buf_str(&b), b.len, true);
	ccs_buf_free(&b);
}

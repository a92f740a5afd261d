/*
 * h_stix_objects.c: GET /api/v1/stix/objects (the stored STIX objects a
 * reader may read, by type, with a total, keyset cursors, sort, text and
 * date filters, ?format=csv), GET /api/v1/stix/objects/{id} (one object,
 * by row id or STIX id, its references and relationships both ways) and
 * the page GET /stix/{id} (web/stix-object.html, which reads the id from
 * its address).
 *
 * The list follows the list contract (http/list.h): the cursor is the
 * keyset one, bound to the query (type, words, dates, sort, order) and
 * the reader, so a changed cursor, or one from another query or reader,
 * is 400 invalid_cursor.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/csv.h"
#include "http/interchange/handlers.h"
#include "http/list.h"
#include "http/params.h"
#include "http/server.h"
#include "svc/interchange/objects.h"
#include "util/asset.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#define CSV_MAX		(64u * 1024 * 1024)	/* bytes of a CSV answer */

/* A STIX type name: 1..250 of a-z, 0-9 and hyphens. */
static bool
type_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 250)
		return false;
	for (i = 0; i < n; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <=
		    '9') || s[i] == '-'))
			return false;
	}
	return true;
}

static void
reply_csv(struct ccs_req *r, const json_t *items)
{
	static const char *const cols[] = { "id", "stix_id", "type", "name",
	    "tlp", "modified" };
	struct ccs_buf b;
	const json_t *it, *v;
	char num[24];
	size_t i, k;
	int rc = CCS_OK;

	ccs_buf_init(&b, CSV_MAX);
	for (k = 0; rc == CCS_OK && k < 6; k++)
		rc = ccs_csv_put(&b, cols[k], k == 0);
	if (rc == CCS_OK)
		rc = ccs_csv_put(&b, "stored_at", false);
	if (rc == CCS_OK)
		rc = ccs_csv_end(&b);
	json_array_foreach(items, i, it) {
		for (k = 0; rc == CCS_OK && k < 6; k++) {
			v = json_object_get(it, cols[k]);
			if (json_is_integer(v)) {
				(void)snprintf(num, sizeof(num), "%lld",
				    (long long)json_integer_value(v));
				rc = ccs_csv_put(&b, num, k == 0);
			} else
				rc = ccs_csv_put(&b, json_is_string(v) ?
				    json_string_value(v) : "", k == 0);
		}
		if (rc == CCS_OK)
			rc = ccs_csv_put_int(&b, json_integer_value(
			    json_object_get(it, "stored_at")), false);
		if (rc == CCS_OK)
			rc = ccs_csv_end(&b);
		if (rc != CCS_OK)
			break;
	}
	if (rc != CCS_OK) {
		ccs_buf_free(&b);
		ccs_reply_error(r, rc == CCS_ENOMEM ? 500 : 413, rc ==
		    CCS_ENOMEM ? "internal" : "export_too_large", "the CSV "
		    "is larger than 64 MiB: narrow it with type, q, from or "
		    "to");
		return;
	}
	ccs_reply_bytes(r, 200, "text/csv; charset=utf-8", ccs_buf_str(&b),
	    b.len, true);
	ccs_reply_header(r, "Content-Disposition", "attachment; "
	    "filename=\"ccscap-stix-objects.csv\"");
	ccs_reply_header(r, "Cache-Control", "private, no-store");
	ccs_buf_free(&b);
}

void
ccs_h_stix_objects(struct ccs_req *r)
{
	static const char *const filters[] = { "type", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_ixo_filter flt;
	struct ccs_list_req lr;
	json_t *out = NULL;
	int rc;

	memset(&flt, 0, sizeof(flt));
	flt.type = ccs_req_query(r, "type");
	if (flt.type != NULL && flt.type[0] == '\0')
		flt.type = NULL;
	if (flt.type != NULL && !type_ok(flt.type)) {
		ccs_reply_error(r, 400, "invalid_type", "type must be a STIX "
		    "type name such as threat-actor");
		return;
	}
	if (!ccs_list_or_reply(r, "stix-objects", ccs_ixo_list_cols(r->db),
	    CCS_IXO_NCOLS, "o.id", filters, &lr))
		return;
	flt.q = lr.q;
	flt.from = lr.from;
	flt.to = lr.to;
	rc = ccs_ixo_list(r->db, &r->who, &flt, lr.ks, lr.csv, &out, &f);
	ccs_list_req_free(&lr);
	if (rc == CCS_OK && lr.csv) {
		reply_csv(r, out);
		json_decref(out);
		return;
	}
	if (rc == CCS_EINVAL) {
		/* a bad query is 400 (the list contract) */
		ccs_reply_error(r, 400, f.code, f.message);
		return;
	}
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_stix_object(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_ixo_get(r->db, &r->who, ccs_req_param(r, "id"), &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_incident_stix(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	char name[96], *text;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_ixo_incident_bundle(r->db, &r->who, id, &out, &f);
	if (rc != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	text = json_dumps(out, JSON_COMPACT);
	json_decref(out);
	if (text == NULL) {
		ccs_reply_error(r, 500, "internal", "out of memory");
		return;
	}
	ccs_reply_bytes(r, 200, "application/stix+json;version=2.1", text,
	    strlen(text), true);
	free(text);
	(void)ccs_snprintf(name, sizeof(name), "attachment; filename=\""
	    "ccscap-incident-%lld.json\"", (long long)id);
	ccs_reply_header(r, "Content-Disposition", name);
}

void
ccs_h_stix_page(struct ccs_req *r)
{
	const struct ccs_asset *a = ccs_asset_find("web/stix-object.html");

	if (a == NULL) {
		ccs_reply_error(r, 404, "not_found", "no such page");
		return;
	}
	ccs_reply_bytes(r, 200, "text/html; charset=utf-8", a->data, a->len,
	    false);
	ccs_reply_header(r, "Cache-Control", "no-cache");
}

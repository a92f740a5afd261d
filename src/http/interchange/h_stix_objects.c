/*
 * h_stix_objects.c: GET /api/v1/stix/objects (the stored STIX objects a
 * reader may read, by type, with a total, keyset cursors, sort, text and
 * date filters, ?format=csv), GET /api/v1/stix/objects/{id} (one object,
 * by row id or STIX id, its references and relationships both ways) and
 * the page GET /stix/{id} (web/stix-object.html, which reads the id from
 * its address).
 *
 * The cursor is the TAXII one (svc/taxii/cursor.h): the row a page
 * starts after and the direction, MAC'd with the installation key over
 * the query (type, words, dates, sort, order) and the reader, so a
 * changed cursor, or one from another query or reader, is 400
 * invalid_cursor.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/csv.h"
#include "http/interchange/handlers.h"
#include "http/params.h"
#include "http/server.h"
#include "svc/interchange/objects.h"
#include "svc/taxii/cursor.h"
#include "util/asset.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#define CSV_MAX		(64u * 1024 * 1024)	/* bytes of a CSV answer */

static const char *const sorts[] = { "stored", "modified", "type",
    "name" };

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

/* The hash of everything a cursor is bound to. */
static void
query_hash(const struct ccs_req *r, const struct ccs_ixo_query *q,
    unsigned char qh[CCS_TAXII_QHASH_LEN])
{
	char canon[1024];
	int n;

	n = snprintf(canon, sizeof(canon), "stix-objects\n%s\n%s\n%lld\n%lld"
	    "\n%d\n%d\n%lld", q->type ? q->type : "", q->q ? q->q : "",
	    (long long)q->from, (long long)q->to, (int)q->sort, (int)q->desc,
	    (long long)r->who.user_id);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof(canon))
		n = (int)sizeof(canon) - 1;
	ccs_taxii_query_hash(canon, (size_t)n, qh);
}

static bool
query_or_reply(struct ccs_req *r, struct ccs_ixo_query *q)
{
	const char *sort = ccs_req_query(r, "sort");
	const char *order = ccs_req_query(r, "order");
	const char *words = ccs_req_query(r, "q");
	const char *from = ccs_req_query(r, "from");
	const char *to = ccs_req_query(r, "to");
	size_t i;

	memset(q, 0, sizeof(*q));
	q->desc = true;
	if (!ccs_params_limit_or_reply(r, &q->limit))
		return false;
	q->type = ccs_req_query(r, "type");
	if (q->type != NULL && q->type[0] == '\0')
		q->type = NULL;
	if (q->type != NULL && !type_ok(q->type)) {
		ccs_reply_error(r, 400, "invalid_type", "type must be a STIX "
		    "type name such as threat-actor");
		return false;
	}
	if (words != NULL && words[0] != '\0') {
		if (strlen(words) > 200) {
			ccs_reply_error(r, 400, "invalid_query", "q must be at "
			    "most 200 characters");
			return false;
		}
		q->q = words;
	}
	if (sort != NULL) {
		for (i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++) {
			if (strcmp(sort, sorts[i]) == 0)
				break;
		}
		if (i == sizeof(sorts) / sizeof(sorts[0])) {
			ccs_reply_error(r, 400, "invalid_sort", "sort must be "
			    "one of stored, modified, type, name");
			return false;
		}
		q->sort = (enum ccs_ixo_sort)i;
		q->desc = q->sort == CCS_IXO_STORED || q->sort ==
		    CCS_IXO_MODIFIED;
	}
	if (order != NULL) {
		if (strcmp(order, "asc") != 0 && strcmp(order, "desc") != 0) {
			ccs_reply_error(r, 400, "invalid_order", "order must "
			    "be asc or desc");
			return false;
		}
		q->desc = strcmp(order, "desc") == 0;
	}
	if ((from != NULL && (strlen(from) != 10 || ccs_params_time(from,
	    &q->from) != CCS_OK)) || (to != NULL && (strlen(to) != 10 ||
	    ccs_params_time(to, &q->to) != CCS_OK))) {
		ccs_reply_error(r, 400, "invalid_date", from != NULL &&
		    q->from == 0 ? "from must be a date YYYY-MM-DD" :
		    "to must be a date YYYY-MM-DD");
		return false;
	}
	if (q->to > 0)
		q->to += 86400;	/* "to" is the last day included */
	return true;
}

static bool
cursor_or_reply(struct ccs_req *r, struct ccs_ixo_query *q)
{
	const char *cur = ccs_req_query(r, "cursor");
	unsigned char qh[CCS_TAXII_QHASH_LEN];
	int64_t dir, at;

	if (cur == NULL || cur[0] == '\0')
		return true;
	query_hash(r, q, qh);
	if (!ccs_taxii_cursor_read(r->app->key, qh, cur, &dir, &at) || at <= 0
	    || (dir != 0 && dir != 1)) {
		ccs_reply_error(r, 400, "invalid_cursor", "cursor must be the "
		    "next_cursor or prev_cursor of this same list");
		return false;
	}
	q->at = at;
	q->before = dir == 1;
	return true;
}

static json_t *
cursor_json(struct ccs_req *r, const struct ccs_ixo_query *q, bool on,
    int64_t dir, int64_t at)
{
	unsigned char qh[CCS_TAXII_QHASH_LEN];
	char out[CCS_TAXII_CURSOR_LEN];

	if (!on)
		return json_null();
	query_hash(r, q, qh);
	ccs_taxii_cursor_make(r->app->key, qh, dir, at, out);
	return json_string(out);
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
	struct ccs_fail f = { 0, NULL, "" };
	const char *fmt = ccs_req_query(r, "format");
	struct ccs_ixo_query q;
	struct ccs_ixo_page pg;
	json_t *out;
	int rc;

	if (fmt != NULL && !ccs_streq(fmt, "json") && !ccs_streq(fmt, "csv")) {
		ccs_reply_error(r, 400, "invalid_format", "format must be json "
		    "or csv");
		return;
	}
	if (!query_or_reply(r, &q) || !cursor_or_reply(r, &q))
		return;
	q.all = ccs_streq(fmt, "csv");
	if (q.all)
		q.at = 0;
	rc = ccs_ixo_list(r->db, &r->who, &q, &pg, &f);
	if (rc != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	if (q.all) {
		reply_csv(r, pg.items);
		ccs_ixo_page_clear(&pg);
		return;
	}
	out = json_pack("{s:O, s:I, s:I, s:o, s:o, s:O}", "items", pg.items,
	    "total", (json_int_t)pg.total, "offset", (json_int_t)pg.offset,
	    "next_cursor", cursor_json(r, &q,
	    pg.has_next, 0, pg.last_id), "prev_cursor", cursor_json(r, &q,
	    pg.has_prev, 1, pg.first_id), "types", pg.types);
	ccs_ixo_page_clear(&pg);
	if (out == NULL) {
		ccs_reply_error(r, 500, "internal", "out of memory");
		return;
	}
	ccs_reply_json(r, 200, out);
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

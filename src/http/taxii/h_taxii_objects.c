/*
 * h_taxii_objects.c: a collection's objects, manifest, one object, its
 * versions, POST and DELETE.
 *
 * Lists read limit (1..CCS_TAXII_LIMIT_MAX, default 100), added_after,
 * next and the match[] filters their endpoint defines; a page answers
 * X-TAXII-Date-Added-First and -Last (RFC 3339, microseconds). `next` is
 * the signed cursor of svc/taxii/cursor.h, bound to the collection, the
 * endpoint, every filter and the reader; only limit may change between
 * pages. Object bodies are sent as stored, joined into the envelope
 * without being parsed again.
 */
#include <string.h>
#include <time.h>

#include "http/taxii/handlers.h"
#include "http/taxii/taxii_req.h"
#include "svc/taxii/cursor.h"
#include "svc/taxii/taxii.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

static int64_t
clock_us(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Appends one field of the canonical query text: absent and empty
 * differ. */
static void
canon_add(struct ccs_buf *b, const char *v)
{
	(void)ccs_buf_add(b, v ? "1" : "0", 1);
	if (v != NULL)
		(void)ccs_buf_add(b, v, strlen(v) + 1);
	else
		(void)ccs_buf_add(b, "", 1);
}

static bool
limit_or_reply(struct ccs_req *r, int64_t *limit)
{
	const char *v = ccs_req_query(r, "limit");
	char msg[64];

	*limit = CCS_TAXII_LIMIT_DEFAULT;
	if (v == NULL)
		return true;
	if (ccs_parse_i64(v, 1, CCS_TAXII_LIMIT_MAX, limit) == CCS_OK)
		return true;
	(void)ccs_snprintf(msg, sizeof(msg), "limit must be 1 to %d",
	    CCS_TAXII_LIMIT_MAX);
	ccs_taxii_error(r, 400, "invalid_query", msg);
	return false;
}

/* Reads the query of @p view for collection @p c and checks the cursor. */
static bool
query_or_reply(struct ccs_req *r, const struct ccs_taxii_coll *c,
    enum ccs_taxii_view view, struct ccs_taxii_query *q,
    unsigned char qh[CCS_TAXII_QHASH_LEN])
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *after = ccs_req_query(r, "added_after");
	const char *next = ccs_req_query(r, "next");
	struct ccs_buf canon;
	char uid[32];

	memset(q, 0, sizeof(*q));
	q->view = view;
	if (view == CCS_TAXII_OBJECT || view == CCS_TAXII_VERSIONS)
		q->object_id = ccs_req_param(r, "object");
	if (view == CCS_TAXII_OBJECTS || view == CCS_TAXII_MANIFEST) {
		q->match_id = ccs_req_query(r, "match[id]");
		q->match_type = ccs_req_query(r, "match[type]");
	}
	if (view != CCS_TAXII_VERSIONS)
		q->match_version = ccs_req_query(r, "match[version]");
	q->match_spec = ccs_req_query(r, "match[spec_version]");
	if (!limit_or_reply(r, &q->limit))
		return false;
	if (after != NULL) {
		if (!ccs_taxii_ts_parse(after, &q->added_after)) {
			ccs_taxii_error(r, 400, "invalid_query", "added_after "
			    "must be an RFC 3339 timestamp");
			return false;
		}
		q->has_added_after = true;
	}
	if (ccs_taxii_query_check(q, &f) != CCS_OK) {
		ccs_taxii_fail(r, &f);
		return false;
	}
	(void)ccs_snprintf(uid, sizeof(uid), "%d:%lld", (int)view,
	    (long long)r->who.user_id);
	ccs_buf_init(&canon, 8192);
	canon_add(&canon, uid);
	canon_add(&canon, c->root);
	canon_add(&canon, c->id);
	canon_add(&canon, q->object_id);
	canon_add(&canon, after);
	canon_add(&canon, q->match_id);
	canon_add(&canon, q->match_type);
	canon_add(&canon, q->match_version);
	canon_add(&canon, q->match_spec);
	ccs_taxii_query_hash(canon.data ? canon.data : "", canon.len, qh);
	ccs_buf_free(&canon);
	if (next == NULL)
		return true;
	if (!ccs_taxii_cursor_read(r->app->key, qh, next, &q->cur_date,
	    &q->cur_seq)) {
		ccs_taxii_error(r, 400, "invalid_next", "next is not a cursor "
		    "this server gave for this query: keep every parameter "
		    "but limit the same between pages");
		return false;
	}
	q->has_cursor = true;
	return true;
}

static void
date_headers(struct ccs_req *r, const json_t *rows)
{
	char ts[CCS_TAXII_TS_LEN];
	size_t n = json_array_size(rows);

	if (n == 0)
		return;
	ccs_taxii_ts_format(json_integer_value(json_object_get(json_array_get(
	    rows, 0), "date_added")), ts);
	ccs_reply_header(r, "X-TAXII-Date-Added-First", ts);
	ccs_taxii_ts_format(json_integer_value(json_object_get(json_array_get(
	    rows, n - 1), "date_added")), ts);
	ccs_reply_header(r, "X-TAXII-Date-Added-Last", ts);
}

/* The envelope of raw object bodies. */
static void
reply_envelope(struct ccs_req *r, const struct ccs_taxii_page *pg,
    const char *next)
{
	struct ccs_buf b;
	const json_t *row;
	const char *body;
	size_t i;
	int rc;

	ccs_buf_init(&b, (size_t)256 << 20);
	rc = ccs_buf_add(&b, pg->more ? "{\"more\":true" : "{\"more\":false",
	    pg->more ? 12 : 13);
	if (rc == CCS_OK && next != NULL) {
		rc = ccs_buf_add(&b, ",\"next\":\"", 9);
		if (rc == CCS_OK)
			rc = ccs_buf_add(&b, next, strlen(next));
		if (rc == CCS_OK)
			rc = ccs_buf_add(&b, "\"", 1);
	}
	if (rc == CCS_OK && json_array_size(pg->rows) > 0)
		rc = ccs_buf_add(&b, ",\"objects\":[", 12);
	json_array_foreach(pg->rows, i, row) {
		body = json_string_value(json_object_get(row, "body"));
		if (rc == CCS_OK && i > 0)
			rc = ccs_buf_add(&b, ",", 1);
		if (rc == CCS_OK)
			rc = ccs_buf_add(&b, body, strlen(body));
	}
	if (rc == CCS_OK && json_array_size(pg->rows) > 0)
		rc = ccs_buf_add(&b, "]", 1);
	if (rc == CCS_OK)
		rc = ccs_buf_add(&b, "}", 1);
	if (rc != CCS_OK) {
		ccs_buf_free(&b);
		ccs_taxii_error(r, 500, "internal", "out of memory");
		return;
	}
	ccs_reply_bytes(r, 200, CCS_TAXII_MEDIA, ccs_buf_str(&b), b.len, true);
	ccs_buf_free(&b);
	date_headers(r, pg->rows);
}

static void
reply_list(struct ccs_req *r, enum ccs_taxii_view view,
    const struct ccs_taxii_page *pg, const char *next)
{
	char ts[CCS_TAXII_TS_LEN];
	json_t *out, *list, *row, *item;
	size_t i;

	out = json_pack("{s:b}", "more", pg->more);
	list = json_array();
	if (out == NULL || list == NULL) {
		json_decref(out);
		json_decref(list);
		ccs_taxii_error(r, 500, "internal", "out of memory");
		return;
	}
	if (next != NULL)
		(void)json_object_set_new(out, "next", json_string(next));
	json_array_foreach(pg->rows, i, row) {
		if (view == CCS_TAXII_VERSIONS) {
			item = json_incref(json_object_get(row, "version"));
		} else {
			ccs_taxii_ts_format(json_integer_value(json_object_get(
			    row, "date_added")), ts);
			item = json_pack("{s:O, s:s, s:O, s:s}", "id",
			    json_object_get(row, "id"), "date_added", ts,
			    "version", json_object_get(row, "version"),
			    "media_type", CCS_TAXII_STIX_MEDIA);
		}
		(void)json_array_append_new(list, item);
	}
	if (json_array_size(list) > 0)
		(void)json_object_set_new(out, view == CCS_TAXII_VERSIONS ?
		    "versions" : "objects", list);
	else
		json_decref(list);
	ccs_taxii_json(r, 200, out);
	date_headers(r, pg->rows);
}

static void
list(struct ccs_req *r, enum ccs_taxii_view view)
{
	struct ccs_fail f = { 0, NULL, "" };
	unsigned char qh[CCS_TAXII_QHASH_LEN];
	char next[CCS_TAXII_CURSOR_LEN];
	struct ccs_taxii_query q;
	struct ccs_taxii_page pg;
	struct ccs_taxii_coll c;

	if (!ccs_taxii_coll_or_reply(r, &c, NULL))
		return;
	if (!c.can_read) {
		ccs_taxii_error(r, 403, "forbidden", "you may not read this "
		    "collection");
		return;
	}
	if (!query_or_reply(r, &c, view, &q, qh))
		return;
	if (ccs_taxii_list(r->db, &r->who, &c, &q, &pg, &f) != CCS_OK) {
		ccs_taxii_fail(r, &f);
		return;
	}
	if ((view == CCS_TAXII_OBJECT || view == CCS_TAXII_VERSIONS) &&
	    json_array_size(pg.rows) == 0 && !q.has_cursor) {
		ccs_taxii_page_free(&pg);
		ccs_taxii_error(r, 404, "object_not_found", "no such object "
		    "(matching the filters) in this collection");
		return;
	}
	if (pg.more)
		ccs_taxii_cursor_make(r->app->key, qh, pg.last_date,
		    pg.last_seq, next);
	if (view == CCS_TAXII_OBJECTS || view == CCS_TAXII_OBJECT)
		reply_envelope(r, &pg, pg.more ? next : NULL);
	else
		reply_list(r, view, &pg, pg.more ? next : NULL);
	ccs_taxii_page_free(&pg);
}

void
ccs_h_taxii_manifest(struct ccs_req *r)
{
	list(r, CCS_TAXII_MANIFEST);
}

void
ccs_h_taxii_objects(struct ccs_req *r)
{
	list(r, CCS_TAXII_OBJECTS);
}

void
ccs_h_taxii_object(struct ccs_req *r)
{
	list(r, CCS_TAXII_OBJECT);
}

void
ccs_h_taxii_versions(struct ccs_req *r)
{
	list(r, CCS_TAXII_VERSIONS);
}

void
ccs_h_taxii_add(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_taxii_coll c;
	json_t *st = NULL;

	if (!ccs_taxii_coll_or_reply(r, &c, NULL))
		return;
	if (!c.can_write) {
		ccs_taxii_error(r, 403, "forbidden", "you may not add objects "
		    "to this collection");
		return;
	}
	if (ccs_taxii_add(r->db, &r->who, &c, r->body.data ? r->body.data :
	    "", r->body.len, r->now, clock_us(), &st, &f) != CCS_OK) {
		ccs_taxii_fail(r, &f);
		return;
	}
	ccs_taxii_json(r, 202, st);
}

void
ccs_h_taxii_delete(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	unsigned char qh[CCS_TAXII_QHASH_LEN];
	struct ccs_taxii_query q;
	struct ccs_taxii_coll c;

	if (!ccs_taxii_coll_or_reply(r, &c, NULL))
		return;
	if (!c.can_write || !c.can_read) {
		ccs_taxii_error(r, 403, "forbidden", "deleting needs read and "
		    "write access to this collection");
		return;
	}
	if (!query_or_reply(r, &c, CCS_TAXII_OBJECT, &q, qh))
		return;
	if (ccs_taxii_delete(r->db, &r->who, &c, &q, r->now, &f) != CCS_OK) {
		ccs_taxii_fail(r, &f);
		return;
	}
	ccs_reply_bytes(r, 200, CCS_TAXII_MEDIA, "", 0, false);
}

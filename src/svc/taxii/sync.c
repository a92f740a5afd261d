/*
 * sync.c: the TAXII client of `ccscap sync` (see sync.h).
 *
 * libcurl, one handle per run, bearer token from the configuration. A
 * pulled page is imported (ccs_ix_import_stix, partial, as the operator,
 * unmarked objects TLP:AMBER) and filed into the local collections, and
 * the watermark moves to the page's X-TAXII-Date-Added-Last, all in one
 * transaction. A pushed batch is read in a short read transaction,
 * re-checked (the object's own markings, not only the stored level),
 * POSTed, and its watermark (created_at, id) committed once the peer
 * answered 202. Replies are capped at 256 MiB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>

#include "format/errlist.h"
#include "format/stix/stix_stream.h"
#include "svc/interchange/interchange.h"
#include "svc/svc.h"
#include "svc/taxii/sync.h"
#include "svc/taxii/taxii.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#define REPLY_MAX	((size_t)256 << 20)
#define PAGE		"1000"
#define PUSH_BATCH	200

struct reply {
	struct ccs_buf	 body;
	char		 last[64];	/* X-TAXII-Date-Added-Last */
	long		 status;
};

static size_t
on_body(char *data, size_t size, size_t n, void *arg)
{
	struct reply *r = arg;

	if (ccs_buf_add(&r->body, data, size * n) != CCS_OK)
		return 0;
	return size * n;
}

static size_t
on_header(char *data, size_t size, size_t n, void *arg)
{
	static const char name[] = "X-TAXII-Date-Added-Last:";
	struct reply *r = arg;
	size_t len = size * n, k = sizeof(name) - 1, e;

	if (len > k && strncasecmp(data, name, k) == 0) {
		while (k < len && data[k] == ' ')
			k++;
		e = len;
		while (e > k && (data[e - 1] == '\r' || data[e - 1] == '\n' ||
		    data[e - 1] == ' '))
			e--;
		(void)ccs_snprintf(r->last, sizeof(r->last), "%.*s",
		    (int)(e - k), data + k);
	}
	return len;
}

/* One request; the reply in @p r (caller frees r->body). */
static int
http(CURL *h, const struct ccs_sync_opts *o, const char *url,
    const char *post, struct reply *r, struct ccs_fail *f)
{
	struct curl_slist *hd = NULL, *t;
	char auth[1100];
	CURLcode cc;

	memset(r, 0, sizeof(*r));
	ccs_buf_init(&r->body, REPLY_MAX);
	(void)ccs_snprintf(auth, sizeof(auth), "Authorization: Bearer %s",
	    o->token);
	hd = curl_slist_append(hd, "Accept: " CCS_TAXII_MEDIA);
	t = hd ? curl_slist_append(hd, auth) : NULL;
	hd = t ? t : hd;
	if (t != NULL && post != NULL) {
		t = curl_slist_append(hd, "Content-Type: " CCS_TAXII_MEDIA);
		hd = t ? t : hd;
	}
	explicit_bzero(auth, sizeof(auth));
	if (t == NULL) {
		curl_slist_free_all(hd);
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	}
	curl_easy_reset(h);
	(void)curl_easy_setopt(h, CURLOPT_URL, url);
	(void)curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
	(void)curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	(void)curl_easy_setopt(h, CURLOPT_WRITEDATA, r);
	(void)curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	(void)curl_easy_setopt(h, CURLOPT_HEADERDATA, r);
	(void)curl_easy_setopt(h, CURLOPT_TIMEOUT, 300L);
	(void)curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 20L);
	(void)curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	if (post != NULL)
		(void)curl_easy_setopt(h, CURLOPT_POSTFIELDS, post);
	cc = curl_easy_perform(h);
	(void)curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(hd);
	if (cc != CURLE_OK)
		return ccs_fail(f, CCS_EIO, "peer_unreachable", "%s: %s", url,
		    curl_easy_strerror(cc));
	return CCS_OK;
}

/* The reply as JSON if @p want; else a failure naming the peer's error. */
static int
reply_json(const struct reply *r, long want, const char *url, json_t **out,
    struct ccs_fail *f)
{
	json_t *j = json_loadb(r->body.data ? r->body.data : "", r->body.len,
	    0, NULL);

	*out = NULL;
	if (r->status != want) {
		(void)ccs_fail(f, CCS_EIO, "peer_refused", "%s: HTTP %ld %s",
		    url, r->status, j && ccs_jstr(j, "description") ?
		    ccs_jstr(j, "description") : "");
		json_decref(j);
		return CCS_EIO;
	}
	if (j == NULL)
		return ccs_fail(f, CCS_EIO, "peer_bad_reply",
		    "%s: the reply is not JSON", url);
	*out = j;
	return CCS_OK;
}

static int
mark_get(struct ccs_db *db, const char *peer, const char *coll,
    const char *dir, json_t **row)
{
	const struct ccs_named np[] = {
		CCS_NAMED("peer", CCS_VTEXT(peer)),
		CCS_NAMED("coll", CCS_VTEXT(coll)),
		CCS_NAMED("dir", CCS_VTEXT(dir)),
	};

	return ccs_db_query_one_named(db, "SELECT mark, mark_at, mark_seq "
	    "FROM taxii_sync WHERE peer = :peer AND collection = :coll AND "
	    "direction = :dir", np, CCS_NNAMED(np), row);
}

static int
mark_set(struct ccs_db *db, const char *peer, const char *coll,
    const char *dir, const char *mark, int64_t at, int64_t seq)
{
	const struct ccs_named np[] = {
		CCS_NAMED("peer", CCS_VTEXT(peer)),
		CCS_NAMED("coll", CCS_VTEXT(coll)),
		CCS_NAMED("dir", CCS_VTEXT(dir)),
		CCS_NAMED("mark", CCS_VTEXT(mark)),
		CCS_NAMED("at", CCS_VINT(at)),
		CCS_NAMED("seq", CCS_VINT(seq)),
		CCS_NAMED("now", CCS_VINT((int64_t)time(NULL))),
	};

	return ccs_db_exec_named(db, "INSERT INTO taxii_sync (peer, "
	    "collection, direction, mark, mark_at, mark_seq, updated_at) "
	    "VALUES (:peer, :coll, :dir, :mark, :at, :seq, :now) ON CONFLICT "
	    "(peer, collection, direction) DO UPDATE SET mark = :mark, "
	    "mark_at = :at, mark_seq = :seq, updated_at = :now", np,
	    CCS_NNAMED(np), NULL, NULL);
}

/* The peer's collections the caller may read (@p write: write). */
static int
collections(CURL *h, const struct ccs_sync_opts *o, bool write,
    json_t **ids, struct ccs_fail *f)
{
	struct reply r;
	char url[1200];
	json_t *j = NULL, *c;
	size_t i;
	int rc;

	*ids = json_array();
	if (*ids == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	if (o->collection != NULL)
		return json_array_append_new(*ids, json_string(o->collection)) ?
		    ccs_fail(f, CCS_ENOMEM, "internal", "out of memory") :
		    CCS_OK;
	(void)ccs_snprintf(url, sizeof(url), "%scollections/", o->peer);
	rc = http(h, o, url, NULL, &r, f);
	if (rc == CCS_OK)
		rc = reply_json(&r, 200, url, &j, f);
	ccs_buf_free(&r.body);
	json_array_foreach(json_object_get(j, "collections"), i, c) {
		if (json_is_true(json_object_get(c, write ? "can_write" :
		    "can_read")) && ccs_jstr(c, "id") != NULL)
			(void)json_array_append_new(*ids,
			    json_string(ccs_jstr(c, "id")));
	}
	json_decref(j);
	return rc;
}

static int
import_page(struct ccs_db *db, const struct ccs_principal *p, json_t *objs,
    struct ccs_fail *f)
{
	struct ccs_errlist *errs = ccs_errlist_new(CCS_IX_MAX_ERRORS);
	struct ccs_ix_counts c;
	struct ccs_ix_opts o;
	char bid[96], *text = NULL;
	json_t *bundle = NULL;
	FILE *in = NULL;
	int64_t now = (int64_t)time(NULL);
	int rc;

	if (ccs_stix_new_id("bundle", bid, sizeof(bid)) == CCS_OK)
		bundle = json_pack("{s:s, s:s, s:O}", "type", "bundle", "id",
		    bid, "objects", objs);
	text = bundle ? json_dumps(bundle, JSON_COMPACT) : NULL;
	in = text ? fmemopen(text, strlen(text), "r") : NULL;
	if (in == NULL || errs == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	memset(&o, 0, sizeof(o));
	o.tlp = CCS_TLP_AMBER;
	o.partial = true;
	rc = ccs_ix_import_stix(db, p, in, &o, now, &c, errs, f);
	if (rc == CCS_OK)
		rc = ccs_taxii_publish(db, now, now * 1000000, NULL, NULL, f);
out:
	if (in != NULL)
		fclose(in);
	free(text);
	json_decref(bundle);
	ccs_errlist_free(errs);
	return rc;
}

static int
pull_one(CURL *h, struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_sync_opts *o, const char *coll,
    struct ccs_sync_counts *c, struct ccs_fail *f)
{
	char url[2400], *e_after = NULL, *e_next = NULL, mark[64] = "";
	json_t *row = NULL, *j = NULL, *objs;
	struct reply r;
	bool more = true;
	int rc;

	rc = mark_get(db, o->peer, coll, "pull", &row);
	if (rc == CCS_OK)
		(void)ccs_strlcpy(mark, ccs_jstr(row, "mark"), sizeof(mark));
	json_decref(row);
	if (rc != CCS_OK && rc != CCS_ENOTFOUND)
		return ccs_dbfail(f, db, rc);
	e_after = curl_easy_escape(h, mark, 0);
	if (e_after == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	while (more) {
		(void)ccs_snprintf(url, sizeof(url), "%scollections/%s/objects/"
		    "?limit=" PAGE "%s%s%s%s", o->peer, coll, mark[0] ?
		    "&added_after=" : "", mark[0] ? e_after : "", e_next ?
		    "&next=" : "", e_next ? e_next : "");
		curl_free(e_next);
		e_next = NULL;
		rc = http(h, o, url, NULL, &r, f);
		if (rc == CCS_OK)
			rc = reply_json(&r, 200, url, &j, f);
		if (rc != CCS_OK) {
			ccs_buf_free(&r.body);
			break;
		}
		more = json_is_true(json_object_get(j, "more"));
		objs = json_object_get(j, "objects");
		rc = ccs_db_begin(db, true);
		if (rc == CCS_OK && json_array_size(objs) > 0)
			rc = import_page(db, p, objs, f);
		if (rc == CCS_OK && r.last[0] != '\0')
			rc = mark_set(db, o->peer, coll, "pull", r.last, 0, 0);
		if (rc == CCS_OK)
			rc = ccs_db_commit(db);
		if (rc != CCS_OK) {
			ccs_db_rollback(db);
			if (f->code == NULL)
				(void)ccs_dbfail(f, db, rc);
		}
		ccs_buf_free(&r.body);
		c->pages++;
		c->pulled += json_array_size(objs);
		if (rc == CCS_OK && more && ccs_jstr(j, "next") != NULL) {
			e_next = curl_easy_escape(h, ccs_jstr(j, "next"), 0);
			if (e_next == NULL)
				rc = ccs_fail(f, CCS_ENOMEM, "internal", "out "
				    "of memory");
		} else if (rc == CCS_OK && more)
			rc = ccs_fail(f, CCS_EIO, "peer_bad_reply", "%s: more "
			    "without next", url);
		json_decref(j);
		j = NULL;
		if (o->log != NULL && rc == CCS_OK)
			fprintf(o->log, "pull %s: %zu objects so far\n", coll,
			    c->pulled);
		if (rc != CCS_OK)
			break;
	}
	curl_free(e_after);
	curl_free(e_next);
	return rc;
}

/* The next batch of shareable local objects after the push watermark. */
static int
push_batch(struct ccs_db *db, const char *peer, const char *coll,
    json_t **rows, struct ccs_fail *f)
{
	json_t *row = NULL;
	int64_t at = 0, seq = 0;
	int rc;

	*rows = NULL;
	rc = ccs_db_begin(db, false);
	if (rc == CCS_OK) {
		rc = mark_get(db, peer, coll, "push", &row);
		if (rc == CCS_OK) {
			at = json_integer_value(json_object_get(row,
			    "mark_at"));
			seq = json_integer_value(json_object_get(row,
			    "mark_seq"));
		}
		json_decref(row);
		if (rc == CCS_ENOTFOUND)
			rc = CCS_OK;
	}
	if (rc == CCS_OK) {
		const struct ccs_named np[] = {
			CCS_NAMED("at", CCS_VINT(at)),
			CCS_NAMED("seq", CCS_VINT(seq)),
			CCS_NAMED("n", CCS_VINT(PUSH_BATCH)),
		};

		rc = ccs_db_query_json_named(db, "SELECT o.id, o.created_at, "
		    "o.body, m.tlp FROM stix_objects o JOIN markings m ON m.id "
		    "= o.marking_id WHERE (o.created_at > :at OR (o.created_at "
		    "= :at AND o.id > :seq)) ORDER BY o.created_at, o.id "
		    "LIMIT :n", np, CCS_NNAMED(np), rows);
	}
	ccs_db_rollback(db);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

static int
push_one(CURL *h, struct ccs_db *db, const struct ccs_sync_opts *o,
    const char *coll, struct ccs_sync_counts *c, struct ccs_fail *f)
{
	char url[1400];
	json_t *rows = NULL, *row, *env = NULL, *objs, *obj, *st = NULL;
	enum ccs_tlp tlp, own;
	struct reply r;
	char *text;
	size_t i, n;
	int rc;

	(void)ccs_snprintf(url, sizeof(url), "%scollections/%s/objects/",
	    o->peer, coll);
	for (;;) {
		rc = push_batch(db, o->peer, coll, &rows, f);
		if (rc != CCS_OK || json_array_size(rows) == 0)
			break;
		objs = json_array();
		env = json_pack("{s:o}", "objects", objs);
		if (env == NULL) {
			rc = ccs_fail(f, CCS_ENOMEM, "internal",
			    "out of memory");
			break;
		}
		json_array_foreach(rows, i, row) {
			obj = json_loads(ccs_jstr(row, "body"), 0, NULL);
			/* the marking again, just before it leaves */
			if (obj == NULL || !ccs_tlp_parse(ccs_jstr(row, "tlp"),
			    &tlp) || tlp >= CCS_TLP_AMBER_STRICT ||
			    (ccs_ix_object_tlp(obj, &own) &&
			    own >= CCS_TLP_AMBER_STRICT)) {
				json_decref(obj);
				c->withheld++;
				continue;
			}
			(void)json_array_append_new(objs, obj);
		}
		n = json_array_size(objs);
		row = json_array_get(rows, json_array_size(rows) - 1);
		rc = CCS_OK;
		if (n > 0) {
			text = json_dumps(env, JSON_COMPACT);
			rc = text ? http(h, o, url, text, &r, f) : ccs_fail(f,
			    CCS_ENOMEM, "internal", "out of memory");
			free(text);
			if (rc == CCS_OK)
				rc = reply_json(&r, 202, url, &st, f);
			ccs_buf_free(&r.body);
			c->pushed += (size_t)json_integer_value(json_object_get(
			    st, "success_count"));
			c->failed += (size_t)json_integer_value(json_object_get(
			    st, "failure_count"));
			json_decref(st);
			st = NULL;
		}
		if (rc == CCS_OK)
			rc = ccs_db_begin(db, true);
		if (rc == CCS_OK)
			rc = mark_set(db, o->peer, coll, "push", "",
			    json_integer_value(json_object_get(row,
			    "created_at")), json_integer_value(json_object_get(
			    row, "id")));
		if (rc == CCS_OK)
			rc = ccs_db_commit(db);
		if (rc != CCS_OK) {
			ccs_db_rollback(db);
			if (f->code == NULL)
				(void)ccs_dbfail(f, db, rc);
		}
		json_decref(env);
		env = NULL;
		json_decref(rows);
		rows = NULL;
		if (rc != CCS_OK)
			break;
		if (o->log != NULL)
			fprintf(o->log, "push %s: %zu accepted so far\n", coll,
			    c->pushed);
	}
	json_decref(env);
	json_decref(rows);
	return rc;
}

int
ccs_taxii_sync(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_sync_opts *o, struct ccs_sync_counts *c,
    struct ccs_fail *f)
{
	json_t *ids = NULL;
	CURL *h;
	size_t i;
	int rc = CCS_OK;

	memset(c, 0, sizeof(*c));
	h = curl_easy_init();
	if (h == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "no HTTP client");
	if (o->pull) {
		rc = collections(h, o, false, &ids, f);
		for (i = 0; rc == CCS_OK && i < json_array_size(ids); i++)
			rc = pull_one(h, db, p, o, json_string_value(
			    json_array_get(ids, i)), c, f);
		json_decref(ids);
		ids = NULL;
	}
	if (rc == CCS_OK && o->push) {
		rc = collections(h, o, true, &ids, f);
		if (rc == CCS_OK && json_array_size(ids) == 0)
			rc = ccs_fail(f, CCS_EINVAL, "no_collection",
			    "the peer has no collection you may write to");
		if (rc == CCS_OK)
			rc = push_one(h, db, o, json_string_value(
			    json_array_get(ids, 0)), c, f);
		json_decref(ids);
	}
	curl_easy_cleanup(h);
	return rc;
}

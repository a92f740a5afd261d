/*
 * sync.c: the pull of `ccscap sync`, and the run (see sync.h).
 *
 * A pulled page is imported (ccs_ix_import_stix, partial, as the
 * operator, unmarked objects TLP:AMBER); each object the import stored,
 * or already held at that version, is filed in the local collections it
 * fits with the peer as its origin (filer.h), and the watermark moves to
 * the page's X-TAXII-Date-Added-Last, all in one transaction: a sync cut
 * at any point (the client killed, the peer dead) leaves the watermark
 * at the last page committed. The push is push.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "format/errlist.h"
#include "format/stix/stix_stream.h"
#include "svc/interchange/interchange.h"
#include "svc/svc.h"
#include "svc/taxii/filer.h"
#include "svc/taxii/peer.h"
#include "svc/taxii/push.h"
#include "svc/taxii/sync.h"
#include "svc/taxii/taxii.h"
#include "util/err.h"
#include "util/str.h"

#define PAGE	"1000"

static int
mark_get(struct ccs_db *db, const char *peer, const char *coll,
    char *mark, size_t len)
{
	const struct ccs_named np[] = {
		CCS_NAMED("peer", CCS_VTEXT(peer)),
		CCS_NAMED("coll", CCS_VTEXT(coll)),
	};
	json_t *row = NULL;
	int rc;

	mark[0] = '\0';
	rc = ccs_db_query_one_named(db, "SELECT mark FROM taxii_sync WHERE "
	    "peer = :peer AND collection = :coll AND direction = 'pull'", np,
	    CCS_NNAMED(np), &row);
	if (rc == CCS_OK)
		(void)ccs_strlcpy(mark, ccs_jstr(row, "mark") ?
		    ccs_jstr(row, "mark") : "", len);
	json_decref(row);
	return rc == CCS_ENOTFOUND ? CCS_OK : rc;
}

static int
mark_set(struct ccs_db *db, const char *peer, const char *coll,
    const char *mark)
{
	const struct ccs_named np[] = {
		CCS_NAMED("peer", CCS_VTEXT(peer)),
		CCS_NAMED("coll", CCS_VTEXT(coll)),
		CCS_NAMED("mark", CCS_VTEXT(mark)),
		CCS_NAMED("now", CCS_VINT((int64_t)time(NULL))),
	};

	return ccs_db_exec_named(db, "INSERT INTO taxii_sync (peer, "
	    "collection, direction, mark, updated_at) VALUES (:peer, :coll, "
	    "'pull', :mark, :now) ON CONFLICT (peer, collection, direction) "
	    "DO UPDATE SET mark = :mark, updated_at = :now", np,
	    CCS_NNAMED(np), NULL, NULL);
}

/* The peer's collections the caller may read (@p write: write). */
static int
collections(struct ccs_peer *pe, bool write, json_t **ids,
    struct ccs_fail *f)
{
	char url[1200];
	json_t *j = NULL, *c;
	size_t i;
	int rc;

	*ids = json_array();
	if (*ids == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	if (pe->o->collection != NULL)
		return json_array_append_new(*ids, json_string(
		    pe->o->collection)) ? ccs_fail(f, CCS_ENOMEM, "internal",
		    "out of memory") : CCS_OK;
	ccs_peer_step(pe, "listing its collections");
	(void)ccs_snprintf(url, sizeof(url), "%scollections/", pe->o->peer);
	rc = ccs_peer_get(pe, url, 200, &j, f);
	json_array_foreach(json_object_get(j, "collections"), i, c) {
		if (json_is_true(json_object_get(c, write ? "can_write" :
		    "can_read")) && ccs_jstr(c, "id") != NULL)
			(void)json_array_append_new(*ids,
			    json_string(ccs_jstr(c, "id")));
	}
	json_decref(j);
	return rc;
}

struct hook {
	struct ccs_taxii_filer	*fl;
	struct ccs_fail		*f;
};

/* on_stored: files each object of the page with the peer as origin. */
static int
on_stored(void *arg, size_t index, const json_t *obj, const char *text,
    size_t len, int64_t marking_id, bool skipped)
{
	struct hook *k = arg;

	(void)index;
	(void)skipped;
	return ccs_taxii_filer_add(k->fl, obj, text, len, marking_id, NULL,
	    k->f);
}

static int
import_page(struct ccs_db *db, const struct ccs_principal *p,
    const char *peer, json_t *objs, struct ccs_fail *f)
{
	struct ccs_errlist *errs = ccs_errlist_new(CCS_IX_MAX_ERRORS);
	struct ccs_taxii_filer *fl = NULL;
	struct hook k;
	struct ccs_ix_counts c;
	struct ccs_ix_opts o;
	char bid[96], *text = NULL;
	json_t *bundle = NULL;
	FILE *in = NULL;
	int64_t now = (int64_t)time(NULL);
	struct timespec ts;
	int rc;

	(void)clock_gettime(CLOCK_REALTIME, &ts);
	if (ccs_stix_new_id("bundle", bid, sizeof(bid)) == CCS_OK)
		bundle = json_pack("{s:s, s:s, s:O}", "type", "bundle", "id",
		    bid, "objects", objs);
	text = bundle ? json_dumps(bundle, JSON_COMPACT) : NULL;
	in = text ? fmemopen(text, strlen(text), "r") : NULL;
	if (in == NULL || errs == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	rc = ccs_taxii_filer_new(db, peer, (int64_t)ts.tv_sec * 1000000 +
	    ts.tv_nsec / 1000, &fl, f);
	if (rc != CCS_OK)
		goto out;
	memset(&o, 0, sizeof(o));
	o.tlp = CCS_TLP_AMBER;
	o.partial = true;
	o.on_stored = on_stored;
	k.fl = fl;
	k.f = f;
	o.stored_arg = &k;
	rc = ccs_ix_import_stix(db, p, in, &o, now, &c, errs, f);
out:
	ccs_taxii_filer_free(fl);
	if (in != NULL)
		fclose(in);
	free(text);
	json_decref(bundle);
	ccs_errlist_free(errs);
	return rc;
}

/* One page: imported, filed, its watermark set, in one transaction. */
static int
store_page(struct ccs_db *db, const struct ccs_principal *p,
    const char *peer, const char *coll, json_t *objs, const char *last,
    struct ccs_fail *f)
{
	int rc;

	rc = ccs_db_begin(db, true);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (json_array_size(objs) > 0)
		rc = import_page(db, p, peer, objs, f);
	if (rc == CCS_OK && last[0] != '\0') {
		rc = mark_set(db, peer, coll, last);
		if (rc != CCS_OK)
			rc = ccs_dbfail(f, db, rc);
	}
	if (rc == CCS_OK) {
		rc = ccs_db_commit(db);
		if (rc != CCS_OK)
			rc = ccs_dbfail(f, db, rc);
	}
	if (rc != CCS_OK) {
		ccs_db_rollback(db);
		if (f->code == NULL)
			(void)ccs_dbfail(f, db, rc);
	}
	return rc;
}

static int
pull_one(struct ccs_peer *pe, struct ccs_db *db,
    const struct ccs_principal *p, const char *coll,
    struct ccs_sync_counts *c, struct ccs_fail *f)
{
	const struct ccs_sync_opts *o = pe->o;
	char url[2400], *e_after = NULL, *e_next = NULL, mark[64];
	json_t *j = NULL, *objs;
	struct ccs_peer_reply r;
	bool more = true;
	size_t page = 0;
	int rc;

	rc = mark_get(db, o->peer, coll, mark, sizeof(mark));
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	e_after = curl_easy_escape(pe->h, mark, 0);
	if (e_after == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	while (more) {
		ccs_peer_step(pe, "pull of collection %s, page %zu after %s",
		    coll, ++page, mark[0] ? mark : "the start");
		(void)ccs_snprintf(url, sizeof(url), "%scollections/%s/objects/"
		    "?limit=" PAGE "%s%s%s%s", o->peer, coll, mark[0] ?
		    "&added_after=" : "", mark[0] ? e_after : "", e_next ?
		    "&next=" : "", e_next ? e_next : "");
		curl_free(e_next);
		e_next = NULL;
		rc = ccs_peer_http(pe, url, NULL, &r, f);
		if (rc == CCS_OK)
			rc = ccs_peer_json(pe, &r, 200, &j, f);
		if (rc != CCS_OK) {
			ccs_buf_free(&r.body);
			break;
		}
		more = json_is_true(json_object_get(j, "more"));
		objs = json_object_get(j, "objects");
		rc = store_page(db, p, o->peer, coll, objs, r.last, f);
		ccs_buf_free(&r.body);
		c->pages++;
		c->pulled += rc == CCS_OK ? json_array_size(objs) : 0;
		if (rc == CCS_OK && more && ccs_jstr(j, "next") != NULL) {
			e_next = curl_easy_escape(pe->h, ccs_jstr(j, "next"),
			    0);
			if (e_next == NULL)
				rc = ccs_fail(f, CCS_ENOMEM, "internal", "out "
				    "of memory");
		} else if (rc == CCS_OK && more)
			rc = ccs_fail(f, CCS_EIO, "peer_bad_reply", "peer %s: "
			    "%s: more without next", o->peer, pe->step);
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

int
ccs_taxii_sync(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_sync_opts *o, struct ccs_sync_counts *c,
    struct ccs_fail *f)
{
	struct ccs_peer pe;
	json_t *ids = NULL;
	size_t i;
	int rc = CCS_OK;

	memset(c, 0, sizeof(*c));
	memset(&pe, 0, sizeof(pe));
	pe.o = o;
	pe.h = curl_easy_init();
	if (pe.h == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "no HTTP client");
	if (o->pull) {
		rc = collections(&pe, false, &ids, f);
		for (i = 0; rc == CCS_OK && i < json_array_size(ids); i++)
			rc = pull_one(&pe, db, p, json_string_value(
			    json_array_get(ids, i)), c, f);
		json_decref(ids);
		ids = NULL;
	}
	if (rc == CCS_OK && o->push) {
		rc = collections(&pe, true, &ids, f);
		if (rc == CCS_OK && json_array_size(ids) == 0)
			rc = ccs_fail(f, CCS_EINVAL, "no_collection",
			    "the peer has no collection you may write to");
		if (rc == CCS_OK)
			rc = ccs_taxii_push(&pe, db, json_string_value(
			    json_array_get(ids, 0)), c, f);
		json_decref(ids);
	}
	curl_easy_cleanup(pe.h);
	return rc;
}

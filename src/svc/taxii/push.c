/*
 * push.c: `ccscap sync --push` sends what this node filed in its own
 * TAXII collections: the STIX it imported or was posted and the
 * incidents and indicators made through its forms and API (records.c
 * files them as they are written), never an entry a pull brought in
 * (origin set). Each source collection is walked by date_added after its
 * watermark in taxii_push, which is commit order on both backends (the
 * collection row serialises its writers), in batches of PUSH_BATCH.
 *
 * Just before a batch leaves, each entry's marking is checked again: the
 * stored TLP and the object's own object_marking_refs; TLP:RED and
 * AMBER+STRICT stay home (counted as withheld). An object whose own
 * markings say less than the stored TLP leaves carrying the stored TLP's
 * marking, so the peer cannot file it lower. The batch is POSTed, its
 * status polled until it is complete, and only then is the watermark
 * committed: a push cut anywhere sends the batch again, which a TAXII
 * server takes as the versions it already holds (no duplicate).
 *
 * Without --from, the sources are the local collections of the API root
 * named as the peer's (caricom-rcc to caricom-rcc); an object filed in
 * several of them is sent by the first (by id) only.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "format/stix/stix_check.h"
#include "svc/interchange/interchange.h"
#include "svc/svc.h"
#include "svc/taxii/push.h"
#include "svc/taxii/taxii.h"
#include "util/err.h"
#include "util/str.h"

#define PUSH_BATCH	200
#define POLL_MAX	600	/* status polls of a batch (about 40 min) */

/* The API root name of peer URL @p peer ("…/taxii2/NAME/") into @p out. */
static void
root_of(const char *peer, char *out, size_t len)
{
	size_t n = strlen(peer), s;

	while (n > 0 && peer[n - 1] == '/')
		n--;
	s = n;
	while (s > 0 && peer[s - 1] != '/')
		s--;
	(void)ccs_snprintf(out, len, "%.*s", (int)(n - s), peer + s);
}

static int
sources(struct ccs_db *db, const struct ccs_sync_opts *o, char *root,
    size_t len, json_t **ids, struct ccs_fail *f)
{
	struct ccs_val v;
	int rc;

	root_of(o->peer, root, len);
	v = CCS_VTEXT(o->from ? o->from : root);
	rc = ccs_db_begin(db, false);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, o->from ? "SELECT id FROM "
		    "taxii_collections WHERE id = $1" : "SELECT id FROM "
		    "taxii_collections WHERE root = $1 ORDER BY id", &v, 1,
		    ids);
	ccs_db_rollback(db);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (json_array_size(*ids) > 0)
		return CCS_OK;
	json_decref(*ids);
	*ids = NULL;
	if (o->from != NULL)
		return ccs_fail(f, CCS_EINVAL, "no_source", "--from: this node "
		    "has no collection '%s'", o->from);
	return ccs_fail(f, CCS_EINVAL, "no_source", "this node has no "
	    "collection in API root '%s' to push from; name one with --from",
	    root);
}

/* The next batch of source @p src after its watermark (*@p mark). */
static int
batch(struct ccs_db *db, const struct ccs_sync_opts *o, const char *remote,
    const char *src, const char *root, int64_t *mark, json_t **rows,
    struct ccs_fail *f)
{
	const struct ccs_named np[] = {
		CCS_NAMED("peer", CCS_VTEXT(o->peer)),
		CCS_NAMED("coll", CCS_VTEXT(remote)),
		CCS_NAMED("src", CCS_VTEXT(src)),
	};
	int64_t at = 0;
	int rc;

	*rows = NULL;
	rc = ccs_db_begin(db, false);
	if (rc == CCS_OK) {
		rc = ccs_db_query_int_named(db, "SELECT date_added FROM "
		    "taxii_push WHERE peer = :peer AND collection = :coll AND "
		    "source = :src", np, CCS_NNAMED(np), &at);
		if (rc == CCS_ENOTFOUND)
			rc = CCS_OK;
	}
	if (rc == CCS_OK) {
		const struct ccs_named nq[] = {
			CCS_NAMED("src", CCS_VTEXT(src)),
			CCS_NAMED("at", CCS_VINT(at)),
			CCS_NAMED("n", CCS_VINT(PUSH_BATCH)),
			/* used without --from only */
			CCS_NAMED("root", CCS_VTEXT(root)),
		};

		/* without --from an object is sent by the first source
		 * (by id) of the root holding that version as its own */
		rc = ccs_db_query_json_named(db, o->from ? "SELECT "
		    "e.date_added, e.body, m.tlp FROM taxii_entries e JOIN "
		    "markings m ON m.id = e.marking_id WHERE e.collection_id "
		    "= :src AND e.date_added > :at AND e.origin IS NULL ORDER "
		    "BY e.date_added LIMIT :n" : "SELECT e.date_added, "
		    "e.body, m.tlp FROM taxii_entries e JOIN markings m ON "
		    "m.id = e.marking_id WHERE e.collection_id = :src AND "
		    "e.date_added > :at AND e.origin IS NULL AND NOT EXISTS "
		    "(SELECT 1 FROM taxii_entries x JOIN taxii_collections k "
		    "ON k.id = x.collection_id WHERE k.root = :root AND "
		    "x.collection_id < :src AND x.stix_id = e.stix_id AND "
		    "x.version = e.version AND x.origin IS NULL) ORDER BY "
		    "e.date_added LIMIT :n", nq, CCS_NNAMED(nq) - (o->from ?
		    1 : 0), rows);
	}
	ccs_db_rollback(db);
	*mark = at;
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

/*
 * The object of @p row as it may leave, or NULL when its marking keeps
 * it home: TLP:RED or AMBER+STRICT stored or in its own markings. Its
 * own markings saying less than the stored TLP, it carries the stored
 * TLP's marking too. New.
 */
static json_t *
leaving(const json_t *row)
{
	enum ccs_tlp tlp, own;
	json_t *obj, *refs;
	bool has_own;

	if (!ccs_tlp_parse(ccs_jstr(row, "tlp"), &tlp) ||
	    tlp >= CCS_TLP_AMBER_STRICT)
		return NULL;
	obj = json_loads(ccs_jstr(row, "body"), 0, NULL);
	if (obj == NULL)
		return NULL;
	has_own = ccs_ix_object_tlp(obj, &own);
	if (has_own && own >= CCS_TLP_AMBER_STRICT) {
		json_decref(obj);
		return NULL;
	}
	if (has_own && own >= tlp)
		return obj;
	refs = json_object_get(obj, "object_marking_refs");
	if (!json_is_array(refs)) {
		refs = json_array();
		if (json_object_set_new(obj, "object_marking_refs", refs) !=
		    0)
			refs = NULL;
	}
	if (refs == NULL || json_array_append_new(refs, json_string(
	    ccs_stix_tlp_marking_id(tlp))) != 0) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

/* POSTs @p env and polls its status until complete; counts it. */
static int
post_batch(struct ccs_peer *pe, const char *remote, json_t *env,
    struct ccs_sync_counts *c, struct ccs_fail *f)
{
	struct ccs_peer_reply r;
	char url[1400], *text;
	json_t *st = NULL, *e;
	unsigned polls = 0;
	size_t i;
	int rc;

	(void)ccs_snprintf(url, sizeof(url), "%scollections/%s/objects/",
	    pe->o->peer, remote);
	text = json_dumps(env, JSON_COMPACT);
	if (text == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	rc = ccs_peer_http(pe, url, text, &r, f);
	free(text);
	if (rc == CCS_OK)
		rc = ccs_peer_json(pe, &r, 202, &st, f);
	ccs_buf_free(&r.body);
	while (rc == CCS_OK && !ccs_streq(ccs_jstr(st, "status"),
	    "complete")) {
		if (ccs_jstr(st, "id") == NULL || ++polls > POLL_MAX) {
			rc = ccs_fail(f, CCS_EIO, "peer_bad_reply", "peer %s: "
			    "%s: the status never completed", pe->o->peer,
			    pe->step);
			break;
		}
		(void)ccs_snprintf(url, sizeof(url), "%sstatus/%s/",
		    pe->o->peer, ccs_jstr(st, "id"));
		json_decref(st);
		st = NULL;
		(void)sleep(polls < 5 ? 1 : 5);
		rc = ccs_peer_get(pe, url, 200, &st, f);
	}
	if (rc == CCS_OK) {
		c->pushed += (size_t)json_integer_value(json_object_get(st,
		    "success_count"));
		c->failed += (size_t)json_integer_value(json_object_get(st,
		    "failure_count"));
		json_array_foreach(json_object_get(st, "failures"), i, e) {
			if (pe->o->log != NULL && i < 10)
				fprintf(pe->o->log, "push %s: the peer "
				    "refused %s: %s\n", remote, ccs_jstr(e,
				    "id") ? ccs_jstr(e, "id") : "an object",
				    ccs_jstr(e, "message") ? ccs_jstr(e,
				    "message") : "");
		}
	}
	json_decref(st);
	return rc;
}

static int
mark_set(struct ccs_db *db, const char *peer, const char *remote,
    const char *src, int64_t at, struct ccs_fail *f)
{
	const struct ccs_named np[] = {
		CCS_NAMED("peer", CCS_VTEXT(peer)),
		CCS_NAMED("coll", CCS_VTEXT(remote)),
		CCS_NAMED("src", CCS_VTEXT(src)),
		CCS_NAMED("at", CCS_VINT(at)),
		CCS_NAMED("now", CCS_VINT((int64_t)time(NULL))),
	};
	int rc;

	rc = ccs_db_begin(db, true);
	if (rc == CCS_OK)
		rc = ccs_db_exec_named(db, "INSERT INTO taxii_push (peer, "
		    "collection, source, date_added, updated_at) VALUES "
		    "(:peer, :coll, :src, :at, :now) ON CONFLICT (peer, "
		    "collection, source) DO UPDATE SET date_added = :at, "
		    "updated_at = :now",
		    np, CCS_NNAMED(np), NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_commit(db);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		ccs_db_rollback(db);
	}
	return rc;
}

static int
push_source(struct ccs_peer *pe, struct ccs_db *db, const char *remote,
    const char *src, const char *root, struct ccs_sync_counts *c,
    struct ccs_fail *f)
{
	json_t *rows = NULL, *row, *env, *objs, *obj;
	int64_t mark = 0, last;
	size_t i, sent = 0;
	int rc;

	for (;;) {
		rc = batch(db, pe->o, remote, src, root, &mark, &rows, f);
		if (rc != CCS_OK || json_array_size(rows) == 0)
			break;
		ccs_peer_step(pe, "push to collection %s from local %s, %zu "
		    "sent before", remote, src, sent);
		objs = json_array();
		env = json_pack("{s:o}", "objects", objs);
		if (env == NULL) {
			rc = ccs_fail(f, CCS_ENOMEM, "internal",
			    "out of memory");
			break;
		}
		json_array_foreach(rows, i, row) {
			obj = leaving(row);
			if (obj == NULL) {
				c->withheld++;
				continue;
			}
			(void)json_array_append_new(objs, obj);
		}
		last = json_integer_value(json_object_get(json_array_get(rows,
		    json_array_size(rows) - 1), "date_added"));
		sent += json_array_size(objs);
		rc = CCS_OK;
		if (json_array_size(objs) > 0)
			rc = post_batch(pe, remote, env, c, f);
		json_decref(env);
		json_decref(rows);
		rows = NULL;
		if (rc == CCS_OK && last > mark)
			rc = mark_set(db, pe->o->peer, remote, src, last, f);
		if (rc != CCS_OK)
			break;
		if (pe->o->log != NULL)
			fprintf(pe->o->log, "push %s: %zu accepted so far\n",
			    remote, c->pushed);
	}
	json_decref(rows);
	return rc;
}

int
ccs_taxii_push(struct ccs_peer *pe, struct ccs_db *db, const char *remote,
    struct ccs_sync_counts *c, struct ccs_fail *f)
{
	json_t *ids = NULL;
	char root[64];
	size_t i;
	int rc;

	rc = sources(db, pe->o, root, sizeof(root), &ids, f);
	for (i = 0; rc == CCS_OK && i < json_array_size(ids); i++)
		rc = push_source(pe, db, remote, ccs_jstr(json_array_get(ids,
		    i), "id"), root, c, f);
	json_decref(ids);
	return rc;
}

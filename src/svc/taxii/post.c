/*
 * post.c: POST to a collection's objects, and status resources.
 *
 * The envelope's objects go through the one STIX import
 * (ccs_ix_import_stix, partial: each invalid object is a failure of the
 * status, the rest are stored, checked, correlated and routed as any
 * import), inside the request's transaction. Objects marked above the
 * collection's TLP are refused before the import. Each object the import
 * stores, or already holds at that version, is filed in the collection;
 * then ccs_taxii_publish files what was stored into the other
 * collections its marking fits. The request is processed before the
 * reply, so the status is "complete" at once; it is kept
 * CCS_TAXII_STATUS_KEEP seconds (at least the 24 hours TAXII asks).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/errlist.h"
#include "format/stix/stix_stream.h"
#include "svc/interchange/interchange.h"
#include "svc/svc.h"
#include "svc/taxii/taxii.h"
#include "util/err.h"
#include "util/str.h"

struct post {
	struct ccs_db			*db;
	const struct ccs_taxii_coll	*c;
	int64_t				 now_us;
	bool				*ok;	/* per bundle index */
	size_t				 n;	/* bundle objects */
	struct ccs_fail			*f;
};

static int
on_stored(void *arg, size_t index, const json_t *obj, const char *text,
    size_t len, int64_t marking_id, bool skipped)
{
	struct post *ps = arg;

	(void)skipped;
	if (index < ps->n)
		ps->ok[index] = true;
	return ccs_taxii_file(ps->db, ps->c->id, obj, text, len, marking_id,
	    NULL, ps->now_us, NULL, ps->f);
}

/* The first error the import listed for objects[@p k] into @p out
 * ("property: message"); false if none. */
static bool
error_of(const struct ccs_errlist *errs, size_t k, char *out, size_t len)
{
	const char *path;
	char want[32];
	size_t i, n;

	(void)ccs_snprintf(want, sizeof(want), "objects[%zu]", k);
	n = strlen(want);
	for (i = 0; i < ccs_errlist_count(errs); i++) {
		path = ccs_errlist_path(errs, i);
		if (strncmp(path, want, n) != 0 || (path[n] != '\0' &&
		    path[n] != '.' && path[n] != '['))
			continue;
		path += n + (path[n] == '.');
		(void)ccs_snprintf(out, len, "%s%s%s", path, path[0] ? ": " :
		    "", ccs_errlist_message(errs, i));
		return true;
	}
	return false;
}

static json_t *
entry(const json_t *obj, const char *message)
{
	const char *ver = ccs_jstr(obj, "modified");
	json_t *e;

	if (ver == NULL)
		ver = ccs_jstr(obj, "created");
	e = json_pack("{s:s?, s:s?, s:s?}", "id", ccs_jstr(obj, "id"),
	    "version", ver, "message", message);
	return e;
}

/* Parses the envelope; *@p objs borrowed from *@p env. */
static int
envelope(const char *body, size_t len, json_t **env, json_t **objs,
    struct ccs_fail *f)
{
	json_error_t je;

	*env = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
	if (*env == NULL)
		return ccs_fail(f, CCS_EINVAL, "invalid_json", "malformed JSON "
		    "at line %d, column %d: %.100s", je.line, je.column,
		    je.text);
	*objs = json_object_get(*env, "objects");
	if (!json_is_object(*env) || !json_is_array(*objs))
		return ccs_fail(f, CCS_EINVAL, "invalid_envelope", "the body "
		    "must be a TAXII envelope: an object with an \"objects\" "
		    "list");
	return CCS_OK;
}

static int
store_status(struct ccs_db *db, const struct ccs_principal *p,
    const char *root, const json_t *st, int64_t now, struct ccs_fail *f)
{
	char *text = json_dumps(st, JSON_COMPACT);
	struct ccs_val v[5];
	int rc;

	if (text == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	v[0] = CCS_VINT(now - CCS_TAXII_STATUS_KEEP);
	rc = ccs_db_exec(db, "DELETE FROM taxii_status WHERE created_at < $1",
	    v, 1, NULL, NULL);
	v[0] = CCS_VTEXT(ccs_jstr(st, "id"));
	v[1] = CCS_VTEXT(root);
	v[2] = p->user_id > 0 ? CCS_VINT(p->user_id) : CCS_VNULL;
	v[3] = CCS_VINT(now);
	v[4] = CCS_VTEXT(text);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "INSERT INTO taxii_status (id, root, "
		    "user_id, created_at, body) VALUES ($1, $2, $3, $4, $5)", v,
		    5, NULL, NULL);
	free(text);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

/* Splits the envelope into the bundle to import and the refusals. */
static int
sort_objects(const struct ccs_taxii_coll *c, const json_t *objs,
    json_t *bundle_objs, size_t *map, json_t *failures)
{
	const json_t *o;
	enum ccs_tlp tlp;
	char msg[128];
	size_t i, n = 0;

	json_array_foreach(objs, i, o) {
		if (!json_is_object(o)) {
			if (json_array_append_new(failures, json_pack(
			    "{s:s}", "message", "not a STIX object")) != 0)
				return CCS_ENOMEM;
			continue;
		}
		if (ccs_ix_object_tlp(o, &tlp) && tlp > c->tlp_max) {
			(void)ccs_snprintf(msg, sizeof(msg), "marked TLP:%s; "
			    "this collection holds at most TLP:%s",
			    ccs_tlp_name(tlp), ccs_tlp_name(c->tlp_max));
			if (json_array_append_new(failures, entry(o, msg)) !=
			    0)
				return CCS_ENOMEM;
			continue;
		}
		if (json_array_append(bundle_objs, (json_t *)o) != 0)
			return CCS_ENOMEM;
		map[n++] = i;
	}
	return CCS_OK;
}

static int
import(struct post *ps, const struct ccs_principal *p, json_t *bundle,
    int64_t now, struct ccs_errlist *errs)
{
	struct ccs_ix_counts counts;
	struct ccs_ix_opts o;
	char *text = NULL;
	FILE *in = NULL;
	int rc;

	text = json_dumps(bundle, JSON_COMPACT);
	in = text ? fmemopen(text, strlen(text), "r") : NULL;
	if (in == NULL) {
		free(text);
		return ccs_fail(ps->f, CCS_ENOMEM, "internal", "out of memory");
	}
	memset(&o, 0, sizeof(o));
	o.tlp = ps->c->tlp_max;
	o.partial = true;
	o.max_object = CCS_TAXII_MAX_CONTENT;
	o.on_stored = on_stored;
	o.stored_arg = ps;
	rc = ccs_ix_import_stix(ps->db, p, in, &o, now, &counts, errs, ps->f);
	fclose(in);
	free(text);
	return rc;
}

int
ccs_taxii_add(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_taxii_coll *c, const char *body, size_t len,
    int64_t now, int64_t now_us, json_t **status, struct ccs_fail *f)
{
	struct ccs_errlist *errs = NULL;
	json_t *env = NULL, *objs, *bundle = NULL, *succ = NULL, *fail = NULL;
	json_t *st = NULL, *bobjs, *ev;
	char bid[96], sid[96], ts[CCS_TAXII_TS_LEN];
	size_t *map = NULL, i, total;
	struct post ps;
	int rc;

	*status = NULL;
	memset(&ps, 0, sizeof(ps));
	rc = envelope(body, len, &env, &objs, f);
	if (rc != CCS_OK)
		goto out;
	total = json_array_size(objs);
	succ = json_array();
	fail = json_array();
	bobjs = json_array();
	map = calloc(total + 1, sizeof(*map));
	ps.ok = calloc(total + 1, sizeof(*ps.ok));
	errs = ccs_errlist_new(CCS_IX_MAX_ERRORS);
	if (ccs_stix_new_id("bundle", bid, sizeof(bid)) != CCS_OK ||
	    ccs_stix_new_id("bundle", sid, sizeof(sid)) != CCS_OK) {
		json_decref(bobjs);
		rc = ccs_fail(f, CCS_EIO, "internal", "no random id");
		goto out;
	}
	bundle = bobjs ? json_pack("{s:s, s:s, s:o}", "type", "bundle", "id",
	    bid, "objects", bobjs) : NULL;
	if (succ == NULL || fail == NULL || bundle == NULL || map == NULL ||
	    ps.ok == NULL || errs == NULL || sort_objects(c, objs, bobjs, map,
	    fail) != CCS_OK) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	ps.db = db;
	ps.c = c;
	ps.now_us = now_us;
	ps.n = json_array_size(bobjs);
	ps.f = f;
	rc = import(&ps, p, bundle, now, errs);
	if (rc == CCS_OK)
		rc = ccs_taxii_publish(db, now, now_us, NULL, NULL, f);
	if (rc != CCS_OK)
		goto out;
	for (i = 0; i < ps.n; i++) {
		json_t *o = json_array_get(bobjs, i);
		char msg[320];

		if (!ps.ok[i] && !error_of(errs, i, msg, sizeof(msg)))
			(void)ccs_strlcpy(msg, "the object was not stored",
			    sizeof(msg));
		if (json_array_append_new(ps.ok[i] ? succ : fail, entry(o,
		    ps.ok[i] ? NULL : msg)) != 0) {
			rc = ccs_fail(f, CCS_ENOMEM, "internal",
			    "out of memory");
			goto out;
		}
	}
	ccs_taxii_ts_format(now_us, ts);
	st = json_pack("{s:s, s:s, s:s, s:I, s:I, s:O, s:I, s:O, s:i, s:[]}",
	    "id", sid + 8, "status", "complete", "request_timestamp", ts,
	    "total_count", (json_int_t)total, "success_count",
	    (json_int_t)json_array_size(succ), "successes", succ,
	    "failure_count", (json_int_t)json_array_size(fail), "failures",
	    fail, "pending_count", 0, "pendings");
	if (st == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	rc = store_status(db, p, c->root, st, now, f);
	if (rc != CCS_OK)
		goto out;
	ev = json_pack("{s:s, s:I, s:I}", "status", sid + 8, "successes",
	    (json_int_t)json_array_size(succ), "failures",
	    (json_int_t)json_array_size(fail));
	rc = ev ? ccs_audit_recordf(db, p, "taxii.add", "taxii_collection", ev,
	    now, "%s", c->id) : CCS_ENOMEM;
	json_decref(ev);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	*status = st;
	st = NULL;
out:
	json_decref(st);
	json_decref(succ);
	json_decref(fail);
	json_decref(bundle);
	json_decref(env);
	ccs_errlist_free(errs);
	free(map);
	free(ps.ok);
	return rc;
}

int
ccs_taxii_status_get(struct ccs_db *db, const struct ccs_principal *p,
    const char *root, const char *id, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	const struct ccs_named np[] = {
		CCS_NAMED("id", CCS_VTEXT(id)),
		CCS_NAMED("root", CCS_VTEXT(root)),
		CCS_NAMED("uid", CCS_VINT(p->user_id)),
		CCS_NAMED("old", CCS_VINT(now - CCS_TAXII_STATUS_KEEP)),
	};
	json_t *row = NULL;
	int rc;

	*out = NULL;
	rc = ccs_db_query_one_named(db, "SELECT body FROM taxii_status WHERE "
	    "id = :id AND root = :root AND user_id = :uid AND created_at >= "
	    ":old", np, CCS_NNAMED(np), &row);
	if (rc == CCS_ENOTFOUND || p->user_id <= 0) {
		json_decref(row);
		return ccs_fail(f, CCS_ENOTFOUND, "status_not_found", "no "
		    "status '%s' of yours in this API root", id);
	}
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	*out = json_loads(ccs_jstr(row, "body"), 0, NULL);
	json_decref(row);
	if (*out == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

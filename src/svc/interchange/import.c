/*
 * import.c: STIX 2.1, MISP and indicator CSV imports (export.c writes STIX).
 *
 * Import: the format layer (format/stix_stream, stix_check, stix_pattern,
 * misp, ind_csv) reads and checks; this file maps each good object onto
 * the store's model with the same service calls a reporter's request
 * makes (ccs_ind_sight: value, keys, sighting, routing, so correlation is
 * automatic; ccs_incident_import), all inside the caller's transaction. A
 * STIX bundle is never held whole: objects are stored as they arrive, and
 * since the transaction only commits when the whole bundle was read and
 * valid, "provisional until the end" costs nothing. Once an error is
 * found in an all-or-nothing import, the rest of the bundle is only
 * checked, not stored, so every error is still reported.
 *
 * Each imported record gets a marking of its own TLP level (one marking
 * per level per import, ccs_marking_create_import), with the import's
 * state as source state. Sighting SROs are resolved at the end of the
 * bundle (their indicator may come later) against the bundle, then the
 * store (sightings.stix_id).
 *
 * Non-goals: STIX relationships between ccscap records (they travel as
 * pass-through objects), granular markings, TLP:RED imports with named
 * recipients (an imported RED record is readable by nobody but the
 * coordinator's full export; use AMBER+STRICT or the API).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "core/indicator/indicator.h"
#include "core/validate.h"
#include "format/ind_csv.h"
#include "format/misp.h"
#include "format/stix/stix_check.h"
#include "format/stix/stix_pattern.h"
#include "format/stix/stix_stream.h"
#include "svc/platform/audit.h"
#include "svc/sharing/incidents.h"
#include "svc/sharing/indicators.h"
#include "svc/interchange/interchange.h"
#include "svc/sharing/marking.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#define PATH_MAX_LEN	96

struct ix {
	struct ccs_db			*db;		/* open transaction */
	const struct ccs_principal	*p;		/* importer */
	const struct ccs_ix_opts	*o;		/* options */
	const char			*state;		/* source state or NULL */
	const char			*source;	/* stix, misp, csv */
	int64_t				 now;		/* request time */
	int64_t				 mid[CCS_TLP_NLEVELS];	/* 0: none yet */
	bool				 used[CCS_TLP_NLEVELS];	/* marks a row */
	struct ccs_ix_counts		*c;		/* counts */
	struct ccs_errlist		*errs;		/* problems */
	struct ccs_fail			*f;		/* fatal failure */
	bool				 failed;	/* stop storing */
	json_t				*inds;		/* indicator id -> terms */
	json_t				*pending;	/* sighting SROs */
	uint64_t			 bytes;		/* read so far */
	int64_t				 incident;	/* MISP: current event */
	bool				 event_bad;	/* MISP: event not stored */
};

/* --- shared ------------------------------------------------------------- */

/* A fatal error (store, memory): stops the import whatever the mode. */
static bool
fatal(int rc, const struct ccs_fail *f)
{
	return rc == CCS_EDB || rc == CCS_ENOMEM || rc == CCS_EBUSY ||
	    rc == CCS_EIO || rc == CCS_ECORRUPT || f->code == NULL ||
	    strcmp(f->code, "internal") == 0;
}

static int
marking_of(struct ix *ix, enum ccs_tlp tlp, int64_t *mid)
{
	int rc;

	if ((unsigned)tlp >= CCS_TLP_NLEVELS)
		tlp = CCS_TLP_RED;
	if (ix->mid[tlp] == 0) {
		rc = ccs_marking_create_import(ix->db, tlp, ix->state, NULL,
		    ix->now, &ix->mid[tlp]);
		if (rc != CCS_OK)
			return ccs_dbfail(ix->f, ix->db, rc);
	}
	*mid = ix->mid[tlp];
	return CCS_OK;
}

/* Records an object-level problem; fatal only for store errors. */
static int
object_error(struct ix *ix, const char *path, int rc, const char *msg)
{
	if (rc == CCS_ENOMEM || ccs_errlist_add(ix->errs, path, "%s", msg) !=
	    CCS_OK)
		return ccs_fail(ix->f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

/* Stores one value; a value the store refuses is an error of @p path. */
static int
sight(struct ix *ix, const char *path, enum ccs_tlp tlp, const char *type,
    const char *value, int64_t seen, const char *note, const char *stix_id,
    int64_t incident, bool *bad)
{
	struct ccs_fail sf = { 0, NULL, "" };
	struct ccs_sighting_out so;
	struct ccs_sighting_in in;
	int64_t mid = 0;
	int rc;

	rc = marking_of(ix, tlp, &mid);
	if (rc != CCS_OK)
		return rc;
	memset(&in, 0, sizeof(in));
	in.type = type;
	in.value = value;
	in.seen_at = seen;
	in.note = note;
	in.source = ix->source;
	in.stix_id = stix_id;
	rc = ccs_ind_sight(ix->db, ccs_actor(ix->p), mid, ix->state, incident,
	    &in, ix->now, &so, &sf);
	if (rc == CCS_OK) {
		ix->c->sightings++;
		ix->used[tlp < CCS_TLP_NLEVELS ? tlp : CCS_TLP_RED] = true;
		return CCS_OK;
	}
	if (fatal(rc, &sf)) {
		if (ix->f != NULL)
			*ix->f = sf;
		return rc;
	}
	*bad = true;
	return object_error(ix, path, rc, sf.message);
}

/* --- STIX import -------------------------------------------------------- */

bool
ccs_ix_object_tlp(const json_t *obj, enum ccs_tlp *out)
{
	const json_t *refs = json_object_get(obj, "object_marking_refs"), *r;
	enum ccs_tlp t;
	bool found = false;
	size_t i;

	json_array_foreach(refs, i, r) {
		if (!ccs_stix_tlp_of_marking(json_string_value(r), &t))
			continue;
		if (!found || t > *out)
			*out = t;
		found = true;
	}
	return found;
}

static int64_t
stix_time(const json_t *obj, const char *k, int64_t dflt)
{
	long long t;

	if (ccs_jstr(obj, k) != NULL && ccs_parse_time(ccs_jstr(obj, k), &t))
		return t;
	return dflt;
}

void
ccs_ix_sortable_time(const char *ts, char *out, size_t len)
{
	const char *dot = strchr(ts, '.'), *z = strchr(ts, 'Z');
	size_t head, nfrac;
	char frac[10] = "000000000";

	if (z == NULL || len < 31) {
		(void)ccs_strlcpy(out, ts, len);
		return;
	}
	head = (size_t)((dot != NULL && dot < z ? dot : z) - ts);
	if (dot != NULL && dot < z) {
		nfrac = (size_t)(z - dot - 1);
		memcpy(frac, dot + 1, nfrac < 9 ? nfrac : 9);
	}
	(void)ccs_snprintf(out, len, "%.*s.%sZ", (int)head, ts, frac);
}

/* The stored copy an import compares against (see passthrough). */
struct copy {
	const struct ccs_principal	*p;		/* importer */
	int64_t				 id;		/* 0: none */
	bool				 has_mod;	/* "modified" stored */
	char				 modified[40];	/* sortable */
};

static int
copy_row(void *arg, const struct ccs_row *row)
{
	struct copy *c = arg;

	if (c->id != 0 || row->ncols < 2 || row->vals[0] == NULL ||
	    ccs_marking_view_row(c->p, row) != CCS_TLP_FULL)
		return CCS_OK;	/* a copy the importer may not read: absent */
	c->id = strtoll(row->vals[0], NULL, 10);
	c->has_mod = row->vals[1] != NULL;
	if (c->has_mod)
		(void)ccs_strlcpy(c->modified, row->vals[1],
		    sizeof(c->modified));
	return CCS_OK;
}

/*
 * Stores @p obj (compact text @p text of @p len bytes) whole in
 * stix_objects. Copies belong to their source: the import's state, or the
 * region when it has none (the RIFC, the operator). The import compares
 * only against the newest copy of its own source that the importer may
 * read: a newer "modified" replaces it, an older or equal one is skipped
 * (*@p skip; the object is then not mapped again). Without such a copy
 * the object is a new copy, whatever other sources or unreadable copies
 * hold: so another state never replaces it, and the answer (counts,
 * skipped) is the same as for an id never stored. *@p copy is the row
 * stored or replaced.
 */
static int
passthrough(struct ix *ix, const json_t *obj, const char *text, size_t len,
    enum ccs_tlp tlp, bool *skip, int64_t *copy)
{
	const char *mod = ccs_jstr(obj, "modified");
	struct copy c;
	struct ccs_val v[7];
	char modified[40], *body = NULL;
	int64_t mid = 0;
	int rc;

	*skip = false;
	*copy = 0;
	if (marking_of(ix, tlp, &mid) != CCS_OK)
		return ix->f ? ix->f->rc : CCS_EDB;
	if (mod != NULL)
		ccs_ix_sortable_time(mod, modified, sizeof(modified));
	memset(&c, 0, sizeof(c));
	c.p = ix->p;
	v[0] = CCS_VTEXT(ccs_jstr(obj, "id"));
	v[1] = CCS_VTEXT(ix->state ? ix->state : "");
	rc = ccs_db_exec(ix->db, "SELECT o.id, o.modified, " CCS_MARKING_COLS
	    " FROM stix_objects o JOIN markings m ON m.id = o.marking_id WHERE "
	    "o.stix_id = $1 AND COALESCE(m.src_state, '') = $2 ORDER BY o.id "
	    "DESC", v, 2, copy_row, &c);
	if (rc != CCS_OK)
		return ccs_dbfail(ix->f, ix->db, rc);
	if (c.id != 0 && !(mod != NULL && c.has_mod && strcmp(modified,
	    c.modified) > 0)) {
		*skip = true;
		ix->c->skipped++;
		return CCS_OK;
	}
	body = text != NULL ? strndup(text, len) : json_dumps(obj,
	    JSON_COMPACT);
	if (body == NULL)
		return ccs_fail(ix->f, CCS_ENOMEM, "internal", "out of memory");
	v[1] = CCS_VTEXT(ccs_jstr(obj, "type"));
	v[2] = CCS_VINT(mid);
	v[3] = CCS_VTEXT(mod ? modified : NULL);
	v[4] = CCS_VTEXT(body);
	v[5] = CCS_VINT(ix->now);
	v[6] = CCS_VINT(c.id);
	/* a marking no row ended up using is removed by finish() */
	if (c.id != 0) {
		rc = ccs_db_exec(ix->db, "UPDATE stix_objects SET type = $2, "
		    "marking_id = $3, modified = $4, body = $5, created_at = $6 "
		    "WHERE id = $7 AND stix_id = $1", v, 7, NULL, NULL);
		*copy = c.id;
	} else
		rc = ccs_db_query_int(ix->db, "INSERT INTO stix_objects "
		    "(stix_id, type, marking_id, modified, body, created_at) "
		    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id", v, 6, copy);
	free(body);
	if (rc != CCS_OK)
		return ccs_dbfail(ix->f, ix->db, rc);
	ix->used[tlp < CCS_TLP_NLEVELS ? tlp : CCS_TLP_RED] = true;
	ix->c->passthrough++;
	return CCS_OK;
}

/* The ccscap value(s) of an SCO of a type ccscap models. */
static int
sco(struct ix *ix, const char *path, const json_t *o, enum ccs_tlp tlp,
    int64_t seen, const char *stix_id, bool *bad)
{
	static const struct {
		const char	*stix;	/* SCO type */
		const char	*prop;	/* property */
		const char	*type;	/* ccscap type name */
	} map[] = {
		{ "ipv4-addr", "value", "ipv4" },
		{ "ipv6-addr", "value", "ipv6" },
		{ "domain-name", "value", "domain" },
		{ "url", "value", "url" },
		{ "email-addr", "value", "email" },
		{ "phone-number", "value", "phone" },
		{ "bank-account", "iban", "iban" },
	};
	static const struct {
		const char	*algo;	/* hashes key */
		const char	*type;	/* ccscap type name */
	} hashes[] = {
		{ "MD5", "md5" }, { "SHA-1", "sha1" }, { "SHA-256", "sha256" },
		{ "SHA-512", "sha512" },
	};
	const char *type = ccs_jstr(o, "type"), *val;
	char p2[PATH_MAX_LEN + 32];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (!ccs_streq(type, map[i].stix))
			continue;
		val = ccs_jstr(o, map[i].prop);
		if (val == NULL)
			return CCS_OK;
		(void)ccs_snprintf(p2, sizeof(p2), "%s.%s", path, map[i].prop);
		return sight(ix, p2, tlp, map[i].type, val, seen, NULL,
		    stix_id, 0, bad);
	}
	if (ccs_streq(type, "cryptocurrency-wallet")) {
		val = ccs_jstr(o, "value");
		if (val == NULL)
			return CCS_OK;
		(void)ccs_snprintf(p2, sizeof(p2), "%s.value", path);
		return sight(ix, p2, tlp, strncmp(val, "0x", 2) == 0 ? "eth" :
		    "btc", val, seen, NULL, stix_id, 0, bad);
	}
	if (!ccs_streq(type, "file"))
		return CCS_OK;
	for (i = 0; i < sizeof(hashes) / sizeof(hashes[0]); i++) {
		val = ccs_jstr(json_object_get(o, "hashes"), hashes[i].algo);
		if (val == NULL)
			continue;
		(void)ccs_snprintf(p2, sizeof(p2), "%s.hashes.%s", path,
		    hashes[i].algo);
		rc = sight(ix, p2, tlp, hashes[i].type, val, seen, NULL,
		    stix_id, 0, bad);
		if (rc != CCS_OK)
			return rc;
	}
	return CCS_OK;
}

static int
indicator(struct ix *ix, const char *path, const json_t *o,
    enum ccs_tlp tlp, bool *bad)
{
	struct ccs_stix_pattern *pat = NULL;
	struct ccs_fail pf = { 0, NULL, "" };
	const char *id = ccs_jstr(o, "id"), *value;
	enum ccs_ind_type t;
	char p2[PATH_MAX_LEN + 16];
	json_t *terms = NULL;
	size_t i;
	int rc;

	if (!ccs_streq(ccs_jstr(o, "pattern_type"), "stix"))
		return CCS_OK;
	(void)ccs_snprintf(p2, sizeof(p2), "%s.pattern", path);
	rc = ccs_stix_pattern_parse(ccs_jstr(o, "pattern"), &pat, &pf);
	if (rc != CCS_OK) {
		*bad = true;
		return rc == CCS_ENOMEM ? ccs_fail(ix->f, rc, "internal",
		    "out of memory") : object_error(ix, p2, rc, pf.message);
	}
	terms = json_array();
	if (terms == NULL) {
		rc = ccs_fail(ix->f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	for (i = 0; i < ccs_stix_pattern_count(pat) && rc == CCS_OK; i++) {
		(void)ccs_stix_pattern_term(pat, i, &t, &value, NULL);
		rc = sight(ix, p2, tlp, ccs_ind_type_name(t), value,
		    stix_time(o, "valid_from", ix->now), NULL, id, 0, bad);
		if (rc == CCS_OK && json_array_append_new(terms, json_pack(
		    "[s,s]", ccs_ind_type_name(t), value)) != 0)
			rc = ccs_fail(ix->f, CCS_ENOMEM, "internal", "out of "
			    "memory");
	}
	if (rc == CCS_OK && json_array_size(terms) > 0 &&
	    json_object_set(ix->inds, id, terms) != 0)
		rc = ccs_fail(ix->f, CCS_ENOMEM, "internal", "out of memory");
out:
	json_decref(terms);
	ccs_stix_pattern_free(pat);
	return rc;
}

/* observed-data's embedded "objects" (STIX 2.0 style, still valid). */
static int
observed(struct ix *ix, const char *path, const json_t *o, enum ccs_tlp tlp,
    bool *bad)
{
	const json_t *objs = json_object_get(o, "objects"), *sub;
	char p2[PATH_MAX_LEN + 96];
	const char *k;
	int rc;

	json_object_foreach((json_t *)objs, k, sub) {
		(void)ccs_snprintf(p2, sizeof(p2), "%s.objects.%.60s", path, k);
		rc = sco(ix, p2, sub, tlp, stix_time(o, "first_observed",
		    ix->now), ccs_jstr(o, "id"), bad);
		if (rc != CCS_OK)
			return rc;
	}
	return CCS_OK;
}

/* "rsit:class:type" and "severity:x" labels, or x_ccscap_* properties. */
static const char *
label_value(const json_t *o, const char *prop, const char *prefix)
{
	const json_t *labels = json_object_get(o, "labels"), *l;
	size_t i, n = strlen(prefix);

	if (ccs_jstr(o, prop) != NULL)
		return ccs_jstr(o, prop);
	json_array_foreach(labels, i, l) {
		const char *s = json_string_value(l);

		if (s != NULL && strncmp(s, prefix, n) == 0)
			return s + n;
	}
	return NULL;
}

static int
incident(struct ix *ix, const char *path, const json_t *o, enum ccs_tlp tlp,
    int64_t copy, bool *bad)
{
	struct ccs_fail sf = { 0, NULL, "" };
	struct ccs_incident_in in;
	char msg[300];
	int64_t mid = 0, id = 0;
	int rc;

	memset(&in, 0, sizeof(in));
	in.state = ccs_jstr(o, "x_ccscap_state") ? ccs_jstr(o,
	    "x_ccscap_state") : ix->state;
	in.title = ccs_jstr(o, "name");
	in.description = ccs_jstr(o, "description");
	in.rsit = label_value(o, "x_ccscap_rsit", "rsit:");
	in.severity = label_value(o, "x_ccscap_severity", "severity:");
	in.stix_id = ccs_jstr(o, "id");
	in.stix_copy = copy;
	if (in.state != NULL && ix->state != NULL && !ccs_streq(in.state,
	    ix->state) && !ix->p->system && ccs_policy_check(ix->p,
	    CCS_ACT_SHARE_REPORT, in.state) != CCS_OK) {
		*bad = true;
		(void)ccs_snprintf(msg, sizeof(msg), "%s.x_ccscap_state", path);
		return object_error(ix, msg, CCS_EPERM, "you may not report "
		    "incidents for this state");
	}
	rc = marking_of(ix, tlp, &mid);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_incident_import(ix->db, ccs_actor(ix->p), mid, &in, ix->now,
	    &id, &sf);
	if (rc == CCS_OK) {
		ix->c->incidents++;
		ix->used[tlp] = true;
		return CCS_OK;
	}
	if (fatal(rc, &sf)) {
		if (ix->f != NULL)
			*ix->f = sf;
		return rc;
	}
	*bad = true;
	return object_error(ix, path, rc, sf.message);
}

/* Keeps a sighting SRO for the end of the bundle. */
static int
defer_sighting(struct ix *ix, const char *path, const json_t *o,
    enum ccs_tlp tlp)
{
	json_t *e = json_pack("{s:s, s:s, s:s, s:I, s:i}", "path", path, "id",
	    ccs_jstr(o, "id"), "ref", ccs_jstr(o, "sighting_of_ref"), "seen",
	    (json_int_t)stix_time(o, "first_seen", ix->now), "tlp", (int)tlp);

	if (e == NULL || json_array_append_new(ix->pending, e) != 0)
		return ccs_fail(ix->f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

/*
 * Tells the caller (o->on_stored) about an object that is stored, or that
 * is skipped as a version already stored; its marking is then kept even
 * when no row of the import uses it, since the caller's row will.
 */
static int
stored(struct ix *ix, size_t index, const json_t *obj, const char *text,
    size_t len, enum ccs_tlp tlp, bool skipped)
{
	int64_t mid = 0;
	int rc;

	if (ix->o->on_stored == NULL)
		return CCS_OK;
	if ((unsigned)tlp >= CCS_TLP_NLEVELS)
		tlp = CCS_TLP_RED;
	rc = marking_of(ix, tlp, &mid);
	if (rc != CCS_OK)
		return rc;
	ix->used[tlp] = true;
	rc = ix->o->on_stored(ix->o->stored_arg, index, obj, text, len, mid,
	    skipped);
	if (rc != CCS_OK && ix->f != NULL && ix->f->code == NULL)
		(void)ccs_fail(ix->f, rc, "internal", "the object could not be "
		    "filed");
	return rc;
}

static int
on_object(void *arg, size_t index, json_t *obj, const char *text,
    size_t len)
{
	struct ix *ix = arg;
	const char *type = ccs_jstr(obj, "type");
	char path[PATH_MAX_LEN];
	enum ccs_tlp tlp = ix->o->tlp;
	bool skip = false, bad = false;
	int64_t copy = 0;
	int rc;

	ix->c->objects++;
	(void)ccs_snprintf(path, sizeof(path), "objects[%zu]", index);
	rc = ccs_stix_check(obj, path, ix->errs);
	if (rc == CCS_ENOMEM)
		return ccs_fail(ix->f, rc, "internal", "out of memory");
	if (rc != CCS_OK) {
		ix->c->invalid++;
		if (!ix->o->partial)
			ix->failed = true;
		return CCS_OK;
	}
	if (ix->failed)
		return CCS_OK;	/* only checking from here on */
	if (ccs_streq(type, "marking-definition") &&
	    ccs_stix_tlp_of_marking(ccs_jstr(obj, "id"), &tlp))
		tlp = CCS_TLP_CLEAR;	/* the definition itself is public */
	else
		(void)ccs_ix_object_tlp(obj, &tlp);
	rc = passthrough(ix, obj, text, len, tlp, &skip, &copy);
	if (rc != CCS_OK)
		return rc;
	if (skip)
		return stored(ix, index, obj, text, len, tlp, true);
	if (ccs_streq(type, "indicator"))
		rc = indicator(ix, path, obj, tlp, &bad);
	else if (ccs_streq(type, "observed-data"))
		rc = observed(ix, path, obj, tlp, &bad);
	else if (ccs_streq(type, "sighting"))
		rc = defer_sighting(ix, path, obj, tlp);
	else if (ccs_streq(type, "incident"))
		rc = incident(ix, path, obj, tlp, copy, &bad);
	else
		rc = sco(ix, path, obj, tlp, ix->now, ccs_jstr(obj, "id"),
		    &bad);
	if (rc == CCS_OK && bad) {
		ix->c->invalid++;
		if (!ix->o->partial)
			ix->failed = true;
	}
	if (rc == CCS_OK && !bad)
		rc = stored(ix, index, obj, text, len, tlp, false);
	return rc;
}

/* The store's values of an indicator, as far as the importer may read. */
struct terms {
	const struct ccs_principal	*p;	/* importer */
	json_t				*list;	/* [[type, value], ...] */
};

/* Adds one row (ordered by type, value) to the list, once per value. */
static int
terms_row(void *arg, const struct ccs_row *row)
{
	struct terms *t = arg;
	const json_t *last;

	if (row->ncols < 2 || row->vals[0] == NULL || row->vals[1] == NULL ||
	    ccs_marking_view_row(t->p, row) != CCS_TLP_FULL)
		return CCS_OK;
	last = json_array_get(t->list, json_array_size(t->list) - 1);
	if (last != NULL && ccs_streq(json_string_value(json_array_get(last,
	    0)), row->vals[0]) && ccs_streq(json_string_value(json_array_get(
	    last, 1)), row->vals[1]))
		return CCS_OK;
	return json_array_append_new(t->list, json_pack("[s,s]",
	    row->vals[0], row->vals[1])) == 0 ? CCS_OK : CCS_ENOMEM;
}

static int
resolve_sightings(struct ix *ix)
{
	const json_t *e, *terms, *t;
	json_t *found = NULL;
	struct ccs_val v;
	size_t i, j;
	bool bad;
	int rc = CCS_OK;

	json_array_foreach(ix->pending, i, e) {
		const char *ref = ccs_jstr(e, "ref");

		terms = json_object_get(ix->inds, ref);
		if (terms == NULL) {
			struct terms tt;

			json_decref(found);
			found = json_array();
			tt.p = ix->p;
			tt.list = found;
			v = CCS_VTEXT(ref);
			/* only sightings the importer may read: an unreadable
			 * indicator is answered as one never stored */
			rc = found ? ccs_db_exec(ix->db, "SELECT v.type, "
			    "v.value, " CCS_MARKING_COLS " FROM sightings s "
			    "JOIN ind_values v ON v.id = s.value_id JOIN "
			    "markings m ON m.id = s.marking_id WHERE s.stix_id "
			    "= $1 ORDER BY v.type, v.value", &v, 1, terms_row,
			    &tt) : CCS_ENOMEM;
			if (rc != CCS_OK) {
				rc = ccs_dbfail(ix->f, ix->db, rc);
				break;
			}
			terms = found;
		}
		if (json_array_size(terms) == 0)
			ix->c->skipped++;	/* not an indicator we hold */
		bad = false;
		json_array_foreach(terms, j, t) {
			rc = sight(ix, ccs_jstr(e, "path"),
			    (enum ccs_tlp)json_integer_value(json_object_get(e,
			    "tlp")), json_string_value(json_array_get(t, 0)),
			    json_string_value(json_array_get(t, 1)),
			    json_integer_value(json_object_get(e, "seen")),
			    NULL, ccs_jstr(e, "id"), 0, &bad);
			if (rc != CCS_OK)
				break;
		}
		if (rc != CCS_OK)
			break;
	}
	json_decref(found);
	return rc;
}

static void
on_progress(void *arg, uint64_t bytes)
{
	struct ix *ix = arg;

	ix->bytes = bytes;
	if (ix->o->progress != NULL)
		ix->o->progress(ix->o->progress_arg, bytes, ix->c->objects);
}

/* Who may import, and for which state. */
static int
begin(struct ix *ix, struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_ix_opts *o, const char *source, int64_t now,
    struct ccs_ix_counts *c, struct ccs_errlist *errs, struct ccs_fail *f)
{
	int rc;

	memset(ix, 0, sizeof(*ix));
	memset(c, 0, sizeof(*c));
	ix->db = db;
	ix->p = p;
	ix->o = o;
	ix->source = source;
	ix->now = now;
	ix->c = c;
	ix->errs = errs;
	ix->f = f;
	ix->state = o->state ? o->state : (p->state[0] ? p->state : NULL);
	if ((unsigned)o->tlp >= CCS_TLP_NLEVELS)
		return ccs_fail(f, CCS_EINVAL, "unknown_tlp", "tlp must be one "
		    "of clear, green, amber, amber+strict, red");
	if (ix->state != NULL && !ccs_valid_iso2(ix->state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code", "state must "
		    "be a two-letter state code");
	if (ix->state != NULL) {
		bool known;

		rc = ccs_state_exists(db, ix->state, &known);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		if (!known)
			return ccs_fail(f, CCS_EINVAL, "unknown_state", "state "
			    "'%s' is not in the directory", ix->state);
	}
	/* The CLI is the operator; everyone else as when reporting. */
	if (!p->system) {
		rc = ccs_policy_check(p, CCS_ACT_SHARE_REPORT, ix->state);
		if (rc != CCS_OK)
			return ccs_fail(f, rc, rc == CCS_EAUTH ?
			    "authentication_required" : "forbidden", "your "
			    "role may not import records%s%s", ix->state ?
			    " for " : "", ix->state ? ix->state : "");
	}
	ix->inds = json_object();
	ix->pending = json_array();
	if (ix->inds == NULL || ix->pending == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

/* The end of every import: the outcome and the one audit event. */
static int
finish(struct ix *ix, const char *what)
{
	json_t *ev;
	size_t i;
	int rc;

	ix->c->errors = ccs_errlist_total(ix->errs);
	/* markings made for objects that were then skipped mark nothing */
	for (i = 0; i < CCS_TLP_NLEVELS; i++) {
		struct ccs_val v = CCS_VINT(ix->mid[i]);

		if (ix->mid[i] == 0 || ix->used[i])
			continue;
		rc = ccs_db_exec(ix->db, "DELETE FROM markings WHERE id = $1",
		    &v, 1, NULL, NULL);
		if (rc != CCS_OK)
			return ccs_dbfail(ix->f, ix->db, rc);
	}
	if (ix->c->errors > 0 && !ix->o->partial)
		return ccs_fail(ix->f, CCS_EINVAL, "import_failed", "%zu error%s"
		    " (first: %s%s%s); nothing was stored", ix->c->errors,
		    ix->c->errors == 1 ? "" : "s", ccs_errlist_path(ix->errs,
		    0), ccs_errlist_path(ix->errs, 0)[0] ? ": " : "",
		    ccs_errlist_message(ix->errs, 0));
	ev = json_pack("{s:s, s:s?, s:s, s:b, s:I, s:I, s:I, s:I, s:I, s:I, "
	    "s:I}", "format", what, "state", ix->state, "tlp",
	    ccs_tlp_name(ix->o->tlp), "partial", ix->o->partial, "objects",
	    (json_int_t)ix->c->objects, "sightings",
	    (json_int_t)ix->c->sightings, "incidents",
	    (json_int_t)ix->c->incidents, "passthrough",
	    (json_int_t)ix->c->passthrough, "skipped",
	    (json_int_t)ix->c->skipped, "invalid", (json_int_t)ix->c->invalid,
	    "errors", (json_int_t)ix->c->errors);
	if (ev == NULL)
		return ccs_fail(ix->f, CCS_ENOMEM, "internal", "out of memory");
	rc = ccs_audit_recordf(ix->db, ix->p, "interchange.import", "import",
	    ev, ix->now, "%s", what);
	json_decref(ev);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(ix->f, ix->db, rc);
}

static void
end(struct ix *ix)
{
	json_decref(ix->inds);
	json_decref(ix->pending);
}

int
ccs_ix_import_stix(struct ccs_db *db, const struct ccs_principal *p,
    FILE *in, const struct ccs_ix_opts *o, int64_t now,
    struct ccs_ix_counts *c, struct ccs_errlist *errs, struct ccs_fail *f)
{
	struct ccs_stix_read_opts ro;
	struct ix ix;
	bool big_cache = false;
	int rc;

	rc = begin(&ix, db, p, o, "stix", now, c, errs, f);
	if (rc != CCS_OK)
		goto out;
	/*
	 * A bundle is one transaction far larger than SQLite's default 2 MiB
	 * page cache: pages were spilled to the WAL and read back over and
	 * over (half of the import's time). 128 MiB for this import, back
	 * to the default after it (a server's pooled connection must not
	 * keep it); PostgreSQL keeps its own buffers.
	 */
	big_cache = ccs_streq(ccs_db_backend(db), "sqlite");
	if (big_cache) {
		rc = ccs_db_exec(db, "PRAGMA cache_size = -131072", NULL, 0,
		    NULL, NULL);
		if (rc != CCS_OK) {
			rc = ccs_dbfail(f, db, rc);
			goto out;
		}
	}
	memset(&ro, 0, sizeof(ro));
	ro.max_object = o->max_object;
	ro.max_objects = o->max_objects ? o->max_objects : CCS_IX_MAX_OBJECTS;
	ro.progress = on_progress;
	ro.progress_arg = &ix;
	ro.on_object_text = on_object;
	rc = ccs_stix_read(in, &ro, NULL, &ix, f);
	if (rc != CCS_OK) {
		/* A reader failure is the document's: list it too. */
		if (f != NULL && f->code != NULL && !fatal(rc, f))
			(void)ccs_errlist_add(errs, "", "%s", f->message);
		c->errors = ccs_errlist_total(errs);
		goto out;
	}
	if (!ix.failed)
		rc = resolve_sightings(&ix);
	if (rc == CCS_OK)
		rc = finish(&ix, "stix");
out:
	if (big_cache && ccs_db_exec(db, "PRAGMA cache_size = -2000", NULL, 0,
	    NULL, NULL) != CCS_OK && rc == CCS_OK)
		rc = ccs_dbfail(f, db, CCS_EDB);
	end(&ix);
	return rc;
}

/* --- MISP import -------------------------------------------------------- */

static int
misp_event(void *arg, const struct ccs_misp_event *ev)
{
	static const char *const sev[] = { "medium", "high", "medium", "low",
	    "medium" };
	struct ix *ix = arg;
	struct ccs_incident_in in;
	char title[301];
	bool bad = false;
	int rc;

	ix->incident = 0;
	ix->event_bad = false;
	if (ix->failed)
		return CCS_OK;
	memset(&in, 0, sizeof(in));
	(void)ccs_snprintf(title, sizeof(title), "%.300s", ev->info ?
	    ev->info : "MISP event");
	in.state = ix->state;
	in.title = title;
	in.description = ev->info;
	in.severity = sev[ev->threat_level >= 0 && ev->threat_level <= 4 ?
	    ev->threat_level : 0];
	if (ev->date != NULL) {
		long long t;

		if (ccs_parse_time(ev->date, &t))
			in.occurred_at = t;
	}
	{
		struct ccs_fail sf = { 0, NULL, "" };
		int64_t mid = 0, id = 0;

		rc = marking_of(ix, ev->has_tlp ? ev->tlp : ix->o->tlp, &mid);
		if (rc != CCS_OK)
			return rc;
		rc = ccs_incident_import(ix->db, ccs_actor(ix->p), mid, &in,
		    ix->now, &id, &sf);
		if (rc == CCS_OK) {
			ix->incident = id;
			ix->c->incidents++;
			ix->used[ev->has_tlp ? ev->tlp : ix->o->tlp] = true;
			return CCS_OK;
		}
		if (fatal(rc, &sf)) {
			if (ix->f != NULL)
				*ix->f = sf;
			return rc;
		}
		bad = true;
		rc = object_error(ix, ev->path, rc, sf.message);
	}
	if (bad) {
		ix->event_bad = true;
		ix->c->invalid++;
		if (!ix->o->partial)
			ix->failed = true;
	}
	return rc;
}

static int
misp_attr(void *arg, const struct ccs_misp_event *ev,
    const struct ccs_misp_attr *a)
{
	struct ix *ix = arg;
	char path[PATH_MAX_LEN + 16];
	bool bad = false;
	size_t i;
	int rc = CCS_OK;

	(void)ev;
	ix->c->objects++;
	if (ix->failed || ix->event_bad)
		return CCS_OK;
	if (a->nind == 0) {
		ix->c->skipped++;
		return CCS_OK;
	}
	(void)ccs_snprintf(path, sizeof(path), "%s.value", a->path);
	for (i = 0; i < a->nind && rc == CCS_OK; i++)
		rc = sight(ix, path, a->has_tlp ? a->tlp : ix->o->tlp,
		    ccs_ind_type_name(a->ind[i].type), a->ind[i].value,
		    a->timestamp > 0 ? a->timestamp : ix->now, a->comment, NULL,
		    ix->incident, &bad);
	if (rc == CCS_OK && bad) {
		ix->c->invalid++;
		if (!ix->o->partial)
			ix->failed = true;
	}
	return rc;
}

int
ccs_ix_import_misp(struct ccs_db *db, const struct ccs_principal *p,
    const char *buf, size_t len, const struct ccs_ix_opts *o, int64_t now,
    struct ccs_ix_counts *c, struct ccs_errlist *errs, struct ccs_fail *f)
{
	static const struct ccs_misp_cb cb = { misp_event, misp_attr };
	struct ccs_misp_stats st;
	struct ix ix;
	size_t before;
	int rc;

	rc = begin(&ix, db, p, o, "misp", now, c, errs, f);
	if (rc != CCS_OK)
		goto out;
	if (ix.state == NULL) {
		rc = ccs_fail(f, CCS_EINVAL, "invalid_state_code", "MISP events "
		    "become incidents, which need a reporting state: give "
		    "state");
		goto out;
	}
	before = ccs_errlist_total(errs);
	rc = ccs_misp_read(buf, len, NULL, &cb, &ix, &st, errs, f);
	if (rc == CCS_EINVAL && ccs_errlist_total(errs) > before) {
		/* malformed items: listed, the rest handled by the mode */
		c->invalid += ccs_errlist_total(errs) - before;
		rc = CCS_OK;
	} else if (rc != CCS_OK && f != NULL && f->code != NULL &&
	    !fatal(rc, f)) {
		(void)ccs_errlist_add(errs, "", "%s", f->message);
		c->errors = ccs_errlist_total(errs);
	}
	if (rc == CCS_OK) {
		c->skipped = st.skipped;
		rc = finish(&ix, "misp");
	}
out:
	end(&ix);
	return rc;
}

/* --- CSV import --------------------------------------------------------- */

static int
csv_row(void *arg, const struct ccs_ind_csv_row *row)
{
	struct ix *ix = arg;
	char path[48];
	long long t = 0;
	bool bad = false;
	int rc;

	ix->c->objects++;
	if (ix->failed)
		return CCS_OK;
	(void)ccs_snprintf(path, sizeof(path), "line %zu, value", row->line);
	if (row->seen_at != NULL && !ccs_parse_time(row->seen_at, &t))
		t = 0;
	rc = sight(ix, path, row->has_tlp ? row->tlp : ix->o->tlp,
	    ccs_ind_type_name(row->type), row->value, t > 0 ? t : ix->now,
	    row->note, NULL, 0, &bad);
	if (rc == CCS_OK && bad) {
		ix->c->invalid++;
		if (!ix->o->partial)
			ix->failed = true;
	}
	return rc;
}

int
ccs_ix_import_csv(struct ccs_db *db, const struct ccs_principal *p,
    const char *buf, size_t len, const struct ccs_ix_opts *o, int64_t now,
    struct ccs_ix_counts *c, struct ccs_errlist *errs, struct ccs_fail *f)
{
	struct ix ix;
	size_t before;
	int rc;

	rc = begin(&ix, db, p, o, "csv", now, c, errs, f);
	if (rc != CCS_OK)
		goto out;
	before = ccs_errlist_total(errs);
	rc = ccs_ind_csv_read(buf, len, 0, csv_row, &ix, errs, f);
	if (rc == CCS_EINVAL && ccs_errlist_total(errs) > before) {
		c->invalid += ccs_errlist_total(errs) - before;
		rc = CCS_OK;
	} else if (rc != CCS_OK && f != NULL && f->code != NULL &&
	    !fatal(rc, f)) {
		(void)ccs_errlist_add(errs, "", "%s", f->message);
		c->errors = ccs_errlist_total(errs);
	}
	if (rc == CCS_OK)
		rc = finish(&ix, "csv");
out:
	end(&ix);
	return rc;
}

json_t *
ccs_ix_report(const struct ccs_ix_counts *c, const struct ccs_errlist *errs,
    bool dry_run)
{
	json_t *list = json_array(), *r;
	size_t i;

	for (i = 0; list != NULL && i < ccs_errlist_count(errs); i++) {
		if (json_array_append_new(list, json_pack("{s:s, s:s}", "path",
		    ccs_errlist_path(errs, i), "message",
		    ccs_errlist_message(errs, i))) != 0) {
			json_decref(list);
			return NULL;
		}
	}
	if (list == NULL)
		return NULL;
	r = json_pack("{s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I}, s:o, s:I, "
	    "s:b}", "counts", "objects", (json_int_t)c->objects, "sightings",
	    (json_int_t)c->sightings, "incidents", (json_int_t)c->incidents,
	    "passthrough", (json_int_t)c->passthrough, "skipped",
	    (json_int_t)c->skipped, "invalid", (json_int_t)c->invalid,
	    "errors", (json_int_t)ccs_errlist_total(errs), "errors", list,
	    "errors_total", (json_int_t)ccs_errlist_total(errs), "dry_run",
	    dry_run);
	return r;
}

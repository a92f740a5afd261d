/*
 * indicators.c: storing sightings of indicators and correlating them.
 *
 * Correlation is a key lookup: the probe's keys (core/indicator/) are
 * looked up in ind_keys, and a stored value matches when the pair of key
 * kinds is compatible: exact/alias/host/regdom with each other, an
 * address's net probe with a network's bucket (confirmed with
 * ccs_ind_cidr_contains), and the reverse. Each key returns at most
 * MAX_PER_KEY values (a registered domain shared by millions of URLs
 * would otherwise make one lookup unbounded); the reply says so when a
 * key was cut. What a caller sees of every sighting is decided by
 * ccs_marking_view(), per (marking, state) group of sightings.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "svc/platform/audit.h"
#include "svc/sharing/indicators.h"
#include "svc/sharing/ind_reads.h"
#include "svc/sharing/ind_unions.h"
#include "svc/sharing/marking.h"
#include "svc/sharing/reader_sets.h"
#include "svc/platform/notify.h"
#include "svc/sharing/routing.h"
#include "svc/svc.h"
#include "svc/taxii/taxii.h"
#include "util/err.h"
#include "util/str.h"

#define MAX_PER_KEY	1000
#define MAX_RELATED	200
#define MAX_LIST	1000

static const char *const kind_names[] = {
	"exact", "alias", "host", "regdom", "net", "bucket"
};

const struct ccs_jfield ccs_ind_report_fields[] = {
	{ "state", CCS_J_STRING, false, 2, 2 },
	{ "indicators", CCS_J_ARRAY, true, 0, 1000 },
	CCS_MARKING_JFIELDS,
};
const size_t ccs_ind_report_nfields = sizeof(ccs_ind_report_fields) /
    sizeof(ccs_ind_report_fields[0]);

static int
kind_parse(const char *s, enum ccs_ind_key_kind *out)
{
	size_t i;

	for (i = 0; s != NULL && i < sizeof(kind_names) /
	    sizeof(kind_names[0]); i++) {
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (enum ccs_ind_key_kind)i;
			return CCS_OK;
		}
	}
	return CCS_EINVAL;
}

/* Stores the value once with its keys; *id its row. */
static int
value_upsert(struct ccs_db *db, enum ccs_ind_type t, const char *canon,
    int64_t seen, struct ccs_sighting_out *out, struct ccs_fail *f)
{
	struct ccs_ind_keys keys;
	struct ccs_val v[5];
	size_t i;
	int rc;

	v[0] = CCS_VTEXT(ccs_ind_type_name(t));
	v[1] = CCS_VTEXT(canon);
	rc = ccs_db_query_int(db, "SELECT id FROM ind_values WHERE type = $1 "
	    "AND value = $2", v, 2, &out->value_id);
	if (rc == CCS_OK) {
		v[2] = CCS_VINT(seen);
		v[0] = CCS_VINT(out->value_id);
		rc = ccs_db_exec(db, "UPDATE ind_values SET nsightings = "
		    "nsightings + 1, first_seen = CASE WHEN $2 < first_seen "
		    "THEN $2 ELSE first_seen END, last_seen = CASE WHEN $2 > "
		    "last_seen THEN $2 ELSE last_seen END WHERE id = $1",
		    (struct ccs_val[]){ v[0], v[2] }, 2, NULL, NULL);
		return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
	}
	if (rc != CCS_ENOTFOUND)
		return ccs_dbfail(f, db, rc);
	rc = ccs_ind_keys(t, canon, &keys);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "invalid_indicator", "no correlation "
		    "keys for %s '%.80s'", ccs_ind_type_name(t), canon);
	v[2] = CCS_VTEXT(out->warning);
	v[3] = CCS_VINT(seen);
	rc = ccs_db_query_int(db, "INSERT INTO ind_values (type, value, "
	    "warning, first_seen, last_seen, nsightings) VALUES ($1, $2, $3, "
	    "$4, $4, 1) RETURNING id", v, 4, &out->value_id);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	out->new_value = true;
	for (i = 0; i < keys.n; i++) {
		v[0] = CCS_VTEXT(keys.key[i].value);
		v[1] = CCS_VINT(out->value_id);
		v[2] = CCS_VTEXT(kind_names[keys.key[i].kind]);
		rc = ccs_db_exec(db, "INSERT INTO ind_keys (key, value_id, kind) "
		    "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", v, 3, NULL,
		    NULL);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
	}
	return CCS_OK;
}

/* Type and canonical value of a reported indicator. */
static int
canonical(const char *type, const char *value, enum ccs_ind_type *t,
    char *canon, size_t len, struct ccs_fail *f)
{
	if (type == NULL || ccs_ind_type_parse(type, t) != CCS_OK)
		return ccs_fail(f, CCS_EINVAL, "unknown_indicator_type",
		    "'%.40s' is not an indicator type ccscap knows (ipv4, ipv6, "
		    "cidr, domain, url, email, md5, sha1, sha256, sha512, btc, "
		    "eth, phone, iban)", type ? type : "");
	if (value == NULL)
		return ccs_fail(f, CCS_EINVAL, "invalid_indicator", "the "
		    "indicator has no value");
	*t = ccs_ind_refine(*t, value);
	return ccs_ind_normalise(*t, value, canon, len, f);
}

int
ccs_ind_sight(struct ccs_db *db, const char *actor, int64_t marking_id,
    const char *state, int64_t incident_id, const struct ccs_sighting_in *in,
    int64_t now, struct ccs_sighting_out *out, struct ccs_fail *f)
{
	int64_t seen = in->seen_at > 0 ? in->seen_at : now;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = canonical(in->type, in->value, &out->type, out->value,
	    sizeof(out->value), f);
	if (rc != CCS_OK)
		return rc;
	(void)ccs_ind_warninglisted(out->type, out->value, &out->warning);
	rc = value_upsert(db, out->type, out->value, seen, out, f);
	if (rc != CCS_OK)
		return rc;
	const struct ccs_named np[] = {
		CCS_NAMED("value", CCS_VINT(out->value_id)),
		CCS_NAMED("marking", CCS_VINT(marking_id)),
		CCS_NAMED("state", CCS_VTEXT(state && state[0] ? state : NULL)),
		CCS_NAMED("incident",
		    incident_id > 0 ? CCS_VINT(incident_id) : CCS_VNULL),
		CCS_NAMED("seen", CCS_VINT(seen)),
		CCS_NAMED("source",
		    CCS_VTEXT(in->source ? in->source : "manual")),
		CCS_NAMED("note", CCS_VTEXT(in->note)),
		CCS_NAMED("stix_id", CCS_VTEXT(in->stix_id)),
		CCS_NAMED("author", CCS_VTEXT(actor)),
		CCS_NAMED("now", CCS_VINT(now)),
	};

	rc = ccs_db_query_int_named(db, "INSERT INTO sightings (value_id, "
	    "marking_id, state_code, incident_id, seen_at, source, note, "
	    "stix_id, author, created_at) VALUES (:value, :marking, :state, "
	    ":incident, :seen, :source, :note, :stix_id, :author, :now) "
	    "RETURNING id", np, CCS_NNAMED(np), &out->sighting_id);
	/* the value's readers for the list's total (ind_unions.h) */
	if (rc == CCS_OK)
		rc = ccs_ind_unions_add(db, out->value_id, marking_id);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return ccs_route(db, marking_id, state, out->sighting_id, incident_id,
	    out->type, out->value, now, f);
}

/* Puts "what: " in front of the message in @p f. */
static void
prefix(struct ccs_fail *f, const char *field, size_t i)
{
	char msg[sizeof(f->message)];

	if (f == NULL)
		return;
	memcpy(msg, f->message, sizeof(msg));
	(void)ccs_snprintf(f->message, sizeof(f->message), "%s[%zu]: %s",
	    field, i, msg);
}

/* --- what a caller may see of one value's sightings --------------------- */

/* Values one query of seen_many counts: the related values of one value
 * (at most MAX_RELATED) in a few queries, not one each. */
#define SEEN_BATCH	50

/*
 * What @p p may know of the sightings of each of the @p n values @p ids
 * (at most SEEN_BATCH), into @p s[i]: their ind_reads rows (migration
 * 0032: counted per reader set, TLP and state, a few per value however
 * often it was seen), each with whether the reader's sets hold its set,
 * summed by ccs_ind_acc_add as the list sums them. On failure every
 * s[i].states is released and NULL.
 */
static int
seen_many(struct ccs_db *db, const struct ccs_principal *p,
    const int64_t *ids, size_t n, struct ccs_ind_acc *s)
{
	struct ccs_val v[SEEN_BATCH + CCS_TLP_PRINCIPAL_KEYS];
	struct ccs_reader_keys keys;
	json_t *rows = NULL, *row;
	struct ccs_buf q;
	size_t i, k, np = 0;
	int64_t id;
	int rc = CCS_OK;

	if (n > SEEN_BATCH)
		return CCS_EINVAL;
	for (i = 0; i < n; i++) {
		memset(&s[i], 0, sizeof(s[i]));
		s[i].states = json_array();
		if (s[i].states == NULL)
			rc = CCS_ENOMEM;
	}
	ccs_buf_init(&q, 4096);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&q, "SELECT r.value_id AS v, r.tlp, r.state, "
		    "r.n, r.first_seen AS first, r.last_seen AS last, CASE "
		    "WHEN 1 = 1");
	/* the operator's CLI reads everything */
	if (rc == CCS_OK && !p->system) {
		ccs_reader_keys_of(p, &keys);
		rc = ccs_reader_sets_where(&keys, "r.set_id", &q, v, &np,
		    sizeof(v) / sizeof(v[0]) - SEEN_BATCH);
	}
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&q, " THEN 1 ELSE 0 END AS ok FROM ind_reads "
		    "r WHERE r.value_id IN (");
	for (i = 0; i < n && rc == CCS_OK; i++) {
		v[np++] = CCS_VINT(ids[i]);
		rc = ccs_buf_printf(&q, "%s$%zu", i > 0 ? ", " : "", np);
	}
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&q, ") ORDER BY r.value_id, r.state");
	if (rc == CCS_OK && n > 0)
		rc = ccs_db_query_json(db, ccs_buf_str(&q), v, np, &rows);
	ccs_buf_free(&q);
	json_array_foreach(rows, k, row) {
		id = json_integer_value(json_object_get(row, "v"));
		for (i = 0; rc == CCS_OK && i < n; i++) {
			if (ids[i] == id)
				rc = ccs_ind_acc_add(&s[i], p, row);
		}
	}
	json_decref(rows);
	if (rc != CCS_OK) {
		/* No caller releases the lists on failure. */
		for (i = 0; i < n; i++) {
			json_decref(s[i].states);
			s[i].states = NULL;
		}
	}
	return rc;
}

/* seen_many of the one value @p value_id. */
static int
seen_of(struct ccs_db *db, const struct ccs_principal *p, int64_t value_id,
    struct ccs_ind_acc *s)
{
	return seen_many(db, p, &value_id, 1, s);
}

/* --- related values ---------------------------------------------------- */

static bool
compatible(enum ccs_ind_key_kind probe, enum ccs_ind_key_kind stored)
{
	if (probe == CCS_IND_KEY_NET)
		return stored == CCS_IND_KEY_BUCKET;
	if (probe == CCS_IND_KEY_BUCKET)
		return stored == CCS_IND_KEY_NET;
	return stored != CCS_IND_KEY_NET && stored != CCS_IND_KEY_BUCKET;
}

/* Relation of two values from the kinds of the key they share; a lower
 * number is a stronger relation. */
static int
relation(enum ccs_ind_key_kind a, enum ccs_ind_key_kind b, const char **name)
{
	if (a == CCS_IND_KEY_REGDOM || b == CCS_IND_KEY_REGDOM) {
		*name = "registered_domain";
		return 3;
	}
	if (a == CCS_IND_KEY_NET || a == CCS_IND_KEY_BUCKET) {
		*name = "network";
		return 2;
	}
	if (a == CCS_IND_KEY_HOST || b == CCS_IND_KEY_HOST) {
		*name = "host";
		return 1;
	}
	*name = "same";
	return 0;
}

struct cand {
	int64_t		 id;
	int		 strength;
	const char	*relation;
	char		 type[16];
	char		 value[CCS_IND_VALUE_MAX];
};

struct cands {
	struct cand	 c[MAX_RELATED];
	size_t		 n;
	bool		 truncated;
};

static void
cand_add(struct cands *cs, int64_t id, const char *type, const char *value,
    int strength, const char *rel)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		if (cs->c[i].id == id) {
			if (strength < cs->c[i].strength) {
				cs->c[i].strength = strength;
				cs->c[i].relation = rel;
			}
			return;
		}
	}
	if (cs->n == MAX_RELATED) {
		cs->truncated = true;
		return;
	}
	cs->c[cs->n].id = id;
	cs->c[cs->n].strength = strength;
	cs->c[cs->n].relation = rel;
	(void)ccs_strlcpy(cs->c[cs->n].type, type, sizeof(cs->c[0].type));
	(void)ccs_strlcpy(cs->c[cs->n].value, value, sizeof(cs->c[0].value));
	cs->n++;
}

/* The network and the address of a NET/BUCKET pair, for the exact test. */
static bool
net_confirmed(enum ccs_ind_type pt, const char *pv, const char *st,
    const char *sv)
{
	bool pnet = pt == CCS_IND_CIDR4 || pt == CCS_IND_CIDR6;

	(void)st;
	return pnet ? ccs_ind_cidr_contains(pv, sv) :
	    ccs_ind_cidr_contains(sv, pv);
}

static int
candidates(struct ccs_db *db, enum ccs_ind_type t, const char *canon,
    int64_t self, struct cands *cs)
{
	struct ccs_ind_keys keys;
	json_t *rows = NULL, *row;
	enum ccs_ind_key_kind sk;
	struct ccs_val v[2];
	const char *rel, *type, *value;
	size_t i, j;
	int rc, strength;

	rc = ccs_ind_keys(t, canon, &keys);
	if (rc != CCS_OK)
		return rc;
	for (i = 0; i < keys.n; i++) {
		v[0] = CCS_VTEXT(keys.key[i].value);
		v[1] = CCS_VINT(self);
		rc = ccs_db_query_json(db, "SELECT k.value_id AS id, k.kind, "
		    "v.type, v.value FROM ind_keys k JOIN ind_values v ON "
		    "v.id = k.value_id WHERE k.key = $1 AND k.value_id <> $2 "
		    "LIMIT 1001", v, 2, &rows);
		if (rc != CCS_OK)
			return rc;
		if (json_array_size(rows) > MAX_PER_KEY)
			cs->truncated = true;
		json_array_foreach(rows, j, row) {
			if (j >= MAX_PER_KEY)
				break;
			if (kind_parse(ccs_jstr(row, "kind"), &sk) != CCS_OK ||
			    !compatible(keys.key[i].kind, sk))
				continue;
			type = ccs_jstr(row, "type");
			value = ccs_jstr(row, "value");
			if (type == NULL || value == NULL)
				continue;
			if (sk == CCS_IND_KEY_NET || sk == CCS_IND_KEY_BUCKET) {
				if (!net_confirmed(t, canon, type, value))
					continue;
			}
			strength = relation(keys.key[i].kind, sk, &rel);
			cand_add(cs, json_integer_value(json_object_get(row,
			    "id")), type, value, strength, rel);
		}
		json_decref(rows);
		rows = NULL;
	}
	return CCS_OK;
}

/* Appends candidate @p c to @p arr when @p s has a readable sighting;
 * else adds its restricted count to @p restricted. */
static int
related_item(json_t *arr, const struct cand *c, const struct ccs_ind_acc *s,
    int64_t *restricted)
{
	json_t *o;

	if (s->visible == 0) {
		*restricted += s->restricted;
		return CCS_OK;
	}
	o = json_pack("{sI,ss,ss,ss,sI,sI,sI,sO}", "id", (json_int_t)c->id,
	    "type", c->type, "value", c->value, "relation", c->relation,
	    "sightings", (json_int_t)s->visible, "restricted",
	    (json_int_t)s->restricted, "last_seen", (json_int_t)s->last,
	    "states", s->states);
	if (o == NULL || json_array_append_new(arr, o) != 0)
		return CCS_ENOMEM;
	return CCS_OK;
}

/* Related values as @p p may see them: content for values with a visible
 * sighting, a bare count for those known only to exist. */
static int
related_json(struct ccs_db *db, const struct ccs_principal *p,
    enum ccs_ind_type t, const char *canon, int64_t self, json_t *out)
{
	struct cands *cs;
	struct ccs_ind_acc s[SEEN_BATCH];
	int64_t ids[SEEN_BATCH];
	json_t *arr = json_array();
	int64_t restricted = 0;
	size_t i, j, n;
	int rc;

	cs = calloc(1, sizeof(*cs));
	if (cs == NULL || arr == NULL) {
		free(cs);
		json_decref(arr);
		return CCS_ENOMEM;
	}
	rc = candidates(db, t, canon, self, cs);
	for (i = 0; rc == CCS_OK && i < cs->n; i += n) {
		/* the candidates' sightings, SEEN_BATCH values a query */
		n = cs->n - i < SEEN_BATCH ? cs->n - i : SEEN_BATCH;
		for (j = 0; j < n; j++)
			ids[j] = cs->c[i + j].id;
		rc = seen_many(db, p, ids, n, s);
		if (rc != CCS_OK)
			break;
		for (j = 0; j < n; j++) {
			if (rc == CCS_OK)
				rc = related_item(arr, &cs->c[i + j], &s[j],
				    &restricted);
			json_decref(s[j].states);
		}
	}
	if (rc == CCS_OK) {
		(void)json_object_set_new(out, "related", arr);
		(void)json_object_set_new(out, "related_restricted",
		    json_integer(restricted));
		(void)json_object_set_new(out, "related_truncated",
		    json_boolean(cs->truncated));
	} else {
		json_decref(arr);
	}
	free(cs);
	return rc;
}

/* The stored value @p id with everything @p p may see; NOTFOUND unless a
 * sighting is readable (when @p need_visible). */
static int
value_json(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    bool need_visible, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	enum ccs_ind_type t;
	json_t *o = NULL, *list = NULL;
	struct ccs_ind_acc s = { 0, 0, 0, 0, NULL, 0 };
	int rc;

	*out = NULL;
	rc = ccs_db_query_one(db, "SELECT id, type, value, warning, "
	    "first_seen, last_seen FROM ind_values WHERE id = $1", &v, 1, &o);
	if (rc == CCS_ENOTFOUND)
		goto notfound;
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	rc = seen_of(db, p, id, &s);
	if (rc != CCS_OK)
		goto dbfail;
	if (need_visible && s.visible == 0) {
		json_decref(o);
		json_decref(s.states);
		goto notfound;
	}
	/* the stored times span every sighting, RED ones too: show only
	 * those of sightings @p p may read */
	(void)json_object_set_new(o, "first_seen", s.visible > 0 ?
	    json_integer(s.first) : json_null());
	(void)json_object_set_new(o, "last_seen", s.visible > 0 ?
	    json_integer(s.last) : json_null());
	/* the newest 100 readable (the reader's sets in the query); the
	 * rest are on the value's own list (sightings.c) */
	rc = ccs_marking_rows(db, p, "SELECT s.id, s.state_code AS state, "
	    "s.seen_at, s.source, s.note, s.incident_id, s.stix_id, s.author, "
	    CCS_MARKING_COLS " FROM sightings s JOIN markings m ON m.id = "
	    "s.marking_id WHERE s.value_id = $1", "ORDER BY s.seen_at DESC, "
	    "s.id DESC", &v, 1, 100, &list);
	if (rc != CCS_OK)
		goto dbfail;
	(void)json_object_set_new(o, "sightings", list);
	(void)json_object_set_new(o, "sightings_visible",
	    json_integer(s.visible));
	(void)json_object_set_new(o, "sightings_restricted",
	    json_integer(s.restricted));
	(void)json_object_set_new(o, "states", s.states);
	s.states = NULL;
	if (ccs_ind_type_parse(ccs_jstr(o, "type"), &t) != CCS_OK) {
		rc = CCS_ECORRUPT;
		goto dbfail;
	}
	t = ccs_ind_refine(t, ccs_jstr(o, "value"));
	rc = related_json(db, p, t, ccs_jstr(o, "value"), id, o);
	if (rc != CCS_OK)
		goto dbfail;
	*out = o;
	return CCS_OK;
notfound:
	return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no indicator %" PRId64
	    " that you may read", id);
dbfail:
	json_decref(o);
	json_decref(s.states);
	return ccs_dbfail(f, db, rc);
}

/* The sightings of value $1 outside incident $2 and marking $3. */
#define MATCHES_FROM " FROM sightings s JOIN markings m ON m.id = " \
	"s.marking_id WHERE s.value_id = $1 AND COALESCE(s.incident_id, 0) " \
	"<> $2 AND s.marking_id <> $3"

int
ccs_ind_matches(struct ccs_db *db, const struct ccs_principal *p,
    int64_t value_id, int64_t own_incident, int64_t own_marking,
    json_t **out)
{
	struct ccs_val v[3] = { CCS_VINT(value_id), CCS_VINT(own_incident),
	    CCS_VINT(own_marking) };
	json_t *o = NULL, *list = NULL, *val = NULL;
	enum ccs_ind_type t;
	int64_t restricted = 0, total = 0;
	int rc;

	*out = NULL;
	rc = ccs_db_query_one(db, "SELECT type, value FROM ind_values WHERE "
	    "id = $1", v, 1, &val);
	if (rc != CCS_OK)
		return rc;
	/* the newest CCS_IND_MATCHES_SHOWN, and how many there are: the
	 * rest are on the value's own list, never cut silently; the
	 * reader's sets in the query, so only those rows are read */
	rc = ccs_marking_rows(db, p, "SELECT s.id, s.state_code AS state, "
	    "s.incident_id, s.seen_at, s.source, " CCS_MARKING_COLS
	    MATCHES_FROM, "ORDER BY s.seen_at DESC, s.id DESC", v, 3,
	    CCS_IND_MATCHES_SHOWN, &list);
	if (rc == CCS_OK)
		rc = ccs_marking_count(db, p, "SELECT COUNT(*)" MATCHES_FROM,
		    v, 3, true, &total);
	if (rc == CCS_OK)
		rc = ccs_marking_count(db, p, "SELECT COUNT(*)" MATCHES_FROM,
		    v, 3, false, &restricted);
	if (rc != CCS_OK) {
		json_decref(list);
		goto out;
	}
	o = json_pack("{so,sI,sI}", "sightings", list, "sightings_total",
	    (json_int_t)total, "restricted", (json_int_t)restricted);
	if (o == NULL) {
		rc = CCS_ENOMEM;
		goto out;
	}
	if (ccs_ind_type_parse(ccs_jstr(val, "type"), &t) != CCS_OK) {
		rc = CCS_ECORRUPT;
		goto out;
	}
	t = ccs_ind_refine(t, ccs_jstr(val, "value"));
	rc = related_json(db, p, t, ccs_jstr(val, "value"), value_id, o);
	if (rc != CCS_OK)
		goto out;
	*out = o;
	o = NULL;
out:
	json_decref(o);
	json_decref(val);
	return rc;
}

int
ccs_ind_get(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    json_t **out, struct ccs_fail *f)
{
	return value_json(db, p, id, true, out, f);
}

int
ccs_ind_lookup(struct ccs_db *db, const struct ccs_principal *p,
    const char *type, const char *value, json_t **out, struct ccs_fail *f)
{
	char canon[CCS_IND_VALUE_MAX];
	struct ccs_val v[2];
	enum ccs_ind_type t;
	const char *warn = NULL;
	json_t *o = NULL;
	struct ccs_ind_acc s;
	int64_t id = 0, restricted = 0;
	int rc;

	*out = NULL;
	rc = canonical(type, value, &t, canon, sizeof(canon), f);
	if (rc != CCS_OK)
		return rc;
	v[0] = CCS_VTEXT(ccs_ind_type_name(t));
	v[1] = CCS_VTEXT(canon);
	rc = ccs_db_query_int(db, "SELECT id FROM ind_values WHERE type = $1 "
	    "AND value = $2", v, 2, &id);
	if (rc != CCS_OK && rc != CCS_ENOTFOUND)
		return ccs_dbfail(f, db, rc);
	if (rc == CCS_OK) {
		/* The caller knows the value; how much they see of it is
		 * still the marking's decision. */
		rc = seen_of(db, p, id, &s);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		json_decref(s.states);
		if (s.visible > 0)
			return value_json(db, p, id, true, out, f);
		restricted = s.restricted;
	} else {
		id = 0;
	}
	(void)ccs_ind_warninglisted(t, canon, &warn);
	o = json_pack("{ss,ss,sb,ss?,sI}", "type", ccs_ind_type_name(t),
	    "value", canon, "known", restricted > 0, "warning", warn,
	    "sightings_restricted", (json_int_t)restricted);
	if (o == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	rc = related_json(db, p, t, canon, id, o);
	if (rc != CCS_OK) {
		json_decref(o);
		return ccs_dbfail(f, db, rc);
	}
	*out = o;
	return CCS_OK;
}

int
ccs_ind_sight_list(struct ccs_db *db, const char *actor, int64_t marking_id,
    const char *state, int64_t incident_id, const json_t *list,
    const char *source, int64_t now, json_t *ids, struct ccs_fail *f)
{
	struct ccs_sighting_out so;
	struct ccs_sighting_in in;
	const json_t *it;
	long long t;
	size_t i;
	int rc;

	if (json_array_size(list) > 1000)
		return ccs_fail(f, CCS_ETOOBIG, "too_many_indicators", "at most "
		    "1000 indicators in one record");
	json_array_foreach(list, i, it) {
		memset(&in, 0, sizeof(in));
		in.type = ccs_jstr(it, "type");
		in.value = ccs_jstr(it, "value");
		in.note = ccs_jstr(it, "note");
		in.source = source;
		if (!json_is_object(it) || (in.note != NULL &&
		    (strlen(in.note) > 2000 || !ccs_text_ok(in.note))))
			return ccs_fail(f, CCS_EINVAL, "invalid_indicator",
			    "indicators[%zu] must be {type, value, seen_at?, "
			    "note?} with a note of at most 2000 characters", i);
		if (ccs_jstr(it, "seen_at") != NULL) {
			if (!ccs_parse_time(ccs_jstr(it, "seen_at"), &t) ||
			    t > now + 300)
				return ccs_fail(f, CCS_EINVAL, "invalid_time",
				    "indicators[%zu].seen_at must be an RFC "
				    "3339 time, not in the future", i);
			in.seen_at = t;
		}
		rc = ccs_ind_sight(db, actor, marking_id, state, incident_id,
		    &in, now, &so, f);
		if (rc == CCS_OK)
			rc = ccs_taxii_publish_indicator(db, so.value_id,
			    NULL, now * 1000000, NULL, f);
		if (rc != CCS_OK) {
			prefix(f, "indicators", i);
			return rc;
		}
		if (ids != NULL && json_array_append_new(ids,
		    json_integer(so.value_id)) != 0)
			return ccs_fail(f, CCS_ENOMEM, "internal", "out of "
			    "memory");
	}
	return CCS_OK;
}

/* Tells subscribers of the state and of each indicator type about each
 * new sighting of a report (one inbox entry per value). */
static int
notify_report(struct ccs_db *db, int64_t mid, const char *state,
    const json_t *items, int64_t now)
{
	struct ccs_topic t[2];
	const json_t *it;
	size_t i;
	int rc;

	json_array_foreach(items, i, it) {
		t[0].topic = "state";
		t[0].value = state ? state : "";
		t[1].topic = "indicator_type";
		t[1].value = ccs_jstr(it, "type");
		if (t[1].value == NULL)
			continue;
		rc = ccs_notify_record(db, "indicator", json_integer_value(
		    json_object_get(it, "id")), mid, t, 2, ccs_jstr(it,
		    "value"), now);
		if (rc != CCS_OK)
			return rc;
	}
	return CCS_OK;
}

int
ccs_ind_report(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	const json_t *inds = json_object_get(body, "indicators"), *it;
	const char *state = ccs_jstr(body, "state");
	json_t *items = NULL, *one = NULL, *audit = NULL, *ids = NULL;
	int64_t mid;
	size_t i;
	int rc;

	*out = NULL;
	if (state == NULL && p->state[0] != '\0')
		state = p->state;
	rc = ccs_policy_check(p, CCS_ACT_SHARE_REPORT, state);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden", "your role may "
		    "not report indicators%s%s", state ? " for " : "",
		    state ? state : "");
	if (json_array_size(inds) == 0)
		return ccs_fail(f, CCS_EINVAL, "missing_field", "indicators "
		    "must list at least one {type, value}");
	rc = ccs_marking_create(db, p, body, state, now, &mid, f);
	if (rc != CCS_OK)
		return rc;
	items = json_array();
	if (items == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	ids = json_array();
	if (ids == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto fail;
	}
	rc = ccs_ind_sight_list(db, ccs_actor(p), mid, state, 0, inds,
	    "manual", now, ids, f);
	if (rc != CCS_OK)
		goto fail;
	json_array_foreach(ids, i, it) {
		rc = value_json(db, p, json_integer_value(it), false, &one, f);
		if (rc != CCS_OK)
			goto fail;
		(void)json_array_append_new(items, one);
	}
	rc = notify_report(db, mid, state, items, now);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto fail;
	}
	audit = json_pack("{sO,ss?}", "indicators", inds, "state", state);
	rc = ccs_audit_record(db, p, "indicators.report", "marking", mid, audit,
	    now);
	json_decref(audit);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto fail;
	}
	json_decref(ids);
	*out = items;
	return CCS_OK;
fail:
	json_decref(ids);
	json_decref(items);
	return rc;
}

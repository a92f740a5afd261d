/*
 * misp.c: MISP event JSON to neutral records.
 *
 * MISP documents are small enough to parse whole (the caller caps the
 * size; jansson caps the depth), so this walks a json_t tree: the three
 * document shapes, then each event's tags, its Attribute list and every
 * Object's Attribute list. A table maps MISP attribute types to ccscap
 * indicator types and says which part of a composite value ("a|b") to
 * take. Problems are collected with their paths instead of stopping at
 * the first, so a user fixes a file in one go; the attribute cap is the
 * one hard stop. Non-goals: MISP galaxies, sightings, event reports,
 * shadow attributes, attribute-level distribution rules.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "core/validate.h"
#include "format/misp.h"
#include "util/err.h"
#include "util/str.h"

#define PATH_LEN	192	/* bytes of a path we build */

enum part {
	P_ALL,		/* the whole value */
	P_LEFT,		/* before the last '|' (ip|port, hostname|port) */
	P_RIGHT,	/* after the last '|' (filename|hash) */
	P_BOTH,		/* domain|ip: both halves, split at the first '|' */
	P_LENIENT	/* the whole value; skipped when it does not parse */
};

static const struct {
	const char		*misp;	/* MISP attribute type */
	enum ccs_ind_type	 t;	/* ccscap type (refined for IPs) */
	enum part		 part;	/* which part of the value */
} types[] = {
	{ "ip-src", CCS_IND_IPV4, P_ALL },
	{ "ip-dst", CCS_IND_IPV4, P_ALL },
	{ "ip-src|port", CCS_IND_IPV4, P_LEFT },
	{ "ip-dst|port", CCS_IND_IPV4, P_LEFT },
	{ "domain", CCS_IND_DOMAIN, P_ALL },
	{ "hostname", CCS_IND_DOMAIN, P_ALL },
	{ "hostname|port", CCS_IND_DOMAIN, P_LEFT },
	{ "domain|ip", CCS_IND_DOMAIN, P_BOTH },
	{ "url", CCS_IND_URL, P_ALL },
	{ "uri", CCS_IND_URL, P_LENIENT },
	{ "email", CCS_IND_EMAIL, P_ALL },
	{ "email-src", CCS_IND_EMAIL, P_ALL },
	{ "email-dst", CCS_IND_EMAIL, P_ALL },
	{ "email-reply-to", CCS_IND_EMAIL, P_ALL },
	{ "whois-registrant-email", CCS_IND_EMAIL, P_ALL },
	{ "md5", CCS_IND_MD5, P_ALL },
	{ "sha1", CCS_IND_SHA1, P_ALL },
	{ "sha256", CCS_IND_SHA256, P_ALL },
	{ "sha512", CCS_IND_SHA512, P_ALL },
	{ "filename|md5", CCS_IND_MD5, P_RIGHT },
	{ "filename|sha1", CCS_IND_SHA1, P_RIGHT },
	{ "filename|sha256", CCS_IND_SHA256, P_RIGHT },
	{ "filename|sha512", CCS_IND_SHA512, P_RIGHT },
	{ "btc", CCS_IND_BTC, P_ALL },
	{ "phone-number", CCS_IND_PHONE, P_ALL },
	{ "whois-registrant-phone", CCS_IND_PHONE, P_ALL },
	{ "iban", CCS_IND_IBAN, P_ALL },
};

struct rd {
	const struct ccs_misp_cb *cb;	/* callbacks, may be NULL */
	void			*arg;	/* for them */
	struct ccs_misp_stats	 st;	/* counts */
	struct ccs_errlist	*errs;	/* may be NULL */
	size_t			 max;	/* attributes allowed */
	size_t			 seen;	/* attributes met */
	size_t			 nerr;	/* errors found */
	int			 rc;	/* hard error or callback value */
	struct ccs_fail		*f;	/* for hard errors */
};

static void	perr(struct rd *, const char *, const char *, const char *,
	    ...) __attribute__((format(printf, 4, 5)));

/* An error at @p path + @p sub (sub may be NULL). */
static void
perr(struct rd *r, const char *path, const char *sub, const char *fmt, ...)
{
	char p[PATH_LEN + 32], msg[256];
	va_list ap;
	int n;

	r->nerr++;
	if (r->errs == NULL)
		return;
	n = snprintf(p, sizeof(p), "%s%s%s", path,
	    sub != NULL && path[0] != '\0' ? "." : "", sub != NULL ? sub : "");
	if (n < 0 || (size_t)n >= sizeof(p))
		p[0] = '\0';
	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		msg[0] = '\0';
	if (ccs_errlist_add(r->errs, p, "%s", msg) != CCS_OK && r->rc == CCS_OK)
		r->rc = ccs_fail(r->f, CCS_ENOMEM, "misp", "out of memory");
}

static bool
mkpath(char *out, const char *base, const char *name, size_t i)
{
	int n;

	if (base[0] == '\0')
		n = snprintf(out, PATH_LEN, "%s[%zu]", name, i);
	else
		n = snprintf(out, PATH_LEN, "%s.%s[%zu]", base, name, i);
	return n >= 0 && (size_t)n < PATH_LEN;
}

static const char *
str_of(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* An integer given as a number or a string of digits; @p def if absent. */
static bool
int_of(const json_t *o, const char *k, int64_t min, int64_t max,
    int64_t *out)
{
	const json_t *v = json_object_get(o, k);

	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return *out >= min && *out <= max;
	}
	if (json_is_string(v))
		return ccs_parse_i64(json_string_value(v), min, max, out) ==
		    CCS_OK;
	return false;
}

/*
 * Collects the names of o.Tag[] and the TLP among them. Returns false
 * when a TLP tag is unknown (reported).
 */
static void
tags_of(struct rd *r, const json_t *o, const char *path,
    const char **names, size_t *n, bool *has_tlp, enum ccs_tlp *tlp)
{
	const json_t *tags = json_object_get(o, "Tag"), *t;
	char p[PATH_LEN];
	enum ccs_tlp lvl;
	const char *name;
	size_t i;

	*n = 0;
	*has_tlp = false;
	if (tags == NULL)
		return;
	if (!json_is_array(tags)) {
		perr(r, path, "Tag", "must be a list");
		return;
	}
	json_array_foreach(tags, i, t) {
		name = str_of(t, "name");
		if (name == NULL) {
			if (mkpath(p, path, "Tag", i))
				perr(r, p, "name", "is required");
			continue;
		}
		if (*n < CCS_MISP_TAGS_MAX)
			names[(*n)++] = name;
		if (strncasecmp(name, "tlp:", 4) != 0)
			continue;
		if (strcasecmp(name, "tlp:ex:chr") == 0 ||
		    strcasecmp(name, "tlp:unclear") == 0)
			continue;
		if (!ccs_tlp_parse(name, &lvl)) {
			if (mkpath(p, path, "Tag", i))
				perr(r, p, "name", "unknown TLP tag '%.60s'",
				    name);
			continue;
		}
		if (!*has_tlp || lvl > *tlp)
			*tlp = lvl;
		*has_tlp = true;
	}
}

/* Normalises @p v (of @p n bytes) as @p t into @p ind. */
static int
norm(enum ccs_ind_type t, const char *v, size_t n, struct ccs_misp_ind *ind,
    struct ccs_fail *f)
{
	char tmp[CCS_IND_INPUT_MAX + 1];

	if (n > CCS_IND_INPUT_MAX)
		return ccs_fail(f, CCS_ETOOBIG, "invalid_indicator",
		    "longer than %d bytes", CCS_IND_INPUT_MAX);
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	t = ccs_ind_refine(t, tmp);
	ind->type = t;
	return ccs_ind_normalise(t, tmp, ind->value, sizeof(ind->value), f);
}

/* Fills a->ind from its type and value; reports a bad value. */
static void
indicators(struct rd *r, struct ccs_misp_attr *a)
{
	const char *v = a->value, *bar;
	struct ccs_fail f;
	size_t i, n = strlen(v);
	int rc = CCS_OK;

	memset(&f, 0, sizeof(f));
	a->nind = 0;
	if (a->object_name != NULL && a->object_relation != NULL &&
	    strcmp(a->object_name, "cryptocurrency-wallet") == 0 &&
	    strcmp(a->object_relation, "address") == 0) {
		rc = norm((v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) ?
		    CCS_IND_ETH : CCS_IND_BTC, v, n, &a->ind[0], &f);
		goto done;
	}
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i].misp, a->type) == 0)
			break;
	if (i == sizeof(types) / sizeof(types[0])) {
		r->st.skipped++;
		return;
	}
	switch (types[i].part) {
	case P_ALL:
	case P_LENIENT:
		rc = norm(types[i].t, v, n, &a->ind[0], &f);
		if (rc == CCS_EINVAL && types[i].part == P_LENIENT) {
			r->st.skipped++;
			return;
		}
		break;
	case P_LEFT:
	case P_RIGHT:
		bar = strrchr(v, '|');
		if (bar == NULL) {
			rc = ccs_fail(&f, CCS_EINVAL, "invalid_indicator",
			    "a %s value has two parts separated by '|'",
			    a->type);
			break;
		}
		if (types[i].part == P_LEFT)
			rc = norm(types[i].t, v, (size_t)(bar - v), &a->ind[0],
			    &f);
		else
			rc = norm(types[i].t, bar + 1, strlen(bar + 1),
			    &a->ind[0], &f);
		break;
	case P_BOTH:
		bar = strchr(v, '|');
		if (bar == NULL) {
			rc = ccs_fail(&f, CCS_EINVAL, "invalid_indicator",
			    "a domain|ip value is 'name|address'");
			break;
		}
		rc = norm(CCS_IND_DOMAIN, v, (size_t)(bar - v), &a->ind[0], &f);
		if (rc == CCS_OK) {
			a->nind = 1;
			rc = norm(CCS_IND_IPV4, bar + 1, strlen(bar + 1),
			    &a->ind[1], &f);
		}
		break;
	}
done:
	if (rc == CCS_ENOMEM && r->rc == CCS_OK)
		r->rc = ccs_fail(r->f, rc, "misp", "out of memory");
	if (rc != CCS_OK) {
		a->nind = 0;
		perr(r, a->path, "value", "%s", f.message);
		return;
	}
	a->nind++;
}

/* One attribute at @p path; @p obj is its Object or NULL. */
static void
attribute(struct rd *r, const struct ccs_misp_event *ev, const json_t *at,
    const char *path, const json_t *obj)
{
	const char *tags[CCS_MISP_TAGS_MAX];
	struct ccs_misp_attr a;
	const json_t *v;
	size_t nerr = r->nerr;
	int64_t ts;
	int rc;

	if (++r->seen > r->max) {
		r->rc = ccs_fail(r->f, CCS_ETOOBIG, "misp_too_big", "more than "
		    "%zu attributes", r->max);
		return;
	}
	if (!json_is_object(at)) {
		perr(r, path, NULL, "must be an object");
		return;
	}
	memset(&a, 0, sizeof(a));
	a.path = path;
	a.type = str_of(at, "type");
	a.value = str_of(at, "value");
	if (a.type == NULL)
		perr(r, path, "type", "is required and must be a string");
	if (a.value == NULL)
		perr(r, path, "value", "is required and must be a string");
	a.uuid = str_of(at, "uuid");
	a.category = str_of(at, "category");
	a.comment = str_of(at, "comment");
	a.object_name = obj != NULL ? str_of(obj, "name") : NULL;
	a.object_relation = str_of(at, "object_relation");
	v = json_object_get(at, "to_ids");
	a.to_ids = json_is_true(v) || (json_is_string(v) &&
	    (strcmp(json_string_value(v), "1") == 0 ||
	    strcasecmp(json_string_value(v), "true") == 0)) ||
	    (json_is_integer(v) && json_integer_value(v) != 0);
	if (json_object_get(at, "timestamp") != NULL) {
		if (int_of(at, "timestamp", 0, INT64_MAX, &ts))
			a.timestamp = ts;
		else
			perr(r, path, "timestamp", "must be a Unix time");
	}
	tags_of(r, at, path, tags, &a.ntags, &a.has_tlp, &a.tlp);
	a.tags = tags;
	if (!a.has_tlp) {
		a.has_tlp = ev->has_tlp;
		a.tlp = ev->tlp;
	}
	if (a.type == NULL || a.value == NULL || r->nerr != nerr)
		return;
	indicators(r, &a);
	if (r->nerr != nerr || r->rc != CCS_OK)
		return;
	r->st.attributes++;
	r->st.indicators += a.nind;
	if (r->cb != NULL && r->cb->on_attr != NULL) {
		rc = r->cb->on_attr(r->arg, ev, &a);
		if (rc != 0)
			r->rc = rc;
	}
}

/* Attribute[] of @p o (an event or an Object) at @p path. */
static void
attributes(struct rd *r, const struct ccs_misp_event *ev, const json_t *o,
    const char *path, const json_t *obj)
{
	const json_t *list = json_object_get(o, "Attribute"), *at;
	char p[PATH_LEN];
	size_t i;

	if (list == NULL)
		return;
	if (!json_is_array(list)) {
		perr(r, path, "Attribute", "must be a list");
		return;
	}
	json_array_foreach(list, i, at) {
		if (r->rc != CCS_OK)
			return;
		if (!mkpath(p, path, "Attribute", i)) {
			r->rc = ccs_fail(r->f, CCS_ETOOBIG, "misp", "path too "
			    "long");
			return;
		}
		attribute(r, ev, at, p, obj);
	}
}

static void
event(struct rd *r, const json_t *e, const char *path)
{
	const char *tags[CCS_MISP_TAGS_MAX];
	struct ccs_misp_event ev;
	const json_t *objs, *o;
	char p[PATH_LEN];
	int64_t v;
	size_t i;
	int rc;

	if (!json_is_object(e)) {
		perr(r, path, NULL, "must be an object");
		return;
	}
	memset(&ev, 0, sizeof(ev));
	ev.path = path;
	ev.uuid = str_of(e, "uuid");
	ev.info = str_of(e, "info");
	ev.date = str_of(e, "date");
	if (json_object_get(e, "date") != NULL &&
	    (ev.date == NULL || !ccs_valid_date(ev.date)))
		perr(r, path, "date", "must be a date YYYY-MM-DD");
	if (json_object_get(e, "threat_level_id") != NULL) {
		if (int_of(e, "threat_level_id", 1, 4, &v))
			ev.threat_level = (int)v;
		else
			perr(r, path, "threat_level_id", "must be 1 to 4");
	}
	ev.analysis = -1;
	if (json_object_get(e, "analysis") != NULL) {
		if (int_of(e, "analysis", 0, 2, &v))
			ev.analysis = (int)v;
		else
			perr(r, path, "analysis", "must be 0, 1 or 2");
	}
	ev.orgc = str_of(json_object_get(e, "Orgc"), "name");
	tags_of(r, e, path, tags, &ev.ntags, &ev.has_tlp, &ev.tlp);
	ev.tags = tags;
	r->st.events++;
	if (r->cb != NULL && r->cb->on_event != NULL) {
		rc = r->cb->on_event(r->arg, &ev);
		if (rc != 0) {
			r->rc = rc;
			return;
		}
	}
	attributes(r, &ev, e, path, NULL);
	objs = json_object_get(e, "Object");
	if (objs == NULL)
		return;
	if (!json_is_array(objs)) {
		perr(r, path, "Object", "must be a list");
		return;
	}
	json_array_foreach(objs, i, o) {
		if (r->rc != CCS_OK)
			return;
		if (!mkpath(p, path, "Object", i))
			continue;
		if (!json_is_object(o)) {
			perr(r, p, NULL, "must be an object");
			continue;
		}
		attributes(r, &ev, o, p, o);
	}
}

/*
 * An event without its {"Event": ...} wrapper, as PyMISP's
 * MISPEvent.to_json() writes it: an object with the event's own keys.
 */
static bool
bare_event(const json_t *w)
{
	return json_object_get(w, "Attribute") != NULL ||
	    json_object_get(w, "Object") != NULL ||
	    json_object_get(w, "info") != NULL;
}

/* {"Event": ...}, {"response": [...]} or a bare event at @p base ("" or
 * "[2]"). */
static void
wrapper(struct rd *r, const json_t *w, const char *base, bool top)
{
	const json_t *ev = json_object_get(w, "Event"), *resp, *x;
	char p[PATH_LEN];
	size_t i;
	int n;

	if (ev != NULL) {
		n = snprintf(p, sizeof(p), "%s%sEvent", base,
		    base[0] != '\0' ? "." : "");
		if (n > 0 && (size_t)n < sizeof(p))
			event(r, ev, p);
		return;
	}
	resp = json_object_get(w, "response");
	if (top && json_is_array(resp)) {
		json_array_foreach(resp, i, x) {
			if (r->rc != CCS_OK)
				return;
			if (!mkpath(p, base, "response", i))
				continue;
			if (!json_is_object(x) ||
			    json_object_get(x, "Event") == NULL) {
				perr(r, p, NULL, "is not {\"Event\": ...}");
				continue;
			}
			wrapper(r, x, p, false);
		}
		return;
	}
	if (top && bare_event(w)) {
		event(r, w, base);
		return;
	}
	perr(r, base, NULL, "is not a MISP event ({\"Event\": ...}, "
	    "{\"response\": [...]} or an event with info, Attribute or "
	    "Object)");
}

int
ccs_misp_read(const char *buf, size_t len, const struct ccs_misp_opts *o,
    const struct ccs_misp_cb *cb, void *arg, struct ccs_misp_stats *st,
    struct ccs_errlist *errs, struct ccs_fail *f)
{
	struct rd r;
	json_error_t jerr;
	json_t *doc = NULL, *x;
	char p[PATH_LEN];
	size_t i;
	int n;

	memset(&r, 0, sizeof(r));
	r.cb = cb;
	r.arg = arg;
	r.errs = errs;
	r.f = f;
	r.max = o != NULL && o->max_attributes != 0 ? o->max_attributes :
	    CCS_MISP_ATTRS_DEFAULT;
	doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (doc == NULL) {
		r.rc = ccs_fail(f, CCS_EINVAL, "misp_syntax", "not JSON: line "
		    "%d column %d: %s", jerr.line, jerr.column, jerr.text);
		goto out;
	}
	if (json_is_object(doc))
		wrapper(&r, doc, "", true);
	else if (json_is_array(doc)) {
		json_array_foreach(doc, i, x) {
			if (r.rc != CCS_OK)
				break;
			n = snprintf(p, sizeof(p), "[%zu]", i);
			if (n < 0 || (size_t)n >= sizeof(p))
				break;
			if (!json_is_object(x))
				perr(&r, p, NULL, "is not a MISP event");
			else
				wrapper(&r, x, p, true);
		}
	} else
		perr(&r, "", NULL, "is not a MISP event");
	if (r.rc == CCS_OK && r.nerr > 0)
		r.rc = ccs_fail(f, CCS_EINVAL, "misp_invalid", "%zu error%s in "
		    "the MISP document", r.nerr, r.nerr == 1 ? "" : "s");
out:
	json_decref(doc);
	if (st != NULL)
		*st = r.st;
	return r.rc;
}

/*
 * iati.c: IATI activities in and out of the initiatives service.
 *
 * Import: format/iati reads the document one activity at a time; each is
 * turned into the JSON object POST /api/v1/initiatives takes and handed
 * to ccs_initiative_create (or, when its iati-identifier is stored, to
 * ccs_initiative_update with the stored version, so the PATCH rules
 * decide who may change it). Everything runs in the caller's one
 * transaction, which commits only when the whole file is clean. After
 * the first refusal nothing more is written (a failed statement would
 * poison a PostgreSQL transaction), but every later activity is still
 * mapped, so the error list names every organisation, state or need the
 * directory lacks.
 *
 * The mapping: participating-org, reporting-org and a transaction's
 * provider/receiver are matched by @ref against organisations.iati_ref,
 * else by their name exactly; an unknown one is refused, never created
 * (an import must not invent directory entries). recipient-country is a
 * state, recipient-region the regional share (several regions add up).
 * sector and tag codes in vocabulary 98 or 99 shaped like a need ref
 * (T2.2) are needs; those equal to a standard code are standards; other
 * codes and vocabularies are the publisher's own and are dropped.
 * Results keep their first indicator and its first period.
 *
 * Export: every initiative, needs and standards as tags in vocabulary 99,
 * through the IATI writer, which checks each activity before writing.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "svc/capacity/kept.h"
#include "svc/capacity/iati.h"
#include "svc/capacity/initiatives.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define BASE	"/iati-activities/iati-activity[%zu]"

struct imp {
	struct ccs_db			*db;
	const struct ccs_principal	*p;
	const struct ccs_cap_iati_opts	*o;
	int64_t				 now;
	struct ccs_cap_iati_counts	*c;
	struct ccs_errlist		*errs;
	struct ccs_fail			*f;
	bool				 failed;	/* stop writing */
	int				 hard;	/* a store error */
	int64_t				*ids;	/* initiatives written */
	size_t				 nids;
	size_t				 capids;
};

/* Remembers @p id for the duplicate candidates refreshed at the end. */
static int
written(struct imp *im, int64_t id)
{
	int64_t *nv;
	size_t ncap;

	if (im->nids == im->capids) {
		ncap = im->capids ? im->capids * 2 : 64;
		nv = ccs_reallocarray(im->ids, ncap, sizeof(*nv));
		if (nv == NULL)
			return CCS_ENOMEM;
		im->ids = nv;
		im->capids = ncap;
	}
	im->ids[im->nids++] = id;
	return CCS_OK;
}

/*
 * One error of activity @p a: path BASE + @p sub, "line N: ..." with the
 * line of the element at fault (@p line; 0: the activity's own).
 */
static void __attribute__((format(printf, 5, 6)))
err_at(struct imp *im, const struct ccs_iati_activity *a, const char *sub,
    unsigned long line, const char *fmt, ...)
{
	char msg[320];
	char path[256];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line == 0)
		line = a->line;
	(void)ccs_snprintf(path, sizeof(path), BASE "%s", a->index, sub);
	(void)ccs_errlist_add(im->errs, path, "line %lu: %s", line, msg);
	if (!im->failed)
		(void)ccs_fail(im->f, CCS_EINVAL, "import_failed", "%s: line "
		    "%lu: %s", path, line, msg);
	im->failed = true;
}

/* The organisation @p o names: by ref, else by exact name; 0 unknown. */
static int
org_match(struct imp *im, const struct ccs_iati_org *o, int64_t *id)
{
	struct ccs_val v;
	int rc = CCS_ENOTFOUND;

	*id = 0;
	if (o->ref != NULL && o->ref[0] != '\0') {
		v = CCS_VTEXT(o->ref);
		rc = ccs_db_query_int(im->db, "SELECT id FROM organisations "
		    "WHERE iati_ref = $1", &v, 1, id);
	}
	if (rc == CCS_ENOTFOUND && o->name.text != NULL) {
		v = CCS_VTEXT(o->name.text);
		rc = ccs_db_query_int(im->db, "SELECT id FROM organisations "
		    "WHERE name = $1", &v, 1, id);
	}
	if (rc == CCS_ENOTFOUND) {
		*id = 0;
		return CCS_OK;
	}
	return rc;
}

/* Matches @p o or records the refusal at @p sub; *id 0 when refused. */
static int
org_or_err(struct imp *im, const struct ccs_iati_activity *a,
    const struct ccs_iati_org *o, const char *sub, int64_t *id)
{
	int rc = org_match(im, o, id);

	if (rc == CCS_OK && *id == 0)
		err_at(im, a, sub, o->line, "unknown_organisation: %s%s%s%s%s "
		    "is not in the directory (match by iati_ref or exact "
		    "name); add it first", o->ref ? "ref \"" : "",
		    o->ref ? o->ref : "", o->ref ? "\"" : "",
		    o->ref && o->name.text ? " / " : "",
		    o->name.text ? o->name.text : "");
	return rc;
}

static bool
need_shaped(const char *s)
{
	size_t n;

	if (s == NULL || s[0] != 'T')
		return false;
	n = strspn(s + 1, "0123456789");
	if (n == 0 || s[1 + n] != '.')
		return false;
	s += 2 + n;
	return *s != '\0' && strspn(s, "0123456789") == strlen(s);
}

static bool
row_exists(struct ccs_db *db, const char *sql, const char *key, int *rc)
{
	struct ccs_val v = CCS_VTEXT(key);
	int64_t n = 0;

	*rc = ccs_db_query_int(db, sql, &v, 1, &n);
	if (*rc == CCS_ENOTFOUND) {
		*rc = CCS_OK;
		return false;
	}
	return *rc == CCS_OK;
}

/* A 98/99 sector or tag: into needs or standards, or dropped. */
static int
add_class(struct imp *im, const struct ccs_iati_activity *a,
    const struct ccs_iati_class *k, const char *sub, json_t *needs,
    json_t *standards)
{
	struct ccs_val v;
	int64_t lineage = 0;
	size_t i;
	int rc;

	if (k->vocabulary == NULL || k->code == NULL ||
	    (strcmp(k->vocabulary, "98") != 0 &&
	    strcmp(k->vocabulary, "99") != 0))
		return CCS_OK;
	if (need_shaped(k->code)) {
		if (!row_exists(im->db, "SELECT 1 FROM needs WHERE ref = $1",
		    k->code, &rc)) {
			if (rc == CCS_OK)
				err_at(im, a, sub, k->line, "unknown_need: "
				    "\"%s\" is "
				    "not a need of the plan", k->code);
			return rc;
		}
		for (i = 0; i < json_array_size(needs); i++)
			if (ccs_streq(json_string_value(json_array_get(needs,
			    i)), k->code))
				return CCS_OK;
		return json_array_append_new(needs, json_string(k->code)) ?
		    CCS_ENOMEM : CCS_OK;
	}
	v = CCS_VTEXT(k->code);
	rc = ccs_db_query_int(im->db, "SELECT lineage_id FROM standards WHERE "
	    "code = $1 ORDER BY version_id DESC LIMIT 1", &v, 1, &lineage);
	if (rc == CCS_ENOTFOUND)
		return CCS_OK;	/* the publisher's own code */
	if (rc != CCS_OK)
		return rc;
	for (i = 0; i < json_array_size(standards); i++)
		if (json_integer_value(json_array_get(standards, i)) ==
		    lineage)
			return CCS_OK;
	return json_array_append_new(standards, json_integer(lineage)) ?
	    CCS_ENOMEM : CCS_OK;
}

static void
set_str(json_t *o, const char *key, const char *s)
{
	if (s != NULL)
		(void)json_object_set_new(o, key, json_string(s));
}

/* An IATI code the reader already checked against its code list, as a
 * number; 0 for an absent or non-numeric one (never a valid code). */
static int
code_num(const char *s)
{
	int64_t n = 0;

	if (s == NULL || ccs_parse_i64(s, 0, 999999, &n) != CCS_OK)
		return 0;
	return (int)n;
}

static void
set_code(json_t *o, const char *key, const char *s)
{
	if (s != NULL)
		(void)json_object_set_new(o, key, json_integer(code_num(s)));
}

/* An amount, its currency (or the activity's) and value date. */
static void
set_value(json_t *o, const struct ccs_iati_activity *a,
    const struct ccs_iati_value *v)
{
	set_str(o, "amount", v->amount);
	set_str(o, "currency", v->currency ? v->currency :
	    a->default_currency);
	set_str(o, "value_date", v->value_date);
}

static int
map_orgs(struct imp *im, const struct ccs_iati_activity *a, json_t *b)
{
	json_t *orgs = json_array(), *it;
	char sub[64];
	int64_t id = 0;
	size_t i, k;
	bool dup;
	int rc = CCS_OK;

	(void)json_object_set_new(b, "organisations", orgs);
	if (a->reporting_org.ref != NULL || a->reporting_org.name.text) {
		rc = org_or_err(im, a, &a->reporting_org, "/reporting-org",
		    &id);
		if (rc == CCS_OK && id > 0)
			(void)json_object_set_new(b, "reporting_org_id",
			    json_integer(id));
	}
	for (i = 0; rc == CCS_OK && i < a->norgs; i++) {
		(void)ccs_snprintf(sub, sizeof(sub), "/participating-org[%zu]",
		    i + 1);
		rc = org_or_err(im, a, &a->orgs[i], sub, &id);
		if (rc != CCS_OK || id == 0)
			continue;
		dup = false;
		json_array_foreach(orgs, k, it)
			dup = dup || (json_integer_value(json_object_get(it,
			    "id")) == id && json_integer_value(
			    json_object_get(it, "role")) == code_num(
			    a->orgs[i].role));
		if (!dup)
			(void)json_array_append_new(orgs, json_pack("{sI sI}",
			    "id", (json_int_t)id, "role",
			    (json_int_t)code_num(a->orgs[i].role)));
	}
	return rc;
}

static int
map_places(struct imp *im, const struct ccs_iati_activity *a, json_t *b)
{
	json_t *states = json_array(), *it;
	long long sum = 0, v;
	bool pct = false;
	char sub[64], txt[32];
	size_t i;
	int rc = CCS_OK;

	(void)json_object_set_new(b, "states", states);
	for (i = 0; rc == CCS_OK && i < a->ncountries; i++) {
		if (!row_exists(im->db, "SELECT 1 FROM states WHERE code = $1",
		    a->countries[i].code, &rc)) {
			(void)ccs_snprintf(sub, sizeof(sub),
			    "/recipient-country[%zu]/@code", i + 1);
			if (rc == CCS_OK)
				err_at(im, a, sub, a->countries[i].line,
				    "unknown_state: \"%s\" is not a state of "
				    "the plan",
				    a->countries[i].code);
			continue;
		}
		it = json_pack("{ss}", "state", a->countries[i].code);
		set_str(it, "percentage", a->countries[i].percentage);
		(void)json_array_append_new(states, it);
	}
	if (a->nregions == 0)
		return rc;
	/* several regions are one regional share */
	for (i = 0; i < a->nregions; i++) {
		if (a->regions[i].percentage != NULL &&
		    ccs_iati_decimal_e4(a->regions[i].percentage, &v)) {
			sum += v;
			pct = true;
		}
	}
	it = json_pack("{s n s s}", "state", "region_code",
	    a->regions[0].code);
	if (pct) {
		(void)ccs_snprintf(txt, sizeof(txt), "%lld.%02lld", sum /
		    10000, (sum % 10000) / 100);
		set_str(it, "percentage", txt);
	}
	(void)json_array_append_new(states, it);
	return rc;
}

static int
map_lists(struct imp *im, const struct ccs_iati_activity *a, json_t *b)
{
	json_t *needs = json_array(), *stds = json_array(), *arr, *it;
	const struct ccs_iati_indicator *ind;
	char sub[80];
	int64_t id;
	size_t i;
	int rc = CCS_OK;

	(void)json_object_set_new(b, "needs", needs);
	(void)json_object_set_new(b, "standards", stds);
	for (i = 0; rc == CCS_OK && i < a->nsectors; i++) {
		(void)ccs_snprintf(sub, sizeof(sub), "/sector[%zu]/@code",
		    i + 1);
		rc = add_class(im, a, &a->sectors[i], sub, needs, stds);
	}
	for (i = 0; rc == CCS_OK && i < a->ntags; i++) {
		(void)ccs_snprintf(sub, sizeof(sub), "/tag[%zu]/@code", i + 1);
		rc = add_class(im, a, &a->tags[i], sub, needs, stds);
	}
	arr = json_array();
	(void)json_object_set_new(b, "budgets", arr);
	for (i = 0; i < a->nbudgets; i++) {
		it = json_object();
		(void)json_object_set_new(it, "type", json_integer(
		    a->budgets[i].type ? code_num(a->budgets[i].type) : 1));
		(void)json_object_set_new(it, "status", json_integer(
		    a->budgets[i].status ? code_num(a->budgets[i].status) : 1));
		set_str(it, "period_start", a->budgets[i].period_start);
		set_str(it, "period_end", a->budgets[i].period_end);
		set_value(it, a, &a->budgets[i].value);
		(void)json_array_append_new(arr, it);
	}
	arr = json_array();
	(void)json_object_set_new(b, "transactions", arr);
	for (i = 0; rc == CCS_OK && i < a->ntransactions; i++) {
		const struct ccs_iati_transaction *t = &a->transactions[i];

		it = json_object();
		(void)json_array_append_new(arr, it);
		set_code(it, "type", t->type);
		set_str(it, "date", t->date);
		set_value(it, a, &t->value);
		set_str(it, "description", t->description.text);
		if (t->provider.ref != NULL || t->provider.name.text != NULL) {
			(void)ccs_snprintf(sub, sizeof(sub), "/transaction[%zu]"
			    "/provider-org", i + 1);
			rc = org_or_err(im, a, &t->provider, sub, &id);
			if (rc == CCS_OK && id > 0)
				(void)json_object_set_new(it,
				    "provider_org_id", json_integer(id));
		}
		if (rc == CCS_OK && (t->receiver.ref != NULL ||
		    t->receiver.name.text != NULL)) {
			(void)ccs_snprintf(sub, sizeof(sub), "/transaction[%zu]"
			    "/receiver-org", i + 1);
			rc = org_or_err(im, a, &t->receiver, sub, &id);
			if (rc == CCS_OK && id > 0)
				(void)json_object_set_new(it,
				    "receiver_org_id", json_integer(id));
		}
	}
	arr = json_array();
	(void)json_object_set_new(b, "results", arr);
	for (i = 0; i < a->nresults; i++) {
		it = json_object();
		set_code(it, "type", a->results[i].type);
		set_str(it, "title", a->results[i].title.text ?
		    a->results[i].title.text : "(untitled result)");
		ind = a->results[i].nindicators > 0 ?
		    &a->results[i].indicators[0] : NULL;
		if (ind != NULL) {
			set_code(it, "measure", ind->measure);
			set_str(it, "baseline", ind->baseline_value);
			if (ind->nperiods > 0) {
				set_str(it, "target", ind->periods[0].target);
				set_str(it, "actual", ind->periods[0].actual);
				set_str(it, "period_start",
				    ind->periods[0].start);
				set_str(it, "period_end", ind->periods[0].end);
			}
		}
		(void)json_array_append_new(arr, it);
	}
	arr = json_array();
	(void)json_object_set_new(b, "related", arr);
	for (i = 0; i < a->nrelated; i++) {
		if (ccs_streq(a->related[i].ref, a->identifier))
			continue;
		it = json_object();
		set_code(it, "type", a->related[i].type);
		set_str(it, "iati_identifier", a->related[i].ref);
		(void)json_array_append_new(arr, it);
	}
	arr = json_array();
	(void)json_object_set_new(b, "documents", arr);
	for (i = 0; i < a->ndocuments; i++) {
		it = json_object();
		set_str(it, "url", a->documents[i].url);
		set_str(it, "title", a->documents[i].title.text ?
		    a->documents[i].title.text : a->documents[i].url);
		if (a->documents[i].ncategories > 0)
			set_str(it, "category",
			    a->documents[i].categories[0]);
		(void)json_array_append_new(arr, it);
	}
	return rc;
}

/* The initiative body of @p a; NULL with im->hard set on store errors. */
static json_t *
body_of(struct imp *im, const struct ccs_iati_activity *a)
{
	static const char *const dkeys[] = { "planned_start", "actual_start",
	    "planned_end", "actual_end" };
	json_t *b = json_object();
	size_t i;
	int t, rc;

	if (b == NULL) {
		im->hard = CCS_ENOMEM;
		return NULL;
	}
	set_str(b, "iati_identifier", a->identifier);
	set_str(b, "title", a->title.text);
	set_str(b, "description", a->description.text);
	set_str(b, "kind", "project");
	set_code(b, "status", a->status);
	set_code(b, "scope", a->scope);
	set_str(b, "default_currency", a->default_currency);
	for (i = 0; i < a->ndates; i++) {
		t = code_num(a->dates[i].type);
		if (t >= 1 && t <= 4)
			set_str(b, dkeys[t - 1], a->dates[i].iso_date);
	}
	rc = map_orgs(im, a, b);
	if (rc == CCS_OK)
		rc = map_places(im, a, b);
	if (rc == CCS_OK)
		rc = map_lists(im, a, b);
	if (rc != CCS_OK) {
		im->hard = rc;
		json_decref(b);
		return NULL;
	}
	return b;
}

static int
on_activity(void *arg, const struct ccs_iati_activity *a)
{
	struct imp *im = arg;
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_val v;
	json_t *b, *stored = NULL, *out = NULL;
	int64_t id = 0;
	int rc;

	im->c->activities++;
	if (im->o->progress != NULL)
		im->o->progress(im->o->progress_arg, im->c->activities);
	if (a->title.text == NULL) {
		err_at(im, a, "/title", a->title_line, "missing_field: the "
		    "activity needs a title with a narrative");
		return CCS_OK;
	}
	b = body_of(im, a);
	if (b == NULL)
		return im->hard;
	if (im->failed) {
		/* mapped for its errors only: nothing more is written */
		json_decref(b);
		return CCS_OK;
	}
	v = CCS_VTEXT(a->identifier);
	rc = ccs_db_query_one(im->db, "SELECT id, version FROM initiatives "
	    "WHERE iati_identifier = $1", &v, 1, &stored);
	if (rc == CCS_ENOTFOUND) {
		rc = ccs_initiative_create_deferred(im->db, im->p, b, im->now,
		    &id, &f);
		if (rc == CCS_OK)
			im->c->created++;
	} else if (rc == CCS_OK) {
		(void)json_object_set(b, "version", json_object_get(stored,
		    "version"));
		id = json_integer_value(json_object_get(stored, "id"));
		rc = ccs_initiative_update_deferred(im->db, im->p, id, b,
		    im->now, &out, &f);
		if (rc == CCS_OK)
			im->c->updated++;
	} else {
		rc = ccs_dbfail(&f, im->db, rc);
	}
	json_decref(stored);
	json_decref(out);
	json_decref(b);
	if (rc == CCS_OK)
		rc = written(im, id);
	if (rc == CCS_OK)
		return CCS_OK;
	if (rc == CCS_EDB || rc == CCS_ENOMEM || rc == CCS_EBUSY) {
		*im->f = f;
		im->hard = rc;
		return rc;
	}
	err_at(im, a, "", 0, "%s: %s", f.code ? f.code : "invalid",
	    f.message);
	return CCS_OK;
}

int
ccs_cap_iati_import(struct ccs_db *db, const struct ccs_principal *p,
    FILE *in, const struct ccs_cap_iati_opts *o, int64_t now,
    struct ccs_cap_iati_counts *c, struct ccs_errlist *errs,
    struct ccs_fail *f)
{
	struct ccs_iati_read_opts ro;
	struct imp im;
	int rc;

	memset(c, 0, sizeof(*c));
	rc = ccs_policy_check(p, CCS_ACT_INITIATIVE_WRITE, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "import initiatives");
	memset(&im, 0, sizeof(im));
	im.db = db;
	im.p = p;
	im.o = o;
	im.now = now;
	im.c = c;
	im.errs = errs;
	im.f = f;
	memset(&ro, 0, sizeof(ro));
	ro.level = CCS_IATI_CHECK_ALL;
	ro.schema = o->schema;
	rc = ccs_iati_read(in, &ro, on_activity, &im, errs, f);
	c->errors = ccs_errlist_total(errs);
	/* a dry run is rolled back: its candidates need no refresh */
	if (rc == CCS_OK && !im.failed && im.hard == CCS_OK && !o->dry_run) {
		im.hard = ccs_cap_kept_refresh_ids(db, im.ids, im.nids);
		if (im.hard != CCS_OK)
			(void)ccs_dbfail(f, db, im.hard);
	}
	free(im.ids);
	if (im.hard != CCS_OK)
		return im.hard;
	if (rc == CCS_OK && !im.failed)
		return CCS_OK;
	if (rc == CCS_ENOMEM || rc == CCS_EIO)
		return rc;
	if (c->errors > 0 && !im.failed)
		(void)ccs_fail(f, CCS_EINVAL, "import_failed", "%s: %s",
		    ccs_errlist_path(errs, 0), ccs_errlist_message(errs, 0));
	else if (!im.failed)
		(void)ccs_fail(f, CCS_EINVAL, "import_failed", "the document "
		    "is not an IATI 2.0x activities file");
	f->rc = CCS_EINVAL;
	f->code = "import_failed";
	return CCS_EINVAL;
}

json_t *
ccs_cap_iati_report(const struct ccs_cap_iati_counts *c,
    const struct ccs_errlist *errs, bool dry_run)
{
	json_t *list = json_array(), *r;
	size_t i;

	if (list == NULL)
		return NULL;
	for (i = 0; i < ccs_errlist_count(errs); i++)
		(void)json_array_append_new(list, json_pack("{ss ss}", "path",
		    ccs_errlist_path(errs, i), "message",
		    ccs_errlist_message(errs, i)));
	r = json_pack("{s{sI sI sI sI} so sI sb}", "counts", "activities",
	    (json_int_t)c->activities, "created", (json_int_t)c->created,
	    "updated", (json_int_t)c->updated, "errors",
	    (json_int_t)c->errors, "errors", list, "errors_total",
	    (json_int_t)ccs_errlist_total(errs), "dry_run", dry_run);
	return r;
}

/* --- export ------------------------------------------------------------- */

/* Keeps @p s alive in @p keep and returns it (NULL stays NULL). */
static const char *
kept(json_t *keep, const char *s)
{
	json_t *j;

	if (s == NULL)
		return NULL;
	j = json_string(s);
	if (j == NULL || json_array_append_new(keep, j) != 0)
		return NULL;
	return json_string_value(j);
}

static const char *
keptf(json_t *keep, const char *fmt, ...) __attribute__((format(printf, 2,
    3)));

static const char *
keptf(json_t *keep, const char *fmt, ...)
{
	char buf[160];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return kept(keep, buf);
}

static const char *
jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static const char *
jcode(json_t *keep, const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	if (!json_is_integer(v))
		return NULL;
	return keptf(keep, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
}

/* The IATI OrganisationType of a directory kind (approximate). */
static const char *
org_type(const char *kind)
{
	if (ccs_streq(kind, "regional_agency") ||
	    ccs_streq(kind, "international_partner"))
		return "40";
	if (ccs_streq(kind, "private_sector"))
		return "70";
	if (ccs_streq(kind, "academic"))
		return "80";
	if (ccs_streq(kind, "other"))
		return "90";
	return "10";
}

/* Fills @p o from directory row @p row ({id, name, kind, iati_ref}). */
static void
org_of(json_t *keep, const json_t *row, struct ccs_iati_org *o)
{
	memset(o, 0, sizeof(*o));
	o->ref = jstr(row, "iati_ref") ? kept(keep, jstr(row, "iati_ref")) :
	    keptf(keep, "XM-CCSCAP-%" JSON_INTEGER_FORMAT, json_integer_value(
	    json_object_get(row, "id")));
	o->type = org_type(jstr(row, "kind"));
	o->name.text = kept(keep, jstr(row, "name"));
}

struct exp {
	struct ccs_iati_activity	 a;
	struct ccs_iati_org		*orgs;
	struct ccs_iati_date		 dates[4];
	struct ccs_iati_recipient	*rec;
	struct ccs_iati_class		*tags;
	struct ccs_iati_budget		*budgets;
	struct ccs_iati_transaction	*tx;
	struct ccs_iati_result		*res;
	struct ccs_iati_indicator	*ind;
	struct ccs_iati_period		*per;
	struct ccs_iati_related		*rel;
	struct ccs_iati_document	*doc;
	const char			**cats;
};

static void
exp_free(struct exp *e)
{
	free(e->orgs);
	free(e->rec);
	free(e->tags);
	free(e->budgets);
	free(e->tx);
	free(e->res);
	free(e->ind);
	free(e->per);
	free(e->rel);
	free(e->doc);
	free(e->cats);
	memset(e, 0, sizeof(*e));
}

#define NEWARR(p, n)	((p) = calloc((n) + 1, sizeof(*(p))))

/* The directory row of organisation @p id, or NULL. */
static const json_t *
dir_row(const json_t *dir, int64_t id)
{
	char key[24];

	(void)ccs_snprintf(key, sizeof(key), "%" PRId64, id);
	return json_object_get(dir, key);
}

/* Fills @p e from initiative @p in; strings live in @p keep / @p in. */
static int
fill(struct exp *e, const json_t *in, const json_t *dir, json_t *keep,
    size_t index)
{
	struct ccs_iati_activity *a = &e->a;
	const json_t *arr, *it, *row;
	const char *s;
	size_t i, n, k = 0;

	memset(e, 0, sizeof(*e));
	a->index = index;
	a->identifier = jstr(in, "iati_identifier");
	a->default_currency = jstr(in, "default_currency");
	a->title.text = jstr(in, "title");
	s = jstr(in, "description");
	a->description.text = s != NULL && s[0] != '\0' ? s : a->title.text;
	a->status = jcode(keep, in, "status");
	a->scope = jcode(keep, in, "scope");
	arr = json_object_get(in, "organisations");
	n = json_array_size(arr);
	if (NEWARR(e->orgs, n) == NULL)
		return CCS_ENOMEM;
	json_array_foreach(arr, i, it) {
		org_of(keep, it, &e->orgs[i]);
		e->orgs[i].type = org_type(jstr(dir_row(dir,
		    json_integer_value(json_object_get(it, "id"))), "kind"));
		e->orgs[i].role = jcode(keep, it, "role");
	}
	a->orgs = e->orgs;
	a->norgs = n;
	row = json_is_integer(json_object_get(in, "reporting_org_id")) ?
	    dir_row(dir, json_integer_value(json_object_get(in,
	    "reporting_org_id"))) : NULL;
	if (row != NULL)
		org_of(keep, row, &a->reporting_org);
	else if (n > 0)
		a->reporting_org = e->orgs[0];
	a->reporting_org.role = NULL;
	{
		static const char *const dk[] = { "planned_start",
		    "actual_start", "planned_end", "actual_end" };
		static const char *const dt[] = { "1", "2", "3", "4" };

		for (i = 0; i < 4; i++) {
			s = jstr(in, dk[i]);
			if (s == NULL)
				continue;
			e->dates[k].type = dt[i];
			e->dates[k].iso_date = s;
			k++;
		}
	}
	a->dates = e->dates;
	a->ndates = k;
	arr = json_object_get(in, "states");
	n = json_array_size(arr);
	if (NEWARR(e->rec, n) == NULL)
		return CCS_ENOMEM;
	k = 0;
	json_array_foreach(arr, i, it) {
		if (jstr(it, "state") == NULL)
			continue;
		e->rec[k].code = jstr(it, "state");
		e->rec[k].percentage = jstr(it, "percentage");
		k++;
	}
	a->countries = e->rec;
	a->ncountries = k;
	json_array_foreach(arr, i, it) {
		if (jstr(it, "state") != NULL)
			continue;
		e->rec[k].code = jstr(it, "region_code") ? jstr(it,
		    "region_code") : "380";	/* West Indies, regional */
		e->rec[k].percentage = jstr(it, "percentage");
		k++;
	}
	a->regions = e->rec + a->ncountries;
	a->nregions = k - a->ncountries;
	n = json_array_size(json_object_get(in, "needs")) +
	    json_array_size(json_object_get(in, "standards"));
	if (NEWARR(e->tags, n) == NULL)
		return CCS_ENOMEM;
	k = 0;
	json_array_foreach(json_object_get(in, "needs"), i, it) {
		e->tags[k].vocabulary = "99";
		e->tags[k].code = json_string_value(it);
		e->tags[k].name.text = kept(keep, "CCSCAP need");
		k++;
	}
	json_array_foreach(json_object_get(in, "standards"), i, it) {
		e->tags[k].vocabulary = "99";
		e->tags[k].code = keptf(keep, "CCSCAP-STD-%"
		    JSON_INTEGER_FORMAT, json_integer_value(it));
		e->tags[k].name.text = kept(keep, "CCSCAP minimum standard");
		k++;
	}
	a->tags = e->tags;
	a->ntags = k;
	arr = json_object_get(in, "budgets");
	n = json_array_size(arr);
	if (NEWARR(e->budgets, n) == NULL)
		return CCS_ENOMEM;
	json_array_foreach(arr, i, it) {
		e->budgets[i].type = jcode(keep, it, "type");
		e->budgets[i].status = jcode(keep, it, "status");
		e->budgets[i].period_start = jstr(it, "period_start");
		e->budgets[i].period_end = jstr(it, "period_end");
		e->budgets[i].value.amount = jstr(it, "amount");
		e->budgets[i].value.currency = jstr(it, "currency");
		e->budgets[i].value.value_date = jstr(it, "value_date");
	}
	a->budgets = e->budgets;
	a->nbudgets = n;
	arr = json_object_get(in, "transactions");
	n = json_array_size(arr);
	if (NEWARR(e->tx, n) == NULL)
		return CCS_ENOMEM;
	json_array_foreach(arr, i, it) {
		e->tx[i].type = jcode(keep, it, "type");
		e->tx[i].date = jstr(it, "date");
		e->tx[i].value.amount = jstr(it, "amount");
		e->tx[i].value.currency = jstr(it, "currency");
		e->tx[i].value.value_date = jstr(it, "value_date");
		e->tx[i].description.text = jstr(it, "description");
		row = json_is_integer(json_object_get(it, "provider_org_id")) ?
		    dir_row(dir, json_integer_value(json_object_get(it,
		    "provider_org_id"))) : NULL;
		if (row != NULL)
			org_of(keep, row, &e->tx[i].provider);
		e->tx[i].provider.type = NULL;
		row = json_is_integer(json_object_get(it, "receiver_org_id")) ?
		    dir_row(dir, json_integer_value(json_object_get(it,
		    "receiver_org_id"))) : NULL;
		if (row != NULL)
			org_of(keep, row, &e->tx[i].receiver);
		e->tx[i].receiver.type = NULL;
	}
	a->transactions = e->tx;
	a->ntransactions = n;
	arr = json_object_get(in, "results");
	n = json_array_size(arr);
	if (NEWARR(e->res, n) == NULL || NEWARR(e->ind, n) == NULL ||
	    NEWARR(e->per, n) == NULL)
		return CCS_ENOMEM;
	json_array_foreach(arr, i, it) {
		e->res[i].type = jcode(keep, it, "type");
		e->res[i].title.text = jstr(it, "title");
		e->res[i].indicators = &e->ind[i];
		e->res[i].nindicators = 1;
		e->ind[i].measure = jcode(keep, it, "measure");
		if (e->ind[i].measure == NULL)
			e->ind[i].measure = "1";
		e->ind[i].title.text = jstr(it, "title");
		e->ind[i].baseline_value = jstr(it, "baseline");
		if (jstr(it, "period_start") != NULL &&
		    jstr(it, "period_end") != NULL) {
			e->per[i].start = jstr(it, "period_start");
			e->per[i].end = jstr(it, "period_end");
			e->per[i].target = jstr(it, "target");
			e->per[i].actual = jstr(it, "actual");
			e->ind[i].periods = &e->per[i];
			e->ind[i].nperiods = 1;
		}
	}
	a->results = e->res;
	a->nresults = n;
	arr = json_object_get(in, "related");
	n = json_array_size(arr);
	if (NEWARR(e->rel, n) == NULL)
		return CCS_ENOMEM;
	json_array_foreach(arr, i, it) {
		e->rel[i].type = jcode(keep, it, "type");
		e->rel[i].ref = jstr(it, "iati_identifier");
	}
	a->related = e->rel;
	a->nrelated = n;
	arr = json_object_get(in, "documents");
	n = json_array_size(arr);
	if (NEWARR(e->doc, n) == NULL || NEWARR(e->cats, n) == NULL)
		return CCS_ENOMEM;
	json_array_foreach(arr, i, it) {
		e->doc[i].url = jstr(it, "url");
		e->doc[i].format = "text/html";
		e->doc[i].title.text = jstr(it, "title");
		e->cats[i] = jstr(it, "category") ? jstr(it, "category") :
		    "A01";
		e->doc[i].categories = &e->cats[i];
		e->doc[i].ncategories = 1;
	}
	a->documents = e->doc;
	a->ndocuments = n;
	return CCS_OK;
}

/* Every organisation as {"<id>": {id, name, kind, iati_ref}}: new. */
static int
directory(struct ccs_db *db, json_t **out)
{
	json_t *rows = NULL, *it;
	char key[24];
	size_t i;
	int rc;

	*out = json_object();
	if (*out == NULL)
		return CCS_ENOMEM;
	rc = ccs_db_query_json(db, "SELECT id, name, kind, iati_ref FROM "
	    "organisations", NULL, 0, &rows);
	json_array_foreach(rows, i, it) {
		(void)ccs_snprintf(key, sizeof(key), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(json_object_get(it, "id")));
		(void)json_object_set(*out, key, it);
	}
	json_decref(rows);
	return rc;
}

int
ccs_cap_iati_export(struct ccs_db *db, const struct ccs_principal *p,
    FILE *out, const char *generated, size_t *n, struct ccs_errlist *errs,
    struct ccs_fail *f)
{
	struct ccs_iati_writer *w = NULL;
	json_t *ids = NULL, *dir = NULL, *in = NULL, *keep = NULL, *it;
	struct exp e;
	size_t i, done = 0;
	int rc;

	memset(&e, 0, sizeof(e));
	if (n != NULL)
		*n = 0;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "read initiatives");
	rc = ccs_db_query_json(db, "SELECT id FROM initiatives ORDER BY id",
	    NULL, 0, &ids);
	if (rc == CCS_OK)
		rc = directory(db, &dir);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	if (json_array_size(ids) == 0) {
		rc = ccs_fail(f, CCS_ENOTFOUND, "nothing_to_export", "there "
		    "is no initiative to export (an IATI file needs one)");
		goto out;
	}
	rc = ccs_iati_writer_new(out, generated, &w, f);
	json_array_foreach(ids, i, it) {
		if (rc != CCS_OK)
			break;
		rc = ccs_initiative_load(db, json_integer_value(
		    json_object_get(it, "id")), &in);
		if (rc != CCS_OK) {
			rc = ccs_dbfail(f, db, rc);
			break;
		}
		keep = json_array();
		rc = keep ? fill(&e, in, dir, keep, i + 1) : CCS_ENOMEM;
		if (rc == CCS_OK)
			rc = ccs_iati_writer_add(w, &e.a, errs, f);
		if (rc == CCS_EINVAL)
			(void)ccs_fail(f, rc, "export_failed", "initiative %s "
			    "cannot be written as IATI 2.03",
			    jstr(in, "iati_identifier"));
		else if (rc == CCS_ENOMEM)
			(void)ccs_fail(f, rc, "internal", "out of memory");
		exp_free(&e);
		json_decref(keep);
		json_decref(in);
		keep = NULL;
		in = NULL;
		if (rc == CCS_OK)
			done++;
	}
	if (rc == CCS_OK)
		rc = ccs_iati_writer_finish(w, f);
	if (n != NULL)
		*n = done;
out:
	ccs_iati_writer_free(w);
	json_decref(ids);
	json_decref(dir);
	return rc;
}

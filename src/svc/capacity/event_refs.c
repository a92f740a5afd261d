/*
 * event_refs.c: what trainings and campaigns check the same way (see
 * event_refs.h). Each check runs before anything is written; the request
 * is one transaction, so a refused write stores nothing. Standards are
 * named by lineage id, so a record keeps targeting "the same standard"
 * across framework versions; they are resolved against the latest one.
 */
#include <stdlib.h>
#include <string.h>

#include "core/capacity/events.h"
#include "core/validate.h"
#include "svc/capacity/event_refs.h"
#include "svc/standards/framework.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

/* Counts rows of @p sql with one integer or text parameter. */
static int
count(struct ccs_db *db, const char *sql, struct ccs_val v, int64_t *n)
{
	return ccs_db_query_int(db, sql, &v, 1, n);
}

int
ccs_capev_org(struct ccs_db *db, int64_t id, const char *field,
    struct ccs_fail *f)
{
	int64_t n = 0;
	int rc;

	rc = count(db, "SELECT COUNT(*) FROM organisations WHERE id = $1",
	    CCS_VINT(id), &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (n == 0)
		return ccs_fail(f, CCS_EINVAL, "unknown_organisation", "%s: no "
		    "organisation %lld in the directory", field, (long long)id);
	return CCS_OK;
}

/*
 * A record is linked to live work: an initiative merged into another is
 * refused, naming the survivor, rather than followed to it silently (the
 * caller sees which record the link would land on and sends it).
 */
int
ccs_capev_initiative(struct ccs_db *db, int64_t id, const char *field,
    struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *row = NULL;
	const json_t *into;
	int rc;

	rc = ccs_db_query_one(db, "SELECT i.merged_into, m.iati_identifier "
	    "AS into_identifier FROM initiatives i LEFT JOIN initiatives m "
	    "ON m.id = i.merged_into WHERE i.id = $1", &v, 1, &row);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, CCS_EINVAL, "unknown_initiative", "%s: no "
		    "initiative %lld", field, (long long)id);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	into = json_object_get(row, "merged_into");
	if (json_is_integer(into))
		rc = ccs_fail(f, CCS_EINVAL, "initiative_merged", "%s: "
		    "initiative %lld was merged into initiative %"
		    JSON_INTEGER_FORMAT " (%s); link the record to %"
		    JSON_INTEGER_FORMAT, field, (long long)id,
		    json_integer_value(into), json_string_value(
		    json_object_get(row, "into_identifier")),
		    json_integer_value(into));
	json_decref(row);
	return rc;
}

int
ccs_capev_period(const char *start, const char *end, struct ccs_fail *f)
{
	if (!ccs_valid_date(start))
		return ccs_fail(f, CCS_EINVAL, "invalid_date", "start must be "
		    "a date written YYYY-MM-DD");
	if (!ccs_valid_date(end))
		return ccs_fail(f, CCS_EINVAL, "invalid_date", "end must be a "
		    "date written YYYY-MM-DD");
	if (!ccs_period_ok(start, end))
		return ccs_fail(f, CCS_EINVAL, "invalid_period", "end %s is "
		    "before start %s", end, start);
	return CCS_OK;
}

int
ccs_capev_words(const json_t *arr, const struct ccs_vocab *vocab,
    const char *field, const char *code, struct ccs_fail *f)
{
	const json_t *w, *w2;
	char allowed[400];
	size_t i, j;

	if (ccs_vocab_list(vocab, allowed, sizeof(allowed)) != 0)
		allowed[0] = '\0';
	if (json_array_size(arr) == 0)
		return ccs_fail(f, CCS_EINVAL, code, "%s: name at least one of "
		    "%s", field, allowed);
	json_array_foreach(arr, i, w) {
		if (!ccs_vocab_has(vocab, json_string_value(w)))
			return ccs_fail(f, CCS_EINVAL, code, "%s[%zu] must be "
			    "one of %s", field, i, allowed);
		for (j = 0; j < i; j++) {
			w2 = json_array_get(arr, j);
			if (ccs_streq(json_string_value(w),
			    json_string_value(w2)))
				return ccs_fail(f, CCS_EINVAL, code, "%s[%zu] "
				    "repeats '%s'", field, i,
				    json_string_value(w));
		}
	}
	return CCS_OK;
}

int
ccs_capev_materials(const json_t *arr, struct ccs_fail *f)
{
	const json_t *m;
	const char *title, *url;
	size_t i;

	json_array_foreach(arr, i, m) {
		title = json_string_value(json_object_get(m, "title"));
		url = json_string_value(json_object_get(m, "url"));
		if (!json_is_object(m) || json_object_size(m) != 2 ||
		    title == NULL || url == NULL || title[0] == '\0' ||
		    strlen(title) > 300 || !ccs_text_ok(title))
			return ccs_fail(f, CCS_EINVAL, "invalid_material",
			    "materials[%zu] must be {\"title\", \"url\"}", i);
		if (strlen(url) > 2000 || !ccs_valid_url(url))
			return ccs_fail(f, CCS_EINVAL, "invalid_url",
			    "materials"
			    "[%zu].url must be an http(s) address", i);
	}
	return CCS_OK;
}

int
ccs_capev_topics(const json_t *arr, struct ccs_fail *f)
{
	const json_t *t;
	const char *s;
	size_t i;

	json_array_foreach(arr, i, t) {
		s = json_string_value(t);
		if (s == NULL || s[0] == '\0' || strlen(s) > 300 ||
		    !ccs_text_ok(s))
			return ccs_fail(f, CCS_EINVAL, "invalid_topic", "topics"
			    "[%zu] must be text of 1-300 bytes", i);
	}
	return CCS_OK;
}

int
ccs_capev_targets(struct ccs_db *db, const json_t *arr, json_t **out,
    struct ccs_fail *f)
{
	const json_t *t, *lv;
	json_t *std = NULL, *res;
	struct ccs_val v[2];
	int64_t vid, lineage, level, nlevels;
	size_t i, j;
	int rc;

	*out = NULL;
	res = json_array();
	if (res == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	if (json_array_size(arr) > 0) {
		rc = ccs_fw_latest(db, &vid, NULL);
		if (rc != CCS_OK) {
			json_decref(res);
			return ccs_fail(f, CCS_EINVAL, "unknown_standard",
			    "standards: no framework version is published yet");
		}
	}
	json_array_foreach(arr, i, t) {
		lv = NULL;
		if (json_is_object(t)) {
			lv = json_object_get(t, "level");
			if (!json_is_integer(json_object_get(t, "standard")) ||
			    (lv != NULL && !json_is_integer(lv)) ||
			    json_object_size(t) != (lv ? 2u : 1u)) {
				rc = ccs_fail(f, CCS_EINVAL, "invalid_standard",
				    "standards[%zu] must be a lineage id or "
				    "{\"standard\": id, \"level\": n}", i);
				goto fail;
			}
			lineage = json_integer_value(json_object_get(t,
			    "standard"));
		} else if (json_is_integer(t)) {
			lineage = json_integer_value(t);
		} else {
			rc = ccs_fail(f, CCS_EINVAL, "invalid_standard",
			    "standards[%zu] must be a lineage id or "
			    "{\"standard\": id, \"level\": n}", i);
			goto fail;
		}
		v[0] = CCS_VINT(vid);
		v[1] = CCS_VINT(lineage);
		rc = ccs_db_query_one(db, "SELECT nlevels FROM standards WHERE "
		    "version_id = $1 AND lineage_id = $2", v, 2, &std);
		if (rc == CCS_ENOTFOUND) {
			rc = ccs_fail(f, CCS_EINVAL, "unknown_standard",
			    "standards[%zu]: no standard %lld in the current "
			    "framework", i, (long long)lineage);
			goto fail;
		}
		if (rc != CCS_OK) {
			rc = ccs_dbfail(f, db, rc);
			goto fail;
		}
		nlevels = json_integer_value(json_object_get(std, "nlevels"));
		json_decref(std);
		std = NULL;
		level = lv ? json_integer_value(lv) : -1;
		if (lv != NULL && (level < 1 || level >= nlevels)) {
			rc = ccs_fail(f, CCS_EINVAL, "invalid_level",
			    "standards[%zu].level must be 1-%lld on this "
			    "standard's scale", i, (long long)nlevels - 1);
			goto fail;
		}
		for (j = 0; j < json_array_size(res); j++) {
			if (json_integer_value(json_object_get(json_array_get(
			    res, j), "lineage_id")) == lineage) {
				rc = ccs_fail(f, CCS_EINVAL,
				    "duplicate_standard", "standards[%zu] "
				    "repeats standard %lld", i,
				    (long long)lineage);
				goto fail;
			}
		}
		if (json_array_append_new(res, json_pack("{s:I, s:o}",
		    "lineage_id", (json_int_t)lineage, "level", level >= 0 ?
		    json_integer(level) : json_null())) != 0) {
			rc = ccs_fail(f, CCS_ENOMEM, "internal",
			    "out of memory");
			goto fail;
		}
	}
	*out = res;
	return CCS_OK;
fail:
	json_decref(res);
	return rc;
}

int
ccs_capev_store_targets(struct ccs_db *db, const char *table,
    const char *key, int64_t id, const json_t *targets)
{
	const json_t *t, *lv;
	struct ccs_val v[3];
	char sql[200];
	size_t i;
	int rc;

	v[0] = CCS_VINT(id);
	rc = ccs_snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE %s = $1",
	    table, key);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, sql, v, 1, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_snprintf(sql, sizeof(sql), "INSERT INTO %s (%s, "
		    "lineage_id, level) VALUES ($1, $2, $3)", table, key);
	json_array_foreach(targets, i, t) {
		if (rc != CCS_OK)
			break;
		lv = json_object_get(t, "level");
		v[1] = CCS_VINT(json_integer_value(json_object_get(t,
		    "lineage_id")));
		v[2] = json_is_integer(lv) ? CCS_VINT(json_integer_value(lv)) :
		    CCS_VNULL;
		rc = ccs_db_exec(db, sql, v, 3, NULL, NULL);
	}
	return rc;
}

int
ccs_capev_load_targets(struct ccs_db *db, const char *table,
    const char *key, int64_t id, json_t **out)
{
	struct ccs_val v[2];
	char sql[400];
	int64_t vid = 0;
	int rc;

	*out = NULL;
	rc = ccs_fw_latest(db, &vid, NULL);
	if (rc == CCS_ENOTFOUND)
		rc = CCS_OK;
	v[0] = CCS_VINT(id);
	v[1] = CCS_VINT(vid);
	if (rc == CCS_OK)
		rc = ccs_snprintf(sql, sizeof(sql), "SELECT t.lineage_id, "
		    "s.code, s.title, t.level, s.met_level FROM %s t LEFT JOIN "
		    "standards s ON s.lineage_id = t.lineage_id AND "
		    "s.version_id = $2 WHERE t.%s = $1 ORDER BY t.lineage_id",
		    table, key);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, sql, v, 2, out);
	return rc;
}

int
ccs_capev_org_json(struct ccs_db *db, int64_t id, json_t **out)
{
	struct ccs_val v = CCS_VINT(id);
	int rc;

	*out = NULL;
	if (id > 0) {
		rc = ccs_db_query_one(db, "SELECT id, name, acronym FROM "
		    "organisations WHERE id = $1", &v, 1, out);
		if (rc != CCS_ENOTFOUND)
			return rc;
	}
	*out = json_null();
	return CCS_OK;
}

int
ccs_capev_set(json_t *o, const char *k, json_t *v)
{
	if (v == NULL)
		return CCS_ENOMEM;
	return json_object_set_new(o, k, v) == 0 ? CCS_OK : CCS_ENOMEM;
}

json_t *
ccs_capev_targets_body(const json_t *targets)
{
	const json_t *s, *lv;
	json_t *out = json_array(), *one;
	size_t i;

	json_array_foreach(targets, i, s) {
		if (out == NULL)
			break;
		lv = json_object_get(s, "level");
		one = json_is_integer(lv) ? json_pack("{s:O, s:O}", "standard",
		    json_object_get(s, "lineage_id"), "level", lv) :
		    json_incref(json_object_get(s, "lineage_id"));
		if (json_array_append_new(out, one) != 0) {
			json_decref(out);
			out = NULL;
		}
	}
	return out;
}

char *
ccs_capev_dump(const json_t *v)
{
	return v != NULL ? json_dumps(v, JSON_COMPACT) : ccs_strdup("[]");
}

json_t *
ccs_capev_parse(const char *text)
{
	json_t *v = text ? json_loads(text, 0, NULL) : NULL;

	return v ? v : json_array();
}

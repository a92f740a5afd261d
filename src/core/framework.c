/*
 * framework.c: validating a framework document before anything is stored.
 * Messages name the JSON path ("areas[2].specific_areas[0].standards[1].
 * met_level") so a coordinator can find the mistake in a large document.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/framework.h"
#include "core/vocab.h"
#include "util/err.h"
#include "util/str.h"

static bool
in_list(const char *s, const char *const *l)
{
	for (; s && *l; l++) {
		if (strcmp(s, *l) == 0)
			return true;
	}
	return false;
}

bool
ccs_fw_gci_ok(const char *s)
{
	return ccs_vocab_has(&ccs_gci_pillars, s);
}

bool
ccs_fw_cmm_ok(const char *s)
{
	return ccs_vocab_has(&ccs_cmm_dimensions, s);
}

static bool
code_ok(const char *s, size_t max)
{
	size_t n;

	if (s == NULL)
		return false;
	n = strlen(s);
	if (n == 0 || n > max)
		return false;
	for (; *s; s++) {
		if (!(isupper((unsigned char)*s) || isdigit((unsigned char)*s) ||
		    *s == '-' || *s == '.' || *s == '_'))
			return false;
	}
	return true;
}

static bool
text_ok(const json_t *v, size_t min, size_t max)
{
	const char *s = json_string_value(v);

	return s != NULL && strlen(s) >= min && strlen(s) <= max &&
	    ccs_text_ok(s);
}

/* Refuses members of @p o not in @p allowed. */
static int
only(const json_t *o, const char *const *allowed, const char *path,
    struct ccs_fail *f)
{
	const char *key;
	json_t *v;

	if (!json_is_object(o))
		return ccs_fail(f, CCS_EINVAL, "invalid_framework", "%s must be "
		    "an object", path);
	json_object_foreach((json_t *)o, key, v) {
		if (!in_list(key, allowed))
			return ccs_fail(f, CCS_EINVAL, "invalid_framework",
			    "%s: unknown member '%.40s'", path, key);
	}
	return CCS_OK;
}

static bool
need_known(const json_t *needs, const char *ref)
{
	const json_t *n;
	size_t i;

	json_array_foreach(needs, i, n) {
		if (ccs_streq(json_string_value(json_object_get(n, "ref")), ref))
			return true;
	}
	return false;
}

static int
check_standard(const json_t *s, const json_t *needs, const char *path,
    struct ccs_fail *f)
{
	static const char *const keys[] = { "code", "title", "description",
	    "scale", "met_level", "gci_pillar", "cmm_dimension", "needs",
	    NULL };
	const json_t *scale = json_object_get(s, "scale"), *lv;
	const json_t *met = json_object_get(s, "met_level");
	const json_t *nd = json_object_get(s, "needs");
	size_t i, j;
	int rc;

	rc = only(s, keys, path, f);
	if (rc != CCS_OK)
		return rc;
	if (!code_ok(json_string_value(json_object_get(s, "code")), 32))
		return ccs_fail(f, CCS_EINVAL, "invalid_framework", "%s.code "
		    "must be 1-32 of A-Z, 0-9, '-', '.', '_'", path);
	if (!text_ok(json_object_get(s, "title"), 3, 200))
		return ccs_fail(f, CCS_EINVAL, "invalid_framework", "%s.title "
		    "must be 3-200 characters", path);
	if (!text_ok(json_object_get(s, "description"), 0, 2000))
		return ccs_fail(f, CCS_EINVAL, "invalid_framework", "%s."
		    "description must be a string of at most 2000 characters",
		    path);
	if (!json_is_array(scale) || json_array_size(scale) < 2 ||
	    json_array_size(scale) > CCS_FW_MAX_LEVELS)
		return ccs_fail(f, CCS_EINVAL, "invalid_framework", "%s.scale "
		    "must list 2-%d levels, lowest first", path,
		    CCS_FW_MAX_LEVELS);
	json_array_foreach(scale, i, lv) {
		if (!text_ok(lv, 1, 120))
			return ccs_fail(f, CCS_EINVAL, "invalid_framework",
			    "%s.scale[%zu] must be 1-120 characters", path, i);
		for (j = 0; j < i; j++) {
			if (ccs_streq(json_string_value(lv), json_string_value(
			    json_array_get(scale, j))))
				return ccs_fail(f, CCS_EINVAL,
				    "invalid_framework", "%s.scale[%zu] repeats "
				    "a level", path, i);
		}
	}
	if (!json_is_integer(met) || json_integer_value(met) < 1 ||
	    json_integer_value(met) >= (json_int_t)json_array_size(scale))
		return ccs_fail(f, CCS_EINVAL, "invalid_framework", "%s."
		    "met_level must be an index into scale other than 0", path);
	if (!ccs_fw_gci_ok(json_string_value(json_object_get(s,
	    "gci_pillar"))))
		return ccs_fail(f, CCS_EINVAL, "invalid_framework", "%s."
		    "gci_pillar must be legal, technical, organizational, "
		    "capacity_development or cooperation", path);
	if (!ccs_fw_cmm_ok(json_string_value(json_object_get(s,
	    "cmm_dimension"))))
		return ccs_fail(f, CCS_EINVAL, "invalid_framework", "%s."
		    "cmm_dimension must be D1-D5", path);
	if (nd != NULL && !json_is_array(nd))
		return ccs_fail(f, CCS_EINVAL, "invalid_framework", "%s.needs "
		    "must be an array of need refs", path);
	json_array_foreach(nd, i, lv) {
		if (!json_is_string(lv) || (needs != NULL &&
		    !need_known(needs, json_string_value(lv))))
			return ccs_fail(f, CCS_EINVAL, "invalid_framework",
			    "%s.needs[%zu] is not a need of the plan's tables",
			    path, i);
	}
	return CCS_OK;
}

int
ccs_fw_validate(const json_t *doc, const json_t *needs, struct ccs_fail *f)
{
	static const char *const top[] = { "title", "note", "areas", "version",
	    "source", "sources", "needs", NULL };
	static const char *const akeys[] = { "code", "name", "specific_areas",
	    NULL };
	static const char *const skeys[] = { "code", "name", "standards",
	    NULL };
	const json_t *areas, *a, *sa, *st;
	char path[160];
	size_t i, j, k, total = 0;
	int rc;

	rc = only(doc, top, "the framework", f);
	if (rc != CCS_OK)
		return rc;
	if (!text_ok(json_object_get(doc, "title"), 3, 200))
		return ccs_fail(f, CCS_EINVAL, "invalid_framework", "title must "
		    "be 3-200 characters");
	if (json_object_get(doc, "note") != NULL && !json_is_null(
	    json_object_get(doc, "note")) && !text_ok(json_object_get(doc,
	    "note"), 0, 2000))
		return ccs_fail(f, CCS_EINVAL, "invalid_framework", "note must be "
		    "a string of at most 2000 characters");
	areas = json_object_get(doc, "areas");
	if (!json_is_array(areas) || json_array_size(areas) == 0 ||
	    json_array_size(areas) > 20)
		return ccs_fail(f, CCS_EINVAL, "invalid_framework", "areas must "
		    "list 1-20 priority areas");
	json_array_foreach(areas, i, a) {
		(void)ccs_snprintf(path, sizeof(path), "areas[%zu]", i);
		rc = only(a, akeys, path, f);
		if (rc != CCS_OK)
			return rc;
		if (!code_ok(json_string_value(json_object_get(a, "code")), 16) ||
		    !text_ok(json_object_get(a, "name"), 2, 200))
			return ccs_fail(f, CCS_EINVAL, "invalid_framework",
			    "%s needs a code (A-Z, 0-9, '-', '.') and a name",
			    path);
		json_array_foreach(json_object_get(a, "specific_areas"), j,
		    sa) {
			(void)ccs_snprintf(path, sizeof(path),
			    "areas[%zu].specific_areas[%zu]", i, j);
			rc = only(sa, skeys, path, f);
			if (rc != CCS_OK)
				return rc;
			if (!code_ok(json_string_value(json_object_get(sa,
			    "code")), 16) || !text_ok(json_object_get(sa,
			    "name"), 2, 200))
				return ccs_fail(f, CCS_EINVAL,
				    "invalid_framework", "%s needs a code and a "
				    "name", path);
			json_array_foreach(json_object_get(sa, "standards"), k,
			    st) {
				(void)ccs_snprintf(path, sizeof(path),
				    "areas[%zu].specific_areas[%zu]."
				    "standards[%zu]", i, j, k);
				rc = check_standard(st, needs, path, f);
				if (rc != CCS_OK)
					return rc;
				if (++total > CCS_FW_MAX_STANDARDS)
					return ccs_fail(f, CCS_EINVAL,
					    "invalid_framework", "more than %d "
					    "standards", CCS_FW_MAX_STANDARDS);
			}
		}
	}
	if (total == 0)
		return ccs_fail(f, CCS_EINVAL, "invalid_framework", "the "
		    "framework has no standards");
	return CCS_OK;
}

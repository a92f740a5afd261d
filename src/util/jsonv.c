/*
 * jsonv.c: checks a request body against a field table before any handler
 * touches it, so unknown fields, wrong types and oversize strings are refused
 * with one code each and the handler sees only well-formed input.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/jsonv.h"
#include "util/str.h"

static const char *
type_name(enum ccs_jtype t)
{
	switch (t) {
	case CCS_J_STRING: return "a string";
	case CCS_J_INT:
	case CCS_J_VERSION: return "an integer";
	case CCS_J_BOOL: return "true or false";
	case CCS_J_NULLSTR: return "a string or null";
	case CCS_J_ARRAY: return "an array";
	case CCS_J_OBJECT: return "an object";
	case CCS_J_NULLINT: return "an integer or null";
	}
	return "?";
}

static void set_err(struct ccs_jerr *, const char *, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
set_err(struct ccs_jerr *err, const char *code, const char *fmt, ...)
{
	va_list ap;
	int n;

	err->code = code;
	va_start(ap, fmt);
	n = vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	if (n < 0)
		err->message[0] = '\0';
}

static bool
check_string(const json_t *v, const struct ccs_jfield *f,
    struct ccs_jerr *err)
{
	const char *s = json_string_value(v);
	size_t n = json_string_length(v), at = 0;
	enum ccs_text_fault tf = ccs_text_check(s, n, &at);

	if (tf != CCS_TEXT_OK) {
		set_err(err, "invalid_text", "field '%s' contains %s at byte "
		    "%zu; remove it and send again", f->name,
		    ccs_text_fault_text(tf), at);
		return false;
	}
	if (n < f->min_len) {
		set_err(err, n == 0 ? "missing_field" : "field_too_short",
		    "field '%s' is too short", f->name);
		return false;
	}
	if (f->max_len && n > f->max_len) {
		set_err(err, "field_too_long", "field '%s' is too long",
		    f->name);
		return false;
	}
	return true;
}

static bool
check_one(const json_t *v, const struct ccs_jfield *f, struct ccs_jerr *err)
{
	bool ok;

	switch (f->type) {
	case CCS_J_STRING:
		ok = json_is_string(v);
		break;
	case CCS_J_NULLSTR:
		ok = json_is_string(v) || json_is_null(v);
		break;
	case CCS_J_INT:
	case CCS_J_VERSION:
		ok = json_is_integer(v);
		break;
	case CCS_J_BOOL:
		ok = json_is_boolean(v);
		break;
	case CCS_J_ARRAY:
		ok = json_is_array(v);
		break;
	case CCS_J_OBJECT:
		ok = json_is_object(v);
		break;
	case CCS_J_NULLINT:
		ok = json_is_integer(v) || json_is_null(v);
		break;
	default:
		ok = false;
	}
	if (!ok) {
		set_err(err, "wrong_type", "field '%s' must be %s", f->name,
		    type_name(f->type));
		return false;
	}
	if (json_is_string(v))
		return check_string(v, f, err);
	if (f->type == CCS_J_ARRAY && f->max_len &&
	    json_array_size(v) > f->max_len) {
		set_err(err, "field_too_long", "field '%s' has too many items",
		    f->name);
		return false;
	}
	return true;
}

bool
ccs_jsonv_check(const json_t *obj, const struct ccs_jfield *spec,
    size_t nspec, bool partial, struct ccs_jerr *err)
{
	const char *key;
	json_t *v;
	size_t i;

	if (!json_is_object(obj)) {
		set_err(err, "invalid_body", "the request body must be a JSON "
		    "object");
		return false;
	}
	json_object_foreach((json_t *)obj, key, v) {
		for (i = 0; i < nspec; i++) {
			if (strcmp(spec[i].name, key) == 0)
				break;
		}
		if (i == nspec) {
			set_err(err, "unknown_field", "unknown field '%.100s'",
			    key);
			return false;
		}
		if (spec[i].type == CCS_J_VERSION && !partial) {
			set_err(err, "unknown_field", "field '%s' is set by "
			    "the server when the record is made", key);
			return false;
		}
		if (!check_one(v, &spec[i], err))
			return false;
	}
	for (i = 0; i < nspec && !partial; i++) {
		if (spec[i].required && json_object_get(obj, spec[i].name) ==
		    NULL) {
			set_err(err, "missing_field",
			    "field '%s' is required", spec[i].name);
			return false;
		}
	}
	return true;
}

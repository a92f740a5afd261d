/*
 * fuzz_jsonv.c: libFuzzer target for request body validation: the bytes go
 * through json_loadb exactly as the router parses a body, then through
 * ccs_jsonv_check with the contact field table (create and PATCH) and the
 * organisation table. An accepted body must really satisfy the table: only
 * known fields, the right types, lengths within bounds, text without
 * control characters. A refusal must carry a code and a terminated message.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "svc/directory/directory.h"
#include "util/jsonv.h"
#include "util/str.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)	do { if (!(x)) abort(); } while (0)

static const struct ccs_jfield *
find(const struct ccs_jfield *t, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(t[i].name, name) == 0)
			return &t[i];
	}
	return NULL;
}

/* Re-checks an accepted body independently of jsonv.c. */
static void
verify(const json_t *o, const struct ccs_jfield *t, size_t n, bool partial)
{
	const struct ccs_jfield *f;
	const char *key;
	json_t *v;
	size_t i, len;

	CHECK(json_is_object(o));
	json_object_foreach((json_t *)o, key, v) {
		f = find(t, n, key);
		CHECK(f != NULL);
		switch (f->type) {
		case CCS_J_NULLSTR:
			if (json_is_null(v))
				break;
			/* FALLTHROUGH */
		case CCS_J_STRING:
			CHECK(json_is_string(v));
			len = json_string_length(v);
			CHECK(strlen(json_string_value(v)) == len);
			CHECK(ccs_text_ok(json_string_value(v)));
			CHECK(len >= f->min_len);
			CHECK(f->max_len == 0 || len <= f->max_len);
			break;
		case CCS_J_VERSION:
			CHECK(partial);
			/* FALLTHROUGH */
		case CCS_J_INT:
			CHECK(json_is_integer(v));
			break;
		case CCS_J_NULLINT:
			CHECK(json_is_integer(v) || json_is_null(v));
			break;
		case CCS_J_BOOL:
			CHECK(json_is_boolean(v));
			break;
		case CCS_J_ARRAY:
			CHECK(json_is_array(v));
			CHECK(f->max_len == 0 || json_array_size(v) <= f->max_len);
			break;
		case CCS_J_OBJECT:
			CHECK(json_is_object(v));
			break;
		}
	}
	for (i = 0; i < n && !partial; i++)
		CHECK(!t[i].required || json_object_get(o, t[i].name) != NULL);
}

static void
one(const json_t *o, const struct ccs_jfield *t, size_t n, bool partial)
{
	struct ccs_jerr e;

	memset(&e, 0, sizeof(e));
	if (ccs_jsonv_check(o, t, n, partial, &e)) {
		verify(o, t, n, partial);
		return;
	}
	CHECK(e.code != NULL && e.code[0] != '\0');
	CHECK(memchr(e.message, '\0', sizeof(e.message)) != NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t je;
	json_t *o;

	/* The router's flags, then the more permissive NUL-allowing parse. */
	o = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &je);
	if (o != NULL) {
		one(o, ccs_contact_fields, ccs_contact_nfields, false);
		one(o, ccs_contact_fields, ccs_contact_nfields, true);
		one(o, ccs_org_fields, ccs_org_nfields, false);
		json_decref(o);
	}
	o = json_loadb((const char *)data, size, JSON_ALLOW_NUL |
	    JSON_DECODE_ANY, &je);
	if (o != NULL) {
		one(o, ccs_contact_fields, ccs_contact_nfields, true);
		json_decref(o);
	}
	return 0;
}

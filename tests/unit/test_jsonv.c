/*
 * test_jsonv.c: request body validation (util/jsonv.c) with the real field
 * tables of the directory (contacts, organisations). Each refusal has its
 * own stable code and a message naming the field, which is what an API user
 * sees in {"error":{"code","message"}}.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "svc/directory/directory.h"
#include "util/jsonv.h"

/* Parses @p text (must be valid JSON) and runs the check. */
static bool
check(const char *text, const struct ccs_jfield *spec, size_t n,
    bool partial, struct ccs_jerr *e)
{
	json_error_t je;
	json_t *o;
	bool ok;

	o = json_loads(text, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
	if (o == NULL)
		fail_msg("test JSON does not parse: %s: %s", text, je.text);
	memset(e, 0, sizeof(*e));
	ok = ccs_jsonv_check(o, spec, n, partial, e);
	json_decref(o);
	return ok;
}

static bool
contact(const char *text, bool partial, struct ccs_jerr *e)
{
	return check(text, ccs_contact_fields, ccs_contact_nfields, partial, e);
}

/* Asserts a refusal with @p code whose message mentions @p field. */
static void
refused(const char *text, bool partial, const char *code, const char *field)
{
	struct ccs_jerr e;

	if (contact(text, partial, &e))
		fail_msg("accepted: %s", text);
	assert_non_null(e.code);
	assert_string_equal(e.code, code);
	if (field != NULL && strstr(e.message, field) == NULL)
		fail_msg("message '%s' does not name '%s'", e.message, field);
}

static void
test_valid(void **state)
{
	struct ccs_jerr e;

	(void)state;
	assert_true(contact("{\"name\":\"A. Person\",\"role\":\"ncpoc\"}", false,
	    &e));
	assert_true(contact("{\"name\":\"A. Person\",\"role\":\"ncpoc\","
	    "\"title\":null,\"ncpoc_category\":\"judiciary\",\"state\":\"JM\","
	    "\"organisation_id\":3,\"email\":\"a@b.gov.jm\",\"phone\":null,"
	    "\"availability\":\"24/7\",\"key_fingerprint\":null}", false, &e));
	/* PATCH: nothing is required, any subset may be sent */
	assert_true(contact("{}", true, &e));
	assert_true(contact("{\"phone\":\"+1 876 555 0100\"}", true, &e));
	assert_true(contact("{\"version\":4,\"title\":null}", true, &e));
	/* multi-byte text within the limits */
	assert_true(contact("{\"name\":\"Cura\\u00e7ao \\ud83c\\uddef\","
	    "\"role\":\"cert_duty\"}", false, &e));
}

static void
test_unknown_field(void **state)
{
	(void)state;
	refused("{\"name\":\"x\",\"role\":\"ncpoc\",\"nmae\":\"y\"}", false,
	    "unknown_field", "nmae");
	refused("{\"id\":1}", true, "unknown_field", "id");
	refused("{\"Name\":\"x\"}", true, "unknown_field", "Name");
	refused("{\"\":1}", true, "unknown_field", NULL);
	/* the version is the server's on a create, the client's on a PATCH */
	refused("{\"name\":\"x\",\"role\":\"ncpoc\",\"version\":3}", false,
	    "unknown_field", "version");
	refused("{\"version\":\"3\"}", true, "wrong_type", "version");
}

static void
test_missing_field(void **state)
{
	(void)state;
	refused("{\"role\":\"ncpoc\"}", false, "missing_field", "name");
	refused("{\"name\":\"x\"}", false, "missing_field", "role");
	refused("{}", false, "missing_field", NULL);
	/* an empty required string counts as missing */
	refused("{\"name\":\"\",\"role\":\"ncpoc\"}", false, "missing_field",
	    "name");
	refused("{\"name\":\"\"}", true, "missing_field", "name");
}

static void
test_wrong_type(void **state)
{
	(void)state;
	refused("{\"name\":5,\"role\":\"ncpoc\"}", false, "wrong_type", "name");
	refused("{\"name\":null,\"role\":\"ncpoc\"}", false, "wrong_type",
	    "name");
	refused("{\"name\":[\"x\"]}", true, "wrong_type", "name");
	refused("{\"name\":{\"x\":1}}", true, "wrong_type", "name");
	refused("{\"title\":true}", true, "wrong_type", "title");
	refused("{\"organisation_id\":\"3\"}", true, "wrong_type",
	    "organisation_id");
	refused("{\"organisation_id\":3.5}", true, "wrong_type",
	    "organisation_id");
	refused("{\"version\":null}", true, "wrong_type", "version");
	refused("{\"version\":false}", true, "wrong_type", "version");
	/* null clears the organisation: accepted */
	{
		struct ccs_jerr e;

		if (!contact("{\"organisation_id\":null}", true, &e))
			fail_msg("clearing organisation_id was refused: %s",
			    e.message);
	}
}

static void
test_lengths(void **state)
{
	char body[600], name[260];
	struct ccs_jerr e;
	size_t i;

	(void)state;
	memset(name, 'n', 200);
	name[200] = '\0';
	(void)snprintf(body, sizeof(body), "{\"name\":\"%s\"}", name);
	assert_true(contact(body, true, &e));
	name[200] = 'n';
	name[201] = '\0';
	(void)snprintf(body, sizeof(body), "{\"name\":\"%s\"}", name);
	refused(body, true, "field_too_long", "name");
	/* lengths are bytes: 100 two-byte characters fit exactly */
	for (i = 0; i < 100; i++)
		memcpy(name + 2 * i, "\xc3\xa9", 2);
	name[200] = '\0';
	(void)snprintf(body, sizeof(body), "{\"name\":\"%s\"}", name);
	assert_true(contact(body, true, &e));
	name[200] = 'x';
	name[201] = '\0';
	(void)snprintf(body, sizeof(body), "{\"name\":\"%s\"}", name);
	refused(body, true, "field_too_long", "name");
	refused("{\"state\":\"JAM\"}", true, "field_too_long", "state");
	refused("{\"role\":\"123456789012345678901234567890123\"}", true,
	    "field_too_long", "role");
	/* minimum lengths: organisation names need two bytes */
	assert_false(check("{\"name\":\"X\",\"kind\":\"other\"}", ccs_org_fields,
	    ccs_org_nfields, false, &e));
	assert_string_equal(e.code, "field_too_short");
	assert_non_null(strstr(e.message, "name"));
	assert_true(check("{\"name\":\"XY\",\"kind\":\"other\"}", ccs_org_fields,
	    ccs_org_nfields, false, &e));
}

static void
test_control_characters(void **state)
{
	(void)state;
	refused("{\"name\":\"a\\u0000b\"}", true, "invalid_text", "name");
	refused("{\"name\":\"\\u0000\"}", true, "invalid_text", "name");
	refused("{\"name\":\"a\\u0001b\"}", true, "invalid_text", "name");
	refused("{\"name\":\"bell\\u0007\"}", true, "invalid_text", "name");
	refused("{\"title\":\"esc\\u001b[2J\"}", true, "invalid_text", "title");
	refused("{\"title\":\"del\\u007f\"}", true, "invalid_text", "title");
	refused("{\"availability\":\"x\\u001f\"}", true, "invalid_text",
	    "availability");
	refused("{\"name\":\"C1\\u009b\"}", true, "invalid_text", "C1 control");
	refused("{\"title\":\"a\\u202eb\"}", true, "invalid_text",
	    "bidirectional");
	refused("{\"title\":\"a\\u2066b\"}", true, "invalid_text", "title");
}

static void
test_not_an_object(void **state)
{
	struct ccs_jerr e;
	json_t *a = json_array();

	(void)state;
	assert_false(ccs_jsonv_check(a, ccs_contact_fields, ccs_contact_nfields,
	    true, &e));
	assert_string_equal(e.code, "invalid_body");
	assert_false(ccs_jsonv_check(NULL, ccs_contact_fields,
	    ccs_contact_nfields, true, &e));
	assert_string_equal(e.code, "invalid_body");
	json_decref(a);
}

static void
test_other_types(void **state)
{
	static const struct ccs_jfield spec[] = {
		{ "flag", CCS_J_BOOL, true, 0, 0 },
		{ "list", CCS_J_ARRAY, false, 0, 3 },
		{ "obj", CCS_J_OBJECT, false, 0, 0 },
	};
	struct ccs_jerr e;

	(void)state;
	assert_true(check("{\"flag\":true,\"list\":[1,2,3],\"obj\":{}}", spec, 3,
	    false, &e));
	assert_false(check("{\"flag\":1}", spec, 3, false, &e));
	assert_string_equal(e.code, "wrong_type");
	assert_false(check("{\"flag\":false,\"list\":[1,2,3,4]}", spec, 3,
	    false, &e));
	assert_string_equal(e.code, "field_too_long");
	assert_non_null(strstr(e.message, "list"));
	assert_false(check("{\"flag\":false,\"obj\":[]}", spec, 3, false, &e));
	assert_string_equal(e.code, "wrong_type");
}

static void
test_long_unknown_name_is_cut(void **state)
{
	char body[2200], key[2000];
	struct ccs_jerr e;

	(void)state;
	memset(key, 'k', sizeof(key) - 1);
	key[sizeof(key) - 1] = '\0';
	(void)snprintf(body, sizeof(body), "{\"%s\":1}", key);
	assert_false(contact(body, true, &e));
	assert_string_equal(e.code, "unknown_field");
	assert_true(strlen(e.message) < sizeof(e.message));
}

/* The tables the API documents must keep their shape. */
static void
test_tables(void **state)
{
	size_t i, nreq = 0;

	(void)state;
	assert_int_equal(ccs_contact_nfields, 11);
	assert_int_equal(ccs_org_nfields, 7);
	for (i = 0; i < ccs_contact_nfields; i++) {
		if (ccs_contact_fields[i].required)
			nreq++;
	}
	assert_int_equal(nreq, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_unknown_field),
		cmocka_unit_test(test_missing_field),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_control_characters),
		cmocka_unit_test(test_not_an_object),
		cmocka_unit_test(test_other_types),
		cmocka_unit_test(test_long_unknown_name_is_cut),
		cmocka_unit_test(test_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

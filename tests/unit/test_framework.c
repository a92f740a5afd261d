/*
 * test_framework.c: validation of a framework document before it is
 * published (core/framework.c). A coordinator must be told which part of a
 * large document is wrong (the message names the JSON path), and nothing
 * malformed may pass: unknown members, bad codes, scales, met levels,
 * crosswalk values and need refs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/framework.h"
#include "util/err.h"

#define STD	"{\"code\":\"LG-1\",\"title\":\"Cybercrime law\"," \
	"\"description\":\"A law on cybercrime is in force.\"," \
	"\"scale\":[\"none\",\"draft\",\"enacted\"],\"met_level\":2," \
	"\"gci_pillar\":\"legal\",\"cmm_dimension\":\"D4\"," \
	"\"needs\":[\"T1.1\"]}"

/* A valid document with @p std as its one standard. */
static json_t *
doc_with(const char *std)
{
	char text[2048];
	json_t *d;

	(void)snprintf(text, sizeof(text), "{\"title\":\"Minimum standards\","
	    "\"areas\":[{\"code\":\"A1\",\"name\":\"Legal\",\"specific_areas\":"
	    "[{\"code\":\"A1.1\",\"name\":\"Laws\",\"standards\":[%s]}]}]}", std);
	d = json_loads(text, 0, NULL);
	if (d == NULL)
		fail_msg("test document does not parse: %s", text);
	return d;
}

static json_t *
needs(void)
{
	return json_loads("[{\"ref\":\"T1.1\"},{\"ref\":\"T2.3\"}]", 0, NULL);
}

/* Asserts @p doc is refused with a message containing @p where. */
static void
refused(json_t *doc, const json_t *nd, const char *where)
{
	struct ccs_fail f = { 0, NULL, "" };

	if (ccs_fw_validate(doc, nd, &f) == CCS_OK)
		fail_msg("accepted a document that should name '%s'", where);
	assert_int_equal(f.rc, CCS_EINVAL);
	assert_string_equal(f.code, "invalid_framework");
	if (strstr(f.message, where) == NULL)
		fail_msg("message '%s' does not name '%s'", f.message, where);
	json_decref(doc);
}

static void
test_valid(void **state)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *d = doc_with(STD), *nd = needs();

	(void)state;
	assert_int_equal(ccs_fw_validate(d, nd, &f), CCS_OK);
	assert_int_equal(ccs_fw_validate(d, NULL, &f), CCS_OK);
	json_decref(d);
	json_decref(nd);
}

static void
test_refusals(void **state)
{
	json_t *nd = needs();
	const char *p = "areas[0].specific_areas[0].standards[0]";
	char path[100];

	(void)state;
	refused(json_loads("[]", 0, NULL), nd, "the framework");
	refused(json_loads("{\"title\":\"Minimum\",\"areas\":[],\"x\":1}", 0,
	    NULL), nd, "unknown member 'x'");
	refused(json_loads("{\"title\":\"Mi\",\"areas\":[]}", 0, NULL), nd,
	    "title");
	refused(json_loads("{\"title\":\"Minimum\",\"areas\":[]}", 0, NULL), nd,
	    "areas");
	refused(json_loads("{\"title\":\"Minimum\",\"areas\":[{\"code\":\"A1\","
	    "\"name\":\"Legal\"}]}", 0, NULL), nd, "no standards");
	refused(json_loads("{\"title\":\"Minimum\",\"areas\":[{\"code\":\"a1\","
	    "\"name\":\"Legal\"}]}", 0, NULL), nd, "areas[0]");
	(void)snprintf(path, sizeof(path), "%s.code", p);
	refused(doc_with("{\"code\":\"lg-1\",\"title\":\"Cybercrime law\"}"),
	    nd, path);
	refused(doc_with("{\"code\":\"LG 1\",\"title\":\"Cybercrime law\"}"),
	    nd, path);
	refused(doc_with("{\"code\":\"LG-1\",\"colour\":\"red\"}"), nd,
	    "unknown member 'colour'");
	refused(doc_with("{\"code\":\"LG-1\",\"title\":\"Cy\"}"), nd, "title");
	refused(doc_with("{\"code\":\"LG-1\",\"title\":\"Cyber\","
	    "\"description\":\"d\",\"scale\":[\"only\"],\"met_level\":1}"), nd,
	    "scale");
	refused(doc_with("{\"code\":\"LG-1\",\"title\":\"Cyber\","
	    "\"description\":\"d\",\"scale\":[\"a\",\"a\"],\"met_level\":1}"), nd,
	    "repeats");
	refused(doc_with("{\"code\":\"LG-1\",\"title\":\"Cyber\","
	    "\"description\":\"d\",\"scale\":[\"a\",\"b\"],\"met_level\":2}"), nd,
	    "met_level");
	refused(doc_with("{\"code\":\"LG-1\",\"title\":\"Cyber\","
	    "\"description\":\"d\",\"scale\":[\"a\",\"b\"],\"met_level\":0}"), nd,
	    "met_level");
	refused(doc_with("{\"code\":\"LG-1\",\"title\":\"Cyber\","
	    "\"description\":\"d\",\"scale\":[\"a\",\"b\"],\"met_level\":1,"
	    "\"gci_pillar\":\"legalish\",\"cmm_dimension\":\"D1\"}"), nd,
	    "gci_pillar");
	refused(doc_with("{\"code\":\"LG-1\",\"title\":\"Cyber\","
	    "\"description\":\"d\",\"scale\":[\"a\",\"b\"],\"met_level\":1,"
	    "\"gci_pillar\":\"legal\",\"cmm_dimension\":\"D6\"}"), nd,
	    "cmm_dimension");
	refused(doc_with("{\"code\":\"LG-1\",\"title\":\"Cyber\","
	    "\"description\":\"d\",\"scale\":[\"a\",\"b\"],\"met_level\":1,"
	    "\"gci_pillar\":\"legal\",\"cmm_dimension\":\"D1\","
	    "\"needs\":[\"T9.9\"]}"), nd, "needs[0]");
	refused(doc_with("{\"code\":\"LG-1\",\"title\":\"Cyber\","
	    "\"description\":\"bell\\u0007\",\"scale\":[\"a\",\"b\"],"
	    "\"met_level\":1,\"gci_pillar\":\"legal\",\"cmm_dimension\":\"D1\"}"),
	    nd, "description");
	json_decref(nd);
}

static void
test_crosswalks(void **state)
{
	(void)state;
	assert_true(ccs_fw_gci_ok("legal"));
	assert_true(ccs_fw_gci_ok("capacity_development"));
	assert_false(ccs_fw_gci_ok("Legal"));
	assert_false(ccs_fw_gci_ok(NULL));
	assert_true(ccs_fw_cmm_ok("D1"));
	assert_true(ccs_fw_cmm_ok("D5"));
	assert_false(ccs_fw_cmm_ok("D0"));
	assert_false(ccs_fw_cmm_ok("d1"));
	assert_false(ccs_fw_cmm_ok(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_crosswalks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_taxii.c: the pure rules of the TAXII 2.1 server (core/taxii) and
 * its paging cursor (svc/taxii/cursor.c): RFC 3339 timestamps to the
 * microsecond and back, the media type an Accept or Content-Type must
 * name, API root names, which collections a marking lets a record into,
 * and a cursor that does not verify once changed or moved to another
 * query or key. Expectations come from the TAXII 2.1 specification
 * (sections 1.6.1, 3.1, 3.6) and the design of issue 14.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include <cmocka.h>

#include "core/taxii/taxii.h"
#include "svc/taxii/cursor.h"

static void
test_timestamps(void **state)
{
	char out[CCS_TAXII_TS_LEN];
	int64_t us = 0;

	(void)state;
	assert_true(ccs_taxii_ts_parse("1970-01-01T00:00:00Z", &us));
	assert_int_equal(us, 0);
	assert_true(ccs_taxii_ts_parse("2026-12-03T07:31:39.123456Z", &us));
	ccs_taxii_ts_format(us, out);
	assert_string_equal(out, "2026-12-03T07:31:39.123456Z");
	/* a millisecond fraction is padded, nanoseconds are cut */
	assert_true(ccs_taxii_ts_parse("2024-02-29T23:59:59.5Z", &us));
	ccs_taxii_ts_format(us, out);
	assert_string_equal(out, "2024-02-29T23:59:59.500000Z");
	assert_true(ccs_taxii_ts_parse("2024-02-29T23:59:59.123456789Z", &us));
	ccs_taxii_ts_format(us, out);
	assert_string_equal(out, "2024-02-29T23:59:59.123456Z");
	/* an offset is moved to UTC */
	assert_true(ccs_taxii_ts_parse("2026-01-01T01:30:00+01:30", &us));
	ccs_taxii_ts_format(us, out);
	assert_string_equal(out, "2026-01-01T00:00:00.000000Z");
	assert_false(ccs_taxii_ts_parse("2023-02-29T00:00:00Z", &us));
	assert_false(ccs_taxii_ts_parse("2026-13-01T00:00:00Z", &us));
	assert_false(ccs_taxii_ts_parse("2026-01-01 00:00:00Z", &us));
	assert_false(ccs_taxii_ts_parse("2026-01-01T00:00:00", &us));
	assert_false(ccs_taxii_ts_parse("2026-01-01T00:00:00.Z", &us));
	assert_false(ccs_taxii_ts_parse("2026-01-01T00:00:00Zjunk", &us));
	assert_false(ccs_taxii_ts_parse("1969-12-31T23:59:59Z", &us));
	assert_false(ccs_taxii_ts_parse(NULL, &us));
}

static void
test_media(void **state)
{
	(void)state;
	assert_true(ccs_taxii_media_ok("application/taxii+json;version=2.1",
	    true));
	assert_true(ccs_taxii_media_ok("application/taxii+json", true));
	assert_true(ccs_taxii_media_ok("Application/TAXII+json ; version=2.1",
	    true));
	assert_true(ccs_taxii_media_ok("text/html, application/taxii+json;"
	    "version=2.1", true));
	assert_false(ccs_taxii_media_ok("application/taxii+json;version=2.0",
	    true));
	assert_false(ccs_taxii_media_ok("application/json", true));
	assert_false(ccs_taxii_media_ok("*/*", true));
	assert_false(ccs_taxii_media_ok(NULL, true));
	/* a Content-Type is one media type, not a list */
	assert_true(ccs_taxii_media_ok("application/taxii+json;version=2.1",
	    false));
	assert_false(ccs_taxii_media_ok("text/html, application/taxii+json",
	    false));
	assert_false(ccs_taxii_media_ok("application/stix+json;version=2.1",
	    false));
}

static void
test_roots(void **state)
{
	enum ccs_taxii_circle c;
	char st[3];

	(void)state;
	assert_true(ccs_taxii_root_parse("public", &c, st));
	assert_int_equal(c, CCS_TAXII_PUBLIC);
	assert_true(ccs_taxii_root_parse("caricom-rcc", &c, st));
	assert_int_equal(c, CCS_TAXII_RCC);
	assert_true(ccs_taxii_root_parse("jm-national", &c, st));
	assert_int_equal(c, CCS_TAXII_NATIONAL);
	assert_string_equal(st, "JM");
	assert_false(ccs_taxii_root_parse("JM-national", &c, st));
	assert_false(ccs_taxii_root_parse("jmm-national", &c, st));
	assert_false(ccs_taxii_root_parse("jm-nationals", &c, st));
	assert_false(ccs_taxii_root_parse("", &c, st));
	assert_false(ccs_taxii_root_parse(NULL, &c, st));
}

static void
test_fits(void **state)
{
	(void)state;
	/* public: CLEAR only, whatever the ceiling */
	assert_true(ccs_taxii_fits(CCS_TAXII_PUBLIC, "", CCS_TLP_CLEAR,
	    CCS_TLP_CLEAR, "JM"));
	assert_false(ccs_taxii_fits(CCS_TAXII_PUBLIC, "", CCS_TLP_AMBER,
	    CCS_TLP_GREEN, ""));
	/* the region: anything up to the ceiling */
	assert_true(ccs_taxii_fits(CCS_TAXII_RCC, "", CCS_TLP_AMBER,
	    CCS_TLP_AMBER, "BB"));
	assert_false(ccs_taxii_fits(CCS_TAXII_RCC, "", CCS_TLP_GREEN,
	    CCS_TLP_AMBER, "BB"));
	/* a national node: its own state's records */
	assert_true(ccs_taxii_fits(CCS_TAXII_NATIONAL, "JM", CCS_TLP_AMBER,
	    CCS_TLP_GREEN, "JM"));
	assert_false(ccs_taxii_fits(CCS_TAXII_NATIONAL, "JM", CCS_TLP_AMBER,
	    CCS_TLP_GREEN, "BB"));
	assert_false(ccs_taxii_fits(CCS_TAXII_NATIONAL, "JM", CCS_TLP_AMBER,
	    CCS_TLP_GREEN, ""));
	/* RED and AMBER+STRICT go to people, never filed automatically */
	assert_false(ccs_taxii_fits(CCS_TAXII_RCC, "", CCS_TLP_RED,
	    CCS_TLP_RED, ""));
	assert_false(ccs_taxii_fits(CCS_TAXII_RCC, "", CCS_TLP_RED,
	    CCS_TLP_AMBER_STRICT, ""));
}

static void
test_cursor(void **state)
{
	unsigned char key[CCS_SECRET_KEY_LEN], key2[CCS_SECRET_KEY_LEN];
	unsigned char qa[CCS_TAXII_QHASH_LEN], qb[CCS_TAXII_QHASH_LEN];
	char cur[CCS_TAXII_CURSOR_LEN], bad[CCS_TAXII_CURSOR_LEN];
	int64_t d = 0, s = 0;
	size_t i;

	(void)state;
	memset(key, 7, sizeof(key));
	memset(key2, 8, sizeof(key2));
	ccs_taxii_query_hash("a", 1, qa);
	ccs_taxii_query_hash("b", 1, qb);
	ccs_taxii_cursor_make(key, qa, 1764747099123456, 42, cur);
	assert_true(ccs_taxii_cursor_read(key, qa, cur, &d, &s));
	assert_int_equal(d, 1764747099123456);
	assert_int_equal(s, 42);
	assert_false(ccs_taxii_cursor_read(key, qb, cur, &d, &s));
	assert_false(ccs_taxii_cursor_read(key2, qa, cur, &d, &s));
	/* any one character changed */
	for (i = 0; cur[i] != '\0'; i++) {
		memcpy(bad, cur, sizeof(bad));
		bad[i] = bad[i] == 'A' ? 'B' : 'A';
		assert_false(ccs_taxii_cursor_read(key, qa, bad, &d, &s));
	}
	bad[0] = '\0';
	assert_false(ccs_taxii_cursor_read(key, qa, bad, &d, &s));
	assert_false(ccs_taxii_cursor_read(key, qa, "not a cursor", &d, &s));
	assert_false(ccs_taxii_cursor_read(key, qa, NULL, &d, &s));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timestamps),
		cmocka_unit_test(test_media),
		cmocka_unit_test(test_roots),
		cmocka_unit_test(test_fits),
		cmocka_unit_test(test_cursor),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_str.c: bounded strings, number parsing and the UTF-8 text check
 * (util/str.c). Truncation must be reported, numbers must be whole and in
 * range, and text that is not well-formed UTF-8 (overlongs, surrogates, past
 * U+10FFFF, truncated sequences) or holds control characters is refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>

#include "util/err.h"
#include "util/str.h"

static void
test_strlcpy(void **state)
{
	char d[6];

	(void)state;
	assert_int_equal(ccs_strlcpy(d, "abc", sizeof(d)), CCS_OK);
	assert_string_equal(d, "abc");
	assert_int_equal(ccs_strlcpy(d, "abcde", sizeof(d)), CCS_OK);
	assert_string_equal(d, "abcde");
	assert_int_equal(ccs_strlcpy(d, "", sizeof(d)), CCS_OK);
	assert_string_equal(d, "");
	/* one byte too many: reported, and the prefix is NUL-terminated */
	assert_int_equal(ccs_strlcpy(d, "abcdef", sizeof(d)), CCS_ETOOBIG);
	assert_string_equal(d, "abcde");
	assert_int_equal(ccs_strlcpy(d, "a much longer string", sizeof(d)),
	    CCS_ETOOBIG);
	assert_string_equal(d, "a muc");
	assert_int_equal(ccs_strlcpy(d, "xy", 1), CCS_ETOOBIG);
	assert_string_equal(d, "");
	/* size 0 writes nothing */
	memcpy(d, "keep!", 6);
	assert_int_equal(ccs_strlcpy(d, "xy", 0), CCS_ETOOBIG);
	assert_string_equal(d, "keep!");
}

static void
test_snprintf(void **state)
{
	char d[8];

	(void)state;
	assert_int_equal(ccs_snprintf(d, sizeof(d), "%s-%d", "ab", 12), CCS_OK);
	assert_string_equal(d, "ab-12");
	assert_int_equal(ccs_snprintf(d, sizeof(d), "%s", "1234567"), CCS_OK);
	assert_int_equal(ccs_snprintf(d, sizeof(d), "%s", "12345678"),
	    CCS_ETOOBIG);
	assert_string_equal(d, "1234567");
	assert_int_equal(ccs_snprintf(d, sizeof(d), "%d", 123456789),
	    CCS_ETOOBIG);
}

static void
test_parse_i64(void **state)
{
	int64_t v = 77;

	(void)state;
	assert_int_equal(ccs_parse_i64("0", 0, 10, &v), CCS_OK);
	assert_int_equal(v, 0);
	assert_int_equal(ccs_parse_i64("10", 0, 10, &v), CCS_OK);
	assert_int_equal(v, 10);
	assert_int_equal(ccs_parse_i64("-5", -5, 5, &v), CCS_OK);
	assert_true(v == -5);
	assert_int_equal(ccs_parse_i64("007", 0, 10, &v), CCS_OK);
	assert_int_equal(v, 7);
	/* bounds are inclusive and one past them is refused */
	v = 77;
	assert_int_equal(ccs_parse_i64("11", 0, 10, &v), CCS_EINVAL);
	assert_int_equal(ccs_parse_i64("-1", 0, 10, &v), CCS_EINVAL);
	assert_int_equal(ccs_parse_i64("-6", -5, 5, &v), CCS_EINVAL);
	/* a refused parse leaves the output alone */
	assert_int_equal(v, 77);
	/* not whole numbers */
	assert_int_equal(ccs_parse_i64(NULL, 0, 10, &v), CCS_EINVAL);
	assert_int_equal(ccs_parse_i64("", 0, 10, &v), CCS_EINVAL);
	assert_int_equal(ccs_parse_i64(" 1", 0, 10, &v), CCS_EINVAL);
	assert_int_equal(ccs_parse_i64("1 ", 0, 10, &v), CCS_EINVAL);
	assert_int_equal(ccs_parse_i64("+1", 0, 10, &v), CCS_EINVAL);
	assert_int_equal(ccs_parse_i64("1x", 0, 10, &v), CCS_EINVAL);
	assert_int_equal(ccs_parse_i64("0x1", 0, 10, &v), CCS_EINVAL);
	assert_int_equal(ccs_parse_i64("1.0", 0, 10, &v), CCS_EINVAL);
	assert_int_equal(ccs_parse_i64("1e1", 0, 100, &v), CCS_EINVAL);
	assert_int_equal(ccs_parse_i64("-", -10, 10, &v), CCS_EINVAL);
	assert_int_equal(v, 77);
	/* the ends of int64_t, and one past them */
	assert_int_equal(ccs_parse_i64("9223372036854775807", 0, INT64_MAX,
	    &v), CCS_OK);
	assert_true(v == INT64_MAX);
	assert_int_equal(ccs_parse_i64("9223372036854775808", 0, INT64_MAX,
	    &v), CCS_EINVAL);
	assert_int_equal(ccs_parse_i64("-9223372036854775808", INT64_MIN, 0,
	    &v), CCS_OK);
	assert_true(v == INT64_MIN);
	assert_int_equal(ccs_parse_i64("-9223372036854775809", INT64_MIN, 0,
	    &v), CCS_EINVAL);
	assert_int_equal(ccs_parse_i64("99999999999999999999999", INT64_MIN,
	    INT64_MAX, &v), CCS_EINVAL);
}

static void
test_parse_size(void **state)
{
	size_t v = 5;

	(void)state;
	assert_int_equal(ccs_parse_size("1024", 1024, 2048, &v), CCS_OK);
	assert_int_equal(v, 1024);
	assert_int_equal(ccs_parse_size("1023", 1024, 2048, &v), CCS_EINVAL);
	assert_int_equal(ccs_parse_size("2049", 1024, 2048, &v), CCS_EINVAL);
	assert_int_equal(ccs_parse_size("-1", 0, SIZE_MAX, &v), CCS_EINVAL);
	assert_int_equal(ccs_parse_size("9223372036854775807", 0, SIZE_MAX,
	    &v), CCS_OK);
	assert_true(v == (size_t)INT64_MAX);
	assert_int_equal(ccs_parse_size("18446744073709551615", 0, SIZE_MAX,
	    &v), CCS_EINVAL);
}

static void
test_streq(void **state)
{
	(void)state;
	assert_true(ccs_streq("a", "a"));
	assert_false(ccs_streq("a", "b"));
	assert_false(ccs_streq(NULL, "a"));
	assert_false(ccs_streq("a", NULL));
	assert_false(ccs_streq(NULL, NULL));
	assert_true(ccs_ct_streq("token", "token"));
	assert_true(ccs_ct_streq("", ""));
	assert_false(ccs_ct_streq("token", "tokeN"));
	assert_false(ccs_ct_streq("token", "token2"));
	assert_false(ccs_ct_streq("token", "toke"));
	assert_false(ccs_ct_streq(NULL, "x"));
	assert_false(ccs_ct_streq("x", NULL));
}

static void
test_text_ascii(void **state)
{
	(void)state;
	assert_true(ccs_text_ok(""));
	assert_true(ccs_text_ok("Jamaica Constabulary Force"));
	assert_true(ccs_text_ok("tab\there, lines\r\nok"));
	assert_true(ccs_text_ok(" !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~"));
	assert_false(ccs_text_ok("\x01"));
	assert_false(ccs_text_ok("a\x1b[31mred"));
	assert_false(ccs_text_ok("bell\a"));
	assert_false(ccs_text_ok("\x1f"));
	assert_false(ccs_text_ok("del\x7f"));
	assert_false(ccs_text_ok("vt\v"));
	assert_false(ccs_text_ok("ff\f"));
}

static void
test_text_utf8_valid(void **state)
{
	(void)state;
	assert_true(ccs_text_ok("\xc2\xa9"));		/* U+00A9 */
	assert_true(ccs_text_ok("Cura\xc3\xa7" "ao"));	/* Curaçao */
	assert_true(ccs_text_ok("\xdf\xbf"));		/* U+07FF, last 2-byte */
	assert_true(ccs_text_ok("\xe0\xa0\x80"));	/* U+0800, first 3-byte */
	assert_true(ccs_text_ok("\xe2\x82\xac"));	/* euro sign */
	assert_true(ccs_text_ok("\xed\x9f\xbf"));	/* U+D7FF, before surrogates */
	assert_true(ccs_text_ok("\xee\x80\x80"));	/* U+E000, after surrogates */
	assert_true(ccs_text_ok("\xef\xbf\xbd"));	/* U+FFFD */
	assert_true(ccs_text_ok("\xf0\x90\x80\x80"));	/* U+10000, first 4-byte */
	assert_true(ccs_text_ok("\xf0\x9f\x87\xaf\xf0\x9f\x87\xb2"));	/* flag */
	assert_true(ccs_text_ok("\xf4\x8f\xbf\xbf"));	/* U+10FFFF, the max */
}

static void
test_text_c1_and_bidi(void **state)
{
	/* the Trojan Source set and its neighbours, which stay allowed */
	static const struct {
		const char		*s;
		enum ccs_text_fault	 f;
		size_t			 at;
	} cases[] = {
		{ "a\xc2\x80", CCS_TEXT_C1, 1 },		/* U+0080 */
		{ "ab\xc2\x9b[2J", CCS_TEXT_C1, 2 },		/* CSI */
		{ "\xc2\x9f", CCS_TEXT_C1, 0 },		/* U+009F */
		{ "\xc2\xa0", CCS_TEXT_OK, 2 },		/* NBSP */
		{ "x\xe2\x80\xaa", CCS_TEXT_BIDI, 1 },	/* LRE */
		{ "x\xe2\x80\xae", CCS_TEXT_BIDI, 1 },	/* RLO */
		{ "\xe2\x81\xa6", CCS_TEXT_BIDI, 0 },	/* LRI */
		{ "\xe2\x81\xa9", CCS_TEXT_BIDI, 0 },	/* PDI */
		{ "\xe2\x80\xa9", CCS_TEXT_OK, 3 },		/* U+2029 */
		{ "\xe2\x80\xaf", CCS_TEXT_OK, 3 },		/* U+202F */
		{ "\xe2\x81\xa5", CCS_TEXT_OK, 3 },		/* U+2065 */
		{ "\xe2\x81\xaa", CCS_TEXT_OK, 3 },		/* U+206A */
		{ "\xe2\x80\x8f", CCS_TEXT_OK, 3 },		/* RLM */
		{ "\xd8\x9c", CCS_TEXT_OK, 2 },		/* ALM */
		{ "ok\x01", CCS_TEXT_CONTROL, 2 },
		{ "ok\xff", CCS_TEXT_UTF8, 2 },
	};
	size_t i, at;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		at = 99;
		assert_int_equal(ccs_text_check(cases[i].s,
		    strlen(cases[i].s), &at), cases[i].f);
		assert_int_equal(at, cases[i].at);
		assert_int_equal(ccs_text_ok(cases[i].s),
		    cases[i].f == CCS_TEXT_OK);
	}
	assert_non_null(strstr(ccs_text_fault_text(CCS_TEXT_BIDI),
	    "bidirectional"));
}

static void
test_text_utf8_invalid(void **state)
{
	(void)state;
	/* overlong encodings */
	assert_false(ccs_text_ok("\xc0\x80"));		/* NUL in 2 bytes */
	assert_false(ccs_text_ok("\xc0\xaf"));		/* '/' in 2 bytes */
	assert_false(ccs_text_ok("\xc1\xbf"));
	assert_false(ccs_text_ok("\xe0\x80\xaf"));	/* '/' in 3 bytes */
	assert_false(ccs_text_ok("\xe0\x9f\xbf"));	/* U+07FF in 3 bytes */
	assert_false(ccs_text_ok("\xf0\x80\x80\xaf"));	/* '/' in 4 bytes */
	assert_false(ccs_text_ok("\xf0\x8f\xbf\xbf"));	/* U+FFFF in 4 bytes */
	/* UTF-16 surrogates */
	assert_false(ccs_text_ok("\xed\xa0\x80"));	/* U+D800 */
	assert_false(ccs_text_ok("\xed\xaf\xbf"));	/* U+DBFF */
	assert_false(ccs_text_ok("\xed\xb0\x80"));	/* U+DC00 */
	assert_false(ccs_text_ok("\xed\xbf\xbf"));	/* U+DFFF */
	assert_false(ccs_text_ok("\xed\xa0\xbd\xed\xb2\xa9"));	/* CESU pair */
	/* past U+10FFFF and bytes that never start a sequence */
	assert_false(ccs_text_ok("\xf4\x90\x80\x80"));	/* U+110000 */
	assert_false(ccs_text_ok("\xf5\x80\x80\x80"));
	assert_false(ccs_text_ok("\xf7\xbf\xbf\xbf"));
	assert_false(ccs_text_ok("\xf8\x88\x80\x80\x80"));	/* 5-byte form */
	assert_false(ccs_text_ok("\xfc\x84\x80\x80\x80\x80"));	/* 6-byte */
	assert_false(ccs_text_ok("\xfe"));
	assert_false(ccs_text_ok("\xff"));
	/* stray continuation bytes */
	assert_false(ccs_text_ok("\x80"));
	assert_false(ccs_text_ok("a\xbf"));
	assert_false(ccs_text_ok("\xc3\xa7\xa7"));
	/* truncated sequences, at the end and before other text */
	assert_false(ccs_text_ok("\xc3"));
	assert_false(ccs_text_ok("\xe2\x82"));
	assert_false(ccs_text_ok("\xf0\x9f\x87"));
	assert_false(ccs_text_ok("\xc3" "a"));
	assert_false(ccs_text_ok("\xe2\x82" "a"));
	assert_false(ccs_text_ok("\xf0\x9f\x87" "a"));
	/* ISO 8859-1 text passed as if it were UTF-8 */
	assert_false(ccs_text_ok("Cura\xe7" "ao"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strlcpy),
		cmocka_unit_test(test_snprintf),
		cmocka_unit_test(test_parse_i64),
		cmocka_unit_test(test_parse_size),
		cmocka_unit_test(test_streq),
		cmocka_unit_test(test_text_ascii),
		cmocka_unit_test(test_text_utf8_valid),
		cmocka_unit_test(test_text_utf8_invalid),
		cmocka_unit_test(test_text_c1_and_bidi),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

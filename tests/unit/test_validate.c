/*
 * test_validate.c: the field validators (core/validate.c) shared by the API
 * and the CLI, at their documented limits. Each accepts NULL as invalid.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include <cmocka.h>

#include "core/validate.h"

/* A string of @p n copies of @p c after @p prefix, in @p out. */
static const char *
fill(char *out, size_t size, const char *prefix, char c, size_t n,
    const char *suffix)
{
	size_t p = strlen(prefix), s = strlen(suffix);

	assert_true(p + n + s < size);
	memcpy(out, prefix, p);
	memset(out + p, c, n);
	memcpy(out + p + n, suffix, s + 1);
	return out;
}

static void
test_iso2(void **state)
{
	(void)state;
	assert_true(ccs_valid_iso2("JM"));
	assert_true(ccs_valid_iso2("TT"));
	assert_false(ccs_valid_iso2("jm"));
	assert_false(ccs_valid_iso2("Jm"));
	assert_false(ccs_valid_iso2("J"));
	assert_false(ccs_valid_iso2("JAM"));
	assert_false(ccs_valid_iso2(""));
	assert_false(ccs_valid_iso2("J1"));
	assert_false(ccs_valid_iso2("J "));
	assert_false(ccs_valid_iso2("\xc3\x89" "A"));
	assert_false(ccs_valid_iso2(NULL));
}

static void
test_email(void **state)
{
	char buf[300];

	(void)state;
	assert_true(ccs_valid_email("a@b.jm"));
	assert_true(ccs_valid_email("duty.officer+cert@cirt.gov.tt"));
	assert_false(ccs_valid_email("ab@cd.j"));	/* one-letter TLD */
	assert_false(ccs_valid_email("a@b.j"));		/* under 6 bytes */
	assert_false(ccs_valid_email("ab.jm"));		/* no @ */
	assert_false(ccs_valid_email("@bb.jm"));	/* no local part */
	assert_false(ccs_valid_email("a@@b.jm"));
	assert_false(ccs_valid_email("a@b@c.jm"));
	assert_false(ccs_valid_email("abc@.jm"));	/* no domain name */
	assert_false(ccs_valid_email("abc@jm."));
	assert_false(ccs_valid_email("abc@localhost"));
	assert_false(ccs_valid_email("a b@c.jm"));
	assert_false(ccs_valid_email("a@c.jm\n"));
	assert_false(ccs_valid_email("a\t@c.jm"));
	assert_false(ccs_valid_email("<a@c.jm>"));
	assert_false(ccs_valid_email("\"a\"@c.jm"));
	assert_false(ccs_valid_email("a,b@c.jm"));
	assert_false(ccs_valid_email("a;b@c.jm"));
	assert_false(ccs_valid_email("a\x7f@c.jm"));
	assert_false(ccs_valid_email(""));
	assert_false(ccs_valid_email(NULL));
	/* 254 bytes is the longest address; 255 is refused */
	assert_true(ccs_valid_email(fill(buf, sizeof(buf), "", 'a', 254 - 7,
	    "@b.c.jm")));
	assert_false(ccs_valid_email(fill(buf, sizeof(buf), "", 'a', 255 - 7,
	    "@b.c.jm")));
}

static void
test_phone(void **state)
{
	char buf[64];

	(void)state;
	assert_true(ccs_valid_phone("+1 (876) 555-0100"));
	assert_true(ccs_valid_phone("12345"));
	assert_true(ccs_valid_phone("868-555-0199"));
	assert_false(ccs_valid_phone("1234"));		/* too short */
	assert_false(ccs_valid_phone("+1 (2) 3-4"));	/* 4 digits */
	assert_false(ccs_valid_phone("(((((-)))))"));	/* no digits */
	assert_false(ccs_valid_phone("1+2345"));	/* + only in front */
	assert_false(ccs_valid_phone("++12345"));
	assert_false(ccs_valid_phone("12345 ext 6"));
	assert_false(ccs_valid_phone("12345\n"));
	assert_false(ccs_valid_phone("\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4\xd9\xa5"));
	assert_false(ccs_valid_phone(""));
	assert_false(ccs_valid_phone(NULL));
	assert_true(ccs_valid_phone(fill(buf, sizeof(buf), "+", '9', 31, "")));
	assert_false(ccs_valid_phone(fill(buf, sizeof(buf), "+", '9', 32, "")));
}

static void
test_login(void **state)
{
	char buf[80];

	(void)state;
	assert_true(ccs_valid_login("abc"));
	assert_true(ccs_valid_login("jm.ncpoc_1-a"));
	assert_true(ccs_valid_login("007"));
	assert_false(ccs_valid_login("ab"));
	assert_false(ccs_valid_login("Admin"));
	assert_false(ccs_valid_login("adMin"));
	assert_false(ccs_valid_login(".abc"));
	assert_false(ccs_valid_login("-abc"));
	assert_false(ccs_valid_login("_abc"));
	assert_false(ccs_valid_login("a b"));
	assert_false(ccs_valid_login("a@b"));
	assert_false(ccs_valid_login("a/b"));
	assert_false(ccs_valid_login("\xc3\xa9t\xc3\xa9"));
	assert_false(ccs_valid_login(""));
	assert_false(ccs_valid_login(NULL));
	assert_true(ccs_valid_login(fill(buf, sizeof(buf), "", 'a', 64, "")));
	assert_false(ccs_valid_login(fill(buf, sizeof(buf), "", 'a', 65, "")));
}

static void
test_fingerprint(void **state)
{
	char buf[100];

	(void)state;
	assert_true(ccs_valid_fingerprint(
	    "0123456789abcdef0123456789ABCDEF01234567"));
	assert_true(ccs_valid_fingerprint(
	    "0123 4567 89AB CDEF 0123  4567 89AB CDEF 0123 4567"));
	assert_true(ccs_valid_fingerprint(fill(buf, sizeof(buf), "", 'f', 64,
	    "")));
	assert_false(ccs_valid_fingerprint(fill(buf, sizeof(buf), "", 'f', 39,
	    "")));
	assert_false(ccs_valid_fingerprint(fill(buf, sizeof(buf), "", 'f', 41,
	    "")));
	assert_false(ccs_valid_fingerprint(fill(buf, sizeof(buf), "", 'f', 63,
	    "")));
	assert_false(ccs_valid_fingerprint(fill(buf, sizeof(buf), "", 'f', 65,
	    "")));
	assert_false(ccs_valid_fingerprint(fill(buf, sizeof(buf), "", 'f', 39,
	    "g")));
	assert_false(ccs_valid_fingerprint(fill(buf, sizeof(buf), "0x", 'f',
	    40, "")));
	assert_false(ccs_valid_fingerprint(fill(buf, sizeof(buf), "", 'f', 40,
	    ":")));
	assert_false(ccs_valid_fingerprint(""));
	assert_false(ccs_valid_fingerprint(NULL));
}

static void
test_url(void **state)
{
	static char buf[2100];

	(void)state;
	assert_true(ccs_valid_url("https://caricomimpacs.org"));
	assert_true(ccs_valid_url("http://example.jm/a?b=c#d"));
	assert_false(ccs_valid_url("https://a"));	/* too short */
	assert_false(ccs_valid_url("ftp://example.jm"));
	assert_false(ccs_valid_url("javascript:alert(1)//"));
	assert_false(ccs_valid_url("//example.jm/path"));
	assert_false(ccs_valid_url("https://exa mple.jm"));
	assert_false(ccs_valid_url("https://example.jm/\n"));
	assert_false(ccs_valid_url("https://example.jm/\x7f"));
	assert_false(ccs_valid_url(""));
	assert_false(ccs_valid_url(NULL));
	assert_true(ccs_valid_url(fill(buf, sizeof(buf), "https://x.jm/", 'p',
	    2048 - 13, "")));
	assert_false(ccs_valid_url(fill(buf, sizeof(buf), "https://x.jm/", 'p',
	    2049 - 13, "")));
}

static void
test_date(void **state)
{
	(void)state;
	assert_true(ccs_valid_date("2024-06-06"));
	assert_true(ccs_valid_date("1900-01-01"));
	assert_true(ccs_valid_date("9999-12-31"));
	assert_true(ccs_valid_date("2024-02-29"));	/* leap year */
	assert_true(ccs_valid_date("2000-02-29"));	/* divisible by 400 */
	assert_false(ccs_valid_date("2023-02-29"));
	assert_false(ccs_valid_date("1900-02-29"));	/* by 100, not 400 */
	assert_false(ccs_valid_date("2024-04-31"));
	assert_false(ccs_valid_date("2024-13-01"));
	assert_false(ccs_valid_date("2024-00-10"));
	assert_false(ccs_valid_date("2024-01-00"));
	assert_false(ccs_valid_date("2024-01-32"));
	assert_false(ccs_valid_date("1899-12-31"));
	assert_false(ccs_valid_date("2024-6-6"));
	assert_false(ccs_valid_date("2024/06/06"));
	assert_false(ccs_valid_date("06-06-2024"));
	assert_false(ccs_valid_date("2024-06-06T00:00"));
	assert_false(ccs_valid_date("2024-06-0a"));
	assert_false(ccs_valid_date("+024-06-06"));
	assert_false(ccs_valid_date(""));
	assert_false(ccs_valid_date(NULL));
}

static void
test_date_of(void **state)
{
	char d[11];

	(void)state;
	ccs_date_of(0, d);
	assert_string_equal(d, "1970-01-01");
	ccs_date_of(86399, d);
	assert_string_equal(d, "1970-01-01");
	ccs_date_of(86400, d);
	assert_string_equal(d, "1970-01-02");
	ccs_date_of(-1, d);
	assert_string_equal(d, "1969-12-31");
	ccs_date_of(951782400, d);	/* 2000-02-29T00:00:00Z */
	assert_string_equal(d, "2000-02-29");
	ccs_date_of(1717632000 + 86399, d);	/* last second of 6 June 2024 */
	assert_string_equal(d, "2024-06-06");
	ccs_date_of(4102444800LL, d);	/* 2100-01-01 */
	assert_string_equal(d, "2100-01-01");
	assert_true(ccs_valid_date(d));
}

/* RFC 3339 times and bare dates to unix seconds, and back. */
static void
test_time(void **state)
{
	long long t;
	char s[21];

	(void)state;
	assert_true(ccs_parse_time("2000-02-29T00:00:00Z", &t));
	assert_int_equal(t, 951782400);
	assert_true(ccs_parse_time("2000-02-29", &t));
	assert_int_equal(t, 951782400);
	assert_true(ccs_parse_time("2026-11-20T09:05:00.123-05:00", &t));
	ccs_time_fmt(t, s);
	assert_string_equal(s, "2026-11-20T14:05:00Z");
	assert_true(ccs_parse_time("1969-12-31T23:59:59Z", &t));
	assert_int_equal(t, -1);
	ccs_time_fmt(-1, s);
	assert_string_equal(s, "1969-12-31T23:59:59Z");
	assert_false(ccs_parse_time("2026-02-30T00:00:00Z", &t));
	assert_false(ccs_parse_time("2026-11-20T24:00:00Z", &t));
	assert_false(ccs_parse_time("2026-11-20T10:00:00", &t));
	assert_false(ccs_parse_time("2026-11-20T10:00:00.Z", &t));
	assert_false(ccs_parse_time("2026-11-20 10:00:00Z", &t));
	assert_false(ccs_parse_time("2026-11-20T10:00:00+5:00", &t));
	assert_false(ccs_parse_time(NULL, &t));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iso2),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_login),
		cmocka_unit_test(test_fingerprint),
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_date_of),
		cmocka_unit_test(test_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

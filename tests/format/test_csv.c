/*
 * test_csv.c: the CSV reader and writer (src/format/csv.c). The reader must
 * follow RFC 4180 (quotes, "" escapes, line breaks inside quotes, CRLF or
 * LF), report the line where each record begins, refuse what it cannot
 * read unambiguously (stray quotes, bare CR, NUL, invalid UTF-8) and hold
 * its limits exactly; the writer must quote what needs quoting, defuse
 * spreadsheet formulas and round-trip through the reader.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "format/csv.h"
#include "util/buf.h"
#include "util/err.h"

/* Reads the next record of @p c, expecting @p n fields (0: the end). */
static const char *const *
next_ok(struct ccs_csv *c, size_t n)
{
	const char *const *fl = NULL;
	size_t got = 99;

	assert_int_equal(ccs_csv_next(c, &fl, &got), CCS_OK);
	assert_int_equal(got, n);
	if (n == 0)
		assert_null(fl);
	return fl;
}

/* The error ccs_csv_next returns for @p in (of @p len), at @p line. */
static void
expect_error(const char *in, size_t len, int rc, size_t line,
    const char *needle)
{
	struct ccs_csv *c = ccs_csv_new(in, len);
	const char *const *fl;
	size_t n;
	int got;

	assert_non_null(c);
	do {
		got = ccs_csv_next(c, &fl, &n);
	} while (got == CCS_OK && n > 0);
	assert_int_equal(got, rc);
	assert_null(fl);
	assert_int_equal(n, 0);
	assert_int_equal(ccs_csv_line(c), line);
	assert_non_null(strstr(ccs_csv_error(c), needle));
	/* the reader stays failed */
	assert_int_equal(ccs_csv_next(c, &fl, &n), rc);
	ccs_csv_free(c);
}

#define ERR(s, rc, line, needle) expect_error(s, sizeof(s) - 1, rc, line, \
	needle)

static void
test_simple(void **state)
{
	static const char in[] = "a,b,c\n1,2,3\r\nx,,\n";
	struct ccs_csv *c = ccs_csv_new(in, sizeof(in) - 1);
	const char *const *fl;

	(void)state;
	assert_non_null(c);
	fl = next_ok(c, 3);
	assert_string_equal(fl[0], "a");
	assert_string_equal(fl[2], "c");
	assert_int_equal(ccs_csv_line(c), 1);
	fl = next_ok(c, 3);
	assert_string_equal(fl[1], "2");
	assert_int_equal(ccs_csv_line(c), 2);
	fl = next_ok(c, 3);
	assert_string_equal(fl[0], "x");
	assert_string_equal(fl[1], "");
	assert_string_equal(fl[2], "");
	assert_int_equal(ccs_csv_line(c), 3);
	next_ok(c, 0);
	next_ok(c, 0);	/* the end stays the end */
	assert_string_equal(ccs_csv_error(c), "");
	ccs_csv_free(c);
}

static void
test_quoted(void **state)
{
	static const char in[] = "\"a,b\",\"say \"\"hi\"\"\",\"\"\r\n"
	    "\"two\nlines\",\"crlf\r\ninside\"\n"
	    "last,\"no newline at the end\"";
	struct ccs_csv *c = ccs_csv_new(in, sizeof(in) - 1);
	const char *const *fl;

	(void)state;
	fl = next_ok(c, 3);
	assert_string_equal(fl[0], "a,b");
	assert_string_equal(fl[1], "say \"hi\"");
	assert_string_equal(fl[2], "");
	fl = next_ok(c, 2);
	assert_int_equal(ccs_csv_line(c), 2);
	assert_string_equal(fl[0], "two\nlines");
	assert_string_equal(fl[1], "crlf\r\ninside");
	fl = next_ok(c, 2);
	/* two line breaks inside quotes: this record starts on line 5 */
	assert_int_equal(ccs_csv_line(c), 5);
	assert_string_equal(fl[1], "no newline at the end");
	next_ok(c, 0);
	ccs_csv_free(c);
}

static void
test_blank_lines_bom_utf8(void **state)
{
	static const char in[] = "\xEF\xBB\xBFstate,name\n\n\r\nJM,Cura\xC3\xA7"
	    "ao \xE2\x82\xAC \xF0\x9F\x98\x80\n\n";
	struct ccs_csv *c = ccs_csv_new(in, sizeof(in) - 1);
	const char *const *fl;

	(void)state;
	fl = next_ok(c, 2);
	assert_string_equal(fl[0], "state");	/* the BOM is gone */
	fl = next_ok(c, 2);
	assert_int_equal(ccs_csv_line(c), 4);
	assert_string_equal(fl[1], "Cura\xC3\xA7" "ao \xE2\x82\xAC "
	    "\xF0\x9F\x98\x80");
	next_ok(c, 0);
	ccs_csv_free(c);
}

static void
test_empty_input(void **state)
{
	struct ccs_csv *c;

	(void)state;
	c = ccs_csv_new(NULL, 0);
	next_ok(c, 0);
	ccs_csv_free(c);
	c = ccs_csv_new("\n\r\n\n", 4);
	next_ok(c, 0);
	ccs_csv_free(c);
	c = ccs_csv_new("\xEF\xBB\xBF", 3);
	next_ok(c, 0);
	ccs_csv_free(c);
	/* a lone comma is a record of two empty fields */
	c = ccs_csv_new(",", 1);
	next_ok(c, 2);
	ccs_csv_free(c);
	ccs_csv_free(NULL);
}

static void
test_malformed(void **state)
{
	(void)state;
	ERR("a,b\nc,d\"e\n", CCS_EINVAL, 2, "quote inside unquoted field 2");
	ERR("\"ab\"c,d\n", CCS_EINVAL, 1, "after the closing quote of field 1");
	ERR("ok\nx,\"never\nclosed\n", CCS_EINVAL, 2,
	    "quoted field 2 is never closed");
	ERR("a\rb\n", CCS_EINVAL, 1, "carriage return");
	ERR("a,b\r", CCS_EINVAL, 1, "carriage return");
	ERR("a\n\rb\n", CCS_EINVAL, 2, "carriage return");
	ERR("a,b\0c\n", CCS_EINVAL, 1, "NUL byte in field 2");
	ERR("\"a\0\"\n", CCS_EINVAL, 1, "NUL byte in field 1");
	ERR("h\nok,\xC0\x80\n", CCS_EINVAL, 2, "field 2 is not valid UTF-8");
	/* surrogate, past U+10FFFF, bad lead, truncated, overlong, stray */
	ERR("\xED\xA0\x80\n", CCS_EINVAL, 1, "not valid UTF-8");
	ERR("\xF4\x90\x80\x80\n", CCS_EINVAL, 1, "not valid UTF-8");
	ERR("\xF5\x80\x80\x80\n", CCS_EINVAL, 1, "not valid UTF-8");
	ERR("x\xE2\x82\n", CCS_EINVAL, 1, "not valid UTF-8");
	ERR("\xE0\x80\xAF\n", CCS_EINVAL, 1, "not valid UTF-8");
	ERR("\x80\n", CCS_EINVAL, 1, "not valid UTF-8");
	/* a multi-line quoted field: the error is on the line it began */
	ERR("a\n\"x\ny\xFF\"\n", CCS_EINVAL, 2, "not valid UTF-8");
}

static void
test_limits(void **state)
{
	struct ccs_buf b;
	struct ccs_csv *c;
	char *big;
	size_t i;

	(void)state;
	/* 64 fields pass, 65 do not */
	ccs_buf_init(&b, 1024);
	for (i = 0; i < CCS_CSV_MAX_COLS; i++)
		assert_int_equal(ccs_csv_put(&b, "x", i == 0), CCS_OK);
	c = ccs_csv_new(b.data, b.len);
	next_ok(c, CCS_CSV_MAX_COLS);
	ccs_csv_free(c);
	assert_int_equal(ccs_csv_put(&b, "x", false), CCS_OK);
	expect_error(b.data, b.len, CCS_ETOOBIG, 1, "more than 64 fields");
	ccs_buf_free(&b);

	/* a field of exactly 64 KiB passes, quoted or not; one more byte not */
	big = malloc(CCS_CSV_MAX_FIELD + 8);
	assert_non_null(big);
	memset(big, 'a', CCS_CSV_MAX_FIELD + 8);
	c = ccs_csv_new(big, CCS_CSV_MAX_FIELD);
	assert_int_equal(strlen(next_ok(c, 1)[0]), CCS_CSV_MAX_FIELD);
	ccs_csv_free(c);
	expect_error(big, CCS_CSV_MAX_FIELD + 1, CCS_ETOOBIG, 1,
	    "field 1 is longer than 65536 bytes");
	big[0] = '"';
	big[CCS_CSV_MAX_FIELD + 1] = '"';
	c = ccs_csv_new(big, CCS_CSV_MAX_FIELD + 2);
	assert_int_equal(strlen(next_ok(c, 1)[0]), CCS_CSV_MAX_FIELD);
	ccs_csv_free(c);
	big[CCS_CSV_MAX_FIELD + 1] = 'a';
	big[CCS_CSV_MAX_FIELD + 2] = '"';
	expect_error(big, CCS_CSV_MAX_FIELD + 3, CCS_ETOOBIG, 1,
	    "field 1 is longer");
	free(big);

	/* twenty fields of 60 KiB: over the 1 MiB record limit */
	ccs_buf_init(&b, 2 * CCS_CSV_MAX_RECORD);
	big = malloc(60 * 1024 + 1);
	assert_non_null(big);
	memset(big, 'b', 60 * 1024);
	big[60 * 1024] = '\0';
	assert_int_equal(ccs_buf_adds(&b, "header\n"), CCS_OK);
	for (i = 0; i < 20; i++)
		assert_int_equal(ccs_csv_put(&b, big, i == 0), CCS_OK);
	c = ccs_csv_new(b.data, b.len);
	next_ok(c, 1);
	ccs_csv_free(c);
	expect_error(b.data, b.len, CCS_ETOOBIG, 2, "record is longer than "
	    "1048576 bytes");
	free(big);
	ccs_buf_free(&b);
}

static void
test_writer(void **state)
{
	struct ccs_buf b;

	(void)state;
	ccs_buf_init(&b, 4096);
	assert_int_equal(ccs_csv_put(&b, "plain", true), CCS_OK);
	assert_int_equal(ccs_csv_put(&b, "a,b", false), CCS_OK);
	assert_int_equal(ccs_csv_put(&b, "say \"hi\"", false), CCS_OK);
	assert_int_equal(ccs_csv_put(&b, "two\nlines", false), CCS_OK);
	assert_int_equal(ccs_csv_put(&b, NULL, false), CCS_OK);
	assert_int_equal(ccs_csv_put(&b, "", false), CCS_OK);
	assert_int_equal(ccs_csv_put_int(&b, -5, false), CCS_OK);
	assert_int_equal(ccs_csv_end(&b), CCS_OK);
	assert_string_equal(ccs_buf_str(&b), "plain,\"a,b\",\"say \"\"hi\"\"\","
	    "\"two\nlines\",,,-5\r\n");
	ccs_buf_reset(&b);
	/* formulas are defused, and the result is always quoted */
	assert_int_equal(ccs_csv_put(&b, "=1+2", true), CCS_OK);
	assert_int_equal(ccs_csv_put(&b, "+1", false), CCS_OK);
	assert_int_equal(ccs_csv_put(&b, "-1", false), CCS_OK);
	assert_int_equal(ccs_csv_put(&b, "@SUM(A1)", false), CCS_OK);
	assert_int_equal(ccs_csv_put(&b, "\tx", false), CCS_OK);
	assert_int_equal(ccs_csv_put(&b, "\rx", false), CCS_OK);
	assert_int_equal(ccs_csv_put(&b, "=HYPERLINK(\"http://x\")", false),
	    CCS_OK);
	assert_int_equal(ccs_csv_put(&b, "a=b", false), CCS_OK);
	assert_string_equal(ccs_buf_str(&b), "\"'=1+2\",\"'+1\",\"'-1\","
	    "\"'@SUM(A1)\",\"'\tx\",\"'\rx\",\"'=HYPERLINK(\"\"http://x\"\")\","
	    "a=b");
	ccs_buf_free(&b);

	/* the buffer's limit is reported, never silently cut */
	ccs_buf_init(&b, 8);
	assert_int_equal(ccs_csv_put(&b, "0123456789", true), CCS_ETOOBIG);
	ccs_buf_reset(&b);
	assert_int_equal(ccs_csv_put(&b, "\"\"\"\"\"", true), CCS_ETOOBIG);
	ccs_buf_free(&b);
}

static void
test_round_trip(void **state)
{
	static const char *const fields[] = { "plain", "", "a,b", "\"",
	    "line\r\nbreak", "x\ny", ("Cura\xC3\xA7" "ao"), " spaced ",
	    "\"\"", "," };
	const size_t n = sizeof(fields) / sizeof(fields[0]);
	const char *const *fl;
	struct ccs_csv *c;
	struct ccs_buf b;
	size_t i, rec;

	(void)state;
	ccs_buf_init(&b, 4096);
	for (rec = 0; rec < 3; rec++) {
		for (i = 0; i < n; i++)
			assert_int_equal(ccs_csv_put(&b, fields[i], i == 0),
			    CCS_OK);
		assert_int_equal(ccs_csv_end(&b), CCS_OK);
	}
	c = ccs_csv_new(b.data, b.len);
	for (rec = 0; rec < 3; rec++) {
		fl = next_ok(c, n);
		for (i = 0; i < n; i++)
			assert_string_equal(fl[i], fields[i]);
		/* each record holds two line breaks inside quotes */
		assert_int_equal(ccs_csv_line(c), 1 + rec * 3);
	}
	next_ok(c, 0);
	ccs_csv_free(c);
	ccs_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_blank_lines_bom_utf8),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_writer),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_buf.c: the bounded buffer (util/buf.c). What a caller relies on: the
 * hard maximum is never exceeded, a refused append leaves the contents as
 * they were, lengths that would overflow size_t are refused rather than
 * wrapped, and the contents are always NUL-terminated.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/err.h"

static void
test_empty(void **state)
{
	struct ccs_buf b;

	(void)state;
	ccs_buf_init(&b, 16);
	assert_string_equal(ccs_buf_str(&b), "");
	assert_int_equal(b.len, 0);
	ccs_buf_reset(&b);
	assert_string_equal(ccs_buf_str(&b), "");
	ccs_buf_free(&b);
	/* freeing twice is harmless */
	ccs_buf_free(&b);
	assert_null(b.data);
}

static void
test_append_and_nul(void **state)
{
	struct ccs_buf b;

	(void)state;
	ccs_buf_init(&b, 1024);
	assert_int_equal(ccs_buf_add(&b, "abc", 3), CCS_OK);
	assert_int_equal(ccs_buf_adds(&b, "def"), CCS_OK);
	assert_int_equal(ccs_buf_add(&b, "xyz", 0), CCS_OK);
	assert_int_equal(ccs_buf_printf(&b, "-%d-%s", 42, "q"), CCS_OK);
	assert_string_equal(ccs_buf_str(&b), "abcdef-42-q");
	assert_int_equal(b.len, strlen("abcdef-42-q"));
	assert_int_equal(b.data[b.len], '\0');
	ccs_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(ccs_buf_str(&b), "");
	assert_int_equal(ccs_buf_adds(&b, "again"), CCS_OK);
	assert_string_equal(ccs_buf_str(&b), "again");
	ccs_buf_free(&b);
}

static void
test_binary_bytes(void **state)
{
	static const char raw[] = { 'a', '\0', 'b' };
	struct ccs_buf b;

	(void)state;
	ccs_buf_init(&b, 16);
	assert_int_equal(ccs_buf_add(&b, raw, sizeof(raw)), CCS_OK);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, raw, sizeof(raw));
	ccs_buf_free(&b);
}

static void
test_hard_limit(void **state)
{
	struct ccs_buf b;

	(void)state;
	ccs_buf_init(&b, 8);
	assert_int_equal(ccs_buf_adds(&b, "12345678"), CCS_OK);
	assert_int_equal(b.len, 8);
	/* one more byte is refused and nothing changes */
	assert_int_equal(ccs_buf_add(&b, "9", 1), CCS_ETOOBIG);
	assert_int_equal(b.len, 8);
	assert_string_equal(ccs_buf_str(&b), "12345678");
	assert_int_equal(ccs_buf_printf(&b, "%d", 9), CCS_ETOOBIG);
	assert_string_equal(ccs_buf_str(&b), "12345678");
	/* appending nothing at the limit is fine */
	assert_int_equal(ccs_buf_add(&b, "", 0), CCS_OK);
	ccs_buf_free(&b);

	ccs_buf_init(&b, 8);
	assert_int_equal(ccs_buf_adds(&b, "123456789"), CCS_ETOOBIG);
	assert_int_equal(b.len, 0);
	assert_string_equal(ccs_buf_str(&b), "");
	assert_int_equal(ccs_buf_printf(&b, "%s", "123456789"), CCS_ETOOBIG);
	assert_int_equal(ccs_buf_printf(&b, "%s", "12345678"), CCS_OK);
	assert_string_equal(ccs_buf_str(&b), "12345678");
	ccs_buf_free(&b);

	ccs_buf_init(&b, 0);
	assert_int_equal(ccs_buf_add(&b, "x", 1), CCS_ETOOBIG);
	assert_string_equal(ccs_buf_str(&b), "");
	ccs_buf_free(&b);
}

static void
test_overflow(void **state)
{
	struct ccs_buf b;

	(void)state;
	/* len + n would wrap around: refused, not wrapped into a small size */
	ccs_buf_init(&b, SIZE_MAX);
	assert_int_equal(ccs_buf_adds(&b, "abc"), CCS_OK);
	assert_int_equal(ccs_buf_add(&b, "x", SIZE_MAX), CCS_ETOOBIG);
	assert_int_equal(ccs_buf_add(&b, "x", SIZE_MAX - 2), CCS_ETOOBIG);
	assert_int_equal(ccs_buf_add(&b, "x", SIZE_MAX - 3), CCS_ETOOBIG);
	assert_int_equal(b.len, 3);
	assert_string_equal(ccs_buf_str(&b), "abc");
	ccs_buf_free(&b);
}

static void
test_growth(void **state)
{
	struct ccs_buf b;
	char chunk[100];
	size_t i;

	(void)state;
	memset(chunk, 'z', sizeof(chunk));
	ccs_buf_init(&b, 100000);
	for (i = 0; i < 1000; i++)
		assert_int_equal(ccs_buf_add(&b, chunk, sizeof(chunk)), CCS_OK);
	assert_int_equal(b.len, 100000);
	assert_true(b.cap > b.len);
	assert_int_equal(ccs_buf_add(&b, chunk, 1), CCS_ETOOBIG);
	for (i = 0; i < b.len; i++) {
		if (b.data[i] != 'z')
			fail_msg("byte %zu changed", i);
	}
	assert_int_equal(b.data[b.len], '\0');
	ccs_buf_free(&b);
}

static void
test_steal(void **state)
{
	struct ccs_buf b;
	char *s;

	(void)state;
	ccs_buf_init(&b, 64);
	assert_int_equal(ccs_buf_adds(&b, "owned"), CCS_OK);
	s = ccs_buf_steal(&b);
	assert_string_equal(s, "owned");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_string_equal(ccs_buf_str(&b), "");
	free(s);
	/* stealing an empty buffer gives a real, freeable "" */
	s = ccs_buf_steal(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	/* the limit survives a steal */
	assert_int_equal(b.max, 64);
	ccs_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_append_and_nul),
		cmocka_unit_test(test_binary_bytes),
		cmocka_unit_test(test_hard_limit),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_steal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

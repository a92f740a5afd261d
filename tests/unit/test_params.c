/*
 * test_params.c: the shared query parameters (http/params.c): ?limit=,
 * ?offset=, bounded integers and ?since=. Bad numbers, overflow, values out
 * of range and empty values are refused; absent values take the default;
 * and every route's declared limit range fits the one documented range.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "http/params.h"
#include "http/router.h"
#include "util/err.h"

static void
test_limit(void **state)
{
	static const char *const bad[] = {
		"", "0", "-1", "1001", "abc", "10x", " 10", "10 ", "+10", "1e3",
		"0x10", "1.5", "-", "--1",
		"9223372036854775807", "9223372036854775808",
		"-9223372036854775809", "99999999999999999999999",
	};
	int64_t v;
	size_t i;

	(void)state;
	v = -7;
	assert_int_equal(ccs_params_limit(NULL, 200, 1000, &v), CCS_OK);
	assert_int_equal(v, 200);
	assert_int_equal(ccs_params_limit("1", 200, 1000, &v), CCS_OK);
	assert_int_equal(v, 1);
	assert_int_equal(ccs_params_limit("1000", 200, 1000, &v), CCS_OK);
	assert_int_equal(v, 1000);
	assert_int_equal(ccs_params_limit("007", 200, 1000, &v), CCS_OK);
	assert_int_equal(v, 7);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (ccs_params_limit(bad[i], 200, 1000, &v) != CCS_EINVAL)
			fail_msg("limit '%s' was accepted", bad[i]);
	}
	/* a route's smaller maximum */
	assert_int_equal(ccs_params_limit("200", 50, 200, &v), CCS_OK);
	assert_int_equal(ccs_params_limit("201", 50, 200, &v), CCS_EINVAL);
	assert_int_equal(ccs_params_limit(NULL, 50, 200, &v), CCS_OK);
	assert_int_equal(v, 50);
	/* a range beyond the documented one, or a default outside its own
	 * range, is refused rather than trusted */
	assert_int_equal(ccs_params_limit("5", 200, CCS_LIMIT_MAX + 1, &v),
	    CCS_EINVAL);
	assert_int_equal(ccs_params_limit(NULL, 0, 1000, &v), CCS_EINVAL);
	assert_int_equal(ccs_params_limit(NULL, 300, 200, &v), CCS_EINVAL);
}

static void
test_offset(void **state)
{
	int64_t v = -1;

	(void)state;
	assert_int_equal(ccs_params_offset(NULL, &v), CCS_OK);
	assert_int_equal(v, 0);
	assert_int_equal(ccs_params_offset("0", &v), CCS_OK);
	assert_int_equal(v, 0);
	assert_int_equal(ccs_params_offset("1000000", &v), CCS_OK);
	assert_int_equal(v, CCS_OFFSET_MAX);
	assert_int_equal(ccs_params_offset("1000001", &v), CCS_EINVAL);
	assert_int_equal(ccs_params_offset("-1", &v), CCS_EINVAL);
	assert_int_equal(ccs_params_offset("", &v), CCS_EINVAL);
	assert_int_equal(ccs_params_offset("1,5", &v), CCS_EINVAL);
	assert_int_equal(ccs_params_offset("18446744073709551616", &v),
	    CCS_EINVAL);
}

static void
test_int(void **state)
{
	int64_t v = 0;

	(void)state;
	assert_int_equal(ccs_params_int(NULL, 2, 50, 2, &v), CCS_OK);
	assert_int_equal(v, 2);
	assert_int_equal(ccs_params_int("50", 2, 50, 2, &v), CCS_OK);
	assert_int_equal(v, 50);
	assert_int_equal(ccs_params_int("1", 2, 50, 2, &v), CCS_EINVAL);
	assert_int_equal(ccs_params_int("51", 2, 50, 2, &v), CCS_EINVAL);
	assert_int_equal(ccs_params_int("-3", -5, 5, 0, &v), CCS_OK);
	assert_int_equal(v, -3);
	assert_int_equal(ccs_params_int("9223372036854775807", 1, INT64_MAX,
	    0, &v), CCS_OK);
	assert_true(v == INT64_MAX);
	assert_int_equal(ccs_params_int("9223372036854775808", 1, INT64_MAX,
	    0, &v), CCS_EINVAL);
	assert_int_equal(ccs_params_int("", 0, 10, 0, &v), CCS_EINVAL);
	/* an empty range is a programming error, refused */
	assert_int_equal(ccs_params_int("5", 10, 0, 0, &v), CCS_EINVAL);
}

static void
test_time(void **state)
{
	int64_t v = -1;

	(void)state;
	assert_int_equal(ccs_params_time(NULL, &v), CCS_OK);
	assert_int_equal(v, 0);
	assert_int_equal(ccs_params_time("2026-11-01", &v), CCS_OK);
	assert_int_equal(v, 1793491200);
	assert_int_equal(ccs_params_time("2026-11-01T01:00:00Z", &v), CCS_OK);
	assert_int_equal(v, 1793491200 + 3600);
	assert_int_equal(ccs_params_time("", &v), CCS_EINVAL);
	assert_int_equal(ccs_params_time("yesterday", &v), CCS_EINVAL);
	assert_int_equal(ccs_params_time("2026-13-45", &v), CCS_EINVAL);
	assert_int_equal(ccs_params_time("1793491200", &v), CCS_EINVAL);
}

/* Each route's declared ?limit= range fits the documented one. */
static void
test_route_limits(void **state)
{
	const struct ccs_route *rt;
	int64_t d, m, v;
	size_t i;

	(void)state;
	for (i = 0; i < ccs_router_count(); i++) {
		rt = ccs_router_at(i);
		if (rt->in == NULL)
			continue;
		d = rt->in->limit_dflt ? rt->in->limit_dflt : CCS_LIMIT_DEFAULT;
		m = rt->in->limit_max ? rt->in->limit_max : CCS_LIMIT_MAX;
		if (ccs_params_limit(NULL, d, m, &v) != CCS_OK || v != d)
			fail_msg("%s %s: limit default %lld, maximum %lld",
			    rt->method, rt->pattern, (long long)d,
			    (long long)m);
		if ((rt->in->limit_dflt || rt->in->limit_max) &&
		    strcmp(rt->method, "GET") != 0)
			fail_msg("%s %s pages but is not a GET", rt->method,
			    rt->pattern);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_offset),
		cmocka_unit_test(test_int),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_route_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

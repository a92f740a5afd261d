/*
 * test_histogram.c: the latency histogram of /metrics (util/histogram.c).
 * What a Prometheus query relies on: an observation equal to a bound is in
 * that bucket (le), the buckets are cumulative and end with +Inf equal to
 * _count, _sum is in seconds, and label values are escaped.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/histogram.h"

/* The value of the line starting with @p prefix in @p text; -1 if none. */
static long long
line_value(const char *text, const char *prefix)
{
	const char *p = text;
	size_t n = strlen(prefix);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, prefix, n) == 0)
			return strtoll(p + n, NULL, 10);
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return -1;
}

static void
test_bounds_are_le(void **state)
{
	struct ccs_hist h;
	struct ccs_buf b;
	const char *t;

	(void)state;
	ccs_hist_init(&h);
	ccs_hist_observe(&h, 0);
	ccs_hist_observe(&h, 1000);	/* exactly 1 ms: le="0.001" */
	ccs_hist_observe(&h, 1001);	/* just over: le="0.0025" */
	ccs_hist_observe(&h, 250000);
	ccs_hist_observe(&h, 10000000);
	ccs_hist_observe(&h, 10000001);	/* over 10 s: only +Inf */
	ccs_buf_init(&b, 1 << 16);
	assert_int_equal(ccs_hist_render(&h, "t", "r=\"x\"", &b), CCS_OK);
	t = ccs_buf_str(&b);
	assert_int_equal(line_value(t, "t_bucket{r=\"x\",le=\"0.001\"} "), 2);
	assert_int_equal(line_value(t, "t_bucket{r=\"x\",le=\"0.0025\"} "), 3);
	assert_int_equal(line_value(t, "t_bucket{r=\"x\",le=\"0.1\"} "), 3);
	assert_int_equal(line_value(t, "t_bucket{r=\"x\",le=\"0.25\"} "), 4);
	assert_int_equal(line_value(t, "t_bucket{r=\"x\",le=\"10\"} "), 5);
	assert_int_equal(line_value(t, "t_bucket{r=\"x\",le=\"+Inf\"} "), 6);
	assert_int_equal(line_value(t, "t_count{r=\"x\"} "), 6);
	assert_int_equal(ccs_hist_count(&h), 6);
	/* 0 + 0.001 + 0.001001 + 0.25 + 10 + 10.000001 seconds */
	assert_non_null(strstr(t, "t_sum{r=\"x\"} 20.252002\n"));
	ccs_buf_free(&b);
}

static void
test_cumulative_and_ordered(void **state)
{
	struct ccs_hist h;
	struct ccs_buf b;
	const char *p;
	long long prev = -1, v;
	size_t i, lines = 0;

	(void)state;
	ccs_hist_init(&h);
	for (i = 0; i < 1000; i++)
		ccs_hist_observe(&h, (uint64_t)i * 12345u);
	ccs_buf_init(&b, 1 << 16);
	assert_int_equal(ccs_hist_render(&h, "lat", "", &b), CCS_OK);
	/* every bucket line, in order, never decreasing, +Inf last */
	for (p = ccs_buf_str(&b); (p = strstr(p, "lat_bucket{le=\"")) != NULL;
	    p++) {
		v = strtoll(strchr(p, '}') + 2, NULL, 10);
		assert_true(v >= prev);
		prev = v;
		lines++;
	}
	assert_int_equal(lines, CCS_HIST_NBUCKETS);
	assert_int_equal(prev, 1000);
	/* no labels: no braces on _sum and _count */
	assert_int_equal(line_value(ccs_buf_str(&b), "lat_count "), 1000);
	assert_non_null(strstr(ccs_buf_str(&b), "\nlat_sum "));
	/* the bounds grow and end with +Inf */
	for (i = 1; i < CCS_HIST_NBUCKETS; i++)
		assert_true(ccs_hist_bound_us(i) > ccs_hist_bound_us(i - 1));
	assert_true(ccs_hist_bound_us(CCS_HIST_NBOUNDS) == UINT64_MAX);
	ccs_buf_free(&b);
}

static void
test_empty_renders_zeros(void **state)
{
	struct ccs_hist h;
	struct ccs_buf b;

	(void)state;
	ccs_hist_init(&h);
	ccs_buf_init(&b, 1 << 16);
	assert_int_equal(ccs_hist_render(&h, "e", "a=\"b\"", &b), CCS_OK);
	assert_int_equal(line_value(ccs_buf_str(&b),
	    "e_bucket{a=\"b\",le=\"+Inf\"} "), 0);
	assert_non_null(strstr(ccs_buf_str(&b), "e_sum{a=\"b\"} 0.000000\n"));
	ccs_buf_free(&b);
}

static void
test_render_refuses_past_max(void **state)
{
	struct ccs_hist h;
	struct ccs_buf b;

	(void)state;
	ccs_hist_init(&h);
	ccs_buf_init(&b, 64);
	assert_int_not_equal(ccs_hist_render(&h, "x", "", &b), CCS_OK);
	assert_true(b.len <= 64);
	ccs_buf_free(&b);
}

static void
test_label_escaping(void **state)
{
	struct ccs_buf b;

	(void)state;
	ccs_buf_init(&b, 256);
	assert_int_equal(ccs_prom_label_value(&b, "/api/v1/states/{code}"),
	    CCS_OK);
	assert_string_equal(ccs_buf_str(&b), "/api/v1/states/{code}");
	ccs_buf_reset(&b);
	assert_int_equal(ccs_prom_label_value(&b, "a\"b\\c\nd"), CCS_OK);
	assert_string_equal(ccs_buf_str(&b), "a\\\"b\\\\c\\nd");
	ccs_buf_reset(&b);
	assert_int_equal(ccs_prom_label_value(&b, ""), CCS_OK);
	assert_string_equal(ccs_buf_str(&b), "");
	ccs_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bounds_are_le),
		cmocka_unit_test(test_cumulative_and_ordered),
		cmocka_unit_test(test_empty_renders_zeros),
		cmocka_unit_test(test_render_refuses_past_max),
		cmocka_unit_test(test_label_escaping),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_chart.c: the chart renderer (format/chart.c). The SVG is an SVG
 * document with one stroked path per series in the plot and one per series
 * in the legend (series lines alone use stroke-width 2.5); the PDF is a PDF;
 * every bound (series, points, text, values, dates, size, output) refuses
 * what is past it instead of drawing something wrong; dates convert exactly.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "format/chart.h"
#include "util/buf.h"
#include "util/err.h"

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;
	const char *p = hay;

	for (p = strstr(p, needle); p != NULL; p = strstr(p, needle)) {
		n++;
		p += strlen(needle);
	}
	return n;
}

static int64_t
day(const char *d)
{
	int64_t v = 0;

	assert_int_equal(ccs_chart_day(d, &v), CCS_OK);
	return v;
}

/* Overall + two areas with points, and one series without any. */
static struct ccs_chart *
sample(enum ccs_chart_kind kind)
{
	struct ccs_chart *c = ccs_chart_new(760, 440, kind);
	size_t a, b, e, o;

	assert_non_null(c);
	assert_int_equal(ccs_chart_set_title(c, "Jamaica: share of minimum "
	    "standards met"), CCS_OK);
	assert_int_equal(ccs_chart_set_axis_labels(c, "Date", "Standards met"),
	    CCS_OK);
	assert_int_equal(ccs_chart_set_until(c, day("2025-12-31")), CCS_OK);
	assert_int_equal(ccs_chart_add_series(c, "Overall", NULL, &o), CCS_OK);
	assert_int_equal(ccs_chart_add_series(c, "PA1", "PA1 Public awareness",
	    &a), CCS_OK);
	assert_int_equal(ccs_chart_add_series(c, "PA2", "PA2 Capacity", &b),
	    CCS_OK);
	assert_int_equal(ccs_chart_add_series(c, "PA3", "PA3 No data yet", &e),
	    CCS_OK);
	assert_int_equal(o, 0);
	assert_int_equal(e, 3);
	assert_int_equal(ccs_chart_add_point(c, o, day("2019-06-30"), 25),
	    CCS_OK);
	assert_int_equal(ccs_chart_add_point(c, o, day("2022-06-30"), 31),
	    CCS_OK);
	assert_int_equal(ccs_chart_add_point(c, o, day("2025-06-30"), 40),
	    CCS_OK);
	assert_int_equal(ccs_chart_add_point(c, a, day("2019-06-30"), 0),
	    CCS_OK);
	assert_int_equal(ccs_chart_add_point(c, a, day("2025-06-30"), 100),
	    CCS_OK);
	/* two points on one day are allowed (a correction) */
	assert_int_equal(ccs_chart_add_point(c, b, day("2022-06-30"), 42),
	    CCS_OK);
	assert_int_equal(ccs_chart_add_point(c, b, day("2022-06-30"), 44.5),
	    CCS_OK);
	return c;
}

static void
test_svg(void **state)
{
	struct ccs_chart *c = sample(CCS_CHART_STEP);
	struct ccs_buf out;
	const char *s;

	(void)state;
	ccs_buf_init(&out, CCS_CHART_MAX_OUTPUT);
	assert_int_equal(ccs_chart_render(c, CCS_CHART_SVG, &out), CCS_OK);
	s = ccs_buf_str(&out);
	assert_true(strncmp(s, "<?xml", 5) == 0);
	assert_non_null(strstr(s, "<svg"));
	assert_non_null(strstr(s, "</svg>"));
	assert_non_null(strstr(s, "viewBox=\"0 0 760 440\""));
	/* 3 series with points in the plot + 4 legend samples */
	assert_int_equal(count(s, "stroke-width:2.5;"), 3 + 4);
	/* series differ by dash pattern, not only colour: solid + 3 dashed */
	assert_int_equal(count(s, "stroke-dasharray"), 2 + 3);
	ccs_buf_free(&out);
	ccs_chart_free(c);
}

static void
test_pdf_same_chart(void **state)
{
	struct ccs_chart *c = sample(CCS_CHART_LINE);
	struct ccs_buf out;

	(void)state;
	ccs_buf_init(&out, CCS_CHART_MAX_OUTPUT);
	assert_int_equal(ccs_chart_render(c, CCS_CHART_PDF, &out), CCS_OK);
	assert_true(out.len > 1000);
	assert_memory_equal(out.data, "%PDF-", 5);
	assert_non_null(memmem(out.data, out.len, "%%EOF", 5));
	/* rendering twice appends a second, independent file */
	assert_int_equal(ccs_chart_render(c, CCS_CHART_SVG, &out), CCS_OK);
	assert_non_null(memmem(out.data, out.len, "<svg", 4));
	assert_int_equal(ccs_chart_render(c, (enum ccs_chart_format)7, &out),
	    CCS_EINVAL);
	ccs_buf_free(&out);
	ccs_chart_free(c);
}

static void
test_empty_chart_renders(void **state)
{
	struct ccs_chart *c = ccs_chart_new(400, 300, CCS_CHART_STEP);
	struct ccs_buf out;
	size_t i;

	(void)state;
	ccs_buf_init(&out, CCS_CHART_MAX_OUTPUT);
	assert_int_equal(ccs_chart_render(c, CCS_CHART_SVG, &out), CCS_OK);
	assert_int_equal(count(ccs_buf_str(&out), "stroke-width:2.5;"), 0);
	ccs_buf_reset(&out);
	assert_int_equal(ccs_chart_add_series(c, "Only", NULL, &i), CCS_OK);
	assert_int_equal(ccs_chart_add_point(c, i, day("2024-01-01"), 50),
	    CCS_OK);
	assert_int_equal(ccs_chart_render(c, CCS_CHART_SVG, &out), CCS_OK);
	/* a single point: a zero-length line, a marker and the legend */
	assert_non_null(strstr(ccs_buf_str(&out), "<svg"));
	ccs_buf_free(&out);
	ccs_chart_free(c);
	ccs_chart_free(NULL);
}

static void
test_bounds(void **state)
{
	struct ccs_chart *c;
	char big[CCS_CHART_MAX_TEXT + 2];
	size_t i, idx = 99;
	int64_t d0 = day("2000-01-01");

	(void)state;
	assert_null(ccs_chart_new(CCS_CHART_MIN_SIZE - 1, 400, CCS_CHART_LINE));
	assert_null(ccs_chart_new(400, CCS_CHART_MAX_SIZE + 1, CCS_CHART_LINE));
	assert_null(ccs_chart_new(400, 400, (enum ccs_chart_kind)9));
	c = ccs_chart_new(CCS_CHART_MAX_SIZE, CCS_CHART_MAX_SIZE,
	    CCS_CHART_LINE);
	assert_non_null(c);

	/* text: length, UTF-8, controls, empty label */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(ccs_chart_set_title(c, big), CCS_ETOOBIG);
	big[CCS_CHART_MAX_TEXT] = '\0';
	assert_int_equal(ccs_chart_set_title(c, big), CCS_OK);
	assert_int_equal(ccs_chart_set_title(c, "bad \xff byte"), CCS_EINVAL);
	assert_int_equal(ccs_chart_set_title(c, "two\nlines"), CCS_EINVAL);
	assert_int_equal(ccs_chart_set_title(c, "Sainte-Lucie: État"), CCS_OK);
	assert_int_equal(ccs_chart_set_axis_labels(c, "ok", "\xc3"),
	    CCS_EINVAL);
	assert_int_equal(ccs_chart_add_series(c, "", NULL, &idx), CCS_EINVAL);
	assert_int_equal(ccs_chart_add_series(c, NULL, NULL, &idx), CCS_EINVAL);
	assert_int_equal(ccs_chart_add_series(c, "x", "\x01", &idx),
	    CCS_EINVAL);
	assert_int_equal(idx, 99);

	/* series: 16 and no more */
	for (i = 0; i < CCS_CHART_MAX_SERIES; i++)
		assert_int_equal(ccs_chart_add_series(c, "s", NULL, &idx),
		    CCS_OK);
	assert_int_equal(idx, CCS_CHART_MAX_SERIES - 1);
	assert_int_equal(ccs_chart_add_series(c, "s", NULL, &idx),
	    CCS_ETOOBIG);

	/* points: values, dates, order, unknown series, 1000 and no more */
	assert_int_equal(ccs_chart_add_point(c, 0, d0, -0.1), CCS_EINVAL);
	assert_int_equal(ccs_chart_add_point(c, 0, d0, 100.1), CCS_EINVAL);
	assert_int_equal(ccs_chart_add_point(c, 0, d0, NAN), CCS_EINVAL);
	assert_int_equal(ccs_chart_add_point(c, 0, d0, INFINITY), CCS_EINVAL);
	assert_int_equal(ccs_chart_add_point(c, 0, INT64_MAX, 1), CCS_EINVAL);
	assert_int_equal(ccs_chart_add_point(c, 0, day("1900-01-01") - 1, 1),
	    CCS_EINVAL);
	assert_int_equal(ccs_chart_add_point(c, CCS_CHART_MAX_SERIES, d0, 1),
	    CCS_EINVAL);
	assert_int_equal(ccs_chart_add_point(c, 0, d0, 5), CCS_OK);
	assert_int_equal(ccs_chart_add_point(c, 0, d0 - 1, 5), CCS_EINVAL);
	for (i = 1; i < CCS_CHART_MAX_POINTS; i++)
		assert_int_equal(ccs_chart_add_point(c, 0, d0 + (int64_t)i,
		    (double)(i % 101)), CCS_OK);
	assert_int_equal(ccs_chart_add_point(c, 0, d0 + 5000, 1), CCS_ETOOBIG);
	assert_int_equal(ccs_chart_set_until(c, INT64_MIN), CCS_EINVAL);
	assert_int_equal(ccs_chart_set_until(c, day("9999-12-31")), CCS_OK);
	assert_int_equal(ccs_chart_set_until(c, day("9999-12-31") + 1),
	    CCS_EINVAL);
	ccs_chart_free(c);
}

static void
test_output_bounded(void **state)
{
	struct ccs_chart *c = sample(CCS_CHART_STEP);
	struct ccs_buf out;

	(void)state;
	ccs_buf_init(&out, 1000);
	assert_int_equal(ccs_chart_render(c, CCS_CHART_SVG, &out), CCS_ETOOBIG);
	assert_true(out.len <= 1000);
	ccs_buf_free(&out);
	ccs_buf_init(&out, 1000);
	assert_int_equal(ccs_chart_render(c, CCS_CHART_PDF, &out), CCS_ETOOBIG);
	ccs_buf_free(&out);
	ccs_chart_free(c);
}

static void
test_too_small_for_legend(void **state)
{
	struct ccs_chart *c = ccs_chart_new(CCS_CHART_MIN_SIZE,
	    CCS_CHART_MIN_SIZE, CCS_CHART_LINE);
	struct ccs_buf out;
	size_t i, idx;

	(void)state;
	for (i = 0; i < CCS_CHART_MAX_SERIES; i++)
		assert_int_equal(ccs_chart_add_series(c, "A long series label",
		    NULL, &idx), CCS_OK);
	ccs_buf_init(&out, CCS_CHART_MAX_OUTPUT);
	assert_int_equal(ccs_chart_render(c, CCS_CHART_SVG, &out), CCS_EINVAL);
	ccs_buf_free(&out);
	ccs_chart_free(c);
}

static void
test_days(void **state)
{
	int64_t d = 1;

	(void)state;
	assert_int_equal(day("1970-01-01"), 0);
	assert_int_equal(day("1970-01-02"), 1);
	assert_int_equal(day("1969-12-31"), -1);
	assert_int_equal(day("2000-03-01"), 11017);
	assert_int_equal(day("2024-02-29") + 1, day("2024-03-01"));
	assert_int_equal(day("1900-01-01"), -25567);
	assert_int_equal(day("9999-12-31"), 2932896);
	assert_int_equal(ccs_chart_day("2023-02-29", &d), CCS_EINVAL);
	assert_int_equal(ccs_chart_day("1899-12-31", &d), CCS_EINVAL);
	assert_int_equal(ccs_chart_day("2025-6-30", &d), CCS_EINVAL);
	assert_int_equal(ccs_chart_day(NULL, &d), CCS_EINVAL);
	assert_int_equal(d, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_svg),
		cmocka_unit_test(test_pdf_same_chart),
		cmocka_unit_test(test_empty_chart_renders),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_output_bounded),
		cmocka_unit_test(test_too_small_for_legend),
		cmocka_unit_test(test_days),
	};

	int rc;

	rc = cmocka_run_group_tests(tests, NULL, NULL);
	ccs_chart_cleanup();
	return rc;
}

/*
 * test_bars.c: the bar chart (format/bars.c). The SVG has a data layer
 * with one rect per bar, in the order added, carrying its keys and exact
 * value, each box's length in proportion to its value on its panel's
 * scale (panels do not share one); a long label does not widen the bars'
 * area past its share; every bound (series, panels, rows, bars, text,
 * values, height) refuses what is past it instead of drawing it wrong.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "format/bars.h"
#include "util/buf.h"
#include "util/err.h"

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;
	const char *p;

	for (p = strstr(hay, needle); p != NULL; p = strstr(p, needle)) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/* The width="..." of the @p nth rect of the data layer. */
static double
bar_width(const char *svg, size_t nth)
{
	const char *p = strstr(svg, "<g id=\"ccs-data\"");
	size_t i;

	assert_non_null(p);
	for (i = 0; i <= nth; i++) {
		p = strstr(p + 1, "<rect ");
		assert_non_null(p);
	}
	p = strstr(p, "width=\"");
	assert_non_null(p);
	return strtod(p + 7, NULL);
}

static struct ccs_bars *
two_panels(void)
{
	struct ccs_bars *b = ccs_bars_new(760);

	assert_non_null(b);
	assert_int_equal(ccs_bars_set_title(b, "Funding by year"), CCS_OK);
	assert_int_equal(ccs_bars_add_series(b, "Pledged", "pledged"),
	    CCS_OK);
	assert_int_equal(ccs_bars_add_series(b, "Spent", "spent"), CCS_OK);
	assert_int_equal(ccs_bars_add_panel(b, "In XCD", "XCD"), CCS_OK);
	assert_int_equal(ccs_bars_add_row(b, "2024", "2024"), CCS_OK);
	assert_int_equal(ccs_bars_add_bar(b, 0, 4000, "40.00 pledged",
	    "40.00"), CCS_OK);
	assert_int_equal(ccs_bars_add_bar(b, 1, 1000, "10.00 spent",
	    "10.00"), CCS_OK);
	assert_int_equal(ccs_bars_add_row(b, "Saint Kitts & Nevis", "KN"),
	    CCS_OK);
	assert_int_equal(ccs_bars_add_bar(b, 0, 2000, "20.00 pledged",
	    "20.00"), CCS_OK);
	assert_int_equal(ccs_bars_add_panel(b, "In USD", "USD"), CCS_OK);
	assert_int_equal(ccs_bars_add_row(b, "2024", "2024"), CCS_OK);
	assert_int_equal(ccs_bars_add_bar(b, 0, 5, "0.05 pledged", "0.05"),
	    CCS_OK);
	assert_int_equal(ccs_bars_add_note(b, "Money is never converted."),
	    CCS_OK);
	return b;
}

static void
test_svg_and_data_layer(void **state)
{
	struct ccs_bars *b = two_panels();
	struct ccs_buf out;
	const char *svg;
	double w0, w1, w2, w3;

	(void)state;
	ccs_buf_init(&out, CCS_CHART_MAX_OUTPUT);
	assert_int_equal(ccs_bars_render(b, CCS_CHART_SVG, &out), CCS_OK);
	svg = ccs_buf_str(&out);
	assert_non_null(strstr(svg, "<svg"));
	assert_non_null(strstr(svg, "<title>Funding by year</title>"));
	assert_int_equal(count(svg, "ccs:value=\""), 4);
	assert_non_null(strstr(svg, "ccs:panel=\"XCD\" ccs:row=\"2024\" "
	    "ccs:series=\"spent\" ccs:value=\"10.00\""));
	/* markup in a label is escaped, not injected */
	assert_non_null(strstr(svg, "<title>Saint Kitts &amp; Nevis, XCD "
	    "20.00 pledged</title>"));
	/* the data layer closes before the root does */
	assert_true(strstr(svg, "</g>\n</svg>") != NULL);
	w0 = bar_width(svg, 0);
	w1 = bar_width(svg, 1);
	w2 = bar_width(svg, 2);
	w3 = bar_width(svg, 3);
	assert_true(w0 > 100);
	assert_true(w1 > 0.24 * w0 && w1 < 0.26 * w0);
	assert_true(w2 > 0.49 * w0 && w2 < 0.51 * w0);
	/* the USD panel has its own scale: 5 minor units fill it */
	assert_true(w3 > w0 - 0.5 && w3 < w0 + 0.5);
	ccs_buf_free(&out);
	ccs_buf_init(&out, CCS_CHART_MAX_OUTPUT);
	assert_int_equal(ccs_bars_render(b, CCS_CHART_PDF, &out), CCS_OK);
	assert_memory_equal(ccs_buf_str(&out), "%PDF", 4);
	ccs_buf_free(&out);
	ccs_bars_free(b);
}

static void
test_empty_renders(void **state)
{
	struct ccs_bars *b = ccs_bars_new(400);
	struct ccs_buf out;

	(void)state;
	assert_non_null(b);
	assert_int_equal(ccs_bars_add_series(b, "Pledged", "pledged"),
	    CCS_OK);
	assert_int_equal(ccs_bars_add_panel(b, "In JPY", "JPY"), CCS_OK);
	ccs_buf_init(&out, CCS_CHART_MAX_OUTPUT);
	assert_int_equal(ccs_bars_render(b, CCS_CHART_SVG, &out), CCS_OK);
	assert_int_equal(count(ccs_buf_str(&out), "ccs:value="), 0);
	ccs_buf_free(&out);
	ccs_bars_free(b);
	ccs_bars_free(NULL);
}

static void
test_bounds(void **state)
{
	struct ccs_bars *b;
	struct ccs_buf out;
	char big[CCS_CHART_MAX_TEXT + 2];
	size_t i;
	int rc = CCS_OK;

	(void)state;
	assert_null(ccs_bars_new(CCS_BARS_MIN_WIDTH - 1));
	assert_null(ccs_bars_new(CCS_CHART_MAX_SIZE + 1));
	b = ccs_bars_new(600);
	assert_non_null(b);
	/* no row before a panel, no bar before a row */
	assert_int_equal(ccs_bars_add_row(b, "x", "x"), CCS_EINVAL);
	assert_int_equal(ccs_bars_add_series(b, "", "k"), CCS_EINVAL);
	assert_int_equal(ccs_bars_add_series(b, "A\nB", "k"), CCS_EINVAL);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(ccs_bars_set_title(b, big), CCS_ETOOBIG);
	for (i = 0; i < CCS_BARS_MAX_SERIES; i++)
		assert_int_equal(ccs_bars_add_series(b, "S", "s"), CCS_OK);
	assert_int_equal(ccs_bars_add_series(b, "S", "s"), CCS_ETOOBIG);
	assert_int_equal(ccs_bars_add_panel(b, "P", "P"), CCS_OK);
	assert_int_equal(ccs_bars_add_bar(b, 0, 1, "1", "1"), CCS_EINVAL);
	assert_int_equal(ccs_bars_add_row(b, "R", "R"), CCS_OK);
	assert_int_equal(ccs_bars_add_bar(b, 0, -1, "1", "1"), CCS_EINVAL);
	assert_int_equal(ccs_bars_add_bar(b, CCS_BARS_MAX_SERIES, 1, "1",
	    "1"), CCS_EINVAL);
	/* too many rows for one picture: refused at render, not cut */
	for (i = 1; rc == CCS_OK && i < CCS_BARS_MAX_ROWS; i++) {
		rc = ccs_bars_add_row(b, "R", "R");
		if (rc == CCS_OK)
			rc = ccs_bars_add_bar(b, 0, (double)i, "1", "1");
	}
	assert_int_equal(rc, CCS_OK);
	assert_int_equal(ccs_bars_add_row(b, "R", "R"), CCS_ETOOBIG);
	ccs_buf_init(&out, CCS_CHART_MAX_OUTPUT);
	assert_int_equal(ccs_bars_render(b, CCS_CHART_SVG, &out),
	    CCS_ETOOBIG);
	ccs_buf_free(&out);
	ccs_bars_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_svg_and_data_layer),
		cmocka_unit_test(test_empty_renders),
		cmocka_unit_test(test_bounds),
	};
	int rc;

	rc = cmocka_run_group_tests(tests, NULL, NULL);
	ccs_chart_cleanup();
	return rc;
}

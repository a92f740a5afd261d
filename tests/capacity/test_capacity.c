/*
 * test_capacity.c: the pure rules of capacity building
 * (core/capacity/): ISO 4217 exponents, exact amounts and rates,
 * conversion and splitting without losing a cent, recipient shares,
 * date order and overlap, funding stages, and the duplicate score with
 * its reasons.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include <cmocka.h>

#include "core/capacity/money.h"
#include "core/capacity/rules.h"

static void
test_currency(void **state)
{
	(void)state;
	assert_int_equal(ccs_currency_exponent("USD"), 2);
	assert_int_equal(ccs_currency_exponent("XCD"), 2);
	assert_int_equal(ccs_currency_exponent("JPY"), 0);
	assert_int_equal(ccs_currency_exponent("BHD"), 3);
	assert_int_equal(ccs_currency_exponent("CLF"), 4);
	assert_int_equal(ccs_currency_exponent("usd"), -1);
	assert_int_equal(ccs_currency_exponent("XXX"), -1);
	assert_int_equal(ccs_currency_exponent("US"), -1);
	assert_int_equal(ccs_currency_exponent("USDX"), -1);
	assert_int_equal(ccs_currency_exponent(NULL), -1);
}

static void
test_money_parse(void **state)
{
	static const char *const bad[] = {
		"", "-1", "+1", "1e3", "1,000", " 1", "1 ", "1.", ".5",
		"1.234", "abc", "1..2", "1000000000000000", "0x10",
	};
	int64_t v;
	size_t i;

	(void)state;
	assert_true(ccs_money_parse("2757000", 2, &v));
	assert_int_equal(v, 275700000);
	assert_true(ccs_money_parse("2757000.5", 2, &v));
	assert_int_equal(v, 275700050);
	assert_true(ccs_money_parse("0.01", 2, &v));
	assert_int_equal(v, 1);
	assert_true(ccs_money_parse("0", 2, &v));
	assert_int_equal(v, 0);
	assert_true(ccs_money_parse("20000", 0, &v));
	assert_int_equal(v, 20000);
	assert_false(ccs_money_parse("10.5", 0, &v));
	assert_true(ccs_money_parse("9999999999999.99", 2, &v));
	assert_int_equal(v, CCS_MONEY_MAX);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(ccs_money_parse(bad[i], 2, &v));
}

static void
test_money_format(void **state)
{
	char out[CCS_MONEY_FMTLEN];

	(void)state;
	ccs_money_format(275700000, 2, out);
	assert_string_equal(out, "2757000.00");
	ccs_money_format(5, 2, out);
	assert_string_equal(out, "0.05");
	ccs_money_format(0, 3, out);
	assert_string_equal(out, "0.000");
	ccs_money_format(20000, 0, out);
	assert_string_equal(out, "20000");
	ccs_money_format(-150, 2, out);
	assert_string_equal(out, "-1.50");
	ccs_money_format(CCS_MONEY_MAX, 2, out);
	assert_string_equal(out, "9999999999999.99");
}

static void
test_rate(void **state)
{
	struct ccs_rate r;
	int64_t v;

	(void)state;
	assert_true(ccs_rate_parse("0.74", &r));
	assert_int_equal(r.num, 74);
	assert_int_equal(r.scale, 2);
	assert_true(ccs_rate_parse("2.7", &r));
	assert_false(ccs_rate_parse("0", &r));
	assert_false(ccs_rate_parse("-1.2", &r));
	assert_false(ccs_rate_parse("1.2.3", &r));
	assert_false(ccs_rate_parse("1e2", &r));
	assert_false(ccs_rate_parse("0.1234567890123", &r));
	assert_false(ccs_rate_parse("1234567890123456789", &r));

	/* CAD 2,757,000.00 at 0.74 USD = USD 2,040,180.00 exactly */
	assert_true(ccs_rate_parse("0.74", &r));
	assert_true(ccs_money_convert(275700000, 2, &r, 2, &v));
	assert_int_equal(v, 204018000);
	/* EUR 0.01 at 1.005 rounds half up to USD 0.01 */
	assert_true(ccs_rate_parse("1.005", &r));
	assert_true(ccs_money_convert(1, 2, &r, 2, &v));
	assert_int_equal(v, 1);
	/* JPY 20000 at 0.0067 = USD 134.00 */
	assert_true(ccs_rate_parse("0.0067", &r));
	assert_true(ccs_money_convert(20000, 0, &r, 2, &v));
	assert_int_equal(v, 13400);
	/* too large a result is refused, not wrapped */
	assert_true(ccs_rate_parse("1000000", &r));
	assert_false(ccs_money_convert(CCS_MONEY_MAX, 2, &r, 2, &v));
	assert_false(ccs_money_convert(-1, 2, &r, 2, &v));
}

static void
test_split(void **state)
{
	int64_t w[3] = { 1, 1, 1 }, out[3], pct[2] = { 6000, 4000 };

	(void)state;
	assert_true(ccs_money_split(100, w, 3, out));
	assert_int_equal(out[0] + out[1] + out[2], 100);
	assert_int_equal(out[0], 34);
	assert_int_equal(out[1], 33);
	assert_true(ccs_money_split(101, pct, 2, out));
	assert_int_equal(out[0], 61);
	assert_int_equal(out[1], 40);
	w[0] = w[1] = w[2] = 0;
	assert_false(ccs_money_split(100, w, 3, out));
	w[1] = -1;
	assert_false(ccs_money_split(100, w, 3, out));
}

static void
test_shares(void **state)
{
	int64_t v, ok[] = { 1200, 1200, 1200, 1200, 1200, 1200, 1200, 1200,
	    400 }, over[] = { 6000, 5000 }, under[] = { 5000, 4000 };

	(void)state;
	assert_true(ccs_share_parse("12", &v));
	assert_int_equal(v, 1200);
	assert_true(ccs_share_parse("12.5", &v));
	assert_int_equal(v, 1250);
	assert_true(ccs_share_parse("0.01", &v));
	assert_int_equal(v, 1);
	assert_true(ccs_share_parse("100", &v));
	assert_false(ccs_share_parse("100.01", &v));
	assert_false(ccs_share_parse("0", &v));
	assert_false(ccs_share_parse("-5", &v));
	assert_false(ccs_share_parse("1.234", &v));
	assert_false(ccs_share_parse("ten", &v));
	/* the Canada browser's WFP split: 8 x 12% + 4% regional */
	assert_int_equal(ccs_share_check(ok, 9), CCS_SHARE_OK);
	assert_int_equal(ccs_share_check(over, 2), CCS_SHARE_OVER);
	assert_int_equal(ccs_share_check(under, 2), CCS_SHARE_UNDER);
	assert_int_equal(ccs_share_check(under, 1), CCS_SHARE_OK);
	assert_int_equal(ccs_share_check(NULL, 0), CCS_SHARE_OK);
}

static void
test_dates(void **state)
{
	(void)state;
	assert_true(ccs_dates_ordered("2018-04-01", "2021-03-31"));
	assert_true(ccs_dates_ordered("2018-04-01", "2018-04-01"));
	assert_false(ccs_dates_ordered("2021-03-31", "2018-04-01"));
	assert_true(ccs_dates_ordered(NULL, "2018-04-01"));
	assert_true(ccs_dates_ordered("2018-04-01", ""));
	assert_true(ccs_dates_overlap("2015-01-01", "2017-12-31",
	    "2017-06-01", "2019-01-01"));
	assert_false(ccs_dates_overlap("2015-01-01", "2017-12-31",
	    "2018-04-01", "2021-03-31"));
	assert_true(ccs_dates_overlap(NULL, NULL, "2018-04-01", NULL));
	assert_true(ccs_dates_overlap("2020-01-01", NULL, NULL,
	    "2020-01-01"));
}

static void
test_stage(void **state)
{
	int pledge[] = { 12 }, commit[] = { 12, 2 }, paid[] = { 3, 12 },
	    other[] = { 5, 6 };

	(void)state;
	assert_int_equal(ccs_stage_of(1, NULL, 0, false), CCS_STAGE_PIPELINE);
	assert_int_equal(ccs_stage_of(2, pledge, 1, false), CCS_STAGE_PLEDGED);
	assert_int_equal(ccs_stage_of(2, commit, 2, false),
	    CCS_STAGE_COMMITTED);
	assert_int_equal(ccs_stage_of(2, paid, 2, false), CCS_STAGE_DISBURSED);
	assert_int_equal(ccs_stage_of(2, other, 2, false), CCS_STAGE_PIPELINE);
	assert_int_equal(ccs_stage_of(1, pledge, 1, true),
	    CCS_STAGE_COMMITTED);
	assert_int_equal(ccs_stage_of(4, NULL, 0, false), CCS_STAGE_COMPLETED);
	assert_int_equal(ccs_stage_of(3, NULL, 0, false), CCS_STAGE_COMPLETED);
	assert_int_equal(ccs_stage_of(5, paid, 2, true), CCS_STAGE_UNCOVERED);
	assert_string_equal(ccs_stage_name(CCS_STAGE_DISBURSED), "disbursed");
	assert_string_equal(ccs_iati_status_name(6), "suspended");
	assert_null(ccs_iati_status_name(7));
	assert_string_equal(ccs_iati_role_name(4), "implementing");
	assert_null(ccs_iati_role_name(0));
	assert_true(ccs_iati_tx_type_valid(13));
	assert_false(ccs_iati_tx_type_valid(14));
}

static void
test_words(void **state)
{
	char **w = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(ccs_dup_words("The e-Evidence training, for "
	    "FIRST responders; training of the POLICE (phase II)", &w, &n), 0);
	/* evidence first police responders training: sorted, unique */
	assert_int_equal(n, 5);
	assert_string_equal(w[0], "evidence");
	assert_string_equal(w[1], "first");
	assert_string_equal(w[2], "police");
	assert_string_equal(w[3], "responders");
	assert_string_equal(w[4], "training");
	ccs_dup_words_free(w, n);
	assert_int_equal(ccs_dup_words("", &w, &n), 0);
	assert_int_equal(n, 0);
	ccs_dup_words_free(w, n);
}

static void
test_dup(void **state)
{
	const char *sa[] = { "BB", "JM" }, *sb[] = { "JM", "LC" },
	    *sc[] = { "GY" };
	const char *na[] = { "T2.2" }, *nb[] = { "T2.2", "T2.3" };
	const char *wa[] = { "evidence", "first", "police", "responders",
	    "training" };
	const char *wb[] = { "evidence", "first", "responders", "training" };
	const char *wc[] = { "awareness", "schools" };
	int64_t ia[] = { 10 }, ib[] = { 11 }, la[] = { 5 };
	struct ccs_dup_item a = { 1, "2024-01-01", "2024-12-31", sa, 2,
	    false, na, 1, la, 1, ia, 1, wa, 5 };
	struct ccs_dup_item b = { 2, "2024-06-01", "2025-06-30", sb, 2,
	    false, nb, 2, NULL, 0, ib, 1, wb, 4 };
	struct ccs_dup_item c = { 3, "2024-06-01", NULL, sc, 1, false,
	    NULL, 0, NULL, 0, NULL, 0, wc, 2 };
	struct ccs_dup d;

	(void)state;
	ccs_dup_score(&a, &b, &d);
	assert_true(d.candidate);
	assert_int_equal(d.jaccard, 800);
	assert_true(d.reasons & CCS_DUP_STATES);
	assert_true(d.reasons & CCS_DUP_DATES);
	assert_true(d.reasons & CCS_DUP_NEED);
	assert_false(d.reasons & CCS_DUP_STANDARD);
	assert_true(d.reasons & CCS_DUP_TEXT);
	assert_true(d.reasons & CCS_DUP_IMPLEMENTERS);
	assert_int_equal(d.score, 25 + 20 + 15 + 16 + 10);

	/* the same implementer: no "different implementers" points */
	b.implementers = ia;
	ccs_dup_score(&a, &b, &d);
	assert_false(d.reasons & CCS_DUP_IMPLEMENTERS);
	assert_int_equal(d.score, 76);

	/* dates apart: never a candidate, whatever else */
	b.start = "2025-01-01";
	ccs_dup_score(&a, &b, &d);
	assert_false(d.reasons & CCS_DUP_DATES);
	assert_false(d.candidate);

	/* another state and topic: not a candidate */
	ccs_dup_score(&a, &c, &d);
	assert_false(d.candidate);
	assert_int_equal(d.reasons & (CCS_DUP_STATES | CCS_DUP_NEED), 0);

	/* both regional count as the same place */
	a.regional = c.regional = true;
	c.words = wa;
	c.nwords = 5;
	ccs_dup_score(&a, &c, &d);
	assert_true(d.reasons & CCS_DUP_REGIONAL);
	assert_true(d.candidate);
	assert_int_equal(d.score, 25 + 20 + 20);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_currency),
		cmocka_unit_test(test_money_parse),
		cmocka_unit_test(test_money_format),
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_shares),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_stage),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_dup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

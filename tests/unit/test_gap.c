/*
 * test_gap.c: the gap analysis arithmetic (core/gap.c): what counts as met,
 * that no data is never counted as met, and the per-mille share with its
 * rounding, which the API turns into percent_met.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>

#include "core/gap.h"

static void
test_classify(void **state)
{
	(void)state;
	assert_int_equal(ccs_gap_classify(3, 3), CCS_GAP_MET);
	assert_int_equal(ccs_gap_classify(4, 3), CCS_GAP_MET);
	assert_int_equal(ccs_gap_classify(2, 3), CCS_GAP_UNMET);
	assert_int_equal(ccs_gap_classify(0, 1), CCS_GAP_UNMET);
	assert_int_equal(ccs_gap_classify(CCS_GAP_NODATA, 1), CCS_GAP_UNKNOWN);
	assert_int_equal(ccs_gap_classify(-7, 0), CCS_GAP_UNKNOWN);
}

static void
test_tally(void **state)
{
	struct ccs_gap_tally t = { 0, 0, 0 };

	(void)state;
	assert_int_equal(ccs_gap_total(&t), 0);
	assert_int_equal(ccs_gap_permille(&t), 0);
	ccs_gap_add(&t, CCS_GAP_MET);
	ccs_gap_add(&t, CCS_GAP_UNMET);
	ccs_gap_add(&t, CCS_GAP_UNKNOWN);
	ccs_gap_add(&t, CCS_GAP_UNKNOWN);
	assert_int_equal(t.met, 1);
	assert_int_equal(t.unmet, 1);
	assert_int_equal(t.unknown, 2);
	assert_int_equal(ccs_gap_total(&t), 4);
	/* no data counts against the share */
	assert_int_equal(ccs_gap_permille(&t), 250);
}

static void
test_permille_rounding(void **state)
{
	struct ccs_gap_tally t;

	(void)state;
	t = (struct ccs_gap_tally){ 1, 2, 0 };	/* 333.33 */
	assert_int_equal(ccs_gap_permille(&t), 333);
	t = (struct ccs_gap_tally){ 2, 1, 0 };	/* 666.67 */
	assert_int_equal(ccs_gap_permille(&t), 667);
	t = (struct ccs_gap_tally){ 1, 1999, 0 };	/* 0.5: half up */
	assert_int_equal(ccs_gap_permille(&t), 1);
	t = (struct ccs_gap_tally){ 1, 2000, 1 };	/* 0.4995 */
	assert_int_equal(ccs_gap_permille(&t), 0);
	t = (struct ccs_gap_tally){ 5, 0, 0 };
	assert_int_equal(ccs_gap_permille(&t), 1000);
	t = (struct ccs_gap_tally){ 0, 0, 9 };
	assert_int_equal(ccs_gap_permille(&t), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_tally),
		cmocka_unit_test(test_permille_rounding),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

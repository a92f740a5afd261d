/*
 * test_capacity_training.c: the pure rules of trainings, campaigns and
 * the timeline (core/capacity/): which changes complete a record, which
 * proposals a completion implies (targets x states, never where the state
 * already meets the standard, never twice), the vocabularies and periods,
 * and month arithmetic for due dates.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>

#include "core/capacity/closing.h"
#include "core/capacity/events.h"
#include "core/capacity/timeline.h"

static void
test_initiative_completes(void **state)
{
	(void)state;
	assert_true(ccs_cap_initiative_completes(2, 3));
	assert_true(ccs_cap_initiative_completes(2, 4));
	assert_true(ccs_cap_initiative_completes(0, 4));
	assert_true(ccs_cap_initiative_completes(1, 3));
	/* already complete: no second time */
	assert_false(ccs_cap_initiative_completes(3, 4));
	assert_false(ccs_cap_initiative_completes(4, 3));
	assert_false(ccs_cap_initiative_completes(4, 4));
	/* cancelled, suspended, back to implementation */
	assert_false(ccs_cap_initiative_completes(2, 5));
	assert_false(ccs_cap_initiative_completes(2, 6));
	assert_false(ccs_cap_initiative_completes(4, 2));
}

static void
test_event_completes(void **state)
{
	(void)state;
	assert_true(ccs_cap_event_completes("planned", "completed"));
	assert_true(ccs_cap_event_completes(NULL, "completed"));
	assert_true(ccs_cap_event_completes("cancelled", "completed"));
	assert_false(ccs_cap_event_completes("completed", "completed"));
	assert_false(ccs_cap_event_completes("planned", "cancelled"));
	assert_false(ccs_cap_event_completes("planned", NULL));
	assert_false(ccs_cap_event_completes(NULL, "planned"));
}

static void
test_target_level(void **state)
{
	struct ccs_cap_target t = { 7, -1, 2, 4 };

	(void)state;
	assert_int_equal(ccs_cap_target_level(&t), 2);
	t.level = 3;
	assert_int_equal(ccs_cap_target_level(&t), 3);
	t.level = 4;	/* off the scale: the met level */
	assert_int_equal(ccs_cap_target_level(&t), 2);
	t.level = 0;	/* "not started" proposes nothing below met */
	assert_int_equal(ccs_cap_target_level(&t), 2);
}

static void
test_plan_targets_times_states(void **state)
{
	const struct ccs_cap_target t[] = {
		{ 10, -1, 2, 3 }, { 11, -1, 1, 2 }
	};
	const char *const st[] = { "BB", "JM", "LC" };
	struct ccs_cap_proposal out[8];
	size_t n;

	(void)state;
	n = ccs_cap_plan(t, 2, st, 3, NULL, 0, out, 8);
	assert_int_equal(n, 6);
	assert_string_equal(out[0].state, "BB");
	assert_int_equal(out[0].lineage_id, 10);
	assert_int_equal(out[0].level, 2);
	assert_string_equal(out[2].state, "LC");
	assert_string_equal(out[3].state, "BB");
	assert_int_equal(out[3].lineage_id, 11);
	assert_int_equal(out[3].level, 1);
	/* too little room is an error, not a silent cut */
	assert_int_equal(ccs_cap_plan(t, 2, st, 3, NULL, 0, out, 5),
	    (size_t)-1);
	/* nothing targeted, or nobody covered: nothing proposed */
	assert_int_equal(ccs_cap_plan(t, 0, st, 3, NULL, 0, out, 8), 0);
	assert_int_equal(ccs_cap_plan(t, 2, st, 0, NULL, 0, out, 8), 0);
}

static void
test_plan_skips_met_and_proposed(void **state)
{
	const struct ccs_cap_target t[] = { { 10, -1, 2, 3 } };
	const char *const st[] = { "BB", "JM", "LC", "TT", "GY" };
	const struct ccs_cap_known k[] = {
		{ "BB", 10, 2, false },	/* met */
		{ "JM", 10, 1, false },	/* below: proposed */
		{ "LC", 10, -1, true },	/* already proposed by this source */
		{ "TT", 11, 2, false },	/* another standard: irrelevant */
		{ "GY", 10, -1, false },	/* no data: proposed */
		{ "JM", 10, -1, false },	/* a second entry, no status */
	};
	struct ccs_cap_proposal out[8];
	size_t n;

	(void)state;
	n = ccs_cap_plan(t, 1, st, 5, k, 6, out, 8);
	assert_int_equal(n, 3);
	assert_string_equal(out[0].state, "JM");
	assert_string_equal(out[1].state, "TT");
	assert_string_equal(out[2].state, "GY");
}

static void
test_plan_status_and_proposal_rows(void **state)
{
	/* the status row first, the proposal of this source second */
	const struct ccs_cap_target t[] = { { 10, -1, 2, 3 } };
	const char *const st[] = { "JM" };
	const struct ccs_cap_known k[] = { { "JM", 10, 0, false },
	    { "JM", 10, -1, true } };
	struct ccs_cap_proposal out[2];

	(void)state;
	assert_int_equal(ccs_cap_plan(t, 1, st, 1, k, 2, out, 2), 0);
	assert_int_equal(ccs_cap_plan(t, 1, st, 1, k, 1, out, 2), 1);
}

static void
test_plan_never_lowers(void **state)
{
	/* a record asking for level 1 of a standard met at 2, state at 1 */
	const struct ccs_cap_target t[] = { { 10, 1, 2, 3 } };
	const char *const st[] = { "BB", "JM" };
	const struct ccs_cap_known k[] = { { "BB", 10, 1, false } };
	struct ccs_cap_proposal out[4];
	size_t n;

	(void)state;
	n = ccs_cap_plan(t, 1, st, 2, k, 1, out, 4);
	assert_int_equal(n, 1);
	assert_string_equal(out[0].state, "JM");
	assert_int_equal(out[0].level, 1);
}

static void
test_vocabularies(void **state)
{
	char buf[256], tiny[8];

	(void)state;
	assert_true(ccs_vocab_has(&ccs_training_audiences, "judges"));
	assert_true(ccs_vocab_has(&ccs_training_audiences, "crisis_managers"));
	assert_false(ccs_vocab_has(&ccs_training_audiences, "schools"));
	assert_false(ccs_vocab_has(&ccs_training_audiences, NULL));
	assert_true(ccs_vocab_has(&ccs_campaign_audiences, "schools"));
	assert_true(ccs_vocab_has(&ccs_campaign_audiences, "ministers"));
	assert_false(ccs_vocab_has(&ccs_campaign_audiences, "Judges"));
	assert_true(ccs_vocab_has(&ccs_campaign_channels, "social_media"));
	assert_true(ccs_vocab_has(&ccs_event_statuses, "cancelled"));
	assert_int_equal(ccs_vocab_list(&ccs_event_statuses, buf, sizeof(buf)),
	    0);
	assert_string_equal(buf, "planned, completed, cancelled");
	assert_int_equal(ccs_vocab_list(&ccs_event_statuses, tiny,
	    sizeof(tiny)), -1);
}

static void
test_periods(void **state)
{
	(void)state;
	assert_true(ccs_period_ok("2024-06-06", "2024-06-07"));
	assert_true(ccs_period_ok("2024-06-06", "2024-06-06"));
	assert_false(ccs_period_ok("2024-06-07", "2024-06-06"));
	assert_true(ccs_period_in_year("2024-06-06", "2024-06-07", 2024));
	assert_true(ccs_period_in_year("2023-12-30", "2025-01-02", 2024));
	assert_false(ccs_period_in_year("2024-06-06", "2024-06-07", 2023));
	assert_false(ccs_period_in_year("2024-06-07", "2024-06-06", 2024));
}

static void
test_add_months(void **state)
{
	char out[11];

	(void)state;
	assert_int_equal(ccs_add_months("2016-05-01", 0, out), 0);
	assert_string_equal(out, "2016-05-01");
	assert_int_equal(ccs_add_months("2016-05-01", 8, out), 0);
	assert_string_equal(out, "2017-01-01");
	assert_int_equal(ccs_add_months("2024-01-31", 1, out), 0);
	assert_string_equal(out, "2024-02-29");
	assert_int_equal(ccs_add_months("2023-01-31", 1, out), 0);
	assert_string_equal(out, "2023-02-28");
	assert_int_equal(ccs_add_months("2019-12-15", 60, out), 0);
	assert_string_equal(out, "2024-12-15");
	assert_int_equal(ccs_add_months("2019-02-30", 1, out), -1);
	assert_int_equal(ccs_add_months("2019-13-01", 1, out), -1);
	assert_int_equal(ccs_add_months("2019-01-01", -1, out), -1);
	assert_int_equal(ccs_add_months("9999-12-01", 1, out), -1);
	assert_int_equal(ccs_add_months("20190101", 1, out), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_initiative_completes),
		cmocka_unit_test(test_event_completes),
		cmocka_unit_test(test_target_level),
		cmocka_unit_test(test_plan_targets_times_states),
		cmocka_unit_test(test_plan_skips_met_and_proposed),
		cmocka_unit_test(test_plan_status_and_proposal_rows),
		cmocka_unit_test(test_plan_never_lowers),
		cmocka_unit_test(test_vocabularies),
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_add_months),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

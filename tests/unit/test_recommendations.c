/*
 * test_recommendations.c: the rules of recommendations
 * (core/monitoring/recommendations.c), walked case by case. Expectations
 * come from the CARICOM implementation-plan format and the workflow as
 * docs/internals/MONITORING.md states them, not from the code:
 *   immediate up to 6 months, medium up to 18, long up to 30, counted
 *   from the meeting; nar and rar set no window;
 *   statuses open, in_progress, closed, dropped; closed and dropped are
 *   final; only the secretariat (writer) closes, drops or reopens;
 *   overdue: not closed or dropped, due before today.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include <cmocka.h>

#include "core/monitoring/recommendations.h"

static const char *const statuses[] = {
	"open", "in_progress", "closed", "dropped"
};
#define NSTATUS	(sizeof(statuses) / sizeof(statuses[0]))

static void
test_timeframes(void **state)
{
	(void)state;
	assert_int_equal(ccs_rec_timeframe_months("immediate"), 6);
	assert_int_equal(ccs_rec_timeframe_months("medium"), 18);
	assert_int_equal(ccs_rec_timeframe_months("long"), 30);
	assert_int_equal(ccs_rec_timeframe_months("nar"), 0);
	assert_int_equal(ccs_rec_timeframe_months("rar"), 0);
	assert_int_equal(ccs_rec_timeframe_months("sc"), -1);
	assert_int_equal(ccs_rec_timeframe_months(""), -1);
	assert_int_equal(ccs_rec_timeframe_months(NULL), -1);
}

static void
test_add_months(void **state)
{
	char out[11];

	(void)state;
	assert_true(ccs_rec_add_months("2024-10-22", 6, out));
	assert_string_equal(out, "2025-04-22");
	assert_true(ccs_rec_add_months("2024-10-22", 18, out));
	assert_string_equal(out, "2026-04-22");
	assert_true(ccs_rec_add_months("2024-10-22", 30, out));
	assert_string_equal(out, "2027-04-22");
	/* the day clamps to the month's end, leap years counted */
	assert_true(ccs_rec_add_months("2023-08-31", 6, out));
	assert_string_equal(out, "2024-02-29");
	assert_true(ccs_rec_add_months("2024-08-31", 6, out));
	assert_string_equal(out, "2025-02-28");
	assert_true(ccs_rec_add_months("2099-08-31", 6, out));
	assert_string_equal(out, "2100-02-28");
	assert_true(ccs_rec_add_months("2024-12-15", 0, out));
	assert_string_equal(out, "2024-12-15");
	assert_false(ccs_rec_add_months("2024-02-30", 6, out));
	assert_false(ccs_rec_add_months("not a date", 6, out));
	assert_false(ccs_rec_add_months("9999-12-01", 1, out));
	assert_false(ccs_rec_add_months("2024-01-01", -1, out));
}

static void
test_due_fits(void **state)
{
	(void)state;
	assert_true(ccs_rec_due_fits("immediate", "2024-10-22", "2025-04-22"));
	assert_false(ccs_rec_due_fits("immediate", "2024-10-22",
	    "2025-04-23"));
	assert_true(ccs_rec_due_fits("medium", "2024-10-22", "2026-04-22"));
	assert_false(ccs_rec_due_fits("medium", "2024-10-22", "2026-04-23"));
	assert_true(ccs_rec_due_fits("long", "2024-10-22", "2027-04-22"));
	assert_false(ccs_rec_due_fits("long", "2024-10-22", "2027-04-23"));
	/* a due date before the meeting is within the window (overdue) */
	assert_true(ccs_rec_due_fits("immediate", "2024-10-22", "2024-01-01"));
	assert_true(ccs_rec_due_fits("nar", "2024-10-22", "2040-01-01"));
	assert_true(ccs_rec_due_fits("rar", "2024-10-22", "2040-01-01"));
	assert_false(ccs_rec_due_fits("rar", "2024-10-22", "2040-13-01"));
	assert_false(ccs_rec_due_fits("soon", "2024-10-22", "2024-11-01"));
	assert_false(ccs_rec_due_fits("immediate", "bad", "2024-11-01"));
	assert_false(ccs_rec_due_fits("immediate", "2024-10-22", NULL));
}

static bool
expected(size_t from, size_t to, bool writer)
{
	const char *f = statuses[from], *t = statuses[to];
	bool final_from = strcmp(f, "closed") == 0 ||
	    strcmp(f, "dropped") == 0;

	if (final_from)
		return false;
	if (from == to)
		return true;
	if (strcmp(t, "in_progress") == 0)
		return true;
	return writer;
}

static void
test_transitions(void **state)
{
	size_t a, b, w;

	(void)state;
	for (a = 0; a < NSTATUS; a++) {
		for (b = 0; b < NSTATUS; b++) {
			for (w = 0; w < 2; w++) {
				if (ccs_rec_transition_ok(statuses[a],
				    statuses[b], w == 1) != expected(a, b,
				    w == 1))
					fail_msg("%s -> %s (%s)", statuses[a],
					    statuses[b], w ? "writer" :
					    "owner");
			}
		}
	}
	assert_false(ccs_rec_transition_ok("open", "done", true));
	assert_false(ccs_rec_transition_ok("late", "open", true));
	assert_false(ccs_rec_transition_ok(NULL, "open", true));
	for (a = 0; a < NSTATUS; a++)
		assert_true(ccs_rec_status_known(statuses[a]));
	assert_false(ccs_rec_status_known("Open"));
	assert_false(ccs_rec_status_known(NULL));
}

static void
test_overdue(void **state)
{
	(void)state;
	assert_true(ccs_rec_overdue("open", "2024-10-21", "2024-10-22"));
	assert_true(ccs_rec_overdue("in_progress", "2024-01-01",
	    "2024-10-22"));
	/* due today is not yet overdue */
	assert_false(ccs_rec_overdue("open", "2024-10-22", "2024-10-22"));
	assert_false(ccs_rec_overdue("open", "2024-10-23", "2024-10-22"));
	assert_false(ccs_rec_overdue("closed", "2024-01-01", "2024-10-22"));
	assert_false(ccs_rec_overdue("dropped", "2024-01-01", "2024-10-22"));
	assert_false(ccs_rec_overdue("late", "2024-01-01", "2024-10-22"));
	assert_false(ccs_rec_overdue("open", NULL, "2024-10-22"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timeframes),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_due_fits),
		cmocka_unit_test(test_transitions),
		cmocka_unit_test(test_overdue),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_crisis.c: the crisis workflow (core/crisis/crisis.c), pair by pair
 * over all 5 x 5 statuses, the severity scale and its escalation, and the
 * situation report clock. Expectations are written from the workflow as
 * the design states it, not from the table:
 *   declared > escalated > stabilised > closed > reviewed;
 *   an open crisis (declared, escalated, stabilised) stays, escalates,
 *   stabilises or closes, but never goes back to declared and never
 *   reaches reviewed without being closed; a stabilised crisis that
 *   flares up escalates again; closed goes only to reviewed; reviewed is
 *   final, not even a stay.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include <cmocka.h>

#include "core/crisis/crisis.h"

static const char *const order[] = {
	"declared", "escalated", "stabilised", "closed", "reviewed"
};

static bool
is(size_t i, const char *name)
{
	return strcmp(order[i], name) == 0;
}

static bool
expected(size_t from, size_t to)
{
	bool open = is(from, "declared") || is(from, "escalated") ||
	    is(from, "stabilised");

	if (is(from, "reviewed"))
		return false;
	if (from == to)
		return true;
	if (is(from, "closed"))
		return is(to, "reviewed");
	if (is(to, "declared") || is(to, "reviewed"))
		return false;
	return open;
}

static void
test_every_pair(void **state)
{
	enum ccs_crisis_status from, to;
	size_t i, j, nok = 0;

	(void)state;
	assert_int_equal(CCS_CRISIS_STATUS_COUNT,
	    sizeof(order) / sizeof(order[0]));
	for (i = 0; i < CCS_CRISIS_STATUS_COUNT; i++) {
		assert_true(ccs_crisis_status_parse(order[i], &from));
		assert_string_equal(ccs_crisis_status_name(from), order[i]);
		for (j = 0; j < CCS_CRISIS_STATUS_COUNT; j++) {
			assert_true(ccs_crisis_status_parse(order[j], &to));
			if (ccs_crisis_move_ok(from, to) != expected(i, j))
				fail_msg("%s -> %s: got %d", order[i], order[j],
				    (int)ccs_crisis_move_ok(from, to));
			nok += ccs_crisis_move_ok(from, to);
		}
	}
	/* 4 stays; declared: escalated, stabilised, closed; escalated:
	 * stabilised, closed; stabilised: escalated, closed; closed:
	 * reviewed. */
	assert_int_equal(nok, 4 + 3 + 2 + 2 + 1);
}

static void
test_named_moves(void **state)
{
	(void)state;
	assert_true(ccs_crisis_move_ok(CCS_CRISIS_STABILISED,
	    CCS_CRISIS_ESCALATED));
	assert_false(ccs_crisis_move_ok(CCS_CRISIS_ESCALATED,
	    CCS_CRISIS_DECLARED));
	assert_false(ccs_crisis_move_ok(CCS_CRISIS_DECLARED,
	    CCS_CRISIS_REVIEWED));
	assert_false(ccs_crisis_move_ok(CCS_CRISIS_CLOSED,
	    CCS_CRISIS_ESCALATED));
	assert_false(ccs_crisis_move_ok(CCS_CRISIS_REVIEWED,
	    CCS_CRISIS_REVIEWED));
	assert_false(ccs_crisis_move_ok((enum ccs_crisis_status)9,
	    CCS_CRISIS_CLOSED));
	assert_null(ccs_crisis_status_name((enum ccs_crisis_status)9));
}

static void
test_unknown_words(void **state)
{
	enum ccs_crisis_status st = CCS_CRISIS_CLOSED;

	(void)state;
	assert_false(ccs_crisis_status_parse("open", &st));
	assert_false(ccs_crisis_status_parse("", &st));
	assert_false(ccs_crisis_status_parse(NULL, &st));
	assert_false(ccs_crisis_status_parse("Declared", &st));
	assert_int_equal(st, CCS_CRISIS_CLOSED);
	assert_true(ccs_vocab_has(&ccs_crisis_roles, "liaison"));
	assert_false(ccs_vocab_has(&ccs_crisis_roles, "spokesperson"));
	assert_true(ccs_vocab_has(&ccs_crisis_audiences, "partner_states"));
	assert_true(ccs_vocab_has(&ccs_crisis_audiences, "ministers"));
	assert_true(ccs_vocab_has(&ccs_crisis_audiences, "media"));
	assert_true(ccs_vocab_has(&ccs_crisis_audiences, "public"));
	assert_true(ccs_vocab_has(&ccs_crisis_template_kinds, "ir_protocol"));
}

/* Levels 0-2 stay with the national team; 3 and 4 escalate. */
static void
test_severity(void **state)
{
	int64_t sev;

	(void)state;
	for (sev = -2; sev <= 6; sev++) {
		assert_int_equal(ccs_crisis_severity_ok(sev),
		    sev >= 0 && sev <= 4);
		assert_int_equal(ccs_crisis_escalates(sev),
		    sev == 3 || sev == 4);
	}
}

static void
test_after_severity(void **state)
{
	(void)state;
	assert_int_equal(ccs_crisis_after_severity(CCS_CRISIS_DECLARED, 3),
	    CCS_CRISIS_ESCALATED);
	assert_int_equal(ccs_crisis_after_severity(CCS_CRISIS_DECLARED, 2),
	    CCS_CRISIS_DECLARED);
	assert_int_equal(ccs_crisis_after_severity(CCS_CRISIS_STABILISED, 4),
	    CCS_CRISIS_ESCALATED);
	assert_int_equal(ccs_crisis_after_severity(CCS_CRISIS_ESCALATED, 1),
	    CCS_CRISIS_ESCALATED);
	/* a closed crisis is not reopened by a higher level */
	assert_int_equal(ccs_crisis_after_severity(CCS_CRISIS_CLOSED, 4),
	    CCS_CRISIS_CLOSED);
	assert_int_equal(ccs_crisis_after_severity(CCS_CRISIS_DECLARED, 5),
	    CCS_CRISIS_DECLARED);
}

static void
test_open_and_review(void **state)
{
	(void)state;
	assert_true(ccs_crisis_open(CCS_CRISIS_DECLARED));
	assert_true(ccs_crisis_open(CCS_CRISIS_ESCALATED));
	assert_true(ccs_crisis_open(CCS_CRISIS_STABILISED));
	assert_false(ccs_crisis_open(CCS_CRISIS_CLOSED));
	assert_false(ccs_crisis_open(CCS_CRISIS_REVIEWED));
	assert_true(ccs_crisis_review_ok(CCS_CRISIS_CLOSED));
	assert_false(ccs_crisis_review_ok(CCS_CRISIS_STABILISED));
	assert_false(ccs_crisis_review_ok(CCS_CRISIS_REVIEWED));
}

/* Every 6 hours from the last report: due at +6 h, overdue one second
 * after, never overdue once closed. */
static void
test_sitrep_clock(void **state)
{
	const int64_t t0 = 1717632000;	/* 2024-06-06 00:00 UTC */

	(void)state;
	assert_int_equal(ccs_crisis_sitrep_due(t0, 6), t0 + 6 * 3600);
	assert_false(ccs_crisis_sitrep_overdue(CCS_CRISIS_DECLARED, t0, 6,
	    t0 + 6 * 3600));
	assert_true(ccs_crisis_sitrep_overdue(CCS_CRISIS_DECLARED, t0, 6,
	    t0 + 6 * 3600 + 1));
	assert_true(ccs_crisis_sitrep_overdue(CCS_CRISIS_STABILISED, t0, 1,
	    t0 + 3601));
	assert_false(ccs_crisis_sitrep_overdue(CCS_CRISIS_CLOSED, t0, 6,
	    t0 + 100 * 3600));
	assert_false(ccs_crisis_sitrep_overdue(CCS_CRISIS_REVIEWED, t0, 6,
	    t0 + 100 * 3600));
	/* out-of-range cadences are held to 1..168 hours */
	assert_int_equal(ccs_crisis_sitrep_due(t0, 0), t0 + 3600);
	assert_int_equal(ccs_crisis_sitrep_due(t0, 1000), t0 + 168 * 3600);
	assert_int_equal(ccs_crisis_sitrep_due(INT64_MAX - 5, 1), INT64_MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_pair),
		cmocka_unit_test(test_named_moves),
		cmocka_unit_test(test_unknown_words),
		cmocka_unit_test(test_severity),
		cmocka_unit_test(test_after_severity),
		cmocka_unit_test(test_open_and_review),
		cmocka_unit_test(test_sitrep_clock),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_triage.c: the public report's status workflow, priority rule and
 * referral checks (core/reporting/triage_rules.c). Expectations are
 * written from the rules as the design states them, not from the table:
 *   submitted (received) -> triaged | closed (classify first);
 *   triaged -> triaged (again) | referred | investigating | closed;
 *   referred -> referred (another body) | investigating | closed;
 *   investigating (converted into an incident) -> closed; closed is
 *   final.
 *   Imminent harm and child exploitation are urgent and cannot be put
 *   lower; ransomware starts high; everything else starts normal.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include <cmocka.h>

#include "core/reporting/triage_rules.h"

static const char *const order[] = {
	"submitted", "triaged", "referred", "investigating", "closed"
};

static bool
expected(const char *from, const char *to)
{
	if (strcmp(from, "submitted") == 0)
		return strcmp(to, "triaged") == 0 || strcmp(to, "closed") == 0;
	if (strcmp(from, "triaged") == 0)
		return strcmp(to, "submitted") != 0;
	if (strcmp(from, "referred") == 0)
		return strcmp(to, "referred") == 0 ||
		    strcmp(to, "investigating") == 0 ||
		    strcmp(to, "closed") == 0;
	if (strcmp(from, "investigating") == 0)
		return strcmp(to, "closed") == 0;
	return false;
}

static void
test_every_pair(void **state)
{
	enum ccs_report_status from, to;
	size_t i, j, nok = 0;

	(void)state;
	assert_int_equal(CCS_REPORT_STATUS_COUNT,
	    sizeof(order) / sizeof(order[0]));
	for (i = 0; i < CCS_REPORT_STATUS_COUNT; i++) {
		assert_true(ccs_report_status_parse(order[i], &from));
		assert_string_equal(ccs_report_status_name(from), order[i]);
		for (j = 0; j < CCS_REPORT_STATUS_COUNT; j++) {
			assert_true(ccs_report_status_parse(order[j], &to));
			assert_int_equal(ccs_report_move_ok(from, to),
			    expected(order[i], order[j]));
			nok += expected(order[i], order[j]) ? 1 : 0;
		}
	}
	/* 2 + 4 + 3 + 1 + 0 allowed moves */
	assert_int_equal(nok, 10);
}

static void
test_status_words(void **state)
{
	enum ccs_report_status st = CCS_REPORT_CLOSED;

	(void)state;
	assert_false(ccs_report_status_parse(NULL, &st));
	assert_false(ccs_report_status_parse("Submitted", &st));
	assert_false(ccs_report_status_parse("received", &st));
	assert_false(ccs_report_status_parse("open", &st));
	assert_int_equal(st, CCS_REPORT_CLOSED);
	assert_null(ccs_report_status_name((enum ccs_report_status)99));
	assert_false(ccs_report_move_ok((enum ccs_report_status)99,
	    CCS_REPORT_CLOSED));
	assert_false(ccs_report_move_ok(CCS_REPORT_RECEIVED,
	    (enum ccs_report_status)99));
	assert_int_equal(ccs_report_statuses.nwords, CCS_REPORT_STATUS_COUNT);
}

static void
test_priority_words(void **state)
{
	static const char *const words[] = { "urgent", "high", "normal",
		"low" };
	enum ccs_report_priority pr;
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		assert_true(ccs_report_priority_parse(words[i], &pr));
		assert_string_equal(ccs_report_priority_name(pr), words[i]);
		/* the queue's order: most urgent first */
		assert_int_equal((size_t)pr, i);
	}
	assert_false(ccs_report_priority_parse("critical", &pr));
	assert_false(ccs_report_priority_parse("", &pr));
	assert_false(ccs_report_priority_parse(NULL, &pr));
	assert_null(ccs_report_priority_name((enum ccs_report_priority)4));
}

static void
test_priority_rule(void **state)
{
	(void)state;
	/* child exploitation: urgent whatever the triager thinks */
	assert_int_equal(ccs_report_priority_default(
	    CCS_REPORT_CATEGORY_CHILD, false), CCS_PRIORITY_URGENT);
	assert_true(ccs_report_priority_ok(CCS_PRIORITY_URGENT,
	    CCS_REPORT_CATEGORY_CHILD, false));
	assert_false(ccs_report_priority_ok(CCS_PRIORITY_HIGH,
	    CCS_REPORT_CATEGORY_CHILD, false));
	assert_false(ccs_report_priority_ok(CCS_PRIORITY_LOW,
	    CCS_REPORT_CATEGORY_CHILD, false));
	/* imminent harm, any category */
	assert_int_equal(ccs_report_priority_default("fraud", true),
	    CCS_PRIORITY_URGENT);
	assert_false(ccs_report_priority_ok(CCS_PRIORITY_NORMAL, "fraud",
	    true));
	assert_true(ccs_report_priority_ok(CCS_PRIORITY_URGENT, "fraud",
	    true));
	/* otherwise any priority; the default depends on the category */
	assert_int_equal(ccs_report_priority_default("ransomware", false),
	    CCS_PRIORITY_HIGH);
	assert_int_equal(ccs_report_priority_default("fraud", false),
	    CCS_PRIORITY_NORMAL);
	assert_int_equal(ccs_report_priority_default(NULL, false),
	    CCS_PRIORITY_NORMAL);
	assert_true(ccs_report_priority_ok(CCS_PRIORITY_LOW, "fraud", false));
	assert_true(ccs_report_priority_ok(CCS_PRIORITY_URGENT, "other",
	    false));
	assert_false(ccs_report_priority_ok((enum ccs_report_priority)7,
	    "other", false));
}

static void
test_referrals(void **state)
{
	const char *routed[] = { "JM", "TT" };
	const char *code = "x";

	(void)state;
	assert_true(ccs_report_referral_ok("police_cyber_unit", NULL, routed,
	    2, &code));
	assert_null(code);
	assert_true(ccs_report_referral_ok("international_hotline", "",
	    routed, 2, &code));
	assert_true(ccs_report_referral_ok("another_state", "BB", routed, 2,
	    &code));
	assert_false(ccs_report_referral_ok("another_state", "TT", routed, 2,
	    &code));
	assert_string_equal(code, "already_routed");
	assert_false(ccs_report_referral_ok("another_state", NULL, routed, 2,
	    &code));
	assert_string_equal(code, "state_required");
	assert_false(ccs_report_referral_ok("fiu", "BB", routed, 2, &code));
	assert_string_equal(code, "unexpected_state");
	assert_false(ccs_report_referral_ok("interpol", NULL, routed, 2,
	    &code));
	assert_string_equal(code, "invalid_referral");
	assert_false(ccs_report_referral_ok(NULL, NULL, routed, 0, &code));
	assert_string_equal(code, "invalid_referral");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_pair),
		cmocka_unit_test(test_status_words),
		cmocka_unit_test(test_priority_words),
		cmocka_unit_test(test_priority_rule),
		cmocka_unit_test(test_referrals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

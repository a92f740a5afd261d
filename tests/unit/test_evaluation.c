/*
 * test_evaluation.c: the words and rules of plan versions and their
 * evaluation (core/monitoring/evaluation.c). Expectations from the OECD
 * DAC criteria (2019: relevance, coherence, effectiveness, efficiency,
 * impact, sustainability) and the item changes as MONITORING.md states
 * them: a carried item (kept, changed, dropped) moves among those three;
 * a new item stays new; "original" is never set.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include <cmocka.h>

#include "core/monitoring/evaluation.h"

static const char *const changes[] = {
	"original", "kept", "changed", "dropped", "new"
};
#define NCHANGE	(sizeof(changes) / sizeof(changes[0]))

static void
test_words(void **state)
{
	static const char *const dac[] = { "relevance", "coherence",
		"effectiveness", "efficiency", "impact", "sustainability" };
	const char *const *c;
	int n, i;

	(void)state;
	c = ccs_eval_criteria(&n);
	assert_int_equal(n, 6);
	for (i = 0; i < n; i++) {
		assert_string_equal(c[i], dac[i]);
		assert_true(ccs_eval_criterion_known(dac[i]));
	}
	assert_false(ccs_eval_criterion_known("beauty"));
	assert_false(ccs_eval_criterion_known("Relevance"));
	assert_false(ccs_eval_criterion_known(NULL));
	assert_true(ccs_eval_progress_known("done"));
	assert_true(ccs_eval_progress_known("partly"));
	assert_true(ccs_eval_progress_known("not_started"));
	assert_false(ccs_eval_progress_known("started"));
	assert_false(ccs_eval_progress_known(NULL));
	assert_int_equal(CCS_EVAL_SCORE_MIN, 1);
	assert_int_equal(CCS_EVAL_SCORE_MAX, 4);
}

static bool
carried(const char *s)
{
	return strcmp(s, "kept") == 0 || strcmp(s, "changed") == 0 ||
	    strcmp(s, "dropped") == 0;
}

static void
test_changes(void **state)
{
	size_t a, b;
	bool want;

	(void)state;
	for (a = 0; a < NCHANGE; a++) {
		for (b = 0; b < NCHANGE; b++) {
			want = (carried(changes[a]) && carried(changes[b])) ||
			    (strcmp(changes[a], "new") == 0 &&
			    strcmp(changes[b], "new") == 0);
			if (ccs_plan_change_ok(changes[a], changes[b]) != want)
				fail_msg("%s -> %s", changes[a], changes[b]);
		}
	}
	assert_false(ccs_plan_change_ok(NULL, "kept"));
	assert_false(ccs_plan_change_ok("kept", NULL));
}

static void
test_suggest(void **state)
{
	struct ccs_eval_evidence e;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_string_equal(ccs_eval_suggest(&e), "not_started");
	e.standards_met = 2;
	assert_string_equal(ccs_eval_suggest(&e), "partly");
	memset(&e, 0, sizeof(e));
	e.initiatives = 1;
	assert_string_equal(ccs_eval_suggest(&e), "partly");
	e.initiatives_done = 1;
	assert_string_equal(ccs_eval_suggest(&e), "done");
	e.recommendations = 2;
	e.recommendations_closed = 1;
	assert_string_equal(ccs_eval_suggest(&e), "partly");
	e.recommendations_closed = 2;
	assert_string_equal(ccs_eval_suggest(&e), "done");
	memset(&e, 0, sizeof(e));
	e.recommendations = 1;
	assert_string_equal(ccs_eval_suggest(&e), "partly");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_changes),
		cmocka_unit_test(test_suggest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_incident.c: the incident status workflow (core/incident.c), pair by
 * pair over all 6 x 6 (from, to) statuses, and the severity scale.
 * Expectations are written from the workflow as the design states it, not
 * from the table:
 *   reported > triaged > investigating > contained > resolved > closed;
 *   any forward move (skipping is allowed) from a status other than
 *   closed; back only to investigating, and only from contained or
 *   resolved; closed is final; staying put (an update of the severity
 *   alone) is always allowed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include <cmocka.h>

#include "core/incident.h"

static const char *const order[] = {
	"reported", "triaged", "investigating", "contained", "resolved",
	"closed"
};

static bool
expected(size_t from, size_t to)
{
	if (from == to)
		return true;
	if (strcmp(order[from], "closed") == 0)
		return false;
	if (to > from)
		return true;
	return strcmp(order[to], "investigating") == 0 &&
	    (strcmp(order[from], "contained") == 0 ||
	    strcmp(order[from], "resolved") == 0);
}

static void
test_every_pair(void **state)
{
	enum ccs_incident_status from, to;
	size_t i, j, nok = 0;

	(void)state;
	assert_int_equal(CCS_INCIDENT_STATUS_COUNT,
	    sizeof(order) / sizeof(order[0]));
	for (i = 0; i < CCS_INCIDENT_STATUS_COUNT; i++) {
		assert_true(ccs_incident_status_parse(order[i], &from));
		for (j = 0; j < CCS_INCIDENT_STATUS_COUNT; j++) {
			assert_true(ccs_incident_status_parse(order[j], &to));
			if (ccs_incident_move_ok(from, to) != expected(i, j))
				fail_msg("%s -> %s: got %d", order[i], order[j],
				    (int)ccs_incident_move_ok(from, to));
			nok += ccs_incident_move_ok(from, to);
		}
	}
	/* 6 stays + 15 forward moves (closed has none of its own: 5+4+3+2+1)
	 * + 2 ways back. */
	assert_int_equal(nok, 6 + 15 + 2);
}

static void
test_named_moves(void **state)
{
	(void)state;
	assert_true(ccs_incident_move_ok(CCS_INCIDENT_REPORTED,
	    CCS_INCIDENT_CLOSED));
	assert_true(ccs_incident_move_ok(CCS_INCIDENT_RESOLVED,
	    CCS_INCIDENT_INVESTIGATING));
	assert_false(ccs_incident_move_ok(CCS_INCIDENT_RESOLVED,
	    CCS_INCIDENT_CONTAINED));
	assert_false(ccs_incident_move_ok(CCS_INCIDENT_TRIAGED,
	    CCS_INCIDENT_REPORTED));
	assert_false(ccs_incident_move_ok(CCS_INCIDENT_CLOSED,
	    CCS_INCIDENT_INVESTIGATING));
	assert_true(ccs_incident_move_ok(CCS_INCIDENT_CLOSED,
	    CCS_INCIDENT_CLOSED));
	/* Out of range is refused, never read past the table. */
	assert_false(ccs_incident_move_ok((enum ccs_incident_status)6,
	    CCS_INCIDENT_CLOSED));
	assert_false(ccs_incident_move_ok(CCS_INCIDENT_REPORTED,
	    (enum ccs_incident_status)-1));
}

static void
test_status_names(void **state)
{
	enum ccs_incident_status st;
	size_t i;

	(void)state;
	for (i = 0; i < CCS_INCIDENT_STATUS_COUNT; i++) {
		assert_string_equal(ccs_incident_status_name(
		    (enum ccs_incident_status)i), order[i]);
		assert_string_equal(ccs_incident_statuses.words[i].key,
		    order[i]);
	}
	assert_int_equal(ccs_incident_statuses.nwords,
	    CCS_INCIDENT_STATUS_COUNT);
	assert_null(ccs_incident_status_name((enum ccs_incident_status)6));
	assert_false(ccs_incident_status_parse("Closed", &st));
	assert_false(ccs_incident_status_parse("", &st));
	assert_false(ccs_incident_status_parse(NULL, &st));
}

static void
test_severity(void **state)
{
	static const char *const sev[] = { "low", "medium", "high",
	    "critical" };
	static const int64_t hours[] = { 168, 72, 24, 4 };
	enum ccs_severity s;
	size_t i;

	(void)state;
	assert_int_equal(CCS_SEVERITY_COUNT, 4);
	assert_int_equal(ccs_severities.nwords, CCS_SEVERITY_COUNT);
	for (i = 0; i < CCS_SEVERITY_COUNT; i++) {
		assert_true(ccs_severity_parse(sev[i], &s));
		assert_int_equal(s, i);
		assert_string_equal(ccs_severity_name(s), sev[i]);
		assert_int_equal(ccs_severity_ack_hours(s), hours[i]);
	}
	assert_false(ccs_severity_parse("urgent", &s));
	assert_false(ccs_severity_parse("LOW", &s));
	assert_false(ccs_severity_parse(NULL, &s));
	assert_null(ccs_severity_name((enum ccs_severity)4));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_pair),
		cmocka_unit_test(test_named_moves),
		cmocka_unit_test(test_status_names),
		cmocka_unit_test(test_severity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_legal.c: the legal tracker's rules (core/monitoring/legal.c):
 * dates at any precision, the order of an instrument's step dates over
 * every pair of steps, the rank a step gives a matrix cell, and every
 * refusal of a treaty track. Expectations are written from the rules as
 * docs/internals/MONITORING.md states them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include <cmocka.h>

#include "core/monitoring/legal.h"

static const char *const steps[CCS_LEGAL_NSTATUS] = {
	"drafting", "tabled", "committee", "lapsed", "passed", "assented",
	"in_force", "amended", "repealed"
};

static void
test_dates(void **state)
{
	(void)state;
	assert_true(ccs_legal_date_valid("2016"));
	assert_true(ccs_legal_date_valid("2016-02"));
	assert_true(ccs_legal_date_valid("2016-02-29"));
	assert_false(ccs_legal_date_valid("2015-02-29"));
	assert_false(ccs_legal_date_valid("2016-13"));
	assert_false(ccs_legal_date_valid("2016-00-10"));
	assert_false(ccs_legal_date_valid("1899"));
	assert_false(ccs_legal_date_valid("2016-1-01"));
	assert_false(ccs_legal_date_valid("2016/01/01"));
	assert_false(ccs_legal_date_valid("16"));
	assert_false(ccs_legal_date_valid(""));
	assert_false(ccs_legal_date_valid(NULL));
	/* compared on the precision both have */
	assert_int_equal(ccs_legal_date_cmp("2016", "2016-05-01"), 0);
	assert_true(ccs_legal_date_cmp("2015", "2016-05-01") < 0);
	assert_true(ccs_legal_date_cmp("2016-06", "2016-05-31") > 0);
}

static void
test_steps(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < CCS_LEGAL_NSTATUS; i++)
		assert_int_equal(ccs_legal_status_index(steps[i]), (int)i);
	assert_int_equal(ccs_legal_status_index("enacted"), -1);
	assert_int_equal(ccs_legal_status_index(NULL), -1);
	assert_int_equal(ccs_legal_statuses.nwords, CCS_LEGAL_NSTATUS);
	/* the best law wins a cell; lapsed and repealed are no law */
	assert_int_equal(ccs_legal_cell_rank("drafting"), 1);
	assert_int_equal(ccs_legal_cell_rank("tabled"), 2);
	assert_int_equal(ccs_legal_cell_rank("committee"), 3);
	assert_int_equal(ccs_legal_cell_rank("passed"), 4);
	assert_int_equal(ccs_legal_cell_rank("assented"), 5);
	assert_int_equal(ccs_legal_cell_rank("in_force"), 6);
	assert_int_equal(ccs_legal_cell_rank("amended"), 6);
	assert_int_equal(ccs_legal_cell_rank("lapsed"), 0);
	assert_int_equal(ccs_legal_cell_rank("repealed"), 0);
	assert_int_equal(ccs_legal_cell_rank("x"), -1);
	for (i = 0; i < CCS_LEGAL_NSTATUS; i++)
		assert_int_equal(ccs_legal_in_force(steps[i]),
		    strcmp(steps[i], "in_force") == 0 ||
		    strcmp(steps[i], "amended") == 0);
}

/* Every pair of steps (a before b in the order), both ways round. */
static void
test_date_order(void **state)
{
	const char *d[CCS_LEGAL_NSTATUS];
	size_t a, b, bad;
	int earlier;

	(void)state;
	for (a = 0; a < CCS_LEGAL_NSTATUS; a++) {
		for (b = a + 1; b < CCS_LEGAL_NSTATUS; b++) {
			memset(d, 0, sizeof(d));
			d[a] = "2014-03-01";
			d[b] = "2016";
			assert_true(ccs_legal_dates_ok(d, &bad, &earlier));
			d[b] = "2014-03";	/* same month: not before */
			assert_true(ccs_legal_dates_ok(d, &bad, &earlier));
			d[b] = "2013-12-31";
			assert_false(ccs_legal_dates_ok(d, &bad, &earlier));
			assert_int_equal(bad, b);
			assert_int_equal(earlier, (int)a);
		}
	}
	memset(d, 0, sizeof(d));
	d[6] = "2016-02-30";
	assert_false(ccs_legal_dates_ok(d, &bad, &earlier));
	assert_int_equal(bad, 6);
	assert_int_equal(earlier, -1);
	memset(d, 0, sizeof(d));
	assert_true(ccs_legal_dates_ok(d, &bad, &earlier));
}

static const char *
track(const char *status, const char *req, const char *inv,
    const char *exp, const char *sig, const char *party, bool poc,
    const char *poc_on, const char **field)
{
	struct ccs_legal_track t = { status, req, inv, exp, sig, party,
		poc_on, poc };

	return ccs_legal_track_check(&t, field);
}

static void
test_track(void **state)
{
	const char *field;

	(void)state;
	assert_null(track("not_engaged", NULL, NULL, NULL, NULL, NULL, false,
	    NULL, &field));
	/* dates are optional: Grenada acceded, date not found */
	assert_null(track("acceded", NULL, NULL, NULL, NULL, NULL, false,
	    NULL, &field));
	assert_null(track("ratified", "2010", "2011-02", "2016-02", "2012",
	    "2013-02-07", true, "2013-03", &field));
	assert_string_equal(track("party", NULL, NULL, NULL, NULL, NULL,
	    false, NULL, &field), "invalid_status");
	assert_string_equal(field, "status");
	assert_string_equal(track(NULL, NULL, NULL, NULL, NULL, NULL, false,
	    NULL, &field), "invalid_status");
	assert_string_equal(track("signed", NULL, NULL, NULL, "2024-13",
	    NULL, false, NULL, &field), "invalid_date");
	assert_string_equal(field, "signed_on");
	assert_string_equal(track("invited", "2024-05", "2024-04", NULL,
	    NULL, NULL, false, NULL, &field), "invalid_date_order");
	assert_string_equal(field, "invited_on");
	assert_string_equal(track("invited", NULL, "2024-04-01",
	    "2024-04-01", NULL, NULL, false, NULL, &field),
	    "invalid_date_order");
	assert_string_equal(field, "invitation_expires");
	assert_string_equal(track("invited", NULL, NULL, "2029", NULL, NULL,
	    false, NULL, &field), "invalid_date_order");
	assert_string_equal(track("signed", NULL, "2024", NULL, "2023",
	    NULL, false, NULL, &field), "invalid_date_order");
	assert_string_equal(field, "signed_on");
	assert_string_equal(track("ratified", NULL, NULL, NULL, "2024",
	    "2023", false, NULL, &field), "invalid_date_order");
	assert_string_equal(field, "party_on");
	assert_string_equal(track("acceded", NULL, "2024", NULL, NULL,
	    "2023", false, NULL, &field), "invalid_date_order");
	assert_string_equal(field, "party_on");
	assert_string_equal(track("signed", NULL, NULL, NULL, NULL, NULL,
	    false, "2024", &field), "poc_not_designated");
	assert_string_equal(field, "poc_on");
}

static void
test_expiry(void **state)
{
	char out[11];

	(void)state;
	assert_true(ccs_legal_invitation_expiry("2024-10-09", out));
	assert_string_equal(out, "2029-10-09");
	assert_true(ccs_legal_invitation_expiry("2024-02-29", out));
	assert_string_equal(out, "2029-02-28");
	assert_true(ccs_legal_invitation_expiry("2024", out));
	assert_string_equal(out, "2029");
	assert_false(ccs_legal_invitation_expiry("soon", out));
	assert_false(ccs_legal_invitation_expiry(NULL, out));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_steps),
		cmocka_unit_test(test_date_order),
		cmocka_unit_test(test_track),
		cmocka_unit_test(test_expiry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

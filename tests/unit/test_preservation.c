/*
 * test_preservation.c: the 24/7 preservation request's state machine,
 * clocks and form checks (core/evidence24/preservation.c). The expected
 * moves are written from the brief, as words, not read from the table:
 *   draft -send-> sent (requesting side);
 *   sent -acknowledge-> acknowledged (requested);
 *   sent | acknowledged -preserve-> preserved (requested);
 *   preserved | partly_disclosed -renew-> itself (requested);
 *   acknowledged | preserved -disclose_partly-> partly_disclosed
 *   (requested, Art. 30);
 *   acknowledged | preserved | partly_disclosed -fulfil-> fulfilled;
 *   sent | acknowledged -refuse-> refused (requested);
 *   preserved | partly_disclosed -expire-> expired (either side);
 *   any status but the final ones -withdraw-> withdrawn (requesting);
 *   every status after draft but withdrawn -record_mla-> itself
 *   (requesting). Every other (status, action) pair is refused, and
 *   fulfilled, refused, expired and withdrawn are final.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/evidence24/preservation.h"

#define DAY	((int64_t)86400)

static const char *const statuses[] = {
	"draft", "sent", "acknowledged", "preserved", "partly_disclosed",
	"fulfilled", "refused", "expired", "withdrawn"
};
#define NST	(sizeof(statuses) / sizeof(statuses[0]))

static const char *const actions[] = {
	"send", "acknowledge", "preserve", "renew", "disclose_partly",
	"fulfil", "refuse", "expire", "withdraw", "record_mla"
};
#define NACT	(sizeof(actions) / sizeof(actions[0]))

/* The allowed moves: "from action to side" (side: ing, ed, either). */
static const char *const allowed[] = {
	"draft send sent ing",
	"sent acknowledge acknowledged ed",
	"sent preserve preserved ed",
	"acknowledged preserve preserved ed",
	"preserved renew preserved ed",
	"partly_disclosed renew partly_disclosed ed",
	"acknowledged disclose_partly partly_disclosed ed",
	"preserved disclose_partly partly_disclosed ed",
	"acknowledged fulfil fulfilled ed",
	"preserved fulfil fulfilled ed",
	"partly_disclosed fulfil fulfilled ed",
	"sent refuse refused ed",
	"acknowledged refuse refused ed",
	"preserved expire expired either",
	"partly_disclosed expire expired either",
	"draft withdraw withdrawn ing",
	"sent withdraw withdrawn ing",
	"acknowledged withdraw withdrawn ing",
	"preserved withdraw withdrawn ing",
	"partly_disclosed withdraw withdrawn ing",
	"sent record_mla sent ing",
	"acknowledged record_mla acknowledged ing",
	"preserved record_mla preserved ing",
	"partly_disclosed record_mla partly_disclosed ing",
	"fulfilled record_mla fulfilled ing",
	"refused record_mla refused ing",
	"expired record_mla expired ing",
};

/* Fills @p to (32 bytes) and @p side (16); false when not allowed. */
static bool
expected(const char *from, const char *act, char *to, char *side)
{
	char f[32], a[32];
	size_t i;

	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
		assert_int_equal(sscanf(allowed[i], "%31s %31s %31s %15s", f,
		    a, to, side), 4);
		if (strcmp(f, from) == 0 && strcmp(a, act) == 0)
			return true;
	}
	return false;
}

static const char *
side_word(enum ccs_pres_side s)
{
	return s == CCS_PRES_REQUESTING ? "ing" : s == CCS_PRES_REQUESTED ?
	    "ed" : "either";
}

static void
test_every_transition(void **state)
{
	enum ccs_pres_status from, to;
	enum ccs_pres_action act;
	enum ccs_pres_side side;
	char want[32], want_side[16];
	size_t i, j, n = 0;

	(void)state;
	for (i = 0; i < NST; i++) {
		assert_true(ccs_pres_status_parse(statuses[i], &from));
		for (j = 0; j < NACT; j++) {
			assert_true(ccs_pres_action_parse(actions[j], &act));
			if (!expected(statuses[i], actions[j], want,
			    want_side)) {
				if (ccs_pres_move(from, act, &to, &side))
					fail_msg("%s -%s-> is allowed",
					    statuses[i], actions[j]);
				continue;
			}
			if (!ccs_pres_move(from, act, &to, &side))
				fail_msg("%s -%s-> is refused", statuses[i],
				    actions[j]);
			assert_string_equal(ccs_pres_status_name(to), want);
			assert_string_equal(side_word(side), want_side);
			n++;
		}
	}
	assert_int_equal(n, sizeof(allowed) / sizeof(allowed[0]));
}

static void
test_final(void **state)
{
	enum ccs_pres_status st, to;
	enum ccs_pres_side side;
	size_t i, j;

	(void)state;
	for (i = 0; i < NST; i++) {
		assert_true(ccs_pres_status_parse(statuses[i], &st));
		assert_int_equal(ccs_pres_final(st), i >= 5);
		if (!ccs_pres_final(st))
			continue;
		/* nothing moves a final request but the MLA record */
		for (j = 0; j < CCS_PRES_ACTION_COUNT; j++)
			if (ccs_pres_move(st, (enum ccs_pres_action)j, &to,
			    &side))
				assert_int_equal(to, st);
	}
}

static void
test_words(void **state)
{
	enum ccs_pres_status st;
	enum ccs_pres_action a;

	(void)state;
	assert_int_equal(ccs_pres_statuses.nwords, NST);
	assert_int_equal(ccs_pres_actions.nwords, NACT);
	assert_false(ccs_pres_status_parse("closed", &st));
	assert_false(ccs_pres_status_parse(NULL, &st));
	assert_false(ccs_pres_action_parse("delete", &a));
	assert_null(ccs_pres_status_name((enum ccs_pres_status)NST));
	assert_null(ccs_pres_action_name((enum ccs_pres_action)NACT));
	assert_string_equal(ccs_pres_due_name(CCS_PRES_DUE_ACK),
	    "ack_overdue");
}

/* 60 days is the least a preservation may last (Art. 29(7)). */
static void
test_expiry(void **state)
{
	const int64_t now = 1780000000;

	(void)state;
	assert_true(ccs_pres_expiry_ok(now, now + 60 * DAY));
	assert_false(ccs_pres_expiry_ok(now, now + 60 * DAY - 1));
	assert_false(ccs_pres_expiry_ok(now, now + 59 * DAY));
	assert_true(ccs_pres_expiry_ok(now, now + 365 * DAY));
	assert_false(ccs_pres_expiry_ok(now, now + 366 * DAY));
	assert_false(ccs_pres_expiry_ok(now, now - DAY));
}

static void
test_clocks(void **state)
{
	const int64_t t0 = 1780000000;
	int64_t due = t0 + ccs_pres_ack_window(false);
	int64_t exp = t0 + 90 * DAY;

	(void)state;
	assert_int_equal(ccs_pres_ack_window(false), 24 * 3600);
	assert_int_equal(ccs_pres_ack_window(true), 4 * 3600);
	/* sent: the acknowledgement clock */
	assert_int_equal(ccs_pres_clock(CCS_PRES_SENT, due, 0), due);
	assert_int_equal(ccs_pres_due_at(CCS_PRES_SENT, due, 0, due - 1),
	    CCS_PRES_DUE_NONE);
	assert_int_equal(ccs_pres_due_at(CCS_PRES_SENT, due, 0, due),
	    CCS_PRES_DUE_ACK);
	/* acknowledged: no clock until preserved */
	assert_int_equal(ccs_pres_clock(CCS_PRES_ACKNOWLEDGED, due, 0), 0);
	assert_int_equal(ccs_pres_due_at(CCS_PRES_ACKNOWLEDGED, due, 0,
	    due + DAY), CCS_PRES_DUE_NONE);
	/* preserved: the reminder ten days before expiry, then lapsed */
	assert_int_equal(ccs_pres_clock(CCS_PRES_PRESERVED, due, exp),
	    exp - 10 * DAY);
	assert_int_equal(ccs_pres_clock(CCS_PRES_PARTLY_DISCLOSED, due, exp),
	    exp - 10 * DAY);
	assert_int_equal(ccs_pres_due_at(CCS_PRES_PRESERVED, due, exp,
	    exp - 10 * DAY - 1), CCS_PRES_DUE_NONE);
	assert_int_equal(ccs_pres_due_at(CCS_PRES_PRESERVED, due, exp,
	    exp - 10 * DAY), CCS_PRES_DUE_EXPIRING);
	assert_int_equal(ccs_pres_due_at(CCS_PRES_PARTLY_DISCLOSED, due, exp,
	    exp - 1), CCS_PRES_DUE_EXPIRING);
	assert_int_equal(ccs_pres_due_at(CCS_PRES_PRESERVED, due, exp, exp),
	    CCS_PRES_DUE_LAPSED);
	/* final statuses run no clock, however late */
	assert_int_equal(ccs_pres_clock(CCS_PRES_FULFILLED, due, exp), 0);
	assert_int_equal(ccs_pres_due_at(CCS_PRES_EXPIRED, due, exp,
	    exp + DAY), CCS_PRES_DUE_NONE);
	assert_int_equal(ccs_pres_due_at(CCS_PRES_DRAFT, 0, 0, exp),
	    CCS_PRES_DUE_NONE);
}

static void
test_identifiers(void **state)
{
	const char *code = NULL;

	(void)state;
	assert_true(ccs_pres_identifier_ok("account", "victim@example.org",
	    NULL, NULL, &code));
	assert_true(ccs_pres_identifier_ok("ip", "192.0.2.7",
	    "2026-11-20T14:05:00Z", "-05:00", &code));
	assert_false(ccs_pres_identifier_ok("ip", "192.0.2.7", NULL, "UTC",
	    &code));
	assert_string_equal(code, "ip_needs_time_and_timezone");
	assert_false(ccs_pres_identifier_ok("ip", "192.0.2.7",
	    "2026-11-20T14:05:00Z", NULL, &code));
	assert_string_equal(code, "ip_needs_time_and_timezone");
	assert_false(ccs_pres_identifier_ok("ip", "192.0.2.7", "yesterday",
	    "UTC", &code));
	assert_string_equal(code, "invalid_identifier_time");
	assert_false(ccs_pres_identifier_ok("ip", "192.0.2.7",
	    "2026-11-20T14:05:00Z", "-15:00", &code));
	assert_string_equal(code, "invalid_identifier_timezone");
	assert_false(ccs_pres_identifier_ok("ip", "192.0.2.7",
	    "2026-11-20T14:05:00Z", "EST", &code));
	assert_string_equal(code, "invalid_identifier_timezone");
	assert_false(ccs_pres_identifier_ok("imei", "1", NULL, NULL, &code));
	assert_string_equal(code, "invalid_identifier_kind");
	assert_false(ccs_pres_identifier_ok("url", "", NULL, NULL, &code));
	assert_string_equal(code, "invalid_identifier");
}

static void
test_basis(void **state)
{
	const char *code = NULL;

	(void)state;
	assert_true(ccs_pres_basis_ok("art29", "normal", NULL, &code));
	assert_true(ccs_pres_basis_ok("art30", "emergency", "a child is "
	    "missing", &code));
	assert_false(ccs_pres_basis_ok("sap9", "normal", NULL, &code));
	assert_string_equal(code, "sap9_needs_emergency");
	assert_false(ccs_pres_basis_ok("sap9", "emergency", "", &code));
	assert_string_equal(code, "emergency_reason_required");
	assert_false(ccs_pres_basis_ok("art31", "normal", NULL, &code));
	assert_string_equal(code, "invalid_legal_basis");
	assert_false(ccs_pres_basis_ok("art29", "urgent", NULL, &code));
	assert_string_equal(code, "invalid_urgency");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_transition),
		cmocka_unit_test(test_final),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_expiry),
		cmocka_unit_test(test_clocks),
		cmocka_unit_test(test_identifiers),
		cmocka_unit_test(test_basis),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_forensics.c: the rules of the forensics domain
 * (core/forensics/): every status x target x party of a help request
 * against the steps written out below from the rules of request.h, the
 * licence warnings at their edges, and the custody chain: a valid log
 * verifies; each kind of tampering (a field changed, an entry removed,
 * reordered, a giver who did not hold the item, the acquisition facts
 * changed) breaks it at the entry named; a SHA-256 mismatch is flagged
 * but does not break the chain.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include <cmocka.h>

#include "core/forensics/custody.h"
#include "core/forensics/request.h"

static const char *const statuses[] = {
	"requested", "accepted", "scheduled", "in_progress", "closed",
	"declined", "withdrawn"
};
#define NST	(sizeof(statuses) / sizeof(statuses[0]))

/* The steps, as request.h states them: from, to, party ('L' lab, 'R'). */
static const struct {
	const char	*from;
	const char	*to;
	char		 by;
} allowed[] = {
	{ "requested", "accepted", 'L' }, { "requested", "declined", 'L' },
	{ "requested", "withdrawn", 'R' }, { "accepted", "scheduled", 'L' },
	{ "accepted", "declined", 'L' }, { "accepted", "withdrawn", 'R' },
	{ "scheduled", "scheduled", 'L' }, { "scheduled", "in_progress", 'L' },
	{ "scheduled", "withdrawn", 'R' }, { "in_progress", "closed", 'L' },
};

static char
who_may(const char *from, const char *to)
{
	size_t i;

	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
		if (strcmp(allowed[i].from, from) == 0 &&
		    strcmp(allowed[i].to, to) == 0)
			return allowed[i].by;
	}
	return 0;
}

static void
test_every_move(void **state)
{
	struct ccs_forensic_step s = { NULL, true, true, true };
	enum ccs_forensic_move got;
	size_t a, b, n = 0;
	int party;
	char by;

	(void)state;
	for (a = 0; a < NST; a++) {
		for (b = 0; b < NST; b++) {
			by = who_may(statuses[a], statuses[b]);
			for (party = 0; party < 2; party++) {
				s.to = statuses[b];
				got = ccs_forensic_move_check(statuses[a],
				    (enum ccs_forensic_party)party, &s);
				if (by == 0)
					assert_int_equal(got,
					    CCS_FMOVE_INVALID);
				else if ((by == 'L') == (party ==
				    CCS_FORENSIC_LAB)) {
					assert_int_equal(got, CCS_FMOVE_OK);
					n++;
				} else
					assert_int_equal(got, CCS_FMOVE_PARTY);
			}
		}
		/* nothing leaves a final status */
		if (ccs_forensic_final(statuses[a]))
			for (b = 0; b < NST; b++)
				assert_int_equal(who_may(statuses[a],
				    statuses[b]), 0);
	}
	assert_int_equal(n, sizeof(allowed) / sizeof(allowed[0]));
	s.to = "finished";
	assert_int_equal(ccs_forensic_move_check("requested", CCS_FORENSIC_LAB,
	    &s), CCS_FMOVE_UNKNOWN);
	s.to = NULL;
	assert_int_equal(ccs_forensic_move_check("requested", CCS_FORENSIC_LAB,
	    &s), CCS_FMOVE_UNKNOWN);
}

static void
test_move_needs(void **state)
{
	struct ccs_forensic_step s = { "scheduled", false, false, false };

	(void)state;
	assert_int_equal(ccs_forensic_move_check("accepted", CCS_FORENSIC_LAB,
	    &s), CCS_FMOVE_NEEDS_DATE);
	s.to = "closed";
	assert_int_equal(ccs_forensic_move_check("in_progress",
	    CCS_FORENSIC_LAB, &s), CCS_FMOVE_NEEDS_REPORT);
	s.to = "declined";
	assert_int_equal(ccs_forensic_move_check("requested", CCS_FORENSIC_LAB,
	    &s), CCS_FMOVE_NEEDS_REASON);
	s.to = "withdrawn";
	assert_int_equal(ccs_forensic_move_check("accepted",
	    CCS_FORENSIC_REQUESTER, &s), CCS_FMOVE_NEEDS_REASON);
	/* a missing date does not hide that the step is not the party's */
	s.to = "scheduled";
	assert_int_equal(ccs_forensic_move_check("accepted",
	    CCS_FORENSIC_REQUESTER, &s), CCS_FMOVE_PARTY);
}

static void
test_queue_and_licences(void **state)
{
	size_t i;
	size_t inq = 0;

	(void)state;
	for (i = 0; i < NST; i++)
		inq += ccs_forensic_in_queue(statuses[i]) ? 1 : 0;
	assert_int_equal(inq, 3);
	assert_true(ccs_forensic_in_queue("in_progress"));
	assert_false(ccs_forensic_in_queue("requested"));
	assert_false(ccs_forensic_in_queue(NULL));
	assert_string_equal(ccs_forensic_licence_warning(99, 100), "expired");
	assert_string_equal(ccs_forensic_licence_warning(100, 100), "30_days");
	assert_string_equal(ccs_forensic_licence_warning(130, 100), "30_days");
	assert_string_equal(ccs_forensic_licence_warning(131, 100), "90_days");
	assert_string_equal(ccs_forensic_licence_warning(190, 100), "90_days");
	assert_null(ccs_forensic_licence_warning(191, 100));
}

static void
test_sha(void **state)
{
	char out[CCS_CUSTODY_HEX_LEN];
	const char *up =
	    "ABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789";

	(void)state;
	assert_true(ccs_custody_sha_valid(up));
	ccs_custody_sha_lower(up, out);
	assert_string_equal(out, "abcdef0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789");
	assert_false(ccs_custody_sha_valid("abc"));
	assert_false(ccs_custody_sha_valid(NULL));
	assert_false(ccs_custody_sha_valid("g000000000000000000000000000000"
	    "000000000000000000000000000000000"));
	assert_false(ccs_custody_sha_valid("00000000000000000000000000000000"
	    "000000000000000000000000000000000"));
}

#define SHA_A	"11111111111111111111111111111111" \
		"11111111111111111111111111111111"
#define SHA_B	"22222222222222222222222222222222" \
		"22222222222222222222222222222222"

struct chain {
	struct ccs_custody_item	 item;
	struct ccs_custody_link	 l[4];
	char			 h[4][CCS_CUSTODY_HEX_LEN];
	char			 gen[CCS_CUSTODY_HEX_LEN];
};

/* acquisition by ana, ana -> ben, ben -> cy (hash B: a mismatch),
 * cy -> dee by courier from JM to BB */
static void
build(struct chain *c)
{
	static const char *const who[] = { "", "ana", "ben", "cy", "dee" };
	size_t i;

	memset(c, 0, sizeof(*c));
	c->item.id = 7;
	c->item.state = "JM";
	c->item.kind = "disk_image_e01";
	c->item.copy = "original";
	c->item.seal = "S-1";
	c->item.sha256 = SHA_A;
	c->item.acquired_at = 1000;
	ccs_custody_genesis(&c->item, c->gen);
	for (i = 0; i < 4; i++) {
		c->l[i].seq = (int64_t)i;
		c->l[i].giver = who[i];
		c->l[i].receiver = who[i + 1];
		c->l[i].at = 1000 + (int64_t)i * 60;
		c->l[i].place = "Kingston";
		c->l[i].reason = i == 0 ? "acquisition" : "examination";
		c->l[i].seal = "S-1";
		c->l[i].sha256 = i == 2 ? SHA_B : SHA_A;
		c->l[i].courier = i == 3 ? "DHL 123" : "";
		c->l[i].from_state = i == 3 ? "JM" : "";
		c->l[i].to_state = i == 3 ? "BB" : "";
		c->l[i].prev_hash = i == 0 ? c->gen : c->h[i - 1];
		ccs_custody_hash(&c->l[i], c->h[i]);
		c->l[i].entry_hash = c->h[i];
	}
}

static void
test_chain_intact_with_mismatch(void **state)
{
	struct ccs_custody_report rep;
	struct chain c;

	(void)state;
	build(&c);
	ccs_custody_verify(&c.item, c.l, 4, &rep);
	assert_true(rep.intact);
	assert_int_equal(rep.links, 4);
	assert_int_equal(rep.broken_seq, -1);
	assert_int_equal(rep.mismatches, 1);
	assert_int_equal(rep.first_mismatch, 2);
	/* hashes differ entry to entry and are 64 hex digits */
	assert_true(ccs_custody_sha_valid(c.h[0]));
	assert_string_not_equal(c.h[0], c.h[1]);
}

static void
test_chain_breaks(void **state)
{
	struct ccs_custody_report rep;
	struct ccs_custody_link two[2];
	struct chain c;

	(void)state;
	/* a field changed after the fact */
	build(&c);
	c.l[1].place = "Bridgetown";
	ccs_custody_verify(&c.item, c.l, 4, &rep);
	assert_false(rep.intact);
	assert_int_equal(rep.broken_seq, 1);
	assert_non_null(strstr(rep.reason, "altered"));
	/* the measured hash rewritten to hide a mismatch */
	build(&c);
	c.l[2].sha256 = SHA_A;
	ccs_custody_verify(&c.item, c.l, 4, &rep);
	assert_int_equal(rep.broken_seq, 2);
	/* an entry removed */
	build(&c);
	two[0] = c.l[0];
	two[1] = c.l[2];
	ccs_custody_verify(&c.item, two, 2, &rep);
	assert_int_equal(rep.broken_seq, 1);
	assert_non_null(strstr(rep.reason, "gap"));
	/* reordered */
	build(&c);
	two[0] = c.l[1];
	two[1] = c.l[0];
	ccs_custody_verify(&c.item, two, 2, &rep);
	assert_int_equal(rep.broken_seq, 0);
	/* the acquisition facts changed */
	build(&c);
	c.item.seal = "S-2";
	ccs_custody_verify(&c.item, c.l, 4, &rep);
	assert_int_equal(rep.broken_seq, 0);
	assert_non_null(strstr(rep.reason, "acquisition"));
	/* a giver who did not hold it, with a hash made to match */
	build(&c);
	c.l[2].giver = "eve";
	ccs_custody_hash(&c.l[2], c.h[2]);
	ccs_custody_hash(&c.l[3], c.h[3]);
	ccs_custody_verify(&c.item, c.l, 4, &rep);
	assert_int_equal(rep.broken_seq, 2);
	assert_non_null(strstr(rep.reason, "giver"));
	/* no entries at all */
	build(&c);
	ccs_custody_verify(&c.item, c.l, 0, &rep);
	assert_false(rep.intact);
	assert_int_equal(rep.broken_seq, 0);
	/* the last entry's hash replaced */
	build(&c);
	c.l[3].entry_hash = c.h[2];
	ccs_custody_verify(&c.item, c.l, 4, &rep);
	assert_int_equal(rep.broken_seq, 3);
}

static void
test_vocabularies(void **state)
{
	(void)state;
	assert_true(ccs_vocab_has(&ccs_evidence_copies, "working_copy"));
	assert_false(ccs_vocab_has(&ccs_evidence_copies, "copy"));
	assert_true(ccs_vocab_has(&ccs_evidence_kinds, "disk_image_e01"));
	assert_true(ccs_vocab_has(&ccs_forensic_urgencies, "emergency"));
	assert_true(ccs_vocab_has(&ccs_forensic_devices, "mobile"));
	assert_int_equal(ccs_forensic_statuses.nwords, NST);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_move),
		cmocka_unit_test(test_move_needs),
		cmocka_unit_test(test_queue_and_licences),
		cmocka_unit_test(test_sha),
		cmocka_unit_test(test_chain_intact_with_mismatch),
		cmocka_unit_test(test_chain_breaks),
		cmocka_unit_test(test_vocabularies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_tlp.c: the TLP 2.0 policy of shared records (core/tlp.c) as the
 * full matrix of principal x TLP level x relation to the record (author,
 * same organisation, source state, a state shared with, an organisation
 * shared with, named recipient, unrelated). Expectations are written from
 * the design's rules, not from the code:
 *   CLEAR anyone; GREEN every signed-in member; AMBER the source
 *   organisation, the RIFC, the source state and the states/organisations
 *   shared with; AMBER+STRICT the source organisation and the RIFC; RED
 *   named recipients (and the author) only. A member who may not read a
 *   GREEN/AMBER/AMBER+STRICT record learns that it exists; RED is never
 *   disclosed; the public learns nothing beyond CLEAR.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include <cmocka.h>

#include "core/tlp.h"

/* The record: reported from JM by user 10 of organisation 5, shared
 * (AMBER) with BB and organisation 7, RED recipients users 20 and 21. */
static const struct ccs_marking base = {
	CCS_TLP_CLEAR, "JM", 5, 10, ",BB,", ",7,", ",20,21,"
};

enum rel {
	R_AUTHOR, R_SAME_ORG, R_SRC_STATE, R_SHARED_STATE, R_SHARED_ORG,
	R_RECIPIENT, R_OTHER, R_NREL
};

static void
principal(struct ccs_principal *p, enum ccs_role role, enum rel rel)
{
	memset(p, 0, sizeof(*p));
	p->role = role;
	p->user_id = 99;
	if (role == CCS_ROLE_ANONYMOUS) {
		p->user_id = 0;
		return;
	}
	switch (rel) {
	case R_AUTHOR:
		p->user_id = 10;
		p->org_id = 5;
		memcpy(p->state, "JM", 3);
		break;
	case R_SAME_ORG:
		p->org_id = 5;
		break;
	case R_SRC_STATE:
		memcpy(p->state, "JM", 3);
		break;
	case R_SHARED_STATE:
		memcpy(p->state, "BB", 3);
		break;
	case R_SHARED_ORG:
		p->org_id = 7;
		break;
	case R_RECIPIENT:
		p->user_id = 21;
		memcpy(p->state, "TT", 3);
		break;
	default:
		memcpy(p->state, "TT", 3);
		p->org_id = 8;
	}
}

/* The expected view, from the rules in the header comment. */
static enum ccs_tlp_view
expected(enum ccs_role role, enum rel rel, enum ccs_tlp tlp)
{
	bool member = role != CCS_ROLE_ANONYMOUS;
	bool rifc = role == CCS_ROLE_RIFC_ANALYST;
	bool read = false;

	switch (tlp) {
	case CCS_TLP_CLEAR:
		read = true;
		break;
	case CCS_TLP_GREEN:
		read = member;
		break;
	case CCS_TLP_AMBER:
		read = member && (rifc || rel == R_AUTHOR || rel == R_SAME_ORG ||
		    rel == R_SRC_STATE || rel == R_SHARED_STATE ||
		    rel == R_SHARED_ORG);
		break;
	case CCS_TLP_AMBER_STRICT:
		read = member && (rifc || rel == R_AUTHOR || rel == R_SAME_ORG);
		break;
	case CCS_TLP_RED:
		read = member && (rel == R_AUTHOR || rel == R_RECIPIENT);
		break;
	}
	if (read)
		return CCS_TLP_FULL;
	if (!member || tlp == CCS_TLP_RED)
		return CCS_TLP_NONE;
	return CCS_TLP_EXISTS;
}

static void
test_matrix(void **state)
{
	struct ccs_principal p;
	struct ccs_marking m = base;
	int role, rel, tlp;
	size_t checked = 0;

	(void)state;
	for (role = CCS_ROLE_ANONYMOUS; role <= CCS_ROLE_PARTNER; role++) {
		for (rel = 0; rel < R_NREL; rel++) {
			for (tlp = 0; tlp < CCS_TLP_NLEVELS; tlp++) {
				principal(&p, (enum ccs_role)role,
				    (enum rel)rel);
				m.tlp = (enum ccs_tlp)tlp;
				if (ccs_tlp_view(&p, &m) != expected(
				    (enum ccs_role)role, (enum rel)rel,
				    (enum ccs_tlp)tlp))
					fail_msg("role %s rel %d tlp %s: got %d",
					    ccs_role_name((enum ccs_role)role),
					    rel, ccs_tlp_name(m.tlp),
					    (int)ccs_tlp_view(&p, &m));
				checked++;
			}
		}
	}
	assert_int_equal(checked, 8 * R_NREL * CCS_TLP_NLEVELS);
}

/* Platform roles are not a need to know. */
static void
test_admin_not_rifc(void **state)
{
	struct ccs_principal p;
	struct ccs_marking m = base;

	(void)state;
	principal(&p, CCS_ROLE_ADMIN, R_OTHER);
	m.tlp = CCS_TLP_AMBER;
	assert_int_equal(ccs_tlp_view(&p, &m), CCS_TLP_EXISTS);
	principal(&p, CCS_ROLE_RIFC_ANALYST, R_OTHER);
	m.tlp = CCS_TLP_RED;
	assert_int_equal(ccs_tlp_view(&p, &m), CCS_TLP_NONE);
	assert_false(ccs_tlp_may_read(NULL, &m));
	assert_false(ccs_tlp_may_read(&p, NULL));
}

/* List membership is whole items: "B" is not in ",BB,", 2 not in ",20,". */
static void
test_list_has(void **state)
{
	(void)state;
	assert_true(ccs_tlp_list_has(",JM,BB,", "BB"));
	assert_true(ccs_tlp_list_has(",JM,BB,", "JM"));
	assert_false(ccs_tlp_list_has(",JM,BB,", "B"));
	assert_false(ccs_tlp_list_has(",JM,BB,", "M,B"));
	assert_false(ccs_tlp_list_has(",20,21,", "2"));
	assert_false(ccs_tlp_list_has(",120,", "20"));
	assert_true(ccs_tlp_list_has(",120,20,", "20"));
	assert_false(ccs_tlp_list_has("", "JM"));
	assert_false(ccs_tlp_list_has(NULL, "JM"));
	assert_false(ccs_tlp_list_has(",JM,", ""));
}

/* A user id 0 (import) never matches an author 0; empty org never shares. */
static void
test_zero_ids(void **state)
{
	struct ccs_principal p;
	struct ccs_marking m = { CCS_TLP_AMBER_STRICT, "", 0, 0, "", "", "" };

	(void)state;
	memset(&p, 0, sizeof(p));
	p.role = CCS_ROLE_CERT;
	assert_int_equal(ccs_tlp_view(&p, &m), CCS_TLP_EXISTS);
	m.tlp = CCS_TLP_RED;
	assert_int_equal(ccs_tlp_view(&p, &m), CCS_TLP_NONE);
}

static void
test_parse(void **state)
{
	enum ccs_tlp t;

	(void)state;
	assert_true(ccs_tlp_parse("TLP:AMBER+STRICT", &t));
	assert_int_equal(t, CCS_TLP_AMBER_STRICT);
	assert_true(ccs_tlp_parse("white", &t));
	assert_int_equal(t, CCS_TLP_CLEAR);
	assert_true(ccs_tlp_parse("Red", &t));
	assert_int_equal(t, CCS_TLP_RED);
	assert_false(ccs_tlp_parse("amber strict", &t));
	assert_false(ccs_tlp_parse("", &t));
	assert_false(ccs_tlp_parse(NULL, &t));
	assert_string_equal(ccs_tlp_name(CCS_TLP_AMBER_STRICT),
	    "amber+strict");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_admin_not_rifc),
		cmocka_unit_test(test_list_has),
		cmocka_unit_test(test_zero_ids),
		cmocka_unit_test(test_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

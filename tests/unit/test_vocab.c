/*
 * test_vocab.c: the closed word lists (core/vocab.c): every list is
 * non-empty with unique, non-empty keys and names; account roles are
 * exactly core/policy.c's roles; lookups refuse NULL and near misses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include <cmocka.h>

#include "core/framework.h"
#include "core/policy.h"
#include "core/vocab.h"

static void
test_lists_well_formed(void **state)
{
	const struct ccs_vocab *v;
	size_t i, j, k;

	(void)state;
	assert_int_equal(ccs_nvocabs, 53);
	for (i = 0; i < ccs_nvocabs; i++) {
		v = ccs_vocabs[i];
		assert_non_null(v->name);
		assert_true(v->nwords > 0);
		for (k = 0; k < i; k++)
			assert_string_not_equal(ccs_vocabs[k]->name, v->name);
		for (j = 0; j < v->nwords; j++) {
			assert_true(v->words[j].key[0] != '\0');
			assert_true(v->words[j].name[0] != '\0');
			assert_ptr_equal(ccs_vocab_word(v, v->words[j].key),
			    &v->words[j]);
			for (k = 0; k < j; k++)
				assert_string_not_equal(v->words[k].key,
				    v->words[j].key);
		}
	}
}

static void
test_user_roles_are_policy_roles(void **state)
{
	size_t i;

	(void)state;
	/* Every role but anonymous, once. */
	assert_int_equal(ccs_user_roles.nwords, CCS_ROLE_COUNT - 1);
	for (i = 0; i < ccs_user_roles.nwords; i++)
		assert_int_not_equal(ccs_role_parse(
		    ccs_user_roles.words[i].key), CCS_ROLE_ANONYMOUS);
}

static void
test_lookups(void **state)
{
	(void)state;
	assert_true(ccs_vocab_has(&ccs_contact_roles, "e_evidence_24x7"));
	assert_true(ccs_vocab_has(&ccs_ncpoc_categories, "other"));
	assert_true(ccs_vocab_has(&ccs_org_kinds, "private_sector"));
	assert_false(ccs_vocab_has(&ccs_contact_roles, "NCPOC"));
	assert_false(ccs_vocab_has(&ccs_contact_roles, "ncpoc "));
	assert_false(ccs_vocab_has(&ccs_contact_roles, ""));
	assert_false(ccs_vocab_has(&ccs_contact_roles, NULL));
	assert_null(ccs_vocab_word(&ccs_state_statuses, NULL));
	assert_string_equal(ccs_vocab_word(&ccs_state_statuses,
	    "member")->plural, "Member states");
	/* The framework checks read the same lists. */
	assert_true(ccs_fw_gci_ok("capacity_development"));
	assert_false(ccs_fw_gci_ok("organisational"));
	assert_true(ccs_fw_cmm_ok("D5"));
	assert_false(ccs_fw_cmm_ok("D6"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lists_well_formed),
		cmocka_unit_test(test_user_roles_are_policy_roles),
		cmocka_unit_test(test_lookups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

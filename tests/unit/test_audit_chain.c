/*
 * test_audit_chain.c: the audit hash chain (core/audit_chain.c). The point
 * of the chain is that nobody can change any field of a past event, or move
 * bytes from one field into its neighbour, without the hash changing; and
 * the change digest must not depend on the order of JSON keys.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/audit_chain.h"
#include "util/err.h"

static const char digest_a[] =
    "1111111111111111111111111111111111111111111111111111111111111111";
static const char prev_a[] =
    "2222222222222222222222222222222222222222222222222222222222222222";

static struct ccs_audit_event
base(void)
{
	struct ccs_audit_event ev;

	ev.seq = 42;
	ev.at = 1717660800;
	ev.actor = "jm.ncpoc";
	ev.action = "contact.update";
	ev.entity = "contact";
	ev.entity_id = "17";
	ev.digest = digest_a;
	ev.prev_hash = prev_a;
	return ev;
}

static bool
is_hex64(const char *s)
{
	size_t i;

	if (strlen(s) != 64)
		return false;
	for (i = 0; i < 64; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	}
	return true;
}

static void
test_genesis(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(strlen(ccs_audit_genesis), 64);
	for (i = 0; i < 64; i++)
		assert_int_equal(ccs_audit_genesis[i], '0');
}

static void
test_deterministic(void **state)
{
	struct ccs_audit_event ev = base();
	char h1[CCS_HEX256_LEN], h2[CCS_HEX256_LEN];

	(void)state;
	ccs_audit_hash(&ev, h1);
	ccs_audit_hash(&ev, h2);
	assert_true(is_hex64(h1));
	assert_string_equal(h1, h2);
}

static void
test_every_field_counts(void **state)
{
	struct ccs_audit_event ev;
	char ref[CCS_HEX256_LEN], h[CCS_HEX256_LEN];
	char seen[10][CCS_HEX256_LEN];
	static const char digest_b[] =
	    "1111111111111111111111111111111111111111111111111111111111111110";
	size_t i, j, n = 0;

	(void)state;
	ev = base();
	ccs_audit_hash(&ev, ref);
	memcpy(seen[n++], ref, sizeof(ref));
	for (i = 0; i < 9; i++) {
		ev = base();
		switch (i) {
		case 0: ev.seq = 43; break;
		case 1: ev.at = 1717660801; break;
		case 2: ev.actor = "tt.ncpoc"; break;
		case 3: ev.action = "contact.delete"; break;
		case 4: ev.entity = "organisation"; break;
		case 5: ev.entity_id = "18"; break;
		case 6: ev.digest = digest_b; break;
		case 7: ev.prev_hash = ccs_audit_genesis; break;
		case 8: ev.actor = "jm.ncpoC"; break;
		}
		ccs_audit_hash(&ev, h);
		for (j = 0; j < n; j++) {
			if (strcmp(h, seen[j]) == 0)
				fail_msg("change %zu gives a hash seen before", i);
		}
		memcpy(seen[n++], h, sizeof(h));
	}
}

static void
test_no_field_shifting(void **state)
{
	struct ccs_audit_event a = base(), b = base();
	char ha[CCS_HEX256_LEN], hb[CCS_HEX256_LEN];

	(void)state;
	/* "jm.ncpoc" + "contact.update" vs "jm.ncpoccontact" + ".update" */
	b.actor = "jm.ncpoccontact";
	b.action = ".update";
	ccs_audit_hash(&a, ha);
	ccs_audit_hash(&b, hb);
	assert_string_not_equal(ha, hb);
	/* entity and entity_id: "contact" "17" vs "contact1" "7" */
	b = base();
	b.entity = "contact1";
	b.entity_id = "7";
	ccs_audit_hash(&b, hb);
	assert_string_not_equal(ha, hb);
	/* seq and time swapped */
	b = base();
	b.seq = a.at;
	b.at = a.seq;
	ccs_audit_hash(&b, hb);
	assert_string_not_equal(ha, hb);
}

static void
test_chain_links(void **state)
{
	struct ccs_audit_event e1 = base(), e2 = base();
	char h1[CCS_HEX256_LEN], h2[CCS_HEX256_LEN], h2x[CCS_HEX256_LEN];

	(void)state;
	e1.seq = 1;
	e1.prev_hash = ccs_audit_genesis;
	ccs_audit_hash(&e1, h1);
	e2.seq = 2;
	e2.prev_hash = h1;
	ccs_audit_hash(&e2, h2);
	/* altering event 1 changes event 2's hash through the link */
	e1.at++;
	ccs_audit_hash(&e1, h1);
	ccs_audit_hash(&e2, h2x);
	assert_string_not_equal(h2, h2x);
}

static void
test_digest(void **state)
{
	char d1[CCS_HEX256_LEN], d2[CCS_HEX256_LEN];
	json_t *a, *b;

	(void)state;
	/* NULL digests the JSON text "null" */
	assert_int_equal(ccs_audit_digest(NULL, d1), CCS_OK);
	assert_string_equal(d1, "74234e98afe7498fb5daf1f36ac2d78acc339464f9507"
	    "03b8c019892f982b90b");
	assert_int_equal(ccs_audit_digest(json_null(), d2), CCS_OK);
	assert_string_equal(d1, d2);

	/* key order does not matter */
	a = json_loads("{\"name\":\"A\",\"state\":\"JM\",\"n\":[1,2]}", 0, NULL);
	b = json_loads("{\"n\":[1,2],\"state\":\"JM\",\"name\":\"A\"}", 0, NULL);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(ccs_audit_digest(a, d1), CCS_OK);
	assert_int_equal(ccs_audit_digest(b, d2), CCS_OK);
	assert_string_equal(d1, d2);
	assert_true(is_hex64(d1));
	/* any value change does */
	json_object_set_new(b, "state", json_string("TT"));
	assert_int_equal(ccs_audit_digest(b, d2), CCS_OK);
	assert_string_not_equal(d1, d2);
	json_object_set_new(b, "state", json_string("JM"));
	json_array_append_new(json_object_get(b, "n"), json_integer(3));
	assert_int_equal(ccs_audit_digest(b, d2), CCS_OK);
	assert_string_not_equal(d1, d2);
	json_decref(a);
	json_decref(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_genesis),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_every_field_counts),
		cmocka_unit_test(test_no_field_shifting),
		cmocka_unit_test(test_chain_links),
		cmocka_unit_test(test_digest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

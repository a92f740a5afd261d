/*
 * test_clusters_key.c: bundling keys of suspect identifiers
 * (core/reporting/clusters_key.c): spellings of one identifier share a
 * key, different identifiers and kinds do not, and what is not an
 * identifier of its kind is refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include <cmocka.h>

#include "core/reporting/clusters_key.h"
#include "util/err.h"

static void
same(const char *kind, const char *a, const char *b)
{
	char ka[CCS_BUNDLE_KEY_MAX], kb[CCS_BUNDLE_KEY_MAX];

	assert_int_equal(ccs_bundle_key(kind, a, ka, sizeof(ka), NULL, NULL),
	    CCS_OK);
	assert_int_equal(ccs_bundle_key(kind, b, kb, sizeof(kb), NULL, NULL),
	    CCS_OK);
	assert_string_equal(ka, kb);
	assert_int_equal(strncmp(ka, kind, strlen(kind)), 0);
}

static void
differ(const char *kind, const char *a, const char *b)
{
	char ka[CCS_BUNDLE_KEY_MAX], kb[CCS_BUNDLE_KEY_MAX];

	assert_int_equal(ccs_bundle_key(kind, a, ka, sizeof(ka), NULL, NULL),
	    CCS_OK);
	assert_int_equal(ccs_bundle_key(kind, b, kb, sizeof(kb), NULL, NULL),
	    CCS_OK);
	assert_string_not_equal(ka, kb);
}

static void
test_spellings(void **state)
{
	(void)state;
	same("email", "Scammer@Example.COM", " scammer@example.com ");
	same("email", "scammer[at]example[.]com", "SCAMMER@example.com");
	same("phone", "+1 (876) 555-0123", "+18765550123");
	same("phone", "1-876-555-0123", "+1 876 555 0123");
	same("url", "hxxps://Evil[.]example/pay#top",
	    "https://evil.example/pay");
	same("wallet", "0x52908400098527886E0F7030069857D2E4169EE7",
	    "0x52908400098527886e0f7030069857d2e4169ee7");
	differ("email", "a@example.com", "b@example.com");
	differ("url", "https://evil.example/pay", "https://evil.example/win");
	differ("phone", "+18765550123", "+18765550124");
}

static void
test_type_and_value(void **state)
{
	char k[CCS_BUNDLE_KEY_MAX], v[CCS_IND_VALUE_MAX];
	enum ccs_ind_type t;

	(void)state;
	assert_int_equal(ccs_bundle_key("wallet",
	    "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", k, sizeof(k), &t, v),
	    CCS_OK);
	assert_int_equal(t, CCS_IND_BTC);
	assert_string_equal(v, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2");
	assert_string_equal(k, "wallet:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2");
	assert_int_equal(ccs_bundle_key("wallet",
	    "0x52908400098527886E0F7030069857D2E4169EE7", k, sizeof(k), &t,
	    v), CCS_OK);
	assert_int_equal(t, CCS_IND_ETH);
	/* the canonical e-mail keeps its case; the key does not */
	assert_int_equal(ccs_bundle_key("email", "Bob@Example.com", k,
	    sizeof(k), &t, v), CCS_OK);
	assert_int_equal(t, CCS_IND_EMAIL);
	assert_string_equal(k, "email:bob@example.com");
	assert_string_equal(v, "Bob@example.com");
}

static void
test_refused(void **state)
{
	char k[CCS_BUNDLE_KEY_MAX];

	(void)state;
	assert_int_equal(ccs_bundle_key("email", "not an address", k,
	    sizeof(k), NULL, NULL), CCS_EINVAL);
	assert_string_equal(k, "");
	assert_int_equal(ccs_bundle_key("phone", "call me", k, sizeof(k),
	    NULL, NULL), CCS_EINVAL);
	assert_int_equal(ccs_bundle_key("wallet", "my bank", k, sizeof(k),
	    NULL, NULL), CCS_EINVAL);
	/* a kind that is not bundled (IP addresses are not) */
	assert_int_equal(ccs_bundle_key("ip", "192.0.2.7", k, sizeof(k),
	    NULL, NULL), CCS_EINVAL);
	assert_int_equal(ccs_bundle_key(NULL, "x", k, sizeof(k), NULL, NULL),
	    CCS_EINVAL);
	/* too small a buffer is an error, never a truncated key */
	assert_int_not_equal(ccs_bundle_key("email", "bob@example.com", k, 8,
	    NULL, NULL), CCS_OK);
	assert_string_equal(k, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spellings),
		cmocka_unit_test(test_type_and_value),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

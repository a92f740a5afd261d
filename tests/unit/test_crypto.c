/*
 * test_crypto.c: secrets at rest and passwords (util/crypto.c). A sealed
 * TOTP seed must open only with the same key and only if not a single byte
 * was changed; passwords outside 12..1024 bytes are refused; tokens are
 * random, URL-safe and stored by a stable hash.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/crypto.h"
#include "util/err.h"

static unsigned char key1[CCS_SECRET_KEY_LEN], key2[CCS_SECRET_KEY_LEN];

static int
setup(void **state)
{
	size_t i;

	(void)state;
	if (ccs_crypto_init() != CCS_OK)
		return -1;
	for (i = 0; i < CCS_SECRET_KEY_LEN; i++) {
		key1[i] = (unsigned char)i;
		key2[i] = (unsigned char)(i + 1);
	}
	return 0;
}

static void
test_seal_round_trip(void **state)
{
	unsigned char seed[20], out[64];
	size_t i, used = 0;
	char *a = NULL, *b = NULL;

	(void)state;
	for (i = 0; i < sizeof(seed); i++)
		seed[i] = (unsigned char)(0xa0 + i);
	assert_int_equal(ccs_seal(key1, seed, sizeof(seed), &a), CCS_OK);
	assert_non_null(a);
	assert_int_equal(ccs_unseal(key1, a, out, sizeof(out), &used), CCS_OK);
	assert_int_equal(used, sizeof(seed));
	assert_memory_equal(out, seed, sizeof(seed));
	/* exactly enough room is enough */
	assert_int_equal(ccs_unseal(key1, a, out, sizeof(seed), &used), CCS_OK);
	/* a fresh nonce each time: the same seed never seals the same */
	assert_int_equal(ccs_seal(key1, seed, sizeof(seed), &b), CCS_OK);
	assert_string_not_equal(a, b);
	free(a);
	free(b);

	/* an empty secret and a large one */
	assert_int_equal(ccs_seal(key1, seed, 0, &a), CCS_OK);
	assert_int_equal(ccs_unseal(key1, a, out, sizeof(out), &used), CCS_OK);
	assert_int_equal(used, 0);
	free(a);
	{
		unsigned char big[400], back[400];

		memset(big, 0x5a, sizeof(big));
		assert_int_equal(ccs_seal(key1, big, sizeof(big), &a), CCS_OK);
		assert_int_equal(ccs_unseal(key1, a, back, sizeof(back), &used),
		    CCS_OK);
		assert_int_equal(used, sizeof(big));
		assert_memory_equal(back, big, sizeof(big));
		free(a);
	}
}

static void
test_unseal_refuses(void **state)
{
	unsigned char seed[20], out[64];
	size_t i, n, used = 0;
	char *a = NULL, *t;

	(void)state;
	memset(seed, 7, sizeof(seed));
	assert_int_equal(ccs_seal(key1, seed, sizeof(seed), &a), CCS_OK);
	n = strlen(a);
	/* another installation's key */
	assert_int_equal(ccs_unseal(key2, a, out, sizeof(out), &used),
	    CCS_ECORRUPT);
	/* one changed character anywhere: nonce, ciphertext or tag */
	t = strdup(a);
	assert_non_null(t);
	for (i = 0; i + 4 < n; i++) {
		memcpy(t, a, n + 1);
		t[i] = t[i] == 'A' ? 'B' : 'A';
		if (ccs_unseal(key1, t, out, sizeof(out), &used) !=
		    CCS_ECORRUPT)
			fail_msg("changed character %zu was not detected", i);
	}
	/* cut short, emptied, not base64 */
	memcpy(t, a, n + 1);
	t[n - 4] = '\0';
	assert_int_equal(ccs_unseal(key1, t, out, sizeof(out), &used),
	    CCS_ECORRUPT);
	assert_int_equal(ccs_unseal(key1, "", out, sizeof(out), &used),
	    CCS_ECORRUPT);
	assert_int_equal(ccs_unseal(key1, "AAAA", out, sizeof(out), &used),
	    CCS_ECORRUPT);
	assert_int_equal(ccs_unseal(key1, "not base64!", out, sizeof(out),
	    &used), CCS_ECORRUPT);
	/* no room for the secret: refused, nothing overrun */
	assert_int_equal(ccs_unseal(key1, a, out, sizeof(seed) - 1, &used),
	    CCS_ECORRUPT);
	free(t);
	free(a);
}

static void
test_password(void **state)
{
	char h1[CCS_PWHASH_LEN], h2[CCS_PWHASH_LEN];

	(void)state;
	assert_int_equal(ccs_password_hash("correct horse battery", h1), CCS_OK);
	assert_int_equal(strncmp(h1, "$argon2id$", 10), 0);
	assert_int_equal(ccs_password_verify(h1, "correct horse battery"),
	    CCS_OK);
	assert_int_equal(ccs_password_verify(h1, "correct horse batterY"),
	    CCS_EAUTH);
	assert_int_equal(ccs_password_verify(h1, ""), CCS_EAUTH);
	/* salted: the same password hashes differently */
	assert_int_equal(ccs_password_hash("correct horse battery", h2), CCS_OK);
	assert_string_not_equal(h1, h2);
	assert_int_equal(ccs_password_verify(h2, "correct horse battery"),
	    CCS_OK);
	/* a damaged stored hash never verifies */
	assert_int_equal(ccs_password_verify("$argon2id$garbage",
	    "correct horse battery"), CCS_EAUTH);
	assert_int_equal(ccs_password_verify("", "correct horse battery"),
	    CCS_EAUTH);
}

static void
test_password_limits(void **state)
{
	char h[CCS_PWHASH_LEN];
	char pw[CCS_PASSWORD_MAX + 2];

	(void)state;
	memset(pw, 'p', sizeof(pw));
	pw[CCS_PASSWORD_MIN - 1] = '\0';
	assert_int_equal(ccs_password_hash(pw, h), CCS_EINVAL);
	assert_int_equal(ccs_password_hash("", h), CCS_EINVAL);
	pw[CCS_PASSWORD_MIN - 1] = 'p';
	pw[CCS_PASSWORD_MIN] = '\0';
	assert_int_equal(ccs_password_hash(pw, h), CCS_OK);
	assert_int_equal(ccs_password_verify(h, pw), CCS_OK);
	memset(pw, 'p', sizeof(pw));
	pw[CCS_PASSWORD_MAX] = '\0';
	assert_int_equal(ccs_password_hash(pw, h), CCS_OK);
	assert_int_equal(ccs_password_verify(h, pw), CCS_OK);
	pw[CCS_PASSWORD_MAX] = 'p';
	pw[CCS_PASSWORD_MAX + 1] = '\0';
	assert_int_equal(ccs_password_hash(pw, h), CCS_EINVAL);
	/* an overlong password is refused without hashing it */
	assert_int_equal(ccs_password_verify(h, pw), CCS_EAUTH);
	/* the dummy check copes with anything */
	ccs_password_dummy(pw);
	ccs_password_dummy("");
}

static void
test_tokens(void **state)
{
	char a[CCS_TOKEN_LEN], b[CCS_TOKEN_LEN];
	char ha[CCS_TOKEN_HASH_LEN], hb[CCS_TOKEN_HASH_LEN];
	unsigned char r1[32], r2[32];
	size_t i;

	(void)state;
	ccs_token_new(a);
	ccs_token_new(b);
	assert_int_equal(strlen(a), CCS_TOKEN_LEN - 1);
	assert_string_not_equal(a, b);
	for (i = 0; a[i]; i++) {
		if (!((a[i] >= 'A' && a[i] <= 'Z') || (a[i] >= 'a' &&
		    a[i] <= 'z') || (a[i] >= '0' && a[i] <= '9') || a[i] == '-' ||
		    a[i] == '_'))
			fail_msg("token character '%c' is not URL-safe", a[i]);
	}
	ccs_token_hash(a, ha);
	ccs_token_hash(a, hb);
	assert_string_equal(ha, hb);
	assert_int_equal(strlen(ha), 64);
	ccs_token_hash(b, hb);
	assert_string_not_equal(ha, hb);
	ccs_token_hash("abc", ha);
	assert_string_equal(ha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a"
	    "9cb410ff61f20015ad");
	ccs_random(r1, sizeof(r1));
	ccs_random(r2, sizeof(r2));
	assert_memory_not_equal(r1, r2, sizeof(r1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seal_round_trip),
		cmocka_unit_test(test_unseal_refuses),
		cmocka_unit_test(test_password),
		cmocka_unit_test(test_password_limits),
		cmocka_unit_test(test_tokens),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}

/*
 * test_totp.c: one-time codes and base32 (core/totp.c) against the RFCs:
 * RFC 4226 appendix D (HOTP), RFC 6238 appendix B (TOTP, SHA-1, 8 digits,
 * ASCII key "12345678901234567890") and RFC 4648 section 10 (base32). Then
 * what a user notices at sign-in: a code is good for its 30 s step and one
 * step either side, never twice, and nothing that is not six digits passes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/totp.h"
#include "util/err.h"

static const unsigned char rfc_key[] = "12345678901234567890";
#define RFC_KEYLEN	20

static void
test_rfc4226_hotp(void **state)
{
	static const uint32_t want[10] = {
		755224, 287082, 359152, 969429, 338314,
		254676, 287922, 162583, 399871, 520489
	};
	uint64_t c;

	(void)state;
	for (c = 0; c < 10; c++)
		assert_int_equal(ccs_hotp(rfc_key, RFC_KEYLEN, c, 6), want[c]);
}

static void
test_rfc6238_sha1(void **state)
{
	static const struct {
		uint64_t	t;	/* unix seconds */
		uint32_t	code;	/* 8-digit TOTP */
	} v[] = {
		{ 59, 94287082 },
		{ 1111111109, 7081804 },
		{ 1111111111, 14050471 },
		{ 1234567890, 89005924 },
		{ 2000000000, 69279037 },
		{ 20000000000ull, 65353130 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		assert_int_equal(ccs_hotp(rfc_key, RFC_KEYLEN,
		    v[i].t / CCS_TOTP_PERIOD, 8), v[i].code);
	/* the 6-digit code is the same value mod 10^6 */
	assert_int_equal(ccs_hotp(rfc_key, RFC_KEYLEN, 59 / 30, 6), 287082);
}

static void
test_rfc4648_base32(void **state)
{
	static const struct {
		const char	*raw, *b32;
	} v[] = {
		{ "", "" },
		{ "f", "MY" },
		{ "fo", "MZXQ" },
		{ "foo", "MZXW6" },
		{ "foob", "MZXW6YQ" },
		{ "fooba", "MZXW6YTB" },
		{ "foobar", "MZXW6YTBOI" },
	};
	char out[32];
	unsigned char back[16];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		assert_int_equal(ccs_base32_encode((const unsigned char *)v[i].raw,
		    strlen(v[i].raw), out, sizeof(out)), CCS_OK);
		assert_string_equal(out, v[i].b32);
		n = 99;
		assert_int_equal(ccs_base32_decode(v[i].b32, back, sizeof(back),
		    &n), CCS_OK);
		assert_int_equal(n, strlen(v[i].raw));
		assert_memory_equal(back, v[i].raw, n);
	}
	/* the RFC's padded forms decode too */
	assert_int_equal(ccs_base32_decode("MZXW6YQ=", back, sizeof(back), &n),
	    CCS_OK);
	assert_int_equal(n, 4);
	assert_memory_equal(back, "foob", 4);
	assert_int_equal(ccs_base32_decode("MY======", back, sizeof(back), &n),
	    CCS_OK);
	assert_int_equal(n, 1);
	assert_int_equal(back[0], 'f');
	/* the RFC 6238 key, as authenticator apps get it */
	{
		char secret[CCS_TOTP_B32_LEN];

		assert_int_equal(ccs_base32_encode(rfc_key, RFC_KEYLEN, secret,
		    sizeof(secret)), CCS_OK);
		assert_string_equal(secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	}
}

static void
test_base32_secret_fits(void **state)
{
	char out[CCS_TOTP_B32_LEN];
	unsigned char key[CCS_TOTP_KEY_LEN], back[CCS_TOTP_KEY_LEN];
	size_t n = 0, i;

	(void)state;
	for (i = 0; i < sizeof(key); i++)
		key[i] = (unsigned char)(i * 37 + 11);
	assert_int_equal(ccs_base32_encode(key, sizeof(key), out, sizeof(out)),
	    CCS_OK);
	assert_int_equal(strlen(out), 32);
	assert_int_equal(ccs_base32_decode(out, back, sizeof(back), &n), CCS_OK);
	assert_int_equal(n, sizeof(key));
	assert_memory_equal(back, key, sizeof(key));
	/* one byte short of room is reported, not truncated silently */
	assert_int_equal(ccs_base32_encode(key, sizeof(key), out,
	    sizeof(out) - 1), CCS_ETOOBIG);
	assert_int_equal(ccs_base32_decode(out, back, sizeof(back) - 1, &n),
	    CCS_ETOOBIG);
	assert_int_equal(ccs_base32_encode(key, 1, out, 2), CCS_ETOOBIG);
	assert_int_equal(ccs_base32_encode(key, 0, out, 1), CCS_OK);
	assert_string_equal(out, "");
	assert_int_equal(ccs_base32_encode(key, 0, out, 0), CCS_ETOOBIG);
}

static void
test_base32_lenient_input(void **state)
{
	unsigned char back[16];
	size_t n = 0;

	(void)state;
	/* what people type from a screen: lower case, spaces, dashes */
	assert_int_equal(ccs_base32_decode("mzxw 6ytb-oi", back, sizeof(back),
	    &n), CCS_OK);
	assert_int_equal(n, 6);
	assert_memory_equal(back, "foobar", 6);
	/* not in the alphabet: 0, 1, 8, 9 and punctuation */
	assert_int_equal(ccs_base32_decode("MZXW0", back, sizeof(back), &n),
	    CCS_EINVAL);
	assert_int_equal(ccs_base32_decode("MZXW1", back, sizeof(back), &n),
	    CCS_EINVAL);
	assert_int_equal(ccs_base32_decode("MZ8W", back, sizeof(back), &n),
	    CCS_EINVAL);
	assert_int_equal(ccs_base32_decode("MZ9W", back, sizeof(back), &n),
	    CCS_EINVAL);
	assert_int_equal(ccs_base32_decode("MZ.W", back, sizeof(back), &n),
	    CCS_EINVAL);
	assert_int_equal(ccs_base32_decode("MZ\xc3\x89W", back, sizeof(back),
	    &n), CCS_EINVAL);
}

/* The 6-digit code of @p key at step @p s, as the app shows it. */
static void
code_at(const unsigned char *key, size_t keylen, int64_t s, char out[8])
{
	(void)snprintf(out, 8, "%06u", (unsigned)ccs_hotp(key, keylen,
	    (uint64_t)s, CCS_TOTP_DIGITS));
}

static void
test_totp_window(void **state)
{
	const int64_t now = 1700000015;	/* 15 s into a step */
	const int64_t step = now / CCS_TOTP_PERIOD;
	int64_t got = 0;
	char code[8];

	(void)state;
	code_at(rfc_key, RFC_KEYLEN, step, code);
	assert_true(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, code, 0, &got));
	assert_true(got == step);
	/* one step of clock drift either way */
	code_at(rfc_key, RFC_KEYLEN, step - 1, code);
	assert_true(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, code, 0, &got));
	assert_true(got == step - 1);
	code_at(rfc_key, RFC_KEYLEN, step + 1, code);
	assert_true(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, code, 0, &got));
	assert_true(got == step + 1);
	/* two steps is too far */
	code_at(rfc_key, RFC_KEYLEN, step - 2, code);
	assert_false(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, code, 0, &got));
	code_at(rfc_key, RFC_KEYLEN, step + 2, code);
	assert_false(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, code, 0, &got));
	/* the RFC's own time: 59 s is step 1 */
	assert_true(ccs_totp_verify(rfc_key, RFC_KEYLEN, 59, "287082", 0, &got));
	assert_true(got == 1);
	/* the other key does not verify */
	code_at(rfc_key, RFC_KEYLEN, step, code);
	assert_false(ccs_totp_verify((const unsigned char *)
	    "abcdefghijabcdefghij", RFC_KEYLEN, now, code, 0, &got));
}

static void
test_totp_replay(void **state)
{
	const int64_t now = 1700000015;
	const int64_t step = now / CCS_TOTP_PERIOD;
	int64_t got = 0, last;
	char code[8], next[8];

	(void)state;
	code_at(rfc_key, RFC_KEYLEN, step, code);
	assert_true(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, code, 0, &got));
	last = got;
	/* the same code again, same second or a few seconds later */
	assert_false(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, code, last,
	    &got));
	assert_false(ccs_totp_verify(rfc_key, RFC_KEYLEN, now + 20, code, last,
	    &got));
	/* an older code inside the window is refused once a newer one was used */
	code_at(rfc_key, RFC_KEYLEN, step - 1, code);
	assert_false(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, code, last,
	    &got));
	/* the next step's code is still good */
	code_at(rfc_key, RFC_KEYLEN, step + 1, next);
	assert_true(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, next, last,
	    &got));
	assert_true(got == step + 1);
	/* ... and after it, the current step's code is refused too */
	code_at(rfc_key, RFC_KEYLEN, step, code);
	assert_false(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, code, got,
	    &got));
}

static void
test_totp_bad_input(void **state)
{
	const int64_t now = 1700000015;
	int64_t got = 0;
	char code[8], bad[16];

	(void)state;
	code_at(rfc_key, RFC_KEYLEN, now / CCS_TOTP_PERIOD, code);
	assert_false(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, NULL, 0, &got));
	assert_false(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, "", 0, &got));
	assert_false(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, code + 1, 0,
	    &got));
	(void)snprintf(bad, sizeof(bad), "%s0", code);
	assert_false(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, bad, 0, &got));
	(void)snprintf(bad, sizeof(bad), " %s", code + 1);
	assert_false(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, bad, 0, &got));
	(void)snprintf(bad, sizeof(bad), "+%s", code + 1);
	assert_false(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, bad, 0, &got));
	(void)snprintf(bad, sizeof(bad), "-%s", code + 1);
	assert_false(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, bad, 0, &got));
	assert_false(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, "12345a", 0,
	    &got));
	assert_false(ccs_totp_verify(rfc_key, RFC_KEYLEN, now, "abcdef", 0,
	    &got));
	/* a clock before 1970 verifies nothing */
	assert_false(ccs_totp_verify(rfc_key, RFC_KEYLEN, -30, code, 0, &got));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc4226_hotp),
		cmocka_unit_test(test_rfc6238_sha1),
		cmocka_unit_test(test_rfc4648_base32),
		cmocka_unit_test(test_base32_secret_fits),
		cmocka_unit_test(test_base32_lenient_input),
		cmocka_unit_test(test_totp_window),
		cmocka_unit_test(test_totp_replay),
		cmocka_unit_test(test_totp_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

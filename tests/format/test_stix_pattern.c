/*
 * test_stix_pattern.c: STIX patterns for indicators
 * (src/format/stix/stix_pattern.c). Every indicator type must round-trip
 * through build and parse; compound patterns give every term; constructs
 * ccscap cannot correlate give no terms and a note; text that is not a
 * pattern is refused without crashing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "format/stix/stix_pattern.h"
#include "util/buf.h"
#include "util/err.h"

static const struct {
	enum ccs_ind_type	 t;
	const char		*in;		/* as a user gives it */
	const char		*pattern;	/* what we write */
} cases[] = {
	{ CCS_IND_IPV4, "198.51.100.7",
	    "[ipv4-addr:value = '198.51.100.7']" },
	{ CCS_IND_CIDR4, "198.51.100.0/24",
	    "[ipv4-addr:value = '198.51.100.0/24']" },
	{ CCS_IND_IPV6, "2001:DB8::7", "[ipv6-addr:value = '2001:db8::7']" },
	{ CCS_IND_CIDR6, "2001:db8::/32",
	    "[ipv6-addr:value = '2001:db8::/32']" },
	{ CCS_IND_DOMAIN, "Evil[.]Example",
	    "[domain-name:value = 'evil.example']" },
	{ CCS_IND_URL, "hxxp://evil.example/a?b=1",
	    "[url:value = 'http://evil.example/a?b=1']" },
	{ CCS_IND_EMAIL, "Bad.Actor@evil.example",
	    "[email-addr:value = 'Bad.Actor@evil.example']" },
	{ CCS_IND_MD5, "D41D8CD98F00B204E9800998ECF8427E",
	    "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']" },
	{ CCS_IND_SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709",
	    "[file:hashes.'SHA-1' = "
	    "'da39a3ee5e6b4b0d3255bfef95601890afd80709']" },
	{ CCS_IND_SHA256,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	    "[file:hashes.'SHA-256' = "
	    "'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'"
	    "]" },
	{ CCS_IND_SHA512,
	    "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	    "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
	    "[file:hashes.'SHA-512' = "
	    "'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	    "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e'"
	    "]" },
	{ CCS_IND_BTC, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
	    "[cryptocurrency-wallet:value = "
	    "'1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2']" },
	{ CCS_IND_ETH, "0x52908400098527886E0F7030069857D2E4169EE7",
	    "[cryptocurrency-wallet:value = "
	    "'0x52908400098527886e0f7030069857d2e4169ee7']" },
	{ CCS_IND_PHONE, "+1 (876) 555-0123",
	    "[phone-number:value = '+18765550123']" },
	{ CCS_IND_IBAN, "GB82 WEST 1234 5698 7654 32",
	    "[bank-account:iban = 'GB82WEST12345698765432']" },
};

static struct ccs_stix_pattern *
parse_ok(const char *s, size_t n)
{
	struct ccs_stix_pattern *p = NULL;
	struct ccs_fail f;
	int rc;

	rc = ccs_stix_pattern_parse(s, &p, &f);
	if (rc != CCS_OK)
		fprintf(stderr, "%s: %s\n", s, f.message);
	assert_int_equal(rc, CCS_OK);
	assert_int_equal(ccs_stix_pattern_count(p), n);
	return p;
}

static void
test_round_trip(void **state)
{
	struct ccs_stix_pattern *p;
	struct ccs_buf b;
	struct ccs_fail f;
	enum ccs_ind_type t;
	const char *v, *raw;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ccs_buf_init(&b, 4096);
		assert_int_equal(ccs_stix_pattern_build(cases[i].t, cases[i].in,
		    &b, &f), CCS_OK);
		assert_string_equal(ccs_buf_str(&b), cases[i].pattern);
		p = parse_ok(ccs_buf_str(&b), 1);
		assert_true(ccs_stix_pattern_term(p, 0, &t, &v, &raw));
		assert_int_equal(t, cases[i].t);
		assert_non_null(strstr(cases[i].pattern, v));
		assert_string_equal(v, raw);
		assert_false(ccs_stix_pattern_term(p, 1, &t, &v, &raw));
		assert_null(ccs_stix_pattern_note(p));
		ccs_stix_pattern_free(p);
		ccs_buf_free(&b);
	}
	ccs_buf_init(&b, 4096);
	assert_int_equal(ccs_stix_pattern_build(CCS_IND_IPV4, "300.1.1.1", &b,
	    &f), CCS_EINVAL);
	assert_int_equal(ccs_stix_pattern_build((enum ccs_ind_type)99, "x",
	    &b, &f), CCS_EINVAL);
	ccs_buf_free(&b);
}

static void
test_escapes(void **state)
{
	struct ccs_stix_pattern *p;
	struct ccs_buf b;
	struct ccs_fail f;
	const char *v, *raw;

	(void)state;
	p = parse_ok("[url:value = 'http://evil.example/it\\'s\\\\x']", 1);
	assert_true(ccs_stix_pattern_term(p, 0, NULL, &v, &raw));
	assert_string_equal(raw, "http://evil.example/it's\\x");
	ccs_stix_pattern_free(p);
	/* What the builder escapes, the parser reads back. */
	ccs_buf_init(&b, 4096);
	assert_int_equal(ccs_stix_pattern_build(CCS_IND_EMAIL,
	    "o'brien@evil.example", &b, &f), CCS_OK);
	assert_string_equal(ccs_buf_str(&b),
	    "[email-addr:value = 'o\\'brien@evil.example']");
	p = parse_ok(ccs_buf_str(&b), 1);
	assert_true(ccs_stix_pattern_term(p, 0, NULL, &v, NULL));
	assert_string_equal(v, "o'brien@evil.example");
	ccs_stix_pattern_free(p);
	ccs_buf_free(&b);
}

static void
test_compound(void **state)
{
	struct ccs_stix_pattern *p;
	enum ccs_ind_type t;
	const char *v;

	(void)state;
	p = parse_ok("([ipv4-addr:value = '198.51.100.7' OR domain-name:value "
	    "= 'EVIL.example'] AND [url:value == 'http://x.example/']) OR "
	    "[file:hashes.'SHA-256' = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E"
	    "4649B934CA495991B7852B855' AND file:name = 'a.exe']", 4);
	assert_true(ccs_stix_pattern_term(p, 1, &t, &v, NULL));
	assert_int_equal(t, CCS_IND_DOMAIN);
	assert_string_equal(v, "evil.example");
	assert_true(ccs_stix_pattern_term(p, 3, &t, NULL, NULL));
	assert_int_equal(t, CCS_IND_SHA256);
	/* file:name is not an indicator: a note, the rest is used */
	assert_non_null(ccs_stix_pattern_note(p));
	ccs_stix_pattern_free(p);

	p = parse_ok("[network-traffic:dst_ref.value = '2001:db8::1' AND "
	    "network-traffic:dst_port = 443]", 1);
	assert_true(ccs_stix_pattern_term(p, 0, &t, NULL, NULL));
	assert_int_equal(t, CCS_IND_IPV6);
	ccs_stix_pattern_free(p);

	p = parse_ok("[email-message:from_ref.value = 'a@evil.example' AND "
	    "(email-message:subject = 'x' OR email-message:is_multipart = "
	    "true)]", 1);
	ccs_stix_pattern_free(p);

	/* A value that does not normalise is skipped with a note. */
	p = parse_ok("[ipv4-addr:value = '999.1.1.1']", 0);
	assert_non_null(strstr(ccs_stix_pattern_note(p), "skipped"));
	ccs_stix_pattern_free(p);
}

static void
test_unsupported(void **state)
{
	static const char *const pats[] = {
		"[file:name MATCHES '^a.*\\\\.exe$']",
		"[domain-name:value LIKE '%.evil.example']",
		"[ipv4-addr:value = '198.51.100.7'] FOLLOWEDBY "
		    "[domain-name:value = 'evil.example']",
		"[ipv4-addr:value = '198.51.100.7'] WITHIN 300 SECONDS",
		"[ipv4-addr:value = '198.51.100.7'] REPEATS 5 TIMES",
		"[ipv4-addr:value = '198.51.100.7'] START "
		    "t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
		"[ipv4-addr:value NOT = '198.51.100.7']",
		"[ipv4-addr:value != '198.51.100.7']",
		"[ipv4-addr:value IN ('198.51.100.7', '198.51.100.8')]",
		"[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
		"[EXISTS windows-registry-key:values]",
		"[file:size > 1000 AND file:hashes.MD5 = "
		    "'d41d8cd98f00b204e9800998ecf8427e']",
		"[artifact:payload_bin = b'aGVsbG8=']",
	};
	struct ccs_stix_pattern *p;
	const char *note;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(pats) / sizeof(pats[0]); i++) {
		p = parse_ok(pats[i], 0);
		note = ccs_stix_pattern_note(p);
		assert_non_null(note);
		if (i < 12)
			assert_non_null(strstr(note, "not an indicator ccscap "
			    "can correlate"));
		ccs_stix_pattern_free(p);
	}
}

static void
test_garbage(void **state)
{
	static const char *const bad[] = {
		"", "   ", "hello", "[", "]", "[]", "[ipv4-addr:value = ",
		"[ipv4-addr:value = '1.2.3.4'", "[ipv4-addr:value '1.2.3.4']",
		"[a-b:c = 'x' AND]", "((([x-y:z = 'w']", "[x-y:z = 'w'])",
		"[x-y:z = 'unterminated]", "[x-y:z = 'bad\\escape']",
		"[x-y:z = 'w'] AND", "[x-y:z = 'w'] [x-y:z = 'w']",
		"[x-y:z = 'w'] WITHIN SECONDS", "[x-y: = 'w']",
		"[x-y:z = 'w' OR OR x-y:z = 'w']", "[x-y:z = w]",
		"[x-y:z = 'w'] AND ([a-b:c = 'd']", "[x-y:z ! 'w']",
		"[x-y:z = 'w'] START t'x' STOP", "\x01\xff[",
		"[x-y:z.'unterminated = 'w']", "[ipv4-addr:value = 'a' )]",
		"[x-y:z IN ('a', ]",
	};
	struct ccs_stix_pattern *p = (struct ccs_stix_pattern *)&p;
	struct ccs_fail f;
	size_t i;
	char *big;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p = (struct ccs_stix_pattern *)&p;
		if (ccs_stix_pattern_parse(bad[i], &p, &f) != CCS_EINVAL)
			fail_msg("accepted: %s", bad[i]);
		assert_null(p);
		assert_non_null(strstr(f.message, "not a STIX pattern"));
	}
	big = malloc(CCS_STIX_PATTERN_MAX + 2);
	assert_non_null(big);
	memset(big, '(', CCS_STIX_PATTERN_MAX + 1);
	big[CCS_STIX_PATTERN_MAX + 1] = '\0';
	assert_int_equal(ccs_stix_pattern_parse(big, &p, &f), CCS_ETOOBIG);
	/* Deep parentheses are counted, not recursed into. */
	memset(big, '(', CCS_STIX_PATTERN_MAX);
	big[CCS_STIX_PATTERN_MAX] = '\0';
	assert_int_equal(ccs_stix_pattern_parse(big, &p, &f), CCS_EINVAL);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_compound),
		cmocka_unit_test(test_unsupported),
		cmocka_unit_test(test_garbage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

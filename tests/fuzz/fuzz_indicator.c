/*
 * fuzz_indicator.c: libFuzzer target for indicator normalisation, keys and
 * warning lists (core/indicator/) over every type.
 *
 * Input: byte 0 picks the type, byte 1 the output buffer size (so short
 * buffers are tried too), the rest is the value, cut at its first NUL as
 * C callers would. Checked: no crash, leak or overrun (the output buffer
 * is allocated at exactly its size, so ASan sees a write past it); the
 * output is NUL-terminated inside its buffer and empty on failure; a
 * failure says why; canonical forms are fixed points, have keys, and obey
 * their type's alphabet and limits; IP results agree with inet_pton; a
 * network contains its own address. The other entry points take the raw
 * bytes too, as garbage must not crash them either.
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/indicator/indicator.h"
#include "util/err.h"
#include "util/fail.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)	do { if (!(x)) abort(); } while (0)

static void
check_keys(enum ccs_ind_type t, const char *v)
{
	struct ccs_ind_keys k;
	size_t i;
	int rc;

	rc = ccs_ind_keys(t, v, &k);
	CHECK(rc == CCS_OK || rc == CCS_ENOMEM);
	if (rc != CCS_OK)
		return;
	CHECK(k.n >= 1 && k.n <= CCS_IND_KEYS_MAX);
	CHECK(k.key[0].kind == CCS_IND_KEY_EXACT);
	for (i = 0; i < k.n; i++) {
		CHECK(strnlen(k.key[i].value, CCS_IND_KEY_MAX) <
		    CCS_IND_KEY_MAX);
		CHECK(strchr(k.key[i].value, ':') != NULL);
		CHECK(k.key[i].kind <= CCS_IND_KEY_BUCKET);
	}
}

/* What every canonical value of @p t must look like. */
static void
check_canonical(enum ccs_ind_type t, const char *v)
{
	char again[CCS_IND_VALUE_MAX], text[64], key[CCS_IND_VALUE_MAX];
	unsigned char a[16];
	const char *slash, *why, *host;
	size_t n = strlen(v), i;
	int rc;

	CHECK(n > 0 && n <= CCS_IND_URL_MAX);
	rc = ccs_ind_normalise(t, v, again, sizeof(again), NULL);
	CHECK(rc == CCS_OK || rc == CCS_ENOMEM);
	if (rc == CCS_OK)
		CHECK(strcmp(again, v) == 0);
	check_keys(t, v);
	(void)ccs_ind_warninglisted(t, v, &why);

	switch (t) {
	case CCS_IND_IPV4:
		CHECK(inet_pton(AF_INET, v, a) == 1);
		CHECK(inet_ntop(AF_INET, a, text, sizeof(text)) != NULL);
		CHECK(strcmp(text, v) == 0);
		break;
	case CCS_IND_IPV6:
		CHECK(inet_pton(AF_INET6, v, a) == 1);
		CHECK(inet_ntop(AF_INET6, a, text, sizeof(text)) != NULL);
		/* glibc differs only on the deprecated ::a.b.c.d form */
		if (strchr(text, '.') == NULL || strncmp(text, "::ffff:", 7) ==
		    0)
			CHECK(strcmp(text, v) == 0);
		break;
	case CCS_IND_CIDR4:
	case CCS_IND_CIDR6:
		slash = strchr(v, '/');
		CHECK(slash != NULL && (size_t)(slash - v) < sizeof(text));
		memcpy(text, v, (size_t)(slash - v));
		text[slash - v] = '\0';
		CHECK(ccs_ind_cidr_contains(v, text));
		break;
	case CCS_IND_DOMAIN:
		CHECK(n <= CCS_IND_DOMAIN_MAX);
		for (i = 0; i < n; i++)
			CHECK((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= '0' &&
			    v[i] <= '9') || v[i] == '-' || v[i] == '.');
		break;
	case CCS_IND_URL:
		for (i = 0; i < n; i++)
			CHECK((unsigned char)v[i] > 0x20 &&
			    (unsigned char)v[i] < 0x7f);
		CHECK(strncmp(v, "http://", 7) == 0 ||
		    strncmp(v, "https://", 8) == 0 ||
		    strncmp(v, "ftp://", 6) == 0);
		CHECK(strchr(v, '#') == NULL);
		/* a named host is a canonical domain, as its keys assume */
		host = strstr(v, "://") + 3;
		i = strcspn(host, ":/");
		if (host[0] != '[' && i > 0 && i < sizeof(key) &&
		    !(host[i - 1] >= '0' && host[i - 1] <= '9')) {
			memcpy(key, host, i);
			key[i] = '\0';
			rc = ccs_ind_normalise(CCS_IND_DOMAIN, key, again,
			    sizeof(again), NULL);
			CHECK(rc == CCS_ENOMEM || (rc == CCS_OK &&
			    strcmp(again, key) == 0));
		}
		break;
	case CCS_IND_EMAIL:
		CHECK(n <= 254 && strchr(v, '@') != NULL);
		host = strrchr(v, '@') + 1;
		rc = ccs_ind_normalise(CCS_IND_DOMAIN, host, again,
		    sizeof(again), NULL);
		CHECK(rc == CCS_ENOMEM || (rc == CCS_OK &&
		    strcmp(again, host) == 0));
		rc = ccs_ind_email_key(v, key, sizeof(key));
		CHECK(rc == CCS_OK || rc == CCS_ENOMEM);
		break;
	case CCS_IND_MD5:
	case CCS_IND_SHA1:
	case CCS_IND_SHA256:
	case CCS_IND_SHA512:
		CHECK(n == 32 || n == 40 || n == 64 || n == 128);
		for (i = 0; i < n; i++)
			CHECK((v[i] >= 'a' && v[i] <= 'f') || (v[i] >= '0' &&
			    v[i] <= '9'));
		break;
	case CCS_IND_ETH:
		CHECK(n == 42);
		CHECK(ccs_ind_eth_checksum(v, key, sizeof(key)) == CCS_OK);
		/* the checksummed form is accepted and maps back */
		CHECK(ccs_ind_normalise(t, key, again, sizeof(again), NULL) ==
		    CCS_OK && strcmp(again, v) == 0);
		break;
	case CCS_IND_PHONE:
		CHECK(v[0] == '+' && n >= 9 && n <= 16);
		break;
	case CCS_IND_IBAN:
		CHECK(n >= 15 && n <= 34);
		break;
	default:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char canon[CCS_IND_VALUE_MAX], key[CCS_IND_VALUE_MAX];
	struct ccs_ind_keys k;
	struct ccs_fail f;
	enum ccs_ind_type t, pt;
	const char *why, *half;
	unsigned notes;
	char *s, *out;
	size_t outlen;
	int rc;

	if (size < 2)
		return 0;
	t = (enum ccs_ind_type)(data[0] % CCS_IND_NTYPES);
	/* mostly a full buffer, sometimes a short one */
	outlen = data[1] < 200 ? CCS_IND_VALUE_MAX : (size_t)(data[1] - 199);
	s = malloc(size - 1);
	out = malloc(outlen);
	if (s == NULL || out == NULL)
		goto out;
	memcpy(s, data + 2, size - 2);
	s[size - 2] = '\0';

	memset(&f, 0, sizeof(f));
	memset(out, 'x', outlen);
	rc = ccs_ind_normalise_ex(t, s, out, outlen, &notes, &f);
	CHECK(strnlen(out, outlen) < outlen);
	if (rc == CCS_OK) {
		CHECK(outlen == CCS_IND_VALUE_MAX || strlen(out) < outlen);
		if (outlen == CCS_IND_VALUE_MAX)
			check_canonical(t, out);
	} else {
		CHECK(rc == CCS_EINVAL || rc == CCS_ETOOBIG ||
		    rc == CCS_ENOMEM);
		CHECK(out[0] == '\0' && notes == 0);
		CHECK(f.code != NULL && f.message[0] != '\0');
		CHECK(strnlen(f.message, sizeof(f.message)) <
		    sizeof(f.message));
	}

	/* the raw bytes through every other entry point */
	if (ccs_ind_keys(t, s, &k) == CCS_OK) {
		CHECK(ccs_ind_normalise(t, s, canon, sizeof(canon), NULL) ==
		    CCS_OK && strcmp(canon, s) == 0);
	}
	(void)ccs_ind_warninglisted(t, s, &why);
	(void)ccs_ind_email_key(s, key, sizeof(key));
	(void)ccs_ind_eth_checksum(s, key, sizeof(key));
	if (ccs_ind_type_parse(s, &pt) == CCS_OK)
		CHECK(ccs_ind_type_name(pt) != NULL);
	(void)ccs_ind_refine(t, s);
	half = s + strlen(s) / 2;
	(void)ccs_ind_cidr_contains(s, half);
out:
	free(out);
	free(s);
	return 0;
}

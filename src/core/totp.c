/*
 * totp.c: HOTP/TOTP over OpenSSL's HMAC-SHA1. libsodium has no SHA-1, and
 * authenticator apps still default to it, so libcrypto is used for this one
 * primitive. Base32 is small enough to write here; no Debian library offers
 * it on its own.
 */
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/totp.h"
#include "util/err.h"
#include "util/str.h"

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

uint32_t
ccs_hotp(const unsigned char *key, size_t keylen, uint64_t counter,
    unsigned digits)
{
	unsigned char msg[8], mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	uint32_t bin, mod = 1;
	unsigned off, i;

	for (i = 0; i < 8; i++)
		msg[7 - i] = (unsigned char)(counter >> (8 * i));
	if (HMAC(EVP_sha1(), key, (int)keylen, msg, sizeof(msg), mac,
	    &maclen) == NULL || maclen < 20)
		return UINT32_MAX;
	off = mac[maclen - 1] & 0x0f;
	bin = ((uint32_t)(mac[off] & 0x7f) << 24) |
	    ((uint32_t)mac[off + 1] << 16) | ((uint32_t)mac[off + 2] << 8) |
	    (uint32_t)mac[off + 3];
	for (i = 0; i < digits && i < 9; i++)
		mod *= 10;
	return bin % mod;
}

bool
ccs_totp_verify(const unsigned char *key, size_t keylen, int64_t now,
    const char *code, int64_t last_step, int64_t *matched_step)
{
	int64_t step, s, want;
	int d;

	if (code == NULL || strlen(code) != CCS_TOTP_DIGITS || now < 0)
		return false;
	if (ccs_parse_i64(code, 0, 999999, &want) != CCS_OK)
		return false;
	step = now / CCS_TOTP_PERIOD;
	for (d = -1; d <= 1; d++) {
		s = step + d;
		if (s <= last_step || s < 0)
			continue;
		if ((int64_t)ccs_hotp(key, keylen, (uint64_t)s,
		    CCS_TOTP_DIGITS) == want) {
			*matched_step = s;
			return true;
		}
	}
	return false;
}

int
ccs_base32_encode(const unsigned char *in, size_t n, char *out, size_t outlen)
{
	size_t i, o = 0;
	unsigned buf = 0, bits = 0;

	for (i = 0; i < n; i++) {
		buf = (buf << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			if (o + 1 >= outlen)
				return CCS_ETOOBIG;
			out[o++] = b32[(buf >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) {
		if (o + 1 >= outlen)
			return CCS_ETOOBIG;
		out[o++] = b32[(buf << (5 - bits)) & 31];
	}
	if (o >= outlen)
		return CCS_ETOOBIG;
	out[o] = '\0';
	return CCS_OK;
}

int
ccs_base32_decode(const char *in, unsigned char *out, size_t outlen,
    size_t *used)
{
	const char *p;
	unsigned buf = 0, bits = 0, v;
	size_t o = 0;
	char c;

	for (p = in; *p; p++) {
		c = *p;
		if (c == ' ' || c == '=' || c == '-')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c >= 'A' && c <= 'Z')
			v = (unsigned)(c - 'A');
		else if (c >= '2' && c <= '7')
			v = (unsigned)(c - '2' + 26);
		else
			return CCS_EINVAL;
		buf = (buf << 5) | v;
		bits += 5;
		if (bits >= 8) {
			if (o >= outlen)
				return CCS_ETOOBIG;
			out[o++] = (unsigned char)(buf >> (bits - 8));
			bits -= 8;
		}
		buf &= 0xff;
	}
	*used = o;
	return CCS_OK;
}

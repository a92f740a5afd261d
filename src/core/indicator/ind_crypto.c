/*
 * ind_crypto.c: file hashes and cryptocurrency addresses.
 *
 * Hashes are hex of the exact length, written in lower case. Bitcoin
 * addresses are mainnet only (a testnet address is never proceeds of
 * crime) and every checksum is verified, so a mistyped address is
 * refused instead of being filed as a different wallet: legacy Base58Check
 * P2PKH ("1...") and P2SH ("3...") with the double SHA-256 checksum, and
 * native segwit (BIP 173 bech32 for version 0, BIP 350 bech32m for 1-16)
 * written in lower case. Ethereum addresses are written in lower case;
 * when the input mixes cases it claims an EIP-55 checksum, which must
 * then verify (Keccak-256, see keccak.c).
 */
#include <string.h>

#include <sodium.h>

#include "core/indicator/ind_impl.h"
#include "core/indicator/indicator.h"
#include "core/indicator/keccak.h"
#include "util/err.h"
#include "util/fail.h"

#define B58_LEN		25	/* version, hash160, checksum */
#define BECH32_MAX	90	/* BIP 173 */

static const char b58[] =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
static const char b32[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

int
ccs_ind_norm_hash(enum ccs_ind_type t, const char *s, size_t n,
    struct ccs_ind_wr *w, struct ccs_fail *f)
{
	size_t want, i;

	switch (t) {
	case CCS_IND_MD5:
		want = 32;
		break;
	case CCS_IND_SHA1:
		want = 40;
		break;
	case CCS_IND_SHA256:
		want = 64;
		break;
	default:
		want = 128;
		break;
	}
	for (i = 0; i < n; i++) {
		if (ccs_ind_hexval(s[i]) < 0)
			return ccs_ind_bad(f, "%s hash may hold only hex "
			    "digits", ccs_ind_type_name(t));
	}
	if (n != want)
		return ccs_ind_bad(f, "%s hash must be %zu hex digits, not %zu",
		    ccs_ind_type_name(t), want, n);
	for (i = 0; i < n; i++)
		ccs_ind_wr_c(w, ccs_ind_lower(s[i]));
	return CCS_OK;
}

static int
norm_base58(const char *s, size_t n, struct ccs_ind_wr *w, struct ccs_fail *f)
{
	unsigned char raw[B58_LEN], h[crypto_hash_sha256_BYTES];
	const char *p;
	size_t i, j, ones = 0, zeros = 0;
	unsigned carry;

	if (n < 26 || n > 35)
		return ccs_ind_bad(f, "Bitcoin address must be 26 to 35 "
		    "characters, or bc1...");
	memset(raw, 0, sizeof(raw));
	for (i = 0; i < n; i++) {
		p = s[i] != '\0' ? strchr(b58, s[i]) : NULL;
		if (p == NULL)
			return ccs_ind_bad(f, "Bitcoin address has a character "
			    "outside Base58");
		carry = (unsigned)(p - b58);
		for (j = B58_LEN; j > 0; j--) {
			carry += 58u * raw[j - 1];
			raw[j - 1] = (unsigned char)(carry & 0xff);
			carry >>= 8;
		}
		if (carry != 0)
			return ccs_ind_bad(f, "Bitcoin address is too long");
	}
	while (ones < n && s[ones] == '1')
		ones++;
	while (zeros < B58_LEN && raw[zeros] == 0)
		zeros++;
	if (zeros != ones)
		return ccs_ind_bad(f, "Bitcoin address has the wrong length");
	if (raw[0] != 0x00 && raw[0] != 0x05)
		return ccs_ind_bad(f, "not a Bitcoin mainnet P2PKH or P2SH "
		    "address");
	crypto_hash_sha256(h, raw, B58_LEN - 4);
	crypto_hash_sha256(h, h, sizeof(h));
	if (memcmp(h, raw + B58_LEN - 4, 4) != 0)
		return ccs_ind_bad(f, "Bitcoin address checksum does not "
		    "match (mistyped?)");
	ccs_ind_wr_n(w, s, n);
	return CCS_OK;
}

static uint32_t
polymod_step(uint32_t chk, unsigned v)
{
	static const uint32_t gen[5] = { 0x3b6a57b2, 0x26508e6d, 0x1ea119fa,
	    0x3d4233dd, 0x2a1462b3 };
	uint32_t top = chk >> 25;
	unsigned i;

	chk = ((chk & 0x1ffffff) << 5) ^ v;
	for (i = 0; i < 5; i++) {
		if ((top >> i) & 1)
			chk ^= gen[i];
	}
	return chk;
}

static int
norm_bech32(const char *s, size_t n, struct ccs_ind_wr *w, struct ccs_fail *f)
{
	unsigned char d[BECH32_MAX], prog[40];
	const char *p;
	size_t i, nd, np = 0;
	uint32_t chk = 1, acc = 0;
	unsigned bits = 0;
	bool upper = false, lower = false;
	char c;

	if (n > BECH32_MAX)
		return ccs_ind_bad(f, "bech32 address longer than %d "
		    "characters", BECH32_MAX);
	for (i = 0; i < n; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			upper = true;
		if (s[i] >= 'a' && s[i] <= 'z')
			lower = true;
	}
	if (upper && lower)
		return ccs_ind_bad(f, "bech32 address mixes upper and lower "
		    "case");
	/* hrp "bc", separator '1', then data and a 6-character checksum */
	nd = n - 3;
	if (nd < 7)
		return ccs_ind_bad(f, "bech32 address is too short");
	for (i = 0; i < nd; i++) {
		c = ccs_ind_lower(s[3 + i]);
		p = c != '\0' ? strchr(b32, c) : NULL;
		if (p == NULL)
			return ccs_ind_bad(f, "bech32 address has a character "
			    "outside its alphabet");
		d[i] = (unsigned char)(p - b32);
	}
	/* checksum over the expanded hrp "bc": high bits, 0, low bits */
	chk = polymod_step(chk, 'b' >> 5);
	chk = polymod_step(chk, 'c' >> 5);
	chk = polymod_step(chk, 0);
	chk = polymod_step(chk, 'b' & 31);
	chk = polymod_step(chk, 'c' & 31);
	for (i = 0; i < nd; i++)
		chk = polymod_step(chk, d[i]);
	if (chk != 1 && chk != 0x2bc830a3)
		return ccs_ind_bad(f, "bech32 address checksum does not match "
		    "(mistyped?)");
	if (d[0] > 16)
		return ccs_ind_bad(f, "segwit version over 16");
	if ((d[0] == 0) != (chk == 1))
		return ccs_ind_bad(f, "segwit version %u needs %s", d[0],
		    d[0] == 0 ? "bech32 (BIP 173)" : "bech32m (BIP 350)");
	/* regroup the program from 5-bit to 8-bit groups */
	for (i = 1; i < nd - 6; i++) {
		acc = (acc << 5 | d[i]) & 0xfff;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			if (np == sizeof(prog))
				return ccs_ind_bad(f, "segwit program longer "
				    "than 40 bytes");
			prog[np++] = (unsigned char)(acc >> bits);
		}
	}
	if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0)
		return ccs_ind_bad(f, "segwit program has bad padding");
	if (np < 2)
		return ccs_ind_bad(f, "segwit program shorter than 2 bytes");
	if (d[0] == 0 && np != 20 && np != 32)
		return ccs_ind_bad(f, "segwit version 0 program must be 20 or "
		    "32 bytes");
	for (i = 0; i < n; i++)
		ccs_ind_wr_c(w, ccs_ind_lower(s[i]));
	return CCS_OK;
}

int
ccs_ind_norm_btc(const char *s, size_t n, struct ccs_ind_wr *w,
    struct ccs_fail *f)
{
	if (n >= 3 && ccs_ind_lower(s[0]) == 'b' && ccs_ind_lower(s[1]) == 'c'
	    && s[2] == '1')
		return norm_bech32(s, n, w, f);
	if (n >= 3 && ((ccs_ind_lower(s[0]) == 't' &&
	    ccs_ind_lower(s[1]) == 'b' && s[2] == '1') ||
	    s[0] == 'm' || s[0] == 'n' || s[0] == '2'))
		return ccs_ind_bad(f, "a Bitcoin testnet address");
	return norm_base58(s, n, w, f);
}

/* EIP-55: a letter is upper case when its nibble of Keccak-256 of the
 * lower-case hex is 8 or more. */
static void
eip55(const char hex[40], char out[40])
{
	unsigned char h[32];
	unsigned nib;
	size_t i;

	ccs_keccak256(hex, 40, h);
	for (i = 0; i < 40; i++) {
		nib = (i % 2 == 0) ? h[i / 2] >> 4 : h[i / 2] & 0xf;
		out[i] = hex[i];
		if (hex[i] >= 'a' && hex[i] <= 'f' && nib >= 8)
			out[i] = (char)(hex[i] - 'a' + 'A');
	}
}

int
ccs_ind_norm_eth(const char *s, size_t n, struct ccs_ind_wr *w,
    struct ccs_fail *f)
{
	char low[40], sum[40];
	bool upper = false, lower = false;
	size_t i;

	if (n < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return ccs_ind_bad(f, "Ethereum address must start with 0x");
	s += 2;
	n -= 2;
	if (n != 40)
		return ccs_ind_bad(f, "Ethereum address must be 0x and 40 hex "
		    "digits");
	for (i = 0; i < n; i++) {
		if (ccs_ind_hexval(s[i]) < 0)
			return ccs_ind_bad(f, "Ethereum address may hold only "
			    "hex digits");
		if (s[i] >= 'A' && s[i] <= 'F')
			upper = true;
		if (s[i] >= 'a' && s[i] <= 'f')
			lower = true;
		low[i] = ccs_ind_lower(s[i]);
	}
	if (upper && lower) {
		eip55(low, sum);
		if (memcmp(sum, s, 40) != 0)
			return ccs_ind_bad(f, "Ethereum address EIP-55 "
			    "checksum does not match (mistyped?)");
	}
	ccs_ind_wr_s(w, "0x");
	ccs_ind_wr_n(w, low, 40);
	return CCS_OK;
}

int
ccs_ind_eth_checksum(const char *normalised, char *out, size_t outlen)
{
	char sum[40];
	size_t i;

	if (out != NULL && outlen > 0)
		out[0] = '\0';
	if (normalised == NULL || out == NULL)
		return CCS_EINVAL;
	if (strnlen(normalised, 43) != 42 || normalised[0] != '0' ||
	    normalised[1] != 'x')
		return CCS_EINVAL;
	for (i = 2; i < 42; i++) {
		if (!((normalised[i] >= '0' && normalised[i] <= '9') ||
		    (normalised[i] >= 'a' && normalised[i] <= 'f')))
			return CCS_EINVAL;
	}
	if (outlen < 43)
		return CCS_ETOOBIG;
	eip55(normalised + 2, sum);
	out[0] = '0';
	out[1] = 'x';
	memcpy(out + 2, sum, 40);
	out[42] = '\0';
	return CCS_OK;
}

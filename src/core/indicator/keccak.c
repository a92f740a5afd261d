/*
 * keccak.c: Keccak-f[1600] and its sponge, for Ethereum's Keccak-256
 * (EIP-55 address checksums).
 *
 * Why our own: Ethereum hashes with the original Keccak padding (0x01),
 * not FIPS 202 SHA-3 (0x06). libsodium has no Keccak at all, and OpenSSL
 * offers "KECCAK-256" only from 3.2; Debian 12 ships 3.0, whose SHA3-256
 * shares the permutation but not the padding and does not expose the
 * permutation alone. The permutation is short and fully pinned by test
 * vectors: the unit tests check this sponge with pad 0x06 against
 * OpenSSL's SHA3-256 at many lengths (so the permutation and absorbing
 * are right) and Keccak-256 against the published vectors.
 *
 * Written for clarity, not speed: an address checksum hashes 40 bytes.
 * Lanes are little-endian 64-bit words, as the specification defines.
 */
#include <stdint.h>
#include <string.h>

#include "core/indicator/keccak.h"

static const uint64_t round_const[24] = {
	0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL,
	0x8000000080008000ULL, 0x000000000000808bULL, 0x0000000080000001ULL,
	0x8000000080008081ULL, 0x8000000000008009ULL, 0x000000000000008aULL,
	0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
	0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL,
	0x8000000000008003ULL, 0x8000000000008002ULL, 0x8000000000000080ULL,
	0x000000000000800aULL, 0x800000008000000aULL, 0x8000000080008081ULL,
	0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
};

/* Rotation offsets and lane order of the rho and pi steps combined. */
static const unsigned rotc[24] = {
	1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62,
	18, 39, 61, 20, 44,
};
static const unsigned piln[24] = {
	10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20,
	14, 22, 9, 6, 1,
};

static uint64_t
rotl(uint64_t x, unsigned n)
{
	return (x << n) | (x >> (64 - n));
}

static void
keccak_f(uint64_t st[25])
{
	uint64_t bc[5], t;
	unsigned i, j, r;

	for (r = 0; r < 24; r++) {
		/* theta */
		for (i = 0; i < 5; i++)
			bc[i] = st[i] ^ st[i + 5] ^ st[i + 10] ^ st[i + 15] ^
			    st[i + 20];
		for (i = 0; i < 5; i++) {
			t = bc[(i + 4) % 5] ^ rotl(bc[(i + 1) % 5], 1);
			for (j = 0; j < 25; j += 5)
				st[j + i] ^= t;
		}
		/* rho and pi */
		t = st[1];
		for (i = 0; i < 24; i++) {
			j = piln[i];
			bc[0] = st[j];
			st[j] = rotl(t, rotc[i]);
			t = bc[0];
		}
		/* chi */
		for (j = 0; j < 25; j += 5) {
			for (i = 0; i < 5; i++)
				bc[i] = st[j + i];
			for (i = 0; i < 5; i++)
				st[j + i] ^= (~bc[(i + 1) % 5]) &
				    bc[(i + 2) % 5];
		}
		/* iota */
		st[0] ^= round_const[r];
	}
}

static void
xor_byte(uint64_t st[25], size_t pos, unsigned char b)
{
	st[pos / 8] ^= (uint64_t)b << (8 * (pos % 8));
}

void
ccs_keccak(size_t rate, unsigned char pad, const void *in, size_t len,
    unsigned char *out, size_t outlen)
{
	const unsigned char *p = in;
	uint64_t st[25];
	size_t i, pos = 0;

	if (rate == 0 || rate > 200)
		return;
	memset(st, 0, sizeof(st));
	for (i = 0; i < len; i++) {
		xor_byte(st, pos, p[i]);
		pos++;
		if (pos == rate) {
			keccak_f(st);
			pos = 0;
		}
	}
	xor_byte(st, pos, pad);
	xor_byte(st, rate - 1, 0x80);
	keccak_f(st);
	pos = 0;
	for (i = 0; i < outlen; i++) {
		if (pos == rate) {
			keccak_f(st);
			pos = 0;
		}
		out[i] = (unsigned char)(st[pos / 8] >> (8 * (pos % 8)));
		pos++;
	}
}

void
ccs_keccak256(const void *in, size_t len, unsigned char out[32])
{
	ccs_keccak(136, 0x01, in, len, out, 32);
}

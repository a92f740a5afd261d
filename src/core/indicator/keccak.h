/*
 * keccak.h: the Keccak sponge (Keccak-f[1600]) for the Keccak-256 that
 * Ethereum uses, which is not SHA3-256 (the padding byte differs). Pure.
 */
#ifndef CCS_KECCAK_H
#define CCS_KECCAK_H

#include <stddef.h>

/**
 * Absorbs @p len bytes of @p in at @p rate bytes a block (1..200) with
 * domain/padding byte @p pad (0x01 Keccak, 0x06 SHA-3, 0x1f SHAKE) and
 * squeezes @p outlen bytes into @p out (caller's buffer).
 */
void	ccs_keccak(size_t rate, unsigned char pad, const void *in, size_t len,
	    unsigned char *out, size_t outlen);
/** Keccak-256 (rate 136, pad 0x01) of @p len bytes into @p out. */
void	ccs_keccak256(const void *in, size_t len, unsigned char out[32]);

#endif

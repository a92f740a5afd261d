/*
 * totp.h: RFC 6238 time-based one-time passwords (HMAC-SHA1, 30 s, 6 digits,
 * the parameters every authenticator app uses) and RFC 4648 base32 for the
 * shared secret. Pure: the time step is passed in.
 */
#ifndef CCS_TOTP_H
#define CCS_TOTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CCS_TOTP_PERIOD		30
#define CCS_TOTP_DIGITS		6
#define CCS_TOTP_KEY_LEN	20	/* bytes of secret */
#define CCS_TOTP_B32_LEN	33	/* base32 of 20 bytes + NUL */

/** HOTP value (RFC 4226) of @p key at @p counter, @p digits long. */
uint32_t ccs_hotp(const unsigned char *key, size_t keylen, uint64_t counter,
	    unsigned digits);

/**
 * Checks @p code ("123456") against the steps around @p now (one step of
 * clock drift either way), refusing steps at or before @p last_step (replay).
 * @param matched_step OUT: the step that matched, to store as last_step
 * @return true when the code is valid.
 */
bool	ccs_totp_verify(const unsigned char *key, size_t keylen, int64_t now,
	    const char *code, int64_t last_step, int64_t *matched_step /* OUT */);

/** Base32 (RFC 4648, no padding) of @p n bytes into @p out of @p outlen.
 * @return CCS_OK or CCS_ETOOBIG. */
int	ccs_base32_encode(const unsigned char *in, size_t n, char *out,
	    size_t outlen);
/** Decodes base32 (case-insensitive, spaces and '=' ignored).
 * @param outlen_used OUT: bytes written
 * @return CCS_OK, CCS_EINVAL on a bad character, CCS_ETOOBIG. */
int	ccs_base32_decode(const char *in, unsigned char *out, size_t outlen,
	    size_t *outlen_used /* OUT */);

#endif

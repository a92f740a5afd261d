/*
 * crypto.h: the few libsodium uses of ccscap behind one header: argon2id
 * password hashes, random tokens and their hashes, and sealing secrets at rest
 * (TOTP seeds) with a key held outside the database.
 */
#ifndef CCS_CRYPTO_H
#define CCS_CRYPTO_H

#include <stddef.h>

#define CCS_PWHASH_LEN		128	/* crypto_pwhash_STRBYTES */
#define CCS_TOKEN_LEN		44	/* 32 random bytes base64url + NUL */
#define CCS_TOKEN_HASH_LEN	65	/* hex SHA-256 + NUL */
#define CCS_SECRET_KEY_LEN	32	/* crypto_secretbox_KEYBYTES */
#define CCS_PASSWORD_MIN	12
#define CCS_PASSWORD_MAX	1024

/** Must be called once at startup; returns CCS_OK or CCS_EIO. */
int	ccs_crypto_init(void);

/** argon2id hash of @p password into @p out. CCS_EINVAL if the password is
 * outside CCS_PASSWORD_MIN..MAX bytes. */
int	ccs_password_hash(const char *password, char out[CCS_PWHASH_LEN]);
/** CCS_OK when @p password matches @p hash, CCS_EAUTH otherwise. */
int	ccs_password_verify(const char *hash, const char *password);

/** Spends the same time as a verification, for unknown logins. */
void	ccs_password_dummy(const char *password);

/** Fills @p out with a new random URL-safe token (43 chars). */
void	ccs_token_new(char out[CCS_TOKEN_LEN]);
/** Hex SHA-256 of @p token, for storing. */
void	ccs_token_hash(const char *token, char out[CCS_TOKEN_HASH_LEN]);

/** Fills @p out with @p n random bytes. */
void	ccs_random(void *out, size_t n);

/**
 * Seals @p n bytes with @p key (XSalsa20-Poly1305, random nonce) into a new
 * base64 string. Caller frees *out.
 */
int	ccs_seal(const unsigned char key[CCS_SECRET_KEY_LEN],
	    const unsigned char *in, size_t n, char **out /* OUT */);
/** Opens what ccs_seal made into @p out (of @p outlen); CCS_ECORRUPT when
 * forged or made with another key. */
int	ccs_unseal(const unsigned char key[CCS_SECRET_KEY_LEN], const char *in,
	    unsigned char *out, size_t outlen, size_t *used /* OUT */);

#endif

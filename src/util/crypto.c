/* crypto.c: thin, checked wrappers over libsodium. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "util/crypto.h"
#include "util/err.h"
#include "util/mem.h"

int
ccs_crypto_init(void)
{
	return sodium_init() < 0 ? CCS_EIO : CCS_OK;
}

int
ccs_password_hash(const char *password, char out[CCS_PWHASH_LEN])
{
	size_t n = strlen(password);

	if (n < CCS_PASSWORD_MIN || n > CCS_PASSWORD_MAX)
		return CCS_EINVAL;
	if (crypto_pwhash_str_alg(out, password, n,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		return CCS_ENOMEM;
	return CCS_OK;
}

int
ccs_password_verify(const char *hash, const char *password)
{
	size_t n = strlen(password);

	if (n > CCS_PASSWORD_MAX)
		return CCS_EAUTH;
	return crypto_pwhash_str_verify(hash, password, n) == 0 ? CCS_OK :
	    CCS_EAUTH;
}

void
ccs_password_dummy(const char *password)
{
	char out[CCS_PWHASH_LEN];
	size_t n = strlen(password);

	if (n > CCS_PASSWORD_MAX)
		n = CCS_PASSWORD_MAX;
	if (crypto_pwhash_str_alg(out, password, n,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) == 0)
		sodium_memzero(out, sizeof(out));
}

void
ccs_token_new(char out[CCS_TOKEN_LEN])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, CCS_TOKEN_LEN, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void
ccs_token_hash(const char *token, char out[CCS_TOKEN_HASH_LEN])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, CCS_TOKEN_HASH_LEN, h, sizeof(h));
}

void
ccs_random(void *out, size_t n)
{
	randombytes_buf(out, n);
}

int
ccs_seal(const unsigned char key[CCS_SECRET_KEY_LEN], const unsigned char *in,
    size_t n, char **out)
{
	unsigned char *box = NULL;
	size_t blen, b64len;
	char *s = NULL;
	int rc = CCS_ENOMEM;

	*out = NULL;
	if (!ccs_add_sz(n, crypto_secretbox_NONCEBYTES +
	    crypto_secretbox_MACBYTES, &blen))
		return CCS_ETOOBIG;
	box = ccs_malloc(blen);
	if (box == NULL)
		goto out;
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, in, n, box,
	    key);
	b64len = sodium_base64_ENCODED_LEN(blen,
	    sodium_base64_VARIANT_ORIGINAL);
	s = ccs_malloc(b64len);
	if (s == NULL)
		goto out;
	sodium_bin2base64(s, b64len, box, blen, sodium_base64_VARIANT_ORIGINAL);
	*out = s;
	rc = CCS_OK;
out:
	free(box);
	return rc;
}

int
ccs_unseal(const unsigned char key[CCS_SECRET_KEY_LEN], const char *in,
    unsigned char *out, size_t outlen, size_t *used)
{
	unsigned char box[512];
	size_t blen = 0;

	if (sodium_base642bin(box, sizeof(box), in, strlen(in), NULL, &blen,
	    NULL, sodium_base64_VARIANT_ORIGINAL) != 0)
		return CCS_ECORRUPT;
	if (blen < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES ||
	    blen - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES >
	    outlen)
		return CCS_ECORRUPT;
	if (crypto_secretbox_open_easy(out, box + crypto_secretbox_NONCEBYTES,
	    blen - crypto_secretbox_NONCEBYTES, box, key) != 0)
		return CCS_ECORRUPT;
	*used = blen - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	return CCS_OK;
}

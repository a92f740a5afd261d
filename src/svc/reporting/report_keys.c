/*
 * report_keys.c: the keyring of public reports (see report_keys.h).
 *
 * Sealing is XChaCha20-Poly1305 (libsodium's crypto_aead_xchacha20poly1305
 * _ietf) with a random 24-byte nonce, so random nonces never collide in
 * practice, and the report's reference as additional data. The text
 * stored is base64(nonce || ciphertext). Hash and MAC keys are derived
 * from the lowest key id with crypto_kdf, so they survive rotation of the
 * sealing key. Non-goals: hardware keys, per-state keys.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "svc/reporting/report_keys.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define KEYLEN		crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define NONCELEN	crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define MACLEN		crypto_aead_xchacha20poly1305_ietf_ABYTES
#define FILE_MAX	4096	/* bytes of a key file we read */
#define SEAL_MAX	((size_t)16 << 20)	/* bytes of one sealed text */

struct ccs_report_keys {
	size_t		 n;				/* keys held */
	int64_t		 ids[CCS_REPORT_KEYS_MAX];	/* ascending */
	unsigned char	 keys[CCS_REPORT_KEYS_MAX][KEYLEN]; /* by index */
};

static int __attribute__((format(printf, 4, 5)))
errf(char *err, size_t errlen, int rc, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL && errlen > 0) {
		va_start(ap, fmt);
		(void)vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return rc;
}

static int
push(struct ccs_report_keys *k, int64_t id, const unsigned char *key)
{
	if (k->n >= CCS_REPORT_KEYS_MAX)
		return CCS_ETOOBIG;
	if (k->n > 0 && id <= k->ids[k->n - 1])
		return CCS_EINVAL;
	k->ids[k->n] = id;
	memcpy(k->keys[k->n], key, KEYLEN);
	k->n++;
	return CCS_OK;
}

/* Writes "ID HEX\n" for @p id and @p key at the end of @p fd. */
static int
write_line(int fd, int64_t id, const unsigned char *key)
{
	char hex[2 * KEYLEN + 1], line[2 * KEYLEN + 32];
	int len;
	ssize_t w;

	sodium_bin2hex(hex, sizeof(hex), key, KEYLEN);
	len = snprintf(line, sizeof(line), "%lld %s\n", (long long)id, hex);
	sodium_memzero(hex, sizeof(hex));
	if (len < 0 || (size_t)len >= sizeof(line))
		return CCS_EINVAL;
	w = write(fd, line, (size_t)len);
	sodium_memzero(line, sizeof(line));
	if (w != len || fsync(fd) != 0)
		return CCS_EIO;
	return CCS_OK;
}

static int
parse(struct ccs_report_keys *k, char *text)
{
	unsigned char key[KEYLEN];
	char *line = text, *nl, *sp;
	size_t bin = 0;
	int64_t id;
	int rc;

	while (*line != '\0') {
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		sp = strchr(line, ' ');
		if (sp == NULL)
			return CCS_EINVAL;
		*sp = '\0';
		if (ccs_parse_i64(line, 1, INT32_MAX, &id) != CCS_OK)
			return CCS_EINVAL;
		if (strlen(sp + 1) != 2 * KEYLEN ||
		    sodium_hex2bin(key, sizeof(key), sp + 1, 2 * KEYLEN, NULL,
		    &bin, NULL) != 0 || bin != KEYLEN)
			return CCS_EINVAL;
		rc = push(k, id, key);
		sodium_memzero(key, sizeof(key));
		if (rc != CCS_OK)
			return rc;
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	return k->n > 0 ? CCS_OK : CCS_EINVAL;
}

int
ccs_report_keys_load(const char *path, int create,
    struct ccs_report_keys **out, char *err, size_t errlen)
{
	struct ccs_report_keys *k;
	unsigned char key[KEYLEN];
	char text[FILE_MAX + 1];
	ssize_t n;
	int fd, rc;

	*out = NULL;
	k = ccs_calloc(1, sizeof(*k));
	if (k == NULL)
		return CCS_ENOMEM;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && create) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0) {
			rc = errf(err, errlen, CCS_EIO,
			    "cannot create report key file %s", path);
			goto fail;
		}
		randombytes_buf(key, sizeof(key));
		rc = write_line(fd, 1, key);
		if (rc == CCS_OK)
			rc = push(k, 1, key);
		sodium_memzero(key, sizeof(key));
		close(fd);
		if (rc != CCS_OK) {
			(void)errf(err, errlen, rc,
			    "cannot write report key file %s", path);
			goto fail;
		}
		*out = k;
		return CCS_OK;
	}
	if (fd < 0) {
		rc = errf(err, errlen, CCS_EIO, "cannot open report key file "
		    "%s (run 'ccscap init')", path);
		goto fail;
	}
	n = read(fd, text, FILE_MAX + 1);
	close(fd);
	if (n < 0 || n > FILE_MAX) {
		rc = errf(err, errlen, n < 0 ? CCS_EIO : CCS_EINVAL,
		    "report key file %s: unreadable or too long", path);
		goto fail;
	}
	text[n] = '\0';
	rc = parse(k, text);
	sodium_memzero(text, sizeof(text));
	if (rc != CCS_OK) {
		(void)errf(err, errlen, rc, "report key file %s: expected "
		    "lines \"ID HEX64\" with ascending ids", path);
		goto fail;
	}
	*out = k;
	return CCS_OK;
fail:
	ccs_report_keys_free(k);
	return rc;
}

struct ccs_report_keys *
ccs_report_keys_from(int64_t id, const unsigned char *key)
{
	struct ccs_report_keys *k = ccs_calloc(1, sizeof(*k));

	if (k != NULL && push(k, id, key) != CCS_OK) {
		ccs_report_keys_free(k);
		return NULL;
	}
	return k;
}

void
ccs_report_keys_free(struct ccs_report_keys *k)
{
	if (k == NULL)
		return;
	sodium_memzero(k, sizeof(*k));
	free(k);
}

int64_t
ccs_report_keys_current(const struct ccs_report_keys *k)
{
	return k->ids[k->n - 1];
}

int
ccs_report_keys_add(struct ccs_report_keys *k, const char *path)
{
	unsigned char key[KEYLEN];
	int64_t id;
	int fd, rc;

	if (k->n >= CCS_REPORT_KEYS_MAX)
		return CCS_ETOOBIG;
	id = ccs_report_keys_current(k) + 1;
	randombytes_buf(key, sizeof(key));
	fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd < 0) {
		rc = CCS_EIO;
		goto out;
	}
	rc = write_line(fd, id, key);
	close(fd);
	if (rc == CCS_OK)
		rc = push(k, id, key);
out:
	sodium_memzero(key, sizeof(key));
	return rc;
}

static const unsigned char *
find(const struct ccs_report_keys *k, int64_t id)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (k->ids[i] == id)
			return k->keys[i];
	return NULL;
}

int
ccs_report_seal(const struct ccs_report_keys *k, const char *ad,
    const void *in, size_t n, char **out, int64_t *key_id)
{
	unsigned char *box = NULL;
	size_t blen, b64len;
	char *b64 = NULL;
	int rc = CCS_ENOMEM;

	*out = NULL;
	if (n > SEAL_MAX)
		return CCS_ETOOBIG;
	blen = NONCELEN + n + MACLEN;
	box = ccs_malloc(blen);
	b64len = sodium_base64_encoded_len(blen,
	    sodium_base64_VARIANT_ORIGINAL);
	b64 = ccs_malloc(b64len);
	if (box == NULL || b64 == NULL)
		goto out;
	randombytes_buf(box, NONCELEN);
	(void)crypto_aead_xchacha20poly1305_ietf_encrypt(box + NONCELEN,
	    NULL, in, n, (const unsigned char *)ad, strlen(ad), NULL, box,
	    k->keys[k->n - 1]);
	(void)sodium_bin2base64(b64, b64len, box, blen,
	    sodium_base64_VARIANT_ORIGINAL);
	*out = b64;
	b64 = NULL;
	*key_id = ccs_report_keys_current(k);
	rc = CCS_OK;
out:
	free(box);
	free(b64);
	return rc;
}

int
ccs_report_open(const struct ccs_report_keys *k, int64_t key_id,
    const char *ad, const char *in, char **out, size_t *n)
{
	const unsigned char *key = find(k, key_id);
	unsigned char *box = NULL;
	unsigned long long plen = 0;
	char *plain = NULL;
	size_t inlen = strlen(in), blen = 0;
	int rc = CCS_ECORRUPT;

	*out = NULL;
	if (key == NULL || inlen > SEAL_MAX * 2)
		return CCS_ECORRUPT;
	box = ccs_malloc(inlen / 4 * 3 + 3);
	if (box == NULL)
		return CCS_ENOMEM;
	if (sodium_base642bin(box, inlen / 4 * 3 + 3, in, inlen, NULL, &blen,
	    NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    blen < NONCELEN + MACLEN)
		goto out;
	plain = ccs_malloc(blen - NONCELEN - MACLEN + 1);
	if (plain == NULL) {
		rc = CCS_ENOMEM;
		goto out;
	}
	if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)plain,
	    &plen, NULL, box + NONCELEN, blen - NONCELEN,
	    (const unsigned char *)ad, strlen(ad), box, key) != 0)
		goto out;
	plain[plen] = '\0';
	*out = plain;
	plain = NULL;
	if (n != NULL)
		*n = (size_t)plen;
	rc = CCS_OK;
out:
	free(plain);
	free(box);
	return rc;
}

void
ccs_report_subkey(const struct ccs_report_keys *k, const char *purpose,
    unsigned char out[32])
{
	char ctx[crypto_kdf_CONTEXTBYTES] = { 0 };
	size_t len = strlen(purpose);

	memcpy(ctx, purpose, len < sizeof(ctx) ? len : sizeof(ctx));
	(void)crypto_kdf_derive_from_key(out, 32, 1, ctx, k->keys[0]);
}

void
ccs_report_keyed_hash(const struct ccs_report_keys *k, const char *purpose,
    const void *in, size_t n, char out[CCS_REPORT_HASH_HEX])
{
	unsigned char sub[32], h[32];

	ccs_report_subkey(k, purpose, sub);
	(void)crypto_generichash(h, sizeof(h), in, n, sub, sizeof(sub));
	sodium_memzero(sub, sizeof(sub));
	sodium_bin2hex(out, CCS_REPORT_HASH_HEX, h, sizeof(h));
}

/*
 * cursor.c: signed TAXII paging cursors (see cursor.h).
 *
 * Layout before base64url: date_added (8 bytes, big endian), entry id
 * (8), then a 16-byte keyed BLAKE2b of those 16 bytes and the query hash.
 * The MAC key is derived from the installation key for this one use.
 */
#include <string.h>

#include <sodium.h>

#include "svc/taxii/cursor.h"
#include "util/buf.h"

#define MAC_LEN		16
#define RAW_LEN		(16 + MAC_LEN)

static void
mac_key(const unsigned char key[CCS_SECRET_KEY_LEN], unsigned char out[32])
{
	static const char ctx[] = "ccscap taxii cursor v1";

	crypto_generichash(out, 32, (const unsigned char *)ctx,
	    sizeof(ctx) - 1, key, CCS_SECRET_KEY_LEN);
}

static void
mac(const unsigned char key[CCS_SECRET_KEY_LEN],
    const unsigned char qh[CCS_TAXII_QHASH_LEN], const unsigned char *raw,
    unsigned char out[MAC_LEN])
{
	crypto_generichash_state st;
	unsigned char k[32];

	mac_key(key, k);
	crypto_generichash_init(&st, k, sizeof(k), MAC_LEN);
	crypto_generichash_update(&st, raw, 16);
	crypto_generichash_update(&st, qh, CCS_TAXII_QHASH_LEN);
	crypto_generichash_final(&st, out, MAC_LEN);
	sodium_memzero(k, sizeof(k));
}

void
ccs_taxii_query_hash(const char *canon, size_t n,
    unsigned char qh[CCS_TAXII_QHASH_LEN])
{
	crypto_generichash(qh, CCS_TAXII_QHASH_LEN,
	    (const unsigned char *)canon, n, NULL, 0);
}

void
ccs_taxii_cursor_make(const unsigned char key[CCS_SECRET_KEY_LEN],
    const unsigned char qh[CCS_TAXII_QHASH_LEN], int64_t date, int64_t seq,
    char out[CCS_TAXII_CURSOR_LEN])
{
	unsigned char raw[RAW_LEN];

	ccs_put_be64(raw, (uint64_t)date);
	ccs_put_be64(raw + 8, (uint64_t)seq);
	mac(key, qh, raw, raw + 16);
	(void)sodium_bin2base64(out, CCS_TAXII_CURSOR_LEN, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool
ccs_taxii_cursor_read(const unsigned char key[CCS_SECRET_KEY_LEN],
    const unsigned char qh[CCS_TAXII_QHASH_LEN], const char *in,
    int64_t *date, int64_t *seq)
{
	unsigned char raw[RAW_LEN], want[MAC_LEN];
	size_t n = 0;

	if (in == NULL || strlen(in) >= CCS_TAXII_CURSOR_LEN ||
	    sodium_base642bin(raw, sizeof(raw), in, strlen(in), NULL, &n, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || n != RAW_LEN)
		return false;
	mac(key, qh, raw, want);
	if (sodium_memcmp(want, raw + 16, MAC_LEN) != 0)
		return false;
	*date = (int64_t)ccs_get_be64(raw);
	*seq = (int64_t)ccs_get_be64(raw + 8);
	return true;
}

/* audit_chain.c: SHA-256 (libsodium) over length-prefixed event fields. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/audit_chain.h"
#include "util/err.h"

const char ccs_audit_genesis[CCS_HEX256_LEN] =
    "0000000000000000000000000000000000000000000000000000000000000000";

static void
put_u64(crypto_hash_sha256_state *st, uint64_t v)
{
	unsigned char b[8];
	int i;

	for (i = 7; i >= 0; i--) {
		b[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
	crypto_hash_sha256_update(st, b, sizeof(b));
}

static void
put_str(crypto_hash_sha256_state *st, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	put_u64(st, (uint64_t)n);
	if (n)
		crypto_hash_sha256_update(st, (const unsigned char *)s, n);
}

void
ccs_audit_hash(const struct ccs_audit_event *ev, char out[CCS_HEX256_LEN])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256_init(&st);
	put_str(&st, "ccscap-audit-v1");
	put_str(&st, ev->prev_hash);
	put_u64(&st, (uint64_t)ev->seq);
	put_u64(&st, (uint64_t)ev->at);
	put_str(&st, ev->actor);
	put_str(&st, ev->action);
	put_str(&st, ev->entity);
	put_str(&st, ev->entity_id);
	put_str(&st, ev->digest);
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, CCS_HEX256_LEN, h, sizeof(h));
}

int
ccs_audit_digest(const json_t *change, char out[CCS_HEX256_LEN])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char *s;

	s = json_dumps(change ? change : json_null(), JSON_COMPACT |
	    JSON_SORT_KEYS | JSON_ENCODE_ANY);
	if (s == NULL)
		return CCS_ENOMEM;
	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	free(s);
	sodium_bin2hex(out, CCS_HEX256_LEN, h, sizeof(h));
	return CCS_OK;
}

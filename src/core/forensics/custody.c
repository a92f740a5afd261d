/*
 * custody.c: the hash chain of a custody log (see custody.h).
 *
 * Built like core/audit_chain.c: SHA-256 (libsodium) over a version tag
 * and length-prefixed fields. The verification walks the entries once
 * and keeps nothing but the hash before, so a log of any length is
 * checked in constant memory.
 */
#include <string.h>

#include <sodium.h>

#include "core/forensics/custody.h"
#include "util/str.h"

#define VOCAB(var, name, words) \
	const struct ccs_vocab var = { name, words, \
	    sizeof(words) / sizeof(words[0]) }

static const struct ccs_word copies[] = {
	{ "original", "Original", NULL },
	{ "working_copy", "Working copy", NULL },
	{ "derived", "Derived", NULL },
};
VOCAB(ccs_evidence_copies, "evidence_copies", copies);

static const struct ccs_word kinds[] = {
	{ "hdd", "Hard disk drive", NULL },
	{ "ssd", "Solid-state drive", NULL },
	{ "disk_image_dd", "Disk image (DD, raw)", NULL },
	{ "disk_image_e01", "Disk image (E01)", NULL },
	{ "disk_image_aff4", "Disk image (AFF4)", NULL },
	{ "mobile_device", "Mobile device", NULL },
	{ "mobile_extraction", "Mobile extraction", NULL },
	{ "memory_image", "Memory image", NULL },
	{ "removable_media", "Removable media", NULL },
	{ "network_capture", "Network capture (PCAP)", NULL },
	{ "logs", "Logs", NULL },
	{ "cloud_export", "Cloud account export", NULL },
	{ "document", "Document", NULL },
	{ "other", "Other", NULL },
};
VOCAB(ccs_evidence_kinds, "evidence_kinds", kinds);

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
	size_t n = s != NULL ? strlen(s) : 0;

	put_u64(st, (uint64_t)n);
	if (n > 0)
		crypto_hash_sha256_update(st, (const unsigned char *)s, n);
}

static void
finish(crypto_hash_sha256_state *st, char out[CCS_CUSTODY_HEX_LEN])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256_final(st, h);
	(void)sodium_bin2hex(out, CCS_CUSTODY_HEX_LEN, h, sizeof(h));
}

bool
ccs_custody_sha_valid(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != 64)
		return false;
	for (i = 0; i < 64; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f') ||
		    (s[i] >= 'A' && s[i] <= 'F')))
			return false;
	}
	return true;
}

void
ccs_custody_sha_lower(const char *s, char out[CCS_CUSTODY_HEX_LEN])
{
	size_t i;

	for (i = 0; i < 64; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'F' ?
		    (char)(s[i] - 'A' + 'a') : s[i];
	out[64] = '\0';
}

void
ccs_custody_genesis(const struct ccs_custody_item *item,
    char out[CCS_CUSTODY_HEX_LEN])
{
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	put_str(&st, "ccscap-custody-item-v1");
	put_u64(&st, (uint64_t)item->id);
	put_str(&st, item->state);
	put_str(&st, item->kind);
	put_str(&st, item->copy);
	put_str(&st, item->seal);
	put_str(&st, item->sha256);
	put_u64(&st, (uint64_t)item->acquired_at);
	finish(&st, out);
}

void
ccs_custody_hash(const struct ccs_custody_link *l,
    char out[CCS_CUSTODY_HEX_LEN])
{
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	put_str(&st, "ccscap-custody-v1");
	put_str(&st, l->prev_hash);
	put_u64(&st, (uint64_t)l->seq);
	put_str(&st, l->giver);
	put_str(&st, l->receiver);
	put_u64(&st, (uint64_t)l->at);
	put_str(&st, l->place);
	put_str(&st, l->reason);
	put_str(&st, l->seal);
	put_str(&st, l->sha256);
	put_str(&st, l->courier);
	put_str(&st, l->from_state);
	put_str(&st, l->to_state);
	finish(&st, out);
}

static bool
same(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* Marks @p rep broken at @p seq for @p why. */
static void
broken(struct ccs_custody_report *rep, int64_t seq, const char *why)
{
	rep->intact = false;
	rep->broken_seq = seq;
	(void)ccs_strlcpy(rep->reason, why, sizeof(rep->reason));
}

void
ccs_custody_walk_init(struct ccs_custody_walk *w,
    const struct ccs_custody_item *item)
{
	memset(w, 0, sizeof(*w));
	w->rep.intact = true;
	w->rep.broken_seq = -1;
	w->rep.first_mismatch = -1;
	w->item_sha = item->sha256;
	ccs_custody_genesis(item, w->prev);
}

/* The check of one entry @p l, number @p i: NULL or why it is broken. */
static const char *
check_link(const struct ccs_custody_walk *w, const struct ccs_custody_link *l,
    int64_t i, char h[CCS_CUSTODY_HEX_LEN])
{
	if (l->seq != i)
		return l->seq > i ? "entry missing (sequence gap)" :
		    "entry out of sequence";
	if (!same(l->prev_hash, w->prev))
		return i == 0 ? "the acquisition entry does not match the "
		    "item's recorded facts" : "previous hash does not match "
		    "the entry before";
	ccs_custody_hash(l, h);
	if (!same(l->entry_hash, h))
		return "entry hash does not match its fields (altered)";
	if (i == 0 && !same(l->giver, ""))
		return "the acquisition entry has a giver";
	if (i > 0 && !same(l->giver, w->holder))
		return "the giver is not who held the item after the entry "
		    "before";
	return NULL;
}

bool
ccs_custody_walk_step(struct ccs_custody_walk *w,
    const struct ccs_custody_link *l)
{
	char h[CCS_CUSTODY_HEX_LEN];
	int64_t i = (int64_t)w->rep.links;
	const char *why;

	if (w->done)
		return false;
	w->rep.links++;
	why = check_link(w, l, i, h);
	if (why != NULL) {
		broken(&w->rep, i, why);
		w->done = true;
		return false;
	}
	if (!same(l->sha256, w->item_sha)) {
		if (w->rep.mismatches == 0)
			w->rep.first_mismatch = l->seq;
		w->rep.mismatches++;
	}
	(void)ccs_strlcpy(w->holder, l->receiver != NULL ? l->receiver : "",
	    sizeof(w->holder));
	(void)memcpy(w->prev, h, sizeof(w->prev));
	return true;
}

void
ccs_custody_walk_end(struct ccs_custody_walk *w,
    struct ccs_custody_report *rep)
{
	if (w->rep.links == 0 && !w->done)
		broken(&w->rep, 0, "the acquisition entry is missing");
	*rep = w->rep;
}

void
ccs_custody_verify(const struct ccs_custody_item *item,
    const struct ccs_custody_link *links, size_t n,
    struct ccs_custody_report *rep)
{
	struct ccs_custody_walk w;
	size_t i;

	ccs_custody_walk_init(&w, item);
	for (i = 0; i < n && ccs_custody_walk_step(&w, &links[i]); i++)
		continue;
	ccs_custody_walk_end(&w, rep);
}

/*
 * ind_keys.c: correlation keys (the scheme is described in indicator.h).
 *
 * Keys are derived only from canonical values: the input is normalised
 * again and must come back unchanged, so a key never encodes a spelling.
 * Registered domains come from libpsl's built-in public suffix list,
 * private suffixes included (blogspot.com, s3.amazonaws.com): two blogs
 * on one hosting domain belong to different people and must not be
 * related by it.
 */
#include <string.h>

#include <libpsl.h>
#include <sodium.h>

#include "core/indicator/ind_impl.h"
#include "core/indicator/indicator.h"
#include "util/err.h"
#include "util/str.h"

static void
add(struct ccs_ind_keys *k, enum ccs_ind_key_kind kind, const char *prefix,
    const char *v, size_t n, bool *over)
{
	struct ccs_ind_wr w;
	struct ccs_ind_key *key;

	if (k->n == CCS_IND_KEYS_MAX) {
		*over = true;
		return;
	}
	key = &k->key[k->n];
	ccs_ind_wr_init(&w, key->value, sizeof(key->value));
	ccs_ind_wr_s(&w, prefix);
	ccs_ind_wr_n(&w, v, n);
	if (w.over) {
		*over = true;
		return;
	}
	key->kind = kind;
	k->n++;
}

/* "net4:a.b.c.0/24"-style key of @p a cut to @p prefix. */
static void
add_net(struct ccs_ind_keys *k, enum ccs_ind_key_kind kind, int family,
    const uint8_t *a, unsigned prefix, bool *over)
{
	char buf[64], num[8];
	struct ccs_ind_wr w;
	uint8_t m[16];
	size_t bytes = family == 4 ? 4 : 16;

	memcpy(m, a, bytes);
	ccs_ind_mask(m, bytes, prefix);
	ccs_ind_wr_init(&w, buf, sizeof(buf));
	ccs_ind_ip_format(&w, family, m);
	if (ccs_snprintf(num, sizeof(num), "/%u", prefix) != CCS_OK) {
		*over = true;
		return;
	}
	ccs_ind_wr_s(&w, num);
	if (w.over) {
		*over = true;
		return;
	}
	add(k, kind, family == 4 ? "net4:" : "net6:", buf, w.len, over);
}

/* The buckets an address probes: /24, /16, /8 or /64, /48, /32. */
static void
add_probes(struct ccs_ind_keys *k, int family, const uint8_t *a, bool *over)
{
	static const unsigned p4[] = { 24, 16, 8 }, p6[] = { 64, 48, 32 };
	size_t i;

	for (i = 0; i < 3; i++)
		add_net(k, CCS_IND_KEY_NET, family, a,
		    family == 4 ? p4[i] : p6[i], over);
}

/* The one bucket a network is filed under, if it is narrow enough. */
static void
add_bucket(struct ccs_ind_keys *k, int family, const uint8_t *a,
    unsigned prefix, bool *over)
{
	static const unsigned p4[] = { 24, 16, 8 }, p6[] = { 64, 48, 32 };
	size_t i;

	for (i = 0; i < 3; i++) {
		if (prefix >= (family == 4 ? p4[i] : p6[i])) {
			add_net(k, CCS_IND_KEY_BUCKET, family, a,
			    family == 4 ? p4[i] : p6[i], over);
			return;
		}
	}
}

static void
add_address(struct ccs_ind_keys *k, enum ccs_ind_key_kind kind,
    const struct ccs_ind_net *x, bool *over)
{
	char buf[64];
	struct ccs_ind_wr w;

	ccs_ind_wr_init(&w, buf, sizeof(buf));
	ccs_ind_ip_format(&w, x->family, x->a);
	add(k, kind, x->family == 4 ? "ipv4:" : "ipv6:", buf, w.len, over);
	if (x->family == 6 && ccs_ind_ip6_mapped(x->a)) {
		ccs_ind_wr_init(&w, buf, sizeof(buf));
		ccs_ind_ip_format(&w, 4, x->a + 12);
		add(k, CCS_IND_KEY_ALIAS, "ipv4:", buf, w.len, over);
		add_probes(k, 4, x->a + 12, over);
	} else {
		add_probes(k, x->family, x->a, over);
	}
}

static void
add_domain(struct ccs_ind_keys *k, enum ccs_ind_key_kind kind,
    const char *d, size_t n, bool *over)
{
	char name[CCS_IND_DOMAIN_MAX + 1];
	const psl_ctx_t *psl;
	const char *reg;

	if (n > CCS_IND_DOMAIN_MAX) {
		*over = true;
		return;
	}
	add(k, kind, "domain:", d, n, over);
	memcpy(name, d, n);
	name[n] = '\0';
	psl = psl_builtin();
	if (psl == NULL)
		return;
	reg = psl_registrable_domain(psl, name);
	if (reg != NULL)
		add(k, CCS_IND_KEY_REGDOM, "regdom:", reg, strlen(reg), over);
}

static void
add_url(struct ccs_ind_keys *k, const char *v, bool *over)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char h[crypto_hash_sha256_BYTES];
	char hx[2 * crypto_hash_sha256_BYTES];
	struct ccs_ind_net x;
	const char *host, *end;
	size_t i;

	crypto_hash_sha256(h, (const unsigned char *)v, strlen(v));
	for (i = 0; i < sizeof(h); i++) {
		hx[2 * i] = hex[h[i] >> 4];
		hx[2 * i + 1] = hex[h[i] & 0xf];
	}
	add(k, CCS_IND_KEY_EXACT, "url:", hx, sizeof(hx), over);
	/* canonical: scheme://host[:port]/... */
	host = strstr(v, "://");
	if (host == NULL) {
		*over = true;
		return;
	}
	host += 3;
	memset(&x, 0, sizeof(x));
	if (host[0] == '[') {
		end = strchr(host, ']');
		if (end == NULL || !ccs_ind_ip6_parse(host + 1,
		    (size_t)(end - host) - 1, x.a)) {
			*over = true;
			return;
		}
		x.family = 6;
		add_address(k, CCS_IND_KEY_HOST, &x, over);
		return;
	}
	end = host + strcspn(host, ":/");
	if (ccs_ind_ip4_parse(host, (size_t)(end - host), x.a)) {
		x.family = 4;
		add_address(k, CCS_IND_KEY_HOST, &x, over);
		return;
	}
	add_domain(k, CCS_IND_KEY_HOST, host, (size_t)(end - host), over);
}

static void
add_net_keys(struct ccs_ind_keys *k, enum ccs_ind_type t, const char *v,
    bool *over)
{
	char buf[64], pfx[16], num[8];
	struct ccs_ind_net x;
	struct ccs_ind_wr w;

	if (!ccs_ind_net_parse(v, strlen(v), t == CCS_IND_IPV4 ||
	    t == CCS_IND_IPV6, &x)) {
		*over = true;
		return;
	}
	if (t == CCS_IND_IPV4 || t == CCS_IND_IPV6) {
		add_address(k, CCS_IND_KEY_EXACT, &x, over);
		return;
	}
	if (ccs_snprintf(pfx, sizeof(pfx), "%s:", ccs_ind_type_name(t)) !=
	    CCS_OK) {
		*over = true;
		return;
	}
	add(k, CCS_IND_KEY_EXACT, pfx, v, strlen(v), over);
	if (x.family == 6 && ccs_ind_ip6_mapped(x.a) && x.prefix >= 96) {
		ccs_ind_wr_init(&w, buf, sizeof(buf));
		ccs_ind_ip_format(&w, 4, x.a + 12);
		if (ccs_snprintf(num, sizeof(num), "/%u", x.prefix - 96) !=
		    CCS_OK) {
			*over = true;
			return;
		}
		ccs_ind_wr_s(&w, num);
		add(k, CCS_IND_KEY_ALIAS, "cidr4:", buf, w.len, over);
		add_bucket(k, 4, x.a + 12, x.prefix - 96, over);
		return;
	}
	add_bucket(k, x.family, x.a, x.prefix, over);
}

int
ccs_ind_keys(enum ccs_ind_type t, const char *normalised,
    struct ccs_ind_keys *out)
{
	char canon[CCS_IND_VALUE_MAX], low[CCS_IND_VALUE_MAX], pfx[16];
	const char *at;
	bool over = false;
	int rc;

	if (out == NULL)
		return CCS_EINVAL;
	out->n = 0;
	if (normalised == NULL)
		return CCS_EINVAL;
	rc = ccs_ind_normalise(t, normalised, canon, sizeof(canon), NULL);
	if (rc != CCS_OK)
		return rc == CCS_ENOMEM ? rc : CCS_EINVAL;
	if (strcmp(canon, normalised) != 0)
		return CCS_EINVAL;

	switch (t) {
	case CCS_IND_IPV4:
	case CCS_IND_IPV6:
	case CCS_IND_CIDR4:
	case CCS_IND_CIDR6:
		add_net_keys(out, t, canon, &over);
		break;
	case CCS_IND_DOMAIN:
		add_domain(out, CCS_IND_KEY_EXACT, canon, strlen(canon),
		    &over);
		break;
	case CCS_IND_URL:
		add_url(out, canon, &over);
		break;
	case CCS_IND_EMAIL:
		rc = ccs_ind_email_key(canon, low, sizeof(low));
		if (rc != CCS_OK)
			goto fail;
		add(out, CCS_IND_KEY_EXACT, "email:", low, strlen(low), &over);
		at = strrchr(canon, '@');
		if (at == NULL) {
			rc = CCS_EINVAL;
			goto fail;
		}
		add_domain(out, CCS_IND_KEY_HOST, at + 1, strlen(at + 1),
		    &over);
		break;
	default:
		if (ccs_snprintf(pfx, sizeof(pfx), "%s:",
		    ccs_ind_type_name(t)) != CCS_OK) {
			rc = CCS_EINVAL;
			goto fail;
		}
		add(out, CCS_IND_KEY_EXACT, pfx, canon, strlen(canon), &over);
		break;
	}
	if (over) {
		rc = CCS_EINVAL;
		goto fail;
	}
	return CCS_OK;
fail:
	out->n = 0;
	return rc;
}

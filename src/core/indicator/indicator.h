/*
 * indicator.h: threat indicators shared between states (IPs, networks,
 * domains, URLs, e-mail addresses, file hashes, wallets, phone numbers,
 * IBANs): validation, one canonical form per indicator, the correlation
 * keys under which the Regional Intelligence Fusion Centre matches them
 * across states, and warning lists of values that are noise.
 *
 * Pure: no I/O, no clock, no global state. Every function takes
 * caller-owned buffers and keeps no pointer to them after it returns.
 * The public suffix list is libpsl's built-in copy (compiled in, never
 * read from disk); IDN conversion is libidn2's.
 *
 * Correlation scheme. ccs_ind_keys() gives each indicator a small set of
 * strings ("ipv4:192.0.2.7", "regdom:evil.example", ...); two indicators
 * are related when they share a key, and the kind of the shared key says
 * how strongly:
 *   EXACT   the indicator itself: same type, same canonical value (an
 *           e-mail address in lower case, see ccs_ind_email_key);
 *   ALIAS   the same thing under another type (an IPv4-mapped IPv6 address
 *           also gives the ipv4 key; a ::ffff:a.b.c.d/n network the cidr4);
 *   HOST    the host of a URL or the domain of an e-mail address, spelt as
 *           that host's own EXACT key, so a URL matches a domain or IP
 *           indicator naming its host;
 *   REGDOM  the registered domain (public suffix + one label, "eTLD+1") of
 *           a domain, URL host or e-mail domain: same registrant, weaker;
 *   NET     an address's containing buckets ("net4:192.0.2.0/24", /16,
 *           /8; IPv6 /64, /48, /32): probe keys, looked up only against
 *   BUCKET  the one bucket a stored network is filed under: the longest
 *           bucket length not longer than its prefix (a /20 under its /16,
 *           a /26 under its /24). A network matches an address when the
 *           address's NET keys contain the network's BUCKET key and
 *           ccs_ind_cidr_contains() confirms it. IPv4 networks wider than
 *           /8 and IPv6 wider than /32 get no bucket: they would be
 *           compared with every address, and are never a useful indicator.
 * URL EXACT keys are "url:" + SHA-256 hex of the canonical URL, so every
 * key stays under CCS_IND_KEY_MAX bytes and fits a database index entry.
 */
#ifndef CCS_INDICATOR_H
#define CCS_INDICATOR_H

#include <stdbool.h>
#include <stddef.h>

#include "util/fail.h"

/* Values are stored: new types go at the end, none is renumbered. */
enum ccs_ind_type {
	CCS_IND_IPV4,		/* 192.0.2.7 */
	CCS_IND_IPV6,		/* 2001:db8::7 (RFC 5952) */
	CCS_IND_CIDR4,		/* 192.0.2.0/24 */
	CCS_IND_CIDR6,		/* 2001:db8::/32 */
	CCS_IND_DOMAIN,		/* evil.example, IDN as A-labels */
	CCS_IND_URL,		/* https://evil.example/path?q */
	CCS_IND_EMAIL,		/* Local.Part@evil.example */
	CCS_IND_MD5,		/* 32 lower-case hex digits */
	CCS_IND_SHA1,		/* 40 */
	CCS_IND_SHA256,		/* 64 */
	CCS_IND_BTC,		/* Bitcoin mainnet address */
	CCS_IND_ETH,		/* 0x + 40 lower-case hex digits */
	CCS_IND_PHONE,		/* E.164: +18765550123 */
	CCS_IND_IBAN,		/* GB82WEST12345698765432 */
	CCS_IND_SHA512		/* 128 */
};
#define CCS_IND_NTYPES		15

/* Longest input accepted, before trimming and un-defanging. */
#define CCS_IND_INPUT_MAX	4096
/* Longest canonical URL (and so value); buffers of CCS_IND_VALUE_MAX
 * bytes hold any canonical value with its NUL. */
#define CCS_IND_URL_MAX		2048
#define CCS_IND_VALUE_MAX	(CCS_IND_URL_MAX + 1)
/* Longest canonical domain name (RFC 1035, without the trailing dot). */
#define CCS_IND_DOMAIN_MAX	253

/* What normalisation changed beyond case and spelling, for the audit
 * trail or to show the reporter (ccs_ind_normalise_ex). */
#define CCS_IND_NOTE_DEFANGED	0x01u	/* hxxp, [.], [at] ... undone */
#define CCS_IND_NOTE_USERINFO	0x02u	/* URL user:password@ removed */
#define CCS_IND_NOTE_FRAGMENT	0x04u	/* URL #fragment removed */
#define CCS_IND_NOTE_HOSTBITS	0x08u	/* network's host bits cleared */
#define CCS_IND_NOTE_NANP	0x10u	/* phone: +1 taken from 11 digits */
#define CCS_IND_NOTE_IPNUMERIC	0x20u	/* URL host 0x7f.1 read as IPv4 */

/**
 * Parses a type name: ccscap's ("ipv4", "cidr", "domain", "md5", "btc",
 * "phone", ...), the STIX 2.1 object types ("ipv4-addr", "ipv6-addr",
 * "domain-name", "url", "email-addr") and STIX hash names ("MD5",
 * "SHA-1", "file:hashes.'SHA-256'", "file:hashes.MD5"). Case-insensitive.
 * "cidr" gives CCS_IND_CIDR4 and a STIX ipv4-addr may hold a network: use
 * ccs_ind_refine() with the value to pick the family and kind.
 * @param out OUT: the type
 * @return CCS_OK, or CCS_EINVAL for an unknown name.
 */
int	ccs_ind_type_parse(const char *name, enum ccs_ind_type *out /* OUT */);
/** @return ccscap's name of @p t ("ipv4", "cidr4", ...; static), or NULL. */
const char *ccs_ind_type_name(enum ccs_ind_type t);
/** @return the STIX 2.1 object type of @p t ("ipv4-addr"; static), or
 * NULL when STIX has none (hashes are file:hashes, wallets have none). */
const char *ccs_ind_type_stix(enum ccs_ind_type t);
/**
 * Picks the type an IP-family value really has: IPV4/IPV6/CIDR4/CIDR6 in,
 * the one that matches the value's family (':' means IPv6) and whether it
 * has a "/prefix". Other types come back unchanged. Does not validate.
 */
enum ccs_ind_type ccs_ind_refine(enum ccs_ind_type t, const char *value);

/**
 * Validates @p in as an indicator of type @p t and writes its canonical
 * form to @p out. Surrounding white space is ignored; defanged forms
 * (hxxp, [.], [dot], [:], [@], [at]) are undone for addresses, domains,
 * URLs and e-mail addresses.
 * @param out OUT: caller's buffer of @p outlen bytes (CCS_IND_VALUE_MAX
 *            holds any value); always NUL-terminated, "" on failure
 * @param f OUT, may be NULL: on failure, code "invalid_indicator" and a
 *            message naming what is wrong
 * @return CCS_OK; CCS_EINVAL for an invalid value; CCS_ETOOBIG when the
 *         input is longer than CCS_IND_INPUT_MAX or the result does not
 *         fit @p outlen; CCS_ENOMEM when libidn2 could not allocate.
 */
int	ccs_ind_normalise(enum ccs_ind_type t, const char *in, char *out,
	    size_t outlen, struct ccs_fail *f);
/** ccs_ind_normalise, also reporting what was changed.
 * @param notes OUT, may be NULL: CCS_IND_NOTE_* bits */
int	ccs_ind_normalise_ex(enum ccs_ind_type t, const char *in, char *out,
	    size_t outlen, unsigned *notes /* OUT */, struct ccs_fail *f);

/**
 * The matching form of a canonical e-mail address: all ASCII lower case
 * (the local part's case is kept in the canonical form, as RFC 5321 says
 * it may matter, but no real mailbox differs by case alone).
 * @return CCS_OK, CCS_EINVAL when @p normalised is not an e-mail address
 *         in canonical form, CCS_ETOOBIG when @p out is too small.
 */
int	ccs_ind_email_key(const char *normalised, char *out, size_t outlen);
/**
 * The EIP-55 mixed-case display form of a canonical Ethereum address.
 * @param out OUT: at least 43 bytes
 * @return CCS_OK, CCS_EINVAL, CCS_ETOOBIG.
 */
int	ccs_ind_eth_checksum(const char *normalised, char *out, size_t outlen);

#define CCS_IND_KEY_MAX		264	/* bytes of one key with its NUL */
#define CCS_IND_KEYS_MAX	8	/* keys of one indicator, at most */

enum ccs_ind_key_kind {
	CCS_IND_KEY_EXACT,	/* the indicator itself */
	CCS_IND_KEY_ALIAS,	/* the same value under another type */
	CCS_IND_KEY_HOST,	/* host of a URL, domain of an e-mail */
	CCS_IND_KEY_REGDOM,	/* registered domain (eTLD+1) */
	CCS_IND_KEY_NET,	/* an address's containing bucket (probe) */
	CCS_IND_KEY_BUCKET	/* the bucket a network is filed under */
};

struct ccs_ind_key {
	enum ccs_ind_key_kind	 kind;			/* role of the key */
	char			 value[CCS_IND_KEY_MAX]; /* "ipv4:192.0.2.7" */
};

struct ccs_ind_keys {
	size_t			 n;			/* keys used */
	struct ccs_ind_key	 key[CCS_IND_KEYS_MAX];	/* EXACT first */
};

/**
 * Fills @p out with the correlation keys of an indicator (see the top of
 * this file). @p normalised must already be canonical (the output of
 * ccs_ind_normalise for @p t); anything else is refused, so keys are never
 * derived from a spelling another state would not produce.
 * @param out OUT: caller's struct (about 2 KB); out->n is 0 on failure
 * @return CCS_OK, CCS_EINVAL (not canonical), CCS_ENOMEM (libidn2).
 */
int	ccs_ind_keys(enum ccs_ind_type t, const char *normalised,
	    struct ccs_ind_keys *out /* OUT */);
/**
 * Precise check behind a BUCKET/NET match: true when address @p ip (IPv4,
 * or IPv6; an IPv4-mapped IPv6 counts as its IPv4 address) lies in
 * network @p cidr ("a.b.c.d/n" or "x::/n", canonical or not). False for
 * anything that does not parse.
 */
bool	ccs_ind_cidr_contains(const char *cidr, const char *ip);

/**
 * True when the canonical indicator is known noise that must not raise an
 * alert: private, loopback, link-local, CGNAT, documentation, multicast
 * and reserved addresses; the big public DNS resolvers; reserved example
 * names (RFC 2606, RFC 6761, home.arpa); the apex domains of the biggest
 * CDN and cloud providers (apex only: their subdomains and customer names
 * may well be malicious); fictional NANP 555-01xx numbers; the hashes of
 * the empty file. URLs and e-mail addresses are judged by their host.
 * @param why OUT, may be NULL: the list's name (static), NULL when false
 */
bool	ccs_ind_warninglisted(enum ccs_ind_type t, const char *normalised,
	    const char **why /* OUT */);

#endif

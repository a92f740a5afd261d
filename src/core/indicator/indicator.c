/*
 * indicator.c: indicator types, the normalisation entry point, domain
 * names and e-mail addresses.
 *
 * ccs_ind_normalise trims the input, undoes the usual defanging, and hands
 * a (pointer, length) to the parser of the type, which writes through a
 * bounded writer into a local buffer; only a complete result is copied to
 * the caller. Each parser refuses rather than guesses: a value two states
 * could spell differently must come out the same, and a value we cannot
 * read with certainty is better reported back than filed under a wrong
 * key. Addresses are in ind_net.c, URLs in ind_url.c, hashes and wallets
 * in ind_crypto.c, phone numbers and IBANs in ind_ids.c, keys in
 * ind_keys.c, warning lists in ind_warn.c.
 *
 * Domain names: LDH labels of 1-63 bytes, at most 253 bytes, at least two
 * labels, and a top-level label that is not numeric (RFC 3696 s. 2): not
 * all digits, nor 0x and hex digits, which browsers read as IPv4 (so no IP
 * literal in any spelling passes as a name). Names with non-ASCII
 * characters go through libidn2 (UTS #46 non-transitional, NFC), which
 * lower-cases and maps them to A-labels; ASCII names are lower-cased here
 * and their "xn--" labels must decode as punycode. ASCII names do not go
 * through IDNA2008's checks, on purpose: real hosts such as
 * r3---sn-x.googlevideo.com break its hyphen rule, and emoji A-labels
 * (registered under IDNA2003) are indicators too. Underscores are refused
 * (LDH), which rules out SRV-style labels.
 *
 * E-mail: dot-atom local parts only (no quoted strings, no comments, no
 * address literals), UTF-8 allowed (RFC 6531), case kept.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <idn2.h>

#include "core/indicator/ind_impl.h"
#include "core/indicator/indicator.h"
#include "util/err.h"
#include "util/fail.h"
#include "util/str.h"

#define DOMAIN_INPUT_MAX	1024	/* UTF-8 bytes before IDN mapping */
#define EMAIL_MAX		254	/* RFC 5321 path limit less <> */
#define LOCAL_MAX		64

struct type_name {
	const char		*name;	/* lower case */
	enum ccs_ind_type	 type;
};

/* Canonical names first: ccs_ind_type_name returns the first match. */
static const struct type_name type_names[] = {
	{ "ipv4", CCS_IND_IPV4 },
	{ "ipv6", CCS_IND_IPV6 },
	{ "cidr4", CCS_IND_CIDR4 },
	{ "cidr6", CCS_IND_CIDR6 },
	{ "domain", CCS_IND_DOMAIN },
	{ "url", CCS_IND_URL },
	{ "email", CCS_IND_EMAIL },
	{ "md5", CCS_IND_MD5 },
	{ "sha1", CCS_IND_SHA1 },
	{ "sha256", CCS_IND_SHA256 },
	{ "btc", CCS_IND_BTC },
	{ "eth", CCS_IND_ETH },
	{ "phone", CCS_IND_PHONE },
	{ "iban", CCS_IND_IBAN },
	{ "sha512", CCS_IND_SHA512 },
	/* aliases: STIX 2.1 object types and hash algorithm names */
	{ "ipv4-addr", CCS_IND_IPV4 },
	{ "ipv6-addr", CCS_IND_IPV6 },
	{ "cidr", CCS_IND_CIDR4 },
	{ "domain-name", CCS_IND_DOMAIN },
	{ "email-addr", CCS_IND_EMAIL },
	{ "sha-1", CCS_IND_SHA1 },
	{ "sha-256", CCS_IND_SHA256 },
	{ "sha-512", CCS_IND_SHA512 },
	{ "bitcoin", CCS_IND_BTC },
	{ "ethereum", CCS_IND_ETH },
};

static const char *const stix_names[CCS_IND_NTYPES] = {
	[CCS_IND_IPV4] = "ipv4-addr",
	[CCS_IND_IPV6] = "ipv6-addr",
	[CCS_IND_CIDR4] = "ipv4-addr",
	[CCS_IND_CIDR6] = "ipv6-addr",
	[CCS_IND_DOMAIN] = "domain-name",
	[CCS_IND_URL] = "url",
	[CCS_IND_EMAIL] = "email-addr",
};

/* Defang markers, matched without regard to case. */
static const struct {
	const char	*from;
	char		 to;
} defang[] = {
	{ "[.]", '.' }, { "[dot]", '.' }, { "[:]", ':' }, { "[@]", '@' },
	{ "[at]", '@' },
};

void
ccs_ind_wr_init(struct ccs_ind_wr *w, char *p, size_t cap)
{
	w->p = p;
	w->cap = cap;
	w->len = 0;
	w->over = false;
	if (cap > 0)
		p[0] = '\0';
}

void
ccs_ind_wr_n(struct ccs_ind_wr *w, const char *s, size_t n)
{
	if (w->over || w->cap == 0 || n >= w->cap - w->len) {
		w->over = true;
		return;
	}
	memcpy(w->p + w->len, s, n);
	w->len += n;
	w->p[w->len] = '\0';
}

void
ccs_ind_wr_c(struct ccs_ind_wr *w, char c)
{
	ccs_ind_wr_n(w, &c, 1);
}

void
ccs_ind_wr_s(struct ccs_ind_wr *w, const char *s)
{
	ccs_ind_wr_n(w, s, strlen(s));
}

void
ccs_ind_wr_cut(struct ccs_ind_wr *w, size_t len)
{
	if (len < w->len) {
		w->len = len;
		w->p[len] = '\0';
	}
}

int
ccs_ind_bad(struct ccs_fail *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (f == NULL)
		return CCS_EINVAL;
	f->rc = CCS_EINVAL;
	f->code = CCS_IND_FAIL_CODE;
	va_start(ap, fmt);
	n = vsnprintf(f->message, sizeof(f->message), fmt, ap);
	va_end(ap);
	if (n < 0)
		f->message[0] = '\0';
	return CCS_EINVAL;
}

char
ccs_ind_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

int
ccs_ind_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool
ccs_ind_all_digits(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
	}
	return true;
}

static bool
eq_nocase(const char *a, size_t n, const char *b)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (b[i] == '\0' || ccs_ind_lower(a[i]) != b[i])
			return false;
	}
	return b[n] == '\0';
}

int
ccs_ind_type_parse(const char *name, enum ccs_ind_type *out)
{
	static const char stix_file[] = "file:hashes.";
	const char *p;
	size_t i, n;

	if (name == NULL || out == NULL)
		return CCS_EINVAL;
	p = name;
	n = strnlen(name, 64);
	if (n >= 64)
		return CCS_EINVAL;
	/* STIX patterns name hashes as file:hashes.MD5 or
	 * file:hashes.'SHA-256'. */
	if (n > sizeof(stix_file) - 1 &&
	    eq_nocase(p, sizeof(stix_file) - 1, stix_file)) {
		p += sizeof(stix_file) - 1;
		n -= sizeof(stix_file) - 1;
		if (n >= 2 && p[0] == '\'' && p[n - 1] == '\'') {
			p++;
			n -= 2;
		}
		if (!(eq_nocase(p, n, "md5") || eq_nocase(p, n, "sha-1") ||
		    eq_nocase(p, n, "sha1") || eq_nocase(p, n, "sha-256") ||
		    eq_nocase(p, n, "sha256") || eq_nocase(p, n, "sha-512") ||
		    eq_nocase(p, n, "sha512")))
			return CCS_EINVAL;
	}
	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++) {
		if (eq_nocase(p, n, type_names[i].name)) {
			*out = type_names[i].type;
			return CCS_OK;
		}
	}
	return CCS_EINVAL;
}

const char *
ccs_ind_type_name(enum ccs_ind_type t)
{
	size_t i;

	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++) {
		if (type_names[i].type == t)
			return type_names[i].name;
	}
	return NULL;
}

const char *
ccs_ind_type_stix(enum ccs_ind_type t)
{
	if ((unsigned)t >= CCS_IND_NTYPES)
		return NULL;
	return stix_names[t];
}

enum ccs_ind_type
ccs_ind_refine(enum ccs_ind_type t, const char *value)
{
	bool v6, net;

	if (value == NULL || (t != CCS_IND_IPV4 && t != CCS_IND_IPV6 &&
	    t != CCS_IND_CIDR4 && t != CCS_IND_CIDR6))
		return t;
	v6 = strchr(value, ':') != NULL;
	net = strchr(value, '/') != NULL;
	if (v6)
		return net ? CCS_IND_CIDR6 : CCS_IND_IPV6;
	return net ? CCS_IND_CIDR4 : CCS_IND_IPV4;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	    c == '\f';
}

/* Copies @p s undoing defang markers into @p w; sets *changed. */
static void
undefang(const char *s, size_t n, struct ccs_ind_wr *w, bool *changed)
{
	size_t i, k, m;
	bool hit;

	for (i = 0; i < n; i++) {
		hit = false;
		if (s[i] == '[') {
			for (k = 0; k < sizeof(defang) / sizeof(defang[0]);
			    k++) {
				m = strlen(defang[k].from);
				if (m <= n - i &&
				    eq_nocase(s + i, m, defang[k].from)) {
					ccs_ind_wr_c(w, defang[k].to);
					i += m - 1;
					hit = true;
					*changed = true;
					break;
				}
			}
		}
		if (!hit)
			ccs_ind_wr_c(w, s[i]);
	}
}

static bool
label_ok(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	}
	return true;
}

/* Punycode labels must decode; libidn2 allocates the decoded text. */
static int
check_alabel(const char *s, size_t n, struct ccs_fail *f)
{
	char lab[64];
	char *u = NULL;
	int rc;

	memcpy(lab, s, n);
	lab[n] = '\0';
	rc = idn2_to_unicode_8z8z(lab, &u, 0);
	idn2_free(u);
	if (rc == IDN2_MALLOC)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	if (rc != IDN2_OK)
		return ccs_ind_bad(f, "domain label \"%s\" is not valid "
		    "punycode", lab);
	return CCS_OK;
}

int
ccs_ind_domain_check(const char *s, size_t n, struct ccs_fail *f)
{
	uint8_t a4[4], a16[16];
	size_t i, start, len, labels = 0;
	int rc;

	if (n == 0)
		return ccs_ind_bad(f, "empty domain name");
	if (n > CCS_IND_DOMAIN_MAX)
		return ccs_ind_bad(f, "domain name longer than %d bytes",
		    CCS_IND_DOMAIN_MAX);
	if (ccs_ind_ip4_parse(s, n, a4) || ccs_ind_ip6_parse(s, n, a16))
		return ccs_ind_bad(f, "an IP address, not a domain name");
	if (n > 3 && memmem(s, n, "://", 3) != NULL)
		return ccs_ind_bad(f, "a URL, not a domain name");
	/* browsers read 0x7f.1 and a.0x7 as IPv4 (WHATWG "ends in a
	 * number"), so no such name is a domain */
	if (ccs_ind_ip4_whatwg(s, n, a4) != 0)
		return ccs_ind_bad(f, "domain name's top-level label is "
		    "numeric");
	start = 0;
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '.')
			continue;
		len = i - start;
		if (len == 0)
			return ccs_ind_bad(f, "domain name has an empty "
			    "label");
		if (len > 63)
			return ccs_ind_bad(f, "domain label longer than 63 "
			    "bytes");
		if (!label_ok(s + start, len))
			return ccs_ind_bad(f, "domain name may hold only "
			    "letters, digits, hyphens and dots");
		if (s[start] == '-' || s[i - 1] == '-')
			return ccs_ind_bad(f, "domain label starts or ends "
			    "with a hyphen");
		if (len >= 4 && memcmp(s + start, "xn--", 4) == 0) {
			rc = check_alabel(s + start, len, f);
			if (rc != CCS_OK)
				return rc;
		}
		labels++;
		start = i + 1;
	}
	if (labels < 2)
		return ccs_ind_bad(f, "domain name needs at least two labels");
	return CCS_OK;
}

int
ccs_ind_domain_ascii(const char *s, size_t n, char *name, size_t *len,
    struct ccs_fail *f)
{
	char in[DOMAIN_INPUT_MAX + 1];
	uint8_t *out = NULL;
	size_t i, m;
	bool ascii = true;
	int rc;

	if (n > 0 && s[n - 1] == '.')
		n--;
	if (n == 0)
		return ccs_ind_bad(f, "empty domain name");
	if (n > DOMAIN_INPUT_MAX)
		return ccs_ind_bad(f, "domain name longer than %d bytes",
		    DOMAIN_INPUT_MAX);
	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] >= 0x80)
			ascii = false;
	}
	if (ascii) {
		if (n > CCS_IND_DOMAIN_MAX)
			return ccs_ind_bad(f, "domain name longer than %d "
			    "bytes", CCS_IND_DOMAIN_MAX);
		for (i = 0; i < n; i++)
			name[i] = ccs_ind_lower(s[i]);
		*len = n;
		return CCS_OK;
	}
	if (!ccs_text_ok_n(s, n) || memchr(s, '\t', n) != NULL ||
	    memchr(s, '\n', n) != NULL || memchr(s, '\r', n) != NULL)
		return ccs_ind_bad(f, "domain name is not valid UTF-8 text");
	memcpy(in, s, n);
	in[n] = '\0';
	rc = idn2_lookup_u8((const uint8_t *)in, &out,
	    IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
	if (rc == IDN2_MALLOC) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	if (rc != IDN2_OK) {
		rc = ccs_ind_bad(f, "not a valid internationalised domain "
		    "name (%s)", idn2_strerror(rc));
		goto out;
	}
	m = strlen((const char *)out);
	/* U+3002 and its kind map to a dot: drop a trailing one */
	if (m > 0 && out[m - 1] == '.')
		m--;
	if (m > CCS_IND_DOMAIN_MAX) {
		rc = ccs_ind_bad(f, "domain name longer than %d bytes",
		    CCS_IND_DOMAIN_MAX);
		goto out;
	}
	for (i = 0; i < m; i++)
		name[i] = ccs_ind_lower((char)out[i]);
	*len = m;
	rc = CCS_OK;
out:
	idn2_free(out);
	return rc;
}

int
ccs_ind_norm_domain(const char *s, size_t n, struct ccs_ind_wr *w,
    struct ccs_fail *f)
{
	char name[CCS_IND_DOMAIN_MAX + 1];
	size_t len = 0;
	int rc;

	rc = ccs_ind_domain_ascii(s, n, name, &len, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_ind_domain_check(name, len, f);
	if (rc != CCS_OK)
		return rc;
	ccs_ind_wr_n(w, name, len);
	return CCS_OK;
}

static bool
atext(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80)
		return true;
	return strchr("!#$%&'*+/=?^_`{|}~-", c) != NULL && c != '\0';
}

static int
norm_email(const char *s, size_t n, struct ccs_ind_wr *w, struct ccs_fail *f)
{
	const char *at;
	size_t i, local;
	int rc;

	if (n >= 7 && eq_nocase(s, 7, "mailto:")) {
		s += 7;
		n -= 7;
	}
	at = NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == '@')
			at = s + i;
	}
	if (at == NULL)
		return ccs_ind_bad(f, "e-mail address has no @");
	local = (size_t)(at - s);
	if (local == 0)
		return ccs_ind_bad(f, "e-mail address has no local part");
	if (local > LOCAL_MAX)
		return ccs_ind_bad(f, "e-mail local part longer than %d bytes",
		    LOCAL_MAX);
	if (s[0] == '"')
		return ccs_ind_bad(f, "quoted e-mail local parts are not "
		    "supported");
	if (!ccs_text_ok_n(s, local))
		return ccs_ind_bad(f, "e-mail local part is not valid UTF-8 "
		    "text");
	for (i = 0; i < local; i++) {
		if (s[i] == '.') {
			if (i == 0 || i == local - 1 || s[i - 1] == '.')
				return ccs_ind_bad(f, "e-mail local part has "
				    "a misplaced dot");
		} else if (!atext((unsigned char)s[i])) {
			return ccs_ind_bad(f, "e-mail local part has a "
			    "character that needs quoting");
		}
	}
	if (n - local - 1 > 0 && at[1] == '[')
		return ccs_ind_bad(f, "e-mail address literals are not "
		    "supported");
	ccs_ind_wr_n(w, s, local);
	ccs_ind_wr_c(w, '@');
	rc = ccs_ind_norm_domain(at + 1, n - local - 1, w, f);
	if (rc != CCS_OK)
		return rc;
	if (w->len > EMAIL_MAX)
		return ccs_ind_bad(f, "e-mail address longer than %d bytes",
		    EMAIL_MAX);
	return CCS_OK;
}

int
ccs_ind_normalise(enum ccs_ind_type t, const char *in, char *out,
    size_t outlen, struct ccs_fail *f)
{
	return ccs_ind_normalise_ex(t, in, out, outlen, NULL, f);
}

int
ccs_ind_normalise_ex(enum ccs_ind_type t, const char *in, char *out,
    size_t outlen, unsigned *notes, struct ccs_fail *f)
{
	char work[CCS_IND_INPUT_MAX + 1], res[CCS_IND_VALUE_MAX];
	struct ccs_ind_wr ww, rw;
	unsigned nt = 0;
	const char *s;
	size_t n;
	bool changed = false;
	int rc;

	if (notes != NULL)
		*notes = 0;
	if (out != NULL && outlen > 0)
		out[0] = '\0';
	if (in == NULL || out == NULL || outlen == 0)
		return ccs_fail(f, CCS_EINVAL, "internal", "no value or no "
		    "output buffer");
	if ((unsigned)t >= CCS_IND_NTYPES)
		return ccs_ind_bad(f, "unknown indicator type");
	n = strnlen(in, CCS_IND_INPUT_MAX + 1);
	if (n > CCS_IND_INPUT_MAX)
		return ccs_fail(f, CCS_ETOOBIG, CCS_IND_FAIL_CODE,
		    "indicator longer than %d bytes", CCS_IND_INPUT_MAX);
	s = in;
	while (n > 0 && is_space(s[0])) {
		s++;
		n--;
	}
	while (n > 0 && is_space(s[n - 1]))
		n--;
	if (n == 0)
		return ccs_ind_bad(f, "empty %s", ccs_ind_type_name(t));

	switch (t) {
	case CCS_IND_IPV4:
	case CCS_IND_IPV6:
	case CCS_IND_CIDR4:
	case CCS_IND_CIDR6:
	case CCS_IND_DOMAIN:
	case CCS_IND_URL:
	case CCS_IND_EMAIL:
		ccs_ind_wr_init(&ww, work, sizeof(work));
		undefang(s, n, &ww, &changed);
		/* output is never longer than the input */
		s = work;
		n = ww.len;
		if (changed)
			nt |= CCS_IND_NOTE_DEFANGED;
		break;
	default:
		break;
	}

	ccs_ind_wr_init(&rw, res, sizeof(res));
	switch (t) {
	case CCS_IND_IPV4:
	case CCS_IND_IPV6:
	case CCS_IND_CIDR4:
	case CCS_IND_CIDR6:
		rc = ccs_ind_norm_ip(t, s, n, &rw, &nt, f);
		break;
	case CCS_IND_DOMAIN:
		rc = ccs_ind_norm_domain(s, n, &rw, f);
		break;
	case CCS_IND_URL:
		rc = ccs_ind_norm_url(s, n, &rw, &nt, f);
		break;
	case CCS_IND_EMAIL:
		rc = norm_email(s, n, &rw, f);
		break;
	case CCS_IND_MD5:
	case CCS_IND_SHA1:
	case CCS_IND_SHA256:
	case CCS_IND_SHA512:
		rc = ccs_ind_norm_hash(t, s, n, &rw, f);
		break;
	case CCS_IND_BTC:
		rc = ccs_ind_norm_btc(s, n, &rw, f);
		break;
	case CCS_IND_ETH:
		rc = ccs_ind_norm_eth(s, n, &rw, f);
		break;
	case CCS_IND_PHONE:
		rc = ccs_ind_norm_phone(s, n, &rw, &nt, f);
		break;
	case CCS_IND_IBAN:
		rc = ccs_ind_norm_iban(s, n, &rw, f);
		break;
	default:
		rc = ccs_ind_bad(f, "unknown indicator type");
		break;
	}
	if (rc != CCS_OK)
		return rc;
	if (rw.over)
		return ccs_ind_bad(f, "%s longer than %d bytes",
		    ccs_ind_type_name(t), CCS_IND_VALUE_MAX - 1);
	if (ccs_strlcpy(out, res, outlen) != CCS_OK) {
		out[0] = '\0';
		return ccs_fail(f, CCS_ETOOBIG, "internal", "output buffer "
		    "of %zu bytes too small", outlen);
	}
	if (notes != NULL)
		*notes = nt;
	return CCS_OK;
}

int
ccs_ind_email_key(const char *normalised, char *out, size_t outlen)
{
	char canon[CCS_IND_VALUE_MAX];
	size_t i, n;
	int rc;

	if (out != NULL && outlen > 0)
		out[0] = '\0';
	if (normalised == NULL || out == NULL)
		return CCS_EINVAL;
	rc = ccs_ind_normalise(CCS_IND_EMAIL, normalised, canon, sizeof(canon),
	    NULL);
	if (rc != CCS_OK)
		return rc == CCS_ENOMEM ? rc : CCS_EINVAL;
	if (strcmp(canon, normalised) != 0)
		return CCS_EINVAL;
	n = strlen(canon);
	if (n >= outlen)
		return CCS_ETOOBIG;
	for (i = 0; i <= n; i++)
		out[i] = ccs_ind_lower(canon[i]);
	return CCS_OK;
}

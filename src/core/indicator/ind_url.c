/*
 * ind_url.c: URLs to one canonical form.
 *
 * Only http, https and ftp (and the defanged hxxp and hxxps) are taken:
 * they are what phishing and malware reports carry, and for these
 * "special" schemes the WHATWG URL standard, which is what the victim's
 * browser follows, fixes how the host is found. So we follow it where it
 * decides the host: a backslash counts as a slash, user-info runs to the
 * last '@' of the authority, and a host that ends in a number is an IPv4
 * address in any of the browser's forms (http://0x7f.1/ is 127.0.0.1).
 *
 * Canonical form: scheme and host in lower case, the host as a canonical
 * domain name (A-labels) or IP address (IPv6 in brackets), the default
 * port dropped, user-info dropped (it never selects the resource, and it
 * may be a victim's password), an empty path as "/", dot segments removed
 * (RFC 3986 s. 5.2.4), percent-escapes in the path upper-cased and those
 * of unreserved characters decoded (s. 6.2.2), the fragment dropped (never
 * sent to the server). The query is kept byte for byte, as servers differ
 * on what is equivalent there; like the path, it gets percent-escapes for
 * bytes RFC 3986 does not allow there (space, quotes, angle and square
 * brackets, non-ASCII). A '%' that starts no escape becomes %25, so that
 * normalising twice changes nothing. Control characters are refused.
 *
 * Not handled: percent-encoded or non-LDH hosts (refused), other schemes,
 * URLs without a scheme (refused: "evil.example/x" is ambiguous).
 */
#include <string.h>

#include "core/indicator/ind_impl.h"
#include "core/indicator/indicator.h"
#include "util/err.h"
#include "util/fail.h"
#include "util/str.h"

static const char hexup[] = "0123456789ABCDEF";

static bool
unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

/*
 * Bytes never left raw in a path or query: those RFC 3986 does not allow
 * there (so the raw and the escaped spelling meet in one form), square
 * brackets among them, so that no defang marker such as "[.]" can
 * survive into a canonical URL and be undone by a second pass.
 */
static bool
must_escape(unsigned char c)
{
	return c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' ||
	    c == '`' || c == '{' || c == '}' || c == '|' || c == '^' ||
	    c == '[' || c == ']';
}

static void
put_escape(struct ccs_ind_wr *w, unsigned char c)
{
	ccs_ind_wr_c(w, '%');
	ccs_ind_wr_c(w, hexup[c >> 4]);
	ccs_ind_wr_c(w, hexup[c & 0xf]);
}

/* One path segment (no '/'), escapes normalised, into @p w. */
static void
put_segment(struct ccs_ind_wr *w, const char *s, size_t n)
{
	unsigned char c;
	size_t i;
	int hi, lo;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '%') {
			hi = i + 1 < n ? ccs_ind_hexval(s[i + 1]) : -1;
			lo = i + 2 < n ? ccs_ind_hexval(s[i + 2]) : -1;
			if (hi < 0 || lo < 0) {
				put_escape(w, '%');
				continue;
			}
			c = (unsigned char)(hi << 4 | lo);
			i += 2;
			if (unreserved(c))
				ccs_ind_wr_c(w, (char)c);
			else
				put_escape(w, c);
		} else if (must_escape(c)) {
			put_escape(w, c);
		} else {
			ccs_ind_wr_c(w, (char)c);
		}
	}
}

static bool
is_slash(char c)
{
	return c == '/' || c == '\\';
}

/*
 * The path @p s (starting with a slash) into @p w, segment by segment;
 * "." and ".." are judged after decoding, so %2e%2E is "..", as in
 * browsers.
 */
static void
put_path(struct ccs_ind_wr *w, const char *s, size_t n)
{
	size_t i = 0, start, mark, base = w->len, k, seglen;
	const char *seg;
	bool last;

	while (i < n) {
		i++;
		start = i;
		while (i < n && !is_slash(s[i]))
			i++;
		last = i == n;
		mark = w->len;
		ccs_ind_wr_c(w, '/');
		put_segment(w, s + start, i - start);
		if (w->over)
			return;
		seg = w->p + mark + 1;
		seglen = w->len - mark - 1;
		if (seglen == 1 && seg[0] == '.') {
			ccs_ind_wr_cut(w, mark);
		} else if (seglen == 2 && seg[0] == '.' && seg[1] == '.') {
			ccs_ind_wr_cut(w, mark);
			for (k = mark; k > base && w->p[k - 1] != '/'; k--)
				;
			ccs_ind_wr_cut(w, k > base ? k - 1 : base);
		} else {
			continue;
		}
		if (last)
			ccs_ind_wr_c(w, '/');
	}
	if (w->len == base)
		ccs_ind_wr_c(w, '/');
}

static int
put_port(struct ccs_ind_wr *w, const char *s, size_t n, unsigned dflt,
    struct ccs_fail *f)
{
	char num[8];
	unsigned v = 0;
	size_t i;

	if (n == 0)
		return CCS_OK;
	if (!ccs_ind_all_digits(s, n))
		return ccs_ind_bad(f, "URL port is not a number");
	for (i = 0; i < n; i++) {
		v = v * 10 + (unsigned)(s[i] - '0');
		if (v > 65535)
			return ccs_ind_bad(f, "URL port is over 65535");
	}
	if (v == dflt)
		return CCS_OK;
	if (ccs_snprintf(num, sizeof(num), ":%u", v) != CCS_OK)
		return ccs_ind_bad(f, "URL port is over 65535");
	ccs_ind_wr_s(w, num);
	return CCS_OK;
}

/* The host [hs, he) into @p w; *port the start of ":port" or he. */
static int
put_host(struct ccs_ind_wr *w, const char *s, size_t hs, size_t he,
    size_t *port, unsigned *notes, struct ccs_fail *f)
{
	struct ccs_ind_wr chk;
	const char *rb, *colon;
	uint8_t a[16];
	char strict[16], name[CCS_IND_DOMAIN_MAX + 1];
	size_t hn, len = 0;
	int r, rc;

	if (hs < he && s[hs] == '[') {
		rb = memchr(s + hs, ']', he - hs);
		if (rb == NULL)
			return ccs_ind_bad(f, "URL host has an unclosed [");
		hn = (size_t)(rb - s) - hs - 1;
		if (memchr(s + hs + 1, '%', hn) != NULL)
			return ccs_ind_bad(f, "IPv6 zone identifiers are local "
			    "and not allowed");
		if (!ccs_ind_ip6_parse(s + hs + 1, hn, a))
			return ccs_ind_bad(f, "URL host is not a valid IPv6 "
			    "address");
		*port = (size_t)(rb - s) + 1;
		if (*port < he && s[*port] != ':')
			return ccs_ind_bad(f, "URL host has text after ]");
		ccs_ind_wr_c(w, '[');
		ccs_ind_ip_format(w, 6, a);
		ccs_ind_wr_c(w, ']');
		return CCS_OK;
	}
	colon = memchr(s + hs, ':', he - hs);
	*port = colon != NULL ? (size_t)(colon - s) : he;
	hn = *port - hs;
	if (hn == 0)
		return ccs_ind_bad(f, "URL has no host");
	if (memchr(s + hs, '%', hn) != NULL)
		return ccs_ind_bad(f, "percent-encoded URL hosts are not "
		    "supported");
	/* as WHATWG: to ASCII first, then "ends in a number" */
	rc = ccs_ind_domain_ascii(s + hs, hn, name, &len, f);
	if (rc != CCS_OK)
		return rc;
	r = ccs_ind_ip4_whatwg(name, len, a);
	if (r < 0)
		return ccs_ind_bad(f, "URL host is not a valid IPv4 address");
	if (r == 0) {
		rc = ccs_ind_domain_check(name, len, f);
		if (rc == CCS_OK)
			ccs_ind_wr_n(w, name, len);
		return rc;
	}
	ccs_ind_wr_init(&chk, strict, sizeof(strict));
	ccs_ind_ip_format(&chk, 4, a);
	if ((len != chk.len || memcmp(strict, name, len) != 0) &&
	    notes != NULL)
		*notes |= CCS_IND_NOTE_IPNUMERIC;
	ccs_ind_wr_n(w, strict, chk.len);
	return CCS_OK;
}

int
ccs_ind_norm_url(const char *s, size_t n, struct ccs_ind_wr *w,
    unsigned *notes, struct ccs_fail *f)
{
	static const struct {
		const char	*in;
		const char	*out;
		unsigned	 port;
		bool		 defanged;
	} schemes[] = {
		{ "http", "http", 80, false },
		{ "https", "https", 443, false },
		{ "ftp", "ftp", 21, false },
		{ "hxxp", "http", 80, true },
		{ "hxxps", "https", 443, true },
	};
	char sch[8];
	size_t i, k, as, ae, hs, port, end;
	unsigned nt = 0;
	int rc, si = -1;

	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return ccs_ind_bad(f, "URL has a control character");
	}
	for (i = 0; i < n && i + 1 < sizeof(sch) && s[i] != ':'; i++)
		sch[i] = ccs_ind_lower(s[i]);
	if (i == n || s[i] != ':' || i == 0)
		return ccs_ind_bad(f, "URL needs a scheme (http, https or "
		    "ftp)");
	sch[i] = '\0';
	for (k = 0; k < sizeof(schemes) / sizeof(schemes[0]); k++) {
		if (strcmp(sch, schemes[k].in) == 0)
			si = (int)k;
	}
	if (si < 0)
		return ccs_ind_bad(f, "URL scheme must be http, https or ftp");
	if (schemes[si].defanged)
		nt |= CCS_IND_NOTE_DEFANGED;
	i++;
	if (n - i < 2 || !is_slash(s[i]) || !is_slash(s[i + 1]))
		return ccs_ind_bad(f, "URL needs // after the scheme");
	i += 2;
	as = i;
	while (i < n && !is_slash(s[i]) && s[i] != '?' && s[i] != '#')
		i++;
	ae = i;
	hs = as;
	for (k = as; k < ae; k++) {
		if (s[k] == '@')
			hs = k + 1;
	}
	if (hs != as)
		nt |= CCS_IND_NOTE_USERINFO;

	ccs_ind_wr_s(w, schemes[si].out);
	ccs_ind_wr_s(w, "://");
	port = ae;
	rc = put_host(w, s, hs, ae, &port, &nt, f);
	if (rc != CCS_OK)
		return rc;
	if (port < ae) {
		rc = put_port(w, s + port + 1, ae - port - 1, schemes[si].port,
		    f);
		if (rc != CCS_OK)
			return rc;
	}

	if (i < n && is_slash(s[i])) {
		end = i;
		while (end < n && s[end] != '?' && s[end] != '#')
			end++;
		put_path(w, s + i, end - i);
		i = end;
	} else {
		ccs_ind_wr_c(w, '/');
	}
	if (i < n && s[i] == '?') {
		for (; i < n && s[i] != '#'; i++) {
			if (must_escape((unsigned char)s[i]))
				put_escape(w, (unsigned char)s[i]);
			else
				ccs_ind_wr_c(w, s[i]);
		}
	}
	if (i < n && s[i] == '#')
		nt |= CCS_IND_NOTE_FRAGMENT;
	if (w->over || w->len > CCS_IND_URL_MAX)
		return ccs_ind_bad(f, "URL longer than %d bytes",
		    CCS_IND_URL_MAX);
	if (notes != NULL)
		*notes |= nt;
	return CCS_OK;
}

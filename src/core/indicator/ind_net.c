/*
 * ind_net.c: IPv4 and IPv6 addresses and networks.
 *
 * IPv4 is read here, strictly: four decimal octets without leading zeros,
 * because "010.1.1.1" is 8.1.1.1 to inet_aton and browsers but 10.1.1.1
 * to most people, and an indicator must not mean two things. (URL hosts
 * are the exception: ccs_ind_ip4_whatwg reads them as a browser would, as
 * that is where the browser will go.) IPv6 is read by inet_pton, which is
 * a pure function, and written here in RFC 5952 form: lower case, no
 * leading zeros, the longest run of two or more zero groups (the first of
 * equal runs) as "::", and only ::ffff:0:0/96 in dotted form. glibc's
 * inet_ntop also prints the deprecated ::a.b.c.d form for ::/96, which
 * RFC 5952 s. 5 does not ask for, so the writer is our own.
 */
#include <arpa/inet.h>
#include <string.h>

#include "core/indicator/ind_impl.h"
#include "core/indicator/indicator.h"
#include "util/err.h"
#include "util/fail.h"
#include "util/str.h"

#define IP6_TEXT_MAX	45	/* ffff:...:ffff:255.255.255.255 */

bool
ccs_ind_ip4_parse(const char *s, size_t n, uint8_t a[4])
{
	unsigned part, v, digits;
	size_t i = 0;

	for (part = 0; part < 4; part++) {
		if (part > 0) {
			if (i >= n || s[i] != '.')
				return false;
			i++;
		}
		v = 0;
		digits = 0;
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			if (digits == 3 || (digits == 1 && v == 0))
				return false;
			v = v * 10 + (unsigned)(s[i] - '0');
			digits++;
			i++;
		}
		if (digits == 0 || v > 255)
			return false;
		a[part] = (uint8_t)v;
	}
	return i == n;
}

/* One WHATWG IPv4 number: 0x hex, 0 octal, else decimal; capped. */
static bool
whatwg_number(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	unsigned base = 10;
	size_t i = 0;
	int d;

	if (n == 0)
		return false;
	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	} else if (n >= 2 && s[0] == '0') {
		base = 8;
		i = 1;
	}
	for (; i < n; i++) {
		d = ccs_ind_hexval(s[i]);
		if (d < 0 || (unsigned)d >= base)
			return false;
		v = v * base + (unsigned)d;
		if (v > 0xffffffffu)
			return false;
	}
	*out = v;
	return true;
}

int
ccs_ind_ip4_whatwg(const char *s, size_t n, uint8_t a[4])
{
	uint64_t parts[4], v, lim;
	const char *last;
	size_t i, start, np = 0, ln;

	if (n > 1 && s[n - 1] == '.')
		n--;
	if (n == 0)
		return 0;
	last = s;
	for (i = 0; i < n; i++) {
		if (s[i] == '.')
			last = s + i + 1;
	}
	ln = n - (size_t)(last - s);
	/* "ends in a number": all digits, or 0x and hex digits */
	if (!ccs_ind_all_digits(last, ln)) {
		if (ln < 2 || last[0] != '0' || (last[1] != 'x' &&
		    last[1] != 'X'))
			return 0;
		for (i = 2; i < ln; i++) {
			if (ccs_ind_hexval(last[i]) < 0)
				return 0;
		}
	}
	start = 0;
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '.')
			continue;
		if (np == 4 || !whatwg_number(s + start, i - start,
		    &parts[np]))
			return -1;
		np++;
		start = i + 1;
	}
	for (i = 0; i + 1 < np; i++) {
		if (parts[i] > 255)
			return -1;
	}
	lim = (uint64_t)1 << (8 * (5 - np));
	if (parts[np - 1] >= lim)
		return -1;
	v = parts[np - 1];
	for (i = 0; i + 1 < np; i++)
		v += parts[i] << (8 * (3 - i));
	for (i = 0; i < 4; i++)
		a[i] = (uint8_t)(v >> (8 * (3 - i)));
	return 1;
}

bool
ccs_ind_ip6_parse(const char *s, size_t n, uint8_t a[16])
{
	char buf[IP6_TEXT_MAX + 1];
	size_t i;

	if (n == 0 || n > IP6_TEXT_MAX)
		return false;
	for (i = 0; i < n; i++) {
		if (!(ccs_ind_hexval(s[i]) >= 0 || s[i] == ':' || s[i] == '.'))
			return false;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	return inet_pton(AF_INET6, buf, a) == 1;
}

bool
ccs_ind_ip6_mapped(const uint8_t *a)
{
	static const uint8_t pfx[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff };

	return memcmp(a, pfx, sizeof(pfx)) == 0;
}

static void
format4(struct ccs_ind_wr *w, const uint8_t *a)
{
	char buf[16];

	if (ccs_snprintf(buf, sizeof(buf), "%u.%u.%u.%u", a[0], a[1], a[2],
	    a[3]) != CCS_OK) {
		w->over = true;
		return;
	}
	ccs_ind_wr_s(w, buf);
}

void
ccs_ind_ip_format(struct ccs_ind_wr *w, int family, const uint8_t *a)
{
	static const char hex[] = "0123456789abcdef";
	unsigned words[8], shift;
	int i, best = -1, bestlen = 0, run, len;
	bool lead;

	if (family == 4) {
		format4(w, a);
		return;
	}
	if (ccs_ind_ip6_mapped(a)) {
		ccs_ind_wr_s(w, "::ffff:");
		format4(w, a + 12);
		return;
	}
	for (i = 0; i < 8; i++)
		words[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	for (i = 0; i < 8; i = run) {
		run = i;
		while (run < 8 && words[run] == 0)
			run++;
		len = run - i;
		if (len > bestlen) {
			best = i;
			bestlen = len;
		}
		if (run == i)
			run++;
	}
	if (bestlen < 2)
		best = -1;
	for (i = 0; i < 8; i++) {
		if (i == best) {
			ccs_ind_wr_s(w, "::");
			i += bestlen - 1;
			continue;
		}
		if (i > 0 && i != best + bestlen)
			ccs_ind_wr_c(w, ':');
		lead = true;
		for (shift = 12;; shift -= 4) {
			if (!lead || ((words[i] >> shift) & 0xf) != 0 ||
			    shift == 0) {
				ccs_ind_wr_c(w, hex[(words[i] >> shift) & 0xf]);
				lead = false;
			}
			if (shift == 0)
				break;
		}
	}
}

/* Prefix length: decimal, no leading zero, <= max. */
static bool
parse_prefix(const char *s, size_t n, unsigned max, unsigned *out)
{
	unsigned v = 0;
	size_t i;

	if (n == 0 || n > 3 || (n > 1 && s[0] == '0') ||
	    !ccs_ind_all_digits(s, n))
		return false;
	for (i = 0; i < n; i++)
		v = v * 10 + (unsigned)(s[i] - '0');
	if (v > max)
		return false;
	*out = v;
	return true;
}

void
ccs_ind_mask(uint8_t *a, size_t bytes, unsigned prefix)
{
	size_t i;

	for (i = 0; i < bytes; i++) {
		if (prefix >= 8 * (i + 1))
			continue;
		if (prefix <= 8 * i)
			a[i] = 0;
		else
			a[i] &= (uint8_t)(0xffu << (8 - (prefix - 8 * i)));
	}
}

bool
ccs_ind_prefix_eq(const uint8_t *a, const uint8_t *b, unsigned prefix)
{
	unsigned full = prefix / 8, rest = prefix % 8;
	uint8_t m;

	if (memcmp(a, b, full) != 0)
		return false;
	if (rest == 0)
		return true;
	m = (uint8_t)(0xffu << (8 - rest));
	return (a[full] & m) == (b[full] & m);
}

bool
ccs_ind_net_parse(const char *s, size_t n, bool host_ok,
    struct ccs_ind_net *out)
{
	const char *slash;
	size_t an;
	unsigned max;

	memset(out, 0, sizeof(*out));
	slash = memchr(s, '/', n);
	an = slash != NULL ? (size_t)(slash - s) : n;
	if (memchr(s, ':', an) != NULL) {
		out->family = 6;
		max = 128;
		if (!ccs_ind_ip6_parse(s, an, out->a))
			return false;
	} else {
		out->family = 4;
		max = 32;
		if (!ccs_ind_ip4_parse(s, an, out->a))
			return false;
	}
	out->prefix = max;
	if (slash == NULL)
		return host_ok;
	return parse_prefix(slash + 1, n - an - 1, max, &out->prefix);
}

static bool
leading_zero_octet(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++) {
		if (s[i] == '0' && (i == 0 || s[i - 1] == '.') &&
		    s[i + 1] >= '0' && s[i + 1] <= '9')
			return true;
	}
	return false;
}

static int
bad_ip4(const char *s, size_t n, struct ccs_fail *f)
{
	if (leading_zero_octet(s, n))
		return ccs_ind_bad(f, "IPv4 octet with a leading zero is "
		    "ambiguous (octal or decimal?)");
	return ccs_ind_bad(f, "not a dotted-quad IPv4 address");
}

static int
norm_addr(enum ccs_ind_type t, const char *s, size_t n, struct ccs_ind_wr *w,
    struct ccs_fail *f)
{
	uint8_t a[16];

	if (memchr(s, '/', n) != NULL)
		return ccs_ind_bad(f, "a network, not an address (use %s)",
		    t == CCS_IND_IPV4 ? "cidr4" : "cidr6");
	if (t == CCS_IND_IPV4) {
		if (memchr(s, ':', n) != NULL)
			return ccs_ind_bad(f, "an IPv6 address, not IPv4");
		if (!ccs_ind_ip4_parse(s, n, a))
			return bad_ip4(s, n, f);
		ccs_ind_ip_format(w, 4, a);
		return CCS_OK;
	}
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		s++;
		n -= 2;
	}
	if (memchr(s, '%', n) != NULL)
		return ccs_ind_bad(f, "IPv6 zone identifiers are local and "
		    "not allowed");
	if (memchr(s, ':', n) == NULL)
		return ccs_ind_bad(f, "not an IPv6 address");
	if (!ccs_ind_ip6_parse(s, n, a))
		return ccs_ind_bad(f, "not a valid IPv6 address");
	ccs_ind_ip_format(w, 6, a);
	return CCS_OK;
}

static int
norm_net(enum ccs_ind_type t, const char *s, size_t n, struct ccs_ind_wr *w,
    unsigned *notes, struct ccs_fail *f)
{
	char num[4];
	const char *slash;
	uint8_t a[16], masked[16];
	size_t an, bytes;
	unsigned prefix, max;
	bool v6;

	slash = memchr(s, '/', n);
	if (slash == NULL)
		return ccs_ind_bad(f, "network needs a /prefix length");
	an = (size_t)(slash - s);
	v6 = memchr(s, ':', an) != NULL;
	if (v6 != (t == CCS_IND_CIDR6))
		return ccs_ind_bad(f, "an %s network given as %s",
		    v6 ? "IPv6" : "IPv4", ccs_ind_type_name(t));
	max = v6 ? 128 : 32;
	bytes = v6 ? 16 : 4;
	if (v6) {
		if (memchr(s, '%', an) != NULL)
			return ccs_ind_bad(f, "IPv6 zone identifiers are "
			    "local and not allowed");
		if (!ccs_ind_ip6_parse(s, an, a))
			return ccs_ind_bad(f, "not a valid IPv6 network "
			    "address");
	} else if (!ccs_ind_ip4_parse(s, an, a)) {
		return bad_ip4(s, an, f);
	}
	if (!parse_prefix(slash + 1, n - an - 1, max, &prefix))
		return ccs_ind_bad(f, "prefix length must be 0 to %u, "
		    "without leading zeros", max);
	memcpy(masked, a, bytes);
	ccs_ind_mask(masked, bytes, prefix);
	if (memcmp(masked, a, bytes) != 0 && notes != NULL)
		*notes |= CCS_IND_NOTE_HOSTBITS;
	ccs_ind_ip_format(w, v6 ? 6 : 4, masked);
	if (ccs_snprintf(num, sizeof(num), "%u", prefix) != CCS_OK)
		return ccs_ind_bad(f, "prefix length out of range");
	ccs_ind_wr_c(w, '/');
	ccs_ind_wr_s(w, num);
	return CCS_OK;
}

int
ccs_ind_norm_ip(enum ccs_ind_type t, const char *s, size_t n,
    struct ccs_ind_wr *w, unsigned *notes, struct ccs_fail *f)
{
	if (t == CCS_IND_IPV4 || t == CCS_IND_IPV6)
		return norm_addr(t, s, n, w, f);
	return norm_net(t, s, n, w, notes, f);
}

/* To the IPv6 space: IPv4 as ::ffff:a.b.c.d, prefix + 96. */
static void
to_v6(struct ccs_ind_net *x)
{
	uint8_t v4[4];

	if (x->family != 4)
		return;
	memcpy(v4, x->a, 4);
	memset(x->a, 0, 10);
	x->a[10] = 0xff;
	x->a[11] = 0xff;
	memcpy(x->a + 12, v4, 4);
	x->prefix += 96;
	x->family = 6;
}

bool
ccs_ind_cidr_contains(const char *cidr, const char *ip)
{
	struct ccs_ind_net net, host;
	size_t cn, in;

	if (cidr == NULL || ip == NULL)
		return false;
	cn = strnlen(cidr, 64);
	in = strnlen(ip, 64);
	if (cn == 64 || in == 64)
		return false;
	if (!ccs_ind_net_parse(cidr, cn, true, &net) ||
	    !ccs_ind_net_parse(ip, in, true, &host) ||
	    host.prefix != (host.family == 4 ? 32u : 128u))
		return false;
	to_v6(&net);
	to_v6(&host);
	return ccs_ind_prefix_eq(net.a, host.a, net.prefix);
}

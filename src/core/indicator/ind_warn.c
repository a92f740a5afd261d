/*
 * ind_warn.c: warning lists: indicators that are noise, not threats.
 *
 * A state that shares its firewall log shares 192.168.1.1 and 8.8.8.8
 * too; matching those across states would tie every report to every
 * other. The lists are short and static, and each entry names its list so
 * an analyst sees why an indicator was held back. Networks are listed
 * when they lie wholly inside a listed range (10.1.0.0/16 is private;
 * 0.0.0.0/0 is not, it is merely useless). The cloud and CDN list holds
 * apex names only: login.microsoft.com.evil.example is not on it, and
 * neither is a customer's name under a cloud domain.
 */
#include <string.h>

#include "core/indicator/ind_impl.h"
#include "core/indicator/indicator.h"

struct warn_entry {
	const char	*v;	/* network, address, or domain */
	const char	*why;	/* list name */
};

#define W_UNSPEC	"unspecified or this-network address"
#define W_PRIVATE	"private address (RFC 1918, RFC 4193)"
#define W_LOOPBACK	"loopback address"
#define W_LINKLOCAL	"link-local address"
#define W_CGNAT		"shared address space (CGNAT, RFC 6598)"
#define W_DOC		"documentation address (RFC 5737, RFC 3849)"
#define W_MCAST		"multicast address"
#define W_RESERVED	"reserved address"
#define W_BENCH		"benchmarking address (RFC 2544)"
#define W_IETF		"IETF protocol assignment (RFC 6890)"
#define W_RESOLVER	"public DNS resolver"
#define W_EXAMPLE	"reserved example name (RFC 2606, RFC 6761)"
#define W_LOCALNAME	"local-use name (RFC 6762, RFC 8375)"
#define W_CLOUD		"major cloud or CDN apex domain"
#define W_FICTION	"fictional number (NANP 555-0100 to 555-0199)"
#define W_EMPTY		"hash of the empty file"

static const struct warn_entry nets[] = {
	{ "0.0.0.0/8", W_UNSPEC },
	{ "10.0.0.0/8", W_PRIVATE },
	{ "100.64.0.0/10", W_CGNAT },
	{ "127.0.0.0/8", W_LOOPBACK },
	{ "169.254.0.0/16", W_LINKLOCAL },
	{ "172.16.0.0/12", W_PRIVATE },
	{ "192.0.0.0/24", W_IETF },
	{ "192.0.2.0/24", W_DOC },
	{ "192.168.0.0/16", W_PRIVATE },
	{ "198.18.0.0/15", W_BENCH },
	{ "198.51.100.0/24", W_DOC },
	{ "203.0.113.0/24", W_DOC },
	{ "224.0.0.0/4", W_MCAST },
	{ "240.0.0.0/4", W_RESERVED },	/* and 255.255.255.255 */
	{ "::/128", W_UNSPEC },
	{ "::1/128", W_LOOPBACK },
	{ "100::/64", W_RESERVED },	/* discard-only, RFC 6666 */
	{ "2001:db8::/32", W_DOC },
	{ "3fff::/20", W_DOC },		/* RFC 9637 */
	{ "fc00::/7", W_PRIVATE },
	{ "fe80::/10", W_LINKLOCAL },
	{ "ff00::/8", W_MCAST },
};

/* Google, Cloudflare, Quad9, OpenDNS. */
static const char *const resolvers[] = {
	"8.8.8.8", "8.8.4.4", "1.1.1.1", "1.0.0.1", "9.9.9.9",
	"149.112.112.112", "208.67.222.222", "208.67.220.220",
	"2001:4860:4860::8888", "2001:4860:4860::8844",
	"2606:4700:4700::1111", "2606:4700:4700::1001",
	"2620:fe::fe", "2620:fe::9",
	"2620:119:35::35", "2620:119:53::53",
};

/* The name and everything under it. */
static const struct warn_entry reserved_names[] = {
	{ "example.com", W_EXAMPLE },
	{ "example.net", W_EXAMPLE },
	{ "example.org", W_EXAMPLE },
	{ "example", W_EXAMPLE },
	{ "test", W_EXAMPLE },
	{ "invalid", W_EXAMPLE },
	{ "localhost", W_EXAMPLE },
	{ "local", W_LOCALNAME },
	{ "home.arpa", W_LOCALNAME },
	{ "internal", W_LOCALNAME },
};

/* The name only. */
static const char *const cloud_apex[] = {
	"akamai.net", "akamaiedge.net", "akamaihd.net", "amazon.com",
	"amazonaws.com", "apple.com", "azure.com", "azureedge.net",
	"cloudflare.com", "cloudfront.net", "facebook.com", "fastly.net",
	"github.com", "google.com", "googleapis.com", "gstatic.com",
	"icloud.com", "live.com", "microsoft.com", "microsoftonline.com",
	"office.com", "windows.com", "windowsupdate.com", "youtube.com",
};

static const struct warn_entry empty_hashes[] = {
	{ "d41d8cd98f00b204e9800998ecf8427e", W_EMPTY },
	{ "da39a3ee5e6b4b0d3255bfef95601890afd80709", W_EMPTY },
	{ "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	    W_EMPTY },
	{ "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	    "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
	    W_EMPTY },
};

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* IPv4 into ::ffff:0:0/96, so one comparison covers both families. */
static void
as_v6(struct ccs_ind_net *x)
{
	uint8_t v4[4];

	if (x->family != 4)
		return;
	memcpy(v4, x->a, 4);
	memset(x->a, 0, 16);
	x->a[10] = 0xff;
	x->a[11] = 0xff;
	memcpy(x->a + 12, v4, 4);
	x->prefix += 96;
	x->family = 6;
}

/* The IPv4 network inside an IPv4-mapped one, for the IPv4 lists. */
static void
unmap(struct ccs_ind_net *x)
{
	if (x->family == 6 && ccs_ind_ip6_mapped(x->a) && x->prefix >= 96) {
		memmove(x->a, x->a + 12, 4);
		x->prefix -= 96;
		x->family = 4;
	}
}

static const char *
net_listed(const char *s, size_t n)
{
	struct ccs_ind_net x, e;
	size_t i;

	if (!ccs_ind_net_parse(s, n, true, &x))
		return NULL;
	unmap(&x);
	for (i = 0; i < NITEMS(resolvers); i++) {
		if (ccs_ind_net_parse(resolvers[i], strlen(resolvers[i]), true,
		    &e) && e.family == x.family && e.prefix == x.prefix &&
		    memcmp(e.a, x.a, x.family == 4 ? 4 : 16) == 0)
			return W_RESOLVER;
	}
	as_v6(&x);
	for (i = 0; i < NITEMS(nets); i++) {
		if (!ccs_ind_net_parse(nets[i].v, strlen(nets[i].v), false,
		    &e))
			continue;
		as_v6(&e);
		if (x.prefix >= e.prefix && ccs_ind_prefix_eq(x.a, e.a,
		    e.prefix))
			return nets[i].why;
	}
	return NULL;
}

static bool
under(const char *d, size_t n, const char *name)
{
	size_t m = strlen(name);

	if (n == m)
		return memcmp(d, name, n) == 0;
	return n > m && d[n - m - 1] == '.' && memcmp(d + n - m, name, m) == 0;
}

/* @p cloud: whether the apex list applies (not for URL or e-mail hosts,
 * where the rest of the URL or the mailbox is the indicator). */
static const char *
domain_listed(const char *d, size_t n, bool cloud)
{
	size_t i;

	for (i = 0; i < NITEMS(reserved_names); i++) {
		if (under(d, n, reserved_names[i].v))
			return reserved_names[i].why;
	}
	if (!cloud)
		return NULL;
	for (i = 0; i < NITEMS(cloud_apex); i++) {
		if (strlen(cloud_apex[i]) == n &&
		    memcmp(d, cloud_apex[i], n) == 0)
			return W_CLOUD;
	}
	return NULL;
}

static const char *
url_listed(const char *v)
{
	const char *host, *end;
	uint8_t a[4];

	host = strstr(v, "://");
	if (host == NULL)
		return NULL;
	host += 3;
	if (host[0] == '[') {
		end = strchr(host, ']');
		return end == NULL ? NULL : net_listed(host + 1,
		    (size_t)(end - host) - 1);
	}
	end = host + strcspn(host, ":/?#");
	if (ccs_ind_ip4_parse(host, (size_t)(end - host), a))
		return net_listed(host, (size_t)(end - host));
	return domain_listed(host, (size_t)(end - host), false);
}

static const char *
phone_listed(const char *v)
{
	/* +1 NPA 555 01XX */
	if (strlen(v) == 12 && v[1] == '1' && memcmp(v + 5, "55501", 5) == 0)
		return W_FICTION;
	return NULL;
}

bool
ccs_ind_warninglisted(enum ccs_ind_type t, const char *normalised,
    const char **why)
{
	const char *w = NULL, *at;
	size_t i, n;

	if (why != NULL)
		*why = NULL;
	if (normalised == NULL)
		return false;
	n = strnlen(normalised, CCS_IND_VALUE_MAX);
	if (n == CCS_IND_VALUE_MAX)
		return false;
	switch (t) {
	case CCS_IND_IPV4:
	case CCS_IND_IPV6:
	case CCS_IND_CIDR4:
	case CCS_IND_CIDR6:
		w = net_listed(normalised, n);
		break;
	case CCS_IND_DOMAIN:
		w = domain_listed(normalised, n, true);
		break;
	case CCS_IND_URL:
		w = url_listed(normalised);
		break;
	case CCS_IND_EMAIL:
		at = strrchr(normalised, '@');
		if (at != NULL)
			w = domain_listed(at + 1, strlen(at + 1), false);
		break;
	case CCS_IND_PHONE:
		w = phone_listed(normalised);
		break;
	case CCS_IND_MD5:
	case CCS_IND_SHA1:
	case CCS_IND_SHA256:
	case CCS_IND_SHA512:
		for (i = 0; i < NITEMS(empty_hashes); i++) {
			if (strcmp(normalised, empty_hashes[i].v) == 0)
				w = empty_hashes[i].why;
		}
		break;
	default:
		break;
	}
	if (why != NULL)
		*why = w;
	return w != NULL;
}

/*
 * test_indicator.c: indicator normalisation (core/indicator/) for every
 * type, accepted and refused, against published vectors where they exist
 * (RFC 5952, BIP 173/350, EIP-55, IBAN registry examples); correlation
 * keys and the CIDR match they feed; warning lists; and the Keccak sponge
 * (core/indicator/keccak.h) against OpenSSL's SHA-3 and SHAKE and the
 * Keccak-256 vectors.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/evp.h>
#include <sodium.h>

#include "core/indicator/indicator.h"
#include "core/indicator/keccak.h"
#include "util/err.h"
#include "util/fail.h"

struct ok_case {
	enum ccs_ind_type	 t;
	const char		*in;
	const char		*want;
};

struct bad_case {
	enum ccs_ind_type	 t;
	const char		*in;
	const char		*msg;	/* part of the message, or NULL */
};

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

static const struct ok_case ok_cases[] = {
	/* IPv4 */
	{ CCS_IND_IPV4, "192.0.2.7", "192.0.2.7" },
	{ CCS_IND_IPV4, " 8.8.8.8\n", "8.8.8.8" },
	{ CCS_IND_IPV4, "0.0.0.0", "0.0.0.0" },
	{ CCS_IND_IPV4, "255.255.255.255", "255.255.255.255" },
	{ CCS_IND_IPV4, "1.2.3[.]4", "1.2.3.4" },
	{ CCS_IND_IPV4, "10[.]0[DOT]0[.]1", "10.0.0.1" },
	{ CCS_IND_IPV4, "100.64.0.10", "100.64.0.10" },
	/* IPv6, RFC 5952 */
	{ CCS_IND_IPV6, "2001:0DB8:0000:0000:0000:0000:0000:0001",
	    "2001:db8::1" },
	{ CCS_IND_IPV6, "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1" },
	{ CCS_IND_IPV6, "2001:db8::0:1", "2001:db8::1" },
	{ CCS_IND_IPV6, "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1" },
	{ CCS_IND_IPV6, "1:0:0:2:0:0:0:3", "1:0:0:2::3" },
	{ CCS_IND_IPV6, "2001:db8:0:0:0:0:2:1", "2001:db8::2:1" },
	{ CCS_IND_IPV6, "0:0:0:0:0:0:0:0", "::" },
	{ CCS_IND_IPV6, "::1", "::1" },
	{ CCS_IND_IPV6, "1::", "1::" },
	{ CCS_IND_IPV6, "FE80::ABCD", "fe80::abcd" },
	{ CCS_IND_IPV6, "::FFFF:192.0.2.1", "::ffff:192.0.2.1" },
	{ CCS_IND_IPV6, "::ffff:c000:0201", "::ffff:192.0.2.1" },
	{ CCS_IND_IPV6, "::192.0.2.1", "::c000:201" },
	{ CCS_IND_IPV6, "[2001:db8::1]", "2001:db8::1" },
	{ CCS_IND_IPV6, "2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff",
	    "2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff" },
	/* networks */
	{ CCS_IND_CIDR4, "10.1.2.3/8", "10.0.0.0/8" },
	{ CCS_IND_CIDR4, "192.0.2.0/24", "192.0.2.0/24" },
	{ CCS_IND_CIDR4, "192.0.2.255/25", "192.0.2.128/25" },
	{ CCS_IND_CIDR4, "0.0.0.0/0", "0.0.0.0/0" },
	{ CCS_IND_CIDR4, "1.2.3.4/32", "1.2.3.4/32" },
	{ CCS_IND_CIDR4, "172.31.255.255/12", "172.16.0.0/12" },
	{ CCS_IND_CIDR4, "10[.]0.0.0/8", "10.0.0.0/8" },
	{ CCS_IND_CIDR6, "2001:DB8::1/32", "2001:db8::/32" },
	{ CCS_IND_CIDR6, "2001:db8:1234:5678:9::/64",
	    "2001:db8:1234:5678::/64" },
	{ CCS_IND_CIDR6, "::/0", "::/0" },
	{ CCS_IND_CIDR6, "2001:db8::1/128", "2001:db8::1/128" },
	{ CCS_IND_CIDR6, "2001:db8:ffff::/33", "2001:db8:8000::/33" },
	{ CCS_IND_CIDR6, "::ffff:10.1.2.3/104", "::ffff:10.0.0.0/104" },
	/* domains */
	{ CCS_IND_DOMAIN, "WWW.Evil.Example.", "www.evil.example" },
	{ CCS_IND_DOMAIN, "evil[.]example", "evil.example" },
	{ CCS_IND_DOMAIN, "b\xc3\xbc" "cher.example", "xn--bcher-kva.example" },
	{ CCS_IND_DOMAIN, "B\xc3\x9c" "CHER.Example", "xn--bcher-kva.example" },
	{ CCS_IND_DOMAIN, "xn--bcher-kva.example", "xn--bcher-kva.example" },
	{ CCS_IND_DOMAIN, "XN--BCHER-KVA.example", "xn--bcher-kva.example" },
	{ CCS_IND_DOMAIN, "\xe6\x97\xa5\xe6\x9c\xac.jp", "xn--wgv71a.jp" },
	{ CCS_IND_DOMAIN, "b\xc3\xbc" "cher\xe3\x80\x82" "example",
	    "xn--bcher-kva.example" },
	{ CCS_IND_DOMAIN, "r3---sn-abc.googlevideo.com",
	    "r3---sn-abc.googlevideo.com" },
	{ CCS_IND_DOMAIN, "xn--i-7iq.ws", "xn--i-7iq.ws" },
	{ CCS_IND_DOMAIN, "XN--LS8H.la", "xn--ls8h.la" },
	{ CCS_IND_DOMAIN, "gov.jm", "gov.jm" },
	{ CCS_IND_DOMAIN, "a.b-c.d1", "a.b-c.d1" },
	{ CCS_IND_DOMAIN, "evil.0xg", "evil.0xg" },
	{ CCS_IND_DOMAIN, "b\xc3\xbc" "cher.example\xe3\x80\x82",
	    "xn--bcher-kva.example" },
	{ CCS_IND_DOMAIN, "3com.com", "3com.com" },
	/* URLs */
	{ CCS_IND_URL, "hxxps://EXAMPLE[.]com:443/a/%7euser#frag",
	    "https://example.com/a/~user" },
	{ CCS_IND_URL, "hxxps://EXAMPLE[.]com:443/%7euser#frag",
	    "https://example.com/~user" },
	{ CCS_IND_URL, "http://evil.example", "http://evil.example/" },
	{ CCS_IND_URL, "HTTP://Evil.Example:80/A/./B/../C?x=1&Y=%7e#f",
	    "http://evil.example/A/C?x=1&Y=%7e" },
	{ CCS_IND_URL, "http://user:pass@evil.example/",
	    "http://evil.example/" },
	{ CCS_IND_URL, "http://google.com@evil.example/login",
	    "http://evil.example/login" },
	{ CCS_IND_URL, "http://a@b@evil.example/", "http://evil.example/" },
	{ CCS_IND_URL, "http://0x7f.1/", "http://127.0.0.1/" },
	{ CCS_IND_URL, "http://2130706433/x", "http://127.0.0.1/x" },
	{ CCS_IND_URL, "http://0x/", "http://0.0.0.0/" },
	{ CCS_IND_URL, "http://1.0x10.0X1/", "http://1.16.0.1/" },
	{ CCS_IND_URL, "http://0300.0250.1.1/", "http://192.168.1.1/" },
	{ CCS_IND_URL, "http://192.0.2.7./", "http://192.0.2.7/" },
	{ CCS_IND_URL, "http://\xef\xbc\x91\xef\xbc\x92\xef\xbc\x97.0.0.1/",
	    "http://127.0.0.1/" },
	{ CCS_IND_URL, "http://[2001:DB8::1]:8080/x",
	    "http://[2001:db8::1]:8080/x" },
	{ CCS_IND_URL, "http://[::ffff:c000:207]/",
	    "http://[::ffff:192.0.2.7]/" },
	{ CCS_IND_URL, "https://b\xc3\xbc" "cher.example/\xc3\xa4",
	    "https://xn--bcher-kva.example/%C3%A4" },
	{ CCS_IND_URL, "http://evil.example/a b", "http://evil.example/a%20b" },
	{ CCS_IND_URL, "http://evil.example/%2fx%2Fy%41",
	    "http://evil.example/%2Fx%2FyA" },
	{ CCS_IND_URL, "http://evil.example/%zz%4", "http://evil.example/%25zz"
	    "%254" },
	{ CCS_IND_URL, "http:\\\\evil.example\\a\\b",
	    "http://evil.example/a/b" },
	{ CCS_IND_URL, "ftp://files.evil.example:21/x",
	    "ftp://files.evil.example/x" },
	{ CCS_IND_URL, "https://evil.example:8443",
	    "https://evil.example:8443/" },
	{ CCS_IND_URL, "https://evil.example:08443/",
	    "https://evil.example:8443/" },
	{ CCS_IND_URL, "https://evil.example:/", "https://evil.example/" },
	{ CCS_IND_URL, "https://evil.example:80/", "https://evil.example:80/" },
	{ CCS_IND_URL, "https://evil.example/a/%2e%2E/b",
	    "https://evil.example/b" },
	{ CCS_IND_URL, "https://evil.example/a/..", "https://evil.example/" },
	{ CCS_IND_URL, "https://evil.example/a/.", "https://evil.example/a/" },
	{ CCS_IND_URL, "https://evil.example/../../x",
	    "https://evil.example/x" },
	{ CCS_IND_URL, "https://evil.example//a", "https://evil.example//a" },
	{ CCS_IND_URL, "https://evil.example/?", "https://evil.example/?" },
	{ CCS_IND_URL, "https://evil.example?q=1",
	    "https://evil.example/?q=1" },
	{ CCS_IND_URL, "https://evil.example/p?q=%7e%2f a\\b",
	    "https://evil.example/p?q=%7e%2f%20a\\b" },
	{ CCS_IND_URL, "hxxp://evil[.]example/x", "http://evil.example/x" },
	{ CCS_IND_URL, "HXXPS[:]//evil[.]example", "https://evil.example/" },
	{ CCS_IND_URL, "http://evil.example/[[.]]?[x]|",
	    "http://evil.example/%5B.%5D?%5Bx%5D%7C" },
	{ CCS_IND_URL, "https://evil.example/<script>",
	    "https://evil.example/%3Cscript%3E" },
	/* e-mail */
	{ CCS_IND_EMAIL, "John.Doe@EXAMPLE.org", "John.Doe@example.org" },
	{ CCS_IND_EMAIL, "user+tag@b\xc3\xbc" "cher.example",
	    "user+tag@xn--bcher-kva.example" },
	{ CCS_IND_EMAIL, "x[at]evil[.]example", "x@evil.example" },
	{ CCS_IND_EMAIL, "MAILTO:a@evil.example", "a@evil.example" },
	{ CCS_IND_EMAIL, "\xce\xb4\xce\xbf\xce\xba@evil.example",
	    "\xce\xb4\xce\xbf\xce\xba@evil.example" },
	{ CCS_IND_EMAIL, "o'brien!#$%&*/=?^_`{|}~-@evil.example",
	    "o'brien!#$%&*/=?^_`{|}~-@evil.example" },
	/* hashes */
	{ CCS_IND_MD5, "D41D8CD98F00B204E9800998ECF8427E",
	    "d41d8cd98f00b204e9800998ecf8427e" },
	{ CCS_IND_SHA1, "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
	    "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
	{ CCS_IND_SHA256,
	    "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
	    "e3b0c44298fc1c149afbf4c8996fb92427"
	    "ae41e4649b934ca495991b7852b855" },
	{ CCS_IND_SHA512,
	    "CF83E1357EEFB8BDF1542850D66D8007D620E4050B5715DC83F4A921D36CE9CE"
	    "47D0D13C5D85F2B0FF8318D2877EEC2F63B931BD47417A81A538327AF927DA3E",
	    "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	    "47d0d13c5d85f2b0ff8318d2877eec2f"
	    "63b931bd47417a81a538327af927da3e" },
	/* Bitcoin: the genesis block's P2PKH, a P2SH, BIP 173/350 */
	{ CCS_IND_BTC, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
	    "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa" },
	{ CCS_IND_BTC, "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
	    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy" },
	{ CCS_IND_BTC, "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
	    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4" },
	{ CCS_IND_BTC, "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3"
	    "zarvary0c5xw7kt5nd6y", "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6"
	    "qejxtdg4y5r3zarvary0c5xw7kt5nd6y" },
	{ CCS_IND_BTC, "BC1SW50QGDZ25J", "bc1sw50qgdz25j" },
	{ CCS_IND_BTC, "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",
	    "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs" },
	{ CCS_IND_BTC, "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v"
	    "qzk5jj0", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v"
	    "qzk5jj0" },
	/* Ethereum, EIP-55's vectors */
	{ CCS_IND_ETH, "0x52908400098527886E0F7030069857D2E4169EE7",
	    "0x52908400098527886e0f7030069857d2e4169ee7" },
	{ CCS_IND_ETH, "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
	    "0x8617e340b3d01fa5f11f306f4090fd50e238070d" },
	{ CCS_IND_ETH, "0xde709f2102306220921060314715629080e2fb77",
	    "0xde709f2102306220921060314715629080e2fb77" },
	{ CCS_IND_ETH, "0x27b1fdb04752bbc536007a920d24acb045561c26",
	    "0x27b1fdb04752bbc536007a920d24acb045561c26" },
	{ CCS_IND_ETH, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
	    "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed" },
	{ CCS_IND_ETH, "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
	    "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359" },
	{ CCS_IND_ETH, "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
	    "0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb" },
	{ CCS_IND_ETH, "0XD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
	    "0xd1220a0cf47c7b9be7a2e6ba89f429762e7b9adb" },
	/* phone numbers */
	{ CCS_IND_PHONE, "1 876 555 0100", "+18765550100" },
	{ CCS_IND_PHONE, "+1 (876) 555-0100", "+18765550100" },
	{ CCS_IND_PHONE, "+1-868-555-0123", "+18685550123" },
	{ CCS_IND_PHONE, "+1.246.555.0199", "+12465550199" },
	{ CCS_IND_PHONE, "+44 20 7946 0958", "+442079460958" },
	{ CCS_IND_PHONE, "+509 3712 3456", "+50937123456" },
	{ CCS_IND_PHONE, "+597 123456", "+597123456" },
	/* IBANs: the registry's examples */
	{ CCS_IND_IBAN, "GB82 WEST 1234 5698 7654 32",
	    "GB82WEST12345698765432" },
	{ CCS_IND_IBAN, "gb82west12345698765432", "GB82WEST12345698765432" },
	{ CCS_IND_IBAN, "DE89 3704 0044 0532 0130 00",
	    "DE89370400440532013000" },
	{ CCS_IND_IBAN, "FR14 2004 1010 0505 0001 3M02 606",
	    "FR1420041010050500013M02606" },
	{ CCS_IND_IBAN, "NL91ABNA0417164300", "NL91ABNA0417164300" },
	{ CCS_IND_IBAN, "NO9386011117947", "NO9386011117947" },
};

static const struct bad_case bad_cases[] = {
	{ CCS_IND_IPV4, "010.1.1.1", "leading zero" },
	{ CCS_IND_IPV4, "1.2.3.00", "leading zero" },
	{ CCS_IND_IPV4, "1.2.3", "dotted-quad" },
	{ CCS_IND_IPV4, "1.2.3.4.5", NULL },
	{ CCS_IND_IPV4, "256.1.1.1", NULL },
	{ CCS_IND_IPV4, "1.2.3.4/32", "cidr4" },
	{ CCS_IND_IPV4, "::1", "IPv6" },
	{ CCS_IND_IPV4, "1.2.3.-4", NULL },
	{ CCS_IND_IPV4, "1..2.3", NULL },
	{ CCS_IND_IPV4, "0x7f.0.0.1", NULL },
	{ CCS_IND_IPV4, "2130706433", NULL },
	{ CCS_IND_IPV4, "1.2.3.4x", NULL },
	{ CCS_IND_IPV4, "1 .2.3.4", NULL },
	{ CCS_IND_IPV4, "", "empty" },
	{ CCS_IND_IPV4, " \t\r\n", "empty" },
	{ CCS_IND_IPV6, "fe80::1%eth0", "zone" },
	{ CCS_IND_IPV6, "2001:db8::/32", "cidr6" },
	{ CCS_IND_IPV6, "1.2.3.4", NULL },
	{ CCS_IND_IPV6, "2001:db8:::1", NULL },
	{ CCS_IND_IPV6, "1::2::3", NULL },
	{ CCS_IND_IPV6, "12345::", NULL },
	{ CCS_IND_IPV6, "g::1", NULL },
	{ CCS_IND_IPV6, "1:2:3:4:5:6:7:8:9", NULL },
	{ CCS_IND_IPV6, "[::1", NULL },
	{ CCS_IND_IPV6, "::ffff:1.2.3.256", NULL },
	{ CCS_IND_IPV6, "0000:0000:0000:0000:0000:0000:0000:0000:0", NULL },
	{ CCS_IND_CIDR4, "10.0.0.0/33", "prefix" },
	{ CCS_IND_CIDR4, "10.0.0.0/08", "prefix" },
	{ CCS_IND_CIDR4, "10.0.0.0/", "prefix" },
	{ CCS_IND_CIDR4, "10.0.0.0", "/prefix" },
	{ CCS_IND_CIDR4, "10.0.0.0/-1", NULL },
	{ CCS_IND_CIDR4, "10.0.0.0/8/8", NULL },
	{ CCS_IND_CIDR4, "010.0.0.0/8", "leading zero" },
	{ CCS_IND_CIDR4, "2001:db8::/32", "IPv6" },
	{ CCS_IND_CIDR6, "2001:db8::/129", "prefix" },
	{ CCS_IND_CIDR6, "10.0.0.0/8", "IPv4" },
	{ CCS_IND_CIDR6, "fe80::%1/64", "zone" },
	{ CCS_IND_CIDR6, "2001:db8:::/32", "IPv6 network" },
	{ CCS_IND_DOMAIN, "localhost", "two labels" },
	{ CCS_IND_DOMAIN, "1.2.3.4", "IP address" },
	{ CCS_IND_DOMAIN, "::1", "IP address" },
	{ CCS_IND_DOMAIN, "evil..example", "empty label" },
	{ CCS_IND_DOMAIN, "evil.example..", "empty label" },
	{ CCS_IND_DOMAIN, ".", "empty" },
	{ CCS_IND_DOMAIN, ".evil.example", "empty label" },
	{ CCS_IND_DOMAIN, "-evil.example", "hyphen" },
	{ CCS_IND_DOMAIN, "evil-.example", "hyphen" },
	{ CCS_IND_DOMAIN, "ev il.example", "letters, digits" },
	{ CCS_IND_DOMAIN, "evil_x.example", "letters, digits" },
	{ CCS_IND_DOMAIN, "evil.example/x", "letters, digits" },
	{ CCS_IND_DOMAIN, "http://evil.example", NULL },
	{ CCS_IND_DOMAIN, "xn--zz.example", "punycode" },
	{ CCS_IND_DOMAIN, "xn--.example", "hyphen" },
	{ CCS_IND_DOMAIN, "a.xn--", "hyphen" },
	{ CCS_IND_DOMAIN, "example.123", "numeric" },
	{ CCS_IND_DOMAIN, "a.0x7", "numeric" },
	{ CCS_IND_DOMAIN, "evil.0x", "numeric" },
	{ CCS_IND_DOMAIN, "0x7f.1", "numeric" },
	{ CCS_IND_DOMAIN, "i\xe2\x9d\xa4.ws", "internationalised" },
	{ CCS_IND_DOMAIN, "\xff.example", "UTF-8" },
	{ CCS_IND_DOMAIN, "a\xcc.example", "UTF-8" },
	{ CCS_IND_URL, "evil.example/x", "scheme" },
	{ CCS_IND_URL, "javascript:alert(1)", "scheme" },
	{ CCS_IND_URL, "mailto:x@evil.example", "scheme" },
	{ CCS_IND_URL, "//evil.example/", "scheme" },
	{ CCS_IND_URL, "http:/evil.example", "//" },
	{ CCS_IND_URL, "http:evil.example", "//" },
	{ CCS_IND_URL, "http://", "no host" },
	{ CCS_IND_URL, "http:///x", "no host" },
	{ CCS_IND_URL, "http://user@/x", "no host" },
	{ CCS_IND_URL, "http://localhost/", "two labels" },
	{ CCS_IND_URL, "http://evil.example:99999/", "65535" },
	{ CCS_IND_URL, "http://evil.example:8o/", "port" },
	{ CCS_IND_URL, "http://[::1/", "unclosed" },
	{ CCS_IND_URL, "http://[::1]x/", "after ]" },
	{ CCS_IND_URL, "http://[fe80::1%25eth0]/", "zone" },
	{ CCS_IND_URL, "http://[1.2.3.4]/", "IPv6" },
	{ CCS_IND_URL, "http://1.2.3.256/", "IPv4" },
	{ CCS_IND_URL, "http://1.2.3.4.5/", "IPv4" },
	{ CCS_IND_URL, "http://0x100000000/", "IPv4" },
	{ CCS_IND_URL, "http://evil.example/\x01", "control" },
	{ CCS_IND_URL, "http://evil.example/a\tb", "control" },
	{ CCS_IND_URL, "http://ev%41l.example/", "percent" },
	{ CCS_IND_URL, "http://evil_x.example/", "letters, digits" },
	{ CCS_IND_URL, "gopher://evil.example/", "scheme" },
	{ CCS_IND_URL, "http://u\xe3\x80\x82" "0x7/", "IPv4" },
	{ CCS_IND_EMAIL, "no-at.example", "no @" },
	{ CCS_IND_EMAIL, "@evil.example", "no local part" },
	{ CCS_IND_EMAIL, "a@", "empty domain" },
	{ CCS_IND_EMAIL, "a..b@evil.example", "dot" },
	{ CCS_IND_EMAIL, ".a@evil.example", "dot" },
	{ CCS_IND_EMAIL, "a.@evil.example", "dot" },
	{ CCS_IND_EMAIL, "\"q\"@evil.example", "quoted" },
	{ CCS_IND_EMAIL, "a b@evil.example", "quoting" },
	{ CCS_IND_EMAIL, "a@b@evil.example", "quoting" },
	{ CCS_IND_EMAIL, "a@[192.0.2.1]", "literal" },
	{ CCS_IND_EMAIL, "a@localhost", "two labels" },
	{ CCS_IND_EMAIL, "a@evil_x.example", NULL },
	{ CCS_IND_EMAIL, "\xff@evil.example", "UTF-8" },
	{ CCS_IND_MD5, "d41d8cd98f00b204e9800998ecf8427", "32 hex" },
	{ CCS_IND_MD5, "d41d8cd98f00b204e9800998ecf8427e0", "32 hex" },
	{ CCS_IND_MD5, "g41d8cd98f00b204e9800998ecf8427e", "hex digits" },
	{ CCS_IND_SHA1, "d41d8cd98f00b204e9800998ecf8427e", "40 hex" },
	{ CCS_IND_SHA256, "da39a3ee5e6b4b0d3255bfef95601890afd80709", NULL },
	{ CCS_IND_SHA256, "0x3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934c"
	    "a495991b7852b855", NULL },
	{ CCS_IND_SHA512, "cf83e1357eefb8bdf1542850d66d8007", NULL },
	{ CCS_IND_BTC, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", "checksum" },
	{ CCS_IND_BTC, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN", NULL },
	{ CCS_IND_BTC, "1A1zP1eP5QGefi2DMPTfTL5SLmv7Div0Na", "Base58" },
	{ CCS_IND_BTC, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNaaaaaaa", NULL },
	{ CCS_IND_BTC, "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn", "testnet" },
	{ CCS_IND_BTC, "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysx"
	    "f3q"
	    "0sl5k7", "testnet" },
	{ CCS_IND_BTC, "Bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "mixes" },
	{ CCS_IND_BTC, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
	    "checksum" },
	/* BIP 350's invalid mainnet addresses */
	{ CCS_IND_BTC, "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v"
	    "qh2y7hd", "bech32m" },
	{ CCS_IND_BTC, "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7V"
	    "Q54WELL", "bech32m" },
	{ CCS_IND_BTC, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",
	    "bech32 " },
	{ CCS_IND_BTC, "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vv"
	    "pq"
	    "l3jow4", "alphabet" },
	{ CCS_IND_BTC, "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7V"
	    "Q7ZWS8R", "version" },
	{ CCS_IND_BTC, "bc1pw5dgrnzv", "shorter" },
	{ CCS_IND_BTC, "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v"
	    "8n0nx0muaewav253zgeav", "40 bytes" },
	{ CCS_IND_BTC, "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", "20 or 32" },
	{ CCS_IND_BTC, "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v"
	    "07qwwzcrf", "padding" },
	{ CCS_IND_BTC, "bc1gmk9yu", "short" },
	{ CCS_IND_ETH, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "EIP-55" },
	{ CCS_IND_ETH, "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d358", "EIP-55" },
	{ CCS_IND_ETH, "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "0x" },
	{ CCS_IND_ETH, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea", "40 hex" },
	{ CCS_IND_ETH, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaedd",
	    "40 hex" },
	{ CCS_IND_ETH, "0xgaaeb6053f3e94c9b9a09f33669435e7ef1beaed", "hex" },
	{ CCS_IND_PHONE, "(876) 555-0100", "country code" },
	{ CCS_IND_PHONE, "876-555-0100", "country code" },
	{ CCS_IND_PHONE, "2 876 555 0100", "country code" },
	{ CCS_IND_PHONE, "+1 876 555 010", "North American" },
	{ CCS_IND_PHONE, "+1 876 555 01000", "North American" },
	{ CCS_IND_PHONE, "+1 076 555 0100", "North American" },
	{ CCS_IND_PHONE, "+1 876 155 0100", "North American" },
	{ CCS_IND_PHONE, "+0 123 456 789", "start with 0" },
	{ CCS_IND_PHONE, "+1234567", "8 to 15" },
	{ CCS_IND_PHONE, "+4412345678901234", "8 to 15" },
	{ CCS_IND_PHONE, "+1 876 555 0100 ext 5", "only digits" },
	{ CCS_IND_PHONE, "++18765550100", "only digits" },
	{ CCS_IND_PHONE, "+1876+5550100", "only digits" },
	{ CCS_IND_PHONE, "+", "8 to 15" },
	{ CCS_IND_IBAN, "GB82 WEST 1234 5698 7654 33", "check digits" },
	{ CCS_IND_IBAN, "GB82 WEST 1234 5698 7654 3", "22 characters" },
	{ CCS_IND_IBAN, "GB28 WEST 1234 5698 7654 32", "check digits" },
	{ CCS_IND_IBAN, "GB82-WEST-1234-5698-7654-32", "only letters" },
	{ CCS_IND_IBAN, "82GB WEST 1234 5698 7654 32", "country code" },
	{ CCS_IND_IBAN, "GB", "country code" },
	{ CCS_IND_IBAN, "ZZ12 3456", "shorter" },
	{ CCS_IND_IBAN, "GB82 WEST 1234 5698 7654 3212 3456 7890 1234",
	    "longer" },
	{ CCS_IND_IBAN, "GB\xc3\xa9" "2WEST12345698765432", "only letters" },
};

static void
test_accept(void **state)
{
	char out[CCS_IND_VALUE_MAX], again[CCS_IND_VALUE_MAX];
	struct ccs_ind_keys keys;
	struct ccs_fail f;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < NITEMS(ok_cases); i++) {
		memset(&f, 0, sizeof(f));
		rc = ccs_ind_normalise(ok_cases[i].t, ok_cases[i].in, out,
		    sizeof(out), &f);
		if (rc != CCS_OK || strcmp(out, ok_cases[i].want) != 0)
			fail_msg("%s \"%s\": rc %d \"%s\" (%s), want \"%s\"",
			    ccs_ind_type_name(ok_cases[i].t), ok_cases[i].in,
			    rc, out, f.message, ok_cases[i].want);
		/* canonical forms are fixed points and have keys */
		assert_int_equal(ccs_ind_normalise(ok_cases[i].t, out, again,
		    sizeof(again), NULL), CCS_OK);
		assert_string_equal(again, out);
		rc = ccs_ind_keys(ok_cases[i].t, out, &keys);
		if (rc != CCS_OK || keys.n == 0)
			fail_msg("keys of %s \"%s\": rc %d",
			    ccs_ind_type_name(ok_cases[i].t), out, rc);
		assert_int_equal(keys.key[0].kind, CCS_IND_KEY_EXACT);
	}
}

static void
test_refuse(void **state)
{
	char out[CCS_IND_VALUE_MAX];
	struct ccs_fail f;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < NITEMS(bad_cases); i++) {
		memset(&f, 0, sizeof(f));
		memset(out, 'x', sizeof(out));
		rc = ccs_ind_normalise(bad_cases[i].t, bad_cases[i].in, out,
		    sizeof(out), &f);
		if (rc != CCS_EINVAL)
			fail_msg("%s \"%s\" accepted as \"%s\" (rc %d)",
			    ccs_ind_type_name(bad_cases[i].t), bad_cases[i].in,
			    out, rc);
		assert_string_equal(out, "");
		assert_non_null(f.code);
		assert_string_equal(f.code, "invalid_indicator");
		assert_int_equal(f.rc, CCS_EINVAL);
		assert_true(f.message[0] != '\0');
		if (bad_cases[i].msg != NULL &&
		    strstr(f.message, bad_cases[i].msg) == NULL)
			fail_msg("%s \"%s\": message \"%s\" lacks \"%s\"",
			    ccs_ind_type_name(bad_cases[i].t), bad_cases[i].in,
			    f.message, bad_cases[i].msg);
		/* nor are they accepted by the keys */
		assert_int_not_equal(ccs_ind_keys(bad_cases[i].t,
		    bad_cases[i].in, &(struct ccs_ind_keys){ 0 }), CCS_OK);
	}
}

static void
test_notes(void **state)
{
	char out[CCS_IND_VALUE_MAX];
	unsigned notes;

	(void)state;
	assert_int_equal(ccs_ind_normalise_ex(CCS_IND_URL,
	    "hxxp://u:p@evil[.]example/#x", out, sizeof(out), &notes, NULL),
	    CCS_OK);
	assert_int_equal(notes, CCS_IND_NOTE_DEFANGED | CCS_IND_NOTE_USERINFO |
	    CCS_IND_NOTE_FRAGMENT);
	assert_int_equal(ccs_ind_normalise_ex(CCS_IND_URL,
	    "http://0x7f.1/", out, sizeof(out), &notes, NULL), CCS_OK);
	assert_int_equal(notes, CCS_IND_NOTE_IPNUMERIC);
	assert_int_equal(ccs_ind_normalise_ex(CCS_IND_URL,
	    "http://127.0.0.1/", out, sizeof(out), &notes, NULL), CCS_OK);
	assert_int_equal(notes, 0);
	assert_int_equal(ccs_ind_normalise_ex(CCS_IND_CIDR4, "10.1.2.3/8",
	    out, sizeof(out), &notes, NULL), CCS_OK);
	assert_int_equal(notes, CCS_IND_NOTE_HOSTBITS);
	assert_int_equal(ccs_ind_normalise_ex(CCS_IND_CIDR4, "10.0.0.0/8",
	    out, sizeof(out), &notes, NULL), CCS_OK);
	assert_int_equal(notes, 0);
	assert_int_equal(ccs_ind_normalise_ex(CCS_IND_PHONE, "18765550100",
	    out, sizeof(out), &notes, NULL), CCS_OK);
	assert_int_equal(notes, CCS_IND_NOTE_NANP);
	assert_int_equal(ccs_ind_normalise_ex(CCS_IND_PHONE, "+18765550100",
	    out, sizeof(out), &notes, NULL), CCS_OK);
	assert_int_equal(notes, 0);
	/* refused: notes cleared */
	notes = 99;
	assert_int_equal(ccs_ind_normalise_ex(CCS_IND_URL, "hxxp://localhost/",
	    out, sizeof(out), &notes, NULL), CCS_EINVAL);
	assert_int_equal(notes, 0);
}

static void
test_api_edges(void **state)
{
	char small[8], big[CCS_IND_INPUT_MAX + 2], out[CCS_IND_VALUE_MAX];
	struct ccs_fail f;

	(void)state;
	/* output too small: ETOOBIG, empty output, never truncated */
	memset(&f, 0, sizeof(f));
	assert_int_equal(ccs_ind_normalise(CCS_IND_IPV4, "192.0.2.7", small,
	    sizeof(small), &f), CCS_ETOOBIG);
	assert_string_equal(small, "");
	assert_int_equal(ccs_ind_normalise(CCS_IND_IPV4, "1.2.3.4", small,
	    sizeof(small), NULL), CCS_OK);
	assert_string_equal(small, "1.2.3.4");
	assert_int_equal(ccs_ind_normalise(CCS_IND_IPV4, "1.2.3.4", small, 0,
	    NULL), CCS_EINVAL);
	assert_int_equal(ccs_ind_normalise(CCS_IND_IPV4, NULL, out,
	    sizeof(out), &f), CCS_EINVAL);
	assert_string_equal(out, "");
	assert_int_equal(ccs_ind_normalise(CCS_IND_IPV4, "1.2.3.4", NULL, 10,
	    NULL), CCS_EINVAL);
	assert_int_equal(ccs_ind_normalise((enum ccs_ind_type)99, "1.2.3.4",
	    out, sizeof(out), &f), CCS_EINVAL);
	/* input bound */
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	memset(&f, 0, sizeof(f));
	assert_int_equal(ccs_ind_normalise(CCS_IND_URL, big, out, sizeof(out),
	    &f), CCS_ETOOBIG);
	assert_string_equal(f.code, "invalid_indicator");
	/* URL bound: 2048 bytes of canonical URL, not one more */
	memcpy(big, "http://evil.example/", 20);
	memset(big + 20, 'a', 2048 - 20);
	big[2048] = '\0';
	assert_int_equal(ccs_ind_normalise(CCS_IND_URL, big, out, sizeof(out),
	    NULL), CCS_OK);
	assert_int_equal(strlen(out), 2048);
	big[2048] = 'a';
	big[2049] = '\0';
	memset(&f, 0, sizeof(f));
	assert_int_equal(ccs_ind_normalise(CCS_IND_URL, big, out, sizeof(out),
	    &f), CCS_EINVAL);
	assert_non_null(strstr(f.message, "2048"));
	/* escaping can make a short input too long */
	memcpy(big, "http://evil.example/", 20);
	memset(big + 20, ' ', 1000);
	big[1020] = 'x';
	big[1021] = '\0';
	assert_int_equal(ccs_ind_normalise(CCS_IND_URL, big, out, sizeof(out),
	    NULL), CCS_EINVAL);
	/* NULL fail pointer is fine */
	assert_int_equal(ccs_ind_normalise(CCS_IND_IPV4, "x", out, sizeof(out),
	    NULL), CCS_EINVAL);
}

static void
test_domain_limits(void **state)
{
	char in[600], out[CCS_IND_VALUE_MAX];
	size_t i;

	(void)state;
	/* a 63-byte label is fine, 64 is not */
	memset(in, 'a', 63);
	memcpy(in + 63, ".example", 9);
	assert_int_equal(ccs_ind_normalise(CCS_IND_DOMAIN, in, out,
	    sizeof(out), NULL), CCS_OK);
	memset(in, 'a', 64);
	memcpy(in + 64, ".example", 9);
	assert_int_equal(ccs_ind_normalise(CCS_IND_DOMAIN, in, out,
	    sizeof(out), NULL), CCS_EINVAL);
	/* 253 bytes total is fine, 254 is not (with or without a dot) */
	for (i = 0; i < 253; i++)
		in[i] = (i % 2 == 0) ? 'a' : '.';
	in[253] = '\0';
	assert_int_equal(ccs_ind_normalise(CCS_IND_DOMAIN, in, out,
	    sizeof(out), NULL), CCS_OK);
	assert_int_equal(strlen(out), 253);
	in[253] = '.';
	in[254] = '\0';
	assert_int_equal(ccs_ind_normalise(CCS_IND_DOMAIN, in, out,
	    sizeof(out), NULL), CCS_OK);
	in[253] = 'b';
	in[254] = '\0';
	assert_int_equal(ccs_ind_normalise(CCS_IND_DOMAIN, in, out,
	    sizeof(out), NULL), CCS_EINVAL);
	/* an IDN whose A-label form is too long */
	in[0] = '\0';
	for (i = 0; i < 40; i++)
		memcpy(in + strlen(in), "\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc.",
		    10);
	memcpy(in + strlen(in), "example", 8);
	assert_int_equal(ccs_ind_normalise(CCS_IND_DOMAIN, in, out,
	    sizeof(out), NULL), CCS_EINVAL);
	/* e-mail: 64-byte local part fine, 65 not */
	memset(in, 'a', 64);
	memcpy(in + 64, "@evil.example", 14);
	assert_int_equal(ccs_ind_normalise(CCS_IND_EMAIL, in, out,
	    sizeof(out), NULL), CCS_OK);
	memset(in, 'a', 65);
	memcpy(in + 65, "@evil.example", 14);
	assert_int_equal(ccs_ind_normalise(CCS_IND_EMAIL, in, out,
	    sizeof(out), NULL), CCS_EINVAL);
	/* e-mail: 254 bytes in all, not 255 */
	memset(in, 'a', 64);
	in[64] = '@';
	for (i = 65; i < 254; i++)
		in[i] = (i % 2 == 1) ? 'b' : '.';
	in[254] = '\0';
	assert_int_equal(ccs_ind_normalise(CCS_IND_EMAIL, in, out,
	    sizeof(out), NULL), CCS_OK);
	in[254] = '.';
	in[255] = 'c';
	in[256] = '\0';
	assert_int_equal(ccs_ind_normalise(CCS_IND_EMAIL, in, out,
	    sizeof(out), NULL), CCS_EINVAL);
}

/* The IBAN check digits of country @p cc and BBAN @p bban. */
static unsigned
iban_check(const char *cc, const char *bban)
{
	char s[64];
	unsigned r = 0;
	size_t i;

	assert_true(snprintf(s, sizeof(s), "%s%s00", bban, cc) <
	    (int)sizeof(s));
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			r = (r * 100 + (unsigned)(s[i] - 'A' + 10)) % 97;
		else
			r = (r * 10 + (unsigned)(s[i] - '0')) % 97;
	}
	return 98 - r;
}

static void
test_iban_alias(void **state)
{
	char bban[32], in[64], out[CCS_IND_VALUE_MAX];
	unsigned cd, i, found = 0;

	(void)state;
	/* check digits 00, 01, 99 alias 97, 98, 02: they pass mod 97 but
	 * are never issued */
	for (i = 0; i < 100000 && found < 3; i++) {
		assert_true(snprintf(bban, sizeof(bban), "WEST1234569876%04u",
		    i) < (int)sizeof(bban));
		cd = iban_check("GB", bban);
		if (cd != 2 && cd != 97 && cd != 98)
			continue;
		found++;
		assert_true(snprintf(in, sizeof(in), "GB%02u%s", cd, bban) <
		    (int)sizeof(in));
		assert_int_equal(ccs_ind_normalise(CCS_IND_IBAN, in, out,
		    sizeof(out), NULL), CCS_OK);
		assert_true(snprintf(in, sizeof(in), "GB%02u%s",
		    cd == 2 ? 99 : cd - 97, bban) < (int)sizeof(in));
		assert_int_equal(ccs_ind_normalise(CCS_IND_IBAN, in, out,
		    sizeof(out), NULL), CCS_EINVAL);
	}
	assert_int_equal(found, 3);
	/* an unknown country: 15 to 34 characters with a valid mod 97 */
	cd = iban_check("ZZ", "123456789012");
	assert_true(snprintf(in, sizeof(in), "ZZ%02u123456789012", cd) <
	    (int)sizeof(in));
	assert_int_equal(ccs_ind_normalise(CCS_IND_IBAN, in, out, sizeof(out),
	    NULL), CCS_OK);
	/* a one-character change in any place is caught */
	for (i = 4; i < 22; i++) {
		snprintf(in, sizeof(in), "GB82WEST12345698765432");
		in[i] = in[i] == '9' ? '8' : (in[i] == 'Z' ? 'Y' :
		    (char)(in[i] + 1));
		assert_int_equal(ccs_ind_normalise(CCS_IND_IBAN, in, out,
		    sizeof(out), NULL), CCS_EINVAL);
	}
}

static void
test_eth_checksum(void **state)
{
	static const char *const v[] = {
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
		"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
		"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
		"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
	};
	char low[CCS_IND_VALUE_MAX], sum[43];
	size_t i;

	(void)state;
	for (i = 0; i < NITEMS(v); i++) {
		assert_int_equal(ccs_ind_normalise(CCS_IND_ETH, v[i], low,
		    sizeof(low), NULL), CCS_OK);
		assert_int_equal(ccs_ind_eth_checksum(low, sum, sizeof(sum)),
		    CCS_OK);
		assert_string_equal(sum, v[i]);
	}
	assert_int_equal(ccs_ind_eth_checksum(low, sum, 42), CCS_ETOOBIG);
	assert_int_equal(ccs_ind_eth_checksum(v[0], sum, sizeof(sum)),
	    CCS_EINVAL);
	assert_int_equal(ccs_ind_eth_checksum("0x12", sum, sizeof(sum)),
	    CCS_EINVAL);
	assert_int_equal(ccs_ind_eth_checksum(NULL, sum, sizeof(sum)),
	    CCS_EINVAL);
}

static void
test_email_key(void **state)
{
	char key[CCS_IND_VALUE_MAX];

	(void)state;
	assert_int_equal(ccs_ind_email_key("John.Doe@example.org", key,
	    sizeof(key)), CCS_OK);
	assert_string_equal(key, "john.doe@example.org");
	assert_int_equal(ccs_ind_email_key("John.Doe@EXAMPLE.org", key,
	    sizeof(key)), CCS_EINVAL);
	assert_int_equal(ccs_ind_email_key("John.Doe@example.org", key, 5),
	    CCS_ETOOBIG);
	assert_int_equal(ccs_ind_email_key("nope", key, sizeof(key)),
	    CCS_EINVAL);
	assert_int_equal(ccs_ind_email_key(NULL, key, sizeof(key)), CCS_EINVAL);
}

static void
test_types(void **state)
{
	static const struct {
		const char		*name;
		enum ccs_ind_type	 t;
	} names[] = {
		{ "ipv4-addr", CCS_IND_IPV4 }, { "IPv4", CCS_IND_IPV4 },
		{ "ipv6-addr", CCS_IND_IPV6 }, { "cidr", CCS_IND_CIDR4 },
		{ "cidr6", CCS_IND_CIDR6 }, { "domain-name", CCS_IND_DOMAIN },
		{ "url", CCS_IND_URL }, { "email-addr", CCS_IND_EMAIL },
		{ "file:hashes.MD5", CCS_IND_MD5 },
		{ "file:hashes.'MD5'", CCS_IND_MD5 },
		{ "file:hashes.'SHA-1'", CCS_IND_SHA1 },
		{ "file:hashes.'SHA-256'", CCS_IND_SHA256 },
		{ "file:hashes.SHA256", CCS_IND_SHA256 },
		{ "file:hashes.'SHA-512'", CCS_IND_SHA512 },
		{ "SHA-256", CCS_IND_SHA256 }, { "md5", CCS_IND_MD5 },
		{ "sha1", CCS_IND_SHA1 }, { "btc", CCS_IND_BTC },
		{ "eth", CCS_IND_ETH }, { "phone", CCS_IND_PHONE },
		{ "iban", CCS_IND_IBAN },
	};
	static const char *const bad[] = {
		"ipv5", "", "file:hashes.'SHA-3'", "file:hashes.",
		"file:hashes.'url'", "file:hashes.ipv4", "md5 ", "x-ipv4",
	};
	enum ccs_ind_type t;
	unsigned i;

	(void)state;
	for (i = 0; i < NITEMS(names); i++) {
		assert_int_equal(ccs_ind_type_parse(names[i].name, &t), CCS_OK);
		assert_int_equal(t, names[i].t);
	}
	for (i = 0; i < NITEMS(bad); i++)
		assert_int_equal(ccs_ind_type_parse(bad[i], &t), CCS_EINVAL);
	assert_int_equal(ccs_ind_type_parse(NULL, &t), CCS_EINVAL);
	for (i = 0; i < CCS_IND_NTYPES; i++) {
		assert_non_null(ccs_ind_type_name((enum ccs_ind_type)i));
		assert_int_equal(ccs_ind_type_parse(ccs_ind_type_name(
		    (enum ccs_ind_type)i), &t), CCS_OK);
		assert_int_equal(t, i);
	}
	assert_null(ccs_ind_type_name((enum ccs_ind_type)CCS_IND_NTYPES));
	assert_string_equal(ccs_ind_type_stix(CCS_IND_CIDR4), "ipv4-addr");
	assert_string_equal(ccs_ind_type_stix(CCS_IND_EMAIL), "email-addr");
	assert_null(ccs_ind_type_stix(CCS_IND_BTC));
	assert_null(ccs_ind_type_stix((enum ccs_ind_type)99));
	assert_int_equal(ccs_ind_refine(CCS_IND_IPV4, "10.0.0.0/8"),
	    CCS_IND_CIDR4);
	assert_int_equal(ccs_ind_refine(CCS_IND_CIDR4, "2001:db8::/32"),
	    CCS_IND_CIDR6);
	assert_int_equal(ccs_ind_refine(CCS_IND_IPV4, "::1"), CCS_IND_IPV6);
	assert_int_equal(ccs_ind_refine(CCS_IND_CIDR6, "10.0.0.1"),
	    CCS_IND_IPV4);
	assert_int_equal(ccs_ind_refine(CCS_IND_DOMAIN, "a/b"), CCS_IND_DOMAIN);
}

struct key_case {
	enum ccs_ind_type	 t;
	const char		*v;
	const char		*keys[CCS_IND_KEYS_MAX]; /* "K:value", K kind */
};

static const struct key_case key_cases[] = {
	{ CCS_IND_IPV4, "192.0.2.7", { "E:ipv4:192.0.2.7",
	    "N:net4:192.0.2.0/24", "N:net4:192.0.0.0/16",
	    "N:net4:192.0.0.0/8" } },
	{ CCS_IND_IPV6, "2001:db8:1:2::7", { "E:ipv6:2001:db8:1:2::7",
	    "N:net6:2001:db8:1:2::/64", "N:net6:2001:db8:1::/48",
	    "N:net6:2001:db8::/32" } },
	{ CCS_IND_IPV6, "::ffff:192.0.2.7", { "E:ipv6:::ffff:192.0.2.7",
	    "A:ipv4:192.0.2.7", "N:net4:192.0.2.0/24", "N:net4:192.0.0.0/16",
	    "N:net4:192.0.0.0/8" } },
	{ CCS_IND_CIDR4, "10.0.0.0/8", { "E:cidr4:10.0.0.0/8",
	    "B:net4:10.0.0.0/8" } },
	{ CCS_IND_CIDR4, "192.0.2.128/25", { "E:cidr4:192.0.2.128/25",
	    "B:net4:192.0.2.0/24" } },
	{ CCS_IND_CIDR4, "172.16.0.0/12", { "E:cidr4:172.16.0.0/12",
	    "B:net4:172.0.0.0/8" } },
	{ CCS_IND_CIDR4, "198.51.100.7/32", { "E:cidr4:198.51.100.7/32",
	    "B:net4:198.51.100.0/24" } },
	{ CCS_IND_CIDR4, "0.0.0.0/0", { "E:cidr4:0.0.0.0/0" } },
	{ CCS_IND_CIDR4, "8.0.0.0/7", { "E:cidr4:8.0.0.0/7" } },
	{ CCS_IND_CIDR6, "2001:db8:1::/48", { "E:cidr6:2001:db8:1::/48",
	    "B:net6:2001:db8:1::/48" } },
	{ CCS_IND_CIDR6, "2001:db8::/40", { "E:cidr6:2001:db8::/40",
	    "B:net6:2001:db8::/32" } },
	{ CCS_IND_CIDR6, "2001:db8:1:2::/96", { "E:cidr6:2001:db8:1:2::/96",
	    "B:net6:2001:db8:1:2::/64" } },
	{ CCS_IND_CIDR6, "2001::/16", { "E:cidr6:2001::/16" } },
	{ CCS_IND_CIDR6, "::ffff:10.0.0.0/104", { "E:cidr6:::ffff:10.0.0.0/104",
	    "A:cidr4:10.0.0.0/8", "B:net4:10.0.0.0/8" } },
	{ CCS_IND_CIDR6, "::ffff:0.0.0.0/96", { "E:cidr6:::ffff:0.0.0.0/96",
	    "A:cidr4:0.0.0.0/0" } },
	{ CCS_IND_DOMAIN, "www.evil.example", { "E:domain:www.evil.example",
	    "R:regdom:evil.example" } },
	{ CCS_IND_DOMAIN, "evil.example", { "E:domain:evil.example",
	    "R:regdom:evil.example" } },
	{ CCS_IND_DOMAIN, "foo.bar.gov.jm", { "E:domain:foo.bar.gov.jm",
	    "R:regdom:bar.gov.jm" } },
	{ CCS_IND_DOMAIN, "www.example.co.uk", { "E:domain:www.example.co.uk",
	    "R:regdom:example.co.uk" } },
	{ CCS_IND_DOMAIN, "a.b.blogspot.com", { "E:domain:a.b.blogspot.com",
	    "R:regdom:b.blogspot.com" } },
	{ CCS_IND_DOMAIN, "co.uk", { "E:domain:co.uk" } },
	{ CCS_IND_DOMAIN, "x.xn--wgv71a.jp", { "E:domain:x.xn--wgv71a.jp",
	    "R:regdom:xn--wgv71a.jp" } },
	{ CCS_IND_URL, "http://192.0.2.7:8080/x", { "E:url:*",
	    "H:ipv4:192.0.2.7", "N:net4:192.0.2.0/24", "N:net4:192.0.0.0/16",
	    "N:net4:192.0.0.0/8" } },
	{ CCS_IND_URL, "https://www.evil.example/a?b", { "E:url:*",
	    "H:domain:www.evil.example", "R:regdom:evil.example" } },
	{ CCS_IND_URL, "http://[::ffff:192.0.2.7]/", { "E:url:*",
	    "H:ipv6:::ffff:192.0.2.7", "A:ipv4:192.0.2.7",
	    "N:net4:192.0.2.0/24", "N:net4:192.0.0.0/16",
	    "N:net4:192.0.0.0/8" } },
	{ CCS_IND_URL, "http://[2001:db8::1]:81/", { "E:url:*",
	    "H:ipv6:2001:db8::1", "N:net6:2001:db8::/64",
	    "N:net6:2001:db8::/48", "N:net6:2001:db8::/32" } },
	{ CCS_IND_EMAIL, "John.Doe@mail.evil.example", {
	    "E:email:john.doe@mail.evil.example",
	    "H:domain:mail.evil.example", "R:regdom:evil.example" } },
	{ CCS_IND_MD5, "d41d8cd98f00b204e9800998ecf8427e", {
	    "E:md5:d41d8cd98f00b204e9800998ecf8427e" } },
	{ CCS_IND_BTC, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", {
	    "E:btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa" } },
	{ CCS_IND_ETH, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", {
	    "E:eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed" } },
	{ CCS_IND_PHONE, "+18765550100", { "E:phone:+18765550100" } },
	{ CCS_IND_IBAN, "GB82WEST12345698765432", {
	    "E:iban:GB82WEST12345698765432" } },
};

static char
kind_letter(enum ccs_ind_key_kind k)
{
	static const char l[] = "EAHRNB";

	return (unsigned)k < sizeof(l) - 1 ? l[k] : '?';
}

static void
test_keys(void **state)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char h[crypto_hash_sha256_BYTES];
	char want[CCS_IND_KEY_MAX + 2], got[CCS_IND_KEY_MAX + 2];
	struct ccs_ind_keys k;
	size_t i, j, nwant, m;

	(void)state;
	for (i = 0; i < NITEMS(key_cases); i++) {
		assert_int_equal(ccs_ind_keys(key_cases[i].t, key_cases[i].v,
		    &k), CCS_OK);
		for (nwant = 0; nwant < CCS_IND_KEYS_MAX &&
		    key_cases[i].keys[nwant] != NULL; nwant++)
			;
		if (k.n != nwant)
			fail_msg("%s: %zu keys, want %zu", key_cases[i].v, k.n,
			    nwant);
		for (j = 0; j < nwant; j++) {
			snprintf(want, sizeof(want), "%s",
			    key_cases[i].keys[j]);
			if (strcmp(want, "E:url:*") == 0) {
				crypto_hash_sha256(h, (const unsigned char *)
				    key_cases[i].v, strlen(key_cases[i].v));
				memcpy(want, "E:url:", 6);
				for (m = 0; m < sizeof(h); m++) {
					want[6 + 2 * m] = hex[h[m] >> 4];
					want[7 + 2 * m] = hex[h[m] & 0xf];
				}
				want[6 + 2 * sizeof(h)] = '\0';
			}
			snprintf(got, sizeof(got), "%c:%s",
			    kind_letter(k.key[j].kind), k.key[j].value);
			if (strcmp(got, want) != 0)
				fail_msg("%s key %zu: %s, want %s",
				    key_cases[i].v, j, got, want);
		}
	}
	/* only canonical values have keys */
	assert_int_equal(ccs_ind_keys(CCS_IND_DOMAIN, "Evil.example", &k),
	    CCS_EINVAL);
	assert_int_equal(k.n, 0);
	assert_int_equal(ccs_ind_keys(CCS_IND_URL, "http://evil.example", &k),
	    CCS_EINVAL);
	assert_int_equal(ccs_ind_keys(CCS_IND_IPV4, " 1.2.3.4", &k),
	    CCS_EINVAL);
	assert_int_equal(ccs_ind_keys(CCS_IND_CIDR4, "10.1.0.0/8", &k),
	    CCS_EINVAL);
	assert_int_equal(ccs_ind_keys(CCS_IND_IPV4, NULL, &k), CCS_EINVAL);
	assert_int_equal(ccs_ind_keys(CCS_IND_IPV4, "1.2.3.4", NULL),
	    CCS_EINVAL);
}

static bool
shares_key(const struct ccs_ind_keys *a, enum ccs_ind_key_kind ka,
    const struct ccs_ind_keys *b, enum ccs_ind_key_kind kb)
{
	size_t i, j;

	for (i = 0; i < a->n; i++) {
		for (j = 0; j < b->n; j++) {
			if (a->key[i].kind == ka && b->key[j].kind == kb &&
			    strcmp(a->key[i].value, b->key[j].value) == 0)
				return true;
		}
	}
	return false;
}

/* The matching scheme end to end, as the fusion centre will use it. */
static void
test_correlation(void **state)
{
	struct ccs_ind_keys ip, net, url, dom, dom2, mail, ip6;

	(void)state;
	assert_int_equal(ccs_ind_keys(CCS_IND_IPV4, "198.51.100.77", &ip),
	    CCS_OK);
	assert_int_equal(ccs_ind_keys(CCS_IND_CIDR4, "198.51.100.64/26", &net),
	    CCS_OK);
	assert_true(shares_key(&ip, CCS_IND_KEY_NET, &net, CCS_IND_KEY_BUCKET));
	assert_true(ccs_ind_cidr_contains("198.51.100.64/26", "198.51.100.77"));
	/* same bucket, not contained: the precise check says no */
	assert_int_equal(ccs_ind_keys(CCS_IND_IPV4, "198.51.100.7", &ip),
	    CCS_OK);
	assert_true(shares_key(&ip, CCS_IND_KEY_NET, &net, CCS_IND_KEY_BUCKET));
	assert_false(ccs_ind_cidr_contains("198.51.100.64/26", "198.51.100.7"));
	/* a /12 is filed under its /8 */
	assert_int_equal(ccs_ind_keys(CCS_IND_CIDR4, "172.16.0.0/12", &net),
	    CCS_OK);
	assert_int_equal(ccs_ind_keys(CCS_IND_IPV4, "172.20.1.1", &ip), CCS_OK);
	assert_true(shares_key(&ip, CCS_IND_KEY_NET, &net, CCS_IND_KEY_BUCKET));
	/* an IPv4-mapped address finds IPv4 networks */
	assert_int_equal(ccs_ind_keys(CCS_IND_IPV6, "::ffff:172.20.1.1", &ip6),
	    CCS_OK);
	assert_true(shares_key(&ip6, CCS_IND_KEY_NET, &net,
	    CCS_IND_KEY_BUCKET));
	/* URL, domain and e-mail */
	assert_int_equal(ccs_ind_keys(CCS_IND_URL,
	    "https://login.evil.example/x", &url), CCS_OK);
	assert_int_equal(ccs_ind_keys(CCS_IND_DOMAIN, "login.evil.example",
	    &dom), CCS_OK);
	assert_int_equal(ccs_ind_keys(CCS_IND_DOMAIN, "evil.example", &dom2),
	    CCS_OK);
	assert_int_equal(ccs_ind_keys(CCS_IND_EMAIL, "Boss@evil.example",
	    &mail), CCS_OK);
	assert_true(shares_key(&url, CCS_IND_KEY_HOST, &dom,
	    CCS_IND_KEY_EXACT));
	assert_true(shares_key(&url, CCS_IND_KEY_REGDOM, &dom2,
	    CCS_IND_KEY_REGDOM));
	assert_true(shares_key(&mail, CCS_IND_KEY_HOST, &dom2,
	    CCS_IND_KEY_EXACT));
	assert_false(shares_key(&url, CCS_IND_KEY_HOST, &dom2,
	    CCS_IND_KEY_EXACT));
	/* a URL on an IP finds the IP */
	assert_int_equal(ccs_ind_keys(CCS_IND_URL, "http://198.51.100.7/",
	    &url), CCS_OK);
	assert_true(shares_key(&url, CCS_IND_KEY_HOST, &ip, CCS_IND_KEY_EXACT)
	    == false);
	assert_int_equal(ccs_ind_keys(CCS_IND_IPV4, "198.51.100.7", &ip),
	    CCS_OK);
	assert_true(shares_key(&url, CCS_IND_KEY_HOST, &ip, CCS_IND_KEY_EXACT));
}

static void
test_cidr_contains(void **state)
{
	(void)state;
	assert_true(ccs_ind_cidr_contains("10.0.0.0/8", "10.1.2.3"));
	assert_true(ccs_ind_cidr_contains("10.0.0.0/8", "10.255.255.255"));
	assert_false(ccs_ind_cidr_contains("10.0.0.0/8", "11.0.0.0"));
	assert_false(ccs_ind_cidr_contains("10.0.0.0/8", "9.255.255.255"));
	assert_true(ccs_ind_cidr_contains("192.0.2.128/25", "192.0.2.200"));
	assert_false(ccs_ind_cidr_contains("192.0.2.128/25", "192.0.2.127"));
	assert_true(ccs_ind_cidr_contains("192.0.2.7/32", "192.0.2.7"));
	assert_false(ccs_ind_cidr_contains("192.0.2.7/32", "192.0.2.8"));
	assert_true(ccs_ind_cidr_contains("0.0.0.0/0", "1.2.3.4"));
	assert_true(ccs_ind_cidr_contains("2001:db8::/32", "2001:db8:ffff::1"));
	assert_false(ccs_ind_cidr_contains("2001:db8::/32", "2001:db9::"));
	assert_true(ccs_ind_cidr_contains("2001:db8::/33", "2001:db8:7fff::"));
	assert_false(ccs_ind_cidr_contains("2001:db8::/33", "2001:db8:8000::"));
	assert_true(ccs_ind_cidr_contains("10.0.0.0/8", "::ffff:10.2.3.4"));
	assert_true(ccs_ind_cidr_contains("::ffff:10.0.0.0/104", "10.9.9.9"));
	assert_false(ccs_ind_cidr_contains("2001:db8::/32", "10.9.9.9"));
	assert_false(ccs_ind_cidr_contains("10.0.0.0/8", "2001:db8::1"));
	assert_false(ccs_ind_cidr_contains("10.0.0.0/8", "10.0.0.0/8"));
	assert_false(ccs_ind_cidr_contains("10.0.0.0/33", "10.0.0.1"));
	assert_false(ccs_ind_cidr_contains("garbage", "10.0.0.1"));
	assert_false(ccs_ind_cidr_contains("10.0.0.0/8", "010.0.0.1"));
	assert_false(ccs_ind_cidr_contains(NULL, "10.0.0.1"));
	assert_false(ccs_ind_cidr_contains("10.0.0.0/8", NULL));
}

struct warn_case {
	enum ccs_ind_type	 t;
	const char		*v;
	const char		*why;	/* part of the list name, NULL: not */
};

static const struct warn_case warn_cases[] = {
	{ CCS_IND_IPV4, "10.1.2.3", "RFC 1918" },
	{ CCS_IND_IPV4, "172.31.255.255", "RFC 1918" },
	{ CCS_IND_IPV4, "172.32.0.0", NULL },
	{ CCS_IND_IPV4, "192.168.1.1", "RFC 1918" },
	{ CCS_IND_IPV4, "127.0.0.1", "loopback" },
	{ CCS_IND_IPV4, "169.254.1.1", "link-local" },
	{ CCS_IND_IPV4, "100.64.0.1", "CGNAT" },
	{ CCS_IND_IPV4, "100.127.255.255", "CGNAT" },
	{ CCS_IND_IPV4, "100.128.0.1", NULL },
	{ CCS_IND_IPV4, "192.0.2.1", "documentation" },
	{ CCS_IND_IPV4, "198.51.100.1", "documentation" },
	{ CCS_IND_IPV4, "203.0.113.1", "documentation" },
	{ CCS_IND_IPV4, "224.0.0.1", "multicast" },
	{ CCS_IND_IPV4, "239.255.255.250", "multicast" },
	{ CCS_IND_IPV4, "255.255.255.255", "reserved" },
	{ CCS_IND_IPV4, "0.0.0.0", "unspecified" },
	{ CCS_IND_IPV4, "8.8.8.8", "resolver" },
	{ CCS_IND_IPV4, "8.8.4.4", "resolver" },
	{ CCS_IND_IPV4, "8.8.8.9", NULL },
	{ CCS_IND_IPV4, "1.1.1.1", "resolver" },
	{ CCS_IND_IPV4, "1.0.0.1", "resolver" },
	{ CCS_IND_IPV4, "9.9.9.9", "resolver" },
	{ CCS_IND_IPV4, "149.112.112.112", "resolver" },
	{ CCS_IND_IPV4, "208.67.222.222", "resolver" },
	{ CCS_IND_IPV4, "208.67.220.220", "resolver" },
	{ CCS_IND_IPV4, "193.0.2.1", NULL },
	{ CCS_IND_IPV4, "185.220.101.1", NULL },
	{ CCS_IND_IPV6, "::1", "loopback" },
	{ CCS_IND_IPV6, "::", "unspecified" },
	{ CCS_IND_IPV6, "fe80::1", "link-local" },
	{ CCS_IND_IPV6, "fd00::1", "RFC 4193" },
	{ CCS_IND_IPV6, "ff02::1", "multicast" },
	{ CCS_IND_IPV6, "2001:db8::1", "documentation" },
	{ CCS_IND_IPV6, "2001:4860:4860::8888", "resolver" },
	{ CCS_IND_IPV6, "2606:4700:4700::1111", "resolver" },
	{ CCS_IND_IPV6, "2620:fe::fe", "resolver" },
	{ CCS_IND_IPV6, "::ffff:10.0.0.1", "RFC 1918" },
	{ CCS_IND_IPV6, "::ffff:8.8.8.8", "resolver" },
	{ CCS_IND_IPV6, "2a00:1450:4001::1", NULL },
	{ CCS_IND_CIDR4, "10.1.0.0/16", "RFC 1918" },
	{ CCS_IND_CIDR4, "10.0.0.0/8", "RFC 1918" },
	{ CCS_IND_CIDR4, "10.0.0.0/7", NULL },
	{ CCS_IND_CIDR4, "0.0.0.0/0", NULL },
	{ CCS_IND_CIDR4, "8.8.8.8/32", "resolver" },
	{ CCS_IND_CIDR4, "8.8.8.0/24", NULL },
	{ CCS_IND_CIDR6, "2001:db8:1::/48", "documentation" },
	{ CCS_IND_CIDR6, "2001::/16", NULL },
	{ CCS_IND_DOMAIN, "example.com", "example" },
	{ CCS_IND_DOMAIN, "www.example.com", "example" },
	{ CCS_IND_DOMAIN, "example.com.evil.example", "example" },
	{ CCS_IND_DOMAIN, "example.com.evil.net", NULL },
	{ CCS_IND_DOMAIN, "notexample.com", NULL },
	{ CCS_IND_DOMAIN, "foo.test", "example" },
	{ CCS_IND_DOMAIN, "x.invalid", "example" },
	{ CCS_IND_DOMAIN, "a.localhost", "example" },
	{ CCS_IND_DOMAIN, "router.home.arpa", "local-use" },
	{ CCS_IND_DOMAIN, "printer.local", "local-use" },
	{ CCS_IND_DOMAIN, "google.com", "cloud" },
	{ CCS_IND_DOMAIN, "amazonaws.com", "cloud" },
	{ CCS_IND_DOMAIN, "akamai.net", "cloud" },
	{ CCS_IND_DOMAIN, "mail.google.com", NULL },
	{ CCS_IND_DOMAIN, "evilgoogle.com", NULL },
	{ CCS_IND_DOMAIN, "s3.amazonaws.com", NULL },
	{ CCS_IND_DOMAIN, "google.com.evil.net", NULL },
	{ CCS_IND_URL, "http://127.0.0.1/", "loopback" },
	{ CCS_IND_URL, "http://10.0.0.1:8080/x", "RFC 1918" },
	{ CCS_IND_URL, "http://[::1]/", "loopback" },
	{ CCS_IND_URL, "https://www.example.com/x", "example" },
	{ CCS_IND_URL, "https://google.com/", NULL },
	{ CCS_IND_URL, "https://evil.example/", "example" },
	{ CCS_IND_URL, "https://phish.evil.net/", NULL },
	{ CCS_IND_URL, "https://185.220.101.1/", NULL },
	{ CCS_IND_EMAIL, "a@example.com", "example" },
	{ CCS_IND_EMAIL, "a@google.com", NULL },
	{ CCS_IND_EMAIL, "a@evil.net", NULL },
	{ CCS_IND_PHONE, "+18765550100", "fictional" },
	{ CCS_IND_PHONE, "+18765550199", "fictional" },
	{ CCS_IND_PHONE, "+18765550200", NULL },
	{ CCS_IND_PHONE, "+18765551234", NULL },
	{ CCS_IND_PHONE, "+448765550100", NULL },
	{ CCS_IND_MD5, "d41d8cd98f00b204e9800998ecf8427e", "empty file" },
	{ CCS_IND_SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709",
	    "empty file" },
	{ CCS_IND_SHA256,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	    "empty file" },
	{ CCS_IND_SHA256,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b856",
	    NULL },
	{ CCS_IND_BTC, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", NULL },
	{ CCS_IND_IPV4, "not an address", NULL },
};

static void
test_warninglist(void **state)
{
	const char *why;
	bool listed;
	size_t i;

	(void)state;
	for (i = 0; i < NITEMS(warn_cases); i++) {
		why = "unset";
		listed = ccs_ind_warninglisted(warn_cases[i].t, warn_cases[i].v,
		    &why);
		if (warn_cases[i].why == NULL) {
			if (listed || why != NULL)
				fail_msg("%s listed as %s", warn_cases[i].v,
				    why);
			continue;
		}
		if (!listed || why == NULL || strstr(why,
		    warn_cases[i].why) == NULL)
			fail_msg("%s: %s, want %s", warn_cases[i].v,
			    why != NULL ? why : "not listed",
			    warn_cases[i].why);
	}
	assert_false(ccs_ind_warninglisted(CCS_IND_IPV4, NULL, NULL));
	assert_true(ccs_ind_warninglisted(CCS_IND_IPV4, "10.0.0.1", NULL));
}

/* Keccak: the sponge with SHA-3's padding against OpenSSL's SHA3-256 and
 * SHAKE128, then Keccak-256 against its published vectors. */
static void
test_keccak(void **state)
{
	static const struct {
		const char	*in;
		const char	*hex;
	} k256[] = {
		{ "", "c5d2460186f7233c927e7db2dcc703c0"
		    "e500b653ca82273b7bfad8045d85a470" },
		{ "abc", "4e03657aea45a94fc7d47ba826c8d667"
		    "c0d1e6e33a64a036ec44f58fa12d6c45" },
	};
	unsigned char msg[600], mine[512], ref[512];
	unsigned int reflen;
	char hex[65];
	EVP_MD_CTX *ctx;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (unsigned char)(i * 7 + 3);
	ctx = EVP_MD_CTX_new();
	assert_non_null(ctx);
	for (len = 0; len < sizeof(msg); len += (len < 300 ? 1 : 37)) {
		ccs_keccak(136, 0x06, msg, len, mine, 32);
		assert_int_equal(EVP_DigestInit_ex(ctx, EVP_sha3_256(), NULL),
		    1);
		assert_int_equal(EVP_DigestUpdate(ctx, msg, len), 1);
		assert_int_equal(EVP_DigestFinal_ex(ctx, ref, &reflen), 1);
		assert_int_equal(reflen, 32);
		assert_memory_equal(mine, ref, 32);
	}
	/* SHAKE128: rate 168, many output blocks */
	ccs_keccak(168, 0x1f, msg, 200, mine, 500);
	assert_int_equal(EVP_DigestInit_ex(ctx, EVP_shake128(), NULL), 1);
	assert_int_equal(EVP_DigestUpdate(ctx, msg, 200), 1);
	assert_int_equal(EVP_DigestFinalXOF(ctx, ref, 500), 1);
	assert_memory_equal(mine, ref, 500);
	EVP_MD_CTX_free(ctx);
	for (i = 0; i < NITEMS(k256); i++) {
		ccs_keccak256(k256[i].in, strlen(k256[i].in), mine);
		for (len = 0; len < 32; len++)
			snprintf(hex + 2 * len, 3, "%02x", mine[len]);
		assert_string_equal(hex, k256[i].hex);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accept),
		cmocka_unit_test(test_refuse),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_api_edges),
		cmocka_unit_test(test_domain_limits),
		cmocka_unit_test(test_iban_alias),
		cmocka_unit_test(test_eth_checksum),
		cmocka_unit_test(test_email_key),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_correlation),
		cmocka_unit_test(test_cidr_contains),
		cmocka_unit_test(test_warninglist),
		cmocka_unit_test(test_keccak),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

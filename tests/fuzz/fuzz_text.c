/*
 * fuzz_text.c: libFuzzer target for the text checks and encoders: the
 * UTF-8/control check ccs_text_ok against an independent reference decoder
 * (RFC 3629), the field validators' documented limits, base32 decoding and
 * encoding round trips, RFC 3339 time round trips, and ccs_parse_i64
 * bounds.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/totp.h"
#include "core/validate.h"
#include "util/err.h"
#include "util/str.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)	do { if (!(x)) abort(); } while (0)

/*
 * Reference: well-formed UTF-8 by code point (no overlongs, no surrogates,
 * nothing past U+10FFFF), and no C0 control but TAB, LF, CR, no DEL, no
 * C1 control (U+0080..U+009F) and no bidi embedding, override or isolate
 * (U+202A..U+202E, U+2066..U+2069).
 */
static bool
ref_text_ok(const unsigned char *s, size_t n)
{
	size_t i = 0, k, len;
	uint32_t cp, min;

	while (i < n) {
		if (s[i] < 0x80) {
			if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' &&
			    s[i] != '\r') || s[i] == 0x7f)
				return false;
			i++;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0) {
			len = 2;
			cp = s[i] & 0x1fu;
			min = 0x80;
		} else if ((s[i] & 0xf0) == 0xe0) {
			len = 3;
			cp = s[i] & 0x0fu;
			min = 0x800;
		} else if ((s[i] & 0xf8) == 0xf0) {
			len = 4;
			cp = s[i] & 0x07u;
			min = 0x10000;
		} else {
			return false;
		}
		if (i + len > n)
			return false;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3fu);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		if (cp <= 0x9f || (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			return false;
		i += len;
	}
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char bin[256], back[256];
	char enc[512];
	char *s;
	size_t n, used = 0, m;
	int64_t v;

	/* The checks take C strings: cut at the first NUL, as C code would. */
	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	n = strlen(s);

	CHECK(ccs_text_ok(s) == ref_text_ok((const unsigned char *)s, n));

	if (ccs_valid_iso2(s))
		CHECK(n == 2 && s[0] >= 'A' && s[0] <= 'Z');
	if (ccs_valid_email(s))
		CHECK(n >= 6 && n <= 254 && strchr(s, '@') != NULL &&
		    strchr(s, ' ') == NULL);
	if (ccs_valid_phone(s))
		CHECK(n >= 5 && n <= 32);
	if (ccs_valid_login(s))
		CHECK(n >= 3 && n <= 64 && ccs_text_ok(s));
	if (ccs_valid_fingerprint(s))
		CHECK(n >= 40);
	if (ccs_valid_url(s))
		CHECK(n > 10 && n <= 2048 && (strncmp(s, "http://", 7) == 0 ||
		    strncmp(s, "https://", 8) == 0));

	/* base32: decoding never overruns; what decodes re-encodes and
	 * decodes to the same bytes */
	if (ccs_base32_decode(s, bin, sizeof(bin), &used) == CCS_OK) {
		CHECK(used <= sizeof(bin));
		CHECK(ccs_base32_encode(bin, used, enc, sizeof(enc)) == CCS_OK);
		CHECK(ccs_base32_decode(enc, back, sizeof(back), &m) == CCS_OK);
		CHECK(m == used && memcmp(back, bin, used) == 0);
	}
	/* and any bytes encode and decode back */
	m = size < 200 ? size : 200;
	CHECK(ccs_base32_encode(data, m, enc, sizeof(enc)) == CCS_OK);
	CHECK(strlen(enc) == (m * 8 + 4) / 5);
	CHECK(ccs_base32_decode(enc, back, sizeof(back), &used) == CCS_OK);
	CHECK(used == m && memcmp(back, data, m) == 0);

	/* times: an accepted time formats back to a time that parses to the
	 * same second, and a bare date is midnight */
	{
		long long t, t2;
		char buf[21];

		/* (an offset may move a time just past the years a date
		 * may have, 1900-9999: those do not round-trip) */
		if (ccs_parse_time(s, &t) && t >= -2208902400LL &&
		    t < 253402214400LL) {
			ccs_time_fmt(t, buf);
			CHECK(ccs_parse_time(buf, &t2) && t2 == t);
			if (n == 10)
				CHECK(t % 86400 == 0);
		}
	}

	/* numbers: within bounds when accepted */
	if (ccs_parse_i64(s, -1000, 1000, &v) == CCS_OK)
		CHECK(v >= -1000 && v <= 1000);
	free(s);
	return 0;
}

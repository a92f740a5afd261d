/* str.c: bounded copies, checked integer parsing, text checks. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "util/err.h"
#include "util/str.h"

int
ccs_strlcpy(char *dst, const char *src, size_t size)
{
	size_t n;

	if (size == 0)
		return CCS_ETOOBIG;
	n = strlen(src);
	if (n >= size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return CCS_ETOOBIG;
	}
	memcpy(dst, src, n + 1);
	return CCS_OK;
}

int
ccs_snprintf(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(dst, size, fmt, ap);
	va_end(ap);
	if (n < 0)
		return CCS_EINVAL;
	if ((size_t)n >= size)
		return CCS_ETOOBIG;
	return CCS_OK;
}

int
ccs_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	char *end;
	long long v;

	/* Digits only (an optional leading '-'): strtoll would also skip
	 * white space and accept '+'. */
	if (s == NULL || !(isdigit((unsigned char)s[0]) || (s[0] == '-' &&
	    isdigit((unsigned char)s[1]))))
		return CCS_EINVAL;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return CCS_EINVAL;
	*out = (int64_t)v;
	return CCS_OK;
}

int
ccs_parse_size(const char *s, size_t min, size_t max, size_t *out)
{
	int64_t v;
	int rc;

	if (max > INT64_MAX)
		max = INT64_MAX;
	rc = ccs_parse_i64(s, (int64_t)min, (int64_t)max, &v);
	if (rc == CCS_OK)
		*out = (size_t)v;
	return rc;
}

bool
ccs_streq(const char *s, const char *t)
{
	return s != NULL && t != NULL && strcmp(s, t) == 0;
}

bool
ccs_ct_streq(const char *a, const char *b)
{
	size_t n;

	if (a == NULL || b == NULL)
		return false;
	n = strlen(a);
	if (n != strlen(b))
		return false;
	return sodium_memcmp(a, b, n) == 0;
}

bool
ccs_text_ok(const char *s)
{
	return ccs_text_check(s, strlen(s), NULL) == CCS_TEXT_OK;
}

bool
ccs_text_ok_n(const char *s, size_t len)
{
	return ccs_text_check(s, len, NULL) == CCS_TEXT_OK;
}

const char *
ccs_text_fault_text(enum ccs_text_fault f)
{
	switch (f) {
	case CCS_TEXT_OK: return "nothing";
	case CCS_TEXT_CONTROL: return "a control character";
	case CCS_TEXT_C1: return "a C1 control character (U+0080 to U+009F)";
	case CCS_TEXT_BIDI: return "a bidirectional override or isolate "
	    "(U+202A to U+202E, U+2066 to U+2069) that can hide what the "
	    "text says";
	case CCS_TEXT_UTF8: return "bytes that are not UTF-8";
	}
	return "an unknown fault";
}

/* Length after the lead byte of the UTF-8 sequence at @p p, 0 if none. */
static size_t
utf8_tail(const unsigned char *p, const unsigned char *end)
{
	size_t n, i;

	if ((*p & 0xe0) == 0xc0 && *p >= 0xc2)
		n = 1;
	else if ((*p & 0xf0) == 0xe0)
		n = 2;
	else if ((*p & 0xf8) == 0xf0 && *p <= 0xf4)
		n = 3;
	else
		return 0;
	if ((size_t)(end - p) <= n)
		return 0;
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	}
	/* overlongs and surrogates */
	if (n == 2 && *p == 0xe0 && p[1] < 0xa0)
		return 0;
	if (n == 2 && *p == 0xed && p[1] >= 0xa0)
		return 0;
	if (n == 3 && *p == 0xf0 && p[1] < 0x90)
		return 0;
	if (n == 3 && *p == 0xf4 && p[1] >= 0x90)
		return 0;
	return n;
}

/* The fault of the well-formed multi-byte sequence at @p p, if any. */
static enum ccs_text_fault
wide_fault(const unsigned char *p, size_t n)
{
	if (n == 1 && p[0] == 0xc2 && p[1] <= 0x9f)
		return CCS_TEXT_C1;
	/* U+202A..U+202E are E2 80 AA..AE; U+2066..U+2069 E2 81 A6..A9 */
	if (n == 2 && p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xaa &&
	    p[2] <= 0xae)
		return CCS_TEXT_BIDI;
	if (n == 2 && p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 &&
	    p[2] <= 0xa9)
		return CCS_TEXT_BIDI;
	return CCS_TEXT_OK;
}

enum ccs_text_fault
ccs_text_check(const char *s, size_t len, size_t *at)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;
	enum ccs_text_fault f = CCS_TEXT_OK;
	size_t n;

	while (p < end) {
		if (*p < 0x80) {
			if ((*p < 0x20 && *p != '\t' && *p != '\n' &&
			    *p != '\r') || *p == 0x7f) {
				f = CCS_TEXT_CONTROL;
				break;
			}
			p++;
			continue;
		}
		n = utf8_tail(p, end);
		if (n == 0) {
			f = CCS_TEXT_UTF8;
			break;
		}
		f = wide_fault(p, n);
		if (f != CCS_TEXT_OK)
			break;
		p += n + 1;
	}
	if (at != NULL)
		*at = (size_t)(p - (const unsigned char *)s);
	return f;
}

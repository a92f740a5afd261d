/*
 * stix_names.c: language tags, property names and reserved names of
 * STIX 2.1.
 *
 * The language tag check walks the ABNF of RFC 5646 section 2.1 subtag
 * by subtag: language (2-3 letters with up to three 3-letter extlangs, 4
 * letters, or 5-8 letters), then optional script (4 letters), region (2
 * letters or 3 digits), variants (5-8 alphanumerics, or a digit and 3
 * alphanumerics), extensions (a singleton other than x and subtags of
 * 2-8), and a private use part (x and subtags of 1-8); a whole tag may
 * also be private use, or one of the irregular grandfathered tags.
 * Subtags are case-insensitive and at most 8 characters. Non-goals: the
 * IANA registry (whether "qq" is a language), duplicate variants or
 * singletons (RFC 5646 calls those invalid, not ill-formed).
 */
#include <string.h>
#include <strings.h>

#include "format/stix/stix_names.h"

#define SUBTAGS_MAX	64	/* subtags read from one tag */

struct sub {
	const char	*s;	/* first character */
	size_t		 n;	/* length, 1..8 */
};

static bool
alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
digit(char c)
{
	return c >= '0' && c <= '9';
}

/* True when all @p t.n characters pass @p pred. */
static bool
all(const struct sub *t, bool (*pred)(char))
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!pred(t->s[i]))
			return false;
	return true;
}

static bool
alnum(char c)
{
	return alpha(c) || digit(c);
}

/* Splits @p s at '-' into @p out; false when a subtag is empty, longer
 * than 8 or not alphanumeric, or there are too many. */
static bool
split(const char *s, struct sub *out, size_t *n)
{
	const char *p = s;

	*n = 0;
	for (;;) {
		const char *e = strchr(p, '-');
		size_t len = e != NULL ? (size_t)(e - p) : strlen(p);

		if (len == 0 || len > 8 || *n == SUBTAGS_MAX)
			return false;
		out[*n].s = p;
		out[*n].n = len;
		if (!all(&out[*n], alnum))
			return false;
		(*n)++;
		if (e == NULL)
			return true;
		p = e + 1;
	}
}

/* x-... from subtag @p i: every subtag after x is 1-8 alphanumerics. */
static bool
private_use(const struct sub *t, size_t i, size_t n)
{
	return i + 1 < n && t[i].n == 1 && (t[i].s[0] == 'x' ||
	    t[i].s[0] == 'X');
}

/* RFC 5646 irregular grandfathered tags, which break the ABNF. */
static bool
irregular(const char *s)
{
	static const char *const tags[] = { "en-GB-oed", "i-ami", "i-bnn",
		"i-default", "i-enochian", "i-hak", "i-klingon", "i-lux",
		"i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu",
		"sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE", NULL };
	size_t i;

	for (i = 0; tags[i] != NULL; i++)
		if (strcasecmp(s, tags[i]) == 0)
			return true;
	return false;
}

bool
ccs_stix_lang_ok(const char *s)
{
	struct sub t[SUBTAGS_MAX];
	size_t n, i = 0, ext = 0;

	if (s == NULL)
		return false;
	if (irregular(s))
		return true;
	if (!split(s, t, &n))
		return false;
	if (private_use(t, 0, n))
		return true;
	/* language */
	if (!all(&t[0], alpha) || t[0].n == 1)
		return false;
	i = 1;
	if (t[0].n <= 3)
		while (ext < 3 && i < n && t[i].n == 3 && all(&t[i], alpha)) {
			ext++;
			i++;
		}
	/* script */
	if (i < n && t[i].n == 4 && all(&t[i], alpha))
		i++;
	/* region */
	if (i < n && ((t[i].n == 2 && all(&t[i], alpha)) ||
	    (t[i].n == 3 && all(&t[i], digit))))
		i++;
	/* variants */
	while (i < n && ((t[i].n >= 5) || (t[i].n == 4 && digit(t[i].s[0]))))
		i++;
	/* extensions: a singleton, then one or more subtags of 2-8 */
	while (i < n && t[i].n == 1 && !private_use(t, i, n)) {
		if (t[i].s[0] == 'x' || t[i].s[0] == 'X')
			return false;
		i++;
		if (i == n || t[i].n < 2)
			return false;
		while (i < n && t[i].n >= 2)
			i++;
	}
	if (i < n && private_use(t, i, n))
		return true;
	return i == n;
}

bool
ccs_stix_prop_name_ok(const char *s, size_t n)
{
	size_t i;

	if (n < CCS_STIX_NAME_MIN || n > CCS_STIX_NAME_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || digit(s[i]) ||
		    s[i] == '_'))
			return false;
	return true;
}

bool
ccs_stix_prop_reserved(const char *s)
{
	static const char *const names[] = { "severity", "action", "username",
		"phone_numbers", NULL };
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(s, names[i]) == 0)
			return true;
	return false;
}

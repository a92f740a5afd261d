/*
 * taxii.c: TAXII 2.1 timestamps, media types, API roots and filing rules.
 *
 * Timestamps are microseconds since 1970 because date_added must be
 * unique per collection at that resolution (X-TAXII-Date-Added-* carry
 * six fractional digits); the calendar is computed here (no timegm, no
 * locale) so the module stays pure.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core/taxii/taxii.h"
#include "util/str.h"

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool
digits(const char *s, size_t n, unsigned *out)
{
	size_t i;

	*out = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		*out = *out * 10 + (unsigned)(s[i] - '0');
	}
	return true;
}

static bool
leap(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool
ccs_taxii_ts_parse(const char *s, int64_t *us)
{
	static const unsigned mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31,
	    30, 31, 30, 31 };
	unsigned y, mo, d, h, mi, se, oh = 0, om = 0, frac = 0, n = 0;
	int64_t t, off = 0;
	const char *p;

	if (s == NULL || strlen(s) < 20 || !digits(s, 4, &y) || s[4] != '-' ||
	    !digits(s + 5, 2, &mo) || s[7] != '-' || !digits(s + 8, 2, &d) ||
	    (s[10] != 'T' && s[10] != 't') || !digits(s + 11, 2, &h) ||
	    s[13] != ':' || !digits(s + 14, 2, &mi) || s[16] != ':' ||
	    !digits(s + 17, 2, &se))
		return false;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] +
	    (mo == 2 && leap(y)) || h > 23 || mi > 59 || se > 60)
		return false;
	p = s + 19;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return false;
		for (; isdigit((unsigned char)*p); p++, n++) {
			if (n < 6)
				frac = frac * 10 + (unsigned)(*p - '0');
			if (n > 9)
				return false;
		}
		for (; n < 6; n++)
			frac *= 10;
	}
	if (*p == 'Z' || *p == 'z')
		p++;
	else if ((*p == '+' || *p == '-') && strlen(p) == 6 && digits(p + 1,
	    2, &oh) && p[3] == ':' && digits(p + 4, 2, &om) && oh < 24 &&
	    om < 60) {
		off = (int64_t)(oh * 60 + om) * 60 * (*p == '+' ? 1 : -1);
		p += 6;
	} else
		return false;
	if (*p != '\0')
		return false;
	t = days_from_civil(y, mo, d) * 86400 + (int64_t)h * 3600 +
	    (int64_t)mi * 60 + (se > 59 ? 59 : se) - off;
	if (t < 0)
		return false;
	*us = t * 1000000 + frac;
	return true;
}

void
ccs_taxii_ts_format(int64_t us, char out[CCS_TAXII_TS_LEN])
{
	int64_t secs = us / 1000000, days = secs / 86400, rem = secs % 86400;
	int64_t z = days + 719468, era, doe, yoe, y, doy, mp, d, m;

	/* civil_from_days (Howard Hinnant's algorithm) */
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	(void)ccs_snprintf(out, CCS_TAXII_TS_LEN, "%04lld-%02lld-%02lldT"
	    "%02lld:%02lld:%02lld.%06lldZ", (long long)y, (long long)m,
	    (long long)d, (long long)(rem / 3600), (long long)(rem / 60 % 60),
	    (long long)(rem % 60), (long long)(us % 1000000));
}

/* Skips spaces and tabs. */
static const char *
skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* One media range [p, end): the type, then ;name=value parameters. */
static bool
range_ok(const char *p, const char *end)
{
	static const char want[] = "application/taxii+json";
	const size_t wn = sizeof(want) - 1;
	const char *semi, *eq, *v;
	size_t n, vn;

	p = skip_ws(p, end);
	semi = memchr(p, ';', (size_t)(end - p));
	n = (size_t)((semi ? semi : end) - p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n != wn || strncasecmp(p, want, wn) != 0)
		return false;
	while (semi != NULL) {
		p = skip_ws(semi + 1, end);
		semi = memchr(p, ';', (size_t)(end - p));
		eq = memchr(p, '=', (size_t)((semi ? semi : end) - p));
		if (eq == NULL)
			continue;
		v = skip_ws(eq + 1, end);
		vn = (size_t)((semi ? semi : end) - v);
		while (vn > 0 && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
			vn--;
		n = (size_t)(eq - p);
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n == 7 && strncasecmp(p, "version", 7) == 0 && !(vn == 3 &&
		    memcmp(v, "2.1", 3) == 0))
			return false;
	}
	return true;
}

bool
ccs_taxii_media_ok(const char *value, bool accept)
{
	const char *p = value, *comma, *end;

	if (value == NULL)
		return false;
	end = value + strlen(value);
	if (!accept)
		return range_ok(p, end);
	for (;;) {
		comma = memchr(p, ',', (size_t)(end - p));
		if (range_ok(p, comma ? comma : end))
			return true;
		if (comma == NULL)
			return false;
		p = comma + 1;
	}
}

bool
ccs_taxii_root_parse(const char *name, enum ccs_taxii_circle *circle,
    char state[3])
{
	state[0] = '\0';
	if (name == NULL)
		return false;
	if (strcmp(name, CCS_TAXII_ROOT_PUBLIC) == 0) {
		*circle = CCS_TAXII_PUBLIC;
		return true;
	}
	if (strcmp(name, CCS_TAXII_ROOT_RCC) == 0) {
		*circle = CCS_TAXII_RCC;
		return true;
	}
	if (strlen(name) != 2 + strlen(CCS_TAXII_ROOT_NATIONAL) ||
	    strcmp(name + 2, CCS_TAXII_ROOT_NATIONAL) != 0 ||
	    !islower((unsigned char)name[0]) ||
	    !islower((unsigned char)name[1]))
		return false;
	state[0] = (char)toupper((unsigned char)name[0]);
	state[1] = (char)toupper((unsigned char)name[1]);
	state[2] = '\0';
	*circle = CCS_TAXII_NATIONAL;
	return true;
}

bool
ccs_taxii_fits(enum ccs_taxii_circle circle, const char *root_state,
    enum ccs_tlp tlp_max, enum ccs_tlp tlp, const char *src_state)
{
	if (tlp >= CCS_TLP_AMBER_STRICT || tlp > tlp_max)
		return false;
	switch (circle) {
	case CCS_TAXII_PUBLIC:
		return tlp == CCS_TLP_CLEAR;
	case CCS_TAXII_RCC:
		return true;
	case CCS_TAXII_NATIONAL:
		return src_state != NULL && root_state != NULL &&
		    strcasecmp(src_state, root_state) == 0;
	}
	return false;
}

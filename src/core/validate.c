/* validate.c: small syntactic validators; each accepts NULL as invalid. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/validate.h"

bool
ccs_valid_iso2(const char *s)
{
	return s != NULL && strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' &&
	    s[1] >= 'A' && s[1] <= 'Z';
}

bool
ccs_valid_email(const char *s)
{
	const char *at, *dot, *p;
	size_t n;

	if (s == NULL)
		return false;
	n = strlen(s);
	if (n < 6 || n > 254)
		return false;
	at = strchr(s, '@');
	if (at == NULL || at == s || strchr(at + 1, '@') != NULL)
		return false;
	dot = strrchr(at, '.');
	if (dot == NULL || dot == at + 1 || dot[1] == '\0' || strlen(dot) < 3)
		return false;
	for (p = s; *p; p++) {
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' ||
		    *p == '"' || *p == ',' || *p == ';' || *p == 0x7f)
			return false;
	}
	return true;
}

bool
ccs_valid_phone(const char *s)
{
	const char *p;
	size_t n, digits = 0;

	if (s == NULL)
		return false;
	n = strlen(s);
	if (n < 5 || n > 32)
		return false;
	for (p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!(*p == '+' && p == s) && *p != ' ' && *p != '-' &&
		    *p != '(' && *p != ')')
			return false;
	}
	return digits >= 5;
}

bool
ccs_valid_login(const char *s)
{
	const char *p;
	size_t n;

	if (s == NULL)
		return false;
	n = strlen(s);
	if (n < 3 || n > 64 || !isalnum((unsigned char)s[0]))
		return false;
	for (p = s; *p; p++) {
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
		    *p == '.' || *p == '_' || *p == '-'))
			return false;
	}
	return true;
}

bool
ccs_valid_fingerprint(const char *s)
{
	const char *p;
	size_t hex = 0;

	if (s == NULL)
		return false;
	for (p = s; *p; p++) {
		if (isxdigit((unsigned char)*p))
			hex++;
		else if (*p != ' ')
			return false;
	}
	return hex == 40 || hex == 64;
}

bool
ccs_valid_url(const char *s)
{
	const char *p;

	if (s == NULL || strlen(s) > 2048)
		return false;
	if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
		return false;
	for (p = s; *p; p++) {
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return false;
	}
	return strlen(s) > 10;
}

bool
ccs_valid_date(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d, i, max;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return false;
	max = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

void
ccs_date_of(long long t, char out[11])
{
	/* Civil-from-days (proleptic Gregorian), so no libc time zone state. */
	long long z = (t >= 0 ? t : t - 86399) / 86400 + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long y = yoe + era * 400;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	long long d = doy - (153 * mp + 2) / 5 + 1;
	long long m = mp < 10 ? mp + 3 : mp - 9;

	if (m <= 2)
		y++;
	if (y < 0 || y > 9999)
		y = 0;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* Days since 1970-01-01 of a valid civil date (days-from-civil). */
static long long
days_of(int y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
num2(const char *s)
{
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

bool
ccs_parse_time(const char *s, long long *out)
{
	char date[11];
	int y, m, d, hh, mi, ss, oh, om, sign;
	const char *p;

	if (s == NULL || strlen(s) < 10 || strlen(s) > 40)
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!ccs_valid_date(date))
		return false;
	y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 +
	    (date[2] - '0') * 10 + (date[3] - '0');
	m = num2(date + 5);
	d = num2(date + 8);
	if (s[10] == '\0') {
		*out = days_of(y, m, d) * 86400;
		return true;
	}
	if ((s[10] != 'T' && s[10] != 't') || strlen(s) < 20 || s[13] != ':' ||
	    s[16] != ':')
		return false;
	hh = num2(s + 11);
	mi = num2(s + 14);
	ss = num2(s + 17);
	if (hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 60)
		return false;
	p = s + 19;
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++)
			;
		if (!isdigit((unsigned char)p[-1]))
			return false;
	}
	*out = days_of(y, m, d) * 86400 + hh * 3600 + mi * 60 + ss;
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
		return true;
	if ((*p != '+' && *p != '-') || strlen(p) != 6 || p[3] != ':')
		return false;
	sign = *p == '+' ? 1 : -1;
	oh = num2(p + 1);
	om = num2(p + 4);
	if (oh < 0 || oh > 23 || om < 0 || om > 59)
		return false;
	*out -= sign * (oh * 3600 + om * 60);
	return true;
}

void
ccs_time_fmt(long long t, char out[21])
{
	long long sec = ((t % 86400) + 86400) % 86400;

	ccs_date_of(t, out);
	(void)snprintf(out + 10, 11, "T%02lld:%02lld:%02lldZ", sec / 3600,
	    (sec / 60) % 60, sec % 60);
}

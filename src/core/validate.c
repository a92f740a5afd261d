/* validate.c: small syntactic validators; each accepts NULL as invalid. */
#include <ctype.h>
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

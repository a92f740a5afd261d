/* validate.h: field validators shared by the API and the CLI. Pure. */
#ifndef CCS_VALIDATE_H
#define CCS_VALIDATE_H

#include <stdbool.h>

/** Two upper-case ASCII letters (syntax only; existence is the store's). */
bool	ccs_valid_iso2(const char *s);
/** A plausible e-mail address: local@domain.tld, no spaces, <= 254 bytes. */
bool	ccs_valid_email(const char *s);
/** A phone number: +, digits, spaces, dashes, parentheses; 5..32 bytes. */
bool	ccs_valid_phone(const char *s);
/** A login: 3..64 of [a-z0-9._-], starting with a letter or digit. */
bool	ccs_valid_login(const char *s);
/** An OpenPGP fingerprint: 40 or 64 hex digits, spaces allowed. */
bool	ccs_valid_fingerprint(const char *s);
/** An http(s) URL without spaces, <= 2048 bytes. */
bool	ccs_valid_url(const char *s);

/** A calendar date "YYYY-MM-DD" between 1900-01-01 and 9999-12-31. */
bool	ccs_valid_date(const char *s);
/** Writes the UTC date of unix time @p t as "YYYY-MM-DD" into @p out. */
void	ccs_date_of(long long t, char out[11]);
/**
 * Parses an RFC 3339 time ("2026-11-20T14:05:00Z", fractions ignored,
 * "+hh:mm"/"-hh:mm" offsets applied) or a bare date (midnight UTC) into
 * unix seconds. @return true on success.
 */
bool	ccs_parse_time(const char *s, long long *out /* OUT */);
/** Writes unix time @p t as "YYYY-MM-DDTHH:MM:SSZ" into @p out. */
void	ccs_time_fmt(long long t, char out[21]);

#endif

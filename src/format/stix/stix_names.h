/*
 * stix_names.h: the STIX 2.1 syntaxes of names the checker and the
 * pattern reader share: language tags (RFC 5646), property names and the
 * property names STIX 2.1 reserves.
 */
#ifndef CCS_STIX_NAMES_H
#define CCS_STIX_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#define CCS_STIX_NAME_MIN	3	/* shortest property or type name */
#define CCS_STIX_NAME_MAX	250	/* longest */

/**
 * True when @p s is a well-formed RFC 5646 language tag ("en", "fr-CA",
 * "zh-Hant-TW", "es-419", "de-CH-1996", "x-klingon", "i-klingon"):
 * the syntax of section 2.1, not the registry (no subtag is looked up).
 */
bool	ccs_stix_lang_ok(const char *s);

/**
 * True when the @p n bytes at @p s are a STIX 2.1 property name: 3 to
 * 250 of a-z, 0-9 and '_' (section 3.1; the pattern grammar's property
 * names follow the same rule).
 */
bool	ccs_stix_prop_name_ok(const char *s, size_t n);

/**
 * True when @p s is a property name STIX 2.1 reserves, which no object
 * may carry (severity, action, username, phone_numbers: the "not
 * required" list of the OASIS common schemas).
 */
bool	ccs_stix_prop_reserved(const char *s);

#endif

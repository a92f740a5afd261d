/*
 * stix_pattern.h: STIX 2.1 patterns for ccscap indicators, both ways.
 *
 * Building: one comparison per indicator, on the STIX object that holds
 * it: [ipv4-addr:value = '198.51.100.7'] (networks too, with /n),
 * [ipv6-addr:value = ...], [domain-name:value = ...], [url:value = ...],
 * [email-addr:value = ...], [file:hashes.MD5 = ...] ('SHA-1', 'SHA-256',
 * 'SHA-512'). STIX 2.1 has no object for wallets, phone numbers or bank
 * accounts; ccscap uses the custom SCO types OpenCTI uses (described in
 * docs/internals/STIX.md):
 *   cryptocurrency-wallet  value   Bitcoin or Ethereum address
 *   phone-number           value   E.164 number, "+18765550123"
 *   bank-account           iban    IBAN, "GB82WEST12345698765432"
 * Quotes and backslashes in values are escaped (\' and \\).
 *
 * Parsing: the whole STIX pattern grammar is tokenised and its structure
 * checked (brackets, parentheses, operators, literals, qualifiers), so
 * text that is not a STIX pattern is refused. From a valid pattern the
 * parser takes every comparison "path = 'string'" whose path holds a
 * ccscap indicator (the paths above, plus network-traffic:src_ref.value /
 * dst_ref.value and email-message:from_ref.value / sender_ref.value), in
 * observations joined by AND or OR, each observation holding comparisons
 * joined by AND or OR. A pattern using anything else (FOLLOWEDBY,
 * qualifiers, NOT, EXISTS, operators other than =) is valid but "not an
 * indicator ccscap can correlate": it yields no terms and a note, and the
 * object that carries it is not failed. A comparison on another path, or
 * a value that does not normalise, is skipped with a note.
 */
#ifndef CCS_STIX_PATTERN_H
#define CCS_STIX_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/indicator/indicator.h"
#include "util/buf.h"
#include "util/fail.h"

#define CCS_STIX_PATTERN_MAX	(64u * 1024)	/* bytes of one pattern */
#define CCS_STIX_PATTERN_TERMS	256		/* terms kept, at most */

struct ccs_stix_pattern;

/**
 * Appends the STIX pattern of indicator (@p t, @p value) to @p out. The
 * value is normalised first (ccs_ind_normalise), so any accepted spelling
 * gives the canonical pattern.
 * @param f OUT, may be NULL: why the value was refused
 * @return CCS_OK; CCS_EINVAL (bad type or value); CCS_ETOOBIG, CCS_ENOMEM
 */
int	ccs_stix_pattern_build(enum ccs_ind_type t, const char *value,
	    struct ccs_buf *out, struct ccs_fail *f);

/**
 * Parses @p pattern (NUL-terminated, at most CCS_STIX_PATTERN_MAX bytes).
 * @param out OUT: new result, caller frees with ccs_stix_pattern_free;
 *     NULL on failure
 * @param f OUT, may be NULL: on failure, code "stix_pattern" and where
 * @return CCS_OK (possibly with no terms: see ccs_stix_pattern_note);
 *     CCS_EINVAL when @p pattern is not a STIX pattern; CCS_ETOOBIG past
 *     a limit; CCS_ENOMEM
 */
int	ccs_stix_pattern_parse(const char *pattern,
	    struct ccs_stix_pattern **out /* OUT */, struct ccs_fail *f);

/** Frees @p p; NULL is a no-op. */
void	ccs_stix_pattern_free(struct ccs_stix_pattern *p);

/** Number of indicator terms found. */
size_t	ccs_stix_pattern_count(const struct ccs_stix_pattern *p);

/**
 * Term @p i: its type (refined: an ipv4-addr value with /n is CIDR4) and
 * canonical value, and the literal as written (unescaped).
 * @param value OUT, may be NULL: borrowed from @p p
 * @param raw OUT, may be NULL: borrowed from @p p
 * @return false when @p i is out of range
 */
bool	ccs_stix_pattern_term(const struct ccs_stix_pattern *p, size_t i,
	    enum ccs_ind_type *type /* OUT */, const char **value /* OUT */,
	    const char **raw /* OUT */);

/**
 * Why (part of) the pattern gave no terms, e.g. "not an indicator ccscap
 * can correlate: uses FOLLOWEDBY"; NULL when every comparison was used.
 * Borrowed from @p p.
 */
const char *ccs_stix_pattern_note(const struct ccs_stix_pattern *p);

#endif

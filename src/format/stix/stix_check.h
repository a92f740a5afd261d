/*
 * stix_check.h: validation of one STIX 2.1 object (SDO, SRO, SCO or
 * marking definition) against the rules of the OASIS STIX 2.1 JSON
 * schemas, written as C tables (the schemas are not shipped or read), and
 * the TLP marking definitions (TLP 2.0 and the STIX-predefined TLP 1.0).
 *
 * What is checked: the common properties (type name, spec_version "2.1",
 * id "<type>--<uuid>" with the object's own type, created/modified RFC
 * 3339 UTC timestamps with milliseconds and modified >= created,
 * created_by_ref, object_marking_refs, labels, confidence, lang,
 * external_references, granular_markings, extensions), and for every type
 * the STIX 2.1 specification defines its required properties, the type of
 * each known property, closed enumerations, ranges, reference targets and
 * the ordering of time pairs. Properties the tables do not know, custom
 * properties and custom object types (x-mitre-*, ...) pass: a custom type
 * is checked only against the common rules that its properties use. The
 * ccscap custom SCOs (docs/internals/STIX.md) are known types.
 * Non-goals: resolving references, open vocabularies (any string passes),
 * the content of hashes.
 */
#ifndef CCS_STIX_CHECK_H
#define CCS_STIX_CHECK_H

#include <stdbool.h>

#include <jansson.h>

#include "core/tlp.h"
#include "format/errlist.h"

/**
 * Checks @p obj and appends every problem to @p errs, each with its JSON
 * path: @p path_prefix ("objects[3]", may be NULL or "") followed by the
 * property ("objects[3].valid_until").
 * @param obj borrowed
 * @return CCS_OK when no error was found, CCS_EINVAL when at least one
 *     was added, CCS_ENOMEM
 */
int	ccs_stix_check(const json_t *obj, const char *path_prefix,
	    struct ccs_errlist *errs);

/**
 * True when @p id is a STIX identifier "<type>--<uuid>" (UUID version 1
 * to 5, RFC 4122 variant) and, when @p type is not NULL, its type part is
 * exactly @p type.
 */
bool	ccs_stix_id_ok(const char *id, const char *type);
/** True when @p s is a valid STIX object type name (3 to 250 bytes). */
bool	ccs_stix_type_ok(const char *s);
/**
 * True when @p s is a STIX timestamp: RFC 3339 in UTC with a 'Z', a real
 * calendar date and, when @p millis, at least three fractional digits.
 */
bool	ccs_stix_timestamp_ok(const char *s, bool millis);
/** Orders two valid STIX timestamps: <0, 0 or >0 as @p a is earlier,
 * equal or later than @p b (fractions compared digit by digit). */
int	ccs_stix_timestamp_cmp(const char *a, const char *b);

/**
 * The TLP level of a marking-definition id: the five TLP 2.0 ids and the
 * four TLP 1.0 ids (WHITE reads as CLEAR). Case-insensitive.
 * @param out OUT: the level when true
 */
bool	ccs_stix_tlp_of_marking(const char *id, enum ccs_tlp *out /* OUT */);
/** The TLP 2.0 marking-definition id of @p tlp (static), NULL if none. */
const char *ccs_stix_tlp_marking_id(enum ccs_tlp tlp);
/**
 * The canonical TLP 2.0 marking-definition object of @p tlp, for export
 * (the OASIS object: the TLP 2.0 extension with its tlp_2_0 level).
 * @return new reference, caller json_decref()s; NULL when out of memory
 *     or @p tlp is not a level
 */
json_t	*ccs_stix_tlp_marking_object(enum ccs_tlp tlp);

#endif

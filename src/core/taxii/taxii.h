/*
 * taxii.h: the pure rules of the TAXII 2.1 server (issue 14): timestamps
 * in microseconds, media types, API root names and which collections a
 * record's marking lets it into. No I/O, no clock.
 */
#ifndef CCS_CORE_TAXII_H
#define CCS_CORE_TAXII_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/tlp.h"

#define CCS_TAXII_MEDIA		"application/taxii+json;version=2.1"
#define CCS_TAXII_STIX_MEDIA	"application/stix+json;version=2.1"
/* "2026-12-03T07:31:39.123456Z" and its NUL, with room */
#define CCS_TAXII_TS_LEN	32
#define CCS_TAXII_ROOT_PUBLIC	"public"
#define CCS_TAXII_ROOT_RCC	"caricom-rcc"
#define CCS_TAXII_ROOT_NATIONAL	"-national"	/* after a state code */

/** The trust circle of an API root. */
enum ccs_taxii_circle {
	CCS_TAXII_PUBLIC = 0,	/* anyone; TLP:CLEAR only */
	CCS_TAXII_RCC,		/* the region (CARICOM RCC, RIFC) */
	CCS_TAXII_NATIONAL	/* one state's national node */
};

/**
 * Parses an RFC 3339 UTC timestamp ("Z" or an offset; up to nine
 * fractional digits, kept to the microsecond) into microseconds since
 * 1970. @return false when @p s is not one (or before 1970).
 */
bool	ccs_taxii_ts_parse(const char *s, int64_t *us /* OUT */);

/** Formats @p us as "YYYY-MM-DDTHH:MM:SS.ffffffZ" into @p out. */
void	ccs_taxii_ts_format(int64_t us, char out[CCS_TAXII_TS_LEN]);

/**
 * Whether an Accept header (@p accept true) or a Content-Type names the
 * TAXII 2.1 media type: application/taxii+json with version=2.1 or no
 * version (which means the newest, 2.1). An Accept header may list
 * several ranges; one suffices.
 */
bool	ccs_taxii_media_ok(const char *value, bool accept);

/**
 * Splits an API root name: "public", "caricom-rcc" or "<xx>-national"
 * (@p state gets the code in upper case). @return false if none.
 */
bool	ccs_taxii_root_parse(const char *name,
	    enum ccs_taxii_circle *circle /* OUT */, char state[3] /* OUT */);

/**
 * Whether a record marked @p tlp from source state @p src_state ("" for
 * the region) belongs in a collection of @p circle (@p root_state for a
 * national node) holding at most @p tlp_max. TLP:RED and AMBER+STRICT
 * are never filed automatically: they go to named people, not audiences.
 */
bool	ccs_taxii_fits(enum ccs_taxii_circle circle, const char *root_state,
	    enum ccs_tlp tlp_max, enum ccs_tlp tlp, const char *src_state);

#endif

/*
 * sightings.h: the sightings of one indicator value as a list of its own
 * (issue 11 item 2): every sighting the reader may read, through the
 * record's marking, paged with a total, sorted, filtered and as CSV. The
 * value's detail (indicators.h) shows only the first of them.
 */
#ifndef CCS_SVC_SHARING_SIGHTINGS_H
#define CCS_SVC_SHARING_SIGHTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/keyset.h"
#include "util/fail.h"

/** The filters of a list of sightings (besides its sort and page). */
struct ccs_sighting_filter {
	const char	*state;		/* reporting state, or NULL */
	const char	*q;		/* words in its text columns */
	int64_t		 from;		/* seen at or after, 0: any */
	int64_t		 to;		/* seen before, 0: any */
};

/* The columns the list may be sorted by (keyset.h); seen_at first. */
extern const struct ccs_keyset_col ccs_sighting_cols[];
extern const size_t ccs_sighting_ncols;

/**
 * The sightings of value @p value_id that @p p may read, matching
 * @p flt, sorted and paged by @p ks: *out is the page reply {items:
 * [{id, state, seen_at, source, note, incident_id, stix_id, author,
 * tlp, sharing}], count, total, next_cursor, prev_cursor}, or with
 * @p whole every such sighting in order (CSV). CCS_ENOTFOUND
 * ("not_found") when the value does not exist or @p p may read none of
 * its sightings, as for the value itself.
 */
int	ccs_sighting_list(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t value_id, const struct ccs_sighting_filter *flt,
	    struct ccs_keyset *ks, bool whole, json_t **out /* OUT */,
	    struct ccs_fail *f);

#endif

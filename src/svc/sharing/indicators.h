/*
 * indicators.h: indicators and their sightings, and correlation: the
 * Regional Intelligence Fusion Centre's matching of every reported value
 * against everything stored.
 *
 * Each distinct canonical value is stored once (ind_values) with its
 * correlation keys (ind_keys, see core/indicator/); each report of it is a
 * sighting under the reporting record's marking. Two values are related
 * when they share a key, so a value seen 100,000 times costs 100,000
 * sightings and one set of keys, never a pairwise link table. Everything a
 * caller learns about a sighting passes ccs_marking_view(): content for the
 * records they may read, a count for those they may only know exist, and
 * nothing for TLP:RED records they are not named on.
 */
#ifndef CCS_SVC_INDICATORS_H
#define CCS_SVC_INDICATORS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "svc/keyset.h"

#include "core/indicator/indicator.h"
#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** One reported value. All pointers borrowed. */
struct ccs_sighting_in {
	const char	*type;		/* type name ("domain", "ipv4-addr"...) */
	const char	*value;		/* as reported (may be defanged) */
	int64_t		 seen_at;	/* unix s; 0 means now */
	const char	*note;		/* may be NULL */
	const char	*source;	/* manual, incident, stix, misp, csv */
	const char	*stix_id;	/* may be NULL */
};

/** What ccs_ind_sight stored. */
struct ccs_sighting_out {
	int64_t		 value_id;	/* the distinct value */
	int64_t		 sighting_id;	/* the new sighting */
	bool		 new_value;	/* first report of this value */
	enum ccs_ind_type type;		/* refined type */
	char		 value[CCS_IND_VALUE_MAX];	/* canonical value */
	const char	*warning;	/* warning list name (static) or NULL */
};

/**
 * Validates and normalises one value and stores a sighting of it by state
 * @p state (may be NULL) under marking @p marking_id, linked to incident
 * @p incident_id (0 for none); routes it to the state whose constituency
 * it falls in. @p actor names the reporter in the sighting.
 * @return CCS_OK; CCS_EINVAL with f code "invalid_indicator" or
 *         "unknown_indicator_type" naming the problem.
 */
int	ccs_ind_sight(struct ccs_db *db, const char *actor, int64_t marking_id,
	    const char *state, int64_t incident_id,
	    const struct ccs_sighting_in *in, int64_t now,
	    struct ccs_sighting_out *out /* OUT */, struct ccs_fail *f);

/**
 * Stores a sighting of every {type, value, seen_at?, note?} of @p list (a
 * JSON array, at most 1000 items) as ccs_ind_sight does, all or none: the
 * first bad item fails the call with its message naming
 * "indicators[i]". @p source names where they come from ("incident",
 * "advisory", "manual"). @p ids (may be NULL) receives each stored value's
 * id, in order.
 */
int	ccs_ind_sight_list(struct ccs_db *db, const char *actor,
	    int64_t marking_id, const char *state, int64_t incident_id,
	    const json_t *list, const char *source, int64_t now,
	    json_t *ids /* OUT, may be NULL */, struct ccs_fail *f);

/** Request fields of POST /indicators (ccs_ind_report). */
extern const struct ccs_jfield ccs_ind_report_fields[];
extern const size_t ccs_ind_report_nfields;

/**
 * Reports indicators outside an incident: body {state?, indicators:
 * [{type, value, seen_at?, note?}], tlp, share_states...}. All or none are
 * stored. *out: {"items": [stored values with their correlations]}.
 */
int	ccs_ind_report(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/**
 * One stored value as @p p may see it: its visible sightings, the count of
 * restricted ones, and its related values. CCS_ENOTFOUND unless @p p may
 * read at least one sighting of it.
 */
int	ccs_ind_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t value_id, json_t **out /* OUT */, struct ccs_fail *f);

/**
 * Looks a value up without storing it: whether it is known (and how much
 * @p p may see of it) and what it correlates with.
 */
int	ccs_ind_lookup(struct ccs_db *db, const struct ccs_principal *p,
	    const char *type, const char *value, json_t **out /* OUT */,
	    struct ccs_fail *f);

/**
 * What else @p p may see of value @p value_id outside the record it is
 * read from: incident @p own_incident, or the record whose marking is
 * @p own_marking (0: none for either): {"sightings": [the newest
 * CCS_IND_MATCHES_SHOWN], "sightings_total": every readable one,
 * "restricted": n, "related": [...], "related_restricted": n}. New
 * object in *out.
 */
int	ccs_ind_matches(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t value_id, int64_t own_incident, int64_t own_marking,
	    json_t **out /* OUT */);

struct ccs_ind_filter {
	const char	*type;		/* type name or NULL */
	const char	*state;		/* sighting state or NULL */
	const char	*q;		/* words inside the value, or NULL */
	int64_t		 since;		/* last_seen >= since; 0 for all */
	int64_t		 from;		/* last_seen >= from; 0 for all */
	int64_t		 to;		/* last_seen < to; 0 for all */
};

/* The columns the list may be sorted by (keyset.h); last_seen first. */
extern const struct ccs_keyset_col ccs_ind_list_cols[];
extern const size_t ccs_ind_list_ncols;

/**
 * Values with at least one sighting @p p may read that match @p flt,
 * their times, counts, states and "markings" (the TLP levels of the
 * sightings @p p may read, strictest first) from readable sightings
 * only. Sorted and paged by @p ks: *out is the page reply {items,
 * total, next_cursor, prev_cursor}, or with @p whole every matching
 * value in order (for CSV).
 */
int	ccs_ind_list(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_ind_filter *flt, struct ccs_keyset *ks,
	    bool whole, json_t **out /* OUT */, struct ccs_fail *f);

#define CCS_IND_MATCHES_SHOWN	50	/* sightings elsewhere shown inline */

/** What a list of clusters is asked for (besides its sort and page). */
struct ccs_cluster_filter {
	int64_t		 min_states;	/* distinct readable states, 2..50 */
	int64_t		 days;		/* the window before now, in days */
	int64_t		 now;		/* the request time */
	const char	*q;		/* words inside the value or type */
	int64_t		 from;		/* last readable sighting >= from */
	int64_t		 to;		/* ... and < to; 0 for either: any */
};

/* The columns clusters may be sorted by (keyset.h); nstates first. */
extern const struct ccs_keyset_col ccs_ind_cluster_cols[];
extern const size_t ccs_ind_cluster_ncols;

/**
 * Cross-state clusters for the RIFC: values sighted by at least
 * @p flt->min_states states within @p flt->days days before now,
 * counting only sightings @p p may read; warning-listed values are left
 * out. Sorted and paged by @p ks: *out is the page reply {items, count,
 * total, next_cursor, prev_cursor}, or with @p whole every cluster in
 * order (CSV; more than 100,000 is "export_too_large", never cut). The
 * reader's sets are in the query (ind_clusters.c): no value is read to
 * be discarded, and no candidate bound.
 */
int	ccs_ind_clusters(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_cluster_filter *flt, struct ccs_keyset *ks,
	    bool whole, json_t **out /* OUT */, struct ccs_fail *f);

#endif

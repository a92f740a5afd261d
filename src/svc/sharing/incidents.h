/*
 * incidents.h: incident and cybercrime activity reports shared between
 * states: reporting state and organisation, RSIT classification, severity,
 * TLP marking, sectors (critical infrastructure flagged), links to other
 * crime (the CARICOM Crime and Security Strategy list), states involved,
 * status workflow, times, related incidents, attachments and indicators.
 * Every read goes through the record's marking (svc/sharing/marking.h); a
 * record the caller may not read is "not found", never "forbidden".
 */
#ifndef CCS_SVC_INCIDENTS_H
#define CCS_SVC_INCIDENTS_H

#include <stdint.h>

#include <jansson.h>

#include "svc/keyset.h"

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"
#include "util/jsonv.h"

extern const struct ccs_jfield ccs_incident_fields[];
extern const size_t ccs_incident_nfields;
extern const struct ccs_jfield ccs_incident_patch_fields[];
extern const size_t ccs_incident_patch_nfields;

/**
 * Reports an incident (with its indicators, all or nothing).
 * *out: the stored incident as the reporter sees it, with correlations.
 */
int	ccs_incident_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/** Changes status, severity, states involved or related incidents;
 * requires the current "version" (409 stale_version otherwise). */
int	ccs_incident_update(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/** One incident with indicators, matches, related incidents, files. */
int	ccs_incident_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, json_t **out /* OUT */, struct ccs_fail *f);

/** Parses the JSON-text columns of a selected incident row (sectors,
 * crime links, states involved) into arrays, critical_infra into
 * critical_infrastructure. */
void	ccs_incident_expand(json_t *row);

struct ccs_incident_filter {
	const char	*state;		/* reporting state or NULL */
	const char	*status;	/* or NULL */
	const char	*rsit;		/* class or NULL */
	const char	*severity;	/* or NULL */
	const char	*sector;	/* sector key or NULL */
	const char	*q;		/* words in the text, or NULL */
	int64_t		 since;		/* reported_at >= since */
	int64_t		 from;		/* reported_at >= from; 0: none */
	int64_t		 to;		/* reported_at < to; 0: none */
};

/* The columns the list may be sorted by (keyset.h); reported_at first. */
extern const struct ccs_keyset_col ccs_incident_list_cols[];
extern const size_t ccs_incident_list_ncols;

/**
 * The incidents @p p may read that match @p flt, sorted and paged by
 * @p ks: *out is the page reply {items, total, next_cursor,
 * prev_cursor}, or with @p whole every match in order (for CSV). A
 * record the policy hides counts in neither.
 */
int	ccs_incident_list(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_incident_filter *flt, struct ccs_keyset *ks,
	    bool whole, json_t **out /* OUT */, struct ccs_fail *f);

/* An imported incident (STIX incident, MISP event); pointers borrowed. */
struct ccs_incident_in {
	const char	*state;		/* reporting state, required */
	const char	*title;		/* 1..300 bytes */
	const char	*description;	/* may be NULL */
	const char	*rsit;		/* "class:type"; NULL other:undetermined */
	const char	*severity;	/* NULL: medium */
	int64_t		 occurred_at;	/* unix s, 0 unknown */
	int64_t		 detected_at;	/* unix s, 0 unknown */
	const char	*stix_id;	/* may be NULL */
	int64_t		 stix_copy;	/* stix_objects row it comes from, 0 */
};

/**
 * Stores an imported incident under marking @p marking_id, reported by
 * @p actor (the importer; policy is the caller's). The incident made from
 * the same stored copy (@p in->stix_copy, which the caller has already
 * matched to the importer's source) is updated in place (title,
 * description, RSIT, severity); an incident of another copy of the same
 * STIX id is never touched. A new incident keeps stix_id only when no
 * other incident holds it (the column is unique; the copy finds it).
 * No audit event: the import writes one summary.
 * @param id OUT: the incident's id
 * @return CCS_OK; CCS_EINVAL (invalid_rsit, invalid_severity,
 *     unknown_state, invalid_incident) with @p f
 */
int	ccs_incident_import(struct ccs_db *db, const char *actor,
	    int64_t marking_id, const struct ccs_incident_in *in, int64_t now,
	    int64_t *id /* OUT */, struct ccs_fail *f);

/** The data vocabularies of incident reports (RSIT, sectors, crime
 * links) from data/seed/sharing.json; new object, caller decrefs. The
 * closed word lists (severities, statuses...) are core/vocab.h's. */
int	ccs_incident_vocab(json_t **out /* OUT */, struct ccs_fail *f);

#endif

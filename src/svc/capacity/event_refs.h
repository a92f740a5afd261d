/*
 * event_refs.h: the checks and helpers trainings and awareness campaigns
 * share: every id a write refers to (organisation, state, initiative,
 * standard lineage), their words (audiences), periods and links and the
 * standards they target (their lists: svc/capacity/event_list.h). A refused
 * value is CCS_EINVAL (422) with a code and a message naming the field.
 * Organisations, states, initiatives and the framework are read by every
 * member, so "unknown" here tells nothing a reader could not list.
 */
#ifndef CCS_SVC_CAPACITY_EVENT_REFS_H
#define CCS_SVC_CAPACITY_EVENT_REFS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "core/vocab.h"
#include "store/store.h"
#include "util/fail.h"

/** 422 unknown_organisation unless organisation @p id exists. */
int	ccs_capev_org(struct ccs_db *db, int64_t id, const char *field,
	    struct ccs_fail *f);

/**
 * 422 unknown_initiative unless initiative @p id exists; 422
 * initiative_merged, naming the survivor, when it was merged into
 * another.
 */
int	ccs_capev_initiative(struct ccs_db *db, int64_t id, const char *field,
	    struct ccs_fail *f);

/** 422 invalid_date / invalid_period unless @p start..@p end is one. */
int	ccs_capev_period(const char *start, const char *end,
	    struct ccs_fail *f);

/**
 * Checks an array of words from the NULL-terminated @p vocab: at least
 * one, no repeats. 422 @p code naming the field and the words allowed.
 */
int	ccs_capev_words(const json_t *arr, const struct ccs_vocab *vocab,
	    const char *field, const char *code, struct ccs_fail *f);

/** Checks materials: [{"title", "url"}], url http(s). 422 invalid_url,
 * invalid_material. */
int	ccs_capev_materials(const json_t *arr, struct ccs_fail *f);

/** Checks topics: strings of 1-200 bytes. 422 invalid_topic. */
int	ccs_capev_topics(const json_t *arr, struct ccs_fail *f);

/**
 * Resolves "standards": each a lineage id, or {"standard": lineage id,
 * "level": n} with n on the standard's scale (1..nlevels-1), against the
 * latest framework version. 422 unknown_standard, invalid_level,
 * duplicate_standard, invalid_standard.
 * @param out OUT: new array of {"lineage_id", "level" (or null)}
 */
int	ccs_capev_targets(struct ccs_db *db, const json_t *arr,
	    json_t **out /* OUT */, struct ccs_fail *f);

/**
 * Replaces the targets of record @p id in @p table (training_standards or
 * campaign_standards, with its key column @p key) by @p targets, the
 * output of ccs_capev_targets.
 */
int	ccs_capev_store_targets(struct ccs_db *db, const char *table,
	    const char *key, int64_t id, const json_t *targets);

/**
 * The targets of record @p id as the API shows them: [{lineage_id, code,
 * title, level, met_level}] from the latest framework version. New.
 */
int	ccs_capev_load_targets(struct ccs_db *db, const char *table,
	    const char *key, int64_t id, json_t **out /* OUT */);

/**
 * Organisation @p id as {id, name, acronym}, or null for 0 (new).
 * @return CCS_OK, CCS_ENOMEM or a store error
 */
int	ccs_capev_org_json(struct ccs_db *db, int64_t id,
	    json_t **out /* OUT */);

/**
 * Sets @p o's member @p k to @p v (stolen, may be NULL: then nothing is
 * set). @return CCS_OK, or CCS_ENOMEM when @p v is NULL or the set fails
 */
int	ccs_capev_set(json_t *o, const char *k, json_t *v);

/**
 * The stored targets @p targets (from ccs_capev_load_targets) as the
 * "standards" of a body; new, NULL when out of memory.
 */
json_t	*ccs_capev_targets_body(const json_t *targets);

/** Dumps @p v compactly (an empty array for NULL); caller frees. */
char	*ccs_capev_dump(const json_t *v);

/** Parses a JSON text column back; a new value ([] when absent). */
json_t	*ccs_capev_parse(const char *text);

#endif

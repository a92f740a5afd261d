/*
 * training.h: training events as records: who organised and delivered
 * them (directory organisations), for which audiences, on which topics,
 * who took part (per state, by role and gender), the materials, the
 * initiative they belong to and the standards they target. Completing a
 * training proposes status updates for those standards in the states that
 * took part (svc/capacity/proposals.h).
 */
#ifndef CCS_SVC_CAPACITY_TRAINING_H
#define CCS_SVC_CAPACITY_TRAINING_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/capacity/event_refs.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Fields of POST /trainings (and, none required, of PATCH). */
extern const struct ccs_jfield ccs_training_fields[];
extern const size_t ccs_training_nfields;

/**
 * Creates a training from a body checked against ccs_training_fields.
 * *out is the stored training (new). Coordinators; partners when their
 * organisation is the organiser or the delivering partner.
 */
int	ccs_training_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/** Changes the fields given; arrays are replaced whole. */
int	ccs_training_update(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/** One training (new), 404 not_found when missing. */
int	ccs_training_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, json_t **out /* OUT */, struct ccs_fail *f);

/** Training @p id as ccs_training_get shows it (new), for the list
 * (svc/capacity/event_list.h). @return CCS_OK, CCS_ENOTFOUND, ... */
int	ccs_training_load(struct ccs_db *db, int64_t id,
	    json_t **out /* OUT */);

/**
 * The calendar of @p year: trainings and campaigns overlapping it, by
 * start date: {"year", "items": [{kind, id, title, start, end, status,
 * place, state}], "count"}. @p state (or NULL) keeps a state's: the
 * trainings it hosted or took part in and its campaigns.
 */
int	ccs_capacity_calendar(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t year, const char *state, json_t **out /* OUT */,
	    struct ccs_fail *f);

/**
 * Loads the trainings of data/seed/trainings.json that are not there yet
 * (matched by title and start date): public events, marked as seeded from
 * the document they come from. Audited as one event. Needs the directory
 * and the framework seeded first.
 * @param loaded OUT: number of trainings added
 */
int	ccs_training_seed(struct ccs_db *db, int64_t now, int *loaded /* OUT */,
	    struct ccs_fail *f);

#endif

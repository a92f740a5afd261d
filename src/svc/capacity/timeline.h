/*
 * timeline.h: the plan's timeline (Figure 1 of the plan): milestones due
 * a number of months after the adoption date, with status and evidence,
 * and the initiatives with their dates, for a five-year roadmap.
 * Coordinators set the adoption date and update milestones.
 */
#ifndef CCS_SVC_CAPACITY_TIMELINE_H
#define CCS_SVC_CAPACITY_TIMELINE_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Fields of PATCH /timeline/milestones/{id} (none required). */
extern const struct ccs_jfield ccs_milestone_fields[];
extern const size_t ccs_milestone_nfields;
/** Fields of PUT /timeline/adoption. */
extern const struct ccs_jfield ccs_adoption_fields[];
extern const size_t ccs_adoption_nfields;

/**
 * The timeline: {"adoption": {date, updated_by, updated_at}, "horizon"
 * (adoption + 5 years, or null), "milestones": [... with "start" and
 * "due" (null while no adoption date is set; due null for ongoing
 * work)], "initiatives": [{id, title, status, start, end}]}. New.
 */
int	ccs_timeline_get(struct ccs_db *db, const struct ccs_principal *p,
	    json_t **out /* OUT */, struct ccs_fail *f);

/** Updates milestone @p id from a checked body; *out is the timeline. */
int	ccs_milestone_update(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/** Sets the adoption date from a checked body; *out is the timeline. */
int	ccs_adoption_set(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

#endif

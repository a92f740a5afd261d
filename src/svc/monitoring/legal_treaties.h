/*
 * legal_treaties.h: each state's track towards the Budapest Convention
 * (CETS 185) and its Second Additional Protocol (CETS 224): not engaged,
 * invitation requested, invited (with the invitation's expiry), signed,
 * ratified or acceded, with dates, and whether the Art. 35 24/7 point of
 * contact is designated. A state without a record is not engaged.
 */
#ifndef CCS_SVC_MONITORING_LEGAL_TREATIES_H
#define CCS_SVC_MONITORING_LEGAL_TREATIES_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Fields of PATCH /legal/treaties/{state}/{treaty}. */
extern const struct ccs_jfield ccs_legal_treaty_fields[];
extern const size_t ccs_legal_treaty_nfields;

/**
 * Every state's track for both treaties, by state then treaty:
 * {items, count, total, next_cursor (null: bounded by the states)}.
 * @p state (or NULL) keeps one state's. *out new. Members.
 */
int	ccs_legal_treaty_list(struct ccs_db *db, const struct ccs_principal *p,
	    const char *state, json_t **out /* OUT */, struct ccs_fail *f);

/**
 * Merges @p body onto the track of @p state for @p treaty, checks the
 * whole (core/monitoring/legal.h ccs_legal_track_check; the expiry is
 * the invitation plus five years when not given) and stores it with its
 * audit event. 404 for an unknown state or treaty. Coordinators; a
 * state's NCPOC for that state. *out is the track (new).
 */
int	ccs_legal_treaty_update(struct ccs_db *db,
	    const struct ccs_principal *p, const char *state,
	    const char *treaty, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/**
 * Stores track @p t of the seed ({state, treaty, status, dates...}) when
 * the state has none for that treaty, with the checks of the API.
 * @param added OUT: 1 when written
 */
int	ccs_legal_treaty_seed(struct ccs_db *db, const json_t *t, int64_t now,
	    int *added /* OUT */, struct ccs_fail *f);

#endif

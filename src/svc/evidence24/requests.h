/*
 * requests.h: making a 24/7 preservation request in the Budapest
 * Convention form (T-CY template): the requesting authority and its 24/7
 * contact, the requested state (its 24/7 contact comes from the
 * directory), the legal basis (convention article and domestic section),
 * offence and facts, the data to preserve (categories, identifiers, date
 * range) and its link to the offence, the custodian and where it is, why
 * preservation is needed, that mutual legal assistance will follow, the
 * non-disclosure request and the urgency. A new request is a draft of
 * the requesting state (the maker's own); the moves are moves.h's.
 */
#ifndef CCS_SVC_EVIDENCE24_REQUESTS_H
#define CCS_SVC_EVIDENCE24_REQUESTS_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Body of POST /preservation-requests (every Art. 29 part required). */
extern const struct ccs_jfield ccs_pres_create_fields[];
extern const size_t ccs_pres_create_nfields;

/**
 * Creates a draft request of @p p's state from a body the router checked
 * against ccs_pres_create_fields; records "preservation.create".
 * @param out OUT: the request as ccs_pres_get shows it; caller decrefs
 * @return CCS_OK; CCS_EPERM (forbidden: not a state's NCPOC); CCS_EINVAL
 *     (unknown_state, same_state, invalid_legal_basis, invalid_urgency,
 *     sap9_needs_emergency, emergency_reason_required,
 *     invalid_data_category, invalid_identifier*, ip_needs_time_and_
 *     timezone, invalid_date, invalid_date_range, period_too_short,
 *     period_too_long)
 */
int	ccs_pres_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/**
 * The requested state's 24/7 e-evidence contact in the directory, as one
 * line ("Name, title; phone; e-mail; availability"), or NULL when the
 * state has none.
 * @param out OUT: new string (free()) or NULL
 */
int	ccs_pres_contact_of(struct ccs_db *db, const char *state,
	    char **out /* OUT */);

/**
 * Inserts a request row from @p body for @p requesting (shared with the
 * Art. 30 follow-on, whose body is its parent's row). *id is the new id.
 */
int	ccs_pres_insert(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *row, int64_t parent_id, int64_t now,
	    int64_t *id /* OUT */);

#endif

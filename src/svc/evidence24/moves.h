/*
 * moves.h: moving a 24/7 preservation request (PATCH
 * /preservation-requests/{id} {"action": ...}): send, acknowledge,
 * preserve (expiry at least 60 days ahead), renew, disclose in part
 * under Art. 30 (which makes the follow-on request to the third state
 * where the provider was found, linked to this one), fulfil, refuse
 * (with a reason), record the expiry, withdraw, and record the mutual
 * legal assistance request. Each move is made by its side's NCPOC, keeps
 * the clocks, adds a history row and one audit event, in the caller's
 * write transaction; a refused move stores nothing.
 */
#ifndef CCS_SVC_EVIDENCE24_MOVES_H
#define CCS_SVC_EVIDENCE24_MOVES_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Body of PATCH /preservation-requests/{id}. */
extern const struct ccs_jfield ccs_pres_move_fields[];
extern const size_t ccs_pres_move_nfields;

/**
 * Makes the move the body names on request @p id.
 * @param out OUT: the request after the move, as ccs_pres_get shows it
 * @return CCS_OK; CCS_ENOTFOUND (missing or unreadable); CCS_EPERM
 *     (forbidden: the other side's move); CCS_ECONFLICT
 *     (invalid_transition, not_expired, no_24x7_contact, stale);
 *     CCS_EINVAL (invalid_action, expiry_required, invalid_expiry,
 *     expiry_too_soon, expiry_too_late, reason_required,
 *     third_state_required, unknown_state, third_state_is_party,
 *     provider_required, mla_reference_required)
 */
int	ccs_pres_move_apply(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif

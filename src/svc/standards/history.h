/*
 * history.h: how one state's share of minimum standards met has moved over
 * time, overall and per priority area, for the history chart and its table.
 * Computed from status_history against the latest framework, with the same
 * arithmetic as the gap analysis (core/gap.c).
 */
#ifndef CCS_SVC_HISTORY_H
#define CCS_SVC_HISTORY_H

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/**
 * The history of @p state (ISO code): one point for every date on which the
 * level of at least one standard of the latest framework changed for that
 * state, oldest first:
 * {"state":{code,name,status}, "version", "areas":[{code,name}],
 *  "points":[{"date","changed","summary":tally,"areas":[tally...]}]}
 * where a tally is {met, unmet, no_data, total, percent_met} as in
 * GET /api/v1/gaps (no data counts as not met).
 * @param out OUT: new object, caller decrefs; NULL on error
 * @return CCS_OK, or an error described in @p f (state_required,
 * invalid_state_code, unknown_state, not_found, authentication_required).
 */
int	ccs_gaps_history(struct ccs_db *db, const struct ccs_principal *p,
	    const char *state, json_t **out /* OUT */, struct ccs_fail *f);

#endif

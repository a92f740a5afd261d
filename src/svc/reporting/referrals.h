/*
 * referrals.h: passing a public report to the body that acts on it: the
 * police cyber crime unit, the CERT, the FIU, a consumer agency, another
 * state's team (which gets a route, so the report enters its queue) or an
 * international hotline.
 */
#ifndef CCS_SVC_REPORTING_REFERRALS_H
#define CCS_SVC_REPORTING_REFERRALS_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/reporting/report_keys.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Body of POST /public-reports/{id}/referrals. */
extern const struct ccs_jfield ccs_referral_fields[];
extern const size_t ccs_referral_nfields;

/**
 * Refers report @p id: {"target", "state" (another_state only), "note",
 * "update" (for the reporter)}. The report becomes referred.
 * @return CCS_OK with *out as ccs_triage_get; CCS_EINVAL
 *     (invalid_referral, state_required, unexpected_state,
 *     already_routed, unknown_state), CCS_ECONFLICT (invalid_transition),
 *     CCS_ENOTFOUND
 */
int	ccs_referral_create(struct ccs_db *db,
	    const struct ccs_report_keys *keys, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif

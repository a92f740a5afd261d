/*
 * figures.h: the figures of 24/7 preservation requests per requested
 * state (issue 13: time to acknowledge, preserved before expiry, share
 * followed by mutual legal assistance), over the requests the reader may
 * open; for GET /preservation-requests/figures and the Heads of
 * Intelligence report (svc/monitoring/report_sec_preservation.c).
 */
#ifndef CCS_SVC_EVIDENCE24_FIGURES_H
#define CCS_SVC_EVIDENCE24_FIGURES_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/**
 * Figures of the requests @p p may read that were sent in [t0, t1) (0,
 * INT64_MAX: all), per requested state and in total: received,
 * acknowledged, mean hours to acknowledge, preserved, expired,
 * preserved before expiry (share), followed by MLA (share), overdue now.
 * @param state only requests to this state, or NULL
 * @return CCS_OK with *out {"states": [...], "total": {...}}; CCS_EPERM
 */
int	ccs_pres_figures(struct ccs_db *db, const struct ccs_principal *p,
	    const char *state, int64_t t0, int64_t t1, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif

/*
 * trends.h: incidents over the last twelve months as far as the reader
 * may read them: counts by month, RSIT class, state and status, and how
 * many more exist above the reader's clearance (counted, never shown).
 * For the start pages of the Steering Committee and partners.
 */
#ifndef CCS_SVC_TRENDS_H
#define CCS_SVC_TRENDS_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

#define CCS_TREND_MONTHS	12	/* months, this one included */

/**
 * *out is a new object {since, months: [{month "YYYY-MM", count,
 * by_class {class: n}}] (oldest first), classes, states, statuses
 * ([{key, count}], largest first), total, restricted}. @p now picks the
 * current month.
 */
int	ccs_incident_trends(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t now, json_t **out, struct ccs_fail *f);

#endif

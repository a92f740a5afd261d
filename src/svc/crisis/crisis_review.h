/*
 * crisis_review.h: the post-incident review of a closed crisis. It files
 * a lesson learnt into the sharing domain's lessons library
 * (svc/sharing/lessons.h, under the TLP the body gives, linked to the
 * crisis's incidents the reviewer may read) and its recommendations into
 * the monitoring domain (svc/monitoring/recommendations.h, owned by the
 * crisis's state unless the body names another owner), then marks the
 * crisis reviewed: all in the request's one transaction.
 */
#ifndef CCS_SVC_CRISIS_REVIEW_H
#define CCS_SVC_CRISIS_REVIEW_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Fields of POST /crises/{id}/review. */
extern const struct ccs_jfield ccs_crisis_review_fields[];
extern const size_t ccs_crisis_review_nfields;

/** Most recommendations one review makes. */
#define CCS_CRISIS_REVIEW_RECS_MAX	20

/**
 * Files the review of closed crisis @p id (crisis_not_closed before,
 * already_reviewed after). *out: {review_id, lesson, recommendations}.
 */
int	ccs_crisis_review_file(struct ccs_db *db,
	    const struct ccs_principal *p, int64_t id, const json_t *body,
	    int64_t now, json_t **out /* OUT */, struct ccs_fail *f);

#endif

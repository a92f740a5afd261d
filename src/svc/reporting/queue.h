/*
 * queue.h: a state's queue of public reports and its clock. The queue
 * lists what a triager needs to choose the next report (reference,
 * category, status, priority, age, cluster size) and none of what the
 * reporter wrote, so listing it is not a read of report content.
 */
#ifndef CCS_SVC_REPORTING_QUEUE_H
#define CCS_SVC_REPORTING_QUEUE_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/reporting/report_keys.h"
#include "util/fail.h"

/** Largest page of the queue and of the clusters list, and the default. */
#define CCS_TRIAGE_PAGE_MAX	200
#define CCS_TRIAGE_PAGE_DEFAULT	50

/** The queue's orders. */
enum ccs_triage_sort {
	CCS_TRIAGE_BY_PRIORITY = 0,	/* most urgent, then oldest, first */
	CCS_TRIAGE_OLDEST,		/* oldest first */
	CCS_TRIAGE_NEWEST		/* newest first */
};

/** A queue request; strings borrowed, NULL for "any". */
struct ccs_triage_filter {
	const char		*state;		/* NULL: own, or all (RIFC) */
	const char		*status;	/* a status key */
	const char		*category;	/* a category key */
	const char		*priority;	/* a priority key */
	int64_t			 min_age_hours;	/* 0: any age */
	enum ccs_triage_sort	 sort;
	int64_t			 limit;		/* 1..CCS_TRIAGE_PAGE_MAX */
	int64_t			 offset;	/* the cursor: rows sent */
};

/**
 * Resolves the state a queue or clock request is about: @p state when
 * @p p may triage it, @p p's own state when NULL, or "" (every state)
 * for the RIFC.
 * @param out OUT: 3 bytes
 * @return CCS_OK; CCS_EPERM (forbidden) for a state @p p may not triage;
 *     CCS_EINVAL (invalid_state_code, unknown_state)
 */
int	ccs_triage_queue_state(struct ccs_db *db, const struct ccs_principal *p,
	    const char *state, char out[3] /* OUT */, struct ccs_fail *f);

/**
 * One page of the queue of @p state ("" every state, after
 * ccs_triage_queue_state), after indexing its reports not indexed yet
 * (ccs_triage_intake_state). *out: {"items", "count", "total",
 * "next_cursor"}.
 */
int	ccs_triage_queue_list(struct ccs_db *db,
	    const struct ccs_report_keys *keys, const char *state,
	    const struct ccs_triage_filter *flt, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/**
 * The clock of @p state's queue ("" every state): {"state", "received",
 * "triaged", "untriaged", "oldest_untriaged_at",
 * "oldest_untriaged_age_seconds", "last_first_triage_at",
 * "mean_seconds_to_first_triage"} (nulls when there is nothing to time).
 */
int	ccs_triage_clock(struct ccs_db *db, const char *state, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif

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
#include "svc/listq.h"
#include "svc/reporting/report_keys.h"
#include "util/fail.h"

/** Largest page of the queue and of the clusters list, and the default. */
#define CCS_TRIAGE_PAGE_MAX	200
#define CCS_TRIAGE_PAGE_DEFAULT	50

/** A queue request; strings borrowed, NULL for "any". */
struct ccs_triage_filter {
	const char		*state;		/* NULL: own, or all (RIFC) */
	const char		*status;	/* a status key */
	const char		*category;	/* a category key */
	const char		*priority;	/* a priority key */
	int64_t			 min_age_hours;	/* 0: any age */
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

/** The queue as a contract list (svc/listq.h): sorts urgency (the
 * default, most urgent first), created_at, status, category, reference;
 * ?q= over what the queue shows (never the report's text); from/to on
 * the day received. */
extern const struct ccs_listq_def ccs_triage_list_def;

/**
 * The queue of @p state ("" every state, after ccs_triage_queue_state)
 * under @p flt, @p q and @p from / @p to (unix seconds, 0: open), paged
 * by @p ks (borrowed), after indexing its reports not indexed yet
 * (ccs_triage_intake_state). Rows carry "age_seconds" as of @p now.
 * *out (new, free with ccs_listq_free) is ready for ccs_listq_page or
 * ccs_listq_csv.
 */
int	ccs_triage_query(struct ccs_db *db, const struct ccs_report_keys *keys,
	    const char *state, const struct ccs_triage_filter *flt,
	    int64_t now, struct ccs_keyset *ks, const char *q, int64_t from,
	    int64_t to, struct ccs_listq **out /* OUT */,
	    struct ccs_fail *f);

/**
 * The clock of @p state's queue ("" every state): {"state", "received",
 * "triaged", "untriaged", "oldest_untriaged_at",
 * "oldest_untriaged_age_seconds", "last_first_triage_at",
 * "mean_seconds_to_first_triage"} (nulls when there is nothing to time).
 */
int	ccs_triage_clock(struct ccs_db *db, const char *state, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif

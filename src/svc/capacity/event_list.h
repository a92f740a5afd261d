/*
 * event_list.h: the lists of trainings and awareness campaigns under the
 * list contract (svc/listq.h). Both sort by start (the default, the
 * calendar's order: earliest first), end, title, status and updated_at,
 * campaigns also by state; ?q= over their words (title, description,
 * place and topics, or channel and state); from/to on the start date;
 * the filters of struct ccs_event_filter. Each row is the full record.
 */
#ifndef CCS_SVC_CAPACITY_EVENT_LIST_H
#define CCS_SVC_CAPACITY_EVENT_LIST_H

#include <stdint.h>

#include "core/policy.h"
#include "svc/listq.h"
#include "util/fail.h"

extern const struct ccs_listq_def ccs_training_list_def;
extern const struct ccs_listq_def ccs_campaign_list_def;

/** List filters; NULL or 0 when absent. */
struct ccs_event_filter {
	const char	*state;		/* participant state / campaign state */
	int64_t		 year;		/* overlapping the year, 0: any */
	const char	*audience;	/* one audience key */
	const char	*status;	/* planned, completed, cancelled */
};

/**
 * The records of @p def (ccs_training_list_def or ccs_campaign_list_def)
 * @p flt, @p q and @p from / @p to (unix seconds, 0: open) select, paged
 * by @p ks (borrowed). A bad filter is CCS_EINVAL (422) with
 * invalid_state_code, invalid_status or unknown_audience. *out (new,
 * free with ccs_listq_free) is ready for ccs_listq_page or ccs_listq_csv.
 */
int	ccs_event_query(const struct ccs_principal *p,
	    const struct ccs_listq_def *def, const struct ccs_event_filter *flt,
	    struct ccs_keyset *ks, const char *q, int64_t from, int64_t to,
	    struct ccs_listq **out, struct ccs_fail *f);

#endif

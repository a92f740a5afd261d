/*
 * proposal_list.h: the proposals list under the list contract
 * (svc/listq.h), for RIFC analysts: sorts created_at (the default,
 * oldest first), status, state, source_kind and standard_code (the
 * code of the standard in the latest framework); ?q= over the state,
 * status, standard code and title and the reason; from/to on the day
 * it was proposed; the filters of struct ccs_proposal_filter. Each row
 * is the full proposal (ccs_proposal_load).
 */
#ifndef CCS_SVC_CAPACITY_PROPOSAL_LIST_H
#define CCS_SVC_CAPACITY_PROPOSAL_LIST_H

#include <stdint.h>

#include "core/policy.h"
#include "svc/listq.h"
#include "util/fail.h"

extern const struct ccs_listq_def ccs_proposal_list_def;

/** List filters; NULL or 0 when absent. */
struct ccs_proposal_filter {
	const char	*state;		/* ISO code or NULL */
	const char	*status;	/* pending, accepted, dismissed, NULL */
	const char	*source;	/* initiative, training, campaign... */
	int64_t		 source_id;	/* that record only (with source), 0 */
};

/**
 * The proposals @p flt, @p q and @p from / @p to (unix seconds, 0: open)
 * select, paged by @p ks (borrowed). RIFC analysts only (403). A bad
 * filter is CCS_EINVAL (422) with invalid_state_code, invalid_status or
 * invalid_source. *out (new, free with ccs_listq_free) is ready for
 * ccs_listq_page or ccs_listq_csv.
 */
int	ccs_proposal_query(const struct ccs_principal *p,
	    const struct ccs_proposal_filter *flt, struct ccs_keyset *ks,
	    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
	    struct ccs_fail *f);

#endif

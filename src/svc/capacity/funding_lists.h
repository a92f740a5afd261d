/*
 * funding_lists.h: the lists of the funding page under the list
 * contract (svc/listq.h): the recorded exchange rates (sorts created_at,
 * the default, latest first, rate_date, from_ccy, to_ccy; ?q= over the
 * currencies and the source; from/to on the rate's date) and the
 * funders' stated interests (sorts created_at, the default, oldest
 * first, and org_name; ?q= over the funder, area, need, state and note;
 * from/to on the day recorded; one funder with ?org=).
 */
#ifndef CCS_SVC_CAPACITY_FUNDING_LISTS_H
#define CCS_SVC_CAPACITY_FUNDING_LISTS_H

#include <stdint.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/listq.h"
#include "util/fail.h"

extern const struct ccs_listq_def ccs_rate_list_def;
extern const struct ccs_listq_def ccs_interest_list_def;

/**
 * The exchange rates @p q and @p from / @p to (unix seconds, 0: open)
 * select, paged by @p ks (borrowed); *out (new) for ccs_listq_page or
 * ccs_listq_csv, freed with ccs_listq_free.
 */
int	ccs_rate_query(const struct ccs_principal *p, struct ccs_keyset *ks,
	    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
	    struct ccs_fail *f);

/**
 * The interests of organisation @p org (0: every funder; 404 not_found
 * when the directory has no @p org) that @p q and @p from / @p to
 * select, paged by @p ks (borrowed), as ccs_rate_query.
 */
int	ccs_interest_query(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t org, struct ccs_keyset *ks, const char *q, int64_t from,
	    int64_t to, struct ccs_listq **out, struct ccs_fail *f);

#endif

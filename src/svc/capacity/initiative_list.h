/*
 * initiative_list.h: the list of initiatives under the list contract
 * (svc/listq.h): sorts updated_at (the default, latest change first),
 * title, start, status and iati_identifier; ?q= over the identifier,
 * title and description; from/to on the start (actual, else planned);
 * the filters of struct ccs_initiative_filter. Each row is the full
 * initiative (ccs_initiative_load).
 */
#ifndef CCS_SVC_INITIATIVE_LIST_H
#define CCS_SVC_INITIATIVE_LIST_H

#include <stdint.h>

#include "core/policy.h"
#include "svc/capacity/initiatives.h"
#include "svc/listq.h"
#include "util/fail.h"

extern const struct ccs_listq_def ccs_initiative_list_def;

/**
 * The initiatives @p flt, @p q and @p from / @p to (unix seconds, 0:
 * open) select, paged by @p ks (borrowed). *out (new, free with
 * ccs_listq_free) is ready for ccs_listq_page or ccs_listq_csv.
 */
int	ccs_initiative_query(const struct ccs_principal *p,
	    const struct ccs_initiative_filter *flt, struct ccs_keyset *ks,
	    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
	    struct ccs_fail *f);

#endif

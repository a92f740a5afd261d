/*
 * review_batch.h: validating or rejecting a selection of status records at
 * once, from the RIFC's validation queue. Each record is still one review,
 * checked and audited on its own; the batch is all or nothing.
 */
#ifndef CCS_SVC_REVIEW_BATCH_H
#define CCS_SVC_REVIEW_BATCH_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

#define CCS_REVIEW_BATCH_MAX	200	/* ids in one request */

/** Request fields of a batch review (for ccs_jsonv_check). */
extern const struct ccs_jfield ccs_review_batch_fields[];
extern const size_t ccs_review_batch_nfields;

/**
 * Reviews every record of @p body ({"ids":[...], "decision":"validate" or
 * "reject", "reason"}) inside the caller's transaction, each through
 * ccs_assess_review (role, own submission, already reviewed, audit).
 * *out (new, caller frees) is {"decision", "count", "results":[{"id",
 * "outcome", "error"?}]} in the order of the ids, also when refused.
 * @return CCS_OK when every record was reviewed. CCS_ECONFLICT
 * (batch_refused) when one or more were refused: outcome "refused" with
 * its error for those, "ready" for the others, and the caller must roll
 * back so nothing is kept. Other codes (bad body, role, database) leave
 * *out NULL.
 */
int	ccs_assess_review_batch(struct ccs_db *db,
	    const struct ccs_principal *p, const json_t *body, int64_t now,
	    json_t **out, struct ccs_fail *f);

#endif

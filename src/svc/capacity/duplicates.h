/*
 * duplicates.h: the coordinators' decisions on candidate duplicate
 * initiatives (the candidates themselves are listed by dup_list.h); a
 * pair with a decision is never raised again.
 */
#ifndef CCS_SVC_DUPLICATES_H
#define CCS_SVC_DUPLICATES_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/capacity/cap_common.h"
#include "util/fail.h"
#include "util/jsonv.h"

extern const struct ccs_jfield ccs_dup_decision_fields[];
extern const size_t ccs_dup_decision_nfields;

/**
 * Records a coordinator's decision on the pair {a, b}: co_funded and
 * sibling also link the two as IATI related activities (types 4 and 3)
 * both ways; same_work and not_duplicate are remembered only.
 */
int	ccs_dup_decide(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out,
	    struct ccs_fail *f);

#endif

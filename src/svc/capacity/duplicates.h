/*
 * duplicates.h: candidate duplicate initiatives and the coordinators'
 * decisions on them. A candidate names both initiatives, its score and
 * every reason (core/capacity/rules.h); a pair with a decision is never
 * raised again.
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

/** A page of candidates: @c limit after the pair (score, a, b). */
struct ccs_dup_page {
	int64_t	limit;		/* 1..CCS_CAP_PAGE_MAX */
	bool	after;		/* false: the first page */
	int	score;
	int64_t	a;
	int64_t	b;
};

/**
 * Reads a next_cursor ("score.a.b") into @p page; empty or NULL is the
 * first page. CCS_EINVAL when it is not one.
 */
int	ccs_dup_cursor_parse(const char *text, struct ccs_dup_page *page);

/**
 * The candidate pairs kept in initiative_dup_candidates, highest score
 * first, then by a and b, with the total; keyset paged.
 */
int	ccs_dup_candidates(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_dup_page *page, json_t **out,
	    struct ccs_fail *f);

/**
 * Records a coordinator's decision on the pair {a, b}: co_funded and
 * sibling also link the two as IATI related activities (types 4 and 3)
 * both ways; same_work and not_duplicate are remembered only.
 */
int	ccs_dup_decide(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out,
	    struct ccs_fail *f);

#endif

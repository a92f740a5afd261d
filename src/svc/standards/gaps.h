/*
 * gaps.h: the gap analysis, computed from validated status records and the
 * latest framework version, never typed in. Every function takes an optional
 * date: the analysis as it stood at the end of that day (NULL: now).
 */
#ifndef CCS_SVC_GAPS_H
#define CCS_SVC_GAPS_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/** One state's gaps by priority area, specific area and standard. */
int	ccs_gaps_state(struct ccs_db *db, const struct ccs_principal *p,
	    const char *state, const char *at, int64_t now, json_t **out,
	    struct ccs_fail *f);

/** The regional matrix: every state x priority area and specific area. */
int	ccs_gaps_matrix(struct ccs_db *db, const struct ccs_principal *p,
	    const char *at, int64_t now, json_t **out, struct ccs_fail *f);

/** What changed between two dates (optionally for one state). */
int	ccs_gaps_changes(struct ccs_db *db, const struct ccs_principal *p,
	    const char *from, const char *to, const char *state, int64_t now,
	    json_t **out, struct ccs_fail *f);

/** States ranked by share of standards met at @p at, with the change
 * since @p since (NULL: one year before). */
int	ccs_gaps_ranking(struct ccs_db *db, const struct ccs_principal *p,
	    const char *at, const char *since, int64_t now, json_t **out,
	    struct ccs_fail *f);

/** Standards that no state meets at @p at. */
int	ccs_gaps_unmet(struct ccs_db *db, const struct ccs_principal *p,
	    const char *at, int64_t now, json_t **out, struct ccs_fail *f);

#endif

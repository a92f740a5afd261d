/*
 * closing.h: closing the loop, pure. When an initiative, a training or an
 * awareness campaign completes, the status updates it implies are one per
 * standard it targets and state it covered, at the level the record says
 * (the standard's met level by default), left out where the state already
 * meets the standard or a proposal for the same source, state and standard
 * exists. The service gathers the inputs and stores the result.
 */
#ifndef CCS_CORE_CAPACITY_CLOSING_H
#define CCS_CORE_CAPACITY_CLOSING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** A source of proposals. */
enum ccs_cap_kind {
	CCS_CAP_INITIATIVE = 0,
	CCS_CAP_TRAINING,
	CCS_CAP_CAMPAIGN,
	CCS_CAP_LEGAL		/* a national instrument in force (legal
				   tracker, svc/monitoring/legal_*) */
};

/** IATI activity-status codes that count as completed. */
#define CCS_IATI_FINALISATION	3
#define CCS_IATI_CLOSED		4

/**
 * Whether an initiative going from IATI status @p before to @p after
 * (1-6; 0 for a new one) completes now: it enters finalisation (3) or
 * closed (4) from a status that is neither.
 */
bool	ccs_cap_initiative_completes(int before, int after);

/**
 * Whether a training or campaign going from status @p before (NULL for a
 * new one) to @p after completes now: after is "completed" and before
 * was not.
 */
bool	ccs_cap_event_completes(const char *before, const char *after);

/** One standard a record targets. */
struct ccs_cap_target {
	int64_t	lineage_id;	/* standards.lineage_id */
	int	level;		/* the record's level, or -1: the met level */
	int	met_level;	/* the standard's met level */
	int	nlevels;	/* the standard's scale size */
};

/** What is known of a state x standard now. */
struct ccs_cap_known {
	char	state[3];	/* ISO code */
	int64_t	lineage_id;	/* standard */
	int	level;		/* current validated level, -1 if none */
	bool	proposed;	/* a proposal from this source exists */
};

/** One proposal to make. */
struct ccs_cap_proposal {
	char	state[3];	/* ISO code */
	int64_t	lineage_id;	/* standard */
	int	level;		/* proposed level */
};

/**
 * The level a target proposes: the record's when given and on the
 * standard's scale, else the met level.
 */
int	ccs_cap_target_level(const struct ccs_cap_target *t);

/**
 * Plans the proposals of a completed record: @p targets x @p states
 * (distinct ISO codes), minus the pairs @p known says are met (current
 * level >= the met level or >= the proposed level) or already proposed;
 * a state x standard may appear in @p known more than once (its status
 * and an existing proposal).
 * Fills @p out (room for @p cap entries) in target order, then state
 * order.
 * @return the number of proposals, or (size_t)-1 when @p cap is too small
 */
size_t	ccs_cap_plan(const struct ccs_cap_target *targets, size_t ntargets,
	    const char *const *states, size_t nstates,
	    const struct ccs_cap_known *known, size_t nknown,
	    struct ccs_cap_proposal *out, size_t cap);

/** "initiative", "training", "campaign", "legal_instrument"; NULL if
 * unknown. Static. */
const char *ccs_cap_kind_name(enum ccs_cap_kind k);

#endif

/*
 * gap.h: the gap analysis arithmetic, pure. Given, for one state, the level
 * of each standard (or none) and each standard's met level, it counts met /
 * not met / no data per specific area and per priority area. The service
 * layer gathers the levels; this module decides what counts as met.
 */
#ifndef CCS_GAP_H
#define CCS_GAP_H

#include <stddef.h>

#define CCS_GAP_NODATA	(-1)	/* no validated record */

enum ccs_gap_state {
	CCS_GAP_MET = 0,	/* level >= met level */
	CCS_GAP_UNMET,		/* a validated level below the minimum */
	CCS_GAP_UNKNOWN		/* no validated record */
};

struct ccs_gap_tally {
	size_t	met;		/* standards met */
	size_t	unmet;		/* standards with a level below minimum */
	size_t	unknown;	/* standards without a validated record */
};

/** Classifies one level against its standard's met level. */
enum ccs_gap_state ccs_gap_classify(int level, int met_level);

/** Adds one standard's state to @p t. */
void	ccs_gap_add(struct ccs_gap_tally *t, enum ccs_gap_state s);

/** Standards counted in @p t. */
size_t	ccs_gap_total(const struct ccs_gap_tally *t);

/**
 * Share met, in per mille (0..1000, rounded half up), over all standards
 * (no data counts as not met: the plan measures what is shown). 0 when the
 * tally is empty.
 */
unsigned ccs_gap_permille(const struct ccs_gap_tally *t);

#endif

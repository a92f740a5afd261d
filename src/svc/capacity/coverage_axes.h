/*
 * coverage_axes.h: the axes of the coverage matrix (private to
 * svc/capacity/): the needs in plan order (T1.2 before T1.10) with their
 * priority area, and the states by sort name; and the envelope both
 * matrices answer, the one computed from the initiatives (coverage.c)
 * and the one read from the kept cells (coverage_read.c), with the
 * needs uncovered or unfunded per state taken from the cells' stages.
 */
#ifndef CCS_SVC_COVERAGE_AXES_H
#define CCS_SVC_COVERAGE_AXES_H

#include <stddef.h>

#include <jansson.h>

#include "store/store.h"

struct ccs_cov_axes {
	/* {ref, plan_table, need, priority_area} */
	json_t		 *needs;
	json_t		 *states;	/* {code, name} */
	const char	**refs;		/* the needs' refs, borrowed */
	size_t		  nneeds;
	const char	**codes;	/* the states' codes, borrowed */
	size_t		  nstates;
};

/** Reads the needs and states into @p a (zeroed here). */
int	ccs_cov_axes_load(struct ccs_db *db, struct ccs_cov_axes *a);
void	ccs_cov_axes_free(struct ccs_cov_axes *a);

/** The index of @p s in @p v, -1 when absent or NULL. */
int	ccs_cov_axes_index(const char *const *v, size_t n, const char *s);

/**
 * The matrix {"stages", "needs", "states", "cells", "by_state"} with
 * @p cells (one per need and state, need-major, each with its "stage");
 * steals @p cells, even on failure. New, or NULL when out of memory.
 */
json_t	*ccs_cov_envelope(const struct ccs_cov_axes *a, json_t *cells);

#endif

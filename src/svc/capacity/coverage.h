/*
 * coverage.h: the coverage matrix, needs x states: each cell the
 * furthest funding stage the initiatives addressing that need in that
 * state have reached (uncovered, pipeline, pledged, committed, disbursed,
 * completed; core/capacity/rules.h), with those initiatives; and, per
 * state, the needs nobody covers and those covered without money.
 */
#ifndef CCS_SVC_COVERAGE_H
#define CCS_SVC_COVERAGE_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/**
 * The matrix as JSON: {"stages", "needs", "states", "cells" (one per need
 * and state, need-major), "by_state"}; new.
 */
int	ccs_coverage(struct ccs_db *db, const struct ccs_principal *p,
	    json_t **out, struct ccs_fail *f);

/**
 * The same matrix with, in each cell, the number of its initiatives
 * ("count") instead of their list, read by one aggregate of the kept
 * table initiative_coverage (kept.h): what a summary (the reports)
 * reads.
 */
int	ccs_coverage_stages(struct ccs_db *db, const struct ccs_principal *p,
	    json_t **out, struct ccs_fail *f);

/**
 * Calls @p cb once per (need, state) cell initiative @p id covers (0:
 * every live initiative) with the stage it reaches there, computed as
 * ccs_coverage does; what kept.c writes into initiative_coverage.
 */
int	ccs_coverage_each(struct ccs_db *db, int64_t id,
	    int (*cb)(void *arg, const char *need, const char *state,
	    int64_t ini, int stage), void *arg);

#endif

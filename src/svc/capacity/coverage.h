/*
 * coverage.h: the coverage matrix, needs x states: each cell the
 * furthest funding stage the initiatives addressing that need in that
 * state have reached (uncovered, pipeline, pledged, committed, disbursed,
 * completed; core/capacity/rules.h), with those initiatives; and, per
 * state, the needs nobody covers and those covered without money.
 */
#ifndef CCS_SVC_COVERAGE_H
#define CCS_SVC_COVERAGE_H

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

#endif

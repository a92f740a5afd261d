/*
 * coverage.h: the coverage matrix, needs x states: each cell the
 * furthest funding stage the initiatives addressing that need in that
 * state have reached (uncovered, pipeline, pledged, committed, disbursed,
 * completed; core/capacity/rules.h), with those initiatives; and, per
 * state, the needs nobody covers and those covered without money.
 *
 * The matrix the API serves reads the kept cells (coverage_read.c): each
 * cell with its count and its first CCS_COVERAGE_FIRST initiatives, the
 * rest paged by ccs_coverage_cell. The full matrix, every initiative of
 * every cell, is computed from the initiatives (coverage.c) for the CSV
 * and XLSX exports.
 */
#ifndef CCS_SVC_COVERAGE_H
#define CCS_SVC_COVERAGE_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/capacity/cap_common.h"
#include "util/fail.h"

/** Initiatives listed in each cell of the matrix, by id. */
#define CCS_COVERAGE_FIRST	10

/**
 * The matrix as JSON: {"stages", "needs", "states", "cells" (one per need
 * and state, need-major), "by_state", "cell_first"}; each cell {"need",
 * "state", "stage", "count", "initiatives" (the first
 * CCS_COVERAGE_FIRST by id), "next_cursor" (for ccs_coverage_cell, null
 * when the list is whole)}; new.
 */
int	ccs_coverage(struct ccs_db *db, const struct ccs_principal *p,
	    json_t **out, struct ccs_fail *f);

/**
 * The same matrix with, in each cell, the number of its initiatives
 * ("count") and no list: what a summary (the reports) reads.
 */
int	ccs_coverage_stages(struct ccs_db *db, const struct ccs_principal *p,
	    json_t **out, struct ccs_fail *f);

/**
 * One cell's initiatives by id, paged: {"need", "state", "stage",
 * "items", "count", "total", "next_cursor"}. An unknown need or state is
 * CCS_ENOTFOUND ("not_found", the message naming which).
 */
int	ccs_coverage_cell(struct ccs_db *db, const struct ccs_principal *p,
	    const char *need, const char *state, const struct ccs_page *page,
	    json_t **out, struct ccs_fail *f);

/**
 * The matrix computed from the initiatives, every cell with all its
 * initiatives (its "count" their number): the CSV and XLSX exports.
 */
int	ccs_coverage_full(struct ccs_db *db, const struct ccs_principal *p,
	    json_t **out, struct ccs_fail *f);

/**
 * Calls @p cb once per (need, state) cell initiative @p id covers (0:
 * every live initiative) with the stage it reaches there, computed as
 * ccs_coverage_full does; what kept.c writes into initiative_coverage.
 */
int	ccs_coverage_each(struct ccs_db *db, int64_t id,
	    int (*cb)(void *arg, const char *need, const char *state,
	    int64_t ini, int stage), void *arg);

/**
 * The number of states the kept coverage has not expanded regional
 * shares over yet (added since): while it is not 0, readers compute.
 */
int	ccs_coverage_states_behind(struct ccs_db *db, int64_t *n);

#endif

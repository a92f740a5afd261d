/*
 * coverage_csv.h: the capacity coverage matrix as CSV, one row per need
 * and state (need, priority area, state, stage, initiative ids), so the
 * initiatives behind each cell travel with it.
 */
#ifndef CCS_COVERAGE_CSV_H
#define CCS_COVERAGE_CSV_H

#include <jansson.h>

#include "util/buf.h"

/**
 * Appends the CSV of @p cov (the object ccs_coverage returns) to @p out.
 * @return CCS_OK, CCS_EINVAL for a bad shape, CCS_ETOOBIG past the
 *     buffer's maximum
 */
int	ccs_coverage_csv(const json_t *cov, struct ccs_buf *out);

#endif

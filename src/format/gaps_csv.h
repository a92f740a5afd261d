/*
 * gaps_csv.h: the gap analysis as CSV (UTF-8, header row, CRLF records),
 * the same two tables as the spreadsheet export: one state's standards and
 * the regional matrix.
 */
#ifndef CCS_GAPS_CSV_H
#define CCS_GAPS_CSV_H

#include <jansson.h>

#include "util/buf.h"

/**
 * Appends one state's gap report to @p out: one row per standard (state,
 * priority area, specific area, code, title, level, minimum, status, as of).
 * @param gaps borrowed: the object ccs_gaps_state returns
 * @return CCS_OK, CCS_EINVAL when @p gaps lacks the expected shape, or
 *     CCS_ETOOBIG / CCS_ENOMEM from @p out
 */
int	ccs_gaps_csv_state(const json_t *gaps, struct ccs_buf *out);

/**
 * Appends the regional matrix to @p out: one row per state with the
 * overall tally and the share met of every priority and specific area.
 * @param matrix borrowed: the object ccs_gaps_matrix returns
 * @return as ccs_gaps_csv_state
 */
int	ccs_gaps_csv_matrix(const json_t *matrix, struct ccs_buf *out);

/** Text of a gap status value ("no_data" -> "no data"); static. */
const char *ccs_gaps_status_text(const char *status);

#endif

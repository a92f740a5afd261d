/*
 * legal_csv.h: the legal harmonisation matrix as CSV, one row per
 * provision and state (provision, family, number, title, state, status,
 * partial, instruments with their sections), every pair included so an
 * empty status reads "no instrument recorded".
 */
#ifndef CCS_LEGAL_CSV_H
#define CCS_LEGAL_CSV_H

#include <jansson.h>

#include "util/buf.h"

/**
 * Appends the CSV of @p matrix (the object ccs_legal_matrix returns) to
 * @p out.
 * @return CCS_OK, CCS_EINVAL for a bad shape, CCS_ETOOBIG past the
 *     buffer's maximum, CCS_ENOMEM
 */
int	ccs_legal_csv(const json_t *matrix, struct ccs_buf *out);

#endif

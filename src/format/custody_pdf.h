/*
 * custody_pdf.h: an evidence item's custody log as a PDF for court (A4,
 * cairo + Pango): the item's facts, the verification of the hash chain
 * (intact, or the first broken entry and why), then one block per entry
 * with giver, receiver, when, where, why, seal, the SHA-256 measured and
 * whether it matches the acquisition's (a mismatch printed as
 * "MISMATCH", never by colour alone), and the entry's chain hash.
 */
#ifndef CCS_CUSTODY_PDF_H
#define CCS_CUSTODY_PDF_H

#include <jansson.h>

#include "util/buf.h"

#define CCS_CUSTODY_PDF_MAX	(32u << 20)	/* bytes of one PDF */

/**
 * Appends the PDF of @p log (borrowed: the object ccs_custody_log gives,
 * every entry) to @p out.
 * @return CCS_OK, CCS_ETOOBIG past the bound, CCS_EIO on a cairo error,
 * CCS_ENOMEM
 */
int	ccs_custody_pdf(const json_t *log, struct ccs_buf *out);

#endif

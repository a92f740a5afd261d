/*
 * report_pdf.h: a report's snapshot as a PDF (A4, cairo + Pango, DejaVu
 * fonts embedded as subsets by cairo): a running head with the title and
 * the TLP marking on every page, page numbers, tables that repeat their
 * header across pages, traffic lights as a coloured dot AND the word, and
 * the heat map drawn by format/chart.c, the server's one renderer of
 * pictures.
 */
#ifndef CCS_REPORT_PDF_H
#define CCS_REPORT_PDF_H

#include <jansson.h>

#include "util/buf.h"

#define CCS_REPORT_PDF_MAX	(32u << 20)	/* bytes of one PDF */

/**
 * Appends the PDF of @p snap (borrowed) to @p out.
 * @return CCS_OK, CCS_EINVAL when @p snap lacks the expected shape,
 * CCS_ETOOBIG past CCS_REPORT_PDF_MAX or @p out's bound, CCS_EIO on a
 * cairo error, CCS_ENOMEM
 */
int	ccs_report_pdf(const json_t *snap, struct ccs_buf *out);

#endif

/*
 * preservation_pdf.h: a 24/7 preservation request as a printable PDF (A4,
 * cairo + Pango): numbered sections of labelled fields in the order the
 * caller gives them (svc/evidence24 gives the T-CY template's), a
 * marking on every page, page numbers. Generic over a small document
 * shape so the custody log or other forms can reuse it.
 */
#ifndef CCS_PRESERVATION_PDF_H
#define CCS_PRESERVATION_PDF_H

#include <jansson.h>

#include "util/buf.h"

#define CCS_FORM_PDF_MAX	(8u << 20)	/* bytes of one PDF */

/**
 * Appends the PDF of @p doc (borrowed) to @p out. @p doc is
 * {"title": s, "marking": s, "sections": [{"title": s,
 * "fields": [[label, value], ...]}]}; a value may be "" (printed as
 * "Not given").
 * @return CCS_OK, CCS_EINVAL for another shape, CCS_ETOOBIG, CCS_EIO on a
 * cairo error, CCS_ENOMEM
 */
int	ccs_form_pdf(const json_t *doc, struct ccs_buf *out);

#endif

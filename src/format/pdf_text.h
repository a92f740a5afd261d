/*
 * pdf_text.h: what every PDF ccscap prints (reports, the preservation
 * form, the custody log) needs around cairo and pango: a write sink
 * bounded in bytes, a paragraph laid out at a width, its height, and
 * showing it in the body colour. One place, so the three documents
 * cannot drift in how they bound their output or set their text.
 */
#ifndef CCS_FORMAT_PDF_TEXT_H
#define CCS_FORMAT_PDF_TEXT_H

#include <stddef.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "util/buf.h"

/* Where a PDF surface writes: @c out from @c start, at most @c max bytes. */
struct ccs_pdf_sink {
	struct ccs_buf	*out;		/* destination */
	size_t		 start;		/* out->len when the document began */
	size_t		 max;		/* bytes the document may take */
	int		 rc;		/* first error (CCS_ETOOBIG, ENOMEM) */
};

/**
 * Appends @p len bytes for cairo (closure: a struct ccs_pdf_sink);
 * past the bound or out of memory it records the error in rc and fails
 * the write, which stops the surface.
 */
cairo_status_t	ccs_pdf_sink_write(void *closure, const unsigned char *data,
		    unsigned int len);

/** A paragraph of @p text in @p font, wrapped at @p w points; caller unrefs. */
PangoLayout	*ccs_pdf_layout(PangoContext *pc,
		    const PangoFontDescription *font, const char *text,
		    double w);

/** Height of @p l in points. */
double		 ccs_pdf_height(PangoLayout *l);

/** Shows @p l at (@p x, @p y) in the body text colour. */
void		 ccs_pdf_show(cairo_t *cr, PangoLayout *l, double x, double y);

#endif

/*
 * pdf_text.c: the bounded write sink and the text helpers shared by the
 * PDFs ccscap prints (see pdf_text.h).
 */
#include "format/pdf_text.h"
#include "util/err.h"

cairo_status_t
ccs_pdf_sink_write(void *closure, const unsigned char *data,
    unsigned int len)
{
	struct ccs_pdf_sink *s = closure;
	int rc;

	if (s->out->len - s->start + len > s->max)
		rc = CCS_ETOOBIG;
	else
		rc = ccs_buf_add(s->out, data, len);
	if (rc == CCS_OK)
		return CAIRO_STATUS_SUCCESS;
	if (s->rc == CCS_OK)
		s->rc = rc;
	return CAIRO_STATUS_WRITE_ERROR;
}

PangoLayout *
ccs_pdf_layout(PangoContext *pc, const PangoFontDescription *font,
    const char *text, double w)
{
	PangoLayout *l = pango_layout_new(pc);

	pango_layout_set_font_description(l, font);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, text, -1);
	return l;
}

double
ccs_pdf_height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

void
ccs_pdf_show(cairo_t *cr, PangoLayout *l, double x, double y)
{
	cairo_set_source_rgb(cr, 0.043, 0.047, 0.047);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
}

/*
 * preservation_pdf.c: a form as a PDF. A cursor moves down the page; a
 * field that does not fit starts a new page (a field longer than a page
 * is split by Pango's layout lines). Fonts come from a font map made for
 * this document and freed with it, so nothing outlives the call or is
 * shared between threads; "DejaVu Sans" is embedded by cairo as a subset.
 *
 * Non-goals: tables, pictures, right-to-left text (format/report_pdf.c
 * draws reports).
 */
#include <stdbool.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "format/preservation_pdf.h"
#include "format/pdf_text.h"
#include "util/err.h"
#include "util/str.h"

#define PAGE_W		595.28	/* A4, points */
#define PAGE_H		841.89
#define MARGIN		50.0
#define LABEL_W		150.0	/* the label column */
#define GAP		10.0
#define BODY_W		(PAGE_W - 2 * MARGIN)
#define VALUE_W		(BODY_W - LABEL_W - GAP)
#define TOP		(MARGIN + 24)
#define BOTTOM		(PAGE_H - MARGIN - 16)
#define FONT		"DejaVu Sans"

struct doc {
	cairo_surface_t		*sf;		/* the PDF */
	cairo_t			*cr;		/* drawing on it */
	PangoFontMap		*fm;		/* this document's fonts */
	PangoContext		*pc;		/* its context */
	PangoFontDescription	*body;		/* 9.5 pt */
	PangoFontDescription	*bold;		/* 9.5 pt bold */
	PangoFontDescription	*small;		/* 7.5 pt */
	PangoFontDescription	*h1;		/* 15 pt bold */
	PangoFontDescription	*h2;		/* 11 pt bold */
	double			 y;		/* cursor */
	int			 page;		/* from 1 */
	const char		*title;		/* running head */
	const char		*marking;	/* on every page */
	struct ccs_pdf_sink	 s;		/* output, bounded; rc */
};

static const char *
jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static void
furniture(struct doc *d)
{
	PangoLayout *l;
	char num[32];
	int w, h;

	l = ccs_pdf_layout(d->pc, d->small, d->title, BODY_W * 0.6);
	ccs_pdf_show(d->cr, l, MARGIN, MARGIN - 8);
	g_object_unref(l);
	l = ccs_pdf_layout(d->pc, d->bold, d->marking, BODY_W * 0.4);
	pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
	ccs_pdf_show(d->cr, l, MARGIN + BODY_W * 0.6, MARGIN - 8);
	g_object_unref(l);
	(void)ccs_snprintf(num, sizeof(num), "Page %d", d->page);
	l = ccs_pdf_layout(d->pc, d->small, num, BODY_W);
	pango_layout_get_size(l, &w, &h);
	ccs_pdf_show(d->cr, l, PAGE_W - MARGIN - (double)w / PANGO_SCALE,
	    PAGE_H - MARGIN);
	g_object_unref(l);
}

static void
new_page(struct doc *d)
{
	cairo_show_page(d->cr);
	d->page++;
	d->y = TOP;
	furniture(d);
}

/* Makes room for @p h points, starting a page when needed. */
static void
room(struct doc *d, double h)
{
	if (d->y + h > BOTTOM && d->y > TOP)
		new_page(d);
}

static void
para(struct doc *d, const PangoFontDescription *f, const char *text,
    double after)
{
	PangoLayout *l = ccs_pdf_layout(d->pc, f, text, BODY_W);
	double h = ccs_pdf_height(l);

	room(d, h);
	ccs_pdf_show(d->cr, l, MARGIN, d->y);
	d->y += h + after;
	g_object_unref(l);
}

/* One labelled field; a value taller than the room left is drawn line
 * by line across pages. */
static void
field(struct doc *d, const char *label, const char *value)
{
	PangoLayout *lb = ccs_pdf_layout(d->pc, d->bold, label, LABEL_W);
	PangoLayout *vl = ccs_pdf_layout(d->pc, d->body,
	    value[0] ? value : "Not given", VALUE_W);
	PangoLayoutIter *it;
	PangoRectangle r;
	double base, lh = ccs_pdf_height(lb), top;

	room(d, lh > 14 ? lh : 14);
	ccs_pdf_show(d->cr, lb, MARGIN, d->y);
	top = d->y;
	it = pango_layout_get_iter(vl);
	base = 0;
	do {
		PangoLayoutLine *ln = pango_layout_iter_get_line_readonly(it);

		pango_layout_iter_get_line_extents(it, NULL, &r);
		if (top + (double)(r.y + r.height) / PANGO_SCALE - base >
		    BOTTOM) {
			new_page(d);
			base = (double)r.y / PANGO_SCALE;
			top = d->y;
		}
		cairo_set_source_rgb(d->cr, 0.043, 0.047, 0.047);
		cairo_move_to(d->cr, MARGIN + LABEL_W + GAP, top +
		    (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE -
		    base);
		pango_cairo_show_layout_line(d->cr, ln);
		d->y = top + (double)(r.y + r.height) / PANGO_SCALE - base;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	if (d->y < top + lh)
		d->y = top + lh;
	d->y += 6;
	g_object_unref(lb);
	g_object_unref(vl);
}

static int
fonts(struct doc *d)
{
	d->body = pango_font_description_from_string(FONT " 9.5");
	d->bold = pango_font_description_from_string(FONT " Bold 9.5");
	d->small = pango_font_description_from_string(FONT " 7.5");
	d->h1 = pango_font_description_from_string(FONT " Bold 15");
	d->h2 = pango_font_description_from_string(FONT " Bold 11");
	return d->body && d->bold && d->small && d->h1 && d->h2 ? CCS_OK :
	    CCS_ENOMEM;
}

static void
release(struct doc *d)
{
	pango_font_description_free(d->body);
	pango_font_description_free(d->bold);
	pango_font_description_free(d->small);
	pango_font_description_free(d->h1);
	pango_font_description_free(d->h2);
	if (d->pc != NULL)
		g_object_unref(d->pc);
	if (d->fm != NULL)
		g_object_unref(d->fm);
	if (d->cr != NULL)
		cairo_destroy(d->cr);
	if (d->sf != NULL)
		cairo_surface_destroy(d->sf);
}

static bool
shape_ok(const json_t *doc)
{
	const json_t *sec, *fl;
	size_t i, j;

	if (!json_is_array(json_object_get(doc, "sections")))
		return false;
	json_array_foreach(json_object_get(doc, "sections"), i, sec) {
		if (!json_is_array(json_object_get(sec, "fields")))
			return false;
		json_array_foreach(json_object_get(sec, "fields"), j, fl) {
			if (!json_is_string(json_array_get(fl, 0)) ||
			    !json_is_string(json_array_get(fl, 1)))
				return false;
		}
	}
	return true;
}

int
ccs_form_pdf(const json_t *doc, struct ccs_buf *out)
{
	const json_t *sec, *fl;
	struct doc d;
	char head[320];
	size_t i, j;
	int rc;

	if (!shape_ok(doc))
		return CCS_EINVAL;
	memset(&d, 0, sizeof(d));
	d.s.out = out;
	d.s.start = out->len;
	d.s.max = CCS_FORM_PDF_MAX;
	d.title = jstr(doc, "title");
	d.marking = jstr(doc, "marking");
	d.sf = cairo_pdf_surface_create_for_stream(
	    ccs_pdf_sink_write, &d.s, PAGE_W, PAGE_H);
	if (cairo_surface_status(d.sf) != CAIRO_STATUS_SUCCESS) {
		rc = CCS_ENOMEM;
		goto out;
	}
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
	cairo_pdf_surface_set_metadata(d.sf, CAIRO_PDF_METADATA_TITLE,
	    d.title);
	cairo_pdf_surface_set_metadata(d.sf, CAIRO_PDF_METADATA_CREATOR,
	    "ccscap");
#endif
	d.cr = cairo_create(d.sf);
	d.fm = pango_cairo_font_map_new();
	d.pc = d.fm ? pango_font_map_create_context(d.fm) : NULL;
	rc = d.pc != NULL && cairo_status(d.cr) == CAIRO_STATUS_SUCCESS ?
	    fonts(&d) : CCS_ENOMEM;
	if (rc != CCS_OK)
		goto out;
	pango_cairo_update_context(d.cr, d.pc);
	d.page = 1;
	d.y = TOP;
	furniture(&d);
	para(&d, d.h1, d.title, 4);
	para(&d, d.small, jstr(doc, "subtitle"), 12);
	json_array_foreach(json_object_get(doc, "sections"), i, sec) {
		(void)ccs_snprintf(head, sizeof(head), "%zu. %s", i + 1,
		    jstr(sec, "title"));
		room(&d, 50);
		para(&d, d.h2, head, 6);
		json_array_foreach(json_object_get(sec, "fields"), j, fl)
			field(&d, json_string_value(json_array_get(fl, 0)),
			    json_string_value(json_array_get(fl, 1)));
		d.y += 8;
	}
	cairo_destroy(d.cr);
	d.cr = NULL;
	cairo_surface_finish(d.sf);
	rc = d.s.rc;
	if (rc == CCS_OK && cairo_surface_status(d.sf) != CAIRO_STATUS_SUCCESS)
		rc = CCS_EIO;
out:
	release(&d);
	return rc;
}

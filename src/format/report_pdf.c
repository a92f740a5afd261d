/*
 * report_pdf.c: the PDF rendition of a report. A small flow layout: a
 * cursor moves down the page; a block that does not fit starts a new one
 * (a table row at a time, its header repeated). Text is set by Pango
 * through a font map made for this document and freed with it, so no
 * font state outlives a call or is shared between threads. The font is
 * "DejaVu Sans" (fonts-dejavu-core); cairo embeds the subset used.
 *
 * Non-goals: hyphenation, widow control, right-to-left text.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "format/chart.h"
#include "format/report_pdf.h"
#include "format/pdf_text.h"
#include "util/err.h"
#include "util/str.h"

#define PAGE_W		595.28	/* A4, points */
#define PAGE_H		841.89
#define MARGIN		48.0
#define BODY_W		(PAGE_W - 2 * MARGIN)
#define TOP		(MARGIN + 22)	/* under the running head */
#define BOTTOM		(PAGE_H - MARGIN - 14)	/* above the page number */
#define CELL_PAD	3.0
#define KEY_ROOM	50.0	/* under a heat map: its key paragraph */
#define FONT		"DejaVu Sans"

struct doc {
	cairo_surface_t		*sf;		/* the PDF */
	cairo_t			*cr;		/* drawing on it */
	PangoFontMap		*fm;		/* this document's fonts */
	PangoContext		*pc;		/* its Pango context */
	PangoFontDescription	*body;		/* 9 pt */
	PangoFontDescription	*bold;		/* 9 pt bold */
	PangoFontDescription	*small;		/* 7.5 pt */
	PangoFontDescription	*h1;		/* 16 pt bold */
	PangoFontDescription	*h2;		/* 12 pt bold */
	double			 y;		/* cursor */
	int			 page;		/* number, from 1 */
	const char		*title;		/* running head */
	const char		*tlp;		/* "TLP:AMBER" */
	struct ccs_pdf_sink	 s;		/* output, bounded; rc */
};

static const char *
jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* One line of @p text at (x, y), aligned left (0) or right (1). */
static void
line(struct doc *d, const PangoFontDescription *f, const char *text,
    double x, double y, double align)
{
	PangoLayout *l = ccs_pdf_layout(d->pc, f, text, BODY_W);
	int w, h;

	pango_layout_get_size(l, &w, &h);
	ccs_pdf_show(d->cr, l, x - align * (double)w / PANGO_SCALE, y);
	g_object_unref(l);
}

/* The running head and the page number of the current page. */
static void
furniture(struct doc *d)
{
	char num[32];

	line(d, d->small, d->title, MARGIN, MARGIN - 6, 0);
	line(d, d->bold, d->tlp, PAGE_W - MARGIN, MARGIN - 8, 1);
	cairo_set_source_rgb(d->cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(d->cr, 0.5);
	cairo_move_to(d->cr, MARGIN, MARGIN + 10);
	cairo_line_to(d->cr, PAGE_W - MARGIN, MARGIN + 10);
	cairo_stroke(d->cr);
	(void)ccs_snprintf(num, sizeof(num), "Page %d", d->page);
	line(d, d->small, num, PAGE_W - MARGIN, PAGE_H - MARGIN, 1);
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

static const char *
light_word(const char *l)
{
	if (ccs_streq(l, "green"))
		return "Green";
	if (ccs_streq(l, "amber"))
		return "Amber";
	if (ccs_streq(l, "red"))
		return "Red";
	return "No data";
}

static void
light_dot(struct doc *d, const char *l, double x, double y)
{
	if (ccs_streq(l, "green"))
		cairo_set_source_rgb(d->cr, 0.0, 0.47, 0.35);
	else if (ccs_streq(l, "amber"))
		cairo_set_source_rgb(d->cr, 0.96, 0.62, 0.04);
	else if (ccs_streq(l, "red"))
		cairo_set_source_rgb(d->cr, 0.75, 0.13, 0.13);
	else
		cairo_set_source_rgb(d->cr, 0.7, 0.7, 0.7);
	cairo_arc(d->cr, x + 5, y + 6, 4.5, 0, 2 * 3.14159265358979);
	cairo_fill(d->cr);
}

/* The text of a cell value; @p buf holds numbers. */
static const char *
cell_text(const json_t *v, const char *kind, char *buf, size_t len)
{
	if (ccs_streq(kind, "light"))
		return light_word(json_string_value(v));
	if (json_is_integer(v)) {
		(void)ccs_snprintf(buf, len, "%lld",
		    (long long)json_integer_value(v));
		return buf;
	}
	return json_is_string(v) ? json_string_value(v) : "";
}

#define MAX_COLS	16

/* The share of the width column @p c asks for: text 3, a light 1.4,
 * a number 1.2. */
static double
weight(const json_t *c)
{
	const char *kind = jstr(c, "kind");

	if (ccs_streq(kind, "text"))
		return 3;
	return ccs_streq(kind, "light") ? 1.4 : 1.2;
}

/* Column widths in proportion to their weights, over BODY_W. */
static size_t
widths(const json_t *cols, double *w)
{
	size_t j, n = json_array_size(cols);
	double sum = 0;

	if (n > MAX_COLS)
		n = MAX_COLS;
	for (j = 0; j < n; j++)
		sum += weight(json_array_get(cols, j));
	for (j = 0; j < n; j++)
		w[j] = BODY_W * weight(json_array_get(cols, j)) / sum;
	return n;
}

/* One row of cells (the header when @p head); returns its height. */
static double
row(struct doc *d, const json_t *cols, const json_t *vals, const double *w,
    size_t n, bool head, bool draw)
{
	PangoLayout *l[MAX_COLS];
	const char *kind, *text;
	char buf[32];
	double h = 0, x = MARGIN, hh;
	size_t j;

	for (j = 0; j < n; j++) {
		kind = jstr(json_array_get(cols, j), "kind");
		text = head ? jstr(json_array_get(cols, j), "title") :
		    cell_text(json_array_get(vals, j), kind, buf, sizeof(buf));
		l[j] = ccs_pdf_layout(d->pc, head ? d->bold : d->body, text,
		    w[j] - 2 * CELL_PAD -
		    (ccs_streq(kind, "light") && !head ? 12 : 0));
		if (ccs_streq(kind, "num"))
			pango_layout_set_alignment(l[j], PANGO_ALIGN_RIGHT);
		hh = ccs_pdf_height(l[j]);
		if (hh > h)
			h = hh;
	}
	h += 2 * CELL_PAD;
	if (draw) {
		if (head) {
			cairo_set_source_rgb(d->cr, 0.9, 0.9, 0.9);
			cairo_rectangle(d->cr, MARGIN, d->y, BODY_W, h);
			cairo_fill(d->cr);
		}
		for (j = 0; j < n; j++) {
			kind = jstr(json_array_get(cols, j), "kind");
			if (!head && ccs_streq(kind, "light")) {
				light_dot(d, json_string_value(
				    json_array_get(vals, j)), x + CELL_PAD,
				    d->y + CELL_PAD);
				ccs_pdf_show(d->cr, l[j], x + CELL_PAD + 12,
				    d->y + CELL_PAD);
			} else {
				ccs_pdf_show(d->cr, l[j], x + CELL_PAD,
				    d->y + CELL_PAD);
			}
			x += w[j];
		}
		cairo_set_source_rgb(d->cr, 0.75, 0.75, 0.75);
		cairo_set_line_width(d->cr, 0.5);
		cairo_move_to(d->cr, MARGIN, d->y + h);
		cairo_line_to(d->cr, MARGIN + BODY_W, d->y + h);
		cairo_stroke(d->cr);
	}
	for (j = 0; j < n; j++)
		g_object_unref(l[j]);
	return h;
}

static void
table(struct doc *d, const json_t *t)
{
	const json_t *cols = json_object_get(t, "columns"), *r;
	double w[MAX_COLS], hh, rh;
	size_t n = widths(cols, w), i;

	para(d, d->bold, jstr(t, "caption"), 3);
	hh = row(d, cols, NULL, w, n, true, false);
	room(d, hh + 16);
	d->y += row(d, cols, NULL, w, n, true, true);
	json_array_foreach(json_object_get(t, "rows"), i, r) {
		rh = row(d, cols, r, w, n, false, false);
		if (d->y + rh > BOTTOM) {
			new_page(d);
			d->y += row(d, cols, NULL, w, n, true, true);
		}
		d->y += row(d, cols, r, w, n, false, true);
	}
	if (json_array_size(json_object_get(t, "rows")) == 0)
		para(d, d->body, "None.", 0);
	d->y += 10;
}

/* The heat map, drawn by format/chart.c on this page. */
static void
heat(struct doc *d, const json_t *h)
{
	struct ccs_heat *hm = NULL;
	const json_t *c, *r, *v;
	size_t i, j, idx, rows = json_array_size(json_object_get(h, "rows"));
	int rc = CCS_OK, height, least;

	/* as tall as comfortable, or shorter (down to 13 pt a row) when that
	 * keeps it on this page: a two-page brief stays two pages */
	height = (int)(rows * 17 + 90);
	least = (int)(rows * 13 + 90);
	if (height > (int)(BOTTOM - TOP))
		height = (int)(BOTTOM - TOP);
	if (height > (int)(BOTTOM - d->y - KEY_ROOM) && least <= (int)(BOTTOM -
	    d->y - KEY_ROOM))
		height = (int)(BOTTOM - d->y - KEY_ROOM);
	if (height < CCS_CHART_MIN_SIZE)
		height = CCS_CHART_MIN_SIZE;
	hm = ccs_heat_new((int)BODY_W, height);
	if (hm == NULL)
		rc = CCS_ENOMEM;
	if (rc == CCS_OK)
		rc = ccs_heat_set_title(hm, jstr(h, "caption"));
	json_array_foreach(json_object_get(h, "cols"), j, c)
		if (rc == CCS_OK)
			rc = ccs_heat_add_col(hm, json_string_value(c));
	json_array_foreach(json_object_get(h, "rows"), i, r) {
		if (rc == CCS_OK)
			rc = ccs_heat_add_row(hm, jstr(r, "label"), &idx);
		json_array_foreach(json_object_get(r, "values"), j, v)
			if (rc == CCS_OK && json_is_integer(v))
				rc = ccs_heat_set(hm, idx, j,
				    (int)json_integer_value(v));
	}
	if (rc == CCS_OK) {
		room(d, height);
		rc = ccs_heat_draw_at(hm, d->cr, MARGIN - 12, d->y);
		d->y += height + 6;
	}
	ccs_heat_free(hm);
	if (rc != CCS_OK && d->s.rc == CCS_OK)
		d->s.rc = rc;
}

static void
blocks(struct doc *d, const json_t *bl)
{
	const json_t *b;
	const char *type;
	size_t i;

	json_array_foreach(bl, i, b) {
		type = jstr(b, "type");
		if (ccs_streq(type, "p"))
			para(d, d->body, jstr(b, "text"), 6);
		else if (ccs_streq(type, "table"))
			table(d, b);
		else if (ccs_streq(type, "heat"))
			heat(d, b);
	}
}

static void
front(struct doc *d, const json_t *snap)
{
	const json_t *state = json_object_get(snap, "state");
	char text[512];

	if (json_is_object(state))
		(void)ccs_snprintf(text, sizeof(text), "%s: %s", d->title,
		    jstr(state, "name"));
	else
		(void)ccs_strlcpy(text, d->title, sizeof(text));
	para(d, d->h1, text, 4);
	(void)ccs_snprintf(text, sizeof(text), "Period %s to %s. Data "
	    "cut-off %s. Made by %s. %s", jstr(snap, "from"), jstr(snap, "to"),
	    jstr(snap, "cutoff"), jstr(snap, "created_by"), d->tlp);
	para(d, d->small, text, 10);
}

static int
fonts(struct doc *d)
{
	d->body = pango_font_description_from_string(FONT " 9");
	d->bold = pango_font_description_from_string(FONT " Bold 9");
	d->small = pango_font_description_from_string(FONT " 7.5");
	d->h1 = pango_font_description_from_string(FONT " Bold 16");
	d->h2 = pango_font_description_from_string(FONT " Bold 12");
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

int
ccs_report_pdf(const json_t *snap, struct ccs_buf *out)
{
	struct doc d;
	const json_t *sec;
	size_t i;
	int rc;

	if (!json_is_array(json_object_get(snap, "sections")))
		return CCS_EINVAL;
	memset(&d, 0, sizeof(d));
	d.s.out = out;
	d.s.start = out->len;
	d.s.max = CCS_REPORT_PDF_MAX;
	d.title = jstr(snap, "title");
	d.tlp = ccs_streq(jstr(snap, "tlp"), "amber") ? "TLP:AMBER" :
	    "TLP:GREEN";
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
	front(&d, snap);
	json_array_foreach(json_object_get(snap, "sections"), i, sec) {
		room(&d, 60);
		para(&d, d.h2, jstr(sec, "title"), 4);
		blocks(&d, json_object_get(sec, "blocks"));
		d.y += 6;
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

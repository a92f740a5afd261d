/*
 * custody_pdf.c: the custody log PDF (see custody_pdf.h). A flow layout
 * as format/report_pdf.c's: a cursor moves down the page and a block
 * that does not fit starts a new one, with the item and page number in
 * the running head. Times are printed in UTC with their zone.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "core/validate.h"
#include "format/custody_pdf.h"
#include "format/pdf_text.h"
#include "util/err.h"
#include "util/str.h"

#define PAGE_W		595.28	/* A4, points */
#define PAGE_H		841.89
#define MARGIN		48.0
#define BODY_W		(PAGE_W - 2 * MARGIN)
#define TOP		(MARGIN + 22)
#define BOTTOM		(PAGE_H - MARGIN - 14)
#define FONT		"DejaVu Sans"

struct doc {
	cairo_surface_t		*sf;		/* the PDF */
	cairo_t			*cr;		/* drawing on it */
	PangoFontMap		*fm;		/* this document's fonts */
	PangoContext		*pc;		/* its Pango context */
	PangoFontDescription	*body;		/* 9 pt */
	PangoFontDescription	*small;		/* 7.5 pt */
	PangoFontDescription	*h1;		/* 15 pt bold */
	PangoFontDescription	*h2;		/* 11 pt bold */
	double			 y;		/* cursor */
	int			 page;		/* number, from 1 */
	char			 head[96];	/* running head */
	struct ccs_pdf_sink	 s;		/* output, bounded; rc */
};

static const char *
jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static void
line_at(struct doc *d, const PangoFontDescription *f, const char *text,
    double x, double y, bool right)
{
	PangoLayout *l = ccs_pdf_layout(d->pc, f, text, BODY_W);
	int w, h;

	pango_layout_get_size(l, &w, &h);
	cairo_set_source_rgb(d->cr, 0.043, 0.047, 0.047);
	cairo_move_to(d->cr, right ? x - (double)w / PANGO_SCALE : x, y);
	pango_cairo_show_layout(d->cr, l);
	g_object_unref(l);
}

static void
furniture(struct doc *d)
{
	char num[32];

	line_at(d, d->small, d->head, MARGIN, MARGIN - 6, false);
	cairo_set_source_rgb(d->cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(d->cr, 0.5);
	cairo_move_to(d->cr, MARGIN, MARGIN + 10);
	cairo_line_to(d->cr, PAGE_W - MARGIN, MARGIN + 10);
	cairo_stroke(d->cr);
	(void)ccs_snprintf(num, sizeof(num), "Page %d", d->page);
	line_at(d, d->small, num, PAGE_W - MARGIN, PAGE_H - MARGIN, true);
}

static void
para(struct doc *d, const PangoFontDescription *f, const char *text,
    double after)
{
	PangoLayout *l = ccs_pdf_layout(d->pc, f, text, BODY_W);
	int w, h;
	double ht;

	pango_layout_get_size(l, &w, &h);
	ht = (double)h / PANGO_SCALE;
	if (d->y + ht > BOTTOM && d->y > TOP) {
		cairo_show_page(d->cr);
		d->page++;
		d->y = TOP;
		furniture(d);
	}
	cairo_set_source_rgb(d->cr, 0.043, 0.047, 0.047);
	cairo_move_to(d->cr, MARGIN, d->y);
	pango_cairo_show_layout(d->cr, l);
	d->y += ht + after;
	g_object_unref(l);
}

/* para() of a formatted text; one longer than 4 KB is an error. */
static void
paraf(struct doc *d, const PangoFontDescription *f, double after,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
paraf(struct doc *d, const PangoFontDescription *f, double after,
    const char *fmt, ...)
{
	char text[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(text)) {
		if (d->s.rc == CCS_OK)
			d->s.rc = CCS_ETOOBIG;
		return;
	}
	para(d, f, text, after);
}

/* "20 November 2026, 14:00:00 UTC" (style rule 30) of member @p k. */
static const char *
when(const json_t *o, const char *k, char buf[48])
{
	static const char *const months[] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	char t[21];
	int m;

	ccs_time_fmt((long long)json_integer_value(json_object_get(o, k)), t);
	m = (t[5] - '0') * 10 + (t[6] - '0');
	if (m < 1 || m > 12 || ccs_snprintf(buf, 48, "%d %s %.4s, %.8s UTC",
	    (t[8] - '0') * 10 + (t[9] - '0'), months[m - 1], t,
	    t + 11) != CCS_OK)
		(void)ccs_strlcpy(buf, t, 48);
	return buf;
}

static void
item_part(struct doc *d, const json_t *it, const json_t *ver)
{
	char t[48];

	para(d, d->h1, "Chain of custody", 4);
	paraf(d, d->body, 8, "Evidence item %lld of %s: %s (%s, %s)",
	    (long long)json_integer_value(json_object_get(it, "id")),
	    jstr(it, "state"), jstr(it, "description"), jstr(it, "kind"),
	    jstr(it, "copy"));
	paraf(d, d->body, 2, "Seal at acquisition: %s", jstr(it, "seal"));
	paraf(d, d->body, 2, "SHA-256 at acquisition: %s", jstr(it, "sha256"));
	paraf(d, d->body, 2, "Acquired: %s", when(it, "acquired_at", t));
	paraf(d, d->body, 10, "Held now by: %s", jstr(it, "holder"));
	para(d, d->h2, "Verification of the hash chain", 4);
	if (json_is_true(json_object_get(ver, "intact")))
		paraf(d, d->body, 2, "Chain intact: %lld entries, each hash "
		    "recomputed and linked to the one before.",
		    (long long)json_integer_value(json_object_get(ver,
		    "entries")));
	else
		paraf(d, d->body, 2, "CHAIN BROKEN at entry %lld: %s",
		    (long long)json_integer_value(json_object_get(ver,
		    "broken_seq")), jstr(ver, "reason"));
	if (json_integer_value(json_object_get(ver, "mismatches")) > 0)
		paraf(d, d->body, 10, "SHA-256 MISMATCH flagged on %lld "
		    "entr%s, the first at entry %lld: the hash measured "
		    "then differs from the acquisition's.",
		    (long long)json_integer_value(json_object_get(ver,
		    "mismatches")), json_integer_value(json_object_get(ver,
		    "mismatches")) == 1 ? "y" : "ies",
		    (long long)json_integer_value(json_object_get(ver,
		    "first_mismatch")));
	else
		para(d, d->body, "Every SHA-256 measured matches the "
		    "acquisition's.", 10);
}

static void
entry_part(struct doc *d, const json_t *e)
{
	char t[48];
	bool ok = json_is_true(json_object_get(e, "hash_ok"));
	long long seq = (long long)json_integer_value(json_object_get(e,
	    "seq"));

	if (seq == 0)
		paraf(d, d->h2, 3, "Entry 0: acquisition by %s",
		    jstr(e, "receiver"));
	else
		paraf(d, d->h2, 3, "Entry %lld: %s to %s", seq,
		    jstr(e, "giver"), jstr(e, "receiver"));
	paraf(d, d->body, 1, "When: %s   Where: %s", when(e, "at", t),
	    jstr(e, "place"));
	paraf(d, d->body, 1, "Why: %s", jstr(e, "reason"));
	paraf(d, d->body, 1, "Seal: %s", jstr(e, "seal"));
	if (jstr(e, "from_state")[0] != '\0')
		paraf(d, d->body, 1, "Transfer from %s to %s by courier: %s",
		    jstr(e, "from_state"), jstr(e, "to_state"),
		    jstr(e, "courier"));
	paraf(d, d->body, 1, "SHA-256 measured: %s  %s", jstr(e, "sha256"),
	    ok ? "(matches)" : "MISMATCH");
	paraf(d, d->small, 9, "Chain hash: %s", jstr(e, "entry_hash"));
}

static int
fonts(struct doc *d)
{
	d->fm = pango_cairo_font_map_new();
	if (d->fm == NULL)
		return CCS_ENOMEM;
	d->pc = pango_font_map_create_context(d->fm);
	d->body = pango_font_description_from_string(FONT " 9");
	d->small = pango_font_description_from_string(FONT " 7.5");
	d->h1 = pango_font_description_from_string(FONT " Bold 15");
	d->h2 = pango_font_description_from_string(FONT " Bold 11");
	if (d->pc == NULL || d->body == NULL || d->small == NULL ||
	    d->h1 == NULL || d->h2 == NULL)
		return CCS_ENOMEM;
	pango_cairo_update_context(d->cr, d->pc);
	return CCS_OK;
}

int
ccs_custody_pdf(const json_t *log, struct ccs_buf *out)
{
	const json_t *it = json_object_get(log, "item"), *e;
	struct doc d;
	size_t i;
	int rc;

	memset(&d, 0, sizeof(d));
	d.s.out = out;
	d.s.start = out->len;
	d.s.max = CCS_CUSTODY_PDF_MAX;
	d.page = 1;
	d.y = TOP;
	(void)ccs_snprintf(d.head, sizeof(d.head), "ccscap custody log, "
	    "evidence item %lld", (long long)json_integer_value(
	    json_object_get(it, "id")));
	d.sf = cairo_pdf_surface_create_for_stream(
	    ccs_pdf_sink_write, &d.s, PAGE_W, PAGE_H);
	d.cr = cairo_create(d.sf);
	rc = cairo_status(d.cr) == CAIRO_STATUS_SUCCESS ? fonts(&d) : CCS_EIO;
	if (rc == CCS_OK) {
		furniture(&d);
		item_part(&d, it, json_object_get(log, "verification"));
		para(&d, d.h2, "Custody log", 6);
		json_array_foreach(json_object_get(log, "items"), i, e)
			entry_part(&d, e);
		cairo_show_page(d.cr);
	}
	if (d.body)
		pango_font_description_free(d.body);
	if (d.small)
		pango_font_description_free(d.small);
	if (d.h1)
		pango_font_description_free(d.h1);
	if (d.h2)
		pango_font_description_free(d.h2);
	if (d.pc)
		g_object_unref(d.pc);
	if (d.fm)
		g_object_unref(d.fm);
	cairo_destroy(d.cr);
	cairo_surface_finish(d.sf);
	if (rc == CCS_OK && cairo_surface_status(d.sf) != CAIRO_STATUS_SUCCESS)
		rc = d.s.rc != CCS_OK ? d.s.rc : CCS_EIO;
	cairo_surface_destroy(d.sf);
	if (rc == CCS_OK && d.s.rc != CCS_OK)
		rc = d.s.rc;
	return rc;
}

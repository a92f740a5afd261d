/*
 * bars.c: horizontal bar charts in panels, each panel on its own scale.
 *
 * Rendering is two passes: layout() measures the text on a scratch image
 * surface and places every bar, which fixes the picture's height; then
 * paint() draws that layout through ccs_chart_render_picture (the same
 * bounded SVG or PDF output as the other charts). Because the geometry is
 * computed once, the SVG's data layer (one invisible rect per bar with
 * its keys and exact value, see bars.h) has exactly the painted bar's
 * box.
 *
 * Readability without colour: the value and the series' name are written
 * at every bar's end; the legend only repeats the colours, each of which
 * reaches 4.5:1 against white. Labels too long for the label column are
 * cut with an ellipsis; notes wrap at spaces. Non-goals: negative values,
 * stacked bars, axis ticks (the numbers are written on the bars).
 */
#include <math.h>	/* isfinite only: a macro, no libm */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "core/validate.h"
#include "format/bars.h"
#include "util/err.h"
#include "util/html.h"
#include "util/mem.h"
#include "util/str.h"

#define FONT		"sans-serif"
#define PAD		12.0	/* outer margin */
#define TITLE_SIZE	16.0	/* px */
#define HEAD_SIZE	13.0	/* a panel's heading */
#define TEXT_SIZE	12.0	/* labels, legend */
#define VALUE_SIZE	11.0	/* the text at a bar's end */
#define NOTE_SIZE	11.0	/* notes */
#define BAR_H		12.0	/* a bar's thickness */
#define BAR_GAP		3.0	/* between the bars of a row */
#define ROW_GAP		9.0	/* between rows */
#define SWATCH		14.0	/* legend sample width */
#define MAX_LINES	(CCS_BARS_MAX_NOTES * 8)	/* wrapped note lines */

struct rgb {
	double	 r, g, b;	/* 0..1 */
};

#define RGB(x)	{ ((x) >> 16) / 255.0, (((x) >> 8) & 0xff) / 255.0, \
	((x) & 0xff) / 255.0 }

/* chart.c's darkened Okabe-Ito hues, in another order (no black first) */
static const struct rgb palette[CCS_BARS_MAX_SERIES] = {
	RGB(0x0072b2),	/* blue, 5.2:1 */
	RGB(0xb34700),	/* vermilion, 5.5:1 */
	RGB(0x00785a),	/* bluish green, 5.5:1 */
	RGB(0xa23e82),	/* reddish purple, 5.9:1 */
	RGB(0x8a5a00),	/* ochre, 5.9:1 */
	RGB(0x5e3c99),	/* violet, 8.1:1 */
	RGB(0x0b0c0c),	/* near black, 19.6:1 */
	RGB(0x484949),	/* grey, 9:1 */
};
static const struct rgb ink = RGB(0x0b0c0c);	/* text */
static const struct rgb soft = RGB(0x484949);	/* notes, axis */

struct series {
	char	 name[CCS_CHART_MAX_TEXT + 1];	/* legend */
	char	 key[CCS_BARS_MAX_KEY + 1];	/* data layer */
};

struct panel {
	char	 heading[CCS_CHART_MAX_TEXT + 1];	/* drawn */
	char	 key[CCS_BARS_MAX_KEY + 1];		/* data layer */
	size_t	 first_row;	/* its rows: first_row .. + nrows */
	size_t	 nrows;		/* rows */
};

struct row {
	char	 label[CCS_CHART_MAX_TEXT + 1];	/* drawn, maybe cut */
	char	 key[CCS_BARS_MAX_KEY + 1];	/* data layer */
	size_t	 panel;		/* its panel */
	size_t	 first_bar;	/* its bars: first_bar .. + nbars */
	size_t	 nbars;		/* bars */
};

struct bar {
	size_t	 series;	/* colour and legend entry */
	double	 value;		/* length on the panel's scale */
	char	 text[CCS_BARS_MAX_KEY + 1];	/* written at its end */
	char	 datum[CCS_BARS_MAX_KEY + 1];	/* exact value, data layer */
};

/* A bar's box: left, top, length (its thickness is BAR_H). */
struct box {
	double	 x, y, w;	/* px */
};

struct ccs_bars {
	int		 width;		/* px */
	char		 title[CCS_CHART_MAX_TEXT + 1];	/* or "" */
	struct series	 series[CCS_BARS_MAX_SERIES];	/* legend */
	size_t		 nseries;	/* used */
	struct panel	 panels[CCS_BARS_MAX_PANELS];	/* panels */
	size_t		 npanels;	/* used */
	struct row	*rows;		/* CCS_BARS_MAX_ROWS */
	size_t		 nrows;		/* used */
	struct bar	*bars;		/* CCS_BARS_MAX_BARS */
	size_t		 nbars;		/* used */
	char		 notes[CCS_BARS_MAX_NOTES][CCS_CHART_MAX_TEXT + 1];
	size_t		 nnotes;	/* used */
};

/* Where things go: computed by layout(), read by paint(). */
struct layout {
	double	 height;		/* px */
	double	 title_y;		/* baseline */
	double	 leg_x[CCS_BARS_MAX_SERIES];	/* legend entries */
	double	 leg_y[CCS_BARS_MAX_SERIES];	/* baselines */
	double	 panel_y[CCS_BARS_MAX_PANELS];	/* heading baselines */
	double	 labw;			/* label column */
	double	 x0;			/* bars start */
	char	 lines[MAX_LINES][CCS_CHART_MAX_TEXT + 1];	/* notes */
	double	 line_y[MAX_LINES];	/* baselines */
	size_t	 nlines;		/* used */
	struct box	*box;		/* per bar, nbars of them */
};

/* What paint() draws: the chart and its layout. */
struct picture {
	const struct ccs_bars	*b;	/* the chart */
	const struct layout	*l;	/* its layout */
};

static int
set_text(char *dst, size_t max, const char *src, bool empty_ok)
{
	if (src == NULL || src[0] == '\0') {
		dst[0] = '\0';
		return empty_ok ? CCS_OK : CCS_EINVAL;
	}
	if (strlen(src) > max)
		return CCS_ETOOBIG;
	if (!ccs_text_ok(src) || strpbrk(src, "\t\r\n") != NULL)
		return CCS_EINVAL;
	return ccs_strlcpy(dst, src, max + 1);
}

struct ccs_bars *
ccs_bars_new(int width)
{
	struct ccs_bars *b;

	if (width < CCS_BARS_MIN_WIDTH || width > CCS_CHART_MAX_SIZE)
		return NULL;
	b = ccs_calloc(1, sizeof(*b));
	if (b == NULL)
		return NULL;
	b->width = width;
	b->rows = ccs_calloc(CCS_BARS_MAX_ROWS, sizeof(*b->rows));
	b->bars = ccs_calloc(CCS_BARS_MAX_BARS, sizeof(*b->bars));
	if (b->rows == NULL || b->bars == NULL) {
		ccs_bars_free(b);
		return NULL;
	}
	return b;
}

void
ccs_bars_free(struct ccs_bars *b)
{
	if (b == NULL)
		return;
	free(b->rows);
	free(b->bars);
	free(b);
}

int
ccs_bars_set_title(struct ccs_bars *b, const char *title)
{
	return set_text(b->title, CCS_CHART_MAX_TEXT, title, true);
}

int
ccs_bars_add_series(struct ccs_bars *b, const char *name, const char *key)
{
	struct series *s;
	int rc;

	if (b->nseries == CCS_BARS_MAX_SERIES)
		return CCS_ETOOBIG;
	s = &b->series[b->nseries];
	rc = set_text(s->name, CCS_CHART_MAX_TEXT, name, false);
	if (rc == CCS_OK)
		rc = set_text(s->key, CCS_BARS_MAX_KEY, key, false);
	if (rc == CCS_OK)
		b->nseries++;
	return rc;
}

int
ccs_bars_add_panel(struct ccs_bars *b, const char *heading,
    const char *key)
{
	struct panel *p;
	int rc;

	if (b->npanels == CCS_BARS_MAX_PANELS)
		return CCS_ETOOBIG;
	p = &b->panels[b->npanels];
	rc = set_text(p->heading, CCS_CHART_MAX_TEXT, heading, false);
	if (rc == CCS_OK)
		rc = set_text(p->key, CCS_BARS_MAX_KEY, key, false);
	if (rc != CCS_OK)
		return rc;
	p->first_row = b->nrows;
	p->nrows = 0;
	b->npanels++;
	return CCS_OK;
}

int
ccs_bars_add_row(struct ccs_bars *b, const char *label, const char *key)
{
	struct row *r;
	int rc;

	if (b->npanels == 0)
		return CCS_EINVAL;
	if (b->nrows == CCS_BARS_MAX_ROWS)
		return CCS_ETOOBIG;
	r = &b->rows[b->nrows];
	rc = set_text(r->label, CCS_CHART_MAX_TEXT, label, false);
	if (rc == CCS_OK)
		rc = set_text(r->key, CCS_BARS_MAX_KEY, key, false);
	if (rc != CCS_OK)
		return rc;
	r->panel = b->npanels - 1;
	r->first_bar = b->nbars;
	r->nbars = 0;
	b->panels[r->panel].nrows++;
	b->nrows++;
	return CCS_OK;
}

int
ccs_bars_add_bar(struct ccs_bars *b, size_t series, double value,
    const char *text, const char *datum)
{
	struct bar *x;
	int rc;

	if (b->nrows == 0 || series >= b->nseries || !isfinite(value) ||
	    value < 0)
		return CCS_EINVAL;
	if (b->nbars == CCS_BARS_MAX_BARS)
		return CCS_ETOOBIG;
	x = &b->bars[b->nbars];
	rc = set_text(x->text, CCS_BARS_MAX_KEY, text, false);
	if (rc == CCS_OK)
		rc = set_text(x->datum, CCS_BARS_MAX_KEY, datum, false);
	if (rc != CCS_OK)
		return rc;
	x->series = series;
	x->value = value;
	b->rows[b->nrows - 1].nbars++;
	b->nbars++;
	return CCS_OK;
}

int
ccs_bars_add_note(struct ccs_bars *b, const char *text)
{
	int rc;

	if (b->nnotes == CCS_BARS_MAX_NOTES)
		return CCS_ETOOBIG;
	rc = set_text(b->notes[b->nnotes], CCS_CHART_MAX_TEXT, text, false);
	if (rc == CCS_OK)
		b->nnotes++;
	return rc;
}

static void
colour(cairo_t *cr, const struct rgb *c)
{
	cairo_set_source_rgb(cr, c->r, c->g, c->b);
}

static void
font(cairo_t *cr, double size, bool bold)
{
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL, bold ?
	    CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

static double
text_width(cairo_t *cr, const char *s)
{
	cairo_text_extents_t te;

	cairo_text_extents(cr, s, &te);
	return te.x_advance;
}

static void
text_at(cairo_t *cr, double x, double y, const char *s)
{
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, s);
}

/* @p s cut at a character boundary, with an ellipsis, to @p maxw. */
static void
fit(cairo_t *cr, const char *s, double maxw, char *out, size_t size)
{
	size_t n;

	(void)ccs_strlcpy(out, s, size);
	if (text_width(cr, out) <= maxw)
		return;
	n = strlen(out);
	while (n > 0) {
		n--;
		while (n > 0 && ((unsigned char)out[n] & 0xC0) == 0x80)
			n--;
		out[n] = '\0';
		if (ccs_snprintf(out + n, size - n, "\xE2\x80\xA6") != CCS_OK)
			continue;
		if (text_width(cr, out) <= maxw)
			return;
		out[n] = '\0';
	}
}

/* Wraps @p s at spaces into l->lines, each at most @p maxw wide. */
static void
wrap(cairo_t *cr, const char *s, double maxw, struct layout *l)
{
	char line[CCS_CHART_MAX_TEXT + 1], trial[CCS_CHART_MAX_TEXT + 1];
	const char *w = s, *e;
	size_t n;

	line[0] = '\0';
	while (*w != '\0' && l->nlines < MAX_LINES) {
		e = strchr(w, ' ');
		n = e ? (size_t)(e - w) : strlen(w);
		if (ccs_snprintf(trial, sizeof(trial), "%s%s%.*s", line,
		    line[0] ? " " : "", (int)n, w) != CCS_OK)
			break;
		if (line[0] && text_width(cr, trial) > maxw) {
			(void)ccs_strlcpy(l->lines[l->nlines++], line,
			    sizeof(line));
			(void)ccs_snprintf(line, sizeof(line), "%.*s", (int)n,
			    w);
		} else {
			(void)ccs_strlcpy(line, trial, sizeof(line));
		}
		w += n;
		while (*w == ' ')
			w++;
	}
	if (line[0] && l->nlines < MAX_LINES)
		(void)ccs_strlcpy(l->lines[l->nlines++], line, sizeof(line));
}

/*
 * Places everything of @p b in @p l (whose box array the caller sized).
 * @return CCS_OK, CCS_EINVAL when the width leaves no room for the bars,
 * CCS_ETOOBIG when too tall.
 */
static int
layout(cairo_t *cr, const struct ccs_bars *b, struct layout *l)
{
	double y = PAD, x = PAD, w, room, avail, max;
	const struct panel *p;
	const struct row *r;
	size_t i, j, k, first;

	if (b->title[0]) {
		y += TITLE_SIZE;
		l->title_y = y;
		y += 10;
	}
	font(cr, TEXT_SIZE, false);
	for (i = 0; i < b->nseries; i++) {
		w = SWATCH + 6 + text_width(cr, b->series[i].name) + 16;
		if (x > PAD && x + w > b->width - PAD) {
			x = PAD;
			y += TEXT_SIZE + 6;
		}
		l->leg_x[i] = x;
		l->leg_y[i] = y + TEXT_SIZE;
		x += w;
	}
	y += b->nseries ? TEXT_SIZE + 14 : 0;
	l->labw = 40;
	for (i = 0; i < b->nrows; i++) {
		w = text_width(cr, b->rows[i].label);
		if (w > l->labw)
			l->labw = w;
	}
	if (l->labw > 0.35 * b->width)
		l->labw = 0.35 * b->width;
	l->x0 = PAD + l->labw + 8;
	/* one length for the longest bar of every panel, so the panels
	 * line up; room for the longest text at a bar's end */
	room = 0;
	font(cr, VALUE_SIZE, false);
	for (i = 0; i < b->nbars; i++) {
		w = text_width(cr, b->bars[i].text);
		if (w > room)
			room = w;
	}
	avail = b->width - PAD - l->x0 - room - 6;
	if (avail < 40)
		return CCS_EINVAL;
	for (i = 0; i < b->npanels; i++) {
		p = &b->panels[i];
		y += HEAD_SIZE + 4;
		l->panel_y[i] = y;
		y += 10;
		max = 0;
		for (j = 0; j < p->nrows; j++) {
			r = &b->rows[p->first_row + j];
			for (k = 0; k < r->nbars; k++) {
				first = r->first_bar + k;
				if (b->bars[first].value > max)
					max = b->bars[first].value;
			}
		}
		if (p->nrows == 0)
			y += TEXT_SIZE + 6;	/* "Nothing recorded." */
		for (j = 0; j < p->nrows; j++) {
			r = &b->rows[p->first_row + j];
			for (k = 0; k < r->nbars; k++) {
				first = r->first_bar + k;
				l->box[first].x = l->x0;
				l->box[first].y = y + (double)k * (BAR_H +
				    BAR_GAP);
				l->box[first].w = max > 0 ?
				    b->bars[first].value / max * avail : 0;
			}
			y += (r->nbars ? (double)r->nbars * (BAR_H + BAR_GAP) -
			    BAR_GAP : BAR_H) + ROW_GAP;
			if (y > CCS_CHART_MAX_SIZE)
				return CCS_ETOOBIG;
		}
		y += 4;
	}
	font(cr, NOTE_SIZE, false);
	l->nlines = 0;
	for (i = 0; i < b->nnotes; i++)
		wrap(cr, b->notes[i], b->width - 2 * PAD, l);
	for (i = 0; i < l->nlines; i++) {
		y += NOTE_SIZE + 4;
		l->line_y[i] = y;
	}
	y += PAD;
	if (y < CCS_CHART_MIN_SIZE)
		y = CCS_CHART_MIN_SIZE;
	if (y > CCS_CHART_MAX_SIZE)
		return CCS_ETOOBIG;
	l->height = (double)(long)(y + 0.999);
	return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? CCS_OK : CCS_EIO;
}

static int
paint(cairo_t *cr, const void *pic)
{
	const struct picture *pc = pic;
	const struct ccs_bars *b = pc->b;
	const struct layout *l = pc->l;
	const struct panel *p;
	const struct row *r;
	const struct bar *x;
	const struct box *bx;
	char cut[CCS_CHART_MAX_TEXT + 4];
	size_t i, j, k;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	colour(cr, &ink);
	if (b->title[0]) {
		font(cr, TITLE_SIZE, true);
		text_at(cr, PAD, l->title_y, b->title);
	}
	font(cr, TEXT_SIZE, false);
	for (i = 0; i < b->nseries; i++) {
		colour(cr, &palette[i]);
		cairo_rectangle(cr, l->leg_x[i], l->leg_y[i] - TEXT_SIZE + 1,
		    SWATCH, TEXT_SIZE);
		cairo_fill(cr);
		colour(cr, &ink);
		text_at(cr, l->leg_x[i] + SWATCH + 6, l->leg_y[i],
		    b->series[i].name);
	}
	for (i = 0; i < b->npanels; i++) {
		p = &b->panels[i];
		colour(cr, &ink);
		font(cr, HEAD_SIZE, true);
		text_at(cr, PAD, l->panel_y[i], p->heading);
		if (p->nrows == 0) {
			font(cr, TEXT_SIZE, false);
			text_at(cr, PAD, l->panel_y[i] + 10 + TEXT_SIZE,
			    "Nothing recorded.");
		}
		for (j = 0; j < p->nrows; j++) {
			r = &b->rows[p->first_row + j];
			font(cr, TEXT_SIZE, false);
			colour(cr, &ink);
			fit(cr, r->label, l->labw, cut, sizeof(cut));
			if (r->nbars > 0)
				text_at(cr, PAD, l->box[r->first_bar].y +
				    BAR_H - 2, cut);
			for (k = 0; k < r->nbars; k++) {
				x = &b->bars[r->first_bar + k];
				bx = &l->box[r->first_bar + k];
				if (bx->w > 0) {
					colour(cr, &palette[x->series]);
					cairo_rectangle(cr, bx->x, bx->y,
					    bx->w, BAR_H);
					cairo_fill(cr);
				}
				colour(cr, &ink);
				font(cr, VALUE_SIZE, false);
				text_at(cr, bx->x + bx->w + 4, bx->y + BAR_H -
				    2, x->text);
			}
		}
		/* the zero line of the panel */
		if (p->nrows > 0) {
			r = &b->rows[p->first_row + p->nrows - 1];
			colour(cr, &soft);
			cairo_set_line_width(cr, 1);
			cairo_move_to(cr, l->x0 - 0.5, l->panel_y[i] + 6);
			cairo_line_to(cr, l->x0 - 0.5, (r->nbars ?
			    l->box[r->first_bar + r->nbars - 1].y :
			    l->panel_y[i] + 10) + BAR_H + 3);
			cairo_stroke(cr);
		}
	}
	font(cr, NOTE_SIZE, false);
	colour(cr, &soft);
	for (i = 0; i < l->nlines; i++)
		text_at(cr, PAD, l->line_y[i], l->lines[i]);
	return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? CCS_OK : CCS_EIO;
}

/* Appends the data layer: one invisible rect per bar, box and keys. */
static int
data_layer(const struct ccs_bars *b, const struct layout *l,
    struct ccs_buf *out)
{
	const struct row *r;
	const struct bar *x;
	const struct box *bx;
	size_t i, k;
	int rc;

	rc = ccs_buf_adds(out, "<g id=\"ccs-data\" xmlns:ccs=\"" CCS_BARS_NS
	    "\" fill=\"none\" stroke=\"none\">\n");
	for (i = 0; rc == CCS_OK && i < b->nrows; i++) {
		r = &b->rows[i];
		for (k = 0; rc == CCS_OK && k < r->nbars; k++) {
			x = &b->bars[r->first_bar + k];
			bx = &l->box[r->first_bar + k];
			rc = ccs_buf_printf(out, "<rect x=\"%.2f\" y=\"%.2f\" "
			    "width=\"%.2f\" height=\"%.2f\" ccs:panel=\"",
			    bx->x, bx->y, bx->w, BAR_H);
			if (rc == CCS_OK)
				rc = ccs_html_esc(out, b->panels[r->panel].key);
			if (rc == CCS_OK)
				rc = ccs_buf_adds(out, "\" ccs:row=\"");
			if (rc == CCS_OK)
				rc = ccs_html_esc(out, r->key);
			if (rc == CCS_OK)
				rc = ccs_buf_adds(out, "\" ccs:series=\"");
			if (rc == CCS_OK)
				rc = ccs_html_esc(out,
				    b->series[x->series].key);
			if (rc == CCS_OK)
				rc = ccs_buf_adds(out, "\" ccs:value=\"");
			if (rc == CCS_OK)
				rc = ccs_html_esc(out, x->datum);
			if (rc == CCS_OK)
				rc = ccs_buf_adds(out, "\"><title>");
			if (rc == CCS_OK)
				rc = ccs_html_esc(out, r->label);
			if (rc == CCS_OK)
				rc = ccs_buf_adds(out, ", ");
			if (rc == CCS_OK)
				rc = ccs_html_esc(out, b->panels[r->panel].key);
			if (rc == CCS_OK)
				rc = ccs_buf_adds(out, " ");
			if (rc == CCS_OK)
				rc = ccs_html_esc(out, x->text);
			if (rc == CCS_OK)
				rc = ccs_buf_adds(out, "</title></rect>\n");
		}
	}
	if (rc == CCS_OK)
		rc = ccs_buf_adds(out, "</g>\n");
	return rc;
}

/*
 * Copies the SVG @p svg to @p out with a <title> after the root's start
 * tag and the data layer before its end tag.
 */
static int
annotate(const struct ccs_bars *b, const struct layout *l, const char *svg,
    size_t len, struct ccs_buf *out)
{
	const char *root = strstr(svg, "<svg"), *open, *end = NULL, *s;
	int rc;

	open = root ? strchr(root, '>') : NULL;
	for (s = svg; s != NULL && (s = strstr(s, "</svg>")) != NULL; s++)
		end = s;
	if (open == NULL || end == NULL || end < open)
		return CCS_EIO;
	rc = ccs_buf_add(out, svg, (size_t)(open + 1 - svg));
	if (rc == CCS_OK && b->title[0]) {
		rc = ccs_buf_adds(out, "\n<title>");
		if (rc == CCS_OK)
			rc = ccs_html_esc(out, b->title);
		if (rc == CCS_OK)
			rc = ccs_buf_adds(out, "</title>");
	}
	if (rc == CCS_OK)
		rc = ccs_buf_add(out, open + 1, (size_t)(end - open - 1));
	if (rc == CCS_OK)
		rc = data_layer(b, l, out);
	if (rc == CCS_OK)
		rc = ccs_buf_add(out, end, len - (size_t)(end - svg));
	return rc;
}

int
ccs_bars_render(const struct ccs_bars *b, enum ccs_chart_format fmt,
    struct ccs_buf *out)
{
	cairo_surface_t *sf = NULL;
	cairo_t *cr = NULL;
	struct layout *l = NULL;
	struct picture pc;
	struct ccs_buf svg;
	int rc;

	ccs_buf_init(&svg, CCS_CHART_MAX_OUTPUT);
	l = ccs_calloc(1, sizeof(*l));
	if (l == NULL)
		return CCS_ENOMEM;
	l->box = ccs_calloc(b->nbars ? b->nbars : 1, sizeof(*l->box));
	if (l->box == NULL) {
		free(l);
		return CCS_ENOMEM;
	}
	/* the measuring pass: text extents on a scratch surface */
	sf = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	cr = cairo_create(sf);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		rc = CCS_ENOMEM;
		goto out;
	}
	rc = layout(cr, b, l);
	if (rc != CCS_OK)
		goto out;
	pc.b = b;
	pc.l = l;
	if (fmt != CCS_CHART_SVG) {
		rc = ccs_chart_render_picture(paint, &pc, b->width,
		    (int)l->height, b->title, fmt, out);
		goto out;
	}
	rc = ccs_chart_render_picture(paint, &pc, b->width, (int)l->height,
	    b->title, fmt, &svg);
	if (rc == CCS_OK)
		rc = annotate(b, l, ccs_buf_str(&svg), svg.len, out);
out:
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
	ccs_buf_free(&svg);
	free(l->box);
	free(l);
	return rc;
}

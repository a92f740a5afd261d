/*
 * chart.c: line and step charts of dated percentages with cairo.
 *
 * One routine, draw(), paints on any cairo context; render() only chooses
 * the surface (SVG or PDF, both written to memory through a bounded buffer)
 * so a page and a report can never show different pictures. Text uses
 * cairo's "toy" API with the "sans-serif" face: enough for short Latin
 * labels, no Pango or HarfBuzz (no complex scripts, no bidi: a non-goal).
 * The SVG carries glyph outlines, so browsers need no font.
 *
 * Readability without colour: each series has a colour from a palette whose
 * every entry reaches 4.5:1 against white, a dash pattern and a marker shape,
 * and its label and last value written at its end; the legend repeats the
 * line sample beside the series' name. Labels that would collide are pushed
 * apart and joined to their line by a thin leader.
 */
#include <math.h>	/* M_PI only: no libm */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>

#include "core/validate.h"
#include "format/chart.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define FONT		"sans-serif"
#define PAD		12.0	/* outer margin */
#define TITLE_SIZE	16.0	/* px */
#define TEXT_SIZE	12.0	/* tick labels, end labels, legend */
#define LINE_WIDTH	2.5	/* series lines; nothing else is 2.5 */
#define MARKER		3.5	/* marker radius */
#define MAX_MARKERS	60	/* more points than this: no markers */
#define LABEL_GAP	15.0	/* minimum distance between end labels */
#define SAMPLE_LEN	30.0	/* legend line sample */
#define MIN_DAY		(-25567)	/* 1900-01-01 */
#define MAX_DAY		2932896		/* 9999-12-31 */

struct point {
	int64_t	 day;		/* days since 1970-01-01 */
	double	 value;		/* 0..100 */
};

struct series {
	char		 label[CCS_CHART_MAX_TEXT + 1];	/* at the end */
	char		 legend[CCS_CHART_MAX_TEXT + 1]; /* "" label */
	struct point	*pts;	/* points, days non-decreasing */
	size_t		 n;	/* points used */
	size_t		 cap;	/* points allocated */
};

struct ccs_chart {
	int			 width;		/* px */
	int			 height;	/* px */
	enum ccs_chart_kind	 kind;		/* line or step */
	char			 title[CCS_CHART_MAX_TEXT + 1]; /* or "" */
	char			 xlabel[CCS_CHART_MAX_TEXT + 1]; /* or "" */
	char			 ylabel[CCS_CHART_MAX_TEXT + 1]; /* or "" */
	int64_t			 until;		/* axis end or INT64_MIN */
	struct series		 s[CCS_CHART_MAX_SERIES]; /* series */
	size_t			 ns;		/* series used */
};

struct rgb {
	double	 r, g, b;	/* 0..1 */
};

/*
 * Okabe-Ito hues, darkened until each reaches at least 4.5:1 on white (so
 * the end labels, written in the series' colour, are readable text).
 */
#define RGB(x)	{ ((x) >> 16) / 255.0, (((x) >> 8) & 0xff) / 255.0, \
	((x) & 0xff) / 255.0 }

static const struct rgb palette[] = {
	RGB(0x0b0c0c),	/* near black, 19.6:1 */
	RGB(0x0072b2),	/* blue, 5.2:1 */
	RGB(0xb34700),	/* vermilion, 5.5:1 */
	RGB(0x00785a),	/* bluish green, 5.5:1 */
	RGB(0xa23e82),	/* reddish purple, 5.9:1 */
	RGB(0x8a5a00),	/* ochre, 5.9:1 */
	RGB(0x5e3c99),	/* violet, 8.1:1 */
};
#define NPALETTE	(sizeof(palette) / sizeof(palette[0]))

/* Dash patterns (on, off, ...); n == 0 is a solid line. */
static const struct {
	double	 d[4];	/* lengths */
	int	 n;	/* used */
} dashes[] = {
	{ { 0, 0, 0, 0 }, 0 },		/* solid */
	{ { 10, 4, 0, 0 }, 2 },		/* long dash */
	{ { 4, 3, 0, 0 }, 2 },		/* short dash */
	{ { 1.5, 3, 0, 0 }, 2 },	/* dotted */
	{ { 10, 3, 2, 3 }, 4 },		/* dash dot */
	{ { 16, 4, 0, 0 }, 2 },		/* very long dash */
	{ { 6, 2, 2, 2 }, 4 },		/* short dash dot */
	{ { 2, 6, 0, 0 }, 2 },		/* sparse dots */
};
#define NDASHES		(sizeof(dashes) / sizeof(dashes[0]))

enum marker { M_CIRCLE, M_SQUARE, M_TRIANGLE, M_DIAMOND, M_DOWN, NMARKERS };

static const struct rgb ink = RGB(0x0b0c0c);	/* text, axes */
static const struct rgb grid = RGB(0xd8dadb);	/* gridlines */
static const struct rgb soft = RGB(0x484949);	/* tick labels, 9:1 */

/* Days from civil date (proleptic Gregorian), after H. Hinnant. */
static int64_t
days_from_civil(int64_t y, int64_t m, int64_t d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int64_t *m, int64_t *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int
ccs_chart_day(const char *date, int64_t *day)
{
	int64_t y, m, d;

	if (!ccs_valid_date(date))
		return CCS_EINVAL;
	y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 +
	    (date[2] - '0') * 10 + (date[3] - '0');
	m = (date[5] - '0') * 10 + (date[6] - '0');
	d = (date[8] - '0') * 10 + (date[9] - '0');
	*day = days_from_civil(y, m, d);
	return CCS_OK;
}

/* Copies a bounded, valid UTF-8 text; NULL gives "". */
static int
set_text(char *dst, const char *src)
{
	if (src == NULL) {
		dst[0] = '\0';
		return CCS_OK;
	}
	if (strlen(src) > CCS_CHART_MAX_TEXT)
		return CCS_ETOOBIG;
	if (!ccs_text_ok(src) || strpbrk(src, "\t\r\n") != NULL)
		return CCS_EINVAL;
	return ccs_strlcpy(dst, src, CCS_CHART_MAX_TEXT + 1);
}

struct ccs_chart *
ccs_chart_new(int width, int height, enum ccs_chart_kind kind)
{
	struct ccs_chart *c;

	if (width < CCS_CHART_MIN_SIZE || width > CCS_CHART_MAX_SIZE ||
	    height < CCS_CHART_MIN_SIZE || height > CCS_CHART_MAX_SIZE ||
	    (kind != CCS_CHART_LINE && kind != CCS_CHART_STEP))
		return NULL;
	c = ccs_calloc(1, sizeof(*c));
	if (c == NULL)
		return NULL;
	c->width = width;
	c->height = height;
	c->kind = kind;
	c->until = INT64_MIN;
	return c;
}

void
ccs_chart_free(struct ccs_chart *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->ns; i++)
		free(c->s[i].pts);
	free(c);
}

int
ccs_chart_set_title(struct ccs_chart *c, const char *title)
{
	return set_text(c->title, title);
}

int
ccs_chart_set_axis_labels(struct ccs_chart *c, const char *x, const char *y)
{
	char xs[CCS_CHART_MAX_TEXT + 1], ys[CCS_CHART_MAX_TEXT + 1];
	int rc;

	/* Both or neither: a refused y label leaves the x label unchanged. */
	rc = set_text(xs, x);
	if (rc == CCS_OK)
		rc = set_text(ys, y);
	if (rc != CCS_OK)
		return rc;
	memcpy(c->xlabel, xs, sizeof(xs));
	memcpy(c->ylabel, ys, sizeof(ys));
	return CCS_OK;
}

int
ccs_chart_set_until(struct ccs_chart *c, int64_t day)
{
	if (day < MIN_DAY || day > MAX_DAY)
		return CCS_EINVAL;
	c->until = day;
	return CCS_OK;
}

int
ccs_chart_add_series(struct ccs_chart *c, const char *label,
    const char *legend, size_t *index)
{
	struct series *s;
	int rc;

	if (c->ns >= CCS_CHART_MAX_SERIES)
		return CCS_ETOOBIG;
	if (label == NULL || label[0] == '\0')
		return CCS_EINVAL;
	s = &c->s[c->ns];
	rc = set_text(s->label, label);
	if (rc == CCS_OK)
		rc = set_text(s->legend, legend);
	if (rc != CCS_OK)
		return rc;
	s->pts = NULL;
	s->n = s->cap = 0;
	*index = c->ns++;
	return CCS_OK;
}

int
ccs_chart_add_point(struct ccs_chart *c, size_t series, int64_t day,
    double value)
{
	struct series *s;
	struct point *p;
	size_t ncap;

	if (series >= c->ns)
		return CCS_EINVAL;
	s = &c->s[series];
	if (!(value >= 0.0 && value <= 100.0) || day < MIN_DAY ||
	    day > MAX_DAY || (s->n > 0 && day < s->pts[s->n - 1].day))
		return CCS_EINVAL;
	if (s->n >= CCS_CHART_MAX_POINTS)
		return CCS_ETOOBIG;
	if (s->n == s->cap) {
		ncap = s->cap ? s->cap * 2 : 16;
		if (ncap > CCS_CHART_MAX_POINTS)
			ncap = CCS_CHART_MAX_POINTS;
		p = ccs_reallocarray(s->pts, ncap, sizeof(*p));
		if (p == NULL)
			return CCS_ENOMEM;
		s->pts = p;
		s->cap = ncap;
	}
	s->pts[s->n].day = day;
	s->pts[s->n].value = value;
	s->n++;
	return CCS_OK;
}

/* Drawing. */

struct frame {
	double	 x0, x1, y0, y1;	/* plot area */
	int64_t	 dmin, dmax;		/* days at x0 and x1 */
};

struct endlabel {
	size_t	 series;	/* index */
	double	 want;		/* y of the line's end */
	double	 y;		/* y of the label after spreading */
	char	 text[CCS_CHART_MAX_TEXT + 16];	/* "label 45%" */
};

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

/* Writes @p s with its baseline at y; align 0 left, 0.5 centre, 1 right. */
static void
text_at(cairo_t *cr, double x, double y, double align, const char *s)
{
	cairo_move_to(cr, x - align * text_width(cr, s), y);
	cairo_show_text(cr, s);
}

/* A crisp 1 px line at pixel centre (coordinates are never negative); no
 * floor(), so the library needs no libm. */
static double
crisp(double v)
{
	return (double)(long long)v + 0.5;
}

static double
xpos(const struct frame *f, int64_t day)
{
	return f->x0 + (f->x1 - f->x0) * (double)(day - f->dmin) /
	    (double)(f->dmax - f->dmin);
}

static double
ypos(const struct frame *f, double v)
{
	return f->y1 - (f->y1 - f->y0) * v / 100.0;
}

static void
line_style(cairo_t *cr, size_t i)
{
	colour(cr, &palette[i % NPALETTE]);
	cairo_set_line_width(cr, LINE_WIDTH);
	cairo_set_dash(cr, dashes[i % NDASHES].d, dashes[i % NDASHES].n, 0);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
}

static void
marker(cairo_t *cr, size_t i, double x, double y)
{
	const double r = MARKER;

	colour(cr, &palette[i % NPALETTE]);
	switch ((enum marker)(i % NMARKERS)) {
	case M_CIRCLE:
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, r, 0, 2 * M_PI);
		break;
	case M_SQUARE:
		cairo_rectangle(cr, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
		break;
	case M_TRIANGLE:
		cairo_move_to(cr, x, y - r * 1.2);
		cairo_line_to(cr, x + r * 1.1, y + r * 0.8);
		cairo_line_to(cr, x - r * 1.1, y + r * 0.8);
		cairo_close_path(cr);
		break;
	case M_DIAMOND:
		cairo_move_to(cr, x, y - r * 1.3);
		cairo_line_to(cr, x + r * 1.1, y);
		cairo_line_to(cr, x, y + r * 1.3);
		cairo_line_to(cr, x - r * 1.1, y);
		cairo_close_path(cr);
		break;
	case M_DOWN:
	default:
		cairo_move_to(cr, x, y + r * 1.2);
		cairo_line_to(cr, x + r * 1.1, y - r * 0.8);
		cairo_line_to(cr, x - r * 1.1, y - r * 0.8);
		cairo_close_path(cr);
		break;
	}
	cairo_fill(cr);
}

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
	"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* "2025" or "Jun 2025". */
static void
tick_label(char *buf, size_t size, bool years, int64_t y, int64_t m)
{
	if (years)
		(void)ccs_snprintf(buf, size, "%lld", (long long)y);
	else
		(void)ccs_snprintf(buf, size, "%s %lld", months[m - 1],
		    (long long)y);
}

/* Date ticks: yearly for long spans, else every 1, 2, 3 or 6 months. */
static void
x_ticks(cairo_t *cr, const struct frame *f, bool draw_grid)
{
	static const int ysteps[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000,
		2000, 5000 };
	static const int msteps[] = { 1, 2, 3, 6, 12 };
	int64_t y0, m0, d0, y1, m1, d1, y, m, day, step = 1, nmonths, maxticks;
	char lab[32];
	size_t i;
	bool years;

	civil_from_days(f->dmin, &y0, &m0, &d0);
	civil_from_days(f->dmax, &y1, &m1, &d1);
	/* room for one label every ~56 px ("Sep 2025" is ~50 px wide) */
	maxticks = (int64_t)((f->x1 - f->x0) / 56);
	if (maxticks < 2)
		maxticks = 2;
	years = f->dmax - f->dmin >= 2 * 365;
	if (years) {
		for (i = 0; i < sizeof(ysteps) / sizeof(ysteps[0]); i++) {
			step = ysteps[i];
			if ((y1 - y0) / step < maxticks)
				break;
		}
	} else {
		nmonths = (y1 - y0) * 12 + (m1 - m0);
		for (i = 0; i < sizeof(msteps) / sizeof(msteps[0]); i++) {
			step = msteps[i];
			if (nmonths / step < maxticks)
				break;
		}
	}
	font(cr, TEXT_SIZE, false);
	y = years ? y0 + (step - y0 % step) % step : y0;
	m = years ? 1 : m0;
	for (;;) {
		if (!years) {
			/* first tick: a month start divisible by step */
			while ((m - 1) % step != 0 || days_from_civil(y, m, 1) <
			    f->dmin) {
				if (++m > 12) {
					m = 1;
					y++;
				}
				if (y > y1 + 1)
					return;
			}
		}
		day = days_from_civil(y, m, 1);
		if (day > f->dmax)
			break;
		if (day >= f->dmin) {
			double x = xpos(f, day);

			if (draw_grid) {
				colour(cr, &grid);
				cairo_set_line_width(cr, 1);
				cairo_set_dash(cr, NULL, 0, 0);
				cairo_move_to(cr, crisp(x), f->y0);
				cairo_line_to(cr, crisp(x), f->y1);
				cairo_stroke(cr);
			} else {
				colour(cr, &ink);
				cairo_set_line_width(cr, 1);
				cairo_move_to(cr, crisp(x), f->y1);
				cairo_line_to(cr, crisp(x), f->y1 + 5);
				cairo_stroke(cr);
				tick_label(lab, sizeof(lab), years, y, m);
				text_at(cr, x, f->y1 + 8 + TEXT_SIZE, 0.5, lab);
			}
		}
		if (years) {
			y += step;
		} else {
			m += step;
			while (m > 12) {
				m -= 12;
				y++;
			}
		}
	}
}

/* The series' points as drawn: the last value held to 'until' (step). */
static void
series_path(cairo_t *cr, const struct ccs_chart *c, const struct frame *f,
    const struct series *s)
{
	size_t j;

	cairo_move_to(cr, xpos(f, s->pts[0].day), ypos(f, s->pts[0].value));
	for (j = 1; j < s->n; j++) {
		if (c->kind == CCS_CHART_STEP)
			cairo_line_to(cr, xpos(f, s->pts[j].day), ypos(f,
			    s->pts[j - 1].value));
		cairo_line_to(cr, xpos(f, s->pts[j].day), ypos(f,
		    s->pts[j].value));
	}
	if (c->kind == CCS_CHART_STEP && c->until > s->pts[s->n - 1].day)
		cairo_line_to(cr, xpos(f, c->until), ypos(f,
		    s->pts[s->n - 1].value));
}

static int
cmp_label(const void *a, const void *b)
{
	const struct endlabel *x = a, *y = b;

	if (x->want != y->want)
		return x->want < y->want ? -1 : 1;
	return x->series < y->series ? -1 : x->series > y->series;
}

/* Spreads labels (sorted by want) at least LABEL_GAP apart in [lo, hi]. */
static void
spread(struct endlabel *l, size_t n, double lo, double hi)
{
	size_t i;

	for (i = 0; i < n; i++) {
		l[i].y = l[i].want;
		if (i > 0 && l[i].y < l[i - 1].y + LABEL_GAP)
			l[i].y = l[i - 1].y + LABEL_GAP;
	}
	for (i = n; i-- > 0;) {
		if (l[i].y > hi)
			l[i].y = hi;
		if (i + 1 < n && l[i].y > l[i + 1].y - LABEL_GAP)
			l[i].y = l[i + 1].y - LABEL_GAP;
	}
	for (i = 0; i < n; i++) {
		if (l[i].y < lo)
			l[i].y = lo;
		if (i > 0 && l[i].y < l[i - 1].y + LABEL_GAP)
			l[i].y = l[i - 1].y + LABEL_GAP;
	}
}

static void
legend_sample(cairo_t *cr, size_t i, double x, double y)
{
	line_style(cr, i);
	cairo_move_to(cr, x, y);
	cairo_line_to(cr, x + SAMPLE_LEN, y);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	marker(cr, i, x + SAMPLE_LEN / 2, y);
}

/* Lays out (draw false) or draws the legend; returns its height. */
static double
legend(cairo_t *cr, const struct ccs_chart *c, double top, bool draw)
{
	const double item_gap = 18, row = 18;
	double x = PAD, y = top, w;
	const char *t;
	size_t i;

	if (c->ns == 0)
		return 0;
	font(cr, TEXT_SIZE, false);
	for (i = 0; i < c->ns; i++) {
		t = c->s[i].legend[0] ? c->s[i].legend : c->s[i].label;
		w = SAMPLE_LEN + 6 + text_width(cr, t);
		if (x > PAD && x + w > c->width - PAD) {
			x = PAD;
			y += row;
		}
		if (draw) {
			legend_sample(cr, i, x, y + row / 2);
			colour(cr, &ink);
			text_at(cr, x + SAMPLE_LEN + 6, y + row / 2 + 4, 0, t);
		}
		x += w + item_gap;
	}
	return y + row - top;
}

static int
draw(cairo_t *cr, const struct ccs_chart *c)
{
	struct endlabel labels[CCS_CHART_MAX_SERIES];
	struct frame f;
	double right = 0, w, top, bottom, legend_h;
	int64_t pad;
	char tick[16];
	size_t i, j, nl = 0;
	bool any = false;
	int v;

	/* white: a PDF or a stand-alone SVG is not see-through */
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);

	/* Date range over every point and 'until'. */
	f.dmin = INT64_MAX;
	f.dmax = INT64_MIN;
	for (i = 0; i < c->ns; i++) {
		if (c->s[i].n == 0)
			continue;
		any = true;
		if (c->s[i].pts[0].day < f.dmin)
			f.dmin = c->s[i].pts[0].day;
		if (c->s[i].pts[c->s[i].n - 1].day > f.dmax)
			f.dmax = c->s[i].pts[c->s[i].n - 1].day;
	}
	if (c->until != INT64_MIN) {
		if (!any)
			f.dmin = c->until - 365;
		if (c->until > f.dmax || !any)
			f.dmax = c->until;
	}
	if (f.dmin == INT64_MAX) {
		f.dmin = 0;
		f.dmax = 365;
	}
	if (f.dmax - f.dmin < 60) {
		pad = (60 - (f.dmax - f.dmin)) / 2 + 1;
		f.dmin -= pad;
		f.dmax += pad;
	}
	/* a little room so the first marker does not sit on the y axis */
	f.dmin -= (f.dmax - f.dmin) / 40 + 1;

	/* End labels: "label 45%", measured for the right margin. */
	font(cr, TEXT_SIZE, false);
	for (i = 0; i < c->ns; i++) {
		if (c->s[i].n == 0)
			continue;
		labels[nl].series = i;
		if (ccs_snprintf(labels[nl].text, sizeof(labels[nl].text),
		    "%s %.0f%%", c->s[i].label, c->s[i].pts[c->s[i].n -
		    1].value) != CCS_OK)
			return CCS_EINVAL;
		w = text_width(cr, labels[nl].text);
		if (w > right)
			right = w;
		nl++;
	}
	right = nl ? right + 18 : 0;
	if (right > c->width * 0.4)
		right = c->width * 0.4;

	/* Vertical layout: title, plot, tick labels, axis label, legend. */
	top = PAD + (c->title[0] ? TITLE_SIZE + 12 : 0) +
	    (c->ylabel[0] ? TEXT_SIZE + 10 : 0) + 6;
	legend_h = legend(cr, c, 0, false);
	bottom = PAD + 8 + TEXT_SIZE + 6 + (c->xlabel[0] ? TEXT_SIZE + 8 : 0) +
	    (legend_h > 0 ? legend_h + 8 : 0);
	font(cr, TEXT_SIZE, false);
	f.x0 = PAD + text_width(cr, "100%") + 8;
	f.x1 = c->width - PAD - right;
	f.y0 = top;
	f.y1 = c->height - bottom;
	if (f.y1 - f.y0 < 60 || f.x1 - f.x0 < 80)
		return CCS_EINVAL;

	if (c->title[0]) {
		font(cr, TITLE_SIZE, true);
		colour(cr, &ink);
		text_at(cr, PAD, PAD + TITLE_SIZE, 0, c->title);
	}

	/* Gridlines and y labels every 20 %. */
	cairo_set_line_width(cr, 1);
	font(cr, TEXT_SIZE, false);
	for (v = 0; v <= 100; v += 20) {
		double y = crisp(ypos(&f, v));

		colour(cr, &grid);
		cairo_move_to(cr, f.x0, y);
		cairo_line_to(cr, f.x1, y);
		cairo_stroke(cr);
		colour(cr, &soft);
		(void)ccs_snprintf(tick, sizeof(tick), "%d%%", v);
		text_at(cr, f.x0 - 6, y + 4, 1, tick);
	}
	x_ticks(cr, &f, true);

	/* Axes. */
	colour(cr, &ink);
	cairo_set_line_width(cr, 1);
	cairo_move_to(cr, crisp(f.x0), f.y0);
	cairo_line_to(cr, crisp(f.x0), crisp(f.y1));
	cairo_line_to(cr, f.x1, crisp(f.y1));
	cairo_stroke(cr);
	x_ticks(cr, &f, false);
	if (c->xlabel[0]) {
		colour(cr, &ink);
		text_at(cr, (f.x0 + f.x1) / 2, f.y1 + 8 + TEXT_SIZE + 6 +
		    TEXT_SIZE + 2, 0.5, c->xlabel);
	}
	if (c->ylabel[0]) {
		/* level, above the axis: rotated text is harder to read (and
		 * would add a second set of glyphs to the SVG) */
		colour(cr, &ink);
		text_at(cr, PAD, f.y0 - 14, 0, c->ylabel);
	}
	if (!any) {
		font(cr, TEXT_SIZE, false);
		colour(cr, &soft);
		text_at(cr, (f.x0 + f.x1) / 2, (f.y0 + f.y1) / 2, 0.5,
		    "No data");
	}

	/* Series: the line (one path each), then markers. */
	for (i = 0; i < c->ns; i++) {
		const struct series *s = &c->s[i];

		if (s->n == 0)
			continue;
		line_style(cr, i);
		series_path(cr, c, &f, s);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		if (s->n <= MAX_MARKERS) {
			for (j = 0; j < s->n; j++)
				marker(cr, i, xpos(&f, s->pts[j].day), ypos(&f,
				    s->pts[j].value));
		}
	}

	/* End labels, spread so they do not overlap, with leaders. */
	for (i = 0; i < nl; i++)
		labels[i].want = ypos(&f, c->s[labels[i].series].pts[
		    c->s[labels[i].series].n - 1].value);
	qsort(labels, nl, sizeof(labels[0]), cmp_label);
	spread(labels, nl, f.y0 - 4, c->height - bottom + LABEL_GAP);
	font(cr, TEXT_SIZE, false);
	for (i = 0; i < nl; i++) {
		colour(cr, &palette[labels[i].series % NPALETTE]);
		cairo_set_line_width(cr, 1);
		cairo_set_dash(cr, NULL, 0, 0);
		cairo_move_to(cr, f.x1 + 2, labels[i].want);
		cairo_line_to(cr, f.x1 + 10, labels[i].y);
		cairo_stroke(cr);
		text_at(cr, f.x1 + 12, labels[i].y + 4, 0, labels[i].text);
	}

	(void)legend(cr, c, c->height - PAD - legend_h, true);
	return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? CCS_OK : CCS_EIO;
}

struct sink {
	struct ccs_buf	*out;	/* destination */
	size_t		 start;	/* out->len before this file */
	int		 rc;	/* first write error */
};

static cairo_status_t
sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct sink *k = closure;
	int rc;

	if (k->out->len - k->start + len > CCS_CHART_MAX_OUTPUT)
		rc = CCS_ETOOBIG;
	else
		rc = ccs_buf_add(k->out, data, len);
	if (rc != CCS_OK) {
		if (k->rc == CCS_OK)
			k->rc = rc;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

/* Draws one picture on a context whose origin is the picture's corner. */
typedef ccs_chart_draw_fn draw_fn;

static int
draw_chart(cairo_t *cr, const void *pic)
{
	return draw(cr, pic);
}

/*
 * Writes one picture of @p w x @p h as @p fmt through the bounded sink:
 * the surface is the only difference between an SVG and a PDF.
 */
static int
render(draw_fn fn, const void *pic, int w, int h, const char *title,
    enum ccs_chart_format fmt, struct ccs_buf *out)
{
	cairo_surface_t *sf = NULL;
	cairo_t *cr = NULL;
	struct sink k = { out, out->len, CCS_OK };
	int rc;

	if (fmt == CCS_CHART_SVG) {
		sf = cairo_svg_surface_create_for_stream(sink_write, &k, w, h);
		if (cairo_surface_status(sf) == CAIRO_STATUS_SUCCESS) {
			cairo_svg_surface_restrict_to_version(sf,
			    CAIRO_SVG_VERSION_1_1);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
			cairo_svg_surface_set_document_unit(sf,
			    CAIRO_SVG_UNIT_PX);
#endif
		}
	} else if (fmt == CCS_CHART_PDF) {
		sf = cairo_pdf_surface_create_for_stream(sink_write, &k, w, h);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
		if (cairo_surface_status(sf) == CAIRO_STATUS_SUCCESS) {
			cairo_pdf_surface_set_metadata(sf,
			    CAIRO_PDF_METADATA_TITLE, title);
			cairo_pdf_surface_set_metadata(sf,
			    CAIRO_PDF_METADATA_CREATOR, "ccscap");
		}
#endif
	} else {
		return CCS_EINVAL;
	}
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		rc = cairo_surface_status(sf) == CAIRO_STATUS_NO_MEMORY ?
		    CCS_ENOMEM : CCS_EIO;
		goto out;
	}
	cr = cairo_create(sf);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		rc = CCS_ENOMEM;
		goto out;
	}
	rc = fn(cr, pic);
	cairo_destroy(cr);
	cr = NULL;
	/* finishing writes the file: write errors surface here */
	cairo_surface_finish(sf);
	if (rc == CCS_OK && k.rc != CCS_OK)
		rc = k.rc;
	if (rc == CCS_OK && cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS)
		rc = CCS_EIO;
out:
	if (cr != NULL)
		cairo_destroy(cr);
	cairo_surface_destroy(sf);
	return rc;
}

int
ccs_chart_render_picture(ccs_chart_draw_fn fn, const void *pic, int w,
    int h, const char *title, enum ccs_chart_format fmt,
    struct ccs_buf *out)
{
	if (w < CCS_CHART_MIN_SIZE || h < CCS_CHART_MIN_SIZE ||
	    w > CCS_CHART_MAX_SIZE || h > CCS_CHART_MAX_SIZE)
		return CCS_ETOOBIG;
	return render(fn, pic, w, h, title, fmt, out);
}

int
ccs_chart_render(const struct ccs_chart *c, enum ccs_chart_format fmt,
    struct ccs_buf *out)
{
	return render(draw_chart, c, c->width, c->height, c->title, fmt, out);
}

/* Draws on a caller's page: translated, clipped to the picture's box. */
static int
draw_at(draw_fn fn, const void *pic, int w, int h, cairo_t *cr, double x,
    double y)
{
	int rc;

	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_rectangle(cr, 0, 0, w, h);
	cairo_clip(cr);
	rc = fn(cr, pic);
	cairo_restore(cr);
	if (rc == CCS_OK && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		rc = CCS_EIO;
	return rc;
}

int
ccs_chart_draw_at(const struct ccs_chart *c, cairo_t *cr, double x, double y)
{
	return draw_at(draw_chart, c, c->width, c->height, cr, x, y);
}

/*
 * The heat map: rows (states) x columns (priority areas), each cell's
 * percent written in it; the fill is one of four bands (as the XLSX
 * export's), light enough that black text reads on each, and a key under
 * the grid spells the bands out.
 */
struct ccs_heat {
	int	 width;		/* px */
	int	 height;	/* px */
	char	 title[CCS_CHART_MAX_TEXT + 1];	/* or "" */
	char	 cols[CCS_HEAT_MAX_COLS][CCS_CHART_MAX_TEXT + 1]; /* heads */
	size_t	 ncols;		/* columns used */
	char	 (*rows)[CCS_CHART_MAX_TEXT + 1];	/* row labels */
	int	 (*cells)[CCS_HEAT_MAX_COLS];	/* percent, -1 no data */
	size_t	 nrows;		/* rows used */
};

static const struct rgb heat_fill[4] = {
	RGB(0xF4CCCC), RGB(0xFCE5CD), RGB(0xFFF2CC), RGB(0xD9EAD3)
};
static const struct rgb heat_none = RGB(0xEFEFEF);

struct ccs_heat *
ccs_heat_new(int width, int height)
{
	struct ccs_heat *h;

	if (width < CCS_CHART_MIN_SIZE || width > CCS_CHART_MAX_SIZE ||
	    height < CCS_CHART_MIN_SIZE || height > CCS_CHART_MAX_SIZE)
		return NULL;
	h = ccs_calloc(1, sizeof(*h));
	if (h == NULL)
		return NULL;
	h->rows = ccs_calloc(CCS_HEAT_MAX_ROWS, sizeof(*h->rows));
	h->cells = ccs_calloc(CCS_HEAT_MAX_ROWS, sizeof(*h->cells));
	if (h->rows == NULL || h->cells == NULL) {
		ccs_heat_free(h);
		return NULL;
	}
	h->width = width;
	h->height = height;
	return h;
}

void
ccs_heat_free(struct ccs_heat *h)
{
	if (h == NULL)
		return;
	free(h->rows);
	free(h->cells);
	free(h);
}

int
ccs_heat_set_title(struct ccs_heat *h, const char *title)
{
	return set_text(h->title, title);
}

int
ccs_heat_add_col(struct ccs_heat *h, const char *label)
{
	int rc;

	if (h->ncols >= CCS_HEAT_MAX_COLS || h->nrows > 0)
		return CCS_ETOOBIG;
	if (label == NULL || label[0] == '\0')
		return CCS_EINVAL;
	rc = set_text(h->cols[h->ncols], label);
	if (rc == CCS_OK)
		h->ncols++;
	return rc;
}

int
ccs_heat_add_row(struct ccs_heat *h, const char *label, size_t *index)
{
	size_t j;
	int rc;

	if (h->nrows >= CCS_HEAT_MAX_ROWS)
		return CCS_ETOOBIG;
	if (label == NULL || label[0] == '\0')
		return CCS_EINVAL;
	rc = set_text(h->rows[h->nrows], label);
	if (rc != CCS_OK)
		return rc;
	for (j = 0; j < CCS_HEAT_MAX_COLS; j++)
		h->cells[h->nrows][j] = -1;
	*index = h->nrows++;
	return CCS_OK;
}

int
ccs_heat_set(struct ccs_heat *h, size_t row, size_t col, int percent)
{
	if (row >= h->nrows || col >= h->ncols || percent < 0 ||
	    percent > 100)
		return CCS_EINVAL;
	h->cells[row][col] = percent;
	return CCS_OK;
}

static void
heat_box(cairo_t *cr, const struct rgb *fill, double x, double y, double w,
    double hh)
{
	colour(cr, fill);
	cairo_rectangle(cr, x + 1, y + 1, w - 2, hh - 2);
	cairo_fill(cr);
}

static int
draw_heat(cairo_t *cr, const void *pic)
{
	static const char *const keys[4] = { "0-24%", "25-49%", "50-74%",
	    "75-100%" };
	const struct ccs_heat *h = pic;
	double labw = 0, w, top, rowh, cellw, x, y, size;
	char cell[8];
	size_t i, j;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	if (h->ncols == 0)
		return CCS_EINVAL;
	top = PAD + (h->title[0] ? TITLE_SIZE + 10 : 0);
	if (h->title[0]) {
		font(cr, TITLE_SIZE, true);
		colour(cr, &ink);
		text_at(cr, PAD, PAD + TITLE_SIZE, 0, h->title);
	}
	rowh = h->nrows ? (h->height - top - PAD - 3 * (TEXT_SIZE + 6)) /
	    (double)(h->nrows + 1) : 20;
	if (rowh > 24)
		rowh = 24;
	if (rowh < 9)
		return CCS_EINVAL;
	size = rowh - 6 < TEXT_SIZE ? rowh - 6 : TEXT_SIZE;
	if (size < 6)
		size = 6;
	font(cr, size, false);
	for (i = 0; i < h->nrows; i++) {
		w = text_width(cr, h->rows[i]);
		if (w > labw)
			labw = w;
	}
	labw += 10;
	cellw = (h->width - 2 * PAD - labw) / (double)h->ncols;
	if (cellw < 24)
		return CCS_EINVAL;
	/* column heads */
	font(cr, size, true);
	colour(cr, &ink);
	for (j = 0; j < h->ncols; j++)
		text_at(cr, PAD + labw + ((double)j + 0.5) * cellw,
		    top + rowh - 6, 0.5, h->cols[j]);
	y = top + rowh;
	for (i = 0; i < h->nrows; i++, y += rowh) {
		font(cr, size, false);
		colour(cr, &ink);
		text_at(cr, PAD, y + rowh / 2 + size / 3, 0, h->rows[i]);
		for (j = 0; j < h->ncols; j++) {
			int v = h->cells[i][j];

			x = PAD + labw + (double)j * cellw;
			heat_box(cr, v < 0 ? &heat_none : &heat_fill[v < 25 ?
			    0 : v < 50 ? 1 : v < 75 ? 2 : 3], x, y, cellw,
			    rowh);
			colour(cr, &ink);
			if (v < 0)
				(void)ccs_strlcpy(cell, "-", sizeof(cell));
			else
				(void)ccs_snprintf(cell, sizeof(cell), "%d%%",
				    v);
			text_at(cr, x + cellw / 2, y + rowh / 2 + size / 3,
			    0.5, cell);
		}
	}
	/* the key: the fill only repeats the number */
	y += TEXT_SIZE + 4;
	x = PAD;
	font(cr, TEXT_SIZE * 0.8, false);
	colour(cr, &soft);
	text_at(cr, x, y, 0, "Share of standards met; fill:");
	x += text_width(cr, "Share of standards met; fill:") + 8;
	for (j = 0; j < 4; j++) {
		heat_box(cr, &heat_fill[j], x, y - TEXT_SIZE * 0.8, 14,
		    TEXT_SIZE);
		colour(cr, &soft);
		text_at(cr, x + 16, y, 0, keys[j]);
		x += 16 + text_width(cr, keys[j]) + 10;
	}
	/* the last words go under the key when they would be cut off */
	if (x + text_width(cr, "- no validated record") > h->width - PAD) {
		x = PAD;
		y += TEXT_SIZE + 2;
	}
	text_at(cr, x, y, 0, "- no validated record");
	return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? CCS_OK : CCS_EIO;
}

int
ccs_heat_render(const struct ccs_heat *h, enum ccs_chart_format fmt,
    struct ccs_buf *out)
{
	return render(draw_heat, h, h->width, h->height, h->title, fmt, out);
}

int
ccs_heat_draw_at(const struct ccs_heat *h, cairo_t *cr, double x, double y)
{
	return draw_at(draw_heat, h, h->width, h->height, cr, x, y);
}

void
ccs_chart_cleanup(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}

/*
 * chart.h: a small line or step chart of dated percentages, drawn by the
 * server with cairo: SVG for pages and PDF for reports, from one drawing
 * routine. The y axis is always 0-100 %; the x axis is dates. Every series
 * has its own colour AND its own dash pattern and marker shape, and a text
 * label at its end, so no reader depends on telling colours apart.
 *
 * Every input is bounded (series, points, text, size) and checked when it is
 * added; a chart that was built without an error renders.
 *
 * The same file draws the heat map of reports (rows x columns of percent
 * met, each cell's number written in it, the fill only repeating it), and
 * both kinds draw on a caller's cairo context as well (a report's PDF
 * page), so there is one renderer of pictures on the server.
 */
#ifndef CCS_CHART_H
#define CCS_CHART_H

#include <stddef.h>
#include <stdint.h>

#include <cairo.h>

#include "util/buf.h"

#define CCS_CHART_MAX_SERIES	16	/* series per chart */
#define CCS_CHART_MAX_POINTS	1000	/* points per series */
#define CCS_CHART_MAX_TEXT	200	/* bytes of a title or label */
#define CCS_CHART_MIN_SIZE	200	/* smallest width or height, px */
#define CCS_CHART_MAX_SIZE	4000	/* largest width or height, px */
#define CCS_CHART_MAX_OUTPUT	(8u << 20)	/* bytes of SVG or PDF */

enum ccs_chart_kind {
	CCS_CHART_LINE = 0,	/* straight lines between points */
	CCS_CHART_STEP		/* a value holds until the next point */
};

enum ccs_chart_format {
	CCS_CHART_SVG = 0,	/* image/svg+xml */
	CCS_CHART_PDF		/* application/pdf */
};

struct ccs_chart;

/**
 * A new, empty chart of @p width x @p height pixels (PDF: points).
 * @return new, caller frees with ccs_chart_free; NULL when a size is outside
 * CCS_CHART_MIN_SIZE..CCS_CHART_MAX_SIZE or memory is short.
 */
struct ccs_chart *ccs_chart_new(int width, int height,
	    enum ccs_chart_kind kind);

/** Frees @p c; NULL is a no-op. */
void	ccs_chart_free(struct ccs_chart *c);

/**
 * Sets the title (copied). @return CCS_OK, CCS_ETOOBIG over
 * CCS_CHART_MAX_TEXT bytes, CCS_EINVAL when not valid UTF-8 text.
 */
int	ccs_chart_set_title(struct ccs_chart *c, const char *title);

/** Sets the x and y axis labels (copied; NULL: none). Errors as above. */
int	ccs_chart_set_axis_labels(struct ccs_chart *c, const char *x,
	    const char *y);

/**
 * Extends the x axis to day @p day (days since 1970-01-01), and, on a step
 * chart, every series' last value to it: "as it stands today".
 * @return CCS_OK or CCS_EINVAL outside the years 1900-9999.
 */
int	ccs_chart_set_until(struct ccs_chart *c, int64_t day);

/**
 * Adds a series. @p label (short) is written at the series' end with its
 * last value; @p legend (may be NULL: the label) names it in the legend.
 * @param index OUT: the series number for ccs_chart_add_point
 * @return CCS_OK, CCS_ETOOBIG past CCS_CHART_MAX_SERIES or a text limit,
 * CCS_EINVAL for an empty label or text that is not valid UTF-8.
 */
int	ccs_chart_add_series(struct ccs_chart *c, const char *label,
	    const char *legend, size_t *index /* OUT */);

/**
 * Adds the point (@p day, @p value) to series @p series. Days must not go
 * backwards within a series.
 * @return CCS_OK, CCS_ETOOBIG past CCS_CHART_MAX_POINTS, CCS_EINVAL for an
 * unknown series, a value outside 0..100 (or NaN), a day outside the years
 * 1900-9999 or before the series' previous point, CCS_ENOMEM.
 */
int	ccs_chart_add_point(struct ccs_chart *c, size_t series, int64_t day,
	    double value);

/**
 * Draws @p c as @p fmt, appending the file to @p out (initialised by the
 * caller; its max bounds the output as well as CCS_CHART_MAX_OUTPUT).
 * @return CCS_OK, CCS_ETOOBIG when the output would not fit, CCS_EINVAL
 * when the chart is too small for its legend, CCS_EIO on a cairo error,
 * CCS_ENOMEM. On error @p out may hold a partial file: discard it.
 */
int	ccs_chart_render(const struct ccs_chart *c,
	    enum ccs_chart_format fmt, struct ccs_buf *out);

/**
 * Draws @p c on the caller's context @p cr (a PDF page of a report) with
 * its top left corner at (@p x, @p y), at its own width and height.
 * @return as ccs_chart_render, without the output errors
 */
int	ccs_chart_draw_at(const struct ccs_chart *c, cairo_t *cr, double x,
	    double y);

#define CCS_HEAT_MAX_ROWS	64	/* rows of a heat map */
#define CCS_HEAT_MAX_COLS	16	/* columns of a heat map */

struct ccs_heat;

/**
 * A new, empty heat map of @p width x @p height px (PDF: points); the
 * rows share the height left under the title and the column heads.
 * @return new, caller frees with ccs_heat_free; NULL when a size is
 * outside CCS_CHART_MIN_SIZE..CCS_CHART_MAX_SIZE or memory is short.
 */
struct ccs_heat *ccs_heat_new(int width, int height);

/** Frees @p h; NULL is a no-op. */
void	ccs_heat_free(struct ccs_heat *h);

/** Sets the title (copied). Errors as ccs_chart_set_title. */
int	ccs_heat_set_title(struct ccs_heat *h, const char *title);

/**
 * Adds a column headed @p label (short: "PA1").
 * @return CCS_OK, CCS_ETOOBIG past CCS_HEAT_MAX_COLS or the text limit,
 * CCS_EINVAL for empty or invalid text; columns come before rows.
 */
int	ccs_heat_add_col(struct ccs_heat *h, const char *label);

/**
 * Adds a row labelled @p label (a state's name), every cell without data.
 * @param index OUT: the row number for ccs_heat_set
 * @return as ccs_heat_add_col, with CCS_HEAT_MAX_ROWS
 */
int	ccs_heat_add_row(struct ccs_heat *h, const char *label,
	    size_t *index /* OUT */);

/**
 * Sets the cell (@p row, @p col) to @p percent (0..100).
 * @return CCS_OK, or CCS_EINVAL for an unknown cell or a value out of range
 */
int	ccs_heat_set(struct ccs_heat *h, size_t row, size_t col, int percent);

/** Draws @p h as @p fmt to @p out. Errors as ccs_chart_render. */
int	ccs_heat_render(const struct ccs_heat *h, enum ccs_chart_format fmt,
	    struct ccs_buf *out);

/** Draws @p h on @p cr at (@p x, @p y). Errors as ccs_chart_draw_at. */
int	ccs_heat_draw_at(const struct ccs_heat *h, cairo_t *cr, double x,
	    double y);

/**
 * Draws one picture of another file of format/ (format/bars.c) on @p cr,
 * whose origin is the picture's top left corner.
 * @return CCS_OK, CCS_EINVAL when it cannot be drawn, CCS_EIO
 */
typedef int (*ccs_chart_draw_fn)(cairo_t *cr, const void *pic);

/**
 * Writes the picture @p fn draws from @p pic, @p w x @p h px, as @p fmt
 * through the same bounded sink as ccs_chart_render (@p title: the PDF's
 * metadata), so every picture of the server shares one output path.
 * @return as ccs_chart_render; CCS_ETOOBIG for a size outside
 * CCS_CHART_MIN_SIZE..CCS_CHART_MAX_SIZE
 */
int	ccs_chart_render_picture(ccs_chart_draw_fn fn, const void *pic,
	    int w, int h, const char *title, enum ccs_chart_format fmt,
	    struct ccs_buf *out);

/**
 * Frees what cairo and fontconfig cache for the process (fonts, patterns),
 * so leak checkers see a clean exit. Call once at exit, after every thread
 * that might draw has stopped; no chart may be drawn afterwards.
 */
void	ccs_chart_cleanup(void);

/**
 * Days since 1970-01-01 of the date "YYYY-MM-DD" (years 1900-9999).
 * @return CCS_OK or CCS_EINVAL.
 */
int	ccs_chart_day(const char *date, int64_t *day /* OUT */);

#endif

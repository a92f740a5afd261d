/*
 * bars.h: a horizontal bar chart in panels, drawn by the server with cairo
 * through format/chart.c's output path (SVG for pages, PDF for reports).
 * Each panel has its own scale (the funding chart draws one panel per
 * currency, so amounts in different currencies never share an axis);
 * each row is a label with one bar per series, and every bar has its
 * value written at its end, so no reader depends on the colours, which
 * the legend repeats. Notes (the exchange rates a converted figure used)
 * are written under the panels.
 *
 * The SVG carries its glyphs as outlines, so a program cannot read the
 * labels from the drawing. It therefore also carries a data layer: an
 * invisible rect over each bar with the panel, row and series keys and
 * the exact value as attributes in the namespace CCS_BARS_NS, and a
 * <title> naming it (a tooltip when the file is opened on its own).
 */
#ifndef CCS_BARS_H
#define CCS_BARS_H

#include <stddef.h>

#include "format/chart.h"
#include "util/buf.h"

#define CCS_BARS_NS		"urn:ccscap:chart"	/* data layer */
#define CCS_BARS_MAX_SERIES	8	/* legend entries */
#define CCS_BARS_MAX_PANELS	32	/* panels per chart */
#define CCS_BARS_MAX_ROWS	400	/* rows over every panel */
#define CCS_BARS_MAX_BARS	1600	/* bars over every row */
#define CCS_BARS_MAX_NOTES	16	/* notes under the panels */
#define CCS_BARS_MAX_KEY	63	/* bytes of a key or a bar's text */
#define CCS_BARS_MIN_WIDTH	400	/* px */

struct ccs_bars;

/**
 * A new, empty chart @p width px wide (CCS_BARS_MIN_WIDTH ..
 * CCS_CHART_MAX_SIZE); its height follows from its rows.
 * @return new, caller frees with ccs_bars_free; NULL for a width out of
 * range or short memory
 */
struct ccs_bars *ccs_bars_new(int width);

/** Frees @p b; NULL is a no-op. */
void	ccs_bars_free(struct ccs_bars *b);

/**
 * Sets the title (copied). @return CCS_OK, CCS_ETOOBIG over
 * CCS_CHART_MAX_TEXT bytes, CCS_EINVAL for text that is not valid UTF-8
 * or holds a line break.
 */
int	ccs_bars_set_title(struct ccs_bars *b, const char *title);

/**
 * Adds a series (a legend entry: its colour, its @p name). @p key names
 * it in the data layer ("pledged").
 * @return CCS_OK, CCS_ETOOBIG past CCS_BARS_MAX_SERIES or a text limit,
 * CCS_EINVAL for empty or invalid text
 */
int	ccs_bars_add_series(struct ccs_bars *b, const char *name,
	    const char *key);

/**
 * Starts a panel headed @p heading, keyed @p key ("XCD"); rows added
 * next belong to it. @return as ccs_bars_add_series, with
 * CCS_BARS_MAX_PANELS
 */
int	ccs_bars_add_panel(struct ccs_bars *b, const char *heading,
	    const char *key);

/**
 * Adds a row labelled @p label, keyed @p key, to the last panel.
 * @return as ccs_bars_add_series, with CCS_BARS_MAX_ROWS; CCS_EINVAL
 * before any panel
 */
int	ccs_bars_add_row(struct ccs_bars *b, const char *label,
	    const char *key);

/**
 * Adds a bar of series @p series to the last row: @p value (0 or more,
 * finite) sets its length on the panel's scale; @p text is written at
 * its end ("1,500.00 pledged"); @p datum is the exact value the data
 * layer carries ("1500.00").
 * @return CCS_OK, CCS_ETOOBIG past CCS_BARS_MAX_BARS or a text limit,
 * CCS_EINVAL for an unknown series, a negative or non-finite value, no
 * row yet, or invalid text
 */
int	ccs_bars_add_bar(struct ccs_bars *b, size_t series, double value,
	    const char *text, const char *datum);

/**
 * Adds a note written under the panels (wrapped to the width).
 * @return as ccs_bars_add_series, with CCS_BARS_MAX_NOTES
 */
int	ccs_bars_add_note(struct ccs_bars *b, const char *text);

/**
 * Draws @p b as @p fmt to @p out (initialised by the caller).
 * @return CCS_OK; CCS_ETOOBIG when the rows need more height than
 * CCS_CHART_MAX_SIZE or the file would not fit; CCS_EIO on a cairo
 * error; CCS_ENOMEM. On error @p out may hold a partial file: discard it.
 */
int	ccs_bars_render(const struct ccs_bars *b, enum ccs_chart_format fmt,
	    struct ccs_buf *out);

#endif

/*
 * xlsx.c: spreadsheet exports of the gap analysis.
 *
 * libxlsxwriter 1.1.4 (Debian 12) writes only to a named file: the
 * workbook goes to a mkstemp file under $TMPDIR (or /tmp), which is read
 * back into memory and unlinked before returning, on every path. The
 * library's own scratch files go to the same directory. Like the CSV, the
 * sheets are built from the JSON of the gap service so the three formats
 * agree. Cells are written as strings or numbers, never formulas, so text
 * from the database cannot run in the spreadsheet.
 *
 * Bands of percent met (0-24, 25-49, 50-74, 75-100) get a light fill with
 * dark text (WCAG AA contrast); the number stays in the cell and the
 * "About" sheet spells the bands out, so colour is never the only signal.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "format/gaps_csv.h"
#include "format/xlsx.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define XLSX_MAX_BYTES	(256u * 1024 * 1024)	/* read-back bound */
#define LABEL_MAX	4096			/* "PA1 Public awareness" */
#define NBANDS		4

static const lxw_color_t band_fill[NBANDS] = {
	0xF4CCCC, 0xFCE5CD, 0xFFF2CC, 0xD9EAD3	/* red, orange, yellow, green */
};
static const char *const band_name[NBANDS] = {
	"0-24% of standards met", "25-49% of standards met",
	"50-74% of standards met", "75-100% of standards met"
};

struct book {
	char		 path[PATH_MAX];	/* the temporary workbook */
	char		 tmpdir[PATH_MAX];	/* library scratch directory */
	int		 fd;		/* open on path, -1 if none */
	lxw_workbook	*wb;		/* owned until closed */
	lxw_error	 err;		/* first library error */
	struct ccs_buf	 lbl;		/* scratch for "CODE Name" labels */
	lxw_format	*title;		/* sheet titles */
	lxw_format	*head;		/* header rows */
	lxw_format	*wrap;		/* long text, wrapped, top aligned */
	lxw_format	*strong;	/* priority area rows of a summary */
	lxw_format	*indent;	/* specific area rows of a summary */
	lxw_format	*band[NBANDS];	/* percent cells, by band */
	lxw_format	*nodata;	/* "no data" cells and status */
	lxw_format	*met;		/* status "met" */
	lxw_format	*unmet;		/* status "unmet" */
};

static const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static json_int_t
jint(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static void
chk(struct book *b, lxw_error e)
{
	if (e != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
		b->err = e;
}

static lxw_format *
fill(lxw_workbook *wb, lxw_color_t colour)
{
	lxw_format *f = workbook_add_format(wb);

	if (f != NULL) {
		format_set_pattern(f, LXW_PATTERN_SOLID);
		format_set_bg_color(f, colour);
		format_set_font_color(f, 0x000000);
	}
	return f;
}

/* Closes and removes everything book_open made; safe on a partial book. */
static void
book_discard(struct book *b)
{
	if (b->wb != NULL)
		(void)workbook_close(b->wb);	/* the only way to free it */
	b->wb = NULL;
	if (b->fd >= 0)
		close(b->fd);
	b->fd = -1;
	if (b->path[0] != '\0')
		(void)unlink(b->path);
	b->path[0] = '\0';
	ccs_buf_free(&b->lbl);
}

static int
book_open(struct book *b)
{
	lxw_workbook_options o;
	const char *dir = getenv("TMPDIR");
	size_t i;

	memset(b, 0, sizeof(*b));
	b->fd = -1;
	ccs_buf_init(&b->lbl, LABEL_MAX);
	if (dir == NULL || dir[0] != '/')
		dir = "/tmp";
	if (ccs_strlcpy(b->tmpdir, dir, sizeof(b->tmpdir)) != CCS_OK ||
	    ccs_snprintf(b->path, sizeof(b->path), "%s/ccscap-xlsx-XXXXXX",
	    dir) != CCS_OK) {
		b->path[0] = '\0';
		return CCS_EIO;
	}
	b->fd = mkostemp(b->path, O_CLOEXEC);
	if (b->fd < 0) {
		b->path[0] = '\0';
		return CCS_EIO;
	}
	memset(&o, 0, sizeof(o));
	o.tmpdir = b->tmpdir;
	b->wb = workbook_new_opt(b->path, &o);
	if (b->wb == NULL)
		goto fail;
	b->title = workbook_add_format(b->wb);
	b->head = fill(b->wb, 0xE7E6E6);
	b->wrap = workbook_add_format(b->wb);
	b->strong = workbook_add_format(b->wb);
	b->indent = workbook_add_format(b->wb);
	b->nodata = fill(b->wb, 0xEFEFEF);
	b->met = fill(b->wb, band_fill[NBANDS - 1]);
	b->unmet = fill(b->wb, band_fill[0]);
	for (i = 0; i < NBANDS; i++) {
		b->band[i] = fill(b->wb, band_fill[i]);
		if (b->band[i] == NULL)
			goto fail;
		format_set_num_format(b->band[i], "0%");
	}
	if (b->title == NULL || b->head == NULL || b->wrap == NULL ||
	    b->strong == NULL || b->indent == NULL || b->nodata == NULL ||
	    b->met == NULL || b->unmet == NULL)
		goto fail;
	format_set_bold(b->title);
	format_set_font_size(b->title, 14);
	format_set_bold(b->head);
	format_set_text_wrap(b->head);
	format_set_align(b->head, LXW_ALIGN_VERTICAL_TOP);
	format_set_bottom(b->head, LXW_BORDER_THIN);
	format_set_text_wrap(b->wrap);
	format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
	format_set_bold(b->strong);
	format_set_indent(b->indent, 1);
	format_set_italic(b->nodata);
	format_set_bold(b->unmet);
	return CCS_OK;
fail:
	book_discard(b);
	return CCS_ENOMEM;
}

/* Writes the workbook, reads it into *out and removes the file. */
static int
book_finish(struct book *b, char **out, size_t *len)
{
	struct stat sb;
	char *data = NULL;
	size_t got = 0, size;
	ssize_t n;
	lxw_error e;
	int rc = CCS_OK;

	e = workbook_close(b->wb);
	b->wb = NULL;
	if (e != LXW_NO_ERROR || b->err != LXW_NO_ERROR) {
		rc = CCS_EIO;
		goto out;
	}
	if (fstat(b->fd, &sb) != 0 || sb.st_size <= 0 ||
	    (unsigned long long)sb.st_size > XLSX_MAX_BYTES) {
		rc = CCS_EIO;
		goto out;
	}
	size = (size_t)sb.st_size;
	data = ccs_malloc(size);
	if (data == NULL) {
		rc = CCS_ENOMEM;
		goto out;
	}
	while (got < size) {
		n = pread(b->fd, data + got, size - got, (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = CCS_EIO;
			goto out;
		}
		got += (size_t)n;
	}
	*out = data;
	*len = size;
	data = NULL;
out:
	free(data);
	book_discard(b);
	return rc;
}

static lxw_worksheet *
sheet(struct book *b, const char *name)
{
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);

	if (ws == NULL)
		chk(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
	return ws;
}

static void
put_str(struct book *b, lxw_worksheet *ws, size_t row, size_t col,
    const char *s, lxw_format *f)
{
	if (ws == NULL)
		return;
	if (s == NULL || s[0] == '\0')
		chk(b, worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col,
		    f));
	else
		chk(b, worksheet_write_string(ws, (lxw_row_t)row,
		    (lxw_col_t)col, s, f));
}

static void
put_num(struct book *b, lxw_worksheet *ws, size_t row, size_t col,
    double v, lxw_format *f)
{
	if (ws != NULL)
		chk(b, worksheet_write_number(ws, (lxw_row_t)row,
		    (lxw_col_t)col, v, f));
}

/* "CODE Name" of @p o, borrowed from the book until the next call. */
static const char *
label(struct book *b, const json_t *o)
{
	ccs_buf_reset(&b->lbl);
	if (ccs_buf_printf(&b->lbl, "%s %s", jstr(o, "code") ? jstr(o, "code")
	    : "", jstr(o, "name") ? jstr(o, "name") : "") != CCS_OK)
		chk(b, LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED);
	return ccs_buf_str(&b->lbl);
}

/* A tally's share met: the number with its band's fill, or words. */
static void
put_pct(struct book *b, lxw_worksheet *ws, size_t row, size_t col,
    const json_t *t)
{
	json_int_t total = jint(t, "total"), pct = jint(t, "percent_met");
	size_t band;

	if (total <= 0) {
		put_str(b, ws, row, col, "no standards", b->nodata);
		return;
	}
	if (jint(t, "no_data") >= total) {
		put_str(b, ws, row, col, "no data", b->nodata);
		return;
	}
	if (pct < 0)
		pct = 0;
	if (pct > 100)
		pct = 100;
	band = pct < 25 ? 0 : pct < 50 ? 1 : pct < 75 ? 2 : 3;
	put_num(b, ws, row, col, (double)pct / 100.0, b->band[band]);
}

static void
put_tally(struct book *b, lxw_worksheet *ws, size_t row, size_t col,
    const json_t *t)
{
	put_num(b, ws, row, col, (double)jint(t, "total"), NULL);
	put_num(b, ws, row, col + 1, (double)jint(t, "met"), NULL);
	put_num(b, ws, row, col + 2, (double)jint(t, "unmet"), NULL);
	put_num(b, ws, row, col + 3, (double)jint(t, "no_data"), NULL);
	put_pct(b, ws, row, col + 4, t);
}

/* The "About" sheet: what the workbook is and how to read it. */
static void
about(struct book *b, const char *what, const json_t *doc)
{
	lxw_worksheet *ws = sheet(b, "About");
	size_t i;

	if (ws == NULL)
		return;
	chk(b, worksheet_set_column(ws, 0, 0, 28, NULL));
	chk(b, worksheet_set_column(ws, 1, 1, 90, b->wrap));
	put_str(b, ws, 0, 0, what, b->title);
	put_str(b, ws, 2, 0, "Date of the analysis", b->strong);
	put_str(b, ws, 2, 1, jstr(doc, "at"), NULL);
	put_str(b, ws, 3, 0, "Framework version", b->strong);
	put_num(b, ws, 3, 1, (double)jint(doc, "version"), NULL);
	put_str(b, ws, 4, 0, "Source", b->strong);
	put_str(b, ws, 4, 1, "ccscap, computed from validated status records",
	    NULL);
	put_str(b, ws, 5, 0, "How to read it", b->strong);
	put_str(b, ws, 5, 1, "Percentages are the share of the framework's "
	    "standards met. Standards without a validated status record count "
	    "as not met; 'no data' means no standard of that area has a "
	    "validated record. The fill shows the band below; the number or "
	    "word in the cell always says the same.", NULL);
	put_str(b, ws, 7, 0, "Band", b->head);
	put_str(b, ws, 7, 1, "Meaning", b->head);
	for (i = 0; i < NBANDS; i++) {
		put_str(b, ws, 8 + i, 0, band_name[i], b->band[i]);
		put_str(b, ws, 8 + i, 1, i == 0 ? "far from the minimum" :
		    i == 1 ? "some standards met" : i == 2 ? "most standards "
		    "met" : "(nearly) all standards met", NULL);
	}
	put_str(b, ws, 8 + NBANDS, 0, "no data", b->nodata);
	put_str(b, ws, 8 + NBANDS, 1, "no validated status record", NULL);
}

/* One matrix sheet: states x the columns in matrix[@p key]. */
static void
matrix_sheet(struct book *b, const json_t *m, const char *name,
    const char *key)
{
	const json_t *cols = json_object_get(m, key), *states, *s, *c;
	lxw_worksheet *ws = sheet(b, name);
	size_t i, j, ncols = json_array_size(cols);

	if (ws == NULL)
		return;
	states = json_object_get(m, "states");
	put_str(b, ws, 0, 0, "State code", b->head);
	put_str(b, ws, 0, 1, "State", b->head);
	put_str(b, ws, 0, 2, "All standards", b->head);
	json_array_foreach(cols, j, c)
		put_str(b, ws, 0, 3 + j, label(b, c), b->head);
	json_array_foreach(states, i, s) {
		put_str(b, ws, i + 1, 0, jstr(s, "code"), NULL);
		put_str(b, ws, i + 1, 1, jstr(s, "name"), NULL);
		put_pct(b, ws, i + 1, 2, json_object_get(s, "summary"));
		for (j = 0; j < ncols; j++)
			put_pct(b, ws, i + 1, 3 + j, json_array_get(
			    json_object_get(s, key), j));
	}
	chk(b, worksheet_set_row(ws, 0, 62, NULL));
	chk(b, worksheet_set_column(ws, 0, 0, 8, NULL));
	chk(b, worksheet_set_column(ws, 1, 1, 30, NULL));
	chk(b, worksheet_set_column(ws, 2, (lxw_col_t)(2 + ncols), 14,
	    NULL));
	worksheet_freeze_panes(ws, 1, 2);
	chk(b, worksheet_autofilter(ws, 0, 0, (lxw_row_t)json_array_size(
	    states), (lxw_col_t)(2 + ncols)));
}

int
ccs_xlsx_gaps_matrix(const json_t *matrix, char **out, size_t *len)
{
	struct book b;
	int rc;

	*out = NULL;
	*len = 0;
	if (!json_is_array(json_object_get(matrix, "states")) ||
	    !json_is_array(json_object_get(matrix, "areas")) ||
	    !json_is_array(json_object_get(matrix, "specific_areas")) ||
	    json_array_size(json_object_get(matrix, "states")) >=
	    LXW_ROW_MAX || json_array_size(json_object_get(matrix,
	    "specific_areas")) + 3 >= LXW_COL_MAX)
		return CCS_EINVAL;
	rc = book_open(&b);
	if (rc != CCS_OK)
		return rc;
	matrix_sheet(&b, matrix, "Priority areas", "areas");
	matrix_sheet(&b, matrix, "Specific areas", "specific_areas");
	about(&b, "CCSCAP gap analysis: regional matrix", matrix);
	return book_finish(&b, out, len);
}

static lxw_format *
status_format(struct book *b, const char *status)
{
	if (ccs_streq(status, "met"))
		return b->met;
	if (ccs_streq(status, "unmet"))
		return b->unmet;
	return b->nodata;
}

/* One row of the standards sheet. */
static void
standard_row(struct book *b, lxw_worksheet *ws, size_t row, const json_t *a,
    const json_t *sa, const json_t *st)
{
	const char *status = jstr(st, "status");

	put_str(b, ws, row, 0, label(b, a), NULL);
	put_str(b, ws, row, 1, label(b, sa), NULL);
	put_str(b, ws, row, 2, jstr(st, "code"), NULL);
	put_str(b, ws, row, 3, jstr(st, "title"), b->wrap);
	put_str(b, ws, row, 4, jstr(st, "level_label"), NULL);
	put_str(b, ws, row, 5, jstr(st, "met_label"), NULL);
	put_str(b, ws, row, 6, ccs_gaps_status_text(status),
	    status_format(b, status));
	put_str(b, ws, row, 7, jstr(st, "as_of"), NULL);
}

static void
standards_sheet(struct book *b, const json_t *gaps)
{
	static const char *const head[] = { "Priority area", "Specific area",
	    "Code", "Standard", "Level", "Minimum", "Status", "As of" };
	static const double width[] = { 30, 32, 24, 60, 30, 30, 10, 12 };
	const lxw_error full = LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
	const json_t *a, *sa, *st;
	lxw_worksheet *ws = sheet(b, "Standards");
	size_t i, j, k, row = 1;

	if (ws == NULL)
		return;
	for (i = 0; i < sizeof(head) / sizeof(head[0]); i++) {
		put_str(b, ws, 0, i, head[i], b->head);
		chk(b, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
		    width[i], i == 3 ? b->wrap : NULL));
	}
	json_array_foreach(json_object_get(gaps, "areas"), i, a) {
		json_array_foreach(json_object_get(a, "specific_areas"), j,
		    sa) {
			json_array_foreach(json_object_get(sa, "standards"), k,
			    st) {
				if (row >= LXW_ROW_MAX) {
					chk(b, full);
					return;
				}
				standard_row(b, ws, row++, a, sa, st);
			}
		}
	}
	worksheet_freeze_panes(ws, 1, 0);
	chk(b, worksheet_autofilter(ws, 0, 0, (lxw_row_t)(row - 1), 7));
}

static void
summary_sheet(struct book *b, const json_t *gaps)
{
	static const char *const head[] = { "Area", "Standards", "Met",
	    "Unmet", "No data", "Share met" };
	const json_t *a, *sa;
	lxw_worksheet *ws = sheet(b, "Summary");
	size_t i, j, row = 2;

	if (ws == NULL)
		return;
	for (i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		put_str(b, ws, 0, i, head[i], b->head);
	chk(b, worksheet_set_column(ws, 0, 0, 48, NULL));
	chk(b, worksheet_set_column(ws, 1, 5, 11, NULL));
	put_str(b, ws, 1, 0, "All standards", b->strong);
	put_tally(b, ws, 1, 1, json_object_get(gaps, "summary"));
	json_array_foreach(json_object_get(gaps, "areas"), i, a) {
		if (row + 1 >= LXW_ROW_MAX)
			break;
		put_str(b, ws, row, 0, label(b, a), b->strong);
		put_tally(b, ws, row++, 1, json_object_get(a, "summary"));
		json_array_foreach(json_object_get(a, "specific_areas"), j,
		    sa) {
			if (row >= LXW_ROW_MAX)
				break;
			put_str(b, ws, row, 0, label(b, sa), b->indent);
			put_tally(b, ws, row++, 1, json_object_get(sa,
			    "summary"));
		}
	}
	worksheet_freeze_panes(ws, 1, 1);
}

int
ccs_xlsx_gaps_state(const json_t *gaps, char **out, size_t *len)
{
	const json_t *st = json_object_get(gaps, "state");
	struct ccs_buf title;
	struct book b;
	int rc;

	*out = NULL;
	*len = 0;
	if (!json_is_array(json_object_get(gaps, "areas")) ||
	    jstr(st, "code") == NULL)
		return CCS_EINVAL;
	ccs_buf_init(&title, LABEL_MAX);
	rc = ccs_buf_printf(&title, "CCSCAP gap analysis: %s (%s)",
	    jstr(st, "name") ? jstr(st, "name") : "", jstr(st, "code"));
	if (rc == CCS_OK)
		rc = book_open(&b);
	if (rc != CCS_OK) {
		ccs_buf_free(&title);
		return rc == CCS_ETOOBIG ? CCS_EINVAL : rc;
	}
	standards_sheet(&b, gaps);
	summary_sheet(&b, gaps);
	about(&b, ccs_buf_str(&title), gaps);
	rc = book_finish(&b, out, len);
	ccs_buf_free(&title);
	return rc;
}

/* Fill of a coverage stage: none for uncovered, then light to green. */
static lxw_format *
stage_format(struct book *b, const char *stage)
{
	if (ccs_streq(stage, "uncovered"))
		return b->unmet;
	if (ccs_streq(stage, "pipeline"))
		return b->nodata;
	if (ccs_streq(stage, "pledged") || ccs_streq(stage, "committed"))
		return b->band[2];
	return b->met;
}

int
ccs_xlsx_coverage(const json_t *cov, char **out, size_t *len)
{
	const json_t *needs = json_object_get(cov, "needs");
	const json_t *states = json_object_get(cov, "states");
	const json_t *cells = json_object_get(cov, "cells"), *c, *n, *s, *ini;
	lxw_worksheet *ws, *ls;
	size_t i, j, k, ns = json_array_size(states), row = 1;
	struct book b;
	int rc;

	*out = NULL;
	*len = 0;
	if (!json_is_array(needs) || !json_is_array(states) ||
	    !json_is_array(cells) || ns + 2 >= LXW_COL_MAX ||
	    json_array_size(cells) >= LXW_ROW_MAX ||
	    json_array_size(cells) != json_array_size(needs) * ns)
		return CCS_EINVAL;
	rc = book_open(&b);
	if (rc != CCS_OK)
		return rc;
	ws = sheet(&b, "Coverage");
	put_str(&b, ws, 0, 0, "Need", b.head);
	put_str(&b, ws, 0, 1, "Priority area", b.head);
	json_array_foreach(states, j, s)
		put_str(&b, ws, 0, 2 + j, jstr(s, "code"), b.head);
	json_array_foreach(needs, i, n) {
		put_str(&b, ws, i + 1, 0, jstr(n, "ref"), NULL);
		put_str(&b, ws, i + 1, 1, jstr(n, "priority_area"), NULL);
		for (j = 0; j < ns; j++) {
			c = json_array_get(cells, i * ns + j);
			put_str(&b, ws, i + 1, 2 + j, jstr(c, "stage"),
			    stage_format(&b, jstr(c, "stage")));
		}
	}
	if (ws != NULL) {
		worksheet_freeze_panes(ws, 1, 2);
		chk(&b, worksheet_set_column(ws, 2, (lxw_col_t)(1 + ns), 11,
		    NULL));
	}
	ls = sheet(&b, "Initiatives");
	put_str(&b, ls, 0, 0, "Need", b.head);
	put_str(&b, ls, 0, 1, "State", b.head);
	put_str(&b, ls, 0, 2, "Cell stage", b.head);
	put_str(&b, ls, 0, 3, "Initiative", b.head);
	put_str(&b, ls, 0, 4, "IATI identifier", b.head);
	put_str(&b, ls, 0, 5, "Title", b.head);
	put_str(&b, ls, 0, 6, "Its stage", b.head);
	json_array_foreach(cells, i, c) {
		json_array_foreach(json_object_get(c, "initiatives"), k, ini) {
			if (row >= LXW_ROW_MAX)
				break;
			put_str(&b, ls, row, 0, jstr(c, "need"), NULL);
			put_str(&b, ls, row, 1, jstr(c, "state"), NULL);
			put_str(&b, ls, row, 2, jstr(c, "stage"), NULL);
			put_num(&b, ls, row, 3, (double)jint(ini, "id"), NULL);
			put_str(&b, ls, row, 4, jstr(ini, "iati_identifier"),
			    NULL);
			put_str(&b, ls, row, 5, jstr(ini, "title"), NULL);
			put_str(&b, ls, row, 6, jstr(ini, "stage"), NULL);
			row++;
		}
	}
	if (ls != NULL)
		chk(&b, worksheet_set_column(ls, 5, 5, 60, NULL));
	return book_finish(&b, out, len);
}

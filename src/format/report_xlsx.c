/*
 * report_xlsx.c: the XLSX rendition of a report. libxlsxwriter 1.1.4
 * writes only to a file, so the workbook goes to a private temporary file
 * (mkostemp, removed at once after reading) and is read back whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "format/report_xlsx.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define XLSX_MAX	(64u << 20)	/* bytes read back */
#define SHEET_NAME	31		/* Excel's limit */

struct wb {
	lxw_workbook	*wb;		/* the workbook */
	lxw_format	*title;		/* bold 14 */
	lxw_format	*head;		/* bold, grey, wrapped */
	lxw_format	*wrap;		/* wrapped text */
	lxw_format	*fill[4];	/* heat bands */
	lxw_format	*light[4];	/* green, amber, red, none */
	char		 path[512];	/* the temporary file */
	char		 tmpdir[400];	/* libxlsxwriter's own temp files */
	int		 fd;		/* open on path */
	size_t		 nsheets;	/* sheets added */
	int		 err;		/* first library error */
};

static const char *
jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static void
chk(struct wb *w, lxw_error e)
{
	if (e != LXW_NO_ERROR && w->err == LXW_NO_ERROR)
		w->err = (int)e;
}

static lxw_format *
filled(lxw_workbook *wb, lxw_color_t c)
{
	lxw_format *f = workbook_add_format(wb);

	if (f != NULL) {
		format_set_pattern(f, LXW_PATTERN_SOLID);
		format_set_bg_color(f, c);
		format_set_font_color(f, 0x000000);
	}
	return f;
}

static int
open_wb(struct wb *w)
{
	static const lxw_color_t bands[4] = { 0xF4CCCC, 0xFCE5CD, 0xFFF2CC,
	    0xD9EAD3 };
	static const lxw_color_t lights[4] = { 0xD9EAD3, 0xFFE599, 0xF4CCCC,
	    0xEFEFEF };
	lxw_workbook_options o;
	const char *dir = getenv("TMPDIR");
	size_t i;

	if (dir == NULL || dir[0] != '/')
		dir = "/tmp";
	if (ccs_strlcpy(w->tmpdir, dir, sizeof(w->tmpdir)) != CCS_OK ||
	    ccs_snprintf(w->path, sizeof(w->path), "%s/ccscap-report-XXXXXX",
	    dir) != CCS_OK) {
		w->path[0] = '\0';
		return CCS_EIO;
	}
	w->fd = mkostemp(w->path, O_CLOEXEC);
	if (w->fd < 0) {
		w->path[0] = '\0';
		return CCS_EIO;
	}
	memset(&o, 0, sizeof(o));
	o.tmpdir = w->tmpdir;
	w->wb = workbook_new_opt(w->path, &o);
	if (w->wb == NULL)
		return CCS_ENOMEM;
	w->title = workbook_add_format(w->wb);
	w->head = filled(w->wb, 0xE7E6E6);
	w->wrap = workbook_add_format(w->wb);
	if (w->title == NULL || w->head == NULL || w->wrap == NULL)
		return CCS_ENOMEM;
	for (i = 0; i < 4; i++) {
		w->fill[i] = filled(w->wb, bands[i]);
		w->light[i] = filled(w->wb, lights[i]);
		if (w->fill[i] == NULL || w->light[i] == NULL)
			return CCS_ENOMEM;
	}
	format_set_bold(w->title);
	format_set_font_size(w->title, 14);
	format_set_bold(w->head);
	format_set_text_wrap(w->head);
	format_set_text_wrap(w->wrap);
	format_set_align(w->wrap, LXW_ALIGN_VERTICAL_TOP);
	return CCS_OK;
}

static void
discard(struct wb *w)
{
	if (w->wb != NULL)
		(void)workbook_close(w->wb);
	w->wb = NULL;
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	if (w->path[0] != '\0')
		(void)unlink(w->path);
	w->path[0] = '\0';
}

static int
finish(struct wb *w, char **out, size_t *len)
{
	struct stat sb;
	char *data = NULL;
	size_t got = 0, size;
	ssize_t n;
	int rc = CCS_OK;

	chk(w, workbook_close(w->wb));
	w->wb = NULL;
	if (w->err != LXW_NO_ERROR || fstat(w->fd, &sb) != 0 ||
	    sb.st_size <= 0 || (unsigned long long)sb.st_size > XLSX_MAX) {
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
		n = pread(w->fd, data + got, size - got, (off_t)got);
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
	discard(w);
	return rc;
}

/* A new sheet "N title", cut to Excel's 31 characters, no []:*?/\. */
static lxw_worksheet *
sheet(struct wb *w, const char *title)
{
	char name[SHEET_NAME * 4 + 1];
	lxw_worksheet *ws;
	size_t i, n = 0;

	w->nsheets++;
	(void)ccs_snprintf(name, sizeof(name), "%zu %s", w->nsheets, title);
	for (i = 0; name[i] != '\0'; i++) {
		if (strchr("[]:*?/\\'", name[i]) != NULL)
			name[i] = ' ';
		/* count characters, not UTF-8 continuation bytes */
		if (((unsigned char)name[i] & 0xC0) != 0x80 && ++n >
		    SHEET_NAME) {
			name[i] = '\0';
			break;
		}
	}
	ws = workbook_add_worksheet(w->wb, name);
	if (ws == NULL)
		chk(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
	return ws;
}

static lxw_format *
light_format(struct wb *w, const char *l)
{
	if (ccs_streq(l, "green"))
		return w->light[0];
	if (ccs_streq(l, "amber"))
		return w->light[1];
	if (ccs_streq(l, "red"))
		return w->light[2];
	return w->light[3];
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
table(struct wb *w, const char *title, const json_t *t)
{
	lxw_worksheet *ws = sheet(w, title);
	const json_t *c, *r, *v;
	const char *kind;
	size_t i, j;

	if (ws == NULL)
		return;
	chk(w, worksheet_write_string(ws, 0, 0, jstr(t, "caption"),
	    w->title));
	json_array_foreach(json_object_get(t, "columns"), j, c) {
		chk(w, worksheet_write_string(ws, 1, (lxw_col_t)j, jstr(c,
		    "title"), w->head));
		chk(w, worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j,
		    ccs_streq(jstr(c, "kind"), "text") ? 36 : 14, w->wrap));
	}
	worksheet_freeze_panes(ws, 2, 0);
	json_array_foreach(json_object_get(t, "rows"), i, r) {
		json_array_foreach(r, j, v) {
			kind = jstr(json_array_get(json_object_get(t,
			    "columns"), j), "kind");
			if (ccs_streq(kind, "light"))
				chk(w, worksheet_write_string(ws,
				    (lxw_row_t)(i + 2), (lxw_col_t)j,
				    light_word(json_string_value(v)),
				    light_format(w, json_string_value(v))));
			else if (json_is_integer(v))
				chk(w, worksheet_write_number(ws,
				    (lxw_row_t)(i + 2), (lxw_col_t)j,
				    (double)json_integer_value(v), NULL));
			else if (json_is_string(v))
				chk(w, worksheet_write_string(ws,
				    (lxw_row_t)(i + 2), (lxw_col_t)j,
				    json_string_value(v), NULL));
		}
	}
}

static void
heat(struct wb *w, const char *title, const json_t *h)
{
	lxw_worksheet *ws = sheet(w, title);
	const json_t *c, *r, *v;
	size_t i, j;
	int64_t p;

	if (ws == NULL)
		return;
	chk(w, worksheet_write_string(ws, 0, 0, jstr(h, "caption"),
	    w->title));
	chk(w, worksheet_write_string(ws, 1, 0, "State", w->head));
	chk(w, worksheet_set_column(ws, 0, 0, 30, NULL));
	json_array_foreach(json_object_get(h, "cols"), j, c)
		chk(w, worksheet_write_string(ws, 1, (lxw_col_t)(j + 1),
		    json_string_value(c), w->head));
	worksheet_freeze_panes(ws, 2, 1);
	json_array_foreach(json_object_get(h, "rows"), i, r) {
		chk(w, worksheet_write_string(ws, (lxw_row_t)(i + 2), 0,
		    jstr(r, "label"), NULL));
		json_array_foreach(json_object_get(r, "values"), j, v) {
			if (!json_is_integer(v)) {
				chk(w, worksheet_write_string(ws,
				    (lxw_row_t)(i + 2), (lxw_col_t)(j + 1),
				    "no data", NULL));
				continue;
			}
			p = json_integer_value(v);
			chk(w, worksheet_write_number(ws, (lxw_row_t)(i + 2),
			    (lxw_col_t)(j + 1), (double)p, w->fill[p < 25 ? 0 :
			    p < 50 ? 1 : p < 75 ? 2 : 3]));
		}
	}
}

int
ccs_report_xlsx(const json_t *snap, char **out, size_t *len)
{
	const json_t *sec, *b;
	lxw_worksheet *front;
	struct wb w;
	char text[512];
	lxw_row_t row = 0;
	size_t i, k;
	int rc;

	*out = NULL;
	*len = 0;
	if (!json_is_array(json_object_get(snap, "sections")))
		return CCS_EINVAL;
	memset(&w, 0, sizeof(w));
	w.fd = -1;
	rc = open_wb(&w);
	if (rc != CCS_OK) {
		discard(&w);
		return rc;
	}
	front = workbook_add_worksheet(w.wb, "Report");
	if (front == NULL) {
		discard(&w);
		return CCS_ENOMEM;
	}
	chk(&w, worksheet_set_column(front, 0, 0, 100, w.wrap));
	chk(&w, worksheet_write_string(front, row++, 0, jstr(snap, "title"),
	    w.title));
	(void)ccs_snprintf(text, sizeof(text), "%s. Period %s to %s; data "
	    "cut-off %s; made by %s.", ccs_streq(jstr(snap, "tlp"), "amber") ?
	    "TLP:AMBER" : "TLP:GREEN", jstr(snap, "from"), jstr(snap, "to"),
	    jstr(snap, "cutoff"), jstr(snap, "created_by"));
	chk(&w, worksheet_write_string(front, row++, 0, text, NULL));
	json_array_foreach(json_object_get(snap, "sections"), i, sec) {
		row++;
		chk(&w, worksheet_write_string(front, row++, 0, jstr(sec,
		    "title"), w.head));
		json_array_foreach(json_object_get(sec, "blocks"), k, b) {
			if (ccs_streq(jstr(b, "type"), "p"))
				chk(&w, worksheet_write_string(front, row++, 0,
				    jstr(b, "text"), w.wrap));
			else if (ccs_streq(jstr(b, "type"), "table"))
				table(&w, jstr(sec, "title"), b);
			else if (ccs_streq(jstr(b, "type"), "heat"))
				heat(&w, jstr(sec, "title"), b);
		}
	}
	return finish(&w, out, len);
}

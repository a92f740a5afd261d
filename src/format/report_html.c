/*
 * report_html.c: the HTML rendition of a report: a stand-alone document
 * (it links /app.css when served, and reads plainly without it), every
 * value escaped by ccs_report_esc. Nothing is told by colour alone: a
 * traffic light cell says "Green", a heat map cell its percentage.
 */
#include <stdio.h>
#include <string.h>

#include "format/report_esc.h"
#include "format/report_html.h"
#include "util/err.h"
#include "util/str.h"

static const char *
jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* Adds literal @p lit then the escaped @p text; an error sticks. */
static void
put(struct ccs_buf *b, int *rc, const char *lit, const char *text)
{
	if (*rc == CCS_OK && lit != NULL)
		*rc = ccs_buf_adds(b, lit);
	if (*rc == CCS_OK && text != NULL)
		*rc = ccs_report_esc(b, text);
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
cell(struct ccs_buf *b, int *rc, const json_t *v, const char *kind)
{
	char num[32];

	if (ccs_streq(kind, "light")) {
		put(b, rc, "<td class=\"light light-", json_string_value(v));
		put(b, rc, "\">", light_word(json_string_value(v)));
		put(b, rc, "</td>", NULL);
		return;
	}
	put(b, rc, ccs_streq(kind, "num") ? "<td class=\"num\">" : "<td>",
	    NULL);
	if (json_is_integer(v)) {
		(void)ccs_snprintf(num, sizeof(num), "%lld",
		    (long long)json_integer_value(v));
		put(b, rc, NULL, num);
	} else if (json_is_string(v)) {
		put(b, rc, NULL, json_string_value(v));
	}
	put(b, rc, "</td>", NULL);
}

static void
table(struct ccs_buf *b, int *rc, const json_t *t)
{
	const json_t *c, *row, *v;
	size_t i, j;

	put(b, rc, "<table>\n<caption>", jstr(t, "caption"));
	put(b, rc, "</caption>\n<thead><tr>", NULL);
	json_array_foreach(json_object_get(t, "columns"), j, c)
		put(b, rc, ccs_streq(jstr(c, "kind"), "num") ?
		    "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">",
		    jstr(c, "title"));
	put(b, rc, "</tr></thead>\n<tbody>\n", NULL);
	json_array_foreach(json_object_get(t, "rows"), i, row) {
		put(b, rc, "<tr>", NULL);
		json_array_foreach(row, j, v)
			cell(b, rc, v, jstr(json_array_get(json_object_get(t,
			    "columns"), j), "kind"));
		put(b, rc, "</tr>\n", NULL);
	}
	if (json_array_size(json_object_get(t, "rows")) == 0)
		put(b, rc, "<tr><td colspan=\"9\">None.</td></tr>\n", NULL);
	put(b, rc, "</tbody>\n</table>\n", NULL);
}

static void
heat(struct ccs_buf *b, int *rc, const json_t *h)
{
	const json_t *c, *row, *v;
	char num[16];
	size_t i, j;
	int64_t p;

	put(b, rc, "<table class=\"heatmap\">\n<caption>", jstr(h,
	    "caption"));
	put(b, rc, "</caption>\n<thead><tr><th scope=\"col\">State</th>",
	    NULL);
	json_array_foreach(json_object_get(h, "cols"), j, c)
		put(b, rc, "<th scope=\"col\" class=\"num\">",
		    json_string_value(c));
	put(b, rc, "</tr></thead>\n<tbody>\n", NULL);
	json_array_foreach(json_object_get(h, "rows"), i, row) {
		put(b, rc, "<tr><th scope=\"row\">", jstr(row, "label"));
		put(b, rc, "</th>", NULL);
		json_array_foreach(json_object_get(row, "values"), j, v) {
			if (!json_is_integer(v)) {
				put(b, rc, "<td class=\"heat band-none\">"
				    "-</td>", NULL);
				continue;
			}
			p = json_integer_value(v);
			(void)ccs_snprintf(num, sizeof(num), "band-%d\">%lld%%",
			    p < 25 ? 0 : p < 50 ? 1 : p < 75 ? 2 : 3,
			    (long long)p);
			put(b, rc, "<td class=\"heat ", NULL);
			put(b, rc, num, NULL);
			put(b, rc, "</td>", NULL);
		}
		put(b, rc, "</tr>\n", NULL);
	}
	put(b, rc, "</tbody>\n</table>\n", NULL);
}

int
ccs_report_html_blocks(const json_t *blocks, struct ccs_buf *out)
{
	const json_t *bl;
	const char *type;
	size_t i;
	int rc = CCS_OK;

	json_array_foreach(blocks, i, bl) {
		type = jstr(bl, "type");
		if (ccs_streq(type, "p")) {
			put(out, &rc, "<p>", jstr(bl, "text"));
			put(out, &rc, "</p>\n", NULL);
		} else if (ccs_streq(type, "table")) {
			table(out, &rc, bl);
		} else if (ccs_streq(type, "heat")) {
			heat(out, &rc, bl);
		}
	}
	return rc;
}

int
ccs_report_html(const json_t *snap, struct ccs_buf *out)
{
	const json_t *sec, *state = json_object_get(snap, "state");
	bool amber = ccs_streq(jstr(snap, "tlp"), "amber");
	size_t i;
	int rc = CCS_OK;

	if (!json_is_array(json_object_get(snap, "sections")))
		return CCS_EINVAL;
	put(out, &rc, "<!doctype html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\""
	    "width=device-width, initial-scale=1\">\n<title>", jstr(snap,
	    "title"));
	put(out, &rc, "</title>\n<link rel=\"stylesheet\" href=\"/app.css\">\n"
	    "</head>\n<body class=\"report-doc\">\n<main>\n", NULL);
	put(out, &rc, amber ? "<p><span class=\"tlp tlp--amber\">TLP:AMBER"
	    "</span> Limited disclosure: recipients may share it within "
	    "their organisation and its clients on a need-to-know basis.</p>\n"
	    : "<p><span class=\"tlp tlp--green\">TLP:GREEN</span> Limited "
	    "disclosure: the community may share it, not publicly.</p>\n",
	    NULL);
	put(out, &rc, "<h1>", jstr(snap, "title"));
	if (json_is_object(state))
		put(out, &rc, ": ", jstr(state, "name"));
	put(out, &rc, "</h1>\n<dl class=\"report-meta\">\n<dt>Period</dt><dd>",
	    jstr(snap, "from"));
	put(out, &rc, " to ", jstr(snap, "to"));
	put(out, &rc, "</dd>\n<dt>Data cut-off</dt><dd>", jstr(snap,
	    "cutoff"));
	put(out, &rc, "</dd>\n<dt>Made by</dt><dd>", jstr(snap, "created_by"));
	put(out, &rc, "</dd>\n</dl>\n", NULL);
	json_array_foreach(json_object_get(snap, "sections"), i, sec) {
		put(out, &rc, "<section>\n<h2>", jstr(sec, "title"));
		put(out, &rc, "</h2>\n", NULL);
		if (rc == CCS_OK)
			rc = ccs_report_html_blocks(json_object_get(sec,
			    "blocks"), out);
		put(out, &rc, "</section>\n", NULL);
	}
	put(out, &rc, "</main>\n</body>\n</html>\n", NULL);
	return rc;
}

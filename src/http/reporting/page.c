/*
 * page.c: the frame of the public reporting pages (see page.h): one CSS
 * file and one small module from this server, no cookies, no external
 * asset; a skip link, a language switch that works without scripts, and
 * the lang attribute of the chosen language.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/reporting/page.h"
#include "util/err.h"
#include "util/html.h"

void
ccs_page_init(struct ccs_page *pg, const struct ccs_req *r,
    const char *lang)
{
	ccs_buf_init(&pg->b, CCS_PAGE_MAX);
	pg->rc = CCS_OK;
	pg->failed = false;
	pg->t = r->app->i18n;
	pg->lang = ccs_i18n_pick(ccs_i18n_known(lang) ? lang :
	    ccs_req_query(r, "lang"), ccs_req_header(r, "Accept-Language"));
}

const char *
ccs_page_tr(const struct ccs_page *pg, const char *msgid)
{
	return ccs_i18n_tr(pg->t, pg->lang, msgid);
}

void
ccs_page_raw(struct ccs_page *pg, const char *html)
{
	if (pg->rc == CCS_OK)
		pg->rc = ccs_buf_adds(&pg->b, html);
}

void
ccs_page_text(struct ccs_page *pg, const char *s)
{
	if (pg->rc == CCS_OK)
		pg->rc = ccs_html_esc(&pg->b, s);
}

void
ccs_page_t(struct ccs_page *pg, const char *msgid)
{
	ccs_page_text(pg, ccs_page_tr(pg, msgid));
}

void
ccs_page_fmt(struct ccs_page *pg, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		if (pg->rc == CCS_OK)
			pg->rc = CCS_ETOOBIG;
		return;
	}
	ccs_page_raw(pg, tmp);
}

void
ccs_page_head(struct ccs_page *pg, const char *title, const char *self,
    const char *query)
{
	size_t i;

	ccs_page_fmt(pg, "<!doctype html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>",
	    pg->lang);
	if (pg->failed) {
		ccs_page_t(pg, "Error:");
		ccs_page_raw(pg, " ");
	}
	ccs_page_t(pg, title);
	ccs_page_raw(pg, " - ");
	ccs_page_t(pg, "Report a cybercrime");
	ccs_page_raw(pg, "</title>\n<link rel=\"stylesheet\" "
	    "href=\"/report.css\">\n<script type=\"module\" "
	    "src=\"/js/report-portal.js\"></script>\n</head>\n<body>\n"
	    "<a class=\"skip\" href=\"#main\">");
	ccs_page_t(pg, "Skip to main content");
	ccs_page_raw(pg, "</a>\n<header class=\"top\">\n<p class=\"service\">"
	    "<a href=\"/report?lang=");
	ccs_page_raw(pg, pg->lang);
	ccs_page_raw(pg, "\">");
	ccs_page_t(pg, "Report a cybercrime");
	ccs_page_raw(pg, "</a></p>\n");
	if (self != NULL) {
		ccs_page_raw(pg, "<nav class=\"langs\" aria-label=\"");
		ccs_page_t(pg, "Language");
		ccs_page_raw(pg, "\"><ul>");
		for (i = 0; ccs_i18n_langs[i] != NULL; i++) {
			ccs_page_fmt(pg, "<li><a href=\"%s?lang=%s", self,
			    ccs_i18n_langs[i]);
			if (query != NULL && query[0] != '\0') {
				ccs_page_raw(pg, "&amp;");
				ccs_page_text(pg, query);
			}
			ccs_page_fmt(pg, "\" lang=\"%s\" hreflang=\"%s\"%s>",
			    ccs_i18n_langs[i], ccs_i18n_langs[i],
			    strcmp(ccs_i18n_langs[i], pg->lang) == 0 ?
			    " aria-current=\"true\"" : "");
			ccs_page_text(pg, ccs_i18n_name(ccs_i18n_langs[i]));
			ccs_page_raw(pg, "</a></li>");
		}
		ccs_page_raw(pg, "</ul></nav>\n");
	}
	ccs_page_raw(pg, "</header>\n<main id=\"main\" tabindex=\"-1\">\n");
}

void
ccs_page_foot(struct ccs_page *pg)
{
	ccs_page_raw(pg, "</main>\n<footer class=\"foot\"><p>");
	ccs_page_t(pg, "This service is run by the national teams of the "
	    "CARICOM member states. It sets no cookies and loads nothing "
	    "from other sites.");
	ccs_page_raw(pg, "</p><p><a href=\"/report/follow-up?lang=");
	ccs_page_raw(pg, pg->lang);
	ccs_page_raw(pg, "\">");
	ccs_page_t(pg, "Follow your report");
	ccs_page_raw(pg, "</a> &middot; <a href=\"/report/figures?lang=");
	ccs_page_raw(pg, pg->lang);
	ccs_page_raw(pg, "\">");
	ccs_page_t(pg, "Reports in figures");
	ccs_page_raw(pg, "</a></p></footer>\n</body>\n</html>\n");
}

void
ccs_page_reply(struct ccs_page *pg, struct ccs_req *r, unsigned status)
{
	static const char fail[] = "<!doctype html><title>Error</title>"
	    "<p>The page could not be built.</p>";
	char *html;
	size_t len = pg->b.len;

	if (pg->rc != CCS_OK) {
		ccs_buf_free(&pg->b);
		ccs_reply_bytes(r, 500, "text/html; charset=utf-8", fail,
		    sizeof(fail) - 1, false);
		return;
	}
	html = ccs_buf_steal(&pg->b);
	ccs_reply_bytes(r, status, "text/html; charset=utf-8", html != NULL ?
	    html : "", html != NULL ? len : 0, true);
	free(html);
	ccs_reply_header(r, "Cache-Control", "no-store");
	ccs_reply_header(r, "Content-Language", pg->lang);
}

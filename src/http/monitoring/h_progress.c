/*
 * h_progress.c: the public progress page, server-rendered HTML that needs
 * no JavaScript, and its switch. When the Steering Committee has not
 * turned it on the page is a plain 404 page. Every user-visible string
 * goes through tr(), the one lookup: the gettext catalogues of the
 * public pages (util/i18n.h, po/), in the language of ?lang= or of the
 * browser's Accept-Language, English otherwise.
 */
#include <stdio.h>
#include <string.h>

#include "format/report_esc.h"
#include "http/monitoring/handlers.h"
#include "svc/monitoring/progress.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/str.h"

#define PAGE_MAX	(256u * 1024)

/* The page's language: ?lang= when supported, else the browser's. */
static const char *
page_lang(struct ccs_req *r)
{
	return ccs_i18n_pick(ccs_req_query(r, "lang"), ccs_req_header(r,
	    "Accept-Language"));
}

/* The one lookup of the page's strings (see the file comment). */
static const char *
tr(const struct ccs_req *r, const char *lang, const char *msgid)
{
	return ccs_i18n_tr(r->app->i18n, lang, msgid);
}

static void
esc(struct ccs_buf *b, int *rc, const char *lit, const char *text)
{
	if (*rc == CCS_OK && lit != NULL)
		*rc = ccs_buf_adds(b, lit);
	if (*rc == CCS_OK && text != NULL)
		*rc = ccs_report_esc(b, text);
}

static void
head(struct ccs_buf *b, int *rc, const char *lang, const char *title)
{
	esc(b, rc, "<!doctype html>\n<html lang=\"", lang);
	esc(b, rc, "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\""
	    "viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<title>", title);
	esc(b, rc, "</title>\n<link rel=\"stylesheet\" href=\"/app.css\">\n"
	    "</head>\n<body>\n<main class=\"progress-page\">\n<h1>", title);
	esc(b, rc, "</h1>\n", NULL);
}

static void
reply_page(struct ccs_req *r, unsigned status, struct ccs_buf *b, int rc)
{
	if (rc != CCS_OK) {
		ccs_buf_free(b);
		ccs_reply_error(r, 500, "internal", "the page could not be "
		    "made");
		return;
	}
	ccs_reply_bytes(r, status, "text/html; charset=utf-8", b->data,
	    b->len, true);
	ccs_buf_free(b);
}

static void
not_published(struct ccs_req *r, const char *lang)
{
	struct ccs_buf b;
	int rc = CCS_OK;

	ccs_buf_init(&b, PAGE_MAX);
	head(&b, &rc, lang, tr(r, lang, "Page not found"));
	esc(&b, &rc, "<p>", tr(r, lang, "The public progress page of the "
	    "CARICOM Cyber Security and Cybercrime Action Plan is not "
	    "published at the moment."));
	esc(&b, &rc, "</p>\n</main>\n</body>\n</html>\n", NULL);
	reply_page(r, 404, &b, rc);
}

/* One "label: number" item of a list. */
static void
figure(struct ccs_buf *b, int *rc, const char *label, const json_t *n)
{
	char num[32];

	(void)ccs_snprintf(num, sizeof(num), " %lld</li>\n",
	    (long long)json_integer_value(n));
	esc(b, rc, "<li>", label);
	esc(b, rc, num, NULL);
}

/* The legal headline's regional counts (svc/monitoring/legal_summary.h). */
static void
legal_figures(struct ccs_req *r, const char *lang, const json_t *l,
    struct ccs_buf *b, int *rc)
{
	if (l == NULL)
		return;
	esc(b, rc, "<h2>", tr(r, lang, "Legal harmonisation"));
	esc(b, rc, "</h2>\n<ul id=\"legal\">\n", NULL);
	figure(b, rc, tr(r, lang, "States Parties to the Budapest Convention "
	    "on Cybercrime:"), json_object_get(l, "budapest_parties"));
	figure(b, rc, tr(r, lang, "States Parties to its Second Additional "
	    "Protocol:"), json_object_get(l, "sap_parties"));
	figure(b, rc, tr(r, lang, "National cybercrime laws and regulations "
	    "in force:"), json_object_get(l, "instruments_in_force"));
	figure(b, rc, tr(r, lang, "States whose laws in force give effect to "
	    "at least half of the Budapest Convention and HIPCAR model "
	    "provisions:"), json_object_get(l, "half_covered"));
	esc(b, rc, "</ul>\n", NULL);
}

void
ccs_h_progress_page(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *lang = page_lang(r);
	const json_t *a;
	json_t *fig = NULL;
	struct ccs_buf b;
	char num[64];
	size_t i;
	int rc;

	rc = ccs_progress_figures(r->db, r->now, &fig, &f);
	if (rc == CCS_ENOTFOUND) {
		not_published(r, lang);
		return;
	}
	if (rc != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	rc = CCS_OK;
	ccs_buf_init(&b, PAGE_MAX);
	head(&b, &rc, lang, tr(r, lang, "Progress of the CARICOM Cyber "
	    "Security and Cybercrime Action Plan"));
	esc(&b, &rc, "<p>", tr(r, lang, "Figures for the whole region, as "
	    "published by the Steering Committee. Date:"));
	esc(&b, &rc, " ", json_string_value(json_object_get(fig, "at")));
	esc(&b, &rc, "</p>\n<ul>\n<li>", tr(r, lang, "Member and associate "
	    "states taking part:"));
	(void)ccs_snprintf(num, sizeof(num), " %lld</li>\n<li>",
	    (long long)json_integer_value(json_object_get(fig, "states")));
	esc(&b, &rc, num, tr(r, lang, "Capacity-building initiatives under "
	    "way:"));
	(void)ccs_snprintf(num, sizeof(num), " %lld</li>\n</ul>\n",
	    (long long)json_integer_value(json_object_get(fig,
	    "initiatives_active")));
	esc(&b, &rc, num, NULL);
	esc(&b, &rc, "<table>\n<caption>", tr(r, lang, "Share of the minimum "
	    "standards met, by priority area"));
	esc(&b, &rc, "</caption>\n<thead><tr><th scope=\"col\">", tr(r, lang,
	    "Priority area"));
	esc(&b, &rc, "</th><th scope=\"col\" class=\"num\">", tr(r, lang,
	    "Standards met"));
	esc(&b, &rc, "</th></tr></thead>\n<tbody>\n", NULL);
	json_array_foreach(json_object_get(fig, "areas"), i, a) {
		esc(&b, &rc, "<tr><th scope=\"row\">", json_string_value(
		    json_object_get(a, "code")));
		esc(&b, &rc, " ", tr(r, lang, json_string_value(
		    json_object_get(a, "name"))));
		(void)ccs_snprintf(num, sizeof(num), "</th><td class=\"num\">"
		    "%lld%%</td></tr>\n", (long long)json_integer_value(
		    json_object_get(a, "percent")));
		esc(&b, &rc, num, NULL);
	}
	esc(&b, &rc, "</tbody>\n</table>\n", NULL);
	legal_figures(r, lang, json_object_get(fig, "legal"), &b, &rc);
	esc(&b, &rc, "<h2>", tr(r, lang, "Recommendations published"));
	esc(&b, &rc, "</h2>\n<p>", tr(r, lang, "Not available yet: "
	    "recommendations cannot be marked for publication on the platform "
	    "yet."));
	esc(&b, &rc, "</p>\n<ul class=\"languages\">\n", NULL);
	for (i = 0; ccs_i18n_langs[i] != NULL; i++) {
		esc(&b, &rc, "<li><a href=\"/progress?lang=",
		    ccs_i18n_langs[i]);
		esc(&b, &rc, "\" lang=\"", ccs_i18n_langs[i]);
		esc(&b, &rc, "\">", ccs_i18n_name(ccs_i18n_langs[i]));
		esc(&b, &rc, "</a></li>\n", NULL);
	}
	esc(&b, &rc, "</ul>\n</main>\n</body>\n</html>\n", NULL);
	json_decref(fig);
	reply_page(r, 200, &b, rc);
}

void
ccs_h_progress_settings(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_progress_settings(r->db, &r->who, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_progress_settings_set(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_progress_set(r->db, &r->who, r->json, r->now, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

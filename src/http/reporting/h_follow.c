/*
 * h_follow.c: the reporter's follow-up page and the public figures.
 *
 * The reference and the secret are posted as form fields, never put in
 * a URL (they would land in logs and histories). An unknown reference
 * and a wrong secret get the same page, status and timing
 * (ccs_portal_follow); every attempt counts against the address's
 * follow-up limit. Adding information posts the two again with the text.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/reporting/report.h"
#include "http/reporting/form.h"
#include "http/reporting/handlers.h"
#include "http/reporting/page.h"
#include "svc/reporting/portal.h"
#include "util/err.h"
#include "util/str.h"

/* What happens next, by status (msgids). */
static const char *
next_text(const char *status)
{
	if (status == NULL || strcmp(status, "submitted") == 0)
		return "Your report waits to be read by the national team.";
	if (strcmp(status, "triaged") == 0)
		return "The national team is assessing your report. It may "
		    "contact you if you gave contact details.";
	if (strcmp(status, "referred") == 0)
		return "Your report was passed to the body that can act on it.";
	if (strcmp(status, "investigating") == 0)
		return "An investigation is open. You may be contacted for a "
		    "statement.";
	return "Work on your report is finished. Thank you for reporting.";
}

static void
date_text(struct ccs_page *pg, int64_t t)
{
	char buf[32];
	struct tm tm;
	time_t tt = (time_t)t;

	if (gmtime_r(&tt, &tm) == NULL)
		return;
	(void)snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d UTC",
	    (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100,
	    tm.tm_mday % 100, tm.tm_hour % 100, tm.tm_min % 100);
	ccs_page_text(pg, buf);
}

/* The lookup form; @p err_field/@p err a field error, @p top a page
 * error (msgids, may be NULL). */
static void
lookup_form(struct ccs_page *pg, const char *ref, const char *err_field,
    const char *err)
{
	bool eref = err_field != NULL && strcmp(err_field, "reference") == 0;
	bool esec = err_field != NULL && strcmp(err_field, "secret") == 0;

	ccs_page_fmt(pg, "<form method=\"post\" action=\"/report/follow-up?"
	    "lang=%s\" novalidate>\n<input type=\"hidden\" name=\"lang\" "
	    "value=\"%s\">\n", pg->lang, pg->lang);
	ccs_page_fmt(pg, "<div class=\"group%s\"><label for=\"f-reference\">",
	    eref ? " group-error" : "");
	ccs_page_t(pg, "Reference");
	ccs_page_raw(pg, "</label>\n<p class=\"hint\" "
	    "id=\"f-reference-hint\">");
	ccs_page_t(pg, "For example, R-7K3M-9XQ2.");
	ccs_page_raw(pg, "</p>\n");
	if (eref) {
		ccs_page_raw(pg, "<p class=\"error-message\" "
		    "id=\"f-reference-error\"><span "
		    "class=\"visually-hidden\">");
		ccs_page_t(pg, "Error:");
		ccs_page_raw(pg, "</span> ");
		ccs_page_t(pg, err);
		ccs_page_raw(pg, "</p>\n");
	}
	ccs_page_fmt(pg, "<input class=\"input short\" id=\"f-reference\" "
	    "name=\"reference\" type=\"text\" autocomplete=\"off\" "
	    "spellcheck=\"false\" aria-describedby=\"f-reference-hint%s\" "
	    "value=\"", eref ? " f-reference-error" : "");
	ccs_page_text(pg, ref);
	ccs_page_fmt(pg, "\">\n</div>\n<div class=\"group%s\">"
	    "<label for=\"f-secret\">", esec ? " group-error" : "");
	ccs_page_t(pg, "Follow-up secret");
	ccs_page_raw(pg, "</label>\n");
	if (esec) {
		ccs_page_raw(pg, "<p class=\"error-message\" "
		    "id=\"f-secret-error\"><span class=\"visually-hidden\">");
		ccs_page_t(pg, "Error:");
		ccs_page_raw(pg, "</span> ");
		ccs_page_t(pg, err);
		ccs_page_raw(pg, "</p>\n");
	}
	ccs_page_fmt(pg, "<input class=\"input\" id=\"f-secret\" "
	    "name=\"secret\" type=\"password\" autocomplete=\"off\" "
	    "spellcheck=\"false\"%s>\n</div>\n<button class=\"button\" "
	    "type=\"submit\">", esec ? " aria-describedby=\"f-secret-error\"" :
	    "");
	ccs_page_t(pg, "Show my report");
	ccs_page_raw(pg, "</button>\n</form>\n");
}

static void
summary_error(struct ccs_page *pg, const char *field, const char *msgid)
{
	ccs_page_raw(pg, "<div class=\"error-summary\" role=\"alert\" "
	    "tabindex=\"-1\" aria-labelledby=\"error-summary-title\">\n"
	    "<h2 id=\"error-summary-title\">");
	ccs_page_t(pg, "There is a problem");
	ccs_page_raw(pg, "</h2>\n<ul><li>");
	if (field != NULL)
		ccs_page_fmt(pg, "<a href=\"#f-%s\">", field);
	ccs_page_t(pg, msgid);
	ccs_page_raw(pg, field != NULL ? "</a></li></ul>\n</div>\n" :
	    "</li></ul>\n</div>\n");
}

static void
lookup_page(struct ccs_req *r, const char *ref, const char *field,
    const char *msgid, unsigned status)
{
	struct ccs_page pg;

	ccs_page_init(&pg, r, NULL);
	pg.failed = msgid != NULL;
	ccs_page_head(&pg, "Follow your report", "/report/follow-up", NULL);
	if (msgid != NULL)
		summary_error(&pg, field, msgid);
	ccs_page_raw(&pg, "<h1>");
	ccs_page_t(&pg, "Follow your report");
	ccs_page_raw(&pg, "</h1>\n");
	lookup_form(&pg, ref, field, msgid);
	ccs_page_foot(&pg);
	ccs_page_reply(&pg, r, status);
}

static void
view_page(struct ccs_req *r, const json_t *rep, const char *ref,
    const char *secret, const char *text, bool added, const char *err)
{
	const struct ccs_word *st, *cat;
	const char *status = json_string_value(json_object_get(rep, "status"));
	const char *update = json_string_value(json_object_get(rep,
	    "reporter_update"));
	struct ccs_page pg;

	st = ccs_rep_word(&ccs_rep_statuses, status);
	cat = ccs_rep_word(&ccs_rep_categories, json_string_value(
	    json_object_get(rep, "category")));
	ccs_page_init(&pg, r, NULL);
	pg.failed = err != NULL;
	ccs_page_head(&pg, "Follow your report", NULL, NULL);
	if (err != NULL)
		summary_error(&pg, "text", err);
	if (added) {
		ccs_page_raw(&pg, "<div class=\"notice\" role=\"status\"><p>");
		ccs_page_t(&pg, "Your information was added.");
		ccs_page_raw(&pg, "</p></div>\n");
	}
	ccs_page_raw(&pg, "<h1>");
	ccs_page_t(&pg, "Follow your report");
	ccs_page_raw(&pg, "</h1>\n<dl class=\"summary\">\n<dt>");
	ccs_page_t(&pg, "Reference");
	ccs_page_raw(&pg, "</dt><dd class=\"code\">");
	ccs_page_text(&pg, json_string_value(json_object_get(rep,
	    "reference")));
	ccs_page_raw(&pg, "</dd>\n<dt>");
	ccs_page_t(&pg, "Kind of crime");
	ccs_page_raw(&pg, "</dt><dd>");
	ccs_page_t(&pg, cat != NULL ? cat->name : "Other");
	ccs_page_raw(&pg, "</dd>\n<dt>");
	ccs_page_t(&pg, "Status");
	ccs_page_fmt(&pg, "</dt><dd><strong class=\"status\" "
	    "id=\"report-status\" data-status=\"%s\">", st != NULL ? st->key :
	    "submitted");
	ccs_page_t(&pg, st != NULL ? st->name : "Received");
	ccs_page_raw(&pg, "</strong></dd>\n<dt>");
	ccs_page_t(&pg, "Latest update for you");
	ccs_page_raw(&pg, "</dt><dd id=\"report-update\">");
	if (update != NULL && update[0] != '\0') {
		ccs_page_text(&pg, update);
		ccs_page_raw(&pg, " <span class=\"hint\">(");
		date_text(&pg, json_integer_value(json_object_get(rep,
		    "reporter_update_at")));
		ccs_page_raw(&pg, ")</span>");
	} else {
		ccs_page_t(&pg, "No update yet.");
	}
	ccs_page_raw(&pg, "</dd>\n</dl>\n<h2>");
	ccs_page_t(&pg, "What happens next");
	ccs_page_raw(&pg, "</h2>\n<p>");
	ccs_page_t(&pg, next_text(status));
	ccs_page_fmt(&pg, "</p>\n<h2>");
	ccs_page_t(&pg, "Add information");
	ccs_page_fmt(&pg, "</h2>\n<form method=\"post\" "
	    "action=\"/report/follow-up?lang=%s\" novalidate>\n", pg.lang);
	ccs_page_raw(&pg, "<input type=\"hidden\" name=\"action\" "
	    "value=\"add\">\n<input type=\"hidden\" name=\"reference\" "
	    "value=\"");
	ccs_page_text(&pg, ref);
	ccs_page_raw(&pg, "\">\n<input type=\"hidden\" name=\"secret\" "
	    "value=\"");
	ccs_page_text(&pg, secret);
	ccs_page_fmt(&pg, "\">\n<div class=\"group%s\"><label "
	    "for=\"f-text\">", err ? " group-error" : "");
	ccs_page_t(&pg, "Add information");
	ccs_page_raw(&pg, "</label>\n<p class=\"hint\" id=\"f-text-hint\">");
	ccs_page_t(&pg, "Anything you learned since, for example a new "
	    "message from the suspect.");
	ccs_page_raw(&pg, "</p>\n");
	if (err != NULL) {
		ccs_page_raw(&pg, "<p class=\"error-message\" "
		    "id=\"f-text-error\"><span class=\"visually-hidden\">");
		ccs_page_t(&pg, "Error:");
		ccs_page_raw(&pg, "</span> ");
		ccs_page_t(&pg, err);
		ccs_page_raw(&pg, "</p>\n");
	}
	ccs_page_fmt(&pg, "<textarea class=\"input\" id=\"f-text\" "
	    "name=\"text\" rows=\"5\" aria-describedby=\"f-text-hint%s\">",
	    err ? " f-text-error" : "");
	ccs_page_text(&pg, err != NULL ? text : NULL);
	ccs_page_raw(&pg, "</textarea>\n</div>\n<button class=\"button\" "
	    "type=\"submit\">");
	ccs_page_t(&pg, "Add to my report");
	ccs_page_raw(&pg, "</button>\n</form>\n");
	ccs_page_foot(&pg);
	ccs_page_reply(&pg, r, err != NULL ? 400 : 200);
}

void
ccs_h_report_follow(struct ccs_req *r)
{
	struct ccs_fail fl = { 0, NULL, "" };
	struct ccs_form *f = NULL;
	const char *ref, *secret, *action, *text;
	json_t *rep = NULL;
	int64_t id = 0;
	bool added = false;
	int rc;

	if (strcmp(r->method, "POST") != 0) {
		lookup_page(r, NULL, NULL, NULL, 200);
		return;
	}
	f = calloc(1, sizeof(*f));
	if (f == NULL || r->body_too_big || ccs_form_parse(r->body.data,
	    r->body.len, ccs_req_header(r, "Content-Type"), f) != CCS_OK) {
		lookup_page(r, NULL, NULL, "This form has expired. Reload the "
		    "page and send it again.", 400);
		free(f);
		return;
	}
	ref = ccs_form_get(f, "reference");
	secret = ccs_form_get(f, "secret");
	action = ccs_form_get(f, "action");
	if (ref == NULL || ref[0] == '\0') {
		lookup_page(r, NULL, "reference", "Enter your reference", 400);
		goto out;
	}
	if (secret == NULL || secret[0] == '\0') {
		lookup_page(r, ref, "secret", "Enter your follow-up secret",
		    400);
		goto out;
	}
	r->commit = true;	/* the attempt counts even when refused */
	rc = ccs_portal_throttle(r->db, r->app->report_keys, r->ip, "follow",
	    r->app->conf->report_follow_hour, r->now, &fl);
	if (rc == CCS_ELIMIT) {
		lookup_page(r, ref, NULL, "Too many attempts from your "
		    "connection. Wait an hour and try again.", 429);
		goto out;
	}
	if (rc == CCS_OK)
		rc = ccs_portal_follow(r->db, ref, secret, &id, &rep, &fl);
	if (rc == CCS_ENOTFOUND) {
		lookup_page(r, ref, NULL, "The reference and the secret do not "
		    "match a report. Check both and try again.", 404);
		goto out;
	}
	if (rc != CCS_OK) {
		r->commit = false;
		lookup_page(r, ref, NULL, "Something went wrong on our side. "
		    "Your report was not saved. Try again in a few minutes.",
		    500);
		goto out;
	}
	text = ccs_form_get(f, "text");
	if (action != NULL && strcmp(action, "add") == 0) {
		if (text == NULL || text[0] == '\0') {
			view_page(r, rep, ref, secret, text, false, "Enter the "
			    "information to add");
			goto out;
		}
		if (strlen(text) > CCS_REP_ADD_MAX || !ccs_text_ok(text)) {
			view_page(r, rep, ref, secret, text, false, "This "
			    "answer is too long: shorten it");
			goto out;
		}
		rc = ccs_portal_add(r->db, r->app->report_keys, id, text,
		    r->now, &fl);
		if (rc != CCS_OK) {
			r->commit = false;
			r->rollback = true;
			lookup_page(r, ref, NULL, "Something went wrong on our "
			    "side. Your report was not saved. Try again in a "
			    "few minutes.", 500);
			goto out;
		}
		added = true;
	}
	view_page(r, rep, ref, secret, NULL, added, NULL);
out:
	json_decref(rep);
	free(f);
}

void
ccs_h_report_figures(struct ccs_req *r)
{
	struct ccs_fail fl = { 0, NULL, "" };
	json_t *out = NULL, *row;
	struct ccs_page pg;
	size_t i;

	if (ccs_portal_figures(r->db, &out, &fl) != CCS_OK) {
		ccs_reply_fail(r, &fl);
		return;
	}
	ccs_page_init(&pg, r, NULL);
	ccs_page_head(&pg, "Reports in figures", "/report/figures", NULL);
	ccs_page_raw(&pg, "<h1>");
	ccs_page_t(&pg, "Reports in figures");
	ccs_page_raw(&pg, "</h1>\n<p>");
	ccs_page_t(&pg, "Reports received, processed and still waiting, per "
	    "country and month. No content of any report is shown.");
	ccs_page_raw(&pg, "</p>\n");
	if (json_array_size(json_object_get(out, "items")) == 0) {
		ccs_page_raw(&pg, "<p>");
		ccs_page_t(&pg, "No reports yet.");
		ccs_page_raw(&pg, "</p>\n");
	} else {
		ccs_page_raw(&pg, "<table class=\"figures\">\n<caption>");
		ccs_page_t(&pg, "Reports in figures");
		ccs_page_raw(&pg, "</caption>\n<thead><tr><th scope=\"col\">");
		ccs_page_t(&pg, "Country");
		ccs_page_raw(&pg, "</th><th scope=\"col\">");
		ccs_page_t(&pg, "Month");
		ccs_page_raw(&pg, "</th><th scope=\"col\" class=\"num\">");
		ccs_page_t(&pg, "Received");
		ccs_page_raw(&pg, "</th><th scope=\"col\" class=\"num\">");
		ccs_page_t(&pg, "Processed");
		ccs_page_raw(&pg, "</th><th scope=\"col\" class=\"num\">");
		ccs_page_t(&pg, "Waiting");
		ccs_page_raw(&pg, "</th></tr></thead>\n<tbody>\n");
		json_array_foreach(json_object_get(out, "items"), i, row) {
			ccs_page_raw(&pg, "<tr><th scope=\"row\">");
			ccs_page_text(&pg, json_string_value(json_object_get(
			    row, "state")));
			ccs_page_raw(&pg, "</th><td>");
			ccs_page_text(&pg, json_string_value(json_object_get(
			    row, "month")));
			ccs_page_fmt(&pg, "</td><td class=\"num\">%lld</td>"
			    "<td class=\"num\">%lld</td><td class=\"num\">"
			    "%lld</td></tr>\n", (long long)json_integer_value(
			    json_object_get(row, "received")), (long long)
			    json_integer_value(json_object_get(row,
			    "processed")), (long long)json_integer_value(
			    json_object_get(row, "backlog")));
		}
		ccs_page_raw(&pg, "</tbody>\n</table>\n");
	}
	ccs_page_raw(&pg, "<p><a href=\"/api/v1/reporting/figures\">");
	ccs_page_t(&pg, "Figures as JSON");
	ccs_page_raw(&pg, "</a></p>\n");
	ccs_page_foot(&pg);
	json_decref(out);
	ccs_page_reply(&pg, r, 200);
}

void
ccs_h_report_figures_json(struct ccs_req *r)
{
	struct ccs_fail fl = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_portal_figures(r->db, &out, &fl);
	ccs_reply_result(r, 200, rc, out, &fl);
}

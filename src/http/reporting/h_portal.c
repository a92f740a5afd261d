/*
 * h_portal.c: the pages of the public reporting portal (issue 12).
 *
 * GET /report asks the kind of crime first (the answer changes the form:
 * a child exploitation report takes no file and is anonymous by
 * default), then shows the form for that kind; POST /report checks it
 * (core/reporting), spends the form's proof-of-work challenge, applies
 * the per-address limits and files the report (svc/reporting/portal.c).
 * Errors follow the GOV.UK pattern: a summary at the top linking to each
 * field, the same message beside the field, the answers kept (escaped).
 * The abuse-control counters and the spent challenge are committed even
 * when the page shows an error; the report itself is written only when
 * everything passed, in the same transaction as its routes and audit.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/reporting/report.h"
#include "http/reporting/form.h"
#include "http/reporting/handlers.h"
#include "http/reporting/page.h"
#include "svc/reporting/portal.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

/* A page-level or field error to show. */
struct perr {
	struct ccs_rep_err	e[CCS_REP_ERRS_MAX + 1];	/* errors */
	size_t			n;				/* used */
};

static void
perr_add(struct perr *pe, const char *field, const char *msgid)
{
	if (pe->n < CCS_REP_ERRS_MAX + 1) {
		pe->e[pe->n].field = field;
		pe->e[pe->n].msgid = msgid;
		pe->n++;
	}
}

static const char *
perr_for(const struct perr *pe, const char *field)
{
	size_t i;

	for (i = 0; pe != NULL && i < pe->n; i++)
		if (pe->e[i].field != NULL && strcmp(pe->e[i].field, field) ==
		    0)
			return pe->e[i].msgid;
	return NULL;
}

static const char *
val(const struct ccs_form *f, const char *name)
{
	return f != NULL ? ccs_form_get(f, name) : NULL;
}

static void
error_summary(struct ccs_page *pg, const struct perr *pe)
{
	size_t i;

	if (pe == NULL || pe->n == 0)
		return;
	ccs_page_raw(pg, "<div class=\"error-summary\" role=\"alert\" "
	    "tabindex=\"-1\" aria-labelledby=\"error-summary-title\">\n"
	    "<h2 id=\"error-summary-title\">");
	ccs_page_t(pg, "There is a problem");
	ccs_page_raw(pg, "</h2>\n<ul>\n");
	for (i = 0; i < pe->n; i++) {
		ccs_page_raw(pg, "<li>");
		if (pe->e[i].field != NULL)
			ccs_page_fmt(pg, "<a href=\"#f-%s\">", pe->e[i].field);
		ccs_page_t(pg, pe->e[i].msgid);
		ccs_page_raw(pg, pe->e[i].field != NULL ? "</a></li>\n" :
		    "</li>\n");
	}
	ccs_page_raw(pg, "</ul>\n</div>\n");
}

/* Opens a form group: label (or legend), hint, error message. */
static void
group_open(struct ccs_page *pg, const char *name, const char *label,
    const char *hint, const char *err, bool fieldset)
{
	ccs_page_fmt(pg, "<div class=\"group%s\">\n", err ? " group-error" :
	    "");
	if (fieldset) {
		ccs_page_fmt(pg, "<fieldset aria-describedby=\"f-%s-hint%s%s"
		    "%s\"><legend>", name, err ? " f-" : "", err ? name : "",
		    err ? "-error" : "");
		ccs_page_t(pg, label);
		ccs_page_raw(pg, "</legend>\n");
	} else {
		ccs_page_fmt(pg, "<label for=\"f-%s\">", name);
		ccs_page_t(pg, label);
		ccs_page_raw(pg, "</label>\n");
	}
	ccs_page_fmt(pg, "<p class=\"hint\" id=\"f-%s-hint\">", name);
	if (hint != NULL)
		ccs_page_t(pg, hint);
	ccs_page_raw(pg, "</p>\n");
	if (err != NULL) {
		ccs_page_fmt(pg, "<p class=\"error-message\" id=\"f-%s-error\">"
		    "<span class=\"visually-hidden\">", name);
		ccs_page_t(pg, "Error:");
		ccs_page_raw(pg, "</span> ");
		ccs_page_t(pg, err);
		ccs_page_raw(pg, "</p>\n");
	}
}

static void
described_by(struct ccs_page *pg, const char *name, const char *err)
{
	ccs_page_fmt(pg, " id=\"f-%s\" name=\"%s\" aria-describedby="
	    "\"f-%s-hint%s%s%s\"%s", name, name, name, err ? " f-" : "",
	    err ? name : "", err ? "-error" : "", err ?
	    " aria-invalid=\"true\"" : "");
}

static void
input(struct ccs_page *pg, const struct ccs_form *f, const struct perr *pe,
    const char *name, const char *label, const char *hint,
    const char *extra)
{
	const char *err = perr_for(pe, name);

	group_open(pg, name, label, hint, err, false);
	ccs_page_raw(pg, "<input class=\"input\"");
	described_by(pg, name, err);
	ccs_page_fmt(pg, " %s value=\"", extra);
	ccs_page_text(pg, val(f, name));
	ccs_page_raw(pg, "\">\n</div>\n");
}

static void
textarea(struct ccs_page *pg, const struct ccs_form *f,
    const struct perr *pe, const char *name, const char *label,
    const char *hint, int rows)
{
	const char *err = perr_for(pe, name);

	group_open(pg, name, label, hint, err, false);
	ccs_page_raw(pg, "<textarea class=\"input\"");
	described_by(pg, name, err);
	ccs_page_fmt(pg, " rows=\"%d\">", rows);
	ccs_page_text(pg, val(f, name));
	ccs_page_raw(pg, "</textarea>\n</div>\n");
}

static void
select_list(struct ccs_page *pg, const struct ccs_form *f,
    const struct perr *pe, const char *name, const char *label,
    const char *hint, const struct ccs_vocab *list, const char *empty)
{
	const char *err = perr_for(pe, name), *cur = val(f, name);
	size_t i;

	group_open(pg, name, label, hint, err, false);
	ccs_page_raw(pg, "<select class=\"input\"");
	described_by(pg, name, err);
	ccs_page_raw(pg, ">\n<option value=\"\">");
	ccs_page_t(pg, empty);
	ccs_page_raw(pg, "</option>\n");
	for (i = 0; i < list->nwords; i++) {
		ccs_page_fmt(pg, "<option value=\"%s\"%s>", list->words[i].key,
		    cur != NULL && strcmp(cur, list->words[i].key) == 0 ?
		    " selected" : "");
		ccs_page_t(pg, list->words[i].name);
		ccs_page_raw(pg, "</option>\n");
	}
	ccs_page_raw(pg, "</select>\n</div>\n");
}

static void
radios(struct ccs_page *pg, const struct ccs_form *f, const struct perr *pe,
    const char *name, const char *label, const char *hint,
    const struct ccs_vocab *list, const char *cur)
{
	const char *err = perr_for(pe, name);
	size_t i;

	if (cur == NULL)
		cur = val(f, name);
	group_open(pg, name, label, hint, err, true);
	for (i = 0; i < list->nwords; i++) {
		ccs_page_raw(pg, "<div class=\"radio\"><input type=\"radio\"");
		if (i == 0)
			ccs_page_fmt(pg, " id=\"f-%s\"", name);
		else
			ccs_page_fmt(pg, " id=\"f-%s-%zu\"", name, i);
		ccs_page_fmt(pg, " name=\"%s\" value=\"%s\"%s>", name,
		    list->words[i].key, cur != NULL && strcmp(cur,
		    list->words[i].key) == 0 ? " checked" : "");
		if (i == 0)
			ccs_page_fmt(pg, "<label for=\"f-%s\">", name);
		else
			ccs_page_fmt(pg, "<label for=\"f-%s-%zu\">", name, i);
		ccs_page_t(pg, list->words[i].name);
		ccs_page_raw(pg, "</label></div>\n");
	}
	ccs_page_raw(pg, "</fieldset>\n</div>\n");
}

static void
states_select(struct ccs_page *pg, struct ccs_req *r,
    const struct ccs_form *f, const struct perr *pe)
{
	const char *err = perr_for(pe, "state"), *cur = val(f, "state");
	const char *code;
	json_t *rows = NULL, *row;
	size_t i;

	if (ccs_db_query_json(r->db, "SELECT code, name FROM states ORDER BY "
	    "sort_name", NULL, 0, &rows) != CCS_OK) {
		pg->rc = CCS_EDB;
		return;
	}
	group_open(pg, "state", "Your country", "The country where you live, "
	    "or where the crime happened to you.", err, false);
	ccs_page_raw(pg, "<select class=\"input\" autocomplete=\"country\"");
	described_by(pg, "state", err);
	ccs_page_raw(pg, ">\n<option value=\"\">");
	ccs_page_t(pg, "Choose a country");
	ccs_page_raw(pg, "</option>\n");
	json_array_foreach(rows, i, row) {
		code = json_string_value(json_object_get(row, "code"));
		ccs_page_raw(pg, "<option value=\"");
		ccs_page_text(pg, code);
		ccs_page_fmt(pg, "\"%s>", cur != NULL && code != NULL &&
		    strcmp(cur, code) == 0 ? " selected" : "");
		ccs_page_text(pg, json_string_value(json_object_get(row,
		    "name")));
		ccs_page_raw(pg, "</option>\n");
	}
	ccs_page_raw(pg, "</select>\n</div>\n");
	json_decref(rows);
}

static void
emergency(struct ccs_page *pg)
{
	ccs_page_raw(pg, "<p class=\"warning\"><strong>");
	ccs_page_t(pg, "If someone is in immediate danger, call your local "
	    "emergency number now.");
	ccs_page_raw(pg, "</strong></p>\n");
}

/* The first question: the kind of crime. */
static void
category_page(struct ccs_req *r, const char *lang, const struct perr *pe,
    unsigned status)
{
	struct ccs_page pg;

	ccs_page_init(&pg, r, lang);
	pg.failed = pe != NULL && pe->n > 0;
	ccs_page_head(&pg, "What kind of crime do you want to report?",
	    "/report", NULL);
	error_summary(&pg, pe);
	ccs_page_raw(&pg, "<form method=\"get\" action=\"/report\" "
	    "novalidate>\n");
	ccs_page_fmt(&pg, "<input type=\"hidden\" name=\"lang\" "
	    "value=\"%s\">\n", pg.lang);
	ccs_page_raw(&pg, "<h1>");
	ccs_page_t(&pg, "Report a cybercrime");
	ccs_page_raw(&pg, "</h1>\n");
	emergency(&pg);
	radios(&pg, NULL, pe, "category", "What kind of crime do you want to "
	    "report?", "Choose the one that fits best. You can explain the "
	    "details on the next page.", &ccs_rep_categories, NULL);
	ccs_page_raw(&pg, "<button class=\"button\" type=\"submit\">");
	ccs_page_t(&pg, "Continue");
	ccs_page_raw(&pg, "</button>\n</form>\n");
	ccs_page_foot(&pg);
	ccs_page_reply(&pg, r, status);
}

static void
hidden(struct ccs_page *pg, const char *name, const char *value)
{
	ccs_page_fmt(pg, "<input type=\"hidden\" name=\"%s\" value=\"",
	    name);
	ccs_page_text(pg, value);
	ccs_page_raw(pg, "\">\n");
}

/* The report form for @p cat, with @p f's answers and @p pe's errors. */
static void
report_page(struct ccs_req *r, const char *lang,
    const struct ccs_word *cat, const struct ccs_form *f,
    const struct perr *pe, unsigned status)
{
	static const char *const sus_fields[CCS_REP_NSUSPECT] = {
		"sus_names", "sus_emails", "sus_urls", "sus_ips",
		"sus_phones", "sus_wallets", "sus_social"
	};
	char challenge[CCS_PORTAL_CHALLENGE_LEN], query[64];
	bool ce = strcmp(cat->key, "child_exploitation") == 0;
	struct ccs_page pg;
	size_t i;

	ccs_page_init(&pg, r, lang);
	(void)snprintf(query, sizeof(query), "category=%s", cat->key);
	pg.failed = pe != NULL && pe->n > 0;
	ccs_page_head(&pg, cat->name, "/report", query);
	error_summary(&pg, pe);
	ccs_page_raw(&pg, "<h1>");
	ccs_page_t(&pg, cat->name);
	ccs_page_raw(&pg, "</h1>\n<p class=\"kind\">");
	ccs_page_t(&pg, "Kind of crime");
	ccs_page_raw(&pg, ": ");
	ccs_page_t(&pg, cat->name);
	ccs_page_fmt(&pg, " <a href=\"/report?lang=%s\">", pg.lang);
	ccs_page_t(&pg, "Change");
	ccs_page_raw(&pg, "</a></p>\n");
	emergency(&pg);
	if (ce) {
		ccs_page_raw(&pg, "<div class=\"notice\" id=\"no-files\"><p>"
		    "<strong>");
		ccs_page_t(&pg, "Do not upload or send any picture or video "
		    "of a child. Give only the web address (URL) where you "
		    "saw it and describe it in words. This form accepts no "
		    "files.");
		ccs_page_raw(&pg, "</strong></p></div>\n");
	}
	ccs_page_fmt(&pg, "<form method=\"post\" action=\"/report?lang=%s\" "
	    "novalidate class=\"report-form\"%s>\n", pg.lang, ce ? "" :
	    " enctype=\"multipart/form-data\"");
	ccs_portal_challenge(r->app->report_keys, r->now, challenge);
	hidden(&pg, "lang", pg.lang);
	hidden(&pg, "category", cat->key);
	hidden(&pg, "pow_challenge", challenge);
	hidden(&pg, "pow_nonce", "");
	states_select(&pg, r, f, pe);
	radios(&pg, f, pe, "victim_type", "Who was affected?", NULL,
	    &ccs_rep_victims, NULL);
	textarea(&pg, f, pe, "what", "What happened", "Describe what "
	    "happened in your own words. Do not write any password.", 8);
	input(&pg, f, pe, "when", "When did it happen?", "For example, 14 "
	    "March 2026, or last week.", "type=\"text\"");
	select_list(&pg, f, pe, "first_contact", "How were you first "
	    "contacted?", NULL, &ccs_rep_contacts, "Not applicable");
	if (!ce) {
		ccs_page_raw(&pg, "<fieldset class=\"section\"><legend>");
		ccs_page_t(&pg, "Money lost");
		ccs_page_raw(&pg, "</legend>\n<p class=\"hint\">");
		ccs_page_t(&pg, "Leave empty if no money was lost.");
		ccs_page_raw(&pg, "</p>\n");
		input(&pg, f, pe, "amount", "Amount", NULL, "type=\"text\" "
		    "inputmode=\"decimal\" class=\"short\"");
		input(&pg, f, pe, "currency", "Currency", "A three-letter "
		    "code, for example USD, JMD or EUR.", "type=\"text\" "
		    "maxlength=\"3\" class=\"short\"");
		select_list(&pg, f, pe, "method", "How was it paid?", NULL,
		    &ccs_rep_methods, "Not applicable");
		input(&pg, f, pe, "account", "Account, wallet or phone number "
		    "that received the money", NULL, "type=\"text\"");
		ccs_page_raw(&pg, "</fieldset>\n");
	}
	ccs_page_raw(&pg, "<fieldset class=\"section\"><legend>");
	ccs_page_t(&pg, "What you know about the suspect");
	ccs_page_raw(&pg, "</legend>\n");
	for (i = 0; i < CCS_REP_NSUSPECT; i++) {
		if (ce && i != 2)
			continue;
		textarea(&pg, f, pe, sus_fields[i], ce ? "Web addresses "
		    "where you saw it, one per line" :
		    ccs_rep_suspects.words[i].name, "Anything you know, one "
		    "per line.", 3);
	}
	ccs_page_raw(&pg, "</fieldset>\n");
	if (!ce) {
		const char *err = perr_for(pe, "evidence");

		group_open(&pg, "evidence", "Evidence files (optional)",
		    "Screenshots (PNG or JPEG), PDF or e-mail headers saved "
		    "as text: up to 3 files of 5 MB each.", err, false);
		ccs_page_raw(&pg, "<input class=\"file\" type=\"file\" "
		    "multiple accept=\".png,.jpg,.jpeg,.pdf,.txt,.eml,"
		    "image/png,image/jpeg,application/pdf,text/plain\"");
		described_by(&pg, "evidence", err);
		ccs_page_raw(&pg, ">\n</div>\n");
	}
	ccs_page_raw(&pg, "<fieldset class=\"section\"><legend>");
	ccs_page_t(&pg, "Your contact details (optional)");
	ccs_page_raw(&pg, "</legend>\n<p class=\"hint\">");
	ccs_page_t(&pg, ce ? "This report is anonymous unless you choose to "
	    "give contact details." : "Leave these empty to report "
	    "anonymously. They are used only to ask you about this report.");
	ccs_page_raw(&pg, "</p>\n");
	input(&pg, f, pe, "contact_name", "Name", NULL, "type=\"text\" "
	    "autocomplete=\"off\"");
	input(&pg, f, pe, "contact_email", "E-mail address", NULL,
	    "type=\"email\" autocomplete=\"off\" spellcheck=\"false\"");
	input(&pg, f, pe, "contact_phone", "Phone number", NULL,
	    "type=\"tel\" autocomplete=\"off\"");
	ccs_page_raw(&pg, "</fieldset>\n<noscript><p class=\"hint\">");
	ccs_page_t(&pg, "Without JavaScript, fewer reports per hour are "
	    "accepted from one connection.");
	ccs_page_raw(&pg, "</p></noscript>\n<p class=\"hint\" "
	    "id=\"pow-status\" role=\"status\" aria-live=\"polite\" "
	    "data-working=\"");
	ccs_page_t(&pg, "Checking your browser, this takes a few seconds.");
	ccs_page_raw(&pg, "\"></p>\n<button class=\"button\" type=\"submit\">");
	ccs_page_t(&pg, "Send report");
	ccs_page_raw(&pg, "</button>\n</form>\n");
	ccs_page_foot(&pg);
	ccs_page_reply(&pg, r, status);
}

void
ccs_h_report_form(struct ccs_req *r)
{
	const char *code = ccs_req_query(r, "category");
	const struct ccs_word *cat;
	struct perr pe = { .n = 0 };

	if (code == NULL) {
		category_page(r, NULL, NULL, 200);
		return;
	}
	cat = ccs_rep_word(&ccs_rep_categories, code);
	if (cat == NULL) {
		perr_add(&pe, "category", "Choose the kind of crime");
		category_page(r, NULL, &pe, 400);
		return;
	}
	report_page(r, NULL, cat, NULL, NULL, 200);
}

static void
done_page(struct ccs_req *r, const char *lang, const char *ref,
    const char *secret)
{
	struct ccs_page pg;

	ccs_page_init(&pg, r, lang);
	/* No language switch here: following it would lose the secret. */
	ccs_page_head(&pg, "Report received", NULL, NULL);
	ccs_page_raw(&pg, "<div class=\"panel\">\n<h1>");
	ccs_page_t(&pg, "Report received");
	ccs_page_raw(&pg, "</h1>\n<dl>\n<dt>");
	ccs_page_t(&pg, "Your reference");
	ccs_page_raw(&pg, "</dt>\n<dd class=\"code\" id=\"reference\">");
	ccs_page_text(&pg, ref);
	ccs_page_raw(&pg, "</dd>\n<dt>");
	ccs_page_t(&pg, "Your follow-up secret");
	ccs_page_raw(&pg, "</dt>\n<dd class=\"code\" id=\"secret\">");
	ccs_page_text(&pg, secret);
	ccs_page_raw(&pg, "</dd>\n</dl>\n</div>\n<p><strong>");
	ccs_page_t(&pg, "Write both down or print this page now. The secret "
	    "is shown only this once. With the reference, it lets you follow "
	    "your report and add information. Do not share it.");
	ccs_page_raw(&pg, "</strong></p>\n<p><button class=\"button "
	    "secondary\" type=\"button\" data-print hidden>");
	ccs_page_t(&pg, "Print this page");
	ccs_page_raw(&pg, "</button></p>\n<h2>");
	ccs_page_t(&pg, "What happens next");
	ccs_page_raw(&pg, "</h2>\n<p>");
	ccs_page_t(&pg, "The national team reads your report and decides "
	    "what to do. It may pass it to the police, a CERT or another "
	    "country. You can check its status at any time.");
	ccs_page_fmt(&pg, "</p>\n<p><a href=\"/report/follow-up?lang=%s\">",
	    pg.lang);
	ccs_page_t(&pg, "Follow your report");
	ccs_page_raw(&pg, "</a></p>\n");
	ccs_page_foot(&pg);
	ccs_page_reply(&pg, r, 201);
	ccs_reply_header(r, "Referrer-Policy", "no-referrer");
}

/* A page-level refusal of the whole post: which message, which status. */
static unsigned
fail_page(const struct ccs_fail *f, struct perr *pe)
{
	const char *c = f->code != NULL ? f->code : "internal";

	if (strcmp(c, "rate_limited") == 0) {
		perr_add(pe, NULL, "Too many attempts from your connection. "
		    "Wait an hour and try again.");
		return 429;
	}
	if (strcmp(c, "pow_replayed") == 0) {
		perr_add(pe, NULL, "This form was already sent once. Reload "
		    "the page and send it again.");
		return 409;
	}
	if (strcmp(c, "pow_expired") == 0 || strcmp(c, "pow_invalid") == 0) {
		perr_add(pe, NULL, "This form has expired. Reload the page "
		    "and send it again.");
		return 400;
	}
	if (strcmp(c, "duplicate_report") == 0) {
		perr_add(pe, NULL, "This report was already received a moment "
		    "ago. Use the reference you were given then.");
		return 409;
	}
	if (strcmp(c, "unknown_state") == 0) {
		perr_add(pe, "state", "Choose your country from the list");
		return 400;
	}
	if (strcmp(c, "forbidden_file_type") == 0 ||
	    strcmp(c, "evidence_too_large") == 0) {
		perr_add(pe, "evidence", "The file must be a PNG, JPEG, PDF or "
		    "text file of 5 MB or less");
		return f->rc == CCS_ETOOBIG ? 413 : 400;
	}
	if (strcmp(c, "report_too_large") == 0) {
		perr_add(pe, NULL, "Your report is too long. Shorten it, or "
		    "send fewer files.");
		return 413;
	}
	perr_add(pe, NULL, "Something went wrong on our side. Your report "
	    "was not saved. Try again in a few minutes.");
	return f->rc == CCS_EBUSY ? 503 : 500;
}

static void
fill_input(const struct ccs_form *f, struct ccs_rep_input *in)
{
	static const char *const sus_fields[CCS_REP_NSUSPECT] = {
		"sus_names", "sus_emails", "sus_urls", "sus_ips",
		"sus_phones", "sus_wallets", "sus_social"
	};
	size_t i;

	memset(in, 0, sizeof(*in));
	in->category = ccs_form_get(f, "category");
	in->state = ccs_form_get(f, "state");
	in->victim_type = ccs_form_get(f, "victim_type");
	in->what = ccs_form_get(f, "what");
	in->when = ccs_form_get(f, "when");
	in->first_contact = ccs_form_get(f, "first_contact");
	in->amount = ccs_form_get(f, "amount");
	in->currency = ccs_form_get(f, "currency");
	in->method = ccs_form_get(f, "method");
	in->account = ccs_form_get(f, "account");
	for (i = 0; i < CCS_REP_NSUSPECT; i++)
		in->suspect[i] = ccs_form_get(f, sus_fields[i]);
	in->contact_name = ccs_form_get(f, "contact_name");
	in->contact_email = ccs_form_get(f, "contact_email");
	in->contact_phone = ccs_form_get(f, "contact_phone");
	in->nfiles = f->nfiles;
}

/* The page a refused post gets: the form again, or the first question
 * when even the kind of crime is unknown. */
static void
refuse(struct ccs_req *r, const struct ccs_form *f, const struct perr *pe,
    unsigned status)
{
	const struct ccs_word *cat = ccs_rep_word(&ccs_rep_categories,
	    f != NULL ? ccs_form_get(f, "category") : NULL);
	const char *lang = f != NULL ? ccs_form_get(f, "lang") : NULL;
	struct perr only = { .n = 0 };

	if (cat != NULL) {
		report_page(r, lang, cat, f, pe, status);
		return;
	}
	/* Without a kind of crime the first question comes back, with its
	 * own error only (the other answers belong to the next page). */
	if (perr_for(pe, "category") != NULL) {
		perr_add(&only, "category", perr_for(pe, "category"));
		pe = &only;
	}
	category_page(r, lang, pe, status);
}

void
ccs_h_report_submit(struct ccs_req *r)
{
	struct ccs_fail fl = { 0, NULL, "" };
	struct ccs_portal_file files[CCS_REP_FILES_MAX];
	struct ccs_form *f = NULL;
	struct ccs_rep_input in;
	struct perr pe = { .n = 0 };
	char ref[CCS_REPORT_REF_LEN], secret[CCS_PORTAL_SECRET_LEN];
	const char *lang;
	size_t i, nf = 0;
	unsigned status;
	bool solved = false, known = true;
	int rc;

	if (r->body_too_big) {
		fl.code = "report_too_large";
		status = fail_page(&fl, &pe);
		refuse(r, NULL, &pe, status);
		return;
	}
	f = calloc(1, sizeof(*f));
	if (f == NULL || ccs_form_parse(r->body.data, r->body.len,
	    ccs_req_header(r, "Content-Type"), f) != CCS_OK) {
		perr_add(&pe, NULL, "This form has expired. Reload the page "
		    "and send it again.");
		refuse(r, NULL, &pe, 400);
		free(f);
		return;
	}
	lang = ccs_form_get(f, "lang");
	lang = ccs_i18n_pick(ccs_i18n_known(lang) ? lang :
	    ccs_req_query(r, "lang"), ccs_req_header(r, "Accept-Language"));
	/* Limits and the challenge first: their counters stay committed
	 * whatever the answers (r->commit), the report is never written. */
	r->commit = true;
	rc = ccs_portal_throttle(r->db, r->app->report_keys, r->ip, "post",
	    r->app->conf->report_posts_hour, r->now, &fl);
	if (rc == CCS_OK)
		rc = ccs_portal_challenge_spend(r->db, r->app->report_keys,
		    ccs_form_get(f, "pow_challenge"), ccs_form_get(f,
		    "pow_nonce"), r->now, &solved, &fl);
	if (rc == CCS_OK && !solved)
		rc = ccs_portal_throttle(r->db, r->app->report_keys, r->ip,
		    "nojs", r->app->conf->report_nojs_hour, r->now, &fl);
	if (rc != CCS_OK) {
		r->commit = rc != CCS_EDB && rc != CCS_EBUSY;
		status = fail_page(&fl, &pe);
		refuse(r, f, &pe, status);
		free(f);
		return;
	}
	fill_input(f, &in);
	pe.n = ccs_rep_check(&in, pe.e);
	if (perr_for(&pe, "state") == NULL && ccs_state_exists(r->db,
	    in.state, &known) == CCS_OK && !known && pe.n < CCS_REP_ERRS_MAX) {
		/* in form order: after the kind of crime, before the rest */
		i = pe.n > 0 && strcmp(pe.e[0].field, "category") == 0;
		memmove(&pe.e[i + 1], &pe.e[i], (pe.n - i) * sizeof(pe.e[0]));
		pe.e[i].field = "state";
		pe.e[i].msgid = "Choose your country from the list";
		pe.n++;
	}
	for (i = 0; i < f->n && pe.n == 0; i++) {
		if (f->f[i].filename == NULL)
			continue;
		if (strcmp(f->f[i].name, "evidence") != 0 ||
		    nf >= CCS_REP_FILES_MAX) {
			perr_add(&pe, "evidence", "Select at most 3 files");
			break;
		}
		files[nf].name = f->f[i].filename;
		files[nf].data = (const unsigned char *)f->f[i].value;
		files[nf].len = f->f[i].len;
		nf++;
	}
	if (pe.n > 0) {
		refuse(r, f, &pe, 400);
		free(f);
		return;
	}
	rc = ccs_portal_submit(r->db, r->app->report_keys, &in, lang, r->ip,
	    files, nf, r->app->conf->evidence_dir, r->now, ref, secret, &fl);
	if (rc != CCS_OK) {
		/* refusals come before any write of the report itself */
		r->commit = rc == CCS_EINVAL || rc == CCS_ECONFLICT ||
		    rc == CCS_ETOOBIG;
		r->rollback = !r->commit;
		status = fail_page(&fl, &pe);
		refuse(r, f, &pe, status);
		free(f);
		return;
	}
	r->commit = false;
	done_page(r, lang, ref, secret);
	sodium_memzero(secret, sizeof(secret));
	free(f);
}

/*
 * h_funding_chart.c: GET /api/v1/funding/chart.svg, the funding totals of
 * one dimension as a bar chart drawn by the server (format/bars.c).
 *
 * One panel per currency, each on its own scale, so amounts in different
 * currencies never share an axis; ?currency= keeps one of them. With
 * ?convert= the chart draws the converted figures GET /funding gives
 * (latest recorded rates), in one panel, and writes under it every rate
 * used with its date and source, and the currencies left out for want of
 * a rate. Each key shows one bar per stage with money (pledged,
 * committed, disbursed, spent), the amount and the stage written at its
 * end. The page shows the same figures as a table.
 */
#include <stdlib.h>
#include <string.h>

#include "core/capacity/money.h"
#include "format/bars.h"
#include "http/capacity/handlers.h"
#include "http/gzip.h"
#include "svc/capacity/funding_chart.h"
#include "util/err.h"
#include "util/log.h"
#include "util/mem.h"
#include "util/str.h"

#define WIDTH	760	/* px: the page scales it down to fit */

/* ?by= words, and the dimension of the funding totals each reads */
static const struct {
	const char	*by;	/* the query's word */
	const char	*dim;	/* the totals' key */
	const char	*title;	/* "Funding by ..." */
} dims[] = {
	{ "priority_area", "area", "priority area" },
	{ "area", "area", "priority area" },
	{ "need", "need", "need" },
	{ "state", "state", "state" },
	{ "funder", "funder", "funder" },
	{ "year", "year", "year" },
};

static const char *const stages[] = { "pledged", "committed", "disbursed",
	"spent" };
static const char *const stage_names[] = { "Pledged", "Committed",
	"Disbursed", "Spent" };

/* The name of @p key: from @p names, else the key itself. */
static const char *
name_of(const json_t *names, const char *key)
{
	const char *n = json_string_value(json_object_get(names, key));

	return n != NULL ? n : key;
}

/* @p amt ("2757000.50") with thousands separators ("2,757,000.50"). */
static int
grouped(const char *amt, char *out, size_t size)
{
	size_t n = strcspn(amt, "."), i, o = 0;

	for (i = 0; amt[i] != '\0'; i++) {
		if (o + 2 >= size)
			return CCS_ETOOBIG;
		if (i > 0 && i < n && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = amt[i];
	}
	out[o] = '\0';
	return CCS_OK;
}

/* A row of a panel and the name it is drawn and sorted under. */
struct named_row {
	const char	*name;	/* borrowed from the names or the row */
	const json_t	*row;	/* borrowed */
};

static int
cmp_named(const void *a, const void *b)
{
	return strcmp(((const struct named_row *)a)->name,
	    ((const struct named_row *)b)->name);
}

/* One panel of rows [{key, totals: {cur: {stage: "x"}}}] in @p cur, or
 * (@p cur NULL) of converted rows [{key, totals: {stage: "x"}}], each
 * row under its name, in the order of the names (years and priority
 * areas ascending, states and funders alphabetically). */
static int
panel(struct ccs_bars *b, const json_t *rows, const char *cur,
    const char *heading, const char *key, const json_t *names)
{
	struct named_row *list = NULL;
	const json_t *row, *t;
	char text[CCS_BARS_MAX_KEY + 1], num[40];
	const char *amt;
	int64_t minor;
	size_t i, s, n = 0;
	int exp, rc;

	exp = ccs_currency_exponent(key);
	rc = ccs_bars_add_panel(b, heading, key);
	if (rc != CCS_OK || json_array_size(rows) == 0)
		return rc;
	list = ccs_calloc(json_array_size(rows), sizeof(*list));
	if (list == NULL)
		return CCS_ENOMEM;
	json_array_foreach(rows, i, row) {
		t = json_object_get(row, "totals");
		if (cur != NULL && json_object_get(t, cur) == NULL)
			continue;
		list[n].name = name_of(names, json_string_value(
		    json_object_get(row, "key")));
		list[n++].row = row;
	}
	qsort(list, n, sizeof(*list), cmp_named);
	for (i = 0; rc == CCS_OK && i < n; i++) {
		t = json_object_get(list[i].row, "totals");
		if (cur != NULL)
			t = json_object_get(t, cur);
		rc = ccs_bars_add_row(b, list[i].name, json_string_value(
		    json_object_get(list[i].row, "key")));
		for (s = 0; rc == CCS_OK && s < 4; s++) {
			amt = json_string_value(json_object_get(t, stages[s]));
			if (amt == NULL)
				continue;
			if (!ccs_money_parse(amt, exp < 0 ? 0 : exp, &minor))
				minor = 0;
			rc = grouped(amt, num, sizeof(num));
			if (rc == CCS_OK)
				rc = ccs_snprintf(text, sizeof(text), "%s %s",
				    num, stages[s]);
			if (rc == CCS_OK)
				rc = ccs_bars_add_bar(b, s, (double)minor, text,
				    amt);
		}
	}
	free(list);
	return rc;
}

/* The notes of a converted chart: each rate used, each currency left
 * out. */
static int
rate_notes(struct ccs_bars *b, const json_t *conv)
{
	const json_t *r, *m;
	const char *from;
	char note[CCS_CHART_MAX_TEXT + 1];
	size_t i;
	int rc = CCS_OK;

	json_object_foreach((json_t *)json_object_get(conv, "rates"), from,
	    r) {
		if (rc != CCS_OK)
			break;
		/* a long source is cut: the page lists the rates in full */
		(void)ccs_snprintf(note, sizeof(note), "1 %s = %s %s, rate of "
		    "%s, source: %.80s", from, json_string_value(
		    json_object_get(r, "rate")), json_string_value(
		    json_object_get(conv, "currency")), json_string_value(
		    json_object_get(r, "rate_date")), json_string_value(
		    json_object_get(r, "source")));
		rc = ccs_bars_add_note(b, note);
	}
	json_array_foreach(json_object_get(conv, "missing"), i, m) {
		if (rc != CCS_OK)
			break;
		(void)ccs_snprintf(note, sizeof(note), "No rate recorded from "
		    "%s to %s: money in %s is left out.", json_string_value(m),
		    json_string_value(json_object_get(conv, "currency")),
		    json_string_value(m));
		rc = ccs_bars_add_note(b, note);
	}
	return rc;
}

/* The currencies of @p rows, in the order first seen, as keys of a new
 * object. */
static json_t *
currencies(const json_t *rows)
{
	json_t *set = json_object();
	const json_t *row, *x;
	const char *cur;
	size_t i;

	json_array_foreach(rows, i, row)
		json_object_foreach((json_t *)json_object_get(row, "totals"),
		    cur, x)
			(void)json_object_set(set, cur, json_true());
	return set;
}

static int
build(struct ccs_bars *b, const json_t *d, const char *title,
    const char *currency, const char *convert)
{
	const json_t *rows = json_object_get(d, "rows");
	const json_t *names = json_object_get(d, "names");
	const json_t *conv = json_object_get(d, "converted");
	json_t *curs = NULL;
	const char *cur;
	const json_t *x;
	char head[CCS_CHART_MAX_TEXT + 1];
	size_t s;
	int rc;

	rc = ccs_bars_set_title(b, title);
	for (s = 0; rc == CCS_OK && s < 4; s++)
		rc = ccs_bars_add_series(b, stage_names[s], stages[s]);
	if (rc != CCS_OK)
		return rc;
	if (convert != NULL) {
		(void)ccs_snprintf(head, sizeof(head), "Converted to %s at the "
		    "latest recorded rates", convert);
		rc = panel(b, json_object_get(conv, "by") ? json_object_get(
		    json_object_get(conv, "by"), json_string_value(
		    json_object_get(d, "dim"))) : NULL, NULL, head, convert,
		    names);
		if (rc == CCS_OK)
			rc = rate_notes(b, conv);
		return rc;
	}
	curs = currencies(rows);
	if (curs == NULL)
		return CCS_ENOMEM;
	if (currency != NULL && json_object_get(curs, currency) == NULL)
		(void)json_object_set_new(curs, currency, json_true());
	json_object_foreach(curs, cur, x) {
		if (rc != CCS_OK)
			break;
		if (currency != NULL && strcmp(cur, currency) != 0)
			continue;
		(void)ccs_snprintf(head, sizeof(head), "In %s", cur);
		rc = panel(b, rows, cur, head, cur, names);
	}
	if (rc == CCS_OK && json_object_size(curs) == 0)
		rc = ccs_bars_add_note(b, "No pledge, commitment, disbursement "
		    "or expenditure is recorded.");
	if (rc == CCS_OK)
		rc = ccs_bars_add_note(b, "Money is never converted silently: "
		    "each currency has its own panel and scale.");
	json_decref(curs);
	return rc;
}

/* Replies 400 naming @p field when @p v (may be NULL) is not ISO 4217. */
static bool
currency_ok(struct ccs_req *r, const char *field, const char *v)
{
	if (v == NULL || ccs_currency_exponent(v) >= 0)
		return true;
	ccs_reply_error(r, 400, "unknown_currency", strcmp(field,
	    "currency") == 0 ? "currency must be an ISO 4217 currency code "
	    "such as XCD or USD" : "convert must be an ISO 4217 currency "
	    "code such as XCD or USD");
	return false;
}

void
ccs_h_funding_chart(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *by = ccs_req_query(r, "by");
	const char *currency = ccs_req_query(r, "currency");
	const char *convert = ccs_req_query(r, "convert");
	struct MHD_Response *resp;
	struct ccs_bars *b = NULL;
	struct ccs_buf buf;
	json_t *d = NULL;
	char title[CCS_CHART_MAX_TEXT + 1];
	char *data = NULL;
	size_t i, len;
	bool gz = false;
	int rc;

	ccs_buf_init(&buf, CCS_CHART_MAX_OUTPUT);
	for (i = 0; i < sizeof(dims) / sizeof(dims[0]); i++) {
		if (strcmp(by == NULL ? "priority_area" : by, dims[i].by) == 0)
			break;
	}
	if (i == sizeof(dims) / sizeof(dims[0])) {
		ccs_reply_error(r, 400, "invalid_by", "by must be "
		    "priority_area, need, state, funder or year");
		return;
	}
	if (!currency_ok(r, "currency", currency) ||
	    !currency_ok(r, "convert", convert))
		return;
	if (currency != NULL && convert != NULL) {
		ccs_reply_error(r, 400, "invalid_filter", "currency and "
		    "convert exclude each other: a converted chart has one "
		    "currency");
		return;
	}
	rc = ccs_funding_chart_data(r->db, &r->who, dims[i].dim, convert, &d,
	    &f);
	if (rc != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	(void)json_object_set_new(d, "dim", json_string(dims[i].dim));
	(void)ccs_snprintf(title, sizeof(title), "Funding by %s%s%s",
	    dims[i].title, convert ? ", converted to " : "", convert ?
	    convert : "");
	b = ccs_bars_new(WIDTH);
	rc = b == NULL ? CCS_ENOMEM : build(b, d, title, currency, convert);
	if (rc == CCS_OK)
		rc = ccs_bars_render(b, CCS_CHART_SVG, &buf);
	if (rc == CCS_ETOOBIG) {
		ccs_reply_error(r, 422, "chart_too_large", "currency: too many "
		    "bars for one picture; choose one currency (currency=XCD) "
		    "or use the table");
		goto out;
	}
	if (rc != CCS_OK) {
		ccs_log_event(r->app->log, CCS_LOG_ERROR, "chart_failed",
		    json_pack("{s:s, s:s}", "path", r->path, "error",
		    ccs_strerror(rc)));
		ccs_reply_error(r, 500, "internal", "the chart could not be "
		    "drawn");
		goto out;
	}
	if (ccs_req_takes_gzip(r) && ccs_gzip(ccs_buf_str(&buf), buf.len,
	    &data, &len) == CCS_OK) {
		gz = true;
	} else {
		len = buf.len;
		data = ccs_buf_steal(&buf);
	}
	resp = MHD_create_response_from_buffer(len, data,
	    MHD_RESPMEM_MUST_FREE);
	if (resp == NULL) {
		free(data);
		ccs_reply_error(r, 500, "internal", "cannot send the chart");
		goto out;
	}
	ccs_reply_response(r, 200, resp);
	ccs_reply_header(r, "Content-Type", "image/svg+xml");
	ccs_reply_header(r, "Cache-Control", "private, no-store");
	ccs_reply_header(r, "Vary", "Accept-Encoding");
	if (gz)
		ccs_reply_header(r, "Content-Encoding", "gzip");
out:
	ccs_buf_free(&buf);
	ccs_bars_free(b);
	json_decref(d);
}

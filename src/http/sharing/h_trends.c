/*
 * h_trends.c: incident trends over HTTP: the numbers as JSON, and a line
 * chart drawn by the server (format/chart.c) of each RSIT class's share
 * of each month's incidents (the chart's axis is a percentage).
 * The page shows the SVG with a text alternative and the JSON's counts in
 * a table, so nothing depends on reading the picture.
 */
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "format/chart.h"
#include "http/sharing/handlers.h"
#include "svc/sharing/trends.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/log.h"
#include "util/str.h"

#define CHART_WIDTH	960
#define CHART_HEIGHT	420

void
ccs_h_incident_trends(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_incident_trends(r->db, &r->who, r->now, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

/*
 * Fills @p c from the trends @p t: a line a class (the largest
 * CCS_CHART_MAX_SERIES), a point a month with incidents, at the month's
 * first day: the class's share of that month's incidents.
 */
static int
build(const json_t *t, struct ccs_chart *c)
{
	const json_t *months = json_object_get(t, "months"), *cl, *mo;
	const char *key, *month;
	json_int_t total, n;
	char date[11];
	int64_t day;
	size_t i, j, s;
	int rc;

	rc = ccs_chart_set_title(c, "Share of each month's incidents by class "
	    "(those you may read)");
	if (rc == CCS_OK)
		rc = ccs_chart_set_axis_labels(c, "Month reported",
		    "% of the month");
	json_array_foreach(json_object_get(t, "classes"), j, cl) {
		if (rc != CCS_OK || j >= CCS_CHART_MAX_SERIES)
			break;
		key = ccs_jstr(cl, "key");
		rc = ccs_chart_add_series(c, key != NULL && key[0] != '\0' ?
		    key : "unclassified", NULL, &s);
		json_array_foreach(months, i, mo) {
			if (rc != CCS_OK)
				break;
			total = json_integer_value(json_object_get(mo,
			    "count"));
			month = ccs_jstr(mo, "month");
			if (total == 0 || month == NULL)
				continue;
			n = json_integer_value(json_object_get(json_object_get(
			    mo, "by_class"), key != NULL ? key : ""));
			rc = ccs_snprintf(date, sizeof(date), "%.7s-01", month);
			if (rc == CCS_OK)
				rc = ccs_chart_day(date, &day);
			if (rc == CCS_OK)
				rc = ccs_chart_add_point(c, s, day,
				    (double)n * 100.0 / (double)total);
		}
	}
	return rc;
}

void
ccs_h_incident_trends_svg(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_chart *c = NULL;
	char today[11];
	int64_t day;
	struct ccs_buf buf;
	json_t *t = NULL;
	int rc;

	rc = ccs_incident_trends(r->db, &r->who, r->now, &t, &f);
	if (rc != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	ccs_buf_init(&buf, CCS_CHART_MAX_OUTPUT);
	ccs_date_of(r->now, today);
	c = ccs_chart_new(CHART_WIDTH, CHART_HEIGHT, CCS_CHART_LINE);
	rc = c == NULL ? CCS_ENOMEM : ccs_chart_day(today, &day);
	if (rc == CCS_OK)
		rc = build(t, c);
	if (rc == CCS_OK)
		rc = ccs_chart_set_until(c, day);
	if (rc == CCS_OK)
		rc = ccs_chart_render(c, CCS_CHART_SVG, &buf);
	if (rc != CCS_OK) {
		ccs_log_event(r->app->log, CCS_LOG_ERROR, "chart_failed",
		    json_pack("{s:s, s:s}", "path", r->path, "error",
		    ccs_strerror(rc)));
		ccs_reply_error(r, 500, "internal", "the chart could not be "
		    "drawn");
		goto out;
	}
	ccs_reply_bytes(r, 200, "image/svg+xml", ccs_buf_str(&buf), buf.len,
	    true);
	ccs_reply_header(r, "Cache-Control", "no-store");
out:
	ccs_buf_free(&buf);
	ccs_chart_free(c);
	json_decref(t);
}

/*
 * h_chart.c: one state's gap history over HTTP, as JSON and as a chart drawn
 * by the server (format/chart.c): SVG for pages, PDF for reports, from the
 * same data and drawing code. The page puts the SVG in an <img> with a text
 * alternative and a table of the same numbers from the JSON.
 *
 * The SVG carries its glyphs as outlines (about 85 KB); it is sent gzipped
 * (about 20 KB) to clients that accept it, since pages must stay light on
 * slow links. The PDF is compressed inside already.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "format/chart.h"
#include "http/gzip.h"
#include "http/standards/handlers.h"
#include "svc/standards/history.h"
#include "util/err.h"
#include "util/log.h"
#include "util/str.h"

/* Two sizes, each drawn for its width so the text stays 12 px: "large"
 * for pages and reports, "small" for phones (the page picks it with a
 * media query). The page scales either down to fit. */
static const struct {
	const char	*name;		/* ?size= */
	int		 width, height;	/* px */
} sizes[] = {
	{ "large", 760, 440 },
	{ "small", 400, 500 },
};

/* The state named by ?state=, or the caller's own state. */
static const char *
state_of(struct ccs_req *r)
{
	const char *state = ccs_req_query(r, "state");

	if (state == NULL && r->who.state[0] != '\0')
		state = r->who.state;
	return state;
}

void
ccs_h_gaps_history(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_gaps_history(r->db, &r->who, state_of(r), &out, &f);
	if (rc != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	ccs_reply_json(r, 200, out);
}

/*
 * Series: "Overall" then one per priority area (labelled by its code at the
 * line's end, by code and name in the legend). Only the latest
 * CCS_CHART_MAX_POINTS dates are drawn: far more than the plan's reviews.
 */
static int
build(const json_t *h, int64_t today, struct ccs_chart *c)
{
	const json_t *areas = json_object_get(h, "areas");
	const json_t *points = json_object_get(h, "points"), *pt, *a;
	char title[CCS_CHART_MAX_TEXT + 1], legend[CCS_CHART_MAX_TEXT + 1];
	size_t i, j, idx, first, np = json_array_size(points);
	size_t na = json_array_size(areas);
	int64_t day;
	int rc;

	if (na + 1 > CCS_CHART_MAX_SERIES)
		na = CCS_CHART_MAX_SERIES - 1;
	rc = ccs_snprintf(title, sizeof(title), "%s: share of minimum "
	    "standards met", json_string_value(json_object_get(json_object_get(
	    h, "state"), "name")));
	if (rc == CCS_OK)
		rc = ccs_chart_set_title(c, title);
	if (rc == CCS_OK)
		rc = ccs_chart_set_axis_labels(c, "Date of the status records",
		    "Standards met");
	if (rc == CCS_OK)
		rc = ccs_chart_set_until(c, today);
	if (rc == CCS_OK)
		rc = ccs_chart_add_series(c, "Overall", "Overall (all priority "
		    "areas)", &idx);
	for (i = 0; rc == CCS_OK && i < na; i++) {
		a = json_array_get(areas, i);
		rc = ccs_snprintf(legend, sizeof(legend), "%s %s",
		    json_string_value(json_object_get(a, "code")),
		    json_string_value(json_object_get(a, "name")));
		if (rc == CCS_OK)
			rc = ccs_chart_add_series(c, json_string_value(
			    json_object_get(a, "code")), legend, &idx);
	}
	first = np > CCS_CHART_MAX_POINTS ? np - CCS_CHART_MAX_POINTS : 0;
	for (i = first; rc == CCS_OK && i < np; i++) {
		pt = json_array_get(points, i);
		rc = ccs_chart_day(json_string_value(json_object_get(pt,
		    "date")), &day);
		if (rc == CCS_OK)
			rc = ccs_chart_add_point(c, 0, day, (double)
			    json_integer_value(json_object_get(json_object_get(
			    pt, "summary"), "percent_met")));
		for (j = 0; rc == CCS_OK && j < na; j++)
			rc = ccs_chart_add_point(c, j + 1, day, (double)
			    json_integer_value(json_object_get(json_array_get(
			    json_object_get(pt, "areas"), j), "percent_met")));
	}
	return rc;
}

void
ccs_h_gaps_history_svg(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *fmt = ccs_req_query(r, "format");
	const char *size = ccs_req_query(r, "size");
	enum ccs_chart_format cf;
	struct MHD_Response *resp;
	struct ccs_chart *c = NULL;
	struct ccs_buf buf;
	json_t *h = NULL;
	char disp[80], today[11];
	int64_t day;
	size_t len;
	char *data = NULL;
	bool gz = false;
	size_t si;
	int rc;

	for (si = 0; size != NULL && si < sizeof(sizes) / sizeof(sizes[0]);
	    si++) {
		if (strcmp(size, sizes[si].name) == 0)
			break;
	}
	if (size == NULL) {
		si = 0;
	} else if (si == sizeof(sizes) / sizeof(sizes[0])) {
		ccs_reply_error(r, 422, "invalid_size", "size must be large or "
		    "small");
		return;
	}
	if (fmt == NULL || strcmp(fmt, "svg") == 0) {
		cf = CCS_CHART_SVG;
	} else if (strcmp(fmt, "pdf") == 0) {
		cf = CCS_CHART_PDF;
	} else {
		ccs_reply_error(r, 422, "invalid_format", "format must be svg "
		    "or pdf");
		return;
	}
	rc = ccs_gaps_history(r->db, &r->who, state_of(r), &h, &f);
	if (rc != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	ccs_buf_init(&buf, CCS_CHART_MAX_OUTPUT);
	ccs_date_of(r->now, today);
	c = ccs_chart_new(sizes[si].width, sizes[si].height, CCS_CHART_STEP);
	rc = c == NULL ? CCS_ENOMEM : ccs_chart_day(today, &day);
	if (rc == CCS_OK)
		rc = build(h, day, c);
	if (rc == CCS_OK)
		rc = ccs_chart_render(c, cf, &buf);
	if (rc != CCS_OK) {
		ccs_log_event(r->app->log, CCS_LOG_ERROR, "chart_failed",
		    json_pack("{s:s, s:s}", "path", r->path, "error",
		    ccs_strerror(rc)));
		ccs_reply_error(r, 500, "internal", "the chart could not be "
		    "drawn");
		goto out;
	}
	if (cf == CCS_CHART_SVG && ccs_req_takes_gzip(r) &&
	    ccs_gzip(ccs_buf_str(&buf), buf.len, &data, &len) == CCS_OK) {
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
	ccs_reply_header(r, "Content-Type", cf == CCS_CHART_SVG ?
	    "image/svg+xml" : "application/pdf");
	ccs_reply_header(r, "Cache-Control", "private, no-store");
	if (cf == CCS_CHART_SVG)
		ccs_reply_header(r, "Vary", "Accept-Encoding");
	if (gz)
		ccs_reply_header(r, "Content-Encoding", "gzip");
	if (cf == CCS_CHART_PDF && ccs_snprintf(disp, sizeof(disp),
	    "attachment; filename=\"ccscap-gaps-history-%s-%s.pdf\"",
	    json_string_value(json_object_get(json_object_get(h, "state"),
	    "code")), today) == CCS_OK)
		ccs_reply_header(r, "Content-Disposition", disp);
out:
	ccs_buf_free(&buf);
	ccs_chart_free(c);
	json_decref(h);
}

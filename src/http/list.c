/*
 * list.c: reading a list's query and replying its CSV (list.h).
 *
 * The parts of the query a cursor is bound to are the list's name, the
 * reader (user id and role: a cursor never moves between readers, even
 * when two see the same rows), q, from, to and the list's own filters,
 * in that order; limit is not bound, so a reader may change the page
 * size and keep their place.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/validate.h"
#include "format/csv.h"
#include "http/list.h"
#include "util/err.h"
#include "util/str.h"

/* ?from=/?to= as YYYY-MM-DD: the day's first second; 0 when absent. */
static bool
day_or_reply(struct ccs_req *r, const char *name, int64_t *out)
{
	const char *s = ccs_req_query(r, name);
	long long t;

	*out = 0;
	if (s == NULL || s[0] == '\0')
		return true;
	if (strlen(s) != 10 || !ccs_parse_time(s, &t)) {
		ccs_reply_error(r, 400, "invalid_date", strcmp(name, "from") ==
		    0 ? "from must be a date such as 2026-11-01" :
		    "to must be a date such as 2026-11-30");
		return false;
	}
	*out = (int64_t)t;
	return true;
}

static bool
fail_reply(struct ccs_req *r, struct ccs_list_req *out,
    const struct ccs_fail *f)
{
	/* a bad query is 400 (the list contract), not 422 */
	ccs_reply_error(r, 400, f->code, f->message);
	ccs_list_req_free(out);
	return false;
}

bool
ccs_list_or_reply(struct ccs_req *r, const char *name,
    const struct ccs_keyset_col *cols, size_t ncols, const char *id_expr,
    const char *const *filters, struct ccs_list_req *out)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *fmt = ccs_req_query(r, "format");
	const char *q = ccs_req_query(r, "q");
	size_t i;

	memset(out, 0, sizeof(*out));
	if (fmt != NULL && !ccs_streq(fmt, "json") && !ccs_streq(fmt, "csv")) {
		ccs_reply_error(r, 400, "invalid_format", "format must be json "
		    "or csv");
		return false;
	}
	out->csv = ccs_streq(fmt, "csv");
	if (q != NULL && (strlen(q) > CCS_KEYSET_Q_MAX || !ccs_text_ok(q))) {
		ccs_reply_error(r, 400, "invalid_query", "q must be text of at "
		    "most 200 characters");
		return false;
	}
	if (q != NULL && strspn(q, " ") != strlen(q))
		out->q = q;
	if (!day_or_reply(r, "from", &out->from) ||
	    !day_or_reply(r, "to", &out->to))
		return false;
	if (out->to != 0)
		out->to += 86400;
	if (out->from != 0 && out->to != 0 && out->to <= out->from) {
		ccs_reply_error(r, 400, "invalid_date", "to must be on or "
		    "after from");
		return false;
	}
	if (ccs_keyset_new(cols, ncols, id_expr, &out->ks) != CCS_OK) {
		ccs_reply_error(r, 500, "internal", "out of memory");
		return false;
	}
	if (ccs_keyset_limit(out->ks, ccs_req_query(r, "limit"), &f) !=
	    CCS_OK || ccs_keyset_sort(out->ks, ccs_req_query(r, "sort"),
	    ccs_req_query(r, "order"), &f) != CCS_OK)
		return fail_reply(r, out, &f);
	ccs_keyset_bind(out->ks, "list", name);
	ccs_keyset_bind_int(out->ks, "reader", r->who.user_id);
	ccs_keyset_bind_int(out->ks, "role", (int64_t)r->who.role);
	ccs_keyset_bind(out->ks, "q", out->q);
	ccs_keyset_bind_int(out->ks, "from", out->from);
	ccs_keyset_bind_int(out->ks, "to", out->to);
	for (i = 0; filters != NULL && filters[i] != NULL; i++)
		ccs_keyset_bind(out->ks, filters[i],
		    ccs_req_query(r, filters[i]));
	if (ccs_keyset_cursor(out->ks, r->app->key,
	    ccs_req_query(r, "cursor"), &f) != CCS_OK)
		return fail_reply(r, out, &f);
	return true;
}

void
ccs_list_req_free(struct ccs_list_req *lr)
{
	if (lr == NULL)
		return;
	ccs_keyset_free(lr->ks);
	lr->ks = NULL;
}

void
ccs_list_reply_csv(struct ccs_req *r, struct ccs_buf *csv,
    const char *filename)
{
	struct MHD_Response *resp;
	char disp[160];
	size_t len = csv->len;
	char *data = ccs_buf_steal(csv);

	if (data == NULL) {
		/* an empty buffer: the header row at least was expected */
		ccs_reply_error(r, 500, "internal", "the export is empty");
		return;
	}
	resp = MHD_create_response_from_buffer(len, data,
	    MHD_RESPMEM_MUST_FREE);
	if (resp == NULL) {
		free(data);
		ccs_reply_error(r, 500, "internal", "out of memory");
		return;
	}
	if (ccs_snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"",
	    filename) != CCS_OK)
		(void)ccs_strlcpy(disp, "attachment", sizeof(disp));
	ccs_reply_response(r, 200, resp);
	ccs_reply_header(r, "Content-Type", "text/csv; charset=utf-8");
	ccs_reply_header(r, "Content-Disposition", disp);
	ccs_reply_header(r, "Cache-Control", "private, no-store");
}

/* One field of @p c from @p row. */
static int
csv_field(struct ccs_buf *out, const json_t *row,
    const struct ccs_list_csv_col *c, bool first)
{
	const json_t *v = json_object_get(row, c->member), *it;
	struct ccs_buf b;
	char ts[32];
	time_t t;
	struct tm tm;
	size_t i;
	int rc = CCS_OK;

	switch (c->kind) {
	case CCS_LIST_CSV_INT:
		if (!json_is_integer(v))
			return ccs_csv_put(out, NULL, first);
		return ccs_csv_put_int(out, json_integer_value(v), first);
	case CCS_LIST_CSV_TIME:
		t = (time_t)json_integer_value(v);
		if (!json_is_integer(v) || gmtime_r(&t, &tm) == NULL ||
		    strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
			return ccs_csv_put(out, NULL, first);
		return ccs_csv_put(out, ts, first);
	case CCS_LIST_CSV_LIST:
		ccs_buf_init(&b, 64u * 1024);
		json_array_foreach(v, i, it) {
			if (rc == CCS_OK && json_is_string(it))
				rc = ccs_buf_printf(&b, "%s%s", b.len ? "; " :
				    "", json_string_value(it));
		}
		if (rc == CCS_OK)
			rc = ccs_csv_put(out, b.len ? ccs_buf_str(&b) : NULL,
			    first);
		ccs_buf_free(&b);
		return rc;
	case CCS_LIST_CSV_TEXT:
	default:
		return ccs_csv_put(out, json_string_value(v), first);
	}
}

int
ccs_list_csv(struct ccs_buf *out, const json_t *rows,
    const struct ccs_list_csv_col *cols, size_t ncols)
{
	const json_t *row;
	size_t i, k;
	int rc = CCS_OK;

	for (k = 0; rc == CCS_OK && k < ncols; k++)
		rc = ccs_csv_put(out, cols[k].header, k == 0);
	if (rc == CCS_OK)
		rc = ccs_csv_end(out);
	json_array_foreach(rows, i, row) {
		for (k = 0; rc == CCS_OK && k < ncols; k++)
			rc = csv_field(out, row, &cols[k], k == 0);
		if (rc == CCS_OK)
			rc = ccs_csv_end(out);
		if (rc != CCS_OK)
			break;
	}
	return rc;
}

void
ccs_list_reply_rows_csv(struct ccs_req *r, json_t *rows,
    const struct ccs_list_csv_col *cols, size_t ncols, const char *name)
{
	struct ccs_buf csv;
	int rc;

	ccs_buf_init(&csv, CCS_LIST_CSV_MAX);
	rc = ccs_list_csv(&csv, rows, cols, ncols);
	json_decref(rows);
	if (rc == CCS_ETOOBIG) {
		ccs_buf_free(&csv);
		ccs_reply_error(r, 413, "export_too_large", "the list is too "
		    "large for one CSV file; narrow it with the filters");
		return;
	}
	if (rc != CCS_OK) {
		ccs_buf_free(&csv);
		ccs_reply_error(r, 500, "internal", "out of memory");
		return;
	}
	ccs_list_reply_csv(r, &csv, name);
	ccs_buf_free(&csv);
}

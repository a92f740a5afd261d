/*
 * gaps_csv.c: CSV of the gap analysis.
 *
 * Works on the JSON the gap service returns, so the CSV, the spreadsheet
 * and the API can never disagree on a number. Every field goes through
 * ccs_csv_put (quoting, formula defusing); numbers through ccs_csv_put_int.
 * Non-goal: a byte order mark (Content-Type names the charset; importers
 * that want one can use the XLSX export).
 */
#include <string.h>

#include "format/csv.h"
#include "format/gaps_csv.h"
#include "util/err.h"

#define LABEL_MAX	4096	/* "PA1 Public awareness" and the like */

static const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static json_int_t
jint(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

const char *
ccs_gaps_status_text(const char *status)
{
	if (status == NULL)
		return "";
	if (strcmp(status, "no_data") == 0)
		return "no data";
	return status;
}

/* Appends "CODE Name" of @p o as one field. */
static int
put_label(struct ccs_buf *out, const json_t *o, const char *suffix,
    bool first)
{
	struct ccs_buf b;
	int rc;

	ccs_buf_init(&b, LABEL_MAX);
	rc = ccs_buf_printf(&b, "%s %s%s", jstr(o, "code") ? jstr(o, "code") :
	    "", jstr(o, "name") ? jstr(o, "name") : "", suffix);
	if (rc == CCS_OK)
		rc = ccs_csv_put(out, ccs_buf_str(&b), first);
	ccs_buf_free(&b);
	return rc;
}

int
ccs_gaps_csv_state(const json_t *gaps, struct ccs_buf *out)
{
	static const char *const head[] = { "State", "Priority area",
	    "Specific area", "Code", "Standard", "Level", "Minimum", "Status",
	    "As of" };
	const json_t *areas = json_object_get(gaps, "areas"), *a, *sa, *st;
	const char *state = jstr(json_object_get(gaps, "state"), "code");
	size_t i, j, k;
	int rc = CCS_OK;

	if (!json_is_array(areas) || state == NULL)
		return CCS_EINVAL;
	for (i = 0; rc == CCS_OK && i < sizeof(head) / sizeof(head[0]); i++)
		rc = ccs_csv_put(out, head[i], i == 0);
	if (rc == CCS_OK)
		rc = ccs_csv_end(out);
	json_array_foreach(areas, i, a) {
		json_array_foreach(json_object_get(a, "specific_areas"), j,
		    sa) {
			json_array_foreach(json_object_get(sa, "standards"), k,
			    st) {
				if (rc != CCS_OK)
					return rc;
				rc = ccs_csv_put(out, state, true);
				if (rc == CCS_OK)
					rc = put_label(out, a, "", false);
				if (rc == CCS_OK)
					rc = put_label(out, sa, "", false);
				if (rc == CCS_OK)
					rc = ccs_csv_put(out, jstr(st, "code"),
					    false);
				if (rc == CCS_OK)
					rc = ccs_csv_put(out, jstr(st, "title"),
					    false);
				if (rc == CCS_OK)
					rc = ccs_csv_put(out, jstr(st,
					    "level_label"), false);
				if (rc == CCS_OK)
					rc = ccs_csv_put(out, jstr(st,
					    "met_label"), false);
				if (rc == CCS_OK)
					rc = ccs_csv_put(out,
					    ccs_gaps_status_text(jstr(st,
					    "status")), false);
				if (rc == CCS_OK)
					rc = ccs_csv_put(out, jstr(st, "as_of"),
					    false);
				if (rc == CCS_OK)
					rc = ccs_csv_end(out);
			}
		}
	}
	return rc;
}

/* Header cells for one group of matrix columns (areas or specifics). */
static int
put_heads(struct ccs_buf *out, const json_t *cols)
{
	const json_t *c;
	size_t i;
	int rc = CCS_OK;

	json_array_foreach(cols, i, c) {
		if (rc != CCS_OK)
			break;
		rc = put_label(out, c, " (% met)", false);
	}
	return rc;
}

static int
put_percents(struct ccs_buf *out, const json_t *tallies)
{
	const json_t *t;
	size_t i;
	int rc = CCS_OK;

	json_array_foreach(tallies, i, t) {
		if (rc != CCS_OK)
			break;
		rc = ccs_csv_put_int(out, jint(t, "percent_met"), false);
	}
	return rc;
}

int
ccs_gaps_csv_matrix(const json_t *matrix, struct ccs_buf *out)
{
	static const char *const head[] = { "State code", "State",
	    "Membership", "Standards", "Met", "Unmet", "No data",
	    "All standards (% met)" };
	static const char *const tally[] = { "total", "met", "unmet",
	    "no_data" };
	const json_t *states = json_object_get(matrix, "states"), *s, *sum;
	size_t i, j;
	int rc = CCS_OK;

	if (!json_is_array(states) || !json_is_array(json_object_get(matrix,
	    "areas")) || !json_is_array(json_object_get(matrix,
	    "specific_areas")))
		return CCS_EINVAL;
	for (i = 0; rc == CCS_OK && i < sizeof(head) / sizeof(head[0]); i++)
		rc = ccs_csv_put(out, head[i], i == 0);
	if (rc == CCS_OK)
		rc = put_heads(out, json_object_get(matrix, "areas"));
	if (rc == CCS_OK)
		rc = put_heads(out, json_object_get(matrix, "specific_areas"));
	if (rc == CCS_OK)
		rc = ccs_csv_end(out);
	json_array_foreach(states, i, s) {
		if (rc != CCS_OK)
			break;
		sum = json_object_get(s, "summary");
		rc = ccs_csv_put(out, jstr(s, "code"), true);
		if (rc == CCS_OK)
			rc = ccs_csv_put(out, jstr(s, "name"), false);
		if (rc == CCS_OK)
			rc = ccs_csv_put(out, jstr(s, "status"), false);
		for (j = 0; rc == CCS_OK && j < sizeof(tally) /
		    sizeof(tally[0]); j++)
			rc = ccs_csv_put_int(out, jint(sum, tally[j]), false);
		if (rc == CCS_OK)
			rc = ccs_csv_put_int(out, jint(sum, "percent_met"),
			    false);
		if (rc == CCS_OK)
			rc = put_percents(out, json_object_get(s, "areas"));
		if (rc == CCS_OK)
			rc = put_percents(out, json_object_get(s,
			    "specific_areas"));
		if (rc == CCS_OK)
			rc = ccs_csv_end(out);
	}
	return rc;
}

/*
 * legal_csv.c: the legal matrix as CSV (see legal_csv.h). Cells are
 * looked up by a "state|provision" key built once, so the output is
 * rows x states lines whatever the number of cells.
 */
#include <stdbool.h>

#include "format/csv.h"
#include "format/legal_csv.h"
#include "util/err.h"
#include "util/str.h"

static const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* "Name No. 1 (s.5, s.6); Other (s.2)" of @p cell into @p b. */
static int
instruments(const json_t *cell, struct ccs_buf *b)
{
	const json_t *in, *s;
	size_t i, j;
	int rc = CCS_OK;

	json_array_foreach(json_object_get(cell, "instruments"), i, in) {
		if (rc == CCS_OK)
			rc = ccs_buf_printf(b, "%s%s%s%s (", i ? "; " : "",
			    jstr(in, "name"), jstr(in, "number") ? " " : "",
			    jstr(in, "number") ? jstr(in, "number") : "");
		json_array_foreach(json_object_get(in, "sections"), j, s) {
			if (rc == CCS_OK)
				rc = ccs_buf_printf(b, "%s%s", j ? ", " : "",
				    json_string_value(s));
		}
		if (rc == CCS_OK)
			rc = ccs_buf_adds(b, ")");
	}
	return rc;
}

int
ccs_legal_csv(const json_t *matrix, struct ccs_buf *out)
{
	static const char *const head[] = { "provision", "family", "number",
		"title", "state", "status", "partial", "instruments" };
	const json_t *rows = json_object_get(matrix, "rows");
	const json_t *states = json_object_get(matrix, "states");
	const json_t *r, *s, *c;
	json_t *index;
	struct ccs_buf b;
	char key[96];
	size_t i, j;
	int rc = CCS_OK;

	if (!json_is_array(rows) || !json_is_array(states))
		return CCS_EINVAL;
	index = json_object();
	if (index == NULL)
		return CCS_ENOMEM;
	json_array_foreach(json_object_get(matrix, "cells"), i, c) {
		if (rc == CCS_OK && ccs_snprintf(key, sizeof(key), "%s|%s",
		    jstr(c, "state"), jstr(c, "provision")) != CCS_OK)
			rc = CCS_EINVAL;
		if (rc == CCS_OK && json_object_set(index, key, (json_t *)c) !=
		    0)
			rc = CCS_ENOMEM;
	}
	for (i = 0; rc == CCS_OK && i < sizeof(head) / sizeof(head[0]); i++)
		rc = ccs_csv_put(out, head[i], i == 0);
	if (rc == CCS_OK)
		rc = ccs_csv_end(out);
	ccs_buf_init(&b, 8192);
	json_array_foreach(rows, i, r) {
		json_array_foreach(states, j, s) {
			if (rc != CCS_OK)
				break;
			if (ccs_snprintf(key, sizeof(key), "%s|%s", jstr(s,
			    "code"), jstr(r, "ref")) != CCS_OK) {
				rc = CCS_EINVAL;
				break;
			}
			c = json_object_get(index, key);
			ccs_buf_reset(&b);
			rc = ccs_csv_put(out, jstr(r, "ref"), true);
			if (rc == CCS_OK)
				rc = ccs_csv_put(out, jstr(r, "family"), false);
			if (rc == CCS_OK)
				rc = ccs_csv_put(out, jstr(r, "number"), false);
			if (rc == CCS_OK)
				rc = ccs_csv_put(out, jstr(r, "title"), false);
			if (rc == CCS_OK)
				rc = ccs_csv_put(out, jstr(s, "code"), false);
			if (rc == CCS_OK)
				rc = ccs_csv_put(out, c ? jstr(c, "status") :
				    NULL, false);
			if (rc == CCS_OK)
				rc = ccs_csv_put(out, c == NULL ? NULL :
				    json_is_true(json_object_get(c,
				    "partial")) ? "yes" : "no", false);
			if (rc == CCS_OK && c != NULL)
				rc = instruments(c, &b);
			if (rc == CCS_OK)
				rc = ccs_csv_put(out, c ? ccs_buf_str(&b) :
				    NULL, false);
			if (rc == CCS_OK)
				rc = ccs_csv_end(out);
		}
	}
	ccs_buf_free(&b);
	json_decref(index);
	return rc;
}

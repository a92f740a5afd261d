/*
 * coverage_csv.c: the coverage matrix as RFC 4180 CSV through the
 * formula-safe writer of csv.c. Long form (one row per cell) rather than
 * a grid, so a cell's initiatives fit in one field ("3 7 12").
 */
#include <stdio.h>

#include "format/coverage_csv.h"
#include "format/csv.h"
#include "util/err.h"

static const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

int
ccs_coverage_csv(const json_t *cov, struct ccs_buf *out)
{
	static const char *const head[] = { "need", "priority_area", "state",
	    "stage", "initiatives" };
	const json_t *needs = json_object_get(cov, "needs");
	const json_t *cells = json_object_get(cov, "cells"), *c, *n, *ini;
	struct ccs_buf ids;
	size_t i, k, ns;
	int rc = CCS_OK;

	if (!json_is_array(needs) || !json_is_array(cells) ||
	    json_array_size(needs) == 0)
		return json_is_array(cells) ? CCS_OK : CCS_EINVAL;
	ns = json_array_size(cells) / json_array_size(needs);
	for (i = 0; i < 5 && rc == CCS_OK; i++)
		rc = ccs_csv_put(out, head[i], i == 0);
	if (rc == CCS_OK)
		rc = ccs_csv_end(out);
	ccs_buf_init(&ids, 1u << 20);
	json_array_foreach(cells, i, c) {
		if (rc != CCS_OK)
			break;
		n = json_array_get(needs, ns > 0 ? i / ns : 0);
		ccs_buf_reset(&ids);
		json_array_foreach(json_object_get(c, "initiatives"), k, ini) {
			if (rc == CCS_OK)
				rc = ccs_buf_printf(&ids, "%s%"
				    JSON_INTEGER_FORMAT, k > 0 ? " " : "",
				    json_integer_value(json_object_get(ini,
				    "id")));
		}
		if (rc == CCS_OK)
			rc = ccs_csv_put(out, jstr(c, "need"), true);
		if (rc == CCS_OK)
			rc = ccs_csv_put(out, jstr(n, "priority_area"), false);
		if (rc == CCS_OK)
			rc = ccs_csv_put(out, jstr(c, "state"), false);
		if (rc == CCS_OK)
			rc = ccs_csv_put(out, jstr(c, "stage"), false);
		if (rc == CCS_OK)
			rc = ccs_csv_put(out, ccs_buf_str(&ids), false);
		if (rc == CCS_OK)
			rc = ccs_csv_end(out);
	}
	ccs_buf_free(&ids);
	return rc;
}

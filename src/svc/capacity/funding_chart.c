/*
 * funding_chart.c: the data of the funding chart. The totals come from
 * ccs_funding_totals itself, so the chart can never show a figure, or
 * to a reader, that GET /funding does not; this file only adds names:
 * a state's name, a funder's (directory) name, "Regional" and "Not
 * assigned". Needs, priority areas and years are their own names.
 */
#include <string.h>

#include "svc/capacity/funding.h"
#include "svc/capacity/funding_chart.h"
#include "svc/svc.h"
#include "util/err.h"

int
ccs_funding_chart_data(struct ccs_db *db, const struct ccs_principal *p,
    const char *dim, const char *convert, json_t **out, struct ccs_fail *f)
{
	json_t *tot = NULL, *names = NULL, *rows = NULL, *conv, *r;
	const char *sql = NULL;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_funding_totals(db, p, convert, &tot, f);
	if (rc != CCS_OK)
		return rc;
	if (strcmp(dim, "state") == 0)
		sql = "SELECT code AS k, name AS v FROM states ORDER BY code";
	else if (strcmp(dim, "funder") == 0)
		sql = "SELECT CAST(id AS TEXT) AS k, name AS v FROM "
		    "organisations ORDER BY id";
	names = json_pack("{s:s, s:s}", "regional", "Regional", "unassigned",
	    "Not assigned");
	if (names == NULL) {
		rc = CCS_ENOMEM;
		goto out;
	}
	if (sql != NULL) {
		rc = ccs_db_query_json(db, sql, NULL, 0, &rows);
		if (rc != CCS_OK)
			goto out;
		json_array_foreach(rows, i, r) {
			if (json_object_set(names, json_string_value(
			    json_object_get(r, "k")), json_object_get(r, "v"))
			    != 0) {
				rc = CCS_ENOMEM;
				goto out;
			}
		}
	}
	conv = json_object_get(tot, "converted");
	*out = json_pack("{s:O, s:O?, s:O}", "rows", json_object_get(
	    json_object_get(tot, "by"), dim), "converted", conv, "names",
	    names);
	if (*out == NULL)
		rc = CCS_ENOMEM;
out:
	json_decref(tot);
	json_decref(names);
	json_decref(rows);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}

/*
 * trends.c: incident trends through the marking policy, summed in SQL
 * (issue 15 item 1). The readable incidents of the period are grouped by
 * month, class, state and status in one query with the reader's sets in
 * its WHERE clause (reader_sets.h), so an incident is never read to be
 * discarded and a year of a million incidents costs its groups; those the
 * reader may only know exist are one COUNT (ccs_marking_count). Months
 * are calendar months in UTC: their bounds are computed here and bound
 * as parameters, the same SQL on both backends.
 */
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "svc/sharing/marking.h"
#include "svc/sharing/reader_sets.h"
#include "svc/sharing/trends.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

/* The start of the period, each later month's start, the reader's keys. */
#define NPARAMS	(1 + CCS_TREND_MONTHS + CCS_TLP_PRINCIPAL_KEYS)

/* The month number (year * 12 + month - 1) of unix time @p t, UTC. */
static int64_t
month_of(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL)
		return 0;
	return (int64_t)(tm.tm_year + 1900) * 12 + tm.tm_mon;
}

/* Unix time of the first second of month number @p m. */
static int64_t
month_start(int64_t m)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)(m / 12) - 1900;
	tm.tm_mon = (int)(m % 12);
	tm.tm_mday = 1;
	return (int64_t)timegm(&tm);
}

/* Adds @p by to counter @p key of object @p o. */
static int
bump(json_t *o, const char *key, int64_t by)
{
	json_t *n;

	if (key == NULL)
		key = "";
	n = json_object_get(o, key);
	return json_object_set_new(o, key, json_integer(n != NULL ?
	    json_integer_value(n) + by : by)) == 0 ? CCS_OK : CCS_ENOMEM;
}

/* {key: n} as [{key, count}], largest first, then by key. */
static json_t *
ranked(const json_t *o)
{
	json_t *a = json_array(), *best;
	const char *k, *bk;
	json_t *v, *left = json_deep_copy(o);

	while (a != NULL && left != NULL && json_object_size(left) > 0) {
		bk = NULL;
		best = NULL;
		json_object_foreach(left, k, v) {
			json_int_t n = json_integer_value(v);

			if (best == NULL || n > json_integer_value(best) ||
			    (n == json_integer_value(best) &&
			    strcmp(k, bk) < 0)) {
				best = v;
				bk = k;
			}
		}
		if (json_array_append_new(a, json_pack("{s:s, s:I}", "key", bk,
		    "count", json_integer_value(best))) != 0 ||
		    json_object_del(left, bk) != 0) {
			json_decref(a);
			a = NULL;
		}
	}
	json_decref(left);
	return a;
}

/*
 * The readable incidents reported since @p first's start, one row per
 * (month index "mo", class, state, status) with its count "n". The month
 * index is 0 for @p first, CCS_TREND_MONTHS for later months.
 */
static int
groups(struct ccs_db *db, const struct ccs_principal *p, int64_t first,
    json_t **rows)
{
	struct ccs_val v[NPARAMS];
	struct ccs_reader_keys keys;
	struct ccs_buf sql;
	size_t np = 1;
	int64_t m;
	int rc;

	*rows = NULL;
	ccs_reader_keys_of(p, &keys);
	ccs_buf_init(&sql, 8192);
	v[0] = CCS_VINT(month_start(first));
	rc = ccs_buf_adds(&sql, "SELECT CASE");
	for (m = first + 1; rc == CCS_OK && m <= first + CCS_TREND_MONTHS;
	    m++) {
		v[np++] = CCS_VINT(month_start(m));
		rc = ccs_buf_printf(&sql, " WHEN i.reported_at < $%zu THEN "
		    "%" PRId64, np, m - first - 1);
	}
	if (rc == CCS_OK)
		rc = ccs_buf_printf(&sql, " ELSE %d END AS mo, i.rsit_class, "
		    "i.state_code AS state, i.status, COUNT(*) AS n FROM "
		    "incidents i JOIN markings m ON m.id = i.marking_id WHERE "
		    "i.reported_at >= $1", CCS_TREND_MONTHS);
	if (rc == CCS_OK)
		rc = ccs_reader_sets_where(&keys, "m.reader_set", &sql, v, &np,
		    NPARAMS);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&sql, " GROUP BY 1, i.rsit_class, "
		    "i.state_code, i.status");
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, ccs_buf_str(&sql), v, np, rows);
	ccs_buf_free(&sql);
	return rc;
}

/* Adds group @p row to the month @p mo and the rankings. */
static int
add_group(const json_t *row, json_t *months, json_t *cls, json_t *st,
    json_t *stat)
{
	int64_t mo = json_integer_value(json_object_get(row, "mo"));
	int64_t n = json_integer_value(json_object_get(row, "n"));
	const char *c = ccs_jstr(row, "rsit_class");
	json_t *m;
	int rc;

	if (mo < 0 || mo >= CCS_TREND_MONTHS)
		return CCS_OK;	/* counted in the total only, as before */
	m = json_array_get(months, (size_t)mo);
	if (json_object_set_new(m, "count", json_integer(json_integer_value(
	    json_object_get(m, "count")) + n)) != 0)
		return CCS_ENOMEM;
	rc = bump(json_object_get(m, "by_class"), c, n);
	if (rc == CCS_OK)
		rc = bump(cls, c, n);
	if (rc == CCS_OK)
		rc = bump(st, ccs_jstr(row, "state") ? ccs_jstr(row, "state") :
		    "regional", n);
	if (rc == CCS_OK)
		rc = bump(stat, ccs_jstr(row, "status"), n);
	return rc;
}

int
ccs_incident_trends(struct ccs_db *db, const struct ccs_principal *p,
    int64_t now, json_t **out, struct ccs_fail *f)
{
	int64_t first = month_of(now) - (CCS_TREND_MONTHS - 1);
	int64_t since = month_start(first), restricted = 0, total = 0, m;
	struct ccs_val v = CCS_VINT(since);
	json_t *rows = NULL, *months = NULL, *cls = NULL, *st = NULL;
	json_t *stat = NULL, *row;
	char key[8];
	size_t i;
	int rc;

	*out = NULL;
	rc = groups(db, p, first, &rows);
	if (rc == CCS_OK)
		rc = ccs_marking_count(db, p, "SELECT COUNT(*) FROM "
		    "incidents i JOIN markings m ON m.id = i.marking_id WHERE "
		    "i.reported_at >= $1", &v, 1, false, &restricted);
	if (rc != CCS_OK) {
		json_decref(rows);
		return ccs_dbfail(f, db, rc);
	}
	months = json_array();
	cls = json_object();
	st = json_object();
	stat = json_object();
	rc = months && cls && st && stat ? CCS_OK : CCS_ENOMEM;
	for (m = first; rc == CCS_OK && m < first + CCS_TREND_MONTHS; m++) {
		rc = ccs_snprintf(key, sizeof(key), "%04" PRId64 "-%02" PRId64,
		    m / 12, m % 12 + 1);
		if (rc == CCS_OK && json_array_append_new(months, json_pack(
		    "{s:s, s:i, s:{}}", "month", key, "count", 0,
		    "by_class")) != 0)
			rc = CCS_ENOMEM;
	}
	json_array_foreach(rows, i, row) {
		if (rc != CCS_OK)
			break;
		total += json_integer_value(json_object_get(row, "n"));
		rc = add_group(row, months, cls, st, stat);
	}
	if (rc == CCS_OK) {
		*out = json_pack("{s:I, s:O, s:o*, s:o*, s:o*, s:I, s:I}",
		    "since", (json_int_t)since, "months", months, "classes",
		    ranked(cls), "states", ranked(st), "statuses",
		    ranked(stat), "total", (json_int_t)total,
		    "restricted", (json_int_t)restricted);
		if (*out == NULL)
			rc = CCS_ENOMEM;
	}
	json_decref(rows);
	json_decref(months);
	json_decref(cls);
	json_decref(st);
	json_decref(stat);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "cannot sum the incidents");
	return CCS_OK;
}

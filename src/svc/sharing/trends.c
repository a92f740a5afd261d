/*
 * trends.c: incident trends through the marking policy. Every incident of
 * the period is read with its marking and kept only when the reader may
 * read it (ccs_marking_select); the others are only counted. The sums are
 * made here, not in SQL, because the policy is applied per row in C.
 * Months are calendar months in UTC.
 */
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "svc/sharing/marking.h"
#include "svc/sharing/trends.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

/* Rows read at most: far above a year of the region's incidents. */
#define TREND_ROWS_MAX	1000000

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

/* Adds one to counter @p key of object @p o. */
static int
bump(json_t *o, const char *key)
{
	json_t *n;

	if (key == NULL)
		key = "";
	n = json_object_get(o, key);
	return json_object_set_new(o, key, json_integer(n != NULL ?
	    json_integer_value(n) + 1 : 1)) == 0 ? CCS_OK : CCS_ENOMEM;
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

int
ccs_incident_trends(struct ccs_db *db, const struct ccs_principal *p,
    int64_t now, json_t **out, struct ccs_fail *f)
{
	int64_t first = month_of(now) - (CCS_TREND_MONTHS - 1);
	int64_t since = month_start(first), restricted = 0, m;
	struct ccs_val v = CCS_VINT(since);
	json_t *rows = NULL, *months = NULL, *cls = NULL, *st = NULL;
	json_t *stat = NULL, *row, *mo;
	char key[8];
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_marking_select(db, p, "SELECT i.id, i.state_code AS state, "
	    "i.rsit_class, i.status, i.reported_at, " CCS_MARKING_COLS " FROM "
	    "incidents i JOIN markings m ON m.id = i.marking_id WHERE "
	    "i.reported_at >= $1 ORDER BY i.reported_at, i.id", &v, 1,
	    TREND_ROWS_MAX, &rows, &restricted);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
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
		m = month_of(json_integer_value(json_object_get(row,
		    "reported_at"))) - first;
		if (m < 0 || m >= CCS_TREND_MONTHS)
			continue;
		mo = json_array_get(months, (size_t)m);
		json_object_set_new(mo, "count", json_integer(
		    json_integer_value(json_object_get(mo, "count")) + 1));
		rc = bump(json_object_get(mo, "by_class"), ccs_jstr(row,
		    "rsit_class"));
		if (rc == CCS_OK)
			rc = bump(cls, ccs_jstr(row, "rsit_class"));
		if (rc == CCS_OK)
			rc = bump(st, ccs_jstr(row, "state") ? ccs_jstr(row,
			    "state") : "regional");
		if (rc == CCS_OK)
			rc = bump(stat, ccs_jstr(row, "status"));
	}
	if (rc == CCS_OK) {
		*out = json_pack("{s:I, s:O, s:o*, s:o*, s:o*, s:I, s:I}",
		    "since", (json_int_t)since, "months", months, "classes",
		    ranked(cls), "states", ranked(st), "statuses",
		    ranked(stat), "total", (json_int_t)json_array_size(rows),
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

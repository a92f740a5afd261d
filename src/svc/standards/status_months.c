/*
 * status_months.c: monthly snapshots of the validated statuses (see
 * status_months.h and migration 0030).
 *
 * A snapshot month M holds, per pair, the latest history row dated before
 * M-01 (latest by as_of, then assessment id, as status_current). Months
 * run from the one after the earliest history row to the one after the
 * latest; a month without a row for a pair means no status yet.
 */
#include <stdio.h>
#include <string.h>

#include "svc/standards/status_months.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

/* 'YYYY-MM' of a date, or of the month after it. */
static int
month_of(const char *day, bool next, char out[8])
{
	int64_t y, m;
	char ys[5], ms[3];

	if (day == NULL || strlen(day) < 7 || day[4] != '-')
		return CCS_EINVAL;
	memcpy(ys, day, 4);
	ys[4] = '\0';
	memcpy(ms, day + 5, 2);
	ms[2] = '\0';
	if (ccs_parse_i64(ys, 1, 9998, &y) != CCS_OK ||
	    ccs_parse_i64(ms, 1, 12, &m) != CCS_OK)
		return CCS_EINVAL;
	if (next && ++m > 12) {
		m = 1;
		y++;
	}
	(void)snprintf(out, 8, "%04d-%02d", (int)y, (int)m);
	return CCS_OK;
}

static int
max_cb(void *arg, const struct ccs_row *row)
{
	char *out = arg;

	if (row->ncols == 1 && row->vals[0] != NULL)
		(void)ccs_strlcpy(out, row->vals[0], 8);
	return CCS_OK;
}

/* The last snapshot month, "" when there is none. */
static int
last_month(struct ccs_db *db, char out[8])
{
	out[0] = '\0';
	return ccs_db_exec(db, "SELECT MAX(month) FROM status_months", NULL,
	    0, max_cb, out);
}

/* Months @p from..@p to (inclusive) become copies of month @p base. */
static int
extend(struct ccs_db *db, const char *base, const char *to)
{
	char m[8], prev[8];
	struct ccs_val v[2];
	int rc;

	rc = month_of(base, true, m);
	while (rc == CCS_OK && strcmp(m, to) <= 0) {
		v[0] = CCS_VTEXT(m);
		v[1] = CCS_VTEXT(base);
		rc = ccs_db_exec(db, "INSERT INTO status_months (month, "
		    "state_code, lineage_id, as_of, assessment_id, level) "
		    "SELECT $1, state_code, lineage_id, as_of, assessment_id, "
		    "level FROM status_months WHERE month = $2", v, 2, NULL,
		    NULL);
		(void)ccs_strlcpy(prev, m, sizeof(prev));
		if (rc == CCS_OK)
			rc = month_of(prev, true, m);
	}
	return rc;
}

/* Newer (by as_of, then assessment id) than what the month holds wins. */
#define UPSERT_NEWER " ON CONFLICT (month, state_code, lineage_id) DO " \
	"UPDATE SET as_of = excluded.as_of, assessment_id = " \
	"excluded.assessment_id, level = excluded.level WHERE excluded.as_of " \
	"> status_months.as_of OR (excluded.as_of = status_months.as_of AND " \
	"excluded.assessment_id > status_months.assessment_id)"

int
ccs_status_months_add(struct ccs_db *db, const char *state,
    int64_t lineage, const char *as_of, int64_t assessment_id, int64_t level)
{
	char first[8], last[8], m[8], next[8];
	struct ccs_val v[6];
	int rc;

	rc = month_of(as_of, true, first);
	if (rc == CCS_OK)
		rc = last_month(db, last);
	if (rc != CCS_OK)
		return rc;
	/* the snapshots reach at least the month after this row */
	if (last[0] != '\0' && strcmp(last, first) < 0)
		rc = extend(db, last, first);
	if (strcmp(last, first) < 0)
		(void)ccs_strlcpy(last, first, sizeof(last));
	(void)ccs_strlcpy(m, first, sizeof(m));
	v[1] = CCS_VTEXT(state);
	v[2] = CCS_VINT(lineage);
	v[3] = CCS_VTEXT(as_of);
	v[4] = CCS_VINT(assessment_id);
	v[5] = CCS_VINT(level);
	while (rc == CCS_OK && strcmp(m, last) <= 0) {
		v[0] = CCS_VTEXT(m);
		rc = ccs_db_exec(db, "INSERT INTO status_months (month, "
		    "state_code, lineage_id, as_of, assessment_id, level) "
		    "VALUES ($1, $2, $3, $4, $5, $6)" UPSERT_NEWER, v, 6, NULL,
		    NULL);
		if (rc == CCS_OK)
			rc = month_of(m, true, next);
		(void)ccs_strlcpy(m, next, sizeof(m));
	}
	return rc;
}

static int
min_cb(void *arg, const struct ccs_row *row)
{
	char *out = arg;

	if (row->ncols == 1 && row->vals[0] != NULL)
		(void)ccs_strlcpy(out, row->vals[0], 11);
	return CCS_OK;
}

/* Into month $1, the latest history row per pair dated in [$2, $3). */
#define MONTH_ROWS "INSERT INTO status_months (month, state_code, " \
	"lineage_id, as_of, assessment_id, level) SELECT $1, h.state_code, " \
	"h.lineage_id, h.as_of, h.assessment_id, h.level FROM " \
	"status_history h WHERE h.as_of >= $2 AND h.as_of < $3 AND NOT " \
	"EXISTS (SELECT 1 FROM status_history x WHERE x.state_code = " \
	"h.state_code AND x.lineage_id = h.lineage_id AND x.as_of >= $2 " \
	"AND x.as_of < $3 AND (x.as_of > h.as_of OR (x.as_of = h.as_of " \
	"AND x.assessment_id > h.assessment_id)))"

int
ccs_status_months_rebuild(struct ccs_db *db)
{
	char lo[11] = "", hi[11] = "", m[8], end[8], prev[8], start[11],
	    stop[11];
	struct ccs_val v[3];
	int rc;

	rc = ccs_db_exec(db, "DELETE FROM status_months", NULL, 0, NULL,
	    NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "SELECT MIN(as_of) FROM status_history",
		    NULL, 0, min_cb, lo);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "SELECT MAX(as_of) FROM status_history",
		    NULL, 0, min_cb, hi);
	if (rc != CCS_OK || lo[0] == '\0')
		return rc;
	rc = month_of(lo, false, prev);
	if (rc == CCS_OK)
		rc = month_of(lo, true, m);
	if (rc == CCS_OK)
		rc = month_of(hi, true, end);
	/* month M: month M-1 overlaid with the rows dated in M-1 */
	while (rc == CCS_OK && strcmp(m, end) <= 0) {
		(void)ccs_snprintf(start, sizeof(start), "%s-01", prev);
		(void)ccs_snprintf(stop, sizeof(stop), "%s-01", m);
		v[0] = CCS_VTEXT(m);
		v[1] = CCS_VTEXT(prev);
		rc = ccs_db_exec(db, "INSERT INTO status_months (month, "
		    "state_code, lineage_id, as_of, assessment_id, level) "
		    "SELECT $1, state_code, lineage_id, as_of, assessment_id, "
		    "level FROM status_months WHERE month = $2", v, 2, NULL,
		    NULL);
		v[1] = CCS_VTEXT(start);
		v[2] = CCS_VTEXT(stop);
		/* the month's latest row per pair: one proposal per key */
		if (rc == CCS_OK)
			rc = ccs_db_exec(db, MONTH_ROWS UPSERT_NEWER, v, 3,
			    NULL, NULL);
		(void)ccs_strlcpy(prev, m, sizeof(prev));
		if (rc == CCS_OK)
			rc = month_of(prev, true, m);
	}
	return rc;
}

int
ccs_status_months_backfill(struct ccs_db *db, bool *done)
{
	return ccs_meta_backfill(db, "standards.months",
	    ccs_status_months_rebuild, done);
}

int
ccs_status_months_at(struct ccs_db *db, const char *day, const char *state,
    ccs_row_cb cb, void *arg)
{
	char base[8], last[8], start[11];
	struct ccs_val v[3];
	int rc;

	rc = month_of(day, false, base);
	if (rc == CCS_OK)
		rc = last_month(db, last);
	if (rc != CCS_OK)
		return rc;
	/* after the last snapshot nothing was dated: it holds */
	if (last[0] != '\0' && strcmp(base, last) > 0)
		(void)ccs_strlcpy(base, last, sizeof(base));
	(void)ccs_snprintf(start, sizeof(start), "%s-01", base);
	v[0] = CCS_VTEXT(base);
	v[1] = CCS_VTEXT(state);
	rc = ccs_db_exec(db, "SELECT state_code, lineage_id, level, as_of "
	    "FROM status_months WHERE month = $1 AND (CAST($2 AS TEXT) IS "
	    "NULL OR state_code = $2)", v, 2, cb, arg);
	v[0] = CCS_VTEXT(start);
	v[1] = CCS_VTEXT(day);
	v[2] = CCS_VTEXT(state);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "SELECT state_code, lineage_id, level, "
		    "as_of FROM status_history WHERE as_of >= $1 AND as_of <= "
		    "$2 AND (CAST($3 AS TEXT) IS NULL OR state_code = $3) "
		    "ORDER BY as_of, assessment_id", v, 3, cb, arg);
	return rc;
}

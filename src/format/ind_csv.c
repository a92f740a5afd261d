/*
 * ind_csv.c: indicator lists as CSV, on top of the RFC 4180 reader.
 *
 * The header fixes which field holds which column; every row is then
 * checked field by field and all its problems are reported with the line
 * the record began on, so one pass shows a user every bad row. CSV syntax
 * errors stop the read (after a quoting error the rest cannot be trusted,
 * see csv.c). Non-goals: guessing types from values, other separators.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/validate.h"
#include "format/csv.h"
#include "format/ind_csv.h"
#include "format/stix/stix_check.h"
#include "util/err.h"
#include "util/str.h"

enum col { C_TYPE, C_VALUE, C_SEEN, C_NOTE, C_TLP, C_N };

static const char *const col_names[C_N] = {
	"type", "value", "seen_at", "note", "tlp"
};

static bool
two(const char *s)
{
	return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9';
}

/* RFC 3339 date-time with Z or a numeric offset, or YYYY-MM-DD. */
static bool
seen_ok(const char *s)
{
	char z[64];
	size_t n = strlen(s);

	if (n == 10)
		return ccs_valid_date(s);
	if (n < 20 || n >= sizeof(z))
		return false;
	memcpy(z, s, n + 1);
	if (z[10] == 't')
		z[10] = 'T';
	if (z[n - 1] == 'z')
		z[n - 1] = 'Z';
	if (z[n - 1] != 'Z') {
		/* +HH:MM: check it, then judge the rest as if it were Z. */
		if (n < 25 || (z[n - 6] != '+' && z[n - 6] != '-') ||
		    !two(z + n - 5) || z[n - 3] != ':' || !two(z + n - 2) ||
		    (z[n - 5] - '0') * 10 + (z[n - 4] - '0') > 23 ||
		    (z[n - 2] - '0') * 10 + (z[n - 1] - '0') > 59)
			return false;
		z[n - 6] = 'Z';
		z[n - 5] = '\0';
	}
	if (!ccs_stix_timestamp_ok(z, false))
		return false;
	z[10] = '\0';
	return ccs_valid_date(z);
}

static void	rowerr(struct ccs_errlist *, size_t, const char *, int *,
	    const char *, ...) __attribute__((format(printf, 5, 6)));

static void
rowerr(struct ccs_errlist *errs, size_t line, const char *col, int *rc,
    const char *fmt, ...)
{
	char path[64], msg[256];
	va_list ap;
	int n;

	if (*rc == CCS_OK)
		*rc = CCS_EINVAL;
	if (errs == NULL)
		return;
	n = snprintf(path, sizeof(path), "line %zu, %s", line, col);
	if (n < 0 || (size_t)n >= sizeof(path))
		path[0] = '\0';
	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		msg[0] = '\0';
	if (ccs_errlist_add(errs, path, "%s", msg) != CCS_OK)
		*rc = CCS_ENOMEM;
}

int
ccs_ind_csv_read(const char *buf, size_t len, size_t max_rows,
    int (*on_row)(void *, const struct ccs_ind_csv_row *), void *arg,
    struct ccs_errlist *errs, struct ccs_fail *f)
{
	char canon[CCS_IND_VALUE_MAX];
	struct ccs_ind_csv_row row;
	const char *const *fl;
	struct ccs_csv *c = NULL;
	struct ccs_fail nf;
	size_t pos[C_N], ncols, n, i, k, rows = 0, bad = 0;
	const char *v;
	int rc, rrc;

	if (max_rows == 0)
		max_rows = CCS_IND_CSV_ROWS_DEFAULT;
	c = ccs_csv_new(buf, len);
	if (c == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "csv", "out of memory");
		goto out;
	}
	rc = ccs_csv_next(c, &fl, &ncols);
	if (rc != CCS_OK)
		goto csv_error;
	if (ncols == 0) {
		rc = ccs_fail(f, CCS_EINVAL, "csv_header", "empty file: a "
		    "header row type,value is required");
		goto out;
	}
	for (k = 0; k < C_N; k++)
		pos[k] = SIZE_MAX;
	for (i = 0; i < ncols; i++) {
		for (k = 0; k < C_N; k++)
			if (strcasecmp(fl[i], col_names[k]) == 0)
				break;
		if (k == C_N) {
			rc = ccs_fail(f, CCS_EINVAL, "csv_header", "line %zu: "
			    "unknown column '%.40s' (type, value, seen_at, "
			    "note, tlp)", ccs_csv_line(c), fl[i]);
			goto out;
		}
		if (pos[k] != SIZE_MAX) {
			rc = ccs_fail(f, CCS_EINVAL, "csv_header", "line %zu: "
			    "column %s twice", ccs_csv_line(c), col_names[k]);
			goto out;
		}
		pos[k] = i;
	}
	if (pos[C_TYPE] == SIZE_MAX || pos[C_VALUE] == SIZE_MAX) {
		rc = ccs_fail(f, CCS_EINVAL, "csv_header", "line %zu: the "
		    "header needs columns type and value", ccs_csv_line(c));
		goto out;
	}
	for (;;) {
		rc = ccs_csv_next(c, &fl, &n);
		if (rc != CCS_OK)
			goto csv_error;
		if (n == 0)
			break;
		if (++rows > max_rows) {
			rc = ccs_fail(f, CCS_ETOOBIG, "csv_too_big",
			    "more than %zu rows", max_rows);
			goto out;
		}
		memset(&row, 0, sizeof(row));
		row.line = ccs_csv_line(c);
		rrc = CCS_OK;
		if (n != ncols) {
			rowerr(errs, row.line, "row", &rrc, "%zu fields, the "
			    "header has %zu", n, ncols);
			goto row_done;
		}
		if (ccs_ind_type_parse(fl[pos[C_TYPE]], &row.type) != CCS_OK) {
			rowerr(errs, row.line, "type", &rrc, "unknown "
			    "indicator type '%.40s'", fl[pos[C_TYPE]]);
		} else {
			memset(&nf, 0, sizeof(nf));
			row.type = ccs_ind_refine(row.type, fl[pos[C_VALUE]]);
			rc = ccs_ind_normalise(row.type, fl[pos[C_VALUE]],
			    canon, sizeof(canon), &nf);
			if (rc == CCS_ENOMEM) {
				rc = ccs_fail(f, rc, "csv", "out of memory");
				goto out;
			}
			if (rc != CCS_OK)
				rowerr(errs, row.line, "value", &rrc, "%s",
				    nf.message);
			row.value = canon;
		}
		v = pos[C_SEEN] != SIZE_MAX ? fl[pos[C_SEEN]] : "";
		if (v[0] != '\0' && !seen_ok(v))
			rowerr(errs, row.line, "seen_at", &rrc,
			    "must be an RFC 3339 timestamp or YYYY-MM-DD");
		row.seen_at = v[0] != '\0' ? v : NULL;
		v = pos[C_NOTE] != SIZE_MAX ? fl[pos[C_NOTE]] : "";
		if (strlen(v) > CCS_IND_CSV_NOTE_MAX)
			rowerr(errs, row.line, "note", &rrc, "longer than %d "
			    "bytes", CCS_IND_CSV_NOTE_MAX);
		row.note = v[0] != '\0' ? v : NULL;
		v = pos[C_TLP] != SIZE_MAX ? fl[pos[C_TLP]] : "";
		if (v[0] != '\0') {
			row.has_tlp = ccs_tlp_parse(v, &row.tlp);
			if (!row.has_tlp)
				rowerr(errs, row.line, "tlp", &rrc,
				    "'%.30s' is not clear, green, amber, "
				    "amber+strict or red", v);
		}
row_done:
		if (rrc == CCS_ENOMEM) {
			rc = ccs_fail(f, rrc, "csv", "out of memory");
			goto out;
		}
		if (rrc != CCS_OK) {
			bad++;
			continue;
		}
		if (on_row != NULL) {
			rc = on_row(arg, &row);
			if (rc != 0)
				goto out;
		}
	}
	rc = CCS_OK;
	if (bad > 0)
		rc = ccs_fail(f, CCS_EINVAL, "csv_invalid", "%zu bad row%s",
		    bad, bad == 1 ? "" : "s");
	goto out;
csv_error:
	rc = ccs_fail(f, rc, "csv", "line %zu: %s", ccs_csv_line(c),
	    ccs_csv_error(c));
out:
	ccs_csv_free(c);
	return rc;
}

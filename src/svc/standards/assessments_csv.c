/*
 * assessments_csv.c: bulk import of status records from CSV.
 *
 * The file is read with the bounded CSV reader; the header is matched by
 * name (any order, any case), and each row becomes the JSON body the API
 * would receive, checked field by field with the API's own field table and
 * then handed to ccs_assess_submit, so a row passes here exactly when it
 * would pass POST /api/v1/assessments, and writes the same audit event.
 * Rows are written as they pass; the caller's single transaction is rolled
 * back when any row fails or on a dry run, which is what makes the import
 * all or nothing without a second code path for "validate only".
 *
 * To report as much as possible in one go, a row whose level label cannot
 * be resolved is still submitted with level 0, so its other fields are
 * checked too (the row is already failed; the rollback drops it). A store
 * error ends the import at once: it is not the file's fault.
 *
 * Non-goals: attaching evidence files and corrections (use the API), and
 * partial imports.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "format/csv.h"
#include "svc/standards/assessments.h"
#include "svc/standards/framework.h"
#include "svc/standards/assessments_csv.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/jsonv.h"
#include "util/str.h"

enum col {
	COL_STATE = 0,
	COL_STANDARD,
	COL_AS_OF,
	COL_LEVEL,
	COL_SOURCE,
	COL_EVIDENCE,
	COL_LINKS,
	NCOLS
};

static const char *const col_name[NCOLS] = { "state", "standard", "as_of",
    "level", "source", "evidence", "links" };
static const bool col_required[NCOLS] = { true, true, true, true, true,
    false, false };

#define COLUMNS_TEXT	"state, standard, as_of, level, source, evidence, links"
#define MSG_MAX		1024

struct import {
	struct ccs_db			*db;		/* open transaction */
	const struct ccs_principal	*p;		/* submitter */
	int64_t				 now;		/* request time */
	json_t				*scales;	/* code -> [labels] */
	json_t				*errors;	/* listed errors */
	size_t				 nerrors;	/* errors found */
	size_t				 bad_rows;	/* rows with errors */
	size_t				 rows;		/* data rows read */
	long				 map[NCOLS];	/* CSV column or -1 */
	size_t				 ncsv;		/* header fields */
	struct ccs_fail			*f;		/* caller's failure */
};

static int add_error(struct import *, size_t, const char *, const char *,
    const char *, ...) __attribute__((format(printf, 5, 6)));

/* Records one error (listing the first CCS_IMPORT_MAX_ERRORS). */
static int
add_error(struct import *im, size_t line, const char *field,
    const char *code, const char *fmt, ...)
{
	char msg[MSG_MAX];
	va_list ap;
	json_t *e, *m;
	int n;

	im->nerrors++;
	if (json_array_size(im->errors) >= CCS_IMPORT_MAX_ERRORS)
		return CCS_OK;
	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* A message that does not fit (or is not UTF-8: text from a lower
	 * layer may be cut mid-character) is replaced by its code. */
	m = n >= 0 && (size_t)n < sizeof(msg) ? json_string(msg) : NULL;
	if (m == NULL)
		m = json_string(code);
	e = json_pack("{s:I, s:s?, s:s, s:o}", "line", (json_int_t)line,
	    "field", field, "code", code, "message", m);
	if (e == NULL || json_array_append_new(im->errors, e) != 0)
		return ccs_fail(im->f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

/* At most @p max bytes of @p s for a message, cut between characters and
 * marked with "..."; returns @p s itself or @p buf (of @p len). */
static const char *
clip(const char *s, size_t max, char *buf, size_t len)
{
	size_t n = strlen(s);

	if (n <= max || max + 4 > len)
		return s;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(buf, s, n);
	memcpy(buf + n, "...", 4);
	return buf;
}

/* The level labels of every standard of the latest framework. */
static int
load_scales(struct import *im)
{
	json_t *rows = NULL, *r;
	struct ccs_val v;
	int64_t vid;
	size_t i;
	int rc;

	rc = ccs_fw_latest(im->db, &vid, NULL);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(im->f, rc, "no_framework", "no framework "
		    "version is published yet");
	if (rc != CCS_OK)
		goto dberr;
	v = CCS_VINT(vid);
	rc = ccs_db_query_json(im->db, "SELECT code, scale FROM standards "
	    "WHERE version_id = $1", &v, 1, &rows);
	if (rc != CCS_OK)
		goto dberr;
	json_array_foreach(rows, i, r) {
		const char *code = json_string_value(json_object_get(r,
		    "code"));
		const char *txt = json_string_value(json_object_get(r,
		    "scale"));
		json_t *scale = txt ? json_loads(txt, 0, NULL) : NULL;

		if (code == NULL || !json_is_array(scale) ||
		    json_object_set_new(im->scales, code, scale) != 0) {
			json_decref(scale);
			json_decref(rows);
			return ccs_fail(im->f, CCS_ECORRUPT, "internal",
			    "standard scales are unreadable");
		}
	}
	json_decref(rows);
	return CCS_OK;
dberr:
	return ccs_fail(im->f, rc == CCS_OK ? CCS_EDB : rc, "internal",
	    "import: %s", ccs_db_errmsg(im->db));
}

/* Field @p s without surrounding blanks, as a new JSON string (or NULL
 * when empty). @p s is valid UTF-8: the reader checked it. */
static json_t *
trimmed(const char *s)
{
	size_t n = strlen(s);

	while (*s == ' ' || *s == '\t') {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n > 0 ? json_stringn(s, n) : NULL;
}

static int
header(struct import *im, const char *const *fl, size_t n)
{
	struct ccs_buf unknown, missing;
	char cut[48];
	json_t *name;
	size_t i, c, nunknown = 0, nmissing = 0;
	int rc = CCS_OK;

	ccs_buf_init(&unknown, MSG_MAX / 2);
	ccs_buf_init(&missing, MSG_MAX / 2);
	im->ncsv = n;
	for (c = 0; c < NCOLS; c++)
		im->map[c] = -1;
	for (i = 0; i < n && rc == CCS_OK; i++) {
		name = trimmed(fl[i]);
		for (c = 0; c < NCOLS; c++) {
			if (name != NULL && strcasecmp(json_string_value(name),
			    col_name[c]) == 0)
				break;
		}
		if (c == NCOLS) {
			/* Name the first few; the list stays readable. */
			if (nunknown < 8)
				rc = ccs_buf_printf(&unknown, "%s'%s'",
				    nunknown ? ", " : "", name ? clip(
				    json_string_value(name), 40, cut,
				    sizeof(cut)) : "");
			else if (nunknown == 8)
				rc = ccs_buf_adds(&unknown, ", ...");
			nunknown++;
		} else if (im->map[c] >= 0)
			rc = add_error(im, 1, col_name[c], "duplicate_column",
			    "column '%s' appears twice in the header",
			    col_name[c]);
		else
			im->map[c] = (long)i;
		json_decref(name);
	}
	for (c = 0; c < NCOLS && rc == CCS_OK; c++) {
		if (col_required[c] && im->map[c] < 0)
			rc = ccs_buf_printf(&missing, "%s'%s'", nmissing++ ?
			    ", " : "", col_name[c]);
	}
	if (rc == CCS_OK && nunknown > 0)
		rc = add_error(im, 1, NULL, "unknown_column", "unknown "
		    "column%s %s in the header; the columns are " COLUMNS_TEXT,
		    nunknown > 1 ? "s" : "", ccs_buf_str(&unknown));
	if (rc == CCS_OK && nmissing > 0)
		rc = add_error(im, 1, NULL, "missing_column", "the header "
		    "lacks the required column%s %s; the columns are "
		    COLUMNS_TEXT,
		    nmissing > 1 ? "s" : "", ccs_buf_str(&missing));
	ccs_buf_free(&unknown);
	ccs_buf_free(&missing);
	if (rc == CCS_ENOMEM)
		return ccs_fail(im->f, rc, "internal", "out of memory");
	return rc;
}

/* Which CSV column a failure code of ccs_assess_submit is about. */
static const char *
field_of(const char *code)
{
	static const struct {
		const char	*code;	/* failure code */
		const char	*field;	/* column */
	} map[] = {
		{ "invalid_state_code", "state" },
		{ "unknown_state", "state" },
		{ "forbidden", "state" },
		{ "unknown_standard", "standard" },
		{ "invalid_level", "level" },
		{ "invalid_date", "as_of" },
		{ "future_date", "as_of" },
		{ "missing_field", "source" },
		{ "unknown_source", "source" },
		{ "invalid_url", "links" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (ccs_streq(code, map[i].code))
			return map[i].field;
	}
	return NULL;
}

/*
 * The level of a row: a number as written, or the index of a label of the
 * standard's scale. Reports its own errors and leaves *level 0 then, so
 * the rest of the row is still checked.
 */
static int
resolve_level(struct import *im, size_t line, const char *lv,
    const char *code, int64_t *level)
{
	const json_t *scale, *l;
	struct ccs_buf names;
	char cut[68];
	size_t i;
	int rc;

	*level = 0;
	if (lv[strspn(lv, "0123456789")] == '\0') {
		if (ccs_parse_i64(lv, 0, INT32_MAX, level) == CCS_OK)
			return CCS_OK;
		*level = 0;
		return add_error(im, line, "level", "invalid_level", "level "
		    "'%s' is out of range", clip(lv, 20, cut, sizeof(cut)));
	}
	scale = code ? json_object_get(im->scales, code) : NULL;
	if (scale == NULL)
		return CCS_OK;	/* unknown standard: submit reports it */
	json_array_foreach(scale, i, l) {
		if (strcasecmp(json_string_value(l) ? json_string_value(l) : "",
		    lv) == 0) {
			*level = (int64_t)i;
			return CCS_OK;
		}
	}
	ccs_buf_init(&names, MSG_MAX / 2);
	json_array_foreach(scale, i, l) {
		if (ccs_buf_printf(&names, "%s%zu '%s'", i ? ", " : "", i,
		    json_string_value(l)) != CCS_OK)
			break;
	}
	rc = add_error(im, line, "level", "invalid_level", "'%s' is not a "
	    "level of %s; give the number or label: %s", clip(lv, 60, cut,
	    sizeof(cut)), code, ccs_buf_str(&names));
	ccs_buf_free(&names);
	return rc;
}

/* Checks one member of @p body with the API's field table. */
static int
check_field(struct import *im, size_t line, json_t *body, const char *key,
    bool *ok)
{
	struct ccs_jerr je;
	json_t *one;
	int rc = CCS_OK;

	one = json_pack("{s:O}", key, json_object_get(body, key));
	if (one == NULL)
		return ccs_fail(im->f, CCS_ENOMEM, "internal", "out of memory");
	if (!ccs_jsonv_check(one, ccs_assessment_fields,
	    ccs_assessment_nfields, true, &je)) {
		*ok = false;
		rc = add_error(im, line, key, je.code, "%s", je.message);
	}
	json_decref(one);
	return rc;
}

static json_t *
split_links(const char *s)
{
	json_t *a = json_array();
	size_t n;

	while (a != NULL && *s != '\0') {
		s += strspn(s, " \t\r\n");
		n = strcspn(s, " \t\r\n");
		if (n > 0 && json_array_append_new(a, json_stringn(s, n)) !=
		    0) {
			json_decref(a);
			return NULL;
		}
		s += n;
	}
	return a;
}

static bool
fatal(int rc, const struct ccs_fail *rf)
{
	return rc == CCS_EDB || rc == CCS_ENOMEM || rc == CCS_EBUSY ||
	    rc == CCS_EIO || rc == CCS_ECORRUPT || rf->code == NULL ||
	    strcmp(rf->code, "internal") == 0;
}

static int
row(struct import *im, size_t line, const char *const *fl, size_t n)
{
	struct ccs_fail rf = { 0, NULL, "" };
	json_t *body = NULL, *val, *rec = NULL;
	const char *lv;
	int64_t level;
	bool ok = true;
	size_t c, before = im->nerrors;
	int rc = CCS_OK;

	if (n != im->ncsv) {
		rc = add_error(im, line, NULL, "wrong_field_count", "expected "
		    "%zu fields as in the header, found %zu", im->ncsv, n);
		goto out;
	}
	body = json_object();
	if (body == NULL)
		return ccs_fail(im->f, CCS_ENOMEM, "internal", "out of memory");
	for (c = 0; c < NCOLS && rc == CCS_OK; c++) {
		if (im->map[c] < 0)
			continue;
		val = trimmed(fl[im->map[c]]);
		if (val == NULL) {
			/* An empty source falls back as in the API. */
			if (col_required[c] && c != COL_SOURCE) {
				ok = false;
				rc = add_error(im, line, col_name[c],
				    "missing_field", "%s is empty",
				    col_name[c]);
			}
			continue;
		}
		if (c == COL_LEVEL) {
			/* standard comes first in col_name: its scale is known */
			lv = json_string_value(val);
			rc = resolve_level(im, line, lv, json_string_value(
			    json_object_get(body, "standard")), &level);
			json_decref(val);
			val = json_integer(level);
		} else if (c == COL_LINKS) {
			json_t *links = split_links(json_string_value(val));

			json_decref(val);
			val = links;
		}
		if (val == NULL || json_object_set_new(body, col_name[c], val)
		    != 0)
			rc = ccs_fail(im->f, CCS_ENOMEM, "internal", "out of "
			    "memory");
		if (rc == CCS_OK)
			rc = check_field(im, line, body, col_name[c], &ok);
	}
	if (rc != CCS_OK || !ok)
		goto out;
	/* Always a links array: ccs_assess_submit leaks the empty array it
	 * makes when there is none (svc/standards/assessments.c; reported). */
	if (json_object_get(body, "links") == NULL &&
	    json_object_set_new(body, "links", json_array()) != 0) {
		rc = ccs_fail(im->f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	rc = ccs_assess_submit(im->db, im->p, body, im->now, &rec, &rf);
	json_decref(rec);
	if (rc != CCS_OK && fatal(rc, &rf)) {
		if (im->f != NULL)
			*im->f = rf;
		goto out;
	}
	if (rc != CCS_OK)
		rc = add_error(im, line, field_of(rf.code), rf.code, "%s",
		    rf.message);
out:
	json_decref(body);
	if (rc == CCS_OK && im->nerrors > before)
		im->bad_rows++;
	return rc;
}

int
ccs_import_assessments(struct ccs_db *db, const struct ccs_principal *p,
    const char *buf, size_t len, bool dry_run, int64_t now, json_t **report,
    struct ccs_fail *f)
{
	struct import im;
	struct ccs_csv *csv = NULL;
	const char *const *fl;
	size_t n, listed;
	bool header_ok = false;
	int rc;

	*report = NULL;
	if (len > CCS_IMPORT_MAX_BYTES)
		return ccs_fail(f, CCS_ETOOBIG, "import_too_large", "the file "
		    "is larger than %u MiB; split it", CCS_IMPORT_MAX_BYTES /
		    (1024 * 1024));
	rc = ccs_policy_check(p, CCS_ACT_ASSESS_SUBMIT, p->state[0] ?
	    p->state : NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden", "your role may "
		    "not submit status records");
	memset(&im, 0, sizeof(im));
	im.db = db;
	im.p = p;
	im.now = now;
	im.f = f;
	im.scales = json_object();
	im.errors = json_array();
	csv = ccs_csv_new(buf, len);
	if (im.scales == NULL || im.errors == NULL || csv == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	rc = load_scales(&im);
	if (rc != CCS_OK)
		goto out;
	rc = ccs_csv_next(csv, &fl, &n);
	if (rc == CCS_OK && n == 0)
		rc = add_error(&im, 1, NULL, "empty_file", "the file is empty; "
		    "its first line must be the header " COLUMNS_TEXT);
	else if (rc == CCS_OK) {
		rc = header(&im, fl, n);
		header_ok = im.nerrors == 0;
	} else if (rc != CCS_ENOMEM)
		rc = add_error(&im, ccs_csv_line(csv), NULL, "invalid_csv",
		    "%s", ccs_csv_error(csv));
	/* Rows are read only under a header that names their fields. */
	while (rc == CCS_OK && header_ok) {
		rc = ccs_csv_next(csv, &fl, &n);
		if (rc == CCS_ENOMEM)
			break;
		if (rc != CCS_OK) {
			rc = add_error(&im, ccs_csv_line(csv), NULL,
			    "invalid_csv", "%s", ccs_csv_error(csv));
			break;
		}
		if (n == 0)
			break;
		if (im.rows == CCS_IMPORT_MAX_ROWS) {
			rc = add_error(&im, ccs_csv_line(csv), NULL,
			    "too_many_rows", "more than %d rows; split the "
			    "file", CCS_IMPORT_MAX_ROWS);
			break;
		}
		im.rows++;
		rc = row(&im, ccs_csv_line(csv), fl, n);
	}
	if (rc == CCS_ENOMEM && (f == NULL || f->code == NULL))
		rc = ccs_fail(f, rc, "internal", "out of memory");
	if (rc != CCS_OK)
		goto out;
	if (im.rows == 0 && im.nerrors == 0)
		rc = add_error(&im, 2, NULL, "no_rows", "the file has a header "
		    "but no rows");
	if (rc != CCS_OK)
		goto out;
	listed = json_array_size(im.errors);
	*report = json_pack("{s:I, s:I, s:b, s:O, s:b}", "rows",
	    (json_int_t)im.rows, "stored", (json_int_t)(im.nerrors == 0 &&
	    !dry_run ? im.rows : 0), "dry_run", dry_run, "errors", im.errors,
	    "errors_truncated", im.nerrors > listed);
	if (*report == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	if (im.bad_rows > 0)
		rc = ccs_fail(f, CCS_EINVAL, "import_failed", "%zu row%s ha%s "
		    "errors; nothing was stored", im.bad_rows,
		    im.bad_rows == 1 ? "" : "s", im.bad_rows == 1 ? "s" : "ve");
	else if (im.nerrors > 0)
		rc = ccs_fail(f, CCS_EINVAL, "import_failed", "line %lld: %s; "
		    "nothing was stored", json_integer_value(json_object_get(
		    json_array_get(im.errors, 0), "line")), json_string_value(
		    json_object_get(json_array_get(im.errors, 0), "message")));
out:
	ccs_csv_free(csv);
	json_decref(im.scales);
	json_decref(im.errors);
	return rc;
}

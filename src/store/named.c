/*
 * named.c: named SQL parameters (store.h). A call site writes :name and
 * passes { name, value } pairs; ccs_sql_named rewrites the text to the
 * $1..$k form both backends take and orders the values to match, and the
 * ccs_db_*_named calls run the result through the positional path.
 *
 * The rewrite is a small scanner, not a parser: it knows just enough SQL
 * to find the colons that are not placeholders (in literals, quoted
 * identifiers, comments and :: casts). The output depends only on the
 * input text, so each call site is still one statement text for the
 * statement caches. Sizes are bounded (CCS_NAMED_*); every refusal is
 * CCS_EINVAL with a reason, since it is a programming error at the call
 * site, never input from a client.
 */
#include <stdbool.h>
#include <string.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

static bool
name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool
name_char(char c)
{
	return name_start(c) || (c >= '0' && c <= '9');
}

/* Length of the name at @p s, 0 if there is none. */
static size_t
name_len(const char *s)
{
	size_t n = 0;

	if (!name_start(s[0]))
		return 0;
	while (name_char(s[n]))
		n++;
	return n;
}

static int
refuse(char *err, size_t errlen, const char *what, const char *name,
    size_t nlen)
{
	if (err != NULL && errlen > 0) {
		if (nlen > CCS_NAMED_NAME_MAX)
			nlen = CCS_NAMED_NAME_MAX;
		if (name != NULL)
			(void)ccs_snprintf(err, errlen, "%s :%.*s", what,
			    (int)nlen, name);
		else
			(void)ccs_strlcpy(err, what, errlen);
	}
	return CCS_EINVAL;
}

/* Checks the pairs: well-formed names, none twice. */
static int
check_pairs(const struct ccs_named *np, size_t nnp, char *err, size_t errlen)
{
	size_t i, j, len;

	if (nnp > CCS_NAMED_MAX)
		return refuse(err, errlen, "too many named parameters", NULL,
		    0);
	if (nnp > 0 && np == NULL)
		return refuse(err, errlen, "no parameter array", NULL, 0);
	for (i = 0; i < nnp; i++) {
		if (np[i].name == NULL)
			return refuse(err, errlen, "parameter without a name",
			    NULL, 0);
		len = name_len(np[i].name);
		if (len == 0 || np[i].name[len] != '\0' ||
		    len > CCS_NAMED_NAME_MAX)
			return refuse(err, errlen, "malformed parameter name",
			    np[i].name, strnlen(np[i].name,
			    CCS_NAMED_NAME_MAX));
		for (j = 0; j < i; j++)
			if (strcmp(np[i].name, np[j].name) == 0)
				return refuse(err, errlen,
				    "parameter given twice", np[i].name, len);
	}
	return CCS_OK;
}

/*
 * Length of the quoted run at @p s (opened by @p q, a doubled @p q is an
 * escape), 0 if it never closes.
 */
static size_t
quoted_len(const char *s, char q)
{
	size_t i = 1;

	for (;;) {
		if (s[i] == '\0')
			return 0;
		if (s[i] == q) {
			if (s[i + 1] != q)
				return i + 1;
			i++;
		}
		i++;
	}
}

/* Length of the part of @p s that is copied verbatim, 0 if unterminated. */
static size_t
skip_len(const char *s)
{
	const char *e;

	if (s[0] == '\'' || s[0] == '"')
		return quoted_len(s, s[0]);
	if (s[0] == '-' && s[1] == '-') {
		e = strchr(s, '\n');
		return e != NULL ? (size_t)(e - s) + 1 : strlen(s);
	}
	/* s[0] == '/' && s[1] == '*' */
	e = strstr(s + 2, "*/");
	return e != NULL ? (size_t)(e - s) + 2 : 0;
}

static int
add(struct ccs_buf *b, const char *p, size_t n)
{
	int rc;

	rc = ccs_buf_add(b, p, n);
	return rc == CCS_ETOOBIG ? CCS_EINVAL : rc;
}

int
ccs_sql_named(const char *sql, const struct ccs_named *np, size_t nnp,
    struct ccs_buf *out, struct ccs_val *vals, size_t *nvals, char *err,
    size_t errlen)
{
	size_t pos[CCS_NAMED_MAX];	/* np index -> k, 0 unused */
	size_t i, k, len, nused = 0, run;
	const char *s;
	char num[16];
	int rc;

	/* each ":x" (2 bytes or more) becomes at most "$32" (3 bytes) */
	ccs_buf_init(out, CCS_NAMED_SQL_MAX * 2);
	*nvals = 0;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (sql == NULL)
		return refuse(err, errlen, "no SQL text", NULL, 0);
	if (strnlen(sql, CCS_NAMED_SQL_MAX + 1) > CCS_NAMED_SQL_MAX)
		return refuse(err, errlen, "SQL text too long", NULL, 0);
	rc = check_pairs(np, nnp, err, errlen);
	if (rc != CCS_OK)
		return rc;
	memset(pos, 0, sizeof(pos));
	s = sql;
	while (*s != '\0') {
		/* copy up to the next character that matters */
		run = strcspn(s, "'\"-/:$");
		if (run > 0) {
			rc = add(out, s, run);
			if (rc != CCS_OK)
				goto fail;
			s += run;
			continue;
		}
		if (s[0] == '\'' || s[0] == '"' ||
		    (s[0] == '-' && s[1] == '-') ||
		    (s[0] == '/' && s[1] == '*')) {
			run = skip_len(s);
			if (run == 0) {
				rc = refuse(err, errlen, "unterminated "
				    "literal, identifier or comment", NULL, 0);
				goto fail;
			}
		} else if (s[0] == '$' && s[1] >= '0' && s[1] <= '9') {
			rc = refuse(err, errlen, "positional $n in named SQL",
			    NULL, 0);
			goto fail;
		} else if (s[0] == ':' && s[1] == ':') {
			run = 2;
		} else if (s[0] == ':' && name_start(s[1])) {
			len = name_len(s + 1);
			for (i = 0; i < nnp; i++)
				if (strlen(np[i].name) == len &&
				    memcmp(np[i].name, s + 1, len) == 0)
					break;
			if (i == nnp) {
				rc = refuse(err, errlen, "unknown parameter",
				    s + 1, len);
				goto fail;
			}
			if (pos[i] == 0) {
				vals[nused] = np[i].val;
				pos[i] = ++nused;
			}
			k = pos[i];
			rc = ccs_snprintf(num, sizeof(num), "$%zu", k);
			if (rc == CCS_OK)
				rc = add(out, num, strlen(num));
			if (rc != CCS_OK)
				goto fail;
			s += 1 + len;
			continue;
		} else {
			run = 1;
		}
		rc = add(out, s, run);
		if (rc != CCS_OK)
			goto fail;
		s += run;
	}
	for (i = 0; i < nnp; i++)
		if (pos[i] == 0) {
			rc = refuse(err, errlen, "parameter not used",
			    np[i].name, strlen(np[i].name));
			goto fail;
		}
	*nvals = nused;
	return CCS_OK;
fail:
	ccs_buf_free(out);
	*nvals = 0;
	return rc;
}

/*
 * Rewrites for @p db; on refusal records the reason with the SQL for
 * ccs_db_errmsg and fails the transaction as a failed statement would.
 */
static int
prepare(struct ccs_db *db, const char *sql, const struct ccs_named *np,
    size_t nnp, struct ccs_buf *out, struct ccs_val *vals, size_t *nvals)
{
	char why[160];
	int rc;

	rc = ccs_sql_named(sql, np, nnp, out, vals, nvals, why, sizeof(why));
	if (rc == CCS_OK)
		return CCS_OK;
	(void)ccs_snprintf(db->named_err, sizeof(db->named_err),
	    "named parameters: %s in: %.300s", why,
	    sql != NULL ? sql : "(null)");
	if (db->in_tx)
		db->failed = true;
	return rc;
}

int
ccs_db_exec_named(struct ccs_db *db, const char *sql,
    const struct ccs_named *np, size_t nnp, ccs_row_cb cb, void *arg)
{
	struct ccs_val vals[CCS_NAMED_MAX];
	struct ccs_buf b;
	size_t n;
	int rc;

	rc = prepare(db, sql, np, nnp, &b, vals, &n);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_exec(db, ccs_buf_str(&b), vals, n, cb, arg);
	ccs_buf_free(&b);
	return rc;
}

int
ccs_db_query_json_named(struct ccs_db *db, const char *sql,
    const struct ccs_named *np, size_t nnp, json_t **out)
{
	struct ccs_val vals[CCS_NAMED_MAX];
	struct ccs_buf b;
	size_t n;
	int rc;

	*out = NULL;
	rc = prepare(db, sql, np, nnp, &b, vals, &n);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_json(db, ccs_buf_str(&b), vals, n, out);
	ccs_buf_free(&b);
	return rc;
}

int
ccs_db_query_one_named(struct ccs_db *db, const char *sql,
    const struct ccs_named *np, size_t nnp, json_t **out)
{
	struct ccs_val vals[CCS_NAMED_MAX];
	struct ccs_buf b;
	size_t n;
	int rc;

	*out = NULL;
	rc = prepare(db, sql, np, nnp, &b, vals, &n);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_one(db, ccs_buf_str(&b), vals, n, out);
	ccs_buf_free(&b);
	return rc;
}

int
ccs_db_query_int_named(struct ccs_db *db, const char *sql,
    const struct ccs_named *np, size_t nnp, int64_t *out)
{
	struct ccs_val vals[CCS_NAMED_MAX];
	struct ccs_buf b;
	size_t n;
	int rc;

	rc = prepare(db, sql, np, nnp, &b, vals, &n);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_int(db, ccs_buf_str(&b), vals, n, out);
	ccs_buf_free(&b);
	return rc;
}

/*
 * listq.c: one list query under the list contract (listq.h).
 *
 * The WHERE clause is built once per request from the list's filters,
 * the reader's policy clauses, ?q= and ?from=/?to=, and shared by the
 * total, the page and the CSV, so the three always agree. Every value is
 * a parameter; only the list's static expressions enter the SQL text.
 * Paging is the keyset helper's; the CSV reads the same query page by
 * page (CCS_KEYSET_LIMIT_MAX rows at a time) to its end, so it never
 * stops at a cap: past CCS_LISTQ_CSV_MAX bytes it fails, and says so.
 * ?q= is the keyset helper's word filter (ccs_keyset_words). The CSV
 * pages with a keyset of its own, from the first row in the chosen sort,
 * so a cursor in the request does not cut the download short.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/validate.h"
#include "format/csv.h"
#include "svc/listq.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

struct ccs_listq {
	const struct ccs_listq_def *def;	/* borrowed */
	struct ccs_keyset *ks;			/* the request's, borrowed */
	struct ccs_buf	 where;			/* " AND ..." clauses */
	struct ccs_val	 v[CCS_LISTQ_PARAMS];	/* their parameters */
	size_t		 nv;			/* parameters used */
	int		 err;			/* first building error */
	char		 day[2][11];		/* from/to of a text date */
	char		*kept[8];		/* copies the query owns */
	size_t		 nkept;
	void		(*present)(json_t *, const char *); /* or NULL */
	const char	*present_arg;		/* kept */
	int		(*shown)(struct ccs_db *, json_t *, void *);
	void		*shown_arg;		/* borrowed */
	int		(*each)(struct ccs_db *, json_t *, const void *);
	const void	*each_ctx;		/* borrowed */
};

int
ccs_listq_new(const struct ccs_listq_def *def, struct ccs_keyset *ks,
    struct ccs_listq **out)
{
	struct ccs_listq *lq;

	*out = NULL;
	lq = ccs_calloc(1, sizeof(*lq));
	if (lq == NULL)
		return CCS_ENOMEM;
	lq->def = def;
	lq->ks = ks;
	ccs_buf_init(&lq->where, 16384);
	*out = lq;
	return CCS_OK;
}

void
ccs_listq_free(struct ccs_listq *lq)
{
	if (lq == NULL)
		return;
	while (lq->nkept > 0)
		free(lq->kept[--lq->nkept]);
	ccs_buf_free(&lq->where);
	free(lq);
}

size_t
ccs_listq_param(struct ccs_listq *lq, struct ccs_val v)
{
	if (lq->nv >= CCS_LISTQ_PARAMS - CCS_KEYSET_NPARAMS - 1) {
		lq->err = CCS_ETOOBIG;
		return 0;
	}
	lq->v[lq->nv++] = v;
	return lq->nv;
}

/* A copy of @p s owned by @p lq, or NULL (the error is kept). */
static const char *
keep(struct ccs_listq *lq, const char *s)
{
	char *c;

	if (lq->nkept == sizeof(lq->kept) / sizeof(lq->kept[0])) {
		lq->err = CCS_ETOOBIG;
		return NULL;
	}
	c = ccs_strdup(s);
	if (c == NULL) {
		lq->err = CCS_ENOMEM;
		return NULL;
	}
	lq->kept[lq->nkept++] = c;
	return c;
}

size_t
ccs_listq_param_copy(struct ccs_listq *lq, const char *s)
{
	const char *c = keep(lq, s);

	return c != NULL ? ccs_listq_param(lq, CCS_VTEXT(c)) : 0;
}

void
ccs_listq_present(struct ccs_listq *lq,
    void (*fn)(json_t *row, const char *arg), const char *arg)
{
	lq->present = fn;
	lq->present_arg = keep(lq, arg);
}

void
ccs_listq_shown(struct ccs_listq *lq,
    int (*fn)(struct ccs_db *db, json_t *rows, void *arg), void *arg)
{
	lq->shown = fn;
	lq->shown_arg = arg;
}

void
ccs_listq_each(struct ccs_listq *lq,
    int (*fn)(struct ccs_db *db, json_t *row, const void *ctx),
    const void *ctx)
{
	lq->each = fn;
	lq->each_ctx = ctx;
}

void
ccs_listq_where(struct ccs_listq *lq, const char *fmt, ...)
{
	char tmp[2048];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		lq->err = CCS_ETOOBIG;
		return;
	}
	if (ccs_buf_adds(&lq->where, tmp) != CCS_OK)
		lq->err = CCS_ENOMEM;
}

void
ccs_listq_eq(struct ccs_listq *lq, const char *expr, struct ccs_val v)
{
	size_t n;

	if (v.type == CCS_V_NULL || (v.type == CCS_V_TEXT && v.s == NULL))
		return;
	n = ccs_listq_param(lq, v);
	ccs_listq_where(lq, " AND %s = $%zu", expr, n);
}

/* One bound of the main date: unix seconds, or the day as text. */
static void
bound(struct ccs_listq *lq, int64_t t, const char *op, int which)
{
	const struct ccs_listq_def *d = lq->def;
	size_t n;

	if (d->date_kind == CCS_LISTQ_UNIX) {
		n = ccs_listq_param(lq, CCS_VINT(t));
		ccs_listq_where(lq, " AND %s %s $%zu", d->date_expr, op, n);
		return;
	}
	ccs_date_of(t, lq->day[which]);
	n = ccs_listq_param(lq, CCS_VTEXT(lq->day[which]));
	ccs_listq_where(lq, " AND SUBSTR(%s, 1, 10) %s $%zu", d->date_expr,
	    op, n);
}

int
ccs_listq_filters(struct ccs_listq *lq, const char *q, int64_t from,
    int64_t to, struct ccs_fail *f)
{
	const struct ccs_listq_def *d = lq->def;
	int rc;

	if ((from != 0 || to != 0) && d->date_kind == CCS_LISTQ_NODATE)
		return ccs_fail(f, CCS_EINVAL, "invalid_date", "this list has "
		    "no date to filter on; leave out from and to");
	if (from != 0)
		bound(lq, from, ">=", 0);
	/* to is the end of its day: before it for times, on or before
	 * the day itself for dates */
	if (to != 0)
		bound(lq, d->date_kind == CCS_LISTQ_UNIX ? to : to - 86400,
		    d->date_kind == CCS_LISTQ_UNIX ? "<" : "<=", 1);
	if (q == NULL)
		return CCS_OK;
	if (d->ntext == 0)
		return ccs_fail(f, CCS_EINVAL, "invalid_query", "this list has "
		    "no text to search; leave out q");
	rc = ccs_keyset_words(lq->ks, &lq->where, q, d->text, d->ntext,
	    lq->v, &lq->nv, CCS_LISTQ_PARAMS - CCS_KEYSET_NPARAMS - 1);
	if (rc == CCS_EINVAL)
		return ccs_fail(f, rc, "invalid_query", "q may hold at most %d "
		    "words", CCS_KEYSET_WORDS);
	if (rc != CCS_OK)
		lq->err = rc;
	return CCS_OK;
}

static int
dbfail(struct ccs_fail *f, struct ccs_db *db, const struct ccs_listq *lq,
    int rc)
{
	return ccs_fail(f, rc == CCS_EBUSY ? rc : CCS_EDB, "internal",
	    "list %s: %s", lq->def->name, ccs_db_errmsg(db));
}

/* Each row replaced by its full record, keeping the row's members. */
static int
expand(struct ccs_db *db, const struct ccs_listq_def *d, json_t *list)
{
	json_t *r, *full = NULL;
	size_t i;
	int rc;

	json_array_foreach(list, i, r) {
		rc = d->load(db, json_integer_value(json_object_get(r, "id")),
		    &full);
		if (rc != CCS_OK)
			return rc;
		if (json_object_update_missing(full, r) != 0) {
			json_decref(full);
			return CCS_ENOMEM;
		}
		if (json_array_set_new(list, i, full) != 0)
			return CCS_ENOMEM;
	}
	return CCS_OK;
}

/* Reads the rows after the current position, in order. */
static int
rows(struct ccs_db *db, struct ccs_listq *lq, struct ccs_keyset *ks,
    json_t **out)
{
	struct ccs_val v[CCS_LISTQ_PARAMS];
	struct ccs_buf sql;
	size_t n = lq->nv;
	json_t *r;
	size_t i;
	int rc;

	memcpy(v, lq->v, sizeof(v[0]) * lq->nv);
	ccs_buf_init(&sql, 65536);
	rc = ccs_buf_printf(&sql, "%s %s%s", lq->def->select, lq->def->from,
	    ccs_buf_str(&lq->where) ? ccs_buf_str(&lq->where) : "");
	if (rc == CCS_OK && lq->err != CCS_OK)
		rc = lq->err;
	if (rc == CCS_OK)
		rc = ccs_keyset_where(ks, &sql, v, &n, CCS_LISTQ_PARAMS - 1);
	if (rc == CCS_OK)
		rc = ccs_keyset_order(ks, &sql);
	v[n++] = CCS_VINT(ccs_keyset_fetch(ks));
	if (rc == CCS_OK)
		rc = ccs_buf_printf(&sql, " LIMIT $%zu", n);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, ccs_buf_str(&sql), v, n, out);
	ccs_buf_free(&sql);
	if (rc == CCS_OK && lq->def->load != NULL)
		rc = expand(db, lq->def, *out);
	if (rc == CCS_OK && lq->def->decorate != NULL) {
		json_array_foreach(*out, i, r)
			lq->def->decorate(r);
	}
	if (rc == CCS_OK && lq->present != NULL) {
		json_array_foreach(*out, i, r)
			lq->present(r, lq->present_arg);
	}
	if (rc == CCS_OK && lq->each != NULL) {
		json_array_foreach(*out, i, r) {
			rc = lq->each(db, r, lq->each_ctx);
			if (rc != CCS_OK)
				break;
		}
	}
	return rc;
}

static int
total(struct ccs_db *db, struct ccs_listq *lq, int64_t *out)
{
	struct ccs_buf sql;
	const char *w;
	int rc;

	if (lq->err != CCS_OK)
		return lq->err;
	w = ccs_buf_str(&lq->where);
	if (lq->def->total_all != NULL && (w == NULL || w[0] == '\0'))
		return ccs_db_query_int(db, lq->def->total_all, NULL, 0, out);
	ccs_buf_init(&sql, 65536);
	rc = ccs_buf_printf(&sql, "SELECT COUNT(*) %s%s", lq->def->from,
	    w != NULL ? w : "");
	if (rc == CCS_OK)
		rc = ccs_db_query_int(db, ccs_buf_str(&sql), lq->v, lq->nv,
		    out);
	ccs_buf_free(&sql);
	return rc;
}

int
ccs_listq_page(struct ccs_db *db, struct ccs_listq *lq, json_t **out,
    struct ccs_fail *f)
{
	json_t *list = NULL;
	int64_t n = 0;
	int rc;

	*out = NULL;
	rc = total(db, lq, &n);
	if (rc == CCS_OK)
		rc = rows(db, lq, lq->ks, &list);
	if (rc != CCS_OK)
		return dbfail(f, db, lq, rc);
	rc = ccs_keyset_reply(lq->ks, list, n, out);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "list %s: cannot page its "
		    "rows", lq->def->name);
	if (lq->shown != NULL)
		rc = lq->shown(db, json_object_get(*out, "items"),
		    lq->shown_arg);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
		return dbfail(f, db, lq, rc);
	}
	return CCS_OK;
}

static int
put_value(struct ccs_buf *out, const json_t *v, bool unix_time, bool first)
{
	char tmp[32], *dump;
	struct tm tm;
	time_t t;
	int rc;

	if (json_is_integer(v) && unix_time) {
		t = (time_t)json_integer_value(v);
		if (gmtime_r(&t, &tm) == NULL ||
		    strftime(tmp, sizeof(tmp), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
			return CCS_EINVAL;
		return ccs_csv_put(out, tmp, first);
	}
	if (json_is_integer(v))
		return ccs_csv_put_int(out, json_integer_value(v), first);
	if (json_is_string(v))
		return ccs_csv_put(out, json_string_value(v), first);
	if (json_is_boolean(v))
		return ccs_csv_put(out, json_is_true(v) ? "yes" : "no", first);
	if (json_is_real(v)) {
		(void)ccs_snprintf(tmp, sizeof(tmp), "%g", json_real_value(v));
		return ccs_csv_put(out, tmp, first);
	}
	if (v == NULL || json_is_null(v))
		return ccs_csv_put(out, NULL, first);
	dump = json_dumps(v, JSON_COMPACT);
	if (dump == NULL)
		return CCS_ENOMEM;
	rc = ccs_csv_put(out, dump, first);
	free(dump);
	return rc;
}

static int
csv_rows(struct ccs_buf *out, const struct ccs_listq_def *d,
    const json_t *list)
{
	const json_t *r;
	size_t i, c;
	int rc = CCS_OK;

	json_array_foreach(list, i, r) {
		for (c = 0; c < d->ncsv && rc == CCS_OK; c++)
			rc = put_value(out, json_object_get(r,
			    d->csv[c].member), d->csv[c].unix_time, c == 0);
		if (rc == CCS_OK)
			rc = ccs_csv_end(out);
		if (rc != CCS_OK)
			return rc;
	}
	return CCS_OK;
}

/* A keyset in the request's sort, at the first row, 200 rows a page. */
static int
fresh(const struct ccs_listq *lq, struct ccs_keyset **out,
    struct ccs_fail *f)
{
	const struct ccs_listq_def *d = lq->def;
	int rc;

	rc = ccs_keyset_new(d->cols, d->ncols, d->id_expr, out);
	if (rc == CCS_OK)
		rc = ccs_keyset_limit(*out, "200", f);
	if (rc == CCS_OK)
		rc = ccs_keyset_sort(*out, ccs_keyset_column(lq->ks)->name,
		    ccs_keyset_desc(lq->ks) ? "desc" : "asc", f);
	return rc;
}

int
ccs_listq_csv(struct ccs_db *db, struct ccs_listq *lq, struct ccs_buf *out,
    struct ccs_fail *f)
{
	const struct ccs_listq_def *d = lq->def;
	struct ccs_keyset *ks = NULL;
	json_t *list = NULL;
	size_t c, n;
	int rc;

	rc = fresh(lq, &ks, f);
	for (c = 0; c < d->ncsv && rc == CCS_OK; c++)
		rc = ccs_csv_put(out, d->csv[c].header, c == 0);
	if (rc == CCS_OK)
		rc = ccs_csv_end(out);
	while (rc == CCS_OK) {
		rc = rows(db, lq, ks, &list);
		if (rc != CCS_OK) {
			ccs_keyset_free(ks);
			return dbfail(f, db, lq, rc);
		}
		n = json_array_size(list);
		if ((int64_t)n > ccs_keyset_page_size(ks))
			(void)json_array_remove(list, --n);
		if (lq->shown != NULL)
			rc = lq->shown(db, list, lq->shown_arg);
		if (rc == CCS_OK)
			rc = csv_rows(out, d, list);
		if (rc == CCS_OK && (int64_t)n == ccs_keyset_page_size(ks))
			rc = ccs_keyset_advance(ks, json_array_get(list,
			    n - 1));
		else if (rc == CCS_OK)
			n = 0;
		json_decref(list);
		list = NULL;
		if (n == 0)
			break;
	}
	ccs_keyset_free(ks);
	if (rc == CCS_ETOOBIG)
		return ccs_fail(f, rc, "export_too_large", "the list is larger "
		    "than %zu MiB as CSV; narrow it with filters",
		    out->max / (1024u * 1024));
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "list %s: cannot write its "
		    "CSV", d->name);
	return CCS_OK;
}

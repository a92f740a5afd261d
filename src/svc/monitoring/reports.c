/*
 * reports.c: making, keeping and serving reports. A report is made in one
 * write transaction: the section providers of its audience
 * (report_sections.c) read their sources as the author, the snapshot is
 * frozen (compact JSON, keys sorted) and digested, the three renditions
 * are rendered from it and stored as bytes with their digests, and the
 * creation is audited. Nothing is ever rendered again: a download serves
 * the stored bytes after checking them against their digest, so what a
 * minister received can be proven years later whatever fonts or library
 * versions the server has by then.
 *
 * Who reads a stored report depends on its audience (reader()); a report
 * one may not read is answered as a missing one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/validate.h"
#include "format/report_html.h"
#include "format/report_pdf.h"
#include "format/report_xlsx.h"
#include "svc/monitoring/report_sections.h"
#include "svc/monitoring/reports.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define HTML_MAX	(16u << 20)	/* bytes of the HTML rendition */
#define TYPE_PDF	"application/pdf"
#define TYPE_XLSX	"application/vnd.openxmlformats-officedocument." \
			"spreadsheetml.sheet"
#define TYPE_HTML	"text/html; charset=utf-8"
#define NFORMATS	3

const struct ccs_jfield ccs_report_fields[] = {
	{ "audience", CCS_J_STRING, true, 1, 20 },
	{ "from", CCS_J_STRING, true, 1, 10 },
	{ "to", CCS_J_STRING, true, 1, 10 },
	{ "state", CCS_J_STRING, false, 1, 2 },
};
const size_t ccs_report_nfields = sizeof(ccs_report_fields) /
    sizeof(ccs_report_fields[0]);

/* The action that makes a report for @p a. */
static enum ccs_action
maker(enum ccs_audience a)
{
	switch (a) {
	case CCS_AUD_CONSLE:
		return CCS_ACT_REPORT_CONSLE;
	case CCS_AUD_STEERING:
		return CCS_ACT_REPORT_STEERING;
	case CCS_AUD_HEADS_INTEL:
		return CCS_ACT_REPORT_INTEL;
	case CCS_AUD_DONORS:
		return CCS_ACT_REPORT_DONORS;
	default:
		return CCS_ACT_REPORT_RCC;
	}
}

/* The action that reads a stored report for @p a. */
static enum ccs_action
reader(enum ccs_audience a)
{
	if (a == CCS_AUD_HEADS_INTEL)
		return CCS_ACT_REPORT_READ_INTEL;
	if (a == CCS_AUD_DONORS)
		return CCS_ACT_CAPACITY_READ;
	return CCS_ACT_REPORT_READ;
}

static bool
readable(const struct ccs_principal *p, const char *audience,
    const char *state)
{
	enum ccs_audience a;

	return ccs_audience_parse(audience, &a) && ccs_policy_check(p,
	    reader(a), state) == CCS_OK;
}

static void
sha256_hex(const void *data, size_t len, char hex[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(hex, 65, h, sizeof(h));
}

/* Checks the request; fills @p ctx's period and state and @p aud. */
static int
check(struct ccs_db *db, const struct ccs_principal *p, const json_t *body,
    enum ccs_audience *aud, struct ccs_report_ctx *ctx, struct ccs_fail *f)
{
	const char *audience = ccs_jstr(body, "audience");
	char today[11];
	long long t;
	int rc;

	if (!ccs_audience_parse(audience, aud))
		return ccs_fail(f, CCS_EINVAL, "unknown_audience", "audience "
		    "must be consle, steering, heads_intel, donors or rcc");
	ctx->from = ccs_jstr(body, "from");
	ctx->to = ccs_jstr(body, "to");
	ctx->state = ccs_jstr(body, "state");
	rc = ccs_report_period_check(ctx->from, ctx->to, f);
	if (rc != CCS_OK)
		return rc;
	ccs_date_of((long long)ctx->now, today);
	if (strcmp(ctx->to, today) > 0)
		return ccs_fail(f, CCS_EINVAL, "future_period", "to (%s) is "
		    "after today (%s): a report covers what has happened",
		    ctx->to, today);
	if (ccs_audience_per_state(*aud) && ctx->state == NULL)
		return ccs_fail(f, CCS_EINVAL, "state_required", "state is "
		    "required for an rcc report: the ISO code of the state it "
		    "is about");
	if (!ccs_audience_per_state(*aud) && ctx->state != NULL)
		return ccs_fail(f, CCS_EINVAL, "state_not_applicable", "state "
		    "applies only to rcc reports; a %s report covers the "
		    "region", audience);
	if (ctx->state != NULL) {
		rc = ccs_state_known(db, ctx->state, "state", f);
		if (rc != CCS_OK)
			return rc;
	}
	rc = ccs_policy_check(p, maker(*aud), ctx->state);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden",
		    "your role may not make a %s report%s",
		    ccs_audience_name(*aud), ctx->state ? " for this state" :
		    "");
	(void)ccs_parse_time(ctx->from, &t);
	ctx->t0 = (int64_t)t;
	(void)ccs_parse_time(ctx->to, &t);
	ctx->t1 = (int64_t)t + 86400;
	ctx->audience = *aud;
	return CCS_OK;
}

/* The sections of the report's audience, each from its provider. */
static int
sections(const struct ccs_report_ctx *ctx, json_t *list, struct ccs_fail *f)
{
	const struct ccs_report_section *s;
	json_t *sec;
	size_t i, n;
	int rc;

	s = ccs_report_sections(&n);
	for (i = 0; i < n; i++) {
		if (!(s[i].audiences & CCS_AUD_BIT(ctx->audience)))
			continue;
		sec = json_pack("{s:s, s:s, s:b, s:[]}", "key", s[i].key,
		    "title", s[i].title, "available", 1, "blocks");
		if (sec == NULL || json_array_append_new(list, sec) != 0)
			return ccs_fail(f, CCS_ENOMEM, "internal",
			    "out of memory");
		rc = s[i].build(ctx, sec, f);
		if (rc != CCS_OK)
			return rc;
	}
	return CCS_OK;
}

int
ccs_report_build(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **snap, struct ccs_fail *f)
{
	struct ccs_report_cache cache = { NULL, NULL, NULL };
	struct ccs_report_ctx ctx;
	enum ccs_audience aud;
	json_t *s = NULL, *state = json_null();
	char cut[21];
	int rc;

	*snap = NULL;
	memset(&ctx, 0, sizeof(ctx));
	ctx.db = db;
	ctx.p = p;
	ctx.now = now;
	ctx.cache = &cache;
	rc = check(db, p, body, &aud, &ctx, f);
	if (rc != CCS_OK)
		return rc;
	ccs_time_fmt((long long)now, cut);
	s = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[]}", "audience",
	    ccs_audience_name(aud), "title", ccs_audience_title(aud), "tlp",
	    ccs_audience_tlp(aud), "from", ctx.from, "to", ctx.to,
	    "created_by", ccs_actor(p), "cutoff", cut, "sections");
	if (s == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	rc = sections(&ctx, json_object_get(s, "sections"), f);
	if (rc != CCS_OK)
		goto out;
	if (ctx.state != NULL) {
		state = json_pack("{s:s, s:s}", "code", ctx.state, "name",
		    cache.gaps_to ? ccs_report_state_name(cache.gaps_to,
		    ctx.state) : ctx.state);
	}
	if (state == NULL || json_object_set_new(s, "state", state) != 0) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	*snap = s;
	s = NULL;
out:
	json_decref(s);
	ccs_report_cache_clear(&cache);
	return rc;
}

struct rendition {
	const char	*format;	/* "pdf" */
	const char	*type;		/* media type */
	char		*data;		/* bytes, owned */
	size_t		 len;		/* their number */
	char		 sha[65];	/* hex SHA-256 */
};

static int
render(const json_t *snap, struct rendition r[NFORMATS])
{
	struct ccs_buf b;
	int rc;

	ccs_buf_init(&b, CCS_REPORT_PDF_MAX);
	rc = ccs_report_pdf(snap, &b);
	r[0].len = b.len;
	r[0].data = rc == CCS_OK ? ccs_buf_steal(&b) : NULL;
	ccs_buf_free(&b);
	if (rc == CCS_OK)
		rc = ccs_report_xlsx(snap, &r[1].data, &r[1].len);
	ccs_buf_init(&b, HTML_MAX);
	if (rc == CCS_OK)
		rc = ccs_report_html(snap, &b);
	r[2].len = b.len;
	r[2].data = rc == CCS_OK ? ccs_buf_steal(&b) : NULL;
	ccs_buf_free(&b);
	if (rc == CCS_OK && (r[0].data == NULL || r[2].data == NULL))
		rc = CCS_ENOMEM;
	return rc;
}

static int
store_file(struct ccs_db *db, int64_t id, const struct rendition *r)
{
	size_t n = sodium_base64_ENCODED_LEN(r->len,
	    sodium_base64_VARIANT_ORIGINAL);
	char *b64 = ccs_malloc(n);
	int rc;

	if (b64 == NULL)
		return CCS_ENOMEM;
	sodium_bin2base64(b64, n, (const unsigned char *)r->data, r->len,
	    sodium_base64_VARIANT_ORIGINAL);
	{
		const struct ccs_named np[] = {
			CCS_NAMED("id", CCS_VINT(id)),
			CCS_NAMED("format", CCS_VTEXT(r->format)),
			CCS_NAMED("type", CCS_VTEXT(r->type)),
			CCS_NAMED("size", CCS_VINT((int64_t)r->len)),
			CCS_NAMED("sha", CCS_VTEXT(r->sha)),
			CCS_NAMED("body", CCS_VTEXT(b64)),
		};

		rc = ccs_db_exec_named(db, "INSERT INTO report_files "
		    "(report_id, format, media_type, size, sha256, body) "
		    "VALUES (:id, :format, :type, :size, :sha, :body)", np,
		    CCS_NNAMED(np), NULL, NULL);
	}
	free(b64);
	return rc;
}

int
ccs_report_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	struct rendition r[NFORMATS] = {
		{ "pdf", TYPE_PDF, NULL, 0, "" },
		{ "xlsx", TYPE_XLSX, NULL, 0, "" },
		{ "html", TYPE_HTML, NULL, 0, "" },
	};
	json_t *snap = NULL, *change = NULL;
	char *text = NULL, sha[65];
	int64_t id = 0;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_report_build(db, p, body, now, &snap, f);
	if (rc != CCS_OK)
		return rc;
	text = json_dumps(snap, JSON_COMPACT | JSON_SORT_KEYS);
	if (text == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	sha256_hex(text, strlen(text), sha);
	rc = render(snap, r);
	if (rc != CCS_OK) {
		rc = ccs_fail(f, rc == CCS_ETOOBIG ? CCS_ETOOBIG : rc,
		    "render_failed", "the report could not be rendered (%s); "
		    "nothing was stored", ccs_strerror(rc));
		goto out;
	}
	for (i = 0; i < NFORMATS; i++)
		sha256_hex(r[i].data, r[i].len, r[i].sha);
	{
		const json_t *st = json_object_get(snap, "state");
		const struct ccs_named np[] = {
			CCS_NAMED("aud", CCS_VTEXT(ccs_jstr(snap, "audience"))),
			CCS_NAMED("title", CCS_VTEXT(ccs_jstr(snap, "title"))),
			CCS_NAMED("from", CCS_VTEXT(ccs_jstr(snap, "from"))),
			CCS_NAMED("to", CCS_VTEXT(ccs_jstr(snap, "to"))),
			CCS_NAMED("state", CCS_VTEXT(ccs_jstr(st, "code"))),
			CCS_NAMED("tlp", CCS_VTEXT(ccs_jstr(snap, "tlp"))),
			CCS_NAMED("by", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("by_id", p->user_id > 0 ?
			    CCS_VINT(p->user_id) : CCS_VNULL),
			CCS_NAMED("now", CCS_VINT(now)),
			CCS_NAMED("sha", CCS_VTEXT(sha)),
			CCS_NAMED("snap", CCS_VTEXT(text)),
		};

		rc = ccs_db_query_int_named(db, "INSERT INTO reports "
		    "(audience, title, period_from, period_to, state_code, "
		    "tlp, created_by, created_by_id, created_at, cutoff_at, "
		    "sha256, snapshot) VALUES (:aud, :title, :from, :to, "
		    ":state, :tlp, :by, :by_id, :now, :now, :sha, :snap) "
		    "RETURNING id", np, CCS_NNAMED(np), &id);
	}
	for (i = 0; i < NFORMATS && rc == CCS_OK; i++)
		rc = store_file(db, id, &r[i]);
	if (rc == CCS_OK) {
		change = json_pack("{s:s, s:s, s:s, s:s?, s:s}", "audience",
		    ccs_jstr(snap, "audience"), "from", ccs_jstr(snap, "from"),
		    "to", ccs_jstr(snap, "to"), "state", ccs_jstr(
		    json_object_get(snap, "state"), "code"), "sha256", sha);
		rc = change ? ccs_audit_record(db, p, "report.create",
		    "report", id, change, now) : CCS_ENOMEM;
	}
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	rc = ccs_report_get(db, p, id, out, f);
out:
	for (i = 0; i < NFORMATS; i++)
		free(r[i].data);
	free(text);
	json_decref(change);
	json_decref(snap);
	return rc;
}

static const char record_cols[] =
	"SELECT id, audience, title, period_from AS \"from\", period_to AS "
	"\"to\", state_code AS state, tlp, created_by, created_at, cutoff_at, "
	"sha256 FROM reports";

static int
files_of(struct ccs_db *db, json_t *rec)
{
	struct ccs_val v = CCS_VINT(json_integer_value(json_object_get(rec,
	    "id")));
	json_t *files = NULL;
	int rc;

	rc = ccs_db_query_json(db, "SELECT format, media_type, size, sha256 "
	    "FROM report_files WHERE report_id = $1 ORDER BY format", &v, 1,
	    &files);
	if (rc == CCS_OK && json_object_set_new(rec, "files", files) != 0)
		rc = CCS_ENOMEM;
	return rc;
}

int
ccs_report_get(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	struct ccs_buf sql;
	json_t *rec = NULL;
	int rc;

	*out = NULL;
	ccs_buf_init(&sql, 1024);
	rc = ccs_buf_printf(&sql, "%s WHERE id = $1", record_cols);
	if (rc == CCS_OK)
		rc = ccs_db_query_one(db, ccs_buf_str(&sql), &v, 1, &rec);
	ccs_buf_free(&sql);
	if (rc == CCS_ENOTFOUND || (rc == CCS_OK && !readable(p,
	    ccs_jstr(rec, "audience"), ccs_jstr(rec, "state")))) {
		json_decref(rec);
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no report %lld "
		    "that you may read", (long long)id);
	}
	if (rc == CCS_OK)
		rc = files_of(db, rec);
	if (rc != CCS_OK) {
		json_decref(rec);
		return ccs_dbfail(f, db, rc);
	}
	*out = rec;
	return CCS_OK;
}

int
ccs_report_read(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    int64_t now, json_t **out, struct ccs_fail *f)
{
	int rc;

	rc = ccs_report_get(db, p, id, out, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_audit_recordf(db, p, "report.read", "report", NULL, now,
	    "%lld/record", (long long)id);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
		return ccs_dbfail(f, db, rc);
	}
	return CCS_OK;
}

static const struct ccs_keyset_col report_cols[] = {
	{ "created_at", "created_at", CCS_KEYSET_INT, true },
	{ "title", "title", CCS_KEYSET_TEXT, false },
	{ "audience", "audience", CCS_KEYSET_TEXT, false },
	{ "period_from", "period_from", CCS_KEYSET_TEXT, true },
	{ "tlp", "tlp", CCS_KEYSET_TEXT, false },
};

static const char *const report_text[] = {
	"title", "audience", "COALESCE(state_code, '')", "tlp", "created_by",
};

static const struct ccs_listq_csvcol report_csv[] = {
	{ "id", "id", false }, { "title", "title", false },
	{ "audience", "audience", false }, { "state", "state", false },
	{ "from", "from", false }, { "to", "to", false },
	{ "tlp", "tlp", false }, { "created_by", "created_by", false },
	{ "created_at", "created_at", true }, { "sha256", "sha256", false },
};

const struct ccs_listq_def ccs_report_list_def = {
	.name = "reports",
	.select = "SELECT id, audience, title, period_from, period_from AS "
	    "\"from\", period_to AS \"to\", state_code AS state, tlp, "
	    "created_by, created_at, cutoff_at, sha256",
	.from = "FROM reports WHERE 1 = 1",
	.cols = report_cols,
	.ncols = sizeof(report_cols) / sizeof(report_cols[0]),
	.id_expr = "id", .text = report_text,
	.ntext = sizeof(report_text) / sizeof(report_text[0]),
	.date_expr = "created_at", .date_kind = CCS_LISTQ_UNIX,
	.csv = report_csv, .ncsv = sizeof(report_csv) / sizeof(report_csv[0]),
};

static int
files_row(struct ccs_db *db, json_t *row, const void *ctx)
{
	(void)ctx;
	return files_of(db, row);
}

/*
 * The reader's rule as SQL: readable() asked once for each audience and
 * state the archive holds, the pairs it allows written as literals (an
 * audience by its own name, a state only when it is two capitals), so
 * the total, every page and the CSV keep exactly the reports a single
 * read would answer.
 */
static int
readable_clause(struct ccs_db *db, const struct ccs_principal *p,
    struct ccs_listq *lq)
{
	enum ccs_audience a;
	const json_t *r;
	json_t *pairs = NULL;
	const char *st;
	size_t i;
	int rc;

	rc = ccs_db_query_json(db, "SELECT DISTINCT audience, state_code AS "
	    "state FROM reports", NULL, 0, &pairs);
	if (rc != CCS_OK)
		return rc;
	ccs_listq_where(lq, " AND (1 = 0");
	json_array_foreach(pairs, i, r) {
		st = ccs_jstr(r, "state");
		if (!ccs_audience_parse(ccs_jstr(r, "audience"), &a) ||
		    !readable(p, ccs_jstr(r, "audience"), st))
			continue;
		if (st == NULL)
			ccs_listq_where(lq, " OR (audience = '%s' AND "
			    "state_code IS NULL)", ccs_audience_name(a));
		else if (ccs_valid_iso2(st))
			ccs_listq_where(lq, " OR (audience = '%s' AND "
			    "state_code = '%s')", ccs_audience_name(a), st);
	}
	ccs_listq_where(lq, ")");
	json_decref(pairs);
	return CCS_OK;
}

int
ccs_report_query(struct ccs_db *db, const struct ccs_principal *p,
    const char *audience, struct ccs_keyset *ks, const char *q,
    int64_t from, int64_t to, struct ccs_listq **out, struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	enum ccs_audience a;
	int rc;

	*out = NULL;
	if (audience != NULL && !ccs_audience_parse(audience, &a))
		return ccs_fail(f, CCS_EINVAL, "unknown_audience", "audience "
		    "must be one of consle, steering, heads_intel, donors, "
		    "rcc");
	rc = ccs_listq_new(&ccs_report_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	rc = readable_clause(db, p, lq);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return ccs_dbfail(f, db, rc);
	}
	ccs_listq_eq(lq, "audience", CCS_VTEXT(audience));
	ccs_listq_each(lq, files_row, NULL);
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

int
ccs_report_file(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const char *format, bool audit, int64_t now, char **data,
    size_t *len, json_t **meta, struct ccs_fail *f)
{
	json_t *rec = NULL, *row = NULL;
	const char *b64;
	unsigned char *bin = NULL;
	size_t cap, n = 0;
	char sha[65], name[96];
	int rc;

	*data = NULL;
	*len = 0;
	*meta = NULL;
	if (!ccs_streq(format, "pdf") && !ccs_streq(format, "xlsx") &&
	    !ccs_streq(format, "html"))
		return ccs_fail(f, CCS_EINVAL, "invalid_format", "format must "
		    "be pdf, xlsx or html");
	rc = ccs_report_get(db, p, id, &rec, f);
	if (rc != CCS_OK)
		return rc;
	{
		const struct ccs_val v[] = { CCS_VINT(id), CCS_VTEXT(format) };

		rc = ccs_db_query_one(db, "SELECT format, media_type, size, "
		    "sha256, body FROM report_files WHERE report_id = $1 AND "
		    "format = $2", v, 2, &row);
	}
	if (rc != CCS_OK) {
		json_decref(rec);
		return rc == CCS_ENOTFOUND ? ccs_fail(f, CCS_ENOTFOUND,
		    "not_found", "report %lld has no %s rendition",
		    (long long)id, format) : ccs_dbfail(f, db, rc);
	}
	b64 = ccs_jstr(row, "body");
	cap = strlen(b64 != NULL ? b64 : "") / 4 * 3 + 3;
	bin = ccs_malloc(cap);
	if (bin == NULL || b64 == NULL || sodium_base642bin(bin, cap, b64,
	    strlen(b64), NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL) !=
	    0) {
		rc = bin == NULL ? CCS_ENOMEM : CCS_ECORRUPT;
		goto fail;
	}
	sha256_hex(bin, n, sha);
	if (!ccs_streq(sha, ccs_jstr(row, "sha256")) ||
	    (int64_t)n != json_integer_value(json_object_get(row, "size"))) {
		rc = CCS_ECORRUPT;
		goto fail;
	}
	(void)ccs_snprintf(name, sizeof(name), "ccscap-%s-report-%lld.%s",
	    ccs_jstr(rec, "audience"), (long long)id, format);
	json_object_del(row, "body");
	if (json_object_set_new(row, "filename", json_string(name)) != 0) {
		rc = CCS_ENOMEM;
		goto fail;
	}
	rc = audit ? ccs_audit_recordf(db, p, "report.read", "report", NULL,
	    now, "%lld/%s", (long long)id, format) : CCS_OK;
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	*data = (char *)bin;
	*len = n;
	*meta = row;
	bin = NULL;
	row = NULL;
	goto out;
fail:
	if (rc == CCS_ECORRUPT)
		rc = ccs_fail(f, CCS_ECORRUPT, "report_corrupt", "the stored "
		    "%s of report %lld does not match its SHA-256; it is not "
		    "served", format, (long long)id);
	else
		rc = ccs_fail(f, rc, "internal", "out of memory");
out:
	free(bin);
	json_decref(row);
	json_decref(rec);
	return rc;
}

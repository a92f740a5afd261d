/*
 * object_list.c: the list of stored STIX objects (objects.h) with the
 * read policy in the query (issue 15 item 1, docs/internals/LISTS.md
 * "Shared records").
 *
 * A page is one SQL statement: the date, word and type filters, the
 * reader's sets (ccs_reader_sets_where on the copy's marking), the keyset
 * after the cursor, the order and LIMIT, so the database stops after a
 * page. The name and description live in the body: they are read from
 * it in SQL (json_extract on SQLite, the json operators on PostgreSQL)
 * only when the words or the name order need them. The counts of each
 * type (the type picker) are one GROUP BY with the same clause, without
 * the type filter; the total is the count of the chosen type, or the sum.
 * No counts kind of reader_set_counts holds the copies, so an unfiltered
 * total is counted too. Each row is still confirmed by ccs_marking_view
 * before it is shown. The CSV reads the whole list through the same page
 * statement (ccs_keyset_collect).
 *
 * The name order compares the name in lower case (ASCII), its first 256
 * characters, ties broken by the row id.
 */
#include <stdlib.h>
#include <string.h>

#include "svc/interchange/objects.h"
#include "svc/sharing/lists.h"
#include "svc/sharing/marking.h"
#include "svc/sharing/reader_sets.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

/* Most rows of one CSV (each row is held while the file is written). */
#define WHOLE_MAX	100000

/* Dates, words, the reader's sets, the type, the keyset or the position
 * of a page, LIMIT: room for all. */
#define NPARAMS	(2 + CCS_KEYSET_WORDS + CCS_TLP_PRINCIPAL_KEYS + 1 + \
	CCS_KEYSET_NPARAMS + 1)

/* A top-level string member of the body, NULL when it is not a string. */
#define LSTR(k) "CASE WHEN json_type(o.body, '$." k "') = 'text' THEN " \
	"json_extract(o.body, '$." k "') END"
#define PSTR(k) "CASE WHEN json_typeof(CAST(o.body AS json) -> '" k \
	"') = 'string' THEN CAST(o.body AS json) ->> '" k "' END"

/* ccs_ixo_name() in SQL: the first non-empty string of these members. */
#define NAME(S) "(CASE WHEN o.type = 'sighting' THEN 'sighting' ELSE " \
	"COALESCE(NULLIF(" S("name") ", ''), NULLIF(" \
	S("relationship_type") ", ''), NULLIF(" S("value") ", ''), " \
	"NULLIF(" S("path") ", ''), NULLIF(" S("key") ", ''), NULLIF(" \
	S("number") ", ''), NULLIF(" S("iban") ", ''), NULLIF(" \
	S("abstract") ", ''), NULLIF(" S("opinion") ", ''), NULLIF(" \
	S("id") ", ''), '') END)"
#define NAME_SORT(S) "SUBSTR(LOWER(" NAME(S) "), 1, 256)"

#define COLS(S) { \
	{ "stored", "o.created_at", CCS_KEYSET_INT, true }, \
	{ "modified", "COALESCE(o.modified, '')", CCS_KEYSET_TEXT, true }, \
	{ "type", "o.type", CCS_KEYSET_TEXT, false }, \
	{ "name", NAME_SORT(S), CCS_KEYSET_TEXT, false } \
}

static const struct ccs_keyset_col cols_sqlite[CCS_IXO_NCOLS] = COLS(LSTR);
static const struct ccs_keyset_col cols_pg[CCS_IXO_NCOLS] = COLS(PSTR);

static bool
is_pg(const struct ccs_db *db)
{
	return ccs_streq(ccs_db_backend(db), "postgres");
}

const struct ccs_keyset_col *
ccs_ixo_list_cols(const struct ccs_db *db)
{
	return is_pg(db) ? cols_pg : cols_sqlite;
}

#define FROM " FROM stix_objects o JOIN markings m ON m.id = o.marking_id"

struct query {
	struct ccs_db			*db;
	const struct ccs_principal	*p;
	const struct ccs_ixo_filter	*flt;
	struct ccs_val			 v[NPARAMS];
	size_t				 np;	/* values of the WHERE clause */
	struct ccs_buf			 where;	/* without the type */
	struct ccs_buf			 sql;
	struct ccs_reader_keys		 keys;
};

/* " WHERE <dates> <words> <reader's sets>" into q->where. */
static int
where(struct query *q, struct ccs_keyset *ks)
{
	const char *words[] = { is_pg(q->db) ? NAME(PSTR) : NAME(LSTR),
	    is_pg(q->db) ? PSTR("description") : LSTR("description"),
	    "o.stix_id", "o.type" };
	int rc;

	q->np = 2;
	q->v[0] = CCS_VINT(q->flt->from);
	q->v[1] = CCS_VINT(q->flt->to);
	rc = ccs_buf_adds(&q->where, " WHERE o.created_at >= $1 AND "
	    "(CAST($2 AS BIGINT) = 0 OR o.created_at < $2)");
	if (rc == CCS_OK)
		rc = ccs_keyset_words(ks, &q->where, q->flt->q, words,
		    sizeof(words) / sizeof(words[0]), q->v, &q->np, NPARAMS);
	if (rc == CCS_OK)
		rc = ccs_reader_sets_where(&q->keys, "m.reader_set", &q->where,
		    q->v, &q->np, NPARAMS);
	return rc;
}

/* q->sql = <head> FROM ... WHERE ... [AND o.type = $n]; *np the values. */
static int
statement(struct query *q, const char *head, size_t *np)
{
	int rc;

	*np = q->np;
	ccs_buf_reset(&q->sql);
	rc = ccs_buf_adds(&q->sql, head);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&q->sql, FROM);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&q->sql, ccs_buf_str(&q->where));
	if (rc == CCS_OK && q->flt->type != NULL) {
		q->v[(*np)++] = CCS_VTEXT(q->flt->type);
		rc = ccs_buf_printf(&q->sql, " AND o.type = $%zu", *np);
	}
	return rc;
}

/* The shown name and modified of a row, from its body; the body goes. */
static int
from_body(json_t *row)
{
	const char *body = ccs_jstr(row, "body");
	json_t *obj = body ? json_loads(body, 0, NULL) : NULL;
	json_t *mod = json_object_get(obj, "modified");
	int rc = CCS_OK;

	if (json_object_set_new(row, "show_name", json_string(obj ?
	    ccs_ixo_name(obj) : "")) != 0 || json_object_set_new(row,
	    "show_modified", mod ? json_incref(mod) : json_null()) != 0)
		rc = CCS_ENOMEM;
	(void)json_object_del(row, "body");
	json_decref(obj);
	return rc;
}

/* One page after ks's position: rows the policy confirms, presented. */
static int
page(void *arg, struct ccs_keyset *ks, json_t **out)
{
	struct query *q = arg;
	bool name = ccs_streq(ccs_keyset_column(ks)->name, "name");
	json_t *row;
	size_t i, np;
	int rc;

	*out = NULL;
	rc = statement(q, name ? (is_pg(q->db) ? "SELECT o.id, o.stix_id, "
	    "o.type, o.created_at AS stored, COALESCE(o.modified, '') AS "
	    "modified, o.body, " NAME_SORT(PSTR) " AS name, "
	    CCS_MARKING_COLS : "SELECT o.id, o.stix_id, o.type, o.created_at "
	    "AS stored, COALESCE(o.modified, '') AS modified, o.body, "
	    NAME_SORT(LSTR) " AS name, " CCS_MARKING_COLS) : "SELECT o.id, "
	    "o.stix_id, o.type, o.created_at AS stored, COALESCE(o.modified, "
	    "'') AS modified, o.body, " CCS_MARKING_COLS, &np);
	if (rc == CCS_OK)
		rc = ccs_shared_page(q->db, q->p, ks, &q->sql, q->v, np,
		    NPARAMS, out);
	json_array_foreach(rc == CCS_OK ? *out : NULL, i, row) {
		rc = from_body(row);
		if (rc != CCS_OK)
			break;
	}
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* The counts of each type (no type filter) and the list's total. */
static int
types_of(struct query *q, json_t **types, int64_t *total)
{
	json_t *rows = NULL, *row, *n;
	size_t i;
	int rc;

	*types = NULL;
	*total = 0;
	ccs_buf_reset(&q->sql);
	rc = ccs_buf_adds(&q->sql, "SELECT o.type AS type, COUNT(*) AS n"
	    FROM);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&q->sql, ccs_buf_str(&q->where));
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&q->sql, " GROUP BY o.type");
	if (rc == CCS_OK)
		rc = ccs_db_query_json(q->db, ccs_buf_str(&q->sql), q->v, q->np,
		    &rows);
	if (rc != CCS_OK)
		return rc;
	*types = json_object();
	if (*types == NULL)
		rc = CCS_ENOMEM;
	json_array_foreach(rc == CCS_OK ? rows : NULL, i, row) {
		n = json_object_get(row, "n");
		if (q->flt->type == NULL || ccs_streq(q->flt->type,
		    ccs_jstr(row, "type")))
			*total += json_integer_value(n);
		if (ccs_jstr(row, "type") != NULL && json_object_set(*types,
		    ccs_jstr(row, "type"), n) != 0) {
			rc = CCS_ENOMEM;
			break;
		}
	}
	json_decref(rows);
	if (rc != CCS_OK) {
		json_decref(*types);
		*types = NULL;
	}
	return rc;
}

/*
 * The position of the page's first row in the whole list: the rows that
 * come before it in the chosen order (none without a way back).
 */
static int
offset_of(struct query *q, struct ccs_keyset *ks, const json_t *reply,
    int64_t total, int64_t *off)
{
	const struct ccs_keyset_col *c = ccs_keyset_column(ks);
	const json_t *first = json_array_get(json_object_get(reply, "items"),
	    0);
	const json_t *val = json_object_get(first, c->name);
	size_t np;
	int rc;

	*off = 0;
	if (json_is_null(json_object_get(reply, "prev_cursor")))
		return CCS_OK;
	if (first == NULL) {
		*off = total;	/* past the end */
		return CCS_OK;
	}
	rc = statement(q, "SELECT COUNT(*)", &np);
	if (rc != CCS_OK)
		return rc;
	if (np + 2 > NPARAMS)
		return CCS_ETOOBIG;
	q->v[np++] = c->kind == CCS_KEYSET_INT ? CCS_VINT(json_integer_value(
	    val)) : CCS_VTEXT(json_is_string(val) ? json_string_value(val) :
	    "");
	q->v[np++] = CCS_VINT(json_integer_value(json_object_get(first,
	    "id")));
	rc = ccs_buf_printf(&q->sql, " AND (%s %s $%zu OR (%s = $%zu AND "
	    "o.id %s $%zu))", c->expr, ccs_keyset_desc(ks) ? ">" : "<", np - 1,
	    c->expr, np - 1, ccs_keyset_desc(ks) ? ">" : "<", np);
	return rc != CCS_OK ? rc : ccs_db_query_int(q->db,
	    ccs_buf_str(&q->sql), q->v, np, off);
}

/* The items as the list shows them: the body's name and modified. */
static int
shown(json_t *rows)
{
	json_t *row, *it;
	size_t i;

	json_array_foreach(rows, i, row) {
		it = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O}",
		    "id", json_object_get(row, "id"), "stix_id",
		    json_object_get(row, "stix_id"), "type",
		    json_object_get(row, "type"), "name", json_object_get(row,
		    "show_name"), "modified", json_object_get(row,
		    "show_modified"), "stored_at", json_object_get(row,
		    "stored"), "tlp", json_object_get(row, "tlp"), "sharing",
		    json_object_get(row, "sharing"));
		if (it == NULL || json_array_set_new(rows, i, it) != 0)
			return CCS_ENOMEM;
	}
	return CCS_OK;
}

static int
list(struct query *q, struct ccs_keyset *ks, bool whole, json_t **out)
{
	json_t *rows = NULL, *types = NULL;
	int64_t total = 0, off = 0;
	int rc;

	if (whole) {
		rc = ccs_keyset_collect(ks, WHOLE_MAX, page, q, out);
		return rc != CCS_OK ? rc : shown(*out);
	}
	rc = types_of(q, &types, &total);
	if (rc == CCS_OK)
		rc = page(q, ks, &rows);
	if (rc == CCS_OK)
		rc = ccs_keyset_reply(ks, rows, total, out);
	if (rc == CCS_OK)
		rc = offset_of(q, ks, *out, total, &off);
	if (rc == CCS_OK)
		rc = shown(json_object_get(*out, "items"));
	if (rc == CCS_OK && json_object_set_new(*out, "offset",
	    json_integer(off)) != 0)
		rc = CCS_ENOMEM;
	if (rc == CCS_OK) {
		rc = json_object_set_new(*out, "types", types) != 0 ?
		    CCS_ENOMEM : CCS_OK;
		types = NULL;
	}
	json_decref(types);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int
ccs_ixo_list(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_ixo_filter *flt, struct ccs_keyset *ks, bool whole,
    json_t **out, struct ccs_fail *f)
{
	struct query q;
	int rc;

	*out = NULL;
	memset(&q, 0, sizeof(q));
	q.db = db;
	q.p = p;
	q.flt = flt;
	ccs_buf_init(&q.where, 16384);
	ccs_buf_init(&q.sql, 32768);
	ccs_reader_keys_of(p, &q.keys);
	rc = where(&q, ks);
	if (rc == CCS_OK)
		rc = list(&q, ks, whole, out);
	ccs_buf_free(&q.where);
	ccs_buf_free(&q.sql);
	if (rc == CCS_ETOOBIG && whole)
		return ccs_fail(f, rc, "export_too_large", "more than %d STIX "
		    "objects match: narrow the list with type, q, from or to",
		    WHOLE_MAX);
	if (rc == CCS_EINVAL)
		return ccs_fail(f, rc, "invalid_query", "q may hold at most %d "
		    "words", CCS_KEYSET_WORDS);
	if (rc == CCS_ENOMEM)
		return ccs_fail(f, rc, "internal", "out of memory");
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}

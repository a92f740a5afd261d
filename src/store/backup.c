/*
 * backup.c: backup and restore through the backend-neutral store interface.
 *
 * Backup reads every table of ccs_migrate_tables inside one read transaction
 * and streams it out row by row: the document's frame (braces, keys, commas)
 * is written with fputs, and every value, name and row goes through the
 * jansson encoder, so all escaping still happens in one place. Rows are
 * ordered by every column, so the same data always gives the same file.
 *
 * Restore trusts nothing in the file: it must be one JSON object of the
 * expected shape, the same schema version as the database, only tables this
 * build knows and, for each, exactly the live table's columns (names are
 * checked against [a-z0-9_] and against the catalog before they are quoted
 * into SQL; values only ever travel as bound parameters). Everything runs in
 * one write transaction, rolled back on the first error. The rows that
 * migrations seed (the audit chain head, reference lists) are deleted first
 * and come back from the file, so the result equals the backed-up database.
 *
 * A column that references its own table (organisations.parent_id) is
 * restored in two passes: rows go in with it NULL, then it is set once
 * every row exists, so a parent may come after its child in id order.
 *
 * The two catalog queries (columns, self-references) are the only dialect
 * differences here. Non-goals: partial restores, merging into live data,
 * restoring across schema versions.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "store/backup.h"
#include "store/migrate.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define MAX_COLS	64	/* as in the backends */
#define NAME_MAX_LEN	63	/* PostgreSQL's identifier limit */
#define SQL_MAX		8192	/* generated statements stay far below */
#define FORMAT_NAME	"ccscap-backup"

/** Column names of one table, in catalog order. */
struct colset {
	char	*names[MAX_COLS];	/* owned */
	size_t	 n;			/* number of names */
};

/** Self-referencing foreign keys of one table, as column indexes. */
struct selfref {
	size_t	 from[MAX_COLS];	/* referencing column */
	size_t	 to[MAX_COLS];		/* referenced (unique) column */
	size_t	 n;			/* number of pairs */
};

struct writer {
	FILE		*out;		/* borrowed stream */
	size_t		 nrows;		/* rows written for this table */
	bool		 bad_text;	/* a value was not valid UTF-8 */
};

/* Formats a reason into the caller's buffer; a long one ends in "...". */
static void __attribute__((format(printf, 3, 4)))
say(char *errmsg, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (errmsg == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(errmsg, errlen, fmt, ap);
	va_end(ap);
	if (n < 0)
		errmsg[0] = '\0';
	else if ((size_t)n >= errlen && errlen > 4)
		memcpy(errmsg + errlen - 4, "...", 4);
}

/* True for a name that may be quoted into SQL: [a-z0-9_]{1,63}. */
static bool
name_ok(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++, n++) {
		if ((*s < 'a' || *s > 'z') && (*s < '0' || *s > '9') &&
		    *s != '_')
			return false;
	}
	return n > 0 && n <= NAME_MAX_LEN;
}

static bool
known_table(const char *name)
{
	size_t i;

	for (i = 0; ccs_migrate_tables[i] != NULL; i++) {
		if (strcmp(ccs_migrate_tables[i], name) == 0)
			return true;
	}
	return false;
}

static bool
is_postgres(struct ccs_db *db)
{
	return strcmp(ccs_db_backend(db), "postgres") == 0;
}

static void
colset_free(struct colset *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->names[i]);
	c->n = 0;
}

static int
colset_cb(void *arg, const struct ccs_row *row)
{
	struct colset *c = arg;

	if (row->ncols < 1 || row->vals[0] == NULL)
		return CCS_EDB;
	if (c->n == MAX_COLS)
		return CCS_ETOOBIG;
	c->names[c->n] = ccs_strdup(row->vals[0]);
	if (c->names[c->n] == NULL)
		return CCS_ENOMEM;
	c->n++;
	return CCS_OK;
}

/*
 * Reads the live column names of @p table into @p out (empty when the
 * table does not exist); free with colset_free.
 */
static int
live_columns(struct ccs_db *db, const char *table, struct colset *out)
{
	struct ccs_val v = CCS_VTEXT(table);
	int rc;

	out->n = 0;
	rc = ccs_db_exec(db, is_postgres(db) ?
	    "SELECT attname FROM pg_attribute WHERE attrelid = "
	    "to_regclass($1) AND attnum > 0 AND NOT attisdropped "
	    "AND attgenerated = '' ORDER BY attnum" :
	    "SELECT name FROM pragma_table_info($1) ORDER BY cid",
	    &v, 1, colset_cb, out);
	if (rc != CCS_OK)
		colset_free(out);
	return rc;
}

/* True when @p name is in @p c; its index goes to *idx (may be NULL). */
static bool
colset_find(const struct colset *c, const char *name, size_t *idx)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		if (strcmp(c->names[i], name) == 0) {
			if (idx != NULL)
				*idx = i;
			return true;
		}
	}
	return false;
}

struct selfref_ctx {
	const struct colset	*cols;	/* the table's columns, file order */
	struct selfref		*out;	/* pairs found */
};

static int
selfref_cb(void *arg, const struct ccs_row *row)
{
	struct selfref_ctx *c = arg;
	size_t from, to;

	if (row->ncols < 2 || row->vals[0] == NULL || row->vals[1] == NULL)
		return CCS_OK;
	if (!colset_find(c->cols, row->vals[0], &from) ||
	    !colset_find(c->cols, row->vals[1], &to) || c->out->n == MAX_COLS)
		return CCS_OK;
	c->out->from[c->out->n] = from;
	c->out->to[c->out->n] = to;
	c->out->n++;
	return CCS_OK;
}

/*
 * Finds the single-column foreign keys of @p table that point at @p table
 * itself, as indexes into @p cols.
 */
static int
self_references(struct ccs_db *db, const char *table,
    const struct colset *cols, struct selfref *out)
{
	struct selfref_ctx c = { cols, out };
	struct ccs_val v = CCS_VTEXT(table);

	out->n = 0;
	return ccs_db_exec(db, is_postgres(db) ?
	    "SELECT a.attname, b.attname FROM pg_constraint c "
	    "JOIN pg_attribute a ON a.attrelid = c.conrelid AND "
	    "a.attnum = c.conkey[1] "
	    "JOIN pg_attribute b ON b.attrelid = c.confrelid AND "
	    "b.attnum = c.confkey[1] "
	    "WHERE c.contype = 'f' AND c.conrelid = to_regclass($1) AND "
	    "c.confrelid = c.conrelid AND cardinality(c.conkey) = 1" :
	    "SELECT \"from\", \"to\" FROM pragma_foreign_key_list($1) "
	    "WHERE \"table\" = $1 AND \"to\" IS NOT NULL AND id IN "
	    "(SELECT id FROM pragma_foreign_key_list($1) GROUP BY id "
	    "HAVING COUNT(*) = 1)",
	    &v, 1, selfref_cb, &c);
}

/* Appends "a", "b", ... (names already checked by name_ok). */
static int
add_names(struct ccs_buf *b, const struct colset *cols)
{
	size_t i;
	int rc = CCS_OK;

	for (i = 0; i < cols->n && rc == CCS_OK; i++)
		rc = ccs_buf_printf(b, "%s\"%s\"", i ? ", " : "",
		    cols->names[i]);
	return rc;
}

/* ---- backup ---- */

/* Encodes one JSON value (stolen) to the stream. */
static int
put_json(FILE *out, json_t *v)
{
	int rc;

	if (v == NULL)
		return CCS_ENOMEM;
	rc = json_dumpf(v, out, JSON_COMPACT | JSON_ENCODE_ANY) == 0 ?
	    CCS_OK : CCS_EIO;
	json_decref(v);
	return rc;
}

static int
put_str(FILE *out, const char *s)
{
	return fputs(s, out) == EOF ? CCS_EIO : CCS_OK;
}

static int
write_row_cb(void *arg, const struct ccs_row *row)
{
	struct writer *w = arg;
	json_t *arr, *v;
	int64_t iv;
	size_t i;
	int rc;

	arr = json_array();
	if (arr == NULL)
		return CCS_ENOMEM;
	for (i = 0; i < row->ncols; i++) {
		if (row->vals[i] == NULL) {
			v = json_null();
		} else if (row->types[i] == CCS_V_INT &&
		    ccs_parse_i64(row->vals[i], INT64_MIN, INT64_MAX, &iv) ==
		    CCS_OK) {
			v = json_integer(iv);
		} else {
			v = json_string(row->vals[i]);
			if (v == NULL)
				w->bad_text = true;
		}
		if (v == NULL || json_array_append_new(arr, v) != 0) {
			json_decref(arr);
			return w->bad_text ? CCS_EINVAL : CCS_ENOMEM;
		}
	}
	rc = put_str(w->out, w->nrows > 0 ? ",\n" : "\n");
	if (rc == CCS_OK)
		rc = put_json(w->out, arr);
	else
		json_decref(arr);
	if (rc == CCS_OK)
		w->nrows++;
	return rc;
}

/* Writes "name":{"columns":[...],"rows":[...]} for one table. */
static int
write_table(struct ccs_db *db, FILE *out, const char *table, char *errmsg,
    size_t errlen)
{
	struct colset cols = { .n = 0 };
	struct writer w = { out, 0, false };
	struct ccs_buf sql;
	json_t *names = NULL;
	size_t i;
	int rc;

	ccs_buf_init(&sql, SQL_MAX);
	rc = live_columns(db, table, &cols);
	if (rc != CCS_OK) {
		say(errmsg, errlen, "table %s: reading columns: %s", table,
		    ccs_db_errmsg(db));
		goto out;
	}
	if (cols.n == 0) {
		say(errmsg, errlen, "table %s is missing from the database "
		    "(is it migrated?)", table);
		rc = CCS_EDB;
		goto out;
	}
	names = json_array();
	if (names == NULL) {
		rc = CCS_ENOMEM;
		goto out;
	}
	for (i = 0; i < cols.n; i++) {
		if (!name_ok(cols.names[i])) {
			say(errmsg, errlen, "table %s: unexpected column name",
			    table);
			rc = CCS_EINVAL;
			goto out;
		}
		if (json_array_append_new(names, json_string(cols.names[i]))
		    != 0) {
			rc = CCS_ENOMEM;
			goto out;
		}
	}
	rc = ccs_buf_adds(&sql, "SELECT ");
	if (rc == CCS_OK)
		rc = add_names(&sql, &cols);
	if (rc == CCS_OK)
		rc = ccs_buf_printf(&sql, " FROM \"%s\" ORDER BY ", table);
	for (i = 0; i < cols.n && rc == CCS_OK; i++)
		rc = ccs_buf_printf(&sql, "%s%zu", i ? ", " : "", i + 1);
	if (rc != CCS_OK)
		goto out;

	rc = put_json(out, json_string(table));
	if (rc == CCS_OK)
		rc = put_str(out, ":{\"columns\":");
	if (rc == CCS_OK) {
		rc = put_json(out, names);
		names = NULL;
	}
	if (rc == CCS_OK)
		rc = put_str(out, ",\"rows\":[");
	if (rc != CCS_OK)
		goto io;
	rc = ccs_db_exec(db, ccs_buf_str(&sql), NULL, 0, write_row_cb, &w);
	if (rc == CCS_EIO || rc == CCS_ENOMEM)
		goto io;
	if (rc != CCS_OK) {
		if (w.bad_text)
			say(errmsg, errlen, "table %s, row index %zu: text is "
			    "not valid UTF-8", table, w.nrows);
		else
			say(errmsg, errlen, "table %s: %s", table,
			    ccs_db_errmsg(db));
		goto out;
	}
	rc = put_str(out, "]}");
io:
	if (rc != CCS_OK && errmsg != NULL && errlen > 0 && errmsg[0] == '\0')
		say(errmsg, errlen, "table %s: %s", table, ccs_strerror(rc));
out:
	json_decref(names);
	colset_free(&cols);
	ccs_buf_free(&sql);
	return rc;
}

int
ccs_backup_write(struct ccs_db *db, FILE *out, char *errmsg, size_t errlen)
{
	int64_t version;
	size_t i;
	int rc;

	if (errmsg != NULL && errlen > 0)
		errmsg[0] = '\0';
	rc = ccs_db_begin(db, false);
	if (rc != CCS_OK) {
		say(errmsg, errlen, "cannot start a read transaction: %s",
		    ccs_db_errmsg(db));
		return rc;
	}
	/*
	 * Read directly rather than through ccs_migrate_version, which may
	 * create the version table: a backup never writes.
	 */
	rc = ccs_db_query_int(db, "SELECT COALESCE(MAX(version), 0) FROM "
	    "schema_version", NULL, 0, &version);
	if (rc != CCS_OK) {
		say(errmsg, errlen, "cannot read the schema version (is this "
		    "a ccscap database?): %s", ccs_db_errmsg(db));
		goto fail;
	}
	rc = put_str(out, "{\"format\":");
	if (rc == CCS_OK)
		rc = put_json(out, json_string(FORMAT_NAME));
	if (rc == CCS_OK)
		rc = put_str(out, ",\"schema_version\":");
	if (rc == CCS_OK)
		rc = put_json(out, json_integer(version));
	if (rc == CCS_OK)
		rc = put_str(out, ",\"created_at\":");
	if (rc == CCS_OK)
		rc = put_json(out, json_integer((json_int_t)time(NULL)));
	if (rc == CCS_OK)
		rc = put_str(out, ",\"tables\":{");
	for (i = 0; ccs_migrate_tables[i] != NULL && rc == CCS_OK; i++) {
		if (i > 0)
			rc = put_str(out, ",\n");
		else
			rc = put_str(out, "\n");
		if (rc == CCS_OK)
			rc = write_table(db, out, ccs_migrate_tables[i], errmsg,
			    errlen);
	}
	if (rc == CCS_OK)
		rc = put_str(out, "}}\n");
	if (rc == CCS_OK && (fflush(out) == EOF || ferror(out)))
		rc = CCS_EIO;
	if (rc != CCS_OK)
		goto fail;
	rc = ccs_db_commit(db);
	if (rc != CCS_OK)
		say(errmsg, errlen, "commit failed: %s", ccs_db_errmsg(db));
	return rc;
fail:
	if (errmsg != NULL && errlen > 0 && errmsg[0] == '\0')
		say(errmsg, errlen, "writing the backup failed: %s",
		    ccs_strerror(rc));
	ccs_db_rollback(db);
	return rc;
}

/* ---- restore ---- */

struct reader {
	FILE	*in;		/* borrowed stream */
	size_t	 total;		/* bytes read so far */
	bool	 too_big;	/* went past CCS_BACKUP_MAX */
	bool	 io_error;	/* fread failed */
};

/* json_load_callback source that enforces the size cap on pipes too. */
static size_t
read_cb(void *buf, size_t len, void *arg)
{
	struct reader *r = arg;
	size_t n;

	n = fread(buf, 1, len, r->in);
	if (n == 0 && ferror(r->in)) {
		r->io_error = true;
		return (size_t)-1;
	}
	if (!ccs_add_sz(r->total, n, &r->total) ||
	    r->total > CCS_BACKUP_MAX) {
		r->too_big = true;
		return (size_t)-1;
	}
	return n;
}

/* Checks the top-level shape; @p tables gets the borrowed "tables". */
static int
check_document(const json_t *doc, json_t **tables, char *errmsg,
    size_t errlen)
{
	const char *key;
	json_t *v;

	if (!json_is_object(doc)) {
		say(errmsg, errlen, "not a ccscap backup: the document is not "
		    "a JSON object");
		return CCS_EINVAL;
	}
	json_object_foreach((json_t *)doc, key, v) {
		if (strcmp(key, "format") != 0 &&
		    strcmp(key, "schema_version") != 0 &&
		    strcmp(key, "created_at") != 0 &&
		    strcmp(key, "tables") != 0) {
			say(errmsg, errlen, "not a ccscap backup: unknown "
			    "member at top level");
			return CCS_EINVAL;
		}
	}
	v = json_object_get(doc, "format");
	if (!json_is_string(v) || strcmp(json_string_value(v),
	    FORMAT_NAME) != 0) {
		say(errmsg, errlen, "not a ccscap backup: \"format\" is not "
		    "\"%s\"", FORMAT_NAME);
		return CCS_EINVAL;
	}
	if (!json_is_integer(json_object_get(doc, "schema_version")) ||
	    !json_is_integer(json_object_get(doc, "created_at"))) {
		say(errmsg, errlen, "malformed backup: \"schema_version\" and "
		    "\"created_at\" must be integers");
		return CCS_EINVAL;
	}
	*tables = json_object_get(doc, "tables");
	if (!json_is_object(*tables)) {
		say(errmsg, errlen, "malformed backup: \"tables\" is not an "
		    "object");
		return CCS_EINVAL;
	}
	json_object_foreach(*tables, key, v) {
		if (!name_ok(key) || !known_table(key)) {
			say(errmsg, errlen, "malformed backup: unknown table "
			    "(only this version's tables can be restored)");
			return CCS_EINVAL;
		}
	}
	return CCS_OK;
}

/*
 * Checks one table's entry against the live schema: @p cols gets the
 * file's column names (all live, none twice, none missing).
 */
static int
check_table(struct ccs_db *db, const char *table, const json_t *entry,
    struct colset *cols, char *errmsg, size_t errlen)
{
	struct colset live = { .n = 0 };
	const json_t *jcols, *rows, *name;
	const char *key;
	json_t *v;
	size_t i;
	int rc;

	cols->n = 0;
	if (!json_is_object(entry)) {
		say(errmsg, errlen, "table %s: entry is not an object", table);
		return CCS_EINVAL;
	}
	json_object_foreach((json_t *)entry, key, v) {
		if (strcmp(key, "columns") != 0 && strcmp(key, "rows") != 0) {
			say(errmsg, errlen, "table %s: unknown member", table);
			return CCS_EINVAL;
		}
	}
	jcols = json_object_get(entry, "columns");
	rows = json_object_get(entry, "rows");
	if (!json_is_array(jcols) || !json_is_array(rows)) {
		say(errmsg, errlen, "table %s: \"columns\" and \"rows\" must "
		    "be arrays", table);
		return CCS_EINVAL;
	}
	rc = live_columns(db, table, &live);
	if (rc != CCS_OK) {
		say(errmsg, errlen, "table %s: reading columns: %s", table,
		    ccs_db_errmsg(db));
		return rc;
	}
	rc = CCS_EINVAL;
	if (json_array_size(jcols) != live.n) {
		say(errmsg, errlen, "table %s: the backup has %zu columns, "
		    "the database %zu", table, json_array_size(jcols), live.n);
		goto fail;
	}
	for (i = 0; i < json_array_size(jcols); i++) {
		name = json_array_get(jcols, i);
		if (!json_is_string(name) ||
		    !name_ok(json_string_value(name))) {
			say(errmsg, errlen, "table %s: column %zu has an "
			    "invalid name", table, i);
			goto fail;
		}
		if (!colset_find(&live, json_string_value(name), NULL)) {
			say(errmsg, errlen, "table %s: column \"%s\" does not "
			    "exist", table, json_string_value(name));
			goto fail;
		}
		if (colset_find(cols, json_string_value(name), NULL)) {
			say(errmsg, errlen, "table %s: column \"%s\" appears "
			    "twice", table, json_string_value(name));
			goto fail;
		}
		cols->names[cols->n] = ccs_strdup(json_string_value(name));
		if (cols->names[cols->n] == NULL) {
			rc = CCS_ENOMEM;
			goto fail;
		}
		cols->n++;
	}
	colset_free(&live);
	return CCS_OK;
fail:
	colset_free(&live);
	colset_free(cols);
	return rc;
}

/* Converts one JSON cell to a bound value (borrowing its string). */
static bool
cell_to_val(const json_t *cell, struct ccs_val *out)
{
	const char *s;

	switch (json_typeof(cell)) {
	case JSON_NULL:
		*out = CCS_VNULL;
		return true;
	case JSON_INTEGER:
		*out = CCS_VINT((int64_t)json_integer_value(cell));
		return true;
	case JSON_STRING:
		s = json_string_value(cell);
		/* a \u0000 inside would silently cut the text short */
		if (strlen(s) != json_string_length(cell))
			return false;
		*out = CCS_VTEXT(s);
		return true;
	default:
		return false;
	}
}

static bool
is_selfref_from(const struct selfref *refs, size_t col)
{
	size_t k;

	for (k = 0; k < refs->n; k++) {
		if (refs->from[k] == col)
			return true;
	}
	return false;
}

/* Inserts every row of one table (entry already checked). */
static int
restore_table(struct ccs_db *db, const char *table, const json_t *entry,
    const struct colset *cols, char *errmsg, size_t errlen)
{
	struct ccs_val params[MAX_COLS], up[2];
	struct selfref refs = { .n = 0 };
	const json_t *rows, *row, *from, *to;
	struct ccs_buf ins, upd;
	size_t r, i, k;
	int rc;

	ccs_buf_init(&ins, SQL_MAX);
	ccs_buf_init(&upd, SQL_MAX);
	rows = json_object_get(entry, "rows");
	rc = self_references(db, table, cols, &refs);
	if (rc != CCS_OK) {
		say(errmsg, errlen, "table %s: reading foreign keys: %s",
		    table, ccs_db_errmsg(db));
		goto out;
	}
	rc = ccs_buf_printf(&ins, "INSERT INTO \"%s\" (", table);
	if (rc == CCS_OK)
		rc = add_names(&ins, cols);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&ins, ") VALUES (");
	for (i = 0; i < cols->n && rc == CCS_OK; i++)
		rc = ccs_buf_printf(&ins, "%s$%zu", i ? ", " : "", i + 1);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&ins, ")");
	if (rc != CCS_OK)
		goto out;

	for (r = 0; r < json_array_size(rows); r++) {
		row = json_array_get(rows, r);
		if (!json_is_array(row) || json_array_size(row) != cols->n) {
			say(errmsg, errlen, "table %s, row index %zu: not an "
			    "array of %zu values", table, r, cols->n);
			rc = CCS_EINVAL;
			goto out;
		}
		for (i = 0; i < cols->n; i++) {
			if (!cell_to_val(json_array_get(row, i), &params[i])) {
				say(errmsg, errlen, "table %s, row index %zu: "
				    "column %s has an unsupported value", table,
				    r, cols->names[i]);
				rc = CCS_EINVAL;
				goto out;
			}
			if (is_selfref_from(&refs, i))
				params[i] = CCS_VNULL;
		}
		rc = ccs_db_exec(db, ccs_buf_str(&ins), params, cols->n, NULL,
		    NULL);
		if (rc != CCS_OK) {
			say(errmsg, errlen, "table %s, row index %zu: %s",
			    table, r, ccs_db_errmsg(db));
			goto out;
		}
	}

	/* Second pass: self-references, now that every row exists. */
	for (k = 0; k < refs.n; k++) {
		ccs_buf_reset(&upd);
		rc = ccs_buf_printf(&upd, "UPDATE \"%s\" SET \"%s\" = $1 WHERE "
		    "\"%s\" = $2", table, cols->names[refs.from[k]],
		    cols->names[refs.to[k]]);
		if (rc != CCS_OK)
			goto out;
		for (r = 0; r < json_array_size(rows); r++) {
			row = json_array_get(rows, r);
			from = json_array_get(row, refs.from[k]);
			to = json_array_get(row, refs.to[k]);
			if (json_is_null(from))
				continue;
			if (!cell_to_val(from, &up[0]) ||
			    !cell_to_val(to, &up[1]) || json_is_null(to)) {
				say(errmsg, errlen, "table %s, row index %zu: "
				    "cannot restore column %s", table, r,
				    cols->names[refs.from[k]]);
				rc = CCS_EINVAL;
				goto out;
			}
			rc = ccs_db_exec(db, ccs_buf_str(&upd), up, 2, NULL,
			    NULL);
			if (rc != CCS_OK) {
				say(errmsg, errlen, "table %s, row index %zu: "
				    "%s", table, r, ccs_db_errmsg(db));
				goto out;
			}
		}
	}
out:
	ccs_buf_free(&ins);
	ccs_buf_free(&upd);
	return rc;
}

/*
 * The wrapper store.c does not have yet: optional in the ops table (SQLite
 * needs nothing, its INTEGER PRIMARY KEY follows MAX(id)).
 */
static int
ccs_db_reset_id_sequence(struct ccs_db *db, const char *table)
{
	if (db->ops->reset_id_sequence == NULL)
		return CCS_OK;
	return db->ops->reset_id_sequence(db, table);
}

/*
 * Empties the first @p n tables, children first. Migrations seed rows (the
 * audit chain head, the list of sources) that the backup holds too, with
 * whatever values they had there; check_empty has made sure that nothing
 * else is here.
 */
static int
clear_seeded(struct ccs_db *db, size_t n, char *errmsg, size_t errlen)
{
	char sql[128];
	int rc;

	while (n > 0) {
		n--;
		rc = ccs_snprintf(sql, sizeof(sql), "DELETE FROM \"%s\"",
		    ccs_migrate_tables[n]);
		if (rc == CCS_OK)
			rc = ccs_db_exec(db, sql, NULL, 0, NULL, NULL);
		if (rc != CCS_OK) {
			say(errmsg, errlen, "table %s: clearing seeded rows: %s",
			    ccs_migrate_tables[n], ccs_db_errmsg(db));
			return rc;
		}
	}
	return CCS_OK;
}

/* Refuses a database that already holds user data. */
static int
check_empty(struct ccs_db *db, char *errmsg, size_t errlen)
{
	int64_t nstates, nusers;
	int rc;

	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM states", NULL, 0,
	    &nstates);
	if (rc == CCS_OK)
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM users", NULL, 0,
		    &nusers);
	if (rc != CCS_OK) {
		say(errmsg, errlen, "cannot inspect the database: %s",
		    ccs_db_errmsg(db));
		return rc;
	}
	if (nstates > 0 || nusers > 0) {
		say(errmsg, errlen, "refusing to restore: the database already "
		    "holds data (%lld states, %lld users); restore into a new, "
		    "freshly migrated database", (long long)nstates,
		    (long long)nusers);
		return CCS_ECONFLICT;
	}
	return CCS_OK;
}

int
ccs_backup_restore(struct ccs_db *db, FILE *in, char *errmsg, size_t errlen)
{
	struct colset *cols = NULL;
	struct reader rd = { in, 0, false, false };
	const char *table;
	json_error_t jerr;
	json_t *doc = NULL, *tables = NULL;
	struct stat sb;
	int64_t version, want;
	size_t i, ntables = 0, nknown = 0;
	int rc;

	if (errmsg != NULL && errlen > 0)
		errmsg[0] = '\0';
	if (fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (uintmax_t)sb.st_size > (uintmax_t)CCS_BACKUP_MAX) {
		say(errmsg, errlen, "backup file is larger than %zu bytes",
		    CCS_BACKUP_MAX);
		return CCS_ETOOBIG;
	}
	doc = json_load_callback(read_cb, &rd, JSON_REJECT_DUPLICATES, &jerr);
	if (doc == NULL) {
		if (rd.too_big) {
			say(errmsg, errlen, "backup is larger than %zu bytes",
			    CCS_BACKUP_MAX);
			return CCS_ETOOBIG;
		}
		if (rd.io_error) {
			say(errmsg, errlen, "cannot read the backup");
			return CCS_EIO;
		}
		/* jansson quotes the offending bytes: keep them printable */
		for (i = 0; jerr.text[i] != '\0'; i++) {
			if ((unsigned char)jerr.text[i] < 0x20 ||
			    jerr.text[i] == 0x7f)
				jerr.text[i] = '?';
		}
		say(errmsg, errlen, "backup is not valid JSON (truncated or "
		    "damaged?): line %d: %s", jerr.line, jerr.text);
		return CCS_EINVAL;
	}
	rc = check_document(doc, &tables, errmsg, errlen);
	if (rc != CCS_OK)
		goto out;
	want = (int64_t)json_integer_value(json_object_get(doc,
	    "schema_version"));
	for (nknown = 0; ccs_migrate_tables[nknown] != NULL; nknown++)
		continue;
	cols = ccs_calloc(nknown, sizeof(*cols));
	if (cols == NULL) {
		rc = CCS_ENOMEM;
		goto out;
	}

	rc = ccs_db_begin(db, true);
	if (rc != CCS_OK) {
		say(errmsg, errlen, "cannot start a write transaction: %s",
		    ccs_db_errmsg(db));
		goto out;
	}
	rc = ccs_migrate_version(db, &version);
	if (rc != CCS_OK) {
		say(errmsg, errlen, "cannot read the schema version: %s",
		    ccs_db_errmsg(db));
		goto fail;
	}
	if (version != ccs_migrate_latest()) {
		say(errmsg, errlen, "the database is at schema version %lld, "
		    "this ccscap expects %d: migrate it first",
		    (long long)version, ccs_migrate_latest());
		rc = CCS_EINVAL;
		goto fail;
	}
	if (version != want) {
		say(errmsg, errlen, "the backup has schema version %lld but "
		    "the database has %lld: restore with the matching ccscap "
		    "version into a database migrated by it", (long long)want,
		    (long long)version);
		rc = CCS_EINVAL;
		goto fail;
	}
	rc = check_empty(db, errmsg, errlen);
	if (rc != CCS_OK)
		goto fail;
	/* Check every table before writing anything. */
	for (i = 0; ccs_migrate_tables[i] != NULL; i++) {
		table = ccs_migrate_tables[i];
		if (json_object_get(tables, table) == NULL) {
			say(errmsg, errlen, "malformed backup: table %s is "
			    "missing", table);
			rc = CCS_EINVAL;
			goto fail;
		}
		rc = check_table(db, table, json_object_get(tables, table),
		    &cols[i], errmsg, errlen);
		if (rc != CCS_OK)
			goto fail;
		ntables = i + 1;
	}
	rc = clear_seeded(db, ntables, errmsg, errlen);
	if (rc != CCS_OK)
		goto fail;
	for (i = 0; i < ntables; i++) {
		table = ccs_migrate_tables[i];
		rc = restore_table(db, table, json_object_get(tables, table),
		    &cols[i], errmsg, errlen);
		if (rc != CCS_OK)
			goto fail;
	}
	for (i = 0; i < ntables; i++) {
		rc = ccs_db_reset_id_sequence(db, ccs_migrate_tables[i]);
		if (rc != CCS_OK) {
			say(errmsg, errlen, "table %s: resetting the id "
			    "sequence: %s", ccs_migrate_tables[i],
			    ccs_db_errmsg(db));
			goto fail;
		}
	}
	rc = ccs_db_commit(db);
	if (rc != CCS_OK)
		say(errmsg, errlen, "commit failed, nothing restored: %s",
		    ccs_db_errmsg(db));
	goto out;
fail:
	ccs_db_rollback(db);
out:
	for (i = 0; cols != NULL && i < nknown; i++)
		colset_free(&cols[i]);
	free(cols);
	json_decref(doc);
	return rc;
}

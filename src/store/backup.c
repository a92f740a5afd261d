/*
 * backup.c: writing a backup through the backend-neutral store interface
 * (restore.c reads it back).
 *
 * Backup reads every table of ccs_migrate_tables inside one read transaction
 * and streams it out row by row: the document's frame (braces, keys, commas)
 * is written with fputs, and every value, name and row goes through the
 * jansson encoder, so all escaping still happens in one place. Rows are
 * ordered by every column, so the same data always gives the same file.
 *
 * Memory does not grow with the database: SQLite hands over one row per
 * step, and on PostgreSQL (whose client library would otherwise buffer a
 * whole result) each table is read through a cursor, FETCH_ROWS rows at a
 * time. The catalog queries (backup_cat.c) are the only other dialect
 * difference.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "store/backup.h"
#include "store/backup_cat.h"
#include "store/migrate.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

/* Rows one FETCH reads on PostgreSQL: the most held in memory at once. */
#define FETCH_ROWS	1000
#define FETCH_SQL	"FETCH FORWARD 1000 FROM ccs_backup_rows"

struct writer {
	FILE		*out;		/* borrowed stream */
	size_t		 nrows;		/* rows written for this table */
	size_t		 batch;		/* rows of the current FETCH */
	bool		 bad_text;	/* a value was not valid UTF-8 */
};

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
	if (rc == CCS_OK) {
		w->nrows++;
		w->batch++;
	}
	return rc;
}

/*
 * Runs the SELECT in @p sql, writing each row. PostgreSQL reads it through
 * a cursor in FETCH_ROWS batches; SQLite steps through it row by row.
 */
static int
stream_rows(struct ccs_db *db, const char *sql, struct writer *w)
{
	struct ccs_buf decl;
	int rc;

	if (!ccs_bk_is_postgres(db))
		return ccs_db_exec(db, sql, NULL, 0, write_row_cb, w);
	ccs_buf_init(&decl, SQL_MAX + 64);
	rc = ccs_buf_printf(&decl, "DECLARE ccs_backup_rows NO SCROLL CURSOR "
	    "FOR %s", sql);
	if (rc == CCS_OK)
		rc = ccs_db_exec_script(db, ccs_buf_str(&decl));
	ccs_buf_free(&decl);
	if (rc != CCS_OK)
		return rc;
	do {
		w->batch = 0;
		rc = ccs_db_exec(db, FETCH_SQL, NULL, 0, write_row_cb, w);
	} while (rc == CCS_OK && w->batch == FETCH_ROWS);
	if (rc == CCS_OK)
		rc = ccs_db_exec_script(db, "CLOSE ccs_backup_rows");
	return rc;
}

/* Writes "name":{"columns":[...],"rows":[...]} for one table. */
static int
write_table(struct ccs_db *db, FILE *out, const char *table, char *errmsg,
    size_t errlen)
{
	struct ccs_bk_colset cols = { .n = 0 };
	struct writer w = { out, 0, 0, false };
	struct ccs_buf sql;
	json_t *names = NULL;
	size_t i;
	int rc;

	ccs_buf_init(&sql, SQL_MAX);
	rc = ccs_bk_live_columns(db, table, &cols);
	if (rc != CCS_OK) {
		ccs_bk_say(errmsg, errlen, "table %s: reading columns: %s",
		    table, ccs_db_errmsg(db));
		goto out;
	}
	if (cols.n == 0) {
		ccs_bk_say(errmsg, errlen, "table %s is missing from the "
		    "database (is it migrated?)", table);
		rc = CCS_EDB;
		goto out;
	}
	names = json_array();
	if (names == NULL) {
		rc = CCS_ENOMEM;
		goto out;
	}
	for (i = 0; i < cols.n; i++) {
		if (!ccs_bk_name_ok(cols.names[i])) {
			ccs_bk_say(errmsg, errlen, "table %s: unexpected "
			    "column name", table);
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
		rc = ccs_bk_add_names(&sql, &cols);
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
	rc = stream_rows(db, ccs_buf_str(&sql), &w);
	if (rc == CCS_EIO || rc == CCS_ENOMEM)
		goto io;
	if (rc != CCS_OK) {
		if (w.bad_text)
			ccs_bk_say(errmsg, errlen, "table %s, row index %zu: "
			    "text is not valid UTF-8", table, w.nrows);
		else
			ccs_bk_say(errmsg, errlen, "table %s: %s", table,
			    ccs_db_errmsg(db));
		goto out;
	}
	rc = put_str(out, "]}");
io:
	if (rc != CCS_OK && errmsg != NULL && errlen > 0 && errmsg[0] == '\0')
		ccs_bk_say(errmsg, errlen, "table %s: %s", table,
		    ccs_strerror(rc));
out:
	json_decref(names);
	ccs_bk_colset_free(&cols);
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
		ccs_bk_say(errmsg, errlen, "cannot start a read transaction: "
		    "%s", ccs_db_errmsg(db));
		return rc;
	}
	/*
	 * Read directly rather than through ccs_migrate_version, which may
	 * create the version table: a backup never writes.
	 */
	rc = ccs_db_query_int(db, "SELECT COALESCE(MAX(version), 0) FROM "
	    "schema_version", NULL, 0, &version);
	if (rc != CCS_OK) {
		ccs_bk_say(errmsg, errlen, "cannot read the schema version (is "
		    "this a ccscap database?): %s", ccs_db_errmsg(db));
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
		ccs_bk_say(errmsg, errlen, "commit failed: %s",
		    ccs_db_errmsg(db));
	return rc;
fail:
	if (errmsg != NULL && errlen > 0 && errmsg[0] == '\0')
		ccs_bk_say(errmsg, errlen, "writing the backup failed: %s",
		    ccs_strerror(rc));
	ccs_db_rollback(db);
	return rc;
}

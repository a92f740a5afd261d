/*
 * restore.c: reading a backup (backup.h) back into a database, as a
 * stream.
 *
 * The file is fed to yajl's event parser in slices of SLICE bytes and rows
 * are inserted as they are read: on PostgreSQL BATCH_ROWS at a time in one
 * multi-row INSERT (one round trip instead of 64; a batch also ends at
 * BATCH_TEXT bytes of text), on SQLite one by one (no round trips to
 * save; measured faster), so memory holds one slice, one batch and
 * yajl's lexer buffer, never a table or the file: a backup of any size
 * restores in bounded memory. A batch runs under a savepoint; if it fails,
 * its rows are tried one by one so the error names the row. A single
 * value larger than CCS_BACKUP_VALUE_MAX is refused (yajl would otherwise
 * buffer it whole).
 *
 * Restore trusts nothing in the file. The document must be one object
 * with "format", "schema_version" and "created_at" before "tables", the
 * same schema version as the database (a newer one is named as such),
 * then every table of ccs_migrate_tables in that order (the order backup
 * writes, parents first), each with "columns" (exactly the live table's
 * columns; names are checked against [a-z0-9_] and the catalog before they
 * are quoted into SQL) before "rows" (arrays of null, integers and
 * strings, bound as parameters). Everything runs in one write transaction
 * that is rolled back on the first error, so a file that is cut short,
 * damaged or from another version leaves the database as it was; the
 * message gives the byte offset (and the table and row) where reading
 * stopped. The rows that migrations seed (the audit chain head, reference
 * lists) are deleted first and come back from the file, so the result
 * equals the backed-up database.
 *
 * A column that references its own table (organisations.parent_id) goes in
 * NULL; its values wait in a temporary table and are set once the table's
 * last row is in, so a parent may come after its child and nothing of the
 * table is held in memory.
 *
 * markings.reader_set goes in NULL: it names a reader set of the backed-up
 * database, and the sets are derived (restore rebuilds them and sets the
 * column). Restored as it was, every incident and sighting inserted would
 * fire the count and ind_reads triggers of migrations 0031-0032 on rows
 * that are wiped afterwards, and on PostgreSQL the thousands of updates
 * of each count row in one transaction grow a chain of row versions that
 * every next update walks (the 100,000 incidents of the 1M-sighting list
 * benchmark took over eight minutes; bench/README.md). Non-goals:
 * partial restores, merging into live data, restoring across schema
 * versions.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "store/backup.h"
#include "store/backup_cat.h"
#include "store/migrate.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define SLICE		(64 * 1024)	/* bytes read and parsed at once */
#define BATCH_ROWS	64		/* rows per INSERT */
#define BATCH_TEXT	(1024 * 1024)	/* text bytes that end a batch */
#define TMP_PREFIX	"ccs_self_"	/* temporary table of self-refs */

/* Where the parser is in the document. */
enum rpos {
	P_START,	/* before the top-level object */
	P_TOP,		/* in it, expecting a key or its end */
	P_FORMAT,	/* expecting the value of "format" */
	P_VERSION,	/* ... of "schema_version" */
	P_CREATED,	/* ... of "created_at" */
	P_TABLES_OPEN,	/* expecting the object of "tables" */
	P_TABLES,	/* in it, expecting a table name or its end */
	P_ENTRY_OPEN,	/* expecting a table's object */
	P_ENTRY,	/* in it, expecting "columns", "rows" or its end */
	P_COLS_OPEN,	/* expecting the array of column names */
	P_COLS,		/* in it */
	P_ROWS_OPEN,	/* expecting the array of rows */
	P_ROWS,		/* in it, expecting a row or its end */
	P_ROW,		/* in a row, expecting a value or its end */
	P_DONE		/* after the top-level object */
};

/* Top-level members, as bits of struct restorer.seen. */
#define SEEN_FORMAT	1u
#define SEEN_VERSION	2u
#define SEEN_CREATED	4u
#define SEEN_TABLES	8u

struct restorer {
	struct ccs_db		*db;		/* borrowed */
	yajl_handle		 h;		/* the parser */
	char			*errmsg;	/* caller's, may be NULL */
	size_t			 errlen;	/* its size */
	int			 err;		/* sticky, CCS_OK if none */
	uint64_t		 fed;		/* bytes before this slice */
	uint64_t		 last_event;	/* position of the last event */
	enum rpos		 pos;		/* where we are */
	unsigned		 seen;		/* SEEN_* bits */
	unsigned		 entry_seen;	/* 1: columns, 2: rows */
	size_t			 next;		/* index of the next table */
	const char		*table;		/* current table, borrowed */
	struct ccs_bk_colset	 live;		/* its live columns */
	struct ccs_bk_colset	 cols;		/* its columns in the file */
	struct ccs_bk_selfref	 refs;		/* its self-references */
	bool			 involved[MAX_COLS];	/* in a self-ref */
	struct ccs_buf		 ins;		/* INSERT of one row */
	struct ccs_buf		 ins_batch;	/* INSERT of BATCH_ROWS */
	struct ccs_buf		 tmp_ins;	/* INSERT into the temp table */
	char			 tmp_name[80];	/* temp table, "" if none */
	size_t			 nrow;		/* rows of this table so far */
	size_t			 ncells;	/* values of the current row */
	struct ccs_val		 cells[MAX_COLS];	/* its values */
	size_t			 text_at[MAX_COLS];	/* text offsets */
	struct ccs_buf		 text;		/* strings of the batch */
	struct ccs_val		*batch;		/* rows read, not inserted */
	size_t			*batch_at;	/* their text offsets */
	size_t			 nbatch;	/* rows in batch */
	size_t			 batch_rows;	/* rows that fill it */
	bool			 derived;	/* has markings.reader_set */
	size_t			 derived_at;	/* its column */
};

/* The byte offset of the parser in the file. */
static uint64_t
position(const struct restorer *r)
{
	return r->fed + (uint64_t)yajl_get_bytes_consumed(r->h);
}

/*
 * Records the first error, prefixed with where it happened: the byte
 * offset and, inside a table, its name and row. Returns 0 so a callback
 * can return it to stop yajl.
 */
static int __attribute__((format(printf, 3, 4)))
fail(struct restorer *r, int rc, const char *fmt, ...)
{
	char msg[512], where[160];
	va_list ap;
	int n;

	if (r->err != CCS_OK)
		return 0;
	r->err = rc;
	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		msg[0] = '\0';
	if (r->table != NULL && (r->pos == P_ROW || r->pos == P_ROWS))
		(void)ccs_snprintf(where, sizeof(where), "at byte %" PRIu64
		    ", table %s, row index %zu", position(r), r->table,
		    r->nrow);
	else if (r->table != NULL)
		(void)ccs_snprintf(where, sizeof(where), "at byte %" PRIu64
		    ", table %s", position(r), r->table);
	else
		(void)ccs_snprintf(where, sizeof(where), "at byte %" PRIu64,
		    position(r));
	ccs_bk_say(r->errmsg, r->errlen, "%s: %s", where, msg);
	return 0;
}

/* Fails with the last database error. */
static int
fail_db(struct restorer *r, int rc, const char *what)
{
	return fail(r, rc, "%s: %s", what, ccs_db_errmsg(r->db));
}

static bool
seen_event(struct restorer *r)
{
	r->last_event = position(r);
	return r->err == CCS_OK;
}

/* ---- before the tables ---- */

/* Refuses a database that already holds user data. */
static int
check_empty(struct restorer *r)
{
	int64_t nstates = 0, nusers = 0;
	int rc;

	rc = ccs_db_query_int(r->db, "SELECT COUNT(*) FROM states", NULL, 0,
	    &nstates);
	if (rc == CCS_OK)
		rc = ccs_db_query_int(r->db, "SELECT COUNT(*) FROM users", NULL,
		    0, &nusers);
	if (rc != CCS_OK)
		return fail_db(r, rc, "cannot inspect the database");
	if (nstates > 0 || nusers > 0)
		return fail(r, CCS_ECONFLICT, "refusing to restore: the "
		    "database already holds data (%lld states, %lld users); "
		    "restore into a new, freshly migrated database",
		    (long long)nstates, (long long)nusers);
	return 1;
}

/*
 * Empties every table, children first. Migrations seed rows (the audit
 * chain head, the list of sources) that the backup holds too, with
 * whatever values they had there; check_empty made sure that nothing else
 * is here.
 */
static int
clear_seeded(struct restorer *r)
{
	char sql[128];
	size_t n;
	int rc;

	for (n = 0; ccs_migrate_tables[n] != NULL; n++)
		continue;
	while (n > 0) {
		n--;
		rc = ccs_snprintf(sql, sizeof(sql), "DELETE FROM \"%s\"",
		    ccs_migrate_tables[n]);
		if (rc == CCS_OK)
			rc = ccs_db_exec(r->db, sql, NULL, 0, NULL, NULL);
		if (rc != CCS_OK)
			return fail(r, rc, "table %s: clearing seeded rows: %s",
			    ccs_migrate_tables[n], ccs_db_errmsg(r->db));
	}
	return 1;
}

/* "tables" opens: the header has been read, check it against the db. */
static int
open_tables(struct restorer *r)
{
	int64_t have = 0;
	int rc;

	if ((r->seen & (SEEN_FORMAT | SEEN_VERSION | SEEN_CREATED)) !=
	    (SEEN_FORMAT | SEEN_VERSION | SEEN_CREATED))
		return fail(r, CCS_EINVAL, "not a ccscap backup: \"format\", "
		    "\"schema_version\" and \"created_at\" must come before "
		    "\"tables\"");
	rc = ccs_migrate_version(r->db, &have);
	if (rc != CCS_OK)
		return fail_db(r, rc, "cannot read the schema version");
	if (have != ccs_migrate_latest())
		return fail(r, CCS_EINVAL, "the database is at schema version "
		    "%lld, this ccscap expects %d: migrate it first",
		    (long long)have, ccs_migrate_latest());
	if (!check_empty(r) || !clear_seeded(r))
		return 0;
	r->pos = P_TABLES;
	return 1;
}

/* ---- one table ---- */

static void
table_reset(struct restorer *r)
{
	ccs_bk_colset_free(&r->live);
	ccs_bk_colset_free(&r->cols);
	memset(&r->refs, 0, sizeof(r->refs));
	memset(r->involved, 0, sizeof(r->involved));
	ccs_buf_reset(&r->ins);
	ccs_buf_reset(&r->ins_batch);
	ccs_buf_reset(&r->tmp_ins);
	ccs_buf_reset(&r->text);
	r->nbatch = 0;
	r->tmp_name[0] = '\0';
	r->nrow = 0;
	r->derived = false;
	r->entry_seen = 0;
}

/* A table name as key of "tables": the next one in order. */
static int
open_table(struct restorer *r, const char *name)
{
	const char *want = ccs_migrate_tables[r->next];
	int rc;

	if (!ccs_bk_name_ok(name) || !ccs_bk_known_table(name))
		return fail(r, CCS_EINVAL, "malformed backup: unknown table "
		    "(only this version's tables can be restored)");
	if (want == NULL || strcmp(name, want) != 0) {
		if (want != NULL)
			return fail(r, CCS_EINVAL, "malformed backup: table %s "
			    "is missing (or the tables are not in the order "
			    "backup writes them)", want);
		return fail(r, CCS_EINVAL, "malformed backup: table %s "
		    "appears twice", name);
	}
	table_reset(r);
	r->table = want;
	r->next++;
	rc = ccs_bk_live_columns(r->db, r->table, &r->live);
	if (rc != CCS_OK)
		return fail_db(r, rc, "reading columns");
	r->pos = P_ENTRY_OPEN;
	return 1;
}

/* A column name in "columns". */
static int
add_column(struct restorer *r, const char *name, size_t len)
{
	char *copy;

	if (len > NAME_MAX_LEN || strlen(name) != len ||
	    !ccs_bk_name_ok(name))
		return fail(r, CCS_EINVAL, "column %zu has an invalid name",
		    r->cols.n);
	if (!ccs_bk_colset_find(&r->live, name, NULL))
		return fail(r, CCS_EINVAL, "column \"%s\" does not exist",
		    name);
	if (ccs_bk_colset_find(&r->cols, name, NULL))
		return fail(r, CCS_EINVAL, "column \"%s\" appears twice",
		    name);
	if (r->cols.n == MAX_COLS)
		return fail(r, CCS_EINVAL, "too many columns");
	copy = ccs_strdup(name);
	if (copy == NULL)
		return fail(r, CCS_ENOMEM, "out of memory");
	r->cols.names[r->cols.n++] = copy;
	return 1;
}

/*
 * Makes the temporary table that holds the self-referencing values until
 * every row is in: same types as the table, the columns of the pairs.
 */
static int
make_tmp(struct restorer *r)
{
	struct ccs_bk_colset inv = { .n = 0 };
	struct ccs_buf sql;
	size_t i, k;
	int rc;

	for (k = 0; k < r->refs.n; k++) {
		r->involved[r->refs.from[k]] = true;
		r->involved[r->refs.to[k]] = true;
	}
	for (i = 0; i < r->cols.n; i++) {
		if (r->involved[i])
			inv.names[inv.n++] = r->cols.names[i];
	}
	rc = ccs_snprintf(r->tmp_name, sizeof(r->tmp_name), "%s%s",
	    TMP_PREFIX, r->table);
	if (rc != CCS_OK || strlen(r->tmp_name) > NAME_MAX_LEN) {
		r->tmp_name[0] = '\0';
		return fail(r, CCS_EINVAL, "table name too long");
	}
	ccs_buf_init(&sql, SQL_MAX);
	rc = ccs_buf_printf(&sql, "CREATE TEMP TABLE \"%s\" AS SELECT ",
	    r->tmp_name);
	if (rc == CCS_OK)
		rc = ccs_bk_add_names(&sql, &inv);
	if (rc == CCS_OK)
		rc = ccs_buf_printf(&sql, " FROM \"%s\" WHERE 1 = 0", r->table);
	if (rc == CCS_OK)
		rc = ccs_db_exec_script(r->db, ccs_buf_str(&sql));
	if (rc == CCS_OK)
		rc = ccs_buf_printf(&r->tmp_ins, "INSERT INTO \"%s\" (",
		    r->tmp_name);
	if (rc == CCS_OK)
		rc = ccs_bk_add_names(&r->tmp_ins, &inv);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&r->tmp_ins, ") VALUES (");
	for (i = 0; i < inv.n && rc == CCS_OK; i++)
		rc = ccs_buf_printf(&r->tmp_ins, "%s$%zu", i ? ", " : "",
		    i + 1);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&r->tmp_ins, ")");
	ccs_buf_free(&sql);
	if (rc != CCS_OK) {
		r->tmp_name[0] = '\0';
		return fail_db(r, rc, "preparing self-references");
	}
	return 1;
}

/* The INSERT of BATCH_ROWS rows: the one-row INSERT with more VALUES. */
static int
batch_sql(struct restorer *r)
{
	size_t i, k, n = 0;
	int rc;

	rc = ccs_buf_printf(&r->ins_batch, "INSERT INTO \"%s\" (", r->table);
	if (rc == CCS_OK)
		rc = ccs_bk_add_names(&r->ins_batch, &r->cols);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&r->ins_batch, ") VALUES ");
	for (k = 0; k < BATCH_ROWS && rc == CCS_OK; k++) {
		rc = ccs_buf_adds(&r->ins_batch, k ? ", (" : "(");
		for (i = 0; i < r->cols.n && rc == CCS_OK; i++)
			rc = ccs_buf_printf(&r->ins_batch, "%s$%zu", i ? ", " :
			    "", ++n);
		if (rc == CCS_OK)
			rc = ccs_buf_adds(&r->ins_batch, ")");
	}
	return rc;
}

/* "columns" closes: compare with the live table, prepare the INSERT. */
static int
close_columns(struct restorer *r)
{
	size_t i;
	int rc;

	if (r->cols.n != r->live.n)
		return fail(r, CCS_EINVAL, "the backup has %zu columns, the "
		    "database %zu", r->cols.n, r->live.n);
	rc = ccs_buf_printf(&r->ins, "INSERT INTO \"%s\" (", r->table);
	if (rc == CCS_OK)
		rc = ccs_bk_add_names(&r->ins, &r->cols);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&r->ins, ") VALUES (");
	for (i = 0; i < r->cols.n && rc == CCS_OK; i++)
		rc = ccs_buf_printf(&r->ins, "%s$%zu", i ? ", " : "", i + 1);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&r->ins, ")");
	if (rc == CCS_OK)
		rc = batch_sql(r);
	if (rc != CCS_OK)
		return fail(r, rc, "building the INSERT");
	rc = ccs_bk_self_references(r->db, r->table, &r->cols, &r->refs);
	if (rc != CCS_OK)
		return fail_db(r, rc, "reading foreign keys");
	if (r->refs.n > 0 && !make_tmp(r))
		return 0;
	r->derived = strcmp(r->table, "markings") == 0 &&
	    ccs_bk_colset_find(&r->cols, "reader_set", &r->derived_at);
	r->pos = P_ENTRY;
	return 1;
}

/* Keeps the self-references of the current row in the temp table. */
static int
keep_selfrefs(struct restorer *r)
{
	struct ccs_val v[MAX_COLS];
	bool any = false;
	size_t i, k, n = 0;
	int rc;

	for (k = 0; k < r->refs.n; k++) {
		if (r->cells[r->refs.from[k]].type == CCS_V_NULL)
			continue;
		if (r->cells[r->refs.to[k]].type == CCS_V_NULL)
			return fail(r, CCS_EINVAL, "cannot restore column %s",
			    r->cols.names[r->refs.from[k]]);
		any = true;
	}
	if (!any)
		return 1;
	for (i = 0; i < r->cols.n; i++) {
		if (r->involved[i])
			v[n++] = r->cells[i];
	}
	rc = ccs_db_exec(r->db, ccs_buf_str(&r->tmp_ins), v, n, NULL, NULL);
	if (rc != CCS_OK)
		return fail(r, rc, "%s", ccs_db_errmsg(r->db));
	return 1;
}

/*
 * Inserts the rows of the batch one by one: for a batch smaller than
 * BATCH_ROWS, and to find the row a failed batch INSERT stumbled on.
 */
static int
insert_singly(struct restorer *r, const struct ccs_val *vals)
{
	size_t k, first = r->nrow - r->nbatch;
	int rc;

	for (k = 0; k < r->nbatch; k++) {
		rc = ccs_db_exec(r->db, ccs_buf_str(&r->ins),
		    vals + k * r->cols.n, r->cols.n, NULL, NULL);
		if (rc != CCS_OK) {
			r->nrow = first + k;
			return fail(r, rc, "%s", ccs_db_errmsg(r->db));
		}
	}
	return 1;
}

/*
 * Inserts the rows read so far. A full batch goes in as one INSERT under
 * a savepoint; if it fails, the savepoint is rolled back and the rows are
 * tried one by one, so the error names the row, as it would without
 * batches (the transaction fails either way).
 */
static int
flush(struct restorer *r)
{
	size_t i, n = r->nbatch * r->cols.n;
	char msg[256];
	int rc;

	if (r->nbatch == 0)
		return 1;
	for (i = 0; i < n; i++) {
		if (r->batch[i].type == CCS_V_TEXT)
			r->batch[i].s = ccs_buf_str(&r->text) + r->batch_at[i];
	}
	if (r->nbatch < BATCH_ROWS) {
		rc = insert_singly(r, r->batch);
		goto out;
	}
	rc = ccs_db_exec_script(r->db, "SAVEPOINT ccs_restore_batch");
	if (rc != CCS_OK) {
		rc = fail_db(r, rc, "savepoint");
		goto out;
	}
	rc = ccs_db_exec(r->db, ccs_buf_str(&r->ins_batch), r->batch, n, NULL,
	    NULL);
	if (rc == CCS_OK) {
		rc = ccs_db_exec_script(r->db, "RELEASE SAVEPOINT "
		    "ccs_restore_batch");
		rc = rc == CCS_OK ? 1 : fail_db(r, rc, "savepoint");
		goto out;
	}
	(void)ccs_strlcpy(msg, ccs_db_errmsg(r->db), sizeof(msg));
	if (ccs_db_exec_script(r->db, "ROLLBACK TO SAVEPOINT "
	    "ccs_restore_batch") != CCS_OK) {
		rc = fail(r, rc, "%s", msg);
		goto out;
	}
	rc = insert_singly(r, r->batch);
	if (rc)
		rc = fail(r, CCS_EDB, "%s", msg);
out:
	r->nbatch = 0;
	ccs_buf_reset(&r->text);
	return rc;
}

/* A row's "]": keep it for the batch, which goes in when full. */
static int
close_row(struct restorer *r)
{
	struct ccs_val *dst;
	size_t i;

	if (r->ncells != r->cols.n)
		return fail(r, CCS_EINVAL, "not an array of %zu values",
		    r->cols.n);
	for (i = 0; i < r->ncells; i++) {
		if (r->cells[i].type == CCS_V_TEXT)
			r->cells[i].s = ccs_buf_str(&r->text) + r->text_at[i];
	}
	if (r->refs.n > 0 && !keep_selfrefs(r))
		return 0;
	for (i = 0; i < r->refs.n; i++)
		r->cells[r->refs.from[i]] = CCS_VNULL;
	if (r->derived)
		r->cells[r->derived_at] = CCS_VNULL;
	dst = r->batch + r->nbatch * r->cols.n;
	memcpy(dst, r->cells, r->cols.n * sizeof(*dst));
	memcpy(r->batch_at + r->nbatch * r->cols.n, r->text_at,
	    r->cols.n * sizeof(*r->batch_at));
	r->nbatch++;
	r->nrow++;
	r->pos = P_ROWS;
	if (r->nbatch == r->batch_rows || r->text.len > BATCH_TEXT)
		return flush(r);
	return 1;
}

/* A table's "}": set the self-references from the temp table. */
static int
close_table(struct restorer *r)
{
	struct ccs_buf sql;
	const char *from, *to;
	size_t k;
	int rc = CCS_OK;

	if (r->entry_seen != 3)
		return fail(r, CCS_EINVAL, "\"columns\" and \"rows\" must be "
		    "arrays");
	ccs_buf_init(&sql, SQL_MAX);
	for (k = 0; k < r->refs.n && rc == CCS_OK; k++) {
		from = r->cols.names[r->refs.from[k]];
		to = r->cols.names[r->refs.to[k]];
		ccs_buf_reset(&sql);
		rc = ccs_buf_printf(&sql, "UPDATE \"%s\" SET \"%s\" = (SELECT "
		    "s.\"%s\" FROM \"%s\" s WHERE s.\"%s\" = \"%s\".\"%s\") "
		    "WHERE \"%s\" IN (SELECT \"%s\" FROM \"%s\" WHERE \"%s\" "
		    "IS NOT NULL)", r->table, from, from, r->tmp_name, to,
		    r->table, to, to, to, r->tmp_name, from);
		if (rc == CCS_OK)
			rc = ccs_db_exec(r->db, ccs_buf_str(&sql), NULL, 0,
			    NULL, NULL);
	}
	if (rc == CCS_OK && r->tmp_name[0] != '\0') {
		ccs_buf_reset(&sql);
		rc = ccs_buf_printf(&sql, "DROP TABLE \"%s\"", r->tmp_name);
		if (rc == CCS_OK)
			rc = ccs_db_exec_script(r->db, ccs_buf_str(&sql));
	}
	ccs_buf_free(&sql);
	if (rc != CCS_OK)
		return fail_db(r, rc, "setting self-references");
	r->table = NULL;
	r->pos = P_TABLES;
	return 1;
}

/* ---- yajl callbacks ---- */

/* One value of the current row; text is copied into r->text. */
static int
add_cell(struct restorer *r, struct ccs_val v, const char *s, size_t len)
{
	size_t i = r->ncells;

	if (i == r->cols.n)
		return fail(r, CCS_EINVAL, "not an array of %zu values",
		    r->cols.n);
	if (v.type == CCS_V_TEXT) {
		/* a \u0000 inside would silently cut the text short */
		if (memchr(s, '\0', len) != NULL)
			return fail(r, CCS_EINVAL, "column %s has an "
			    "unsupported value", r->cols.names[i]);
		r->text_at[i] = r->text.len;
		if (ccs_buf_add(&r->text, s, len) != CCS_OK ||
		    ccs_buf_add(&r->text, "", 1) != CCS_OK)
			return fail(r, CCS_ETOOBIG, "the row is larger than "
			    "%zu bytes", (size_t)CCS_BACKUP_VALUE_MAX);
	}
	r->cells[i] = v;
	r->ncells++;
	return 1;
}

static int
bad_value(struct restorer *r)
{
	if (r->pos == P_ROW)
		return fail(r, CCS_EINVAL, "column %s has an unsupported value",
		    r->ncells < r->cols.n ? r->cols.names[r->ncells] : "?");
	return fail(r, CCS_EINVAL, "malformed backup: unexpected value");
}

static int
on_null(void *ctx)
{
	struct restorer *r = ctx;

	if (!seen_event(r))
		return 0;
	if (r->pos != P_ROW)
		return bad_value(r);
	return add_cell(r, CCS_VNULL, NULL, 0);
}

static int
on_boolean(void *ctx, int b)
{
	struct restorer *r = ctx;

	(void)b;
	if (!seen_event(r))
		return 0;
	return bad_value(r);
}

/*
 * Numbers arrive as their text (yajl's own integer conversion is not
 * used): only whole numbers within int64 are values of a backup.
 */
static int
on_number(void *ctx, const char *text, size_t len)
{
	struct restorer *r = ctx;
	char num[32];
	int64_t v = 0, have = 0;

	if (!seen_event(r))
		return 0;
	if (len >= sizeof(num) || memchr(text, '.', len) != NULL ||
	    memchr(text, 'e', len) != NULL || memchr(text, 'E', len) != NULL) {
		if (r->pos == P_VERSION || r->pos == P_CREATED)
			return fail(r, CCS_EINVAL, "malformed backup: "
			    "\"schema_version\" and \"created_at\" must be "
			    "integers");
		return bad_value(r);
	}
	memcpy(num, text, len);
	num[len] = '\0';
	if (ccs_parse_i64(num, INT64_MIN, INT64_MAX, &v) != CCS_OK)
		return bad_value(r);
	switch (r->pos) {
	case P_ROW:
		return add_cell(r, CCS_VINT(v), NULL, 0);
	case P_VERSION:
		if (v > ccs_migrate_latest())
			return fail(r, CCS_EINVAL, "the backup has schema "
			    "version %lld, newer than this ccscap (%d): "
			    "restore it with the ccscap that wrote it, or a "
			    "newer one",
			    (long long)v, ccs_migrate_latest());
		if (ccs_migrate_version(r->db, &have) != CCS_OK)
			return fail_db(r, CCS_EDB, "cannot read the schema "
			    "version");
		if (v != have)
			return fail(r, CCS_EINVAL, "the backup has schema "
			    "version %lld but the database has %lld: restore "
			    "with the matching ccscap version into a database "
			    "migrated by it", (long long)v, (long long)have);
		r->pos = P_TOP;
		return 1;
	case P_CREATED:
		r->pos = P_TOP;
		return 1;
	default:
		return bad_value(r);
	}
}

static int
on_string(void *ctx, const unsigned char *s, size_t len)
{
	struct restorer *r = ctx;
	char name[NAME_MAX_LEN + 2];

	if (!seen_event(r))
		return 0;
	switch (r->pos) {
	case P_ROW:
		return add_cell(r, CCS_VTEXT(""), (const char *)s, len);
	case P_FORMAT:
		if (len != strlen(FORMAT_NAME) || memcmp(s, FORMAT_NAME, len)
		    != 0)
			return fail(r, CCS_EINVAL, "not a ccscap backup: "
			    "\"format\" is not \"%s\"", FORMAT_NAME);
		r->pos = P_TOP;
		return 1;
	case P_COLS:
		if (len >= sizeof(name))
			return fail(r, CCS_EINVAL, "column %zu has an invalid "
			    "name", r->cols.n);
		memcpy(name, s, len);
		name[len] = '\0';
		return add_column(r, name, len);
	case P_VERSION:
	case P_CREATED:
		return fail(r, CCS_EINVAL, "malformed backup: "
		    "\"schema_version\" and \"created_at\" must be integers");
	default:
		return bad_value(r);
	}
}

static int
on_start_map(void *ctx)
{
	struct restorer *r = ctx;

	if (!seen_event(r))
		return 0;
	switch (r->pos) {
	case P_START:
		r->pos = P_TOP;
		return 1;
	case P_TABLES_OPEN:
		return open_tables(r);
	case P_ENTRY_OPEN:
		r->pos = P_ENTRY;
		return 1;
	default:
		if (r->pos == P_ROW)
			return bad_value(r);
		return fail(r, CCS_EINVAL, r->pos == P_TOP ? "not a ccscap "
		    "backup" : "malformed backup: unexpected object");
	}
}

/* A key of the top-level object. */
static int
top_key(struct restorer *r, const char *k, size_t len)
{
	static const struct {
		const char	*name;	/* member */
		unsigned	 bit;	/* SEEN_* */
		enum rpos	 pos;	/* where its value goes */
	} keys[] = {
		{ "format", SEEN_FORMAT, P_FORMAT },
		{ "schema_version", SEEN_VERSION, P_VERSION },
		{ "created_at", SEEN_CREATED, P_CREATED },
		{ "tables", SEEN_TABLES, P_TABLES_OPEN },
	};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (len != strlen(keys[i].name) ||
		    memcmp(k, keys[i].name, len) != 0)
			continue;
		if (r->seen & keys[i].bit)
			return fail(r, CCS_EINVAL, "malformed backup: \"%s\" "
			    "appears twice", keys[i].name);
		r->seen |= keys[i].bit;
		r->pos = keys[i].pos;
		return 1;
	}
	return fail(r, CCS_EINVAL, "not a ccscap backup: unknown member at "
	    "top level");
}

static int
on_map_key(void *ctx, const unsigned char *k, size_t len)
{
	struct restorer *r = ctx;
	char name[NAME_MAX_LEN + 2];

	if (!seen_event(r))
		return 0;
	switch (r->pos) {
	case P_TOP:
		return top_key(r, (const char *)k, len);
	case P_TABLES:
		if (len >= sizeof(name) || memchr(k, '\0', len) != NULL)
			return fail(r, CCS_EINVAL, "malformed backup: unknown "
			    "table (only this version's tables can be "
			    "restored)");
		memcpy(name, k, len);
		name[len] = '\0';
		return open_table(r, name);
	case P_ENTRY:
		if (len == 7 && memcmp(k, "columns", 7) == 0 &&
		    r->entry_seen == 0) {
			r->entry_seen = 1;
			r->pos = P_COLS_OPEN;
			return 1;
		}
		if (len == 4 && memcmp(k, "rows", 4) == 0 &&
		    r->entry_seen == 1) {
			r->entry_seen = 3;
			r->pos = P_ROWS_OPEN;
			return 1;
		}
		return fail(r, CCS_EINVAL, "unknown or repeated member (a "
		    "table has \"columns\", then \"rows\")");
	default:
		return bad_value(r);
	}
}

static int
on_end_map(void *ctx)
{
	struct restorer *r = ctx;

	if (!seen_event(r))
		return 0;
	switch (r->pos) {
	case P_TOP:
		if (!(r->seen & SEEN_TABLES))
			return fail(r, CCS_EINVAL, "malformed backup: no "
			    "\"tables\"");
		r->pos = P_DONE;
		return 1;
	case P_TABLES:
		if (ccs_migrate_tables[r->next] != NULL)
			return fail(r, CCS_EINVAL, "malformed backup: table %s "
			    "is missing", ccs_migrate_tables[r->next]);
		r->pos = P_TOP;
		return 1;
	case P_ENTRY:
		return close_table(r);
	default:
		return bad_value(r);
	}
}

static int
on_start_array(void *ctx)
{
	struct restorer *r = ctx;

	if (!seen_event(r))
		return 0;
	switch (r->pos) {
	case P_COLS_OPEN:
		r->pos = P_COLS;
		return 1;
	case P_ROWS_OPEN:
		if (r->cols.n == 0)
			return fail(r, CCS_EINVAL, "\"columns\" and \"rows\" "
			    "must be arrays");
		r->pos = P_ROWS;
		return 1;
	case P_ROWS:
		r->ncells = 0;
		r->pos = P_ROW;
		return 1;
	default:
		return bad_value(r);
	}
}

static int
on_end_array(void *ctx)
{
	struct restorer *r = ctx;

	if (!seen_event(r))
		return 0;
	switch (r->pos) {
	case P_COLS:
		return close_columns(r);
	case P_ROWS:
		if (!flush(r))
			return 0;
		r->pos = P_ENTRY;
		return 1;
	case P_ROW:
		return close_row(r);
	default:
		return bad_value(r);
	}
}

static const yajl_callbacks callbacks = {
	.yajl_null = on_null,
	.yajl_boolean = on_boolean,
	.yajl_number = on_number,
	.yajl_string = on_string,
	.yajl_start_map = on_start_map,
	.yajl_map_key = on_map_key,
	.yajl_end_map = on_end_map,
	.yajl_start_array = on_start_array,
	.yajl_end_array = on_end_array,
};

/* ---- driver ---- */

/* The reason yajl stopped, unless a callback already gave one. */
static void
parse_error(struct restorer *r, const unsigned char *buf, size_t len)
{
	unsigned char *e;
	size_t i;

	if (r->err != CCS_OK)
		return;
	e = yajl_get_error(r->h, 0, buf, len);
	if (e != NULL) {
		/* keep the quoted bytes printable */
		for (i = 0; e[i] != '\0'; i++) {
			if (e[i] < 0x20 || e[i] == 0x7f)
				e[i] = '?';
		}
	}
	(void)fail(r, CCS_EINVAL, "the backup is not valid JSON (damaged?): "
	    "%s", e != NULL ? (const char *)e : "parse error");
	if (e != NULL)
		yajl_free_error(r->h, e);
}

/* Reads @p in to its end through the parser. */
static int
feed(struct restorer *r, FILE *in)
{
	unsigned char *buf;
	yajl_status st;
	size_t n;

	buf = ccs_malloc(SLICE);
	if (buf == NULL) {
		(void)fail(r, CCS_ENOMEM, "out of memory");
		return r->err;
	}
	for (;;) {
		n = fread(buf, 1, SLICE, in);
		if (n == 0) {
			if (ferror(in))
				(void)fail(r, CCS_EIO, "cannot read the "
				    "backup");
			break;
		}
		st = yajl_parse(r->h, buf, n);
		if (st != yajl_status_ok) {
			parse_error(r, buf, n);
			break;
		}
		r->fed += n;
		/* a token still open in yajl's lexer grows with every slice */
		if (r->fed - r->last_event > (uint64_t)CCS_BACKUP_VALUE_MAX +
		    SLICE) {
			(void)fail(r, CCS_ETOOBIG, "a single value is larger "
			    "than %zu bytes", (size_t)CCS_BACKUP_VALUE_MAX);
			break;
		}
	}
	free(buf);
	if (r->err != CCS_OK)
		return r->err;
	st = yajl_complete_parse(r->h);
	if (st != yajl_status_ok || r->pos != P_DONE) {
		if (r->err == CCS_OK) {
			r->err = CCS_EINVAL;
			ccs_bk_say(r->errmsg, r->errlen, "at byte %" PRIu64
			    "%s%s: the backup ends before the document does: "
			    "the file is cut short (not valid JSON)", r->fed,
			    r->table != NULL ? ", in table " : "",
			    r->table != NULL ? r->table : "");
		}
		return r->err;
	}
	return CCS_OK;
}

/*
 * The wrapper store.c does not have: optional in the ops table (SQLite
 * needs nothing, its INTEGER PRIMARY KEY follows MAX(id)).
 */
static int
reset_id_sequence(struct ccs_db *db, const char *table)
{
	if (db->ops->reset_id_sequence == NULL)
		return CCS_OK;
	return db->ops->reset_id_sequence(db, table);
}

int
ccs_backup_restore(struct ccs_db *db, FILE *in, char *errmsg, size_t errlen)
{
	struct restorer r;
	size_t i;
	int rc;

	if (errmsg != NULL && errlen > 0)
		errmsg[0] = '\0';
	memset(&r, 0, sizeof(r));
	r.db = db;
	/*
	 * Batches save PostgreSQL's round trips; SQLite has none to save and
	 * measured faster row by row (bench/README.md).
	 */
	r.batch_rows = ccs_bk_is_postgres(db) ? BATCH_ROWS : 1;
	r.errmsg = errmsg;
	r.errlen = errlen;
	ccs_buf_init(&r.ins, SQL_MAX);
	ccs_buf_init(&r.ins_batch, (size_t)BATCH_ROWS * SQL_MAX);
	ccs_buf_init(&r.tmp_ins, SQL_MAX);
	ccs_buf_init(&r.text, CCS_BACKUP_VALUE_MAX + BATCH_TEXT);
	r.h = yajl_alloc(&callbacks, NULL, &r);
	r.batch = ccs_calloc((size_t)BATCH_ROWS * MAX_COLS, sizeof(*r.batch));
	r.batch_at = ccs_calloc((size_t)BATCH_ROWS * MAX_COLS,
	    sizeof(*r.batch_at));
	if (r.h == NULL || r.batch == NULL || r.batch_at == NULL) {
		rc = CCS_ENOMEM;
		goto out;
	}
	rc = ccs_db_begin(db, true);
	if (rc != CCS_OK) {
		ccs_bk_say(errmsg, errlen, "cannot start a write transaction: "
		    "%s", ccs_db_errmsg(db));
		goto out;
	}
	rc = feed(&r, in);
	for (i = 0; rc == CCS_OK && ccs_migrate_tables[i] != NULL; i++) {
		rc = reset_id_sequence(db, ccs_migrate_tables[i]);
		if (rc != CCS_OK)
			ccs_bk_say(errmsg, errlen, "table %s: resetting the id "
			    "sequence: %s", ccs_migrate_tables[i],
			    ccs_db_errmsg(db));
	}
	if (rc != CCS_OK) {
		ccs_db_rollback(db);
		goto out;
	}
	rc = ccs_db_commit(db);
	if (rc != CCS_OK)
		ccs_bk_say(errmsg, errlen, "commit failed, nothing restored: "
		    "%s", ccs_db_errmsg(db));
out:
	if (r.h != NULL)
		yajl_free(r.h);
	table_reset(&r);
	free(r.batch);
	free(r.batch_at);
	ccs_buf_free(&r.ins);
	ccs_buf_free(&r.ins_batch);
	ccs_buf_free(&r.tmp_ins);
	ccs_buf_free(&r.text);
	return rc;
}

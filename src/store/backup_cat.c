/*
 * backup_cat.c: what backup and restore read from the live catalog: the
 * columns of a table and its self-references, in both dialects, and the
 * checks of names before they are quoted into SQL. Private to store/
 * (backup_cat.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/backup_cat.h"
#include "store/migrate.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

/* Formats a reason into the caller's buffer; a long one ends in "...". */
void
ccs_bk_say(char *errmsg, size_t errlen, const char *fmt, ...)
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
bool
ccs_bk_name_ok(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++, n++) {
		if ((*s < 'a' || *s > 'z') && (*s < '0' || *s > '9') &&
		    *s != '_')
			return false;
	}
	return n > 0 && n <= NAME_MAX_LEN;
}

bool
ccs_bk_known_table(const char *name)
{
	size_t i;

	for (i = 0; ccs_migrate_tables[i] != NULL; i++) {
		if (strcmp(ccs_migrate_tables[i], name) == 0)
			return true;
	}
	return false;
}

bool
ccs_bk_is_postgres(struct ccs_db *db)
{
	return strcmp(ccs_db_backend(db), "postgres") == 0;
}

void
ccs_bk_colset_free(struct ccs_bk_colset *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->names[i]);
	c->n = 0;
}

static int
colset_cb(void *arg, const struct ccs_row *row)
{
	struct ccs_bk_colset *c = arg;

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
int
ccs_bk_live_columns(struct ccs_db *db, const char *table,
    struct ccs_bk_colset *out)
{
	struct ccs_val v = CCS_VTEXT(table);
	int rc;

	out->n = 0;
	rc = ccs_db_exec(db, ccs_bk_is_postgres(db) ?
	    "SELECT attname FROM pg_attribute WHERE attrelid = "
	    "to_regclass($1) AND attnum > 0 AND NOT attisdropped "
	    "AND attgenerated = '' ORDER BY attnum" :
	    "SELECT name FROM pragma_table_info($1) ORDER BY cid",
	    &v, 1, colset_cb, out);
	if (rc != CCS_OK)
		ccs_bk_colset_free(out);
	return rc;
}

/* True when @p name is in @p c; its index goes to *idx (may be NULL). */
bool
ccs_bk_colset_find(const struct ccs_bk_colset *c, const char *name,
    size_t *idx)
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

struct bk_selfref_ctx {
	const struct ccs_bk_colset	*cols;	/* the table's columns */
	struct ccs_bk_selfref		*out;	/* pairs found */
};

static int
selfref_cb(void *arg, const struct ccs_row *row)
{
	struct bk_selfref_ctx *c = arg;
	size_t from, to;

	if (row->ncols < 2 || row->vals[0] == NULL || row->vals[1] == NULL)
		return CCS_OK;
	if (!ccs_bk_colset_find(c->cols, row->vals[0], &from) ||
	    !ccs_bk_colset_find(c->cols, row->vals[1], &to) ||
	    c->out->n == MAX_COLS)
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
int
ccs_bk_self_references(struct ccs_db *db, const char *table,
    const struct ccs_bk_colset *cols, struct ccs_bk_selfref *out)
{
	struct bk_selfref_ctx c = { cols, out };
	struct ccs_val v = CCS_VTEXT(table);

	out->n = 0;
	return ccs_db_exec(db, ccs_bk_is_postgres(db) ?
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
int
ccs_bk_add_names(struct ccs_buf *b, const struct ccs_bk_colset *cols)
{
	size_t i;
	int rc = CCS_OK;

	for (i = 0; i < cols->n && rc == CCS_OK; i++)
		rc = ccs_buf_printf(b, "%s\"%s\"", i ? ", " : "",
		    cols->names[i]);
	return rc;
}

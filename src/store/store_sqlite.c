/*
 * store_sqlite.c: the embedded SQLite backend. One connection per pool slot,
 * WAL journal, foreign keys on, a busy timeout, and a small per-connection
 * cache of prepared statements keyed by SQL text (the hot read paths run the
 * same few statements). Placeholders are $1..$N in the shared SQL text; SQLite
 * sees them as named parameters, so they are bound by name.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/store.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define STMT_CACHE	64
#define MAX_COLS	64

struct cached_stmt {
	char		*sql;	/* owned copy of the SQL text */
	sqlite3_stmt	*stmt;	/* prepared, persistent */
	unsigned long	 used;	/* last use tick, for eviction */
};

struct sqlite_db {
	struct ccs_db		 base;	/* must be first */
	sqlite3			*h;	/* connection */
	struct cached_stmt	 cache[STMT_CACHE];	/* statement cache */
	unsigned long		 tick;	/* use counter */
	char			 err[256];	/* last error */
};

static int
map_rc(struct sqlite_db *d, int rc)
{
	int ext = sqlite3_extended_errcode(d->h);

	(void)ccs_snprintf(d->err, sizeof(d->err), "%s", sqlite3_errmsg(d->h));
	switch (ext) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return CCS_ECONFLICT;
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return CCS_EREF;
	case SQLITE_CONSTRAINT_CHECK:
	case SQLITE_CONSTRAINT_NOTNULL:
		return CCS_EINVAL;
	default:
		break;
	}
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return CCS_EBUSY;
	if (rc == SQLITE_NOMEM)
		return CCS_ENOMEM;
	if (rc == SQLITE_TOOBIG)
		return CCS_ETOOBIG;
	return CCS_EDB;
}

static int
sq_connect(const char *target, struct ccs_db **out, char *errmsg,
    size_t errlen)
{
	struct sqlite_db *d;
	char *emsg = NULL;
	int rc;

	d = ccs_calloc(1, sizeof(*d));
	if (d == NULL)
		return CCS_ENOMEM;
	rc = sqlite3_open_v2(target, &d->h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		(void)ccs_snprintf(errmsg, errlen, "%s: %s", target,
		    d->h ? sqlite3_errmsg(d->h) : "cannot open");
		goto fail;
	}
	sqlite3_extended_result_codes(d->h, 1);
	sqlite3_busy_timeout(d->h, 5000);
	rc = sqlite3_exec(d->h, "PRAGMA journal_mode=WAL;"
	    "PRAGMA foreign_keys=ON;PRAGMA synchronous=NORMAL;", NULL, NULL,
	    &emsg);
	if (rc != SQLITE_OK) {
		(void)ccs_snprintf(errmsg, errlen, "%s: %s", target,
		    emsg ? emsg : "cannot configure");
		sqlite3_free(emsg);
		goto fail;
	}
	*out = &d->base;
	return CCS_OK;
fail:
	sqlite3_close(d->h);
	free(d);
	return CCS_EDB;
}

static void
sq_disconnect(struct ccs_db *db)
{
	struct sqlite_db *d = (struct sqlite_db *)db;
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < STMT_CACHE; i++) {
		sqlite3_finalize(d->cache[i].stmt);
		free(d->cache[i].sql);
	}
	sqlite3_close(d->h);
	free(d);
}

static int sq_exec(struct ccs_db *, const char *, const struct ccs_val *,
    size_t, ccs_row_cb, void *);

/* BEGIN, COMMIT, ROLLBACK: through the statement cache, as they run on
 * every request. */
static int
simple(struct sqlite_db *d, const char *sql)
{
	return sq_exec(&d->base, sql, NULL, 0, NULL, NULL);
}

static int
sq_begin(struct ccs_db *db, bool write)
{
	return simple((struct sqlite_db *)db,
	    write ? "BEGIN IMMEDIATE" : "BEGIN");
}

static int
sq_commit(struct ccs_db *db)
{
	return simple((struct sqlite_db *)db, "COMMIT");
}

static int
sq_rollback(struct ccs_db *db)
{
	return simple((struct sqlite_db *)db, "ROLLBACK");
}

static int
prepare(struct sqlite_db *d, const char *sql, sqlite3_stmt **out)
{
	struct cached_stmt *slot = NULL, *c;
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc;

	d->tick++;
	for (i = 0; i < STMT_CACHE; i++) {
		c = &d->cache[i];
		if (c->sql != NULL && strcmp(c->sql, sql) == 0) {
			c->used = d->tick;
			*out = c->stmt;
			return CCS_OK;
		}
		if (slot == NULL || c->sql == NULL ||
		    (slot->sql != NULL && c->used < slot->used))
			slot = c;
	}
	rc = sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL);
	if (rc != SQLITE_OK)
		return map_rc(d, rc);
	sqlite3_finalize(slot->stmt);
	free(slot->sql);
	slot->sql = ccs_strdup(sql);
	if (slot->sql == NULL) {
		sqlite3_finalize(st);
		slot->stmt = NULL;
		return CCS_ENOMEM;
	}
	slot->stmt = st;
	slot->used = d->tick;
	*out = st;
	return CCS_OK;
}

static int
bind_all(struct sqlite_db *d, sqlite3_stmt *st, const struct ccs_val *p,
    size_t n)
{
	const char *pname;
	char name[24];
	size_t i;
	int idx, rc;

	for (i = 0; i < n; i++) {
		if (ccs_snprintf(name, sizeof(name), "$%zu", i + 1) != CCS_OK ||
		    i >= (size_t)INT_MAX)
			return CCS_EINVAL;
		/*
		 * SQLite numbers parameters in order of first use, which in
		 * our SQL is $1, $2, ...: check that first, as the lookup by
		 * name scans every name (slow for a restore's 64-row INSERT).
		 */
		pname = sqlite3_bind_parameter_name(st, (int)i + 1);
		if (pname != NULL && strcmp(pname, name) == 0)
			idx = (int)i + 1;
		else
			idx = sqlite3_bind_parameter_index(st, name);
		if (idx == 0)
			continue;
		switch (p[i].type) {
		case CCS_V_INT:
			rc = sqlite3_bind_int64(st, idx, p[i].i);
			break;
		case CCS_V_TEXT:
			rc = sqlite3_bind_text(st, idx, p[i].s, -1,
			    SQLITE_STATIC);
			break;
		default:
			rc = sqlite3_bind_null(st, idx);
			break;
		}
		if (rc != SQLITE_OK)
			return map_rc(d, rc);
	}
	return CCS_OK;
}

static int
sq_exec(struct ccs_db *db, const char *sql, const struct ccs_val *params,
    size_t nparams, ccs_row_cb cb, void *arg)
{
	struct sqlite_db *d = (struct sqlite_db *)db;
	const char *names[MAX_COLS], *vals[MAX_COLS];
	enum ccs_val_type types[MAX_COLS];
	struct ccs_row row;
	sqlite3_stmt *st = NULL;
	bool owned = false;
	int rc, src, i, ncols;

	rc = prepare(d, sql, &st);
	if (rc != CCS_OK)
		return rc;
	if (sqlite3_stmt_busy(st)) {
		/* The same SQL runs inside its own row callback: resetting the
		 * cached statement would end the outer loop, so use a new one. */
		rc = sqlite3_prepare_v2(d->h, sql, -1, &st, NULL);
		if (rc != SQLITE_OK)
			return map_rc(d, rc);
		owned = true;
	}
	rc = bind_all(d, st, params, nparams);
	if (rc != CCS_OK)
		goto out;
	ncols = sqlite3_column_count(st);
	if (ncols > MAX_COLS) {
		rc = CCS_EINVAL;
		goto out;
	}
	for (;;) {
		src = sqlite3_step(st);
		if (src == SQLITE_DONE)
			break;
		if (src != SQLITE_ROW) {
			rc = map_rc(d, src);
			goto out;
		}
		if (cb == NULL)
			continue;
		for (i = 0; i < ncols; i++) {
			/* The type first: column_text converts in place. */
			int ct = sqlite3_column_type(st, i);

			names[i] = sqlite3_column_name(st, i);
			types[i] = ct == SQLITE_INTEGER ? CCS_V_INT : CCS_V_TEXT;
			vals[i] = ct == SQLITE_NULL ? NULL :
			    (const char *)sqlite3_column_text(st, i);
		}
		row.ncols = (size_t)ncols;
		row.names = names;
		row.vals = vals;
		row.types = types;
		rc = cb(arg, &row);
		if (rc != CCS_OK)
			goto out;
	}
	rc = CCS_OK;
out:
	if (owned) {
		sqlite3_finalize(st);
	} else {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	return rc;
}

static int
sq_exec_script(struct ccs_db *db, const char *sql)
{
	struct sqlite_db *d = (struct sqlite_db *)db;
	int rc;

	rc = sqlite3_exec(d->h, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? CCS_OK : map_rc(d, rc);
}

static const char *
sq_errmsg(struct ccs_db *db)
{
	return ((struct sqlite_db *)db)->err;
}

const struct ccs_store_ops ccs_store_sqlite_ops = {
	.version = 1,
	.name = "sqlite",
	.connect = sq_connect,
	.disconnect = sq_disconnect,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.exec = sq_exec,
	.exec_script = sq_exec_script,
	.reset_id_sequence = NULL,
	.errmsg = sq_errmsg,
};

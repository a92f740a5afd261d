/*
 * store.h: the one storage interface. A ccs_store is a pool of connections
 * to one backend (SQLite or PostgreSQL); a ccs_db is one connection checked
 * out of the pool for the length of one transaction. Everything above this
 * layer speaks SQL text that both dialects accept, with $1..$N placeholders;
 * the few dialect differences live in the backends and in the migration
 * tokens (see migrate.c).
 */
#ifndef CCS_STORE_H
#define CCS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "ccs_config.h"

struct ccs_store;
struct ccs_db;

enum ccs_val_type {
	CCS_V_NULL = 0,	/* SQL NULL */
	CCS_V_INT,	/* 64-bit integer in .i */
	CCS_V_TEXT	/* NUL-terminated UTF-8 in .s (borrowed) */
};

/** One bound parameter. */
struct ccs_val {
	enum ccs_val_type	 type;	/* which member is set */
	int64_t			 i;	/* CCS_V_INT value */
	const char		*s;	/* CCS_V_TEXT value, borrowed */
};

/** A text parameter; NULL @p s binds SQL NULL. */
static inline struct ccs_val
ccs_vtext(const char *s)
{
	struct ccs_val v = { s ? CCS_V_TEXT : CCS_V_NULL, 0, s };

	return v;
}

#define CCS_VINT(x)	((struct ccs_val){ .type = CCS_V_INT, .i = (x) })
#define CCS_VTEXT(x)	ccs_vtext(x)
#define CCS_VNULL	((struct ccs_val){ .type = CCS_V_NULL })

/** One result row; all pointers borrowed until the callback returns. */
struct ccs_row {
	size_t			 ncols;	/* number of columns */
	const char *const	*names;	/* column names */
	const char *const	*vals;	/* text of each value, NULL for NULL */
	const enum ccs_val_type	*types;	/* CCS_V_INT for integer columns */
};

/** Called once per row; a non-zero return stops and is returned by exec. */
typedef int (*ccs_row_cb)(void *arg, const struct ccs_row *row);

/**
 * The backend ops table. Backends embed struct ccs_db as the first member of
 * their connection struct. Optional methods may be NULL.
 */
struct ccs_store_ops {
	int		 version;	/* 1 */
	const char	*name;		/* "sqlite" or "postgres" */
	/* open one connection to @p target; errmsg gets a reason */
	int	(*connect)(const char *target, struct ccs_db **out,
		    char *errmsg, size_t errlen);
	void	(*disconnect)(struct ccs_db *);
	/* begin a transaction; @p write takes the write lock up front */
	int	(*begin)(struct ccs_db *, bool write);
	int	(*commit)(struct ccs_db *);
	int	(*rollback)(struct ccs_db *);
	int	(*exec)(struct ccs_db *, const char *sql,
		    const struct ccs_val *params, size_t nparams,
		    ccs_row_cb cb, void *arg);
	/* run several ;-separated statements without parameters */
	int	(*exec_script)(struct ccs_db *, const char *sql);
	/* after rows were inserted with explicit ids (restore) */
	int	(*reset_id_sequence)(struct ccs_db *, const char *table);
	/* last error text of this connection; borrowed */
	const char *(*errmsg)(struct ccs_db *);
};

/** Common head of every backend connection. */
struct ccs_db {
	const struct ccs_store_ops	*ops;	/* backend */
	struct ccs_db			*next;	/* free-list link in the pool */
	bool				 in_tx;	/* inside begin..commit */
	bool				 failed;	/* a statement failed in tx */
	unsigned long			 fault_nth;	/* fail this exec */
	unsigned long			 fault_calls;	/* execs since armed */
	int				 fault_rc;	/* what it returns */
};

/**
 * Opens a pool of @p pool_size connections to @p uri: "sqlite:PATH" (or a
 * bare path) or "postgres://..." / "postgresql://...".
 * @return CCS_OK with *out set (free with ccs_store_close), or an error with
 * a reason in @p errmsg (may be NULL).
 */
int	ccs_store_open(const char *uri, unsigned pool_size,
	    struct ccs_store **out /* OUT */, char *errmsg, size_t errlen);
void	ccs_store_close(struct ccs_store *store);
/** "sqlite" or "postgres"; borrowed. */
const char *ccs_store_backend(const struct ccs_store *store);

/** Checks a connection out of the pool, waiting if all are in use. */
struct ccs_db *ccs_store_acquire(struct ccs_store *store);
/** Returns @p db to the pool, rolling back any open transaction. */
void	ccs_store_release(struct ccs_store *store, struct ccs_db *db);

int	ccs_db_begin(struct ccs_db *db, bool write);
int	ccs_db_commit(struct ccs_db *db);
/** Rolls back if a transaction is open; safe to call twice. */
void	ccs_db_rollback(struct ccs_db *db);
const char *ccs_db_backend(const struct ccs_db *db);
const char *ccs_db_errmsg(struct ccs_db *db);

/**
 * Runs one statement. Errors: CCS_ECONFLICT for a unique violation,
 * CCS_EREF for a foreign-key violation, CCS_EINVAL for a CHECK violation,
 * CCS_EBUSY when locked, CCS_EDB otherwise.
 */
int	ccs_db_exec(struct ccs_db *db, const char *sql,
	    const struct ccs_val *params, size_t nparams, ccs_row_cb cb,
	    void *arg);
int	ccs_db_exec_script(struct ccs_db *db, const char *sql);

/**
 * Fault injection for tests (style rule 11): the @p nth call of
 * ccs_db_exec on @p db from now on (every query wrapper goes through it)
 * fails with @p rc without reaching the backend, and marks the transaction
 * failed as a real failed statement does. One shot; @p nth 0 disarms. The
 * counter lives in the connection, so there is no global state, and
 * product code never arms it.
 */
void	ccs_db_fault_arm(struct ccs_db *db, unsigned long nth, int rc);
/** Calls of ccs_db_exec on @p db since ccs_db_fault_arm. */
unsigned long ccs_db_fault_calls(const struct ccs_db *db);

/**
 * Runs a query and returns its rows as a new JSON array of objects
 * (integers as JSON integers, NULL as null). Caller decrefs *out.
 */
int	ccs_db_query_json(struct ccs_db *db, const char *sql,
	    const struct ccs_val *params, size_t nparams, json_t **out /* OUT */);
/**
 * Like ccs_db_query_json for at most one row: *out is a new object, or
 * NULL with CCS_ENOTFOUND when there is no row.
 */
int	ccs_db_query_one(struct ccs_db *db, const char *sql,
	    const struct ccs_val *params, size_t nparams, json_t **out /* OUT */);
/** Runs a query returning one integer (e.g. COUNT(*) or RETURNING id). */
int	ccs_db_query_int(struct ccs_db *db, const char *sql,
	    const struct ccs_val *params, size_t nparams, int64_t *out /* OUT */);

/** Backends, for the wrappers and for tests. */
extern const struct ccs_store_ops ccs_store_sqlite_ops;
#if CCS_HAVE_POSTGRES
extern const struct ccs_store_ops ccs_store_pg_ops;
#endif

#endif

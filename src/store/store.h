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
struct ccs_buf;

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
	char				 named_err[512];	/* or "" */
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

/** What the pool has done since it opened (for /metrics). */
struct ccs_store_stats {
	unsigned	size;		/* connections in the pool */
	unsigned	in_use;		/* checked out now */
	unsigned	waiting;	/* callers waiting now */
	uint64_t	acquires;	/* checkouts */
	uint64_t	waits;		/* checkouts that had to wait */
	uint64_t	wait_us;	/* time spent waiting, summed */
};

/** Copies the pool's counters into @p out, consistent with each other. */
void	ccs_store_stats(struct ccs_store *store,
	    struct ccs_store_stats *out /* OUT */);
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

/*
 * Named parameters (named.c). SQL with more than a few parameters names
 * them: "... WHERE marking = :marking AND state = :state" with
 *
 *	const struct ccs_named np[] = {
 *		CCS_NAMED("marking", CCS_VINT(m)),
 *		CCS_NAMED("state", CCS_VTEXT(s)),
 *	};
 *
 * The store rewrites each :name to $k, k in order of first appearance (a
 * name used twice binds once), and runs the positional path, so both
 * backends and their statement caches see one deterministic text per call
 * site. String literals ('it''s'), quoted identifiers ("a:b"), -- and
 * non-nested block comments, and casts (x::text) are left alone. Not
 * understood, and not to be used in named SQL: E'' and dollar-quoted
 * strings, backtick or [bracket] identifiers, array slices a[i:j].
 */
#define CCS_NAMED_MAX		32	/* distinct names in one statement */
#define CCS_NAMED_NAME_MAX	63	/* bytes of one name, without ':' */
#define CCS_NAMED_SQL_MAX	16384	/* bytes of SQL text */

/** One named parameter. */
struct ccs_named {
	const char	*name;	/* [A-Za-z_][A-Za-z0-9_]*, no colon; borrowed */
	struct ccs_val	 val;	/* its value, borrowed like ccs_val */
};

#define CCS_NAMED(n, v)	{ (n), (v) }
/** The number of pairs in the array @p np (not a pointer). */
#define CCS_NNAMED(np)	(sizeof(np) / sizeof((np)[0]))

/**
 * Rewrites the :name placeholders of @p sql to $1..$k. Pure (no store),
 * public for the unit tests and the fuzzer.
 * @param out OUT: initialised here; on CCS_OK the rewritten text, which the
 * caller frees with ccs_buf_free; left empty on error
 * @param vals OUT: at least CCS_NAMED_MAX slots; vals[k-1] binds $k
 * @param nvals OUT: number of $k used
 * @param err reason on error (may be NULL)
 * @return CCS_OK, CCS_ENOMEM, or CCS_EINVAL for: a name in @p sql not in
 * @p np, a name in @p np not used, a duplicate or malformed name in @p np,
 * more than CCS_NAMED_MAX names, SQL longer than CCS_NAMED_SQL_MAX, a $n
 * placeholder, or an unterminated literal, identifier or comment
 */
int	ccs_sql_named(const char *sql, const struct ccs_named *np,
	    size_t nnp, struct ccs_buf *out /* OUT */,
	    struct ccs_val *vals /* OUT */, size_t *nvals /* OUT */,
	    char *err, size_t errlen);

/*
 * The positional calls with named parameters: same ownership and return
 * values, plus CCS_EINVAL when ccs_sql_named refuses the text; then the
 * statement does not run, ccs_db_errmsg names the reason and quotes the
 * SQL, and an open transaction is marked failed as by a failed statement.
 */
int	ccs_db_exec_named(struct ccs_db *db, const char *sql,
	    const struct ccs_named *np, size_t nnp, ccs_row_cb cb, void *arg);
/** ccs_db_query_json with named parameters; caller decrefs *out. */
int	ccs_db_query_json_named(struct ccs_db *db, const char *sql,
	    const struct ccs_named *np, size_t nnp, json_t **out /* OUT */);
/** ccs_db_query_one with named parameters; caller decrefs *out. */
int	ccs_db_query_one_named(struct ccs_db *db, const char *sql,
	    const struct ccs_named *np, size_t nnp, json_t **out /* OUT */);
/** ccs_db_query_int with named parameters. */
int	ccs_db_query_int_named(struct ccs_db *db, const char *sql,
	    const struct ccs_named *np, size_t nnp, int64_t *out /* OUT */);

/** Backends, for the wrappers and for tests. */
extern const struct ccs_store_ops ccs_store_sqlite_ops;
#if CCS_HAVE_POSTGRES
extern const struct ccs_store_ops ccs_store_pg_ops;
#endif

#endif

/*
 * store_pg.c: the PostgreSQL backend over libpq.
 *
 * One PGconn per pool slot, opened from the full postgres:// URI. Every
 * statement goes through a per-connection cache of server-side prepared
 * statements keyed by SQL text (at most STMT_CACHE, least recently used
 * evicted with DEALLOCATE), so the hot paths are parsed and planned once per
 * connection. The queries of lists are not (list_query): after five runs
 * PostgreSQL would keep a generic plan for them, which cannot see how
 * selective a reader's keys or a keyset cursor are, and a deep page read
 * every row from the cursor to the end and sorted them (bench/README.md,
 * "TLP-filtered lists on PostgreSQL"); they run as unnamed statements,
 * planned for their values each time. Parameters and results travel in
 * text format: integers are formatted as decimal text, and result columns
 * of type int2/int4/int8 (and numeric, see pg_exec) are reported as
 * CCS_V_INT so the JSON layer keeps them numeric, like the SQLite backend
 * does.
 *
 * Isolation: write transactions run at READ COMMITTED (plain BEGIN); writers
 * serialise on the audit_head row, which every writer locks. Read
 * transactions run at REPEATABLE READ so that a multi-statement read (a
 * backup, a page plus its count) sees one snapshot, which is what a SQLite
 * read transaction gives; a write attempted inside a read transaction may
 * then fail with a serialisation error (CCS_EBUSY), as SQLite's stale-snapshot
 * upgrade does.
 *
 * Lost connections: when libpq reports the connection as bad, it is reset
 * once and the call fails with CCS_EDB. If that happened inside a
 * transaction, every further call fails until the caller rolls back, so the
 * rest of a half-done transaction can never run in autocommit on the fresh
 * session. BEGIN is the one statement retried on the fresh session (nothing
 * ran yet), so the first request after a server restart succeeds. When the
 * reset fails too (the server is down), the call fails with CCS_EUNAVAIL,
 * which the HTTP layer answers with 503 database_unavailable, and this
 * connection does not try again for RETRY_MS: a server that is down then
 * costs each request one failed connect per second and connection, not one
 * per statement, and the first request after that tries again, so the pool
 * heals by itself once the server is back.
 *
 * Results are fully buffered by libpq before the row callback runs (no
 * single-row mode), so a callback may run further statements on the same
 * connection, as it may with SQLite. Non-goals: binary transfer, COPY,
 * notifications.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "store/store.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define STMT_CACHE	64
#define MAX_COLS	64
#define INT_TEXT	24	/* "-9223372036854775808" and the NUL fit */
#define TABLE_MAX	63	/* identifier limit (NAMEDATALEN - 1) */
#define RETRY_MS	1000	/* no reconnect sooner after one failed */

/* Type OIDs from pg_type.h (stable across server versions). */
#define OID_INT8	20
#define OID_INT2	21
#define OID_INT4	23
#define OID_NUMERIC	1700

struct pg_stmt {
	char		*sql;		/* owned SQL text; NULL: slot free */
	char		 name[24];	/* server-side statement name */
	int		 nparams;	/* parameters the statement takes */
	unsigned long	 used;		/* last use tick, for eviction */
};

struct pg_db {
	struct ccs_db	 base;			/* must be first */
	PGconn		*conn;			/* owned connection */
	struct pg_stmt	 cache[STMT_CACHE];	/* prepared statements */
	unsigned long	 tick;			/* use counter */
	unsigned long	 nextid;		/* next statement name suffix */
	bool		 tx_lost;		/* reset inside a transaction */
	bool		 reconnected;		/* reset while idle */
	int64_t		 retry_at;		/* next reconnect, monotonic
						   ms; 0: at once */
	char		 err[512];		/* last error text */
};

/*
 * Copies @p msg into @p dst (of @p n bytes, may be NULL/0) after @p prefix,
 * turning libpq's multi-line messages into one line. A long message is cut
 * short: losing the tail of an error text is better than losing it all.
 */
static void
copy_msg(char *dst, size_t n, const char *prefix, const char *msg)
{
	size_t i, j;
	bool space = false;

	if (dst == NULL || n == 0)
		return;
	(void)ccs_snprintf(dst, n, "%s%s", prefix, msg ? msg : "");
	/* squeeze every run of blanks and line breaks into one space */
	for (i = 0, j = 0; dst[i] != '\0'; i++) {
		if (dst[i] == '\n' || dst[i] == '\t' || dst[i] == '\r' ||
		    dst[i] == ' ') {
			space = true;
			continue;
		}
		if (space && j > 0)
			dst[j++] = ' ';
		space = false;
		dst[j++] = dst[i];
	}
	dst[j] = '\0';
}

/* Server notices (e.g. "relation already exists, skipping") are dropped. */
static void
notice_noop(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* Runs one parameterless statement outside the statement cache. */
static int
run_plain(struct pg_db *d, const char *sql, PGresult **out)
{
	PGresult *res;
	ExecStatusType st;

	res = PQexec(d->conn, sql);
	st = PQresultStatus(res);
	if (res != NULL && (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ||
	    st == PGRES_EMPTY_QUERY)) {
		if (out != NULL)
			*out = res;
		else
			PQclear(res);
		return CCS_OK;
	}
	copy_msg(d->err, sizeof(d->err), "",
	    res != NULL && PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) ?
	    PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) :
	    PQerrorMessage(d->conn));
	PQclear(res);
	return CCS_EDB;
}

/* Per-session settings; run after every (re)connect. */
static int
setup(struct pg_db *d)
{
	PQsetNoticeProcessor(d->conn, notice_noop, NULL);
	return run_plain(d, "SET client_min_messages = warning", NULL);
}

/* The server dropped our prepared statements with the old session. */
static void
forget_cache(struct pg_db *d)
{
	size_t i;

	for (i = 0; i < STMT_CACHE; i++) {
		free(d->cache[i].sql);
		d->cache[i].sql = NULL;
		d->cache[i].used = 0;
	}
}

static int64_t
mono_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Resets the connection unless a reset failed less than RETRY_MS ago.
 * @return true when the connection is usable again
 */
static bool
try_reset(struct pg_db *d)
{
	int64_t now = mono_ms();

	forget_cache(d);
	if (d->retry_at != 0 && now < d->retry_at)
		return false;
	PQreset(d->conn);
	if (PQstatus(d->conn) == CONNECTION_OK && setup(d) == CCS_OK) {
		d->retry_at = 0;
		return true;
	}
	d->retry_at = now + RETRY_MS;
	return false;
}

/*
 * Called when libpq says the connection is gone: reset it once, and poison
 * the current transaction if there was one. Reports CCS_EDB when the reset
 * worked and CCS_EUNAVAIL when it did not, with the original error kept in
 * the message.
 */
static int
conn_lost(struct pg_db *d)
{
	char why[sizeof(d->err)];
	bool ok;

	(void)ccs_strlcpy(why, d->err, sizeof(why));
	if (d->base.in_tx)
		d->tx_lost = true;
	ok = try_reset(d);
	d->reconnected = ok && !d->base.in_tx;
	(void)ccs_snprintf(d->err, sizeof(d->err), "connection to the "
	    "database was lost (%s): %s", ok ? "reconnected" :
	    "reconnect failed", why);
	return ok ? CCS_EDB : CCS_EUNAVAIL;
}

/* Maps a failed result (or NULL) to enum ccs_err and keeps its message. */
static int
map_result(struct pg_db *d, const PGresult *res)
{
	static const struct {
		const char	*state;	/* SQLSTATE */
		int		 err;	/* enum ccs_err */
	} map[] = {
		{ "23505", CCS_ECONFLICT },	/* unique_violation */
		{ "23503", CCS_EREF },		/* foreign_key_violation */
		{ "23514", CCS_EINVAL },	/* check_violation */
		{ "23502", CCS_EINVAL },	/* not_null_violation */
		{ "40001", CCS_EBUSY },		/* serialization_failure */
		{ "40P01", CCS_EBUSY },		/* deadlock_detected */
		{ "55P03", CCS_EBUSY },		/* lock_not_available */
	};
	const char *state = NULL, *msg = NULL;
	size_t i;

	if (res != NULL) {
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	}
	/*
	 * Only the primary message is kept: the detail line repeats key
	 * values, which may be secrets (a token hash) and end up in logs.
	 */
	copy_msg(d->err, sizeof(d->err), "", msg ? msg :
	    PQerrorMessage(d->conn));
	if (PQstatus(d->conn) == CONNECTION_BAD)
		return conn_lost(d);
	if (state == NULL)
		return CCS_EDB;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (strcmp(state, map[i].state) == 0)
			return map[i].err;
	}
	return CCS_EDB;
}

/*
 * Makes sure the connection is usable before a call. A connection found bad
 * outside a transaction is reset and the call goes ahead (the pool heals
 * after a server restart); inside a transaction, or after a reset that
 * happened inside one, the call fails until the caller rolls back.
 */
static int
check_conn(struct pg_db *d)
{
	if (d->tx_lost) {
		(void)ccs_strlcpy(d->err, "the connection was lost during this "
		    "transaction; roll back and retry", sizeof(d->err));
		return CCS_EDB;
	}
	if (PQstatus(d->conn) == CONNECTION_OK)
		return CCS_OK;
	if (d->base.in_tx) {
		d->tx_lost = true;
		(void)ccs_strlcpy(d->err, "the connection was lost during this "
		    "transaction; roll back and retry", sizeof(d->err));
		return CCS_EDB;
	}
	if (!try_reset(d)) {
		copy_msg(d->err, sizeof(d->err), "the database is "
		    "unreachable: ", PQstatus(d->conn) == CONNECTION_OK ?
		    "setup failed" : PQerrorMessage(d->conn));
		return CCS_EUNAVAIL;
	}
	return CCS_OK;
}

static int
pg_connect(const char *target, struct ccs_db **out, char *errmsg,
    size_t errlen)
{
	/*
	 * Defaults first: the URI, expanded from "dbname", overrides them.
	 * Without a timeout an unreachable host blocks startup for minutes.
	 */
	const char *const keys[] = { "connect_timeout", "application_name",
	    "dbname", NULL };
	const char *const vals[] = { "10", "ccscap", target, NULL };
	struct pg_db *d;
	int rc;

	*out = NULL;
	d = ccs_calloc(1, sizeof(*d));
	if (d == NULL)
		return CCS_ENOMEM;
	d->conn = PQconnectdbParams(keys, vals, 1);
	if (d->conn == NULL) {
		rc = CCS_ENOMEM;
		goto fail;
	}
	if (PQstatus(d->conn) != CONNECTION_OK) {
		/* libpq's messages name host and port, never the password. */
		copy_msg(errmsg, errlen, "postgres: ", PQerrorMessage(d->conn));
		rc = CCS_EDB;
		goto fail;
	}
	if (PQserverVersion(d->conn) < 100000) {
		/* identity columns ({{id}}) need PostgreSQL 10 */
		if (errmsg != NULL && errlen > 0)
			(void)ccs_snprintf(errmsg, errlen, "postgres: server "
			    "version %d is too old (10 or later needed)",
			    PQserverVersion(d->conn));
		rc = CCS_EDB;
		goto fail;
	}
	rc = setup(d);
	if (rc != CCS_OK) {
		copy_msg(errmsg, errlen, "postgres: ", d->err);
		goto fail;
	}
	*out = &d->base;
	return CCS_OK;
fail:
	PQfinish(d->conn);
	free(d);
	return rc;
}

static void
pg_disconnect(struct ccs_db *db)
{
	struct pg_db *d = (struct pg_db *)db;

	if (d == NULL)
		return;
	forget_cache(d);
	PQfinish(d->conn);
	free(d);
}

/* Runs a transaction-control statement on a checked connection. */
static int
control(struct pg_db *d, const char *sql)
{
	PGresult *res;
	int rc;

	rc = check_conn(d);
	if (rc != CCS_OK)
		return rc;
	res = PQexec(d->conn, sql);
	if (PQresultStatus(res) == PGRES_COMMAND_OK)
		rc = CCS_OK;
	else
		rc = map_result(d, res);
	PQclear(res);
	return rc;
}

/*
 * Write transactions take one transaction-scoped advisory lock first, so
 * writers run one at a time as they do on SQLite (BEGIN IMMEDIATE): checks
 * made before a write (two NCPOCs per state, a contact's version) then hold
 * until commit. ccscap's writes are small and rare next to its reads.
 */
#define CCS_PG_WRITE_LOCK	"SELECT pg_advisory_xact_lock(7243110)"

static int
pg_begin(struct ccs_db *db, bool write)
{
	struct pg_db *d = (struct pg_db *)db;
	PGresult *res;
	int rc;

	d->reconnected = false;
	rc = control(d, write ? "BEGIN" :
	    "BEGIN ISOLATION LEVEL REPEATABLE READ");
	/* the session died while idle (a server restart): nothing ran yet */
	if (rc != CCS_OK && d->reconnected)
		rc = control(d, write ? "BEGIN" :
		    "BEGIN ISOLATION LEVEL REPEATABLE READ");
	if (rc != CCS_OK || !write)
		return rc;
	res = PQexec(d->conn, CCS_PG_WRITE_LOCK);
	rc = PQresultStatus(res) == PGRES_TUPLES_OK ? CCS_OK :
	    map_result(d, res);
	PQclear(res);
	if (rc != CCS_OK)
		(void)control(d, "ROLLBACK");
	return rc;
}

static int
pg_commit(struct ccs_db *db)
{
	struct pg_db *d = (struct pg_db *)db;
	PGresult *res;
	int rc;

	rc = check_conn(d);
	if (rc != CCS_OK)
		return rc;
	res = PQexec(d->conn, "COMMIT");
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		rc = map_result(d, res);
	} else if (strcmp(PQcmdStatus(res), "COMMIT") != 0) {
		/*
		 * COMMIT of a transaction that already failed "succeeds" with
		 * the tag ROLLBACK: nothing was saved, so say so.
		 */
		(void)ccs_strlcpy(d->err, "transaction was aborted by an "
		    "earlier error and has been rolled back", sizeof(d->err));
		rc = CCS_EDB;
	}
	PQclear(res);
	return rc;
}

static int
pg_rollback(struct ccs_db *db)
{
	struct pg_db *d = (struct pg_db *)db;
	PGresult *res;
	int rc = CCS_OK;

	d->tx_lost = false;
	/* A dead session has no transaction left to roll back. */
	if (PQstatus(d->conn) != CONNECTION_OK)
		return CCS_OK;
	res = PQexec(d->conn, "ROLLBACK");
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = map_result(d, res);
	PQclear(res);
	return rc;
}

/* Best effort: a failure leaves a statement behind until disconnect. */
static void
deallocate(struct pg_db *d, const char *name)
{
	char sql[64];
	PGresult *res;

	if (ccs_snprintf(sql, sizeof(sql), "DEALLOCATE %s", name) != CCS_OK)
		return;
	res = PQexec(d->conn, sql);
	PQclear(res);
}

/* Drops one cache entry, e.g. after its plan became unusable. */
static void
drop_stmt(struct pg_db *d, struct pg_stmt *st)
{
	if (PQtransactionStatus(d->conn) != PQTRANS_INERROR)
		deallocate(d, st->name);
	free(st->sql);
	st->sql = NULL;
	st->used = 0;
}

/*
 * Finds the $N placeholders @p sql uses (outside quotes), up to 64. SQLite
 * ignores a parameter the SQL never mentions; PostgreSQL refuses to prepare
 * when it cannot type one ($4 used, $1..$3 not), so those are declared as
 * text (never read) and shared SQL behaves the same on both backends.
 * @return the highest N used (0 if none); @p used bit N-1 set per use.
 */
static int
placeholders(const char *sql, uint64_t *used)
{
	const char *p;
	bool quoted = false;
	int n, max = 0;

	*used = 0;
	for (p = sql; *p; p++) {
		if (*p == '\'') {
			quoted = !quoted;
			continue;
		}
		if (quoted || *p != '$' || p[1] < '1' || p[1] > '9')
			continue;
		n = 0;
		while (p[1] >= '0' && p[1] <= '9' && n < 1000) {
			n = n * 10 + (p[1] - '0');
			p++;
		}
		if (n >= 1 && n <= 64)
			*used |= (uint64_t)1 << (n - 1);
		if (n > max)
			max = n;
	}
	return max;
}

/*
 * Whether @p sql is a query of a list: filtered by the reader's sets
 * (svc/sharing/reader_sets.h) or a page (its LIMIT bound). Its best plan
 * depends on its values, so it is planned for them every time; planning
 * the small hot statements every time instead costs a third to two
 * thirds of the rate of an authenticated GET /api/v1/states/JM.
 */
static bool
list_query(const char *sql)
{
	return strstr(sql, "reader_set_keys") != NULL ||
	    strstr(sql, "LIMIT $") != NULL;
}

/* The parameter types of @p sql for libpq (0: inferred, 25: text). */
static int
param_types(const char *sql, Oid types[64])
{
	uint64_t used;
	int i, maxp;

	maxp = placeholders(sql, &used);
	for (i = 0; i < maxp && i < 64; i++)
		types[i] = (used >> i) & 1 ? 0 : 25;
	return maxp;
}

/*
 * Returns the cached statement for @p sql, preparing it on a miss; borrowed,
 * valid until the next prepare on this connection.
 */
static int
prepare(struct pg_db *d, const char *sql, struct pg_stmt **out)
{
	struct pg_stmt *slot = NULL, *c;
	char name[sizeof(slot->name)];
	PGresult *res = NULL;
	Oid types[64];
	int rc, nparams, maxp;
	char *copy = NULL;
	size_t i;

	d->tick++;
	for (i = 0; i < STMT_CACHE; i++) {
		c = &d->cache[i];
		if (c->sql != NULL && strcmp(c->sql, sql) == 0) {
			c->used = d->tick;
			*out = c;
			return CCS_OK;
		}
		if (slot == NULL || c->sql == NULL ||
		    (slot->sql != NULL && c->used < slot->used))
			slot = c;
	}
	rc = ccs_snprintf(name, sizeof(name), "ccs_%lu", d->nextid++);
	if (rc != CCS_OK)
		return rc;
	copy = ccs_strdup(sql);
	if (copy == NULL)
		return CCS_ENOMEM;
	maxp = param_types(sql, types);
	res = PQprepare(d->conn, name, sql, maxp <= 64 ? maxp : 0,
	    maxp <= 64 ? types : NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		rc = map_result(d, res);
		goto fail;
	}
	PQclear(res);
	/*
	 * The parameter count lets exec pass exactly what the statement
	 * takes: SQLite ignores extra parameters and reads missing ones as
	 * NULL, and callers written against it must work here too.
	 */
	res = PQdescribePrepared(d->conn, name);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		rc = map_result(d, res);
		if (PQstatus(d->conn) == CONNECTION_OK)
			deallocate(d, name);
		goto fail;
	}
	nparams = PQnparams(res);
	PQclear(res);
	if (slot->sql != NULL)
		drop_stmt(d, slot);
	slot->sql = copy;
	memcpy(slot->name, name, sizeof(slot->name));
	slot->nparams = nparams;
	slot->used = d->tick;
	*out = slot;
	return CCS_OK;
fail:
	PQclear(res);
	free(copy);
	return rc;
}

static int
pg_exec(struct ccs_db *db, const char *sql, const struct ccs_val *params,
    size_t nparams, ccs_row_cb cb, void *arg)
{
	struct pg_db *d = (struct pg_db *)db;
	const char *names[MAX_COLS], *vals[MAX_COLS];
	enum ccs_val_type types[MAX_COLS];
	const char **pv = NULL;
	char (*ibuf)[INT_TEXT] = NULL;
	const char *state;
	struct pg_stmt *st = NULL;
	struct ccs_row row;
	PGresult *res = NULL;
	ExecStatusType status;
	Oid ptypes[64];
	bool once = list_query(sql);
	int rc, i, r, ncols, nrows, snp;
	size_t k;
	Oid t;

	rc = check_conn(d);
	if (rc != CCS_OK)
		return rc;
	if (once) {
		snp = param_types(sql, ptypes);
	} else {
		rc = prepare(d, sql, &st);
		if (rc != CCS_OK)
			return rc;
		snp = st->nparams;
	}
	if (snp > 0) {
		pv = ccs_calloc((size_t)snp, sizeof(*pv));
		ibuf = ccs_calloc((size_t)snp, sizeof(*ibuf));
		if (pv == NULL || ibuf == NULL) {
			rc = CCS_ENOMEM;
			goto out;
		}
	}
	/* Parameters the statement does not take are ignored, as in SQLite. */
	for (k = 0; k < (size_t)snp && k < nparams; k++) {
		switch (params[k].type) {
		case CCS_V_INT:
			rc = ccs_snprintf(ibuf[k], sizeof(ibuf[k]), "%lld",
			    (long long)params[k].i);
			if (rc != CCS_OK)
				goto out;
			pv[k] = ibuf[k];
			break;
		case CCS_V_TEXT:
			pv[k] = params[k].s;
			break;
		default:
			pv[k] = NULL;
			break;
		}
	}
	if (once)
		res = PQexecParams(d->conn, sql, snp, snp <= 64 ? ptypes :
		    NULL, pv, NULL, NULL, 0);
	else
		res = PQexecPrepared(d->conn, st->name, snp, pv, NULL, NULL,
		    0);
	status = PQresultStatus(res);
	if (res == NULL || (status != PGRES_TUPLES_OK &&
	    status != PGRES_COMMAND_OK)) {
		state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
		rc = map_result(d, res);
		/*
		 * 0A000 here is "cached plan must not change result type": the
		 * table changed under the statement, so prepare it afresh next
		 * time. (After a reset the cache is already empty.)
		 */
		if (state != NULL && strcmp(state, "0A000") == 0 &&
		    st != NULL && st->sql != NULL)
			drop_stmt(d, st);
		goto out;
	}
	if (cb == NULL || status != PGRES_TUPLES_OK)
		goto out;
	ncols = PQnfields(res);
	if (ncols > MAX_COLS) {
		(void)ccs_strlcpy(d->err, "too many result columns",
		    sizeof(d->err));
		rc = CCS_EINVAL;
		goto out;
	}
	for (i = 0; i < ncols; i++) {
		names[i] = PQfname(res, i);
		t = PQftype(res, i);
		/*
		 * numeric too: SUM() of a BIGINT column is numeric here but an
		 * integer in SQLite. Readers parse CCS_V_INT text and keep a
		 * value that is not a whole number ("2.5") as text, as they do
		 * for a SQLite REAL.
		 */
		types[i] = (t == OID_INT8 || t == OID_INT2 || t == OID_INT4 ||
		    t == OID_NUMERIC) ? CCS_V_INT : CCS_V_TEXT;
	}
	row.ncols = (size_t)ncols;
	row.names = names;
	row.vals = vals;
	row.types = types;
	nrows = PQntuples(res);
	for (r = 0; r < nrows; r++) {
		for (i = 0; i < ncols; i++)
			vals[i] = PQgetisnull(res, r, i) ? NULL :
			    PQgetvalue(res, r, i);
		rc = cb(arg, &row);
		if (rc != CCS_OK)
			goto out;
	}
out:
	PQclear(res);
	free(ibuf);
	free(pv);
	return rc;
}

static int
pg_exec_script(struct ccs_db *db, const char *sql)
{
	struct pg_db *d = (struct pg_db *)db;
	PGresult *res;
	ExecStatusType st;
	int rc;

	rc = check_conn(d);
	if (rc != CCS_OK)
		return rc;
	res = PQexec(d->conn, sql);
	st = PQresultStatus(res);
	if (res != NULL && (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ||
	    st == PGRES_EMPTY_QUERY))
		rc = CCS_OK;
	else
		rc = map_result(d, res);
	PQclear(res);
	return rc;
}

/* True for a plain lower-case table name that needs no quoting. */
static bool
table_name_ok(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++, n++) {
		if ((*s < 'a' || *s > 'z') && *s != '_')
			return false;
	}
	return n > 0 && n <= TABLE_MAX;
}

struct count_ctx {
	int64_t	n;	/* first column of the first row */
	bool	seen;	/* a row arrived */
};

static int
count_cb(void *arg, const struct ccs_row *row)
{
	struct count_ctx *c = arg;

	if (c->seen || row->ncols < 1 || row->vals[0] == NULL)
		return CCS_OK;
	c->seen = true;
	return ccs_parse_i64(row->vals[0], INT64_MIN, INT64_MAX, &c->n);
}

/*
 * After a restore inserted explicit ids, move the identity sequence past
 * them so the next INSERT does not collide. Tables without an identity
 * column "id" are left alone.
 */
static int
pg_reset_id_sequence(struct ccs_db *db, const char *table)
{
	struct pg_db *d = (struct pg_db *)db;
	struct count_ctx c = { 0, false };
	struct ccs_val v;
	char sql[256];
	int rc;

	if (!table_name_ok(table)) {
		(void)ccs_strlcpy(d->err, "invalid table name", sizeof(d->err));
		return CCS_EINVAL;
	}
	v = CCS_VTEXT(table);
	rc = pg_exec(db, "SELECT COUNT(*) FROM pg_attribute WHERE attrelid = "
	    "to_regclass($1) AND attname = 'id' AND attidentity <> '' AND "
	    "NOT attisdropped", &v, 1, count_cb, &c);
	if (rc != CCS_OK)
		return rc;
	if (c.n == 0)
		return CCS_OK;
	/* The name was checked above: it is only [a-z_], no quoting needed. */
	rc = ccs_snprintf(sql, sizeof(sql), "SELECT setval(pg_get_serial_"
	    "sequence('%s', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM %s",
	    table, table);
	if (rc != CCS_OK)
		return rc;
	rc = check_conn(d);
	if (rc != CCS_OK)
		return rc;
	rc = run_plain(d, sql, NULL);
	if (rc != CCS_OK && PQstatus(d->conn) == CONNECTION_BAD)
		rc = conn_lost(d);
	return rc;
}

static const char *
pg_errmsg(struct ccs_db *db)
{
	return ((struct pg_db *)db)->err;
}

const struct ccs_store_ops ccs_store_pg_ops = {
	.version = 1,
	.name = "postgres",
	.connect = pg_connect,
	.disconnect = pg_disconnect,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.exec = pg_exec,
	.exec_script = pg_exec_script,
	.reset_id_sequence = pg_reset_id_sequence,
	.errmsg = pg_errmsg,
};

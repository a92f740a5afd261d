/*
 * store.c: the connection pool and the backend-independent wrappers.
 * The pool is a free list guarded by a mutex and a condition variable;
 * connections are opened up front so a request never pays for a connect.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

struct ccs_store {
	const struct ccs_store_ops	*ops;	/* backend */
	pthread_mutex_t			 mu;	/* guards free */
	pthread_cond_t			 cv;	/* signalled on release */
	struct ccs_db			*free;	/* idle connections */
	struct ccs_db			**all;	/* every connection */
	unsigned			 n;	/* number of connections */
	unsigned			 nfree;	/* idle connections */
	unsigned			 nwaiting;	/* blocked in acquire */
	uint64_t			 acquires;	/* checkouts */
	uint64_t			 waits;	/* checkouts that waited */
	uint64_t			 wait_us;	/* time they waited */
};

static uint64_t
mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static const char *
uri_target(const char *uri, const struct ccs_store_ops **ops)
{
	if (strncmp(uri, "postgres://", 11) == 0 ||
	    strncmp(uri, "postgresql://", 13) == 0) {
#if CCS_HAVE_POSTGRES
		*ops = &ccs_store_pg_ops;
		return uri;
#else
		*ops = NULL;
		return NULL;
#endif
	}
	*ops = &ccs_store_sqlite_ops;
	if (strncmp(uri, "sqlite:", 7) == 0)
		return uri + 7;
	return uri;
}

int
ccs_store_open(const char *uri, unsigned pool_size, struct ccs_store **out,
    char *errmsg, size_t errlen)
{
	struct ccs_store *st = NULL;
	const struct ccs_store_ops *ops;
	const char *target;
	char dummy[8];
	unsigned i;
	int rc;

	if (errmsg == NULL) {
		errmsg = dummy;
		errlen = sizeof(dummy);
	}
	errmsg[0] = '\0';
	*out = NULL;
	target = uri_target(uri, &ops);
	if (ops == NULL || target == NULL || *target == '\0') {
		(void)ccs_strlcpy(errmsg, "unsupported database URI (use "
		    "sqlite:PATH or postgres://...)", errlen);
		return CCS_EINVAL;
	}
	if (pool_size == 0 || pool_size > 256) {
		(void)ccs_strlcpy(errmsg, "pool size must be 1..256", errlen);
		return CCS_EINVAL;
	}
	st = ccs_calloc(1, sizeof(*st));
	if (st == NULL)
		return CCS_ENOMEM;
	st->ops = ops;
	pthread_mutex_init(&st->mu, NULL);
	pthread_cond_init(&st->cv, NULL);
	st->all = ccs_calloc(pool_size, sizeof(*st->all));
	if (st->all == NULL) {
		rc = CCS_ENOMEM;
		goto fail;
	}
	for (i = 0; i < pool_size; i++) {
		rc = ops->connect(target, &st->all[i], errmsg, errlen);
		if (rc != CCS_OK)
			goto fail;
		st->all[i]->ops = ops;
		st->all[i]->next = st->free;
		st->all[i]->in_tx = false;
		ccs_db_fault_arm(st->all[i], 0, CCS_OK);
		st->all[i]->named_err[0] = '\0';
		st->free = st->all[i];
		st->n++;
		st->nfree++;
	}
	*out = st;
	return CCS_OK;
fail:
	ccs_store_close(st);
	return rc;
}

void
ccs_store_close(struct ccs_store *st)
{
	unsigned i;

	if (st == NULL)
		return;
	for (i = 0; i < st->n; i++)
		st->ops->disconnect(st->all[i]);
	free(st->all);
	pthread_cond_destroy(&st->cv);
	pthread_mutex_destroy(&st->mu);
	free(st);
}

const char *
ccs_store_backend(const struct ccs_store *st)
{
	return st->ops->name;
}

struct ccs_db *
ccs_store_acquire(struct ccs_store *st)
{
	struct ccs_db *db;
	uint64_t t0;

	pthread_mutex_lock(&st->mu);
	if (st->free == NULL) {
		/* a wait is what /metrics shows as pool pressure */
		t0 = mono_us();
		st->waits++;
		st->nwaiting++;
		while (st->free == NULL)
			pthread_cond_wait(&st->cv, &st->mu);
		st->nwaiting--;
		st->wait_us += mono_us() - t0;
	}
	db = st->free;
	st->free = db->next;
	db->next = NULL;
	st->nfree--;
	st->acquires++;
	pthread_mutex_unlock(&st->mu);
	return db;
}

void
ccs_store_release(struct ccs_store *st, struct ccs_db *db)
{
	if (db == NULL)
		return;
	ccs_db_rollback(db);
	pthread_mutex_lock(&st->mu);
	db->next = st->free;
	st->free = db;
	st->nfree++;
	pthread_cond_signal(&st->cv);
	pthread_mutex_unlock(&st->mu);
}

void
ccs_store_stats(struct ccs_store *st, struct ccs_store_stats *out)
{
	pthread_mutex_lock(&st->mu);
	out->size = st->n;
	out->in_use = st->n - st->nfree;
	out->waiting = st->nwaiting;
	out->acquires = st->acquires;
	out->waits = st->waits;
	out->wait_us = st->wait_us;
	pthread_mutex_unlock(&st->mu);
}

int
ccs_db_begin(struct ccs_db *db, bool write)
{
	int rc;

	if (db->in_tx)
		return CCS_EINVAL;
	rc = db->ops->begin(db, write);
	if (rc == CCS_OK) {
		db->in_tx = true;
		db->failed = false;
	}
	return rc;
}

int
ccs_db_commit(struct ccs_db *db)
{
	int rc;

	if (!db->in_tx)
		return CCS_EINVAL;
	if (db->failed) {
		/*
		 * PostgreSQL aborts a transaction at its first failed
		 * statement while SQLite carries on; refuse the commit on both
		 * so the two backends store the same thing.
		 */
		(void)db->ops->rollback(db);
		db->in_tx = false;
		return CCS_EDB;
	}
	rc = db->ops->commit(db);
	if (rc != CCS_OK) {
		(void)db->ops->rollback(db);
	}
	db->in_tx = false;
	return rc;
}

void
ccs_db_rollback(struct ccs_db *db)
{
	if (db == NULL || !db->in_tx)
		return;
	(void)db->ops->rollback(db);
	db->in_tx = false;
}

const char *
ccs_db_backend(const struct ccs_db *db)
{
	return db->ops->name;
}

const char *
ccs_db_errmsg(struct ccs_db *db)
{
	if (db->named_err[0] != '\0')
		return db->named_err;
	return db->ops->errmsg(db);
}

int
ccs_db_exec(struct ccs_db *db, const char *sql, const struct ccs_val *params,
    size_t nparams, ccs_row_cb cb, void *arg)
{
	int rc;

	db->named_err[0] = '\0';
	db->fault_calls++;
	if (db->fault_nth != 0 && db->fault_calls == db->fault_nth)
		rc = db->fault_rc;
	else
		rc = db->ops->exec(db, sql, params, nparams, cb, arg);
	if (rc != CCS_OK && db->in_tx)
		db->failed = true;
	return rc;
}

void
ccs_db_fault_arm(struct ccs_db *db, unsigned long nth, int rc)
{
	db->fault_nth = nth;
	db->fault_calls = 0;
	db->fault_rc = rc == CCS_OK ? CCS_EDB : rc;
}

unsigned long
ccs_db_fault_calls(const struct ccs_db *db)
{
	return db->fault_calls;
}

int
ccs_db_exec_script(struct ccs_db *db, const char *sql)
{
	return db->ops->exec_script(db, sql);
}

static json_t *
row_to_json(const struct ccs_row *row)
{
	json_t *o, *v;
	int64_t iv;
	size_t i;

	o = json_object();
	if (o == NULL)
		return NULL;
	for (i = 0; i < row->ncols; i++) {
		if (row->vals[i] == NULL)
			v = json_null();
		else if (row->types[i] == CCS_V_INT &&
		    ccs_parse_i64(row->vals[i], INT64_MIN, INT64_MAX, &iv) ==
		    CCS_OK)
			v = json_integer(iv);
		else
			v = json_string(row->vals[i]);
		if (v == NULL || json_object_set_new(o, row->names[i], v) != 0) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

static int
collect_cb(void *arg, const struct ccs_row *row)
{
	json_t *arr = arg;
	json_t *o;

	o = row_to_json(row);
	if (o == NULL || json_array_append_new(arr, o) != 0)
		return CCS_ENOMEM;
	return CCS_OK;
}

int
ccs_db_query_json(struct ccs_db *db, const char *sql,
    const struct ccs_val *params, size_t nparams, json_t **out)
{
	json_t *arr;
	int rc;

	*out = NULL;
	arr = json_array();
	if (arr == NULL)
		return CCS_ENOMEM;
	rc = ccs_db_exec(db, sql, params, nparams, collect_cb, arr);
	if (rc != CCS_OK) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return CCS_OK;
}

int
ccs_db_query_one(struct ccs_db *db, const char *sql,
    const struct ccs_val *params, size_t nparams, json_t **out)
{
	json_t *arr;
	int rc;

	*out = NULL;
	rc = ccs_db_query_json(db, sql, params, nparams, &arr);
	if (rc != CCS_OK)
		return rc;
	if (json_array_size(arr) == 0) {
		json_decref(arr);
		return CCS_ENOTFOUND;
	}
	*out = json_incref(json_array_get(arr, 0));
	json_decref(arr);
	return CCS_OK;
}

struct int_ctx {
	int64_t	v;	/* first column of the first row */
	bool	found;	/* a row was seen */
};

static int
int_cb(void *arg, const struct ccs_row *row)
{
	struct int_ctx *c = arg;

	if (c->found || row->ncols < 1 || row->vals[0] == NULL)
		return CCS_OK;
	if (ccs_parse_i64(row->vals[0], INT64_MIN, INT64_MAX, &c->v) != CCS_OK)
		return CCS_EDB;
	c->found = true;
	return CCS_OK;
}

int
ccs_db_query_int(struct ccs_db *db, const char *sql,
    const struct ccs_val *params, size_t nparams, int64_t *out)
{
	struct int_ctx c = { 0, false };
	int rc;

	rc = ccs_db_exec(db, sql, params, nparams, int_cb, &c);
	if (rc != CCS_OK)
		return rc;
	if (!c.found)
		return CCS_ENOTFOUND;
	*out = c.v;
	return CCS_OK;
}

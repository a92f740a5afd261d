/*
 * outbox_test.c: the outbox delivered exactly once by several delivery
 * workers on one database, as when several `ccscap serve` share one
 * PostgreSQL. Two workers, each with its own connection pool (as two
 * processes have), drain one outbox of webhook notices into a local
 * receiver that counts what arrives: every notice arrives once, a notice
 * whose lease ran out (its worker died) is taken over, and one whose lease
 * is still held is left alone.
 *
 * Runs on SQLite (a file shared by both pools) and, when CCSCAP_TEST_PG
 * names a server (tests/pg-harness.sh), on PostgreSQL in a fresh
 * database; CCSCAP_REQUIRE_PG=1 makes a missing server a failure.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <microhttpd.h>

#include "conf/conf.h"
#include "store/migrate.h"
#include "store/store.h"
#include "svc/platform/delivery.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/log.h"
#include "util/str.h"

#define NNOTICES	120	/* ordinary notices, n = 0 .. NNOTICES-1 */
#define N_EXPIRED	1000	/* claimed by a dead worker, lease over */
#define N_HELD		1001	/* claimed by a live worker */
#define NSLOTS		1002
#define URI_MAX		512
#define WAIT_S		90

/** What the receiver saw. */
struct receiver {
	struct MHD_Daemon	*d;		/* the HTTP server */
	pthread_mutex_t		 mu;		/* guards hits, bad */
	unsigned		 hits[NSLOTS];	/* deliveries per notice */
	unsigned		 bad;		/* bodies not understood */
	uint16_t		 port;		/* where it listens */
};

/** Per-request body being read. */
struct upload {
	struct ccs_buf	body;	/* the POST body so far */
};

static void
count(struct receiver *rx, const char *body)
{
	json_error_t jerr;
	json_t *doc;
	json_int_t n;

	doc = json_loads(body, 0, &jerr);
	n = json_integer_value(json_object_get(doc, "n"));
	pthread_mutex_lock(&rx->mu);
	if (doc == NULL || n < 0 || n >= NSLOTS)
		rx->bad++;
	else
		rx->hits[n]++;
	pthread_mutex_unlock(&rx->mu);
	json_decref(doc);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *data, size_t *size,
    void **ptr)
{
	struct receiver *rx = cls;
	struct upload *u = *ptr;
	struct MHD_Response *resp;
	enum MHD_Result ret;

	(void)url;
	(void)method;
	(void)version;
	if (u == NULL) {
		u = calloc(1, sizeof(*u));
		if (u == NULL)
			return MHD_NO;
		ccs_buf_init(&u->body, 1u << 16);
		*ptr = u;
		return MHD_YES;
	}
	if (*size > 0) {
		if (ccs_buf_add(&u->body, data, *size) != CCS_OK)
			return MHD_NO;
		*size = 0;
		return MHD_YES;
	}
	count(rx, ccs_buf_str(&u->body));
	resp = MHD_create_response_from_buffer(0, (void *)"",
	    MHD_RESPMEM_PERSISTENT);
	ret = MHD_queue_response(c, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void
on_done(void *cls, struct MHD_Connection *c, void **ptr,
    enum MHD_RequestTerminationCode toe)
{
	struct upload *u = *ptr;

	(void)cls;
	(void)c;
	(void)toe;
	if (u == NULL)
		return;
	ccs_buf_free(&u->body);
	free(u);
	*ptr = NULL;
}

static void
receiver_start(struct receiver *rx)
{
	const union MHD_DaemonInfo *info;

	memset(rx, 0, sizeof(*rx));
	pthread_mutex_init(&rx->mu, NULL);
	rx->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_THREAD_PER_CONNECTION, 0, NULL, NULL, on_request, rx,
	    MHD_OPTION_NOTIFY_COMPLETED, on_done, rx, MHD_OPTION_END);
	assert_non_null(rx->d);
	info = MHD_get_daemon_info(rx->d, MHD_DAEMON_INFO_BIND_PORT);
	assert_non_null(info);
	rx->port = info->port;
}

static void
receiver_stop(struct receiver *rx)
{
	MHD_stop_daemon(rx->d);
	pthread_mutex_destroy(&rx->mu);
}

/* ---- databases ---- */

/** Which backend a case runs on, and what it made. */
struct fx {
	const char	*kind;		/* "sqlite" or "postgres" */
	char		 uri[URI_MAX];	/* the shared database */
	char		 path[256];	/* sqlite file, or "" */
	char		 pgname[64];	/* pg database, or "" */
};

/* The URI of database @p name on the server of @p base. */
static void
pg_uri_for(const char *base, const char *name, char *out, size_t n)
{
	const char *host, *slash;

	host = strstr(base, "://");
	assert_non_null(host);
	slash = strchr(host + 3, '/');
	assert_non_null(slash);
	assert_int_equal(ccs_snprintf(out, n, "%.*s/%s", (int)(slash - base),
	    base, name), CCS_OK);
}

static void
pg_admin(const char *sql)
{
	const char *admin = getenv("CCSCAP_TEST_PG_ADMIN");
	struct ccs_store *st = NULL;
	char err[256] = "";
	struct ccs_db *db;

	assert_non_null(admin);
	if (ccs_store_open(admin, 1, &st, err, sizeof(err)) != CCS_OK)
		fail_msg("admin connection: %s", err);
	db = ccs_store_acquire(st);
	if (ccs_db_exec_script(db, sql) != CCS_OK)
		fail_msg("%s: %s", sql, ccs_db_errmsg(db));
	ccs_store_release(st, db);
	ccs_store_close(st);
}

static int
setup(void **state)
{
	struct fx *fx;
	char sql[160];

	fx = calloc(1, sizeof(*fx));
	if (fx == NULL)
		return -1;
	fx->kind = *state;
	if (strcmp(fx->kind, "sqlite") == 0) {
		if (ccs_snprintf(fx->path, sizeof(fx->path),
		    "/tmp/ccs-outbox-%ld.sqlite", (long)getpid()) != CCS_OK ||
		    ccs_snprintf(fx->uri, sizeof(fx->uri), "sqlite:%s",
		    fx->path) != CCS_OK)
			return -1;
		(void)unlink(fx->path);
	} else {
		if (ccs_snprintf(fx->pgname, sizeof(fx->pgname),
		    "ccs_outbox_%ld", (long)getpid()) != CCS_OK ||
		    ccs_snprintf(sql, sizeof(sql), "CREATE DATABASE %s",
		    fx->pgname) != CCS_OK)
			return -1;
		pg_admin(sql);
		pg_uri_for(getenv("CCSCAP_TEST_PG"), fx->pgname, fx->uri,
		    sizeof(fx->uri));
	}
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	static const char *const sfx[] = { "", "-wal", "-shm" };
	struct fx *fx = *state;
	char path[300], sql[160];
	size_t i;

	if (fx->pgname[0] != '\0' && ccs_snprintf(sql, sizeof(sql),
	    "DROP DATABASE IF EXISTS %s WITH (FORCE)", fx->pgname) == CCS_OK)
		pg_admin(sql);
	for (i = 0; fx->path[0] != '\0' && i < sizeof(sfx) / sizeof(*sfx);
	    i++) {
		if (ccs_snprintf(path, sizeof(path), "%s%s", fx->path,
		    sfx[i]) == CCS_OK)
			(void)unlink(path);
	}
	free(fx);
	return 0;
}

/* Queues notice @p n for the receiver, optionally already leased. */
static void
queue(struct ccs_db *db, uint16_t port, int64_t n, const char *holder,
    int64_t lease_until)
{
	char url[64], body[32];
	struct ccs_val v[5];
	int64_t now = (int64_t)time(NULL);

	assert_int_equal(ccs_snprintf(url, sizeof(url),
	    "http://127.0.0.1:%u/hook", (unsigned)port), CCS_OK);
	assert_int_equal(ccs_snprintf(body, sizeof(body), "{\"n\":%lld}",
	    (long long)n), CCS_OK);
	v[0] = CCS_VTEXT(url);
	v[1] = CCS_VTEXT(body);
	v[2] = CCS_VINT(now - 5);
	v[3] = CCS_VTEXT(holder);
	v[4] = CCS_VINT(lease_until);
	if (ccs_db_exec(db, "INSERT INTO outbox (channel, target, subject, "
	    "body, next_at, created_at, claimed_by, lease_until) VALUES "
	    "('webhook', $1, '', $2, $3, $3, $4, $5)", v, 5, NULL, NULL) !=
	    CCS_OK)
		fail_msg("queue: %s", ccs_db_errmsg(db));
}

static int64_t
count_sql(struct ccs_store *st, const char *sql, const char *arg)
{
	struct ccs_val v = CCS_VTEXT(arg);
	struct ccs_db *db;
	int64_t n = -1;

	db = ccs_store_acquire(st);
	if (ccs_db_query_int(db, sql, &v, arg ? 1 : 0, &n) != CCS_OK)
		fail_msg("%s: %s", sql, ccs_db_errmsg(db));
	ccs_store_release(st, db);
	return n;
}

static void
test_two_workers_send_once(void **state)
{
	struct fx *fx = *state;
	struct ccs_store *a = NULL, *b = NULL;
	struct ccs_delivery *wa = NULL, *wb = NULL;
	struct ccs_log *log;
	struct receiver rx;
	struct ccs_conf conf;
	struct ccs_db *db;
	char err[256] = "";
	int64_t now = (int64_t)time(NULL), left = -1, by_a, by_b;
	int64_t n;
	int waited;

	receiver_start(&rx);
	ccs_conf_defaults(&conf);
	assert_int_equal(ccs_strlcpy(conf.webhook_secret, "outbox-test",
	    sizeof(conf.webhook_secret)), CCS_OK);
	conf.webhook_private = true;	/* the receiver is on loopback */
	log = ccs_log_new(stderr, CCS_LOG_ERROR);
	assert_non_null(log);

	if (ccs_store_open(fx->uri, 2, &a, err, sizeof(err)) != CCS_OK ||
	    ccs_store_open(fx->uri, 2, &b, err, sizeof(err)) != CCS_OK)
		fail_msg("open %s: %s", fx->uri, err);
	db = ccs_store_acquire(a);
	if (ccs_migrate(db, NULL, err, sizeof(err)) != CCS_OK)
		fail_msg("migrate: %s", err);
	assert_int_equal(ccs_db_begin(db, true), CCS_OK);
	for (n = 0; n < NNOTICES; n++)
		queue(db, rx.port, n, NULL, 0);
	queue(db, rx.port, N_EXPIRED, "dead-host:1:0", now - 1);
	queue(db, rx.port, N_HELD, "live-host:2:0", now + 3600);
	assert_int_equal(ccs_db_commit(db), CCS_OK);
	ccs_store_release(a, db);

	assert_int_equal(ccs_delivery_start(a, &conf, log, &wa), CCS_OK);
	assert_int_equal(ccs_delivery_start(b, &conf, log, &wb), CCS_OK);
	assert_string_not_equal(ccs_delivery_worker(wa),
	    ccs_delivery_worker(wb));
	for (waited = 0; waited < WAIT_S * 10; waited++) {
		left = count_sql(a, "SELECT COUNT(*) FROM outbox WHERE "
		    "sent_at IS NULL", NULL);
		if (left <= 1)
			break;
		(void)usleep(100000);
	}
	by_a = count_sql(a, "SELECT COUNT(*) FROM outbox WHERE sent_at IS "
	    "NOT NULL AND claimed_by = $1", ccs_delivery_worker(wa));
	by_b = count_sql(a, "SELECT COUNT(*) FROM outbox WHERE sent_at IS "
	    "NOT NULL AND claimed_by = $1", ccs_delivery_worker(wb));
	ccs_delivery_stop(wa);
	ccs_delivery_stop(wb);
	print_message("%s: worker A sent %lld, worker B %lld\n", fx->kind,
	    (long long)by_a, (long long)by_b);

	/* only the notice whose lease is held is left */
	assert_int_equal(left, 1);
	assert_int_equal(by_a + by_b, NNOTICES + 1);
	assert_int_equal(count_sql(a, "SELECT COUNT(*) FROM outbox WHERE "
	    "sent_at IS NULL AND claimed_by = $1", "live-host:2:0"), 1);
	/* every notice reached the receiver exactly once */
	assert_int_equal(rx.bad, 0);
	for (n = 0; n < NNOTICES; n++) {
		if (rx.hits[n] != 1)
			fail_msg("notice %lld arrived %u times", (long long)n,
			    rx.hits[n]);
	}
	assert_int_equal(rx.hits[N_EXPIRED], 1);
	assert_int_equal(rx.hits[N_HELD], 0);
	/* each attempt was counted once, by the worker that sent it */
	assert_int_equal(count_sql(a, "SELECT COUNT(*) FROM outbox WHERE "
	    "sent_at IS NOT NULL AND (attempts <> 1 OR lease_until <> 0)",
	    NULL), 0);

	receiver_stop(&rx);
	ccs_store_close(a);
	ccs_store_close(b);
	ccs_log_free(log);
}

int
main(void)
{
	static const char *sqlite = "sqlite", *pg = "postgres";
	const struct CMUnitTest lite[] = {
		cmocka_unit_test_prestate_setup_teardown(
		    test_two_workers_send_once, setup, teardown,
		    (void *)sqlite),
	};
	const struct CMUnitTest post[] = {
		cmocka_unit_test_prestate_setup_teardown(
		    test_two_workers_send_once, setup, teardown, (void *)pg),
	};
	const char *req = getenv("CCSCAP_REQUIRE_PG");
	int rc;

	rc = cmocka_run_group_tests_name("outbox_sqlite", lite, NULL, NULL);
	if (getenv("CCSCAP_TEST_PG") != NULL &&
	    getenv("CCSCAP_TEST_PG_ADMIN") != NULL)
		rc += cmocka_run_group_tests_name("outbox_postgres", post, NULL,
		    NULL);
	else if (req != NULL && strcmp(req, "1") == 0) {
		fprintf(stderr, "CCSCAP_REQUIRE_PG=1 but CCSCAP_TEST_PG is "
		    "not set\n");
		rc++;
	}
	return rc;
}

/*
 * delivery.c: sending the outbox.
 *
 * One thread polls every second for due notices (not sent, next_at passed,
 * fewer than CCS_DELIVERY_MAX_ATTEMPTS attempts, no live lease). Several
 * `ccscap serve` processes may share one database, so a notice is sent by
 * the one worker that leases it: a short write transaction claims one
 * notice (claimed_by = this worker, lease_until = now +
 * CCS_DELIVERY_LEASE_S; on PostgreSQL the candidate row is picked with FOR
 * UPDATE SKIP LOCKED, so claimers never wait on each other's row), the
 * notice is sent with no transaction open, and the outcome is written in
 * another short transaction only while the worker still holds the lease
 * (sent_at, or attempts, next_at with exponential backoff from one minute
 * to six hours, last_error, and the lease given back). A worker that dies
 * holding a lease leaves the notice to be taken over when the lease runs
 * out. Delivery is therefore exactly once while each send finishes within
 * its lease (libcurl's timeout is far shorter); only a worker that dies
 * after the receiver accepted a notice and before it recorded that, can
 * make a notice go out twice, so receivers should still de-duplicate on
 * kind and id. SQLite serves one process, where the write transaction
 * (BEGIN IMMEDIATE) alone makes the claim exclusive.
 *
 * The status updates are bookkeeping of the platform, not changes by a
 * user, so they are not audited. A channel that is not configured (no
 * smtp_url and smtp_from, or no webhook_secret: webhooks are never sent
 * unsigned) is not claimed and logged once; its notices stay queued until
 * it is configured.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <curl/curl.h>
#include <sodium.h>

#include "ccs_config.h"
#include "svc/platform/delivery.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

/* short enough that a stalled receiver does not hold up shutdown long */
#define TIMEOUT_S	10L
#define CONNECT_S	5L
/* notices one pass sends at most before it checks for stop again */
#define PASS_MAX	50

struct ccs_delivery {
	struct ccs_store	*store;		/* borrowed */
	const struct ccs_conf	*conf;		/* borrowed */
	struct ccs_log		*log;		/* borrowed */
	pthread_t		 thread;	/* the worker */
	pthread_mutex_t		 mu;		/* guards stop */
	pthread_cond_t		 cv;		/* wakes the worker to stop */
	bool			 stop;		/* set by ccs_delivery_stop */
	bool			 warned_email;	/* logged "e-mail off" once */
	bool			 warned_webhook;	/* "webhooks off" once */
	char			 worker_id[CCS_DELIVERY_WORKER_MAX];
						/* claimed_by of our leases */
};

void
ccs_delivery_sign(const char *secret, const char *body, size_t len,
    char out[72])
{
	crypto_auth_hmacsha256_state st;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret,
	    strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, len);
	crypto_auth_hmacsha256_final(&st, mac);
	memcpy(out, "sha256=", 7);
	(void)sodium_bin2hex(out + 7, 65, mac, sizeof(mac));
	sodium_memzero(&st, sizeof(st));
}

static int64_t
now_s(void)
{
	return (int64_t)time(NULL);
}

struct upload {
	const char	*data;	/* message */
	size_t		 len;	/* its length */
	size_t		 off;	/* bytes handed to libcurl */
};

static size_t
read_cb(char *buf, size_t size, size_t n, void *arg)
{
	struct upload *u = arg;
	size_t want = size * n, left = u->len - u->off;

	if (want > left)
		want = left;
	memcpy(buf, u->data + u->off, want);
	u->off += want;
	return want;
}

static size_t
discard_cb(char *buf, size_t size, size_t n, void *arg)
{
	(void)buf;
	(void)arg;
	return size * n;
}

/* Sends one e-mail; the address was checked when it was subscribed. */
static int
send_email(const struct ccs_conf *conf, const char *to, const char *subject,
    const char *body, char *err, size_t errlen)
{
	struct curl_slist *rcpt = NULL;
	struct upload u = { NULL, 0, 0 };
	struct ccs_buf msg;
	char date[64];
	struct tm tm;
	time_t t = time(NULL);
	CURLcode cc = CURLE_OUT_OF_MEMORY;
	CURL *c = NULL;
	int rc;

	ccs_buf_init(&msg, 1u << 20);
	(void)strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000",
	    gmtime_r(&t, &tm));
	rc = ccs_buf_printf(&msg, "Date: %s\r\nFrom: <%s>\r\nTo: <%s>\r\n"
	    "Subject: %s\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; "
	    "charset=utf-8\r\nAuto-Submitted: auto-generated\r\n\r\n%s", date,
	    conf->smtp_from, to, subject, body);
	if (rc != CCS_OK)
		goto out;
	u.data = ccs_buf_str(&msg);
	u.len = msg.len;
	c = curl_easy_init();
	rcpt = curl_slist_append(NULL, to);
	if (c == NULL || rcpt == NULL)
		goto out;
	(void)curl_easy_setopt(c, CURLOPT_URL, conf->smtp_url);
	(void)curl_easy_setopt(c, CURLOPT_MAIL_FROM, conf->smtp_from);
	(void)curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	(void)curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	(void)curl_easy_setopt(c, CURLOPT_READDATA, &u);
	(void)curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	(void)curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	(void)curl_easy_setopt(c, CURLOPT_TIMEOUT, TIMEOUT_S);
	(void)curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_S);
	cc = curl_easy_perform(c);
out:
	if (cc != CURLE_OK)
		(void)ccs_snprintf(err, errlen, "smtp: %s",
		    curl_easy_strerror(cc));
	curl_slist_free_all(rcpt);
	if (c != NULL)
		curl_easy_cleanup(c);
	ccs_buf_free(&msg);
	return cc == CURLE_OK ? CCS_OK : CCS_EIO;
}

/*
 * True for addresses a webhook must not reach unless the operator allows
 * it (webhook_private = 1): a subscriber could otherwise make the server
 * post to its own loopback, the private network or cloud metadata
 * (169.254.169.254). IPv4-mapped IPv6 addresses are judged as IPv4.
 */
static bool
internal_v4(const unsigned char a[4])
{
	return a[0] == 0 || a[0] == 10 || a[0] == 127 || a[0] >= 224 ||
	    (a[0] == 100 && (a[1] & 0xc0) == 64) ||
	    (a[0] == 169 && a[1] == 254) ||
	    (a[0] == 172 && (a[1] & 0xf0) == 16) ||
	    (a[0] == 192 && a[1] == 168) ||
	    (a[0] == 192 && a[1] == 0 && a[2] == 0) ||
	    (a[0] == 198 && (a[1] & 0xfe) == 18);
}

static bool
internal_addr(const struct sockaddr *sa)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff };
	unsigned char v4[4], b[16];
	size_t i;

	if (sa->sa_family == AF_INET) {
		memcpy(v4, &((const struct sockaddr_in *)(const void *)sa)->
		    sin_addr, sizeof(v4));
		return internal_v4(v4);
	}
	if (sa->sa_family != AF_INET6)
		return true;
	memcpy(b, ((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr.
	    s6_addr, sizeof(b));
	if (memcmp(b, mapped, sizeof(mapped)) == 0) {
		memcpy(v4, b + 12, sizeof(v4));
		return internal_v4(v4);
	}
	for (i = 0; i < 15 && b[i] == 0; i++)
		;
	if (i == 15 && (b[15] == 0 || b[15] == 1))
		return true;			/* :: and ::1 */
	return (b[0] & 0xfe) == 0xfc ||		/* fc00::/7 unique local */
	    (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) ||	/* fe80::/10 */
	    b[0] == 0xff;			/* multicast */
}

/* libcurl asks before each connection: refuse internal addresses. */
static curl_socket_t
open_socket(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	const struct ccs_conf *conf = arg;

	(void)purpose;
	if (!conf->webhook_private && internal_addr(&a->addr))
		return CURL_SOCKET_BAD;
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

static int
send_webhook(const struct ccs_conf *conf, const char *url, const char *body,
    char *err, size_t errlen)
{
	struct curl_slist *hdr = NULL, *h2;
	char sig[72], line[120];
	CURLcode cc = CURLE_OUT_OF_MEMORY;
	long status = 0;
	CURL *c;

	ccs_delivery_sign(conf->webhook_secret, body, strlen(body), sig);
	(void)ccs_snprintf(line, sizeof(line), "X-Ccscap-Signature: %s", sig);
	c = curl_easy_init();
	hdr = curl_slist_append(NULL, "Content-Type: application/json");
	h2 = hdr ? curl_slist_append(hdr, line) : NULL;
	if (c == NULL || h2 == NULL)
		goto out;
	hdr = h2;
	(void)curl_easy_setopt(c, CURLOPT_URL, url);
	(void)curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	(void)curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	(void)curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	(void)curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	(void)curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard_cb);
	(void)curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	(void)curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	(void)curl_easy_setopt(c, CURLOPT_TIMEOUT, TIMEOUT_S);
	(void)curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_S);
	(void)curl_easy_setopt(c, CURLOPT_USERAGENT, "ccscap/" CCS_VERSION);
	(void)curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	(void)curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, conf);
	cc = curl_easy_perform(c);
	if (cc == CURLE_OK)
		(void)curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
out:
	curl_slist_free_all(hdr);
	if (c != NULL)
		curl_easy_cleanup(c);
	if (cc != CURLE_OK) {
		(void)ccs_snprintf(err, errlen, "webhook: %s%s",
		    curl_easy_strerror(cc), cc == CURLE_COULDNT_CONNECT &&
		    !conf->webhook_private ? " (loopback, private and "
		    "link-local addresses are refused unless webhook_private "
		    "= 1)" : "");
		return CCS_EIO;
	}
	if (status < 200 || status > 299) {
		(void)ccs_snprintf(err, errlen, "webhook: HTTP status %ld",
		    status);
		return CCS_EIO;
	}
	return CCS_OK;
}

/*
 * Writes the outcome of one attempt in its own short transaction, if this
 * worker still holds the lease; gives the lease back.
 */
static void
record(struct ccs_delivery *d, const json_t *row, int sent,
    const char *err)
{
	int64_t id = json_integer_value(json_object_get(row, "id"));
	int64_t attempts = json_integer_value(json_object_get(row,
	    "attempts"));
	int64_t backoff = 60, now = now_s(), got = 0;
	struct ccs_val v[4];
	struct ccs_db *db;
	int rc;

	for (int64_t i = 0; i < attempts && backoff < 6 * 3600; i++)
		backoff *= 2;
	if (backoff > 6 * 3600)
		backoff = 6 * 3600;
	v[0] = CCS_VINT(id);
	v[1] = CCS_VINT(sent == CCS_OK ? now : now + backoff);
	v[2] = CCS_VTEXT(d->worker_id);
	v[3] = CCS_VTEXT(err);
	db = ccs_store_acquire(d->store);
	rc = ccs_db_begin(db, true);
	if (rc == CCS_OK)
		rc = sent == CCS_OK ? ccs_db_query_int(db, "UPDATE outbox SET "
		    "sent_at = $2, attempts = attempts + 1, last_error = NULL, "
		    "lease_until = 0 WHERE id = $1 AND claimed_by = $3 "
		    "RETURNING id", v, 3, &got) : ccs_db_query_int(db,
		    "UPDATE outbox SET attempts = attempts + 1, next_at = $2, "
		    "last_error = $4, lease_until = 0 WHERE id = $1 AND "
		    "claimed_by = $3 RETURNING id", v, 4, &got);
	if (rc == CCS_ENOTFOUND) {
		/* our lease ran out and another worker took the notice */
		ccs_log_event(d->log, CCS_LOG_WARN, "outbox_lease_lost",
		    json_pack("{s:I, s:s}", "id", (json_int_t)id, "worker",
		    d->worker_id));
		ccs_db_rollback(db);
		ccs_store_release(d->store, db);
		return;
	}
	if (rc == CCS_OK)
		rc = ccs_db_commit(db);
	if (rc != CCS_OK)
		ccs_log_event(d->log, CCS_LOG_ERROR, "outbox_update_failed",
		    json_pack("{s:I, s:s}", "id", (json_int_t)id, "db",
		    ccs_db_errmsg(db)));
	ccs_store_release(d->store, db);
}

/*
 * Claims one due notice for this worker. The channels that are not
 * configured are left alone. *out is the claimed row (new reference), or
 * NULL with CCS_ENOTFOUND when nothing is due.
 */
static int
claim(struct ccs_delivery *d, bool mail, bool hook, json_t **out)
{
	const char *pick = mail && hook ? "" : mail ? "AND channel = 'email' "
	    : "AND channel = 'webhook' ";
	bool pg = strcmp(ccs_store_backend(d->store), "postgres") == 0;
	struct ccs_val v[4];
	struct ccs_buf sql;
	struct ccs_db *db;
	int64_t now = now_s();
	int rc;

	*out = NULL;
	if (!mail && !hook)
		return CCS_ENOTFOUND;
	ccs_buf_init(&sql, 2048);
	rc = ccs_buf_printf(&sql, "UPDATE outbox SET claimed_by = $1, "
	    "lease_until = $2 WHERE id = (SELECT id FROM outbox WHERE "
	    "sent_at IS NULL AND next_at <= $3 AND attempts < $4 AND "
	    "lease_until <= $3 %sORDER BY next_at, id LIMIT 1%s) RETURNING "
	    "id, channel, target, subject, body, attempts", pick,
	    pg ? " FOR UPDATE SKIP LOCKED" : "");
	if (rc != CCS_OK)
		goto out;
	v[0] = CCS_VTEXT(d->worker_id);
	v[1] = CCS_VINT(now + CCS_DELIVERY_LEASE_S);
	v[2] = CCS_VINT(now);
	v[3] = CCS_VINT(CCS_DELIVERY_MAX_ATTEMPTS);
	db = ccs_store_acquire(d->store);
	rc = ccs_db_begin(db, true);
	if (rc == CCS_OK)
		rc = ccs_db_query_one(db, ccs_buf_str(&sql), v, 4, out);
	if (rc == CCS_OK)
		rc = ccs_db_commit(db);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
	}
	ccs_store_release(d->store, db);
out:
	ccs_buf_free(&sql);
	return rc;
}

/* Logs once that notices of a channel that is not configured wait. */
static void
warn_unconfigured(struct ccs_delivery *d, bool mail, bool hook)
{
	const char *chan, *event, *hint;
	struct ccs_val v;
	struct ccs_db *db;
	int64_t n = 0;
	bool *warned;
	int rc;

	if (!mail && !d->warned_email) {
		chan = "email";
		event = "email_not_configured";
		hint = "set smtp_url and smtp_from; e-mail notices stay queued";
		warned = &d->warned_email;
	} else if (!hook && !d->warned_webhook) {
		chan = "webhook";
		event = "webhook_not_configured";
		hint = "set webhook_secret; webhook notices stay queued";
		warned = &d->warned_webhook;
	} else {
		return;
	}
	v = CCS_VTEXT(chan);
	db = ccs_store_acquire(d->store);
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM outbox WHERE "
	    "sent_at IS NULL AND channel = $1", &v, 1, &n);
	ccs_store_release(d->store, db);
	if (rc != CCS_OK || n == 0)
		return;
	*warned = true;
	ccs_log_event(d->log, CCS_LOG_WARN, event, json_pack("{s:s}", "hint",
	    hint));
}

static bool
stopping(struct ccs_delivery *d)
{
	bool stop;

	pthread_mutex_lock(&d->mu);
	stop = d->stop;
	pthread_mutex_unlock(&d->mu);
	return stop;
}

/* One pass: claims and sends what is due, one notice at a time. */
static void
run_once(struct ccs_delivery *d)
{
	bool mail = d->conf->smtp_url[0] != '\0' &&
	    d->conf->smtp_from[0] != '\0';
	bool hook = d->conf->webhook_secret[0] != '\0';
	json_t *row = NULL;
	const char *ch;
	char err[256];
	int n, rc;

	warn_unconfigured(d, mail, hook);
	for (n = 0; n < PASS_MAX && !stopping(d); n++) {
		if (claim(d, mail, hook, &row) != CCS_OK)
			return;
		ch = json_string_value(json_object_get(row, "channel"));
		err[0] = '\0';
		if (strcmp(ch, "email") == 0)
			rc = send_email(d->conf, json_string_value(
			    json_object_get(row, "target")), json_string_value(
			    json_object_get(row, "subject")), json_string_value(
			    json_object_get(row, "body")), err, sizeof(err));
		else
			rc = send_webhook(d->conf, json_string_value(
			    json_object_get(row, "target")), json_string_value(
			    json_object_get(row, "body")), err, sizeof(err));
		if (rc != CCS_OK)
			ccs_log_event(d->log, CCS_LOG_WARN, "delivery_failed",
			    json_pack("{s:I, s:s, s:s}", "id", (json_int_t)
			    json_integer_value(json_object_get(row, "id")),
			    "channel", ch, "error", err));
		record(d, row, rc, err[0] ? err : NULL);
		json_decref(row);
		row = NULL;
	}
}

static void *
worker(void *arg)
{
	struct ccs_delivery *d = arg;
	struct timespec ts;

	while (!stopping(d)) {
		run_once(d);
		pthread_mutex_lock(&d->mu);
		(void)clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 1;
		while (!d->stop && pthread_cond_timedwait(&d->cv, &d->mu,
		    &ts) == 0)
			;
		pthread_mutex_unlock(&d->mu);
	}
	return NULL;
}

/*
 * Names this worker in claimed_by: host, process and a random part, so
 * two workers never share a name, even in one process (the tests) or
 * after a pid is reused.
 */
static void
worker_name(char *out, size_t len)
{
	char host[64];
	uint32_t r = randombytes_random();

	if (gethostname(host, sizeof(host)) != 0)
		(void)ccs_strlcpy(host, "host", sizeof(host));
	host[sizeof(host) - 1] = '\0';
	if (ccs_snprintf(out, len, "%s:%ld:%08" PRIx32, host, (long)getpid(),
	    r) != CCS_OK)
		(void)ccs_snprintf(out, len, "worker:%08" PRIx32, r);
}

const char *
ccs_delivery_worker(const struct ccs_delivery *d)
{
	return d->worker_id;
}

int
ccs_delivery_start(struct ccs_store *store, const struct ccs_conf *conf,
    struct ccs_log *log, struct ccs_delivery **out)
{
	struct ccs_delivery *d;

	*out = NULL;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return CCS_EIO;
	d = ccs_calloc(1, sizeof(*d));
	if (d == NULL) {
		curl_global_cleanup();
		return CCS_ENOMEM;
	}
	d->store = store;
	d->conf = conf;
	d->log = log;
	worker_name(d->worker_id, sizeof(d->worker_id));
	pthread_mutex_init(&d->mu, NULL);
	pthread_cond_init(&d->cv, NULL);
	if (pthread_create(&d->thread, NULL, worker, d) != 0) {
		pthread_cond_destroy(&d->cv);
		pthread_mutex_destroy(&d->mu);
		free(d);
		curl_global_cleanup();
		return CCS_EIO;
	}
	*out = d;
	return CCS_OK;
}

void
ccs_delivery_stop(struct ccs_delivery *d)
{
	if (d == NULL)
		return;
	pthread_mutex_lock(&d->mu);
	d->stop = true;
	pthread_cond_signal(&d->cv);
	pthread_mutex_unlock(&d->mu);
	(void)pthread_join(d->thread, NULL);
	pthread_cond_destroy(&d->cv);
	pthread_mutex_destroy(&d->mu);
	free(d);
	curl_global_cleanup();
}

/*
 * server.c: libmicrohttpd glue. One epoll listener with a pool of worker
 * threads; each request gets a struct ccs_req on the first access-handler
 * call, its body is collected (bounded) on the following calls, and it is
 * dispatched and answered on the last call. The reply is never queued on the
 * first call except to refuse an oversized body: libmicrohttpd 0.9.75 drops
 * keep-alive for responses queued that early.
 *
 * Slow clients. libmicrohttpd's connection timeout is an idle timeout: a
 * client sending one byte every few seconds is never dropped, and the
 * access handler is not called until the headers are complete, so it
 * cannot time them. Every connection is therefore watched from the
 * moment it is accepted (MHD_OPTION_NOTIFY_CONNECTION) by one watchdog
 * thread: the headers must be complete within header_timeout of the
 * connection opening (or of the previous reply on a kept-alive one), and
 * a body within body_timeout of its headers and, after its first
 * RATE_GRACE_MS, at min_rate bytes a second on average. An overdue
 * connection is shut down (shutdown(2), never close: the socket stays
 * libmicrohttpd's, which sees the end of the stream and cleans up); its
 * entry is removed under the same lock in the CLOSED notification, which
 * libmicrohttpd sends before it closes the socket, so the watchdog never
 * touches a descriptor number that was reused. Per-address and global
 * connection limits are libmicrohttpd's. Non-goal: slow readers of a
 * reply, which the idle timeout bounds.
 *
 * Direct TLS (tls_cert, tls_key) is libmicrohttpd's GnuTLS. A new
 * certificate is taken on ccs_server_reload (SIGHUP) by a graceful
 * restart: the daemon is quiesced (it stops accepting and hands back the
 * listening socket, its open connections carry on) and a new daemon with
 * the new pair is started on that same socket, so the listener is never
 * closed; the old daemon is stopped by ccs_server_tick once its
 * connections are gone or after drain_ns. Not MHD_OPTION_HTTPS_CERT_CALLBACK:
 * GnuTLS's retrieve function has no closure argument and libmicrohttpd
 * 0.9.75 hands GnuTLS the bare socket, so the callback could find the
 * current pair only through a global, which style rule 16 forbids.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "http/metrics.h"
#include "http/req.h"
#include "http/router.h"
#include "http/server.h"
#include "http/tls.h"
#include "util/err.h"
#include "util/log.h"
#include "util/mem.h"
#include "util/str.h"

#define RATE_GRACE_MS	5000u	/* a body's first seconds are not rated */
#define WATCH_TICK_MS	250u	/* how often the watchdog looks */
#define DRAIN_MAX	4	/* quiesced daemons kept at most */
#define CONN_POOL	(16u * 1024)	/* MHD's pool per connection */

/* What the server waits for on a connection. */
enum phase {
	PH_HEADERS,	/* request line and headers: header_timeout */
	PH_BODY,	/* the body: body_timeout and min_rate */
	PH_BUSY		/* handling or replying: no deadline of ours */
};

/* One open connection, from accept to close. */
struct watch {
	struct watch	*prev, *next;	/* ccs_server.watched */
	MHD_socket	 fd;		/* libmicrohttpd's socket, not ours */
	enum phase	 phase;		/* what we wait for */
	uint64_t	 since_ns;	/* when the phase began */
	uint64_t	 bytes;		/* body bytes so far */
	bool		 dropped;	/* already shut down */
	char		 ip[INET6_ADDRSTRLEN];	/* for the log */
};

/* A daemon quiesced by a reload, serving its last connections. */
struct drain {
	struct MHD_Daemon	*mhd;		/* NULL: slot free */
	struct ccs_tls_pair	 tls;		/* the pair it was given */
	uint64_t		 until_ns;	/* stopped then at the latest */
};

struct ccs_server {
	const struct ccs_app	*app;		/* borrowed */
	struct MHD_Daemon	*mhd;		/* daemon */
	struct ccs_metrics	*metrics;	/* counters, owned */
	struct ccs_router_map	*routes;	/* route map, owned */
	struct ccs_tls_pair	 tls;		/* its pair (TLS on) */
	bool			 tls_on;	/* tls_cert is set */
	bool			 v6;		/* an IPv6 address */
	MHD_socket		 listen_fd;	/* until the daemon has it */
	struct drain		 drains[DRAIN_MAX];	/* older daemons */
	uint64_t		 drain_ns;	/* a drain lasts at most */
	uint16_t		 port;		/* bound port */
	pthread_mutex_t		 lock;		/* watched, stopping */
	pthread_cond_t		 wake;		/* stop the watchdog */
	pthread_t		 dog;		/* the watchdog thread */
	bool			 dog_running;	/* dog was started */
	bool			 stopping;	/* watchdog: leave */
	struct watch		*watched;	/* open connections */
	uint64_t		 header_ns;	/* header_timeout */
	uint64_t		 body_ns;	/* body_timeout */
	uint64_t		 min_rate;	/* bytes/s, 0: off */
};

static uint64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void
client_ip(struct MHD_Connection *conn, char *out, size_t len)
{
	const union MHD_ConnectionInfo *ci;
	const struct sockaddr *sa;

	(void)ccs_strlcpy(out, "unknown", len);
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || ci->client_addr == NULL)
		return;
	sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		(void)inet_ntop(AF_INET, &((const struct sockaddr_in *)
		    (const void *)sa)->sin_addr, out, (socklen_t)len);
	else if (sa->sa_family == AF_INET6)
		(void)inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)
		    (const void *)sa)->sin6_addr, out, (socklen_t)len);
}

/*
 * The client's address when the peer is a trusted_proxy: the last entry
 * of X-Forwarded-For, the one the proxy added (entries before it came from
 * the client and prove nothing). @p ip is left alone when the peer is not
 * trusted or the header holds no numeric address, so a sign-in throttle
 * never counts against an address a client made up.
 */
static void
forwarded_ip(struct MHD_Connection *conn, const struct ccs_conf *conf,
    char *ip, size_t len)
{
	char last[CCS_CONF_ADDR_MAX], canon[CCS_CONF_ADDR_MAX];
	const char *xff, *p, *e;
	size_t n;

	if (conf->ntrusted_proxies == 0 || !ccs_conf_trusts_proxy(conf, ip))
		return;
	xff = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    "X-Forwarded-For");
	if (xff == NULL)
		return;
	p = strrchr(xff, ',');
	p = p != NULL ? p + 1 : xff;
	while (*p == ' ' || *p == '\t')
		p++;
	for (e = p; *e != '\0' && *e != ' ' && *e != '\t'; e++)
		;
	n = (size_t)(e - p);
	if (n == 0 || n >= sizeof(last))
		return;
	memcpy(last, p, n);
	last[n] = '\0';
	if (ccs_conf_addr_canon(last, canon))
		(void)ccs_strlcpy(ip, canon, len);
}

/* The watch of @p conn's socket, or NULL (its allocation failed). */
static struct watch *
watch_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci;

	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci != NULL ? ci->socket_context : NULL;
}

static void
set_phase(struct ccs_server *srv, struct MHD_Connection *conn,
    enum phase ph)
{
	struct watch *w = watch_of(conn);

	if (w == NULL)
		return;
	pthread_mutex_lock(&srv->lock);
	w->phase = ph;
	w->since_ns = mono_ns();
	w->bytes = 0;
	pthread_mutex_unlock(&srv->lock);
}

static void
add_bytes(struct ccs_server *srv, struct MHD_Connection *conn, size_t n)
{
	struct watch *w = watch_of(conn);

	if (w == NULL)
		return;
	pthread_mutex_lock(&srv->lock);
	w->bytes += n;
	pthread_mutex_unlock(&srv->lock);
}

/* Why @p w is overdue at @p now, or NULL. */
static const char *
overdue(const struct ccs_server *srv, const struct watch *w, uint64_t now)
{
	uint64_t ms = (now - w->since_ns) / 1000000u;

	switch (w->phase) {
	case PH_HEADERS:
		return now - w->since_ns > srv->header_ns ? "header_timeout" :
		    NULL;
	case PH_BODY:
		if (now - w->since_ns > srv->body_ns)
			return "body_timeout";
		/* bytes / seconds < min_rate, without dividing */
		if (srv->min_rate > 0 && ms > RATE_GRACE_MS && w->bytes *
		    1000u < srv->min_rate * ms)
			return "min_rate";
		return NULL;
	case PH_BUSY:
		break;
	}
	return NULL;
}

static void *
watchdog(void *arg)
{
	struct ccs_server *srv = arg;
	struct timespec until;
	struct watch *w;
	const char *why;
	uint64_t now;

	pthread_mutex_lock(&srv->lock);
	while (!srv->stopping) {
		now = mono_ns();
		for (w = srv->watched; w != NULL; w = w->next) {
			why = w->dropped ? NULL : overdue(srv, w, now);
			if (why == NULL)
				continue;
			w->dropped = true;
			(void)shutdown(w->fd, SHUT_RDWR);
			ccs_log_event(srv->app->log, CCS_LOG_WARN,
			    "slow_client_dropped", json_pack("{s:s, s:s}",
			    "ip", w->ip, "reason", why));
		}
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += (long)WATCH_TICK_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		(void)pthread_cond_timedwait(&srv->wake, &srv->lock, &until);
	}
	pthread_mutex_unlock(&srv->lock);
	return NULL;
}

static void
on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
    enum MHD_ConnectionNotificationCode toe)
{
	struct ccs_server *srv = cls;
	const union MHD_ConnectionInfo *ci;
	struct watch *w;

	if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
		w = *socket_context;
		if (w == NULL)
			return;
		pthread_mutex_lock(&srv->lock);
		if (w->prev != NULL)
			w->prev->next = w->next;
		else
			srv->watched = w->next;
		if (w->next != NULL)
			w->next->prev = w->prev;
		pthread_mutex_unlock(&srv->lock);
		free(w);
		*socket_context = NULL;
		return;
	}
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	w = ccs_calloc(1, sizeof(*w));
	if (w == NULL || ci == NULL) {
		/* an unwatched connection would have no deadline: refuse it */
		if (ci != NULL)
			(void)shutdown(ci->connect_fd, SHUT_RDWR);
		free(w);
		*socket_context = NULL;
		return;
	}
	w->fd = ci->connect_fd;
	w->phase = PH_HEADERS;
	w->since_ns = mono_ns();
	client_ip(conn, w->ip, sizeof(w->ip));
	pthread_mutex_lock(&srv->lock);
	w->next = srv->watched;
	if (w->next != NULL)
		w->next->prev = w;
	srv->watched = w;
	pthread_mutex_unlock(&srv->lock);
	*socket_context = w;
}

static void
req_free(struct ccs_req *r)
{
	if (r == NULL)
		return;
	if (r->resp != NULL)
		MHD_destroy_response(r->resp);
	json_decref(r->json);
	ccs_buf_free(&r->body);
	free(r);
}

static enum MHD_Result
finish(struct ccs_server *srv, struct ccs_req *r)
{
	enum ccs_log_level level;
	enum MHD_Result ret;
	uint64_t us;
	size_t route;

	if (r->resp == NULL)
		return MHD_NO;
	set_phase(srv, r->conn, PH_BUSY);
	ret = MHD_queue_response(r->conn, r->status, r->resp);
	us = (mono_ns() - r->t0_ns) / 1000u;
	route = r->route != NULL ? ccs_router_index(r->route) : SIZE_MAX;
	if (route == SIZE_MAX)
		route = r->page ? CCS_METRICS_STATIC : CCS_METRICS_UNMATCHED;
	ccs_metrics_done(srv->metrics, route, r->status, us, &r->import);
	ccs_metrics_end(srv->metrics);
	level = r->status >= 500 ? CCS_LOG_ERROR : CCS_LOG_INFO;
	/* the line is built only when the log takes it: at log_level warn
	 * this was a fifteenth of a cached state read */
	if ((int)level >= srv->app->conf->log_level)
		ccs_log_event(srv->app->log, level, "request",
		    json_pack("{s:s, s:s, s:i, s:f, s:s, s:s?}", "method",
		    r->method, "path", r->path, "status", (int)r->status,
		    "ms", (double)us / 1000.0, "ip", r->ip, "user",
		    r->who.login[0] ? r->who.login : NULL));
	MHD_destroy_response(r->resp);
	r->resp = NULL;
	return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct ccs_server *srv = cls;
	struct ccs_req *r = *con_cls;
	const char *cl;
	size_t clen;

	(void)version;
	if (r == NULL) {
		r = ccs_calloc(1, sizeof(*r));
		if (r == NULL)
			return MHD_NO;
		r->app = srv->app;
		r->metrics = srv->metrics;
		r->conn = conn;
		r->method = method;
		r->path = url;
		r->now = (int64_t)time(NULL);
		r->t0_ns = mono_ns();
		/* one match per request: the body limit and dispatch */
		r->pre_route = ccs_router_map_match(srv->routes, method, url,
		    r, &r->pre_known);
		r->prematched = true;
		ccs_buf_init(&r->body, ccs_router_route_limit(r->pre_route,
		    srv->app->conf, &r->too_big_code));
		client_ip(conn, r->ip, sizeof(r->ip));
		forwarded_ip(conn, srv->app->conf, r->ip, sizeof(r->ip));
		*con_cls = r;
		set_phase(srv, conn, PH_BODY);
		ccs_metrics_begin(srv->metrics);
		cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl != NULL && (ccs_parse_size(cl, 0, SIZE_MAX, &clen) !=
		    CCS_OK || clen > r->body.max)) {
			/* Refuse before reading a byte of it; the public
			 * report form answers with its own page, TAXII with
			 * its own error shape. */
			if (strcmp(r->too_big_code, "report_too_large") == 0 ||
			    strcmp(r->too_big_code, "taxii_too_large") == 0) {
				r->body_too_big = true;
				ccs_dispatch(r);
			} else {
				ccs_reply_error(r, 413, r->too_big_code, "the "
				    "request body is larger than the server "
				    "accepts");
			}
			return finish(srv, r);
		}
		return MHD_YES;
	}
	if (r->replied && r->resp == NULL) {
		/* Already refused (body too large): discard the rest. */
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		add_bytes(srv, conn, *upload_data_size);
		if (!r->body_too_big && ccs_buf_add(&r->body, upload_data,
		    *upload_data_size) != CCS_OK)
			r->body_too_big = true;
		*upload_data_size = 0;
		return MHD_YES;
	}
	set_phase(srv, conn, PH_BUSY);
	ccs_dispatch(r);
	return finish(srv, r);
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct ccs_server *srv = cls;
	struct ccs_req *r = *con_cls;

	/* a kept-alive connection waits for its next request's headers */
	set_phase(srv, conn, PH_HEADERS);
	if (r == NULL)
		return;
	if (!r->replied || r->resp != NULL)
		ccs_metrics_end(srv->metrics);
	if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK && r->replied)
		ccs_log_event(srv->app->log, CCS_LOG_DEBUG, "request_aborted",
		    json_pack("{s:s, s:i}", "path", r->path, "reason",
		    (int)toe));
	req_free(r);
	*con_cls = NULL;
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	const struct ccs_app *app = cls;
	char msg[512];
	int n;

	/* libmicrohttpd hands us its own printf formats. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
#pragma GCC diagnostic pop
	if (n < 0)
		return;
	if (n > 0 && msg[strlen(msg) - 1] == '\n')
		msg[strlen(msg) - 1] = '\0';
	ccs_log_event(app->log, CCS_LOG_WARN, "http_server", json_pack("{s:s}",
	    "message", msg));
}

static int
start_watchdog(struct ccs_server *srv)
{
	pthread_condattr_t ca;

	if (pthread_mutex_init(&srv->lock, NULL) != 0)
		return CCS_ENOMEM;
	if (pthread_condattr_init(&ca) != 0 || pthread_condattr_setclock(&ca,
	    CLOCK_MONOTONIC) != 0 || pthread_cond_init(&srv->wake, &ca) !=
	    0) {
		pthread_mutex_destroy(&srv->lock);
		return CCS_ENOMEM;
	}
	(void)pthread_condattr_destroy(&ca);
	if (pthread_create(&srv->dog, NULL, watchdog, srv) != 0) {
		pthread_cond_destroy(&srv->wake);
		pthread_mutex_destroy(&srv->lock);
		return CCS_ENOMEM;
	}
	srv->dog_running = true;
	return CCS_OK;
}

/* Stops the watchdog and frees what the daemon left watched. */
static void
stop_watchdog(struct ccs_server *srv)
{
	struct watch *w;

	if (!srv->dog_running)
		return;
	pthread_mutex_lock(&srv->lock);
	srv->stopping = true;
	pthread_cond_signal(&srv->wake);
	pthread_mutex_unlock(&srv->lock);
	(void)pthread_join(srv->dog, NULL);
	while (srv->watched != NULL) {
		w = srv->watched;
		srv->watched = w->next;
		free(w);
	}
	pthread_cond_destroy(&srv->wake);
	pthread_mutex_destroy(&srv->lock);
	srv->dog_running = false;
}

/*
 * Starts one daemon on the listening socket @p fd (bound by
 * ccs_server_open, or handed back by a quiesced daemon), with @p tls when
 * TLS is on. NULL if it does not start.
 */
static struct MHD_Daemon *
start_daemon(struct ccs_server *srv, MHD_socket fd,
    const struct ccs_tls_pair *tls)
{
	const struct ccs_conf *c = srv->app->conf;
	struct MHD_OptionItem o[16];
	unsigned flags;
	size_t n = 0;

#define OPT(opt, v, p) do {						\
	o[n].option = (opt);						\
	o[n].value = (intptr_t)(v);					\
	o[n].ptr_value = (p);						\
	n++;								\
} while (0)
	/* first, so every message of the daemon goes to our log */
	OPT(MHD_OPTION_EXTERNAL_LOGGER, mhd_log, (void *)(uintptr_t)srv->app);
	OPT(MHD_OPTION_LISTEN_SOCKET, fd, NULL);
	OPT(MHD_OPTION_THREAD_POOL_SIZE, c->threads, NULL);
	OPT(MHD_OPTION_CONNECTION_LIMIT, c->max_connections, NULL);
	OPT(MHD_OPTION_PER_IP_CONNECTION_LIMIT, c->per_ip_connections, NULL);
	OPT(MHD_OPTION_CONNECTION_TIMEOUT, c->conn_timeout, NULL);
	OPT(MHD_OPTION_CONNECTION_MEMORY_LIMIT, CONN_POOL, NULL);
	OPT(MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv);
	OPT(MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv);
	OPT(MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024, NULL);
	if (srv->tls_on) {
		OPT(MHD_OPTION_HTTPS_MEM_CERT, 0, tls->cert);
		OPT(MHD_OPTION_HTTPS_MEM_KEY, 0, tls->key);
	}
	OPT(MHD_OPTION_END, 0, NULL);
#undef OPT
	/* ITC: a daemon can be quiesced (reload) */
	flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG |
	    MHD_USE_ITC;
	if (srv->v6)
		flags |= MHD_USE_IPv6;
	if (srv->tls_on)
		flags |= MHD_USE_TLS;
	return MHD_start_daemon(flags, c->listen_port, NULL, NULL,
	    on_request, srv, MHD_OPTION_ARRAY, o, MHD_OPTION_END);
}

/* The listening socket, bound and listening, non-blocking. */
static int
bind_listener(const struct addrinfo *ai, MHD_socket *out)
{
	int fd, on = 1;

	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, 0);
	if (fd < 0)
		return CCS_EIO;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0 ||
	    (ai->ai_family == AF_INET6 && setsockopt(fd, IPPROTO_IPV6,
	    IPV6_V6ONLY, &on, sizeof(on)) != 0) ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 ||
	    listen(fd, 1024) != 0) {
		close(fd);
		return CCS_EIO;
	}
	*out = fd;
	return CCS_OK;
}

int
ccs_server_open(const struct ccs_app *app, struct ccs_server **out,
    char *err, size_t errlen)
{
	const struct ccs_conf *c = app->conf;
	struct ccs_server *srv = NULL;
	struct addrinfo hints, *ai = NULL;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char port[8];
	size_t i;
	int rc;

	*out = NULL;
	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	hints.ai_socktype = SOCK_STREAM;
	(void)ccs_snprintf(port, sizeof(port), "%u", (unsigned)c->listen_port);
	rc = getaddrinfo(c->listen_host, port, &hints, &ai);
	if (rc != 0) {
		(void)ccs_snprintf(err, errlen, "listen address '%s' is not a "
		    "numeric IPv4 or IPv6 address", c->listen_host);
		return CCS_EINVAL;
	}
	srv = ccs_calloc(1, sizeof(*srv));
	if (srv == NULL) {
		freeaddrinfo(ai);
		return CCS_ENOMEM;
	}
	srv->app = app;
	srv->listen_fd = MHD_INVALID_SOCKET;
	srv->metrics = ccs_metrics_new(ccs_router_count(), (int64_t)time(NULL));
	/* built once; the workers only read it */
	srv->routes = ccs_router_map_new();
	if (srv->metrics == NULL || srv->routes == NULL) {
		freeaddrinfo(ai);
		ccs_server_stop(srv);
		(void)ccs_snprintf(err, errlen, "out of memory");
		return CCS_ENOMEM;
	}
	for (i = 0; i < ccs_router_count(); i++)
		ccs_metrics_name_route(srv->metrics, i,
		    ccs_router_at(i)->method, ccs_router_at(i)->pattern);
	srv->v6 = ai->ai_family == AF_INET6;
	rc = CCS_OK;
	if (c->tls_cert[0] != '\0') {
		srv->tls_on = true;
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
			(void)ccs_snprintf(err, errlen, "tls_cert: this "
			    "libmicrohttpd was built without TLS");
			rc = CCS_EINVAL;
		} else {
			rc = ccs_tls_pair_load(c->tls_cert, c->tls_key,
			    &srv->tls, err, errlen);
		}
	}
	if (rc == CCS_OK && bind_listener(ai, &srv->listen_fd) != CCS_OK) {
		(void)ccs_snprintf(err, errlen, "cannot listen on %s:%u: %s",
		    c->listen_host, (unsigned)c->listen_port, strerror(errno));
		rc = CCS_EIO;
	}
	freeaddrinfo(ai);
	if (rc == CCS_OK && getsockname(srv->listen_fd, (struct sockaddr *)
	    &ss, &sl) == 0)
		srv->port = ntohs(ss.ss_family == AF_INET6 ?
		    ((struct sockaddr_in6 *)&ss)->sin6_port :
		    ((struct sockaddr_in *)&ss)->sin_port);
	if (rc != CCS_OK) {
		ccs_server_stop(srv);
		return rc;
	}
	*out = srv;
	return CCS_OK;
}

int
ccs_server_run(struct ccs_server *srv, char *err, size_t errlen)
{
	const struct ccs_conf *c = srv->app->conf;
	int rc;

	srv->header_ns = (uint64_t)c->header_timeout * 1000000000u;
	srv->body_ns = (uint64_t)c->body_timeout * 1000000000u;
	srv->min_rate = c->min_rate;
	srv->drain_ns = ((uint64_t)c->conn_timeout + c->header_timeout +
	    c->body_timeout) * 1000000000u;
	rc = start_watchdog(srv);
	if (rc != CCS_OK) {
		(void)ccs_snprintf(err, errlen, "cannot start the connection "
		    "watchdog");
		return rc;
	}
	srv->mhd = start_daemon(srv, srv->listen_fd, &srv->tls);
	if (srv->mhd == NULL) {
		(void)ccs_snprintf(err, errlen, "cannot start the HTTP daemon "
		    "on %s:%u", c->listen_host, (unsigned)srv->port);
		return CCS_EIO;
	}
	/* the daemon owns the socket now and closes it when stopped */
	srv->listen_fd = MHD_INVALID_SOCKET;
	return CCS_OK;
}

int
ccs_server_start(const struct ccs_app *app, struct ccs_server **out,
    char *err, size_t errlen)
{
	int rc;

	rc = ccs_server_open(app, out, err, errlen);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_server_run(*out, err, errlen);
	if (rc != CCS_OK) {
		ccs_server_stop(*out);
		*out = NULL;
	}
	return rc;
}

uint16_t
ccs_server_port(const struct ccs_server *srv)
{
	return srv->port;
}

/* Stops drain @p d and frees its pair. */
static void
drain_stop(struct drain *d)
{
	if (d->mhd == NULL)
		return;
	MHD_stop_daemon(d->mhd);
	ccs_tls_pair_free(&d->tls);
	d->mhd = NULL;
}

int
ccs_server_reload(struct ccs_server *srv, char *err, size_t errlen)
{
	const struct ccs_conf *c = srv->app->conf;
	struct ccs_tls_pair np;
	struct MHD_Daemon *nd;
	struct drain *d = &srv->drains[0];
	MHD_socket fd;
	size_t i;
	int rc;

	if (!srv->tls_on)
		return CCS_OK;
	/* read as the server's user now; the old pair stays on failure */
	rc = ccs_tls_pair_load(c->tls_cert, c->tls_key, &np, err, errlen);
	if (rc != CCS_OK)
		return rc;
	/* a free slot, or the oldest drain ends now */
	for (i = 0; i < DRAIN_MAX; i++) {
		if (srv->drains[i].mhd == NULL) {
			d = &srv->drains[i];
			break;
		}
		if (srv->drains[i].until_ns < d->until_ns)
			d = &srv->drains[i];
	}
	drain_stop(d);
	fd = MHD_quiesce_daemon(srv->mhd);
	if (fd == MHD_INVALID_SOCKET) {
		ccs_tls_pair_free(&np);
		(void)ccs_snprintf(err, errlen, "cannot quiesce the daemon; "
		    "the old certificate stays");
		return CCS_EIO;
	}
	nd = start_daemon(srv, fd, &np);
	if (nd == NULL) {
		/* the socket is ours again: keep serving the old pair */
		ccs_tls_pair_free(&np);
		nd = start_daemon(srv, fd, &srv->tls);
		(void)ccs_snprintf(err, errlen, "the daemon did not start with "
		    "the new certificate; %s", nd != NULL ? "the old one "
		    "stays" : "no longer accepting connections");
		if (nd == NULL)
			return CCS_EIO;
		d->mhd = srv->mhd;
		d->tls.cert = NULL;
		d->tls.key = NULL;
		d->until_ns = mono_ns() + srv->drain_ns;
		srv->mhd = nd;
		return CCS_EIO;
	}
	d->mhd = srv->mhd;
	d->tls = srv->tls;
	d->until_ns = mono_ns() + srv->drain_ns;
	srv->mhd = nd;
	srv->tls = np;
	return CCS_OK;
}

void
ccs_server_tick(struct ccs_server *srv)
{
	const union MHD_DaemonInfo *di;
	uint64_t now = mono_ns();
	size_t i;

	for (i = 0; i < DRAIN_MAX; i++) {
		if (srv->drains[i].mhd == NULL)
			continue;
		di = MHD_get_daemon_info(srv->drains[i].mhd,
		    MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (now >= srv->drains[i].until_ns || (di != NULL &&
		    di->num_connections == 0))
			drain_stop(&srv->drains[i]);
	}
}

bool
ccs_server_tls(const struct ccs_server *srv)
{
	return srv->tls_on;
}

void
ccs_server_stop(struct ccs_server *srv)
{
	size_t i;

	if (srv == NULL)
		return;
	/* the daemons' CLOSED notifications still take the lock */
	for (i = 0; i < DRAIN_MAX; i++)
		drain_stop(&srv->drains[i]);
	if (srv->mhd != NULL)
		MHD_stop_daemon(srv->mhd);
	if (srv->listen_fd != MHD_INVALID_SOCKET)
		close(srv->listen_fd);
	stop_watchdog(srv);
	ccs_metrics_free(srv->metrics);
	ccs_router_map_free(srv->routes);
	ccs_tls_pair_free(&srv->tls);
	free(srv);
}

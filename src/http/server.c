/*
 * server.c: libmicrohttpd glue. One epoll listener with a pool of worker
 * threads; each request gets a struct ccs_req on the first access-handler
 * call, its body is collected (bounded) on the following calls, and it is
 * dispatched and answered on the last call. The reply is never queued on the
 * first call except to refuse an oversized body: libmicrohttpd 0.9.75 drops
 * keep-alive for responses queued that early.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "http/metrics.h"
#include "http/req.h"
#include "http/router.h"
#include "http/server.h"
#include "util/err.h"
#include "util/log.h"
#include "util/mem.h"
#include "util/str.h"

struct ccs_server {
	const struct ccs_app	*app;		/* borrowed */
	struct MHD_Daemon	*mhd;		/* daemon */
	struct ccs_metrics	 metrics;	/* counters */
	uint16_t		 port;		/* bound port */
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
	enum MHD_Result ret;
	uint64_t us;

	if (r->resp == NULL)
		return MHD_NO;
	ret = MHD_queue_response(r->conn, r->status, r->resp);
	us = (mono_ns() - r->t0_ns) / 1000u;
	ccs_metrics_done(&srv->metrics, r->status, us);
	atomic_fetch_sub(&srv->metrics.inflight, 1);
	ccs_log_event(srv->app->log, r->status >= 500 ? CCS_LOG_ERROR :
	    CCS_LOG_INFO, "request", json_pack("{s:s, s:s, s:i, s:f, s:s, "
	    "s:s?}", "method", r->method, "path", r->path, "status",
	    (int)r->status, "ms", (double)us / 1000.0, "ip", r->ip, "user",
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
		r->metrics = &srv->metrics;
		r->conn = conn;
		r->method = method;
		r->path = url;
		r->now = (int64_t)time(NULL);
		r->t0_ns = mono_ns();
		ccs_buf_init(&r->body, ccs_router_body_limit(method, url,
		    srv->app->conf, &r->too_big_code));
		client_ip(conn, r->ip, sizeof(r->ip));
		*con_cls = r;
		atomic_fetch_add(&srv->metrics.inflight, 1);
		cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl != NULL && (ccs_parse_size(cl, 0, SIZE_MAX, &clen) !=
		    CCS_OK || clen > r->body.max)) {
			/* Refuse before reading a byte of it. */
			ccs_reply_error(r, 413, r->too_big_code, "the request "
			    "body is larger than the server accepts");
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
		if (!r->body_too_big && ccs_buf_add(&r->body, upload_data,
		    *upload_data_size) != CCS_OK)
			r->body_too_big = true;
		*upload_data_size = 0;
		return MHD_YES;
	}
	ccs_dispatch(r);
	return finish(srv, r);
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct ccs_server *srv = cls;
	struct ccs_req *r = *con_cls;

	(void)conn;
	if (r == NULL)
		return;
	if (!r->replied || r->resp != NULL)
		atomic_fetch_sub(&srv->metrics.inflight, 1);
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

int
ccs_server_start(const struct ccs_app *app, struct ccs_server **out,
    char *err, size_t errlen)
{
	const struct ccs_conf *c = app->conf;
	struct ccs_server *srv = NULL;
	struct addrinfo hints, *ai = NULL;
	const union MHD_DaemonInfo *di;
	char port[8];
	unsigned flags;
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
	srv->metrics.started = (int64_t)time(NULL);
	flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
	if (ai->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	srv->mhd = MHD_start_daemon(flags, c->listen_port, NULL, NULL,
	    on_request, srv,
	    /* first, so every message of the daemon goes to our log */
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, (void *)(uintptr_t)app,
	    MHD_OPTION_SOCK_ADDR, ai->ai_addr,
	    MHD_OPTION_THREAD_POOL_SIZE, c->threads,
	    MHD_OPTION_CONNECTION_LIMIT, c->max_connections,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, c->per_ip_connections,
	    MHD_OPTION_CONNECTION_TIMEOUT, c->conn_timeout,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
	    MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
	    MHD_OPTION_END);
	freeaddrinfo(ai);
	if (srv->mhd == NULL) {
		(void)ccs_snprintf(err, errlen, "cannot listen on %s:%u (in "
		    "use, or not an address of this machine)", c->listen_host,
		    (unsigned)c->listen_port);
		free(srv);
		return CCS_EIO;
	}
	di = MHD_get_daemon_info(srv->mhd, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = di ? di->port : c->listen_port;
	*out = srv;
	return CCS_OK;
}

uint16_t
ccs_server_port(const struct ccs_server *srv)
{
	return srv->port;
}

void
ccs_server_stop(struct ccs_server *srv)
{
	if (srv == NULL)
		return;
	MHD_stop_daemon(srv->mhd);
	free(srv);
}

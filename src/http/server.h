/*
 * server.h: the HTTP server (libmicrohttpd, epoll, a pool of worker threads).
 */
#ifndef CCS_SERVER_H
#define CCS_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "conf/conf.h"
#include "store/store.h"
#include "util/crypto.h"
#include "util/log.h"

/** What every request may use; all members outlive the server. */
struct ccs_app {
	const struct ccs_conf	*conf;	/* immutable configuration */
	struct ccs_store	*store;	/* connection pool (thread-safe) */
	struct ccs_log		*log;	/* JSON log (thread-safe) */
	const unsigned char	*key;	/* CCS_SECRET_KEY_LEN bytes */
	const struct ccs_i18n	*i18n;	/* catalogues of public pages */
	const struct ccs_report_keys *report_keys;	/* keyring of
							 * public reports */
};

struct ccs_server;
struct ccs_i18n;
struct ccs_report_keys;

/**
 * Binds and starts serving. @p app is borrowed for the server's lifetime.
 * @return CCS_OK with *out set (stop with ccs_server_stop), or an error with
 * a reason in @p err.
 */
int	ccs_server_start(const struct ccs_app *app, struct ccs_server **out,
	    char *err, size_t errlen);
/** The bound port (useful with listen port 0). */
uint16_t ccs_server_port(const struct ccs_server *srv);
/** Stops, waits for workers, frees. NULL is a no-op. */
void	ccs_server_stop(struct ccs_server *srv);

#endif

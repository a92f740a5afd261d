/*
 * server.h: the HTTP server (libmicrohttpd, epoll, a pool of worker threads).
 */
#ifndef CCS_SERVER_H
#define CCS_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf/conf.h"
#include "format/iati/iati.h"
#include "store/store.h"
#include "util/crypto.h"
#include "util/log.h"

/** What every request may use; all members outlive the server. */
struct ccs_app {
	const struct ccs_conf	*conf;	/* immutable configuration */
	struct ccs_store	*store;	/* connection pool (thread-safe) */
	struct ccs_log		*log;	/* JSON log (thread-safe) */
	const unsigned char	*key;	/* CCS_SECRET_KEY_LEN bytes */
	/* conf->iati_schema loaded at startup; NULL when not configured */
	const struct ccs_iati_schema *iati_schema;
	const struct ccs_i18n	*i18n;	/* catalogues of public pages */
	const struct ccs_report_keys *report_keys;	/* keyring of
							 * public reports */
	/* rendered state replies (thread-safe); NULL: none kept */
	struct ccs_dir_cache	*dir_cache;
};

struct ccs_server;
struct ccs_dir_cache;
struct ccs_i18n;
struct ccs_report_keys;

/**
 * The privileged half of starting: reads the TLS pair and binds the
 * listening socket; starts no thread. Then ccs_server_run, or
 * ccs_server_stop. @return CCS_OK with *out set, or an error in @p err.
 */
int	ccs_server_open(const struct ccs_app *app, struct ccs_server **out,
	    char *err, size_t errlen);
/** Starts the workers and the watchdog on the socket ccs_server_open
 * bound (after the sandbox is entered). */
int	ccs_server_run(struct ccs_server *srv, char *err, size_t errlen);
/**
 * Binds and starts serving (ccs_server_open, then ccs_server_run).
 * @p app is borrowed for the server's lifetime.
 * @return CCS_OK with *out set (stop with ccs_server_stop), or an error with
 * a reason in @p err.
 */
int	ccs_server_start(const struct ccs_app *app, struct ccs_server **out,
	    char *err, size_t errlen);
/** The bound port (useful with listen port 0). */
uint16_t ccs_server_port(const struct ccs_server *srv);
/**
 * Takes the TLS certificate and key from their files again (SIGHUP) without
 * closing the listening socket; connections already open finish on the
 * old pair. Without TLS a no-op. @return CCS_OK, or an error in @p err
 * (the old pair is still served).
 */
int	ccs_server_reload(struct ccs_server *srv, char *err, size_t errlen);
/** Stops the daemons a reload left behind once they are idle; call it
 * about once a second. */
void	ccs_server_tick(struct ccs_server *srv);
/** Whether the server speaks HTTPS. */
bool	ccs_server_tls(const struct ccs_server *srv);
/** Stops, waits for workers, frees. NULL is a no-op. */
void	ccs_server_stop(struct ccs_server *srv);

#endif

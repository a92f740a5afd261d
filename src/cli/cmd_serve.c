/* cmd_serve.c: `ccscap serve`: run the HTTP server until signalled. */
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "format/chart.h"
#include "http/server.h"
#include "sandbox/sandbox.h"
#include "svc/directory/state_cache.h"
#include "svc/platform/delivery.h"
#include "svc/reporting/report_keys.h"
#include "util/i18n.h"
#include "util/err.h"
#include "util/log.h"

/* SIGHUP: the TLS certificate and key are read again. */
static void
reload(struct ccs_server *srv, struct ccs_log *log)
{
	char err[512];

	err[0] = '\0';
	if (ccs_server_reload(srv, err, sizeof(err)) == CCS_OK)
		ccs_log_event(log, CCS_LOG_INFO, "reloaded", json_pack("{s:b}",
		    "tls", ccs_server_tls(srv)));
	else
		ccs_log_event(log, CCS_LOG_ERROR, "reload_failed",
		    json_pack("{s:s}", "error", err));
}

int
ccs_cmd_serve(struct ccs_cli *cli)
{
	struct ccs_store *st = NULL;
	struct ccs_server *srv = NULL;
	struct ccs_delivery *dlv = NULL;
	struct ccs_log *log = NULL;
	struct ccs_iati_schema *xsd = NULL;
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_app app;
	struct ccs_i18n *i18n = NULL;
	struct ccs_report_keys *rkeys = NULL;
	struct ccs_dir_cache *dcache = NULL;
	struct timespec tick = { 1, 0 };
	sigset_t set;
	char err[512];
	int sig = 0, status = 1;
	bool v6;

	if (!ccs_cli_only(cli, NULL, NULL))
		return 2;
	if (ccs_cli_key(cli, false) != CCS_OK)
		return 1;
	/* Block the stop and reload signals in every thread; they are taken
	 * here with sigtimedwait. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	log = ccs_log_new(stderr, (enum ccs_log_level)cli->conf.log_level);
	if (log == NULL)
		return 1;
	if (ccs_cli_open(cli, cli->conf.db_pool, &st) != CCS_OK)
		goto out;
	/* loaded once, before the workers; they only read it */
	if (cli->conf.iati_schema[0] != '\0' && ccs_iati_schema_load(
	    cli->conf.iati_schema, &xsd, &f) != CCS_OK) {
		ccs_cli_err("iati_schema: %s", f.code ? f.message :
		    "cannot load");
		goto out;
	}
	app.iati_schema = xsd;
	app.conf = &cli->conf;
	app.store = st;
	app.log = log;
	app.key = cli->key;
	err[0] = '\0';
	if (ccs_i18n_new(&i18n, err, sizeof(err)) != CCS_OK ||
	    ccs_cli_report_keys(cli, st, &rkeys) != CCS_OK) {
		if (err[0] != '\0')
			ccs_cli_err("%s", err);
		goto out;
	}
	app.i18n = i18n;
	app.report_keys = rkeys;
	dcache = ccs_dir_cache_new();
	if (dcache == NULL) {
		ccs_cli_err("out of memory");
		goto out;
	}
	app.dir_cache = dcache;
	/*
	 * Style rule 17: the socket is bound and every file opened as the
	 * user that started us; then root is left, Landlock and seccomp are
	 * entered, and only then are threads started, so all inherit them.
	 */
	err[0] = '\0';
	if (ccs_server_open(&app, &srv, err, sizeof(err)) != CCS_OK ||
	    ccs_sandbox_drop(&cli->conf, err, sizeof(err)) != CCS_OK ||
	    ccs_sandbox_enter(&cli->conf, log, err, sizeof(err)) != CCS_OK ||
	    ccs_server_run(srv, err, sizeof(err)) != CCS_OK) {
		ccs_cli_err("%s", err[0] != '\0' ? err : "cannot start");
		goto out;
	}
	/* outbound notices; started before anything else uses libcurl */
	if (ccs_delivery_start(st, &cli->conf, log, &dlv) != CCS_OK) {
		ccs_cli_err("cannot start the delivery worker");
		goto out;
	}
	v6 = strchr(cli->conf.listen_host, ':') != NULL;
	printf("ccscap listening on http%s://%s%s%s:%u/ (store: %s)\n",
	    ccs_server_tls(srv) ? "s" : "", v6 ? "[" : "",
	    cli->conf.listen_host, v6 ? "]" : "",
	    (unsigned)ccs_server_port(srv), ccs_store_backend(st));
	fflush(stdout);
	ccs_log_event(log, CCS_LOG_INFO, "started", json_pack("{s:s, s:i}",
	    "host", cli->conf.listen_host, "port", (int)ccs_server_port(srv)));
	for (;;) {
		sig = sigtimedwait(&set, NULL, &tick);
		if (sig == SIGINT || sig == SIGTERM)
			break;
		if (sig == SIGHUP)
			reload(srv, log);
		ccs_server_tick(srv);
	}
	ccs_log_event(log, CCS_LOG_INFO, "stopping", json_pack("{s:i}",
	    "signal", sig));
	status = 0;
out:
	ccs_delivery_stop(dlv);
	ccs_server_stop(srv);
	ccs_store_close(st);
	ccs_iati_schema_free(xsd);
	ccs_report_keys_free(rkeys);
	ccs_i18n_free(i18n);
	ccs_dir_cache_free(dcache);
	ccs_chart_cleanup();
	ccs_log_free(log);
	return status;
}

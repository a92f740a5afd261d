/*
 * cmd_sync.c: `ccscap sync PEER-URL [--collection ID] [--from ID]
 * [--push] [--pull]`, the TAXII 2.1 client of a node (svc/taxii/sync.h).
 * PEER-URL is the peer's API root; its bearer token comes from a
 * `sync_peer = URL TOKEN` line of the configuration file, never from the
 * command line (argv is readable by every local user). Without --push or
 * --pull it does both. Exit 0 done; 1 a local error; 2 bad usage; 3 the
 * peer failed (down, refused, a bad reply): the message names the peer
 * and the step, every watermark stands at the last page or batch
 * committed, and the same command run again resumes there.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "svc/taxii/sync.h"
#include "util/err.h"
#include "util/str.h"

/* The token configured for @p url (with or without its final slash). */
static const char *
token_for(const struct ccs_conf *c, const char *url, char *buf, size_t len)
{
	size_t i, n = strlen(url), k;

	while (n > 0 && url[n - 1] == '/')
		n--;
	for (i = 0; i < c->nsync_peers; i++) {
		const char *line = c->sync_peers[i], *sp = strchr(line, ' ');

		k = (size_t)(sp - line);
		while (k > 0 && line[k - 1] == '/')
			k--;
		if (k == n && strncmp(line, url, n) == 0) {
			(void)ccs_strlcpy(buf, sp + 1, len);
			return buf;
		}
	}
	return NULL;
}

int
ccs_cmd_sync(struct ccs_cli *cli)
{
	static const char *const flags[] = { "--collection", "--from",
	    "--push", "--pull", NULL };
	static const char *const valued[] = { "--collection", "--from",
	    NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_sync_counts c;
	struct ccs_sync_opts o;
	struct ccs_principal actor;
	struct ccs_store *st = NULL;
	struct ccs_db *db;
	char peer[1024], token[1024];
	int rc;

	if (!ccs_cli_only(cli, flags, valued))
		return 2;
	if (cli->argc < 1 || strncmp(cli->argv[0], "http", 4) != 0) {
		ccs_cli_err("sync: expected PEER-URL, the peer's API root (see "
		    "'ccscap sync --help')");
		return 2;
	}
	(void)ccs_snprintf(peer, sizeof(peer), "%s%s", cli->argv[0],
	    cli->argv[0][strlen(cli->argv[0]) - 1] == '/' ? "" : "/");
	memset(&o, 0, sizeof(o));
	o.peer = peer;
	o.token = token_for(&cli->conf, peer, token, sizeof(token));
	if (o.token == NULL) {
		ccs_cli_err("sync: no 'sync_peer = %s TOKEN' line in the "
		    "configuration file", peer);
		return 2;
	}
	o.collection = ccs_cli_opt(cli, "--collection");
	o.from = ccs_cli_opt(cli, "--from");
	o.pull = ccs_cli_has(cli, "--pull");
	o.push = ccs_cli_has(cli, "--push");
	if (!o.pull && !o.push)
		o.pull = o.push = true;
	o.log = stderr;
	if (ccs_cli_open(cli, 1, &st) != CCS_OK) {
		explicit_bzero(token, sizeof(token));
		return 1;
	}
	ccs_cli_actor(&actor);
	db = ccs_store_acquire(st);
	rc = ccs_taxii_sync(db, &actor, &o, &c, &f);
	explicit_bzero(token, sizeof(token));
	ccs_store_release(st, db);
	ccs_store_close(st);
	printf("pulled %zu objects in %zu pages; pushed %zu, refused by the "
	    "peer %zu, kept home (TLP:RED, AMBER+STRICT) %zu\n", c.pulled,
	    c.pages, c.pushed, c.failed, c.withheld);
	if (rc != CCS_OK && f.code != NULL && strncmp(f.code, "peer_", 5) ==
	    0) {
		ccs_cli_err("sync: %s; what was committed stays, run the same "
		    "command again to resume", f.message);
		return 3;
	}
	if (rc != CCS_OK) {
		ccs_cli_err("sync: %s", f.code ? f.message : ccs_strerror(rc));
		return 1;
	}
	return 0;
}

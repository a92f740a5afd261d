/*
 * cmd_taxii.c: `ccscap taxii`: the operator's side of the TAXII 2.1
 * server. Collections are made in an API root (public, caricom-rcc,
 * xx-national) with the most restricted TLP they hold; read and write
 * are granted per user, per organisation, to every signed-in user or (read
 * only) to the public. `publish` files what the store already holds
 * (imported STIX objects, and incidents and indicators made in ccscap)
 * into the collections its marking fits (imports and the forms do it as
 * they store).
 * Each command is one transaction, audited.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/validate.h"
#include "svc/taxii/taxii.h"
#include "util/err.h"
#include "util/str.h"

static int64_t
clock_us(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

enum op { OP_ADD, OP_LIST, OP_GRANT, OP_PUBLISH };

static int
run(struct ccs_cli *cli, enum op op, const char *arg)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_principal actor;
	struct ccs_store *st = NULL;
	struct ccs_db *db;
	enum ccs_tlp tlp = CCS_TLP_GREEN;
	const char *who = NULL, *kind = NULL, *tlps, *since_s;
	char id[64];
	long long since = 0;
	json_t *rows = NULL, *row;
	size_t i, n = 0, more = 0;
	int rc;

	ccs_cli_actor(&actor);
	tlps = ccs_cli_opt(cli, "--tlp");
	if (op == OP_ADD && tlps != NULL && !ccs_tlp_parse(tlps, &tlp)) {
		ccs_cli_err("--tlp must be clear, green, amber, "
		    "amber+strict or red");
		return 2;
	}
	since_s = ccs_cli_opt(cli, "--since");
	if (since_s != NULL && !ccs_parse_time(since_s, &since)) {
		ccs_cli_err("--since must be an RFC 3339 time");
		return 2;
	}
	if (op == OP_GRANT) {
		static const char *const kinds[] = { "--user", "--org", "--any",
		    "--public" };

		for (i = 0; i < 4; i++) {
			if (!ccs_cli_has(cli, kinds[i]))
				continue;
			if (kind != NULL) {
				ccs_cli_err("grant to one of --user, --org, "
				    "--any, --public");
				return 2;
			}
			kind = kinds[i] + 2;
			who = ccs_cli_opt(cli, kinds[i]);
		}
		if (kind == NULL) {
			ccs_cli_err("grant needs --user LOGIN, --org ID, --any "
			    "or --public");
			return 2;
		}
	}
	if (ccs_cli_open(cli, 1, &st) != CCS_OK)
		return 1;
	db = ccs_store_acquire(st);
	rc = ccs_db_begin(db, op != OP_LIST);
	if (rc == CCS_OK && op == OP_ADD)
		rc = ccs_taxii_coll_add(db, &actor, arg, ccs_cli_opt(cli,
		    "--title"), ccs_cli_opt(cli, "--description"), tlp,
		    (int64_t)time(NULL), clock_us(), id, &f);
	else if (rc == CCS_OK && op == OP_GRANT)
		rc = ccs_taxii_grant(db, &actor, arg, kind, who,
		    ccs_cli_has(cli, "--read"), ccs_cli_has(cli, "--write"),
		    (int64_t)time(NULL), &f);
	else if (rc == CCS_OK && op == OP_PUBLISH) {
		rc = ccs_taxii_publish(db, (int64_t)since, clock_us(), NULL, &n,
		    &f);
		if (rc == CCS_OK)
			rc = ccs_taxii_publish_records(db, (int64_t)since, NULL,
			    clock_us(), &more, &f);
		n += more;
	}
	else if (rc == CCS_OK) {
		rc = ccs_db_query_json(db, "SELECT c.id, c.root, c.tlp_max, "
		    "c.title, (SELECT COUNT(*) FROM taxii_entries e WHERE "
		    "e.collection_id = c.id) AS n FROM taxii_collections c "
		    "ORDER BY c.root, c.created_at, c.id", NULL, 0, &rows);
		if (rc != CCS_OK)
			(void)ccs_fail(&f, rc, "internal", "%s",
			    ccs_db_errmsg(db));
	}
	if (rc == CCS_OK && op != OP_LIST)
		rc = ccs_db_commit(db);
	if (rc != CCS_OK)
		ccs_cli_err("%s", f.code ? f.message : ccs_strerror(rc));
	ccs_db_rollback(db);
	ccs_store_release(st, db);
	ccs_store_close(st);
	if (rc != CCS_OK) {
		json_decref(rows);
		return 1;
	}
	if (op == OP_ADD)
		printf("%s\n", id);
	else if (op == OP_PUBLISH)
		printf("%zu entries filed\n", n);
	else if (op == OP_GRANT)
		printf("collection %s: %s%s%s %s\n", arg, kind, who ? " " : "",
		    who ? who : "", ccs_cli_has(cli, "--read") || ccs_cli_has(
		    cli, "--write") ? "granted" : "revoked");
	json_array_foreach(rows, i, row) {
		printf("%s  /taxii2/%s/  %-12s %6lld  ", json_string_value(
		    json_object_get(row, "id")), json_string_value(
		    json_object_get(row, "root")), json_string_value(
		    json_object_get(row, "tlp_max")), (long long)
		    json_integer_value(json_object_get(row, "n")));
		ccs_cli_put_text(stdout, json_string_value(json_object_get(row,
		    "title")));
		printf("\n");
	}
	json_decref(rows);
	return 0;
}

int
ccs_cmd_taxii(struct ccs_cli *cli)
{
	static const char *const flags[] = { "--title", "--description",
	    "--tlp", "--user", "--org", "--any", "--public", "--read",
	    "--write", "--since", NULL };
	static const char *const valued[] = { "--title", "--description",
	    "--tlp", "--user", "--org", "--since", NULL };
	const char *a0 = cli->argc > 0 ? cli->argv[0] : "";
	const char *a1 = cli->argc > 1 ? cli->argv[1] : "";
	const char *a2 = cli->argc > 2 ? cli->argv[2] : NULL;

	if (!ccs_cli_only(cli, flags, valued))
		return 2;
	if (strcmp(a0, "collection") == 0 && strcmp(a1, "add") == 0 &&
	    a2 != NULL && a2[0] != '-')
		return run(cli, OP_ADD, a2);
	if (strcmp(a0, "collection") == 0 && strcmp(a1, "list") == 0)
		return run(cli, OP_LIST, NULL);
	if (strcmp(a0, "grant") == 0 && a1[0] != '\0' && a1[0] != '-')
		return run(cli, OP_GRANT, a1);
	if (strcmp(a0, "publish") == 0)
		return run(cli, OP_PUBLISH, NULL);
	ccs_cli_err("taxii: expected 'collection add ROOT', 'collection list', "
	    "'grant COLLECTION' or 'publish' (see 'ccscap taxii --help')");
	return 2;
}

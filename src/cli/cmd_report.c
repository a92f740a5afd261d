/*
 * cmd_report.c: `ccscap report AUDIENCE --from DATE --to DATE [--state XX]
 * --format pdf|xlsx|html --out FILE`: makes and stores a report as the
 * operator (audited like one made over the API), then writes the stored
 * rendition asked for, byte for byte what the API serves, and prints the
 * report's id and digest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/monitoring/report_rules.h"
#include "format/chart.h"
#include "svc/monitoring/reports.h"
#include "util/err.h"
#include "util/str.h"

static int
write_file(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	int rc = CCS_OK;

	if (fp == NULL)
		return CCS_EIO;
	if (len > 0 && fwrite(data, 1, len, fp) != len)
		rc = CCS_EIO;
	if (fclose(fp) != 0)
		rc = CCS_EIO;
	return rc;
}

int
ccs_cmd_report(struct ccs_cli *cli)
{
	static const char *const flags[] = { NULL };
	static const char *const valued[] = { "--from", "--to", "--state",
	    "--format", "--out", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_principal actor;
	struct ccs_store *st = NULL;
	struct ccs_db *db = NULL;
	enum ccs_audience aud;
	const char *fmt = ccs_cli_opt(cli, "--format");
	const char *path = ccs_cli_opt(cli, "--out");
	json_t *body = NULL, *rec = NULL, *meta = NULL;
	char *data = NULL;
	size_t len = 0;
	int64_t now = (int64_t)time(NULL);
	int rc, status = 1;

	if (!ccs_cli_only(cli, flags, valued))
		return 2;
	if (cli->argc < 1 || strncmp(cli->argv[0], "--", 2) == 0) {
		ccs_cli_err("report: give the audience first: consle, "
		    "steering, heads_intel, donors or rcc");
		return 2;
	}
	if (!ccs_audience_parse(cli->argv[0], &aud)) {
		ccs_cli_err("report: unknown audience '%s': use consle, "
		    "steering, heads_intel, donors or rcc", cli->argv[0]);
		return 2;
	}
	if (ccs_cli_opt(cli, "--from") == NULL || ccs_cli_opt(cli, "--to") ==
	    NULL) {
		ccs_cli_err("report: --from DATE and --to DATE are required");
		return 2;
	}
	if (fmt == NULL || (strcmp(fmt, "pdf") != 0 && strcmp(fmt, "xlsx") !=
	    0 && strcmp(fmt, "html") != 0)) {
		ccs_cli_err("report: --format must be pdf, xlsx or html");
		return 2;
	}
	if (path == NULL) {
		ccs_cli_err("report: --out FILE is required");
		return 2;
	}
	body = json_pack("{s:s, s:s, s:s}", "audience", cli->argv[0], "from",
	    ccs_cli_opt(cli, "--from"), "to", ccs_cli_opt(cli, "--to"));
	if (body == NULL || (ccs_cli_opt(cli, "--state") != NULL &&
	    json_object_set_new(body, "state", json_string(ccs_cli_opt(cli,
	    "--state"))) != 0)) {
		ccs_cli_err("report: out of memory");
		goto out;
	}
	if (ccs_cli_open(cli, 1, &st) != CCS_OK)
		goto out;
	ccs_cli_actor(&actor);
	db = ccs_store_acquire(st);
	rc = ccs_db_begin(db, true);
	if (rc == CCS_OK)
		rc = ccs_report_create(db, &actor, body, now, &rec, &f);
	if (rc == CCS_OK)
		rc = ccs_report_file(db, &actor, json_integer_value(
		    json_object_get(rec, "id")), fmt, true, now, &data, &len,
		    &meta, &f);
	if (rc == CCS_OK)
		rc = ccs_db_commit(db);
	if (rc != CCS_OK) {
		ccs_cli_err("report: %s", f.code ? f.message :
		    ccs_strerror(rc));
		goto out;
	}
	if (write_file(path, data, len) != CCS_OK) {
		ccs_cli_err("report: cannot write --out %s", path);
		goto out;
	}
	printf("report %lld made: sha256 %s; %s written to %s (%zu bytes, "
	    "sha256 %s)\n", (long long)json_integer_value(json_object_get(rec,
	    "id")), json_string_value(json_object_get(rec, "sha256")), fmt,
	    path, len, json_string_value(json_object_get(meta, "sha256")));
	status = 0;
out:
	if (db != NULL) {
		ccs_db_rollback(db);
		ccs_store_release(st, db);
	}
	ccs_store_close(st);
	free(data);
	json_decref(meta);
	json_decref(rec);
	json_decref(body);
	/* fontconfig's caches, so leak checkers see a clean exit */
	ccs_chart_cleanup();
	return status;
}

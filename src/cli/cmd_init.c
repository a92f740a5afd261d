/* cmd_init.c: `ccscap init`: schema, key file, CCSCAP content, demo data. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "svc/capacity/seed_capacity.h"
#include "svc/capacity/training.h"
#include "svc/monitoring/plan_versions.h"
#include "svc/monitoring/legal_seed.h"
#include "svc/monitoring/meetings_demo.h"
#include "svc/platform/seed.h"
#include "svc/reporting/report_keys.h"
#include "svc/standards/framework.h"
#include "util/err.h"
#include "util/str.h"

static FILE *
open_creds(const char *path)
{
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return NULL;
	return fdopen(fd, "w");
}

int
ccs_cmd_init(struct ccs_cli *cli)
{
	static const char *const flags[] = { "--demo", NULL };
	static const char *const valued[] = { "--demo-credentials", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_store *st = NULL;
	struct ccs_db *db = NULL;
	struct ccs_report_keys *rkeys = NULL;
	const char *creds_path = ccs_cli_opt(cli, "--demo-credentials");
	char path[1100];
	FILE *creds = NULL;
	int64_t users = 0, now = (int64_t)time(NULL);
	int loaded = 0, fw_loaded = 0, cap_loaded = 0, trainings = 0, rc;
	int plan_items = 0;
	int legal = 0;
	int status = 1;

	if (!ccs_cli_only(cli, flags, valued))
		return 2;
	if (ccs_cli_open(cli, 1, &st) != CCS_OK)
		return 1;
	if (ccs_cli_key(cli, true) != CCS_OK)
		goto out;
	if (ccs_cli_report_keys(cli, st, &rkeys) != CCS_OK)
		goto out;
	ccs_report_keys_free(rkeys);
	db = ccs_store_acquire(st);
	rc = ccs_db_begin(db, true);
	if (rc == CCS_OK)
		rc = ccs_seed_load(db, now, &loaded, &f);
	if (rc == CCS_OK)
		rc = ccs_fw_seed(db, now, &fw_loaded, &f);
	if (rc == CCS_OK)
		rc = ccs_capacity_seed(db, now, &cap_loaded, &f);
	if (rc == CCS_OK)
		rc = ccs_training_seed(db, now, &trainings, &f);
	/* monitoring: the 2016 plan item by item */
	if (rc == CCS_OK)
		rc = ccs_plan_seed(db, now, &plan_items, &f);
	/* legal harmonisation tracker (after the states and the framework) */
	if (rc == CCS_OK)
		rc = ccs_legal_seed(db, now, &legal, &f);
	if (rc == CCS_OK && ccs_cli_has(cli, "--demo"))
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM users", NULL, 0,
		    &users);
	if (rc == CCS_OK && ccs_cli_has(cli, "--demo") && users == 0) {
		if (creds_path == NULL) {
			const char *d = cli->conf.db;

			if (strncmp(d, "sqlite:", 7) == 0)
				d += 7;
			if (strncmp(d, "postgres", 8) == 0)
				d = "ccscap";
			if (ccs_snprintf(path, sizeof(path),
			    "%s.demo-credentials", d) != CCS_OK) {
				ccs_cli_err("demo credentials path too long");
				goto out;
			}
			creds_path = path;
		}
		creds = open_creds(creds_path);
		if (creds == NULL) {
			ccs_cli_err("cannot write %s: %s", creds_path,
			    strerror(errno));
			goto out;
		}
		rc = ccs_seed_demo(db, cli->key, now, creds, &f);
		if (rc == CCS_OK)
			rc = ccs_seed_demo_assessments(db, now, &f);
		if (rc == CCS_OK)
			rc = ccs_seed_demo_sharing(db, now, &f);
		if (rc == CCS_OK)
			rc = ccs_capacity_seed_demo(db, now, &f);
		if (rc == CCS_OK)
			rc = ccs_monitoring_seed_demo(db, now, &f);
		if (fclose(creds) != 0 && rc == CCS_OK)
			rc = CCS_EIO;
		creds = NULL;
	}
	if (rc == CCS_OK)
		rc = ccs_db_commit(db);
	if (rc != CCS_OK) {
		ccs_cli_err("init failed, nothing was stored: %s", f.code ?
		    f.message : ccs_strerror(rc));
		if (creds_path != NULL && users == 0 && ccs_cli_has(cli,
		    "--demo"))
			(void)unlink(creds_path);
		goto out;
	}
	printf("database ready (%s)%s%s%s\n", ccs_store_backend(st), loaded ?
	    "; CCSCAP content loaded: 21 states, bodies and partners" : "",
	    fw_loaded ? "; minimum-standards framework version 1" : "",
	    trainings ? "; public training events" : "");
	if (plan_items > 0)
		printf("monitoring: the 2016 plan, %d items\n", plan_items);
	if (cap_loaded > 0)
		printf("capacity building: %d initiatives from public sources "
		    "loaded\n", cap_loaded);
	if (legal > 0)
		printf("legal tracker: %d provisions, instruments and treaty "
		    "tracks loaded\n", legal);
	if (ccs_cli_has(cli, "--demo") && users == 0)
		printf("demo data loaded; sign-in details in %s\n", creds_path);
	else if (ccs_cli_has(cli, "--demo"))
		printf("accounts already exist; demo data not added again\n");
	status = 0;
out:
	ccs_store_release(st, db);
	ccs_store_close(st);
	return status;
}

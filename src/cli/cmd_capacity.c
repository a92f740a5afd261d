/*
 * cmd_capacity.c: `ccscap capacity --rebuild`, the maintenance path of
 * the capacity domain's kept tables: the duplicate candidates
 * (svc/capacity/kept.h) recomputed from the initiatives in one
 * audited write transaction. Restore and the migration that adds the
 * table run the same rebuild.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "svc/capacity/kept.h"
#include "svc/platform/audit.h"
#include "util/err.h"

int
ccs_cmd_capacity(struct ccs_cli *cli)
{
	static const char *const flags[] = { "--rebuild", NULL };
	static const char *const valued[] = { NULL };
	struct ccs_principal actor;
	struct ccs_store *st = NULL;
	struct ccs_db *db;
	int64_t n = 0;
	int rc, i;

	if (!ccs_cli_only(cli, flags, valued))
		return 2;
	for (i = 0; i < cli->argc; i++) {
		if (strncmp(cli->argv[i], "--", 2) != 0) {
			ccs_cli_err("capacity: unexpected argument '%s' (see "
			    "'ccscap capacity --help')", cli->argv[i]);
			return 2;
		}
	}
	if (!ccs_cli_has(cli, "--rebuild")) {
		ccs_cli_err("capacity: give --rebuild");
		return 2;
	}
	if (ccs_cli_open(cli, 1, &st) != CCS_OK)
		return 1;
	ccs_cli_actor(&actor);
	db = ccs_store_acquire(st);
	rc = ccs_db_begin(db, true);
	if (rc == CCS_OK)
		rc = ccs_cap_kept_rebuild(db);
	if (rc == CCS_OK)
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM "
		    "initiative_dup_candidates", NULL, 0, &n);
	if (rc == CCS_OK)
		rc = ccs_audit_append(db, actor.login, "capacity.rebuild",
		    "initiative_dup_candidates", "all", NULL,
		    (int64_t)time(NULL));
	if (rc == CCS_OK)
		rc = ccs_db_commit(db);
	if (rc != CCS_OK) {
		ccs_cli_err("rebuild failed: %s (%s)", ccs_strerror(rc),
		    ccs_db_errmsg(db));
		ccs_db_rollback(db);
	}
	ccs_store_release(st, db);
	ccs_store_close(st);
	if (rc != CCS_OK)
		return 1;
	printf("duplicate candidates rebuilt: %lld pair(s)\n", (long long)n);
	return 0;
}

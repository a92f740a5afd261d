/*
 * cmd_custody.c: `ccscap verify-custody ITEM`: recomputes the hash chain
 * of an evidence item's custody log, as the operator, in one read-only
 * transaction. Exit 0 when the chain holds (SHA-256 mismatches are
 * reported, since they are recorded facts, not a broken chain), 1 when
 * it is broken (naming the first broken entry and why), 2 for a usage
 * error or a missing item.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "svc/forensics/custody.h"
#include "util/err.h"
#include "util/str.h"

int
ccs_cmd_verify_custody(struct ccs_cli *cli)
{
	struct ccs_custody_report rep;
	struct ccs_store *st = NULL;
	struct ccs_db *db;
	int64_t id;
	int rc;

	if (cli->argc != 1 || ccs_parse_i64(cli->argv[0], 1, INT64_MAX, &id) !=
	    CCS_OK) {
		ccs_cli_err("verify-custody: expected one ITEM id (see "
		    "'ccscap verify-custody --help')");
		return 2;
	}
	if (ccs_cli_open(cli, 1, &st) != CCS_OK)
		return 1;
	db = ccs_store_acquire(st);
	rc = ccs_db_begin(db, false);
	if (rc == CCS_OK)
		rc = ccs_custody_check(db, id, &rep);
	ccs_store_release(st, db);
	ccs_store_close(st);
	if (rc == CCS_ENOTFOUND) {
		ccs_cli_err("verify-custody: no evidence item %lld",
		    (long long)id);
		return 2;
	}
	if (rc != CCS_OK) {
		ccs_cli_err("cannot read the custody log: %s",
		    ccs_strerror(rc));
		return 1;
	}
	if (!rep.intact) {
		printf("custody chain BROKEN for item %lld at entry %lld: %s\n",
		    (long long)id, (long long)rep.broken_seq, rep.reason);
		return 1;
	}
	printf("custody chain OK for item %lld: %zu entries", (long long)id,
	    rep.links);
	if (rep.mismatches > 0)
		printf("; SHA-256 MISMATCH flagged on %zu, first at entry %lld",
		    rep.mismatches, (long long)rep.first_mismatch);
	printf("\n");
	return 0;
}

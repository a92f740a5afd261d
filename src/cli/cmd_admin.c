/* cmd_admin.c: `ccscap backup`, `restore` and `verify-audit`. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/backup.h"
#include "svc/capacity/kept.h"
#include "svc/platform/audit.h"
#include "svc/sharing/reader_sets.h"
#include "svc/standards/status_months.h"
#include "util/err.h"
#include "util/str.h"

static const char *
file_arg(struct ccs_cli *cli, const char *cmd)
{
	if (cli->argc != 1 || cli->argv[0][0] == '-') {
		ccs_cli_err("%s: expected one FILE (see 'ccscap %s --help')",
		    cmd, cmd);
		return NULL;
	}
	return cli->argv[0];
}

int
ccs_cmd_backup(struct ccs_cli *cli)
{
	struct ccs_store *st = NULL;
	struct ccs_db *db = NULL;
	const char *path = file_arg(cli, "backup");
	char tmp[1100], err[512];
	FILE *out = NULL;
	int fd, rc, status = 1;

	if (path == NULL)
		return 2;
	if (ccs_snprintf(tmp, sizeof(tmp), "%s.partial", path) != CCS_OK) {
		ccs_cli_err("backup: path too long");
		return 2;
	}
	if (ccs_cli_open(cli, 1, &st) != CCS_OK)
		return 1;
	/* It holds password hashes and sealed secrets: owner only. */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (out == NULL) {
		if (fd >= 0)
			close(fd);
		ccs_cli_err("backup: cannot create %s: %s", tmp,
		    strerror(errno));
		goto done;
	}
	db = ccs_store_acquire(st);
	err[0] = '\0';
	rc = ccs_backup_write(db, out, err, sizeof(err));
	if (fflush(out) != 0 || fsync(fileno(out)) != 0)
		rc = rc == CCS_OK ? CCS_EIO : rc;
	if (fclose(out) != 0 && rc == CCS_OK)
		rc = CCS_EIO;
	out = NULL;
	if (rc == CCS_OK && rename(tmp, path) != 0)
		rc = CCS_EIO;
	if (rc != CCS_OK) {
		(void)unlink(tmp);
		ccs_cli_err("backup failed: %s", err[0] ? err :
		    ccs_strerror(rc));
		goto done;
	}
	printf("backup written to %s\n", path);
	status = 0;
done:
	if (out != NULL)
		fclose(out);
	ccs_store_release(st, db);
	ccs_store_close(st);
	return status;
}

int
ccs_cmd_restore(struct ccs_cli *cli)
{
	struct ccs_audit_report rep;
	bool filled = false;
	struct ccs_store *st = NULL;
	struct ccs_db *db = NULL;
	const char *path = file_arg(cli, "restore");
	char err[512];
	FILE *in = NULL;
	int rc, status = 1;

	if (path == NULL)
		return 2;
	in = fopen(path, "r");
	if (in == NULL) {
		ccs_cli_err("restore: cannot open %s: %s", path,
		    strerror(errno));
		return 1;
	}
	if (ccs_cli_open(cli, 1, &st) != CCS_OK)
		goto done;
	db = ccs_store_acquire(st);
	err[0] = '\0';
	rc = ccs_backup_restore(db, in, err, sizeof(err));
	if (rc != CCS_OK) {
		ccs_cli_err("restore from %s failed, nothing was stored: %s",
		    path, err[0] ? err : ccs_strerror(rc));
		goto done;
	}
	/* backups leave the kept duplicate candidates and the markings'
	 * reader sets out: recompute (the sets through the meta row, so a
	 * failure here is retried by the next open) */
	rc = ccs_db_begin(db, true);
	if (rc == CCS_OK)
		rc = ccs_cap_kept_rebuild(db);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "INSERT INTO meta (k, v) VALUES "
		    "('markings.reader_sets', 'pending'), ('standards.months', "
		    "'pending') ON CONFLICT DO NOTHING", NULL, 0, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_commit(db);
	if (rc != CCS_OK) {
		ccs_db_rollback(db);
		ccs_cli_err("restored, but the duplicate candidates could not "
		    "be rebuilt (run 'ccscap capacity --rebuild'): %s",
		    ccs_db_errmsg(db));
		goto done;
	}
	rc = ccs_reader_sets_backfill(db, &filled);
	if (rc == CCS_OK)
		rc = ccs_status_months_backfill(db, &filled);
	if (rc != CCS_OK) {
		ccs_cli_err("restored, but the reader sets of the markings or "
		    "the monthly status snapshots could not be computed (the "
		    "next ccscap command tries again): %s", ccs_db_errmsg(db));
		goto done;
	}
	rc = ccs_audit_verify(db, &rep);
	if (rc != CCS_OK) {
		ccs_cli_err("restored, but the audit chain is broken at event "
		    "%lld: %s", (long long)rep.bad_seq, rep.reason);
		goto done;
	}
	printf("restored %s; audit chain OK (%lld events)\n", path,
	    (long long)rep.events);
	status = 0;
done:
	fclose(in);
	ccs_store_release(st, db);
	ccs_store_close(st);
	return status;
}

int
ccs_cmd_verify_audit(struct ccs_cli *cli)
{
	struct ccs_audit_report rep;
	struct ccs_store *st = NULL;
	struct ccs_db *db;
	int rc;

	if (!ccs_cli_only(cli, NULL, NULL))
		return 2;
	if (ccs_cli_open(cli, 1, &st) != CCS_OK)
		return 1;
	db = ccs_store_acquire(st);
	rc = ccs_db_begin(db, false);
	if (rc == CCS_OK)
		rc = ccs_audit_verify(db, &rep);
	ccs_store_release(st, db);
	ccs_store_close(st);
	if (rc == CCS_OK) {
		printf("audit chain OK: %lld events\n", (long long)rep.events);
		return 0;
	}
	if (rc == CCS_ECORRUPT) {
		printf("audit chain BROKEN at event %lld: %s\n",
		    (long long)rep.bad_seq, rep.reason);
		return 1;
	}
	ccs_cli_err("cannot read the audit trail: %s", ccs_strerror(rc));
	return 1;
}

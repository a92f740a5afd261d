/*
 * cmd_report_keys.c: the keyring of public reports from the command line:
 * loading it for `init` and `serve`, and `ccscap report-keys rotate`,
 * which adds a key and re-seals every sealed value of the public reports
 * (bodies, contacts, additions, file names and evidence files) with it
 * in one transaction. The old keys stay in the file until an operator
 * removes them after checking (docs/internals/REPORTING.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "svc/platform/audit.h"
#include "svc/reporting/report_keys.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

int
ccs_cli_report_keys(struct ccs_cli *cli, struct ccs_store *st,
    struct ccs_report_keys **out)
{
	const char *path = cli->conf.report_key_file;
	struct ccs_db *db;
	struct stat sb;
	int64_t n = 0;
	char err[512] = "";
	int rc;

	if (stat(path, &sb) != 0 && errno == ENOENT) {
		/* A missing keyring is created only while no report needs
		 * it: a lost file must not silently become a new one. */
		db = ccs_store_acquire(st);
		rc = ccs_db_begin(db, false);
		if (rc == CCS_OK)
			rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM "
			    "public_reports", NULL, 0, &n);
		ccs_store_release(st, db);
		if (rc != CCS_OK || n > 0) {
			ccs_cli_err("report key file %s is missing but the "
			    "database holds %lld sealed report(s): restore "
			    "the file (or set report_key_file)", path,
			    (long long)n);
			return CCS_EIO;
		}
		rc = ccs_report_keys_load(path, 1, out, err, sizeof(err));
		if (rc == CCS_OK)
			fprintf(stderr, "ccscap: created report key file %s "
			    "(keep it with backups: public reports need "
			    "it)\n", path);
	} else {
		rc = ccs_report_keys_load(path, 0, out, err, sizeof(err));
	}
	if (rc != CCS_OK)
		ccs_cli_err("%s", err);
	return rc;
}

/* Re-seals the "val" of each row of @p select with @p update ($1 the
 * sealed text, $2 its key, $3 k1, $4 k2 when the row has one). */
static int
reseal(struct ccs_db *db, const struct ccs_report_keys *k,
    const char *select, const char *update, size_t *count)
{
	json_t *rows = NULL, *row;
	char *plain = NULL, *sealed = NULL;
	struct ccs_val v[4];
	int64_t key_id = 0;
	size_t i, n = 0;
	int rc;

	rc = ccs_db_query_json(db, select, NULL, 0, &rows);
	json_array_foreach(rows, i, row) {
		if (rc != CCS_OK)
			break;
		if (json_is_null(json_object_get(row, "val")))
			continue;
		rc = ccs_report_open(k, json_integer_value(json_object_get(row,
		    "key_id")), ccs_jstr(row, "reference"), ccs_jstr(row,
		    "val"), &plain, &n);
		if (rc == CCS_OK)
			rc = ccs_report_seal(k, ccs_jstr(row, "reference"),
			    plain, n, &sealed, &key_id);
		if (plain != NULL) {
			ccs_wipe(plain, n);
			free(plain);
			plain = NULL;
		}
		if (rc != CCS_OK)
			break;
		v[0] = CCS_VTEXT(sealed);
		v[1] = CCS_VINT(key_id);
		v[2] = CCS_VINT(json_integer_value(json_object_get(row,
		    "k1")));
		v[3] = CCS_VTEXT(ccs_jstr(row, "k2"));
		rc = ccs_db_exec(db, update, v, ccs_jstr(row, "k2") != NULL ?
		    4 : 3, NULL, NULL);
		free(sealed);
		sealed = NULL;
		(*count)++;
	}
	json_decref(rows);
	return rc;
}

/* Re-seals the evidence file of one row of public_report_files. */
static int
reseal_file(const struct ccs_report_keys *k, const char *dir,
    const char *ref, const char *sha, int64_t old_id)
{
	char path[1200], tmp[1240], *text = NULL, *plain = NULL;
	char *sealed = NULL;
	struct stat sb;
	int64_t key_id = 0;
	size_t n = 0;
	ssize_t got;
	int fd, rc = CCS_EIO;

	if (snprintf(path, sizeof(path), "%s/reports/%s-%s", dir, ref, sha) >=
	    (int)sizeof(path) || snprintf(tmp, sizeof(tmp), "%s.tmp", path) >=
	    (int)sizeof(tmp))
		return CCS_EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) != 0 || sb.st_size > (64 << 20)) {
		if (fd >= 0)
			close(fd);
		return CCS_EIO;
	}
	text = ccs_malloc((size_t)sb.st_size + 1);
	got = text != NULL ? read(fd, text, (size_t)sb.st_size) : -1;
	close(fd);
	if (got != sb.st_size)
		goto out;
	text[got] = '\0';
	rc = ccs_report_open(k, old_id, ref, text, &plain, &n);
	if (rc == CCS_OK)
		rc = ccs_report_seal(k, ref, plain, n, &sealed, &key_id);
	if (rc != CCS_OK)
		goto out;
	rc = CCS_EIO;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		goto out;
	n = strlen(sealed);
	if (write(fd, sealed, n) == (ssize_t)n && fsync(fd) == 0 &&
	    rename(tmp, path) == 0)
		rc = CCS_OK;
	close(fd);
out:
	free(text);
	if (plain != NULL) {
		ccs_wipe(plain, n);
		free(plain);
	}
	free(sealed);
	return rc;
}

static int
rotate(struct ccs_cli *cli, struct ccs_store *st, struct ccs_report_keys *k)
{
	struct ccs_principal sys;
	struct ccs_db *db = ccs_store_acquire(st);
	json_t *files = NULL, *row, *detail;
	size_t count = 0, i;
	int rc;

	memset(&sys, 0, sizeof(sys));
	sys.system = true;
	rc = ccs_db_begin(db, true);
	/* contact first, keeping key_id, which the body's update then sets:
	 * both are sealed with one key */
	if (rc == CCS_OK)
		rc = reseal(db, k, "SELECT id AS k1, NULL AS k2, reference, "
		    "key_id, contact_enc AS val FROM public_reports",
		    "UPDATE public_reports SET contact_enc = $1, key_id = "
		    "key_id + 0 * $2 WHERE id = $3", &count);
	if (rc == CCS_OK)
		rc = reseal(db, k, "SELECT id AS k1, NULL AS k2, reference, "
		    "key_id, body_enc AS val FROM public_reports",
		    "UPDATE public_reports SET body_enc = $1, key_id = $2 "
		    "WHERE id = $3", &count);
	if (rc == CCS_OK)
		rc = reseal(db, k, "SELECT a.id AS k1, NULL AS k2, "
		    "r.reference, a.key_id, a.body_enc AS val FROM "
		    "public_report_additions a JOIN public_reports r ON r.id = "
		    "a.report_id", "UPDATE public_report_additions SET "
		    "body_enc = $1, key_id = $2 WHERE id = $3", &count);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT f.report_id, f.sha256, "
		    "f.key_id, r.reference FROM public_report_files f JOIN "
		    "public_reports r ON r.id = f.report_id", NULL, 0, &files);
	json_array_foreach(files, i, row) {
		if (rc != CCS_OK)
			break;
		rc = reseal_file(k, cli->conf.evidence_dir, ccs_jstr(row,
		    "reference"), ccs_jstr(row, "sha256"), json_integer_value(
		    json_object_get(row, "key_id")));
		count++;
	}
	json_decref(files);
	if (rc == CCS_OK)
		rc = reseal(db, k, "SELECT f.report_id AS k1, f.sha256 AS k2, "
		    "r.reference, f.key_id, f.name_enc AS val FROM "
		    "public_report_files f JOIN public_reports r ON r.id = "
		    "f.report_id", "UPDATE public_report_files SET name_enc = "
		    "$1, key_id = $2 WHERE report_id = $3 AND sha256 = $4",
		    &count);
	detail = json_pack("{s:I, s:I}", "key_id",
	    (json_int_t)ccs_report_keys_current(k), "resealed",
	    (json_int_t)count);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, &sys, "public_report.keys_rotate",
		    "report_keys", ccs_report_keys_current(k), detail,
		    (int64_t)time(NULL));
	json_decref(detail);
	if (rc == CCS_OK)
		rc = ccs_db_commit(db);
	if (rc != CCS_OK)
		ccs_cli_err("rotation failed (%s); nothing was re-sealed, the "
		    "new key stays in the file unused: %s", ccs_strerror(rc),
		    ccs_db_errmsg(db));
	else
		printf("report key %lld now seals; %zu value(s) re-sealed\n",
		    (long long)ccs_report_keys_current(k), count);
	ccs_store_release(st, db);
	return rc;
}

int
ccs_cmd_report_keys(struct ccs_cli *cli)
{
	struct ccs_report_keys *k = NULL;
	struct ccs_store *st = NULL;
	int status = 1;

	if (!ccs_cli_only(cli, NULL, NULL))
		return 2;
	if (cli->argc != 1 || strcmp(cli->argv[0], "rotate") != 0) {
		ccs_cli_err("usage: ccscap report-keys rotate");
		return 2;
	}
	if (ccs_cli_open(cli, 1, &st) != CCS_OK)
		return 1;
	if (ccs_cli_report_keys(cli, st, &k) != CCS_OK)
		goto out;
	if (ccs_report_keys_add(k, cli->conf.report_key_file) != CCS_OK) {
		ccs_cli_err("cannot add a key to %s",
		    cli->conf.report_key_file);
		goto out;
	}
	if (rotate(cli, st, k) == CCS_OK)
		status = 0;
out:
	ccs_report_keys_free(k);
	ccs_store_close(st);
	return status;
}

/*
 * cmd_assessments_csv.c: `ccscap import assessments FILE.csv [--dry-run]`.
 *
 * Reads the whole file (bounded by CCS_IMPORT_MAX_BYTES), runs the import
 * service as the operator inside one write transaction, and commits only
 * when every row passed and this is not a dry run. Errors are printed one
 * per line as FILE:LINE: field: message, like a compiler, so editors can
 * jump to them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "svc/standards/assessments_csv.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

/* Reads @p path ("-": standard input) into @p b (bounded by b->max). */
static int
read_all(const char *path, struct ccs_buf *b)
{
	char chunk[65536];
	ssize_t n;
	int fd, rc = CCS_OK;

	fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY |
	    O_CLOEXEC);
	if (fd < 0) {
		ccs_cli_err("cannot open %s: %s", path, strerror(errno));
		return CCS_EIO;
	}
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ccs_cli_err("cannot read %s: %s", path,
			    strerror(errno));
			rc = CCS_EIO;
			break;
		}
		if (n == 0)
			break;
		rc = ccs_buf_add(b, chunk, (size_t)n);
		if (rc == CCS_ETOOBIG)
			ccs_cli_err("%s is larger than %u MiB; split it", path,
			    CCS_IMPORT_MAX_BYTES / (1024 * 1024));
		else if (rc != CCS_OK)
			ccs_cli_err("out of memory reading %s", path);
		if (rc != CCS_OK)
			break;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}

static void
print_errors(const char *path, const json_t *report)
{
	const json_t *e;
	const char *field;
	size_t i;

	json_array_foreach(json_object_get(report, "errors"), i, e) {
		field = json_string_value(json_object_get(e, "field"));
		ccs_cli_put_text(stderr, path);
		fprintf(stderr, ":%lld: ", (long long)json_integer_value(
		    json_object_get(e, "line")));
		if (field != NULL)
			fprintf(stderr, "%s: ", field);
		ccs_cli_put_text(stderr, json_string_value(json_object_get(e,
		    "message")) ? json_string_value(json_object_get(e,
		    "message")) : "");
		fputc('\n', stderr);
	}
	if (json_is_true(json_object_get(report, "errors_truncated")))
		ccs_cli_err("only the first %d errors are shown",
		    CCS_IMPORT_MAX_ERRORS);
}

int
ccs_cmd_import(struct ccs_cli *cli)
{
	static const char *const flags[] = { "--dry-run", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_principal actor;
	struct ccs_store *st = NULL;
	struct ccs_db *db = NULL;
	struct ccs_buf data;
	const char *kind = NULL, *path = NULL;
	json_t *report = NULL;
	bool dry = ccs_cli_has(cli, "--dry-run");
	int i, npos = 0, rc, status = 1;

	/* IATI activities: cmd_iati.c */
	if (cli->argc > 0 && strcmp(cli->argv[0], "iati") == 0)
		return ccs_cmd_import_iati(cli);
	/* stix, misp and csv indicators: cmd_interchange.c */
	if (cli->argc > 0 && (strcmp(cli->argv[0], "stix") == 0 ||
	    strcmp(cli->argv[0], "misp") == 0 || strcmp(cli->argv[0], "csv") ==
	    0))
		return ccs_cmd_import_ix(cli);
	if (!ccs_cli_only(cli, flags, NULL))
		return 2;
	for (i = 0; i < cli->argc; i++) {
		if (strncmp(cli->argv[i], "--", 2) == 0)
			continue;
		if (npos == 0)
			kind = cli->argv[i];
		else if (npos == 1)
			path = cli->argv[i];
		npos++;
	}
	if (kind == NULL || strcmp(kind, "assessments") != 0 || path == NULL ||
	    npos != 2) {
		ccs_cli_err("import: expected 'assessments FILE.csv', 'stix "
		    "FILE', 'misp FILE' or 'csv FILE' (see "
		    "'ccscap import --help')");
		return 2;
	}
	ccs_buf_init(&data, CCS_IMPORT_MAX_BYTES);
	if (read_all(path, &data) != CCS_OK)
		goto out;
	if (ccs_cli_open(cli, 1, &st) != CCS_OK)
		goto out;
	db = ccs_store_acquire(st);
	rc = ccs_db_begin(db, true);
	if (rc != CCS_OK) {
		ccs_cli_err("cannot start a transaction: %s", ccs_strerror(rc));
		goto out;
	}
	ccs_cli_actor(&actor);
	rc = ccs_import_assessments(db, &actor, data.data, data.len, dry,
	    (int64_t)time(NULL), &report, &f);
	if (rc == CCS_OK && !dry) {
		rc = ccs_db_commit(db);
		if (rc != CCS_OK)
			(void)ccs_fail(&f, rc, "internal", "the import could "
			    "not be committed (%s); nothing was stored",
			    ccs_strerror(rc));
	}
	if (rc != CCS_OK) {
		if (report != NULL)
			print_errors(path, report);
		ccs_cli_err("%s", f.code ? f.message : ccs_strerror(rc));
		goto out;
	}
	if (dry)
		printf("dry run: %lld rows valid, nothing stored\n", (long long)
		    json_integer_value(json_object_get(report, "rows")));
	else
		printf("imported %lld status records\n", (long long)
		    json_integer_value(json_object_get(report, "stored")));
	status = 0;
out:
	json_decref(report);
	if (db != NULL) {
		ccs_db_rollback(db);
		ccs_store_release(st, db);
	}
	ccs_store_close(st);
	ccs_buf_free(&data);
	return status;
}

/*
 * cmd_iati.c: `ccscap import iati FILE [--dry-run]`, `ccscap import iati
 * --schema-only FILE...` and `ccscap export iati [--out FILE]`.
 *
 * The import streams the file through the IATI reader as the operator,
 * in one write transaction committed only when every activity was
 * stored and it is not a dry run. Errors print as FILE: path: line N:
 * message. With `iati_schema` configured the file is also validated by
 * libxml2 against that XSD. --schema-only checks each file named against
 * the schema alone (the reader's rules, and the XSD when configured): no
 * code lists, no directory, no database; a line for each valid file, the
 * errors of the others, exit 1 when any is refused. When standard error is a
 * terminal a progress line (activities per second) is redrawn at most
 * five times a second. The export writes every initiative to FILE
 * (replaced only when complete) or standard output.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "svc/capacity/iati.h"
#include "util/err.h"
#include "util/str.h"

struct prog {
	double	t0;	/* start, seconds */
	double	last;	/* last redraw */
	bool	tty;	/* stderr is a terminal */
	bool	drawn;	/* a line is on screen */
};

static void
on_progress(void *arg, size_t n)
{
	struct prog *pg = arg;
	double now = ccs_cli_mono();

	if (!pg->tty || now - pg->last < 0.2)
		return;
	pg->last = now;
	pg->drawn = true;
	fprintf(stderr, "\r%zu activities  %.0f/s   ", n, now > pg->t0 ?
	    (double)n / (now - pg->t0) : 0.0);
	fflush(stderr);
}

/* The configured XSD, or NULL; false (said) when it does not load. */
static bool
load_schema(const struct ccs_cli *cli, struct ccs_iati_schema **xsd)
{
	struct ccs_fail f = { 0, NULL, "" };

	*xsd = NULL;
	if (cli->conf.iati_schema[0] == '\0')
		return true;
	if (ccs_iati_schema_load(cli->conf.iati_schema, xsd, &f) == CCS_OK)
		return true;
	ccs_cli_err("iati_schema: %s", f.code ? f.message : "cannot load");
	return false;
}

static void
put_errors(const char *path, const struct ccs_errlist *errs)
{
	size_t k;

	for (k = 0; k < ccs_errlist_count(errs); k++) {
		ccs_cli_put_text(stderr, path);
		fputs(": ", stderr);
		ccs_cli_put_text(stderr, ccs_errlist_path(errs, k));
		fputs(": ", stderr);
		ccs_cli_put_text(stderr, ccs_errlist_message(errs, k));
		fputc('\n', stderr);
	}
	if (ccs_errlist_total(errs) > ccs_errlist_count(errs))
		ccs_cli_err("%zu more errors not shown",
		    ccs_errlist_total(errs) - ccs_errlist_count(errs));
}

static int
count_activity(void *arg, const struct ccs_iati_activity *a)
{
	(void)a;
	(*(size_t *)arg)++;
	return 0;
}

/* --schema-only: the schema's rules, no codes, no database. */
static int
schema_only(const char *path, FILE *in, const struct ccs_iati_schema *xsd)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_iati_read_opts ro;
	struct ccs_errlist *errs = ccs_errlist_new(CCS_CAP_IATI_MAX_ERRORS);
	size_t n = 0;
	int rc;

	if (errs == NULL) {
		ccs_cli_err("out of memory");
		return 1;
	}
	memset(&ro, 0, sizeof(ro));
	ro.level = CCS_IATI_CHECK_SCHEMA;
	ro.schema = xsd;
	rc = ccs_iati_read(in, &ro, count_activity, &n, errs, &f);
	put_errors(path, errs);
	if (rc != CCS_OK && ccs_errlist_total(errs) == 0)
		ccs_cli_err("%s", f.code ? f.message : ccs_strerror(rc));
	else if (rc == CCS_OK)
		printf("schema check: %s: %zu activities, valid%s\n", path, n,
		    xsd != NULL ? " (with the configured XSD)" : "");
	ccs_errlist_free(errs);
	return rc == CCS_OK ? 0 : 1;
}

/* --schema-only over every FILE named, in order; 1 when any fails. */
static int
schema_only_all(const struct ccs_cli *cli, const struct ccs_iati_schema *xsd)
{
	const char *path;
	int i, status = 0;
	FILE *in;

	for (i = 1; i < cli->argc; i++) {
		path = cli->argv[i];
		if (strncmp(path, "--", 2) == 0)
			continue;
		in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
		if (in == NULL) {
			ccs_cli_err("cannot open %s: %s", path,
			    strerror(errno));
			status = 1;
			continue;
		}
		if (schema_only(path, in, xsd) != 0)
			status = 1;
		if (in != stdin)
			(void)fclose(in);
	}
	return status;
}

int
ccs_cmd_import_iati(struct ccs_cli *cli)
{
	static const char *const flags[] = { "--dry-run", "--schema-only",
		NULL };
	struct ccs_iati_schema *xsd = NULL;
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_errlist *errs = NULL;
	struct ccs_cap_iati_counts c;
	struct ccs_cap_iati_opts o;
	struct ccs_principal actor;
	struct ccs_store *st = NULL;
	struct ccs_db *db = NULL;
	struct prog pg;
	const char *path = NULL;
	FILE *in = NULL;
	int i, npos = 0, rc, status = 1;

	if (!ccs_cli_only(cli, flags, NULL))
		return 2;
	for (i = 1; i < cli->argc; i++) {
		if (strncmp(cli->argv[i], "--", 2) == 0)
			continue;
		path = cli->argv[i];
		npos++;
	}
	if (path != NULL && ccs_cli_has(cli, "--schema-only")) {
		if (ccs_cli_has(cli, "--dry-run")) {
			ccs_cli_err("import iati: --schema-only stores "
			    "nothing; --dry-run is not needed beside it");
			return 2;
		}
		if (!load_schema(cli, &xsd))
			return 1;
		status = schema_only_all(cli, xsd);
		ccs_iati_schema_free(xsd);
		return status;
	}
	if (path == NULL || npos != 1) {
		ccs_cli_err("import iati: expected one FILE (several only with "
		    "--schema-only; see 'ccscap import --help')");
		return 2;
	}
	memset(&o, 0, sizeof(o));
	memset(&c, 0, sizeof(c));
	o.dry_run = ccs_cli_has(cli, "--dry-run");
	memset(&pg, 0, sizeof(pg));
	pg.t0 = ccs_cli_mono();
	pg.tty = isatty(STDERR_FILENO) == 1;
	o.progress = on_progress;
	o.progress_arg = &pg;
	if (!load_schema(cli, &xsd))
		return 1;
	o.schema = xsd;
	in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (in == NULL) {
		ccs_cli_err("cannot open %s: %s", path, strerror(errno));
		goto out;
	}
	errs = ccs_errlist_new(CCS_CAP_IATI_MAX_ERRORS);
	if (errs == NULL) {
		ccs_cli_err("out of memory");
		goto out;
	}
	if (ccs_cli_open(cli, 1, &st) != CCS_OK)
		goto out;
	db = ccs_store_acquire(st);
	rc = ccs_db_begin(db, true);
	if (rc != CCS_OK) {
		ccs_cli_err("cannot start a transaction: %s", ccs_strerror(rc));
		goto out;
	}
	ccs_cli_actor(&actor);
	rc = ccs_cap_iati_import(db, &actor, in, &o, (int64_t)time(NULL), &c,
	    errs, &f);
	if (pg.drawn)
		fputc('\n', stderr);
	if (rc == CCS_OK && !o.dry_run) {
		rc = ccs_db_commit(db);
		if (rc != CCS_OK)
			(void)ccs_fail(&f, rc, "internal", "the import could "
			    "not be committed (%s); nothing was stored",
			    ccs_strerror(rc));
	}
	put_errors(path, errs);
	if (rc != CCS_OK) {
		if (ccs_errlist_total(errs) > 0)
			ccs_cli_err("nothing was stored");
		else
			ccs_cli_err("%s", f.code ? f.message :
			    ccs_strerror(rc));
		goto out;
	}
	printf("%s%s: %zu activities, %zu created, %zu updated%s\n",
	    o.dry_run ? "dry run: " : "", path, c.activities, c.created,
	    c.updated, o.dry_run ? "; nothing stored" : "");
	status = 0;
out:
	if (db != NULL) {
		ccs_db_rollback(db);
		ccs_store_release(st, db);
	}
	ccs_store_close(st);
	ccs_errlist_free(errs);
	if (in != NULL && in != stdin)
		fclose(in);
	ccs_iati_schema_free(xsd);
	return status;
}

int
ccs_cmd_export_iati(struct ccs_cli *cli)
{
	static const char *const valued[] = { "--out", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_errlist *errs = NULL;
	struct ccs_principal who;
	struct ccs_store *st = NULL;
	struct ccs_db *db = NULL;
	const char *path = ccs_cli_opt(cli, "--out");
	char tmp[4096], gen[32];
	time_t t = time(NULL);
	struct tm tm;
	FILE *out = NULL;
	size_t n = 0, k;
	int rc, status = 1;

	if (!ccs_cli_only(cli, NULL, valued))
		return 2;
	if (path != NULL && ccs_snprintf(tmp, sizeof(tmp), "%s.part", path) !=
	    CCS_OK) {
		ccs_cli_err("--out: path too long");
		return 2;
	}
	(void)gmtime_r(&t, &tm);
	(void)strftime(gen, sizeof(gen), "%Y-%m-%dT%H:%M:%SZ", &tm);
	errs = ccs_errlist_new(CCS_CAP_IATI_MAX_ERRORS);
	if (errs == NULL || ccs_cli_open(cli, 1, &st) != CCS_OK)
		goto out;
	db = ccs_store_acquire(st);
	rc = ccs_db_begin(db, false);
	if (rc != CCS_OK) {
		ccs_cli_err("cannot start a transaction: %s", ccs_strerror(rc));
		goto out;
	}
	ccs_cli_actor(&who);
	out = path ? fopen(tmp, "wb") : stdout;
	if (out == NULL) {
		ccs_cli_err("cannot write %s: %s", tmp, strerror(errno));
		goto out;
	}
	rc = ccs_cap_iati_export(db, &who, out, gen, &n, errs, &f);
	if (path != NULL && fclose(out) != 0 && rc == CCS_OK)
		rc = ccs_fail(&f, CCS_EIO, "internal", "cannot write %s: %s",
		    tmp, strerror(errno));
	if (path == NULL && fflush(stdout) != 0 && rc == CCS_OK)
		rc = ccs_fail(&f, CCS_EIO, "internal", "cannot write the "
		    "output: %s", strerror(errno));
	if (rc == CCS_OK && path != NULL && rename(tmp, path) != 0)
		rc = ccs_fail(&f, CCS_EIO, "internal", "cannot rename %s: %s",
		    tmp, strerror(errno));
	if (rc != CCS_OK) {
		if (path != NULL)
			(void)unlink(tmp);
		for (k = 0; k < ccs_errlist_count(errs); k++)
			ccs_cli_err("%s: %s", ccs_errlist_path(errs, k),
			    ccs_errlist_message(errs, k));
		ccs_cli_err("%s", f.code ? f.message : ccs_strerror(rc));
		goto out;
	}
	if (path != NULL)
		printf("exported %zu activities to %s\n", n, path);
	status = 0;
out:
	if (db != NULL) {
		ccs_db_rollback(db);
		ccs_store_release(st, db);
	}
	ccs_store_close(st);
	ccs_errlist_free(errs);
	return status;
}

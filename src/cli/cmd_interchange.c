/*
 * cmd_interchange.c: `ccscap import stix|misp|csv FILE` and `ccscap export
 * stix`.
 *
 * Imports run as the operator in one write transaction, committed only
 * when the import succeeded and is not a dry run: a failed or killed
 * import leaves the store as it was. STIX bundles are streamed from the
 * file (any size); MISP and CSV are read whole (32 MiB at most). Errors
 * print as FILE: path: message. When standard error is a terminal a
 * progress line (bytes read of the file's size, objects per second) is
 * redrawn at most five times a second; otherwise only the summary.
 *
 * Export needs --as LOGIN (that user's view) or --all (everything): the
 * operator is not a reader of shared records, so there is no default.
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/validate.h"
#include "svc/standards/assessments_csv.h"
#include "svc/interchange/interchange.h"
#include "svc/taxii/taxii.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

struct bar {
	const char	*path;		/* file name */
	uint64_t	 size;		/* bytes, 0 unknown */
	double		 t0;		/* start, seconds */
	double		 last;		/* last redraw */
	bool		 tty;		/* stderr is a terminal */
	bool		 drawn;		/* a line is on screen */
};

static void
draw(struct bar *b, uint64_t bytes, size_t objects, bool force)
{
	double now = ccs_cli_mono(), dt = now - b->t0;

	if (!b->tty || (!force && now - b->last < 0.2))
		return;
	b->last = now;
	b->drawn = true;
	if (b->size > 0)
		fprintf(stderr, "\r%.1f / %.1f MiB (%3.0f%%)  %zu objects  "
		    "%.0f objects/s   ", (double)bytes / 1048576.0,
		    (double)b->size / 1048576.0, 100.0 * (double)bytes /
		    (double)b->size, objects, dt > 0 ? (double)objects / dt :
		    0.0);
	else
		fprintf(stderr, "\r%.1f MiB  %zu objects  %.0f objects/s   ",
		    (double)bytes / 1048576.0, objects, dt > 0 ?
		    (double)objects / dt : 0.0);
	fflush(stderr);
}

static void
on_progress(void *arg, uint64_t bytes, size_t objects)
{
	draw(arg, bytes, objects, false);
}

static void
print_errors(const char *path, const struct ccs_errlist *errs)
{
	size_t i;

	for (i = 0; i < ccs_errlist_count(errs); i++) {
		ccs_cli_put_text(stderr, path);
		fputs(": ", stderr);
		if (ccs_errlist_path(errs, i)[0] != '\0') {
			ccs_cli_put_text(stderr, ccs_errlist_path(errs, i));
			fputs(": ", stderr);
		}
		ccs_cli_put_text(stderr, ccs_errlist_message(errs, i));
		fputc('\n', stderr);
	}
	if (ccs_errlist_total(errs) > ccs_errlist_count(errs))
		ccs_cli_err("%zu more errors not shown",
		    ccs_errlist_total(errs) - ccs_errlist_count(errs));
}

static int
read_whole(FILE *in, const char *path, struct ccs_buf *b)
{
	char chunk[65536];
	size_t n;
	int rc;

	for (;;) {
		n = fread(chunk, 1, sizeof(chunk), in);
		if (n == 0)
			break;
		rc = ccs_buf_add(b, chunk, n);
		if (rc == CCS_ETOOBIG) {
			ccs_cli_err("%s is larger than %u MiB; split it", path,
			    CCS_IMPORT_MAX_BYTES / (1024 * 1024));
			return rc;
		}
		if (rc != CCS_OK) {
			ccs_cli_err("out of memory reading %s", path);
			return rc;
		}
	}
	if (ferror(in)) {
		ccs_cli_err("cannot read %s: %s", path, strerror(errno));
		return CCS_EIO;
	}
	return CCS_OK;
}

int
ccs_cmd_import_ix(struct ccs_cli *cli)
{
	static const char *const flags[] = { "--partial", "--dry-run", NULL };
	static const char *const valued[] = { "--tlp", "--state", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_errlist *errs = NULL;
	struct ccs_ix_counts c;
	struct ccs_ix_opts o;
	struct ccs_principal actor;
	struct ccs_store *st = NULL;
	struct ccs_db *db = NULL;
	struct ccs_buf data;
	struct bar bar;
	struct stat sb;
	const char *kind = cli->argv[0], *path = NULL, *tlp;
	FILE *in = NULL;
	int64_t t0;
	int i, npos = 0, rc, status = 1;

	ccs_buf_init(&data, CCS_IMPORT_MAX_BYTES);
	if (!ccs_cli_only(cli, flags, valued))
		return 2;
	for (i = 1; i < cli->argc; i++) {
		if (strcmp(cli->argv[i], "--tlp") == 0 ||
		    strcmp(cli->argv[i], "--state") == 0) {
			i++;
			continue;
		}
		if (strncmp(cli->argv[i], "--", 2) == 0)
			continue;
		path = cli->argv[i];
		npos++;
	}
	if (path == NULL || npos != 1) {
		ccs_cli_err("import %s: expected one FILE (see 'ccscap import "
		    "--help')", kind);
		return 2;
	}
	memset(&o, 0, sizeof(o));
	o.tlp = CCS_TLP_AMBER;
	tlp = ccs_cli_opt(cli, "--tlp");
	if (tlp != NULL && !ccs_tlp_parse(tlp, &o.tlp)) {
		ccs_cli_err("--tlp must be clear, green, amber, amber+strict or "
		    "red");
		return 2;
	}
	o.state = ccs_cli_opt(cli, "--state");
	o.partial = ccs_cli_has(cli, "--partial");
	o.dry_run = ccs_cli_has(cli, "--dry-run");
	in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (in == NULL) {
		ccs_cli_err("cannot open %s: %s", path, strerror(errno));
		return 1;
	}
	memset(&bar, 0, sizeof(bar));
	bar.path = path;
	bar.tty = isatty(STDERR_FILENO) == 1;
	bar.t0 = ccs_cli_mono();
	if (fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode))
		bar.size = (uint64_t)sb.st_size;
	o.progress = on_progress;
	o.progress_arg = &bar;
	/*
	 * Every object is parsed into fresh allocations and freed again; with
	 * glibc's defaults the top of the heap is given back and taken again
	 * for each one (a brk call per object, a third of the import's time
	 * in the kernel). Keep up to 64 MiB of freed memory instead.
	 */
	(void)mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
	(void)mallopt(M_TOP_PAD, 16 * 1024 * 1024);
	errs = ccs_errlist_new(CCS_IX_MAX_ERRORS);
	if (errs == NULL) {
		ccs_cli_err("out of memory");
		goto out;
	}
	if (strcmp(kind, "stix") != 0 && read_whole(in, path, &data) !=
	    CCS_OK)
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
	t0 = (int64_t)time(NULL);
	if (strcmp(kind, "stix") == 0)
		rc = ccs_ix_import_stix(db, &actor, in, &o, (int64_t)time(NULL),
		    &c, errs, &f);
	else if (strcmp(kind, "misp") == 0)
		rc = ccs_ix_import_misp(db, &actor, ccs_buf_str(&data),
		    data.len, &o, (int64_t)time(NULL), &c, errs, &f);
	else
		rc = ccs_ix_import_csv(db, &actor, ccs_buf_str(&data),
		    data.len, &o, (int64_t)time(NULL), &c, errs, &f);
	if (bar.drawn) {
		draw(&bar, bar.size, c.objects, true);
		fputc('\n', stderr);
	}
	/* what was stored appears in the TAXII collections it fits */
	if (rc == CCS_OK && !o.dry_run && strcmp(kind, "stix") == 0)
		rc = ccs_taxii_publish(db, t0, t0 * 1000000, NULL, NULL, &f);
	if (rc == CCS_OK && !o.dry_run) {
		rc = ccs_db_commit(db);
		if (rc != CCS_OK)
			(void)ccs_fail(&f, rc, "internal", "the import could "
			    "not be committed (%s); nothing was stored",
			    ccs_strerror(rc));
	}
	print_errors(path, errs);
	if (rc != CCS_OK) {
		/* the list above already holds a document-level failure */
		if (ccs_errlist_total(errs) > 0 && !ccs_streq(f.code,
		    "import_failed"))
			ccs_cli_err("nothing was stored");
		else
			ccs_cli_err("%s", f.code ? f.message :
			    ccs_strerror(rc));
		goto out;
	}
	printf("%s%s: %zu objects, %zu sightings, %zu incidents, %zu "
	    "pass-through, %zu skipped, %zu invalid, %zu errors%s\n",
	    o.dry_run ? "dry run: " : "", path, c.objects, c.sightings,
	    c.incidents, c.passthrough, c.skipped, c.invalid, c.errors,
	    o.dry_run ? "; nothing stored" : "");
	status = 0;
out:
	if (db != NULL) {
		ccs_db_rollback(db);
		ccs_store_release(st, db);
	}
	ccs_store_close(st);
	ccs_errlist_free(errs);
	ccs_buf_free(&data);
	if (in != NULL && in != stdin)
		fclose(in);
	return status;
}

int
ccs_cmd_export(struct ccs_cli *cli)
{
	static const char *const flags[] = { "--all", NULL };
	static const char *const valued[] = { "--as", "--since", "--out",
	    NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_principal who;
	struct ccs_store *st = NULL;
	struct ccs_db *db = NULL;
	const char *login = ccs_cli_opt(cli, "--as");
	const char *since_s = ccs_cli_opt(cli, "--since");
	const char *path = ccs_cli_opt(cli, "--out");
	char tmp[4096], bid[64];
	bool all = ccs_cli_has(cli, "--all");
	long long since = 0;
	FILE *out = NULL;
	size_t n = 0;
	int rc, status = 1;

	/* IATI activities: cmd_iati.c */
	if (cli->argc > 0 && strcmp(cli->argv[0], "iati") == 0)
		return ccs_cmd_export_iati(cli);
	if (!ccs_cli_only(cli, flags, valued))
		return 2;
	if (cli->argc < 1 || strcmp(cli->argv[0], "stix") != 0) {
		ccs_cli_err("export: expected 'stix' or 'iati' (see "
		    "'ccscap export "
		    "--help')");
		return 2;
	}
	if ((login == NULL) == !all) {
		ccs_cli_err("export stix: give either --as LOGIN (what that "
		    "user may read) or --all (everything)");
		return 2;
	}
	if (since_s != NULL && !ccs_parse_time(since_s, &since)) {
		ccs_cli_err("--since must be YYYY-MM-DD or an RFC 3339 time");
		return 2;
	}
	if (path != NULL && ccs_snprintf(tmp, sizeof(tmp), "%s.part", path) !=
	    CCS_OK) {
		ccs_cli_err("--out: path too long");
		return 2;
	}
	if (ccs_cli_open(cli, 1, &st) != CCS_OK)
		return 1;
	db = ccs_store_acquire(st);
	rc = ccs_db_begin(db, true);
	if (rc != CCS_OK) {
		ccs_cli_err("cannot start a transaction: %s", ccs_strerror(rc));
		goto out;
	}
	if (all)
		ccs_cli_actor(&who);
	else if (ccs_ix_principal(db, login, &who, &f) != CCS_OK) {
		ccs_cli_err("%s", f.message);
		goto out;
	}
	out = path ? fopen(tmp, "wb") : stdout;
	if (out == NULL) {
		ccs_cli_err("cannot write %s: %s", tmp, strerror(errno));
		goto out;
	}
	if (!all) {
		/* the audit trail names the operator and the view exported */
		struct ccs_principal op;

		ccs_cli_actor(&op);
		(void)ccs_snprintf(who.login, sizeof(who.login), "%.30s as "
		    "%.25s", op.login, login);
	}
	rc = ccs_ix_export_stix(db, &who, all, (int64_t)since, out, &n, bid,
	    sizeof(bid), &f);
	if (rc == CCS_OK)
		rc = ccs_ix_export_audit(db, &who, all, (int64_t)since, n, bid,
		    (int64_t)time(NULL), &f);
	if (path != NULL) {
		/* closed exactly once, whatever happened */
		if (fclose(out) != 0 && rc == CCS_OK)
			rc = ccs_fail(&f, CCS_EIO, "internal", "cannot write "
			    "%s: %s", tmp, strerror(errno));
	}
	out = NULL;
	if (rc == CCS_OK)
		rc = ccs_db_commit(db);
	if (rc == CCS_OK && path != NULL && rename(tmp, path) != 0)
		rc = ccs_fail(&f, CCS_EIO, "internal", "cannot rename %s: %s",
		    tmp, strerror(errno));
	if (rc != CCS_OK) {
		if (path != NULL)
			(void)unlink(tmp);
		ccs_cli_err("%s", f.code ? f.message : ccs_strerror(rc));
		goto out;
	}
	if (path != NULL)
		printf("exported %zu objects to %s\n", n, path);
	else
		fflush(stdout);
	status = 0;
out:
	if (db != NULL) {
		ccs_db_rollback(db);
		ccs_store_release(st, db);
	}
	ccs_store_close(st);
	return status;
}

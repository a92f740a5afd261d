/*
 * cmd_gaps.c: `ccscap gaps`: the gap analysis of one state or of the
 * region, as a text report, as the API's JSON or as the CSV export; and
 * `--rebuild` of the derived status tables.
 *
 * The numbers come from the gap service, read in one read-only
 * transaction as the operator, so the report agrees with the API and the
 * downloads. The text report prints database text through put_text, which
 * shows control characters as '?': a title must not drive the terminal.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "format/gaps_csv.h"
#include "svc/standards/assessments.h"
#include "svc/platform/audit.h"
#include "svc/standards/gaps.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#define CSV_MAX	(64u * 1024 * 1024)	/* rendered CSV bound */

static const char *
jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static long long
jint(const json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

/* Prints @p s with C0, DEL and C1 controls as '?'; returns bytes printed. */
static size_t
put_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	for (; *p != '\0'; p++, n++) {
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			putchar('?');
			p++;
		} else if (*p < 0x20 || *p == 0x7F)
			putchar('?');
		else
			putchar(*p);
	}
	return n;
}

/* put_text, then spaces up to @p width bytes. */
static void
put_pad(const char *s, size_t width)
{
	size_t n = put_text(s);

	for (; n < width; n++)
		putchar(' ');
}

static void
put_tally(const json_t *t)
{
	printf("%lld of %lld met (%lld%%), %lld unmet, %lld no data",
	    jint(t, "met"), jint(t, "total"), jint(t, "percent_met"),
	    jint(t, "unmet"), jint(t, "no_data"));
}

/* "CODE Name" of an area. */
static void
put_label(const json_t *o)
{
	(void)put_text(jstr(o, "code"));
	putchar(' ');
	(void)put_text(jstr(o, "name"));
}

static void
table_state(const json_t *g)
{
	const json_t *st = json_object_get(g, "state"), *a, *sa, *s;
	const char *status;
	size_t i, j, k, w = 8;

	json_array_foreach(json_object_get(g, "areas"), i, a)
		json_array_foreach(json_object_get(a, "specific_areas"), j, sa)
			json_array_foreach(json_object_get(sa, "standards"), k,
			    s) {
				if (strlen(jstr(s, "code")) > w)
					w = strlen(jstr(s, "code"));
			}
	(void)put_text(jstr(st, "name"));
	printf(" (%s): gap analysis at %s, framework version %lld\n",
	    jstr(st, "code"), jstr(g, "at"), jint(g, "version"));
	printf("All standards: ");
	put_tally(json_object_get(g, "summary"));
	printf("\n");
	json_array_foreach(json_object_get(g, "areas"), i, a) {
		printf("\n");
		put_label(a);
		printf(": ");
		put_tally(json_object_get(a, "summary"));
		printf("\n");
		json_array_foreach(json_object_get(a, "specific_areas"), j,
		    sa) {
			printf("  ");
			put_label(sa);
			printf(": ");
			put_tally(json_object_get(sa, "summary"));
			printf("\n");
			json_array_foreach(json_object_get(sa, "standards"), k,
			    s) {
				status = ccs_gaps_status_text(jstr(s,
				    "status"));
				printf("    %-8s ", status);
				put_pad(jstr(s, "code"), w);
				printf("  ");
				(void)put_text(jstr(s, "title"));
				printf("\n    %-8s %*s  ", "", (int)w, "");
				if (json_is_string(json_object_get(s,
				    "level_label"))) {
					printf("level: ");
					(void)put_text(jstr(s, "level_label"));
					printf("; ");
				}
				printf("minimum: ");
				(void)put_text(jstr(s, "met_label"));
				if (json_is_string(json_object_get(s, "as_of")))
					printf("; as of %s", jstr(s, "as_of"));
				printf("\n");
			}
		}
	}
}

/* A matrix cell: the percent met, or "-" when the area has no data. */
static void
put_cell(const json_t *t, size_t width)
{
	char cell[16];

	if (jint(t, "total") > 0 && jint(t, "no_data") < jint(t, "total"))
		(void)ccs_snprintf(cell, sizeof(cell), "%lld%%", jint(t,
		    "percent_met"));
	else
		(void)ccs_strlcpy(cell, "-", sizeof(cell));
	printf("%*s", (int)width, cell);
}

static void
table_matrix(const json_t *m)
{
	const json_t *areas = json_object_get(m, "areas"), *s, *a;
	size_t i, j, wname = 5, wcol = 6;

	json_array_foreach(json_object_get(m, "states"), i, s) {
		if (strlen(jstr(s, "name")) > wname)
			wname = strlen(jstr(s, "name"));
	}
	json_array_foreach(areas, j, a) {
		if (strlen(jstr(a, "code")) + 2 > wcol)
			wcol = strlen(jstr(a, "code")) + 2;
	}
	printf("Regional gap matrix at %s, framework version %lld: share of "
	    "standards met\n\n", jstr(m, "at"), jint(m, "version"));
	printf("CODE  ");
	put_pad("STATE", wname);
	printf("%*s", (int)wcol, "ALL");
	json_array_foreach(areas, j, a) {
		printf("%*s", (int)(wcol - strlen(jstr(a, "code"))), "");
		(void)put_text(jstr(a, "code"));
	}
	printf("\n");
	json_array_foreach(json_object_get(m, "states"), i, s) {
		printf("%-4s  ", jstr(s, "code"));
		put_pad(jstr(s, "name"), wname);
		put_cell(json_object_get(s, "summary"), wcol);
		json_array_foreach(json_object_get(s, "areas"), j, a)
			put_cell(a, wcol);
		printf("\n");
	}
	printf("\n");
	json_array_foreach(areas, j, a) {
		put_label(a);
		printf("\n");
	}
	printf("'-': no validated status record in that area. Specific "
	    "areas: --format csv.\n");
}

static int
print_csv(const json_t *doc, bool matrix)
{
	struct ccs_buf b;
	int rc;

	ccs_buf_init(&b, CSV_MAX);
	rc = matrix ? ccs_gaps_csv_matrix(doc, &b) : ccs_gaps_csv_state(doc,
	    &b);
	if (rc == CCS_OK && b.len > 0 && fwrite(b.data, 1, b.len, stdout) !=
	    b.len)
		rc = CCS_EIO;
	ccs_buf_free(&b);
	if (rc != CCS_OK)
		ccs_cli_err("cannot write the CSV: %s", ccs_strerror(rc));
	return rc;
}

static int
rebuild(struct ccs_cli *cli)
{
	struct ccs_principal actor;
	struct ccs_store *st = NULL;
	struct ccs_db *db;
	int rc;

	if (ccs_cli_open(cli, 1, &st) != CCS_OK)
		return 1;
	ccs_cli_actor(&actor);
	db = ccs_store_acquire(st);
	rc = ccs_db_begin(db, true);
	if (rc == CCS_OK)
		rc = ccs_assess_rebuild(db);
	if (rc == CCS_OK)
		rc = ccs_audit_append(db, actor.login, "status.rebuild",
		    "status", "all", NULL, (int64_t)time(NULL));
	if (rc == CCS_OK)
		rc = ccs_db_commit(db);
	if (rc != CCS_OK)
		ccs_cli_err("rebuild failed: %s (%s)", ccs_strerror(rc),
		    ccs_db_errmsg(db));
	ccs_store_release(st, db);
	ccs_store_close(st);
	if (rc != CCS_OK)
		return 1;
	printf("status tables rebuilt from the validated records\n");
	return 0;
}

int
ccs_cmd_gaps(struct ccs_cli *cli)
{
	static const char *const flags[] = { "--matrix", "--rebuild", NULL };
	static const char *const valued[] = { "--state", "--at", "--format",
	    NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_principal actor;
	struct ccs_store *st = NULL;
	struct ccs_db *db;
	const char *state = ccs_cli_opt(cli, "--state");
	const char *fmt = ccs_cli_opt(cli, "--format");
	bool matrix = ccs_cli_has(cli, "--matrix");
	json_t *out = NULL;
	int rc, i;

	if (!ccs_cli_only(cli, flags, valued))
		return 2;
	for (i = 0; i < cli->argc; i++) {
		if (strcmp(cli->argv[i], "--state") == 0 ||
		    strcmp(cli->argv[i], "--at") == 0 ||
		    strcmp(cli->argv[i], "--format") == 0)
			i++;	/* its value (ccs_cli_only checked it) */
		else if (strncmp(cli->argv[i], "--", 2) != 0) {
			ccs_cli_err("gaps: unexpected argument '%s' (see "
			    "'ccscap gaps --help')", cli->argv[i]);
			return 2;
		}
	}
	if (ccs_cli_has(cli, "--rebuild")) {
		if (state != NULL || matrix || fmt != NULL ||
		    ccs_cli_opt(cli, "--at") != NULL) {
			ccs_cli_err("gaps --rebuild takes no other option");
			return 2;
		}
		return rebuild(cli);
	}
	if ((state == NULL) == !matrix) {
		ccs_cli_err("gaps: give either --state XX or --matrix");
		return 2;
	}
	if (fmt == NULL)
		fmt = "table";
	if (strcmp(fmt, "table") != 0 && strcmp(fmt, "json") != 0 &&
	    strcmp(fmt, "csv") != 0) {
		ccs_cli_err("gaps: --format must be table, json or csv");
		return 2;
	}
	if (ccs_cli_open(cli, 1, &st) != CCS_OK)
		return 1;
	ccs_cli_actor(&actor);
	db = ccs_store_acquire(st);
	rc = ccs_db_begin(db, false);
	if (rc == CCS_OK && matrix)
		rc = ccs_gaps_matrix(db, &actor, ccs_cli_opt(cli, "--at"),
		    (int64_t)time(NULL), &out, &f);
	else if (rc == CCS_OK)
		rc = ccs_gaps_state(db, &actor, state, ccs_cli_opt(cli, "--at"),
		    (int64_t)time(NULL), &out, &f);
	ccs_db_rollback(db);
	ccs_store_release(st, db);
	ccs_store_close(st);
	if (rc != CCS_OK) {
		ccs_cli_err("%s", f.code ? f.message : ccs_strerror(rc));
		return 1;
	}
	if (strcmp(fmt, "json") == 0) {
		rc = json_dumpf(out, stdout, JSON_INDENT(2)) == 0 ? CCS_OK :
		    CCS_EIO;
		putchar('\n');
	} else if (strcmp(fmt, "csv") == 0)
		rc = print_csv(out, matrix);
	else if (matrix)
		table_matrix(out);
	else
		table_state(out);
	json_decref(out);
	if (fflush(stdout) != 0)
		rc = CCS_EIO;
	return rc == CCS_OK ? 0 : 1;
}

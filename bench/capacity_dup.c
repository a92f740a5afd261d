/*
 * capacity_dup.c: times the duplicate candidates and the coverage matrix
 * through the service code (bench/capacity_dup.sh drives it).
 *
 * usage: ccs-bench-capacity DB ROUNDS OUT
 *
 * Each round, inside one read transaction as the router opens it, calls
 * ccs_dup_candidates for the first page (50) and for the page at the
 * middle of the kept list, the sweep a rebuild runs (loading the lists,
 * scoring every pair), ccs_coverage (the matrix GET /coverage answers:
 * each cell's count and first initiatives, read from the kept cells) and
 * its json_dumps, one page of the widest cell (ccs_coverage_cell), the
 * summary, and the matrix computed with every initiative of every cell
 * (ccs_coverage_full, what the CSV and XLSX exports read) and its
 * json_dumps; then, in a write transaction rolled back,
 * ccs_cap_kept_refresh of the first page's first initiative (what every
 * initiative write adds). Once, it checks that the kept matrix has the
 * computed one's stages and counts in every cell. It prints the
 * best and the median of the rounds in milliseconds, of wall time and of
 * this process's CPU time (on a shared machine the CPU time is the
 * steadier figure). It then writes the pairs kept in
 * initiative_dup_candidates as "a b" lines: OUT.all every candidate,
 * OUT.topic those with a need or a standard in common, OUT.text those
 * flagged by similar text alone, for the script to compare with the
 * plain SQL.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "svc/capacity/coverage.h"
#include "svc/capacity/kept.h"
#include "svc/capacity/dup_pairs.h"
#include "svc/capacity/dup_list.h"
#include "svc/capacity/duplicates.h"
#include "util/err.h"
#include "util/str.h"

#define MAX_ROUNDS	50
#define NTIMES		11

/* Slots of the times; T_BODY is the sum of T_COV and T_COV_DUMP. */
enum { T_DUP_FIRST, T_DUP_MID, T_REFRESH, T_SWEEP, T_COV, T_COV_DUMP,
	T_BODY, T_CELL, T_STAGES, T_FULL, T_FULL_DUMP };

static const char *const names[NTIMES] = {
	"ccs_dup_candidates, first page (50) with total",
	"ccs_dup_candidates, a page (50) at the middle",
	"ccs_cap_kept_refresh of one initiative (a write)",
	"rebuild's sweep: load + score every pair",
	"ccs_coverage: matrix, counts, first 10 a cell",
	"  json_dumps of it (the HTTP body)",
	"  GET /coverage body: the two above",
	"ccs_coverage_cell: widest cell, next page (50)",
	"ccs_coverage_stages (stages and counts: reports)",
	"ccs_coverage_full: every initiative (CSV, XLSX)",
	"  json_dumps of the full matrix",
};

/* A start: wall and CPU clocks. */
struct stamp {
	struct timespec	wall;
	struct timespec	cpu;
};

static void
start(struct stamp *s)
{
	(void)clock_gettime(CLOCK_MONOTONIC, &s->wall);
	(void)clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &s->cpu);
}

static double
diff_ms(const struct timespec *t0, const struct timespec *t1)
{
	return (double)(t1->tv_sec - t0->tv_sec) * 1e3 +
	    (double)(t1->tv_nsec - t0->tv_nsec) / 1e6;
}

/* Milliseconds since @p s: wall into @p t[0], CPU into @p t[1]. */
static void
stop(const struct stamp *s, double *t)
{
	struct timespec w, c;

	(void)clock_gettime(CLOCK_MONOTONIC, &w);
	(void)clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c);
	t[0] = diff_ms(&s->wall, &w);
	t[1] = diff_ms(&s->cpu, &c);
}

static int
cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

/* The candidate at the middle of the list: its score and pair id. */
static int
middle(struct ccs_db *db, json_t **mid)
{
	return ccs_db_query_one(db, "SELECT score, a_id * 4294967296 + b_id "
	    "AS id FROM initiative_dup_candidates ORDER BY score DESC, "
	    "a_id * 4294967296 + b_id DESC LIMIT 1 OFFSET (SELECT COUNT(*) / "
	    "2 FROM initiative_dup_candidates)", NULL, 0, mid);
}

/* The cell with the most initiatives of matrix @p cov. */
static const json_t *
widest(const json_t *cov)
{
	const json_t *c, *w = NULL;
	size_t i;

	json_array_foreach(json_object_get(cov, "cells"), i, c) {
		if (w == NULL || json_integer_value(json_object_get(c,
		    "count")) > json_integer_value(json_object_get(w,
		    "count")))
			w = c;
	}
	return w;
}

/* A cell's stage and count agree in the kept @p k and computed @p c. */
static int
same_cells(const json_t *k, const json_t *c)
{
	const json_t *a, *b;
	size_t i;

	if (json_array_size(json_object_get(k, "cells")) !=
	    json_array_size(json_object_get(c, "cells")))
		return CCS_EINVAL;
	json_array_foreach(json_object_get(k, "cells"), i, a) {
		b = json_array_get(json_object_get(c, "cells"), i);
		if (!json_equal(json_object_get(a, "stage"), json_object_get(b,
		    "stage")) || !json_equal(json_object_get(a, "count"),
		    json_object_get(b, "count")) || !json_equal(
		    json_object_get(a, "need"), json_object_get(b, "need")) ||
		    !json_equal(json_object_get(a, "state"), json_object_get(b,
		    "state")))
			return CCS_EINVAL;
	}
	return CCS_OK;
}

/* Dumps @p out as the HTTP body would be, timed into @p t. */
static void
dump_timed(const json_t *out, double *t)
{
	struct stamp t0;
	char *text;

	start(&t0);
	text = json_dumps(out, JSON_COMPACT);
	stop(&t0, t);
	free(text);
}

/*
 * The coverage reads of one round; @p cells gets the number of (cell,
 * initiative) entries of the full matrix.
 */
static int
coverage_reads(struct ccs_db *db, const struct ccs_principal *p,
    double t[][2], size_t *cells)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_page page = { 50, 0 };
	const json_t *w;
	json_t *out = NULL, *full = NULL, *pg = NULL, *c;
	struct stamp t0;
	size_t i;
	int rc;

	start(&t0);
	rc = ccs_coverage(db, p, &out, &f);
	stop(&t0, t[T_COV]);
	if (rc == CCS_OK)
		dump_timed(out, t[T_COV_DUMP]);
	t[T_BODY][0] = t[T_COV][0] + t[T_COV_DUMP][0];
	t[T_BODY][1] = t[T_COV][1] + t[T_COV_DUMP][1];
	w = rc == CCS_OK ? widest(out) : NULL;
	/* the page after the cell's first ones, as the page asks it */
	if (w != NULL && json_string_value(json_object_get(w,
	    "next_cursor")) != NULL)
		page.after = strtoll(json_string_value(json_object_get(w,
		    "next_cursor")), NULL, 10);
	start(&t0);
	if (w != NULL)
		rc = ccs_coverage_cell(db, p, json_string_value(
		    json_object_get(w, "need")), json_string_value(
		    json_object_get(w, "state")), &page, &pg, &f);
	stop(&t0, t[T_CELL]);
	json_decref(pg);
	start(&t0);
	if (rc == CCS_OK)
		rc = ccs_coverage_stages(db, p, &pg, &f);
	stop(&t0, t[T_STAGES]);
	json_decref(pg);
	start(&t0);
	if (rc == CCS_OK)
		rc = ccs_coverage_full(db, p, &full, &f);
	stop(&t0, t[T_FULL]);
	if (rc == CCS_OK)
		dump_timed(full, t[T_FULL_DUMP]);
	*cells = 0;
	json_array_foreach(json_object_get(full, "cells"), i, c)
		*cells += json_array_size(json_object_get(c, "initiatives"));
	if (rc == CCS_OK && same_cells(out, full) != CCS_OK) {
		fprintf(stderr, "the kept matrix differs from the computed "
		    "one\n");
		rc = CCS_EINVAL;
	}
	if (rc != CCS_OK && f.code != NULL)
		fprintf(stderr, "coverage: %s %s\n", f.code, f.message);
	json_decref(out);
	json_decref(full);
	return rc;
}

/* The reads of one round, in one read transaction. */
static int
round_reads(struct ccs_db *db, const struct ccs_principal *p,
    double t[][2], size_t *total, size_t *cells, int64_t *busy)
{
	json_t *mid = NULL;
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_dup_set *s = NULL;
	struct ccs_dup_cand *c = NULL;
	struct stamp t0;
	json_t *out = NULL;
	size_t n = 0;
	int rc;

	start(&t0);
	rc = ccs_dup_candidates(db, p, 50, NULL, &out, &f);
	stop(&t0, t[0]);
	if (rc == CCS_OK) {
		*total = (size_t)json_integer_value(json_object_get(out,
		    "total"));
		*busy = json_integer_value(json_object_get(json_object_get(
		    json_array_get(json_object_get(out, "items"), 0), "a"),
		    "id"));
	}
	json_decref(out);
	out = NULL;
	if (rc == CCS_OK && *total > 0)
		rc = middle(db, &mid);
	start(&t0);
	if (rc == CCS_OK)
		rc = ccs_dup_candidates(db, p, 50, mid, &out, &f);
	stop(&t0, t[1]);
	json_decref(mid);
	json_decref(out);
	out = NULL;
	start(&t0);
	if (rc == CCS_OK)
		rc = ccs_dup_set_load(db, &s);
	if (rc == CCS_OK)
		rc = ccs_dup_set_pairs(s, &c, &n);
	stop(&t0, t[3]);
	free(c);
	ccs_dup_set_free(s);
	if (rc == CCS_OK)
		rc = coverage_reads(db, p, t, cells);
	if (rc != CCS_OK)
		fprintf(stderr, "round failed: %s %s\n", f.code ? f.code : "",
		    f.message);
	return rc;
}

/* One round: the reads, then one refresh in a write rolled back. */
static int
round_once(struct ccs_db *db, const struct ccs_principal *p,
    double t[][2], size_t *total, size_t *cells)
{
	struct stamp t0;
	int64_t busy = 0;
	int rc;

	rc = ccs_db_begin(db, false);
	if (rc == CCS_OK)
		rc = round_reads(db, p, t, total, cells, &busy);
	ccs_db_rollback(db);
	if (rc == CCS_OK)
		rc = ccs_db_begin(db, true);
	start(&t0);
	if (rc == CCS_OK && busy > 0)
		rc = ccs_cap_kept_refresh(db, busy);
	stop(&t0, t[2]);
	ccs_db_rollback(db);
	return rc;
}

struct files {
	FILE	*fp[3];		/* all, topic, text */
};

/* a_id, b_id, reasons */
static int
pair_cb(void *arg, const struct ccs_row *row)
{
	struct files *o = arg;
	int64_t reasons = 0;
	int k;

	if (row->ncols != 3 || ccs_parse_i64(row->vals[2], 0, INT64_MAX,
	    &reasons) != CCS_OK)
		return CCS_EDB;
	k = (reasons & (CCS_DUP_NEED | CCS_DUP_STANDARD)) ? 1 : 2;
	fprintf(o->fp[0], "%s %s\n", row->vals[0], row->vals[1]);
	fprintf(o->fp[k], "%s %s\n", row->vals[0], row->vals[1]);
	return CCS_OK;
}

/*
 * Writes the candidate pairs kept in initiative_dup_candidates into
 * OUT.all, .topic and .text.
 */
static int
write_pairs(struct ccs_db *db, const char *prefix)
{
	static const char *const ext[3] = { "all", "topic", "text" };
	struct files o = { { NULL, NULL, NULL } };
	char path[4096];
	int rc = CCS_OK, k;

	for (k = 0; rc == CCS_OK && k < 3; k++) {
		if (snprintf(path, sizeof(path), "%s.%s", prefix, ext[k]) >=
		    (int)sizeof(path))
			rc = CCS_EINVAL;
		else if ((o.fp[k] = fopen(path, "w")) == NULL)
			rc = CCS_EIO;
	}
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "SELECT a_id, b_id, reasons FROM "
		    "initiative_dup_candidates", NULL, 0, pair_cb, &o);
	for (k = 0; k < 3; k++) {
		if (o.fp[k] != NULL && fclose(o.fp[k]) != 0)
			rc = CCS_EIO;
	}
	return rc;
}

int
main(int argc, char **argv)
{
	struct ccs_principal p;
	struct ccs_store *st = NULL;
	struct ccs_db *db;
	double t[NTIMES][2][MAX_ROUNDS], one[NTIMES][2] = { { 0 } };
	size_t total = 0, cells = 0, i, r;
	int64_t rounds = 0;
	char err[256];
	int rc;

	if (argc != 4 || ccs_parse_i64(argv[2], 1, MAX_ROUNDS, &rounds) !=
	    CCS_OK) {
		fprintf(stderr, "usage: ccs-bench-capacity DB ROUNDS(1-%d) "
		    "OUT\n", MAX_ROUNDS);
		return 2;
	}
	if (ccs_store_open(argv[1], 1, &st, err, sizeof(err)) != CCS_OK) {
		fprintf(stderr, "%s: %s\n", argv[1], err);
		return 1;
	}
	memset(&p, 0, sizeof(p));
	p.role = CCS_ROLE_COORDINATOR;
	(void)snprintf(p.login, sizeof(p.login), "bench");
	db = ccs_store_acquire(st);
	rc = CCS_OK;
	for (r = 0; rc == CCS_OK && r < (size_t)rounds; r++) {
		rc = round_once(db, &p, one, &total, &cells);
		for (i = 0; i < NTIMES; i++) {
			t[i][0][r] = one[i][0];
			t[i][1][r] = one[i][1];
		}
	}
	if (rc == CCS_OK) {
		printf("candidates: %zu; coverage: %zu (cell, initiative) "
		    "entries\n", total, cells);
		printf("%-50s %21s %21s\n", "", "wall: best, median",
		    "CPU: best, median");
		for (i = 0; i < NTIMES; i++) {
			qsort(t[i][0], (size_t)rounds, sizeof(double),
			    cmp_double);
			qsort(t[i][1], (size_t)rounds, sizeof(double),
			    cmp_double);
			printf("%-50s %7.1f, %7.1f ms %7.1f, %7.1f ms\n",
			    names[i], t[i][0][0], t[i][0][rounds / 2],
			    t[i][1][0], t[i][1][rounds / 2]);
		}
		rc = ccs_db_begin(db, false);
		if (rc == CCS_OK)
			rc = write_pairs(db, argv[3]);
		ccs_db_rollback(db);
	}
	ccs_store_release(st, db);
	ccs_store_close(st);
	if (rc != CCS_OK)
		fprintf(stderr, "failed: %s\n", ccs_strerror(rc));
	return rc == CCS_OK ? 0 : 1;
}

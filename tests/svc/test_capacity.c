/*
 * test_capacity.c: the kept capacity tables (svc/capacity/kept.h).
 * After every step of a random sequence of initiative writes (create,
 * PATCH of places, needs, standards, dates, words, implementers and
 * status, cancel, deferred creates refreshed together as an import
 * does, decisions, merges), the duplicate candidates and coverage cells
 * the writes kept equal those a full rebuild computes (and the cell
 * counts the cells); the coverage matrix and summary read from them
 * equal the matrix computed from the initiatives, a cell's first
 * initiatives and its pages included; and the candidate list pages
 * through the kept table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "svc/capacity/coverage.h"
#include "svc/capacity/kept.h"
#include "svc/capacity/dup_list.h"
#include "svc/capacity/duplicates.h"
#include "svc/capacity/initiatives.h"
#include "svc_fixture.h"
#include "util/buf.h"
#include "util/err.h"

#define STEPS		70
#define MAX_IDS		128

static const char *const words[] = {
	"cyber", "training", "forensics", "evidence", "incident",
	"response", "awareness", "schools", "judges", "prosecutors",
	"csirt", "legislation",
};
static const char *const states[] = { "JM", "BB", "TT", "LC" };

/* The random sequence: xorshift64*, one fixed seed per run. */
struct rnd {
	uint64_t	s;
};

static unsigned
pick(struct rnd *r, unsigned n)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return (unsigned)((r->s * 2685821657736338717ull) >> 33) % n;
}

/* Ids and references of the fixture a body may name. */
struct world {
	char	needs[4][16];
	int64_t	lineages[3];
	int64_t	orgs[3];
	int64_t	ids[MAX_IDS];		/* initiatives made */
	size_t	nids;
	int	serial;
};

struct text_ctx {
	struct ccs_buf	*b;
};

static int
text_cb(void *arg, const struct ccs_row *row)
{
	struct text_ctx *c = arg;
	size_t i;
	int rc = CCS_OK;

	for (i = 0; i < row->ncols && rc == CCS_OK; i++)
		rc = ccs_buf_printf(c->b, "%s%s", row->vals[i] ? row->vals[i] :
		    "-", i + 1 < row->ncols ? " " : "\n");
	return rc;
}

/* Every row of the candidate table as text, in key order. */
static char *
dump(struct svc_fx *fx)
{
	struct ccs_buf b;
	struct text_ctx c = { &b };
	char *out;

	ccs_buf_init(&b, 1u << 24);
	assert_int_equal(ccs_db_exec(fx->db, "SELECT a_id, b_id, score, "
	    "reasons, jaccard FROM initiative_dup_candidates ORDER BY a_id, "
	    "b_id", NULL, 0, text_cb, &c), CCS_OK);
	assert_int_equal(ccs_db_exec(fx->db, "SELECT initiative_id, "
	    "need_ref, state_code, stage FROM initiative_coverage ORDER BY "
	    "initiative_id, need_ref, state_code", NULL, 0, text_cb, &c),
	    CCS_OK);
	assert_int_equal(ccs_db_exec(fx->db, "SELECT need_ref, state_code, "
	    "stage, n FROM coverage_cells WHERE n > 0 ORDER BY need_ref, "
	    "state_code, stage", NULL, 0, text_cb, &c), CCS_OK);
	out = strdup(ccs_buf_str(&b));
	ccs_buf_free(&b);
	assert_non_null(out);
	return out;
}

/* The kept tables equal a rebuild's (which is then rolled back). */
static void
assert_kept_equals_rebuild(struct svc_fx *fx, int step)
{
	char *kept, *full;

	svc_begin(fx);
	kept = dump(fx);
	assert_int_equal(svc_count(fx, "FROM capacity_kept_totals WHERE n = "
	    "(SELECT COUNT(*) FROM initiative_dup_candidates)"), 1);
	assert_int_equal(ccs_cap_kept_rebuild(fx->db), CCS_OK);
	full = dump(fx);
	ccs_db_rollback(fx->db);
	if (strcmp(kept, full) != 0)
		fail_msg("step %d: kept candidates\n%s\ndiffer from a "
		    "rebuild's\n%s", step, kept, full);
	free(kept);
	free(full);
}

static void
load_world(struct svc_fx *fx, struct world *w)
{
	json_t *rows = NULL;
	size_t i;

	memset(w, 0, sizeof(*w));
	svc_begin(fx);
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT ref FROM needs "
	    "ORDER BY ref LIMIT 4", NULL, 0, &rows), CCS_OK);
	assert_int_equal(json_array_size(rows), 4);
	for (i = 0; i < 4; i++)
		(void)snprintf(w->needs[i], sizeof(w->needs[i]), "%s",
		    json_string_value(json_object_get(json_array_get(rows, i),
		    "ref")));
	json_decref(rows);
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT DISTINCT "
	    "lineage_id FROM standards ORDER BY lineage_id LIMIT 3", NULL, 0,
	    &rows), CCS_OK);
	assert_int_equal(json_array_size(rows), 3);
	for (i = 0; i < 3; i++)
		w->lineages[i] = json_integer_value(json_object_get(
		    json_array_get(rows, i), "lineage_id"));
	json_decref(rows);
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT id FROM "
	    "organisations ORDER BY id LIMIT 3", NULL, 0, &rows), CCS_OK);
	assert_int_equal(json_array_size(rows), 3);
	for (i = 0; i < 3; i++)
		w->orgs[i] = json_integer_value(json_object_get(
		    json_array_get(rows, i), "id"));
	json_decref(rows);
	ccs_db_rollback(fx->db);
}

/* Three to five words of the small vocabulary: similar texts are many. */
static json_t *
some_words(struct rnd *r)
{
	char text[200] = "";
	unsigned i, n = 3 + pick(r, 3);

	for (i = 0; i < n; i++) {
		(void)strncat(text, words[pick(r, sizeof(words) /
		    sizeof(words[0]))], sizeof(text) - strlen(text) - 2);
		(void)strncat(text, " ", sizeof(text) - strlen(text) - 1);
	}
	return json_string(text);
}

/* Dates of 2024 or 2025, one to four months long: some overlap. */
static void
set_dates(struct rnd *r, json_t *b)
{
	unsigned year = 2024 + pick(r, 2), m = 1 + pick(r, 12);
	unsigned m2 = m + pick(r, 4);
	char d[16];

	(void)snprintf(d, sizeof(d), "%u-%02u-01", year, m);
	(void)json_object_set_new(b, "planned_start", json_string(d));
	(void)snprintf(d, sizeof(d), "%u-%02u-28", year, m2 > 12 ? 12 : m2);
	(void)json_object_set_new(b, "planned_end", json_string(d));
}

static json_t *
some_states(struct rnd *r)
{
	json_t *a = json_array();
	unsigned first = pick(r, 4), n = 1 + pick(r, 2), i;

	if (pick(r, 5) == 0) {
		(void)json_array_append_new(a, json_pack("{s:n}", "state"));
		return a;
	}
	for (i = 0; i < n; i++)
		(void)json_array_append_new(a, json_pack("{s:s, s:s}", "state",
		    states[(first + i) % 4], "percentage", n == 1 ? "100" :
		    "50"));
	return a;
}

/* Only the lists and fields chosen change; the rest stays. */
static json_t *
some_changes(struct rnd *r, const struct world *w, bool all)
{
	json_t *b = json_object(), *l;
	unsigned i, n, k;

	if (all || pick(r, 2))
		(void)json_object_set_new(b, "states", some_states(r));
	if (all || pick(r, 2)) {
		l = json_array();
		n = pick(r, 3);
		k = pick(r, 4);
		for (i = 0; i < n; i++)
			(void)json_array_append_new(l, json_string(
			    w->needs[(k + i) % 4]));
		(void)json_object_set_new(b, "needs", l);
	}
	if (all || pick(r, 3) == 0) {
		l = json_array();
		if (pick(r, 2))
			(void)json_array_append_new(l, json_integer(
			    w->lineages[pick(r, 3)]));
		(void)json_object_set_new(b, "standards", l);
	}
	if (all || pick(r, 2))
		set_dates(r, b);
	if (all || pick(r, 2)) {
		(void)json_object_set_new(b, "title", some_words(r));
		(void)json_object_set_new(b, "description", some_words(r));
	}
	/* money: a pledge, a commitment or a disbursement, maybe for one
	 * state (coverage stages) */
	if (all || pick(r, 3) == 0) {
		l = json_array();
		if (pick(r, 2))
			(void)json_array_append_new(l, json_pack("{s:i, s:s, "
			    "s:s, s:s}", "type", pick(r, 2) ? 12 : 2, "date",
			    "2024-03-01", "amount", "10", "currency", "USD"));
		if (pick(r, 2))
			(void)json_array_append_new(l, json_pack("{s:i, s:s, "
			    "s:s, s:s, s:s}", "type", 3, "date", "2024-04-01",
			    "amount", "5", "currency", "USD", "state",
			    states[pick(r, 4)]));
		(void)json_object_set_new(b, "transactions", l);
	}
	if (all || pick(r, 3) == 0)
		(void)json_object_set_new(b, "organisations", json_pack(
		    "[{s:I, s:i}]", "id", (json_int_t)w->orgs[pick(r, 3)],
		    "role", 4));
	return b;
}

static json_t *
new_body(struct rnd *r, struct world *w)
{
	json_t *b = some_changes(r, w, true);
	char ident[32];

	(void)snprintf(ident, sizeof(ident), "XX-RND-%d", ++w->serial);
	(void)json_object_set_new(b, "iati_identifier", json_string(ident));
	(void)json_object_set_new(b, "kind", json_string("project"));
	(void)json_object_set_new(b, "status", json_integer(2));
	return b;
}

/* Fails the case with the service's message unless @p rc is CCS_OK. */
static void
ok(struct svc_fx *fx, int rc)
{
	if (rc != CCS_OK)
		fail_msg("refused: %s: %s", fx->f.code ? fx->f.code : "",
		    fx->f.message);
}

static void
step_create(struct svc_fx *fx, struct rnd *r, struct world *w)
{
	json_t *b = new_body(r, w);
	int64_t id = 0;

	svc_begin(fx);
	ok(fx, svc_end(fx, ccs_initiative_create(fx->db, &fx->coord, b,
	    fx->now, NULL, &id, &fx->f)));
	json_decref(b);
	if (w->nids < MAX_IDS)
		w->ids[w->nids++] = id;
}

/* Deferred creates refreshed together, as an import does. */
static void
step_import(struct svc_fx *fx, struct rnd *r, struct world *w)
{
	int64_t ids[3];
	json_t *b;
	size_t i;

	svc_begin(fx);
	for (i = 0; i < 3; i++) {
		b = new_body(r, w);
		ok(fx, ccs_initiative_create_deferred(fx->db, &fx->coord, b,
		    fx->now, &ids[i], &fx->f));
		json_decref(b);
		if (w->nids < MAX_IDS)
			w->ids[w->nids++] = ids[i];
	}
	assert_int_equal(svc_end(fx, ccs_cap_kept_refresh_ids(fx->db, ids,
	    3)), CCS_OK);
}

static void
step_patch(struct svc_fx *fx, struct rnd *r, struct world *w)
{
	int64_t id = w->ids[pick(r, (unsigned)w->nids)], version = 0;
	struct ccs_val v = CCS_VINT(id);
	json_t *b, *out = NULL;
	int rc;

	svc_begin(fx);
	assert_int_equal(ccs_db_query_int(fx->db, "SELECT version FROM "
	    "initiatives WHERE id = $1", &v, 1, &version), CCS_OK);
	b = some_changes(r, w, false);
	(void)json_object_set_new(b, "version", json_integer(version));
	if (pick(r, 4) == 0)
		(void)json_object_set_new(b, "status", json_integer(5));
	rc = ccs_initiative_update(fx->db, &fx->coord, id, b, fx->now, &out,
	    &fx->f);
	/* a merged initiative refuses edits; nothing else may fail */
	if (rc != CCS_OK)
		assert_string_equal(fx->f.code, "initiative_merged");
	(void)svc_end(fx, rc);
	json_decref(out);
	json_decref(b);
}

static void
step_decide(struct svc_fx *fx, struct rnd *r)
{
	static const char *const kinds[] = { "not_duplicate", "co_funded",
	    "sibling", "same_work" };
	const char *kind = kinds[pick(r, 4)];
	json_t *row = NULL, *b, *out = NULL;
	struct ccs_val v = CCS_VINT(pick(r, 4));
	int64_t a, bb;
	int rc;

	svc_begin(fx);
	rc = ccs_db_query_one(fx->db, "SELECT a_id, b_id FROM "
	    "initiative_dup_candidates ORDER BY a_id, b_id LIMIT 1 OFFSET "
	    "$1", &v, 1, &row);
	if (rc == CCS_ENOTFOUND) {
		ccs_db_rollback(fx->db);
		return;
	}
	assert_int_equal(rc, CCS_OK);
	a = json_integer_value(json_object_get(row, "a_id"));
	bb = json_integer_value(json_object_get(row, "b_id"));
	json_decref(row);
	b = json_pack("{s:I, s:I, s:s, s:s}", "a", (json_int_t)a, "b",
	    (json_int_t)bb, "decision", kind, "reason", "random step");
	if (strcmp(kind, "same_work") == 0)
		(void)json_object_set_new(b, "keep", json_integer(pick(r, 2) ?
		    a : bb));
	ok(fx, svc_end(fx, ccs_dup_decide(fx->db, &fx->coord, b, fx->now,
	    &out, &fx->f)));
	v = CCS_VINT(a);
	assert_int_equal(svc_count(fx, "FROM initiative_dup_candidates WHERE "
	    "a_id IN (SELECT a_id FROM duplicate_decisions) AND b_id IN "
	    "(SELECT b_id FROM duplicate_decisions WHERE a_id = "
	    "initiative_dup_candidates.a_id)"), 0);
	json_decref(out);
	json_decref(b);
}

/* Cell @p a (computed) and @p b (kept) agree on need, state, stage. */
static void
assert_same_cell(const json_t *a, const json_t *b)
{
	static const char *const keys[] = { "need", "state", "stage" };
	size_t k;

	for (k = 0; k < 3; k++)
		assert_string_equal(json_string_value(json_object_get(a,
		    keys[k])), json_string_value(json_object_get(b, keys[k])));
	assert_int_equal(json_integer_value(json_object_get(a, "count")),
	    json_integer_value(json_object_get(b, "count")));
}

/*
 * The pages of ccs_coverage_cell, @p limit a page, list the initiatives
 * of computed cell @p a in its order.
 */
static void
assert_cell_pages(struct svc_fx *fx, const json_t *a, int64_t limit)
{
	const json_t *all = json_object_get(a, "initiatives");
	struct ccs_page page = { limit, 0 };
	json_t *out = NULL, *it;
	const char *cur;
	size_t i, seen = 0;

	for (;;) {
		svc_begin(fx);
		assert_int_equal(ccs_coverage_cell(fx->db, &fx->partner,
		    json_string_value(json_object_get(a, "need")),
		    json_string_value(json_object_get(a, "state")), &page,
		    &out, &fx->f), CCS_OK);
		ccs_db_rollback(fx->db);
		assert_int_equal(json_integer_value(json_object_get(out,
		    "total")), json_array_size(all));
		assert_true(json_equal(json_object_get(out, "stage"),
		    json_object_get(a, "stage")));
		json_array_foreach(json_object_get(out, "items"), i, it)
			assert_true(json_equal(it, json_array_get(all,
			    seen++)));
		cur = json_string_value(json_object_get(out, "next_cursor"));
		if (cur == NULL)
			break;
		page.after = strtoll(cur, NULL, 10);
		json_decref(out);
	}
	json_decref(out);
	assert_int_equal(seen, json_array_size(all));
}

/*
 * The matrix read from the kept cells equals the one computed from the
 * initiatives: each cell's stage and count, its first initiatives and
 * the cursor to the rest; the summary the same without lists; and a
 * cell paged through ccs_coverage_cell lists what the computed cell
 * lists.
 */
static void
assert_coverage_same(struct svc_fx *fx)
{
	json_t *full = NULL, *kept = NULL, *summ = NULL, *a, *b, *list;
	const json_t *widest = NULL;
	size_t i, k, n, covered = 0, funded = 0;
	const char *st;

	svc_begin(fx);
	assert_int_equal(ccs_coverage_full(fx->db, &fx->partner, &full,
	    &fx->f), CCS_OK);
	assert_int_equal(ccs_coverage(fx->db, &fx->partner, &kept, &fx->f),
	    CCS_OK);
	assert_int_equal(ccs_coverage_stages(fx->db, &fx->partner, &summ,
	    &fx->f), CCS_OK);
	ccs_db_rollback(fx->db);
	assert_int_equal(json_array_size(json_object_get(full, "cells")),
	    json_array_size(json_object_get(kept, "cells")));
	json_array_foreach(json_object_get(full, "cells"), i, a) {
		b = json_array_get(json_object_get(kept, "cells"), i);
		assert_same_cell(a, b);
		assert_same_cell(a, json_array_get(json_object_get(summ,
		    "cells"), i));
		n = json_array_size(json_object_get(a, "initiatives"));
		assert_int_equal(json_integer_value(json_object_get(a,
		    "count")), n);
		list = json_object_get(b, "initiatives");
		assert_int_equal(json_array_size(list), n <
		    CCS_COVERAGE_FIRST ? n : CCS_COVERAGE_FIRST);
		for (k = 0; k < json_array_size(list); k++)
			assert_true(json_equal(json_array_get(list, k),
			    json_array_get(json_object_get(a, "initiatives"),
			    k)));
		assert_true(json_is_null(json_object_get(b, "next_cursor")) ==
		    (n <= CCS_COVERAGE_FIRST));
		if (widest == NULL || n > json_array_size(json_object_get(
		    widest, "initiatives")))
			widest = a;
		covered += n > 0;
		st = json_string_value(json_object_get(a, "stage"));
		funded += strcmp(st, "uncovered") != 0 && strcmp(st,
		    "pipeline") != 0;
	}
	assert_true(json_equal(json_object_get(full, "by_state"),
	    json_object_get(kept, "by_state")));
	assert_true(json_equal(json_object_get(full, "by_state"),
	    json_object_get(summ, "by_state")));
	assert_true(covered > 4);
	assert_true(funded > 0);
	assert_true(json_array_size(json_object_get(widest, "initiatives")) >
	    2);
	assert_cell_pages(fx, widest, 2);
	assert_cell_pages(fx, widest, 200);
	json_decref(full);
	json_decref(kept);
	json_decref(summ);
}

static void
run(struct svc_fx *fx, uint64_t seed)
{
	struct rnd r = { seed };
	struct world w;
	int step;
	unsigned k;

	load_world(fx, &w);
	for (step = 0; step < STEPS; step++) {
		k = w.nids < 4 ? 0 : pick(&r, 10);
		if (k <= 3)
			step_create(fx, &r, &w);
		else if (k <= 6)
			step_patch(fx, &r, &w);
		else if (k <= 8)
			step_decide(fx, &r);
		else
			step_import(fx, &r, &w);
		assert_kept_equals_rebuild(fx, step);
	}
	assert_coverage_same(fx);
}

static void
test_kept_equals_rebuild(void **state)
{
	struct svc_fx *fx = *state;
	int64_t before;

	run(fx, 0x9e3779b97f4a7c15ull);
	/* the sequence made candidates and decided some: a real check */
	before = svc_count(fx, "FROM initiative_dup_candidates");
	assert_true(before > 5);
	assert_true(svc_count(fx, "FROM duplicate_decisions") > 3);
	assert_true(svc_count(fx, "FROM initiatives WHERE merged_into IS NOT "
	    "NULL") > 0);
	assert_true(svc_count(fx, "FROM initiatives WHERE status = 5") > 0);
}

static void
test_kept_equals_rebuild_other_seed(void **state)
{
	run(*state, 0x2545f4914f6cdd1dull);
	assert_true(svc_count(*state, "FROM initiative_dup_candidates") > 5);
}

/* Every kept pair once, highest score first, whatever the page size. */
static void
test_pages_walk_the_table(void **state)
{
	struct svc_fx *fx = *state;
	json_t *out = NULL, *last_row = NULL, *it;
	int64_t total, seen = 0, last = 101;
	bool more = true;
	size_t i;

	run(fx, 0x1234567ull);
	total = svc_count(fx, "FROM initiative_dup_candidates");
	assert_true(total > 3);
	while (more) {
		svc_begin(fx);
		assert_int_equal(ccs_dup_candidates(fx->db, &fx->partner, 3,
		    last_row, &out, &fx->f), CCS_OK);
		ccs_db_rollback(fx->db);
		json_decref(last_row);
		last_row = NULL;
		assert_int_equal(json_integer_value(json_object_get(out,
		    "total")), total);
		json_array_foreach(json_object_get(out, "items"), i, it) {
			assert_true(json_integer_value(json_object_get(it,
			    "score")) <= last);
			last = json_integer_value(json_object_get(it,
			    "score"));
			assert_true(json_array_size(json_object_get(it,
			    "reasons")) >= 3);
			assert_true(json_integer_value(json_object_get(
			    json_object_get(it, "a"), "id")) <
			    json_integer_value(json_object_get(
			    json_object_get(it, "b"), "id")));
			seen++;
		}
		more = json_is_true(json_object_get(out, "more"));
		if (more)
			last_row = json_incref(json_array_get(json_object_get(
			    out, "items"), json_array_size(json_object_get(out,
			    "items")) - 1));
		json_decref(out);
	}
	assert_int_equal(seen, total);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_kept_equals_rebuild,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_kept_equals_rebuild_other_seed, svc_fx_setup,
		    svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_pages_walk_the_table,
		    svc_fx_setup, svc_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

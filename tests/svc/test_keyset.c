/*
 * test_keyset.c: keyset paging (svc/keyset.c) over a real SQLite table
 * with ties in the sort values: walking forward page by page, then back
 * from the last page, shows every row exactly once in the order one
 * unpaged ORDER BY gives, for an integer and a text column, ascending
 * and descending; a row added mid-walk neither repeats nor hides a row.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "svc/keyset.h"
#include "svc_fixture.h"
#include "util/err.h"

#define NROWS	23

static const struct ccs_keyset_col cols[] = {
	{ "n", "t.n", CCS_KEYSET_INT, true },
	{ "s", "t.s", CCS_KEYSET_TEXT, false },
};

static const unsigned char key[CCS_SECRET_KEY_LEN] = { 7 };

static void
fill(struct svc_fx *fx)
{
	struct ccs_val v[3];
	char s[8];
	int i;

	assert_int_equal(ccs_db_exec_script(fx->db, "CREATE TEMP TABLE t "
	    "(id INTEGER PRIMARY KEY, n INTEGER NOT NULL, s TEXT NOT NULL)"),
	    CCS_OK);
	for (i = 1; i <= NROWS; i++) {
		/* ties: n repeats every 4 rows, s every 3 */
		(void)snprintf(s, sizeof(s), "k%d", i % 3);
		v[0] = CCS_VINT(i);
		v[1] = CCS_VINT(i % 4);
		v[2] = CCS_VTEXT(s);
		assert_int_equal(ccs_db_exec(fx->db, "INSERT INTO t (id, n, s) "
		    "VALUES ($1, $2, $3)", v, 3, NULL, NULL), CCS_OK);
	}
}

/* One page of the list sorted by @p sort/@p order after @p cursor; the
 * reply in *out. */
static void
page(struct svc_fx *fx, const char *sort, const char *order,
    const char *cursor, json_t **out)
{
	struct ccs_keyset *ks = NULL;
	struct ccs_val pv[3];
	struct ccs_buf sql;
	json_t *rows = NULL;
	size_t np = 1;

	ccs_buf_init(&sql, 4096);
	assert_int_equal(ccs_keyset_new(cols, 2, "t.id", &ks), CCS_OK);
	assert_int_equal(ccs_keyset_limit(ks, "5", NULL), CCS_OK);
	assert_int_equal(ccs_keyset_sort(ks, sort, order, NULL), CCS_OK);
	ccs_keyset_bind(ks, "list", "t");
	assert_int_equal(ccs_keyset_cursor(ks, key, cursor, NULL), CCS_OK);
	assert_int_equal(ccs_buf_adds(&sql, "SELECT id, n, s FROM t WHERE "
	    "id > 0"), CCS_OK);
	assert_int_equal(ccs_keyset_where(ks, &sql, pv, &np, 3), CCS_OK);
	assert_int_equal(ccs_keyset_order(ks, &sql), CCS_OK);
	assert_int_equal(ccs_buf_printf(&sql, " LIMIT $1"), CCS_OK);
	pv[0] = CCS_VINT(ccs_keyset_fetch(ks));
	assert_int_equal(ccs_db_query_json(fx->db, ccs_buf_str(&sql), pv, np,
	    &rows), CCS_OK);
	assert_int_equal(ccs_keyset_reply(ks, rows, NROWS, out), CCS_OK);
	ccs_keyset_free(ks);
	ccs_buf_free(&sql);
}

/* Ids in the order of one unpaged query. */
static size_t
expected(struct svc_fx *fx, const char *orderby, int64_t *ids)
{
	char sql[128];
	json_t *rows = NULL, *r;
	size_t i;

	(void)snprintf(sql, sizeof(sql), "SELECT id FROM t ORDER BY %s",
	    orderby);
	assert_int_equal(ccs_db_query_json(fx->db, sql, NULL, 0, &rows),
	    CCS_OK);
	json_array_foreach(rows, i, r)
		ids[i] = json_integer_value(json_object_get(r, "id"));
	i = json_array_size(rows);
	json_decref(rows);
	return i;
}

static void
walk(struct svc_fx *fx, const char *sort, const char *order,
    const char *orderby)
{
	int64_t want[NROWS + 1], got[NROWS + 8];
	char cur[CCS_KEYSET_CURSOR_MAX] = "";
	json_t *out = NULL, *it;
	size_t n = 0, i, pages = 0, k;

	assert_int_equal(expected(fx, orderby, want), NROWS);
	for (;;) {
		page(fx, sort, order, cur[0] ? cur : NULL, &out);
		json_array_foreach(json_object_get(out, "items"), i, it) {
			assert_true(n < NROWS);
			got[n++] = json_integer_value(json_object_get(it,
			    "id"));
		}
		pages++;
		if (json_is_null(json_object_get(out, "next_cursor")))
			break;
		(void)snprintf(cur, sizeof(cur), "%s", json_string_value(
		    json_object_get(out, "next_cursor")));
		json_decref(out);
	}
	assert_int_equal(n, NROWS);
	assert_int_equal(pages, (NROWS + 4) / 5);
	assert_memory_equal(got, want, sizeof(want[0]) * NROWS);
	/* and back: each previous page is the one before, in order */
	k = NROWS - json_array_size(json_object_get(out, "items"));
	while (!json_is_null(json_object_get(out, "prev_cursor"))) {
		(void)snprintf(cur, sizeof(cur), "%s", json_string_value(
		    json_object_get(out, "prev_cursor")));
		json_decref(out);
		page(fx, sort, order, cur, &out);
		assert_int_equal(json_array_size(json_object_get(out,
		    "items")), 5);
		k -= 5;
		json_array_foreach(json_object_get(out, "items"), i, it)
			assert_int_equal(json_integer_value(json_object_get(it,
			    "id")), want[k + i]);
	}
	assert_int_equal(k, 0);
	json_decref(out);
}

static void
test_walks(void **state)
{
	struct svc_fx *fx = *state;

	svc_begin(fx);
	fill(fx);
	walk(fx, NULL, NULL, "n DESC, id DESC");
	walk(fx, "n", "asc", "n ASC, id ASC");
	walk(fx, "s", NULL, "s ASC, id ASC");
	walk(fx, "s", "desc", "s DESC, id DESC");
	assert_int_equal(svc_end(fx, CCS_OK), CCS_OK);
}

static void
test_insert_mid_walk(void **state)
{
	struct svc_fx *fx = *state;
	json_t *p1 = NULL, *p2 = NULL, *it;
	size_t i;

	svc_begin(fx);
	fill(fx);
	page(fx, "s", NULL, NULL, &p1);
	/* a row that sorts first arrives: the next page is unchanged */
	assert_int_equal(ccs_db_exec_script(fx->db, "INSERT INTO t (id, n, s) "
	    "VALUES (100, 0, 'a')"), CCS_OK);
	page(fx, "s", NULL, json_string_value(json_object_get(p1,
	    "next_cursor")), &p2);
	json_array_foreach(json_object_get(p2, "items"), i, it) {
		assert_int_not_equal(json_integer_value(json_object_get(it,
		    "id")), 100);
		assert_string_equal(json_string_value(json_object_get(it, "s")),
		    i < 2 ? "k0" : "k1");
	}
	json_decref(p1);
	json_decref(p2);
	assert_int_equal(svc_end(fx, CCS_OK), CCS_OK);
}

/* A new state for sort "n" at @p cursor (NULL: the first page). */
static struct ccs_keyset *
at_cursor(const char *cursor)
{
	struct ccs_keyset *ks = NULL;

	assert_int_equal(ccs_keyset_new(cols, 2, "t.id", &ks), CCS_OK);
	assert_int_equal(ccs_keyset_limit(ks, "2", NULL), CCS_OK);
	assert_int_equal(ccs_keyset_sort(ks, "n", "asc", NULL), CCS_OK);
	ccs_keyset_bind(ks, "list", "at");
	assert_int_equal(ccs_keyset_cursor(ks, key, cursor, NULL), CCS_OK);
	return ks;
}

static void
test_at(void **state)
{
	struct ccs_keyset *ks;
	json_t *rows, *out = NULL;
	int64_t v = 0, id = 0;
	bool back = true;
	char *next, *prev;

	(void)state;
	ks = at_cursor(NULL);
	assert_false(ccs_keyset_at(ks, &v, &id, &back));
	/* values far from zero, negative ids: as search's places are */
	rows = json_pack("[{sIsI},{sIsI},{sIsI}]", "n", (json_int_t)(INT64_MIN /
	    2 + 3), "id", (json_int_t)-77, "n", (json_int_t)-1234567890123,
	    "id", (json_int_t)-5, "n", (json_int_t)(INT64_MAX / 2), "id",
	    (json_int_t)9);
	assert_int_equal(ccs_keyset_reply(ks, rows, 3, &out), CCS_OK);
	ccs_keyset_free(ks);
	next = strdup(json_string_value(json_object_get(out, "next_cursor")));
	json_decref(out);
	ks = at_cursor(next);
	assert_true(ccs_keyset_at(ks, &v, &id, &back));
	assert_true(v == -1234567890123 && id == -5 && !back);
	rows = json_pack("[{sIsI}]", "n", (json_int_t)(INT64_MAX / 2), "id",
	    (json_int_t)9);
	assert_int_equal(ccs_keyset_reply(ks, rows, 3, &out), CCS_OK);
	ccs_keyset_free(ks);
	prev = strdup(json_string_value(json_object_get(out, "prev_cursor")));
	json_decref(out);
	ks = at_cursor(prev);
	assert_true(ccs_keyset_at(ks, &v, &id, &back));
	assert_true(v == INT64_MAX / 2 && id == 9 && back);
	ccs_keyset_free(ks);
	free(next);
	free(prev);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_walks, svc_fx_setup,
		    svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_insert_mid_walk,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test(test_at),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

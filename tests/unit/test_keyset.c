/*
 * test_keyset.c: the shared list paging (svc/keyset.c) without a
 * database: the limit and sort a request may ask for, the SQL a page
 * adds, and cursors that verify only for the query, key and sort they
 * were made for. tests/svc/test_keyset.c walks real pages.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include <cmocka.h>

#include "svc/keyset.h"
#include "util/err.h"

static const struct ccs_keyset_col cols[] = {
	{ "last_seen", "v.last_seen", CCS_KEYSET_INT, true },
	{ "value", "v.value", CCS_KEYSET_TEXT, false },
};

static const unsigned char key1[CCS_SECRET_KEY_LEN] = { 1, 2, 3 };
static const unsigned char key2[CCS_SECRET_KEY_LEN] = { 9, 9, 9 };

/* A state for @p sort with filter type=@p type, cursor read with @p key. */
static struct ccs_keyset *
make(const char *sort, const char *order, const char *type,
    const unsigned char *key, const char *cursor, int *rc)
{
	struct ccs_keyset *ks = NULL;
	struct ccs_fail f;

	assert_int_equal(ccs_keyset_new(cols, 2, "v.id", &ks), CCS_OK);
	assert_int_equal(ccs_keyset_sort(ks, sort, order, &f), CCS_OK);
	ccs_keyset_bind(ks, "list", "indicators");
	ccs_keyset_bind(ks, "type", type);
	*rc = ccs_keyset_cursor(ks, key, cursor, &f);
	return ks;
}

/* Rows id 1..n with last_seen 100*id and value "v<id>". */
static json_t *
rows(int from, int n)
{
	json_t *a = json_array();
	char v[16];
	int i;

	for (i = from; i < from + n; i++) {
		(void)snprintf(v, sizeof(v), "v%02d", i);
		(void)json_array_append_new(a, json_pack("{sisiss}", "id", i,
		    "last_seen", 100 * i, "value", v));
	}
	return a;
}

static void
test_limit_and_sort(void **state)
{
	struct ccs_keyset *ks = NULL;
	struct ccs_fail f;

	(void)state;
	assert_int_equal(ccs_keyset_new(cols, 2, "v.id", &ks), CCS_OK);
	assert_int_equal(ccs_keyset_page_size(ks), 50);
	assert_int_equal(ccs_keyset_limit(ks, "200", &f), CCS_OK);
	assert_int_equal(ccs_keyset_fetch(ks), 201);
	assert_int_equal(ccs_keyset_limit(ks, "0", &f), CCS_EINVAL);
	assert_string_equal(f.code, "invalid_limit");
	assert_int_equal(ccs_keyset_limit(ks, "201", &f), CCS_EINVAL);
	assert_int_equal(ccs_keyset_limit(ks, "5x", &f), CCS_EINVAL);
	assert_int_equal(ccs_keyset_limit(ks, "-1", &f), CCS_EINVAL);
	assert_int_equal(ccs_keyset_sort(ks, "colour", NULL, &f), CCS_EINVAL);
	assert_string_equal(f.code, "invalid_sort");
	assert_non_null(strstr(f.message, "last_seen, value"));
	assert_int_equal(ccs_keyset_sort(ks, "value", "up", &f), CCS_EINVAL);
	assert_string_equal(f.code, "invalid_order");
	assert_int_equal(ccs_keyset_sort(ks, "value", NULL, &f), CCS_OK);
	assert_false(ccs_keyset_desc(ks));
	assert_string_equal(ccs_keyset_column(ks)->name, "value");
	assert_int_equal(ccs_keyset_sort(ks, NULL, "asc", &f), CCS_OK);
	assert_string_equal(ccs_keyset_column(ks)->name, "value");
	assert_int_equal(ccs_keyset_sort(ks, "last_seen", NULL, &f), CCS_OK);
	assert_true(ccs_keyset_desc(ks));
	ccs_keyset_free(ks);
	ccs_keyset_free(NULL);
}

static void
test_sql(void **state)
{
	struct ccs_val pv[4];
	struct ccs_buf sql;
	struct ccs_keyset *ks;
	json_t *out = NULL;
	const char *next;
	size_t np = 1;
	int rc;

	(void)state;
	ccs_buf_init(&sql, 4096);
	ks = make(NULL, NULL, "url", key1, NULL, &rc);
	assert_int_equal(rc, CCS_OK);
	assert_int_equal(ccs_keyset_where(ks, &sql, pv, &np, 4), CCS_OK);
	assert_int_equal(np, 1);
	assert_int_equal(ccs_keyset_order(ks, &sql), CCS_OK);
	assert_string_equal(ccs_buf_str(&sql),
	    " ORDER BY v.last_seen DESC, v.id DESC");
	assert_int_equal(ccs_keyset_limit(ks, "2", NULL), CCS_OK);
	assert_int_equal(ccs_keyset_reply(ks, rows(7, 3), 9, &out), CCS_OK);
	next = json_string_value(json_object_get(out, "next_cursor"));
	assert_non_null(next);
	ccs_keyset_free(ks);

	ks = make(NULL, NULL, "url", key1, next, &rc);
	assert_int_equal(rc, CCS_OK);
	ccs_buf_reset(&sql);
	assert_int_equal(ccs_keyset_where(ks, &sql, pv, &np, 4), CCS_OK);
	assert_int_equal(np, 3);
	assert_string_equal(ccs_buf_str(&sql), " AND ((v.last_seen), v.id) < "
	    "($2, $3)");
	/* rows 7, 8 were shown: the page goes on after row 8 */
	assert_int_equal(pv[1].i, 800);
	assert_int_equal(pv[2].i, 8);
	np = 3;
	assert_int_equal(ccs_keyset_where(ks, &sql, pv, &np, 4),
	    CCS_ETOOBIG);
	json_decref(out);
	ccs_keyset_free(ks);
	ccs_buf_free(&sql);
}

static void
test_cursor_bound(void **state)
{
	struct ccs_keyset *ks;
	json_t *out = NULL;
	char bad[CCS_KEYSET_CURSOR_MAX];
	const char *next;
	int rc;

	(void)state;
	ks = make("value", NULL, "url", key1, NULL, &rc);
	assert_int_equal(ccs_keyset_limit(ks, "2", NULL), CCS_OK);
	assert_int_equal(ccs_keyset_reply(ks, rows(1, 3), 3, &out), CCS_OK);
	next = json_string_value(json_object_get(out, "next_cursor"));
	assert_non_null(next);
	assert_true(json_is_null(json_object_get(out, "prev_cursor")));
	assert_int_equal(json_integer_value(json_object_get(out, "total")), 3);
	assert_int_equal(json_array_size(json_object_get(out, "items")), 2);
	ccs_keyset_free(ks);

	ks = make("value", NULL, "url", key1, next, &rc);
	assert_int_equal(rc, CCS_OK);
	ccs_keyset_free(ks);
	/* another filter, sort, order or key: not this query's cursor */
	ks = make("value", NULL, "domain", key1, next, &rc);
	assert_int_equal(rc, CCS_EINVAL);
	ccs_keyset_free(ks);
	ks = make("value", "desc", "url", key1, next, &rc);
	assert_int_equal(rc, CCS_EINVAL);
	ccs_keyset_free(ks);
	ks = make("last_seen", NULL, "url", key1, next, &rc);
	assert_int_equal(rc, CCS_EINVAL);
	ccs_keyset_free(ks);
	ks = make("value", NULL, "url", key2, next, &rc);
	assert_int_equal(rc, CCS_EINVAL);
	ccs_keyset_free(ks);
	/* one character changed, cut short, garbage */
	(void)snprintf(bad, sizeof(bad), "%s", next);
	bad[3] = bad[3] == 'A' ? 'B' : 'A';
	ks = make("value", NULL, "url", key1, bad, &rc);
	assert_int_equal(rc, CCS_EINVAL);
	ccs_keyset_free(ks);
	bad[strlen(next) - 2] = '\0';
	ks = make("value", NULL, "url", key1, bad, &rc);
	assert_int_equal(rc, CCS_EINVAL);
	ccs_keyset_free(ks);
	ks = make("value", NULL, "url", key1, "%%%", &rc);
	assert_int_equal(rc, CCS_EINVAL);
	ccs_keyset_free(ks);
	json_decref(out);
}

static void
test_directions(void **state)
{
	struct ccs_buf sql;
	struct ccs_keyset *ks;
	struct ccs_val pv[2];
	json_t *p2 = NULL, *p1 = NULL, *a;
	char prev[CCS_KEYSET_CURSOR_MAX];
	size_t np = 0;
	int rc;

	(void)state;
	ccs_buf_init(&sql, 4096);
	/* page 2 (rows 3, 4) of 1..5 ascending by value, more after it */
	ks = make("value", NULL, "url", key1, NULL, &rc);
	assert_int_equal(ccs_keyset_limit(ks, "2", NULL), CCS_OK);
	assert_int_equal(ccs_keyset_reply(ks, rows(1, 3), 5, &p1), CCS_OK);
	ccs_keyset_free(ks);
	ks = make("value", NULL, "url", key1, json_string_value(
	    json_object_get(p1, "next_cursor")), &rc);
	assert_int_equal(rc, CCS_OK);
	assert_int_equal(ccs_keyset_limit(ks, "2", NULL), CCS_OK);
	assert_int_equal(ccs_keyset_reply(ks, rows(3, 3), 5, &p2), CCS_OK);
	assert_non_null(json_string_value(json_object_get(p2, "next_cursor")));
	(void)snprintf(prev, sizeof(prev), "%s",
	    json_string_value(json_object_get(p2, "prev_cursor")));
	ccs_keyset_free(ks);

	/* back from page 2: before row 3, read in reverse */
	ks = make("value", NULL, "url", key1, prev, &rc);
	assert_int_equal(rc, CCS_OK);
	assert_int_equal(ccs_keyset_limit(ks, "2", NULL), CCS_OK);
	assert_int_equal(ccs_keyset_where(ks, &sql, pv, &np, 2), CCS_OK);
	assert_int_equal(ccs_keyset_order(ks, &sql), CCS_OK);
	assert_string_equal(ccs_buf_str(&sql), " AND ((v.value), v.id) < ($1, "
	    "$2) ORDER BY v.value DESC, v.id DESC");
	assert_string_equal(pv[0].s, "v03");
	json_decref(p1);
	a = json_array();
	(void)json_array_append_new(a, json_pack("{sisiss}", "id", 2,
	    "last_seen", 200, "value", "v02"));
	(void)json_array_append_new(a, json_pack("{sisiss}", "id", 1,
	    "last_seen", 100, "value", "v01"));
	assert_int_equal(ccs_keyset_reply(ks, a, 5, &p1), CCS_OK);
	/* rows back in order, nothing before them, a way forward */
	a = json_object_get(p1, "items");
	assert_int_equal(json_integer_value(json_object_get(
	    json_array_get(a, 0), "id")), 1);
	assert_int_equal(json_integer_value(json_object_get(
	    json_array_get(a, 1), "id")), 2);
	assert_true(json_is_null(json_object_get(p1, "prev_cursor")));
	assert_non_null(json_string_value(json_object_get(p1, "next_cursor")));
	json_decref(p1);
	json_decref(p2);
	ccs_keyset_free(ks);
	ccs_buf_free(&sql);
}

static void
test_rows_checked(void **state)
{
	struct ccs_keyset *ks;
	json_t *out = NULL, *a;
	char big[CCS_KEYSET_TEXT_MAX + 2];
	int rc;

	(void)state;
	ks = make("value", NULL, "url", key1, NULL, &rc);
	assert_int_equal(ccs_keyset_limit(ks, "1", NULL), CCS_OK);
	a = json_pack("[{si},{si}]", "id", 1, "id", 2);
	assert_int_equal(ccs_keyset_reply(ks, a, 2, &out), CCS_EINVAL);
	assert_null(out);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	a = json_pack("[{siss},{siss}]", "id", 1, "value", big, "id", 2,
	    "value", "b");
	assert_int_equal(ccs_keyset_reply(ks, a, 2, &out), CCS_ETOOBIG);
	ccs_keyset_free(ks);
}

static void
test_words(void **state)
{
	static const char *const tcols[] = { "v.value", "v.note" };
	struct ccs_keyset *ks;
	struct ccs_val pv[4];
	struct ccs_buf sql;
	size_t np = 1;
	int rc;

	(void)state;
	ccs_buf_init(&sql, 4096);
	ks = make(NULL, NULL, "url", key1, NULL, &rc);
	assert_int_equal(ccs_keyset_words(ks, &sql, "  Evil 50%_off ", tcols,
	    2, pv, &np, 4), CCS_OK);
	assert_int_equal(np, 3);
	assert_string_equal(pv[1].s, "%evil%");
	assert_string_equal(pv[2].s, "%50\\%\\_off%");
	assert_string_equal(ccs_buf_str(&sql), " AND (LOWER(COALESCE(v.value, "
	    "'')) LIKE $2 ESCAPE '\\' OR LOWER(COALESCE(v.note, '')) LIKE $2 "
	    "ESCAPE '\\') AND (LOWER(COALESCE(v.value, '')) LIKE $3 ESCAPE "
	    "'\\' OR LOWER(COALESCE(v.note, '')) LIKE $3 ESCAPE '\\')");
	/* no room for a third word */
	assert_int_equal(ccs_keyset_words(ks, &sql, "a b", tcols, 2, pv, &np,
	    4), CCS_ETOOBIG);
	ccs_buf_reset(&sql);
	np = 0;
	assert_int_equal(ccs_keyset_words(ks, &sql, "   ", tcols, 2, pv, &np,
	    4), CCS_OK);
	assert_int_equal(np, 0);
	assert_null(ccs_buf_str(&sql) ? strchr(ccs_buf_str(&sql), 'A') : NULL);
	ccs_keyset_free(ks);
	ccs_buf_free(&sql);
}

/* One page of the C-sorted list of 23 rows (value "k<id % 3>") by
 * value, from @p cursor. */
static json_t *
c_page(const char *order, const char *cursor)
{
	struct ccs_keyset *ks;
	json_t *all = json_array(), *pg = NULL, *out = NULL;
	char v[8];
	int i, rc;

	for (i = 23; i >= 1; i--) {
		(void)snprintf(v, sizeof(v), "k%d", (i * 7) % 3);
		(void)json_array_append_new(all, json_pack("{sisiss}", "id", i,
		    "last_seen", 0, "value", v));
	}
	ks = make("value", order, "url", key1, cursor, &rc);
	assert_int_equal(rc, CCS_OK);
	assert_int_equal(ccs_keyset_limit(ks, "4", NULL), CCS_OK);
	assert_int_equal(ccs_keyset_page_array(ks, all, &pg), CCS_OK);
	assert_int_equal(ccs_keyset_reply(ks, pg, (int64_t)json_array_size(
	    all), &out), CCS_OK);
	json_decref(all);
	ccs_keyset_free(ks);
	return out;
}

static void
walk_c(const char *order)
{
	char cur[CCS_KEYSET_CURSOR_MAX] = "";
	char prev[8] = "";
	const char *s;
	json_t *out = NULL, *it;
	int seen[24] = { 0 }, n = 0, back = 0;
	size_t i;

	for (;;) {
		out = c_page(order, cur[0] ? cur : NULL);
		assert_int_equal(json_integer_value(json_object_get(out,
		    "total")), 23);
		json_array_foreach(json_object_get(out, "items"), i, it) {
			s = json_string_value(json_object_get(it, "value"));
			/* in order: values never go back */
			assert_true(strcmp(order[0] == 'a' ? prev : s,
			    order[0] == 'a' ? s : prev) <= 0 || !prev[0]);
			(void)snprintf(prev, sizeof(prev), "%s", s);
			seen[json_integer_value(json_object_get(it, "id"))]++;
			n++;
		}
		if (json_is_null(json_object_get(out, "next_cursor")))
			break;
		(void)snprintf(cur, sizeof(cur), "%s", json_string_value(
		    json_object_get(out, "next_cursor")));
		json_decref(out);
	}
	assert_int_equal(n, 23);
	for (i = 1; i <= 23; i++)
		assert_int_equal(seen[i], 1);
	while (!json_is_null(json_object_get(out, "prev_cursor"))) {
		(void)snprintf(cur, sizeof(cur), "%s", json_string_value(
		    json_object_get(out, "prev_cursor")));
		json_decref(out);
		out = c_page(order, cur);
		assert_int_equal(json_array_size(json_object_get(out, "items")),
		    4);
		back++;
	}
	assert_int_equal(back, 5);
	json_decref(out);
}

static void
test_page_array(void **state)
{
	(void)state;
	walk_c("asc");
	walk_c("desc");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limit_and_sort),
		cmocka_unit_test(test_sql),
		cmocka_unit_test(test_cursor_bound),
		cmocka_unit_test(test_directions),
		cmocka_unit_test(test_rows_checked),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_page_array),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

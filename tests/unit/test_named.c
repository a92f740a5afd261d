/*
 * test_named.c: the named-parameter rewriter (store/named.c). What a call
 * site relies on: each :name becomes $k in order of first appearance and
 * the values follow that order; colons in literals, quoted identifiers,
 * comments and :: casts are left alone; every misuse is CCS_EINVAL with a
 * reason and leaves nothing to free.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

/* Rewrites @p sql and checks the text; returns the number of values. */
static size_t
rewrite_ok(const char *sql, const struct ccs_named *np, size_t nnp,
    const char *want, struct ccs_val *vals)
{
	struct ccs_buf b;
	char err[128];
	size_t n = 99;
	int rc;

	rc = ccs_sql_named(sql, np, nnp, &b, vals, &n, err, sizeof(err));
	if (rc != CCS_OK)
		fail_msg("%s: %s", sql, err);
	assert_string_equal(ccs_buf_str(&b), want);
	ccs_buf_free(&b);
	return n;
}

/* Expects a refusal whose reason contains @p why. */
static void
rewrite_bad(const char *sql, const struct ccs_named *np, size_t nnp,
    const char *why)
{
	struct ccs_val vals[CCS_NAMED_MAX];
	struct ccs_buf b;
	char err[128];
	size_t n = 99;
	int rc;

	rc = ccs_sql_named(sql, np, nnp, &b, vals, &n, err, sizeof(err));
	assert_int_equal(rc, CCS_EINVAL);
	assert_int_equal(n, 0);
	assert_null(b.data);
	if (strstr(err, why) == NULL)
		fail_msg("%s: got \"%s\", want \"%s\"", sql, err, why);
}

static void
test_order_of_first_use(void **state)
{
	const struct ccs_named np[] = {
		CCS_NAMED("state", CCS_VTEXT("JM")),
		CCS_NAMED("marking", CCS_VINT(7)),
	};
	struct ccs_val v[CCS_NAMED_MAX];

	(void)state;
	assert_int_equal(rewrite_ok("SELECT a FROM t WHERE m = :marking AND "
	    "s = :state", np, 2, "SELECT a FROM t WHERE m = $1 AND s = $2",
	    v), 2);
	assert_int_equal(v[0].type, CCS_V_INT);
	assert_int_equal(v[0].i, 7);
	assert_int_equal(v[1].type, CCS_V_TEXT);
	assert_string_equal(v[1].s, "JM");
}

static void
test_same_name_binds_once(void **state)
{
	const struct ccs_named np[] = { CCS_NAMED("a", CCS_VINT(1)),
	    CCS_NAMED("b", CCS_VINT(2)) };
	struct ccs_val v[CCS_NAMED_MAX];

	(void)state;
	assert_int_equal(rewrite_ok(":b + :a + :b", np, 2, "$1 + $2 + $1",
	    v), 2);
	assert_int_equal(v[0].i, 2);
	assert_int_equal(v[1].i, 1);
}

static void
test_adjacent_and_end(void **state)
{
	const struct ccs_named np[] = { CCS_NAMED("a", CCS_VINT(1)),
	    CCS_NAMED("b", CCS_VNULL) };
	struct ccs_val v[CCS_NAMED_MAX];

	(void)state;
	assert_int_equal(rewrite_ok("VALUES (:a,:b)", np, 2, "VALUES ($1,$2)",
	    v), 2);
	assert_int_equal(v[1].type, CCS_V_NULL);
	assert_int_equal(rewrite_ok("x = :b AND y = :a", np, 2,
	    "x = $1 AND y = $2", v), 2);
	assert_int_equal(rewrite_ok(":a:b", np, 2, "$1$2", v), 2);
}

static void
test_longest_name(void **state)
{
	const struct ccs_named np[] = { CCS_NAMED("a", CCS_VINT(1)),
	    CCS_NAMED("a1", CCS_VINT(2)) };
	struct ccs_val v[CCS_NAMED_MAX];

	(void)state;
	assert_int_equal(rewrite_ok(":a1 = :a", np, 2, "$1 = $2", v), 2);
	assert_int_equal(v[0].i, 2);
	assert_int_equal(v[1].i, 1);
}

static void
test_literals_left_alone(void **state)
{
	const struct ccs_named np[] = { CCS_NAMED("a", CCS_VINT(1)) };
	struct ccs_val v[CCS_NAMED_MAX];

	(void)state;
	assert_int_equal(rewrite_ok("SELECT 'a:b', :a", np, 1,
	    "SELECT 'a:b', $1", v), 1);
	assert_int_equal(rewrite_ok("SELECT 'it''s :a', :a", np, 1,
	    "SELECT 'it''s :a', $1", v), 1);
	assert_int_equal(rewrite_ok("SELECT '', :a, ''''", np, 1,
	    "SELECT '', $1, ''''", v), 1);
	assert_int_equal(rewrite_ok("SELECT \"x:a\" FROM t WHERE y = :a",
	    np, 1, "SELECT \"x:a\" FROM t WHERE y = $1", v), 1);
	assert_int_equal(rewrite_ok("SELECT \"q\"\":a\" + :a", np, 1,
	    "SELECT \"q\"\":a\" + $1", v), 1);
}

static void
test_comments_left_alone(void **state)
{
	const struct ccs_named np[] = { CCS_NAMED("a", CCS_VINT(1)) };
	struct ccs_val v[CCS_NAMED_MAX];

	(void)state;
	assert_int_equal(rewrite_ok("SELECT :a -- not :b\n, 1", np, 1,
	    "SELECT $1 -- not :b\n, 1", v), 1);
	assert_int_equal(rewrite_ok("SELECT :a -- :b at the end", np, 1,
	    "SELECT $1 -- :b at the end", v), 1);
	assert_int_equal(rewrite_ok("SELECT /* :b ' */ :a", np, 1,
	    "SELECT /* :b ' */ $1", v), 1);
	assert_int_equal(rewrite_ok("SELECT 5 - :a / 2 - -1", np, 1,
	    "SELECT 5 - $1 / 2 - -1", v), 1);
}

static void
test_casts(void **state)
{
	const struct ccs_named np[] = { CCS_NAMED("a", CCS_VINT(1)),
	    CCS_NAMED("text", CCS_VINT(2)) };
	struct ccs_val v[CCS_NAMED_MAX];

	(void)state;
	/* "text" is a parameter name too: only the cast's is left */
	assert_int_equal(rewrite_ok("SELECT x::text, :a::text, :text", np, 2,
	    "SELECT x::text, $1::text, $2", v), 2);
	assert_int_equal(rewrite_ok("SELECT a[1:2], :a, :text, 'x' || :", np,
	    2, "SELECT a[1:2], $1, $2, 'x' || :", v), 2);
}

static void
test_no_parameters(void **state)
{
	struct ccs_val v[CCS_NAMED_MAX];

	(void)state;
	assert_int_equal(rewrite_ok("", NULL, 0, "", v), 0);
	assert_int_equal(rewrite_ok("SELECT 1", NULL, 0, "SELECT 1", v), 0);
}

static void
test_misuse(void **state)
{
	const struct ccs_named one[] = { CCS_NAMED("a", CCS_VINT(1)) };
	const struct ccs_named two[] = { CCS_NAMED("a", CCS_VINT(1)),
	    CCS_NAMED("a", CCS_VINT(2)) };
	const struct ccs_named bad[] = { CCS_NAMED("1a", CCS_VINT(1)) };
	const struct ccs_named colon[] = { CCS_NAMED(":a", CCS_VINT(1)) };
	const struct ccs_named empty[] = { CCS_NAMED("", CCS_VINT(1)) };
	const struct ccs_named null[] = { CCS_NAMED(NULL, CCS_VINT(1)) };

	(void)state;
	rewrite_bad("SELECT :b", one, 1, "unknown parameter :b");
	rewrite_bad("SELECT :a1", one, 1, "unknown parameter :a1");
	rewrite_bad("SELECT 1", one, 1, "parameter not used :a");
	rewrite_bad("SELECT ':a'", one, 1, "parameter not used :a");
	rewrite_bad("SELECT x::a", one, 1, "parameter not used :a");
	rewrite_bad("SELECT :a", two, 2, "parameter given twice :a");
	rewrite_bad("SELECT :a", bad, 1, "malformed parameter name");
	rewrite_bad("SELECT :a", colon, 1, "malformed parameter name");
	rewrite_bad("SELECT :a", empty, 1, "malformed parameter name");
	rewrite_bad("SELECT :a", null, 1, "without a name");
	rewrite_bad("SELECT :a", NULL, 1, "no parameter array");
	rewrite_bad(NULL, NULL, 0, "no SQL text");
	rewrite_bad("SELECT $1, :a", one, 1, "positional");
	rewrite_bad("SELECT 'x, :a", one, 1, "unterminated");
	rewrite_bad("SELECT \"x, :a", one, 1, "unterminated");
	rewrite_bad("SELECT :a /* x", one, 1, "unterminated");
}

static void
test_limits(void **state)
{
	struct ccs_named np[CCS_NAMED_MAX + 1];
	char names[CCS_NAMED_MAX + 1][8];
	char longname[CCS_NAMED_NAME_MAX + 2];
	struct ccs_val v[CCS_NAMED_MAX];
	struct ccs_named ln[1];
	struct ccs_buf sql, b;
	size_t i, n;
	char *big;
	int rc;

	(void)state;
	ccs_buf_init(&sql, 4096);
	for (i = 0; i <= CCS_NAMED_MAX; i++) {
		(void)snprintf(names[i], sizeof(names[i]), "p%zu", i);
		np[i].name = names[i];
		np[i].val = CCS_VINT((int64_t)i);
		assert_int_equal(ccs_buf_printf(&sql, "%s:%s", i ? "," : "",
		    names[i]), CCS_OK);
	}
	rewrite_bad(ccs_buf_str(&sql), np, CCS_NAMED_MAX + 1, "too many");
	/* exactly the maximum is fine, and the last is $32 */
	ccs_buf_reset(&sql);
	for (i = 0; i < CCS_NAMED_MAX; i++)
		assert_int_equal(ccs_buf_printf(&sql, "%s:%s", i ? "," : "",
		    names[i]), CCS_OK);
	rc = ccs_sql_named(ccs_buf_str(&sql), np, CCS_NAMED_MAX, &b, v, &n,
	    NULL, 0);
	assert_int_equal(rc, CCS_OK);
	assert_int_equal(n, CCS_NAMED_MAX);
	assert_int_equal(v[CCS_NAMED_MAX - 1].i, CCS_NAMED_MAX - 1);
	assert_non_null(strstr(ccs_buf_str(&b), ",$32"));
	ccs_buf_free(&b);
	ccs_buf_free(&sql);

	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	ln[0].name = longname;
	ln[0].val = CCS_VNULL;
	rewrite_bad("SELECT 1", ln, 1, "malformed parameter name");

	big = malloc(CCS_NAMED_SQL_MAX + 2);
	assert_non_null(big);
	memset(big, ' ', CCS_NAMED_SQL_MAX + 1);
	big[CCS_NAMED_SQL_MAX + 1] = '\0';
	rewrite_bad(big, NULL, 0, "too long");
	big[CCS_NAMED_SQL_MAX] = '\0';
	rc = ccs_sql_named(big, NULL, 0, &b, v, &n, NULL, 0);
	assert_int_equal(rc, CCS_OK);
	assert_int_equal(b.len, CCS_NAMED_SQL_MAX);
	ccs_buf_free(&b);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_of_first_use),
		cmocka_unit_test(test_same_name_binds_once),
		cmocka_unit_test(test_adjacent_and_end),
		cmocka_unit_test(test_longest_name),
		cmocka_unit_test(test_literals_left_alone),
		cmocka_unit_test(test_comments_left_alone),
		cmocka_unit_test(test_casts),
		cmocka_unit_test(test_no_parameters),
		cmocka_unit_test(test_misuse),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

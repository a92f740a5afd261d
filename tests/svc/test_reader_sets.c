/*
 * test_reader_sets.c: the reader sets of the markings agree, through SQL,
 * with ccs_marking_view for every account of the fixture and every
 * marking the sharing services make (each TLP level, AMBER shared with a
 * state and a community, RED with named recipients, an import's
 * marking); so do the counts kept by the triggers; markings granting the
 * same keys share a set; the backfill rebuilds the same sets and counts;
 * the state queue's counts (migration 0035) and the rows its list shows
 * (the rows' copy of the set, migration 0038) follow random routed,
 * handled, re-marked and deleted items, and a rebuild of the sets.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "svc/keyset.h"
#include "svc/sharing/incidents.h"
#include "svc/sharing/marking.h"
#include "svc/sharing/reader_sets.h"
#include "svc/sharing/routing.h"
#include "svc/svc.h"
#include "svc_fixture.h"
#include "util/err.h"

static void
add_incident(struct svc_fx *fx, const struct ccs_principal *p,
    const char *marking)
{
	char body[512];
	json_t *b, *out = NULL;
	int rc;

	(void)snprintf(body, sizeof(body), "{\"title\": \"Readers\", "
	    "\"description\": \"x\", \"rsit\": \"fraud:phishing\", "
	    "\"severity\": \"low\", %s}", marking);
	b = svc_json(body);
	svc_begin(fx);
	rc = ccs_incident_create(fx->db, p, b, fx->now, &out, &fx->f);
	rc = svc_end(fx, rc);
	if (rc != CCS_OK)
		fail_msg("incident %s: %s %s", marking, fx->f.code ?
		    fx->f.code : "", fx->f.message);
	json_decref(out);
	json_decref(b);
}

static void
add_all(struct svc_fx *fx)
{
	int64_t id = 0;
	int rc;

	add_incident(fx, &fx->ncpoc_jm, "\"tlp\": \"clear\"");
	add_incident(fx, &fx->cert_bb, "\"tlp\": \"green\"");
	add_incident(fx, &fx->ncpoc_jm, "\"tlp\": \"amber\", "
	    "\"share_states\": [\"BB\"]");
	add_incident(fx, &fx->ncpoc_tt, "\"tlp\": \"amber\"");
	add_incident(fx, &fx->cert_jm, "\"tlp\": \"amber+strict\"");
	add_incident(fx, &fx->ncpoc_jm, "\"tlp\": \"red\", \"recipients\": "
	    "[\"rifc.a\", \"ncpoc.tt\"]");
	add_incident(fx, &fx->rifc, "\"state\": \"TT\", \"tlp\": "
	    "\"red\", \"recipients\": [\"cert.bb\"]");
	svc_begin(fx);
	rc = ccs_marking_create_import(fx->db, CCS_TLP_AMBER, "TT", ",JM,",
	    fx->now, &id);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
}

/* Each marking's keys, the keys of its set, and the counts per set. */
#define SETS "SELECT m.id, s.keys, (SELECT k.reader FROM reader_set_keys " \
	"k WHERE k.set_id = s.id ORDER BY k.reader LIMIT 1) AS first_key, " \
	"(SELECT COUNT(*) FROM reader_set_keys k WHERE k.set_id = s.id) AS " \
	"nkeys, (SELECT c.n FROM reader_set_counts c WHERE c.set_id = s.id " \
	"AND c.kind = 'incident') AS incidents FROM markings m JOIN " \
	"reader_sets s ON s.id = m.reader_set ORDER BY m.id"

/* Whether the SQL join on @p p's keys finds marking @p id. */
static bool
sql_reads(struct svc_fx *fx, const struct ccs_principal *p, int64_t id)
{
	struct ccs_reader_keys k;
	struct ccs_val v[1 + CCS_TLP_PRINCIPAL_KEYS];
	struct ccs_buf sql;
	int64_t n = -1;
	size_t np = 1;

	ccs_reader_keys_of(p, &k);
	v[0] = CCS_VINT(id);
	ccs_buf_init(&sql, 1024);
	assert_int_equal(ccs_buf_adds(&sql, "SELECT COUNT(*) FROM markings m "
	    "WHERE m.id = $1"), CCS_OK);
	assert_int_equal(ccs_reader_sets_where(&k, "m.reader_set", &sql, v,
	    &np, sizeof(v) / sizeof(v[0])), CCS_OK);
	assert_int_equal(ccs_db_query_int(fx->db, ccs_buf_str(&sql), v, np,
	    &n), CCS_OK);
	ccs_buf_free(&sql);
	return n > 0;
}

static void
test_sql_agrees_with_policy(void **state)
{
	struct svc_fx *fx = *state;
	const struct ccs_principal *who[] = {
		&fx->admin, &fx->coord, &fx->rifc, &fx->rifc2, &fx->ncpoc_jm,
		&fx->cert_jm, &fx->ncpoc_tt, &fx->cert_bb, &fx->steering,
		&fx->partner, &fx->anon
	};
	json_t *rows = NULL, *row;
	size_t i, j, yes = 0, no = 0;
	bool policy;

	add_all(fx);
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT m.id, "
	    CCS_MARKING_COLS " FROM markings m ORDER BY m.id", NULL, 0,
	    &rows), CCS_OK);
	assert_true(json_array_size(rows) >= 8);
	json_array_foreach(rows, i, row) {
		int64_t id = json_integer_value(json_object_get(row, "id"));

		for (j = 0; j < sizeof(who) / sizeof(who[0]); j++) {
			policy = ccs_marking_view(who[j], row) ==
			    CCS_TLP_FULL;
			if (policy != sql_reads(fx, who[j], id))
				fail_msg("marking %lld (%s) for %s: policy "
				    "%d", (long long)id, json_string_value(
				    json_object_get(row, "m_tlp")),
				    who[j]->login, policy);
			if (policy)
				yes++;
			else
				no++;
		}
	}
	json_decref(rows);
	assert_true(yes > 20 && no > 20);
}

static void
test_backfill_rebuilds_the_same_rows(void **state)
{
	struct svc_fx *fx = *state;
	json_t *before = NULL, *after = NULL;
	bool done = true;
	int rc;

	add_all(fx);
	assert_int_equal(ccs_db_query_json(fx->db, SETS, NULL, 0, &before),
	    CCS_OK);
	assert_true(json_array_size(before) >= 8);
	/* the migration's request (the fixture never opens as the CLI
	 * does), then nothing asked: nothing done */
	assert_int_equal(ccs_reader_sets_backfill(fx->db, &done), CCS_OK);
	assert_int_equal(ccs_reader_sets_backfill(fx->db, &done), CCS_OK);
	assert_false(done);
	svc_begin(fx);
	rc = ccs_db_exec(fx->db, "DELETE FROM reader_set_counts", NULL, 0,
	    NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(fx->db, "DELETE FROM reader_set_keys", NULL, 0,
		    NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(fx->db, "UPDATE markings SET reader_set = "
		    "NULL", NULL, 0, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(fx->db, "INSERT INTO meta (k, v) VALUES "
		    "('markings.reader_sets', 'pending')", NULL, 0, NULL,
		    NULL);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	assert_int_equal(svc_count(fx, "FROM reader_set_keys"), 0);
	assert_int_equal(ccs_reader_sets_backfill(fx->db, &done), CCS_OK);
	assert_true(done);
	assert_int_equal(svc_count(fx, "FROM meta WHERE k = "
	    "'markings.reader_sets'"), 0);
	assert_int_equal(ccs_db_query_json(fx->db, SETS, NULL, 0, &after),
	    CCS_OK);
	assert_true(json_equal(before, after));
	json_decref(before);
	json_decref(after);
}

/* Incidents @p p may read, by the policy in C. */
static int64_t
policy_count(struct svc_fx *fx, const struct ccs_principal *p)
{
	json_t *rows = NULL, *row;
	int64_t n = 0;
	size_t i;

	assert_int_equal(ccs_db_query_json(fx->db, "SELECT i.id, "
	    CCS_MARKING_COLS " FROM incidents i JOIN markings m ON m.id = "
	    "i.marking_id", NULL, 0, &rows), CCS_OK);
	json_array_foreach(rows, i, row) {
		if (ccs_marking_view(p, row) == CCS_TLP_FULL)
			n++;
	}
	json_decref(rows);
	return n;
}

static void
test_counts_agree_and_sets_are_shared(void **state)
{
	struct svc_fx *fx = *state;
	const struct ccs_principal *who[] = {
		&fx->admin, &fx->rifc, &fx->rifc2, &fx->ncpoc_jm, &fx->cert_jm,
		&fx->ncpoc_tt, &fx->cert_bb, &fx->steering, &fx->partner,
		&fx->anon
	};
	struct ccs_reader_keys k;
	int64_t n, sets, a, b;
	size_t j;
	int rc;

	add_all(fx);
	/* the same grant in another order is the same set */
	add_incident(fx, &fx->ncpoc_jm, "\"tlp\": \"amber\", "
	    "\"share_states\": [\"BB\", \"TT\"]");
	add_incident(fx, &fx->ncpoc_jm, "\"tlp\": \"amber\", "
	    "\"share_states\": [\"TT\", \"BB\"]");
	assert_int_equal(ccs_db_query_int(fx->db, "SELECT MIN(m.reader_set) "
	    "FROM incidents i JOIN markings m ON m.id = i.marking_id WHERE "
	    "i.id = (SELECT MAX(id) FROM incidents)", NULL, 0, &a), CCS_OK);
	assert_int_equal(ccs_db_query_int(fx->db, "SELECT MIN(m.reader_set) "
	    "FROM incidents i JOIN markings m ON m.id = i.marking_id WHERE "
	    "i.id = (SELECT MAX(id) - 1 FROM incidents)", NULL, 0, &b),
	    CCS_OK);
	assert_int_equal(a, b);
	sets = svc_count(fx, "FROM reader_sets");
	assert_true(sets < svc_count(fx, "FROM markings"));
	/* one incident gone: its set counts one less */
	svc_begin(fx);
	rc = ccs_db_exec(fx->db, "DELETE FROM incidents WHERE id = (SELECT "
	    "MIN(id) FROM incidents)", NULL, 0, NULL, NULL);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	for (j = 0; j < sizeof(who) / sizeof(who[0]); j++) {
		ccs_reader_keys_of(who[j], &k);
		assert_int_equal(ccs_reader_sets_count(fx->db, &k, "incident",
		    &n), CCS_OK);
		if (n != policy_count(fx, who[j]))
			fail_msg("%s: counts %lld, policy %lld", who[j]->login,
			    (long long)n, (long long)policy_count(fx,
			    who[j]));
	}
	assert_int_equal(svc_count(fx, "FROM reader_sets"), sets);
}

static const unsigned char qkey[CCS_SECRET_KEY_LEN] = { 35 };

static uint32_t
rnd(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

/* One change of the queue: @p op 3 handles the newest open item, 4
 * re-marks the newest item (marking v[1], state v[0]), 5 deletes the
 * oldest, any other routes a new item (v: state, marking, claim, time). */
static int
churn_one(struct svc_fx *fx, uint32_t op, const struct ccs_val *v)
{
	struct ccs_val mv[2] = { v[1], v[0] };

	if (op == 3)
		return ccs_db_exec(fx->db, "UPDATE state_queue SET done_at = "
		    "$1 WHERE id = (SELECT id FROM state_queue WHERE done_at "
		    "IS NULL ORDER BY id DESC LIMIT 1)", &v[3], 1, NULL, NULL);
	if (op == 4)
		return ccs_db_exec(fx->db, "UPDATE state_queue SET marking_id "
		    "= $1, state_code = $2 WHERE id = (SELECT MAX(id) FROM "
		    "state_queue)", mv, 2, NULL, NULL);
	if (op == 5)
		return ccs_db_exec(fx->db, "DELETE FROM state_queue WHERE id = "
		    "(SELECT MIN(id) FROM state_queue)", NULL, 0, NULL, NULL);
	return ccs_db_exec(fx->db, "INSERT INTO state_queue (state_code, "
	    "marking_id, claim_id, created_at) VALUES ($1, $2, $3, $4)", v, 4,
	    NULL, NULL);
}

/* Random queue rows written with SQL: routed, handled, re-marked and
 * deleted, so that every trigger of migration 0035 runs. */
static void
churn_queue(struct svc_fx *fx, int64_t claim, const json_t *marks)
{
	static const char *const states[] = { "JM", "TT", "BB" };
	struct ccs_val v[4];
	uint32_t s = 35;
	int i, rc = CCS_OK;

	svc_begin(fx);
	for (i = 0; i < 160 && rc == CCS_OK; i++) {
		v[0] = CCS_VTEXT(states[rnd(&s) % 3]);
		v[1] = CCS_VINT(json_integer_value(json_object_get(
		    json_array_get(marks, rnd(&s) % json_array_size(marks)),
		    "id")));
		v[2] = CCS_VINT(claim);
		v[3] = CCS_VINT(fx->now + i);
		rc = churn_one(fx, rnd(&s) % 6, v);
	}
	assert_int_equal(svc_end(fx, rc), CCS_OK);
}

/* What @p p may read of the queue of @p state (NULL: every state), and
 * what is only known to exist, by the policy in C. */
static void
queue_policy(struct svc_fx *fx, const struct ccs_principal *p,
    const char *state, bool done, int64_t *total, int64_t *restricted)
{
	json_t *rows = NULL, *row;
	size_t i;

	*total = *restricted = 0;
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT q.state_code AS "
	    "st, q.done_at, " CCS_MARKING_COLS " FROM state_queue q JOIN "
	    "markings m ON m.id = q.marking_id", NULL, 0, &rows), CCS_OK);
	json_array_foreach(rows, i, row) {
		if ((state != NULL && strcmp(ccs_jstr(row, "st"), state) != 0)
		    || (!done && json_integer_value(json_object_get(row,
		    "done_at")) != 0))
			continue;
		if (ccs_marking_view(p, row) == CCS_TLP_FULL)
			(*total)++;
		else if (strcmp(ccs_jstr(row, "m_tlp"), "red") != 0)
			(*restricted)++;
	}
	json_decref(rows);
}

/* The ids of the queue rows @p p may read in full, by the policy in C
 * (@p policy) or by the list's SQL (!@p policy), ascending, as text. */
static char *
queue_ids(struct svc_fx *fx, const struct ccs_principal *p,
    const char *state, bool policy)
{
	struct ccs_queue_filter flt;
	struct ccs_keyset *ks = NULL;
	json_t *rows = NULL, *row, *ids;
	char *text;
	size_t i;
	int rc;

	if (policy) {
		assert_int_equal(ccs_db_query_json(fx->db, "SELECT q.id, "
		    "q.state_code AS st, " CCS_MARKING_COLS " FROM "
		    "state_queue q JOIN markings m ON m.id = q.marking_id "
		    "ORDER BY q.id", NULL, 0, &rows), CCS_OK);
	} else {
		memset(&flt, 0, sizeof(flt));
		flt.state = state;
		flt.include_done = true;
		assert_int_equal(ccs_keyset_new(ccs_queue_list_cols,
		    ccs_queue_list_ncols, "q.id", &ks), CCS_OK);
		assert_int_equal(ccs_keyset_cursor(ks, qkey, NULL, NULL),
		    CCS_OK);
		rc = ccs_queue_list(fx->db, p, &flt, ks, true, &rows, &fx->f);
		ccs_keyset_free(ks);
		if (rc != CCS_OK)
			fail_msg("queue: %s", fx->f.message);
	}
	ids = json_array();
	json_array_foreach(rows, i, row) {
		if (policy && ((state != NULL && strcmp(ccs_jstr(row, "st"),
		    state) != 0) || ccs_marking_view(p, row) != CCS_TLP_FULL))
			continue;
		assert_int_equal(json_array_append(ids, json_object_get(row,
		    "id")), 0);
	}
	if (!policy)	/* the list is newest first */
		assert_int_equal(json_array_size(ids), json_array_size(rows));
	json_decref(rows);
	text = json_dumps(ids, JSON_COMPACT);
	json_decref(ids);
	return text;
}

/* The tables whose rows keep a copy of their marking's reader set
 * (migrations 0038, 0040): the queue rows and the records search finds
 * (the incidents of add_all). */
static const char *const copies[] = { "state_queue", "search_docs" };

/* The rows the list shows are the rows the policy lets @p p read. */
static void
queue_rows_agree(struct svc_fx *fx, const struct ccs_principal *p,
    const char *state)
{
	char *want = queue_ids(fx, p, state, true);
	char *got = queue_ids(fx, p, state, false);
	json_t *g = json_loads(got, 0, NULL);
	json_t *sorted = json_array();
	size_t i, n = json_array_size(g);

	/* newest first: the list's order; reversed to compare */
	for (i = n; i > 0; i--)
		assert_int_equal(json_array_append(sorted, json_array_get(g,
		    i - 1)), 0);
	free(got);
	got = json_dumps(sorted, JSON_COMPACT);
	if (strcmp(want, got) != 0)
		fail_msg("%s %s: list %s, policy %s", p->login, state ? state :
		    "*", got, want);
	free(want);
	free(got);
	json_decref(g);
	json_decref(sorted);
}

static json_t *
queue_counts(struct svc_fx *fx)
{
	json_t *rows = NULL;

	assert_int_equal(ccs_db_query_json(fx->db, "SELECT kind, set_id, n "
	    "FROM reader_set_counts WHERE kind LIKE 'queue %' AND n <> 0 "
	    "ORDER BY kind, set_id", NULL, 0, &rows), CCS_OK);
	return rows;
}

static void
test_queue_counts_follow_the_rows(void **state)
{
	struct svc_fx *fx = *state;
	const struct {
		const struct ccs_principal	*p;
		const char			*state;
	} who[] = { { &fx->ncpoc_jm, "JM" }, { &fx->cert_jm, "JM" },
	    { &fx->ncpoc_tt, "TT" }, { &fx->cert_bb, "BB" },
	    { &fx->rifc, NULL }, { &fx->rifc, "TT" }, { &fx->rifc2, "BB" } };
	struct ccs_queue_filter flt;
	struct ccs_keyset *ks = NULL;
	json_t *marks = NULL, *before, *after, *out = NULL;
	int64_t claim = 0, total, restricted;
	size_t i, d;
	int rc;

	add_all(fx);
	svc_begin(fx);
	rc = ccs_db_query_int(fx->db, "INSERT INTO constituency_claims "
	    "(state_code, kind, value, status, claimed_by, decided_by, "
	    "created_at, decided_at) VALUES ('JM', 'cctld', 'jm', "
	    "'approved', 't', 't', 1, 1) RETURNING id", NULL, 0, &claim);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(fx->db, "SELECT id FROM markings ORDER "
		    "BY id", NULL, 0, &marks);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	churn_queue(fx, claim, marks);
	json_decref(marks);
	for (i = 0; i < sizeof(who) / sizeof(who[0]); i++) {
		for (d = 0; d < 2; d++) {
			memset(&flt, 0, sizeof(flt));
			flt.state = who[i].state;
			flt.include_done = d == 1;
			assert_int_equal(ccs_keyset_new(ccs_queue_list_cols,
			    ccs_queue_list_ncols, "q.id", &ks), CCS_OK);
			assert_int_equal(ccs_keyset_limit(ks, "1", NULL),
			    CCS_OK);
			assert_int_equal(ccs_keyset_cursor(ks, qkey, NULL,
			    NULL), CCS_OK);
			rc = ccs_queue_list(fx->db, who[i].p, &flt, ks, false,
			    &out, &fx->f);
			ccs_keyset_free(ks);
			if (rc != CCS_OK)
				fail_msg("queue: %s", fx->f.message);
			queue_policy(fx, who[i].p, who[i].state, d == 1, &total,
			    &restricted);
			if (json_integer_value(json_object_get(out, "total")) !=
			    total || json_integer_value(json_object_get(out,
			    "restricted")) != restricted)
				fail_msg("%s %s done %zu: %s, policy %lld %lld",
				    who[i].p->login, who[i].state ? who[i].state
				    : "*", d, json_dumps(out, JSON_COMPACT),
				    (long long)total, (long long)restricted);
			json_decref(out);
			out = NULL;
		}
	}
	svc_set_copies_ok(fx, copies, 2, 7);
	for (i = 0; i < sizeof(who) / sizeof(who[0]); i++)
		queue_rows_agree(fx, who[i].p, who[i].state);
	before = queue_counts(fx);
	assert_true(json_array_size(before) >= 10);
	/* a marking's set moves (as the rebuild after a restore moves
	 * them all): the rows' copies follow */
	svc_set_copies_follow(fx, copies, 2);
	after = queue_counts(fx);
	assert_true(json_equal(before, after));
	for (i = 0; i < sizeof(who) / sizeof(who[0]); i++)
		queue_rows_agree(fx, who[i].p, who[i].state);
	json_decref(before);
	json_decref(after);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sql_agrees_with_policy,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_backfill_rebuilds_the_same_rows, svc_fx_setup,
		    svc_fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_counts_agree_and_sets_are_shared, svc_fx_setup,
		    svc_fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_queue_counts_follow_the_rows, svc_fx_setup,
		    svc_fx_teardown),
	};

	return cmocka_run_group_tests_name("svc_reader_sets", tests, NULL,
	    NULL);
}

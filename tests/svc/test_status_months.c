/*
 * test_status_months.c: the monthly status snapshots (migration 0030)
 * give, for any past date, the same status per (state, standard) as the
 * definition: the latest validated status dated on or before it (by date,
 * then record id). Statuses arrive in random order and at random dates,
 * back-dated ones included, and the snapshots kept row by row equal a
 * rebuild from scratch.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "svc/standards/status_months.h"
#include "svc_fixture.h"
#include "util/err.h"

static const char *const states[] = { "JM", "BB", "TT" };
#define NLINEAGE	4

/* One validated status, stored as validation stores it. */
static void
add_status(struct svc_fx *fx, const char *state, int64_t lineage,
    const char *day, int64_t level)
{
	struct ccs_val v[5];
	int64_t id = 0;
	int rc;

	v[0] = CCS_VTEXT(state);
	v[1] = CCS_VINT(lineage);
	v[2] = CCS_VTEXT(day);
	v[3] = CCS_VINT(level);
	svc_begin(fx);
	rc = ccs_db_query_int(fx->db, "INSERT INTO assessments (state_code, "
	    "standard_id, lineage_id, as_of, level, links, source_key, "
	    "author, submitted_at) SELECT $1, MIN(s.id), $2, $3, $4, '[]', "
	    "(SELECT MIN(key) FROM sources), 'test', 0 FROM standards s "
	    "RETURNING id", v, 4, &id);
	v[3] = CCS_VINT(id);
	v[4] = CCS_VINT(level);
	if (rc == CCS_OK)
		rc = ccs_db_exec(fx->db, "INSERT INTO status_history "
		    "(state_code, lineage_id, as_of, assessment_id, level) "
		    "VALUES ($1, $2, $3, $4, $5)", v, 5, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_status_months_add(fx->db, state, lineage, day, id,
		    level);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
}

struct cells {
	int64_t	level[3][NLINEAGE + 1];
	char	as_of[3][NLINEAGE + 1][11];
};

static int
cell_cb(void *arg, const struct ccs_row *row)
{
	struct cells *c = arg;
	size_t s;
	int64_t l;

	for (s = 0; s < 3; s++) {
		if (strcmp(row->vals[0], states[s]) == 0)
			break;
	}
	assert_true(s < 3);
	l = strtoll(row->vals[1], NULL, 10);
	assert_true(l >= 1 && l <= NLINEAGE);
	c->level[s][l] = row->vals[2] ? strtoll(row->vals[2], NULL, 10) : -1;
	(void)snprintf(c->as_of[s][l], 11, "%s", row->vals[3] ?
	    row->vals[3] : "");
	return CCS_OK;
}

static void
compare_at(struct svc_fx *fx, const char *day, const char *only)
{
	struct cells want, got;
	struct ccs_val v[2];

	memset(&want, 0xff, sizeof(want.level));
	memset(&got, 0xff, sizeof(got.level));
	memset(want.as_of, 0, sizeof(want.as_of));
	memset(got.as_of, 0, sizeof(got.as_of));
	v[0] = CCS_VTEXT(day);
	v[1] = CCS_VTEXT(only);
	/* the definition: one seek per pair */
	assert_int_equal(ccs_db_exec(fx->db, "SELECT p.state_code, "
	    "p.lineage_id, (SELECT h.level FROM status_history h WHERE "
	    "h.state_code = p.state_code AND h.lineage_id = p.lineage_id AND "
	    "h.as_of <= $1 ORDER BY h.as_of DESC, h.assessment_id DESC LIMIT "
	    "1), (SELECT h.as_of FROM status_history h WHERE h.state_code = "
	    "p.state_code AND h.lineage_id = p.lineage_id AND h.as_of <= $1 "
	    "ORDER BY h.as_of DESC, h.assessment_id DESC LIMIT 1) FROM "
	    "(SELECT DISTINCT state_code, lineage_id FROM status_history) p "
	    "WHERE CAST($2 AS TEXT) IS NULL OR p.state_code = $2", v, 2,
	    cell_cb, &want), CCS_OK);
	assert_int_equal(ccs_status_months_at(fx->db, day, only, cell_cb,
	    &got), CCS_OK);
	if (memcmp(want.level, got.level, sizeof(want.level)) != 0 ||
	    memcmp(want.as_of, got.as_of, sizeof(want.as_of)) != 0)
		fail_msg("status at %s (%s) differs from the definition", day,
		    only ? only : "all states");
}

static void
random_day(unsigned *seed, char out[11])
{
	unsigned y = 2019 + rand_r(seed) % 6;
	unsigned m = 1 + rand_r(seed) % 12;
	unsigned d = 1 + rand_r(seed) % 28;

	/* the first and last days of a month are where snapshots turn */
	if (rand_r(seed) % 4 == 0)
		d = rand_r(seed) % 2 ? 1 : 28;
	(void)snprintf(out, 11, "%04u-%02u-%02u", y % 10000, m % 13, d % 29);
}

static void
test_months_agree_with_history(void **state)
{
	struct svc_fx *fx = *state;
	unsigned seed = 20261203;
	json_t *kept = NULL, *rebuilt = NULL;
	char day[11];
	int i, j;
	int rc;

	/* no statuses: nothing at any date */
	compare_at(fx, "2022-05-17", NULL);
	for (i = 0; i < 12; i++) {
		for (j = 0; j < 15; j++) {
			random_day(&seed, day);
			add_status(fx, states[rand_r(&seed) % 3],
			    1 + rand_r(&seed) % NLINEAGE, day,
			    rand_r(&seed) % 4);
		}
		for (j = 0; j < 12; j++) {
			random_day(&seed, day);
			compare_at(fx, day, NULL);
			compare_at(fx, day, states[j % 3]);
		}
		compare_at(fx, "2018-12-31", NULL);
		compare_at(fx, "2031-01-01", NULL);
	}
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT * FROM "
	    "status_months ORDER BY month, state_code, lineage_id", NULL, 0,
	    &kept), CCS_OK);
	svc_begin(fx);
	rc = ccs_status_months_rebuild(fx->db);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT * FROM "
	    "status_months ORDER BY month, state_code, lineage_id", NULL, 0,
	    &rebuilt), CCS_OK);
	assert_true(json_array_size(kept) > 100);
	assert_true(json_equal(kept, rebuilt));
	json_decref(kept);
	json_decref(rebuilt);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_months_agree_with_history,
		    svc_fx_setup, svc_fx_teardown),
	};

	return cmocka_run_group_tests_name("svc_status_months", tests, NULL,
	    NULL);
}

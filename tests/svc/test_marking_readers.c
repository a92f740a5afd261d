/*
 * test_marking_readers.c: the reader keys kept in marking_readers agree,
 * through SQL, with ccs_marking_view for every account of the fixture and
 * every marking the sharing services make (each TLP level, AMBER shared
 * with a state and a community, RED with named recipients, an import's
 * marking); the keys are written with the marking, dropped with an
 * import's unused one, and rebuilt identically by the backfill.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "svc/sharing/incidents.h"
#include "svc/sharing/marking.h"
#include "svc/sharing/marking_readers.h"
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

/* Whether the SQL join on @p p's keys finds marking @p id. */
static bool
sql_reads(struct svc_fx *fx, const struct ccs_principal *p, int64_t id)
{
	struct ccs_reader_keys k;
	struct ccs_val v[1 + CCS_TLP_PRINCIPAL_KEYS];
	int64_t n = -1;
	size_t i;

	ccs_marking_reader_keys(p, &k);
	v[0] = CCS_VINT(id);
	for (i = 0; i < CCS_TLP_PRINCIPAL_KEYS; i++)
		v[1 + i] = i < k.n ? CCS_VTEXT(k.key[i]) : CCS_VNULL;
	assert_int_equal(ccs_db_query_int(fx->db, "SELECT COUNT(*) FROM "
	    "marking_readers WHERE marking_id = $1 AND reader IN ($2, $3, "
	    "$4, $5, $6, $7)", v, 1 + CCS_TLP_PRINCIPAL_KEYS, &n), CCS_OK);
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
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT reader, "
	    "marking_id FROM marking_readers ORDER BY marking_id, reader",
	    NULL, 0, &before), CCS_OK);
	assert_true(json_array_size(before) > 10);
	/* the migration's request (the fixture never opens as the CLI
	 * does), then nothing asked: nothing done */
	assert_int_equal(ccs_marking_readers_backfill(fx->db, &done), CCS_OK);
	assert_int_equal(ccs_marking_readers_backfill(fx->db, &done), CCS_OK);
	assert_false(done);
	svc_begin(fx);
	rc = ccs_db_exec(fx->db, "DELETE FROM marking_readers", NULL, 0,
	    NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(fx->db, "INSERT INTO meta (k, v) VALUES "
		    "('markings.readers', 'pending')", NULL, 0, NULL, NULL);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	assert_int_equal(svc_count(fx, "FROM marking_readers"), 0);
	assert_int_equal(ccs_marking_readers_backfill(fx->db, &done), CCS_OK);
	assert_true(done);
	assert_int_equal(svc_count(fx, "FROM meta WHERE k = "
	    "'markings.readers'"), 0);
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT reader, "
	    "marking_id FROM marking_readers ORDER BY marking_id, reader",
	    NULL, 0, &after), CCS_OK);
	assert_true(json_equal(before, after));
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
	};

	return cmocka_run_group_tests_name("svc_marking_readers", tests, NULL,
	    NULL);
}

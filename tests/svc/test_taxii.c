/*
 * test_taxii.c: the TAXII service without HTTP (svc/taxii): a POST
 * through the STIX import files what it stores and lists what it refuses;
 * publishing files only what a collection's marking rules allow; and a
 * statement fault at every step of a POST or a delete leaves the store
 * exactly as it was (nothing half-written), while the run without a
 * fault stores everything.
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

#include "svc/taxii/taxii.h"
#include "svc_fixture.h"
#include "util/err.h"

#define MAX_STEPS	100000

#define ENVELOPE \
	"{\"objects\": [" \
	"{\"type\": \"malware\", \"spec_version\": \"2.1\", \"id\": " \
	"\"malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061\", \"created\": " \
	"\"2026-01-01T00:00:00.000Z\", \"modified\": " \
	"\"2026-01-01T00:00:00.000Z\", \"name\": \"a\", \"is_family\": " \
	"false}," \
	"{\"type\": \"indicator\", \"spec_version\": \"2.1\", \"id\": " \
	"\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\", \"created\": " \
	"\"2026-01-02T00:00:00.000Z\", \"modified\": " \
	"\"2026-01-02T00:00:00.000Z\", \"pattern_type\": \"stix\", " \
	"\"pattern\": \"[domain-name:value = 'svc-taxii.example']\", " \
	"\"valid_from\": \"2026-01-02T00:00:00Z\"}," \
	"{\"type\": \"malware\", \"id\": \"not-an-id\"}]}"

/* A regional collection up to TLP:AMBER that ncpoc.jm may read and
 * write; its id in @p id. */
static void
prepare(struct svc_fx *fx, char id[64])
{
	int rc;

	svc_begin(fx);
	rc = ccs_taxii_coll_add(fx->db, &fx->admin, "caricom-rcc", "Svc", NULL,
	    CCS_TLP_AMBER, fx->now, fx->now * 1000000, id, &fx->f);
	if (rc == CCS_OK)
		rc = ccs_taxii_grant(fx->db, &fx->admin, id, "user", "ncpoc.jm",
		    true, true, fx->now, &fx->f);
	if (rc != CCS_OK)
		fail_msg("prepare: %s", fx->f.message);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
}

static int
post(struct svc_fx *fx, const char *id, json_t **st)
{
	struct ccs_taxii_coll c;
	int rc;

	rc = ccs_taxii_coll_get(fx->db, &fx->ncpoc_jm, "caricom-rcc", id, &c,
	    NULL, &fx->f);
	if (rc == CCS_OK)
		rc = ccs_taxii_add(fx->db, &fx->ncpoc_jm, &c, ENVELOPE,
		    strlen(ENVELOPE), fx->now, fx->now * 1000000, st, &fx->f);
	return rc;
}

static void
test_post_status(void **state)
{
	struct svc_fx *fx = *state;
	json_t *st = NULL;
	char id[64];

	prepare(fx, id);
	svc_begin(fx);
	assert_int_equal(svc_end(fx, post(fx, id, &st)), CCS_OK);
	assert_int_equal(json_integer_value(json_object_get(st,
	    "success_count")), 2);
	assert_int_equal(json_integer_value(json_object_get(st,
	    "failure_count")), 1);
	json_decref(st);
	assert_int_equal(svc_count(fx, "FROM taxii_entries"), 2);
	/* date_added unique and increasing */
	assert_int_equal(svc_count(fx, "FROM taxii_entries a JOIN "
	    "taxii_entries b ON a.collection_id = b.collection_id AND "
	    "a.id < b.id AND a.date_added >= b.date_added"), 0);
	/* the same POST again files nothing new */
	svc_begin(fx);
	assert_int_equal(svc_end(fx, post(fx, id, &st)), CCS_OK);
	json_decref(st);
	assert_int_equal(svc_count(fx, "FROM taxii_entries"), 2);
	assert_int_equal(svc_count(fx, "FROM taxii_status"), 2);
}

/* Every statement of a POST fails in turn: nothing stays. */
static void
test_post_faults(void **state)
{
	struct svc_fx *fx = *state;
	struct svc_snap base, after;
	json_t *st = NULL;
	unsigned long n;
	char id[64];
	int rc;

	prepare(fx, id);
	svc_snap_take(fx, &base);
	for (n = 1; n < MAX_STEPS; n++) {
		svc_begin(fx);
		ccs_db_fault_arm(fx->db, n, CCS_EDB);
		rc = post(fx, id, &st);
		if (ccs_db_fault_calls(fx->db) < n) {
			ccs_db_fault_arm(fx->db, 0, CCS_OK);
			assert_int_equal(rc, CCS_OK);
			json_decref(st);
			assert_int_equal(svc_end(fx, rc), CCS_OK);
			break;
		}
		ccs_db_fault_arm(fx->db, 0, CCS_OK);
		if (rc == CCS_OK)
			fail_msg("statement fault at step %lu: the POST "
			    "returned OK", n);
		ccs_db_rollback(fx->db);
		svc_snap_take(fx, &after);
		svc_snap_assert_equal(&base, &after, "taxii post");
	}
	assert_true(n > 20 && n < MAX_STEPS);
	assert_int_equal(svc_count(fx, "FROM taxii_entries"), 2);
	svc_audit_ok(fx);
	print_message("taxii post: statement faults at steps 1..%lu: nothing "
	    "half-written\n", n - 1);
}

static void
test_publish_rules(void **state)
{
	struct svc_fx *fx = *state;
	char pub[64], nat[64];
	size_t filed = 0;
	int rc;

	svc_begin(fx);
	rc = ccs_taxii_coll_add(fx->db, &fx->admin, "public", "Open", NULL,
	    CCS_TLP_CLEAR, fx->now, fx->now * 1000000, pub, &fx->f);
	if (rc == CCS_OK)
		rc = ccs_taxii_coll_add(fx->db, &fx->admin, "bb-national",
		    "Barbados", NULL, CCS_TLP_AMBER, fx->now,
		    fx->now * 1000000, nat, &fx->f);
	if (rc == CCS_OK)	/* a public collection holds TLP:CLEAR only */
		rc = ccs_taxii_coll_add(fx->db, &fx->admin, "public", "X", NULL,
		    CCS_TLP_GREEN, fx->now, fx->now * 1000000, nat, &fx->f) ==
		    CCS_EINVAL ? CCS_OK : CCS_EDB;
	if (rc == CCS_OK)
		rc = ccs_taxii_publish(fx->db, 0, fx->now * 1000000, NULL,
		    &filed, &fx->f);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	/* whatever the seed holds, nothing above CLEAR in public, nothing
	 * from another state in Barbados' node */
	assert_int_equal(svc_count(fx, "FROM taxii_entries e JOIN markings m "
	    "ON m.id = e.marking_id JOIN taxii_collections c ON c.id = "
	    "e.collection_id WHERE c.root = 'public' AND m.tlp <> 'clear'"),
	    0);
	assert_int_equal(svc_count(fx, "FROM taxii_entries e JOIN markings m "
	    "ON m.id = e.marking_id JOIN taxii_collections c ON c.id = "
	    "e.collection_id WHERE c.root = 'bb-national' AND "
	    "COALESCE(m.src_state, '') <> 'BB'"), 0);
	assert_int_equal(svc_count(fx, "FROM taxii_entries e JOIN markings m "
	    "ON m.id = e.marking_id WHERE m.tlp IN ('red', 'amber+strict')"),
	    0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_post_status,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_post_faults,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_publish_rules,
		    svc_fx_setup, svc_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

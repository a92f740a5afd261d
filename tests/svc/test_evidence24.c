/*
 * test_evidence24.c: the preservation request service without HTTP, and
 * its multi-row writes under injected faults. Making a request (row and
 * audit event) and an Art. 30 partial disclosure (the request's row, the
 * follow-on request, a history row and two audit events) are run with
 * the Nth statement and then the Nth allocation failing, N = 1, 2, ...
 * until a run completes: every failed run must refuse, and after the
 * rollback leave every table and the audit head as they were; the clean
 * run writes all of it and the audit chain verifies.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "svc/evidence24/moves.h"
#include "svc/evidence24/reads.h"
#include "svc/evidence24/requests.h"
#include "svc_fixture.h"
#include "util/err.h"
#include "util/mem.h"

#define MAX_STEPS	4000

static const char create_body[] =
	"{\"requested_state\":\"TT\",\"requesting_authority\":\"JCF\","
	"\"requesting_contact\":\"Duty officer\",\"legal_basis\":\"art29\","
	"\"domestic_basis\":\"Cybercrimes Act s.19\",\"offence\":\"Fraud\","
	"\"facts\":\"Payment diverted.\",\"data_categories\":[\"traffic\"],"
	"\"identifiers\":[{\"kind\":\"ip\",\"value\":\"198.51.100.23\","
	"\"seen_at\":\"2025-12-01T10:00:00Z\",\"timezone\":\"-05:00\"}],"
	"\"date_from\":\"2025-11-01\",\"date_to\":\"2025-11-30\","
	"\"link_to_offence\":\"Logged in.\",\"custodian\":\"Mail Ltd\","
	"\"custodian_location\":\"Port of Spain\",\"preservation_reason\":"
	"\"Deleted after 30 days.\",\"mla_to_follow\":true,"
	"\"non_disclosure\":true,\"urgency\":\"normal\"}";

static const char disclose_body[] =
	"{\"action\":\"disclose_partly\",\"third_state\":\"GD\","
	"\"provider\":\"Isle Hosting\",\"note\":\"Path through Grenada.\"}";

typedef int (*write_fn)(struct svc_fx *, const json_t *, json_t **);

static int
do_create(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_pres_create(fx->db, &fx->ncpoc_jm, body, fx->now, out,
	    &fx->f);
}

static int
do_disclose(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_pres_move_apply(fx->db, &fx->ncpoc_tt, fx->ref[0], body,
	    fx->now, out, &fx->f);
}

static void
apply(struct svc_fx *fx, const struct ccs_principal *p, int64_t id,
    const char *text)
{
	json_t *b = svc_json(text), *out = NULL;
	int rc;

	svc_begin(fx);
	rc = ccs_pres_move_apply(fx->db, p, id, b, fx->now, &out, &fx->f);
	if (rc != CCS_OK)
		fail_msg("%s: %s", text, fx->f.message);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	json_decref(out);
	json_decref(b);
}

/* A request of JM to TT, sent and preserved; its id in fx->ref[0]. */
static void
preserved(struct svc_fx *fx)
{
	json_t *b = svc_json(create_body), *out = NULL;
	int rc;

	svc_add_contact(fx, &fx->coord, "{\"name\":\"Duty TT\",\"role\":"
	    "\"e_evidence_24x7\",\"state\":\"TT\",\"phone\":\"+1 868 555 "
	    "0100\"}");
	svc_begin(fx);
	rc = do_create(fx, b, &out);
	if (rc != CCS_OK)
		fail_msg("create: %s", fx->f.message);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	fx->ref[0] = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(b);
	apply(fx, &fx->ncpoc_jm, fx->ref[0], "{\"action\":\"send\"}");
	apply(fx, &fx->ncpoc_tt, fx->ref[0], "{\"action\":\"preserve\"}");
}

static void
sweep(struct svc_fx *fx, const char *what, write_fn fn, const char *text,
    bool mem)
{
	struct svc_snap base, full, after;
	json_t *body = svc_json(text), *out = NULL;
	unsigned long n, used;
	int rc;

	svc_snap_take(fx, &base);
	svc_begin(fx);
	rc = fn(fx, body, &out);
	if (rc != CCS_OK)
		fail_msg("%s: %s", what, fx->f.message);
	json_decref(out);
	out = NULL;
	svc_snap_take(fx, &full);
	ccs_db_rollback(fx->db);
	for (n = 1; n < MAX_STEPS; n++) {
		svc_begin(fx);
		if (mem)
			ccs_mem_fault_arm(n);
		else
			ccs_db_fault_arm(fx->db, n, CCS_EDB);
		rc = fn(fx, body, &out);
		used = mem ? ccs_mem_fault_calls() : ccs_db_fault_calls(fx->db);
		if (mem)
			ccs_mem_fault_arm(0);
		else
			ccs_db_fault_arm(fx->db, 0, CCS_OK);
		json_decref(out);
		out = NULL;
		if (used < n) {
			/* the fault was not reached: a complete run */
			assert_int_equal(rc, CCS_OK);
			svc_snap_take(fx, &after);
			svc_snap_assert_equal(&full, &after, what);
			assert_int_equal(svc_end(fx, rc), CCS_OK);
			break;
		}
		if (rc == CCS_OK) {
			/* a fault absorbed (an optional lookup): all written */
			svc_snap_take(fx, &after);
			svc_snap_assert_equal(&full, &after, what);
		}
		ccs_db_rollback(fx->db);
		svc_snap_take(fx, &after);
		svc_snap_assert_equal(&base, &after, what);
	}
	assert_true(n > 1 && n < MAX_STEPS);
	svc_audit_ok(fx);
	json_decref(body);
}

static void
test_create_faults(void **state)
{
	struct svc_fx *fx = *state;

	sweep(fx, "create (store)", do_create, create_body, false);
	sweep(fx, "create (memory)", do_create, create_body, true);
	assert_int_equal(svc_count(fx, "FROM preservation_requests"), 2);
}

static void
test_disclose_faults(void **state)
{
	struct svc_fx *fx = *state;

	preserved(fx);
	sweep(fx, "disclose_partly (store)", do_disclose, disclose_body,
	    false);
	assert_int_equal(svc_count(fx, "FROM preservation_requests WHERE "
	    "parent_id IS NOT NULL AND requested_state = 'GD'"), 1);
}

static void
test_disclose_memory_faults(void **state)
{
	struct svc_fx *fx = *state;

	preserved(fx);
	sweep(fx, "disclose_partly (memory)", do_disclose, disclose_body,
	    true);
	assert_int_equal(svc_count(fx, "FROM preservation_events"), 3);
}

/* The other side's move and a third state: refused, nothing written. */
static void
test_sides(void **state)
{
	struct svc_fx *fx = *state;
	struct svc_snap a, b;
	json_t *body, *out = NULL;
	int rc;

	preserved(fx);
	svc_snap_take(fx, &a);
	body = svc_json("{\"action\":\"fulfil\"}");
	svc_begin(fx);
	rc = ccs_pres_move_apply(fx->db, &fx->ncpoc_jm, fx->ref[0], body,
	    fx->now, &out, &fx->f);
	assert_int_equal(svc_end(fx, rc), CCS_EPERM);
	svc_begin(fx);
	rc = ccs_pres_move_apply(fx->db, &fx->cert_bb, fx->ref[0], body,
	    fx->now, &out, &fx->f);
	assert_int_equal(svc_end(fx, rc), CCS_ENOTFOUND);
	assert_string_equal(fx->f.code, "not_found");
	svc_begin(fx);
	rc = ccs_pres_get(fx->db, &fx->coord, fx->ref[0], fx->now, true,
	    "json", &out, &fx->f);
	assert_int_equal(svc_end(fx, rc), CCS_ENOTFOUND);
	svc_snap_take(fx, &b);
	svc_snap_assert_equal(&a, &b, "refused moves");
	json_decref(body);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_faults,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_disclose_faults,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_disclose_memory_faults,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_sides,
		    svc_fx_setup, svc_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

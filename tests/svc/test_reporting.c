/*
 * test_reporting.c: the public report store (svc/reporting): a report is
 * sealed at rest (its words never appear in the row), opens again with
 * the keyring that sealed it and with a rotated keyring, does not open
 * with another key or on another row, and keeps its routes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "svc/reporting/report_keys.h"
#include "svc/reporting/portal.h"
#include "svc/reporting/report_store.h"
#include "svc_fixture.h"
#include "util/err.h"

static const unsigned char key_a[32] = { 1, 2, 3 };
static const unsigned char key_b[32] = { 9, 8, 7 };

static int64_t
create(struct svc_fx *fx, struct ccs_report_keys *k, const char *contact,
    char ref[CCS_REPORT_REF_LEN])
{
	struct ccs_report_new r = {
		.category = "fraud", .state = "JM", .victim_type = "individual",
		.language = "fr",
		.body = "{\"narrative\": \"Secret words <b>here</b>\"}",
		.contact = contact, .secret_hash = "aa", .dedupe_hash = "bb",
	};
	struct ccs_report_route routes[2] = {
		{ "JM", "reporter_state" }, { "TT", "cctld:.tt" },
	};
	int64_t id = 0;

	svc_begin(fx);
	assert_int_equal(svc_end(fx, ccs_report_store_create(fx->db, k, &r,
	    routes, 2, fx->now, ref, &id)), CCS_OK);
	return id;
}

static void
test_sealed_and_opened(void **state)
{
	struct svc_fx *fx = *state;
	struct ccs_report_keys *k = ccs_report_keys_from(1, key_a);
	char ref[CCS_REPORT_REF_LEN], hash[CCS_REPORT_HASH_HEX];
	json_t *o = NULL;
	int64_t id, found = 0;

	id = create(fx, k, "{\"email\": \"ann@example.org\"}", ref);
	assert_int_equal(strlen(ref), 11);
	assert_int_equal(svc_count(fx, "FROM public_reports WHERE body_enc "
	    "LIKE '%Secret%' OR contact_enc LIKE '%ann@%'"), 0);
	assert_int_equal(svc_count(fx, "FROM public_report_routes"), 2);
	svc_begin(fx);
	assert_int_equal(ccs_report_store_get(fx->db, k, id, &o), CCS_OK);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    o, "body"), "narrative")), "Secret words <b>here</b>");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    o, "contact"), "email")), "ann@example.org");
	assert_string_equal(json_string_value(json_object_get(o, "reference")),
	    ref);
	assert_string_equal(json_string_value(json_object_get(o, "status")),
	    "submitted");
	assert_int_equal(json_array_size(json_object_get(o, "routes")), 2);
	assert_int_equal(ccs_report_store_find(fx->db, ref, &found, hash),
	    CCS_OK);
	assert_int_equal(found, id);
	assert_string_equal(hash, "aa");
	assert_int_equal(ccs_report_store_find(fx->db, "R-0000-0000", &found,
	    hash), CCS_ENOTFOUND);
	json_decref(o);
	assert_int_equal(ccs_report_store_get(fx->db, k, id + 1000, &o),
	    CCS_ENOTFOUND);
	(void)svc_end(fx, CCS_OK);
	json_decref(o);
	ccs_report_keys_free(k);
}

static void
test_other_key_or_row_refused(void **state)
{
	struct svc_fx *fx = *state;
	struct ccs_report_keys *k = ccs_report_keys_from(1, key_a);
	struct ccs_report_keys *other = ccs_report_keys_from(1, key_b);
	char ref[CCS_REPORT_REF_LEN], ref2[CCS_REPORT_REF_LEN];
	json_t *o = NULL;
	int64_t id, id2;

	id = create(fx, k, NULL, ref);
	id2 = create(fx, k, NULL, ref2);
	svc_begin(fx);
	assert_int_equal(ccs_report_store_get(fx->db, other, id, &o),
	    CCS_ECORRUPT);
	assert_null(o);
	/* A sealed body moved onto another report does not open there. */
	assert_int_equal(ccs_db_exec(fx->db, "UPDATE public_reports SET "
	    "body_enc = (SELECT body_enc FROM public_reports WHERE id = $1) "
	    "WHERE id = $2", (struct ccs_val[]){ CCS_VINT(id),
	    CCS_VINT(id2) }, 2, NULL, NULL), CCS_OK);
	assert_int_equal(ccs_report_store_get(fx->db, k, id2, &o),
	    CCS_ECORRUPT);
	assert_null(o);
	assert_int_equal(ccs_report_store_get(fx->db, k, id, &o), CCS_OK);
	assert_true(json_is_null(json_object_get(o, "contact")));
	assert_int_equal(json_integer_value(json_object_get(o, "anonymous")),
	    1);
	(void)svc_end(fx, CCS_EINVAL);
	json_decref(o);
	ccs_report_keys_free(k);
	ccs_report_keys_free(other);
}

static void
test_keyring_file_rotation(void **state)
{
	struct svc_fx *fx = *state;
	struct ccs_report_keys *k = NULL, *again = NULL;
	char path[] = "/tmp/ccs-report-keys-XXXXXX", ref[CCS_REPORT_REF_LEN];
	json_t *o = NULL;
	int64_t id;
	int fd;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	assert_int_equal(ccs_report_keys_load(path, 0, &k, NULL, 0), CCS_EIO);
	assert_int_equal(ccs_report_keys_load(path, 1, &k, NULL, 0), CCS_OK);
	assert_int_equal(ccs_report_keys_current(k), 1);
	id = create(fx, k, NULL, ref);
	assert_int_equal(ccs_report_keys_add(k, path), CCS_OK);
	assert_int_equal(ccs_report_keys_current(k), 2);
	/* Reloaded from the file: key 2 seals, key 1 still opens. */
	assert_int_equal(ccs_report_keys_load(path, 0, &again, NULL, 0),
	    CCS_OK);
	assert_int_equal(ccs_report_keys_current(again), 2);
	svc_begin(fx);
	assert_int_equal(ccs_report_store_add(fx->db, again, id, "more <i>",
	    fx->now + 5), CCS_OK);
	assert_int_equal(ccs_report_store_get(fx->db, again, id, &o), CCS_OK);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(o, "additions"), 0), "text")), "more <i>");
	(void)svc_end(fx, CCS_OK);
	json_decref(o);
	unlink(path);
	ccs_report_keys_free(k);
	ccs_report_keys_free(again);
}

/* Submits through the portal service as the public would. */
static int64_t
submit(struct svc_fx *fx, struct ccs_report_keys *k, const char *state,
    const char *urls, char ref[CCS_REPORT_REF_LEN])
{
	struct ccs_rep_input in;
	char secret[CCS_PORTAL_SECRET_LEN];
	int64_t id = 0;

	memset(&in, 0, sizeof(in));
	in.category = "fraud";
	in.state = state;
	in.victim_type = "business";
	in.what = "Invoice redirected";
	in.suspect[2] = urls;
	svc_begin(fx);
	assert_int_equal(svc_end(fx, ccs_portal_submit(fx->db, k, &in, "en",
	    "192.0.2.1", NULL, 0, "/tmp", fx->now, ref, secret, &fx->f)),
	    CCS_OK);
	svc_begin(fx);
	assert_int_equal(ccs_db_query_int(fx->db, "SELECT id FROM "
	    "public_reports WHERE reference = $1", (struct ccs_val[]){
	    CCS_VTEXT(ref) }, 1, &id), CCS_OK);
	(void)svc_end(fx, CCS_OK);
	return id;
}

static int
try_read(struct svc_fx *fx, struct ccs_report_keys *k,
    const struct ccs_principal *p, int64_t id)
{
	json_t *out = NULL;
	int rc;

	svc_begin(fx);
	rc = svc_end(fx, ccs_portal_read(fx->db, k, p, id, fx->now, &out,
	    &fx->f));
	json_decref(out);
	return rc;
}

/* Only the routed states' teams and the RIFC open a report; each read
 * is one audit event; a refusal looks like a missing report. */
static void
test_read_by_routed_team_audited(void **state)
{
	struct svc_fx *fx = *state;
	struct ccs_report_keys *k = ccs_report_keys_from(1, key_a);
	char ref[CCS_REPORT_REF_LEN];
	int64_t id, reads;

	svc_begin(fx);
	assert_int_equal(ccs_db_exec(fx->db, "INSERT INTO constituency_claims "
	    "(state_code, kind, value, status, claimed_by, created_at) VALUES "
	    "('TT', 'cctld', 'tt', 'approved', 'test', 0)", NULL, 0, NULL,
	    NULL), CCS_OK);
	(void)svc_end(fx, CCS_OK);
	id = submit(fx, k, "JM", "https://x.example.tt/pay", ref);
	assert_int_equal(try_read(fx, k, &fx->cert_jm, id), CCS_OK);
	assert_int_equal(try_read(fx, k, &fx->rifc, id), CCS_OK);
	assert_int_equal(try_read(fx, k, &fx->cert_bb, id), CCS_ENOTFOUND);
	assert_string_equal(fx->f.code, "not_found");
	assert_int_equal(try_read(fx, k, &fx->coord, id), CCS_ENOTFOUND);
	assert_int_equal(try_read(fx, k, &fx->anon, id), CCS_ENOTFOUND);
	assert_int_equal(try_read(fx, k, &fx->cert_jm, id + 99),
	    CCS_ENOTFOUND);
	reads = svc_count(fx, "FROM audit_events WHERE action = "
	    "'public_report.read'");
	assert_int_equal(reads, 2);
	/* TT's team reads it too: a reported URL is under .tt */
	assert_int_equal(svc_count(fx, "FROM public_report_routes WHERE "
	    "state = 'TT' AND reason = 'cctld:tt'"), 1);
	assert_int_equal(try_read(fx, k, &fx->ncpoc_tt, id), CCS_OK);
	svc_audit_ok(fx);
	ccs_report_keys_free(k);
}

/* A store failure at any statement of a submission leaves nothing. */
static void
test_submit_fault_sweep(void **state)
{
	struct svc_fx *fx = *state;
	struct ccs_report_keys *k = ccs_report_keys_from(1, key_a);
	struct svc_snap before, after;
	struct ccs_rep_input in;
	char ref[CCS_REPORT_REF_LEN], secret[CCS_PORTAL_SECRET_LEN];
	unsigned long nth, calls;
	int rc;

	memset(&in, 0, sizeof(in));
	in.category = "harassment";
	in.state = "BB";
	in.victim_type = "individual";
	in.what = "Threats";
	in.contact_email = "a@example.org";
	svc_snap_take(fx, &before);
	for (nth = 1;; nth++) {
		svc_begin(fx);
		ccs_db_fault_arm(fx->db, nth, CCS_EDB);
		rc = ccs_portal_submit(fx->db, k, &in, "en", "192.0.2.9", NULL,
		    0, "/tmp", fx->now, ref, secret, &fx->f);
		calls = ccs_db_fault_calls(fx->db);
		ccs_db_fault_arm(fx->db, 0, CCS_OK);
		if (rc == CCS_OK) {
			ccs_db_rollback(fx->db);
			assert_true(calls < nth);
			break;
		}
		(void)svc_end(fx, rc);
		svc_snap_take(fx, &after);
		svc_snap_assert_equal(&before, &after, "faulted submission");
	}
	assert_true(nth > 4);
	ccs_report_keys_free(k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sealed_and_opened,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_other_key_or_row_refused,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_keyring_file_rotation,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_read_by_routed_team_audited, svc_fx_setup,
		    svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_submit_fault_sweep,
		    svc_fx_setup, svc_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

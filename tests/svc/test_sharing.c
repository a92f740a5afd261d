/*
 * test_sharing.c: the rules of the sharing services, called directly:
 * the incident status workflow (forward steps, the way back to
 * investigating, closed is final, a stale version is refused), an advisory
 * acknowledged once per recipient state and only by it, and a TLP:RED
 * incident that no one but its named recipients may read or link to.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "svc/sharing/advisories.h"
#include "svc/sharing/incidents.h"
#include "svc_fixture.h"
#include "util/err.h"

#define INCIDENT "{\"title\": \"Phishing wave\", \"description\": \"Fake " \
	"tax refund pages\", \"rsit\": \"fraud:phishing\", \"severity\": " \
	"\"medium\", \"tlp\": \"green\", \"indicators\": [{\"type\": " \
	"\"domain\", \"value\": \"tax-refund-jm.com\"}]}"

static int64_t
add_incident(struct svc_fx *fx, const struct ccs_principal *p,
    const char *body)
{
	json_t *b = svc_json(body), *out = NULL;
	int64_t id;
	int rc;

	svc_begin(fx);
	rc = ccs_incident_create(fx->db, p, b, fx->now, &out, &fx->f);
	rc = svc_end(fx, rc);
	if (rc != CCS_OK)
		fail_msg("incident: %s %s", fx->f.code ? fx->f.code : "",
		    fx->f.message);
	id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(b);
	return id;
}

/* Moves incident @p id to @p status from @p version; returns the code
 * and, on success, the new version in *version. */
static int
move(struct svc_fx *fx, const struct ccs_principal *p, int64_t id,
    const char *status, int64_t *version)
{
	char body[128];
	json_t *b, *out = NULL;
	int rc;

	(void)snprintf(body, sizeof(body), "{\"version\": %lld, \"status\": "
	    "\"%s\"}", (long long)*version, status);
	b = svc_json(body);
	svc_begin(fx);
	rc = ccs_incident_update(fx->db, p, id, b, fx->now, &out, &fx->f);
	rc = svc_end(fx, rc);
	if (rc == CCS_OK) {
		assert_string_equal(json_string_value(json_object_get(out,
		    "status")), status);
		*version = json_integer_value(json_object_get(out, "version"));
	}
	json_decref(out);
	json_decref(b);
	return rc;
}

static void
test_incident_workflow(void **state)
{
	struct svc_fx *fx = *state;
	int64_t id, v = 1, stale;

	id = add_incident(fx, &fx->ncpoc_jm, INCIDENT);
	assert_int_equal(svc_count(fx, "FROM incidents WHERE status = "
	    "'reported' AND version = 1"), 1);
	/* Forward, skipping steps, is allowed. */
	assert_int_equal(move(fx, &fx->ncpoc_jm, id, "triaged", &v), CCS_OK);
	assert_int_equal(move(fx, &fx->cert_jm, id, "contained", &v), CCS_OK);
	/* Back, only to investigating, and only from contained or resolved. */
	assert_int_equal(move(fx, &fx->cert_jm, id, "triaged", &v),
	    CCS_ECONFLICT);
	assert_string_equal(fx->f.code, "invalid_transition");
	assert_int_equal(move(fx, &fx->cert_jm, id, "investigating", &v),
	    CCS_OK);
	assert_int_equal(move(fx, &fx->cert_jm, id, "reported", &v),
	    CCS_ECONFLICT);
	assert_int_equal(move(fx, &fx->rifc, id, "resolved", &v), CCS_OK);
	assert_int_equal(move(fx, &fx->rifc, id, "investigating", &v), CCS_OK);
	assert_int_equal(move(fx, &fx->rifc, id, "closed", &v), CCS_OK);
	/* Closed is final, even "back to investigating". */
	assert_int_equal(move(fx, &fx->rifc, id, "investigating", &v),
	    CCS_ECONFLICT);
	assert_string_equal(fx->f.code, "invalid_transition");
	assert_int_equal(move(fx, &fx->rifc, id, "resolved", &v),
	    CCS_ECONFLICT);
	assert_int_equal(move(fx, &fx->rifc, id, "bogus", &v), CCS_EINVAL);
	assert_string_equal(fx->f.code, "invalid_status");
	/* Staying where it is is no transition (a severity change). */
	assert_int_equal(move(fx, &fx->rifc, id, "closed", &v), CCS_OK);
	/* A writer holding an old version is refused. */
	stale = v - 1;
	assert_int_equal(move(fx, &fx->rifc, id, "closed", &stale),
	    CCS_ECONFLICT);
	assert_string_equal(fx->f.code, "stale_version");
	assert_int_equal(svc_count(fx, "FROM audit_events WHERE action = "
	    "'incident.update'"), 7);
	svc_audit_ok(fx);
}

static void
test_incident_update_scope(void **state)
{
	struct svc_fx *fx = *state;
	int64_t id, v = 1;

	id = add_incident(fx, &fx->ncpoc_jm, INCIDENT);
	/* TLP:GREEN: another state's user reads it but may not move it. */
	assert_int_equal(move(fx, &fx->ncpoc_tt, id, "triaged", &v),
	    CCS_EPERM);
	assert_int_equal(move(fx, &fx->partner, id, "triaged", &v),
	    CCS_EPERM);
	assert_int_equal(move(fx, &fx->anon, id, "triaged", &v),
	    CCS_ENOTFOUND);
	assert_int_equal(move(fx, &fx->rifc, id, "nonexistent", &v),
	    CCS_EINVAL);
	assert_int_equal(svc_count(fx, "FROM incidents WHERE version = 1"), 1);
}

static void
test_red_incident_unreadable_unlinkable(void **state)
{
	struct svc_fx *fx = *state;
	int64_t red, green, v = 1;
	json_t *out = NULL, *b;
	char body[160];
	int rc;

	red = add_incident(fx, &fx->ncpoc_jm, "{\"title\": \"Ransom note\", "
	    "\"description\": \"Ministry\", \"rsit\": \"fraud:phishing\", "
	    "\"severity\": \"high\", \"tlp\": \"red\", \"recipients\": "
	    "[\"rifc.a\"]}");
	green = add_incident(fx, &fx->ncpoc_tt, "{\"title\": \"Other\", "
	    "\"description\": \"x\", \"rsit\": \"fraud:phishing\", "
	    "\"severity\": \"low\", \"tlp\": \"green\", \"state\": \"TT\"}");
	/* Not named: "not found", never "forbidden". */
	svc_begin(fx);
	rc = ccs_incident_get(fx->db, &fx->rifc2, red, &out, &fx->f);
	assert_int_equal(svc_end(fx, rc), CCS_ENOTFOUND);
	assert_null(out);
	svc_begin(fx);
	rc = ccs_incident_get(fx->db, &fx->rifc, red, &out, &fx->f);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	json_decref(out);
	out = NULL;
	assert_int_equal(move(fx, &fx->cert_bb, red, "triaged", &v),
	    CCS_ENOTFOUND);
	/* TT may not link its report to the RED one it cannot read. */
	(void)snprintf(body, sizeof(body), "{\"version\": 1, \"related\": "
	    "[%lld]}", (long long)red);
	b = svc_json(body);
	svc_begin(fx);
	rc = ccs_incident_update(fx->db, &fx->ncpoc_tt, green, b, fx->now,
	    &out, &fx->f);
	assert_int_equal(svc_end(fx, rc), CCS_EINVAL);
	assert_string_equal(fx->f.code, "unknown_incident");
	json_decref(b);
	assert_int_equal(svc_count(fx, "FROM incident_links"), 0);
}

static int64_t
send_advisory(struct svc_fx *fx, const struct ccs_principal *p,
    const char *body)
{
	json_t *b = svc_json(body), *out = NULL;
	int64_t id;
	int rc;

	svc_begin(fx);
	rc = ccs_adv_create(fx->db, p, b, fx->now, &out, &fx->f);
	rc = svc_end(fx, rc);
	if (rc != CCS_OK)
		fail_msg("advisory: %s %s", fx->f.code ? fx->f.code : "",
		    fx->f.message);
	id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(b);
	return id;
}

static int
ack(struct svc_fx *fx, const struct ccs_principal *p, int64_t id)
{
	int rc;

	svc_begin(fx);
	rc = ccs_adv_ack(fx->db, p, id, fx->now + 60, &fx->f);
	return svc_end(fx, rc);
}

static void
test_advisory_acknowledged_once(void **state)
{
	struct svc_fx *fx = *state;
	int64_t id;

	id = send_advisory(fx, &fx->rifc, "{\"title\": \"Patch VPN\", "
	    "\"summary\": \"CVE\", \"severity\": \"high\", \"to_states\": "
	    "[\"JM\", \"BB\"], \"tlp\": \"amber\"}");
	assert_int_equal(svc_count(fx, "FROM advisory_recipients WHERE "
	    "acked_at IS NULL"), 2);
	assert_int_equal(ack(fx, &fx->ncpoc_jm, id), CCS_OK);
	/* Once per state: the state's other user and the same user again. */
	assert_int_equal(ack(fx, &fx->ncpoc_jm, id), CCS_ECONFLICT);
	assert_string_equal(fx->f.code, "already_acknowledged");
	assert_int_equal(ack(fx, &fx->cert_jm, id), CCS_ECONFLICT);
	/* TT can read nothing of an AMBER advisory not sent to it. */
	assert_int_equal(ack(fx, &fx->ncpoc_tt, id), CCS_ENOTFOUND);
	/* The sender's side acknowledges for no state. */
	assert_int_equal(ack(fx, &fx->rifc, id), CCS_EPERM);
	assert_int_equal(ack(fx, &fx->ncpoc_jm, id + 1000), CCS_ENOTFOUND);
	assert_int_equal(ack(fx, &fx->cert_bb, id), CCS_OK);
	assert_int_equal(svc_count(fx, "FROM advisory_recipients WHERE "
	    "acked_at IS NOT NULL"), 2);
	assert_int_equal(svc_count(fx, "FROM audit_events WHERE action = "
	    "'advisory.ack'"), 2);
	svc_audit_ok(fx);
}

static void
test_advisory_green_not_a_recipient(void **state)
{
	struct svc_fx *fx = *state;
	int64_t id;

	id = send_advisory(fx, &fx->cert_jm, "{\"title\": \"Scam calls\", "
	    "\"summary\": \"Fake bank\", \"severity\": \"low\", \"to_states\": "
	    "[\"BB\"], \"tlp\": \"green\"}");
	/* TT reads a GREEN advisory but was not sent it. */
	assert_int_equal(ack(fx, &fx->ncpoc_tt, id), CCS_EPERM);
	assert_string_equal(fx->f.code, "not_a_recipient");
	assert_int_equal(svc_count(fx, "FROM advisory_recipients WHERE "
	    "acked_at IS NOT NULL"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_incident_workflow,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_incident_update_scope,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_red_incident_unreadable_unlinkable, svc_fx_setup,
		    svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_advisory_acknowledged_once,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_advisory_green_not_a_recipient, svc_fx_setup,
		    svc_fx_teardown),
	};

	return cmocka_run_group_tests_name("svc_sharing", tests, NULL, NULL);
}

/*
 * test_standards.c: the rules of svc/assessments.c, called directly: a
 * state's users submit for their own state only; nobody reviews their own
 * record; a record is reviewed once; a rejection needs a reason; only a
 * validated record reaches the derived status tables.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "svc/standards/assessments.h"
#include "svc_fixture.h"
#include "util/err.h"

#define STD	"AWR-MINISTERS"
#define SUBMIT(state, as_of, level) "{\"state\": \"" state "\", " \
	"\"standard\": \"" STD "\", \"as_of\": \"" as_of "\", \"level\": " \
	#level ", \"evidence\": \"Session held\"}"

static int
try_submit(struct svc_fx *fx, const struct ccs_principal *p,
    const char *body, int64_t *id /* OUT */)
{
	json_t *b = svc_json(body), *out = NULL;
	int rc;

	svc_begin(fx);
	rc = ccs_assess_submit(fx->db, p, b, fx->now, &out, &fx->f);
	rc = svc_end(fx, rc);
	if (id != NULL)
		*id = rc == CCS_OK ? json_integer_value(json_object_get(out,
		    "id")) : 0;
	json_decref(out);
	json_decref(b);
	return rc;
}

static int
try_review(struct svc_fx *fx, const struct ccs_principal *p, int64_t id,
    bool validate, const char *reason)
{
	int rc;

	svc_begin(fx);
	rc = ccs_assess_review(fx->db, p, id, validate, reason, fx->now,
	    &fx->f);
	return svc_end(fx, rc);
}

static void
test_submit_own_state_only(void **state)
{
	struct svc_fx *fx = *state;
	int64_t id;

	assert_int_equal(try_submit(fx, &fx->ncpoc_jm, SUBMIT("TT",
	    "2025-06-01", 1), NULL), CCS_EPERM);
	assert_int_equal(try_submit(fx, &fx->partner, SUBMIT("JM",
	    "2025-06-01", 1), NULL), CCS_EPERM);
	assert_int_equal(try_submit(fx, &fx->anon, SUBMIT("JM",
	    "2025-06-01", 1), NULL), CCS_EAUTH);
	assert_int_equal(try_submit(fx, &fx->ncpoc_jm, SUBMIT("JM",
	    "2026-02-01", 1), NULL), CCS_EINVAL);
	assert_string_equal(fx->f.code, "future_date");
	assert_int_equal(try_submit(fx, &fx->ncpoc_jm, SUBMIT("JM",
	    "2025-06-01", 9), NULL), CCS_EINVAL);
	assert_string_equal(fx->f.code, "invalid_level");
	assert_int_equal(svc_count(fx, "FROM assessments"), 0);
	assert_int_equal(try_submit(fx, &fx->ncpoc_jm, SUBMIT("JM",
	    "2025-06-01", 1), &id), CCS_OK);
	assert_true(id > 0);
	/* Not reviewed yet: nothing derived. */
	assert_int_equal(svc_count(fx, "FROM status_current"), 0);
}

static void
test_review_own_submission_refused(void **state)
{
	struct svc_fx *fx = *state;
	int64_t id;

	/* An analyst submits for a state (a desk study) ... */
	assert_int_equal(try_submit(fx, &fx->rifc, "{\"state\": \"JM\", "
	    "\"standard\": \"" STD "\", \"as_of\": \"2025-06-01\", \"level\": "
	    "1, \"source\": \"comsec_2014\"}", &id), CCS_OK);
	/* ... and may neither validate nor reject it. */
	assert_int_equal(try_review(fx, &fx->rifc, id, true, NULL), CCS_EPERM);
	assert_string_equal(fx->f.code, "own_submission");
	assert_int_equal(try_review(fx, &fx->rifc, id, false, "typo"),
	    CCS_EPERM);
	assert_string_equal(fx->f.code, "own_submission");
	assert_int_equal(svc_count(fx, "FROM assessment_reviews"), 0);
	/* A state's own users do not review at all. */
	assert_int_equal(try_review(fx, &fx->ncpoc_jm, id, true, NULL),
	    CCS_EPERM);
	assert_string_equal(fx->f.code, "forbidden");
	/* Another analyst does. */
	assert_int_equal(try_review(fx, &fx->rifc2, id, true, NULL), CCS_OK);
	assert_int_equal(svc_count(fx, "FROM status_current WHERE state_code "
	    "= 'JM' AND level = 1"), 1);
	svc_audit_ok(fx);
}

static void
test_review_once_with_reason(void **state)
{
	struct svc_fx *fx = *state;
	int64_t a, b;

	assert_int_equal(try_submit(fx, &fx->cert_jm, SUBMIT("JM",
	    "2025-06-01", 1), &a), CCS_OK);
	assert_int_equal(try_submit(fx, &fx->cert_jm, SUBMIT("JM",
	    "2025-07-01", 2), &b), CCS_OK);
	assert_int_equal(try_review(fx, &fx->rifc, a, false, NULL),
	    CCS_EINVAL);
	assert_string_equal(fx->f.code, "reason_required");
	assert_int_equal(try_review(fx, &fx->rifc, a, false, ""), CCS_EINVAL);
	assert_int_equal(try_review(fx, &fx->rifc, a, false, "No evidence"),
	    CCS_OK);
	/* Once decided, neither analyst changes it. */
	assert_int_equal(try_review(fx, &fx->rifc2, a, true, NULL),
	    CCS_ECONFLICT);
	assert_string_equal(fx->f.code, "already_reviewed");
	assert_int_equal(try_review(fx, &fx->coord, b, true, NULL), CCS_OK);
	assert_int_equal(try_review(fx, &fx->rifc, b, true, NULL),
	    CCS_ECONFLICT);
	assert_int_equal(try_review(fx, &fx->rifc, 999999, true, NULL),
	    CCS_ENOTFOUND);
	/* Only the validated record is the state's status. */
	assert_int_equal(svc_count(fx, "FROM assessment_reviews"), 2);
	assert_int_equal(svc_count(fx, "FROM status_history"), 1);
	assert_int_equal(svc_count(fx, "FROM status_current WHERE level = 2 "
	    "AND as_of = '2025-07-01'"), 1);
	svc_audit_ok(fx);
}

static void
test_validated_order_keeps_latest(void **state)
{
	struct svc_fx *fx = *state;
	int64_t newer, older;

	/* Validated out of date order: status_current keeps the latest. */
	assert_int_equal(try_submit(fx, &fx->ncpoc_jm, SUBMIT("JM",
	    "2025-09-01", 2), &newer), CCS_OK);
	assert_int_equal(try_submit(fx, &fx->ncpoc_jm, SUBMIT("JM",
	    "2025-03-01", 0), &older), CCS_OK);
	assert_int_equal(try_review(fx, &fx->rifc, newer, true, NULL), CCS_OK);
	assert_int_equal(try_review(fx, &fx->rifc, older, true, NULL), CCS_OK);
	assert_int_equal(svc_count(fx, "FROM status_history"), 2);
	assert_int_equal(svc_count(fx, "FROM status_current WHERE level = 2 "
	    "AND as_of = '2025-09-01'"), 1);
}

static void
test_evidence_files_checked(void **state)
{
	struct svc_fx *fx = *state;
	static const char sha[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
	char body[512];

	(void)snprintf(body, sizeof(body), "{\"state\": \"JM\", \"standard\": "
	    "\"" STD "\", \"as_of\": \"2025-06-01\", \"level\": 1, \"files\": "
	    "[{\"sha256\": \"%s\", \"filename\": \"minutes.txt\"}]}", sha);
	assert_int_equal(try_submit(fx, &fx->ncpoc_jm, body, NULL),
	    CCS_EINVAL);
	assert_string_equal(fx->f.code, "unknown_evidence");
	svc_add_evidence(fx, &fx->ncpoc_jm, sha);
	assert_int_equal(try_submit(fx, &fx->ncpoc_jm, body, NULL), CCS_OK);
	assert_int_equal(svc_count(fx, "FROM assessment_files"), 1);
	/* The same file twice in one record. */
	(void)snprintf(body, sizeof(body), "{\"state\": \"JM\", \"standard\": "
	    "\"" STD "\", \"as_of\": \"2025-06-01\", \"level\": 1, \"files\": "
	    "[{\"sha256\": \"%s\", \"filename\": \"a.txt\"}, {\"sha256\": "
	    "\"%s\", \"filename\": \"b.txt\"}]}", sha, sha);
	assert_int_equal(try_submit(fx, &fx->ncpoc_jm, body, NULL),
	    CCS_EINVAL);
	assert_string_equal(fx->f.code, "invalid_file");
	assert_int_equal(svc_count(fx, "FROM assessments"), 1);
	svc_audit_ok(fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_submit_own_state_only,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_review_own_submission_refused, svc_fx_setup,
		    svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_review_once_with_reason,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_validated_order_keeps_latest, svc_fx_setup,
		    svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_evidence_files_checked,
		    svc_fx_setup, svc_fx_teardown),
	};

	return cmocka_run_group_tests_name("svc_standards", tests, NULL, NULL);
}

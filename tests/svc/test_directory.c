/*
 * test_directory.c: the rules of svc/directory.c, called directly: two
 * NCPOCs per state (on create and on a role change), a user writes only
 * their own state's contacts, a change needs the current version. Each
 * refusal stores nothing and each write adds one audit event.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "svc/directory/directory.h"
#include "svc_fixture.h"
#include "util/err.h"

#define NCPOC_JM(name, cat) "{\"name\": \"" name "\", \"role\": \"ncpoc\", " \
	"\"ncpoc_category\": \"" cat "\", \"state\": \"JM\", \"email\": " \
	"\"x@gov.jm\"}"

/* Tries to create @p body as @p p; returns the service's code. */
static int
try_create(struct svc_fx *fx, const struct ccs_principal *p,
    const char *body)
{
	json_t *b = svc_json(body), *out = NULL;
	int rc;

	svc_begin(fx);
	rc = ccs_dir_contact_create(fx->db, p, b, fx->now, &out, &fx->f);
	rc = svc_end(fx, rc);
	json_decref(out);
	json_decref(b);
	return rc;
}

static int
try_update(struct svc_fx *fx, const struct ccs_principal *p, int64_t id,
    const char *body)
{
	json_t *b = svc_json(body), *out = NULL;
	int rc;

	svc_begin(fx);
	rc = ccs_dir_contact_update(fx->db, p, id, b, fx->now, &out, &fx->f);
	rc = svc_end(fx, rc);
	json_decref(out);
	json_decref(b);
	return rc;
}

static void
test_ncpoc_limit_two_per_state(void **state)
{
	struct svc_fx *fx = *state;
	struct svc_snap before, after;

	(void)svc_add_contact(fx, &fx->ncpoc_jm, NCPOC_JM("Ann One",
	    "law_enforcement"));
	(void)svc_add_contact(fx, &fx->coord, NCPOC_JM("Bob Two",
	    "ict_ministry"));
	svc_snap_take(fx, &before);
	/* The third, by the state's own NCPOC and by a coordinator. */
	assert_int_equal(try_create(fx, &fx->ncpoc_jm, NCPOC_JM("Cy Three",
	    "judiciary")), CCS_ECONFLICT);
	assert_string_equal(fx->f.code, "ncpoc_limit_reached");
	assert_int_equal(try_create(fx, &fx->coord, NCPOC_JM("Cy Three",
	    "judiciary")), CCS_ECONFLICT);
	assert_string_equal(fx->f.code, "ncpoc_limit_reached");
	svc_snap_take(fx, &after);
	svc_snap_assert_equal(&before, &after, "refused third NCPOC");
	/* Other roles of the state and other states are not limited. */
	(void)svc_add_contact(fx, &fx->ncpoc_jm, "{\"name\": \"Duty\", "
	    "\"role\": \"cert_duty\", \"state\": \"JM\"}");
	(void)svc_add_contact(fx, &fx->ncpoc_tt, "{\"name\": \"Tee One\", "
	    "\"role\": \"ncpoc\", \"ncpoc_category\": \"other\", "
	    "\"state\": \"TT\"}");
	assert_int_equal(svc_count(fx, "FROM contacts WHERE role = 'ncpoc' "
	    "AND state_code = 'JM'"), 2);
	svc_audit_ok(fx);
}

static void
test_ncpoc_limit_on_role_change(void **state)
{
	struct svc_fx *fx = *state;
	int64_t a, duty;

	a = svc_add_contact(fx, &fx->ncpoc_jm, NCPOC_JM("Ann One",
	    "law_enforcement"));
	(void)svc_add_contact(fx, &fx->ncpoc_jm, NCPOC_JM("Bob Two",
	    "ict_ministry"));
	duty = svc_add_contact(fx, &fx->ncpoc_jm, "{\"name\": \"Duty\", "
	    "\"role\": \"cert_duty\", \"state\": \"JM\"}");
	/* Turning a third contact into an NCPOC is the same as adding one. */
	assert_int_equal(try_update(fx, &fx->ncpoc_jm, duty, "{\"version\": 1, "
	    "\"role\": \"ncpoc\", \"ncpoc_category\": \"other\"}"),
	    CCS_ECONFLICT);
	assert_string_equal(fx->f.code, "ncpoc_limit_reached");
	/* An NCPOC does not count against itself when it is changed. */
	assert_int_equal(try_update(fx, &fx->ncpoc_jm, a, "{\"version\": 1, "
	    "\"title\": \"Director\"}"), CCS_OK);
	assert_int_equal(svc_count(fx, "FROM contacts WHERE role = 'ncpoc' "
	    "AND state_code = 'JM'"), 2);
	assert_int_equal(svc_count(fx, "FROM contacts WHERE role = "
	    "'cert_duty'"), 1);
}

static void
test_contact_state_scope(void **state)
{
	struct svc_fx *fx = *state;
	const char *tt = "{\"name\": \"Tee\", \"role\": \"cert_duty\", "
	    "\"state\": \"TT\"}";
	int64_t id;

	assert_int_equal(try_create(fx, &fx->ncpoc_jm, tt), CCS_EPERM);
	assert_string_equal(fx->f.code, "forbidden");
	assert_int_equal(try_create(fx, &fx->cert_jm, tt), CCS_EPERM);
	assert_int_equal(try_create(fx, &fx->partner, tt), CCS_EPERM);
	assert_int_equal(try_create(fx, &fx->steering, tt), CCS_EPERM);
	assert_int_equal(try_create(fx, &fx->anon, tt), CCS_EAUTH);
	assert_string_equal(fx->f.code, "authentication_required");
	assert_int_equal(svc_count(fx, "FROM contacts"), 0);
	/* Nor may a state's user move its contact to another state. */
	id = svc_add_contact(fx, &fx->ncpoc_jm, "{\"name\": \"Duty\", "
	    "\"role\": \"cert_duty\", \"state\": \"JM\"}");
	assert_int_equal(try_update(fx, &fx->ncpoc_jm, id, "{\"version\": 1, "
	    "\"state\": \"TT\"}"), CCS_EPERM);
	assert_int_equal(try_update(fx, &fx->ncpoc_tt, id, "{\"version\": 1, "
	    "\"name\": \"Mine\"}"), CCS_EPERM);
	assert_int_equal(svc_count(fx, "FROM contacts WHERE state_code = 'JM' "
	    "AND name = 'Duty' AND version = 1"), 1);
}

static void
test_contact_version(void **state)
{
	struct svc_fx *fx = *state;
	int64_t id;

	id = svc_add_contact(fx, &fx->cert_jm, "{\"name\": \"Duty\", "
	    "\"role\": \"cert_duty\", \"state\": \"JM\"}");
	assert_int_equal(try_update(fx, &fx->cert_jm, id, "{\"name\": \"A\"}"),
	    CCS_EINVAL);
	assert_string_equal(fx->f.code, "version_required");
	assert_int_equal(try_update(fx, &fx->cert_jm, id, "{\"version\": 1, "
	    "\"name\": \"First\"}"), CCS_OK);
	/* A second writer who read version 1 is refused. */
	assert_int_equal(try_update(fx, &fx->ncpoc_jm, id, "{\"version\": 1, "
	    "\"name\": \"Second\"}"), CCS_ECONFLICT);
	assert_string_equal(fx->f.code, "version_conflict");
	assert_int_equal(svc_count(fx, "FROM contacts WHERE name = 'First' "
	    "AND version = 2"), 1);
	/* The version is the server's on create. */
	assert_int_equal(try_create(fx, &fx->cert_jm, "{\"name\": \"V\", "
	    "\"role\": \"cert_duty\", \"state\": \"JM\", \"version\": 7}"),
	    CCS_EINVAL);
	assert_string_equal(fx->f.code, "unknown_field");
	assert_int_equal(svc_count(fx, "FROM audit_events WHERE action LIKE "
	    "'contact.%'"), 2);
	svc_audit_ok(fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ncpoc_limit_two_per_state,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_ncpoc_limit_on_role_change,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_contact_state_scope,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_contact_version,
		    svc_fx_setup, svc_fx_teardown),
	};

	return cmocka_run_group_tests_name("svc_directory", tests, NULL, NULL);
}

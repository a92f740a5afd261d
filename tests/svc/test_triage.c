/*
 * test_triage.c: the triage side of public reports (svc/reporting)
 * without HTTP: who sees a report (the routed states' teams and the
 * RIFC; everyone else gets the missing report's answer), the status
 * workflow and its refusals, the priority floor, referrals that add a
 * route, the update the reporter sees, bundling by suspect identifier,
 * the queue's order, paging and clock, and conversion into an incident
 * whose indicators are the report's identifiers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "svc/reporting/clusters.h"
#include "svc/reporting/queue.h"
#include "svc/reporting/referrals.h"
#include "svc/reporting/report_keys.h"
#include "svc/reporting/report_store.h"
#include "svc/reporting/triage.h"
#include "svc/reporting/triage_access.h"
#include "svc/reporting/triage_convert.h"
#include "svc/sharing/incidents.h"
#include "svc_fixture.h"
#include "util/err.h"

static const unsigned char key_a[32] = { 4, 5, 6 };

/* A report of @p category from @p state with @p body, routed to its
 * state and to @p extra (NULL: none); created @p ago seconds before now. */
static int64_t
report(struct svc_fx *fx, struct ccs_report_keys *k, const char *state,
    const char *category, const char *body, const char *extra, int64_t ago)
{
	struct ccs_report_new r = {
		.category = category, .state = state,
		.victim_type = "individual", .language = "en", .body = body,
		.contact = NULL, .secret_hash = "aa", .dedupe_hash = "bb",
	};
	struct ccs_report_route routes[2];
	char ref[CCS_REPORT_REF_LEN];
	size_t n = 1;
	int64_t id = 0;

	memset(routes, 0, sizeof(routes));
	memcpy(routes[0].state, state, 3);
	(void)snprintf(routes[0].reason, sizeof(routes[0].reason),
	    "reporter_state");
	if (extra != NULL) {
		memcpy(routes[1].state, extra, 3);
		(void)snprintf(routes[1].reason, sizeof(routes[1].reason),
		    "cctld:.%s", "xx");
		n = 2;
	}
	svc_begin(fx);
	assert_int_equal(svc_end(fx, ccs_report_store_create(fx->db, k, &r,
	    routes, n, fx->now - ago, ref, &id)), CCS_OK);
	return id;
}

/* Runs one write, committing on success; returns the rc. */
#define RUN(fx, call) (svc_begin(fx), svc_end(fx, (call)))

static const char *
code_of(struct svc_fx *fx)
{
	return fx->f.code != NULL ? fx->f.code : "";
}

#define PHONE_BODY "{\"narrative\": \"They called me\", \"suspect\": " \
	"{\"phones\": [\"+1 (876) 555-0199\"], \"emails\": " \
	"[\"Fake@Bank-JM.example\"], \"urls\": [\"not a url\"]}}"
#define PHONE_BODY2 "{\"narrative\": \"Same caller\", \"suspect\": " \
	"{\"phones\": [\"18765550199\"], \"ips\": [\"45.77.12.9\"]}}"

/*
 * One page of JM's queue in the default order (most urgent first), of
 * @p limit rows from @p cursor (NULL: the first); *next is a copy of the
 * next cursor or NULL. The reply is new.
 */
static json_t *
queue_page(struct svc_fx *fx, struct ccs_report_keys *k,
    const struct ccs_triage_filter *flt, const char *limit,
    const char *cursor, char **next)
{
	const struct ccs_listq_def *d = &ccs_triage_list_def;
	struct ccs_keyset *ks = NULL;
	struct ccs_listq *lq = NULL;
	json_t *o = NULL;
	const char *nc;

	assert_int_equal(ccs_keyset_new(d->cols, d->ncols, d->id_expr, &ks),
	    CCS_OK);
	assert_int_equal(ccs_keyset_limit(ks, limit, &fx->f), CCS_OK);
	assert_int_equal(ccs_keyset_sort(ks, NULL, NULL, &fx->f), CCS_OK);
	assert_int_equal(ccs_keyset_cursor(ks, key_a, cursor, &fx->f),
	    CCS_OK);
	assert_int_equal(ccs_triage_query(fx->db, k, "JM", flt, fx->now, ks,
	    NULL, 0, 0, &lq, &fx->f), CCS_OK);
	assert_int_equal(ccs_listq_page(fx->db, lq, &o, &fx->f), CCS_OK);
	ccs_listq_free(lq);
	ccs_keyset_free(ks);
	nc = json_string_value(json_object_get(o, "next_cursor"));
	*next = nc != NULL ? strdup(nc) : NULL;
	return o;
}

static void
test_access_is_by_route(void **state)
{
	struct svc_fx *fx = *state;
	struct ccs_report_keys *k = ccs_report_keys_from(1, key_a);
	json_t *o = NULL;
	int64_t id;

	id = report(fx, k, "JM", "fraud", PHONE_BODY, "TT", 60);
	/* JM (reporter's state), TT (routed) and the RIFC read it. */
	assert_int_equal(RUN(fx, ccs_triage_get(fx->db, k, &fx->ncpoc_jm, id,
	    fx->now, &o, &fx->f)), CCS_OK);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    o, "body"), "narrative")), "They called me");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    o, "triage"), "priority")), "normal");
	json_decref(o);
	assert_int_equal(RUN(fx, ccs_triage_get(fx->db, k, &fx->ncpoc_tt, id,
	    fx->now, &o, &fx->f)), CCS_OK);
	json_decref(o);
	assert_int_equal(RUN(fx, ccs_triage_get(fx->db, k, &fx->rifc, id,
	    fx->now, &o, &fx->f)), CCS_OK);
	json_decref(o);
	/* Every read is in the audit trail. */
	assert_int_equal(svc_count(fx, "FROM audit_events WHERE action = "
	    "'public_report.read'"), 3);
	/* BB's team, a coordinator, an admin, a partner: as if missing. */
	assert_int_equal(RUN(fx, ccs_triage_get(fx->db, k, &fx->cert_bb, id,
	    fx->now, &o, &fx->f)), CCS_ENOTFOUND);
	assert_string_equal(code_of(fx), "not_found");
	char missing[256];
	(void)snprintf(missing, sizeof(missing), "%s", fx->f.message);
	assert_int_equal(RUN(fx, ccs_triage_get(fx->db, k, &fx->coord, id,
	    fx->now, &o, &fx->f)), CCS_ENOTFOUND);
	assert_int_equal(RUN(fx, ccs_triage_get(fx->db, k, &fx->admin, id,
	    fx->now, &o, &fx->f)), CCS_ENOTFOUND);
	assert_int_equal(RUN(fx, ccs_triage_get(fx->db, k, &fx->partner, id,
	    fx->now, &o, &fx->f)), CCS_ENOTFOUND);
	/* A missing id gets the same words, but for the number. */
	assert_int_equal(RUN(fx, ccs_triage_get(fx->db, k, &fx->cert_bb,
	    id + 100, fx->now, &o, &fx->f)), CCS_ENOTFOUND);
	assert_string_equal(code_of(fx), "not_found");
	assert_non_null(strstr(missing, "no public report"));
	assert_non_null(strstr(fx->f.message, "no public report"));
	ccs_report_keys_free(k);
}

static void
test_workflow_and_refusals(void **state)
{
	struct svc_fx *fx = *state;
	struct ccs_report_keys *k = ccs_report_keys_from(1, key_a);
	json_t *o = NULL, *b;
	int64_t id, child;

	id = report(fx, k, "JM", "fraud", PHONE_BODY, NULL, 60);
	child = report(fx, k, "JM", "child_exploitation", "{\"suspect\": "
	    "{\"urls\": [\"http://bad.example/x\"]}}", NULL, 30);
	/* Not classified yet: no referral, no conversion. */
	b = svc_json("{\"target\": \"fiu\"}");
	assert_int_equal(RUN(fx, ccs_referral_create(fx->db, k, &fx->ncpoc_jm,
	    id, b, fx->now, &o, &fx->f)), CCS_ECONFLICT);
	assert_string_equal(code_of(fx), "invalid_transition");
	json_decref(b);
	b = svc_json("{}");
	assert_int_equal(RUN(fx, ccs_triage_convert(fx->db, k, &fx->ncpoc_jm,
	    id, b, fx->now, &o, &fx->f)), CCS_ECONFLICT);
	assert_string_equal(code_of(fx), "invalid_transition");
	json_decref(b);
	/* Bad classifications store nothing. */
	b = svc_json("{\"rsit\": \"fraud:phishing\", \"priority\": "
	    "\"critical\"}");
	assert_int_equal(RUN(fx, ccs_triage_classify(fx->db, k, &fx->ncpoc_jm,
	    id, b, fx->now, &o, &fx->f)), CCS_EINVAL);
	assert_string_equal(code_of(fx), "invalid_priority");
	json_decref(b);
	b = svc_json("{\"rsit\": \"fraud:lottery\", \"priority\": \"low\"}");
	assert_int_equal(RUN(fx, ccs_triage_classify(fx->db, k, &fx->ncpoc_jm,
	    id, b, fx->now, &o, &fx->f)), CCS_EINVAL);
	assert_string_equal(code_of(fx), "invalid_rsit");
	json_decref(b);
	b = svc_json("{\"rsit\": \"abusive-content:violence\", \"priority\": "
	    "\"high\"}");
	assert_int_equal(RUN(fx, ccs_triage_classify(fx->db, k, &fx->ncpoc_jm,
	    child, b, fx->now, &o, &fx->f)), CCS_EINVAL);
	assert_string_equal(code_of(fx), "priority_below_floor");
	json_decref(b);
	b = svc_json("{\"rsit\": \"fraud:phishing\", \"priority\": \"high\", "
	    "\"imminent_harm\": true}");
	assert_int_equal(RUN(fx, ccs_triage_classify(fx->db, k, &fx->ncpoc_jm,
	    id, b, fx->now, &o, &fx->f)), CCS_EINVAL);
	assert_string_equal(code_of(fx), "priority_below_floor");
	json_decref(b);
	assert_int_equal(svc_count(fx, "FROM public_reports WHERE status = "
	    "'submitted' AND processed_at IS NULL"), 2);
	/* A good one: triaged, first triage time set. */
	b = svc_json("{\"rsit\": \"fraud:phishing\", \"priority\": \"low\"}");
	assert_int_equal(RUN(fx, ccs_triage_classify(fx->db, k, &fx->cert_jm,
	    id, b, fx->now, &o, &fx->f)), CCS_OK);
	assert_string_equal(json_string_value(json_object_get(o, "status")),
	    "triaged");
	json_decref(o);
	json_decref(b);
	assert_int_equal(svc_count(fx, "FROM public_reports WHERE status = "
	    "'triaged' AND processed_at IS NOT NULL"), 1);
	/* Referral: unknown state, another state that adds a route. */
	b = svc_json("{\"target\": \"another_state\", \"state\": \"ZZ\"}");
	assert_int_equal(RUN(fx, ccs_referral_create(fx->db, k, &fx->ncpoc_jm,
	    id, b, fx->now, &o, &fx->f)), CCS_EINVAL);
	assert_string_equal(code_of(fx), "unknown_state");
	json_decref(b);
	b = svc_json("{\"target\": \"interpol\"}");
	assert_int_equal(RUN(fx, ccs_referral_create(fx->db, k, &fx->ncpoc_jm,
	    id, b, fx->now, &o, &fx->f)), CCS_EINVAL);
	assert_string_equal(code_of(fx), "invalid_referral");
	json_decref(b);
	assert_int_equal(RUN(fx, ccs_triage_get(fx->db, k, &fx->cert_bb, id,
	    fx->now, &o, &fx->f)), CCS_ENOTFOUND);
	b = svc_json("{\"target\": \"another_state\", \"state\": \"BB\", "
	    "\"update\": \"Passed to Barbados\"}");
	assert_int_equal(RUN(fx, ccs_referral_create(fx->db, k, &fx->ncpoc_jm,
	    id, b, fx->now, &o, &fx->f)), CCS_OK);
	json_decref(o);
	json_decref(b);
	assert_int_equal(RUN(fx, ccs_triage_get(fx->db, k, &fx->cert_bb, id,
	    fx->now, &o, &fx->f)), CCS_OK);
	assert_string_equal(json_string_value(json_object_get(o, "status")),
	    "referred");
	assert_string_equal(json_string_value(json_object_get(o,
	    "reporter_update")), "Passed to Barbados");
	json_decref(o);
	b = svc_json("{\"target\": \"another_state\", \"state\": \"BB\"}");
	assert_int_equal(RUN(fx, ccs_referral_create(fx->db, k, &fx->ncpoc_jm,
	    id, b, fx->now, &o, &fx->f)), CCS_EINVAL);
	assert_string_equal(code_of(fx), "already_routed");
	json_decref(b);
	/* Close; closing again is refused, and so is a new referral. */
	b = svc_json("{\"reason\": \"Handled by Barbados\"}");
	assert_int_equal(RUN(fx, ccs_triage_close(fx->db, k, &fx->ncpoc_jm,
	    id, b, fx->now, &o, &fx->f)), CCS_OK);
	json_decref(o);
	assert_int_equal(RUN(fx, ccs_triage_close(fx->db, k, &fx->ncpoc_jm,
	    id, b, fx->now, &o, &fx->f)), CCS_ECONFLICT);
	assert_string_equal(code_of(fx), "invalid_transition");
	json_decref(b);
	ccs_report_keys_free(k);
}

static void
test_convert(void **state)
{
	struct svc_fx *fx = *state;
	struct ccs_report_keys *k = ccs_report_keys_from(1, key_a);
	json_t *o = NULL, *b, *inc = NULL, *ind;
	int64_t id, iid;
	int64_t before;

	id = report(fx, k, "JM", "fraud", PHONE_BODY, "TT", 60);
	b = svc_json("{\"rsit\": \"fraud:phishing\", \"priority\": "
	    "\"urgent\"}");
	assert_int_equal(RUN(fx, ccs_triage_classify(fx->db, k, &fx->ncpoc_tt,
	    id, b, fx->now, &o, &fx->f)), CCS_OK);
	json_decref(o);
	json_decref(b);
	/* A bad TLP refuses the conversion and leaves no incident. */
	before = svc_count(fx, "FROM incidents");
	b = svc_json("{\"tlp\": \"purple\"}");
	assert_int_not_equal(RUN(fx, ccs_triage_convert(fx->db, k,
	    &fx->ncpoc_tt, id, b, fx->now, &o, &fx->f)), CCS_OK);
	json_decref(b);
	assert_int_equal(svc_count(fx, "FROM incidents"), before);
	assert_int_equal(svc_count(fx, "FROM public_reports WHERE status = "
	    "'triaged'"), 1);
	b = svc_json("{\"update\": \"We opened a case\"}");
	assert_int_equal(RUN(fx, ccs_triage_convert(fx->db, k, &fx->ncpoc_tt,
	    id, b, fx->now, &o, &fx->f)), CCS_OK);
	json_decref(b);
	iid = json_integer_value(json_object_get(json_object_get(o,
	    "incident"), "id"));
	assert_true(iid > 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    o, "report"), "status")), "investigating");
	json_decref(o);
	/* The incident: TT's (the triager's), AMBER, RSIT and indicators of
	 * the report's valid identifiers (the phone, the e-mail, the IP of
	 * none; "not a url" left out). */
	svc_begin(fx);
	assert_int_equal(ccs_incident_get(fx->db, &fx->ncpoc_tt, iid, &inc,
	    &fx->f), CCS_OK);
	(void)svc_end(fx, CCS_OK);
	assert_string_equal(json_string_value(json_object_get(inc, "state")),
	    "TT");
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(inc, "sharing"), "tlp")), "amber");
	assert_string_equal(json_string_value(json_object_get(inc,
	    "severity")), "high");
	ind = json_object_get(inc, "indicators");
	assert_int_equal(json_array_size(ind), 2);
	json_decref(inc);
	assert_int_equal(svc_count(fx, "FROM public_report_triage WHERE "
	    "incident_id IS NOT NULL"), 1);
	assert_int_equal(svc_count(fx, "FROM public_reports WHERE "
	    "reporter_update = 'We opened a case'"), 1);
	/* Once only. */
	b = svc_json("{}");
	assert_int_equal(RUN(fx, ccs_triage_convert(fx->db, k, &fx->ncpoc_jm,
	    id, b, fx->now, &o, &fx->f)), CCS_ECONFLICT);
	assert_string_equal(code_of(fx), "invalid_transition");
	json_decref(b);
	ccs_report_keys_free(k);
}

static void
test_clusters_and_queue(void **state)
{
	struct svc_fx *fx = *state;
	struct ccs_report_keys *k = ccs_report_keys_from(1, key_a);
	struct ccs_triage_filter flt;
	json_t *o = NULL, *keys, *items;
	int64_t a, b2, c, child;
	char st[3], *next = NULL, *last = NULL;

	a = report(fx, k, "JM", "fraud", PHONE_BODY, NULL, 7200);
	b2 = report(fx, k, "JM", "fraud", PHONE_BODY2, NULL, 3600);
	c = report(fx, k, "TT", "fraud", PHONE_BODY2, NULL, 1800);
	child = report(fx, k, "JM", "child_exploitation", "{}", NULL, 60);
	/* JM sees its two reports bundled by the phone, not TT's. */
	assert_int_equal(RUN(fx, ccs_clusters_of(fx->db, k, &fx->ncpoc_jm, a,
	    fx->now, &o, &fx->f)), CCS_OK);
	keys = json_object_get(o, "keys");
	assert_int_equal(json_array_size(json_object_get(o, "report_ids")), 1);
	assert_int_equal(json_integer_value(json_array_get(json_object_get(o,
	    "report_ids"), 0)), b2);
	json_decref(o);
	(void)keys;
	/* The RIFC sees all three. */
	assert_int_equal(RUN(fx, ccs_clusters_of(fx->db, k, &fx->rifc, c,
	    fx->now, &o, &fx->f)), CCS_OK);
	assert_int_equal(json_array_size(json_object_get(o, "report_ids")), 2);
	json_decref(o);
	assert_int_equal(RUN(fx, ccs_clusters_of(fx->db, k, &fx->ncpoc_jm, c,
	    fx->now, &o, &fx->f)), CCS_ENOTFOUND);
	/* The queue of JM: child exploitation first, then oldest. */
	svc_begin(fx);
	assert_int_equal(ccs_triage_queue_state(fx->db, &fx->ncpoc_jm, NULL, st,
	    &fx->f), CCS_OK);
	assert_string_equal(st, "JM");
	assert_int_equal(ccs_triage_queue_state(fx->db, &fx->ncpoc_jm, "TT", st,
	    &fx->f), CCS_EPERM);
	memset(&flt, 0, sizeof(flt));
	o = queue_page(fx, k, &flt, "2", NULL, &next);
	items = json_object_get(o, "items");
	assert_int_equal(json_integer_value(json_object_get(o, "total")), 3);
	assert_int_equal(json_array_size(items), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    items, 0), "id")), child);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    items, 1), "id")), a);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    items, 1), "bundled_with")), 2);
	assert_non_null(next);
	json_decref(o);
	o = queue_page(fx, k, &flt, "2", next, &last);
	free(next);
	assert_int_equal(json_array_size(json_object_get(o, "items")), 1);
	assert_null(last);
	json_decref(o);
	/* Filters: older than 90 minutes; the clock. */
	flt.min_age_hours = 1;
	o = queue_page(fx, k, &flt, "50", NULL, &next);
	assert_int_equal(json_integer_value(json_object_get(o, "total")), 2);
	assert_null(next);
	json_decref(o);
	assert_int_equal(ccs_triage_clock(fx->db, "JM", fx->now, &o, &fx->f),
	    CCS_OK);
	assert_int_equal(json_integer_value(json_object_get(o, "received")),
	    3);
	assert_int_equal(json_integer_value(json_object_get(o, "untriaged")),
	    3);
	assert_int_equal(json_integer_value(json_object_get(o,
	    "oldest_untriaged_age_seconds")), 7200);
	json_decref(o);
	(void)svc_end(fx, CCS_OK);
	ccs_report_keys_free(k);
}

/* A stored body with one identifier more than a cluster id tells apart
 * (one the portal never makes) is refused by intake with a clear error,
 * and nothing of it is indexed; the queue answers again once it is gone. */
static void
test_identifier_bound(void **state)
{
	struct svc_fx *fx = *state;
	struct ccs_report_keys *k = ccs_report_keys_from(1, key_a);
	struct ccs_triage_filter flt;
	struct ccs_keyset *ks = NULL;
	struct ccs_listq *lq = NULL;
	const struct ccs_listq_def *d = &ccs_triage_list_def;
	struct ccs_val v;
	json_t *o = NULL;
	char *body, *next = NULL;
	size_t len = 0, i, cap = 64 + (size_t)(CCS_TRIAGE_KEYS_MAX + 1) * 20;
	int64_t big;

	body = malloc(cap);
	assert_non_null(body);
	len = (size_t)snprintf(body, cap, "{\"suspect\": {\"ips\": [");
	for (i = 0; i <= CCS_TRIAGE_KEYS_MAX; i++)
		len += (size_t)snprintf(body + len, cap - len,
		    "%s\"1.%zu.%zu.%zu\"", i ? "," : "", i >> 16 & 255,
		    i >> 8 & 255, i & 255);
	(void)snprintf(body + len, cap - len, "]}}");
	big = report(fx, k, "JM", "fraud", body, NULL, 60);
	free(body);
	memset(&flt, 0, sizeof(flt));
	assert_int_equal(ccs_keyset_new(d->cols, d->ncols, d->id_expr, &ks),
	    CCS_OK);
	assert_int_equal(ccs_keyset_cursor(ks, key_a, NULL, &fx->f), CCS_OK);
	svc_begin(fx);
	assert_int_equal(svc_end(fx, ccs_triage_query(fx->db, k, "JM", &flt,
	    fx->now, ks, NULL, 0, 0, &lq, &fx->f)), CCS_ECORRUPT);
	ccs_keyset_free(ks);
	assert_null(lq);
	assert_string_equal(code_of(fx), "report_too_many_identifiers");
	assert_non_null(strstr(fx->f.message, "65536"));
	assert_int_equal(svc_count(fx, "FROM public_report_identifiers"), 0);
	assert_int_equal(svc_count(fx, "FROM public_report_triage"), 0);
	/* the same on the clusters' side */
	assert_int_equal(RUN(fx, ccs_clusters_of(fx->db, k, &fx->rifc, big,
	    fx->now, &o, &fx->f)), CCS_ECORRUPT);
	assert_string_equal(code_of(fx), "report_too_many_identifiers");
	v = CCS_VINT(big);
	assert_int_equal(RUN(fx, ccs_db_exec(fx->db, "DELETE FROM "
	    "public_report_routes WHERE report_id = $1", &v, 1, NULL, NULL)),
	    CCS_OK);
	assert_int_equal(RUN(fx, ccs_db_exec(fx->db, "DELETE FROM "
	    "public_reports WHERE id = $1", &v, 1, NULL, NULL)), CCS_OK);
	(void)report(fx, k, "JM", "fraud", PHONE_BODY, NULL, 60);
	svc_begin(fx);
	o = queue_page(fx, k, &flt, "50", NULL, &next);
	(void)svc_end(fx, CCS_OK);
	assert_int_equal(json_integer_value(json_object_get(o, "total")), 1);
	json_decref(o);
	free(next);
	ccs_report_keys_free(k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_access_is_by_route,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_workflow_and_refusals,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_convert,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_clusters_and_queue,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_identifier_bound,
		    svc_fx_setup, svc_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

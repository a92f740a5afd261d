/*
 * test_incident_list.c: the incident list with the read policy in the
 * query (reader sets, issue 15) shows each principal exactly the
 * incidents ccs_marking_view lets it read: random incidents under random
 * markings by random authors, every fixture account, three sorts both
 * ways walked page by page through signed cursors (no row twice, none
 * missing, the total the policy's count, integer sorts in order), and a
 * filtered list counted the same way.
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
#include "svc/svc.h"
#include "svc_fixture.h"
#include "util/err.h"

#define N_INCIDENTS	90
#define PAGE		"7"

/* A small deterministic generator (the case must be repeatable). */
static uint32_t
next(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

static void
add_random(struct svc_fx *fx, uint32_t *seed)
{
	const struct ccs_principal *by[] = { &fx->ncpoc_jm, &fx->cert_jm,
	    &fx->ncpoc_tt, &fx->cert_bb, &fx->rifc };
	static const char *const tlps[] = { "clear", "green", "amber",
	    "amber+strict", "red" };
	static const char *const states[] = { "\"BB\"", "\"TT\"", "\"JM\"" };
	static const char *const logins[] = { "rifc.b", "ncpoc.tt",
	    "cert.bb", "cert.jm" };
	static const char *const sev[] = { "low", "medium", "high",
	    "critical" };
	const struct ccs_principal *p = by[next(seed) % 5];
	const char *tlp = tlps[next(seed) % 5];
	char extra[128] = "", body[512];
	json_t *b, *out = NULL;
	int rc;

	if (strcmp(tlp, "amber") == 0 && next(seed) % 2 == 0)
		(void)snprintf(extra, sizeof(extra), ", \"share_states\": [%s]",
		    states[next(seed) % 3]);
	if (strcmp(tlp, "red") == 0)
		(void)snprintf(extra, sizeof(extra), ", \"recipients\": "
		    "[\"%s\"]", logins[next(seed) % 4]);
	(void)snprintf(body, sizeof(body), "{\"title\": \"Case %u\", "
	    "\"description\": \"x\", \"rsit\": \"fraud:phishing\", "
	    "\"severity\": \"%s\", \"tlp\": \"%s\", \"state\": \"%s\"%s}",
	    next(seed) % 50, sev[next(seed) % 4], tlp, p->state[0] ? p->state :
	    "TT", extra);
	b = svc_json(body);
	svc_begin(fx);
	rc = ccs_incident_create(fx->db, p, b, fx->now, &out, &fx->f);
	rc = svc_end(fx, rc);
	if (rc != CCS_OK)
		fail_msg("incident %s: %s %s", body, fx->f.code ? fx->f.code :
		    "", fx->f.message);
	json_decref(out);
	json_decref(b);
}

/* The ids @p p may read by the policy in C (state @p state or any). */
static json_t *
expected(struct svc_fx *fx, const struct ccs_principal *p,
    const char *state)
{
	json_t *rows = NULL, *row, *ids = json_object();
	char k[32];
	size_t i;

	assert_int_equal(ccs_db_query_json(fx->db, "SELECT i.id, "
	    "i.state_code, " CCS_MARKING_COLS " FROM incidents i JOIN "
	    "markings m ON m.id = i.marking_id", NULL, 0, &rows), CCS_OK);
	json_array_foreach(rows, i, row) {
		if (ccs_marking_view(p, row) != CCS_TLP_FULL || (state !=
		    NULL && strcmp(state, ccs_jstr(row, "state_code")) != 0))
			continue;
		(void)snprintf(k, sizeof(k), "%lld", (long long)
		    json_integer_value(json_object_get(row, "id")));
		(void)json_object_set_new(ids, k, json_true());
	}
	json_decref(rows);
	return ids;
}

static struct ccs_keyset *
keyset(struct svc_fx *fx, const char *sort, const char *order,
    const char *cursor)
{
	static const unsigned char key[CCS_SECRET_KEY_LEN];
	struct ccs_keyset *ks = NULL;

	assert_int_equal(ccs_keyset_new(ccs_incident_list_cols,
	    ccs_incident_list_ncols, "i.id", &ks), CCS_OK);
	assert_int_equal(ccs_keyset_limit(ks, PAGE, &fx->f), CCS_OK);
	assert_int_equal(ccs_keyset_sort(ks, sort, order, &fx->f), CCS_OK);
	ccs_keyset_bind(ks, "list", "incidents");
	assert_int_equal(ccs_keyset_cursor(ks, key, cursor, &fx->f), CCS_OK);
	return ks;
}

/* Walks the whole list; checks it against @p want. */
static void
walk(struct svc_fx *fx, const struct ccs_principal *p,
    const struct ccs_incident_filter *flt, const char *sort,
    const char *order, json_t *want)
{
	json_t *seen = json_object(), *out = NULL, *it;
	char *cursor = NULL, k[32];
	int64_t prev = 0, v;
	size_t i, pages = 0;
	bool first = true;

	do {
		struct ccs_keyset *ks = keyset(fx, sort, order, cursor);

		if (ccs_incident_list(fx->db, p, flt, ks, false, &out,
		    &fx->f) != CCS_OK)
			fail_msg("%s: %s", p->login, fx->f.message);
		ccs_keyset_free(ks);
		assert_int_equal(json_integer_value(json_object_get(out,
		    "total")), json_object_size(want));
		json_array_foreach(json_object_get(out, "items"), i, it) {
			(void)snprintf(k, sizeof(k), "%lld", (long long)
			    json_integer_value(json_object_get(it, "id")));
			if (json_object_get(want, k) == NULL)
				fail_msg("%s sees incident %s", p->login, k);
			assert_null(json_object_get(seen, k));
			(void)json_object_set_new(seen, k, json_true());
			if (strcmp(sort, "reported_at") != 0)
				continue;
			v = json_integer_value(json_object_get(it, sort));
			if (!first)
				assert_true(strcmp(order, "desc") == 0 ?
				    v <= prev : v >= prev);
			prev = v;
			first = false;
		}
		free(cursor);
		cursor = NULL;
		it = json_object_get(out, "next_cursor");
		if (json_is_string(it))
			cursor = strdup(json_string_value(it));
		json_decref(out);
		out = NULL;
		assert_true(++pages < 100);
	} while (cursor != NULL);
	if (json_object_size(seen) != json_object_size(want))
		fail_msg("%s, %s %s: %zu of %zu shown", p->login, sort, order,
		    json_object_size(seen), json_object_size(want));
	json_decref(seen);
}

static void
test_every_reader_sees_what_the_policy_allows(void **state)
{
	struct svc_fx *fx = *state;
	const struct ccs_principal *who[] = {
		&fx->admin, &fx->coord, &fx->rifc, &fx->rifc2, &fx->ncpoc_jm,
		&fx->cert_jm, &fx->ncpoc_tt, &fx->cert_bb, &fx->steering,
		&fx->partner, &fx->anon
	};
	static const char *const sorts[] = { "reported_at", "title",
	    "severity" };
	struct ccs_incident_filter all, jm;
	uint32_t seed = 20261203;
	json_t *want;
	size_t i, j;
	int rc;

	for (i = 0; i < N_INCIDENTS; i++)
		add_random(fx, &seed);
	/* spread the report times (ties stay: the id breaks them) */
	svc_begin(fx);
	rc = ccs_db_exec(fx->db, "UPDATE incidents SET reported_at = "
	    "reported_at - (id * 7919) % 500", NULL, 0, NULL, NULL);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	memset(&all, 0, sizeof(all));
	memset(&jm, 0, sizeof(jm));
	jm.state = "JM";
	for (i = 0; i < sizeof(who) / sizeof(who[0]); i++) {
		want = expected(fx, who[i], NULL);
		for (j = 0; j < 3; j++) {
			walk(fx, who[i], &all, sorts[j], "desc", want);
			walk(fx, who[i], &all, sorts[j], "asc", want);
		}
		json_decref(want);
		want = expected(fx, who[i], "JM");
		walk(fx, who[i], &jm, "reported_at", "desc", want);
		json_decref(want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_every_reader_sees_what_the_policy_allows, svc_fx_setup,
		    svc_fx_teardown),
	};

	return cmocka_run_group_tests_name("svc_incident_list", tests, NULL,
	    NULL);
}

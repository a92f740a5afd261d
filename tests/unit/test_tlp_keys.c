/*
 * test_tlp_keys.c: the reader keys (core/tlp_keys.c) agree with the TLP
 * policy (core/tlp.c) on every combination below: every role, with and
 * without a user, an organisation and a state, against every level with
 * every relation of source, author, shared-with lists and recipients,
 * including lists written without their outer commas and items that only
 * share a prefix with the principal's (",JMX,", ",100,"). The principal
 * may read a record exactly when its keys meet the marking's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/tlp_keys.h"

#define MAXKEYS	32

struct keyset {
	char	k[MAXKEYS][CCS_TLP_KEY_MAX + 1];
	size_t	n;
};

static int
collect(void *arg, const char *key)
{
	struct keyset *s = arg;

	assert_true(strlen(key) <= CCS_TLP_KEY_MAX);
	assert_true(s->n < MAXKEYS);
	(void)snprintf(s->k[s->n++], sizeof(s->k[0]), "%s", key);
	return 0;
}

static bool
meet(const struct keyset *a, const struct keyset *b)
{
	size_t i, j;

	for (i = 0; i < a->n; i++) {
		for (j = 0; j < b->n; j++) {
			if (strcmp(a->k[i], b->k[j]) == 0)
				return true;
		}
	}
	return false;
}

static const enum ccs_role roles[] = {
	CCS_ROLE_ANONYMOUS, CCS_ROLE_ADMIN, CCS_ROLE_COORDINATOR,
	CCS_ROLE_RIFC_ANALYST, CCS_ROLE_NCPOC, CCS_ROLE_CERT,
	CCS_ROLE_STEERING, CCS_ROLE_PARTNER
};
static const int64_t users[] = { 0, 10, 100 };
static const int64_t orgs[] = { 0, 5, 7 };
static const char *const pstates[] = { "", "JM", "BB" };

static const char *const srcs[] = { "", "JM", NULL };
static const int64_t mauthors[] = { 0, 10, 1 };
static const int64_t morgs[] = { 0, 5 };
static const char *const slists[] = {
	"", ",BB,", ",JMX,BB,", "BB,JM,", ",JM", NULL
};
static const char *const olists[] = { "", ",7,", ",1007,10,", "7,5," };
static const char *const rlists[] = { "", ",100,", ",1,100,", "100" };

static size_t
count(size_t bytes, size_t one)
{
	return bytes / one;
}

#define N(a)	count(sizeof(a), sizeof((a)[0]))

static void
check_one(const struct ccs_principal *p, const struct keyset *pk,
    const struct ccs_marking *m, size_t *agree)
{
	struct keyset mk = { .n = 0 };
	bool policy, keys;

	assert_int_equal(ccs_tlp_marking_keys(m, collect, &mk), 0);
	policy = ccs_tlp_may_read(p, m);
	keys = meet(pk, &mk);
	if (policy != keys)
		fail_msg("disagree: role %d user %lld org %lld state '%s' / "
		    "tlp %s src '%s' author %lld org %lld states '%s' "
		    "orgs '%s' recipients '%s': policy %d keys %d", p->role,
		    (long long)p->user_id, (long long)p->org_id, p->state,
		    ccs_tlp_name(m->tlp), m->src_state ? m->src_state : "NULL",
		    (long long)m->author, (long long)m->src_org,
		    m->states ? m->states : "NULL", m->orgs, m->recipients,
		    policy, keys);
	(*agree)++;
}

static void
test_keys_agree_with_policy(void **state)
{
	struct ccs_principal p;
	struct ccs_marking m;
	struct keyset pk;
	size_t r, u, o, s, t, a, so, ms, sl, ol, rl, agree = 0, readable = 0;

	(void)state;
	for (r = 0; r < N(roles); r++)
	for (u = 0; u < N(users); u++)
	for (o = 0; o < N(orgs); o++)
	for (s = 0; s < N(pstates); s++) {
		memset(&p, 0, sizeof(p));
		p.role = roles[r];
		p.user_id = users[u];
		p.org_id = orgs[o];
		(void)snprintf(p.state, sizeof(p.state), "%s", pstates[s]);
		pk.n = 0;
		assert_int_equal(ccs_tlp_principal_keys(&p, collect, &pk), 0);
		assert_true(pk.n <= CCS_TLP_PRINCIPAL_KEYS);
		for (t = 0; t < CCS_TLP_NLEVELS; t++)
		for (ms = 0; ms < N(srcs); ms++)
		for (a = 0; a < N(mauthors); a++)
		for (so = 0; so < N(morgs); so++)
		for (sl = 0; sl < N(slists); sl++)
		for (ol = 0; ol < N(olists); ol++)
		for (rl = 0; rl < N(rlists); rl++) {
			m.tlp = (enum ccs_tlp)t;
			m.src_state = srcs[ms];
			m.author = mauthors[a];
			m.src_org = morgs[so];
			m.states = slists[sl];
			m.orgs = olists[ol];
			m.recipients = rlists[rl];
			check_one(&p, &pk, &m, &agree);
			readable += ccs_tlp_may_read(&p, &m);
		}
	}
	/* the matrix is not trivially all-yes or all-no */
	assert_true(agree > 1000000);
	assert_true(readable > agree / 10 && readable < agree / 10 * 9);
}

static int
stop_at_second(void *arg, const char *key)
{
	int *n = arg;

	(void)key;
	return ++*n == 2 ? 42 : 0;
}

static void
test_callback_stops(void **state)
{
	struct ccs_marking m = { CCS_TLP_AMBER, "JM", 5, 10, ",BB,", "", "" };
	struct ccs_principal p = { .role = CCS_ROLE_CERT, .user_id = 3,
	    .org_id = 4, .state = "JM" };
	int n = 0;

	(void)state;
	assert_int_equal(ccs_tlp_marking_keys(&m, stop_at_second, &n), 42);
	n = 0;
	assert_int_equal(ccs_tlp_principal_keys(&p, stop_at_second, &n), 42);
}

static void
test_red_and_clear_keys(void **state)
{
	struct ccs_marking m = { CCS_TLP_RED, "JM", 5, 10, ",BB,", ",7,",
	    ",20,21," };
	struct keyset k = { .n = 0 };

	(void)state;
	assert_int_equal(ccs_tlp_marking_keys(&m, collect, &k), 0);
	assert_int_equal(k.n, 3);
	assert_string_equal(k.k[0], "u:10");
	assert_string_equal(k.k[1], "u:20");
	assert_string_equal(k.k[2], "u:21");
	m.tlp = CCS_TLP_CLEAR;
	k.n = 0;
	assert_int_equal(ccs_tlp_marking_keys(&m, collect, &k), 0);
	assert_int_equal(k.n, 1);
	assert_string_equal(k.k[0], "*");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_agree_with_policy),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_red_and_clear_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_router.c: the route table and the matcher (http/router.c). Every
 * route must be reachable at its own path with its parameters filled in,
 * and a known path with another method must be told apart from an unknown
 * path (405 vs 404). The table's flags must be coherent: a JSON body only on
 * writes, no write on GET.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "conf/conf.h"
#include "http/router.h"
#include "svc/standards/assessments_csv.h"

static const char *const methods[] = {
	"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"
};
#define NMETHODS	(sizeof(methods) / sizeof(methods[0]))

/* A sample value for parameter @p name (up to the '}'). */
static const char *
sample(const char *name, size_t len)
{
	if (len == 4 && strncmp(name, "code", 4) == 0)
		return "JM";
	if (len == 2 && strncmp(name, "id", 2) == 0)
		return "42";
	return "x-1";
}

/* Fills @p out with the pattern's path; returns the parameter count. */
static size_t
path_for(const char *pattern, char *out, size_t size)
{
	const char *p = pattern, *close;
	size_t o = 0, n = 0, len;
	const char *v;

	while (*p) {
		if (*p == '{') {
			close = strchr(p, '}');
			assert_non_null(close);
			v = sample(p + 1, (size_t)(close - p - 1));
			len = strlen(v);
			assert_true(o + len < size);
			memcpy(out + o, v, len);
			o += len;
			p = close + 1;
			n++;
			continue;
		}
		assert_true(o + 1 < size);
		out[o++] = *p++;
	}
	out[o] = '\0';
	return n;
}

static void
test_table(void **state)
{
	size_t i, j, k;
	const struct ccs_route *r;
	bool ok;

	(void)state;
	assert_true(ccs_nroutes >= 20);
	for (i = 0; i < ccs_nroutes; i++) {
		r = &ccs_routes[i];
		assert_non_null(r->fn);
		assert_non_null(r->pattern);
		ok = false;
		for (k = 0; k < 5; k++)
			ok = ok || strcmp(r->method, methods[k]) == 0;
		if (!ok)
			fail_msg("%s %s: unexpected method", r->method,
			    r->pattern);
		assert_int_equal(r->pattern[0], '/');
		if (strncmp(r->pattern, "/api/v1/", 8) != 0 &&
		    strcmp(r->pattern, "/healthz") != 0 &&
		    strcmp(r->pattern, "/metrics") != 0)
			fail_msg("%s is neither under /api/v1/ nor at the root "
			    "list", r->pattern);
		if ((r->flags & CCS_R_JSON) && !(r->flags & CCS_R_WRITE))
			fail_msg("%s %s: JSON body without a write", r->method,
			    r->pattern);
		if ((r->flags & CCS_R_NOCSRF) && !(r->flags & CCS_R_WRITE))
			fail_msg("%s %s: NOCSRF on a read", r->method,
			    r->pattern);
		if (strcmp(r->method, "GET") == 0 && (r->flags & (CCS_R_WRITE |
		    CCS_R_JSON)))
			fail_msg("GET %s writes", r->pattern);
		if (strcmp(r->method, "GET") != 0 && !(r->flags & CCS_R_WRITE))
			fail_msg("%s %s is not a write", r->method, r->pattern);
		if ((r->flags & CCS_R_NODB) && r->auth != CCS_AUTH_PUBLIC)
			fail_msg("%s %s: no database but needs a user",
			    r->method, r->pattern);
		for (j = 0; j < i; j++) {
			if (strcmp(ccs_routes[j].method, r->method) == 0 &&
			    strcmp(ccs_routes[j].pattern, r->pattern) == 0)
				fail_msg("%s %s is in the table twice",
				    r->method, r->pattern);
		}
	}
}

static void
test_every_route_matches_itself(void **state)
{
	char path[256];
	struct ccs_req r;
	const struct ccs_route *got;
	const char *p, *close;
	size_t i, n;
	bool known;

	(void)state;
	for (i = 0; i < ccs_nroutes; i++) {
		n = path_for(ccs_routes[i].pattern, path, sizeof(path));
		memset(&r, 0, sizeof(r));
		known = false;
		got = ccs_router_match(ccs_routes[i].method, path, &r, &known);
		if (got != &ccs_routes[i])
			fail_msg("%s %s does not reach its own route",
			    ccs_routes[i].method, path);
		assert_true(known);
		assert_int_equal(r.nparams, n);
		for (p = strchr(got->pattern, '{'); p; p = strchr(close, '{')) {
			char name[32];

			close = strchr(p, '}');
			assert_true((size_t)(close - p - 1) < sizeof(name));
			memcpy(name, p + 1, (size_t)(close - p - 1));
			name[close - p - 1] = '\0';
			assert_non_null(ccs_req_param(&r, name));
			assert_string_equal(ccs_req_param(&r, name),
			    sample(name, strlen(name)));
		}
		/* HEAD is served by the GET route */
		if (strcmp(ccs_routes[i].method, "GET") == 0) {
			memset(&r, 0, sizeof(r));
			assert_ptr_equal(ccs_router_match("HEAD", path, &r,
			    &known), &ccs_routes[i]);
		}
	}
}

static void
test_wrong_method_is_405(void **state)
{
	char path[256];
	struct ccs_req r;
	const struct ccs_route *got;
	size_t i, j, m, nwrong = 0;
	bool known, exists;

	(void)state;
	for (i = 0; i < ccs_nroutes; i++) {
		(void)path_for(ccs_routes[i].pattern, path, sizeof(path));
		for (m = 0; m < NMETHODS; m++) {
			exists = false;
			for (j = 0; j < ccs_nroutes; j++) {
				if (strcmp(ccs_routes[j].pattern,
				    ccs_routes[i].pattern) == 0 &&
				    strcmp(ccs_routes[j].method, methods[m]) == 0)
					exists = true;
			}
			memset(&r, 0, sizeof(r));
			known = false;
			got = ccs_router_match(methods[m], path, &r, &known);
			assert_true(known);
			if (exists) {
				assert_non_null(got);
				assert_string_equal(got->pattern,
				    ccs_routes[i].pattern);
				assert_string_equal(got->method, methods[m]);
			} else {
				if (got != NULL)
					fail_msg("%s %s matched %s %s",
					    methods[m], path, got->method,
					    got->pattern);
				nwrong++;
			}
		}
		/* methods are case-sensitive tokens */
		assert_null(ccs_router_match("get", path, &r, &known));
		assert_true(known);
	}
	assert_true(nwrong > 0);
}

static void
test_unknown_paths_are_404(void **state)
{
	static const char *const paths[] = {
		"", "/", "/api", "/api/v1", "/api/v1/", "/api/v2/states",
		"/api/v1/nope", "/api/v1/states/", "/api/v1/states/JM/",
		"/api/v1/states/JM/contacts", "/api/v1/contacts//",
		"/api/v1/contacts/1/2", "/healthz/", "/HEALTHZ", "/metricsx",
		"/api/v1/session/", "/api/v1/me/totp/confirm/x",
		"/api/v1/openapi.json/", "//api/v1/states",
	};
	struct ccs_req r;
	size_t i, m;
	bool known;

	(void)state;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		for (m = 0; m < NMETHODS; m++) {
			memset(&r, 0, sizeof(r));
			known = true;
			if (ccs_router_match(methods[m], paths[i], &r, &known) !=
			    NULL)
				fail_msg("%s '%s' matched", methods[m],
				    paths[i]);
			if (known)
				fail_msg("'%s' is reported as known", paths[i]);
		}
	}
}

static void
test_parameters(void **state)
{
	char path[300], val[200];
	struct ccs_req r;
	const struct ccs_route *got;
	bool known;

	(void)state;
	/* a parameter is one whole segment, passed through as sent */
	memset(&r, 0, sizeof(r));
	got = ccs_router_match("GET", "/api/v1/contacts/%2F..", &r, &known);
	assert_non_null(got);
	assert_string_equal(ccs_req_param(&r, "id"), "%2F..");
	assert_null(ccs_req_param(&r, "i"));
	assert_null(ccs_req_param(&r, "ids"));
	assert_null(ccs_req_param(&r, "code"));

	/* 127 bytes fit the parameter buffer; 128 are refused as unknown */
	memset(val, '7', 127);
	val[127] = '\0';
	(void)snprintf(path, sizeof(path), "/api/v1/contacts/%s", val);
	memset(&r, 0, sizeof(r));
	got = ccs_router_match("GET", path, &r, &known);
	assert_non_null(got);
	assert_int_equal(strlen(ccs_req_param(&r, "id")), 127);
	memset(val, '7', 128);
	val[128] = '\0';
	(void)snprintf(path, sizeof(path), "/api/v1/contacts/%s", val);
	memset(&r, 0, sizeof(r));
	assert_null(ccs_router_match("GET", path, &r, &known));
	assert_false(known);
	assert_int_equal(r.nparams, 0);

	/* literal segments win where they exist: /me/totp is not a param */
	memset(&r, 0, sizeof(r));
	got = ccs_router_match("POST", "/api/v1/me/totp", &r, &known);
	assert_non_null(got);
	assert_string_equal(got->pattern, "/api/v1/me/totp");
	assert_int_equal(r.nparams, 0);
}

/* Each route's body limit: evidence uploads their own, the rest max_body. */
static void
test_body_limits(void **state)
{
	struct ccs_conf c;
	char path[256];
	const char *code;
	size_t i, lim;

	(void)state;
	ccs_conf_defaults(&c);
	c.max_body = 4096;
	c.evidence_max = 1 << 20;
	for (i = 0; i < ccs_nroutes; i++) {
		(void)path_for(ccs_routes[i].pattern, path, sizeof(path));
		code = NULL;
		lim = ccs_router_body_limit(ccs_routes[i].method, path, &c, &code);
		assert_non_null(code);
		if (ccs_routes[i].flags & CCS_R_IMPORT) {
			assert_int_equal(lim, CCS_IMPORT_MAX_BYTES);
			assert_string_equal(code, "import_too_large");
		} else if (ccs_routes[i].flags & CCS_R_UPLOAD) {
			assert_int_equal(lim, c.evidence_max);
			assert_string_equal(code, "evidence_too_large");
		} else {
			assert_int_equal(lim, c.max_body);
			assert_string_equal(code, "body_too_large");
		}
	}
	/* unknown paths and methods get the general limit */
	lim = ccs_router_body_limit("PUT", "/api/v1/evidence", &c, &code);
	assert_int_equal(lim, c.max_body);
	assert_string_equal(code, "body_too_large");
	lim = ccs_router_body_limit("POST", "/nowhere", &c, &code);
	assert_int_equal(lim, c.max_body);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_every_route_matches_itself),
		cmocka_unit_test(test_wrong_method_is_405),
		cmocka_unit_test(test_unknown_paths_are_404),
		cmocka_unit_test(test_parameters),
		cmocka_unit_test(test_body_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

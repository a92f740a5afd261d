/*
 * test_router.c: the domains' route tables (http/<domain>/routes.c) and the
 * matcher (http/router.c). Every route must be reachable at its own path
 * with its parameters filled in, and a known path with another method must
 * be told apart from an unknown path (405 vs 404). The tables' flags must
 * be coherent: a JSON body only on writes, no write on GET. No two routes
 * of any domains may collide: the same method and pattern twice, or two
 * patterns with as many parameters that match one path (then the order of
 * the tables would decide, and it must not). The route map the server
 * builds must answer as the plain walk of the tables does, on every
 * route's path and on near misses of each.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <microhttpd.h>

#include "conf/conf.h"
#include "http/router.h"
#include "svc/standards/assessments_csv.h"
#include "svc/taxii/taxii.h"

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
	assert_true(ccs_router_count() >= 20);
	for (i = 0; i < ccs_router_count(); i++) {
		r = ccs_router_at(i);
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
		    strcmp(r->pattern, "/metrics") != 0 &&
		    /* monitoring: the public progress page */
		    strcmp(r->pattern, "/progress") != 0 &&
		    strcmp(r->pattern, "/report") != 0 &&
		    /* sign-in without JavaScript */
		    strcmp(r->pattern, "/login") != 0 &&
		    strncmp(r->pattern, "/report/", 8) != 0 &&
		    /* the page of one stored STIX object (issue 11) */
		    strcmp(r->pattern, "/stix/{id}") != 0 &&
		    /* the TAXII 2.1 server (issue 14) */
		    strncmp(r->pattern, "/taxii2/", 8) != 0)
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
		/* an audited read is a GET of a signed-in user, nothing
		 * more: its one write is the audit event */
		if ((r->flags & CCS_R_AUDITREAD) && (strcmp(r->method, "GET") !=
		    0 || r->auth != CCS_AUTH_USER || (r->flags & (CCS_R_WRITE |
		    CCS_R_JSON | CCS_R_OPTJSON | CCS_R_NODB | CCS_R_UPLOAD))))
			fail_msg("%s %s: an audited read must be a plain GET "
			    "of a signed-in user", r->method, r->pattern);
		if (r->in != NULL && r->in->body != NULL && (!(r->flags &
		    (CCS_R_JSON | CCS_R_OPTJSON)) || r->in->nbody == NULL ||
		    *r->in->nbody == 0))
			fail_msg("%s %s: a body table without a JSON body",
			    r->method, r->pattern);
		if ((r->flags & CCS_R_NODB) && r->auth != CCS_AUTH_PUBLIC)
			fail_msg("%s %s: no database but needs a user",
			    r->method, r->pattern);
		for (j = 0; j < i; j++) {
			if (strcmp(ccs_router_at(j)->method, r->method) == 0 &&
			    strcmp(ccs_router_at(j)->pattern, r->pattern) == 0)
				fail_msg("%s %s is in the table twice",
				    r->method, r->pattern);
		}
	}
}

/*
 * Every read that leaves an audit event is an audited read, so the router
 * owns its transaction: the monitoring reports, the preservation requests,
 * the forensic requests and evidence items, and the triage of public
 * reports.
 */
static void
test_audited_reads(void **state)
{
	static const char *const audited[] = {
		"/api/v1/reports/{id}",
		"/api/v1/reports/{id}/file",
		"/api/v1/preservation-requests",
		"/api/v1/preservation-requests/{id}",
		"/api/v1/preservation-requests/{id}.pdf",
		"/api/v1/forensic-requests/{id}",
		"/api/v1/evidence-items/{id}",
		"/api/v1/evidence-items/{id}/custody",
		"/api/v1/evidence-items/{id}/custody.pdf",
		"/api/v1/public-reports",
		"/api/v1/public-reports/clusters",
		"/api/v1/public-reports/{id}",
		"/api/v1/public-reports/{id}/cluster",
	};
	const struct ccs_route *r;
	size_t i, k, seen = 0;

	(void)state;
	for (i = 0; i < ccs_router_count(); i++) {
		r = ccs_router_at(i);
		for (k = 0; k < sizeof(audited) / sizeof(audited[0]); k++) {
			if (strcmp(r->method, "GET") != 0 ||
			    strcmp(r->pattern, audited[k]) != 0)
				continue;
			seen++;
			if (!(r->flags & CCS_R_AUDITREAD))
				fail_msg("GET %s is not an audited read",
				    r->pattern);
		}
	}
	assert_int_equal(seen, sizeof(audited) / sizeof(audited[0]));
}

/*
 * The router answers a failed commit with an error after the handler has
 * replied; that error must replace the answer, not follow it: nothing of
 * the PDF (its status, type or file name) may reach the client.
 */
static void
test_error_replaces_answer(void **state)
{
	static const char pdf[] = "%PDF-1.7";
	struct ccs_req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	ccs_reply_bytes(&r, 200, "application/pdf", pdf, sizeof(pdf) - 1,
	    false);
	ccs_reply_header(&r, "Content-Disposition", "attachment; "
	    "filename=\"custody.pdf\"");
	assert_non_null(r.resp);
	assert_non_null(MHD_get_response_header(r.resp,
	    "Content-Disposition"));
	ccs_reply_error(&r, 503, "busy", "the read could not be recorded");
	assert_true(r.replied);
	assert_int_equal(r.status, 503);
	assert_non_null(r.resp);
	assert_null(MHD_get_response_header(r.resp, "Content-Disposition"));
	assert_string_equal(MHD_get_response_header(r.resp, "Content-Type"),
	    "application/json; charset=utf-8");
	MHD_destroy_response(r.resp);
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
	for (i = 0; i < ccs_router_count(); i++) {
		n = path_for(ccs_router_at(i)->pattern, path, sizeof(path));
		memset(&r, 0, sizeof(r));
		known = false;
		got = ccs_router_match(ccs_router_at(i)->method, path, &r, &known);
		if (got != ccs_router_at(i))
			fail_msg("%s %s does not reach its own route",
			    ccs_router_at(i)->method, path);
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
		if (strcmp(ccs_router_at(i)->method, "GET") == 0) {
			memset(&r, 0, sizeof(r));
			assert_ptr_equal(ccs_router_match("HEAD", path, &r,
			    &known), ccs_router_at(i));
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
	for (i = 0; i < ccs_router_count(); i++) {
		(void)path_for(ccs_router_at(i)->pattern, path, sizeof(path));
		for (m = 0; m < NMETHODS; m++) {
			exists = false;
			for (j = 0; j < ccs_router_count(); j++) {
				if (strcmp(ccs_router_at(j)->pattern,
				    ccs_router_at(i)->pattern) == 0 &&
				    strcmp(ccs_router_at(j)->method, methods[m]) == 0)
					exists = true;
			}
			memset(&r, 0, sizeof(r));
			known = false;
			got = ccs_router_match(methods[m], path, &r, &known);
			assert_true(known);
			if (exists) {
				assert_non_null(got);
				assert_string_equal(got->pattern,
				    ccs_router_at(i)->pattern);
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

/* The segments of @p pattern; each {param} must start its segment and
 * run to its end or to a literal suffix without braces ("{id}.pdf"). */
static size_t
segments(const char *pattern, const char *seg[], size_t len[], size_t max)
{
	const char *p = pattern + 1, *slash;
	size_t n = 0;

	assert_int_equal(pattern[0], '/');
	for (;;) {
		assert_true(n < max);
		slash = strchr(p, '/');
		seg[n] = p;
		len[n] = slash ? (size_t)(slash - p) : strlen(p);
		if (memchr(p, '{', len[n]) != NULL && (p[0] != '{' ||
		    memchr(p, '}', len[n]) == NULL || memchr(p + 1, '{',
		    len[n] - 1) != NULL))
			fail_msg("%s: a parameter must be a whole segment",
			    pattern);
		n++;
		if (slash == NULL)
			return n;
		p = slash + 1;
	}
}

/* True when some path matches both patterns: segment by segment, either
 * side is a parameter or both are the same literal. */
static bool
overlap(const char *a, const char *b)
{
	const char *sa[16], *sb[16];
	size_t la[16], lb[16], na, nb, k;

	na = segments(a, sa, la, 16);
	nb = segments(b, sb, lb, 16);
	if (na != nb)
		return false;
	for (k = 0; k < na; k++) {
		if (sa[k][0] == '{' || sb[k][0] == '{')
			continue;
		if (la[k] != lb[k] || memcmp(sa[k], sb[k], la[k]) != 0)
			return false;
	}
	return true;
}

/* @p p without the suffixes of its parameters ("{id}.pdf" -> "{id}"). */
static void
unsuffixed(const char *p, char *out, size_t size)
{
	size_t o = 0;

	while (*p && o + 1 < size) {
		out[o++] = *p;
		if (*p++ == '}')
			p += strcspn(p, "/");
	}
	out[o] = '\0';
}

/* True when @p a and @p b differ only by a parameter's suffix: the
 * router gives the path to the suffixed one ("{id}.pdf" over "{id}"). */
static bool
suffix_only(const char *a, const char *b)
{
	char ua[256], ub[256];

	unsuffixed(a, ua, sizeof(ua));
	unsuffixed(b, ub, sizeof(ub));
	return strcmp(ua, ub) == 0;
}

static size_t
count_params(const char *pattern)
{
	size_t n = 0;

	for (; *pattern != '\0'; pattern++)
		n += *pattern == '{';
	return n;
}

/*
 * Across all domains' tables: no (method, pattern) twice, and two patterns
 * that match one path differ in their number of parameters, so the one
 * with fewer owns the path whatever the order of the tables.
 */
static void
test_no_collisions(void **state)
{
	static const struct ccs_route_list *const lists[] = {
		&ccs_platform_routes, &ccs_directory_routes,
		&ccs_standards_routes, &ccs_sharing_routes,
		&ccs_interchange_routes, &ccs_capacity_routes,
		/* monitoring: meetings, recommendations, plan versions */
		&ccs_monitoring_meetings_routes,
		/* monitoring: reports (mon-reports) */
		&ccs_monitoring_routes,
		&ccs_reporting_routes,
		/* public report triage */
		&ccs_triage_routes,
		/* monitoring: the legal harmonisation tracker */
		&ccs_monitoring_legal_routes,
		/* 24/7 preservation requests (evidence24) */
		&ccs_evidence24_routes,
		/* forensics: pooled labs and chain of custody */
		&ccs_forensics_routes,
		/* cyber crisis management */
		&ccs_crisis_routes,
		/* TAXII 2.1 server (issue 14) */
		&ccs_taxii_routes,
	};
	const struct ccs_route *a, *b;
	size_t i, j, total = 0;

	(void)state;
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		assert_true(lists[i]->nroutes > 0);
		assert_non_null(lists[i]->domain);
		for (j = 0; j < lists[i]->nroutes; j++)
			assert_ptr_equal(ccs_router_at(total + j),
			    &lists[i]->routes[j]);
		total += lists[i]->nroutes;
	}
	/* every table is walked by the router, and only those */
	assert_int_equal(total, ccs_router_count());
	assert_null(ccs_router_at(total));
	for (i = 0; i < total; i++) {
		a = ccs_router_at(i);
		for (j = i + 1; j < total; j++) {
			b = ccs_router_at(j);
			if (strcmp(a->pattern, b->pattern) == 0) {
				if (strcmp(a->method, b->method) == 0)
					fail_msg("%s %s is declared twice",
					    a->method, a->pattern);
				continue;
			}
			if (overlap(a->pattern, b->pattern) &&
			    count_params(a->pattern) ==
			    count_params(b->pattern) &&
			    !suffix_only(a->pattern, b->pattern))
				fail_msg("%s and %s match the same paths with "
				    "as many parameters", a->pattern,
				    b->pattern);
		}
	}
	/* the checker itself */
	assert_true(overlap("/a/{x}/c", "/a/b/{y}"));
	assert_true(overlap("/a/{x}", "/a/import"));
	assert_false(overlap("/a/{x}", "/a/{x}/b"));
	assert_false(overlap("/a/b", "/a/c"));
	assert_true(suffix_only("/a/{id}", "/a/{id}.pdf"));
	assert_false(suffix_only("/a/{id}", "/a/{id}/b"));
}

/* "{id}.pdf" owns the paths ending in .pdf; "{id}" keeps the others. */
static void
test_suffixed_parameter(void **state)
{
	struct ccs_req r;
	const struct ccs_route *rt;
	bool known;

	(void)state;
	memset(&r, 0, sizeof(r));
	rt = ccs_router_match("GET", "/api/v1/preservation-requests/7.pdf",
	    &r, &known);
	assert_non_null(rt);
	assert_string_equal(rt->pattern,
	    "/api/v1/preservation-requests/{id}.pdf");
	assert_int_equal(r.nparams, 1);
	assert_string_equal(r.pvals[0], "7");
	memset(&r, 0, sizeof(r));
	rt = ccs_router_match("GET", "/api/v1/preservation-requests/7", &r,
	    &known);
	assert_non_null(rt);
	assert_string_equal(rt->pattern, "/api/v1/preservation-requests/{id}");
	assert_string_equal(r.pvals[0], "7");
	memset(&r, 0, sizeof(r));
	assert_null(ccs_router_match("GET",
	    "/api/v1/preservation-requests/.pdf/x", &r, &known));
}

/* Both matchers on @p method @p path: the map must give the walk's
 * answer, its path parameters and its 405/404 distinction. */
static void
agree(const struct ccs_router_map *m, const char *method, const char *path)
{
	struct ccs_req a, b;
	const struct ccs_route *ra, *rb;
	bool ka, kb;
	size_t i;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	ka = false;
	kb = true;
	ra = ccs_router_match(method, path, &a, &ka);
	rb = ccs_router_map_match(m, method, path, &b, &kb);
	if (ra != rb || ka != kb)
		fail_msg("%s '%s': walk %s %s (%d), map %s %s (%d)", method,
		    path, ra ? ra->method : "-", ra ? ra->pattern : "-",
		    (int)ka, rb ? rb->method : "-", rb ? rb->pattern : "-",
		    (int)kb);
	assert_int_equal(a.nparams, b.nparams);
	for (i = 0; i < a.nparams; i++) {
		assert_ptr_equal(a.pnames[i], b.pnames[i]);
		assert_string_equal(a.pvals[i], b.pvals[i]);
	}
	/* without a request to fill (the body limit's use) */
	kb = !ka;
	assert_ptr_equal(ccs_router_map_match(m, method, path, NULL, &kb), ra);
	assert_true(kb == ka);
}

static void
agree_all_methods(const struct ccs_router_map *m, const char *path,
    size_t *n /* OUT */)
{
	size_t i;

	for (i = 0; i < NMETHODS; i++)
		agree(m, methods[i], path);
	agree(m, "HEAD", path);
	agree(m, "get", path);
	*n += NMETHODS + 2;
}

/*
 * The route map (built once by the server) against the plain walk, the
 * reference: every route's own path, and near misses of it: cut at each
 * '/', one byte more or less, a segment more, each segment in turn
 * replaced by a parameter's sample, by a literal sibling ("import") and
 * emptied, the first segment after /api/v1/ lengthened and shortened.
 */
static void
test_map_agrees_with_walk(void **state)
{
	static const char *const odd[] = {
		"", "/", "//", "/api", "/api/", "/api/v1", "/api/v1/",
		"/api/v1//", "/api/v1/x", "/api/v2/states", "//api/v1/states",
		"/api/v1/states", "/api/v1/states/", "/api/v1/states/JM",
		"/api/v1/states/JM/", "/api/v1/{code}", "/API/V1/STATES",
		"/healthz", "/healthz/", "/metrics", "/metricsx", "/taxii2",
		"/taxii2/", "/taxii2/x/", "/taxii2/x/collections/",
		"/taxii2/x/collections/y/objects/", "/report", "/report/",
		"/report/figures", "/index.html", "/web/app.js",
		"/api/v1/preservation-requests/7.pdf",
		"/api/v1/preservation-requests/.pdf",
		"/api/v1/preservation-requests/7.pdf/x",
		"/api/v1/assessments/import", "/api/v1/me/totp",
		"/api/v1/zzzzzzzz", "/api/v1/a", "/api/v1/~",
	};
	static const char *const repl[] = { "x-1", "42", "import", "" };
	struct ccs_router_map *m;
	char path[300], near[700], big[300];
	const char *seg;
	size_t i, j, k, len, s, e, n = 0;

	(void)state;
	m = ccs_router_map_new();
	assert_non_null(m);
	for (i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
		agree_all_methods(m, odd[i], &n);
	/* a parameter one byte too long for its buffer */
	memset(big, '7', sizeof(big));
	(void)snprintf(path, sizeof(path), "/api/v1/contacts/%.127s", big);
	agree_all_methods(m, path, &n);
	(void)snprintf(path, sizeof(path), "/api/v1/contacts/%.128s", big);
	agree_all_methods(m, path, &n);
	for (i = 0; i < ccs_router_count(); i++) {
		(void)path_for(ccs_router_at(i)->pattern, path, sizeof(path));
		len = strlen(path);
		agree_all_methods(m, path, &n);
		for (j = 1; j <= len; j++) {
			/* every prefix: cut inside and at each segment */
			(void)snprintf(near, sizeof(near), "%.*s", (int)j,
			    path);
			agree_all_methods(m, near, &n);
		}
		(void)snprintf(near, sizeof(near), "%sx", path);
		agree_all_methods(m, near, &n);
		(void)snprintf(near, sizeof(near), "%s/", path);
		agree_all_methods(m, near, &n);
		(void)snprintf(near, sizeof(near), "%s/x-1", path);
		agree_all_methods(m, near, &n);
		(void)snprintf(near, sizeof(near), "%s.pdf", path);
		agree_all_methods(m, near, &n);
		/* each segment replaced in turn */
		for (s = 1; s < len; s = e + 1) {
			seg = strchr(path + s, '/');
			e = seg != NULL ? (size_t)(seg - path) : len;
			for (k = 0; k < sizeof(repl) / sizeof(repl[0]); k++) {
				(void)snprintf(near, sizeof(near),
				    "%.*s%s%s", (int)s, path, repl[k],
				    path + e);
				agree_all_methods(m, near, &n);
			}
			(void)snprintf(near, sizeof(near), "%.*sz%s",
			    (int)e, path, path + e);
			agree_all_methods(m, near, &n);
			if (e > s + 1) {
				(void)snprintf(near, sizeof(near),
				    "%.*s%s", (int)(e - 1), path, path + e);
				agree_all_methods(m, near, &n);
			}
			if (e >= len)
				break;
		}
	}
	/* many cases, most of them near misses */
	assert_true(n > ccs_router_count() * 20 * NMETHODS);
	ccs_router_map_free(m);
	ccs_router_map_free(NULL);
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
	for (i = 0; i < ccs_router_count(); i++) {
		(void)path_for(ccs_router_at(i)->pattern, path, sizeof(path));
		code = NULL;
		lim = ccs_router_body_limit(ccs_router_at(i)->method, path, &c,
		    &code);
		assert_non_null(code);
		if (ccs_router_at(i)->flags & CCS_R_TAXII) {
			assert_int_equal(lim, CCS_TAXII_MAX_CONTENT);
			assert_string_equal(code, "taxii_too_large");
		} else if (ccs_router_at(i)->flags & CCS_R_REPORT) {
			assert_int_equal(lim, CCS_REPORT_BODY_MAX);
			assert_string_equal(code, "report_too_large");
		} else if (ccs_router_at(i)->flags & CCS_R_IMPORT) {
			assert_int_equal(lim, CCS_IMPORT_MAX_BYTES);
			assert_string_equal(code, "import_too_large");
		} else if (ccs_router_at(i)->flags & CCS_R_UPLOAD) {
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
		cmocka_unit_test(test_audited_reads),
		cmocka_unit_test(test_error_replaces_answer),
		cmocka_unit_test(test_every_route_matches_itself),
		cmocka_unit_test(test_wrong_method_is_405),
		cmocka_unit_test(test_unknown_paths_are_404),
		cmocka_unit_test(test_parameters),
		cmocka_unit_test(test_body_limits),
		cmocka_unit_test(test_no_collisions),
		cmocka_unit_test(test_suffixed_parameter),
		cmocka_unit_test(test_map_agrees_with_walk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

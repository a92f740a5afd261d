/*
 * test_openapi.c: docs/openapi.json against the code, so the document and
 * the server cannot drift apart. Every (method, pattern) of the route
 * tables (http/<domain>/routes.c) is documented and every documented
 * operation has a route; each operation's documented body, security and
 * error statuses follow from the route's flags; the request schemas match
 * the field tables (names, types, lengths, required), both the exported
 * ones and the one each route declares; every $ref resolves; and the copy
 * compiled into the binary (served at /api/v1/openapi.json) is the file in
 * the tree.
 *
 * The path comes from meson: CCS_OPENAPI=<source root>/docs/openapi.json.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "ccs_config.h"
#include "conf/conf.h"
#include "http/router.h"
#include "svc/sharing/advisories.h"
#include "svc/standards/assessments.h"
#include "svc/sharing/communities.h"
#include "svc/directory/directory.h"
#include "svc/sharing/incidents.h"
#include "svc/sharing/indicators.h"
#include "svc/sharing/routing.h"
#include "svc/sharing/lessons.h"
#include "svc/platform/notify.h"
#include "svc/sharing/rfis.h"
#include "util/asset.h"
#include "util/jsonv.h"

static const char *const http_methods[] = {
	"get", "put", "post", "delete", "options", "head", "patch", "trace"
};
#define NHTTP	(sizeof(http_methods) / sizeof(http_methods[0]))

struct doc {
	char	*text;	/* the file */
	size_t	 len;	/* its length */
	json_t	*root;	/* parsed */
};

static int
setup(void **state)
{
	const char *path = getenv("CCS_OPENAPI");
	struct doc *d;
	json_error_t je;
	FILE *f;
	long n;

	if (path == NULL) {
		fprintf(stderr, "CCS_OPENAPI is not set (run under meson test)\n");
		return -1;
	}
	d = calloc(1, sizeof(*d));
	f = fopen(path, "rb");
	if (d == NULL || f == NULL) {
		fprintf(stderr, "%s: cannot open\n", path);
		free(d);
		if (f)
			fclose(f);
		return -1;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		free(d);
		return -1;
	}
	d->len = (size_t)n;
	d->text = malloc(d->len + 1);
	if (d->text == NULL || fread(d->text, 1, d->len, f) != d->len) {
		fclose(f);
		free(d->text);
		free(d);
		return -1;
	}
	fclose(f);
	d->text[d->len] = '\0';
	d->root = json_loadb(d->text, d->len, JSON_REJECT_DUPLICATES, &je);
	if (d->root == NULL) {
		fprintf(stderr, "%s:%d:%d: %s\n", path, je.line, je.column,
		    je.text);
		free(d->text);
		free(d);
		return -1;
	}
	*state = d;
	return 0;
}

static int
teardown(void **state)
{
	struct doc *d = *state;

	json_decref(d->root);
	free(d->text);
	free(d);
	return 0;
}

/* strcmp that is false, not a crash, when the document lacks a member. */
static bool
eq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static json_t *
get(const json_t *o, const char *key)
{
	return json_object_get(o, key);
}

static const char *
str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Resolves a local JSON pointer "#/a/b~1c"; NULL when it does not. */
static json_t *
resolve(json_t *root, const char *ref)
{
	char tok[256];
	const char *p, *end;
	json_t *cur = root;
	size_t n, i, o;

	if (strncmp(ref, "#/", 2) != 0)
		return NULL;
	for (p = ref + 2; cur != NULL && *p; p = *end ? end + 1 : end) {
		end = strchr(p, '/');
		if (end == NULL)
			end = p + strlen(p);
		n = (size_t)(end - p);
		if (n >= sizeof(tok))
			return NULL;
		for (i = 0, o = 0; i < n; i++) {
			if (p[i] == '~' && i + 1 < n && p[i + 1] == '1') {
				tok[o++] = '/';
				i++;
			} else if (p[i] == '~' && i + 1 < n && p[i + 1] == '0') {
				tok[o++] = '~';
				i++;
			} else {
				tok[o++] = p[i];
			}
		}
		tok[o] = '\0';
		cur = json_object_get(cur, tok);
	}
	return cur;
}

/* Follows one $ref if @p o is a reference object. */
static json_t *
deref(json_t *root, json_t *o)
{
	const char *ref = str(o, "$ref");

	return ref != NULL ? resolve(root, ref) : o;
}

static void
upper(const char *in, char *out, size_t size)
{
	size_t i;

	for (i = 0; in[i] && i + 1 < size; i++)
		out[i] = (char)(in[i] >= 'a' && in[i] <= 'z' ? in[i] - 32 :
		    in[i]);
	out[i] = '\0';
}

static void
lower(const char *in, char *out, size_t size)
{
	size_t i;

	for (i = 0; in[i] && i + 1 < size; i++)
		out[i] = (char)(in[i] >= 'A' && in[i] <= 'Z' ? in[i] + 32 :
		    in[i]);
	out[i] = '\0';
}

/* The pattern with every {param} replaced by "1", for routing. */
static void
sample_path(const char *pattern, char *out, size_t size)
{
	const char *p = pattern;
	size_t o = 0;

	while (*p && o + 2 < size) {
		if (*p == '{') {
			out[o++] = '1';
			p = strchr(p, '}');
			assert_non_null(p);
			p++;
			continue;
		}
		out[o++] = *p++;
	}
	out[o] = '\0';
}

static json_t *
operation(struct doc *d, const struct ccs_route *rt)
{
	char m[16];

	lower(rt->method, m, sizeof(m));
	return get(get(get(d->root, "paths"), rt->pattern), m);
}

static void
test_header(void **state)
{
	struct doc *d = *state;
	json_t *schemes;

	assert_string_equal(str(d->root, "openapi"), "3.0.3");
	assert_string_equal(str(get(d->root, "info"), "title"), "ccscap");
	/* the document's version is the program's */
	assert_string_equal(str(get(d->root, "info"), "version"), CCS_VERSION);
	assert_true(json_array_size(get(d->root, "servers")) >= 1);
	schemes = get(get(d->root, "components"), "securitySchemes");
	assert_string_equal(str(get(schemes, "sessionCookie"), "type"),
	    "apiKey");
	assert_string_equal(str(get(schemes, "sessionCookie"), "in"), "cookie");
	assert_string_equal(str(get(schemes, "sessionCookie"), "name"),
	    "ccscap_session");
	assert_string_equal(str(get(schemes, "csrfToken"), "in"), "header");
	assert_string_equal(str(get(schemes, "csrfToken"), "name"),
	    "X-CSRF-Token");
	assert_string_equal(str(get(schemes, "bearerToken"), "type"), "http");
	assert_string_equal(str(get(schemes, "bearerToken"), "scheme"),
	    "bearer");
	assert_non_null(get(get(get(d->root, "components"), "schemas"),
	    "Error"));
}

static void
test_every_route_documented(void **state)
{
	struct doc *d = *state;
	size_t i;

	for (i = 0; i < ccs_router_count(); i++) {
		if (!json_is_object(operation(d, ccs_router_at(i))))
			fail_msg("%s %s is in a route table but not in "
			    "docs/openapi.json", ccs_router_at(i)->method,
			    ccs_router_at(i)->pattern);
	}
}

static void
test_every_operation_routed(void **state)
{
	struct doc *d = *state;
	const struct ccs_route *rt;
	const char *path;
	json_t *item;
	char m[16];
	size_t i, k, nops = 0;
	bool found;

	json_object_foreach(get(d->root, "paths"), path, item) {
		for (k = 0; k < NHTTP; k++) {
			if (get(item, http_methods[k]) == NULL)
				continue;
			nops++;
			upper(http_methods[k], m, sizeof(m));
			found = false;
			for (i = 0; i < ccs_router_count() && !found; i++) {
				rt = ccs_router_at(i);
				found = strcmp(rt->method, m) == 0 &&
				    strcmp(rt->pattern, path) == 0;
			}
			if (!found)
				fail_msg("%s %s is documented but has no route",
				    m, path);
		}
	}
	assert_int_equal(nops, ccs_router_count());
}

/* True when @p op documents status @p status with the Error schema. */
static json_t *
error_response(struct doc *d, json_t *op, const char *status)
{
	json_t *r = deref(d->root, get(get(op, "responses"), status));
	json_t *schema;

	if (r == NULL)
		return NULL;
	/* server-rendered public pages answer errors as pages */
	if (get(get(r, "content"), "text/html") != NULL &&
	    get(get(r, "content"), "application/json") == NULL)
		return r;
	/* TAXII answers in its own error message shape (issue 14) */
	schema = get(get(get(r, "content"),
	    "application/taxii+json;version=2.1"), "schema");
	if (schema != NULL) {
		if (!eq(str(schema, "$ref"), "#/components/schemas/TaxiiError"))
			fail_msg("response %s does not use the TaxiiError "
			    "schema", status);
		return r;
	}
	schema = get(get(get(r, "content"), "application/json"), "schema");
	if (!eq(str(schema, "$ref"), "#/components/schemas/Error"))
		fail_msg("response %s does not use the Error schema", status);
	return r;
}

static bool
mentions(json_t *response, const char *code)
{
	char want[80];
	const char *desc = str(response, "description");

	(void)snprintf(want, sizeof(want), "`%s`", code);
	return desc != NULL && strstr(desc, want) != NULL;
}

/* Whether @p op's security lists a requirement with exactly @p a (+ @p b). */
static bool
has_security(json_t *op, const char *a, const char *b)
{
	json_t *req;
	size_t i;

	json_array_foreach(get(op, "security"), i, req) {
		size_t want = (a != NULL) + (b != NULL);

		if (json_object_size(req) != want)
			continue;
		if ((a == NULL || get(req, a) != NULL) &&
		    (b == NULL || get(req, b) != NULL))
			return true;
	}
	return false;
}

static void
test_operations_follow_flags(void **state)
{
	struct doc *d = *state;
	const struct ccs_route *rt;
	json_t *op, *r, *body, *schema, *resp;
	const char *status, *limit_code = NULL;
	struct ccs_conf conf;
	char path[256];
	size_t i;

	ccs_conf_defaults(&conf);
	for (i = 0; i < ccs_router_count(); i++) {
		rt = ccs_router_at(i);
		op = operation(d, rt);
		if (!json_is_string(get(op, "operationId")) ||
		    json_array_size(get(op, "tags")) == 0 ||
		    !json_is_array(get(op, "security")))
			fail_msg("%s %s: operationId, tags and security are "
			    "required", rt->method, rt->pattern);
		json_object_foreach(get(op, "responses"), status, resp) {
			if (status[0] == '4' || status[0] == '5')
				(void)error_response(d, op, status);
		}
		/* 413 names the code the server uses for this route's limit */
		sample_path(rt->pattern, path, sizeof(path));
		(void)ccs_router_body_limit(rt->method, path, &conf, &limit_code);
		r = error_response(d, op, "413");
		if (r == NULL || !mentions(r, limit_code))
			fail_msg("%s %s: 413 %s is missing", rt->method,
			    rt->pattern, limit_code);
		body = get(op, "requestBody");
		if (rt->flags & (CCS_R_JSON | CCS_R_OPTJSON)) {
			if (body == NULL || json_is_true(get(body, "required")) !=
			    ((rt->flags & CCS_R_JSON) != 0))
				fail_msg("%s %s takes a%s JSON body", rt->method,
				    rt->pattern, rt->flags & CCS_R_JSON ?
				    " required" : "n optional");
			schema = deref(d->root, get(get(get(body, "content"),
			    "application/json"), "schema"));
			if (schema == NULL || !json_is_false(get(schema,
			    "additionalProperties")))
				fail_msg("%s %s: the body schema must set "
				    "additionalProperties: false", rt->method,
				    rt->pattern);
			r = error_response(d, op, "400");
			if (r == NULL || !mentions(r, "invalid_json") ||
			    !mentions(r, "invalid_body"))
				fail_msg("%s %s: 400 must list invalid_json and "
				    "invalid_body", rt->method, rt->pattern);
			r = error_response(d, op, "415");
			if (r == NULL || !mentions(r, "unsupported_media_type"))
				fail_msg("%s %s: 415 missing", rt->method,
				    rt->pattern);
		} else if (rt->flags & CCS_R_TAXII) {
			/* TAXII: an envelope on POST, nothing otherwise */
			bool post = strcmp(rt->method, "POST") == 0;

			if ((body != NULL) != post || (body != NULL &&
			    get(get(body, "content"),
			    "application/taxii+json;version=2.1") == NULL))
				fail_msg("%s %s: a TAXII envelope on POST only",
				    rt->method, rt->pattern);
		} else if (rt->flags & CCS_R_REPORT) {
			if (body == NULL ||
			    !json_is_true(get(body, "required")) ||
			    get(get(body, "content"),
			    "application/x-www-form-urlencoded") == NULL)
				fail_msg("%s %s takes an HTML form body",
				    rt->method, rt->pattern);
		} else if (rt->flags & CCS_R_UPLOAD) {
			if (body == NULL || !json_is_true(get(body, "required")) ||
			    get(get(body, "content"), "application/json") != NULL ||
			    json_object_size(get(body, "content")) == 0)
				fail_msg("%s %s takes a raw (non-JSON) body",
				    rt->method, rt->pattern);
		} else if (body != NULL) {
			fail_msg("%s %s documents a body it does not read",
			    rt->method, rt->pattern);
		}
		/* TAXII reads no cookie, so there is no CSRF to check */
		if ((rt->flags & CCS_R_WRITE) && !(rt->flags & CCS_R_NOCSRF) &&
		    !(rt->flags & CCS_R_TAXII)) {
			r = error_response(d, op, "403");
			if (r == NULL || !mentions(r, "csrf_failed"))
				fail_msg("%s %s: 403 csrf_failed missing",
				    rt->method, rt->pattern);
			if (!has_security(op, "sessionCookie", "csrfToken"))
				fail_msg("%s %s: cookie writes need csrfToken",
				    rt->method, rt->pattern);
			if (has_security(op, "sessionCookie", NULL))
				fail_msg("%s %s: cookie without csrfToken",
				    rt->method, rt->pattern);
		}
		if (rt->auth == CCS_AUTH_USER) {
			r = error_response(d, op, "401");
			if (r == NULL || !mentions(r, "authentication_required"))
				fail_msg("%s %s: 401 authentication_required "
				    "missing", rt->method, rt->pattern);
			if (has_security(op, NULL, NULL))
				fail_msg("%s %s needs a user but allows "
				    "anonymous calls", rt->method, rt->pattern);
		} else if (json_array_size(get(op, "security")) != 0 &&
		    !has_security(op, NULL, NULL)) {
			fail_msg("%s %s is public but requires credentials",
			    rt->method, rt->pattern);
		}
		if (!(rt->flags & CCS_R_NODB)) {
			r = error_response(d, op, "503");
			if (r == NULL || !mentions(r, "busy"))
				fail_msg("%s %s: 503 busy missing", rt->method,
				    rt->pattern);
		}
	}
}

static void
test_path_parameters(void **state)
{
	struct doc *d = *state;
	const struct ccs_route *rt;
	json_t *item, *op, *lists[2], *p;
	const char *s, *close;
	char name[32];
	size_t i, k, j, nparams, ndoc;
	bool found;

	for (i = 0; i < ccs_router_count(); i++) {
		rt = ccs_router_at(i);
		item = get(get(d->root, "paths"), rt->pattern);
		op = operation(d, rt);
		lists[0] = get(item, "parameters");
		lists[1] = get(op, "parameters");
		nparams = 0;
		for (s = strchr(rt->pattern, '{'); s; s = strchr(close, '{')) {
			close = strchr(s, '}');
			memcpy(name, s + 1, (size_t)(close - s - 1));
			name[close - s - 1] = '\0';
			nparams++;
			found = false;
			for (k = 0; k < 2; k++) {
				json_array_foreach(lists[k], j, p) {
					p = deref(d->root, p);
					if (eq(str(p, "in"), "path") &&
					    eq(str(p, "name"), name) &&
					    json_is_true(get(p, "required")))
						found = true;
				}
			}
			if (!found)
				fail_msg("%s %s: path parameter '%s' is not "
				    "documented", rt->method, rt->pattern, name);
		}
		ndoc = 0;
		for (k = 0; k < 2; k++) {
			json_array_foreach(lists[k], j, p) {
				if (eq(str(deref(d->root, p), "in"), "path"))
					ndoc++;
			}
		}
		if (ndoc != nparams)
			fail_msg("%s %s: %zu path parameters documented, %zu in "
			    "the pattern", rt->method, rt->pattern, ndoc,
			    nparams);
	}
}

/* Walks the whole document; every "$ref" must point somewhere. */
static void
check_refs(json_t *root, json_t *node, size_t *n)
{
	const char *key;
	json_t *v;
	size_t i;

	if (json_is_object(node)) {
		json_object_foreach(node, key, v) {
			if (strcmp(key, "$ref") == 0) {
				if (!json_is_string(v) || resolve(root,
				    json_string_value(v)) == NULL)
					fail_msg("dangling $ref %s",
					    json_string_value(v));
				(*n)++;
			} else {
				check_refs(root, v, n);
			}
		}
	} else if (json_is_array(node)) {
		json_array_foreach(node, i, v)
			check_refs(root, v, n);
	}
}

static void
test_refs_resolve(void **state)
{
	struct doc *d = *state;
	size_t n = 0;

	check_refs(d->root, d->root, &n);
	assert_true(n > 20);
}

/* The schema of @p method @p path's request body. */
static json_t *
body_schema(struct doc *d, const char *path, const char *method)
{
	json_t *op = get(get(get(d->root, "paths"), path), method);

	return deref(d->root, get(get(get(get(op, "requestBody"), "content"),
	    "application/json"), "schema"));
}

static bool
in_required(json_t *schema, const char *name)
{
	json_t *v;
	size_t i;

	json_array_foreach(get(schema, "required"), i, v) {
		if (eq(json_string_value(v), name))
			return true;
	}
	return false;
}

/*
 * Compares @p schema with the field table. A create (not @p partial)
 * refuses a CCS_J_VERSION field: it is documented by leaving it out.
 */
static void
same_as_table(json_t *schema, const struct ccs_jfield *t, size_t n,
    bool partial, const char *what)
{
	json_t *props = get(schema, "properties"), *p;
	const char *type;
	size_t i, want = 0;

	assert_non_null(props);
	for (i = 0; i < n; i++) {
		if (t[i].type == CCS_J_VERSION && !partial) {
			if (get(props, t[i].name) != NULL)
				fail_msg("%s: '%s' is refused by the server but "
				    "documented", what, t[i].name);
			continue;
		}
		want++;
		p = get(props, t[i].name);
		if (p == NULL)
			fail_msg("%s: field '%s' is not documented", what,
			    t[i].name);
		type = str(p, "type");
		switch (t[i].type) {
		case CCS_J_STRING:
		case CCS_J_NULLSTR:
			if (!eq(type, "string"))
				fail_msg("%s.%s: type %s, want string", what,
				    t[i].name, type ? type : "(none)");
			if (json_is_true(get(p, "nullable")) !=
			    (t[i].type == CCS_J_NULLSTR))
				fail_msg("%s.%s: nullable is wrong", what,
				    t[i].name);
			if (t[i].max_len != 0 && json_integer_value(get(p,
			    "maxLength")) != (json_int_t)t[i].max_len)
				fail_msg("%s.%s: maxLength %lld, code says %zu",
				    what, t[i].name, (long long)
				    json_integer_value(get(p, "maxLength")),
				    t[i].max_len);
			if (json_integer_value(get(p, "minLength")) !=
			    (json_int_t)t[i].min_len)
				fail_msg("%s.%s: minLength %lld, code says %zu",
				    what, t[i].name, (long long)
				    json_integer_value(get(p, "minLength")),
				    t[i].min_len);
			break;
		case CCS_J_INT:
		case CCS_J_VERSION:
			if (!eq(type, "integer") ||
			    json_is_true(get(p, "nullable")))
				fail_msg("%s.%s: want a non-null integer", what,
				    t[i].name);
			break;
		case CCS_J_NULLINT:
			if (!eq(type, "integer") ||
			    !json_is_true(get(p, "nullable")))
				fail_msg("%s.%s: want a nullable integer", what,
				    t[i].name);
			break;
		case CCS_J_BOOL:
			if (!eq(type, "boolean"))
				fail_msg("%s.%s: want boolean", what, t[i].name);
			break;
		case CCS_J_ARRAY:
			if (!eq(type, "array"))
				fail_msg("%s.%s: want array", what, t[i].name);
			if (t[i].max_len != 0 && json_integer_value(get(p,
			    "maxItems")) != (json_int_t)t[i].max_len)
				fail_msg("%s.%s: maxItems %lld, code says %zu",
				    what, t[i].name, (long long)
				    json_integer_value(get(p, "maxItems")),
				    t[i].max_len);
			break;
		case CCS_J_OBJECT:
			if (!eq(type, "object"))
				fail_msg("%s.%s: want object", what, t[i].name);
			break;
		}
		if (in_required(schema, t[i].name) != (t[i].required &&
		    !partial))
			fail_msg("%s.%s: 'required' does not match the code",
			    what, t[i].name);
	}
	if (json_object_size(props) != want)
		fail_msg("%s: documents %zu fields, the code accepts %zu", what,
		    json_object_size(props), want);
	if (!json_is_false(get(schema, "additionalProperties")))
		fail_msg("%s: additionalProperties must be false", what);
}

static void
test_bodies_match_field_tables(void **state)
{
	struct doc *d = *state;

	same_as_table(body_schema(d, "/api/v1/contacts", "post"),
	    ccs_contact_fields, ccs_contact_nfields, false,
	    "POST /api/v1/contacts");
	same_as_table(body_schema(d, "/api/v1/contacts/{id}", "patch"),
	    ccs_contact_fields, ccs_contact_nfields, true,
	    "PATCH /api/v1/contacts/{id}");
	same_as_table(body_schema(d, "/api/v1/organisations", "post"),
	    ccs_org_fields, ccs_org_nfields, false,
	    "POST /api/v1/organisations");
	same_as_table(body_schema(d, "/api/v1/assessments", "post"),
	    ccs_assessment_fields, ccs_assessment_nfields, false,
	    "POST /api/v1/assessments");
	same_as_table(body_schema(d, "/api/v1/incidents", "post"),
	    ccs_incident_fields, ccs_incident_nfields, false,
	    "POST /api/v1/incidents");
	same_as_table(body_schema(d, "/api/v1/incidents/{id}", "patch"),
	    ccs_incident_patch_fields, ccs_incident_patch_nfields, false,
	    "PATCH /api/v1/incidents/{id}");
	same_as_table(body_schema(d, "/api/v1/indicators", "post"),
	    ccs_ind_report_fields, ccs_ind_report_nfields, false,
	    "POST /api/v1/indicators");
	same_as_table(body_schema(d, "/api/v1/constituencies", "post"),
	    ccs_claim_fields, ccs_claim_nfields, false,
	    "POST /api/v1/constituencies");
	/* information sharing */
	same_as_table(body_schema(d, "/api/v1/advisories", "post"),
	    ccs_advisory_fields, ccs_advisory_nfields, false,
	    "POST /api/v1/advisories");
	same_as_table(body_schema(d, "/api/v1/lessons", "post"),
	    ccs_lesson_fields, ccs_lesson_nfields, false,
	    "POST /api/v1/lessons");
	same_as_table(body_schema(d, "/api/v1/rfis", "post"), ccs_rfi_fields,
	    ccs_rfi_nfields, false, "POST /api/v1/rfis");
	same_as_table(body_schema(d, "/api/v1/rfis/{id}/answers", "post"),
	    ccs_rfi_answer_fields, ccs_rfi_answer_nfields, false,
	    "POST /api/v1/rfis/{id}/answers");
	same_as_table(body_schema(d, "/api/v1/subscriptions", "post"),
	    ccs_subscription_fields, ccs_subscription_nfields, false,
	    "POST /api/v1/subscriptions");
	same_as_table(body_schema(d, "/api/v1/communities", "post"),
	    ccs_community_fields, ccs_community_nfields, false,
	    "POST /api/v1/communities");
}

/*
 * Routes whose documented body says more than their field table: a
 * rejection's "reason" is documented as required with minLength 1, which
 * the service enforces (reason_required, 422), not the table the
 * dispatcher checks (400).
 */
static bool
documented_apart(const struct ccs_route *rt)
{
	static const char *const apart[] = {
		"/api/v1/assessments/{id}/reject",
	};
	size_t i;

	for (i = 0; i < sizeof(apart) / sizeof(apart[0]); i++) {
		if (strcmp(rt->pattern, apart[i]) == 0)
			return true;
	}
	return false;
}

/* The table each route declares (the one the dispatcher enforces) is the
 * documented body, for every route that declares one. */
static void
test_route_bodies_documented(void **state)
{
	struct doc *d = *state;
	const struct ccs_route *rt;
	char m[16], what[128];
	size_t i, k, n = 0;

	for (i = 0; i < ccs_router_count(); i++) {
		rt = ccs_router_at(i);
		if (rt->in == NULL || rt->in->body == NULL ||
		    documented_apart(rt))
			continue;
		for (k = 0; rt->method[k] != '\0' && k + 1 < sizeof(m); k++)
			m[k] = (char)(rt->method[k] | 0x20);
		m[k] = '\0';
		(void)snprintf(what, sizeof(what), "%s %s", rt->method,
		    rt->pattern);
		same_as_table(body_schema(d, rt->pattern, m), rt->in->body,
		    *rt->in->nbody, rt->in->partial, what);
		n++;
	}
	assert_true(n >= 20);
}

static void
test_served_copy_is_this_file(void **state)
{
	struct doc *d = *state;
	const struct ccs_asset *a = ccs_asset_find("docs/openapi.json");

	assert_non_null(a);
	assert_int_equal(a->len, d->len);
	assert_memory_equal(a->data, d->text, d->len);
}

static void
test_tidy(void **state)
{
	struct doc *d = *state;
	const char *p, *line = d->text;
	size_t lineno = 1, sp;

	assert_true(d->len > 0 && d->text[d->len - 1] == '\n');
	for (p = d->text; *p; p++) {
		if (*p == '\t')
			fail_msg("line %zu: tab", lineno);
		if (*p != '\n')
			continue;
		if (p > line && p[-1] == ' ')
			fail_msg("line %zu: trailing space", lineno);
		for (sp = 0; line[sp] == ' '; sp++)
			;
		if (sp % 2 != 0)
			fail_msg("line %zu: indent is not a multiple of 2",
			    lineno);
		line = p + 1;
		lineno++;
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_every_route_documented),
		cmocka_unit_test(test_every_operation_routed),
		cmocka_unit_test(test_operations_follow_flags),
		cmocka_unit_test(test_path_parameters),
		cmocka_unit_test(test_refs_resolve),
		cmocka_unit_test(test_bodies_match_field_tables),
		cmocka_unit_test(test_route_bodies_documented),
		cmocka_unit_test(test_served_copy_is_this_file),
		cmocka_unit_test(test_tidy),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

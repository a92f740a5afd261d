/*
 * router.c: the list of the domains' route tables (each in
 * http/<domain>/routes.c; together the one list of API endpoints, checked
 * against docs/openapi.json by a test), the matcher (a walk of the tables,
 * and the route map the server builds once to avoid it), and the dispatcher
 * that wraps every handler in authentication, CSRF, body checks and one
 * database transaction.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/platform/handlers.h"
#include "http/router.h"
#include "http/taxii/handlers.h"
#include "svc/platform/accounts.h"
#include "svc/standards/assessments_csv.h"
#include "svc/taxii/taxii.h"
#include "util/err.h"
#include "util/jsonv.h"
#include "util/log.h"
#include "util/mem.h"
#include "util/str.h"

/*
 * The domains' tables, walked in this order. Matching does not depend on
 * it: the pattern with the fewest parameters owns a path, and no two
 * patterns with as many parameters match one path (test_router.c checks
 * every pair), so a new domain is one line here.
 */
static const struct ccs_route_list *const lists[] = {
	&ccs_platform_routes,
	&ccs_directory_routes,
	&ccs_standards_routes,
	&ccs_sharing_routes,
	&ccs_interchange_routes,
	&ccs_capacity_routes,
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
#define NLISTS	(sizeof(lists) / sizeof(lists[0]))

size_t
ccs_router_count(void)
{
	size_t i, n = 0;

	for (i = 0; i < NLISTS; i++)
		n += lists[i]->nroutes;
	return n;
}

const struct ccs_route *
ccs_router_at(size_t i)
{
	size_t l;

	for (l = 0; l < NLISTS; l++) {
		if (i < lists[l]->nroutes)
			return &lists[l]->routes[i];
		i -= lists[l]->nroutes;
	}
	return NULL;
}

size_t
ccs_router_index(const struct ccs_route *rt)
{
	uintptr_t p = (uintptr_t)rt, lo;
	size_t l, base = 0;

	for (l = 0; l < NLISTS; l++) {
		lo = (uintptr_t)lists[l]->routes;
		if (p >= lo && p < lo + lists[l]->nroutes * sizeof(*rt))
			return base + (p - lo) / sizeof(*rt);
		base += lists[l]->nroutes;
	}
	return SIZE_MAX;
}

size_t
ccs_router_body_limit(const char *method, const char *path,
    const struct ccs_conf *conf, const char **code)
{
	bool known;

	return ccs_router_route_limit(ccs_router_match(method, path, NULL,
	    &known), conf, code);
}

size_t
ccs_router_route_limit(const struct ccs_route *rt,
    const struct ccs_conf *conf, const char **code)
{
	if (rt != NULL && (rt->flags & CCS_R_IMPORT)) {
		*code = "import_too_large";
		return CCS_IMPORT_MAX_BYTES;
	}
	if (rt != NULL && (rt->flags & CCS_R_TAXII)) {
		*code = "taxii_too_large";
		return CCS_TAXII_MAX_CONTENT;
	}
	if (rt != NULL && (rt->flags & CCS_R_REPORT)) {
		*code = "report_too_large";
		return CCS_REPORT_BODY_MAX;
	}
	if (rt != NULL && (rt->flags & CCS_R_UPLOAD)) {
		*code = "evidence_too_large";
		return conf->evidence_max;
	}
	*code = "body_too_large";
	return conf->max_body;
}

/* Matches one pattern; fills params on success. */
static bool
match(const char *pattern, const char *path, struct ccs_req *r)
{
	const char *p = pattern, *s = path, *close, *end;
	size_t n = 0, len, suf;

	while (*p && *s) {
		if (*p == '{') {
			close = strchr(p, '}');
			end = strchr(s, '/');
			if (close == NULL || n >= CCS_MAX_PATH_PARAMS)
				return false;
			len = end ? (size_t)(end - s) : strlen(s);
			/* "{id}.pdf": the segment ends with the suffix, which
			 * is not part of the parameter */
			suf = strcspn(close + 1, "/");
			if (suf > 0 && (len <= suf || strncmp(s + len - suf,
			    close + 1, suf) != 0))
				return false;
			len -= suf;
			if (len == 0 || len >= sizeof(r->pvals[0]))
				return false;
			if (r != NULL) {
				/* the name runs to the '}' in the pattern */
				r->pnames[n] = p + 1;
				memcpy(r->pvals[n], s, len);
				r->pvals[n][len] = '\0';
			}
			n++;
			p = close + 1;
			s += len;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	if (*p != '\0' || *s != '\0')
		return false;
	if (r != NULL)
		r->nparams = n;
	return true;
}

/* Number of {name} segments in @p pattern. */
static size_t
nparams_of(const char *pattern)
{
	size_t n = 0;

	for (; *pattern != '\0'; pattern++)
		n += *pattern == '{';
	return n;
}

/*
 * Most patterns and paths start with API_PREFIX and part at the byte
 * after it, which match() reaches only after comparing the prefix again
 * for every route (a quarter of a cached state read). For a path that
 * starts with the prefix: true when @p pattern cannot match it, found by
 * that byte. A pattern whose first API_PREFIX_LEN bytes are literal and
 * not the prefix cannot match; one with a parameter in them or right
 * after the prefix is left to match().
 */
#define API_PREFIX	"/api/v1/"
#define API_PREFIX_LEN	(sizeof(API_PREFIX) - 1)

static bool
quick_miss(const char *pattern, const char *path)
{
	const char *brace;
	char c;

	if (strncmp(pattern, API_PREFIX, API_PREFIX_LEN) != 0) {
		/* unless a parameter within the prefix's length could
		 * stand for part of it */
		brace = strchr(pattern, '{');
		return brace == NULL || (size_t)(brace - pattern) >=
		    API_PREFIX_LEN;
	}
	c = pattern[API_PREFIX_LEN];
	return c != '{' && c != path[API_PREFIX_LEN];
}

/*
 * The choice both matchers make, fed the routes whose pattern matches
 * the path in the tables' order. The pattern with the fewest parameters
 * owns the path, for every method: /assessments/import is never
 * /assessments/{id}, so GET on it is a 405, not a lookup of record
 * "import". At equal counts a suffixed parameter ("{id}.pdf") beats a
 * bare one. The route is the owner's first for the method (HEAD is GET).
 */
struct choice {
	const char		*meth;		/* the method, HEAD as GET */
	const char		*best;		/* the owning pattern so far */
	size_t			 np;		/* its {name} count */
	size_t			 plen;		/* its length */
	const struct ccs_route	*found;		/* its route for meth */
};

static void
choice_init(struct choice *c, const char *method)
{
	memset(c, 0, sizeof(*c));
	c->meth = strcmp(method, "HEAD") == 0 ? "GET" : method;
}

/* Adds @p rt, whose pattern matches the path and has @p np parameters
 * and @p plen bytes. */
static void
choice_add(struct choice *c, const struct ccs_route *rt, size_t np,
    size_t plen)
{
	if (c->best == NULL || np < c->np || (np == c->np && plen > c->plen)) {
		c->best = rt->pattern;
		c->np = np;
		c->plen = plen;
		c->found = NULL;
	} else if (rt->pattern != c->best && strcmp(rt->pattern, c->best) !=
	    0) {
		return;
	}
	if (c->found == NULL && strcmp(rt->method, c->meth) == 0)
		c->found = rt;
}

/* The route chosen for @p path, @p r's parameters filled from it. */
static const struct ccs_route *
choice_end(const struct choice *c, const char *path, struct ccs_req *r,
    bool *path_known)
{
	*path_known = c->best != NULL;
	if (c->found != NULL)
		(void)match(c->best, path, r);
	return c->found;
}

const struct ccs_route *
ccs_router_match(const char *method, const char *path, struct ccs_req *r,
    bool *path_known)
{
	const struct ccs_route *rt;
	struct choice c;
	size_t l, i;
	bool api;

	choice_init(&c, method);
	api = strncmp(path, API_PREFIX, API_PREFIX_LEN) == 0;
	for (l = 0; l < NLISTS; l++) {
		for (i = 0; i < lists[l]->nroutes; i++) {
			rt = &lists[l]->routes[i];
			if (api && quick_miss(rt->pattern, path))
				continue;
			if (match(rt->pattern, path, NULL))
				choice_add(&c, rt, nparams_of(rt->pattern),
				    strlen(rt->pattern));
		}
	}
	return choice_end(&c, path, r, path_known);
}

/*
 * The route map: the same choice as ccs_router_match, without walking
 * every table. Built once when the server starts (it owns the map and
 * frees it at shutdown; nothing global). An /api/v1/ path is compared
 * only with the routes whose first segment after the prefix is the
 * path's own, plus the few whose pattern has a parameter in or before
 * that segment ("wild" routes); any other path only with the patterns
 * outside the prefix. Each bucket lists its routes in the tables' order
 * with their parameter count and pattern length worked out, so the
 * choice (fewest parameters; at equal counts the longer, suffixed
 * pattern; the first route of that pattern for the method) is made
 * exactly as the walk makes it. test_router.c holds the map to the walk
 * for every route and a set of near misses.
 */
struct map_ent {
	const struct ccs_route	*rt;	/* borrowed, static */
	size_t			 np;	/* its {name} count */
	size_t			 plen;	/* strlen of its pattern */
};

struct map_bucket {
	const char	*key;		/* first segment, in the pattern;
					 * not terminated */
	size_t		 keylen;	/* its length */
	size_t		 first;		/* its entries in ents[] */
	size_t		 n;		/* their number */
};

struct ccs_router_map {
	struct map_bucket	*buckets;	/* sorted by key */
	size_t			 nbuckets;	/* their number */
	struct map_ent		*ents;		/* all buckets' */
	size_t			 nents;		/* their number */
	size_t			 wild_first;	/* /api/v1/ path, no
						 * bucket: wild only */
	size_t			 nwild;		/* their number */
	size_t			 other_first;	/* outside /api/v1/ */
	size_t			 nother;	/* their number */
};

/* The kinds of pattern, by what the first API_PREFIX_LEN + 1 bytes and
 * the segment after them say. */
enum map_kind {
	MAP_KEYED,	/* /api/v1/<literal segment>...: its bucket */
	MAP_WILD,	/* a parameter in or before that segment: any
			 * /api/v1/ path may match it */
	MAP_OTHER	/* outside the prefix: no /api/v1/ path matches */
};

/* What @p pattern is, and its first segment after the prefix. */
static enum map_kind
map_kind_of(const char *pattern, const char **key, size_t *keylen)
{
	const char *brace, *seg;
	size_t len;

	if (strncmp(pattern, API_PREFIX, API_PREFIX_LEN) != 0) {
		/* as quick_miss: a parameter within the prefix's length
		 * could stand for part of it */
		brace = strchr(pattern, '{');
		if (brace != NULL && (size_t)(brace - pattern) <
		    API_PREFIX_LEN)
			return MAP_WILD;
		return MAP_OTHER;
	}
	seg = pattern + API_PREFIX_LEN;
	len = strcspn(seg, "/");
	if (memchr(seg, '{', len) != NULL)
		return MAP_WILD;
	*key = seg;
	*keylen = len;
	return MAP_KEYED;
}

/* Orders two keys as bytes, the shorter first at a common start. */
static int
map_keycmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}

static int
map_bucket_cmp(const void *a, const void *b)
{
	const struct map_bucket *x = a, *y = b;

	return map_keycmp(x->key, x->keylen, y->key, y->keylen);
}

/* Appends the routes that belong to bucket @p key (NULL: the wild list
 * alone; @p other: the list for paths outside the prefix) in the tables'
 * order. */
static void
map_fill(struct ccs_router_map *m, const char *key, size_t keylen,
    bool other)
{
	const struct ccs_route *rt;
	const char *k = NULL;
	enum map_kind kind;
	size_t i, n = ccs_router_count(), klen = 0;
	bool in;

	for (i = 0; i < n; i++) {
		rt = ccs_router_at(i);
		kind = map_kind_of(rt->pattern, &k, &klen);
		if (other)
			in = kind != MAP_KEYED;
		else
			in = kind == MAP_WILD || (kind == MAP_KEYED &&
			    key != NULL && map_keycmp(k, klen, key,
			    keylen) == 0);
		if (!in)
			continue;
		m->ents[m->nents].rt = rt;
		m->ents[m->nents].np = nparams_of(rt->pattern);
		m->ents[m->nents].plen = strlen(rt->pattern);
		m->nents++;
	}
}

struct ccs_router_map *
ccs_router_map_new(void)
{
	struct ccs_router_map *m;
	const char *k = NULL;
	size_t i, j, n = ccs_router_count(), klen = 0, nwild = 0, nother = 0;
	size_t nkeyed = 0, cap;

	m = ccs_calloc(1, sizeof(*m));
	if (m == NULL)
		return NULL;
	m->buckets = ccs_calloc(n > 0 ? n : 1, sizeof(*m->buckets));
	if (m->buckets == NULL)
		goto fail;
	for (i = 0; i < n; i++) {
		switch (map_kind_of(ccs_router_at(i)->pattern, &k, &klen)) {
		case MAP_KEYED:
			nkeyed++;
			m->buckets[m->nbuckets].key = k;
			m->buckets[m->nbuckets].keylen = klen;
			m->nbuckets++;
			break;
		case MAP_WILD:
			nwild++;
			nother++;
			break;
		case MAP_OTHER:
			nother++;
			break;
		}
	}
	qsort(m->buckets, m->nbuckets, sizeof(*m->buckets), map_bucket_cmp);
	for (i = 0, j = 0; i < m->nbuckets; i++) {
		if (j > 0 && map_bucket_cmp(&m->buckets[j - 1],
		    &m->buckets[i]) == 0)
			continue;
		m->buckets[j++] = m->buckets[i];
	}
	m->nbuckets = j;
	/* each bucket holds its keyed routes and all the wild ones */
	if (!ccs_mul_sz(m->nbuckets + 1, nwild, &cap) ||
	    !ccs_add_sz(cap, nkeyed + nother, &cap))
		goto fail;
	m->ents = ccs_calloc(cap > 0 ? cap : 1, sizeof(*m->ents));
	if (m->ents == NULL)
		goto fail;
	for (i = 0; i < m->nbuckets; i++) {
		m->buckets[i].first = m->nents;
		map_fill(m, m->buckets[i].key, m->buckets[i].keylen, false);
		m->buckets[i].n = m->nents - m->buckets[i].first;
	}
	m->wild_first = m->nents;
	map_fill(m, NULL, 0, false);
	m->nwild = m->nents - m->wild_first;
	m->other_first = m->nents;
	map_fill(m, NULL, 0, true);
	m->nother = m->nents - m->other_first;
	assert(m->nents <= cap && m->nwild == nwild && m->nother == nother);
	return m;
fail:
	ccs_router_map_free(m);
	return NULL;
}

void
ccs_router_map_free(struct ccs_router_map *m)
{
	if (m == NULL)
		return;
	free(m->ents);
	free(m->buckets);
	free(m);
}

const struct ccs_route *
ccs_router_map_match(const struct ccs_router_map *m, const char *method,
    const char *path, struct ccs_req *r, bool *path_known)
{
	const struct map_ent *e, *end;
	const char *seg;
	struct choice c;
	size_t lo, hi, mid, seglen;
	int cmp;

	if (m == NULL)
		return ccs_router_match(method, path, r, path_known);
	choice_init(&c, method);
	if (strncmp(path, API_PREFIX, API_PREFIX_LEN) == 0) {
		seg = path + API_PREFIX_LEN;
		seglen = strcspn(seg, "/");
		e = &m->ents[m->wild_first];
		end = e + m->nwild;
		lo = 0;
		hi = m->nbuckets;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			cmp = map_keycmp(m->buckets[mid].key,
			    m->buckets[mid].keylen, seg, seglen);
			if (cmp == 0) {
				e = &m->ents[m->buckets[mid].first];
				end = e + m->buckets[mid].n;
				break;
			}
			if (cmp < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	} else {
		e = &m->ents[m->other_first];
		end = e + m->nother;
	}
	/* the walk of ccs_router_match over these routes only; a pattern
	 * with more parameters than the owner so far cannot win */
	for (; e < end; e++) {
		if ((c.best == NULL || e->np <= c.np) &&
		    match(e->rt->pattern, path, NULL))
			choice_add(&c, e->rt, e->np, e->plen);
	}
	return choice_end(&c, path, r, path_known);
}

static bool
parse_body(struct ccs_req *r)
{
	const char *ct = ccs_req_header(r, "Content-Type");
	json_error_t je;
	char msg[200];

	if (ct == NULL || strncmp(ct, "application/json", 16) != 0) {
		ccs_reply_error(r, 415, "unsupported_media_type", "send the "
		    "body as application/json");
		return false;
	}
	if (r->body.len == 0) {
		ccs_reply_error(r, 400, "invalid_json", "the request body is "
		    "empty; a JSON object is expected");
		return false;
	}
	r->json = json_loadb(r->body.data, r->body.len, JSON_REJECT_DUPLICATES,
	    &je);
	if (r->json == NULL) {
		(void)ccs_snprintf(msg, sizeof(msg), "malformed JSON at line "
		    "%d, column %d: %.100s", je.line, je.column, je.text);
		ccs_reply_error(r, 400, "invalid_json", msg);
		return false;
	}
	if (!json_is_object(r->json)) {
		ccs_reply_error(r, 400, "invalid_body", "the request body must "
		    "be a JSON object");
		return false;
	}
	return true;
}

/*
 * Checks the JSON body against the route's field table, so handlers see
 * only well-formed input. A route with {id} and a body refuses a bad id
 * first (404), as its handler did before the check moved here.
 */
static bool
body_ok(struct ccs_req *r, const struct ccs_route *rt)
{
	struct ccs_jerr e;
	int64_t id;

	if (rt->in == NULL || rt->in->body == NULL || r->json == NULL)
		return true;
	if (ccs_req_param(r, "id") != NULL && !ccs_param_id_or_reply(r, "id",
	    &id))
		return false;
	if (ccs_jsonv_check(r->json, rt->in->body, *rt->in->nbody,
	    rt->in->partial, &e))
		return true;
	ccs_reply_error(r, 400, e.code, e.message);
	return false;
}

/* Resolves the caller from a bearer token or the session cookie. */
static bool
authenticate(struct ccs_req *r, const struct ccs_route *rt)
{
	const char *authz = ccs_req_header(r, "Authorization");
	const char *cookie;
	struct ccs_fail f = { 0, NULL, "" };
	int rc;

	memset(&r->who, 0, sizeof(r->who));
	if (authz != NULL) {
		if (strncmp(authz, "Bearer ", 7) != 0) {
			ccs_reply_error(r, 401, "invalid_token", "use "
			    "'Authorization: Bearer TOKEN'");
			return false;
		}
		rc = ccs_apitoken_lookup(r->db, authz + 7, r->now, &r->who, &f);
		if (rc != CCS_OK) {
			ccs_reply_fail(r, &f);
			return false;
		}
		return true;
	}
	cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND,
	    "ccscap_session");
	if (cookie != NULL && ccs_strlcpy(r->session, cookie,
	    sizeof(r->session)) == CCS_OK) {
		rc = ccs_session_lookup(r->db, cookie, r->now, &r->who, r->csrf,
		    &f);
		if (rc == CCS_OK) {
			r->via_cookie = true;
			return true;
		}
		memset(&r->who, 0, sizeof(r->who));
		if (rt->auth == CCS_AUTH_USER) {
			ccs_reply_fail(r, &f);
			return false;
		}
		return true;
	}
	if (rt->auth == CCS_AUTH_USER) {
		ccs_reply_error(r, 401, "authentication_required", "sign in "
		    "first");
		return false;
	}
	return true;
}

static bool
csrf_ok(struct ccs_req *r, const struct ccs_route *rt)
{
	const char *tok;

	if (!(rt->flags & CCS_R_WRITE) || (rt->flags & CCS_R_NOCSRF) ||
	    !r->via_cookie)
		return true;
	tok = ccs_req_header(r, "X-CSRF-Token");
	if (tok == NULL || !ccs_ct_streq(tok, r->csrf)) {
		ccs_reply_error(r, 403, "csrf_failed", "the X-CSRF-Token header "
		    "is missing or does not match this session; reload the "
		    "page");
		return false;
	}
	return true;
}

void
ccs_dispatch(struct ccs_req *r)
{
	const struct ccs_route *rt;
	bool known, write;
	int rc;

	/* Pages are static files, except the few server-rendered ones
	 * that have a route (the public report portal). */
	if (r->prematched) {
		/* matched once when the request arrived (server.c) */
		rt = r->pre_route;
		known = r->pre_known;
	} else {
		rt = ccs_router_match(r->method, r->path, r, &known);
	}
	if (strncmp(r->path, "/api/", 5) != 0 && strcmp(r->path, "/healthz") !=
	    0 && strcmp(r->path, "/metrics") != 0 &&
	    strncmp(r->path, "/taxii2/", 8) != 0 && rt == NULL && !known) {
		r->page = true;
		ccs_h_static(r);
		return;
	}
	if (strncmp(r->path, "/taxii2/", 8) == 0) {
		/* TAXII has its own media types, auth and error shape */
		r->route = rt;
		ccs_taxii_serve(r, known);
		return;
	}
	if (rt == NULL) {
		if (known)
			ccs_reply_error(r, 405, "method_not_allowed", "this "
			    "method is not allowed on this path");
		else
			ccs_reply_error(r, 404, "not_found", "no such API "
			    "endpoint");
		return;
	}
	r->route = rt;
	/* the public report form answers an oversized body with its page */
	if (r->body_too_big && !(rt->flags & CCS_R_REPORT)) {
		ccs_reply_error(r, 413, r->too_big_code, "the request body is "
		    "larger than the server accepts");
		return;
	}
	if ((rt->flags & CCS_R_JSON) && !parse_body(r))
		return;
	if ((rt->flags & CCS_R_OPTJSON) && r->body.len > 0 && !parse_body(r))
		return;
	if (rt->flags & CCS_R_NODB) {
		rt->fn(r);
		return;
	}
	write = (rt->flags & (CCS_R_WRITE | CCS_R_AUDITREAD)) != 0;
	r->db = ccs_store_acquire(r->app->store);
	rc = ccs_db_begin(r->db, write);
	if (rc == CCS_EUNAVAIL) {
		ccs_reply_unavailable(r);
		goto out;
	}
	if (rc != CCS_OK) {
		ccs_reply_error(r, 503, "busy", "the database is busy; try "
		    "again");
		goto out;
	}
	if (!authenticate(r, rt) || !csrf_ok(r, rt) || !body_ok(r, rt))
		goto out;
	rt->fn(r);
	if (!r->replied)
		ccs_reply_error(r, 500, "internal", "no reply");
	if (write && !r->rollback && (r->status < 400 || r->commit)) {
		rc = ccs_db_commit(r->db);
		if (rc != CCS_OK) {
			ccs_log_event(r->app->log, CCS_LOG_ERROR,
			    "commit_failed", json_pack("{s:s, s:s}", "path",
			    r->path, "db", ccs_db_errmsg(r->db)));
			/* replaces the handler's answer: a read that could
			 * not be recorded is not given */
			if (rc == CCS_EUNAVAIL)
				ccs_reply_unavailable(r);
			else
				ccs_reply_error(r, rc == CCS_EBUSY ? 503 :
				    500, rc == CCS_EBUSY ? "busy" : "internal",
				    (rt->flags & CCS_R_AUDITREAD) ? "the read "
				    "could not be recorded in the audit trail; "
				    "try again" : "the change could not be "
				    "saved; nothing was stored");
		}
	}
out:
	ccs_store_release(r->app->store, r->db);
	r->db = NULL;
}

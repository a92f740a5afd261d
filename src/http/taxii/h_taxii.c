/*
 * h_taxii.c: the TAXII 2.1 front door: ccs_taxii_serve, the error shape,
 * credentials, discovery, API roots, collections and status.
 *
 * Every request below /taxii2/ comes here whole from the dispatcher:
 * unknown paths and methods, a body over max_content_length, an Accept
 * that is not application/taxii+json (406), a POST body that is not one
 * (415), bad credentials (401) all answer in the TAXII error message
 * shape. Credentials: "Basic" (what MISP's push sends) is checked like a
 * sign-in, failures counted and rate-limited in a short transaction of
 * its own; "Bearer" takes the API tokens; no header is the public, who
 * sees the public API root only. Cookies are not read: TAXII clients are
 * machines, and a cookie would need the CSRF check.
 */
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "core/taxii/taxii.h"
#include "http/taxii/handlers.h"
#include "http/taxii/taxii_req.h"
#include "http/router.h"
#include "svc/platform/accounts.h"
#include "svc/taxii/taxii.h"
#include "util/err.h"
#include "util/str.h"

static const char *
title_of(unsigned status)
{
	switch (status) {
	case 400: return "Bad request";
	case 401: return "Authentication required";
	case 403: return "Forbidden";
	case 404: return "Not found";
	case 405: return "Method not allowed";
	case 406: return "Not acceptable";
	case 413: return "Content too large";
	case 415: return "Unsupported media type";
	case 422: return "Unprocessable content";
	case 503: return "Service unavailable";
	default: return "Server error";
	}
}

void
ccs_taxii_json(struct ccs_req *r, unsigned status, json_t *body)
{
	char *s = body ? json_dumps(body, JSON_COMPACT) : NULL;

	json_decref(body);
	if (s == NULL) {
		ccs_taxii_error(r, 500, "internal", "cannot encode the reply");
		return;
	}
	ccs_reply_bytes(r, status, CCS_TAXII_MEDIA, s, strlen(s), true);
	free(s);
}

void
ccs_taxii_error(struct ccs_req *r, unsigned status, const char *code,
    const char *description)
{
	char st[8];
	json_t *e;
	char *s;

	(void)ccs_snprintf(st, sizeof(st), "%u", status);
	e = json_pack("{s:s, s:s, s:s, s:s}", "title", title_of(status),
	    "description", description, "error_code", code, "http_status", st);
	s = e ? json_dumps(e, JSON_COMPACT) : NULL;
	json_decref(e);
	if (s == NULL) {
		ccs_reply_error(r, 500, "internal", "out of memory");
		return;
	}
	ccs_reply_bytes(r, status, CCS_TAXII_MEDIA, s, strlen(s), true);
	free(s);
	if (status == 401)
		ccs_reply_header(r, "WWW-Authenticate", "Basic realm=\"ccscap "
		    "TAXII\", Bearer realm=\"ccscap TAXII\"");
}

void
ccs_taxii_fail(struct ccs_req *r, const struct ccs_fail *f)
{
	unsigned st = ccs_status_for(f->rc);

	/* a query or JSON that cannot be read is a bad request; a body that
	 * reads but is not an envelope, unprocessable */
	if (f->rc == CCS_EINVAL)
		st = f->code != NULL && (ccs_streq(f->code, "invalid_envelope")
		    || ccs_streq(f->code, "import_failed")) ? 422 : 400;
	ccs_taxii_error(r, st, f->code ? f->code : "internal", st >= 500 ?
	    "the request could not be served; try again" : f->message);
}

/* Basic LOGIN:PASSWORD, checked like a sign-in in its own transaction so
 * failures are counted even though the request fails. */
static bool
basic(struct ccs_req *r, const char *b64)
{
	const struct ccs_conf *c = r->app->conf;
	struct ccs_login_limits lim = { c->login_max_failures,
	    c->login_lock_seconds, c->ip_max_failures, c->ip_window_seconds };
	struct ccs_fail f = { 0, NULL, "" };
	char buf[1200], *colon;
	size_t n = 0;
	int rc;

	if (sodium_base642bin((unsigned char *)buf, sizeof(buf) - 1, b64,
	    strlen(b64), NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL) !=
	    0) {
		ccs_taxii_error(r, 401, "invalid_credentials", "the Basic "
		    "credentials are not base64");
		return false;
	}
	buf[n] = '\0';
	colon = strchr(buf, ':');
	if (colon == NULL) {
		sodium_memzero(buf, sizeof(buf));
		ccs_taxii_error(r, 401, "invalid_credentials", "Basic "
		    "credentials are LOGIN:PASSWORD");
		return false;
	}
	*colon = '\0';
	rc = ccs_db_begin(r->db, true);
	if (rc == CCS_OK) {
		rc = ccs_login(r->db, r->app->key, &lim, buf, colon + 1, NULL,
		    r->ip, r->now, &r->who, &f);
		if (ccs_db_commit(r->db) != CCS_OK && rc == CCS_OK)
			rc = ccs_fail(&f, CCS_EBUSY, "busy", "try again");
	} else
		(void)ccs_fail(&f, rc, "busy", "the database is busy");
	sodium_memzero(buf, sizeof(buf));
	if (rc == CCS_OK)
		return true;
	ccs_db_rollback(r->db);
	memset(&r->who, 0, sizeof(r->who));
	if (f.rc == CCS_EAUTH || f.rc == CCS_ELIMIT)
		ccs_taxii_error(r, 401, f.code, f.rc == CCS_ELIMIT ? "too many "
		    "failed sign-ins; wait and try again" : "the login or "
		    "password is wrong (accounts with one-time codes use an "
		    "API token)");
	else
		ccs_taxii_error(r, 503, "busy", "try again");
	return false;
}

static bool
bearer(struct ccs_req *r, const char *token)
{
	struct ccs_fail f = { 0, NULL, "" };

	if (ccs_apitoken_lookup(r->db, token, r->now, &r->who, &f) == CCS_OK)
		return true;
	memset(&r->who, 0, sizeof(r->who));
	ccs_taxii_error(r, f.rc == CCS_EAUTH ? 401 : 503, f.rc == CCS_EAUTH ?
	    "invalid_token" : "busy", f.rc == CCS_EAUTH ? "the bearer token "
	    "is unknown, expired or revoked" : "try again");
	return false;
}

/* Checks what can be checked before the store. */
static bool
precheck(struct ccs_req *r, bool known)
{
	const struct ccs_route *rt = r->route;

	if (rt == NULL) {
		ccs_taxii_error(r, known ? 405 : 404, known ?
		    "method_not_allowed" : "not_found", known ? "this method "
		    "is not allowed on this TAXII resource" : "no such TAXII "
		    "resource (paths end with a slash)");
		return false;
	}
	if (r->body_too_big) {
		char msg[96];

		(void)ccs_snprintf(msg, sizeof(msg), "the body is larger than "
		    "max_content_length (%zu bytes)", CCS_TAXII_MAX_CONTENT);
		ccs_taxii_error(r, 413, "taxii_too_large", msg);
		return false;
	}
	if (!ccs_taxii_media_ok(ccs_req_header(r, "Accept"), true)) {
		ccs_taxii_error(r, 406, "not_acceptable", "send Accept: "
		    CCS_TAXII_MEDIA);
		return false;
	}
	if (strcmp(rt->method, "POST") == 0 && !ccs_taxii_media_ok(
	    ccs_req_header(r, "Content-Type"), false)) {
		ccs_taxii_error(r, 415, "unsupported_media_type", "send the "
		    "envelope as Content-Type: " CCS_TAXII_MEDIA);
		return false;
	}
	return true;
}

void
ccs_taxii_serve(struct ccs_req *r, bool known)
{
	const char *authz = ccs_req_header(r, "Authorization");
	bool write;
	int rc;

	if (!precheck(r, known))
		return;
	write = (r->route->flags & CCS_R_WRITE) != 0;
	memset(&r->who, 0, sizeof(r->who));
	r->db = ccs_store_acquire(r->app->store);
	if (authz != NULL && strncasecmp(authz, "Basic ", 6) == 0 &&
	    !basic(r, authz + 6))
		goto out;
	rc = ccs_db_begin(r->db, write);
	if (rc != CCS_OK) {
		ccs_taxii_error(r, 503, "busy", "the database is busy; try "
		    "again");
		goto out;
	}
	if (authz != NULL && strncasecmp(authz, "Bearer ", 7) == 0) {
		if (!bearer(r, authz + 7))
			goto out;
	} else if (authz != NULL && strncasecmp(authz, "Basic ", 6) != 0) {
		ccs_taxii_error(r, 401, "invalid_credentials", "use Basic or "
		    "Bearer credentials");
		goto out;
	}
	r->route->fn(r);
	if (!r->replied)
		ccs_taxii_error(r, 500, "internal", "no reply");
	if (write && !r->rollback && r->status < 400) {
		rc = ccs_db_commit(r->db);
		if (rc != CCS_OK) {
			/* the reply is not sent yet: this one replaces it */
			ccs_taxii_error(r, rc == CCS_EBUSY ? 503 : 500, rc ==
			    CCS_EBUSY ? "busy" : "internal", "the change could "
			    "not be saved; nothing was stored");
		}
	}
out:
	ccs_store_release(r->app->store, r->db);
	r->db = NULL;
}

/* --- roots, collections, status ----------------------------------------- */

bool
ccs_taxii_root_or_reply(struct ccs_req *r, const char **root)
{
	bool exists = false;

	*root = ccs_req_param(r, "root");
	if (ccs_taxii_root_exists(r->db, *root, &exists) != CCS_OK) {
		ccs_taxii_error(r, 503, "busy", "try again");
		return false;
	}
	if (!exists) {
		ccs_taxii_error(r, 404, "root_not_found", "no such API root");
		return false;
	}
	if (r->who.user_id <= 0 && !ccs_streq(*root, CCS_TAXII_ROOT_PUBLIC)) {
		ccs_taxii_error(r, 401, "authentication_required", "this API "
		    "root needs Basic or Bearer credentials");
		return false;
	}
	return true;
}

bool
ccs_taxii_coll_or_reply(struct ccs_req *r, struct ccs_taxii_coll *c,
    json_t **res)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *root;

	if (!ccs_taxii_root_or_reply(r, &root))
		return false;
	if (ccs_taxii_coll_get(r->db, &r->who, root, ccs_req_param(r,
	    "collection"), c, res, &f) != CCS_OK) {
		ccs_taxii_fail(r, &f);
		return false;
	}
	return true;
}

void
ccs_h_taxii_discovery(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *roots = NULL, *urls, *v;
	char url[64];
	size_t i;

	if (ccs_taxii_roots(r->db, &r->who, &roots, &f) != CCS_OK) {
		ccs_taxii_fail(r, &f);
		return;
	}
	urls = json_array();
	json_array_foreach(roots, i, v) {
		(void)ccs_snprintf(url, sizeof(url), "/taxii2/%s/",
		    json_string_value(v));
		(void)json_array_append_new(urls, json_string(url));
	}
	json_decref(roots);
	ccs_taxii_json(r, 200, json_pack("{s:s, s:s, s:s, s:o}", "title",
	    "ccscap TAXII 2.1", "description", "CARICOM cyber security "
	    "platform: national nodes and the regional hub", "default",
	    r->who.user_id > 0 ? "/taxii2/" CCS_TAXII_ROOT_RCC "/" :
	    "/taxii2/" CCS_TAXII_ROOT_PUBLIC "/", "api_roots", urls));
}

void
ccs_h_taxii_root(struct ccs_req *r)
{
	enum ccs_taxii_circle circle;
	const char *root;
	char title[96], state[3];

	if (!ccs_taxii_root_or_reply(r, &root))
		return;
	(void)ccs_taxii_root_parse(root, &circle, state);
	(void)ccs_snprintf(title, sizeof(title), "%s%s", circle ==
	    CCS_TAXII_PUBLIC ? "Public (TLP:CLEAR)" : circle == CCS_TAXII_RCC ?
	    "CARICOM regional hub" : "National node ", state);
	ccs_taxii_json(r, 200, json_pack("{s:s, s:s, s:[s], s:I}", "title",
	    title, "description", "ccscap API root; collections per audience",
	    "versions", CCS_TAXII_MEDIA, "max_content_length",
	    (json_int_t)CCS_TAXII_MAX_CONTENT));
}

void
ccs_h_taxii_collections(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *root;
	json_t *list = NULL;

	if (!ccs_taxii_root_or_reply(r, &root))
		return;
	if (ccs_taxii_coll_list(r->db, &r->who, root, &list, &f) != CCS_OK) {
		ccs_taxii_fail(r, &f);
		return;
	}
	if (json_array_size(list) == 0) {
		json_decref(list);
		ccs_taxii_json(r, 200, json_object());
		return;
	}
	ccs_taxii_json(r, 200, json_pack("{s:o}", "collections", list));
}

void
ccs_h_taxii_collection(struct ccs_req *r)
{
	struct ccs_taxii_coll c;
	json_t *res = NULL;

	if (!ccs_taxii_coll_or_reply(r, &c, &res))
		return;
	ccs_taxii_json(r, 200, res);
}

void
ccs_h_taxii_status(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *root;
	json_t *st = NULL;

	if (!ccs_taxii_root_or_reply(r, &root))
		return;
	if (ccs_taxii_status_get(r->db, &r->who, root, ccs_req_param(r,
	    "status"), r->now, &st, &f) != CCS_OK) {
		ccs_taxii_fail(r, &f);
		return;
	}
	ccs_taxii_json(r, 200, st);
}

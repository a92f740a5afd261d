/*
 * reply.c: building responses. One place sets the JSON error shape, the
 * security headers (CSP without inline script, nosniff, no framing) and
 * Cache-Control, so no handler can forget them.
 */
#include <stdlib.h>
#include <string.h>

#include "http/req.h"
#include "util/err.h"
#include "util/log.h"
#include "util/str.h"

const char *
ccs_req_param(const struct ccs_req *r, const char *name)
{
	size_t i, n = strlen(name);

	/* pnames point into the route pattern: "code}/..." */
	for (i = 0; i < r->nparams; i++) {
		if (strncmp(r->pnames[i], name, n) == 0 &&
		    r->pnames[i][n] == '}')
			return r->pvals[i];
	}
	return NULL;
}

const char *
ccs_req_query(const struct ccs_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND,
	    name);
}

const char *
ccs_req_header(const struct ccs_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

unsigned
ccs_status_for(int rc)
{
	switch (rc) {
	case CCS_OK: return 200;
	case CCS_EINVAL: return 422;
	case CCS_ENOTFOUND: return 404;
	case CCS_ECONFLICT: return 409;
	case CCS_EPERM: return 403;
	case CCS_EAUTH: return 401;
	case CCS_ETOOBIG: return 413;
	case CCS_ELIMIT: return 429;
	case CCS_EBUSY: return 503;
	case CCS_EREF: return 422;
	case CCS_EUNAVAIL: return 503;
	default: return 500;
	}
}

static void
set_resp(struct ccs_req *r, unsigned status, struct MHD_Response *resp)
{
	if (r->resp != NULL)
		MHD_destroy_response(r->resp);
	r->resp = resp;
	r->status = status;
	r->replied = true;
	if (resp == NULL)
		return;
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Content-Security-Policy",
	    "default-src 'self'; script-src 'self'; style-src 'self'; "
	    "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
	    "frame-ancestors 'none'; form-action 'self'");
	/* direct TLS: browsers keep to HTTPS for a year */
	if (r->app != NULL && r->app->conf != NULL &&
	    r->app->conf->tls_cert[0] != '\0')
		MHD_add_response_header(resp, "Strict-Transport-Security",
		    "max-age=31536000");
}

void
ccs_reply_response(struct ccs_req *r, unsigned status,
    struct MHD_Response *resp)
{
	set_resp(r, status, resp);
}

void
ccs_reply_bytes(struct ccs_req *r, unsigned status, const char *type,
    const void *data, size_t len, bool copy)
{
	struct MHD_Response *resp;

	resp = MHD_create_response_from_buffer(len, (void *)(uintptr_t)data,
	    copy ? MHD_RESPMEM_MUST_COPY : MHD_RESPMEM_PERSISTENT);
	set_resp(r, status, resp);
	if (resp != NULL)
		MHD_add_response_header(resp, "Content-Type", type);
}

void
ccs_reply_json(struct ccs_req *r, unsigned status, json_t *body)
{
	char *s;

	s = json_dumps(body, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(body);
	if (s == NULL) {
		ccs_reply_error(r, 500, "internal", "cannot encode the reply");
		return;
	}
	ccs_reply_json_text(r, status, s, strlen(s));
}

void
ccs_reply_json_text(struct ccs_req *r, unsigned status, char *text,
    size_t len)
{
	struct MHD_Response *resp;

	resp = MHD_create_response_from_buffer(len, text,
	    MHD_RESPMEM_MUST_FREE);
	if (resp == NULL)
		free(text);
	set_resp(r, status, resp);
	if (resp == NULL)
		return;
	MHD_add_response_header(resp, "Content-Type",
	    "application/json; charset=utf-8");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
}

void
ccs_reply_error(struct ccs_req *r, unsigned status, const char *code,
    const char *msg)
{
	json_t *o;
	char *s;
	struct MHD_Response *resp;

	o = json_pack("{s:{s:s, s:s}}", "error", "code", code, "message", msg);
	s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (s == NULL) {
		static const char oom[] = "{\"error\":{\"code\":\"internal\","
		    "\"message\":\"out of memory\"}}";

		ccs_reply_bytes(r, 500, "application/json", oom, sizeof(oom) -
		    1, false);
		return;
	}
	resp = MHD_create_response_from_buffer(strlen(s), s,
	    MHD_RESPMEM_MUST_FREE);
	if (resp == NULL)
		free(s);
	set_resp(r, status, resp);
	if (resp == NULL)
		return;
	MHD_add_response_header(resp, "Content-Type",
	    "application/json; charset=utf-8");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (status == 401)
		MHD_add_response_header(resp, "WWW-Authenticate",
		    "Bearer realm=\"ccscap\"");
}

void
ccs_reply_fail(struct ccs_req *r, const struct ccs_fail *f)
{
	unsigned status = ccs_status_for(f->rc);

	if (f->rc == CCS_EUNAVAIL) {
		ccs_reply_unavailable(r);
		return;
	}
	if (status == 500 || f->code == NULL) {
		ccs_log_event(r->app->log, CCS_LOG_ERROR, "internal_error",
		    json_pack("{s:s, s:s?, s:s, s:i}", "path", r->path, "code",
		    f->code, "message", f->message, "rc", f->rc));
		ccs_reply_error(r, status == 503 ? 503 : 500, status == 503 ?
		    "busy" : "internal", status == 503 ? "the server is busy; "
		    "try again" : "an internal error occurred; it was logged");
		return;
	}
	ccs_reply_error(r, status, f->code, f->message);
}

void
ccs_reply_unavailable(struct ccs_req *r)
{
	ccs_reply_error(r, 503, "database_unavailable", "the database cannot "
	    "be reached; try again in a few seconds");
	ccs_reply_header(r, "Retry-After", CCS_RETRY_AFTER_S);
}

void
ccs_reply_result(struct ccs_req *r, unsigned status, int rc, json_t *body,
    const struct ccs_fail *f)
{
	if (rc != CCS_OK) {
		json_decref(body);
		ccs_reply_fail(r, f);
		return;
	}
	if (body == NULL) {
		ccs_reply_error(r, 500, "internal", "out of memory");
		return;
	}
	ccs_reply_json(r, status, body);
}

json_t *
ccs_items(json_t *list)
{
	return json_pack("{s:o, s:I}", "items", list, "count",
	    (json_int_t)json_array_size(list));
}

void
ccs_reply_header(struct ccs_req *r, const char *name, const char *value)
{
	if (r->resp != NULL)
		MHD_add_response_header(r->resp, name, value);
}

bool
ccs_param_id_or_reply(struct ccs_req *r, const char *name, int64_t *out)
{
	if (ccs_parse_i64(ccs_req_param(r, name), 1, INT64_MAX, out) !=
	    CCS_OK) {
		ccs_reply_error(r, 404, "not_found", "no such record");
		return false;
	}
	return true;
}

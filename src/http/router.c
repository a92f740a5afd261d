/*
 * router.c: the route table (the one list of API endpoints, checked against
 * docs/openapi.json by a test) and the dispatcher that wraps every handler
 * in authentication, CSRF, body checks and one database transaction.
 */
#include <stdint.h>
#include <string.h>

#include "http/handlers.h"
#include "http/router.h"
#include "svc/platform/accounts.h"
#include "svc/standards/assessments_csv.h"
#include "util/err.h"
#include "util/log.h"
#include "util/str.h"

#define U	CCS_AUTH_USER
#define P	CCS_AUTH_PUBLIC
#define W	(CCS_R_WRITE | CCS_R_JSON)

const struct ccs_route ccs_routes[] = {
	{ "GET", "/healthz", ccs_h_healthz, P, CCS_R_NODB },
	{ "GET", "/metrics", ccs_h_metrics, P, CCS_R_NODB },
	{ "GET", "/api/v1/openapi.json", ccs_h_openapi, P, CCS_R_NODB },
	{ "POST", "/api/v1/session", ccs_h_session_create, P, W | CCS_R_NOCSRF },
	{ "GET", "/api/v1/session", ccs_h_session_get, U, 0 },
	{ "DELETE", "/api/v1/session", ccs_h_session_delete, U, CCS_R_WRITE },
	{ "GET", "/api/v1/me", ccs_h_me, U, 0 },
	{ "POST", "/api/v1/me/totp", ccs_h_totp_enrol, U, CCS_R_WRITE },
	{ "POST", "/api/v1/me/totp/confirm", ccs_h_totp_confirm, U, W },
	{ "POST", "/api/v1/tokens", ccs_h_token_create, U, W },
	{ "GET", "/api/v1/states", ccs_h_states, P, 0 },
	{ "GET", "/api/v1/states/{code}", ccs_h_state, P, 0 },
	{ "GET", "/api/v1/organisations", ccs_h_orgs, P, 0 },
	{ "POST", "/api/v1/organisations", ccs_h_org_create, U, W },
	{ "GET", "/api/v1/organisations/{id}", ccs_h_org, P, 0 },
	{ "GET", "/api/v1/contacts", ccs_h_contacts, U, 0 },
	{ "POST", "/api/v1/contacts", ccs_h_contact_create, U, W },
	{ "GET", "/api/v1/contacts/{id}", ccs_h_contact, U, 0 },
	{ "PATCH", "/api/v1/contacts/{id}", ccs_h_contact_update, U, W },
	{ "DELETE", "/api/v1/contacts/{id}", ccs_h_contact_delete, U,
	    CCS_R_WRITE },
	{ "GET", "/api/v1/framework", ccs_h_framework, U, 0 },
	{ "POST", "/api/v1/framework", ccs_h_framework_publish, U, W },
	{ "GET", "/api/v1/framework/versions", ccs_h_framework_versions, U, 0 },
	{ "GET", "/api/v1/framework/needs", ccs_h_framework_needs, U, 0 },
	{ "GET", "/api/v1/assessments", ccs_h_assessments, U, 0 },
	{ "POST", "/api/v1/assessments", ccs_h_assessment_submit, U, W },
	{ "POST", "/api/v1/assessments/import", ccs_h_assessments_import, U,
	    CCS_R_WRITE | CCS_R_UPLOAD | CCS_R_IMPORT },
	{ "GET", "/api/v1/assessments/{id}", ccs_h_assessment, U, 0 },
	{ "POST", "/api/v1/assessments/{id}/validate",
	    ccs_h_assessment_validate, U, CCS_R_WRITE | CCS_R_OPTJSON },
	{ "POST", "/api/v1/assessments/{id}/reject", ccs_h_assessment_reject, U,
	    W },
	{ "POST", "/api/v1/evidence", ccs_h_evidence_upload, U,
	    CCS_R_WRITE | CCS_R_UPLOAD },
	{ "GET", "/api/v1/evidence/{sha256}", ccs_h_evidence_get, U, 0 },
	{ "GET", "/api/v1/gaps", ccs_h_gaps, U, 0 },
	{ "GET", "/api/v1/gaps/matrix", ccs_h_gaps_matrix, U, 0 },
	{ "GET", "/api/v1/gaps/changes", ccs_h_gaps_changes, U, 0 },
	{ "GET", "/api/v1/gaps/ranking", ccs_h_gaps_ranking, U, 0 },
	{ "GET", "/api/v1/gaps/unmet", ccs_h_gaps_unmet, U, 0 },
	{ "GET", "/api/v1/gaps/history", ccs_h_gaps_history, U, 0 },
	{ "GET", "/api/v1/gaps/history.svg", ccs_h_gaps_history_svg, U, 0 },
	{ "GET", "/api/v1/vocabularies", ccs_h_vocabularies, U, 0 },
	{ "GET", "/api/v1/incidents", ccs_h_incidents, U, 0 },
	{ "POST", "/api/v1/incidents", ccs_h_incident_create, U, W },
	{ "GET", "/api/v1/incidents/{id}", ccs_h_incident, U, 0 },
	{ "PATCH", "/api/v1/incidents/{id}", ccs_h_incident_update, U, W },
	{ "GET", "/api/v1/indicators", ccs_h_indicators, U, 0 },
	{ "POST", "/api/v1/indicators", ccs_h_indicator_report, U, W },
	{ "GET", "/api/v1/indicators/lookup", ccs_h_indicator_lookup, U, 0 },
	{ "GET", "/api/v1/indicators/{id}", ccs_h_indicator, U, 0 },
	{ "GET", "/api/v1/clusters", ccs_h_clusters, U, 0 },
	{ "GET", "/api/v1/constituencies", ccs_h_claims, U, 0 },
	{ "POST", "/api/v1/constituencies", ccs_h_claim_create, U, W },
	{ "POST", "/api/v1/constituencies/{id}/approve", ccs_h_claim_approve,
	    U, CCS_R_WRITE | CCS_R_OPTJSON },
	{ "POST", "/api/v1/constituencies/{id}/reject", ccs_h_claim_reject, U,
	    W },
	{ "GET", "/api/v1/queue", ccs_h_queue, U, 0 },
	{ "POST", "/api/v1/queue/{id}/done", ccs_h_queue_done, U,
	    CCS_R_WRITE },
	{ "GET", "/api/v1/search", ccs_h_search, U, 0 },
	/* interchange: raw bodies up to CCS_IMPORT_MAX_BYTES */
	{ "POST", "/api/v1/import/stix", ccs_h_import_stix, U,
	    CCS_R_WRITE | CCS_R_UPLOAD | CCS_R_IMPORT },
	{ "POST", "/api/v1/import/misp", ccs_h_import_misp, U,
	    CCS_R_WRITE | CCS_R_UPLOAD | CCS_R_IMPORT },
	{ "POST", "/api/v1/import/csv", ccs_h_import_csv, U,
	    CCS_R_WRITE | CCS_R_UPLOAD | CCS_R_IMPORT },
	{ "GET", "/api/v1/export/stix", ccs_h_export_stix, U, 0 },
	{ "GET", "/api/v1/users", ccs_h_users, U, 0 },
	{ "GET", "/api/v1/audit", ccs_h_audit, U, 0 },
	/* information sharing: advisories, lessons, RFIs, notifications */
	{ "GET", "/api/v1/advisories", ccs_h_advisories, U, 0 },
	{ "POST", "/api/v1/advisories", ccs_h_advisory_create, U, W },
	{ "GET", "/api/v1/advisories/overdue", ccs_h_advisories_overdue, U, 0 },
	{ "GET", "/api/v1/advisories/{id}", ccs_h_advisory, U, 0 },
	{ "POST", "/api/v1/advisories/{id}/ack", ccs_h_advisory_ack, U,
	    CCS_R_WRITE },
	{ "GET", "/api/v1/lessons", ccs_h_lessons, U, 0 },
	{ "POST", "/api/v1/lessons", ccs_h_lesson_create, U, W },
	{ "GET", "/api/v1/lessons/{id}", ccs_h_lesson, U, 0 },
	{ "GET", "/api/v1/rfis", ccs_h_rfis, U, 0 },
	{ "POST", "/api/v1/rfis", ccs_h_rfi_create, U, W },
	{ "GET", "/api/v1/rfis/{id}", ccs_h_rfi, U, 0 },
	{ "POST", "/api/v1/rfis/{id}/answers", ccs_h_rfi_answer, U, W },
	{ "POST", "/api/v1/rfis/{id}/close", ccs_h_rfi_close, U, CCS_R_WRITE },
	{ "GET", "/api/v1/subscriptions", ccs_h_subscriptions, U, 0 },
	{ "POST", "/api/v1/subscriptions", ccs_h_subscription_create, U, W },
	{ "DELETE", "/api/v1/subscriptions/{id}", ccs_h_subscription_delete, U,
	    CCS_R_WRITE },
	{ "GET", "/api/v1/inbox", ccs_h_inbox, U, 0 },
	{ "POST", "/api/v1/inbox/{id}/read", ccs_h_inbox_read, U, CCS_R_WRITE },
	{ "GET", "/api/v1/communities", ccs_h_communities, U, 0 },
	{ "POST", "/api/v1/communities", ccs_h_community_create, U, W },
	/* capacity building */
	{ "GET", "/api/v1/initiatives", ccs_h_initiatives, U, 0 },
	{ "POST", "/api/v1/initiatives", ccs_h_initiative_create, U, W },
	{ "GET", "/api/v1/initiatives/duplicates", ccs_h_duplicates, U, 0 },
	{ "POST", "/api/v1/initiatives/duplicates/decisions",
	    ccs_h_duplicate_decide, U, W },
	{ "GET", "/api/v1/initiatives/{id}", ccs_h_initiative, U, 0 },
	{ "PATCH", "/api/v1/initiatives/{id}", ccs_h_initiative_update, U, W },
	{ "GET", "/api/v1/needs", ccs_h_needs, U, 0 },
	{ "GET", "/api/v1/needs/{ref}", ccs_h_need, U, 0 },
	{ "PATCH", "/api/v1/needs/{ref}", ccs_h_need_update, U, W },
	{ "GET", "/api/v1/needs/{ref}/history", ccs_h_need_history, U, 0 },
	{ "GET", "/api/v1/coverage", ccs_h_coverage, U, 0 },
	{ "GET", "/api/v1/funding", ccs_h_funding, U, 0 },
	{ "POST", "/api/v1/funding/rates", ccs_h_rate_create, U, W },
	/* capacity building: trainings, campaigns, proposals, timeline */
	{ "GET", "/api/v1/trainings", ccs_h_trainings, U, 0 },
	{ "POST", "/api/v1/trainings", ccs_h_training_create, U, W },
	{ "GET", "/api/v1/trainings/{id}", ccs_h_training, U, 0 },
	{ "PATCH", "/api/v1/trainings/{id}", ccs_h_training_update, U, W },
	{ "GET", "/api/v1/campaigns", ccs_h_campaigns, U, 0 },
	{ "POST", "/api/v1/campaigns", ccs_h_campaign_create, U, W },
	{ "GET", "/api/v1/campaigns/{id}", ccs_h_campaign, U, 0 },
	{ "PATCH", "/api/v1/campaigns/{id}", ccs_h_campaign_update, U, W },
	{ "GET", "/api/v1/capacity/calendar", ccs_h_capacity_calendar, U, 0 },
	{ "GET", "/api/v1/proposals", ccs_h_proposals, U, 0 },
	{ "POST", "/api/v1/proposals/{id}/accept", ccs_h_proposal_accept, U,
	    CCS_R_WRITE },
	{ "POST", "/api/v1/proposals/{id}/dismiss", ccs_h_proposal_dismiss, U,
	    W },
	{ "GET", "/api/v1/timeline", ccs_h_timeline, U, 0 },
	{ "PATCH", "/api/v1/timeline/milestones/{id}", ccs_h_milestone_update,
	    U, W },
	{ "PUT", "/api/v1/timeline/adoption", ccs_h_adoption_set, U, W },
};
const size_t ccs_nroutes = sizeof(ccs_routes) / sizeof(ccs_routes[0]);

#undef U
#undef P
#undef W

size_t
ccs_router_body_limit(const char *method, const char *path,
    const struct ccs_conf *conf, const char **code)
{
	const struct ccs_route *rt;
	bool known;

	rt = ccs_router_match(method, path, NULL, &known);
	if (rt != NULL && (rt->flags & CCS_R_IMPORT)) {
		*code = "import_too_large";
		return CCS_IMPORT_MAX_BYTES;
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
	size_t n = 0, len;

	while (*p && *s) {
		if (*p == '{') {
			close = strchr(p, '}');
			end = strchr(s, '/');
			if (close == NULL || n >= CCS_MAX_PATH_PARAMS)
				return false;
			len = end ? (size_t)(end - s) : strlen(s);
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

const struct ccs_route *
ccs_router_match(const char *method, const char *path, struct ccs_req *r,
    bool *path_known)
{
	const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;
	const char *best = NULL;
	size_t i, np, best_np = SIZE_MAX;

	/*
	 * The pattern with the fewest parameters owns the path, for every
	 * method: /assessments/import is never /assessments/{id}, so GET on
	 * it is a 405, not a lookup of record "import".
	 */
	*path_known = false;
	for (i = 0; i < ccs_nroutes; i++) {
		if (!match(ccs_routes[i].pattern, path, NULL))
			continue;
		np = nparams_of(ccs_routes[i].pattern);
		if (np < best_np) {
			best = ccs_routes[i].pattern;
			best_np = np;
		}
	}
	if (best == NULL)
		return NULL;
	*path_known = true;
	for (i = 0; i < ccs_nroutes; i++) {
		if (strcmp(ccs_routes[i].pattern, best) == 0 &&
		    strcmp(ccs_routes[i].method, m) == 0) {
			(void)match(best, path, r);
			return &ccs_routes[i];
		}
	}
	return NULL;
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

	if (strncmp(r->path, "/api/", 5) != 0 && strcmp(r->path, "/healthz") !=
	    0 && strcmp(r->path, "/metrics") != 0) {
		ccs_h_static(r);
		return;
	}
	rt = ccs_router_match(r->method, r->path, r, &known);
	if (rt == NULL) {
		if (known)
			ccs_reply_error(r, 405, "method_not_allowed", "this "
			    "method is not allowed on this path");
		else
			ccs_reply_error(r, 404, "not_found", "no such API "
			    "endpoint");
		return;
	}
	if (r->body_too_big) {
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
	write = (rt->flags & CCS_R_WRITE) != 0;
	r->db = ccs_store_acquire(r->app->store);
	rc = ccs_db_begin(r->db, write);
	if (rc != CCS_OK) {
		ccs_reply_error(r, 503, "busy", "the database is busy; try "
		    "again");
		goto out;
	}
	if (!authenticate(r, rt) || !csrf_ok(r, rt))
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
			ccs_reply_error(r, rc == CCS_EBUSY ? 503 : 500,
			    rc == CCS_EBUSY ? "busy" : "internal",
			    "the change could not be saved; nothing was "
			    "stored");
		}
	}
out:
	ccs_store_release(r->app->store, r->db);
	r->db = NULL;
}

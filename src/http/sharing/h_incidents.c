/*
 * h_incidents.c: incident reports, indicators, correlation and clusters.
 * Thin: parse, call the service (which applies the policy), reply.
 */
#include <string.h>

#include "core/validate.h"
#include "http/handlers.h"
#include "svc/sharing/incidents.h"
#include "svc/sharing/indicators.h"
#include "util/err.h"
#include "util/jsonv.h"
#include "util/str.h"

/* Parses ?limit= (1..1000, default @p dflt) or replies 400. */
static bool
limit_or_reply(struct ccs_req *r, int64_t dflt, int64_t *out)
{
	const char *lim = ccs_req_query(r, "limit");

	*out = dflt;
	if (lim != NULL && ccs_parse_i64(lim, 1, 1000, out) != CCS_OK) {
		ccs_reply_error(r, 400, "invalid_limit", "limit must be 1-1000");
		return false;
	}
	return true;
}

/* Parses ?since= (RFC 3339 or date) into unix seconds, or replies 400. */
static bool
since_or_reply(struct ccs_req *r, int64_t *out)
{
	const char *s = ccs_req_query(r, "since");
	long long t;

	*out = 0;
	if (s == NULL)
		return true;
	if (!ccs_parse_time(s, &t)) {
		ccs_reply_error(r, 400, "invalid_time", "since must be a date "
		    "(2026-11-01) or an RFC 3339 time");
		return false;
	}
	*out = t;
	return true;
}

static bool
body_or_reply(struct ccs_req *r, const struct ccs_jfield *spec, size_t n)
{
	struct ccs_jerr e;

	if (!ccs_jsonv_check(r->json, spec, n, false, &e)) {
		ccs_reply_error(r, 400, e.code, e.message);
		return false;
	}
	return true;
}

void
ccs_h_incident_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *rec = NULL;
	int rc;

	if (!body_or_reply(r, ccs_incident_fields, ccs_incident_nfields))
		return;
	rc = ccs_incident_create(r->db, &r->who, r->json, r->now, &rec, &f);
	ccs_reply_result(r, 201, rc, rec, &f);
}

void
ccs_h_incidents(struct ccs_req *r)
{
	struct ccs_incident_filter flt;
	struct ccs_fail f = { 0, NULL, "" };
	json_t *list = NULL;
	int rc;

	memset(&flt, 0, sizeof(flt));
	flt.state = ccs_req_query(r, "state");
	flt.status = ccs_req_query(r, "status");
	flt.rsit = ccs_req_query(r, "rsit");
	flt.severity = ccs_req_query(r, "severity");
	flt.sector = ccs_req_query(r, "sector");
	if (flt.sector != NULL && (strlen(flt.sector) > 40 ||
	    strspn(flt.sector, "abcdefghijklmnopqrstuvwxyz-") !=
	    strlen(flt.sector))) {
		ccs_reply_error(r, 400, "invalid_sector", "sector must be a "
		    "sector key such as financial-services");
		return;
	}
	if (!limit_or_reply(r, 200, &flt.limit) ||
	    !since_or_reply(r, &flt.since))
		return;
	rc = ccs_incident_list(r->db, &r->who, &flt, &list, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? ccs_items(list) : NULL, &f);
}

void
ccs_h_incident(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *rec = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_incident_get(r->db, &r->who, id, &rec, &f);
	ccs_reply_result(r, 200, rc, rec, &f);
}

void
ccs_h_incident_update(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *rec = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	if (!body_or_reply(r, ccs_incident_patch_fields,
	    ccs_incident_patch_nfields))
		return;
	rc = ccs_incident_update(r->db, &r->who, id, r->json, r->now, &rec, &f);
	ccs_reply_result(r, 200, rc, rec, &f);
}

void
ccs_h_indicator_report(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *list = NULL;
	int rc;

	if (!body_or_reply(r, ccs_ind_report_fields, ccs_ind_report_nfields))
		return;
	rc = ccs_ind_report(r->db, &r->who, r->json, r->now, &list, &f);
	ccs_reply_result(r, 201, rc, rc == CCS_OK ? ccs_items(list) : NULL, &f);
}

void
ccs_h_indicators(struct ccs_req *r)
{
	struct ccs_ind_filter flt;
	struct ccs_fail f = { 0, NULL, "" };
	json_t *list = NULL;
	int rc;

	memset(&flt, 0, sizeof(flt));
	flt.type = ccs_req_query(r, "type");
	flt.state = ccs_req_query(r, "state");
	if (!limit_or_reply(r, 100, &flt.limit) ||
	    !since_or_reply(r, &flt.since))
		return;
	rc = ccs_ind_list(r->db, &r->who, &flt, &list, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? ccs_items(list) : NULL, &f);
}

void
ccs_h_indicator(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *rec = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_ind_get(r->db, &r->who, id, &rec, &f);
	ccs_reply_result(r, 200, rc, rec, &f);
}

void
ccs_h_indicator_lookup(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *type = ccs_req_query(r, "type");
	const char *value = ccs_req_query(r, "value");
	json_t *rec = NULL;
	int rc;

	if (type == NULL || value == NULL) {
		ccs_reply_error(r, 400, "missing_field", "lookup needs ?type= "
		    "and ?value=");
		return;
	}
	rc = ccs_ind_lookup(r->db, &r->who, type, value, &rec, &f);
	ccs_reply_result(r, 200, rc, rec, &f);
}

void
ccs_h_clusters(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *ms = ccs_req_query(r, "min_states");
	const char *d = ccs_req_query(r, "days");
	int64_t min_states = 2, days = 10, limit;
	json_t *list = NULL;
	int rc;

	if ((ms != NULL && ccs_parse_i64(ms, 2, 50, &min_states) != CCS_OK) ||
	    (d != NULL && ccs_parse_i64(d, 1, 3660, &days) != CCS_OK)) {
		ccs_reply_error(r, 400, "invalid_parameter", "min_states must "
		    "be 2-50 and days 1-3660");
		return;
	}
	if (!limit_or_reply(r, 100, &limit))
		return;
	rc = ccs_ind_clusters(r->db, &r->who, min_states, days, r->now, limit,
	    &list, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? ccs_items(list) : NULL, &f);
}

/*
 * h_incidents.c: incident reports, indicators, correlation and clusters.
 * Thin: parse, call the service (which applies the policy), reply.
 */
#include <string.h>

#include "core/validate.h"
#include "http/list.h"
#include "http/params.h"
#include "http/sharing/handlers.h"
#include "svc/sharing/incidents.h"
#include "svc/sharing/indicators.h"
#include "util/err.h"
#include "util/str.h"

/* ?since= of the incident and indicator lists, or a 400 invalid_time. */
static bool
since_or_reply(struct ccs_req *r, int64_t *out)
{
	return ccs_params_since_or_reply(r, "invalid_time", "since must be a "
	    "date (2026-11-01) or an RFC 3339 time", out);
}

void
ccs_h_incident_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *rec = NULL;
	int rc;

	rc = ccs_incident_create(r->db, &r->who, r->json, r->now, &rec, &f);
	ccs_reply_result(r, 201, rc, rec, &f);
}

static const struct ccs_list_csv_col incident_csv[] = {
	{ "id", "id", CCS_LIST_CSV_INT },
	{ "title", "title", CCS_LIST_CSV_TEXT },
	{ "tlp", "tlp", CCS_LIST_CSV_TEXT },
	{ "state", "state", CCS_LIST_CSV_TEXT },
	{ "rsit_class", "rsit_class", CCS_LIST_CSV_TEXT },
	{ "rsit_type", "rsit_type", CCS_LIST_CSV_TEXT },
	{ "severity", "severity", CCS_LIST_CSV_TEXT },
	{ "status", "status", CCS_LIST_CSV_TEXT },
	{ "sectors", "sectors", CCS_LIST_CSV_LIST },
	{ "occurred_at", "occurred_at", CCS_LIST_CSV_TIME },
	{ "reported_at", "reported_at", CCS_LIST_CSV_TIME },
	{ "stix_id", "stix_id", CCS_LIST_CSV_TEXT },
};

void
ccs_h_incidents(struct ccs_req *r)
{
	static const char *const filters[] = { "state", "status", "rsit",
	    "severity", "sector", "since", NULL };
	struct ccs_incident_filter flt;
	struct ccs_list_req lr;
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
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
	if (!since_or_reply(r, &flt.since))
		return;
	if (!ccs_list_or_reply(r, "incidents", ccs_incident_list_cols,
	    ccs_incident_list_ncols, "i.id", filters, &lr))
		return;
	flt.q = lr.q;
	flt.from = lr.from;
	flt.to = lr.to;
	rc = ccs_incident_list(r->db, &r->who, &flt, lr.ks, lr.csv, &out, &f);
	ccs_list_req_free(&lr);
	if (rc == CCS_OK && lr.csv) {
		ccs_list_reply_rows_csv(r, out, incident_csv,
		    sizeof(incident_csv) / sizeof(incident_csv[0]),
		    "ccscap-incidents.csv");
		return;
	}
	ccs_reply_result(r, 200, rc, out, &f);
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
	rc = ccs_incident_update(r->db, &r->who, id, r->json, r->now, &rec, &f);
	ccs_reply_result(r, 200, rc, rec, &f);
}

void
ccs_h_indicator_report(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *list = NULL;
	int rc;

	rc = ccs_ind_report(r->db, &r->who, r->json, r->now, &list, &f);
	ccs_reply_result(r, 201, rc, rc == CCS_OK ? ccs_items(list) : NULL, &f);
}

static const struct ccs_list_csv_col ind_csv[] = {
	{ "id", "id", CCS_LIST_CSV_INT },
	{ "type", "type", CCS_LIST_CSV_TEXT },
	{ "value", "value", CCS_LIST_CSV_TEXT },
	{ "markings", "markings", CCS_LIST_CSV_LIST },
	{ "reported_by", "states", CCS_LIST_CSV_LIST },
	{ "sightings", "sightings", CCS_LIST_CSV_INT },
	{ "sightings_restricted", "sightings_restricted", CCS_LIST_CSV_INT },
	{ "first_seen", "first_seen", CCS_LIST_CSV_TIME },
	{ "last_seen", "last_seen", CCS_LIST_CSV_TIME },
	{ "warning_list", "warning", CCS_LIST_CSV_TEXT },
};

void
ccs_h_indicators(struct ccs_req *r)
{
	static const char *const filters[] = { "type", "state", "since",
	    NULL };
	struct ccs_ind_filter flt;
	struct ccs_list_req lr;
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	memset(&flt, 0, sizeof(flt));
	flt.type = ccs_req_query(r, "type");
	flt.state = ccs_req_query(r, "state");
	if (!since_or_reply(r, &flt.since))
		return;
	if (!ccs_list_or_reply(r, "indicators", ccs_ind_list_cols,
	    ccs_ind_list_ncols, "v.id", filters, &lr))
		return;
	flt.q = lr.q;
	flt.from = lr.from;
	flt.to = lr.to;
	rc = ccs_ind_list(r->db, &r->who, &flt, lr.ks, lr.csv, &out, &f);
	ccs_list_req_free(&lr);
	if (rc == CCS_OK && lr.csv) {
		ccs_list_reply_rows_csv(r, out, ind_csv, sizeof(ind_csv) /
		    sizeof(ind_csv[0]), "ccscap-indicators.csv");
		return;
	}
	ccs_reply_result(r, 200, rc, out, &f);
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

static const struct ccs_list_csv_col cluster_csv[] = {
	{ "id", "id", CCS_LIST_CSV_INT },
	{ "type", "type", CCS_LIST_CSV_TEXT },
	{ "value", "value", CCS_LIST_CSV_TEXT },
	{ "nstates", "nstates", CCS_LIST_CSV_INT },
	{ "states", "states", CCS_LIST_CSV_LIST },
	{ "sightings", "sightings", CCS_LIST_CSV_INT },
	{ "first_seen", "first_seen", CCS_LIST_CSV_TIME },
	{ "last_seen", "last_seen", CCS_LIST_CSV_TIME },
};

void
ccs_h_clusters(struct ccs_req *r)
{
	static const char *const filters[] = { "min_states", "days", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_cluster_filter flt;
	struct ccs_list_req lr;
	json_t *out = NULL;
	int rc;

	memset(&flt, 0, sizeof(flt));
	if (ccs_params_int(ccs_req_query(r, "min_states"), 2, 50, 2,
	    &flt.min_states) != CCS_OK) {
		ccs_reply_error(r, 400, "invalid_parameter", "min_states must "
		    "be a whole number from 2 to 50");
		return;
	}
	if (ccs_params_int(ccs_req_query(r, "days"), 1, 3660, 10,
	    &flt.days) != CCS_OK) {
		ccs_reply_error(r, 400, "invalid_parameter", "days must be a "
		    "whole number from 1 to 3660");
		return;
	}
	if (!ccs_list_or_reply(r, "clusters", ccs_ind_cluster_cols,
	    ccs_ind_cluster_ncols, "v.id", filters, &lr))
		return;
	flt.now = r->now;
	flt.q = lr.q;
	flt.from = lr.from;
	flt.to = lr.to;
	rc = ccs_ind_clusters(r->db, &r->who, &flt, lr.ks, lr.csv, &out, &f);
	ccs_list_req_free(&lr);
	if (rc == CCS_OK && lr.csv) {
		ccs_list_reply_rows_csv(r, out, cluster_csv,
		    sizeof(cluster_csv) / sizeof(cluster_csv[0]),
		    "ccscap-clusters.csv");
		return;
	}
	ccs_reply_result(r, 200, rc, out, &f);
}

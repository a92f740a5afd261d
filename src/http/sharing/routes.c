/*
 * sharing/routes.c: the sharing domain's routes: incidents,
 * indicators, clusters, constituencies and queues, search, advisories,
 * lessons learnt, requests for information.
 * A new endpoint of this domain is one line here and its handler in
 * sharing/handlers.h; router.c walks this table with the others.
 */
#include "http/router.h"
#include "http/sharing/handlers.h"
#include "svc/sharing/advisories.h"
#include "svc/sharing/incidents.h"
#include "svc/sharing/indicators.h"
#include "svc/sharing/lessons.h"
#include "svc/sharing/rfis.h"
#include "svc/sharing/routing.h"

#define U	CCS_AUTH_USER
#define P	CCS_AUTH_PUBLIC
#define W	(CCS_R_WRITE | CCS_R_JSON)

/* The optional body of a claim's approval or rejection: why. */
static const struct ccs_jfield reason_fields[] = {
	{ "reason", CCS_J_STRING, false, 0, 2000 },
};
static const size_t reason_nfields = sizeof(reason_fields) /
    sizeof(reason_fields[0]);

static const struct ccs_route_in incident_in = { CCS_BODY(ccs_incident) };
static const struct ccs_route_in incident_patch_in = {
	CCS_BODY(ccs_incident_patch)
};
static const struct ccs_route_in ind_report_in = {
	CCS_BODY(ccs_ind_report)
};
static const struct ccs_route_in claim_in = { CCS_BODY(ccs_claim) };
static const struct ccs_route_in reason_in = { CCS_BODY(reason) };
static const struct ccs_route_in advisory_in = { CCS_BODY(ccs_advisory) };
static const struct ccs_route_in lesson_in = { CCS_BODY(ccs_lesson) };
static const struct ccs_route_in rfi_in = { CCS_BODY(ccs_rfi) };
static const struct ccs_route_in rfi_answer_in = {
	CCS_BODY(ccs_rfi_answer)
};

/* ?limit= (http/params.h): indicators and clusters 100 when absent;
 * search 50, and at most 200, as documented in docs/openapi.json */
static const struct ccs_route_in search_in = { .limit_dflt = 50,
	.limit_max = 200 };

static const struct ccs_route routes[] = {
	{ "GET", "/api/v1/incidents", ccs_h_incidents, U, 0, NULL },
	{ "POST", "/api/v1/incidents", ccs_h_incident_create, U, W,
	    &incident_in },
	{ "GET", "/api/v1/incidents/trends", ccs_h_incident_trends, U, 0,
	    NULL },
	{ "GET", "/api/v1/incidents/trends.svg", ccs_h_incident_trends_svg, U,
	    0, NULL },
	{ "GET", "/api/v1/incidents/{id}", ccs_h_incident, U, 0, NULL },
	{ "PATCH", "/api/v1/incidents/{id}", ccs_h_incident_update, U, W,
	    &incident_patch_in },
	{ "GET", "/api/v1/indicators", ccs_h_indicators, U, 0, NULL },
	{ "POST", "/api/v1/indicators", ccs_h_indicator_report, U, W,
	    &ind_report_in },
	{ "GET", "/api/v1/indicators/lookup", ccs_h_indicator_lookup, U,
	    0, NULL },
	{ "GET", "/api/v1/indicators/{id}", ccs_h_indicator, U, 0, NULL },
	{ "GET", "/api/v1/indicators/{id}/sightings",
	    ccs_h_indicator_sightings, U, 0, NULL },
	{ "GET", "/api/v1/clusters", ccs_h_clusters, U, 0, NULL },
	{ "GET", "/api/v1/constituencies", ccs_h_claims, U, 0, NULL },
	{ "POST", "/api/v1/constituencies", ccs_h_claim_create, U, W,
	    &claim_in },
	{ "POST", "/api/v1/constituencies/{id}/approve", ccs_h_claim_approve, U,
	    CCS_R_WRITE | CCS_R_OPTJSON, &reason_in },
	{ "POST", "/api/v1/constituencies/{id}/reject", ccs_h_claim_reject, U,
	    W, &reason_in },
	{ "GET", "/api/v1/queue", ccs_h_queue, U, 0, NULL },
	{ "POST", "/api/v1/queue/{id}/done", ccs_h_queue_done, U,
	    CCS_R_WRITE, NULL },
	{ "GET", "/api/v1/search", ccs_h_search, U, 0, &search_in },
	{ "GET", "/api/v1/advisories", ccs_h_advisories, U, 0, NULL },
	{ "GET", "/api/v1/recipients", ccs_h_recipients, U, 0, NULL },
	{ "POST", "/api/v1/advisories", ccs_h_advisory_create, U, W,
	    &advisory_in },
	{ "GET", "/api/v1/advisories/overdue", ccs_h_advisories_overdue, U,
	    0, NULL },
	{ "GET", "/api/v1/advisories/{id}", ccs_h_advisory, U, 0, NULL },
	{ "POST", "/api/v1/advisories/{id}/ack", ccs_h_advisory_ack, U,
	    CCS_R_WRITE, NULL },
	{ "GET", "/api/v1/lessons", ccs_h_lessons, U, 0, NULL },
	{ "POST", "/api/v1/lessons", ccs_h_lesson_create, U, W, &lesson_in },
	{ "GET", "/api/v1/lessons/{id}", ccs_h_lesson, U, 0, NULL },
	{ "GET", "/api/v1/rfis", ccs_h_rfis, U, 0, NULL },
	{ "POST", "/api/v1/rfis", ccs_h_rfi_create, U, W, &rfi_in },
	{ "GET", "/api/v1/rfis/{id}", ccs_h_rfi, U, 0, NULL },
	{ "POST", "/api/v1/rfis/{id}/answers", ccs_h_rfi_answer, U, W,
	    &rfi_answer_in },
	{ "POST", "/api/v1/rfis/{id}/close", ccs_h_rfi_close, U,
	    CCS_R_WRITE, NULL },
};

#undef U
#undef P
#undef W

const struct ccs_route_list ccs_sharing_routes = {
	"sharing", routes, sizeof(routes) / sizeof(routes[0])
};

/*
 * capacity/routes.c: the capacity domain's routes: initiatives, duplicate
 * candidates and decisions, the needs catalogue, coverage and funding;
 * trainings, awareness campaigns and their calendar, the proposals
 * completed work makes, and the plan's timeline; IATI import and export.
 * A new endpoint of this domain is one line here and its handler in
 * capacity/handlers.h; router.c walks this table with the others.
 */
#include "http/capacity/handlers.h"
#include "http/router.h"
#include "svc/capacity/duplicates.h"
#include "svc/capacity/funding.h"
#include "svc/capacity/initiatives.h"
#include "svc/capacity/interests.h"
#include "svc/capacity/needs.h"
#include "svc/capacity/campaigns.h"
#include "svc/capacity/timeline.h"
#include "svc/capacity/training.h"

#define U	CCS_AUTH_USER
#define W	(CCS_R_WRITE | CCS_R_JSON)

static const struct ccs_route_in initiative_in = {
	CCS_BODY(ccs_initiative)
};
/* PATCH: any subset, with the version read (the service requires it) */
static const struct ccs_route_in initiative_patch_in = {
	CCS_BODY(ccs_initiative_patch), .partial = true
};
static const struct ccs_route_in need_in = { CCS_BODY(ccs_need) };
static const struct ccs_route_in decision_in = {
	CCS_BODY(ccs_dup_decision)
};
static const struct ccs_route_in rate_in = { CCS_BODY(ccs_rate) };
static const struct ccs_route_in interest_in = { CCS_BODY(ccs_interest) };
/* every capacity list pages by cursor: 50 a page, at most 200 */
static const struct ccs_route_in page_in = { .limit_dflt = 50,
	.limit_max = CCS_CAP_PAGE_MAX };

static const struct ccs_route_in training_in = { CCS_BODY(ccs_training) };
static const struct ccs_route_in training_patch_in = {
	CCS_BODY(ccs_training), .partial = true
};
static const struct ccs_route_in campaign_in = { CCS_BODY(ccs_campaign) };
static const struct ccs_route_in campaign_patch_in = {
	CCS_BODY(ccs_campaign), .partial = true
};
/* The body of a proposal's dismissal: why (required). */
static const struct ccs_jfield dismiss_fields[] = {
	{ "reason", CCS_J_STRING, true, 1, 2000 },
};
static const size_t dismiss_nfields = sizeof(dismiss_fields) /
    sizeof(dismiss_fields[0]);
static const struct ccs_route_in dismiss_in = { CCS_BODY(dismiss) };
static const struct ccs_route_in milestone_in = {
	CCS_BODY(ccs_milestone), .partial = true
};
static const struct ccs_route_in adoption_in = { CCS_BODY(ccs_adoption) };

static const struct ccs_route routes[] = {
	{ "GET", "/api/v1/initiatives", ccs_h_initiatives, U, 0, NULL },
	{ "POST", "/api/v1/initiatives", ccs_h_initiative_create, U, W,
	    &initiative_in },
	{ "GET", "/api/v1/initiatives/duplicates", ccs_h_duplicates, U, 0,
	    &page_in },
	{ "POST", "/api/v1/initiatives/duplicates/decisions",
	    ccs_h_duplicate_decide, U, W, &decision_in },
	{ "GET", "/api/v1/initiatives/{id}", ccs_h_initiative, U, 0, NULL },
	{ "PATCH", "/api/v1/initiatives/{id}", ccs_h_initiative_update, U, W,
	    &initiative_patch_in },
	{ "GET", "/api/v1/needs", ccs_h_needs, U, 0, NULL },
	{ "GET", "/api/v1/needs/{ref}", ccs_h_need, U, 0, NULL },
	{ "PATCH", "/api/v1/needs/{ref}", ccs_h_need_update, U, W, &need_in },
	{ "GET", "/api/v1/needs/{ref}/history", ccs_h_need_history, U, 0,
	    &page_in },
	{ "GET", "/api/v1/coverage", ccs_h_coverage, U, 0, NULL },
	{ "GET", "/api/v1/coverage/cell", ccs_h_coverage_cell, U, 0,
	    &page_in },
	{ "GET", "/api/v1/funding", ccs_h_funding, U, 0, NULL },
	{ "GET", "/api/v1/funding/chart.svg", ccs_h_funding_chart, U, 0,
	    NULL },
	{ "GET", "/api/v1/funding/rates", ccs_h_rates, U, 0, NULL },
	{ "POST", "/api/v1/funding/rates", ccs_h_rate_create, U, W, &rate_in },
	{ "GET", "/api/v1/funders/interests", ccs_h_interests_all, U, 0,
	    NULL },
	{ "GET", "/api/v1/funders/{org}/interests", ccs_h_interests, U, 0,
	    NULL },
	{ "POST", "/api/v1/funders/{org}/interests", ccs_h_interest_create, U,
	    W, &interest_in },
	{ "DELETE", "/api/v1/funders/{org}/interests/{id}",
	    ccs_h_interest_delete, U, CCS_R_WRITE, NULL },
	/* trainings, campaigns, proposals, timeline */
	{ "GET", "/api/v1/trainings", ccs_h_trainings, U, 0, NULL },
	{ "POST", "/api/v1/trainings", ccs_h_training_create, U, W,
	    &training_in },
	{ "GET", "/api/v1/trainings/{id}", ccs_h_training, U, 0, NULL },
	{ "PATCH", "/api/v1/trainings/{id}", ccs_h_training_update, U, W,
	    &training_patch_in },
	{ "GET", "/api/v1/campaigns", ccs_h_campaigns, U, 0, NULL },
	{ "POST", "/api/v1/campaigns", ccs_h_campaign_create, U, W,
	    &campaign_in },
	{ "GET", "/api/v1/campaigns/{id}", ccs_h_campaign, U, 0, NULL },
	{ "PATCH", "/api/v1/campaigns/{id}", ccs_h_campaign_update, U, W,
	    &campaign_patch_in },
	{ "GET", "/api/v1/capacity/calendar", ccs_h_capacity_calendar, U, 0,
	    NULL },
	{ "GET", "/api/v1/proposals", ccs_h_proposals, U, 0, NULL },
	{ "POST", "/api/v1/proposals/{id}/accept", ccs_h_proposal_accept, U,
	    CCS_R_WRITE, NULL },
	{ "POST", "/api/v1/proposals/{id}/dismiss", ccs_h_proposal_dismiss, U,
	    W, &dismiss_in },
	{ "GET", "/api/v1/timeline", ccs_h_timeline, U, 0, NULL },
	{ "PATCH", "/api/v1/timeline/milestones/{id}", ccs_h_milestone_update,
	    U, W, &milestone_in },
	{ "PUT", "/api/v1/timeline/adoption", ccs_h_adoption_set, U, W,
	    &adoption_in },
	/* raw XML bodies up to CCS_IMPORT_MAX_BYTES, as the STIX import */
	{ "POST", "/api/v1/import/iati", ccs_h_import_iati, U,
	    CCS_R_WRITE | CCS_R_UPLOAD | CCS_R_IMPORT, NULL },
	{ "GET", "/api/v1/export/iati", ccs_h_export_iati, U, 0, NULL },
};

const struct ccs_route_list ccs_capacity_routes = {
	"capacity", routes, sizeof(routes) / sizeof(routes[0])
};

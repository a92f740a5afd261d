/*
 * monitoring/meetings_routes.c: the routes of meetings, recommendations
 * (with their progress trail and the overdue view) and plan versions
 * (items, derivation, evaluations). One line per endpoint; router.c
 * walks this table with the others. Lists page by cursor: 50 a page, at
 * most 200.
 */
#include "http/monitoring/meetings_handlers.h"
#include "http/router.h"
#include "svc/monitoring/evaluation.h"
#include "svc/monitoring/meetings.h"
#include "svc/monitoring/meetings_common.h"
#include "svc/monitoring/plan_versions.h"
#include "svc/monitoring/recommendations.h"

#define U	CCS_AUTH_USER
#define W	(CCS_R_WRITE | CCS_R_JSON)

static const struct ccs_route_in page_in = {
	.limit_dflt = CCS_MON_PAGE_DEFAULT, .limit_max = CCS_MON_PAGE_MAX
};
static const struct ccs_route_in meeting_in = { CCS_BODY(ccs_meeting) };
static const struct ccs_route_in meeting_patch_in = {
	CCS_BODY(ccs_meeting), .partial = true
};
static const struct ccs_route_in rec_in = { CCS_BODY(ccs_recommendation) };
static const struct ccs_route_in rec_patch_in = {
	CCS_BODY(ccs_recommendation), .partial = true
};
static const struct ccs_route_in progress_in = {
	CCS_BODY(ccs_rec_progress)
};
static const struct ccs_route_in derive_in = { CCS_BODY(ccs_plan_derive) };
static const struct ccs_route_in items_in = { CCS_BODY(ccs_plan_items) };
static const struct ccs_route_in eval_in = { CCS_BODY(ccs_evaluation) };
static const struct ccs_route_in eval_patch_in = {
	CCS_BODY(ccs_evaluation_patch)
};

static const struct ccs_route routes[] = {
	{ "GET", "/api/v1/meetings", ccs_h_meetings, U, 0, &page_in },
	{ "POST", "/api/v1/meetings", ccs_h_meeting_create, U, W,
	    &meeting_in },
	{ "GET", "/api/v1/meetings/{id}", ccs_h_meeting, U, 0, NULL },
	{ "PATCH", "/api/v1/meetings/{id}", ccs_h_meeting_update, U, W,
	    &meeting_patch_in },
	{ "GET", "/api/v1/recommendations", ccs_h_recommendations, U, 0,
	    &page_in },
	{ "POST", "/api/v1/recommendations", ccs_h_recommendation_create, U,
	    W, &rec_in },
	{ "GET", "/api/v1/recommendations/overdue",
	    ccs_h_recommendations_overdue, U, 0, &page_in },
	{ "GET", "/api/v1/recommendations/{id}", ccs_h_recommendation, U, 0,
	    NULL },
	{ "PATCH", "/api/v1/recommendations/{id}",
	    ccs_h_recommendation_update, U, W, &rec_patch_in },
	{ "POST", "/api/v1/recommendations/{id}/progress",
	    ccs_h_recommendation_progress, U, W, &progress_in },
	{ "GET", "/api/v1/plan-versions", ccs_h_plan_versions, U, 0,
	    &page_in },
	{ "POST", "/api/v1/plan-versions", ccs_h_plan_version_derive, U, W,
	    &derive_in },
	{ "GET", "/api/v1/plan-versions/{id}", ccs_h_plan_version, U, 0,
	    NULL },
	{ "PATCH", "/api/v1/plan-versions/{id}/items", ccs_h_plan_items_patch,
	    U, W, &items_in },
	{ "GET", "/api/v1/plan-versions/{id}/evaluations", ccs_h_evaluations,
	    U, 0, &page_in },
	{ "POST", "/api/v1/plan-versions/{id}/evaluations",
	    ccs_h_evaluation_create, U, W, &eval_in },
	{ "GET", "/api/v1/plan-versions/{id}/evaluations/{eid}",
	    ccs_h_evaluation, U, 0, NULL },
	{ "PATCH", "/api/v1/plan-versions/{id}/evaluations/{eid}",
	    ccs_h_evaluation_update, U, W, &eval_patch_in },
};

const struct ccs_route_list ccs_monitoring_meetings_routes = {
	"monitoring", routes, sizeof(routes) / sizeof(routes[0])
};

/*
 * crisis/routes.c: the crisis domain's routes. A new endpoint is one
 * line here and its handler in crisis/handlers.h; router.c walks this
 * table with the others.
 */
#include "http/crisis/handlers.h"
#include "http/router.h"
#include "svc/crisis/crises.h"
#include "svc/crisis/crisis_log.h"
#include "svc/crisis/crisis_review.h"
#include "svc/crisis/crisis_sitreps.h"
#include "svc/crisis/crisis_tasks.h"
#include "svc/crisis/crisis_team.h"
#include "svc/crisis/crisis_templates.h"

#define U	CCS_AUTH_USER
#define W	(CCS_R_WRITE | CCS_R_JSON)

static const struct ccs_route_in page_in = { .limit_dflt = 50,
	.limit_max = CCS_CRISIS_PAGE_MAX };
static const struct ccs_route_in crisis_in = { CCS_BODY(ccs_crisis) };
static const struct ccs_route_in patch_in = {
	CCS_BODY(ccs_crisis_patch), .partial = true
};
static const struct ccs_route_in log_in = { CCS_BODY(ccs_crisis_log) };
static const struct ccs_route_in member_in = {
	CCS_BODY(ccs_crisis_member)
};
static const struct ccs_route_in task_in = { CCS_BODY(ccs_crisis_task) };
static const struct ccs_route_in task_patch_in = {
	CCS_BODY(ccs_crisis_task), .partial = true
};
static const struct ccs_route_in sitrep_in = {
	CCS_BODY(ccs_crisis_sitrep)
};
static const struct ccs_route_in review_in = {
	CCS_BODY(ccs_crisis_review)
};
static const struct ccs_route_in template_in = {
	CCS_BODY(ccs_crisis_template)
};

static const struct ccs_route routes[] = {
	{ "GET", "/api/v1/crises", ccs_h_crises, U, 0, &page_in },
	{ "POST", "/api/v1/crises", ccs_h_crisis_declare, U, W, &crisis_in },
	{ "GET", "/api/v1/crises/{id}", ccs_h_crisis, U, 0, NULL },
	{ "PATCH", "/api/v1/crises/{id}", ccs_h_crisis_update, U, W,
	    &patch_in },
	{ "GET", "/api/v1/crises/{id}/log", ccs_h_crisis_log, U, 0, &page_in },
	{ "POST", "/api/v1/crises/{id}/log", ccs_h_crisis_log_add, U, W,
	    &log_in },
	{ "POST", "/api/v1/crises/{id}/team", ccs_h_crisis_member_add, U, W,
	    &member_in },
	{ "DELETE", "/api/v1/crises/{id}/team/{member}",
	    ccs_h_crisis_member_remove, U, CCS_R_WRITE, NULL },
	{ "GET", "/api/v1/crises/{id}/tasks", ccs_h_crisis_tasks, U, 0,
	    &page_in },
	{ "POST", "/api/v1/crises/{id}/tasks", ccs_h_crisis_task_add, U, W,
	    &task_in },
	{ "PATCH", "/api/v1/crises/{id}/tasks/{task}",
	    ccs_h_crisis_task_update, U, W, &task_patch_in },
	{ "GET", "/api/v1/crises/{id}/sitreps", ccs_h_crisis_sitreps, U, 0,
	    &page_in },
	{ "POST", "/api/v1/crises/{id}/sitreps", ccs_h_crisis_sitrep_add, U, W,
	    &sitrep_in },
	{ "POST", "/api/v1/crises/{id}/review", ccs_h_crisis_review, U, W,
	    &review_in },
	{ "GET", "/api/v1/crisis-templates", ccs_h_crisis_templates, U, 0,
	    NULL },
	{ "GET", "/api/v1/crisis-templates/{state}/{kind}",
	    ccs_h_crisis_template, U, 0, NULL },
	{ "GET", "/api/v1/crisis-templates/{state}/{kind}/versions",
	    ccs_h_crisis_template_versions, U, 0, &page_in },
	{ "POST", "/api/v1/crisis-templates/{state}/{kind}/versions",
	    ccs_h_crisis_template_write, U, W, &template_in },
	{ "GET", "/api/v1/crisis-templates/{state}/{kind}/versions/{version}",
	    ccs_h_crisis_template_version, U, 0, NULL },
};

const struct ccs_route_list ccs_crisis_routes = {
	"crisis", routes, sizeof(routes) / sizeof(routes[0])
};

/*
 * standards/routes.c: the standards domain's routes: the framework, status
 * records and their review, the CSV import, evidence, the gap analysis and
 * its history.
 * A new endpoint of this domain is one line here and its handler in
 * standards/handlers.h; router.c walks this table with the others.
 */
#include "http/router.h"
#include "http/standards/handlers.h"
#include "svc/standards/assessments.h"
#include "svc/standards/review_batch.h"

#define U	CCS_AUTH_USER
#define P	CCS_AUTH_PUBLIC
#define W	(CCS_R_WRITE | CCS_R_JSON)

/* The optional body of a review: why (validate, reject). */
static const struct ccs_jfield reason_fields[] = {
	{ "reason", CCS_J_STRING, false, 0, 2000 },
};
static const size_t reason_nfields = sizeof(reason_fields) /
    sizeof(reason_fields[0]);

static const struct ccs_route_in assessment_in = {
	CCS_BODY(ccs_assessment)
};
static const struct ccs_route_in reason_in = { CCS_BODY(reason) };
static const struct ccs_route_in review_batch_in = {
	CCS_BODY(ccs_review_batch)
};

static const struct ccs_route routes[] = {
	{ "GET", "/api/v1/framework", ccs_h_framework, U, 0, NULL },
	{ "POST", "/api/v1/framework", ccs_h_framework_publish, U, W, NULL },
	{ "GET", "/api/v1/framework/versions", ccs_h_framework_versions, U,
	    0, NULL },
	{ "GET", "/api/v1/framework/needs", ccs_h_framework_needs, U, 0, NULL },
	{ "GET", "/api/v1/assessments", ccs_h_assessments, U, 0, NULL },
	{ "POST", "/api/v1/assessments", ccs_h_assessment_submit, U, W,
	    &assessment_in },
	{ "POST", "/api/v1/assessments/import", ccs_h_assessments_import, U,
	    CCS_R_WRITE | CCS_R_UPLOAD | CCS_R_IMPORT, NULL },
	{ "POST", "/api/v1/assessments/review", ccs_h_assessments_review, U,
	    W, &review_batch_in },
	{ "GET", "/api/v1/assessments/{id}", ccs_h_assessment, U, 0, NULL },
	{ "POST", "/api/v1/assessments/{id}/validate",
	    ccs_h_assessment_validate, U, CCS_R_WRITE | CCS_R_OPTJSON,
	    &reason_in },
	{ "POST", "/api/v1/assessments/{id}/reject", ccs_h_assessment_reject, U,
	    W, &reason_in },
	{ "POST", "/api/v1/evidence", ccs_h_evidence_upload, U,
	    CCS_R_WRITE | CCS_R_UPLOAD, NULL },
	{ "GET", "/api/v1/evidence/{sha256}", ccs_h_evidence_get, U, 0, NULL },
	{ "GET", "/api/v1/gaps", ccs_h_gaps, U, 0, NULL },
	{ "GET", "/api/v1/gaps/matrix", ccs_h_gaps_matrix, U, 0, NULL },
	{ "GET", "/api/v1/gaps/changes", ccs_h_gaps_changes, U, 0, NULL },
	{ "GET", "/api/v1/gaps/ranking", ccs_h_gaps_ranking, U, 0, NULL },
	{ "GET", "/api/v1/gaps/unmet", ccs_h_gaps_unmet, U, 0, NULL },
	{ "GET", "/api/v1/gaps/history", ccs_h_gaps_history, U, 0, NULL },
	{ "GET", "/api/v1/gaps/history.svg", ccs_h_gaps_history_svg, U,
	    0, NULL },
};

#undef U
#undef P
#undef W

const struct ccs_route_list ccs_standards_routes = {
	"standards", routes, sizeof(routes) / sizeof(routes[0])
};

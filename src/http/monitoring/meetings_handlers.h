/*
 * meetings_handlers.h: the handlers of meetings, recommendations, plan
 * versions and their evaluations. The routes that reach them are in
 * monitoring/meetings_routes.c.
 */
#ifndef CCS_HTTP_MONITORING_MEETINGS_HANDLERS_H
#define CCS_HTTP_MONITORING_MEETINGS_HANDLERS_H

#include "http/req.h"

/* h_meetings.c: meetings */
void	ccs_h_meetings(struct ccs_req *r);
void	ccs_h_meeting(struct ccs_req *r);
void	ccs_h_meeting_create(struct ccs_req *r);
void	ccs_h_meeting_update(struct ccs_req *r);

/* h_recommendations.c: recommendations, progress, overdue by owner */
void	ccs_h_recommendations(struct ccs_req *r);
void	ccs_h_recommendation(struct ccs_req *r);
void	ccs_h_recommendation_create(struct ccs_req *r);
void	ccs_h_recommendation_update(struct ccs_req *r);
void	ccs_h_recommendation_progress(struct ccs_req *r);
void	ccs_h_recommendations_overdue(struct ccs_req *r);

/* h_plan_versions.c: plan versions, items and evaluations */
void	ccs_h_plan_versions(struct ccs_req *r);
void	ccs_h_plan_version(struct ccs_req *r);
void	ccs_h_plan_version_derive(struct ccs_req *r);
void	ccs_h_plan_items_patch(struct ccs_req *r);
void	ccs_h_evaluations(struct ccs_req *r);
void	ccs_h_evaluation(struct ccs_req *r);
void	ccs_h_evaluation_create(struct ccs_req *r);
void	ccs_h_evaluation_update(struct ccs_req *r);

#endif

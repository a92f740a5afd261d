/*
 * capacity/handlers.h: the capacity domain's handlers: initiatives,
 * needs, duplicate candidates, coverage and funding; trainings,
 * awareness campaigns, their calendar, the proposals completed work
 * makes, and the plan's timeline. The routes that reach them are in
 * capacity/routes.c.
 */
#ifndef CCS_HTTP_CAPACITY_HANDLERS_H
#define CCS_HTTP_CAPACITY_HANDLERS_H

#include "http/req.h"

/* initiatives, needs, duplicates, coverage, funding */
void	ccs_h_initiatives(struct ccs_req *r);
void	ccs_h_initiative(struct ccs_req *r);
void	ccs_h_initiative_create(struct ccs_req *r);
void	ccs_h_initiative_update(struct ccs_req *r);
void	ccs_h_needs(struct ccs_req *r);
void	ccs_h_need(struct ccs_req *r);
void	ccs_h_need_update(struct ccs_req *r);
void	ccs_h_need_history(struct ccs_req *r);
void	ccs_h_duplicates(struct ccs_req *r);
void	ccs_h_duplicate_decide(struct ccs_req *r);
void	ccs_h_coverage(struct ccs_req *r);
void	ccs_h_funding(struct ccs_req *r);
void	ccs_h_rate_create(struct ccs_req *r);

/* h_training.c: trainings, campaigns, their calendar */
void	ccs_h_trainings(struct ccs_req *r);
void	ccs_h_training_create(struct ccs_req *r);
void	ccs_h_training(struct ccs_req *r);
void	ccs_h_training_update(struct ccs_req *r);
void	ccs_h_campaigns(struct ccs_req *r);
void	ccs_h_campaign_create(struct ccs_req *r);
void	ccs_h_campaign(struct ccs_req *r);
void	ccs_h_campaign_update(struct ccs_req *r);
void	ccs_h_capacity_calendar(struct ccs_req *r);
/* h_proposals.c: proposals from completed work */
void	ccs_h_proposals(struct ccs_req *r);
void	ccs_h_proposal_accept(struct ccs_req *r);
void	ccs_h_proposal_dismiss(struct ccs_req *r);
/* h_timeline.c: the plan's timeline */
void	ccs_h_timeline(struct ccs_req *r);
void	ccs_h_milestone_update(struct ccs_req *r);
void	ccs_h_adoption_set(struct ccs_req *r);

#endif

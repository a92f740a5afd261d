/*
 * capacity/handlers.h: the capacity domain's handlers: initiatives and
 * duplicate candidates, the needs catalogue, coverage, funding;
 * trainings, campaigns, proposals and the timeline. The routes that
 * reach them are in capacity/routes.c.
 */
#ifndef CCS_HTTP_CAPACITY_HANDLERS_H
#define CCS_HTTP_CAPACITY_HANDLERS_H

#include <stdbool.h>

#include "http/req.h"
#include "svc/capacity/cap_common.h"

/**
 * Reads ?limit= (the route's range: 1-200, 50 when absent) and ?cursor=,
 * or replies 400; true when read.
 */
bool	ccs_page_or_reply(struct ccs_req *r, struct ccs_page *page /* OUT */);

/* h_initiatives.c: initiatives, duplicate candidates and decisions */
void	ccs_h_initiatives(struct ccs_req *r);
void	ccs_h_initiative(struct ccs_req *r);
void	ccs_h_initiative_create(struct ccs_req *r);
void	ccs_h_initiative_update(struct ccs_req *r);
void	ccs_h_duplicates(struct ccs_req *r);
void	ccs_h_duplicate_decide(struct ccs_req *r);

/* h_needs.c: the needs catalogue and its history */
void	ccs_h_needs(struct ccs_req *r);
void	ccs_h_need(struct ccs_req *r);
void	ccs_h_need_update(struct ccs_req *r);
void	ccs_h_need_history(struct ccs_req *r);

/* h_coverage.c: the coverage matrix (JSON, CSV, XLSX), one cell paged */
void	ccs_h_coverage(struct ccs_req *r);
void	ccs_h_coverage_cell(struct ccs_req *r);

/* h_funding.c: funding totals and exchange rates */
void	ccs_h_funding(struct ccs_req *r);
/* GET /funding/chart.svg: one dimension as a bar chart per currency */
void	ccs_h_funding_chart(struct ccs_req *r);
void	ccs_h_rate_create(struct ccs_req *r);
void	ccs_h_rates(struct ccs_req *r);

/* h_interests.c: funders' stated areas of interest */
void	ccs_h_interests_all(struct ccs_req *r);
void	ccs_h_interests(struct ccs_req *r);
void	ccs_h_interest_create(struct ccs_req *r);
void	ccs_h_interest_delete(struct ccs_req *r);

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

/* h_proposals.c: the status updates completed work proposes */
void	ccs_h_proposals(struct ccs_req *r);
void	ccs_h_proposal_accept(struct ccs_req *r);
void	ccs_h_proposal_dismiss(struct ccs_req *r);

/* h_timeline.c: the plan's timeline */
void	ccs_h_timeline(struct ccs_req *r);
void	ccs_h_milestone_update(struct ccs_req *r);
void	ccs_h_adoption_set(struct ccs_req *r);

/* h_iati.c: IATI 2.03 XML import and export */
void	ccs_h_import_iati(struct ccs_req *r);
void	ccs_h_export_iati(struct ccs_req *r);

#endif

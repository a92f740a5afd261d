/*
 * sharing/handlers.h: the sharing domain's handlers, one group per file:
 * incidents, indicators, routing and search, advisories, lessons learnt,
 * requests for information. The routes that reach them are in
 * sharing/routes.c.
 */
#ifndef CCS_HTTP_SHARING_HANDLERS_H
#define CCS_HTTP_SHARING_HANDLERS_H

#include "http/req.h"

/* h_incidents.c: incidents, indicators, correlation, clusters */
void	ccs_h_incidents(struct ccs_req *r);
void	ccs_h_incident(struct ccs_req *r);
void	ccs_h_incident_create(struct ccs_req *r);
void	ccs_h_incident_update(struct ccs_req *r);
void	ccs_h_indicators(struct ccs_req *r);
void	ccs_h_indicator(struct ccs_req *r);
void	ccs_h_indicator_report(struct ccs_req *r);
void	ccs_h_indicator_lookup(struct ccs_req *r);
void	ccs_h_clusters(struct ccs_req *r);

/* h_sightings.c: the sightings of one value, as a list */
void	ccs_h_indicator_sightings(struct ccs_req *r);

/* h_routing.c: constituencies, state queues, search */
void	ccs_h_claims(struct ccs_req *r);
void	ccs_h_claim_create(struct ccs_req *r);
void	ccs_h_claim_approve(struct ccs_req *r);
void	ccs_h_claim_reject(struct ccs_req *r);
void	ccs_h_queue(struct ccs_req *r);
void	ccs_h_queue_done(struct ccs_req *r);
void	ccs_h_search(struct ccs_req *r);

/* h_advisories.c, h_lessons.c, h_rfis.c: advisories, lessons learnt,
 * requests for information */
void	ccs_h_advisories(struct ccs_req *r);
void	ccs_h_advisory(struct ccs_req *r);
void	ccs_h_advisory_create(struct ccs_req *r);
void	ccs_h_advisory_ack(struct ccs_req *r);
void	ccs_h_advisories_overdue(struct ccs_req *r);
void	ccs_h_lessons(struct ccs_req *r);
void	ccs_h_lesson(struct ccs_req *r);
void	ccs_h_lesson_create(struct ccs_req *r);
void	ccs_h_rfis(struct ccs_req *r);
void	ccs_h_rfi(struct ccs_req *r);
void	ccs_h_rfi_create(struct ccs_req *r);
void	ccs_h_rfi_answer(struct ccs_req *r);
void	ccs_h_rfi_close(struct ccs_req *r);

/* incident trends for the start pages (h_trends.c) */
void	ccs_h_incident_trends(struct ccs_req *r);
void	ccs_h_incident_trends_svg(struct ccs_req *r);

/* h_recipients.c: the TLP:RED recipient picker's search */
void	ccs_h_recipients(struct ccs_req *r);

#endif

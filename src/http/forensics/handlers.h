/*
 * forensics/handlers.h: the handlers of the forensics domain's routes
 * (routes.c): pooled labs, help requests, evidence items and their
 * custody log.
 */
#ifndef CCS_HTTP_FORENSICS_HANDLERS_H
#define CCS_HTTP_FORENSICS_HANDLERS_H

#include "http/req.h"

/* h_labs.c: labs, tools, examiners, help requests */
void	ccs_h_labs(struct ccs_req *r);
void	ccs_h_lab(struct ccs_req *r);
void	ccs_h_lab_create(struct ccs_req *r);
void	ccs_h_lab_tool_add(struct ccs_req *r);
void	ccs_h_lab_examiner_add(struct ccs_req *r);
void	ccs_h_fx_requests(struct ccs_req *r);
void	ccs_h_fx_request(struct ccs_req *r);
void	ccs_h_fx_request_create(struct ccs_req *r);
void	ccs_h_fx_request_move(struct ccs_req *r);

/* h_custody.c: evidence items, hand-overs, the custody log */
void	ccs_h_evidence_items(struct ccs_req *r);
void	ccs_h_evidence_item(struct ccs_req *r);
void	ccs_h_evidence_item_create(struct ccs_req *r);
void	ccs_h_handover(struct ccs_req *r);
void	ccs_h_custody(struct ccs_req *r);
void	ccs_h_custody_pdf(struct ccs_req *r);

#endif

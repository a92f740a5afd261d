/*
 * handlers.h: the handlers of the 24/7 preservation requests API
 * (routes.c).
 */
#ifndef CCS_HTTP_EVIDENCE24_HANDLERS_H
#define CCS_HTTP_EVIDENCE24_HANDLERS_H

#include "http/req.h"

void	ccs_h_pres_list(struct ccs_req *r);
void	ccs_h_pres_create(struct ccs_req *r);
void	ccs_h_pres_get(struct ccs_req *r);
void	ccs_h_pres_patch(struct ccs_req *r);
void	ccs_h_pres_pdf(struct ccs_req *r);
void	ccs_h_pres_figures(struct ccs_req *r);

#endif

/*
 * monitoring/handlers.h: the monitoring domain's handlers. The routes
 * that reach them are in monitoring/routes.c.
 */
#ifndef CCS_HTTP_MONITORING_HANDLERS_H
#define CCS_HTTP_MONITORING_HANDLERS_H

#include "http/req.h"

/* h_legal.c: the legal harmonisation tracker */
void	ccs_h_legal_provisions(struct ccs_req *r);
void	ccs_h_legal_instruments(struct ccs_req *r);
void	ccs_h_legal_instrument(struct ccs_req *r);
void	ccs_h_legal_instrument_create(struct ccs_req *r);
void	ccs_h_legal_instrument_update(struct ccs_req *r);
void	ccs_h_legal_matrix(struct ccs_req *r);
void	ccs_h_legal_treaties(struct ccs_req *r);
void	ccs_h_legal_treaty_update(struct ccs_req *r);

#endif

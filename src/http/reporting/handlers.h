/*
 * handlers.h: the handlers of the public reporting portal (routes.c):
 * the report form and its submission, the reporter's follow-up, and the
 * public figures (page and JSON).
 */
#ifndef CCS_HTTP_REPORTING_HANDLERS_H
#define CCS_HTTP_REPORTING_HANDLERS_H

#include "http/req.h"

void	ccs_h_report_form(struct ccs_req *r);
void	ccs_h_report_submit(struct ccs_req *r);
void	ccs_h_report_follow(struct ccs_req *r);
void	ccs_h_report_figures(struct ccs_req *r);
void	ccs_h_report_figures_json(struct ccs_req *r);

#endif

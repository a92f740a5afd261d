/*
 * handlers.h: the handlers of the public reporting portal (routes.c):
 * the report form and its submission, the reporter's follow-up, and the
 * public figures (page and JSON).
 */
#ifndef CCS_HTTP_REPORTING_HANDLERS_H
#define CCS_HTTP_REPORTING_HANDLERS_H

#include "http/req.h"
#include "util/jsonv.h"

void	ccs_h_report_form(struct ccs_req *r);
void	ccs_h_report_submit(struct ccs_req *r);
void	ccs_h_report_follow(struct ccs_req *r);
void	ccs_h_report_figures(struct ccs_req *r);
void	ccs_h_report_figures_json(struct ccs_req *r);
/* h_api.c: the JSON submit endpoint for partners' forms */
void	ccs_h_report_challenge(struct ccs_req *r);
void	ccs_h_report_api_submit(struct ccs_req *r);

/* The JSON body of POST /api/v1/reporting/reports (h_api.c). */
extern const struct ccs_jfield ccs_report_api_fields[];
extern const size_t ccs_report_api_nfields;

#endif

/*
 * monitoring/handlers.h: the monitoring domain's handlers: reports (make,
 * archive, record, stored renditions, a preview that stores nothing) and
 * the public progress page with its switch. Routes in monitoring/routes.c.
 */
#ifndef CCS_HTTP_MONITORING_HANDLERS_H
#define CCS_HTTP_MONITORING_HANDLERS_H

#include "http/req.h"

/* h_reports.c */
void	ccs_h_report_create(struct ccs_req *r);
void	ccs_h_report_preview(struct ccs_req *r);
void	ccs_h_reports(struct ccs_req *r);
void	ccs_h_report(struct ccs_req *r);
void	ccs_h_report_file(struct ccs_req *r);

/* h_progress.c */
void	ccs_h_progress_page(struct ccs_req *r);
void	ccs_h_progress_settings(struct ccs_req *r);
void	ccs_h_progress_settings_set(struct ccs_req *r);

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

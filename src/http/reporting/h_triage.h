/*
 * h_triage.h: the handlers of the triage API of public reports
 * (/api/v1/public-reports...): the queue, its clock and clusters, one
 * report, and the writes a triager makes. The routes are in
 * reporting/triage_routes.c.
 */
#ifndef CCS_HTTP_REPORTING_H_TRIAGE_H
#define CCS_HTTP_REPORTING_H_TRIAGE_H

#include "http/req.h"

/* h_triage.c: reads */
void	ccs_h_triage_queue(struct ccs_req *r);
void	ccs_h_triage_clock(struct ccs_req *r);
void	ccs_h_triage_clusters(struct ccs_req *r);
void	ccs_h_triage_report(struct ccs_req *r);
void	ccs_h_triage_cluster(struct ccs_req *r);

/* h_triage_write.c: writes */
void	ccs_h_triage_classify(struct ccs_req *r);
void	ccs_h_triage_update(struct ccs_req *r);
void	ccs_h_triage_refer(struct ccs_req *r);
void	ccs_h_triage_convert(struct ccs_req *r);
void	ccs_h_triage_close(struct ccs_req *r);

#endif

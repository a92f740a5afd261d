/*
 * standards/handlers.h: the standards domain's handlers, one group per
 * file: the framework, status records and their review, evidence, the gap
 * analysis, its downloads and charts. The routes that reach them are in
 * standards/routes.c.
 */
#ifndef CCS_HTTP_STANDARDS_HANDLERS_H
#define CCS_HTTP_STANDARDS_HANDLERS_H

#include "http/req.h"

/* h_standards.c: framework, status records, evidence, gap analysis */
void	ccs_h_framework(struct ccs_req *r);
void	ccs_h_framework_publish(struct ccs_req *r);
void	ccs_h_framework_versions(struct ccs_req *r);
void	ccs_h_framework_needs(struct ccs_req *r);
void	ccs_h_assessments(struct ccs_req *r);
void	ccs_h_assessment(struct ccs_req *r);
void	ccs_h_assessment_submit(struct ccs_req *r);
void	ccs_h_assessment_validate(struct ccs_req *r);
void	ccs_h_assessment_reject(struct ccs_req *r);
void	ccs_h_assessments_review(struct ccs_req *r);
void	ccs_h_evidence_upload(struct ccs_req *r);
void	ccs_h_evidence_get(struct ccs_req *r);
void	ccs_h_gaps(struct ccs_req *r);
void	ccs_h_gaps_matrix(struct ccs_req *r);
void	ccs_h_gaps_changes(struct ccs_req *r);
void	ccs_h_gaps_ranking(struct ccs_req *r);
void	ccs_h_gaps_unmet(struct ccs_req *r);

/* h_export.c: gap analysis downloads (?format=csv|xlsx); the two export
 * functions steal the JSON and reply (nothing more if already replied) */
bool	ccs_export_wanted(struct ccs_req *r);
void	ccs_export_state(struct ccs_req *r, json_t *gaps);
void	ccs_export_matrix(struct ccs_req *r, json_t *matrix);

/* h_assessments_csv.c: bulk import of status records from CSV */
void	ccs_h_assessments_import(struct ccs_req *r);

/* h_chart.c: one state's gap history as JSON and as a chart (SVG, PDF) */
void	ccs_h_gaps_history(struct ccs_req *r);
void	ccs_h_gaps_history_svg(struct ccs_req *r);

#endif

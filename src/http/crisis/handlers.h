/*
 * crisis/handlers.h: the crisis domain's handlers: crises, their log,
 * team, tasks, situation reports and review, and the states' versioned
 * crisis plans and protocols. Routes in crisis/routes.c.
 */
#ifndef CCS_HTTP_CRISIS_HANDLERS_H
#define CCS_HTTP_CRISIS_HANDLERS_H

#include <stdbool.h>

#include "http/req.h"
#include "svc/crisis/crisis_common.h"

/**
 * Reads ?cursor= and ?limit= into @p pg, replying 400 on a bad one.
 * @return false when it replied
 */
bool	ccs_h_crisis_page_or_reply(struct ccs_req *r,
	    struct ccs_crisis_page *pg /* OUT */);

/* h_crises.c */
void	ccs_h_crises(struct ccs_req *r);
void	ccs_h_crisis_declare(struct ccs_req *r);
void	ccs_h_crisis(struct ccs_req *r);
void	ccs_h_crisis_update(struct ccs_req *r);

/* h_crisis_parts.c */
void	ccs_h_crisis_log(struct ccs_req *r);
void	ccs_h_crisis_log_add(struct ccs_req *r);
void	ccs_h_crisis_member_add(struct ccs_req *r);
void	ccs_h_crisis_member_remove(struct ccs_req *r);
void	ccs_h_crisis_tasks(struct ccs_req *r);
void	ccs_h_crisis_task_add(struct ccs_req *r);
void	ccs_h_crisis_task_update(struct ccs_req *r);
void	ccs_h_crisis_sitreps(struct ccs_req *r);
void	ccs_h_crisis_sitrep_add(struct ccs_req *r);
void	ccs_h_crisis_review(struct ccs_req *r);

/* h_crisis_templates.c */
void	ccs_h_crisis_templates(struct ccs_req *r);
void	ccs_h_crisis_template(struct ccs_req *r);
void	ccs_h_crisis_template_versions(struct ccs_req *r);
void	ccs_h_crisis_template_version(struct ccs_req *r);
void	ccs_h_crisis_template_write(struct ccs_req *r);

#endif

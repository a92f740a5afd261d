/*
 * directory/handlers.h: the directory domain's handlers (states,
 * organisations, contacts). The routes that reach them are in
 * directory/routes.c.
 */
#ifndef CCS_HTTP_DIRECTORY_HANDLERS_H
#define CCS_HTTP_DIRECTORY_HANDLERS_H

#include "http/req.h"

/* h_directory.c: states, organisations, contacts */
void	ccs_h_states(struct ccs_req *r);
void	ccs_h_state(struct ccs_req *r);
void	ccs_h_orgs(struct ccs_req *r);
void	ccs_h_org(struct ccs_req *r);
void	ccs_h_org_create(struct ccs_req *r);
void	ccs_h_contacts(struct ccs_req *r);
void	ccs_h_contact(struct ccs_req *r);
void	ccs_h_contact_create(struct ccs_req *r);
void	ccs_h_contact_update(struct ccs_req *r);
void	ccs_h_contact_delete(struct ccs_req *r);

#endif

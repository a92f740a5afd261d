/*
 * interchange/handlers.h: the interchange domain's handlers (STIX 2.1,
 * MISP and indicator CSV imports; the STIX export). The routes that reach
 * them are in interchange/routes.c.
 */
#ifndef CCS_HTTP_INTERCHANGE_HANDLERS_H
#define CCS_HTTP_INTERCHANGE_HANDLERS_H

#include "http/req.h"

/* h_interchange.c: STIX 2.1, MISP, indicator CSV imports; STIX export */
void	ccs_h_import_stix(struct ccs_req *r);
void	ccs_h_import_misp(struct ccs_req *r);
void	ccs_h_import_csv(struct ccs_req *r);
void	ccs_h_export_stix(struct ccs_req *r);

/* h_stix_objects.c: the stored STIX objects, their list and page */
void	ccs_h_stix_objects(struct ccs_req *r);
void	ccs_h_stix_object(struct ccs_req *r);
void	ccs_h_stix_page(struct ccs_req *r);
void	ccs_h_incident_stix(struct ccs_req *r);

#endif

/*
 * taxii/handlers.h: the TAXII 2.1 server's handlers (issue 14). The
 * dispatcher hands every /taxii2/ request to ccs_taxii_serve, which checks
 * media types, body size and credentials, runs the route in one
 * transaction, and answers every error in the TAXII error shape.
 */
#ifndef CCS_HTTP_TAXII_HANDLERS_H
#define CCS_HTTP_TAXII_HANDLERS_H

#include <stdbool.h>

#include <jansson.h>

#include "http/req.h"

/** Serves a /taxii2/ request; @p known: some route has this path. */
void	ccs_taxii_serve(struct ccs_req *r, bool known);

/** Replies the TAXII error message {title, description, error_code,
 * http_status}. */
void	ccs_taxii_error(struct ccs_req *r, unsigned status, const char *code,
	    const char *description);
/** Replies @p body (stolen) as application/taxii+json. */
void	ccs_taxii_json(struct ccs_req *r, unsigned status, json_t *body);

void	ccs_h_taxii_discovery(struct ccs_req *r);
void	ccs_h_taxii_root(struct ccs_req *r);
void	ccs_h_taxii_status(struct ccs_req *r);
void	ccs_h_taxii_collections(struct ccs_req *r);
void	ccs_h_taxii_collection(struct ccs_req *r);
void	ccs_h_taxii_manifest(struct ccs_req *r);
void	ccs_h_taxii_objects(struct ccs_req *r);
void	ccs_h_taxii_add(struct ccs_req *r);
void	ccs_h_taxii_object(struct ccs_req *r);
void	ccs_h_taxii_delete(struct ccs_req *r);
void	ccs_h_taxii_versions(struct ccs_req *r);

#endif

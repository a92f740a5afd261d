/*
 * taxii_req.h: helpers shared by the TAXII handlers (h_taxii.c,
 * h_taxii_objects.c); each replies in the TAXII error shape on failure.
 */
#ifndef CCS_HTTP_TAXII_REQ_H
#define CCS_HTTP_TAXII_REQ_H

#include <stdbool.h>

#include <jansson.h>

#include "http/req.h"
#include "svc/taxii/taxii.h"

/** Replies the failure in @p f (status from f->rc; 422 for a body that
 * is not an envelope). */
void	ccs_taxii_fail(struct ccs_req *r, const struct ccs_fail *f);

/** The {root} of the path if it is an API root the caller may use
 * (borrowed); replies 404 or 401 and returns false otherwise. */
bool	ccs_taxii_root_or_reply(struct ccs_req *r, const char **root);

/** The {collection} of the path as the caller sees it; replies 404 (or
 * 401 for the public) and returns false otherwise.
 * @param res OUT, may be NULL: the TAXII resource, new */
bool	ccs_taxii_coll_or_reply(struct ccs_req *r, struct ccs_taxii_coll *c,
	    json_t **res /* OUT */);

#endif

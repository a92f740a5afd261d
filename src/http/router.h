/*
 * router.h: the route table and the dispatcher. Each route declares its
 * method, path pattern ({name} segments), handler, whether a signed-in user
 * is required, and whether it writes (write transaction, CSRF check for
 * cookie sessions, JSON body). The dispatcher does all of that before the
 * handler runs and commits or rolls back after it: each request is one
 * transaction.
 */
#ifndef CCS_ROUTER_H
#define CCS_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

#include "conf/conf.h"
#include "http/req.h"

typedef void (*ccs_handler)(struct ccs_req *r);

enum ccs_auth {
	CCS_AUTH_PUBLIC = 0,	/* anyone; the principal is still resolved */
	CCS_AUTH_USER		/* a signed-in user (cookie or bearer) */
};

#define CCS_R_WRITE	0x01	/* write transaction; CSRF for cookies */
#define CCS_R_JSON	0x02	/* body must be a JSON object */
#define CCS_R_NODB	0x04	/* no transaction (handler manages its own) */
#define CCS_R_NOCSRF	0x08	/* no CSRF check (sign-in itself) */
#define CCS_R_UPLOAD	0x10	/* raw body up to evidence_max bytes */
#define CCS_R_OPTJSON	0x20	/* JSON body optional */
#define CCS_R_IMPORT	0x40	/* with UPLOAD: up to CCS_IMPORT_MAX_BYTES */

struct ccs_route {
	const char	*method;	/* "GET", "POST", ... */
	const char	*pattern;	/* "/api/v1/states/{code}" */
	ccs_handler	 fn;		/* handler */
	enum ccs_auth	 auth;		/* who may call */
	unsigned	 flags;		/* CCS_R_* */
};

/** The table, for the dispatcher and the OpenAPI test. */
extern const struct ccs_route ccs_routes[];
extern const size_t ccs_nroutes;

/**
 * Finds the route for @p method and @p path, filling @p r's path params.
 * @param path_known OUT: true when some route has this path (for 405)
 */
const struct ccs_route *ccs_router_match(const char *method, const char *path,
	    struct ccs_req *r, bool *path_known /* OUT */);

/** Largest body the route for @p method @p path accepts, and the error
 * code for a larger one. */
size_t	ccs_router_body_limit(const char *method, const char *path,
	    const struct ccs_conf *conf, const char **code /* OUT */);

/** Runs the whole request: auth, CSRF, body, transaction, handler. */
void	ccs_dispatch(struct ccs_req *r);

#endif

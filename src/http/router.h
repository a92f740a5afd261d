/*
 * router.h: the route tables and the dispatcher. Each domain declares its
 * routes in http/<domain>/routes.c; the router walks the short list of those
 * tables (router.c), or, in the server, a map of them built at start-up.
 * Each route declares its method, path pattern ({name} segments),
 * handler, whether a signed-in user is required, whether it
 * writes (write transaction, CSRF check for cookie sessions, JSON body) and
 * what it reads (struct ccs_route_in: the body's field table, the range of
 * ?limit=). The dispatcher does all of that before the handler runs and
 * commits or rolls back after it: each request is one transaction.
 */
#ifndef CCS_ROUTER_H
#define CCS_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

#include "conf/conf.h"
#include "http/req.h"
#include "util/jsonv.h"

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
#define CCS_R_REPORT	0x80	/* public report form: CCS_REPORT_BODY_MAX */
/*
 * An audited read: a GET whose only writes are its own bookkeeping: the
 * audit event (who read what, when) and, for the triage queue, the index
 * of reports not indexed yet. It runs in a write transaction that the
 * router commits when the handler answered below 400; if the commit
 * fails, the router's error replaces the answer, so the event is stored
 * with the answer or the answer is not given. The handler neither begins
 * nor commits. No CSRF check (a download link carries no header) and no
 * body. Only on GET routes of signed-in users; tests/unit/test_router.c
 * holds every route to that.
 */
#define CCS_R_AUDITREAD	0x100
#define CCS_R_TAXII	0x200	/* TAXII 2.1: http/taxii serves it whole */

/* A public report: its text and three evidence files of 5 MB, encoded. */
#define CCS_REPORT_BODY_MAX	((size_t)21 << 20)

/*
 * What a route reads besides its path, declared next to it. The body is
 * checked by the dispatcher before the handler runs; the limit range is
 * read by ccs_params_limit_or_reply (http/params.h).
 */
struct ccs_route_in {
	const struct ccs_jfield	*body;		/* JSON body fields, or NULL */
	const size_t		*nbody;		/* their number (a pointer: the
						 * svc/ tables' sizes are not
						 * constant expressions) */
	bool			 partial;	/* PATCH: no field required */
	int64_t			 limit_dflt;	/* ?limit= when absent; 0:
						 * CCS_LIMIT_DEFAULT */
	int64_t			 limit_max;	/* largest ?limit=; 0:
						 * CCS_LIMIT_MAX */
};

/* In a struct ccs_route_in: the field table ccs_<x>_fields of svc/. */
#define CCS_BODY(x)	.body = x##_fields, .nbody = &x##_nfields

struct ccs_route {
	const char	*method;	/* "GET", "POST", ... */
	const char	*pattern;	/* "/api/v1/states/{code}" */
	ccs_handler	 fn;		/* handler */
	enum ccs_auth	 auth;		/* who may call */
	unsigned	 flags;		/* CCS_R_* */
	const struct ccs_route_in *in;	/* what it reads; NULL: nothing
					 * declared */
};

/* One domain's routes, defined in http/<domain>/routes.c. */
struct ccs_route_list {
	const char		*domain;	/* "sharing", as in svc/ */
	const struct ccs_route	*routes;	/* the table */
	size_t			 nroutes;	/* its length */
};

extern const struct ccs_route_list ccs_platform_routes;
extern const struct ccs_route_list ccs_directory_routes;
extern const struct ccs_route_list ccs_standards_routes;
extern const struct ccs_route_list ccs_sharing_routes;
extern const struct ccs_route_list ccs_interchange_routes;
extern const struct ccs_route_list ccs_capacity_routes;
/* monitoring: meetings, recommendations, plan versions */
extern const struct ccs_route_list ccs_monitoring_meetings_routes;
/* monitoring: reports (mon-reports) */
extern const struct ccs_route_list ccs_monitoring_routes;
extern const struct ccs_route_list ccs_reporting_routes;
/* public report triage */
extern const struct ccs_route_list ccs_triage_routes;
/* monitoring: the legal harmonisation tracker */
extern const struct ccs_route_list ccs_monitoring_legal_routes;
/* 24/7 preservation requests (evidence24) */
extern const struct ccs_route_list ccs_evidence24_routes;
/* forensics: pooled labs and chain of custody */
extern const struct ccs_route_list ccs_forensics_routes;
/* cyber crisis management */
extern const struct ccs_route_list ccs_crisis_routes;
/* TAXII 2.1 server (issue 14) */
extern const struct ccs_route_list ccs_taxii_routes;

/** Number of routes of all domains (for the tests and the OpenAPI test). */
size_t	ccs_router_count(void);
/** Route @p i of all domains, in matching order; NULL past the end. */
const struct ccs_route *ccs_router_at(size_t i);
/** The index @p rt has for ccs_router_at, or SIZE_MAX if it is none. */
size_t	ccs_router_index(const struct ccs_route *rt);

/**
 * Finds the route for @p method and @p path, filling @p r's path params
 * (@p r may be NULL), by walking every table: the reference for
 * ccs_router_map_match, and the matcher of callers without a map.
 * @param path_known OUT: true when some route has this path (for 405)
 */
const struct ccs_route *ccs_router_match(const char *method, const char *path,
	    struct ccs_req *r, bool *path_known /* OUT */);

/*
 * The route map: ccs_router_match's answer without walking every table
 * (router.c). Opaque; the server builds one at start-up and owns it.
 */
struct ccs_router_map;

/** Builds the map of every table. @return new, caller frees with
 * ccs_router_map_free; NULL when out of memory. */
struct ccs_router_map *ccs_router_map_new(void);
/** Frees @p m; NULL is a no-op. */
void	ccs_router_map_free(struct ccs_router_map *m);
/**
 * The same as ccs_router_match, by the map @p m (borrowed; NULL: the
 * plain walk, for callers without one). Safe from several threads.
 * @param path_known OUT: true when some route has this path (for 405)
 */
const struct ccs_route *ccs_router_map_match(const struct ccs_router_map *m,
	    const char *method, const char *path, struct ccs_req *r,
	    bool *path_known /* OUT */);

/** Largest body the route for @p method @p path accepts, and the error
 * code for a larger one. */
size_t	ccs_router_body_limit(const char *method, const char *path,
	    const struct ccs_conf *conf, const char **code /* OUT */);

/** The same for a route already matched (NULL: none). */
size_t	ccs_router_route_limit(const struct ccs_route *rt,
	    const struct ccs_conf *conf, const char **code /* OUT */);

/** Runs the whole request: auth, CSRF, body, transaction, handler. */
void	ccs_dispatch(struct ccs_req *r);

#endif

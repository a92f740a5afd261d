/*
 * req.h: one HTTP request as handlers see it, and the reply helpers. Every
 * reply goes through these functions so the error shape, the security
 * headers and the JSON encoding are the same everywhere.
 */
#ifndef CCS_REQ_H
#define CCS_REQ_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>
#include <microhttpd.h>

#include "core/policy.h"
#include "http/metrics.h"
#include "http/server.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/crypto.h"
#include "util/fail.h"

#define CCS_MAX_PATH_PARAMS	4

struct ccs_route;

struct ccs_req {
	const struct ccs_app	*app;		/* shared context */
	struct ccs_metrics	*metrics;	/* server counters, borrowed */
	struct ccs_metrics_import import;	/* what an import did, for
						   the counters */
	struct MHD_Connection	*conn;		/* libmicrohttpd connection */
	const char		*method;	/* borrowed from MHD */
	const char		*path;		/* borrowed from MHD */
	const char		*pnames[CCS_MAX_PATH_PARAMS];	/* {name}s */
	char			 pvals[CCS_MAX_PATH_PARAMS][128];	/* values */
	size_t			 nparams;	/* path parameters matched */
	const struct ccs_route	*route;		/* matched route, or NULL */
	const struct ccs_route	*pre_route;	/* matched on arrival */
	bool			 pre_known;	/* its path is known */
	bool			 prematched;	/* pre_route is set */
	bool			 page;		/* answered as a static page */
	struct ccs_buf		 body;		/* request body, bounded */
	bool			 body_too_big;	/* over the route's limit */
	const char		*too_big_code;	/* error code if so */
	json_t			*json;		/* parsed body, owned */
	struct ccs_db		*db;		/* open transaction */
	struct ccs_principal	 who;		/* signed-in party */
	bool			 via_cookie;	/* authenticated by cookie */
	char			 session[CCS_TOKEN_LEN];	/* cookie value */
	char			 csrf[CCS_TOKEN_LEN];	/* session's CSRF token */
	char			 ip[64];	/* client address */
	int64_t			 now;		/* request time, unix s */
	uint64_t		 t0_ns;		/* monotonic start */
	struct MHD_Response	*resp;		/* reply, owned until queued */
	unsigned		 status;	/* reply status */
	bool			 replied;	/* a reply is set */
	bool			 commit;	/* commit even on error status */
	bool			 rollback;	/* roll back even on success */
	bool			 started;	/* first call seen */
};

/** Path parameter by name ("code" for /states/{code}); NULL if absent. */
const char *ccs_req_param(const struct ccs_req *r, const char *name);
/** Query-string argument; NULL if absent. Borrowed from MHD. */
const char *ccs_req_query(const struct ccs_req *r, const char *name);
/** Request header; NULL if absent. */
const char *ccs_req_header(const struct ccs_req *r, const char *name);

/** Replies with @p body (stolen) as JSON. */
void	ccs_reply_json(struct ccs_req *r, unsigned status, json_t *body);
/**
 * Replies with @p len bytes of JSON text at @p text (stolen, freed with
 * free()), with the same headers as ccs_reply_json.
 */
void	ccs_reply_json_text(struct ccs_req *r, unsigned status, char *text,
	    size_t len);
/** Replies {"error":{"code":@p code,"message":@p msg}}. */
void	ccs_reply_error(struct ccs_req *r, unsigned status, const char *code,
	    const char *msg);
/**
 * Replies @p body (stolen) with @p status when @p rc is CCS_OK, else the
 * failure in @p f (and @p body is freed): the tail of most handlers.
 */
void	ccs_reply_result(struct ccs_req *r, unsigned status, int rc,
	    json_t *body, const struct ccs_fail *f);
/** Wraps @p list (stolen) as {"items": list, "count": n}; new. */
json_t	*ccs_items(json_t *list);
/** Replies with the error in @p f, its status chosen from f->rc. */
void	ccs_reply_fail(struct ccs_req *r, const struct ccs_fail *f);
/** Seconds a client should wait when the database is down (Retry-After). */
#define CCS_RETRY_AFTER_S	"5"
/**
 * Replies 503 {"error":{"code":"database_unavailable",...}} with
 * Retry-After: the database cannot be reached (CCS_EUNAVAIL).
 */
void	ccs_reply_unavailable(struct ccs_req *r);
/** Replies with raw bytes (static or copied) and a content type. */
void	ccs_reply_bytes(struct ccs_req *r, unsigned status, const char *type,
	    const void *data, size_t len, bool copy);
/** Replies with a response built by the caller (ownership passes). */
void	ccs_reply_response(struct ccs_req *r, unsigned status,
	    struct MHD_Response *resp);
/** Adds a header to the pending reply (after a ccs_reply_*). */
void	ccs_reply_header(struct ccs_req *r, const char *name,
	    const char *value);
/** HTTP status for an enum ccs_err. */
unsigned ccs_status_for(int rc);

/** Parses an integer path parameter or replies 404; true when parsed. */
bool	ccs_param_id_or_reply(struct ccs_req *r, const char *name,
	    int64_t *out /* OUT */);

#endif

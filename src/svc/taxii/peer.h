/*
 * peer.h: the HTTP side of `ccscap sync` (svc/taxii/sync.c pulls,
 * push.c pushes): one libcurl handle per run, the bearer token from the
 * configuration, and failures that name the peer and the step the sync
 * was at ("pull of collection X, page 3"), so an operator whose peer died
 * mid-sync reads what stopped and knows a rerun resumes there. Internal
 * to svc/taxii.
 */
#ifndef CCS_SVC_TAXII_PEER_H
#define CCS_SVC_TAXII_PEER_H

#include <curl/curl.h>
#include <jansson.h>

#include "svc/taxii/sync.h"
#include "util/buf.h"
#include "util/fail.h"

/** One run's connection to a peer; the caller owns it. */
struct ccs_peer {
	CURL				*h;
	const struct ccs_sync_opts	*o;
	char				 step[160];	/* what runs now */
};

/** A reply: its body (caller frees with ccs_buf_free), the status and
 * X-TAXII-Date-Added-Last. */
struct ccs_peer_reply {
	struct ccs_buf	 body;
	char		 last[64];
	long		 status;
};

/** Names the step for failure messages (printf format). */
void	ccs_peer_step(struct ccs_peer *pe, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/**
 * GET @p url, or POST @p post (a TAXII envelope) when not NULL.
 * @return CCS_OK (any HTTP status: see r->status); CCS_EIO
 *     "peer_unreachable" when no answer came (refused, cut, timed out)
 */
int	ccs_peer_http(struct ccs_peer *pe, const char *url, const char *post,
	    struct ccs_peer_reply *r /* OUT */, struct ccs_fail *f);

/**
 * The reply as JSON if its status is @p want (new, caller frees); else
 * CCS_EIO "peer_refused" with the peer's TAXII error, or
 * "peer_bad_reply".
 */
int	ccs_peer_json(struct ccs_peer *pe, const struct ccs_peer_reply *r,
	    long want, json_t **out /* OUT */, struct ccs_fail *f);

/** ccs_peer_http then ccs_peer_json for a GET; the body is freed. */
int	ccs_peer_get(struct ccs_peer *pe, const char *url, long want,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif

/*
 * delivery.h: the worker that sends queued notices (the outbox) after the
 * transaction that queued them has committed: e-mail through an SMTP relay
 * and webhooks as signed HTTP POSTs, both with libcurl, retrying with
 * backoff.
 */
#ifndef CCS_SVC_DELIVERY_H
#define CCS_SVC_DELIVERY_H

#include <stddef.h>
#include <stdint.h>

#include "conf/conf.h"
#include "store/store.h"
#include "util/log.h"

/** Attempts before a notice is given up (it stays in the outbox). */
#define CCS_DELIVERY_MAX_ATTEMPTS	10

struct ccs_delivery;

/**
 * Starts the worker thread. All pointers are borrowed and must outlive
 * ccs_delivery_stop(). Call once, before other threads use libcurl.
 * @return CCS_OK with *out set, or an error.
 */
int	ccs_delivery_start(struct ccs_store *store, const struct ccs_conf *conf,
	    struct ccs_log *log, struct ccs_delivery **out /* OUT */);
/** Stops the worker (finishing the notice in hand), frees. NULL is a no-op. */
void	ccs_delivery_stop(struct ccs_delivery *d);

/**
 * The signature header value of @p body: "sha256=" and the lowercase hex
 * HMAC-SHA256 keyed with @p secret. @p out must hold 72 bytes.
 */
void	ccs_delivery_sign(const char *secret, const char *body, size_t len,
	    char out[72]);

#endif

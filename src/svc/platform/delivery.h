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
/**
 * Seconds a worker holds a claimed notice (outbox.lease_until): far longer
 * than one send may take (libcurl gives up after 10 s), so only a worker
 * that died loses its lease to another.
 */
#define CCS_DELIVERY_LEASE_S		60
/** Bytes of a worker name (outbox.claimed_by), with its NUL. */
#define CCS_DELIVERY_WORKER_MAX		96

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
 * The name this worker writes into outbox.claimed_by ("host:pid:random");
 * borrowed, valid until ccs_delivery_stop().
 */
const char *ccs_delivery_worker(const struct ccs_delivery *d);

/**
 * The signature header value of @p body: "sha256=" and the lowercase hex
 * HMAC-SHA256 keyed with @p secret. @p out must hold 72 bytes.
 */
void	ccs_delivery_sign(const char *secret, const char *body, size_t len,
	    char out[72]);

#endif

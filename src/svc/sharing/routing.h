/*
 * routing.h: constituencies and routing. Each state's team claims what it
 * answers for (its ccTLD, domains, IP networks, ASNs); a coordinator
 * approves or rejects each claim. A sighting whose value falls in a
 * state's approved constituency is put in that state's queue whoever
 * reported it; the queue is read through each record's marking, so
 * routing never shows a state more than TLP allows (a restricted item is
 * counted, not shown).
 */
#ifndef CCS_SVC_ROUTING_H
#define CCS_SVC_ROUTING_H

#include <stdint.h>

#include <jansson.h>

#include "core/indicator/indicator.h"
#include "core/policy.h"
#include "store/store.h"
#include "svc/keyset.h"
#include "util/fail.h"
#include "util/jsonv.h"

extern const struct ccs_jfield ccs_claim_fields[];
extern const size_t ccs_claim_nfields;

/** Files a claim {state, kind: cctld|domain|cidr|asn, value}; pending. */
int	ccs_claim_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);
/** Approves (@p approve) or rejects (with @p reason) claim @p id. An
 * approval that overlaps another state's approved claim is refused
 * (409 claim_conflict). */
int	ccs_claim_decide(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, bool approve, const char *reason, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);
/** Claims, filtered by state and status (either may be NULL). */
int	ccs_claim_list(struct ccs_db *db, const struct ccs_principal *p,
	    const char *state, const char *status, json_t **out /* OUT */,
	    struct ccs_fail *f);

/**
 * Routes one new sighting: queues it for every state other than
 * @p src_state whose approved claim covers the canonical value @p canon.
 */
int	ccs_route(struct ccs_db *db, int64_t marking_id, const char *src_state,
	    int64_t sighting_id, int64_t incident_id, enum ccs_ind_type t,
	    const char *canon, int64_t now, struct ccs_fail *f);

/** May @p p work the queue of @p state (NULL: every state)? State users
 * their own state's; RIFC analysts and coordinators any, or their own
 * state's when they belong to one. */
bool	ccs_queue_scope(const struct ccs_principal *p, const char *state);

struct ccs_queue_filter {
	const char	*state;		/* NULL: the principal's own, or all */
	bool		 include_done;	/* handled items too */
	const char	*q;		/* words, or NULL */
	int64_t		 from;		/* routed at or after; 0: none */
	int64_t		 to;		/* routed before; 0: none */
};

/* The columns the queue may be sorted by (keyset.h); created_at first. */
extern const struct ccs_keyset_col ccs_queue_list_cols[];
extern const size_t ccs_queue_list_ncols;

/**
 * A state's queue as @p p may see it, paged by @p ks (queue_list.c):
 * {items, total, next_cursor, prev_cursor, restricted} where restricted
 * counts the matching items above the reader's clearance; with @p whole
 * every readable item in order (CSV). The policy is in the query (reader
 * sets), so a page costs the same however long the queue grows.
 */
int	ccs_queue_list(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_queue_filter *flt, struct ccs_keyset *ks,
	    bool whole, json_t **out /* OUT */, struct ccs_fail *f);
/** Marks queue item @p id handled. */
int	ccs_queue_done(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, struct ccs_fail *f);

#endif

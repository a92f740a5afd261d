/*
 * advisories.h: advisories from the RIFC or a national CERT to states'
 * NCPOCs and CERTs, each recipient state acknowledging within a time set
 * by severity. Read through the advisory's marking (svc/sharing/marking.h).
 */
#ifndef CCS_SVC_ADVISORIES_H
#define CCS_SVC_ADVISORIES_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "svc/keyset.h"

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Request fields of a new advisory (for ccs_jsonv_check). */
extern const struct ccs_jfield ccs_advisory_fields[];
extern const size_t ccs_advisory_nfields;

/**
 * Sends an advisory from a validated body: recipient states from
 * "to_states" or "to_all", ack_hours defaulting by severity; for
 * TLP:AMBER the recipient states become readers. Queues inbox entries for
 * the NCPOC and CERT users of the recipient states who may read it.
 * @param out OUT: the stored advisory as @p p reads it
 */
int	ccs_adv_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f);

struct ccs_adv_filter {
	const char	*state;		/* recipient state or NULL */
	bool		 unacked;	/* only with an unacknowledged recipient
					   (of state, if given) */
	const char	*q;		/* words in the text, or NULL */
	int64_t		 from;		/* created_at >= from; 0: none */
	int64_t		 to;		/* created_at < to; 0: none */
};

/* The columns the list may be sorted by (keyset.h); created_at first. */
extern const struct ccs_keyset_col ccs_adv_list_cols[];
extern const size_t ccs_adv_list_ncols;

/** Advisories @p p may read, paged by @p ks (the page reply), or with
 * @p whole every one in order; see svc/sharing/lists.h. */
int	ccs_adv_list(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_adv_filter *flt, struct ccs_keyset *ks,
	    bool whole, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);
/** One advisory with its recipients; not_found when @p p may not read it. */
int	ccs_adv_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, json_t **out, struct ccs_fail *f);
/** Acknowledges advisory @p id for @p p's state. */
int	ccs_adv_ack(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, struct ccs_fail *f);
/**
 * Recipients past due and not acknowledged, of the advisories @p p sent
 * (every advisory for the RIFC), most overdue first.
 */
int	ccs_adv_overdue(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t now, json_t **out, struct ccs_fail *f);

#endif

/*
 * custody.h: evidence items and their chain of custody. An item (type,
 * description, original / working copy / derived, seal, SHA-256 at
 * acquisition) starts its custody log with its acquisition; each
 * hand-over appends an entry (giver, receiver, when, where, why, seal,
 * the SHA-256 measured then, and for a transfer between jurisdictions
 * the courier and the two states), hash-chained by
 * core/forensics/custody.h. Only the holder hands an item over. The log
 * is append-only: nothing here updates or deletes an entry, and the
 * migration's triggers refuse it on both backends. A SHA-256 that
 * differs from the acquisition's is flagged on the entry, never hidden.
 *
 * Read by the owning state's NCPOC and CERT users, the RIFC, the holder
 * and the staff of the lab working the item; anyone else gets 404.
 * Every view and change is audited.
 */
#ifndef CCS_SVC_FORENSICS_CUSTODY_H
#define CCS_SVC_FORENSICS_CUSTODY_H

#include <stdint.h>

#include <jansson.h>

#include "core/forensics/custody.h"
#include "core/policy.h"
#include "store/store.h"
#include "svc/forensics/fx_common.h"
#include "svc/listq.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Fields of POST /evidence-items and POST .../handovers. */
extern const struct ccs_jfield ccs_evidence_item_fields[];
extern const size_t ccs_evidence_item_nfields;
extern const struct ccs_jfield ccs_handover_fields[];
extern const size_t ccs_handover_nfields;

/** Creates an item and its acquisition entry; the creator holds it. */
int	ccs_evidence_item_create(struct ccs_db *db,
	    const struct ccs_principal *p, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/** One item with its holder and verification; audited as viewed. */
int	ccs_evidence_item_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/** Filter of the list of items (NULL/0 any). */
struct ccs_evidence_filter {
	const char	*state;		/* owning state */
	const char	*kind;		/* a word of evidence_kinds */
	int64_t		 lab_id;	/* examined by this lab */
	int64_t		 request_id;	/* under this help request */
};

/** The list of items (svc/listq.h): acquired_at, created_at, state,
 * kind, seal, holder, mismatches; q, from/to on acquired_at. */
extern const struct ccs_listq_def ccs_evidence_item_list_def;

/**
 * The items @p p may read (their state, the ones they hold, their lab's;
 * one SQL clause, so an unreadable item changes neither the total, a
 * page nor the CSV) matching @p flt, @p q and [@p from, @p to), paged
 * by @p ks; each with its count of hash mismatches. *out: free with
 * ccs_listq_free.
 */
int	ccs_evidence_item_query(const struct ccs_principal *p,
	    const struct ccs_evidence_filter *flt, struct ccs_keyset *ks,
	    const char *q, int64_t from, int64_t to,
	    struct ccs_listq **out /* OUT */, struct ccs_fail *f);

/** Appends a hand-over by the holder; *out is the new entry. */
int	ccs_custody_handover(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/**
 * A page of item @p id's custody log by seq ({item, items, count, total,
 * next_cursor, verification}); audited as viewed. @p pg->after is the
 * last seq sent + 1 (0 first). @p all ignores the page (the PDF).
 */
int	ccs_custody_log(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const struct ccs_fx_page *pg, bool all, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/**
 * Checks the whole chain of item @p id, streaming its entries (constant
 * memory). No access check: for the operator's CLI and the benchmark.
 * @return CCS_OK (see rep->intact), CCS_ENOTFOUND, or a store error
 */
int	ccs_custody_check(struct ccs_db *db, int64_t id,
	    struct ccs_custody_report *rep /* OUT */);

#endif

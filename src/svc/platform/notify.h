/*
 * notify.h: telling people about new shared records. Subscriptions (a
 * topic and a value: state JM, sector finance, rsit fraud, indicator_type
 * domain), each user's inbox, and the outbound notices (e-mail, webhook)
 * the delivery worker sends after commit. Nobody is told about a record
 * they may not read: every recipient is checked through the record's
 * marking (core/tlp.c) when the entry is made, and again when the inbox is
 * read.
 */
#ifndef CCS_SVC_NOTIFY_H
#define CCS_SVC_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/keyset.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** One subject of a new record: topic is state, sector, rsit or
 * indicator_type; both strings borrowed. */
struct ccs_topic {
	const char	*topic;		/* state, sector, rsit, indicator_type */
	const char	*value;		/* "JM", "finance", ... */
};

/**
 * Tells the subscribers of any of @p topics about a new record: one inbox
 * entry per distinct subscriber who may read the record under marking
 * @p marking_id (and has no entry for it yet), and one outbox row per
 * e-mail address or webhook of the matching subscriptions. Notices above
 * TLP:GREEN carry kind, id, TLP and a link only; @p title (may be NULL) is
 * included for CLEAR and GREEN. Runs in the caller's write transaction.
 * @return CCS_OK or a store error.
 */
int	ccs_notify_record(struct ccs_db *db, const char *kind, int64_t ref_id,
	    int64_t marking_id, const struct ccs_topic *topics, size_t ntopics,
	    const char *title, int64_t now);

/**
 * Puts an inbox entry (@p reason) for the record in the inbox of every
 * active user of one of @p states (ISO codes) with one of @p roles (API
 * names) who may read it and has no entry for it yet.
 */
int	ccs_notify_users(struct ccs_db *db, const char *kind, int64_t ref_id,
	    int64_t marking_id, const char *const *states, size_t nstates,
	    const char *const *roles, size_t nroles, const char *reason,
	    int64_t now);

/**
 * Like ccs_notify_users for the regional users (no state) of @p role
 * (an API name such as "rifc_analyst"): the RIFC told of an escalated
 * crisis.
 */
int	ccs_notify_regional(struct ccs_db *db, const char *kind,
	    int64_t ref_id, int64_t marking_id, const char *role,
	    const char *reason, int64_t now);

/** Request fields of a subscription (for ccs_jsonv_check). */
extern const struct ccs_jfield ccs_subscription_fields[];
extern const size_t ccs_subscription_nfields;

/** Creates a subscription of @p p from a validated body; *out is it. */
int	ccs_sub_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f);
/** @p p's own subscriptions; *out a new array. */
int	ccs_sub_list(struct ccs_db *db, const struct ccs_principal *p,
	    json_t **out, struct ccs_fail *f);
/** Deletes @p p's subscription @p id (anyone else's is not_found). */
int	ccs_sub_delete(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, struct ccs_fail *f);

/** The filters of an inbox list (besides its q, from and to). */
struct ccs_inbox_filter {
	bool		 unread;	/* only entries not yet marked read */
	const char	*q;		/* words in kind, reason or title */
	int64_t		 from;		/* created at or after, 0: any */
	int64_t		 to;		/* created before, 0: any */
};

/** The sort columns of the inbox (created_at first, newest first). */
extern const struct ccs_keyset_col ccs_inbox_list_cols[];
extern const size_t ccs_inbox_list_ncols;

/**
 * @p p's inbox under the list contract (docs/internals/LISTS.md), each
 * entry re-checked through its record's marking (entries @p p may no
 * longer read are left out of the page and the total).
 * @param out OUT: {items: [{id, kind, ref_id, reason, created_at,
 *     read_at, title, tlp, sharing}], count, total, next_cursor,
 *     prev_cursor}, or with @p whole every entry in order (the CSV)
 */
int	ccs_inbox_list(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_inbox_filter *flt, struct ccs_keyset *ks,
	    bool whole, json_t **out, struct ccs_fail *f);
/** Marks @p p's inbox entry @p id read (again is a no-op). */
int	ccs_inbox_read(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, struct ccs_fail *f);

#endif

/*
 * reads.h: reading 24/7 preservation requests: one request as its two
 * states' NCPOCs and the RIFC see it (every view audited), the list with
 * the overdue first (paged, with a total and a cursor; audited too), and
 * the figures (figures.h). Reads that audit write, so they run in the
 * caller's write transaction.
 */
#ifndef CCS_SVC_EVIDENCE24_READS_H
#define CCS_SVC_EVIDENCE24_READS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/listq.h"
#include "util/fail.h"

/** What GET /preservation-requests filters on; strings borrowed. */
struct ccs_pres_filter {
	const char	*state;		/* either side is this state, or NULL */
	const char	*side;		/* "requesting"/"requested" of state */
	const char	*status;	/* a status key, or NULL */
	bool		 overdue;	/* only requests whose clock is due */
};

/** What a page or CSV block of the list is audited as; the caller's,
 * kept until the list is answered. */
struct ccs_pres_seen {
	const struct ccs_principal *p;	/* set by ccs_pres_query */
	const struct ccs_pres_filter *flt;
	int64_t		 now;
	bool		 csv;		/* the whole list as CSV */
};

/** The list (svc/listq.h): sorts clock (default), created_at,
 * updated_at, status, the two states, offence, custodian. */
extern const struct ccs_listq_def ccs_pres_list_def;

/**
 * Request @p id as @p p sees it: every part of the form, the requested
 * 24/7 contact, the clocks ("due": none, ack_overdue, expiring, lapsed;
 * "reminder_at"), the history, the follow-on requests @p p may read, the
 * parent when @p p may read it, and "moves": the actions @p p may make
 * now. With @p audit, records "preservation.read" (@p what names the
 * form: "json" or "pdf").
 * @param out OUT: new object, caller decrefs
 * @return CCS_OK; CCS_ENOTFOUND (also when @p p may not read it)
 */
int	ccs_pres_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, bool audit, const char *what,
	    json_t **out /* OUT */, struct ccs_fail *f);

/**
 * The list of the requests @p p may read that match @p seen->flt, paged
 * by @p ks with ?q= and ?from=/?to= (created): each row has the summary
 * columns, "due" and "reminder_at". Every page and every CSV block
 * shown records "preservation.list" with the ids it shows (the
 * caller's write transaction).
 * @return CCS_OK with *out for ccs_listq_page/ccs_listq_csv;
 *     CCS_EPERM (forbidden) when @p p may read no request at all;
 *     CCS_EINVAL for a bad filter (invalid_state, invalid_status,
 *     invalid_side, invalid_query, invalid_date)
 */
int	ccs_pres_query(const struct ccs_principal *p,
	    struct ccs_pres_seen *seen, struct ccs_keyset *ks, const char *q,
	    int64_t from, int64_t to, struct ccs_listq **out /* OUT */,
	    struct ccs_fail *f);

#endif

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
#include "util/fail.h"

#define CCS_PRES_PAGE_DEFAULT	50	/* ?limit= when absent */
#define CCS_PRES_PAGE_MAX	500	/* largest ?limit= */

/** What GET /preservation-requests filters on; strings borrowed. */
struct ccs_pres_filter {
	const char	*state;		/* either side is this state, or NULL */
	const char	*side;		/* "requesting"/"requested" of state */
	const char	*status;	/* a status key, or NULL */
	bool		 overdue;	/* only requests whose clock is due */
	int64_t		 limit;		/* page size */
	int64_t		 offset;	/* rows already sent (the cursor) */
};

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
 * The requests @p p may read that match @p flt: overdue first (the
 * earliest deadline first), then the newest. Each item has the summary
 * columns and "due". Records "preservation.list" with the ids shown.
 * @return CCS_OK with *out {"items", "count", "total", "next_cursor"};
 *     CCS_EPERM (forbidden) when @p p may read no request at all;
 *     CCS_EINVAL for a bad filter (invalid_state, invalid_status,
 *     invalid_side)
 */
int	ccs_pres_list(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_pres_filter *flt, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif

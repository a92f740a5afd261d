/*
 * access.h: who may open a 24/7 preservation request and for which side
 * of it a user acts. A request concerns two states, the requesting and
 * the requested one; core/policy.c's preservation_read is asked once per
 * state, and a user who may read for neither gets the 404 of a missing
 * request, worded the same.
 */
#ifndef CCS_SVC_EVIDENCE24_ACCESS_H
#define CCS_SVC_EVIDENCE24_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/evidence24/preservation.h"
#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/** What the moves need of a request, loaded by ccs_pres_load. */
struct ccs_pres_ref {
	int64_t			 id;		/* the request */
	char			 requesting[3];	/* ISO code */
	char			 requested[3];	/* ISO code */
	enum ccs_pres_status	 status;	/* where it stands */
	bool			 emergency;	/* urgency emergency */
	int64_t			 ack_due_at;	/* 0 if not sent */
	int64_t			 expires_at;	/* 0 if not preserved */
	int64_t			 version;	/* bumped by every move */
};

/** The 404 of a request @p id that is missing or that @p p may not
 * read: one wording for both. @return CCS_ENOTFOUND */
int	ccs_pres_not_found(struct ccs_fail *f, int64_t id);

/** Whether @p p may read requests between @p requesting and
 * @p requested (preservation_read for either state). */
bool	ccs_pres_may_read(const struct ccs_principal *p,
	    const char *requesting, const char *requested);

/**
 * Loads request @p id when @p p may read it.
 * @return CCS_OK; CCS_ENOTFOUND (missing or unreadable, same message);
 *     a store error
 */
int	ccs_pres_load(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, struct ccs_pres_ref *out /* OUT */,
	    struct ccs_fail *f);

/** Whether @p p may write for @p side of @p ref (preservation_write for
 * that side's state; either side for CCS_PRES_EITHER). */
bool	ccs_pres_may_act(const struct ccs_principal *p,
	    const struct ccs_pres_ref *ref, enum ccs_pres_side side);

/** CCS_OK when @p p may read some request (a state's NCPOC, the RIFC);
 * otherwise CCS_EPERM "forbidden" in @p f. */
int	ccs_pres_may_list(const struct ccs_principal *p, struct ccs_fail *f);

/** The SQL condition that keeps the rows @p p may read, with the named
 * parameter :pstate (bind ccs_pres_scope_state); static text. */
const char *ccs_pres_scope_sql(const struct ccs_principal *p);

/** The value of :pstate for ccs_pres_scope_sql: the principal's state,
 * or "" for a regional reader. */
const char *ccs_pres_scope_state(const struct ccs_principal *p);

#endif

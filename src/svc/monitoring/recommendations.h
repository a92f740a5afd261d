/*
 * recommendations.h: the recommendations of monitoring meetings (or made
 * on their own): an owner (one organisation or one state of the
 * directory), a due date within the CARICOM implementation-plan
 * timeframe, the plan item or need served, a status, and the follow-up
 * trail of progress reports until closed; overdue ones by owner.
 *
 * Every member reads recommendations (they are addressed to their owners
 * and followed up in the open, as IMPACT OSS does; restricted discussion
 * belongs in a meeting's minutes, which may carry TLP). Coordinators,
 * RIFC analysts and the Steering Committee write them; owners report
 * progress on their own.
 */
#ifndef CCS_SVC_RECOMMENDATIONS_H
#define CCS_SVC_RECOMMENDATIONS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/listq.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Request fields of a recommendation (POST; PATCH: any, plus version). */
extern const struct ccs_jfield ccs_recommendation_fields[];
extern const size_t ccs_recommendation_nfields;
/** Request fields of a progress report. */
extern const struct ccs_jfield ccs_rec_progress_fields[];
extern const size_t ccs_rec_progress_nfields;

/** Filters of the list; NULL/0/false do not filter. */
struct ccs_rec_filter {
	int64_t		 owner_org;	/* owner organisation id */
	const char	*owner_state;	/* owner state code */
	const char	*status;	/* open, in_progress, closed, dropped */
	bool		 overdue;	/* only overdue on the request's day */
	int64_t		 meeting;	/* made at this meeting */
	const char	*need;		/* serving this need (T2.4) */
};

/** The list of recommendations (svc/listq.h): sorts due_date (the
 * default, soonest first), updated_at, status, meeting_date; ?q= over the
 * text, owner, meeting, need and plan item; from/to on the due date. */
extern const struct ccs_listq_def ccs_rec_list_def;

/**
 * The recommendations @p flt, @p q and @p from / @p to (unix seconds,
 * 0: open) select, "overdue" as on the day of @p now, paged by @p ks
 * (borrowed). *out (new, free with ccs_listq_free) is ready for
 * ccs_listq_page or ccs_listq_csv.
 */
int	ccs_rec_query(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_rec_filter *flt, int64_t now,
	    struct ccs_keyset *ks, const char *q, int64_t from, int64_t to,
	    struct ccs_listq **out, struct ccs_fail *f);
/** One recommendation with its follow-up trail; 404 when absent. */
int	ccs_rec_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, json_t **out, struct ccs_fail *f);
/** Makes a recommendation (status open). */
int	ccs_rec_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f);
/**
 * ccs_rec_create for a write another domain's policy has authorised (a
 * crisis's post-incident review, svc/crisis/crisis_review.c): the same
 * checks, row and audit event, without the meeting_write rule.
 */
int	ccs_rec_create_authorised(struct ccs_db *db,
	    const struct ccs_principal *p, const json_t *body, int64_t now,
	    json_t **out, struct ccs_fail *f);
/** Changes text, owner, due date, timeframe, need or plan item. */
int	ccs_rec_update(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now, json_t **out,
	    struct ccs_fail *f);
/**
 * Adds a progress report, which may move the status (core rules:
 * owners report open or in_progress; writers also close or drop).
 */
int	ccs_rec_progress_add(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now, json_t **out,
	    struct ccs_fail *f);
/**
 * Overdue recommendations grouped by owner (most overdue owners by name),
 * a page of owners each with all its overdue items.
 */
int	ccs_rec_overdue_by_owner(struct ccs_db *db,
	    const struct ccs_principal *p, const char *cursor, int64_t limit,
	    int64_t now, json_t **out, struct ccs_fail *f);
/** The recommendations of meeting @p meeting (for its page); new. */
int	ccs_rec_of_meeting(struct ccs_db *db, int64_t meeting, int64_t now,
	    json_t **out /* OUT */);

#endif

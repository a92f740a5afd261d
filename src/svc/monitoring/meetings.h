/*
 * meetings.h: the meetings of the plan's monitoring and review (section
 * 8): the Regional Cyber Committee, the Steering Committee, the Caribbean
 * Stakeholders Meeting, the Heads of Intelligence and Financial
 * Investigative Units and CONSLE; each with its date, place or online,
 * attendees from the directory, agenda, minutes and decisions, and the
 * recommendations it made (svc/monitoring/recommendations.h).
 *
 * Every member reads meetings. The minutes may carry a TLP marking
 * (minutes_sharing): a reader outside it sees the meeting with its
 * minutes withheld and "minutes_restricted": true.
 */
#ifndef CCS_SVC_MEETINGS_H
#define CCS_SVC_MEETINGS_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Request fields of a meeting (POST; PATCH: any subset plus version). */
extern const struct ccs_jfield ccs_meeting_fields[];
extern const size_t ccs_meeting_nfields;

/** Filters of the meeting list; NULL/0 members do not filter. */
struct ccs_meeting_filter {
	const char	*kind;		/* rcc, steering, csm, ... */
	const char	*from;		/* on or after, YYYY-MM-DD */
	const char	*to;		/* on or before */
	const char	*cursor;	/* next_cursor of the previous page */
	int64_t		 limit;		/* 1..CCS_MON_PAGE_MAX */
};

/** A page of meetings, newest first, with total and cursor. */
int	ccs_meeting_list(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_meeting_filter *flt, json_t **out,
	    struct ccs_fail *f);
/** One meeting with attendees and recommendations; 404 when absent. */
int	ccs_meeting_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, json_t **out, struct ccs_fail *f);
/** Records a meeting (coordinators, RIFC, Steering Committee). */
int	ccs_meeting_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f);
/** Changes a meeting; "version" must be the one read (409 otherwise). */
int	ccs_meeting_update(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now, json_t **out,
	    struct ccs_fail *f);

#endif

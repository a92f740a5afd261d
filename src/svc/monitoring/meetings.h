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
#include "svc/listq.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Request fields of a meeting (POST; PATCH: any subset plus version). */
extern const struct ccs_jfield ccs_meeting_fields[];
extern const size_t ccs_meeting_nfields;

/** Filters of the meeting list; NULL/0 members do not filter. */
/** The list of meetings (svc/listq.h): date (newest first), title,
 * kind, updated_at; q over title, kind, place, host, agenda and
 * decisions (never the minutes); from/to on the meeting's date. */
extern const struct ccs_listq_def ccs_meeting_list_def;

/**
 * Meetings of @p kind (NULL any) matching @p q and [@p from, @p to),
 * paged by @p ks, each with its attendees and its minutes as @p p may
 * read them. *out: free with ccs_listq_free.
 */
int	ccs_meeting_query(const struct ccs_principal *p, const char *kind,
	    struct ccs_keyset *ks, const char *q, int64_t from, int64_t to,
	    struct ccs_listq **out /* OUT */, struct ccs_fail *f);
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

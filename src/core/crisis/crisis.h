/*
 * crisis.h: the rules of a cyber crisis that need no database: its status
 * workflow (declared, escalated, stabilised, closed, reviewed), the
 * severity scale 0-4 shared with the 2025 EU cyber blueprint and the
 * escalation it calls for, the crisis team's roles, the words of the
 * decision and communications log, and when a situation report is
 * overdue. Pure: no I/O, no clock, no allocation.
 */
#ifndef CCS_CORE_CRISIS_H
#define CCS_CORE_CRISIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/vocab.h"

/** Where a crisis stands; the order is the workflow's direction. */
enum ccs_crisis_status {
	CCS_CRISIS_DECLARED = 0,	/* declared by the national team */
	CCS_CRISIS_ESCALATED,		/* level 3-4: RCC via RIFC, political */
	CCS_CRISIS_STABILISED,		/* under control, recovery */
	CCS_CRISIS_CLOSED,		/* over; waits for its review */
	CCS_CRISIS_REVIEWED		/* post-incident review filed: final */
};

/** Number of statuses. */
#define CCS_CRISIS_STATUS_COUNT	((size_t)CCS_CRISIS_REVIEWED + 1)

/** Lowest and highest severity of the shared scale. */
#define CCS_CRISIS_SEVERITY_MIN	0
#define CCS_CRISIS_SEVERITY_MAX	4
/** The lowest severity that escalates beyond the national team. */
#define CCS_CRISIS_ESCALATION_LEVEL	3

/** Shortest and longest situation report cadence, in hours. */
#define CCS_CRISIS_CADENCE_MIN	1
#define CCS_CRISIS_CADENCE_MAX	168

/** The statuses as words, in enum order. */
extern const struct ccs_vocab ccs_crisis_statuses;
/** Roles in a crisis team: lead, technical, legal, communications,
 * liaison. */
extern const struct ccs_vocab ccs_crisis_roles;
/** Kinds of log entries: decision, communication. */
extern const struct ccs_vocab ccs_crisis_log_kinds;
/** Audiences of a log entry: ministers, public, partner states... */
extern const struct ccs_vocab ccs_crisis_audiences;
/** Channels of a log entry: briefing, press release, e-mail... */
extern const struct ccs_vocab ccs_crisis_channels;
/** Task statuses: open, done. */
extern const struct ccs_vocab ccs_crisis_task_statuses;
/** Template kinds: crisis_plan, ir_protocol. */
extern const struct ccs_vocab ccs_crisis_template_kinds;
/** The levels an escalation reaches: regional (the RCC through the
 * RIFC), political. */
extern const struct ccs_vocab ccs_crisis_tiers;

/**
 * @param s a status key ("escalated"), may be NULL
 * @param out OUT: the status when known
 * @return whether @p s is a status
 */
bool	ccs_crisis_status_parse(const char *s,
	    enum ccs_crisis_status *out /* OUT */);

/** @return the key of @p st (static), or NULL if out of range. */
const char *ccs_crisis_status_name(enum ccs_crisis_status st);

/**
 * Whether a crisis may go from @p from to @p to by a change of its
 * status. Staying is allowed except once reviewed; declared moves to
 * escalated, stabilised or closed; escalated to stabilised or closed;
 * stabilised back to escalated (it flares up again) or to closed;
 * closed only to reviewed, which only the review does (see
 * ccs_crisis_review_ok) and which is final.
 */
bool	ccs_crisis_move_ok(enum ccs_crisis_status from,
	    enum ccs_crisis_status to);

/** @return whether @p sev is on the scale 0-4. */
bool	ccs_crisis_severity_ok(int64_t sev);

/**
 * Whether a crisis at @p sev goes beyond the national team: levels 3
 * and 4 are brought to the RCC through the RIFC and to the political
 * level.
 */
bool	ccs_crisis_escalates(int64_t sev);

/**
 * The status a crisis takes when its severity becomes @p sev while it is
 * @p st: a declared or stabilised crisis that reaches level 3 becomes
 * escalated; anything else keeps its status.
 */
enum ccs_crisis_status ccs_crisis_after_severity(enum ccs_crisis_status st,
	    int64_t sev);

/** Whether a crisis in @p st may be written to (log, team, tasks,
 * sitreps): not once closed or reviewed. */
bool	ccs_crisis_open(enum ccs_crisis_status st);

/** Whether the post-incident review may be filed: only when closed. */
bool	ccs_crisis_review_ok(enum ccs_crisis_status st);

/**
 * When the next situation report is due: @p last (the last report, or
 * the declaration when there is none; seconds) plus @p cadence_hours.
 */
int64_t	ccs_crisis_sitrep_due(int64_t last, int64_t cadence_hours);

/**
 * Whether a situation report is overdue at @p now: the crisis is still
 * open (@p st) and @p now is past ccs_crisis_sitrep_due.
 */
bool	ccs_crisis_sitrep_overdue(enum ccs_crisis_status st, int64_t last,
	    int64_t cadence_hours, int64_t now);

#endif

/*
 * incident.h: the rules of an incident report that need no database: its
 * status workflow (an enum and a transition table) and its severity scale.
 * Pure: no I/O, no clock, no allocation.
 */
#ifndef CCS_CORE_INCIDENT_H
#define CCS_CORE_INCIDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/vocab.h"

/** Where an incident stands; the order is the workflow's direction. */
enum ccs_incident_status {
	CCS_INCIDENT_REPORTED = 0,	/* reported, not looked at yet */
	CCS_INCIDENT_TRIAGED,		/* classified and prioritised */
	CCS_INCIDENT_INVESTIGATING,	/* being worked on */
	CCS_INCIDENT_CONTAINED,		/* spread stopped */
	CCS_INCIDENT_RESOLVED,		/* cause removed */
	CCS_INCIDENT_CLOSED		/* final */
};

/** Number of statuses. */
#define CCS_INCIDENT_STATUS_COUNT	((size_t)CCS_INCIDENT_CLOSED + 1)

/** The severity scale of incidents and advisories, least first. */
enum ccs_severity {
	CCS_SEVERITY_LOW = 0,
	CCS_SEVERITY_MEDIUM,
	CCS_SEVERITY_HIGH,
	CCS_SEVERITY_CRITICAL
};

/** Number of severities. */
#define CCS_SEVERITY_COUNT	((size_t)CCS_SEVERITY_CRITICAL + 1)

/** The statuses as words, in enum order (key "reported", name "Reported"). */
extern const struct ccs_vocab ccs_incident_statuses;
/** The severities as words, in enum order. */
extern const struct ccs_vocab ccs_severities;

/**
 * @param s a status key ("triaged"), may be NULL
 * @param out OUT: the status when known
 * @return whether @p s is a status
 */
bool	ccs_incident_status_parse(const char *s,
	    enum ccs_incident_status *out /* OUT */);

/** @return the key of @p st ("triaged"; static), or NULL if out of range. */
const char *ccs_incident_status_name(enum ccs_incident_status st);

/**
 * Whether an incident may go from @p from to @p to. Staying is always
 * allowed (an update that changes only the severity); moving forward is
 * allowed from any status but closed; the only way back is to
 * investigating, from contained or resolved; closed is final.
 */
bool	ccs_incident_move_ok(enum ccs_incident_status from,
	    enum ccs_incident_status to);

/** Like ccs_incident_status_parse for severities ("low" .. "critical"). */
bool	ccs_severity_parse(const char *s, enum ccs_severity *out /* OUT */);

/** @return the key of @p sev ("high"; static), or NULL if out of range. */
const char *ccs_severity_name(enum ccs_severity sev);

/** @return the hours recipients have to acknowledge an advisory of
 * severity @p sev when the sender sets no deadline (4 for critical up to
 * 168 for low). */
int64_t	ccs_severity_ack_hours(enum ccs_severity sev);

#endif

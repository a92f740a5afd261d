/*
 * triage_rules.h: the pure rules of triaging a public cybercrime report:
 * the report's status workflow (submitted, triaged, referred,
 * investigating once converted into an incident, closed), its priority
 * scale and the floor that puts imminent harm and child exploitation
 * first, and the places a report may be referred to.
 * Pure: no I/O, no clock, no allocation.
 */
#ifndef CCS_CORE_TRIAGE_RULES_H
#define CCS_CORE_TRIAGE_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/vocab.h"

/** Where a public report stands, as its reporter sees it. */
enum ccs_report_status {
	CCS_REPORT_RECEIVED = 0,	/* submitted, not looked at yet */
	CCS_REPORT_TRIAGED,		/* classified and prioritised */
	CCS_REPORT_REFERRED,		/* passed to a body that acts on it */
	CCS_REPORT_CONVERTED,		/* made an incident: the portal's
					   "investigating" */
	CCS_REPORT_CLOSED		/* final: no further action */
};

/** Number of statuses. */
#define CCS_REPORT_STATUS_COUNT	((size_t)CCS_REPORT_CLOSED + 1)

/** The priority scale, most urgent first (the queue's order). */
enum ccs_report_priority {
	CCS_PRIORITY_URGENT = 0,	/* imminent harm, child exploitation */
	CCS_PRIORITY_HIGH,
	CCS_PRIORITY_NORMAL,
	CCS_PRIORITY_LOW
};

/** Number of priorities. */
#define CCS_PRIORITY_COUNT	((size_t)CCS_PRIORITY_LOW + 1)

/** The category key of online child sexual exploitation reports. */
#define CCS_REPORT_CATEGORY_CHILD	"child_exploitation"

/** The statuses as words, in enum order ("submitted": received...). */
extern const struct ccs_vocab ccs_report_statuses;
/** The priorities as words, in enum order ("urgent" ...). */
extern const struct ccs_vocab ccs_report_priorities;
/** Where a report may be referred ("police_cyber_unit" ...). */
extern const struct ccs_vocab ccs_report_referrals;

/**
 * @param s a status key, may be NULL
 * @param out OUT: the status when known
 * @return whether @p s is a status
 */
bool	ccs_report_status_parse(const char *s,
	    enum ccs_report_status *out /* OUT */);
/** @return the key of @p st (static), or NULL if out of range. */
const char *ccs_report_status_name(enum ccs_report_status st);

/**
 * Whether a report may go from @p from to @p to. Submitted goes to
 * triaged or closed (a report must be classified before it is referred
 * or converted); triaged to referred, converted or closed, or stays
 * (classified again); referred to referred (one more referral),
 * converted or closed; converted only to closed (one incident per
 * report); closed is final.
 */
bool	ccs_report_move_ok(enum ccs_report_status from,
	    enum ccs_report_status to);

/** Like ccs_report_status_parse for priorities. */
bool	ccs_report_priority_parse(const char *s,
	    enum ccs_report_priority *out /* OUT */);
/** @return the key of @p pr (static), or NULL if out of range. */
const char *ccs_report_priority_name(enum ccs_report_priority pr);

/**
 * The least urgent priority a report may be given: urgent when the
 * report is about child exploitation (@p category is
 * CCS_REPORT_CATEGORY_CHILD) or a triager has marked imminent harm,
 * otherwise low (any priority).
 */
enum ccs_report_priority ccs_report_priority_floor(const char *category,
	    bool imminent_harm);

/**
 * The priority a report gets before a triager sets one: the floor when it
 * is urgent, high for ransomware and extortion, normal otherwise.
 */
enum ccs_report_priority ccs_report_priority_default(const char *category,
	    bool imminent_harm);

/** Whether @p pr is at least as urgent as the floor of the report. */
bool	ccs_report_priority_ok(enum ccs_report_priority pr,
	    const char *category, bool imminent_harm);

/**
 * Checks a referral: @p target must be a key of ccs_report_referrals;
 * "another_state" needs @p to_state, a state other than every state the
 * report is already routed to (the caller checks the state exists), and
 * the other targets take no state.
 * @param code OUT: on refusal, the stable error code (static)
 * @return whether the referral is acceptable
 */
bool	ccs_report_referral_ok(const char *target, const char *to_state,
	    const char *const *routed, size_t nrouted,
	    const char **code /* OUT */);

#endif

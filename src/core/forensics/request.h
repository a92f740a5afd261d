/*
 * request.h: the rules of a state's request for help from a pooled
 * forensic lab, pure. The request moves requested -> accepted ->
 * scheduled -> in_progress -> closed (with a report); the lab may
 * decline a request it has not started, and the requesting state may
 * withdraw one the lab has not started. Also the licence warning of a
 * lab's tool (90 and 30 days ahead). The word lists are core/vocab.h
 * vocabularies, served by GET /api/v1/vocabularies.
 */
#ifndef CCS_CORE_FORENSICS_REQUEST_H
#define CCS_CORE_FORENSICS_REQUEST_H

#include <stdbool.h>

#include "core/vocab.h"

/** Request statuses, in the order of a request's life. */
extern const struct ccs_vocab ccs_forensic_statuses;
/** Urgency of a request: routine, urgent, emergency. */
extern const struct ccs_vocab ccs_forensic_urgencies;
/** Device types a lab handles and a request names. */
extern const struct ccs_vocab ccs_forensic_devices;

/** Who moves a request. */
enum ccs_forensic_party {
	CCS_FORENSIC_LAB = 0,	/* the providing lab's staff */
	CCS_FORENSIC_REQUESTER	/* the requesting state's users */
};

/** Why a move is refused (CCS_FMOVE_OK when it is allowed). */
enum ccs_forensic_move {
	CCS_FMOVE_OK = 0,
	CCS_FMOVE_UNKNOWN,	/* @p to is not a status */
	CCS_FMOVE_INVALID,	/* no such step from the current status */
	CCS_FMOVE_PARTY,	/* the step is the other party's */
	CCS_FMOVE_NEEDS_DATE,	/* scheduled needs scheduled_for */
	CCS_FMOVE_NEEDS_REPORT,	/* closed needs a report */
	CCS_FMOVE_NEEDS_REASON	/* declined and withdrawn need a reason */
};

/** What a move carries besides its target. */
struct ccs_forensic_step {
	const char	*to;		/* target status */
	bool		 has_date;	/* scheduled_for given and valid */
	bool		 has_report;	/* report given, not empty */
	bool		 has_reason;	/* reason given, not empty */
};

/**
 * Decides a move of a request in status @p from by @p party.
 * @return CCS_FMOVE_OK or the reason it is refused
 */
enum ccs_forensic_move ccs_forensic_move_check(const char *from,
	    enum ccs_forensic_party party, const struct ccs_forensic_step *s);

/** True when a request in @p status takes a place in the lab's queue
 * (accepted, scheduled, in progress). */
bool	ccs_forensic_in_queue(const char *status);

/** True when no move leaves @p status (closed, declined, withdrawn). */
bool	ccs_forensic_final(const char *status);

/**
 * The licence warning of a tool whose licence expires on day
 * @p expires_day (days since 1970-01-01) seen on day @p today: "expired"
 * past it, "30_days" within 30 days, "90_days" within 90, or NULL.
 * Static string.
 */
const char *ccs_forensic_licence_warning(long long expires_day,
	    long long today);

#endif

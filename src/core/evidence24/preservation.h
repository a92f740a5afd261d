/*
 * preservation.h: the pure rules of a 24/7 preservation request (Budapest
 * Convention Art. 29 and 30, Second Additional Protocol Art. 9): its
 * statuses, the moves between them and which side of the request makes
 * each, the clocks (acknowledgement due, expiry at least 60 days after
 * preservation, the reminder before expiry) and the checks of the form's
 * parts that do not need the database. Pure: no I/O, no clock (times are
 * parameters), no allocation.
 */
#ifndef CCS_CORE_EVIDENCE24_PRESERVATION_H
#define CCS_CORE_EVIDENCE24_PRESERVATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/vocab.h"

/** Art. 29(7): preservation lasts at least this many days. */
#define CCS_PRES_MIN_DAYS	60
/** Longest period a request may ask for or a renewal may set. */
#define CCS_PRES_MAX_DAYS	365
/** Days before expiry the reminder falls due (next-domains B3: D-10). */
#define CCS_PRES_REMIND_DAYS	10
/** clock_at of a request whose clock does not run: after every time. */
#define CCS_PRES_NO_CLOCK	INT64_MAX
/** Acknowledgement targets of the network (platform targets, not treaty
 * deadlines): an emergency within 4 hours, any other within 24. */
#define CCS_PRES_ACK_HOURS_EMERGENCY	4
#define CCS_PRES_ACK_HOURS		24

/** Where a request stands. */
enum ccs_pres_status {
	CCS_PRES_DRAFT = 0,		/* being written, not sent */
	CCS_PRES_SENT,			/* sent to the requested 24/7 contact */
	CCS_PRES_ACKNOWLEDGED,		/* the requested side has it */
	CCS_PRES_PRESERVED,		/* data preserved until the expiry */
	CCS_PRES_PARTLY_DISCLOSED,	/* Art. 30: traffic data disclosed,
					   a provider in a third state found */
	CCS_PRES_FULFILLED,		/* final: done */
	CCS_PRES_REFUSED,		/* final: refused, with a reason */
	CCS_PRES_EXPIRED,		/* final: preservation lapsed */
	CCS_PRES_WITHDRAWN		/* final: withdrawn by the requester */
};
#define CCS_PRES_STATUS_COUNT	((size_t)CCS_PRES_WITHDRAWN + 1)

/** What a user does to a request (PATCH {"action": ...}). */
enum ccs_pres_action {
	CCS_PRES_SEND = 0,		/* draft -> sent */
	CCS_PRES_ACKNOWLEDGE,		/* sent -> acknowledged */
	CCS_PRES_PRESERVE,		/* sent, acknowledged -> preserved */
	CCS_PRES_RENEW,			/* preserved (or partly) -> same, new
					   expiry */
	CCS_PRES_DISCLOSE_PARTLY,	/* -> partly_disclosed + follow-on */
	CCS_PRES_FULFIL,		/* -> fulfilled */
	CCS_PRES_REFUSE,		/* sent, acknowledged -> refused */
	CCS_PRES_EXPIRE,		/* preserved past expiry -> expired */
	CCS_PRES_WITHDRAW,		/* any open status -> withdrawn */
	CCS_PRES_RECORD_MLA		/* the MLA request was filed: no move */
};
#define CCS_PRES_ACTION_COUNT	((size_t)CCS_PRES_RECORD_MLA + 1)

/** Which side of a request may make a move. */
enum ccs_pres_side {
	CCS_PRES_REQUESTING = 0,	/* the state that asked */
	CCS_PRES_REQUESTED,		/* the state asked to preserve */
	CCS_PRES_EITHER			/* both */
};

/** What a request's clock says at a given time. */
enum ccs_pres_due {
	CCS_PRES_DUE_NONE = 0,		/* no clock runs, or not due yet */
	CCS_PRES_DUE_ACK,		/* sent and not acknowledged in time */
	CCS_PRES_DUE_EXPIRING,		/* preserved, expiry within the
					   reminder window */
	CCS_PRES_DUE_LAPSED		/* preserved past the expiry */
};

/** Statuses, actions, legal bases, urgencies, data categories,
 * identifier kinds and clock states as words (GET /vocabularies). */
extern const struct ccs_vocab ccs_pres_statuses;
extern const struct ccs_vocab ccs_pres_actions;
extern const struct ccs_vocab ccs_pres_legal_bases;
extern const struct ccs_vocab ccs_pres_urgencies;
extern const struct ccs_vocab ccs_pres_data_categories;
extern const struct ccs_vocab ccs_pres_identifier_kinds;
extern const struct ccs_vocab ccs_pres_dues;

/** @return whether @p s is a status key; *out set when it is. */
bool	ccs_pres_status_parse(const char *s,
	    enum ccs_pres_status *out /* OUT */);
/** @return the key of @p st (static), NULL if out of range. */
const char *ccs_pres_status_name(enum ccs_pres_status st);
/** @return whether @p s is an action key; *out set when it is. */
bool	ccs_pres_action_parse(const char *s,
	    enum ccs_pres_action *out /* OUT */);
/** @return the key of @p a (static), NULL if out of range. */
const char *ccs_pres_action_name(enum ccs_pres_action a);
/** @return the key of @p d (static), NULL if out of range. */
const char *ccs_pres_due_name(enum ccs_pres_due d);

/** Whether @p st is final (no move leaves it). */
bool	ccs_pres_final(enum ccs_pres_status st);

/**
 * The move @p a from @p from.
 * @param to OUT: the status after the move (== @p from for renew and
 *     record_mla)
 * @param side OUT: which side may make it
 * @return whether @p a may be made in @p from
 */
bool	ccs_pres_move(enum ccs_pres_status from, enum ccs_pres_action a,
	    enum ccs_pres_status *to /* OUT */,
	    enum ccs_pres_side *side /* OUT */);

/** Seconds the requested side has to acknowledge a request. */
int64_t	ccs_pres_ack_window(bool emergency);

/**
 * Whether an expiry at @p expires_at (unix seconds) keeps data at least
 * CCS_PRES_MIN_DAYS and at most CCS_PRES_MAX_DAYS after @p now.
 */
bool	ccs_pres_expiry_ok(int64_t now, int64_t expires_at);

/**
 * The next deadline of a request in @p st: the acknowledgement due time
 * while sent, the reminder (expiry - CCS_PRES_REMIND_DAYS) while preserved
 * or partly disclosed; 0 when no clock runs.
 */
int64_t	ccs_pres_clock(enum ccs_pres_status st, int64_t ack_due_at,
	    int64_t expires_at);

/** What the clock of a request in @p st says at @p now. */
enum ccs_pres_due ccs_pres_due_at(enum ccs_pres_status st,
	    int64_t ack_due_at, int64_t expires_at, int64_t now);

/**
 * Checks one identifier of the data to preserve: @p kind a key of
 * ccs_pres_identifier_kinds, @p value 1-500 bytes; an IP address needs
 * the time it was seen (@p seen_at, RFC 3339) and its time zone
 * (@p tz, "UTC" or "+hh:mm"/"-hh:mm"), since an address alone names no
 * subscriber.
 * @param code OUT: on refusal, the stable error code (static)
 */
bool	ccs_pres_identifier_ok(const char *kind, const char *value,
	    const char *seen_at, const char *tz, const char **code /* OUT */);

/**
 * Checks the legal basis against the urgency: Art. 9 of the Second
 * Additional Protocol is emergency disclosure only, and an emergency
 * needs its reason (the risk to life).
 * @param code OUT: on refusal, the stable error code (static)
 */
bool	ccs_pres_basis_ok(const char *basis, const char *urgency,
	    const char *emergency_reason, const char **code /* OUT */);

#endif

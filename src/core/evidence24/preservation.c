/*
 * preservation.c: the state machine and clocks of a 24/7 preservation
 * request.
 *
 * One table holds every move: the action, the statuses it may start
 * from (a bit set), where it leads and which side makes it. The
 * requesting side drafts, sends, withdraws and records the mutual legal
 * assistance request; the requested side acknowledges, preserves, renews,
 * discloses (in part, Art. 30) or fulfils, and refuses. Either side
 * records that a preservation lapsed, and only once its expiry has passed
 * (the service checks the time with ccs_pres_due_at). Non-goals: the
 * form's text checks that need the database (states, the directory).
 */
#include <string.h>

#include "core/evidence24/preservation.h"
#include "core/validate.h"

#define VOCAB(var, name, words) \
	const struct ccs_vocab var = { name, words, \
	    sizeof(words) / sizeof(words[0]) }

#define BIT(s)	(1u << (unsigned)(s))
#define DAY	((int64_t)86400)

/* In enum order. */
static const struct ccs_word statuses[] = {
	{ "draft", "Draft", NULL },
	{ "sent", "Sent", NULL },
	{ "acknowledged", "Acknowledged", NULL },
	{ "preserved", "Preserved", NULL },
	{ "partly_disclosed", "Partly disclosed (Art. 30)", NULL },
	{ "fulfilled", "Fulfilled", NULL },
	{ "refused", "Refused", NULL },
	{ "expired", "Expired", NULL },
	{ "withdrawn", "Withdrawn", NULL },
};
VOCAB(ccs_pres_statuses, "preservation_statuses", statuses);

/* In enum order. */
static const struct ccs_word actions[] = {
	{ "send", "Send to the 24/7 contact", NULL },
	{ "acknowledge", "Acknowledge receipt", NULL },
	{ "preserve", "Record preservation", NULL },
	{ "renew", "Renew preservation", NULL },
	{ "disclose_partly", "Disclose traffic data in part (Art. 30)", NULL },
	{ "fulfil", "Record as fulfilled", NULL },
	{ "refuse", "Refuse", NULL },
	{ "expire", "Record as expired", NULL },
	{ "withdraw", "Withdraw", NULL },
	{ "record_mla", "Record the mutual legal assistance request", NULL },
};
VOCAB(ccs_pres_actions, "preservation_actions", actions);

static const struct ccs_word bases[] = {
	{ "art29", "Budapest Convention Art. 29 (expedited preservation)",
	    NULL },
	{ "art30", "Budapest Convention Art. 30 (expedited disclosure of "
	    "preserved traffic data)", NULL },
	{ "sap9", "Second Additional Protocol Art. 9 (expedited disclosure "
	    "in an emergency)", NULL },
};
VOCAB(ccs_pres_legal_bases, "preservation_legal_bases", bases);

static const struct ccs_word urgencies[] = {
	{ "normal", "Normal", NULL },
	{ "emergency", "Emergency (risk to life)", NULL },
};
VOCAB(ccs_pres_urgencies, "preservation_urgencies", urgencies);

static const struct ccs_word categories[] = {
	{ "subscriber", "Subscriber information", NULL },
	{ "traffic", "Traffic data", NULL },
	{ "content", "Content data", NULL },
};
VOCAB(ccs_pres_data_categories, "preservation_data_categories",
    categories);

static const struct ccs_word kinds[] = {
	{ "account", "Account", NULL },
	{ "ip", "IP address (with time and time zone)", NULL },
	{ "url", "URL", NULL },
	{ "email", "E-mail address", NULL },
	{ "phone", "Telephone number", NULL },
	{ "other", "Other identifier", NULL },
};
VOCAB(ccs_pres_identifier_kinds, "preservation_identifier_kinds", kinds);

/* In enum order. */
static const struct ccs_word dues[] = {
	{ "none", "On time", NULL },
	{ "ack_overdue", "Acknowledgement overdue", NULL },
	{ "expiring", "Expiry reminder", NULL },
	{ "lapsed", "Past its expiry", NULL },
};
VOCAB(ccs_pres_dues, "preservation_dues", dues);

#define OPEN	(BIT(CCS_PRES_SENT) | BIT(CCS_PRES_ACKNOWLEDGED) | \
		    BIT(CCS_PRES_PRESERVED) | BIT(CCS_PRES_PARTLY_DISCLOSED))
#define KEPT	(BIT(CCS_PRES_PRESERVED) | BIT(CCS_PRES_PARTLY_DISCLOSED))
#define STAY	(-1)	/* the move keeps the status */

static const struct {
	enum ccs_pres_action	 act;
	unsigned		 from;	/* BIT() of each status */
	int			 to;	/* enum ccs_pres_status or STAY */
	enum ccs_pres_side	 side;
} moves[] = {
	{ CCS_PRES_SEND, BIT(CCS_PRES_DRAFT), CCS_PRES_SENT,
	    CCS_PRES_REQUESTING },
	{ CCS_PRES_ACKNOWLEDGE, BIT(CCS_PRES_SENT), CCS_PRES_ACKNOWLEDGED,
	    CCS_PRES_REQUESTED },
	{ CCS_PRES_PRESERVE, BIT(CCS_PRES_SENT) | BIT(CCS_PRES_ACKNOWLEDGED),
	    CCS_PRES_PRESERVED, CCS_PRES_REQUESTED },
	{ CCS_PRES_RENEW, KEPT, STAY, CCS_PRES_REQUESTED },
	{ CCS_PRES_DISCLOSE_PARTLY, BIT(CCS_PRES_ACKNOWLEDGED) |
	    BIT(CCS_PRES_PRESERVED), CCS_PRES_PARTLY_DISCLOSED,
	    CCS_PRES_REQUESTED },
	{ CCS_PRES_FULFIL, BIT(CCS_PRES_ACKNOWLEDGED) | KEPT,
	    CCS_PRES_FULFILLED, CCS_PRES_REQUESTED },
	{ CCS_PRES_REFUSE, BIT(CCS_PRES_SENT) | BIT(CCS_PRES_ACKNOWLEDGED),
	    CCS_PRES_REFUSED, CCS_PRES_REQUESTED },
	{ CCS_PRES_EXPIRE, KEPT, CCS_PRES_EXPIRED, CCS_PRES_EITHER },
	{ CCS_PRES_WITHDRAW, BIT(CCS_PRES_DRAFT) | OPEN, CCS_PRES_WITHDRAWN,
	    CCS_PRES_REQUESTING },
	{ CCS_PRES_RECORD_MLA, OPEN | BIT(CCS_PRES_FULFILLED) |
	    BIT(CCS_PRES_REFUSED) | BIT(CCS_PRES_EXPIRED), STAY,
	    CCS_PRES_REQUESTING },
};

static bool
parse(const struct ccs_vocab *v, const char *s, size_t *out)
{
	size_t i;

	if (s == NULL)
		return false;
	for (i = 0; i < v->nwords; i++) {
		if (strcmp(v->words[i].key, s) == 0) {
			*out = i;
			return true;
		}
	}
	return false;
}

bool
ccs_pres_status_parse(const char *s, enum ccs_pres_status *out)
{
	size_t i;

	if (!parse(&ccs_pres_statuses, s, &i))
		return false;
	*out = (enum ccs_pres_status)i;
	return true;
}

const char *
ccs_pres_status_name(enum ccs_pres_status st)
{
	if ((size_t)st >= CCS_PRES_STATUS_COUNT)
		return NULL;
	return statuses[st].key;
}

bool
ccs_pres_action_parse(const char *s, enum ccs_pres_action *out)
{
	size_t i;

	if (!parse(&ccs_pres_actions, s, &i))
		return false;
	*out = (enum ccs_pres_action)i;
	return true;
}

const char *
ccs_pres_action_name(enum ccs_pres_action a)
{
	if ((size_t)a >= CCS_PRES_ACTION_COUNT)
		return NULL;
	return actions[a].key;
}

const char *
ccs_pres_due_name(enum ccs_pres_due d)
{
	if ((size_t)d >= sizeof(dues) / sizeof(dues[0]))
		return NULL;
	return dues[d].key;
}

bool
ccs_pres_final(enum ccs_pres_status st)
{
	return st == CCS_PRES_FULFILLED || st == CCS_PRES_REFUSED ||
	    st == CCS_PRES_EXPIRED || st == CCS_PRES_WITHDRAWN;
}

bool
ccs_pres_move(enum ccs_pres_status from, enum ccs_pres_action a,
    enum ccs_pres_status *to, enum ccs_pres_side *side)
{
	size_t i;

	if ((size_t)from >= CCS_PRES_STATUS_COUNT)
		return false;
	for (i = 0; i < sizeof(moves) / sizeof(moves[0]); i++) {
		if (moves[i].act != a || (moves[i].from & BIT(from)) == 0)
			continue;
		*to = moves[i].to == STAY ? from :
		    (enum ccs_pres_status)moves[i].to;
		*side = moves[i].side;
		return true;
	}
	return false;
}

int64_t
ccs_pres_ack_window(bool emergency)
{
	return (int64_t)(emergency ? CCS_PRES_ACK_HOURS_EMERGENCY :
	    CCS_PRES_ACK_HOURS) * 3600;
}

bool
ccs_pres_expiry_ok(int64_t now, int64_t expires_at)
{
	return expires_at >= now + CCS_PRES_MIN_DAYS * DAY &&
	    expires_at <= now + CCS_PRES_MAX_DAYS * DAY;
}

int64_t
ccs_pres_clock(enum ccs_pres_status st, int64_t ack_due_at,
    int64_t expires_at)
{
	if (st == CCS_PRES_SENT)
		return ack_due_at;
	if ((st == CCS_PRES_PRESERVED || st == CCS_PRES_PARTLY_DISCLOSED) &&
	    expires_at > 0)
		return expires_at - CCS_PRES_REMIND_DAYS * DAY;
	return 0;
}

enum ccs_pres_due
ccs_pres_due_at(enum ccs_pres_status st, int64_t ack_due_at,
    int64_t expires_at, int64_t now)
{
	if (st == CCS_PRES_SENT)
		return ack_due_at > 0 && now >= ack_due_at ?
		    CCS_PRES_DUE_ACK : CCS_PRES_DUE_NONE;
	if ((st != CCS_PRES_PRESERVED && st != CCS_PRES_PARTLY_DISCLOSED) ||
	    expires_at <= 0)
		return CCS_PRES_DUE_NONE;
	if (now >= expires_at)
		return CCS_PRES_DUE_LAPSED;
	if (now >= expires_at - CCS_PRES_REMIND_DAYS * DAY)
		return CCS_PRES_DUE_EXPIRING;
	return CCS_PRES_DUE_NONE;
}

/* "UTC", "Z" or "+hh:mm"/"-hh:mm" with hh <= 14 and mm < 60. */
static bool
tz_ok(const char *tz)
{
	if (strcmp(tz, "UTC") == 0 || strcmp(tz, "Z") == 0)
		return true;
	if (strlen(tz) != 6 || (tz[0] != '+' && tz[0] != '-') ||
	    tz[3] != ':' || strspn(tz + 1, "0123456789") != 2 ||
	    strspn(tz + 4, "0123456789") != 2)
		return false;
	return (tz[1] - '0') * 10 + (tz[2] - '0') <= 14 &&
	    (tz[4] - '0') * 10 + (tz[5] - '0') < 60;
}

bool
ccs_pres_identifier_ok(const char *kind, const char *value,
    const char *seen_at, const char *tz, const char **code)
{
	long long t;
	size_t n;

	if (!ccs_vocab_has(&ccs_pres_identifier_kinds, kind)) {
		*code = "invalid_identifier_kind";
		return false;
	}
	n = value ? strlen(value) : 0;
	if (n == 0 || n > 500) {
		*code = "invalid_identifier";
		return false;
	}
	if (seen_at != NULL && !ccs_parse_time(seen_at, &t)) {
		*code = "invalid_identifier_time";
		return false;
	}
	if (tz != NULL && !tz_ok(tz)) {
		*code = "invalid_identifier_timezone";
		return false;
	}
	if (strcmp(kind, "ip") == 0 && (seen_at == NULL || tz == NULL)) {
		*code = "ip_needs_time_and_timezone";
		return false;
	}
	return true;
}

bool
ccs_pres_basis_ok(const char *basis, const char *urgency,
    const char *emergency_reason, const char **code)
{
	bool emergency;

	if (!ccs_vocab_has(&ccs_pres_legal_bases, basis)) {
		*code = "invalid_legal_basis";
		return false;
	}
	if (!ccs_vocab_has(&ccs_pres_urgencies, urgency)) {
		*code = "invalid_urgency";
		return false;
	}
	emergency = strcmp(urgency, "emergency") == 0;
	if (strcmp(basis, "sap9") == 0 && !emergency) {
		*code = "sap9_needs_emergency";
		return false;
	}
	if (emergency && (emergency_reason == NULL ||
	    emergency_reason[0] == '\0')) {
		*code = "emergency_reason_required";
		return false;
	}
	return true;
}

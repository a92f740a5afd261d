/*
 * triage_rules.c: the status workflow, priority scale and referral
 * targets of public reports.
 *
 * As in core/incident.c the workflow is one table of allowed moves, read
 * and tested pair by pair. The priority floor is the rule
 * (imminent harm and child exploitation first), kept here so the queue's
 * order and the triager's choices cannot drift apart.
 */
#include <string.h>

#include "core/reporting/triage_rules.h"

static const struct ccs_word status_words[] = {
	[CCS_REPORT_RECEIVED] = { "submitted", "Received", NULL },
	[CCS_REPORT_TRIAGED] = { "triaged", "Triaged", NULL },
	[CCS_REPORT_REFERRED] = { "referred", "Referred", NULL },
	/* the portal's word (core/reporting/report.c): an incident is open */
	[CCS_REPORT_CONVERTED] = { "investigating", "Under investigation",
	    NULL },
	[CCS_REPORT_CLOSED] = { "closed", "Closed", NULL },
};

const struct ccs_vocab ccs_report_statuses = { "public_report_statuses",
	status_words, sizeof(status_words) / sizeof(status_words[0]) };

static const struct ccs_word priority_words[] = {
	[CCS_PRIORITY_URGENT] = { "urgent", "Urgent", NULL },
	[CCS_PRIORITY_HIGH] = { "high", "High", NULL },
	[CCS_PRIORITY_NORMAL] = { "normal", "Normal", NULL },
	[CCS_PRIORITY_LOW] = { "low", "Low", NULL },
};

const struct ccs_vocab ccs_report_priorities = {
	"public_report_priorities", priority_words,
	sizeof(priority_words) / sizeof(priority_words[0]) };

static const struct ccs_word referral_words[] = {
	{ "police_cyber_unit", "Police cyber crime unit", NULL },
	{ "cert", "National CERT or CSIRT", NULL },
	{ "fiu", "Financial Intelligence Unit", NULL },
	{ "consumer_agency", "Consumer protection or fraud agency", NULL },
	{ "another_state", "Another state's team", NULL },
	{ "international_hotline", "International hotline (INHOPE, IWF, "
	    "NCMEC)", NULL },
};

const struct ccs_vocab ccs_report_referrals = { "public_report_referrals",
	referral_words, sizeof(referral_words) / sizeof(referral_words[0]) };

#define V	CCS_REPORT_RECEIVED
#define T	CCS_REPORT_TRIAGED
#define R	CCS_REPORT_REFERRED
#define C	CCS_REPORT_CONVERTED
#define X	CCS_REPORT_CLOSED
#define N	CCS_REPORT_STATUS_COUNT

/* moves[from][to]; a true diagonal means "may be done again". */
static const bool moves[N][N] = {
	[V] = { [T] = true, [X] = true },
	[T] = { [T] = true, [R] = true, [C] = true, [X] = true },
	[R] = { [R] = true, [C] = true, [X] = true },
	[C] = { [X] = true },
	[X] = { false },
};

#undef V
#undef T
#undef R
#undef C
#undef X

bool
ccs_report_status_parse(const char *s, enum ccs_report_status *out)
{
	size_t i;

	for (i = 0; s != NULL && i < N; i++) {
		if (strcmp(status_words[i].key, s) == 0) {
			*out = (enum ccs_report_status)i;
			return true;
		}
	}
	return false;
}

const char *
ccs_report_status_name(enum ccs_report_status st)
{
	if ((size_t)st >= N)
		return NULL;
	return status_words[st].key;
}

bool
ccs_report_move_ok(enum ccs_report_status from, enum ccs_report_status to)
{
	if ((size_t)from >= N || (size_t)to >= N)
		return false;
	return moves[from][to];
}

#undef N

bool
ccs_report_priority_parse(const char *s, enum ccs_report_priority *out)
{
	size_t i;

	for (i = 0; s != NULL && i < CCS_PRIORITY_COUNT; i++) {
		if (strcmp(priority_words[i].key, s) == 0) {
			*out = (enum ccs_report_priority)i;
			return true;
		}
	}
	return false;
}

const char *
ccs_report_priority_name(enum ccs_report_priority pr)
{
	if ((size_t)pr >= CCS_PRIORITY_COUNT)
		return NULL;
	return priority_words[pr].key;
}

enum ccs_report_priority
ccs_report_priority_floor(const char *category, bool imminent_harm)
{
	if (imminent_harm || (category != NULL &&
	    strcmp(category, CCS_REPORT_CATEGORY_CHILD) == 0))
		return CCS_PRIORITY_URGENT;
	return CCS_PRIORITY_LOW;
}

enum ccs_report_priority
ccs_report_priority_default(const char *category, bool imminent_harm)
{
	enum ccs_report_priority fl;

	fl = ccs_report_priority_floor(category, imminent_harm);
	if (fl == CCS_PRIORITY_URGENT)
		return fl;
	if (category != NULL && strcmp(category, "ransomware") == 0)
		return CCS_PRIORITY_HIGH;
	return CCS_PRIORITY_NORMAL;
}

bool
ccs_report_priority_ok(enum ccs_report_priority pr, const char *category,
    bool imminent_harm)
{
	if ((size_t)pr >= CCS_PRIORITY_COUNT)
		return false;
	return pr <= ccs_report_priority_floor(category, imminent_harm);
}

bool
ccs_report_referral_ok(const char *target, const char *to_state,
    const char *const *routed, size_t nrouted, const char **code)
{
	bool has_state = to_state != NULL && to_state[0] != '\0';
	size_t i;

	*code = NULL;
	if (!ccs_vocab_has(&ccs_report_referrals, target)) {
		*code = "invalid_referral";
		return false;
	}
	if (strcmp(target, "another_state") != 0) {
		if (has_state)
			*code = "unexpected_state";
		return !has_state;
	}
	if (!has_state) {
		*code = "state_required";
		return false;
	}
	for (i = 0; i < nrouted; i++) {
		if (routed[i] != NULL && strcmp(routed[i], to_state) == 0) {
			*code = "already_routed";
			return false;
		}
	}
	return true;
}

/*
 * crisis.c: the crisis workflow, severity scale and word lists (see
 * crisis.h).
 *
 * The workflow is one table of allowed moves, as core/incident.c, so the
 * rule reads pair by pair. The word lists are the only copy: svc/crisis
 * validates with them and GET /api/v1/vocabularies serves them to the
 * pages. The escalation rule follows the EU cyber blueprint of 2025
 * (levels 3-4 bring in the operational and the political layer), mapped
 * onto CARICOM as the RCC through the RIFC and CONSLE.
 */
#include <string.h>

#include "core/crisis/crisis.h"

static const struct ccs_word status_words[] = {
	[CCS_CRISIS_DECLARED] = { "declared", "Declared", NULL },
	[CCS_CRISIS_ESCALATED] = { "escalated", "Escalated", NULL },
	[CCS_CRISIS_STABILISED] = { "stabilised", "Stabilised", NULL },
	[CCS_CRISIS_CLOSED] = { "closed", "Closed", NULL },
	[CCS_CRISIS_REVIEWED] = { "reviewed", "Reviewed", NULL },
};

const struct ccs_vocab ccs_crisis_statuses = { "crisis_statuses",
	status_words, sizeof(status_words) / sizeof(status_words[0]) };

static const struct ccs_word role_words[] = {
	{ "lead", "Crisis lead", NULL },
	{ "technical", "Technical", NULL },
	{ "legal", "Legal", NULL },
	{ "communications", "Communications", NULL },
	{ "liaison", "Liaison", NULL },
};

const struct ccs_vocab ccs_crisis_roles = { "crisis_roles", role_words,
	sizeof(role_words) / sizeof(role_words[0]) };

static const struct ccs_word kind_words[] = {
	{ "decision", "Decision", NULL },
	{ "communication", "Communication", NULL },
};

const struct ccs_vocab ccs_crisis_log_kinds = { "crisis_log_kinds",
	kind_words, sizeof(kind_words) / sizeof(kind_words[0]) };

static const struct ccs_word audience_words[] = {
	{ "team", "Crisis team", NULL },
	{ "ministers", "Ministers", NULL },
	{ "public", "The public", NULL },
	{ "partner_states", "Partner states", NULL },
	{ "media", "Media", NULL },
	{ "rcc", "RCC and RIFC", NULL },
	{ "sector", "Affected sector", NULL },
};

const struct ccs_vocab ccs_crisis_audiences = { "crisis_audiences",
	audience_words, sizeof(audience_words) / sizeof(audience_words[0]) };

static const struct ccs_word channel_words[] = {
	{ "meeting", "Meeting", NULL },
	{ "briefing", "Briefing", NULL },
	{ "phone", "Telephone", NULL },
	{ "email", "E-mail", NULL },
	{ "press_release", "Press release", NULL },
	{ "press_conference", "Press conference", NULL },
	{ "website", "Website", NULL },
	{ "social_media", "Social media", NULL },
	{ "secure_message", "Secure message", NULL },
};

const struct ccs_vocab ccs_crisis_channels = { "crisis_channels",
	channel_words, sizeof(channel_words) / sizeof(channel_words[0]) };

static const struct ccs_word task_words[] = {
	{ "open", "Open", NULL },
	{ "done", "Done", NULL },
};

const struct ccs_vocab ccs_crisis_task_statuses = { "crisis_task_statuses",
	task_words, sizeof(task_words) / sizeof(task_words[0]) };

static const struct ccs_word template_words[] = {
	{ "crisis_plan", "National cyber crisis plan", NULL },
	{ "ir_protocol", "Incident-response protocol", NULL },
};

const struct ccs_vocab ccs_crisis_template_kinds = {
	"crisis_template_kinds", template_words,
	sizeof(template_words) / sizeof(template_words[0]) };

static const struct ccs_word tier_words[] = {
	{ "regional", "RCC through the RIFC", NULL },
	{ "political", "Political level", NULL },
};

const struct ccs_vocab ccs_crisis_tiers = { "crisis_tiers", tier_words,
	sizeof(tier_words) / sizeof(tier_words[0]) };

#define D	CCS_CRISIS_DECLARED
#define E	CCS_CRISIS_ESCALATED
#define S	CCS_CRISIS_STABILISED
#define C	CCS_CRISIS_CLOSED
#define R	CCS_CRISIS_REVIEWED
#define N	CCS_CRISIS_STATUS_COUNT

/* moves[from][to]; the diagonal is "no move" (a change of severity or
 * text only), refused once reviewed. */
static const bool moves[N][N] = {
	[D] = { [D] = true, [E] = true, [S] = true, [C] = true },
	[E] = { [E] = true, [S] = true, [C] = true },
	[S] = { [E] = true, [S] = true, [C] = true },
	[C] = { [C] = true, [R] = true },
	[R] = { [D] = false },
};

#undef D
#undef E
#undef S
#undef C
#undef R
#undef N

bool
ccs_crisis_status_parse(const char *s, enum ccs_crisis_status *out)
{
	size_t i;

	for (i = 0; s != NULL && i < CCS_CRISIS_STATUS_COUNT; i++) {
		if (strcmp(status_words[i].key, s) == 0) {
			*out = (enum ccs_crisis_status)i;
			return true;
		}
	}
	return false;
}

const char *
ccs_crisis_status_name(enum ccs_crisis_status st)
{
	if ((size_t)st >= CCS_CRISIS_STATUS_COUNT)
		return NULL;
	return status_words[st].key;
}

bool
ccs_crisis_move_ok(enum ccs_crisis_status from, enum ccs_crisis_status to)
{
	if ((size_t)from >= CCS_CRISIS_STATUS_COUNT ||
	    (size_t)to >= CCS_CRISIS_STATUS_COUNT)
		return false;
	return moves[from][to];
}

bool
ccs_crisis_severity_ok(int64_t sev)
{
	return sev >= CCS_CRISIS_SEVERITY_MIN &&
	    sev <= CCS_CRISIS_SEVERITY_MAX;
}

bool
ccs_crisis_escalates(int64_t sev)
{
	return ccs_crisis_severity_ok(sev) &&
	    sev >= CCS_CRISIS_ESCALATION_LEVEL;
}

enum ccs_crisis_status
ccs_crisis_after_severity(enum ccs_crisis_status st, int64_t sev)
{
	if (ccs_crisis_escalates(sev) && (st == CCS_CRISIS_DECLARED ||
	    st == CCS_CRISIS_STABILISED))
		return CCS_CRISIS_ESCALATED;
	return st;
}

bool
ccs_crisis_open(enum ccs_crisis_status st)
{
	return st == CCS_CRISIS_DECLARED || st == CCS_CRISIS_ESCALATED ||
	    st == CCS_CRISIS_STABILISED;
}

bool
ccs_crisis_review_ok(enum ccs_crisis_status st)
{
	return st == CCS_CRISIS_CLOSED;
}

int64_t
ccs_crisis_sitrep_due(int64_t last, int64_t cadence_hours)
{
	int64_t secs, due;

	if (cadence_hours < CCS_CRISIS_CADENCE_MIN)
		cadence_hours = CCS_CRISIS_CADENCE_MIN;
	if (cadence_hours > CCS_CRISIS_CADENCE_MAX)
		cadence_hours = CCS_CRISIS_CADENCE_MAX;
	secs = cadence_hours * 3600;
	if (__builtin_add_overflow(last, secs, &due))
		return INT64_MAX;
	return due;
}

bool
ccs_crisis_sitrep_overdue(enum ccs_crisis_status st, int64_t last,
    int64_t cadence_hours, int64_t now)
{
	return ccs_crisis_open(st) &&
	    now > ccs_crisis_sitrep_due(last, cadence_hours);
}

/*
 * request.c: the rules of a forensic help request (see request.h).
 *
 * The steps are one table, so the cmocka test walks every pair of
 * statuses against it; the service asks this module before it writes and
 * turns each refusal into one error code.
 */
#include <stddef.h>
#include <string.h>

#include "core/forensics/request.h"

#define VOCAB(var, name, words) \
	const struct ccs_vocab var = { name, words, \
	    sizeof(words) / sizeof(words[0]) }

static const struct ccs_word statuses[] = {
	{ "requested", "Requested", NULL },
	{ "accepted", "Accepted", NULL },
	{ "scheduled", "Scheduled", NULL },
	{ "in_progress", "In progress", NULL },
	{ "closed", "Closed with a report", NULL },
	{ "declined", "Declined", NULL },
	{ "withdrawn", "Withdrawn", NULL },
};
VOCAB(ccs_forensic_statuses, "forensic_statuses", statuses);

static const struct ccs_word urgencies[] = {
	{ "routine", "Routine", NULL },
	{ "urgent", "Urgent", NULL },
	{ "emergency", "Emergency (risk to life)", NULL },
};
VOCAB(ccs_forensic_urgencies, "forensic_urgencies", urgencies);

static const struct ccs_word devices[] = {
	{ "computer", "Computer (HDD or SSD)", NULL },
	{ "mobile", "Mobile phone or tablet", NULL },
	{ "storage", "Removable storage (USB, memory card)", NULL },
	{ "server", "Server or NAS", NULL },
	{ "cloud", "Cloud account", NULL },
	{ "network", "Network capture or logs", NULL },
	{ "memory", "Memory image (RAM)", NULL },
	{ "vehicle", "Vehicle or embedded system", NULL },
	{ "drone", "Drone", NULL },
	{ "other", "Other", NULL },
};
VOCAB(ccs_forensic_devices, "forensic_devices", devices);

/* One allowed step. */
struct step {
	const char		*from;	/* current status */
	const char		*to;	/* target */
	enum ccs_forensic_party	 by;	/* who takes it */
};

static const struct step steps[] = {
	{ "requested", "accepted", CCS_FORENSIC_LAB },
	{ "requested", "declined", CCS_FORENSIC_LAB },
	{ "requested", "withdrawn", CCS_FORENSIC_REQUESTER },
	{ "accepted", "scheduled", CCS_FORENSIC_LAB },
	{ "accepted", "declined", CCS_FORENSIC_LAB },
	{ "accepted", "withdrawn", CCS_FORENSIC_REQUESTER },
	{ "scheduled", "scheduled", CCS_FORENSIC_LAB },
	{ "scheduled", "in_progress", CCS_FORENSIC_LAB },
	{ "scheduled", "withdrawn", CCS_FORENSIC_REQUESTER },
	{ "in_progress", "closed", CCS_FORENSIC_LAB },
};

static bool
eq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

enum ccs_forensic_move
ccs_forensic_move_check(const char *from, enum ccs_forensic_party party,
    const struct ccs_forensic_step *s)
{
	size_t i;
	bool other = false;

	if (!ccs_vocab_has(&ccs_forensic_statuses, s->to))
		return CCS_FMOVE_UNKNOWN;
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (!eq(steps[i].from, from) || !eq(steps[i].to, s->to))
			continue;
		if (steps[i].by != party) {
			other = true;
			continue;
		}
		if (eq(s->to, "scheduled") && !s->has_date)
			return CCS_FMOVE_NEEDS_DATE;
		if (eq(s->to, "closed") && !s->has_report)
			return CCS_FMOVE_NEEDS_REPORT;
		if ((eq(s->to, "declined") || eq(s->to, "withdrawn")) &&
		    !s->has_reason)
			return CCS_FMOVE_NEEDS_REASON;
		return CCS_FMOVE_OK;
	}
	return other ? CCS_FMOVE_PARTY : CCS_FMOVE_INVALID;
}

bool
ccs_forensic_in_queue(const char *status)
{
	return eq(status, "accepted") || eq(status, "scheduled") ||
	    eq(status, "in_progress");
}

bool
ccs_forensic_final(const char *status)
{
	return eq(status, "closed") || eq(status, "declined") ||
	    eq(status, "withdrawn");
}

const char *
ccs_forensic_licence_warning(long long expires_day, long long today)
{
	if (expires_day < today)
		return "expired";
	if (expires_day - today <= 30)
		return "30_days";
	if (expires_day - today <= 90)
		return "90_days";
	return NULL;
}

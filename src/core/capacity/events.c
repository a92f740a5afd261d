/*
 * events.c: the words a training or an awareness campaign is described
 * with. The lists are closed: a new word is a code change here (and in
 * docs/internals/CAPACITY.md), so filters and reports count like with like.
 * Participant roles are the training audiences (who was trained is who a
 * training was for) and "unspecified", for a state known to have taken
 * part whose participants' roles were not published: one array, the
 * audiences being all of it but the last word. They are core/vocab.h
 * lists, registered in ccs_vocabs[] (core/vocab.c) and served to pages.
 */
#include <stdio.h>
#include <string.h>

#include "core/capacity/events.h"

#define VOCAB(var, name, words) \
	const struct ccs_vocab var = { name, words, \
	    sizeof(words) / sizeof(words[0]) }

/* The training audiences, then (for participants) "unspecified". */
static const struct ccs_word participant_roles[] = {
	{ "judges", "Judges", NULL },
	{ "prosecutors", "Prosecutors", NULL },
	{ "le_first_responders", "Law-enforcement first responders", NULL },
	{ "investigators", "Investigators", NULL },
	{ "it_staff", "IT staff", NULL },
	{ "ci_staff", "Critical-infrastructure staff", NULL },
	{ "crisis_managers", "Crisis managers", NULL },
	{ "csirt_staff", "CSIRT staff", NULL },
	{ "policy_makers", "Policy makers", NULL },
	{ "other", "Other", NULL },
	{ "unspecified", "Not published", NULL },
};
VOCAB(ccs_participant_roles, "participant_roles", participant_roles);
const struct ccs_vocab ccs_training_audiences = { "training_audiences",
	participant_roles, sizeof(participant_roles) /
	sizeof(participant_roles[0]) - 1 };

static const struct ccs_word campaign_audiences[] = {
	{ "ministers", "Ministers", NULL },
	{ "officials", "Officials", NULL },
	{ "public_sector", "Public sector", NULL },
	{ "private_sector", "Private sector", NULL },
	{ "schools", "Schools", NULL },
	{ "public", "The public", NULL },
};
VOCAB(ccs_campaign_audiences, "campaign_audiences", campaign_audiences);

static const struct ccs_word campaign_channels[] = {
	{ "media", "News media", NULL },
	{ "social_media", "Social media", NULL },
	{ "website", "Website", NULL },
	{ "events", "Events", NULL },
	{ "workshops", "Workshops", NULL },
	{ "schools", "School visits", NULL },
	{ "print", "Print", NULL },
	{ "radio", "Radio", NULL },
	{ "television", "Television", NULL },
	{ "other", "Other", NULL },
};
VOCAB(ccs_campaign_channels, "campaign_channels", campaign_channels);

static const struct ccs_word event_statuses[] = {
	{ "planned", "Planned", NULL },
	{ "completed", "Completed", NULL },
	{ "cancelled", "Cancelled", NULL },
};
VOCAB(ccs_event_statuses, "event_statuses", event_statuses);

int
ccs_vocab_list(const struct ccs_vocab *v, char *out, size_t size)
{
	size_t i, len = 0;
	int n;

	if (size == 0)
		return -1;
	out[0] = '\0';
	for (i = 0; i < v->nwords; i++) {
		n = snprintf(out + len, size - len, "%s%s", i ? ", " : "",
		    v->words[i].key);
		if (n < 0 || (size_t)n >= size - len)
			return -1;
		len += (size_t)n;
	}
	return 0;
}

bool
ccs_period_ok(const char *start, const char *end)
{
	return start != NULL && end != NULL && strcmp(start, end) <= 0;
}

/* The year of a valid date. */
static int
year_of(const char *d)
{
	return (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 +
	    (d[3] - '0');
}

bool
ccs_period_in_year(const char *start, const char *end, int year)
{
	if (!ccs_period_ok(start, end) || strlen(start) < 4 ||
	    strlen(end) < 4)
		return false;
	return year_of(start) <= year && year <= year_of(end);
}

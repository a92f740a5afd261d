/*
 * events.c: the words a training or an awareness campaign is described
 * with. The lists are closed: a new word is a code change here (and in
 * docs/internals/CAPACITY.md), so filters and reports count like with like.
 * Participant roles are the training audiences (who was trained is who a
 * training was for) and "unspecified", for a state known to have taken
 * part whose participants' roles were not published.
 */
#include <stdio.h>
#include <string.h>

#include "core/capacity/events.h"

const char *const ccs_training_audiences[] = {
	"judges", "prosecutors", "le_first_responders", "investigators",
	"it_staff", "ci_staff", "crisis_managers", "csirt_staff",
	"policy_makers", "other", NULL
};

const char *const ccs_participant_roles[] = {
	"judges", "prosecutors", "le_first_responders", "investigators",
	"it_staff", "ci_staff", "crisis_managers", "csirt_staff",
	"policy_makers", "other", "unspecified", NULL
};

const char *const ccs_campaign_audiences[] = {
	"ministers", "officials", "public_sector", "private_sector",
	"schools", "public", NULL
};

const char *const ccs_campaign_channels[] = {
	"media", "social_media", "website", "events", "workshops", "schools",
	"print", "radio", "television", "other", NULL
};

const char *const ccs_event_statuses[] = {
	"planned", "completed", "cancelled", NULL
};

bool
ccs_vocab_has(const char *const *vocab, const char *word)
{
	size_t i;

	if (word == NULL)
		return false;
	for (i = 0; vocab[i] != NULL; i++) {
		if (strcmp(vocab[i], word) == 0)
			return true;
	}
	return false;
}

int
ccs_vocab_list(const char *const *vocab, char *out, size_t size)
{
	size_t i, len = 0;
	int n;

	if (size == 0)
		return -1;
	out[0] = '\0';
	for (i = 0; vocab[i] != NULL; i++) {
		n = snprintf(out + len, size - len, "%s%s", i ? ", " : "",
		    vocab[i]);
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

/*
 * recommendations.c: the timeframe windows, the status workflow and the
 * overdue test of recommendations.
 *
 * Dates stay YYYY-MM-DD text throughout: that form sorts as it reads, so
 * a comparison is strcmp and no clock or time zone is involved.
 */
#include <stdio.h>
#include <string.h>

#include "core/monitoring/recommendations.h"
#include "core/validate.h"

#define VOCAB(var, name, words) \
	const struct ccs_vocab var = { name, words, \
	    sizeof(words) / sizeof(words[0]) }

static const struct ccs_word kind_words[] = {
	{ "rcc", "Regional Cyber Committee", NULL },
	{ "steering", "Steering Committee", NULL },
	{ "csm", "Caribbean Stakeholders Meeting", NULL },
	{ "heads_intel", "Heads of Intelligence and Financial Investigative "
	    "Units", NULL },
	{ "consle", "CONSLE", NULL },
};
VOCAB(ccs_meeting_kinds, "meeting_kinds", kind_words);

/* The same order as timeframes[] below. */
static const struct ccs_word timeframe_words[] = {
	{ "immediate", "Immediate (up to 6 months)", NULL },
	{ "medium", "Medium term (up to 18 months)", NULL },
	{ "long", "Long term (up to 30 months)", NULL },
	{ "nar", "No action required (NAR)", NULL },
	{ "rar", "Regional action required (RAR)", NULL },
};
VOCAB(ccs_rec_timeframes, "recommendation_timeframes", timeframe_words);

static const struct ccs_word status_words[] = {
	{ "open", "Open", NULL },
	{ "in_progress", "In progress", NULL },
	{ "closed", "Closed", NULL },
	{ "dropped", "Dropped", NULL },
};
VOCAB(ccs_rec_statuses, "recommendation_statuses", status_words);

static const struct {
	const char	*key;	/* the timeframe key */
	int		 months;	/* its window; 0: none */
} timeframes[] = {
	{ "immediate", 6 },
	{ "medium", 18 },
	{ "long", 30 },
	{ "nar", 0 },
	{ "rar", 0 },
};

int
ccs_rec_timeframe_months(const char *tf)
{
	size_t i;

	if (tf == NULL)
		return -1;
	for (i = 0; i < sizeof(timeframes) / sizeof(timeframes[0]); i++) {
		if (strcmp(timeframes[i].key, tf) == 0)
			return timeframes[i].months;
	}
	return -1;
}

static int
month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

bool
ccs_rec_add_months(const char *from, int months, char out[11])
{
	int y, m, d, n;

	if (from == NULL || !ccs_valid_date(from) || months < 0 ||
	    months > 1200)
		return false;
	y = (from[0] - '0') * 1000 + (from[1] - '0') * 100 +
	    (from[2] - '0') * 10 + (from[3] - '0');
	m = (from[5] - '0') * 10 + (from[6] - '0');
	d = (from[8] - '0') * 10 + (from[9] - '0');
	n = (m - 1) + months;
	y += n / 12;
	m = n % 12 + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	if (y > 9999)
		return false;
	return snprintf(out, 11, "%04d-%02d-%02d", y, m, d) == 10;
}

bool
ccs_rec_due_fits(const char *tf, const char *from, const char *due)
{
	int months = ccs_rec_timeframe_months(tf);
	char last[11];

	if (months < 0 || due == NULL || !ccs_valid_date(due))
		return false;
	if (months == 0)
		return true;
	if (!ccs_rec_add_months(from, months, last))
		return false;
	return strcmp(due, last) <= 0;
}

bool
ccs_rec_status_known(const char *s)
{
	return ccs_vocab_has(&ccs_rec_statuses, s);
}

static bool
final(const char *s)
{
	return strcmp(s, "closed") == 0 || strcmp(s, "dropped") == 0;
}

bool
ccs_rec_transition_ok(const char *from, const char *to, bool writer)
{
	if (!ccs_rec_status_known(from) || !ccs_rec_status_known(to))
		return false;
	if (final(from))
		return false;
	if (strcmp(from, to) == 0)
		return true;
	if (final(to))
		return writer;
	if (strcmp(to, "open") == 0)
		return writer;
	return true;
}

bool
ccs_rec_overdue(const char *status, const char *due, const char *today)
{
	if (!ccs_rec_status_known(status) || final(status) || due == NULL ||
	    today == NULL)
		return false;
	return strcmp(due, today) < 0;
}

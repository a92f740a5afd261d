/*
 * legal.c: the legal tracker's rules (see legal.h).
 *
 * Dates come at the precision the sources give (many state only the
 * year an act came into force), so they are compared on the precision
 * both have: "2016" is neither before nor after "2016-03-01". Lapsed sits
 * after committee in the order, since a bill lapses once tabled.
 */
#include <string.h>

#include "core/monitoring/legal.h"

#define VOCAB(var, name, words) \
	const struct ccs_vocab var = { name, words, \
	    sizeof(words) / sizeof(words[0]) }

static const struct ccs_word kinds[] = {
	{ "act", "Act", NULL },
	{ "bill", "Bill", NULL },
	{ "regulation", "Regulation", NULL },
};
VOCAB(ccs_legal_kinds, "legal_kinds", kinds);

static const struct ccs_word statuses[CCS_LEGAL_NSTATUS] = {
	{ "drafting", "Drafting", NULL },
	{ "tabled", "Tabled", NULL },
	{ "committee", "In committee", NULL },
	{ "lapsed", "Lapsed", NULL },
	{ "passed", "Passed", NULL },
	{ "assented", "Assented", NULL },
	{ "in_force", "In force", NULL },
	{ "amended", "In force, amended", NULL },
	{ "repealed", "Repealed", NULL },
};
VOCAB(ccs_legal_statuses, "legal_statuses", statuses);

static const struct ccs_word treaty_statuses[] = {
	{ "not_engaged", "Not engaged", NULL },
	{ "invitation_requested", "Invitation requested", NULL },
	{ "invited", "Invited to accede", NULL },
	{ "signed", "Signed", NULL },
	{ "ratified", "Ratified", NULL },
	{ "acceded", "Acceded", NULL },
};
VOCAB(ccs_legal_treaty_statuses, "legal_treaty_statuses", treaty_statuses);

static const struct ccs_word treaties[] = {
	{ "budapest", "Budapest Convention (CETS 185)", NULL },
	{ "sap", "Second Additional Protocol (CETS 224)", NULL },
};
VOCAB(ccs_legal_treaties, "legal_treaties", treaties);

static const struct ccs_word families[] = {
	{ "budapest_substantive", "Budapest: offences (Arts 2-13)", NULL },
	{ "budapest_procedural", "Budapest: procedure (Arts 14-21)", NULL },
	{ "budapest_jurisdiction", "Budapest: jurisdiction (Art. 22)", NULL },
	{ "budapest_cooperation",
	    "Budapest: international cooperation (Arts 23-35)", NULL },
	{ "sap", "Second Additional Protocol", NULL },
	{ "hipcar_offences", "HIPCAR: offences", NULL },
	{ "hipcar_jurisdiction", "HIPCAR: jurisdiction", NULL },
	{ "hipcar_evidence", "HIPCAR: electronic evidence", NULL },
	{ "hipcar_procedure", "HIPCAR: procedure", NULL },
	{ "hipcar_liability", "HIPCAR: service provider liability", NULL },
};
VOCAB(ccs_legal_families, "legal_families", families);

int
ccs_legal_status_index(const char *status)
{
	size_t i;

	if (status == NULL)
		return -1;
	for (i = 0; i < CCS_LEGAL_NSTATUS; i++) {
		if (strcmp(statuses[i].key, status) == 0)
			return (int)i;
	}
	return -1;
}

int
ccs_legal_cell_rank(const char *status)
{
	static const int rank[CCS_LEGAL_NSTATUS] = {
		1, 2, 3, 0, 4, 5, 6, 6, 0
	};
	int i = ccs_legal_status_index(status);

	return i < 0 ? -1 : rank[i];
}

bool
ccs_legal_in_force(const char *status)
{
	return ccs_legal_cell_rank(status) == 6;
}

/* Days in @p month (1-12) of @p year. */
static int
mdays(int year, int month)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : d[month - 1];
}

/* The value of @p n digits at @p s, or -1 when one is not a digit. */
static int
digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool
ccs_legal_date_valid(const char *s)
{
	size_t n;
	int y, m, d;

	if (s == NULL)
		return false;
	n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return false;
	y = digits(s, 4);
	if (y < 1900 || y > 2999)
		return false;
	if (n == 4)
		return true;
	if (s[4] != '-')
		return false;
	m = digits(s + 5, 2);
	if (m < 1 || m > 12)
		return false;
	if (n == 7)
		return true;
	if (s[7] != '-')
		return false;
	d = digits(s + 8, 2);
	return d >= 1 && d <= mdays(y, m);
}

int
ccs_legal_date_cmp(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	return strncmp(a, b, la < lb ? la : lb);
}

bool
ccs_legal_dates_ok(const char *const dates[CCS_LEGAL_NSTATUS], size_t *bad,
    int *earlier)
{
	size_t i, j;

	*bad = 0;
	*earlier = -1;
	for (i = 0; i < CCS_LEGAL_NSTATUS; i++) {
		if (dates[i] == NULL)
			continue;
		if (!ccs_legal_date_valid(dates[i])) {
			*bad = i;
			return false;
		}
		for (j = 0; j < i; j++) {
			if (dates[j] != NULL &&
			    ccs_legal_date_valid(dates[j]) &&
			    ccs_legal_date_cmp(dates[i], dates[j]) < 0) {
				*bad = i;
				*earlier = (int)j;
				return false;
			}
		}
	}
	return true;
}

/* Whether @p a (may be NULL) is not after @p b (may be NULL). */
static bool
not_after(const char *a, const char *b)
{
	return a == NULL || b == NULL || ccs_legal_date_cmp(a, b) <= 0;
}

const char *
ccs_legal_track_check(const struct ccs_legal_track *t, const char **field)
{
	const char *const dates[] = { t->requested_on, t->invited_on,
		t->invitation_expires, t->signed_on, t->party_on, t->poc_on };
	static const char *const names[] = { "requested_on", "invited_on",
		"invitation_expires", "signed_on", "party_on", "poc_on" };
	const char *st = t->status;
	size_t i;

	*field = "status";
	if (!ccs_vocab_has(&ccs_legal_treaty_statuses, st))
		return "invalid_status";
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		*field = names[i];
		if (dates[i] != NULL && !ccs_legal_date_valid(dates[i]))
			return "invalid_date";
	}
	*field = "invited_on";
	if (!not_after(t->requested_on, t->invited_on))
		return "invalid_date_order";
	*field = "invitation_expires";
	if (t->invitation_expires != NULL && (t->invited_on == NULL ||
	    ccs_legal_date_cmp(t->invitation_expires, t->invited_on) <= 0))
		return "invalid_date_order";
	*field = "signed_on";
	if (!not_after(t->invited_on, t->signed_on))
		return "invalid_date_order";
	*field = "party_on";
	if (!not_after(t->signed_on, t->party_on) ||
	    !not_after(t->invited_on, t->party_on))
		return "invalid_date_order";
	*field = "poc_on";
	if (t->poc_on != NULL && !t->poc_designated)
		return "poc_not_designated";
	*field = NULL;
	return NULL;
}

bool
ccs_legal_invitation_expiry(const char *invited, char out[11])
{
	int y;

	if (!ccs_legal_date_valid(invited))
		return false;
	memcpy(out, invited, strlen(invited) + 1);
	y = digits(invited, 4) + 5;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	/* 29 February plus five years is 28 February */
	if (strlen(out) == 10 && !ccs_legal_date_valid(out))
		out[9] = '8';
	return true;
}

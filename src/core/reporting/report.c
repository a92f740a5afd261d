/*
 * report.c: rules of a public report (see report.h).
 *
 * The lists follow issue 12 (after IC3, the Canadian Anti-Fraud Centre
 * and Australia's ReportCyber). Every answer is text that is stored and
 * shown escaped, so the checks are about form (length, UTF-8, closed
 * lists, amounts, e-mail shape), never about markup: "<script>" is a
 * valid narrative and is shown as text.
 */
#include <string.h>

#include "core/reporting/report.h"
#include "core/validate.h"
#include "util/str.h"

const struct ccs_rep_word ccs_rep_categories[] = {
	{ "child_exploitation", "Online child sexual exploitation" },
	{ "fraud", "Fraud and scams" },
	{ "ransomware", "Ransomware and extortion" },
	{ "account_takeover", "Account takeover and hacking" },
	{ "harassment", "Harassment and cyber-bullying" },
	{ "identity_theft", "Identity theft" },
	{ "other", "Other" },
	{ NULL, NULL }
};

const struct ccs_rep_word ccs_rep_victims[] = {
	{ "individual", "A person" },
	{ "business", "A business" },
	{ "government", "A government body" },
	{ NULL, NULL }
};

const struct ccs_rep_word ccs_rep_contacts[] = {
	{ "email", "E-mail" },
	{ "phone", "Phone call" },
	{ "sms", "Text message" },
	{ "social_media", "Social media" },
	{ "website", "Website" },
	{ "in_person", "In person" },
	{ "other", "Other" },
	{ NULL, NULL }
};

const struct ccs_rep_word ccs_rep_methods[] = {
	{ "bank_transfer", "Bank transfer" },
	{ "card", "Card" },
	{ "crypto", "Cryptocurrency" },
	{ "money_transfer", "Money transfer service" },
	{ "gift_cards", "Gift cards" },
	{ "cash", "Cash" },
	{ "other", "Other" },
	{ NULL, NULL }
};

/* The reporting state machine as the reporter sees it (B2 of the
 * domain notes); the triage side may add internal steps that map here. */
const struct ccs_rep_word ccs_rep_statuses[] = {
	{ "submitted", "Received" },
	{ "triaged", "Being assessed" },
	{ "referred", "Referred" },
	{ "investigating", "Under investigation" },
	{ "closed", "Closed" },
	{ NULL, NULL }
};

const struct ccs_rep_word ccs_rep_suspects[] = {
	{ "names", "Names" },
	{ "emails", "E-mail addresses" },
	{ "urls", "Web addresses (URLs)" },
	{ "ips", "IP addresses" },
	{ "phones", "Phone numbers" },
	{ "wallets", "Wallet addresses" },
	{ "social", "Social media accounts" },
	{ NULL, NULL }
};

static const char *const suspect_fields[CCS_REP_NSUSPECT] = {
	"sus_names", "sus_emails", "sus_urls", "sus_ips", "sus_phones",
	"sus_wallets", "sus_social"
};

const struct ccs_rep_word *
ccs_rep_word(const struct ccs_rep_word *list, const char *code)
{
	size_t i;

	if (code == NULL)
		return NULL;
	for (i = 0; list[i].code != NULL; i++)
		if (strcmp(list[i].code, code) == 0)
			return &list[i];
	return NULL;
}

static bool
empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

static void
add(struct ccs_rep_err *errs, size_t *n, const char *field,
    const char *msgid)
{
	if (*n < CCS_REP_ERRS_MAX) {
		errs[*n].field = field;
		errs[*n].msgid = msgid;
		(*n)++;
	}
}

/* An optional free-text answer of at most @p max bytes. */
static void
text(struct ccs_rep_err *errs, size_t *n, const char *field, const char *s,
    size_t max)
{
	if (empty(s))
		return;
	if (strlen(s) > max)
		add(errs, n, field, "This answer is too long: shorten it");
	else if (!ccs_text_ok(s))
		add(errs, n, field, "Use only plain text in this answer");
}

static size_t
lines(const char *s)
{
	size_t n = 1;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

static void
pick(struct ccs_rep_err *errs, size_t *n, const char *field, const char *s,
    const struct ccs_rep_word *list)
{
	if (!empty(s) && ccs_rep_word(list, s) == NULL)
		add(errs, n, field, "Choose an answer from the list");
}

bool
ccs_rep_amount(const char *s, int64_t *minor)
{
	int64_t units = 0, cents = 0;
	size_t i = 0, d = 0;

	if (empty(s))
		return false;
	for (; s[i] >= '0' && s[i] <= '9'; i++) {
		if (i >= 10)
			return false;
		units = units * 10 + (s[i] - '0');
	}
	if (i == 0)
		return false;
	if (s[i] == '.') {
		for (i++; s[i] >= '0' && s[i] <= '9' && d < 2; i++, d++)
			cents = cents * 10 + (s[i] - '0');
		if (d == 0)
			return false;
		if (d == 1)
			cents *= 10;
	}
	if (s[i] != '\0')
		return false;
	*minor = units * 100 + cents;
	return true;
}

bool
ccs_rep_has_contact(const struct ccs_rep_input *in)
{
	return !empty(in->contact_name) || !empty(in->contact_email) ||
	    !empty(in->contact_phone);
}

static bool
currency_ok(const char *s)
{
	size_t i;

	for (i = 0; i < 3; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	return s[3] == '\0';
}

size_t
ccs_rep_check(const struct ccs_rep_input *in,
    struct ccs_rep_err errs[CCS_REP_ERRS_MAX])
{
	int64_t minor;
	size_t n = 0, i;

	if (ccs_rep_word(ccs_rep_categories, in->category) == NULL)
		add(errs, &n, "category", "Choose the kind of crime");
	if (empty(in->state) || !ccs_valid_iso2(in->state))
		add(errs, &n, "state", "Choose your country from the list");
	if (ccs_rep_word(ccs_rep_victims, in->victim_type) == NULL)
		add(errs, &n, "victim_type", "Choose who was affected");
	if (empty(in->what))
		add(errs, &n, "what", "Describe what happened");
	else
		text(errs, &n, "what", in->what, CCS_REP_WHAT_MAX);
	text(errs, &n, "when", in->when, CCS_REP_LINE_MAX);
	pick(errs, &n, "first_contact", in->first_contact, ccs_rep_contacts);
	if (!empty(in->amount) && !ccs_rep_amount(in->amount, &minor))
		add(errs, &n, "amount", "Enter the amount as a number, like "
		    "150 or 99.50");
	if (!empty(in->currency) && !currency_ok(in->currency))
		add(errs, &n, "currency", "Enter the currency as a "
		    "three-letter code, like USD");
	pick(errs, &n, "method", in->method, ccs_rep_methods);
	text(errs, &n, "account", in->account, CCS_REP_LINE_MAX);
	for (i = 0; i < CCS_REP_NSUSPECT; i++) {
		text(errs, &n, suspect_fields[i], in->suspect[i],
		    CCS_REP_LIST_MAX);
		if (!empty(in->suspect[i]) && lines(in->suspect[i]) >
		    CCS_REP_LIST_ITEMS)
			add(errs, &n, suspect_fields[i], "This answer is too "
			    "long: shorten it");
	}
	if (in->nfiles > 0 && in->category != NULL &&
	    strcmp(in->category, "child_exploitation") == 0)
		add(errs, &n, "evidence", "Files cannot be sent with a report "
		    "of child exploitation");
	else if (in->nfiles > CCS_REP_FILES_MAX)
		add(errs, &n, "evidence", "Select at most 3 files");
	text(errs, &n, "contact_name", in->contact_name, CCS_REP_LINE_MAX);
	if (!empty(in->contact_email) && (strlen(in->contact_email) >
	    CCS_REP_LINE_MAX || !ccs_valid_email(in->contact_email)))
		add(errs, &n, "contact_email", "Enter an e-mail address in "
		    "the right format, like name@example.com");
	text(errs, &n, "contact_phone", in->contact_phone, CCS_REP_LINE_MAX);
	return n;
}

bool
ccs_rep_pow_ok(const unsigned char hash[32], unsigned bits)
{
	unsigned i;

	if (bits > 64)
		return false;
	for (i = 0; i < bits; i++)
		if (hash[i / 8] & (0x80u >> (i % 8)))
			return false;
	return true;
}

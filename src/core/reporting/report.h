/*
 * report.h: the rules of a public report (issue 12), pure: its closed
 * word lists (categories, victim types, first contact, payment methods,
 * statuses), the checks of what a reporter typed, and the proof-of-work
 * check. No I/O, no clock: the caller passes the time.
 */
#ifndef CCS_CORE_REPORTING_REPORT_H
#define CCS_CORE_REPORTING_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CCS_REP_WHAT_MAX	20000	/* bytes of the narrative */
#define CCS_REP_LINE_MAX	300	/* bytes of a short answer */
#define CCS_REP_LIST_MAX	4000	/* bytes of one identifier list */
#define CCS_REP_LIST_ITEMS	50	/* lines of one identifier list */
#define CCS_REP_ADD_MAX		5000	/* bytes added at follow-up */
#define CCS_REP_FILES_MAX	3	/* evidence files of one report */
#define CCS_REP_FILE_MAX	((size_t)5 << 20)	/* bytes of one file */
#define CCS_REP_ERRS_MAX	16	/* errors reported at once */
#define CCS_REP_NSUSPECT	7	/* kinds of suspect identifier */

/* One entry of a closed list: the stored code and its English label
 * (the msgid the pages translate). */
struct ccs_rep_word {
	const char	*code;	/* stored and posted */
	const char	*label;	/* English text, a msgid of po/ */
};

extern const struct ccs_rep_word ccs_rep_categories[];	/* NULL ended */
extern const struct ccs_rep_word ccs_rep_victims[];
extern const struct ccs_rep_word ccs_rep_contacts[];	/* first contact */
extern const struct ccs_rep_word ccs_rep_methods[];	/* payment */
extern const struct ccs_rep_word ccs_rep_statuses[];
/* Suspect identifier kinds: form field "sus_<code>", label. */
extern const struct ccs_rep_word ccs_rep_suspects[];

/** The entry of @p list with @p code, or NULL. */
const struct ccs_rep_word *ccs_rep_word(const struct ccs_rep_word *list,
	    const char *code);

/** What a reporter posted; NULL or "" is an empty answer. Borrowed. */
struct ccs_rep_input {
	const char	*category;
	const char	*state;		/* checked against the directory
					 * by the service */
	const char	*victim_type;
	const char	*what;
	const char	*when;
	const char	*first_contact;
	const char	*amount;	/* "150", "99.50" */
	const char	*currency;	/* ISO 4217 */
	const char	*method;
	const char	*account;	/* receiving account, wallet, phone */
	const char	*suspect[CCS_REP_NSUSPECT];	/* ccs_rep_suspects */
	const char	*contact_name;
	const char	*contact_email;
	const char	*contact_phone;
	size_t		 nfiles;	/* evidence files attached */
};

/** One problem with an answer: the form field and the msgid to show. */
struct ccs_rep_err {
	const char	*field;		/* form field name, static */
	const char	*msgid;		/* English message, static */
};

/**
 * Checks @p in; fills @p errs (up to CCS_REP_ERRS_MAX, in form order).
 * @return the number of errors (0: acceptable)
 */
size_t	ccs_rep_check(const struct ccs_rep_input *in,
	    struct ccs_rep_err errs[CCS_REP_ERRS_MAX]);

/**
 * Parses an amount "123", "123.4", "1234.56" into minor units (cents).
 * @return false when malformed or over 10^12 units
 */
bool	ccs_rep_amount(const char *s, int64_t *minor /* OUT */);

/** Whether the reporter gave any contact detail. */
bool	ccs_rep_has_contact(const struct ccs_rep_input *in);

/**
 * Whether @p hash (32 bytes of SHA-256) starts with @p bits zero bits:
 * the proof of work of the public form.
 */
bool	ccs_rep_pow_ok(const unsigned char hash[32], unsigned bits);

#endif

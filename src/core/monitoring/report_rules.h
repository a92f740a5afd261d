/*
 * report_rules.h: the pure rules of monitoring reports: the audiences and
 * their names, the traffic light of a share of standards met, the
 * suppression of small counts in statistics, and the check of a period.
 * No I/O, no clock: the service passes everything in.
 */
#ifndef CCS_CORE_REPORT_RULES_H
#define CCS_CORE_REPORT_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "util/fail.h"

/* The audiences a report is made for (the plan's reporting chain). */
enum ccs_audience {
	CCS_AUD_CONSLE = 0,	/* two-page brief to CONSLE */
	CCS_AUD_STEERING,	/* Steering Committee report */
	CCS_AUD_HEADS_INTEL,	/* Heads of Intelligence and FIUs, AMBER */
	CCS_AUD_DONORS,		/* donors' workbook of unfunded needs */
	CCS_AUD_RCC,		/* RCC periodic report of one state */
	CCS_AUD_COUNT		/* number of audiences */
};

/* The bit of @p a in a section's audience set. */
#define CCS_AUD_BIT(a)	(1u << (unsigned)(a))

/*
 * Counts below this are shown as "fewer than 5" in the statistics of a
 * report (never 1, 2, 3 or 4): a count that small can point at one case
 * or one victim. Zero is shown as zero.
 */
#define CCS_REPORT_SMALL_COUNT	5

/* Traffic light of a share of standards met: green from 67 %, amber from
 * 34 %, red below; "none" when nothing was assessed. */
#define CCS_LIGHT_GREEN_MIN	67
#define CCS_LIGHT_AMBER_MIN	34

/**
 * The audience named @p s ("consle", "steering", "heads_intel", "donors",
 * "rcc").
 * @param out OUT: the audience when true
 * @return false for NULL or any other word
 */
bool	ccs_audience_parse(const char *s, enum ccs_audience *out /* OUT */);

/** The API name of @p a; static, "" when out of range. */
const char *ccs_audience_name(enum ccs_audience a);

/** The title of a report for @p a ("CONSLE brief"...); static. */
const char *ccs_audience_title(enum ccs_audience a);

/** The TLP level a report for @p a carries ("amber" for the Heads of
 * Intelligence, "green" otherwise); static. */
const char *ccs_audience_tlp(enum ccs_audience a);

/** True when a report for @p a is about one state (rcc). */
bool	ccs_audience_per_state(enum ccs_audience a);

/**
 * The light of @p percent met out of @p assessed standards: "green",
 * "amber", "red", or "none" when @p assessed is 0; static.
 */
const char *ccs_report_light(int64_t percent, int64_t assessed);

/** True when @p n must be shown as "fewer than CCS_REPORT_SMALL_COUNT". */
bool	ccs_report_suppressed(int64_t n);

/**
 * Checks a report period: both dates "YYYY-MM-DD", @p to not before
 * @p from. Fills @p f naming the field: "invalid_date" (from or to),
 * "invalid_period" (to before from).
 * @return CCS_OK or CCS_EINVAL
 */
int	ccs_report_period_check(const char *from, const char *to,
	    struct ccs_fail *f);

#endif

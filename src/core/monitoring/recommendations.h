/*
 * recommendations.h: the rules of a recommendation of a monitoring
 * meeting: the CARICOM implementation-plan timeframes and the latest due
 * date each allows, the status workflow of the follow-up trail, and when
 * a recommendation is overdue. Pure: dates are YYYY-MM-DD text passed in.
 */
#ifndef CCS_CORE_MONITORING_RECOMMENDATIONS_H
#define CCS_CORE_MONITORING_RECOMMENDATIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/vocab.h"

/** The bodies of section 8 that meet (rcc, steering, csm, ...). */
extern const struct ccs_vocab ccs_meeting_kinds;
/** CARICOM implementation-plan timeframes and the NAR/RAR keys. */
extern const struct ccs_vocab ccs_rec_timeframes;
/** Statuses of a recommendation. */
extern const struct ccs_vocab ccs_rec_statuses;

/**
 * Months a timeframe allows from the day the recommendation is made:
 * immediate 6, medium 18, long 30; 0 for "nar" (no action required) and
 * "rar" (regional action required), which set no window.
 * @return the months, or -1 when @p tf is not a timeframe key
 */
int	ccs_rec_timeframe_months(const char *tf);

/**
 * The last day @p months after @p from (YYYY-MM-DD), the day clamped to
 * the month's length (31 August + 6 months is 28 or 29 February).
 * @param out OUT: the date, 11 bytes
 * @return false when @p from is not a valid date
 */
bool	ccs_rec_add_months(const char *from, int months, char out[11]);

/**
 * Whether @p due lies within timeframe @p tf counted from @p from: on or
 * before from + months for immediate, medium and long; any date for nar
 * and rar. False for an unknown timeframe or an invalid date.
 */
bool	ccs_rec_due_fits(const char *tf, const char *from, const char *due);

/** True when @p s is a status: open, in_progress, closed, dropped. */
bool	ccs_rec_status_known(const char *s);

/**
 * Whether a progress report may move a recommendation from @p from to
 * @p to. Closed and dropped are final. Staying put is allowed (a report
 * of progress without a change). Only a writer (the meeting's
 * secretariat, @p writer) may close, drop or reopen; an owner reports
 * open or in_progress.
 */
bool	ccs_rec_transition_ok(const char *from, const char *to, bool writer);

/** True when a recommendation of @p status due @p due is overdue on
 * @p today: not closed or dropped and due before today. */
bool	ccs_rec_overdue(const char *status, const char *due,
	    const char *today);

#endif

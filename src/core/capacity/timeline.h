/*
 * timeline.h: dates of the plan's timeline, pure: a milestone is due a
 * number of months after the adoption date.
 */
#ifndef CCS_CORE_CAPACITY_TIMELINE_H
#define CCS_CORE_CAPACITY_TIMELINE_H

/** The plan's horizon: five years from adoption (section 10). */
#define CCS_PLAN_MONTHS	60

/**
 * Writes @p date (YYYY-MM-DD, valid) plus @p months (0..1200) to @p out;
 * a day past the end of the target month becomes its last day
 * (2024-01-31 + 1 month = 2024-02-29).
 * @return 0, or -1 when @p date or @p months is out of range
 */
int	ccs_add_months(const char *date, int months, char out[11]);

#endif

/*
 * timeline.c: month arithmetic on calendar dates, the one computation the
 * timeline needs (due = adoption + months). Dates are proleptic Gregorian.
 */
#include <stdio.h>
#include <string.h>

#include "core/capacity/timeline.h"

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

static int
month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int
ccs_add_months(const char *date, int months, char out[11])
{
	int y, m, d, n;

	if (date == NULL || strlen(date) != 10 || date[4] != '-' ||
	    date[7] != '-' || months < 0 || months > 1200)
		return -1;
	y = digits(date, 4);
	m = digits(date + 5, 2);
	d = digits(date + 8, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return -1;
	m = m - 1 + months;
	y += m / 12;
	m = m % 12 + 1;
	if (y > 9999)
		return -1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	n = snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return n == 10 ? 0 : -1;
}

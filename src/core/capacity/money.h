/*
 * money.h: exact money for capacity building, pure. Amounts are integers
 * in the minor units of an ISO 4217 currency (cents for USD, whole yen
 * for JPY, fils for BHD); exchange rates are decimal text kept exactly.
 * Nothing here rounds silently: a conversion rounds half up once, at the
 * end, and says so in the caller's documentation.
 */
#ifndef CCS_CAP_MONEY_H
#define CCS_CAP_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Largest amount accepted, in minor units (10^15 - 1). */
#define CCS_MONEY_MAX		INT64_C(999999999999999)
/** Longest formatted amount: 15 digits, a point, a sign, NUL. */
#define CCS_MONEY_FMTLEN	24
/** Most fractional digits of an exchange rate. */
#define CCS_RATE_MAXSCALE	12

/**
 * Minor-unit exponent of an active ISO 4217 currency (2 for "USD", 0 for
 * "JPY", 3 for "BHD").
 * @return the exponent (0..4), or -1 when @p code is not an active code
 */
int	ccs_currency_exponent(const char *code);

/**
 * Parses a non-negative decimal amount ("2757000", "2757000.5",
 * "2757000.50") in a currency of @p exponent into minor units. No sign,
 * exponent, spaces or thousands separators; no more fractional digits
 * than the currency has; at most CCS_MONEY_MAX minor units.
 * @return true with @p out set, false when @p s is not such an amount
 */
bool	ccs_money_parse(const char *s, int exponent, int64_t *out /* OUT */);

/**
 * Writes @p minor (>= 0 or negative) as a decimal with @p exponent
 * fractional digits ("2757000.00") into @p out.
 */
void	ccs_money_format(int64_t minor, int exponent,
	    char out[CCS_MONEY_FMTLEN]);

/** An exchange rate: value = num / 10^scale, num > 0. */
struct ccs_rate {
	int64_t	num;	/* digits without the point */
	int	scale;	/* fractional digits, 0..CCS_RATE_MAXSCALE */
};

/**
 * Parses a positive decimal rate ("1.3542", "0.74") of at most 18
 * significant digits and CCS_RATE_MAXSCALE fractional digits.
 * @return true with @p out set
 */
bool	ccs_rate_parse(const char *s, struct ccs_rate *out /* OUT */);

/**
 * Converts @p minor units of a currency of exponent @p from_exp at
 * @p rate into minor units of a currency of exponent @p to_exp, rounding
 * half up once.
 * @return true with @p out set; false when the result would exceed
 * CCS_MONEY_MAX (or the input is out of range)
 */
bool	ccs_money_convert(int64_t minor, int from_exp,
	    const struct ccs_rate *rate, int to_exp, int64_t *out /* OUT */);

/**
 * Splits @p total into @p n parts proportional to @p weights (each >= 0,
 * not all 0) with the largest-remainder method, so the parts add up to
 * @p total exactly; ties go to the earlier part.
 * @return true with @p out[0..n-1] set; false for bad weights
 */
bool	ccs_money_split(int64_t total, const int64_t *weights, size_t n,
	    int64_t *out /* OUT */);

#endif

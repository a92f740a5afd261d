/*
 * money.c: ISO 4217 currencies, exact amounts and exchange rates.
 *
 * The currency table is the active ISO 4217 list (funds codes included,
 * precious metals, testing and "no currency" codes left out) with each
 * currency's minor unit. Arithmetic on amounts stays in integers: a rate
 * is an integer numerator over a power of ten, and a conversion
 * multiplies in 128 bits, so a figure is never a binary fraction.
 */
#include <string.h>

#include "core/capacity/money.h"

/* 128-bit products: amount (< 10^15) x rate numerator (< 10^18) x 10^4. */
__extension__ typedef __int128 wide_t;

static const struct {
	char	code[4];	/* ISO 4217 alphabetic code */
	int	exp;		/* minor unit */
} currencies[] = {
	{ "AED", 2 }, { "AFN", 2 }, { "ALL", 2 }, { "AMD", 2 }, { "ANG", 2 },
	{ "AOA", 2 }, { "ARS", 2 }, { "AUD", 2 }, { "AWG", 2 }, { "AZN", 2 },
	{ "BAM", 2 }, { "BBD", 2 }, { "BDT", 2 }, { "BGN", 2 }, { "BHD", 3 },
	{ "BIF", 0 }, { "BMD", 2 }, { "BND", 2 }, { "BOB", 2 }, { "BOV", 2 },
	{ "BRL", 2 }, { "BSD", 2 }, { "BTN", 2 }, { "BWP", 2 }, { "BYN", 2 },
	{ "BZD", 2 }, { "CAD", 2 }, { "CDF", 2 }, { "CHE", 2 }, { "CHF", 2 },
	{ "CHW", 2 }, { "CLF", 4 }, { "CLP", 0 }, { "CNY", 2 }, { "COP", 2 },
	{ "COU", 2 }, { "CRC", 2 }, { "CUP", 2 }, { "CVE", 2 }, { "CZK", 2 },
	{ "DJF", 0 }, { "DKK", 2 }, { "DOP", 2 }, { "DZD", 2 }, { "EGP", 2 },
	{ "ERN", 2 }, { "ETB", 2 }, { "EUR", 2 }, { "FJD", 2 }, { "FKP", 2 },
	{ "GBP", 2 }, { "GEL", 2 }, { "GHS", 2 }, { "GIP", 2 }, { "GMD", 2 },
	{ "GNF", 0 }, { "GTQ", 2 }, { "GYD", 2 }, { "HKD", 2 }, { "HNL", 2 },
	{ "HTG", 2 }, { "HUF", 2 }, { "IDR", 2 }, { "ILS", 2 }, { "INR", 2 },
	{ "IQD", 3 }, { "IRR", 2 }, { "ISK", 0 }, { "JMD", 2 }, { "JOD", 3 },
	{ "JPY", 0 }, { "KES", 2 }, { "KGS", 2 }, { "KHR", 2 }, { "KMF", 0 },
	{ "KPW", 2 }, { "KRW", 0 }, { "KWD", 3 }, { "KYD", 2 }, { "KZT", 2 },
	{ "LAK", 2 }, { "LBP", 2 }, { "LKR", 2 }, { "LRD", 2 }, { "LSL", 2 },
	{ "LYD", 3 }, { "MAD", 2 }, { "MDL", 2 }, { "MGA", 2 }, { "MKD", 2 },
	{ "MMK", 2 }, { "MNT", 2 }, { "MOP", 2 }, { "MRU", 2 }, { "MUR", 2 },
	{ "MVR", 2 }, { "MWK", 2 }, { "MXN", 2 }, { "MXV", 2 }, { "MYR", 2 },
	{ "MZN", 2 }, { "NAD", 2 }, { "NGN", 2 }, { "NIO", 2 }, { "NOK", 2 },
	{ "NPR", 2 }, { "NZD", 2 }, { "OMR", 3 }, { "PAB", 2 }, { "PEN", 2 },
	{ "PGK", 2 }, { "PHP", 2 }, { "PKR", 2 }, { "PLN", 2 }, { "PYG", 0 },
	{ "QAR", 2 }, { "RON", 2 }, { "RSD", 2 }, { "RUB", 2 }, { "RWF", 0 },
	{ "SAR", 2 }, { "SBD", 2 }, { "SCR", 2 }, { "SDG", 2 }, { "SEK", 2 },
	{ "SGD", 2 }, { "SHP", 2 }, { "SLE", 2 }, { "SOS", 2 }, { "SRD", 2 },
	{ "SSP", 2 }, { "STN", 2 }, { "SVC", 2 }, { "SYP", 2 }, { "SZL", 2 },
	{ "THB", 2 }, { "TJS", 2 }, { "TMT", 2 }, { "TND", 3 }, { "TOP", 2 },
	{ "TRY", 2 }, { "TTD", 2 }, { "TWD", 2 }, { "TZS", 2 }, { "UAH", 2 },
	{ "UGX", 0 }, { "USD", 2 }, { "USN", 2 }, { "UYI", 0 }, { "UYU", 2 },
	{ "UYW", 4 }, { "UZS", 2 }, { "VED", 2 }, { "VES", 2 }, { "VND", 0 },
	{ "VUV", 0 }, { "WST", 2 }, { "XAF", 0 }, { "XCD", 2 }, { "XCG", 2 },
	{ "XOF", 0 }, { "XPF", 0 }, { "YER", 2 }, { "ZAR", 2 }, { "ZMW", 2 },
	{ "ZWG", 2 },
};

int
ccs_currency_exponent(const char *code)
{
	size_t i;

	if (code == NULL || strlen(code) != 3)
		return -1;
	for (i = 0; i < sizeof(currencies) / sizeof(currencies[0]); i++) {
		if (memcmp(currencies[i].code, code, 4) == 0)
			return currencies[i].exp;
	}
	return -1;
}

static wide_t
pow10w(int n)
{
	wide_t p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

bool
ccs_money_parse(const char *s, int exponent, int64_t *out)
{
	int64_t v = 0;
	int frac = -1;
	size_t ndig = 0;

	if (s == NULL || exponent < 0 || exponent > 4)
		return false;
	for (; *s != '\0'; s++) {
		if (*s == '.' && frac < 0 && ndig > 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9')
			return false;
		if (frac >= 0 && ++frac > exponent)
			return false;
		v = v * 10 + (*s - '0');
		if (++ndig > 19 || v > CCS_MONEY_MAX)
			return false;
	}
	if (ndig == 0 || frac == 0)
		return false;
	for (frac = frac < 0 ? 0 : frac; frac < exponent; frac++) {
		v *= 10;
		if (v > CCS_MONEY_MAX)
			return false;
	}
	*out = v;
	return true;
}

void
ccs_money_format(int64_t minor, int exponent, char out[CCS_MONEY_FMTLEN])
{
	char tmp[CCS_MONEY_FMTLEN];
	uint64_t u = minor < 0 ? (uint64_t)0 - (uint64_t)minor :
	    (uint64_t)minor;
	size_t n = 0, o = 0;
	int i;

	if (exponent < 0 || exponent > 4)
		exponent = 0;
	/* digits backwards, at least exponent + 1 of them */
	do {
		tmp[n++] = (char)('0' + (int)(u % 10));
		u /= 10;
	} while (u > 0 || n < (size_t)exponent + 1);
	if (minor < 0)
		out[o++] = '-';
	for (i = (int)n - 1; i >= 0; i--) {
		out[o++] = tmp[i];
		if (i == exponent && exponent > 0)
			out[o++] = '.';
	}
	out[o] = '\0';
}

bool
ccs_rate_parse(const char *s, struct ccs_rate *out)
{
	int64_t v = 0;
	int frac = -1;
	size_t ndig = 0, sig = 0;

	if (s == NULL)
		return false;
	for (; *s != '\0'; s++) {
		if (*s == '.' && frac < 0 && ndig > 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9')
			return false;
		if (frac >= 0 && ++frac > CCS_RATE_MAXSCALE)
			return false;
		ndig++;
		v = v * 10 + (*s - '0');
		if (v > 0 && ++sig > 18)
			return false;
	}
	if (ndig == 0 || frac == 0 || v <= 0)
		return false;
	out->num = v;
	out->scale = frac < 0 ? 0 : frac;
	return true;
}

bool
ccs_money_convert(int64_t minor, int from_exp, const struct ccs_rate *rate,
    int to_exp, int64_t *out)
{
	wide_t n, d, q;

	if (minor < 0 || minor > CCS_MONEY_MAX || from_exp < 0 ||
	    from_exp > 4 || to_exp < 0 || to_exp > 4 || rate == NULL ||
	    rate->num <= 0 || rate->scale < 0 ||
	    rate->scale > CCS_RATE_MAXSCALE)
		return false;
	n = (wide_t)minor * rate->num * pow10w(to_exp);
	d = pow10w(rate->scale + from_exp);
	q = (n + d / 2) / d;
	if (q > CCS_MONEY_MAX)
		return false;
	*out = (int64_t)q;
	return true;
}

bool
ccs_money_split(int64_t total, const int64_t *weights, size_t n,
    int64_t *out)
{
	wide_t sum = 0, rem_best, r;
	int64_t given = 0;
	size_t i, best;

	if (n == 0 || total < 0)
		return false;
	for (i = 0; i < n; i++) {
		if (weights[i] < 0)
			return false;
		sum += weights[i];
	}
	if (sum == 0)
		return false;
	for (i = 0; i < n; i++) {
		out[i] = (int64_t)((wide_t)total * weights[i] / sum);
		given += out[i];
	}
	/* fewer than n units are left: one each to the largest remainders */
	while (given < total) {
		best = 0;
		rem_best = -1;
		for (i = 0; i < n; i++) {
			r = (wide_t)total * weights[i] % sum;
			if (weights[i] > 0 && r > rem_best &&
			    (wide_t)out[i] * sum < (wide_t)total * weights[i]) {
				rem_best = r;
				best = i;
			}
		}
		out[best]++;
		given++;
	}
	return true;
}

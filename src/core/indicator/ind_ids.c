/*
 * ind_ids.c: phone numbers (E.164) and IBANs (ISO 13616).
 *
 * Phone numbers: spaces, dashes, dots and parentheses are dropped; the
 * rest must be "+" and 8 to 15 digits, the first not 0. A number without
 * "+" is taken only when it is 11 digits starting with 1, the North
 * American Numbering Plan that most CARICOM states share; anything else
 * without a country code is refused, since "876 555 0100" could be any
 * country's. +1 numbers must have 10 digits after the 1 and NANP's area
 * code and exchange rules (neither starts with 0 or 1). No extensions.
 *
 * IBANs: spaces dropped, letters upper-cased; two letters, two check
 * digits (02-98: 00, 01 and 99 pass mod-97 only by aliasing), then
 * letters and digits; mod 97 of the rearranged number must be 1. The
 * length is checked against the registry's for the countries below (the
 * ones we know reliably, including those around the Caribbean that issue
 * IBANs: DO, LC, VG, and FR for the French departments); an unknown
 * country may have 15 to 34 characters, so a country that joins the
 * registry later is still accepted.
 */
#include <string.h>

#include "core/indicator/ind_impl.h"
#include "core/indicator/indicator.h"
#include "util/err.h"
#include "util/fail.h"

#define PHONE_INPUT_MAX	64
#define IBAN_MIN	15
#define IBAN_MAX	34

static const struct {
	char		 cc[3];	/* ISO 3166-1 alpha-2 */
	unsigned char	 len;	/* IBAN length */
} iban_len[] = {
	{ "AD", 24 }, { "AE", 23 }, { "AL", 28 }, { "AT", 20 }, { "AZ", 28 },
	{ "BA", 20 }, { "BE", 16 }, { "BG", 22 }, { "BH", 22 }, { "BR", 29 },
	{ "BY", 28 }, { "CH", 21 }, { "CR", 22 }, { "CY", 28 }, { "CZ", 24 },
	{ "DE", 22 }, { "DK", 18 }, { "DO", 28 }, { "EE", 20 }, { "EG", 29 },
	{ "ES", 24 }, { "FI", 18 }, { "FO", 18 }, { "FR", 27 }, { "GB", 22 },
	{ "GE", 22 }, { "GI", 23 }, { "GL", 18 }, { "GR", 27 }, { "GT", 28 },
	{ "HR", 21 }, { "HU", 28 }, { "IE", 22 }, { "IL", 23 }, { "IQ", 23 },
	{ "IS", 26 }, { "IT", 27 }, { "JO", 30 }, { "KW", 30 }, { "KZ", 20 },
	{ "LB", 28 }, { "LC", 32 }, { "LI", 21 }, { "LT", 20 }, { "LU", 20 },
	{ "LV", 21 }, { "MC", 27 }, { "MD", 24 }, { "ME", 22 }, { "MK", 19 },
	{ "MR", 27 }, { "MT", 31 }, { "MU", 30 }, { "NL", 18 }, { "NO", 15 },
	{ "PK", 24 }, { "PL", 28 }, { "PS", 29 }, { "PT", 25 }, { "QA", 29 },
	{ "RO", 24 }, { "RS", 22 }, { "SA", 24 }, { "SC", 31 }, { "SE", 24 },
	{ "SI", 19 }, { "SK", 24 }, { "SM", 27 }, { "ST", 25 }, { "SV", 28 },
	{ "TL", 23 }, { "TN", 24 }, { "TR", 26 }, { "UA", 29 }, { "VA", 22 },
	{ "VG", 24 }, { "XK", 20 },
};

int
ccs_ind_norm_phone(const char *s, size_t n, struct ccs_ind_wr *w,
    unsigned *notes, struct ccs_fail *f)
{
	char d[PHONE_INPUT_MAX];
	size_t i, nd = 0;
	bool plus = false;

	if (n > PHONE_INPUT_MAX)
		return ccs_ind_bad(f, "phone number longer than %d bytes",
		    PHONE_INPUT_MAX);
	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			d[nd++] = s[i];
		} else if (s[i] == '+' && nd == 0 && !plus) {
			plus = true;
		} else if (s[i] != ' ' && s[i] != '-' && s[i] != '.' &&
		    s[i] != '(' && s[i] != ')') {
			return ccs_ind_bad(f, "phone number may hold only "
			    "digits, a leading +, spaces, dashes, dots and "
			    "parentheses");
		}
	}
	if (!plus) {
		if (nd != 11 || d[0] != '1')
			return ccs_ind_bad(f, "phone number needs its country "
			    "code (+...)");
		if (notes != NULL)
			*notes |= CCS_IND_NOTE_NANP;
	}
	if (nd < 8 || nd > 15)
		return ccs_ind_bad(f, "phone number must have 8 to 15 digits "
		    "after the +");
	if (d[0] == '0')
		return ccs_ind_bad(f, "country codes do not start with 0");
	if (d[0] == '1' && (nd != 11 || d[1] < '2' || d[4] < '2'))
		return ccs_ind_bad(f, "not a valid North American (+1) "
		    "number");
	ccs_ind_wr_c(w, '+');
	ccs_ind_wr_n(w, d, nd);
	return CCS_OK;
}

static unsigned
mod97_add(unsigned r, char c)
{
	if (c >= '0' && c <= '9')
		return (r * 10 + (unsigned)(c - '0')) % 97;
	return (r * 100 + (unsigned)(c - 'A' + 10)) % 97;
}

int
ccs_ind_norm_iban(const char *s, size_t n, struct ccs_ind_wr *w,
    struct ccs_fail *f)
{
	char v[IBAN_MAX + 1];
	size_t i, nv = 0, want = 0;
	unsigned r = 0;
	char c;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ')
			continue;
		c = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A') :
		    s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return ccs_ind_bad(f, "IBAN may hold only letters, "
			    "digits and spaces");
		if (nv == IBAN_MAX)
			return ccs_ind_bad(f, "IBAN longer than %d characters",
			    IBAN_MAX);
		v[nv++] = c;
	}
	if (nv < 4 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z' ||
	    v[2] < '0' || v[2] > '9' || v[3] < '0' || v[3] > '9')
		return ccs_ind_bad(f, "IBAN must start with a country code and "
		    "two check digits");
	if ((v[2] == '0' && v[3] <= '1') || (v[2] == '9' && v[3] == '9'))
		return ccs_ind_bad(f, "IBAN check digits must be 02 to 98");
	for (i = 0; i < sizeof(iban_len) / sizeof(iban_len[0]); i++) {
		if (v[0] == iban_len[i].cc[0] && v[1] == iban_len[i].cc[1])
			want = iban_len[i].len;
	}
	if (want != 0 && nv != want)
		return ccs_ind_bad(f, "IBAN of %c%c must have %zu characters, "
		    "not %zu", v[0], v[1], want, nv);
	if (want == 0 && nv < IBAN_MIN)
		return ccs_ind_bad(f, "IBAN shorter than %d characters",
		    IBAN_MIN);
	for (i = 4; i < nv; i++)
		r = mod97_add(r, v[i]);
	for (i = 0; i < 4; i++)
		r = mod97_add(r, v[i]);
	if (r != 1)
		return ccs_ind_bad(f, "IBAN check digits do not match "
		    "(mistyped?)");
	ccs_ind_wr_n(w, v, nv);
	return CCS_OK;
}

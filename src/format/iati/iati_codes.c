/*
 * iati_codes.c: the IATI code lists ccscap holds, ISO 4217 currencies,
 * ISO 3166-1 countries, and the xsd value checks (decimal, date,
 * dateTime) shared by the reader and the writer.
 *
 * The IATI lists are those of next-domains.md A1 (codes as published in
 * the IATI codelists, 2026-06); SectorVocabulary, TagVocabulary and
 * RegionVocabulary hold the whole published lists so a donor's DAC
 * 3-digit sectors still load. Codes are compared as text, exactly. The
 * ISO tables are sorted fixed-width strings searched by bisection.
 * Non-goals: DAC sector codes, region codes, document categories (their
 * syntax is checked by the reader, the codes are not looked up).
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "format/iati/iati.h"

static const char *const org_role[] = { "1", "2", "3", "4", NULL };
static const char *const org_type[] = { "10", "11", "15", "21", "22", "23",
	"24", "30", "40", "60", "70", "71", "72", "73", "80", "90", NULL };
static const char *const status[] = { "1", "2", "3", "4", "5", "6", NULL };
static const char *const one_to_4[] = { "1", "2", "3", "4", NULL };
static const char *const one_to_5[] = { "1", "2", "3", "4", "5", NULL };
static const char *const scope[] = { "1", "2", "3", "4", "5", "6", "7",
	"8", NULL };
static const char *const sector_vocab[] = { "1", "2", "3", "4", "5", "6",
	"7", "8", "9", "10", "11", "12", "98", "99", NULL };
static const char *const tag_vocab[] = { "1", "2", "3", "4", "99", NULL };
static const char *const region_vocab[] = { "1", "2", "99", NULL };
static const char *const one_two[] = { "1", "2", NULL };
static const char *const tx_type[] = { "1", "2", "3", "4", "5", "6", "7",
	"8", "9", "10", "11", "12", "13", NULL };
static const char *const result_type[] = { "1", "2", "3", "9", NULL };

static const struct {
	const char		*name;	/* the IATI list name */
	const char *const	*codes;	/* NULL-terminated */
} lists[CCS_IATI_NLISTS] = {
	[CCS_IATI_ORG_ROLE] = { "OrganisationRole", org_role },
	[CCS_IATI_ORG_TYPE] = { "OrganisationType", org_type },
	[CCS_IATI_ACTIVITY_STATUS] = { "ActivityStatus", status },
	[CCS_IATI_DATE_TYPE] = { "ActivityDateType", one_to_4 },
	[CCS_IATI_SCOPE] = { "ActivityScope", scope },
	[CCS_IATI_SECTOR_VOCAB] = { "SectorVocabulary", sector_vocab },
	[CCS_IATI_TAG_VOCAB] = { "TagVocabulary", tag_vocab },
	[CCS_IATI_REGION_VOCAB] = { "RegionVocabulary", region_vocab },
	[CCS_IATI_BUDGET_TYPE] = { "BudgetType", one_two },
	[CCS_IATI_BUDGET_STATUS] = { "BudgetStatus", one_two },
	[CCS_IATI_TRANSACTION_TYPE] = { "TransactionType", tx_type },
	[CCS_IATI_RESULT_TYPE] = { "ResultType", result_type },
	[CCS_IATI_MEASURE] = { "IndicatorMeasure", one_to_5 },
	[CCS_IATI_RELATED_TYPE] = { "RelatedActivityType", one_to_5 },
	[CCS_IATI_DESCRIPTION_TYPE] = { "DescriptionType", one_to_4 },
};

/*
 * ISO 4217 currencies in use (2025): no funds codes (BOV, CLF...), no
 * precious metals, bond units or test codes; XDR stays (IDA credits are
 * in SDR), ANG and XCG both (the guilder's change in 2025), SLL and SLE.
 */
static const char currencies[] =
	"AEDAFNALLAMDANGAOAARSAUDAWGAZNBAMBBDBDTBGNBHDBIFBMDBNDBOBBRLBSD"
	"BTNBWPBYNBZDCADCDFCHFCLPCNYCOPCRCCUPCVECZKDJFDKKDOPDZDEGPERNETB"
	"EURFJDFKPGBPGELGHSGIPGMDGNFGTQGYDHKDHNLHTGHUFIDRILSINRIQDIRRISK"
	"JMDJODJPYKESKGSKHRKMFKPWKRWKWDKYDKZTLAKLBPLKRLRDLSLLYDMADMDLMGA"
	"MKDMMKMNTMOPMRUMURMVRMWKMXNMYRMZNNADNGNNIONOKNPRNZDOMRPABPENPGK"
	"PHPPKRPLNPYGQARRONRSDRUBRWFSARSBDSCRSDGSEKSGDSHPSLESLLSOSSRDSSP"
	"STNSVCSYPSZLTHBTJSTMTTNDTOPTRYTTDTWDTZSUAHUGXUSDUYUUZSVEDVESVND"
	"VUVWSTXAFXCDXCGXDRXOFXPFYERZARZMWZWGZWL";

/* ISO 3166-1 alpha-2, with XK (Kosovo) as in the IATI Country list. */
static const char countries[] =
	"ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBS"
	"BTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEE"
	"EGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHM"
	"HNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLC"
	"LILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNA"
	"NCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURW"
	"SASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTO"
	"TRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSXKYEYTZAZMZW";

bool
ccs_iati_code_ok(enum ccs_iati_list list, const char *code)
{
	const char *const *c;

	if (code == NULL || (unsigned)list >= CCS_IATI_NLISTS)
		return false;
	for (c = lists[list].codes; *c != NULL; c++)
		if (strcmp(*c, code) == 0)
			return true;
	return false;
}

const char *
ccs_iati_list_name(enum ccs_iati_list list)
{
	if ((unsigned)list >= CCS_IATI_NLISTS)
		return "?";
	return lists[list].name;
}

/* Bisects @p table (entries of @p w upper-case letters) for @p code. */
static bool
in_table(const char *table, size_t w, const char *code)
{
	size_t lo = 0, hi, mid, i;
	int c;

	if (code == NULL || strlen(code) != w)
		return false;
	for (i = 0; i < w; i++)
		if (code[i] < 'A' || code[i] > 'Z')
			return false;
	hi = strlen(table) / w;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strncmp(code, table + mid * w, w);
		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

bool
ccs_iati_currency_ok(const char *code)
{
	return in_table(currencies, 3, code);
}

bool
ccs_iati_country_ok(const char *code)
{
	return in_table(countries, 2, code);
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool
ccs_iati_decimal_ok(const char *s)
{
	size_t digits = 0;

	if (s == NULL)
		return false;
	if (*s == '+' || *s == '-')
		s++;
	while (is_digit(*s)) {
		s++;
		digits++;
	}
	if (*s == '.') {
		s++;
		while (is_digit(*s)) {
			s++;
			digits++;
		}
	}
	return digits > 0 && *s == '\0';
}

bool
ccs_iati_decimal_e4(const char *s, long long *out)
{
	long long v = 0;
	size_t n = 0, frac = 0;

	if (!ccs_iati_decimal_ok(s) || *s == '-')
		return false;
	if (*s == '+')
		s++;
	for (; is_digit(*s); s++) {
		/* 10^14 units of 10^-4 is far past any percentage sum */
		if (v > 100000000000000LL || ++n > 100)
			return false;
		v = v * 10 + (*s - '0');
	}
	if (*s == '.')
		s++;
	for (; is_digit(*s) && frac < 4; s++, frac++)
		v = v * 10 + (*s - '0');
	for (; frac < 4; frac++)
		v *= 10;
	*out = v;
	return true;
}

static int
num(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* YYYY-MM-DD at @p s (not necessarily NUL-terminated after it). */
static bool
date_at(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	int y, m, d, leap;

	if (strnlen(s, 10) < 10 || s[4] != '-' || s[7] != '-')
		return false;
	y = num(s, 4);
	m = num(s + 5, 2);
	d = num(s + 8, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && d == 29 && !leap);
}

bool
ccs_iati_date_ok(const char *s)
{
	return s != NULL && date_at(s) && s[10] == '\0';
}

bool
ccs_iati_datetime_ok(const char *s)
{
	const char *p;

	if (s == NULL || !date_at(s) || s[10] != 'T')
		return false;
	p = s + 11;
	if (strnlen(p, 8) < 8 || p[2] != ':' || p[5] != ':')
		return false;
	if (num(p, 2) < 0 || num(p, 2) > 24 || num(p + 3, 2) < 0 ||
	    num(p + 3, 2) > 59 || num(p + 6, 2) < 0 || num(p + 6, 2) > 60)
		return false;
	p += 8;
	if (*p == '.') {
		p++;
		if (!is_digit(*p))
			return false;
		while (is_digit(*p))
			p++;
	}
	if (*p == 'Z')
		return p[1] == '\0';
	if (*p == '+' || *p == '-')
		return strlen(p) == 6 && num(p + 1, 2) >= 0 &&
		    num(p + 1, 2) <= 14 && p[3] == ':' && num(p + 4, 2) >= 0 &&
		    num(p + 4, 2) <= 59;
	return *p == '\0';
}

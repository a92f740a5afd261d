/*
 * report_rules.c: audiences, traffic lights, small-count suppression and
 * the period check of monitoring reports. The thresholds are constants in
 * the header so the documentation (docs/internals/REPORTS.md) and every
 * rendition agree.
 */
#include <string.h>

#include "core/monitoring/report_rules.h"
#include "core/validate.h"
#include "util/err.h"

static const struct {
	const char	*name;	/* API word */
	const char	*title;	/* report title */
	const char	*tlp;	/* marking of the report */
} audiences[CCS_AUD_COUNT] = {
	[CCS_AUD_CONSLE] = { "consle", "CONSLE brief", "green" },
	[CCS_AUD_STEERING] = { "steering", "Steering Committee report",
	    "green" },
	[CCS_AUD_HEADS_INTEL] = { "heads_intel",
	    "Report to the Heads of Intelligence and FIUs", "amber" },
	[CCS_AUD_DONORS] = { "donors", "Donors' workbook: unfunded needs",
	    "green" },
	[CCS_AUD_RCC] = { "rcc", "RCC periodic report", "green" },
};

bool
ccs_audience_parse(const char *s, enum ccs_audience *out)
{
	size_t i;

	if (s == NULL)
		return false;
	for (i = 0; i < CCS_AUD_COUNT; i++) {
		if (strcmp(s, audiences[i].name) == 0) {
			*out = (enum ccs_audience)i;
			return true;
		}
	}
	return false;
}

const char *
ccs_audience_name(enum ccs_audience a)
{
	return (size_t)a < CCS_AUD_COUNT ? audiences[a].name : "";
}

const char *
ccs_audience_title(enum ccs_audience a)
{
	return (size_t)a < CCS_AUD_COUNT ? audiences[a].title : "";
}

const char *
ccs_audience_tlp(enum ccs_audience a)
{
	return (size_t)a < CCS_AUD_COUNT ? audiences[a].tlp : "green";
}

bool
ccs_audience_per_state(enum ccs_audience a)
{
	return a == CCS_AUD_RCC;
}

const char *
ccs_report_light(int64_t percent, int64_t assessed)
{
	if (assessed <= 0)
		return "none";
	if (percent >= CCS_LIGHT_GREEN_MIN)
		return "green";
	if (percent >= CCS_LIGHT_AMBER_MIN)
		return "amber";
	return "red";
}

bool
ccs_report_suppressed(int64_t n)
{
	return n > 0 && n < CCS_REPORT_SMALL_COUNT;
}

int
ccs_report_period_check(const char *from, const char *to,
    struct ccs_fail *f)
{
	if (from == NULL || !ccs_valid_date(from))
		return ccs_fail(f, CCS_EINVAL, "invalid_date", "from must be "
		    "a date YYYY-MM-DD");
	if (to == NULL || !ccs_valid_date(to))
		return ccs_fail(f, CCS_EINVAL, "invalid_date", "to must be a "
		    "date YYYY-MM-DD");
	if (strcmp(to, from) < 0)
		return ccs_fail(f, CCS_EINVAL, "invalid_period", "to (%s) is "
		    "before from (%s): a period must not end before it "
		    "starts", to, from);
	return CCS_OK;
}

/*
 * report_sections.c: the list of section providers, in report order, with
 * the audiences each appears in; and the block builders they share. To add
 * a source: write report_sec_<name>.c and add its line here.
 */
#include <stdio.h>

#include "svc/monitoring/report_sections.h"
#include "util/err.h"
#include "util/str.h"

#define CONSLE		CCS_AUD_BIT(CCS_AUD_CONSLE)
#define STEERING	CCS_AUD_BIT(CCS_AUD_STEERING)
#define INTEL		CCS_AUD_BIT(CCS_AUD_HEADS_INTEL)
#define DONORS		CCS_AUD_BIT(CCS_AUD_DONORS)
#define RCC		CCS_AUD_BIT(CCS_AUD_RCC)

static const struct ccs_report_section sections[] = {
	{ "status", "Status per priority area", CONSLE | STEERING | RCC,
	    ccs_rsec_status },
	{ "decisions", "Decisions required", CONSLE, ccs_rsec_decisions },
	{ "funding_gap", "Funding gap", CONSLE | STEERING | RCC,
	    ccs_rsec_funding_gap },
	{ "legal", "Legal harmonisation", CONSLE | STEERING | RCC,
	    ccs_rsec_legal },
	{ "recommendations", "Recommendations due and overdue by owner",
	    STEERING | RCC, ccs_rsec_recommendations },
	{ "coverage", "Coverage of the needs", STEERING, ccs_rsec_coverage },
	{ "duplicates", "Duplicate initiatives", STEERING,
	    ccs_rsec_duplicates },
	{ "gap_changes", "Changes in the gap analysis", STEERING | RCC,
	    ccs_rsec_gap_changes },
	{ "initiatives", "Initiatives", STEERING | RCC, ccs_rsec_initiatives },
	{ "incidents", "Incident statistics", INTEL | RCC,
	    ccs_rsec_incidents },
	{ "public_reports", "Public cybercrime reports", INTEL,
	    ccs_rsec_public_reports },
	{ "preservation", "Preservation requests (24/7 network)", INTEL,
	    ccs_rsec_preservation },
	{ "unfunded", "Unfunded needs per state", DONORS, ccs_rsec_unfunded },
	{ "heatmap", "Member states by priority area", CONSLE | STEERING,
	    ccs_rsec_heatmap },
};

const struct ccs_report_section *
ccs_report_sections(size_t *n)
{
	*n = sizeof(sections) / sizeof(sections[0]);
	return sections;
}

json_t *
ccs_rb_para(const char *text)
{
	return json_pack("{s:s, s:s}", "type", "p", "text", text);
}

json_t *
ccs_rb_table(const char *caption, const char *const *cols)
{
	json_t *t, *c;
	size_t i;

	t = json_pack("{s:s, s:s, s:[], s:[]}", "type", "table", "caption",
	    caption, "columns", "rows");
	if (t == NULL)
		return NULL;
	c = json_object_get(t, "columns");
	for (i = 0; cols[i] != NULL && cols[i + 1] != NULL; i += 2) {
		if (json_array_append_new(c, json_pack("{s:s, s:s}", "title",
		    cols[i], "kind", cols[i + 1])) != 0) {
			json_decref(t);
			return NULL;
		}
	}
	return t;
}

json_t *
ccs_rb_break(void)
{
	return json_pack("{s:s}", "type", "break");
}

int
ccs_rb_add(json_t *sec, json_t *block)
{
	json_t *blocks = json_object_get(sec, "blocks");

	if (block == NULL)
		return CCS_ENOMEM;
	if (blocks == NULL) {
		blocks = json_array();
		if (blocks == NULL || json_object_set_new(sec, "blocks",
		    blocks) != 0) {
			json_decref(block);
			return CCS_ENOMEM;
		}
	}
	return json_array_append_new(blocks, block) == 0 ? CCS_OK :
	    CCS_ENOMEM;
}

int
ccs_rb_unavailable(json_t *sec, const char *what)
{
	char text[300];

	if (ccs_snprintf(text, sizeof(text), "Not available yet: %s is not "
	    "recorded on the platform yet, so this section has no figures. "
	    "It is not a zero.", what) != CCS_OK)
		return CCS_EINVAL;
	if (json_object_set_new(sec, "available", json_false()) != 0)
		return CCS_ENOMEM;
	return ccs_rb_add(sec, ccs_rb_para(text));
}

json_t *
ccs_rb_count(int64_t n)
{
	char s[32];

	if (!ccs_report_suppressed(n))
		return json_integer(n);
	(void)ccs_snprintf(s, sizeof(s), "fewer than %d",
	    CCS_REPORT_SMALL_COUNT);
	return json_string(s);
}

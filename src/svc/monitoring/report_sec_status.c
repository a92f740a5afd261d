/*
 * report_sec_status.c: the traffic light of each priority area: the share
 * of minimum standards met at the end of the period (the region, or the
 * report's state), the share the day before it started and the change,
 * from the gap analysis (validated status records only).
 */
#include <stdio.h>

#include "svc/monitoring/report_sections.h"
#include "util/err.h"
#include "util/str.h"

struct tally {
	int64_t	 met;		/* standards met */
	int64_t	 total;		/* standards */
	int64_t	 no_data;	/* without a validated record */
};

static int64_t
jint(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/* Sums area @p j over the states (or the one state) of @p gaps. */
static struct tally
area_tally(const json_t *gaps, size_t j, const char *state)
{
	struct tally t = { 0, 0, 0 };
	const json_t *s, *a;
	size_t i;

	json_array_foreach(json_object_get(gaps, "states"), i, s) {
		if (state != NULL && !ccs_streq(state,
		    json_string_value(json_object_get(s, "code"))))
			continue;
		a = json_array_get(json_object_get(s, "areas"), j);
		t.met += jint(a, "met");
		t.total += jint(a, "total");
		t.no_data += jint(a, "no_data");
	}
	return t;
}

static int64_t
percent(const struct tally *t)
{
	return t->total > 0 ? (t->met * 100 + t->total / 2) / t->total : 0;
}

int
ccs_rsec_status(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	static const char *const cols[] = { "Priority area", "text",
	    "Met at end", "num", "Met at start", "num", "Change", "num",
	    "Status", "light", NULL };
	const json_t *now, *before, *a;
	struct tally tn, tb;
	json_t *table;
	char label[160], pn[16], pb[16], ch[24], text[400];
	size_t j;
	int rc;

	rc = ccs_report_gaps(ctx, false, &now, f);
	if (rc == CCS_OK)
		rc = ccs_report_gaps(ctx, true, &before, f);
	if (rc != CCS_OK)
		return rc;
	if (ccs_snprintf(text, sizeof(text), "Share of the minimum standards "
	    "met in %s at the end of the period (%s), from validated status "
	    "records, against the day before it began. Green from %d%%, "
	    "amber from %d%%, red below; the percentage is always written.",
	    ctx->state ? ccs_report_state_name(now, ctx->state) :
	    "the member and associate states", ctx->to, CCS_LIGHT_GREEN_MIN,
	    CCS_LIGHT_AMBER_MIN) != CCS_OK)
		return ccs_fail(f, CCS_EINVAL, "internal", "text too long");
	rc = ccs_rb_add(sec, ccs_rb_para(text));
	table = ccs_rb_table("Traffic light per priority area", cols);
	if (rc != CCS_OK || table == NULL) {
		json_decref(table);
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	}
	json_array_foreach(json_object_get(now, "areas"), j, a) {
		tn = area_tally(now, j, ctx->state);
		tb = area_tally(before, j, ctx->state);
		(void)ccs_snprintf(label, sizeof(label), "%s %s",
		    json_string_value(json_object_get(a, "code")),
		    json_string_value(json_object_get(a, "name")));
		(void)ccs_snprintf(pn, sizeof(pn), "%lld%%",
		    (long long)percent(&tn));
		(void)ccs_snprintf(pb, sizeof(pb), "%lld%%",
		    (long long)percent(&tb));
		(void)ccs_snprintf(ch, sizeof(ch), "%+lld points",
		    (long long)(percent(&tn) - percent(&tb)));
		if (json_array_append_new(json_object_get(table, "rows"),
		    json_pack("[s, s, s, s, s]", label, pn, pb, ch,
		    ccs_report_light(percent(&tn), tn.total - tn.no_data))) !=
		    0) {
			json_decref(table);
			return ccs_fail(f, CCS_ENOMEM, "internal",
			    "out of memory");
		}
	}
	if (ccs_rb_add(sec, table) != CCS_OK)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

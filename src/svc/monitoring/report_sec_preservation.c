/*
 * report_sec_preservation.c: statistics of the 24/7 preservation requests
 * sent during the period (svc/evidence24/figures.c): received, answered
 * (acknowledged), mean time to acknowledge, preserved before expiry and
 * followed by mutual legal assistance, per requested state. Only the
 * requests the author may open count (the decision GET
 * /api/v1/preservation-requests/{id} takes): a coordinator, who opens
 * none, is told so rather than shown zeros. Counts from 1 to 4 are
 * written "fewer than 5", and so is the mean time of fewer than five
 * acknowledgements, which would point at single cases.
 */
#include <stdio.h>
#include <string.h>

#include "svc/evidence24/figures.h"
#include "svc/monitoring/report_sections.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

static int64_t
jint(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/* The mean hours to acknowledge, or "fewer than 5" / "none". */
static json_t *
mean_cell(const json_t *o)
{
	const json_t *m = json_object_get(o, "mean_hours_to_acknowledge");
	char s[32];

	if (ccs_report_suppressed(jint(o, "acknowledged")))
		return ccs_rb_count(jint(o, "acknowledged"));
	if (!json_is_number(m))
		return json_string("none acknowledged");
	(void)ccs_snprintf(s, sizeof(s), "%.1f", json_number_value(m));
	return json_string(s);
}

static int
add_row(json_t *tb, const char *name, const json_t *o)
{
	return json_array_append_new(json_object_get(tb, "rows"),
	    json_pack("[s, o, o, o, o, o]", name, ccs_rb_count(jint(o,
	    "received")), ccs_rb_count(jint(o, "acknowledged")), mean_cell(o),
	    ccs_rb_count(jint(o, "preserved_before_expiry")),
	    ccs_rb_count(jint(o, "followed_by_mla")))) == 0 ? CCS_OK :
	    CCS_ENOMEM;
}

static json_t *
table(const json_t *fig, const json_t *gaps)
{
	const char *cols[] = { "Requested state", "text", "Received", "num",
	    "Acknowledged", "num", "Mean hours to acknowledge", "num",
	    "Preserved before expiry", "num", "Followed by MLA", "num", NULL };
	json_t *tb = ccs_rb_table("24/7 preservation requests by requested "
	    "state", cols);
	const json_t *e;
	const char *code, *name;
	size_t i;
	int rc = tb ? CCS_OK : CCS_ENOMEM;

	json_array_foreach(json_object_get(fig, "states"), i, e) {
		if (rc != CCS_OK)
			break;
		code = ccs_jstr(e, "state");
		name = gaps ? ccs_report_state_name(gaps, code) : "";
		rc = add_row(tb, name[0] ? name : code, e);
	}
	if (rc == CCS_OK)
		rc = add_row(tb, "All states", json_object_get(fig, "total"));
	if (rc != CCS_OK) {
		json_decref(tb);
		return NULL;
	}
	return tb;
}

int
ccs_rsec_preservation(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	const json_t *gaps;
	json_t *fig = NULL;
	char text[600], num[32];
	int64_t n;
	int rc;

	rc = ccs_pres_figures(ctx->db, ctx->p, ctx->state, ctx->t0, ctx->t1,
	    ctx->now, &fig, f);
	if (rc == CCS_EPERM) {
		rc = ccs_rb_add(sec, ccs_rb_para("The author of this report "
		    "may not open 24/7 preservation requests (only the "
		    "law-enforcement 24/7 contacts of the states concerned "
		    "and the RIFC do), so none are counted here."));
		return rc == CCS_OK ? CCS_OK : ccs_fail(f, CCS_ENOMEM,
		    "internal", "out of memory");
	}
	if (rc != CCS_OK)
		return rc;
	rc = ccs_report_gaps(ctx, false, &gaps, f);
	if (rc != CCS_OK) {
		json_decref(fig);
		return rc;
	}
	n = jint(json_object_get(fig, "total"), "received");
	if (ccs_report_suppressed(n))
		(void)ccs_snprintf(num, sizeof(num), "Fewer than %d",
		    CCS_REPORT_SMALL_COUNT);
	else
		(void)ccs_snprintf(num, sizeof(num), "%lld", (long long)n);
	(void)ccs_snprintf(text, sizeof(text), "%s 24/7 preservation "
	    "request(s) sent between %s and %s that the author of this report "
	    "may open. \"Acknowledged\" counts the requests the requested "
	    "state answered; \"preserved before expiry\" those preserved that "
	    "did not lapse. Counts from 1 to %d are shown as \"fewer than "
	    "%d\".", num, ctx->from, ctx->to, CCS_REPORT_SMALL_COUNT - 1,
	    CCS_REPORT_SMALL_COUNT);
	rc = ccs_rb_add(sec, ccs_rb_para(text));
	if (rc == CCS_OK)
		rc = ccs_rb_add(sec, table(fig, gaps));
	json_decref(fig);
	if (rc != CCS_OK)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

/*
 * report_sec_gap_changes.c: what changed in the gap analysis during the
 * period (svc/standards/gaps.h, ccs_gaps_changes), counted per state:
 * standards improved, declined, and newly met; for the region, or the
 * report's state.
 */
#include <stdio.h>

#include "svc/monitoring/report_sections.h"
#include "svc/standards/gaps.h"
#include "util/err.h"
#include "util/str.h"

#define MAX_STATES	64

struct count {
	const char	*state;		/* code, borrowed */
	int64_t		 improved;	/* level or status up */
	int64_t		 declined;	/* down */
	int64_t		 now_met;	/* became met */
};

int
ccs_rsec_gap_changes(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	static const char *const cols[] = { "State", "text", "Improved",
	    "num", "Declined", "num", "Newly met", "num", NULL };
	struct count c[MAX_STATES];
	const json_t *ch, *gaps;
	json_t *changes = NULL, *table = NULL;
	const char *st, *dir;
	size_t i, k, n = 0;
	char text[200];
	int rc;

	rc = ccs_report_gaps(ctx, false, &gaps, f);
	if (rc == CCS_OK)
		rc = ccs_gaps_changes(ctx->db, ctx->p, ctx->from, ctx->to,
		    ctx->state, ctx->now, &changes, f);
	if (rc != CCS_OK)
		return rc;
	json_array_foreach(json_object_get(changes, "changes"), i, ch) {
		st = json_string_value(json_object_get(ch, "state"));
		for (k = 0; k < n; k++)
			if (ccs_streq(c[k].state, st))
				break;
		if (k == n) {
			if (n == MAX_STATES)
				continue;
			c[n].state = st;
			c[n].improved = c[n].declined = c[n].now_met = 0;
			n++;
		}
		dir = json_string_value(json_object_get(ch, "direction"));
		if (ccs_streq(dir, "improved"))
			c[k].improved++;
		else if (ccs_streq(dir, "declined"))
			c[k].declined++;
		if (json_is_true(json_object_get(ch, "now_met")))
			c[k].now_met++;
	}
	(void)ccs_snprintf(text, sizeof(text), "%lld change(s) of status "
	    "were validated between %s and %s.", (long long)json_integer_value(
	    json_object_get(changes, "count")), ctx->from, ctx->to);
	table = ccs_rb_table("Changes per state", cols);
	if (table == NULL || ccs_rb_add(sec, ccs_rb_para(text)) != CCS_OK)
		goto oom;
	for (k = 0; k < n; k++) {
		if (json_array_append_new(json_object_get(table, "rows"),
		    json_pack("[s, I, I, I]", ccs_report_state_name(gaps,
		    c[k].state), (json_int_t)c[k].improved,
		    (json_int_t)c[k].declined, (json_int_t)c[k].now_met)) != 0)
			goto oom;
	}
	rc = ccs_rb_add(sec, table);
	table = NULL;
	json_decref(changes);
	changes = NULL;
	if (rc != CCS_OK)
		goto oom;
	return CCS_OK;
oom:
	json_decref(changes);
	json_decref(table);
	return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
}

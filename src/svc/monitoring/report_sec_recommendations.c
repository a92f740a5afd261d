/*
 * report_sec_recommendations.c: recommendations due and overdue by owner
 * (an organisation or a state), from the monitoring domain's
 * recommendations (svc/monitoring/recommendations.h): per owner, how many
 * fell due in the period, how many are overdue at its end (the rule of
 * core/monitoring/recommendations.h, ccs_rec_overdue) and how many were
 * closed. For an RCC report, the state's own recommendations only. Every
 * member reads recommendations (monitoring_read).
 */
#include <stdio.h>
#include <string.h>

#include "core/monitoring/recommendations.h"
#include "svc/monitoring/report_sections.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

static const char sql[] =
	"SELECT COALESCE(o.name, s.name) AS owner, r.status AS status, "
	"r.due_date AS due FROM recommendations r "
	"LEFT JOIN organisations o ON o.id = r.owner_org "
	"LEFT JOIN states s ON s.code = r.owner_state "
	"WHERE CAST(:state AS TEXT) IS NULL OR r.owner_state = :state "
	"ORDER BY owner, r.id";

/* Appends the row of @p owner (borrowed) with its counts. */
static int
add_row(json_t *table, const char *owner, int64_t due, int64_t overdue,
    int64_t closed)
{
	return json_array_append_new(json_object_get(table, "rows"),
	    json_pack("[s, I, I, I]", owner, (json_int_t)due,
	    (json_int_t)overdue, (json_int_t)closed)) == 0 ? CCS_OK :
	    CCS_ENOMEM;
}

int
ccs_rsec_recommendations(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	static const char *const cols[] = { "Owner", "text",
	    "Due in the period", "num", "Overdue at its end", "num",
	    "Closed", "num", NULL };
	const struct ccs_named np[] = {
		CCS_NAMED("state", CCS_VTEXT(ctx->state)),
	};
	json_t *rows = NULL, *table = NULL;
	const json_t *r;
	const char *owner = NULL, *st, *due;
	int64_t n_due = 0, n_over = 0, n_closed = 0, t_over = 0, total = 0;
	char text[300];
	size_t i;
	int rc;

	if (ccs_policy_check(ctx->p, CCS_ACT_MONITORING_READ, NULL) != CCS_OK)
		return ccs_rb_unavailable(sec, "recommendations you may read")
		    == CCS_OK ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal",
		    "out of memory");
	rc = ccs_db_query_json_named(ctx->db, sql, np, CCS_NNAMED(np), &rows);
	if (rc != CCS_OK)
		return ccs_dbfail(f, ctx->db, rc);
	table = ccs_rb_table("Recommendations by owner", cols);
	if (table == NULL)
		goto oom;
	json_array_foreach(rows, i, r) {
		if (owner != NULL && !ccs_streq(owner, ccs_jstr(r, "owner"))) {
			if (add_row(table, owner, n_due, n_over, n_closed) !=
			    CCS_OK)
				goto oom;
			n_due = n_over = n_closed = 0;
		}
		owner = ccs_jstr(r, "owner");
		st = ccs_jstr(r, "status");
		due = ccs_jstr(r, "due");
		total++;
		if (due != NULL && strcmp(due, ctx->from) >= 0 &&
		    strcmp(due, ctx->to) <= 0)
			n_due++;
		if (ccs_rec_overdue(st, due, ctx->to)) {
			n_over++;
			t_over++;
		}
		if (ccs_streq(st, "closed"))
			n_closed++;
	}
	if (owner != NULL && add_row(table, owner, n_due, n_over, n_closed) !=
	    CCS_OK)
		goto oom;
	(void)ccs_snprintf(text, sizeof(text), "%lld recommendation(s) on "
	    "record%s; %lld overdue at %s (not closed or dropped and due "
	    "before that day).", (long long)total, ctx->state ? " owned by "
	    "this state" : "", (long long)t_over, ctx->to);
	if (ccs_rb_add(sec, ccs_rb_para(text)) != CCS_OK)
		goto oom;
	if (total > 0) {
		rc = ccs_rb_add(sec, table);
		table = NULL;
	}
	json_decref(table);
	table = NULL;
	json_decref(rows);
	rows = NULL;
	if (rc != CCS_OK)
		goto oom;
	return CCS_OK;
oom:
	json_decref(rows);
	json_decref(table);
	return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
}

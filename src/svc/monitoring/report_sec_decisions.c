/*
 * report_sec_decisions.c: the decisions required of CONSLE: the open
 * recommendations marked RAR ("regional action required", the CARICOM
 * implementation-plan key), which only the regional level can act on,
 * earliest due first, from the monitoring domain's recommendations.
 */
#include <stdio.h>

#include "svc/monitoring/report_sections.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

#define MAX_DECISIONS	4	/* listed on a two-page brief */

static const char sql[] =
	"SELECT r.text AS text, r.due_date AS due, COALESCE(o.name, s.name) "
	"AS owner FROM recommendations r "
	"LEFT JOIN organisations o ON o.id = r.owner_org "
	"LEFT JOIN states s ON s.code = r.owner_state "
	"WHERE r.timeframe = 'rar' AND r.status IN ('open', 'in_progress') "
	"ORDER BY r.due_date, r.id";

int
ccs_rsec_decisions(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	static const char *const cols[] = { "Regional action required",
	    "text", "Owner", "text", "Due", "text", NULL };
	json_t *rows = NULL, *table = NULL;
	const json_t *r;
	char text[200];
	size_t i;
	int rc;

	if (ccs_policy_check(ctx->p, CCS_ACT_MONITORING_READ, NULL) != CCS_OK)
		return ccs_rb_unavailable(sec, "recommendations you may read")
		    == CCS_OK ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal",
		    "out of memory");
	rc = ccs_db_query_json(ctx->db, sql, NULL, 0, &rows);
	if (rc != CCS_OK)
		return ccs_dbfail(f, ctx->db, rc);
	(void)ccs_snprintf(text, sizeof(text), "%zu open recommendation(s) "
	    "need regional action (RAR)%s.", json_array_size(rows),
	    json_array_size(rows) > MAX_DECISIONS ? "; the earliest due are "
	    "listed" : "");
	table = ccs_rb_table("Decisions required", cols);
	if (table == NULL || ccs_rb_add(sec, ccs_rb_para(text)) != CCS_OK)
		goto oom;
	json_array_foreach(rows, i, r) {
		if (i == MAX_DECISIONS)
			break;
		if (json_array_append_new(json_object_get(table, "rows"),
		    json_pack("[O, O, O]", json_object_get(r, "text"),
		    json_object_get(r, "owner"), json_object_get(r, "due"))) !=
		    0)
			goto oom;
	}
	/* no empty table on a two-page brief: the sentence says none */
	if (json_array_size(rows) > 0) {
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

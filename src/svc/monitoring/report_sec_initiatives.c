/*
 * report_sec_initiatives.c: the initiatives active during the period
 * (started by its end, not ended before its start, by actual dates where
 * known and planned ones otherwise) by IATI status, with how many started
 * and ended within it; for the region, or those naming the report's
 * state. Capacity records are read by every member (capacity_read).
 */
#include <stdio.h>

#include "core/capacity/rules.h"
#include "svc/monitoring/report_sections.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

/* start and end of an initiative: actual where known, else planned */
#define START	"COALESCE(i.actual_start, i.planned_start)"
#define END	"COALESCE(i.actual_end, i.planned_end)"

static const char sql[] =
	"SELECT i.status AS status, COUNT(*) AS n, "
	"SUM(CASE WHEN " START " >= :from THEN 1 ELSE 0 END) AS started, "
	"SUM(CASE WHEN " END " <= :to THEN 1 ELSE 0 END) AS ended "
	"FROM initiatives i "
	"WHERE (" START " IS NULL OR " START " <= :to) "
	"AND (" END " IS NULL OR " END " >= :from) "
	"AND (CAST(:state AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM "
	"initiative_states s WHERE s.initiative_id = i.id AND "
	"s.state_code = :state)) "
	"GROUP BY i.status ORDER BY i.status";

int
ccs_rsec_initiatives(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	static const char *const cols[] = { "Status (IATI)", "text",
	    "Active in the period", "num", "Started in it", "num",
	    "Ended in it", "num", NULL };
	const struct ccs_named np[] = {
		CCS_NAMED("from", CCS_VTEXT(ctx->from)),
		CCS_NAMED("to", CCS_VTEXT(ctx->to)),
		CCS_NAMED("state", CCS_VTEXT(ctx->state)),
	};
	json_t *rows = NULL, *table = NULL, *r;
	const char *name;
	int64_t total = 0;
	char text[200];
	size_t i;
	int rc;

	rc = ccs_policy_check(ctx->p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_rb_unavailable(sec, "capacity data you may read") ==
		    CCS_OK ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal",
		    "out of memory");
	rc = ccs_db_query_json_named(ctx->db, sql, np, CCS_NNAMED(np), &rows);
	if (rc != CCS_OK)
		return ccs_dbfail(f, ctx->db, rc);
	table = ccs_rb_table("Initiatives active in the period", cols);
	if (table == NULL)
		goto oom;
	json_array_foreach(rows, i, r) {
		name = ccs_iati_status_name((int)json_integer_value(
		    json_object_get(r, "status")));
		total += json_integer_value(json_object_get(r, "n"));
		if (json_array_append_new(json_object_get(table, "rows"),
		    json_pack("[s, O, O, O]", name ? name : "unknown",
		    json_object_get(r, "n"), json_object_get(r, "started"),
		    json_object_get(r, "ended"))) != 0)
			goto oom;
	}
	(void)ccs_snprintf(text, sizeof(text), "%lld initiative(s) were "
	    "active between %s and %s%s.", (long long)total, ctx->from,
	    ctx->to, ctx->state ? " in this state" : "");
	if (ccs_rb_add(sec, ccs_rb_para(text)) != CCS_OK)
		goto oom;
	rc = ccs_rb_add(sec, table);
	table = NULL;
	if (rc != CCS_OK)
		goto oom;
	json_decref(rows);
	return CCS_OK;
oom:
	json_decref(rows);
	json_decref(table);
	return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
}

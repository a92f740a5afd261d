/*
 * report_sec_duplicates.c: duplicate initiatives: the candidate pairs open
 * at the cut-off (svc/capacity/duplicates.h: the total and the highest
 * scores, one indexed read of the kept candidate table) and the
 * coordinators' decisions recorded during the period, by kind.
 */
#include <stdio.h>

#include "svc/capacity/dup_list.h"
#include "svc/monitoring/report_sections.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

#define TOP_PAIRS	10	/* candidate pairs listed */

static const char decided_sql[] =
	"SELECT decision, COUNT(*) AS n FROM duplicate_decisions "
	"WHERE decided_at >= :t0 AND decided_at < :t1 "
	"GROUP BY decision ORDER BY decision";

static int
add_decisions(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	static const char *const cols[] = { "Decision", "text", "Pairs",
	    "num", NULL };
	const struct ccs_named np[] = {
		CCS_NAMED("t0", CCS_VINT(ctx->t0)),
		CCS_NAMED("t1", CCS_VINT(ctx->t1)),
	};
	json_t *rows = NULL, *table, *r;
	size_t i;
	int rc;

	rc = ccs_db_query_json_named(ctx->db, decided_sql, np,
	    CCS_NNAMED(np), &rows);
	if (rc != CCS_OK)
		return ccs_dbfail(f, ctx->db, rc);
	table = ccs_rb_table("Decisions on candidate pairs during the period",
	    cols);
	json_array_foreach(rows, i, r) {
		if (table != NULL && json_array_append_new(json_object_get(
		    table, "rows"), json_pack("[O, O]", json_object_get(r,
		    "decision"), json_object_get(r, "n"))) != 0) {
			json_decref(table);
			table = NULL;
		}
	}
	json_decref(rows);
	if (ccs_rb_add(sec, table) != CCS_OK)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

int
ccs_rsec_duplicates(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	static const char *const cols[] = { "Initiative", "text",
	    "Possible duplicate", "text", "Score", "num", NULL };
	json_t *cands = NULL, *table = NULL;
	const json_t *c;
	char text[200];
	size_t i;
	int rc;

	rc = ccs_dup_candidates(ctx->db, ctx->p, TOP_PAIRS, NULL, &cands, f);
	if (rc != CCS_OK)
		return rc;
	(void)ccs_snprintf(text, sizeof(text), "%lld candidate pair(s) await "
	    "a coordinator's decision at the cut-off; the %d highest scores "
	    "are listed.", (long long)json_integer_value(json_object_get(
	    cands, "total")), TOP_PAIRS);
	table = ccs_rb_table("Candidate duplicates", cols);
	if (table == NULL || ccs_rb_add(sec, ccs_rb_para(text)) != CCS_OK)
		goto oom;
	json_array_foreach(json_object_get(cands, "items"), i, c) {
		if (json_array_append_new(json_object_get(table, "rows"),
		    json_pack("[O, O, O]", json_object_get(json_object_get(c,
		    "a"), "title"), json_object_get(json_object_get(c, "b"),
		    "title"), json_object_get(c, "score"))) != 0)
			goto oom;
	}
	rc = ccs_rb_add(sec, table);
	table = NULL;
	json_decref(cands);
	cands = NULL;
	if (rc != CCS_OK)
		goto oom;
	return add_decisions(ctx, sec, f);
oom:
	json_decref(cands);
	json_decref(table);
	return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
}

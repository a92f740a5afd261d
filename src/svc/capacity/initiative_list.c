/*
 * initiative_list.c: the initiatives list (initiative_list.h). Every
 * capacity reader may read every initiative, so the total is a plain
 * COUNT under the filters. The filters on states, needs and partners
 * are IN subqueries, so an initiative with two matching rows still
 * appears once; "year" keeps what ran some time in that year (started
 * before its end and not ended before its start; an open end runs on).
 */
#include <string.h>

#include "svc/capacity/cap_common.h"
#include "svc/capacity/initiative_list.h"
#include "util/err.h"
#include "util/str.h"

#define START "COALESCE(i.actual_start, i.planned_start, '')"

static const struct ccs_keyset_col cols[] = {
	{ "updated_at", "i.updated_at", CCS_KEYSET_INT, true },
	{ "title", "i.title", CCS_KEYSET_TEXT, false },
	{ "start", START, CCS_KEYSET_TEXT, true },
	{ "status", "i.status", CCS_KEYSET_INT, false },
	{ "iati_identifier", "i.iati_identifier", CCS_KEYSET_TEXT, false },
};

static const char *const text[] = {
	"i.iati_identifier", "i.title", "i.description",
};

static const struct ccs_listq_csvcol csv[] = {
	{ "id", "id", false },
	{ "iati_identifier", "iati_identifier", false },
	{ "title", "title", false }, { "kind", "kind", false },
	{ "status", "status_name", false }, { "start", "start", false },
	{ "end", "end", false }, { "states", "states", false },
	{ "needs", "needs", false },
	{ "organisations", "organisations", false },
	{ "updated_at", "updated_at", true },
	{ "updated_by", "updated_by", false },
};

const struct ccs_listq_def ccs_initiative_list_def = {
	.name = "initiatives",
	.select = "SELECT i.id, i.updated_at, i.title, " START " AS start, "
	    "i.status, i.iati_identifier",
	.from = "FROM initiatives i WHERE 1 = 1",
	.cols = cols, .ncols = sizeof(cols) / sizeof(cols[0]),
	.id_expr = "i.id", .text = text,
	.ntext = sizeof(text) / sizeof(text[0]),
	.date_expr = "COALESCE(i.actual_start, i.planned_start)",
	.date_kind = CCS_LISTQ_DAY,
	.csv = csv, .ncsv = sizeof(csv) / sizeof(csv[0]),
	.load = ccs_initiative_load,
};

/* " AND i.id IN (<sub> = $n)" with @p v. */
static void
within(struct ccs_listq *lq, const char *sub, struct ccs_val v)
{
	size_t n;

	if (v.type == CCS_V_NULL || (v.type == CCS_V_TEXT && v.s == NULL) ||
	    (v.type == CCS_V_INT && v.i <= 0))
		return;
	n = ccs_listq_param(lq, v);
	ccs_listq_where(lq, " AND i.id IN (SELECT initiative_id FROM %s = "
	    "$%zu)", sub, n);
}

int
ccs_initiative_query(const struct ccs_principal *p,
    const struct ccs_initiative_filter *flt, struct ccs_keyset *ks,
    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
    struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	char y0[11], y1[11];
	size_t a, b;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "read initiatives");
	rc = ccs_listq_new(&ccs_initiative_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	within(lq, "initiative_states WHERE state_code",
	    CCS_VTEXT(flt->state));
	within(lq, "initiative_needs WHERE need_ref", CCS_VTEXT(flt->need));
	within(lq, "initiative_orgs WHERE org_id", CCS_VINT(flt->partner));
	within(lq, "initiative_orgs WHERE role = 1 AND org_id",
	    CCS_VINT(flt->funder));
	if (flt->status > 0)
		ccs_listq_eq(lq, "i.status", CCS_VINT(flt->status));
	if (flt->year > 0) {
		(void)ccs_snprintf(y0, sizeof(y0), "%04d-01-01",
		    (int)flt->year);
		(void)ccs_snprintf(y1, sizeof(y1), "%04d-12-31",
		    (int)flt->year);
		a = ccs_listq_param_copy(lq, y1);
		b = ccs_listq_param_copy(lq, y0);
		ccs_listq_where(lq, " AND COALESCE(i.actual_start, "
		    "i.planned_start) <= $%zu AND (COALESCE(i.actual_end, "
		    "i.planned_end) IS NULL OR COALESCE(i.actual_end, "
		    "i.planned_end) >= $%zu)", a, b);
	}
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

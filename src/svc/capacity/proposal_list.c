/*
 * proposal_list.c: the proposals list (proposal_list.h). A RIFC analyst
 * reads every proposal, so the total is a plain COUNT under the filters.
 * The standard's code and title come from its latest version in the
 * framework (the one the rows show); a standard missing from it sorts
 * and searches as empty text.
 */
#include <string.h>

#include "core/validate.h"
#include "svc/capacity/proposal_list.h"
#include "svc/capacity/proposals.h"
#include "util/err.h"
#include "util/str.h"

#define LATEST "(SELECT MAX(id) FROM framework_versions)"
#define STD(col) "COALESCE((SELECT s." col " FROM standards s WHERE " \
	"s.lineage_id = p.lineage_id AND s.version_id = " LATEST "), '')"

static const struct ccs_keyset_col cols[] = {
	{ "created_at", "p.created_at", CCS_KEYSET_INT, false },
	{ "status", "p.status", CCS_KEYSET_TEXT, false },
	{ "state", "p.state_code", CCS_KEYSET_TEXT, false },
	{ "source_kind", "p.source_kind", CCS_KEYSET_TEXT, false },
	{ "standard_code", STD("code"), CCS_KEYSET_TEXT, false },
};

static const char *const text[] = {
	"p.state_code", "p.status", STD("code"), STD("title"),
	"COALESCE(p.reason, '')",
};

static const struct ccs_listq_csvcol csv[] = {
	{ "id", "id", false }, { "created_at", "created_at", true },
	{ "status", "status", false }, { "state", "state", false },
	{ "standard", "standard", false },
	{ "standard_title", "standard_title", false },
	{ "level", "level", false }, { "level_label", "level_label", false },
	{ "source_kind", "source_kind", false },
	{ "source_id", "source_id", false },
	{ "source_title", "source_title", false },
	{ "reason", "reason", false },
	{ "assessment_id", "assessment_id", false },
	{ "decided_by", "decided_by", false },
	{ "decided_at", "decided_at", true },
};

/* The CSV's flat members of the source. */
static void
decorate(json_t *row)
{
	const json_t *src = json_object_get(row, "source");

	(void)json_object_set(row, "source_id", json_object_get(src, "id"));
	(void)json_object_set(row, "source_title",
	    json_object_get(src, "title"));
}

const struct ccs_listq_def ccs_proposal_list_def = {
	.name = "proposals",
	.select = "SELECT p.id, p.created_at, p.status, p.state_code AS "
	    "state, p.source_kind, " STD("code") " AS standard_code",
	.from = "FROM proposals p WHERE 1 = 1",
	.cols = cols, .ncols = sizeof(cols) / sizeof(cols[0]),
	.id_expr = "p.id", .text = text,
	.ntext = sizeof(text) / sizeof(text[0]),
	.date_expr = "p.created_at", .date_kind = CCS_LISTQ_UNIX,
	.csv = csv, .ncsv = sizeof(csv) / sizeof(csv[0]),
	.decorate = decorate, .load = ccs_proposal_load,
};

/* 422 for a filter outside its words. */
static int
check(const struct ccs_proposal_filter *flt, struct ccs_fail *f)
{
	if (flt->state != NULL && !ccs_valid_iso2(flt->state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code", "state "
		    "must be a two-letter ISO 3166 code such as JM");
	if (flt->status != NULL && !ccs_streq(flt->status, "pending") &&
	    !ccs_streq(flt->status, "accepted") && !ccs_streq(flt->status,
	    "dismissed"))
		return ccs_fail(f, CCS_EINVAL, "invalid_status", "status must "
		    "be pending, accepted or dismissed");
	if (flt->source != NULL && !ccs_streq(flt->source, "initiative") &&
	    !ccs_streq(flt->source, "training") && !ccs_streq(flt->source,
	    "campaign") && !ccs_streq(flt->source, "legal_instrument"))
		return ccs_fail(f, CCS_EINVAL, "invalid_source", "source must "
		    "be initiative, training, campaign or legal_instrument");
	return CCS_OK;
}

int
ccs_proposal_query(const struct ccs_principal *p,
    const struct ccs_proposal_filter *flt, struct ccs_keyset *ks,
    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
    struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_PROPOSAL_DECIDE, NULL);
	if (rc != CCS_OK)
		return ccs_proposal_refuse(p, rc, f);
	rc = check(flt, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_listq_new(&ccs_proposal_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	ccs_listq_eq(lq, "p.state_code", CCS_VTEXT(flt->state));
	ccs_listq_eq(lq, "p.status", CCS_VTEXT(flt->status));
	ccs_listq_eq(lq, "p.source_kind", CCS_VTEXT(flt->source));
	if (flt->source != NULL && flt->source_id > 0)
		ccs_listq_eq(lq, "p.source_id", CCS_VINT(flt->source_id));
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

/*
 * funding_lists.c: the exchange rates and funders' interests lists
 * (funding_lists.h). Every capacity reader reads both whole, so each
 * total is a plain COUNT under the filters.
 */
#include <inttypes.h>

#include "svc/capacity/cap_common.h"
#include "svc/capacity/funding_lists.h"
#include "svc/svc.h"
#include "util/err.h"

static const struct ccs_keyset_col rate_cols[] = {
	{ "created_at", "r.created_at", CCS_KEYSET_INT, true },
	{ "rate_date", "r.rate_date", CCS_KEYSET_TEXT, true },
	{ "from_ccy", "r.from_ccy", CCS_KEYSET_TEXT, false },
	{ "to_ccy", "r.to_ccy", CCS_KEYSET_TEXT, false },
};

static const char *const rate_text[] = {
	"r.from_ccy", "r.to_ccy", "r.source",
};

static const struct ccs_listq_csvcol rate_csv[] = {
	{ "id", "id", false }, { "from", "from", false },
	{ "to", "to", false }, { "rate", "rate", false },
	{ "rate_date", "rate_date", false }, { "source", "source", false },
	{ "created_by", "created_by", false },
	{ "created_at", "created_at", true },
};

const struct ccs_listq_def ccs_rate_list_def = {
	.name = "exchange_rates",
	.select = "SELECT r.id, r.from_ccy AS \"from\", r.to_ccy AS \"to\", "
	    "r.from_ccy, r.to_ccy, r.rate, r.rate_date, r.source, "
	    "r.created_by, r.created_at",
	.from = "FROM exchange_rates r WHERE 1 = 1",
	.cols = rate_cols, .ncols = sizeof(rate_cols) / sizeof(rate_cols[0]),
	.id_expr = "r.id", .text = rate_text,
	.ntext = sizeof(rate_text) / sizeof(rate_text[0]),
	.date_expr = "r.rate_date", .date_kind = CCS_LISTQ_DAY,
	.csv = rate_csv, .ncsv = sizeof(rate_csv) / sizeof(rate_csv[0]),
};

static const struct ccs_keyset_col interest_cols[] = {
	{ "created_at", "fi.created_at", CCS_KEYSET_INT, false },
	{ "org_name", "o.name", CCS_KEYSET_TEXT, false },
};

static const char *const interest_text[] = {
	"o.name", "COALESCE(o.acronym, '')", "COALESCE(fi.area_code, '')",
	"COALESCE(fi.need_ref, '')", "COALESCE(fi.state_code, '')",
	"COALESCE(fi.note, '')",
};

static const struct ccs_listq_csvcol interest_csv[] = {
	{ "id", "id", false }, { "org_id", "org_id", false },
	{ "funder", "org_name", false }, { "acronym", "org_acronym", false },
	{ "area", "area", false }, { "need", "need", false },
	{ "state", "state", false }, { "note", "note", false },
	{ "created_by", "created_by", false },
	{ "created_at", "created_at", true },
};

const struct ccs_listq_def ccs_interest_list_def = {
	.name = "funder_interests",
	.select = "SELECT fi.id, fi.org_id, o.name AS org_name, o.acronym AS "
	    "org_acronym, fi.area_code AS area, fi.need_ref AS need, "
	    "fi.state_code AS state, fi.note, fi.created_by, fi.created_at",
	.from = "FROM funder_interests fi JOIN organisations o ON o.id = "
	    "fi.org_id WHERE 1 = 1",
	.cols = interest_cols,
	.ncols = sizeof(interest_cols) / sizeof(interest_cols[0]),
	.id_expr = "fi.id", .text = interest_text,
	.ntext = sizeof(interest_text) / sizeof(interest_text[0]),
	.date_expr = "fi.created_at", .date_kind = CCS_LISTQ_UNIX,
	.csv = interest_csv,
	.ncsv = sizeof(interest_csv) / sizeof(interest_csv[0]),
};

/* A query of @p def with q and from/to, or the failure. */
static int
start(const struct ccs_listq_def *def, struct ccs_keyset *ks,
    struct ccs_listq **out, struct ccs_fail *f)
{
	int rc;

	rc = ccs_listq_new(def, ks, out);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	return CCS_OK;
}

/* Finishes @p lq with q and from/to; frees it on failure. */
static int
finish(struct ccs_listq *lq, const char *q, int64_t from, int64_t to,
    struct ccs_listq **out, struct ccs_fail *f)
{
	int rc;

	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

int
ccs_rate_query(const struct ccs_principal *p, struct ccs_keyset *ks,
    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
    struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "read exchange rates");
	rc = start(&ccs_rate_list_def, ks, &lq, f);
	if (rc != CCS_OK)
		return rc;
	return finish(lq, q, from, to, out, f);
}

int
ccs_interest_query(struct ccs_db *db, const struct ccs_principal *p,
    int64_t org, struct ccs_keyset *ks, const char *q, int64_t from,
    int64_t to, struct ccs_listq **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(org);
	struct ccs_listq *lq = NULL;
	int64_t n = 0;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "read funders' interests");
	if (org > 0) {
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM organisations "
		    "WHERE id = $1", &v, 1, &n);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		if (n == 0)
			return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no "
			    "organisation %" PRId64, org);
	}
	rc = start(&ccs_interest_list_def, ks, &lq, f);
	if (rc != CCS_OK)
		return rc;
	if (org > 0)
		ccs_listq_eq(lq, "fi.org_id", CCS_VINT(org));
	return finish(lq, q, from, to, out, f);
}

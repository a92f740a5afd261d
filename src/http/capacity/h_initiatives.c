/*
 * h_initiatives.c: initiatives over HTTP: the paged, filtered list, one
 * initiative, create and change (with the version read), duplicate
 * candidates and the decisions on them.
 */
#include <string.h>

#include "core/validate.h"
#include "http/capacity/handlers.h"
#include "http/listq.h"
#include "http/params.h"
#include "svc/capacity/dup_list.h"
#include "svc/capacity/duplicates.h"
#include "svc/capacity/initiative_list.h"
#include "svc/capacity/initiatives.h"
#include "util/err.h"
#include "util/jsonv.h"
#include "util/str.h"

bool
ccs_page_or_reply(struct ccs_req *r, struct ccs_page *page)
{
	const char *cur = ccs_req_query(r, "cursor");

	page->after = 0;
	if (!ccs_params_limit_or_reply(r, &page->limit))
		return false;
	if (cur != NULL && cur[0] != '\0' && ccs_parse_i64(cur, 0, INT64_MAX,
	    &page->after) != CCS_OK) {
		ccs_reply_error(r, 400, "invalid_cursor", "cursor must be the "
		    "next_cursor of the previous page");
		return false;
	}
	return true;
}

/* An optional integer query argument in [min, max]. */
static bool
qint(struct ccs_req *r, const char *name, int64_t min, int64_t max,
    int64_t *out)
{
	const char *s = ccs_req_query(r, name);
	char msg[96];

	*out = 0;
	if (s == NULL || s[0] == '\0')
		return true;
	if (ccs_parse_i64(s, min, max, out) == CCS_OK)
		return true;
	(void)ccs_snprintf(msg, sizeof(msg), "%s must be a number from %lld "
	    "to %lld", name, (long long)min, (long long)max);
	ccs_reply_error(r, 400, "invalid_filter", msg);
	return false;
}

void
ccs_h_initiatives(struct ccs_req *r)
{
	static const char *const filters[] = {
		"state", "need", "partner", "funder", "status", "year", NULL
	};
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_initiative_filter flt;
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	memset(&flt, 0, sizeof(flt));
	flt.state = ccs_req_query(r, "state");
	flt.need = ccs_req_query(r, "need");
	if (flt.state != NULL && !ccs_valid_iso2(flt.state)) {
		ccs_reply_error(r, 400, "invalid_filter", "state must be a "
		    "two-letter state code");
		return;
	}
	if (!qint(r, "partner", 1, INT64_MAX, &flt.partner) ||
	    !qint(r, "funder", 1, INT64_MAX, &flt.funder) ||
	    !qint(r, "status", 1, 6, &flt.status) ||
	    !qint(r, "year", 1900, 9999, &flt.year) ||
	    !ccs_listq_or_reply(r, &ccs_initiative_list_def, filters, &lr))
		return;
	rc = ccs_initiative_query(&r->who, &flt, lr.ks, lr.q, lr.from, lr.to,
	    &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "initiatives.csv", &f);
}

void
ccs_h_initiative(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_initiative_get(r->db, &r->who, id, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_initiative_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_initiative_create(r->db, &r->who, r->json, r->now, &out, NULL,
	    &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_initiative_update(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_initiative_update(r->db, &r->who, id, r->json, r->now, &out,
	    &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_duplicates(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	if (!ccs_listq_or_reply(r, &ccs_dup_list_def, NULL, &lr))
		return;
	rc = ccs_dup_query(&r->who, lr.ks, lr.q, lr.from, lr.to, &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "duplicates.csv", &f);
}

void
ccs_h_duplicate_decide(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_dup_decide(r->db, &r->who, r->json, r->now, &out, &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

/*
 * h_advisories.c: advisories over HTTP: send, list, read, acknowledge,
 * and the overdue acknowledgements of one's own advisories.
 */
#include <string.h>

#include "core/validate.h"
#include "http/sharing/handlers.h"
#include "http/list.h"
#include "http/params.h"
#include "svc/sharing/advisories.h"
#include "util/err.h"
#include "util/str.h"

static const struct ccs_list_csv_col adv_csv[] = {
	{ "id", "id", CCS_LIST_CSV_INT },
	{ "title", "title", CCS_LIST_CSV_TEXT },
	{ "tlp", "tlp", CCS_LIST_CSV_TEXT },
	{ "severity", "severity", CCS_LIST_CSV_TEXT },
	{ "sender_state", "sender_state", CCS_LIST_CSV_TEXT },
	{ "author", "author", CCS_LIST_CSV_TEXT },
	{ "summary", "summary", CCS_LIST_CSV_TEXT },
	{ "created_at", "created_at", CCS_LIST_CSV_TIME },
	{ "incident_id", "incident_id", CCS_LIST_CSV_INT },
};

void
ccs_h_advisories(struct ccs_req *r)
{
	static const char *const filters[] = { "state", "unacknowledged",
	    NULL };
	struct ccs_adv_filter flt;
	struct ccs_list_req lr;
	struct ccs_fail f = { 0, NULL, "" };
	const char *un = ccs_req_query(r, "unacknowledged");
	json_t *out = NULL;
	int rc;

	memset(&flt, 0, sizeof(flt));
	flt.state = ccs_req_query(r, "state");
	if (flt.state != NULL && !ccs_valid_iso2(flt.state)) {
		ccs_reply_error(r, 400, "invalid_state_code", "state must be a "
		    "two-letter state code");
		return;
	}
	if (un != NULL && strcmp(un, "1") != 0 && strcmp(un, "0") != 0) {
		ccs_reply_error(r, 400, "invalid_unacknowledged",
		    "unacknowledged must be 0 or 1");
		return;
	}
	flt.unacked = un != NULL && strcmp(un, "1") == 0;
	if (!ccs_list_or_reply(r, "advisories", ccs_adv_list_cols,
	    ccs_adv_list_ncols, "t.id", filters, &lr))
		return;
	flt.q = lr.q;
	flt.from = lr.from;
	flt.to = lr.to;
	rc = ccs_adv_list(r->db, &r->who, &flt, lr.ks, lr.csv, r->now, &out,
	    &f);
	ccs_list_req_free(&lr);
	if (rc == CCS_OK && lr.csv) {
		ccs_list_reply_rows_csv(r, out, adv_csv, sizeof(adv_csv) /
		    sizeof(adv_csv[0]), "ccscap-advisories.csv");
		return;
	}
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_advisory(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *adv = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_adv_get(r->db, &r->who, id, r->now, &adv, &f);
	ccs_reply_result(r, 200, rc, adv, &f);
}

void
ccs_h_advisory_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *adv = NULL;
	int rc;

	rc = ccs_adv_create(r->db, &r->who, r->json, r->now, &adv, &f);
	ccs_reply_result(r, 201, rc, adv, &f);
}

void
ccs_h_advisory_ack(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *adv = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_adv_ack(r->db, &r->who, id, r->now, &f);
	if (rc == CCS_OK)
		rc = ccs_adv_get(r->db, &r->who, id, r->now, &adv, &f);
	ccs_reply_result(r, 200, rc, adv, &f);
}

void
ccs_h_advisories_overdue(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *list = NULL;
	int rc;

	rc = ccs_adv_overdue(r->db, &r->who, r->now, &list, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? ccs_items(list) : NULL, &f);
}

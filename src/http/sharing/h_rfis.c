/*
 * h_rfis.c: requests for information over HTTP: ask, list, read with
 * answers, answer, close.
 */
#include <string.h>

#include "http/list.h"
#include "http/sharing/handlers.h"
#include "http/params.h"
#include "svc/sharing/rfis.h"
#include "util/err.h"
#include "util/str.h"

static const struct ccs_list_csv_col rfi_csv[] = {
	{ "id", "id", CCS_LIST_CSV_INT },
	{ "question", "question", CCS_LIST_CSV_TEXT },
	{ "tlp", "tlp", CCS_LIST_CSV_TEXT },
	{ "status", "status", CCS_LIST_CSV_TEXT },
	{ "state", "state", CCS_LIST_CSV_TEXT },
	{ "author", "author", CCS_LIST_CSV_TEXT },
	{ "incident_id", "incident_id", CCS_LIST_CSV_INT },
	{ "value_id", "value_id", CCS_LIST_CSV_INT },
	{ "created_at", "created_at", CCS_LIST_CSV_TIME },
};

void
ccs_h_rfis(struct ccs_req *r)
{
	static const char *const filters[] = { "status", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	const char *status = ccs_req_query(r, "status");
	struct ccs_list_req lr;
	json_t *out = NULL;
	int rc;

	if (status != NULL && strcmp(status, "open") != 0 &&
	    strcmp(status, "closed") != 0) {
		ccs_reply_error(r, 400, "invalid_status", "status must be open "
		    "or closed");
		return;
	}
	if (!ccs_list_or_reply(r, "rfis", ccs_rfi_list_cols,
	    ccs_rfi_list_ncols, "t.id", filters, &lr))
		return;
	rc = ccs_rfi_list(r->db, &r->who, status, lr.q, lr.from, lr.to, lr.ks,
	    lr.csv, &out, &f);
	ccs_list_req_free(&lr);
	if (rc == CCS_OK && lr.csv) {
		ccs_list_reply_rows_csv(r, out, rfi_csv, sizeof(rfi_csv) /
		    sizeof(rfi_csv[0]), "ccscap-rfis.csv");
		return;
	}
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_rfi(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *q = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_rfi_get(r->db, &r->who, id, &q, &f);
	ccs_reply_result(r, 200, rc, q, &f);
}

void
ccs_h_rfi_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *q = NULL;
	int rc;

	rc = ccs_rfi_create(r->db, &r->who, r->json, r->now, &q, &f);
	ccs_reply_result(r, 201, rc, q, &f);
}

void
ccs_h_rfi_answer(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *q = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_rfi_answer(r->db, &r->who, id, r->json, r->now, &f);
	if (rc == CCS_OK)
		rc = ccs_rfi_get(r->db, &r->who, id, &q, &f);
	ccs_reply_result(r, 201, rc, q, &f);
}

void
ccs_h_rfi_close(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *q = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_rfi_close(r->db, &r->who, id, r->now, &f);
	if (rc == CCS_OK)
		rc = ccs_rfi_get(r->db, &r->who, id, &q, &f);
	ccs_reply_result(r, 200, rc, q, &f);
}

/*
 * h_routing.c: constituency claims, their approval, the state queues, and
 * search. Thin: parse, call the service (which applies the policy), reply.
 */
#include <string.h>

#include "http/list.h"
#include "http/params.h"
#include "http/sharing/handlers.h"
#include "svc/sharing/routing.h"
#include "svc/platform/search.h"
#include "util/err.h"
#include "util/str.h"

void
ccs_h_claims(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *list = NULL;
	int rc;

	rc = ccs_claim_list(r->db, &r->who, ccs_req_query(r, "state"),
	    ccs_req_query(r, "status"), &list, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? ccs_items(list) : NULL, &f);
}

void
ccs_h_claim_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *rec = NULL;
	int rc;

	rc = ccs_claim_create(r->db, &r->who, r->json, r->now, &rec, &f);
	ccs_reply_result(r, 201, rc, rec, &f);
}

static void
decide(struct ccs_req *r, bool approve)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *rec = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_claim_decide(r->db, &r->who, id, approve, r->json ?
	    json_string_value(json_object_get(r->json, "reason")) : NULL,
	    r->now, &rec, &f);
	ccs_reply_result(r, 200, rc, rec, &f);
}

void
ccs_h_claim_approve(struct ccs_req *r)
{
	decide(r, true);
}

void
ccs_h_claim_reject(struct ccs_req *r)
{
	decide(r, false);
}

static const struct ccs_list_csv_col queue_csv[] = {
	{ "id", "id", CCS_LIST_CSV_INT },
	{ "state", "state", CCS_LIST_CSV_TEXT },
	{ "tlp", "tlp", CCS_LIST_CSV_TEXT },
	{ "type", "type", CCS_LIST_CSV_TEXT },
	{ "value", "value", CCS_LIST_CSV_TEXT },
	{ "claim_kind", "claim_kind", CCS_LIST_CSV_TEXT },
	{ "claim_value", "claim_value", CCS_LIST_CSV_TEXT },
	{ "reported_by", "reported_by", CCS_LIST_CSV_TEXT },
	{ "seen_at", "seen_at", CCS_LIST_CSV_TIME },
	{ "incident_id", "incident_id", CCS_LIST_CSV_INT },
	{ "routed_at", "created_at", CCS_LIST_CSV_TIME },
	{ "handled_at", "done_at", CCS_LIST_CSV_TIME },
	{ "handled_by", "done_by", CCS_LIST_CSV_TEXT },
};

void
ccs_h_queue(struct ccs_req *r)
{
	static const char *const filters[] = { "state", "all", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	const char *all = ccs_req_query(r, "all");
	struct ccs_queue_filter flt;
	struct ccs_list_req lr;
	json_t *q = NULL;
	int rc;

	if (!ccs_list_or_reply(r, "queue", ccs_queue_list_cols,
	    ccs_queue_list_ncols, "q.id", filters, &lr))
		return;
	memset(&flt, 0, sizeof(flt));
	flt.state = ccs_req_query(r, "state");
	flt.include_done = all != NULL && strcmp(all, "1") == 0;
	flt.q = lr.q;
	flt.from = lr.from;
	flt.to = lr.to;
	rc = ccs_queue_list(r->db, &r->who, &flt, lr.ks, lr.csv, &q, &f);
	ccs_list_req_free(&lr);
	if (rc == CCS_OK && lr.csv) {
		ccs_list_reply_rows_csv(r, q, queue_csv,
		    sizeof(queue_csv) / sizeof(queue_csv[0]),
		    "ccscap-queue.csv");
		return;
	}
	ccs_reply_result(r, 200, rc, q, &f);
}

void
ccs_h_queue_done(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_queue_done(r->db, &r->who, id, r->now, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? json_pack("{sI,sb}", "id",
	    (json_int_t)id, "done", 1) : NULL, &f);
}

static const struct ccs_keyset_col search_cols[] = {
	{ "rank", "rank", CCS_KEYSET_INT, false },
};

/* The CSV of a search: what the page shows of each result. */
static const struct ccs_list_csv_col search_csv[] = {
	{ "rank", "rank", CCS_LIST_CSV_INT },
	{ "kind", "kind", CCS_LIST_CSV_TEXT },
	{ "id", "id", CCS_LIST_CSV_INT },
	{ "title", "title", CCS_LIST_CSV_TEXT },
	{ "excerpt", "excerpt", CCS_LIST_CSV_TEXT },
	{ "tlp", "tlp", CCS_LIST_CSV_TEXT },
	{ "markings", "markings", CCS_LIST_CSV_LIST },
	{ "sightings", "sightings", CCS_LIST_CSV_INT },
	{ "match", "match", CCS_LIST_CSV_TEXT },
	{ "created_at", "created_at", CCS_LIST_CSV_TIME },
};

void
ccs_h_search(struct ccs_req *r)
{
	static const char *const filters[] = { "kind", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	json_t *out = NULL;
	int rc;

	if (!ccs_list_or_reply(r, "search", search_cols, 1, "id", filters,
	    &lr))
		return;
	rc = ccs_search(r->db, &r->who, ccs_req_query(r, "q"),
	    ccs_req_query(r, "kind"), lr.ks, lr.csv, &out, &f);
	ccs_list_req_free(&lr);
	if (rc == CCS_OK && lr.csv) {
		ccs_list_reply_rows_csv(r, out, search_csv, sizeof(search_csv) /
		    sizeof(search_csv[0]), "ccscap-search.csv");
		return;
	}
	ccs_reply_result(r, 200, rc, out, &f);
}

/*
 * h_notify.c: subscriptions, the inbox, and sharing communities over
 * HTTP. Everything here is the caller's own, except communities, which
 * every member reads and coordinators create.
 */
#include <string.h>

#include "http/list.h"
#include "http/platform/handlers.h"
#include "http/params.h"
#include "svc/sharing/communities.h"
#include "svc/platform/notify.h"
#include "util/err.h"
#include "util/str.h"

void
ccs_h_subscriptions(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *list = NULL;
	int rc;

	rc = ccs_sub_list(r->db, &r->who, &list, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? ccs_items(list) : NULL, &f);
}

void
ccs_h_subscription_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *s = NULL;
	int rc;

	rc = ccs_sub_create(r->db, &r->who, r->json, r->now, &s, &f);
	ccs_reply_result(r, 201, rc, s, &f);
}

void
ccs_h_subscription_delete(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_sub_delete(r->db, &r->who, id, r->now, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? json_pack("{s:I, s:b}",
	    "id", (json_int_t)id, "deleted", 1) : NULL, &f);
}

static const struct ccs_list_csv_col inbox_csv[] = {
	{ "id", "id", CCS_LIST_CSV_INT },
	{ "kind", "kind", CCS_LIST_CSV_TEXT },
	{ "ref_id", "ref_id", CCS_LIST_CSV_INT },
	{ "title", "title", CCS_LIST_CSV_TEXT },
	{ "tlp", "tlp", CCS_LIST_CSV_TEXT },
	{ "reason", "reason", CCS_LIST_CSV_TEXT },
	{ "created_at", "created_at", CCS_LIST_CSV_TIME },
	{ "read_at", "read_at", CCS_LIST_CSV_TIME },
};

void
ccs_h_inbox(struct ccs_req *r)
{
	static const char *const filters[] = { "unread", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	const char *unread = ccs_req_query(r, "unread");
	struct ccs_inbox_filter flt;
	struct ccs_list_req lr;
	json_t *out = NULL;
	int rc;

	if (unread != NULL && strcmp(unread, "1") != 0 &&
	    strcmp(unread, "0") != 0) {
		ccs_reply_error(r, 400, "invalid_unread", "unread must be 0 or "
		    "1");
		return;
	}
	if (!ccs_list_or_reply(r, "inbox", ccs_inbox_list_cols,
	    ccs_inbox_list_ncols, "t.id", filters, &lr))
		return;
	flt.unread = ccs_streq(unread, "1");
	flt.q = lr.q;
	flt.from = lr.from;
	flt.to = lr.to;
	rc = ccs_inbox_list(r->db, &r->who, &flt, lr.ks, lr.csv, &out, &f);
	ccs_list_req_free(&lr);
	if (rc == CCS_OK && lr.csv) {
		ccs_list_reply_rows_csv(r, out, inbox_csv, sizeof(inbox_csv) /
		    sizeof(inbox_csv[0]), "ccscap-inbox.csv");
		return;
	}
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_inbox_read(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_inbox_read(r->db, &r->who, id, r->now, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? json_pack("{s:I, s:b}",
	    "id", (json_int_t)id, "read", 1) : NULL, &f);
}

void
ccs_h_communities(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *list = NULL;
	int rc;

	rc = ccs_community_list(r->db, &r->who, &list, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? ccs_items(list) : NULL, &f);
}

void
ccs_h_community_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *c = NULL;
	int rc;

	rc = ccs_community_create(r->db, &r->who, r->json, r->now, &c, &f);
	ccs_reply_result(r, 201, rc, c, &f);
}

/* h_directory.c: the regional directory over HTTP (svc/directory/). */
#include "http/directory/handlers.h"
#include "http/listq.h"
#include "svc/directory/directory.h"
#include "svc/directory/lists.h"
#include "svc/directory/state_cache.h"
#include "util/err.h"
#include "util/str.h"

static bool
flag(const char *v)
{
	return ccs_streq(v, "1") || ccs_streq(v, "true") || ccs_streq(v, "ncpoc");
}

/* The states' CSV: every column a member sees (empty for the public). */
static const struct ccs_list_csv_col state_csv[] = {
	{ "code", "code", CCS_LIST_CSV_TEXT },
	{ "name", "name", CCS_LIST_CSV_TEXT },
	{ "status", "status", CCS_LIST_CSV_TEXT },
	{ "cctld", "cctld", CCS_LIST_CSV_TEXT },
	{ "ncpoc_count", "ncpoc_count", CCS_LIST_CSV_INT },
	{ "e_evidence_count", "e_evidence_count", CCS_LIST_CSV_INT },
	{ "cert_duty_count", "cert_duty_count", CCS_LIST_CSV_INT },
};

void
ccs_h_states(struct ccs_req *r)
{
	static const char *const filters[] = { "gap", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	json_t *out = NULL;
	int rc;

	if (!ccs_list_or_reply(r, "states", ccs_dir_state_cols,
	    ccs_dir_state_ncols, "s.code", filters, &lr))
		return;
	if (lr.from != 0 || lr.to != 0) {
		ccs_reply_error(r, 400, "invalid_date", "the states have no "
		    "date to filter on; leave out from and to");
		goto out;
	}
	rc = ccs_dir_state_list(r->db, &r->who, flag(ccs_req_query(r, "gap")),
	    lr.ks, lr.q, lr.csv, &out, &f);
	if (rc == CCS_OK && lr.csv)
		ccs_list_reply_rows_csv(r, out, state_csv, sizeof(state_csv) /
		    sizeof(state_csv[0]), "states.csv");
	else if (rc == CCS_EINVAL)
		ccs_reply_error(r, 400, f.code, f.message);
	else
		ccs_reply_result(r, 200, rc, out, &f);
out:
	ccs_list_req_free(&lr);
}

void
ccs_h_state(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	char *text = NULL;
	size_t len = 0;
	int rc;

	/* the token was checked in this transaction, on this request */
	rc = ccs_dir_state_text(r->db, r->app->dir_cache, &r->who,
	    ccs_req_param(r, "code"), &text, &len, &f);
	if (rc == CCS_EINVAL)
		f.rc = CCS_ENOTFOUND;
	if (rc != CCS_OK) {
		ccs_reply_fail(r, &f);
		return;
	}
	ccs_reply_json_text(r, 200, text, len);
}

void
ccs_h_orgs(struct ccs_req *r)
{
	static const char *const filters[] = { "kind", "state", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	if (!ccs_listq_or_reply(r, &ccs_dir_org_list_def, filters, &lr))
		return;
	rc = ccs_dir_org_query(&r->who, ccs_req_query(r, "kind"),
	    ccs_req_query(r, "state"), lr.ks, lr.q, lr.from, lr.to, &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "organisations.csv", &f);
}

void
ccs_h_org(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *o = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_dir_org(r->db, &r->who, id, &o, &f);
	ccs_reply_result(r, 200, rc, o, &f);
}

void
ccs_h_org_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *o = NULL;
	int rc;

	rc = ccs_dir_org_create(r->db, &r->who, r->json, r->now, &o, &f);
	ccs_reply_result(r, 201, rc, o, &f);
}

void
ccs_h_contacts(struct ccs_req *r)
{
	static const char *const filters[] = { "state", "role", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	if (!ccs_listq_or_reply(r, &ccs_dir_contact_list_def, filters, &lr))
		return;
	rc = ccs_dir_contact_query(&r->who, ccs_req_query(r, "state"),
	    ccs_req_query(r, "role"), lr.ks, lr.q, lr.from, lr.to, &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "contacts.csv", &f);
}

void
ccs_h_contact(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *c = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_dir_contact(r->db, &r->who, id, &c, &f);
	ccs_reply_result(r, 200, rc, c, &f);
}

void
ccs_h_contact_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *c = NULL;
	int rc;

	rc = ccs_dir_contact_create(r->db, &r->who, r->json, r->now, &c, &f);
	ccs_reply_result(r, 201, rc, c, &f);
}

void
ccs_h_contact_update(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *c = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_dir_contact_update(r->db, &r->who, id, r->json, r->now, &c,
	    &f);
	ccs_reply_result(r, 200, rc, c, &f);
}

void
ccs_h_contact_delete(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_dir_contact_delete(r->db, &r->who, id, r->now, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? json_pack("{s:I, s:b}", "id",
	    (json_int_t)id, "deleted", 1) : NULL, &f);
}

/* h_directory.c: the regional directory over HTTP (svc/directory/). */
#include "http/directory/handlers.h"
#include "svc/directory/directory.h"
#include "util/err.h"
#include "util/str.h"

static bool
flag(const char *v)
{
	return ccs_streq(v, "1") || ccs_streq(v, "true") || ccs_streq(v, "ncpoc");
}

void
ccs_h_states(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *items = NULL;
	int rc;

	rc = ccs_dir_states(r->db, &r->who, flag(ccs_req_query(r, "gap")),
	    &items, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? ccs_items(items) :
	    NULL, &f);
}

void
ccs_h_state(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *st = NULL;
	int rc;

	rc = ccs_dir_state(r->db, &r->who, ccs_req_param(r, "code"), &st, &f);
	if (rc == CCS_EINVAL)
		f.rc = CCS_ENOTFOUND;
	ccs_reply_result(r, 200, rc, st, &f);
}

void
ccs_h_orgs(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *items = NULL;
	int rc;

	rc = ccs_dir_orgs(r->db, &r->who, ccs_req_query(r, "kind"),
	    ccs_req_query(r, "state"), &items, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? ccs_items(items) :
	    NULL, &f);
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
	struct ccs_contact_filter flt;
	struct ccs_fail f = { 0, NULL, "" };
	json_t *items = NULL;
	int rc;

	flt.state = ccs_req_query(r, "state");
	flt.role = ccs_req_query(r, "role");
	flt.q = ccs_req_query(r, "q");
	rc = ccs_dir_contacts(r->db, &r->who, &flt, &items, &f);
	ccs_reply_result(r, 200, rc, rc == CCS_OK ? ccs_items(items) :
	    NULL, &f);
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

/* h_admin.c: account list and audit trail for administrators. */
#include <stdint.h>
#include <string.h>

#include "core/policy.h"
#include "http/platform/handlers.h"
#include "http/listq.h"
#include "http/params.h"
#include "svc/platform/accounts.h"
#include "svc/platform/account_list.h"
#include "svc/platform/admin.h"
#include "svc/platform/audit.h"
#include "util/err.h"
#include "util/str.h"

/* A filter of ?name=: NULL when absent or empty. */
static const char *
filter_param(struct ccs_req *r, const char *name)
{
	const char *v = ccs_req_query(r, name);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

void
ccs_h_users(struct ccs_req *r)
{
	static const char *const filters[] = { "role", "state", "status",
		NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	if (!ccs_listq_or_reply(r, &ccs_user_list_def, filters, &lr))
		return;
	rc = ccs_user_query(&r->who, filter_param(r, "role"),
	    filter_param(r, "state"), filter_param(r, "status"), lr.ks, lr.q,
	    lr.from, lr.to, &lq, &f);
	ccs_listq_serve(r, rc, lq, &lr, "accounts.csv", &f);
}

void
ccs_h_audit(struct ccs_req *r)
{
	static const char *const filters[] = {
		"actor", "action", "entity", "entity_id", "since", "until", NULL
	};
	struct ccs_audit_filter flt;
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	memset(&flt, 0, sizeof(flt));
	flt.actor = filter_param(r, "actor");
	flt.action = filter_param(r, "action");
	flt.entity = filter_param(r, "entity");
	flt.entity_id = filter_param(r, "entity_id");
	if (ccs_params_time(filter_param(r, "since"), &flt.since) != CCS_OK) {
		ccs_reply_error(r, 400, "invalid_since", "since must be a date "
		    "or an RFC 3339 time");
		return;
	}
	if (ccs_params_time(filter_param(r, "until"), &flt.until) != CCS_OK) {
		ccs_reply_error(r, 400, "invalid_until", "until must be a date "
		    "or an RFC 3339 time");
		return;
	}
	if (!ccs_listq_or_reply(r, &ccs_audit_list_def, filters, &lr))
		return;
	rc = ccs_audit_query(&r->who, &flt, lr.ks, lr.q, lr.from, lr.to, &lq,
	    &f);
	ccs_listq_serve(r, rc, lq, &lr, "audit-trail.csv", &f);
}

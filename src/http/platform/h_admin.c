/* h_admin.c: account list and audit trail for administrators. */
#include <stdint.h>
#include <string.h>

#include "core/policy.h"
#include "http/platform/handlers.h"
#include "http/params.h"
#include "svc/platform/accounts.h"
#include "svc/platform/admin.h"
#include "svc/platform/audit.h"
#include "util/err.h"
#include "util/str.h"

void
ccs_h_users(struct ccs_req *r)
{
	json_t *items = NULL;

	if (ccs_policy_check(&r->who, CCS_ACT_USER_ADMIN, NULL) != CCS_OK) {
		ccs_reply_error(r, 403, "forbidden", "only an administrator may "
		    "list accounts");
		return;
	}
	if (ccs_user_list(r->db, &items) != CCS_OK) {
		ccs_reply_error(r, 500, "internal", "cannot list accounts");
		return;
	}
	ccs_reply_json(r, 200, ccs_items(items));
}

/* A filter of ?name=: NULL when absent or empty. */
static const char *
filter_param(struct ccs_req *r, const char *name)
{
	const char *v = ccs_req_query(r, name);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

void
ccs_h_audit(struct ccs_req *r)
{
	struct ccs_audit_filter flt;
	struct ccs_fail f = { 0, NULL, "" };
	const char *cursor = ccs_req_query(r, "cursor");
	json_t *out = NULL;
	int64_t n;
	int rc;

	memset(&flt, 0, sizeof(flt));
	if (!ccs_params_limit_or_reply(r, &n))
		return;
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
	if (cursor != NULL && ccs_params_int(cursor, 1, INT64_MAX, 0,
	    &flt.before) != CCS_OK) {
		ccs_reply_error(r, 400, "invalid_cursor", "cursor must be the "
		    "next_cursor of an earlier page");
		return;
	}
	rc = ccs_audit_query(r->db, &r->who, &flt, n, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

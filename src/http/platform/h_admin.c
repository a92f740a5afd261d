/* h_admin.c: account list and audit trail for administrators. */
#include "core/policy.h"
#include "http/platform/handlers.h"
#include "http/params.h"
#include "svc/platform/accounts.h"
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

void
ccs_h_audit(struct ccs_req *r)
{
	json_t *items = NULL;
	int64_t n;

	if (ccs_policy_check(&r->who, CCS_ACT_AUDIT_READ, NULL) != CCS_OK) {
		ccs_reply_error(r, 403, "forbidden", "only administrators and "
		    "coordinators may read the audit trail");
		return;
	}
	if (!ccs_params_limit_or_reply(r, &n))
		return;
	if (ccs_audit_list(r->db, n, &items) != CCS_OK) {
		ccs_reply_error(r, 500, "internal", "cannot read the audit "
		    "trail");
		return;
	}
	ccs_reply_json(r, 200, ccs_items(items));
}

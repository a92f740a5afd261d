/*
 * h_recipients.c: GET /api/v1/recipients?q= : the accounts a TLP:RED
 * record may name, by name or organisation, for the forms' recipient
 * picker; paged by the list contract (http/list.h), no CSV (a picker,
 * not an export of the user list).
 */
#include "http/list.h"
#include "http/sharing/handlers.h"
#include "svc/sharing/recipients.h"

void
ccs_h_recipients(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	json_t *out = NULL;
	int rc;

	if (!ccs_list_or_reply(r, "recipients", ccs_recipient_cols,
	    ccs_recipient_ncols, "u.id", NULL, &lr))
		return;
	if (lr.csv || lr.from != 0 || lr.to != 0) {
		ccs_list_req_free(&lr);
		ccs_reply_error(r, 400, "invalid_query", "the recipient search "
		    "takes q, sort, order, limit and cursor only");
		return;
	}
	rc = ccs_recipient_search(r->db, &r->who, lr.ks, lr.q, &out, &f);
	ccs_list_req_free(&lr);
	ccs_reply_result(r, 200, rc, out, &f);
}

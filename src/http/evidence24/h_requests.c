/*
 * h_requests.c: the handlers of the preservation requests API. Thin:
 * parse the query, call svc/evidence24 (which applies the policy), reply.
 *
 * The list, a request and its PDF are audited reads (CCS_R_AUDITREAD in
 * routes.c): a view of a request leaves an audit event ("fit for
 * court"), and the router commits it with the answer or gives no answer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format/preservation_pdf.h"
#include "http/evidence24/handlers.h"
#include "http/listq.h"
#include "http/params.h"
#include "http/server.h"
#include "svc/evidence24/figures.h"
#include "svc/evidence24/form.h"
#include "svc/evidence24/moves.h"
#include "svc/evidence24/reads.h"
#include "svc/evidence24/requests.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#include <microhttpd.h>

static bool
overdue_or_reply(struct ccs_req *r, bool *out)
{
	const char *s = ccs_req_query(r, "overdue");

	*out = false;
	if (s == NULL || ccs_streq(s, "false") || ccs_streq(s, "0"))
		return true;
	if (ccs_streq(s, "true") || ccs_streq(s, "1")) {
		*out = true;
		return true;
	}
	ccs_reply_error(r, 400, "invalid_overdue", "overdue must be true or "
	    "false");
	return false;
}

void
ccs_h_pres_list(struct ccs_req *r)
{
	static const char *const filters[] = {
		"state", "side", "status", "overdue", NULL
	};
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_pres_filter flt;
	struct ccs_pres_seen seen;
	struct ccs_list_req lr;
	struct ccs_listq *lq = NULL;
	int rc;

	memset(&flt, 0, sizeof(flt));
	flt.state = ccs_req_query(r, "state");
	flt.side = ccs_req_query(r, "side");
	flt.status = ccs_req_query(r, "status");
	if (!overdue_or_reply(r, &flt.overdue) ||
	    !ccs_listq_or_reply(r, &ccs_pres_list_def, filters, &lr))
		return;
	memset(&seen, 0, sizeof(seen));
	seen.flt = &flt;
	seen.now = r->now;
	seen.csv = lr.csv;
	rc = ccs_pres_query(&r->who, &seen, lr.ks, lr.q, lr.from, lr.to, &lq,
	    &f);
	ccs_listq_serve(r, rc, lq, &lr, "preservation-requests.csv", &f);
}

void
ccs_h_pres_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_pres_create(r->db, &r->who, r->json, r->now, &out, &f);
	ccs_reply_result(r, 201, rc, out, &f);
}

void
ccs_h_pres_get(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_pres_get(r->db, &r->who, id, r->now, true, "json", &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_pres_patch(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_pres_move_apply(r->db, &r->who, id, r->json, r->now, &out,
	    &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_pres_pdf(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct MHD_Response *resp;
	struct ccs_buf b;
	char disp[96];
	size_t len;
	int64_t id;
	char *data;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	ccs_buf_init(&b, CCS_FORM_PDF_MAX);
	rc = ccs_pres_pdf(r->db, &r->who, id, r->now, &b, &f);
	if (rc != CCS_OK) {
		ccs_buf_free(&b);
		ccs_reply_fail(r, &f);
		return;
	}
	len = b.len;
	data = ccs_buf_steal(&b);
	ccs_buf_free(&b);
	resp = data ? MHD_create_response_from_buffer(len, data,
	    MHD_RESPMEM_MUST_FREE) : NULL;
	if (resp == NULL) {
		free(data);
		ccs_reply_error(r, 500, "internal", "cannot send the request");
		return;
	}
	ccs_reply_response(r, 200, resp);
	ccs_reply_header(r, "Content-Type", "application/pdf");
	ccs_reply_header(r, "Cache-Control", "private, no-store");
	if (ccs_snprintf(disp, sizeof(disp), "inline; filename=\"preservation-"
	    "request-%lld.pdf\"", (long long)id) == CCS_OK)
		ccs_reply_header(r, "Content-Disposition", disp);
}

void
ccs_h_pres_figures(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	const char *st = ccs_req_query(r, "state");
	json_t *out = NULL;
	int rc;

	if (st != NULL && (strlen(st) != 2 || st[0] < 'A' || st[0] > 'Z' ||
	    st[1] < 'A' || st[1] > 'Z')) {
		ccs_reply_error(r, 400, "invalid_state", "state must be a "
		    "two-letter ISO code such as JM");
		return;
	}
	rc = ccs_pres_figures(r->db, &r->who, st, 0, INT64_MAX, r->now, &out,
	    &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

/*
 * listq.c: a list declared with svc/listq.h over HTTP (listq.h). The
 * request half is http/list.c's; this file answers: a keyset page, or
 * the CSV built page by page in the service and sent as an attachment
 * (413 export_too_large past CCS_LIST_CSV_MAX, never cut silently).
 */
#include "http/listq.h"
#include "util/err.h"
#include "util/str.h"

bool
ccs_listq_or_reply(struct ccs_req *r, const struct ccs_listq_def *def,
    const char *const *filters, struct ccs_list_req *lr)
{
	return ccs_list_or_reply(r, def->name, def->cols, def->ncols,
	    def->id_expr, filters, lr);
}

static void
fail(struct ccs_req *r, const struct ccs_fail *f)
{
	if (ccs_streq(f->code, "invalid_query") ||
	    ccs_streq(f->code, "invalid_date"))
		ccs_reply_error(r, 400, f->code, f->message);
	else if (ccs_streq(f->code, "export_too_large"))
		ccs_reply_error(r, 413, f->code, f->message);
	else
		ccs_reply_fail(r, f);
}

void
ccs_listq_serve(struct ccs_req *r, int rc, struct ccs_listq *lq,
    struct ccs_list_req *lr, const char *filename,
    const struct ccs_fail *f)
{
	struct ccs_fail f2 = { 0, NULL, "" };
	struct ccs_buf csv;
	json_t *page = NULL;

	if (rc != CCS_OK) {
		fail(r, f);
		goto out;
	}
	if (!lr->csv) {
		rc = ccs_listq_page(r->db, lq, &page, &f2);
		if (rc != CCS_OK)
			fail(r, &f2);
		else
			ccs_reply_json(r, 200, page);
		goto out;
	}
	ccs_buf_init(&csv, CCS_LIST_CSV_MAX);
	rc = ccs_listq_csv(r->db, lq, &csv, &f2);
	if (rc != CCS_OK)
		fail(r, &f2);
	else
		ccs_list_reply_csv(r, &csv, filename);
	ccs_buf_free(&csv);
out:
	ccs_listq_free(lq);
	ccs_list_req_free(lr);
}

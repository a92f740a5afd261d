/* h_lessons.c: lessons learnt over HTTP: record, list, read. */
#include "http/list.h"
#include "http/sharing/handlers.h"
#include "http/params.h"
#include "svc/sharing/lessons.h"
#include "util/err.h"
#include "util/str.h"

static const struct ccs_list_csv_col lesson_csv[] = {
	{ "id", "id", CCS_LIST_CSV_INT },
	{ "title", "title", CCS_LIST_CSV_TEXT },
	{ "tlp", "tlp", CCS_LIST_CSV_TEXT },
	{ "state", "state", CCS_LIST_CSV_TEXT },
	{ "author", "author", CCS_LIST_CSV_TEXT },
	{ "what_happened", "what_happened", CCS_LIST_CSV_TEXT },
	{ "what_worked", "what_worked", CCS_LIST_CSV_TEXT },
	{ "what_to_change", "what_to_change", CCS_LIST_CSV_TEXT },
	{ "created_at", "created_at", CCS_LIST_CSV_TIME },
};

void
ccs_h_lessons(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_list_req lr;
	json_t *out = NULL;
	int rc;

	if (!ccs_list_or_reply(r, "lessons", ccs_lesson_list_cols,
	    ccs_lesson_list_ncols, "t.id", NULL, &lr))
		return;
	rc = ccs_lesson_list(r->db, &r->who, lr.q, lr.from, lr.to, lr.ks,
	    lr.csv, &out, &f);
	ccs_list_req_free(&lr);
	if (rc == CCS_OK && lr.csv) {
		ccs_list_reply_rows_csv(r, out, lesson_csv, sizeof(lesson_csv) /
		    sizeof(lesson_csv[0]), "ccscap-lessons.csv");
		return;
	}
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_lesson(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *l = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	rc = ccs_lesson_get(r->db, &r->who, id, &l, &f);
	ccs_reply_result(r, 200, rc, l, &f);
}

void
ccs_h_lesson_create(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *l = NULL;
	int rc;

	rc = ccs_lesson_create(r->db, &r->who, r->json, r->now, &l, &f);
	ccs_reply_result(r, 201, rc, l, &f);
}

/*
 * crisis_common.c: access to one crisis and the page shape of the crisis
 * lists (see crisis_common.h).
 *
 * Access is decided in two steps: the policy table (the crisis's state
 * for the national team, regional for the RIFC) and then the one rule
 * the table cannot hold, that the RIFC comes in only at escalation or
 * when it declared the crisis itself. Both refusals give not_found.
 */
#include <inttypes.h>
#include <string.h>

#include "svc/crisis/crisis_common.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#define CRISIS_ROW "SELECT id, state_code AS state, title, status, " \
	"severity, sitrep_hours, marking_id, rifc_declared, escalated_at, " \
	"declared_at, version FROM crises WHERE id = $1"

int
ccs_crisis_denied(struct ccs_fail *f, int rc, const char *what)
{
	if (rc == CCS_EAUTH)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "%s", what);
	return ccs_fail(f, rc, "forbidden", "only a state's national team "
	    "(NCPOC, CERT) and the RIFC may %s", what);
}

enum ccs_crisis_status
ccs_crisis_row_status(const json_t *row)
{
	enum ccs_crisis_status st = CCS_CRISIS_REVIEWED;

	(void)ccs_crisis_status_parse(ccs_jstr(row, "status"), &st);
	return st;
}

int
ccs_crisis_load(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, bool write, json_t **row, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *r = NULL;
	bool rifc_in;
	int rc;

	*row = NULL;
	rc = ccs_db_query_one(db, CRISIS_ROW, &v, 1, &r);
	if (rc == CCS_ENOTFOUND)
		goto hidden;
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	rc = ccs_policy_check(p, write ? CCS_ACT_CRISIS_WRITE :
	    CCS_ACT_CRISIS_READ, ccs_jstr(r, "state"));
	if (rc == CCS_EAUTH) {
		json_decref(r);
		return ccs_crisis_denied(f, rc, "see crises");
	}
	if (rc != CCS_OK)
		goto hidden;
	rifc_in = json_integer_value(json_object_get(r, "rifc_declared")) ||
	    json_is_integer(json_object_get(r, "escalated_at"));
	if (!p->system && p->role == CCS_ROLE_RIFC_ANALYST && !rifc_in)
		goto hidden;
	*row = r;
	return CCS_OK;
hidden:
	json_decref(r);
	return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no crisis %" PRId64,
	    id);
}

int
ccs_crisis_load_open(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, bool need_open, json_t **row, struct ccs_fail *f)
{
	int rc;

	rc = ccs_crisis_load(db, p, id, true, row, f);
	if (rc != CCS_OK || !need_open ||
	    ccs_crisis_open(ccs_crisis_row_status(*row)))
		return rc;
	rc = ccs_fail(f, CCS_ECONFLICT, "crisis_closed", "crisis %" PRId64
	    " is %s: its log, team, tasks and reports are closed", id,
	    ccs_jstr(*row, "status"));
	json_decref(*row);
	*row = NULL;
	return rc;
}

int
ccs_crisis_page_of(json_t *rows, const struct ccs_crisis_page *pg,
    int64_t total, json_t **out, struct ccs_fail *f)
{
	json_t *last;
	bool more;

	*out = NULL;
	if (rows == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	more = (int64_t)json_array_size(rows) > pg->limit;
	if (more)
		(void)json_array_remove(rows, json_array_size(rows) - 1);
	last = json_array_get(rows, json_array_size(rows) - 1);
	*out = json_pack("{s:o, s:I, s:I, s:o}", "items", rows, "count",
	    (json_int_t)json_array_size(rows), "total", (json_int_t)total,
	    "next_cursor", more && last != NULL ? json_sprintf("%" PRId64,
	    (int64_t)json_integer_value(json_object_get(last, "id"))) :
	    json_null());
	if (*out == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

void
ccs_crisis_words(const struct ccs_vocab *v, char *out, size_t size)
{
	struct ccs_buf b;
	size_t i;
	int rc = CCS_OK;

	ccs_buf_init(&b, size - 1);
	for (i = 0; i < v->nwords && rc == CCS_OK; i++)
		rc = ccs_buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 ==
		    v->nwords ? " or " : ", ", v->words[i].key);
	(void)ccs_strlcpy(out, rc == CCS_OK ? ccs_buf_str(&b) : "", size);
	ccs_buf_free(&b);
}

int
ccs_crisis_contact_known(struct ccs_db *db, int64_t contact,
    const char *what, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(contact);
	int64_t n = 0;
	int rc;

	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM contacts WHERE id = "
	    "$1", &v, 1, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (n == 0)
		return ccs_fail(f, CCS_EINVAL, "unknown_contact", "%s: no "
		    "person %" PRId64 " in the directory", what, contact);
	return CCS_OK;
}

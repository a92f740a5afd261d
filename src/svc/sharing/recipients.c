/*
 * recipients.c: the recipient picker's search (recipients.h). One keyset
 * query over active accounts joined to their organisation; the total is
 * the same filters counted. Non-goal: ranking by relevance (the list is
 * sorted by name; the words narrow it).
 */
#include <string.h>

#include "svc/sharing/recipients.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"

#define MAXP	24	/* bound parameters of one query */

const struct ccs_keyset_col ccs_recipient_cols[] = {
	{ "name", "u.display_name", CCS_KEYSET_TEXT, false },
	{ "organisation", "COALESCE(o.name, '')", CCS_KEYSET_TEXT, false },
};
const size_t ccs_recipient_ncols = sizeof(ccs_recipient_cols) /
    sizeof(ccs_recipient_cols[0]);

static const char *const words_in[] = { "u.display_name",
    "COALESCE(o.name, '')", "u.login" };

#define FROM	" FROM users u LEFT JOIN organisations o ON o.id = " \
	"u.organisation_id WHERE u.disabled = 0 AND u.id <> $1"

int
ccs_recipient_search(struct ccs_db *db, const struct ccs_principal *p,
    struct ccs_keyset *ks, const char *q, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v[MAXP];
	struct ccs_buf sql, cnt;
	json_t *rows = NULL;
	int64_t total = 0;
	size_t np = 1, nc;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_SHARE_WRITE, p->state);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden", "your role does "
		    "not share records, so it names no recipients");
	ccs_buf_init(&sql, 1u << 14);
	ccs_buf_init(&cnt, 1u << 14);
	v[0] = CCS_VINT(p->user_id);
	rc = ccs_buf_printf(&sql, "SELECT u.id, u.login, u.display_name AS "
	    "name, COALESCE(o.name, '') AS organisation, u.state_code AS "
	    "state, u.role" FROM);
	if (rc == CCS_OK)
		rc = ccs_keyset_words(ks, &sql, q, words_in, 3, v, &np, MAXP);
	if (rc == CCS_EINVAL) {
		rc = ccs_fail(f, rc, "invalid_query", "q: at most %d words",
		    CCS_KEYSET_WORDS);
		goto out;
	}
	nc = np;
	if (rc == CCS_OK)
		rc = ccs_buf_printf(&cnt, "SELECT COUNT(*)" FROM "%s",
		    strstr(ccs_buf_str(&sql), FROM) + strlen(FROM));
	if (rc == CCS_OK)
		rc = ccs_keyset_where(ks, &sql, v, &np, MAXP);
	if (rc == CCS_OK)
		rc = ccs_keyset_order(ks, &sql);
	if (rc == CCS_OK && np < MAXP) {
		v[np] = CCS_VINT(ccs_keyset_fetch(ks));
		np++;
		rc = ccs_buf_printf(&sql, " LIMIT $%zu", np);
	}
	if (rc != CCS_OK) {
		rc = ccs_fail(f, rc, "internal", "the search could not be "
		    "built");
		goto out;
	}
	rc = ccs_db_query_int(db, ccs_buf_str(&cnt), v, nc, &total);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, ccs_buf_str(&sql), v, np, &rows);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	rc = ccs_keyset_reply(ks, rows, total, out);
	rows = NULL;
	if (rc != CCS_OK)
		rc = ccs_fail(f, rc, "internal", "the page could not be made");
out:
	json_decref(rows);
	ccs_buf_free(&sql);
	ccs_buf_free(&cnt);
	return rc;
}

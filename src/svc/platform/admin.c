/*
 * admin.c: the audit trail for the administration pages (a contract list,
 * svc/listq.h: filtered, sorted, keyset pages on seq, a total, CSV), the
 * chain check, and API tokens listed and revoked.
 *
 * The filters become a WHERE clause of fixed pieces with numbered
 * parameters, never text from the request; an action ending in "." is a
 * prefix ("user." is every account event), compared with substr() and a
 * length written as a number, so the SQL is the same on SQLite and
 * PostgreSQL. Non-goal: searching inside the digests (they are hashes).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "svc/platform/admin.h"
#include "svc/platform/audit.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#define AUDIT_COLS "seq, at, actor, action, entity, entity_id, digest, hash"

/* Sorts: newest first by default; seq is the id of an event. */
static const struct ccs_keyset_col audit_cols[] = {
	{ "seq", "seq", CCS_KEYSET_INT, true },
	{ "at", "at", CCS_KEYSET_INT, true },
	{ "actor", "actor", CCS_KEYSET_TEXT, false },
	{ "action", "action", CCS_KEYSET_TEXT, false },
	{ "entity", "entity", CCS_KEYSET_TEXT, false },
};

static const char *const audit_text[] = {
	"actor", "action", "entity", "entity_id",
};

static const struct ccs_listq_csvcol audit_csv[] = {
	{ "seq", "seq", false }, { "at", "at", true },
	{ "actor", "actor", false }, { "action", "action", false },
	{ "entity", "entity", false }, { "entity_id", "entity_id", false },
	{ "digest", "digest", false }, { "hash", "hash", false },
};

const struct ccs_listq_def ccs_audit_list_def = {
	.name = "audit", .select = "SELECT seq AS id, " AUDIT_COLS,
	.from = "FROM audit_events WHERE 1 = 1",
	.cols = audit_cols,
	.ncols = sizeof(audit_cols) / sizeof(audit_cols[0]),
	.id_expr = "seq", .text = audit_text,
	.ntext = sizeof(audit_text) / sizeof(audit_text[0]),
	.date_expr = "at", .date_kind = CCS_LISTQ_UNIX,
	.csv = audit_csv, .ncsv = sizeof(audit_csv) / sizeof(audit_csv[0]),
};

int
ccs_audit_query(const struct ccs_principal *p,
    const struct ccs_audit_filter *flt, struct ccs_keyset *ks,
    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
    struct ccs_fail *f)
{
	size_t alen = flt->action != NULL ? strlen(flt->action) : 0;
	struct ccs_listq *lq = NULL;
	size_t n;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_AUDIT_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "forbidden", "only administrators and "
		    "coordinators may read the audit trail");
	rc = ccs_listq_new(&ccs_audit_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	ccs_listq_eq(lq, "actor", CCS_VTEXT(flt->actor));
	if (alen > 0 && flt->action[alen - 1] == '.') {
		n = ccs_listq_param(lq, CCS_VTEXT(flt->action));
		ccs_listq_where(lq, " AND substr(action, 1, %zu) = $%zu", alen,
		    n);
	} else if (alen > 0) {
		ccs_listq_eq(lq, "action", CCS_VTEXT(flt->action));
	}
	ccs_listq_eq(lq, "entity", CCS_VTEXT(flt->entity));
	ccs_listq_eq(lq, "entity_id", CCS_VTEXT(flt->entity_id));
	if (flt->since > 0) {
		n = ccs_listq_param(lq, CCS_VINT(flt->since));
		ccs_listq_where(lq, " AND at >= $%zu", n);
	}
	if (flt->until > 0) {
		n = ccs_listq_param(lq, CCS_VINT(flt->until));
		ccs_listq_where(lq, " AND at < $%zu", n);
	}
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

int
ccs_audit_check(struct ccs_db *db, const struct ccs_principal *p,
    json_t **out, struct ccs_fail *f)
{
	struct ccs_audit_report rep;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_AUDIT_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "forbidden", "only administrators and "
		    "coordinators may check the audit trail");
	rc = ccs_audit_verify(db, &rep);
	if (rc != CCS_OK && rc != CCS_ECORRUPT)
		return ccs_dbfail(f, db, rc);
	*out = json_pack("{s:b, s:I, s:I, s:s}", "intact", rc == CCS_OK,
	    "events", (json_int_t)rep.events, "bad_seq",
	    (json_int_t)rep.bad_seq, "reason", rep.reason);
	if (*out == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

/* Whether @p p may see and change the tokens of user @p login. */
static int
token_owner_ok(const struct ccs_principal *p, const char *login,
    struct ccs_fail *f)
{
	if (p->user_id > 0 && ccs_streq(p->login, login))
		return CCS_OK;
	if (ccs_policy_check(p, CCS_ACT_USER_ADMIN, NULL) == CCS_OK)
		return CCS_OK;
	return ccs_fail(f, CCS_EPERM, "forbidden", "only an administrator "
	    "manages the API tokens of other accounts");
}

/* A token's tokens list: newest first by default. */
static const struct ccs_keyset_col token_cols[] = {
	{ "created_at", "t.created_at", CCS_KEYSET_INT, true },
	{ "name", "t.name", CCS_KEYSET_TEXT, false },
	{ "expires_at", "t.expires_at", CCS_KEYSET_INT, false },
};

static const char *const token_text[] = { "t.name" };

/* Never the secret: the table holds only its hash, not selected. */
static const struct ccs_listq_csvcol token_csv[] = {
	{ "id", "id", false }, { "name", "name", false },
	{ "created_at", "created_at", true },
	{ "expires_at", "expires_at", true },
	{ "revoked", "revoked", false }, { "active", "active", false },
};

const struct ccs_listq_def ccs_apitoken_list_def = {
	.name = "api-tokens",
	.select = "SELECT t.id, t.name, t.created_at, t.expires_at, "
	    "t.revoked",
	.from = "FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE "
	    "1 = 1",
	.cols = token_cols, .ncols = sizeof(token_cols) / sizeof(token_cols[0]),
	.id_expr = "t.id", .text = token_text,
	.ntext = sizeof(token_text) / sizeof(token_text[0]),
	.date_expr = "t.created_at", .date_kind = CCS_LISTQ_UNIX,
	.csv = token_csv, .ncsv = sizeof(token_csv) / sizeof(token_csv[0]),
};

/* "active" (1/0) at the request's time @p now (text). */
static void
token_active(json_t *t, const char *now)
{
	int64_t exp = json_integer_value(json_object_get(t, "expires_at"));

	(void)json_object_set_new(t, "active", json_integer(
	    json_integer_value(json_object_get(t, "revoked")) == 0 &&
	    (exp == 0 || exp > strtoll(now, NULL, 10)) ? 1 : 0));
}

int
ccs_apitoken_query(struct ccs_db *db, const struct ccs_principal *p,
    const char *login, int64_t now, struct ccs_keyset *ks, const char *q,
    int64_t from, int64_t to, struct ccs_listq **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VTEXT(login);
	struct ccs_listq *lq = NULL;
	char t[24];
	int64_t uid;
	int rc;

	*out = NULL;
	rc = token_owner_ok(p, login, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_int(db, "SELECT id FROM users WHERE login = $1", &v,
	    1, &uid);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no user with login '%s'",
		    login);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	rc = ccs_listq_new(&ccs_apitoken_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	ccs_listq_eq(lq, "t.user_id", CCS_VINT(uid));
	(void)ccs_snprintf(t, sizeof(t), "%" PRId64, now);
	ccs_listq_present(lq, token_active, t);
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

int
ccs_apitoken_revoke(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, int64_t now, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *row = NULL;
	int rc;

	rc = ccs_db_query_one(db, "SELECT u.login, t.revoked FROM api_tokens t "
	    "JOIN users u ON u.id = t.user_id WHERE t.id = $1", &v, 1, &row);
	if (rc == CCS_ENOTFOUND || (rc == CCS_OK && token_owner_ok(p,
	    ccs_jstr(row, "login"), f) != CCS_OK)) {
		/* another's token is answered as a missing one */
		json_decref(row);
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no API token %"
		    PRId64, id);
	}
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (json_integer_value(json_object_get(row, "revoked")) != 0) {
		json_decref(row);
		return ccs_fail(f, CCS_ECONFLICT, "already_revoked", "API "
		    "token %" PRId64 " is already revoked", id);
	}
	json_decref(row);
	rc = ccs_db_exec(db, "UPDATE api_tokens SET revoked = 1 WHERE id = $1",
	    &v, 1, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "token.revoke", "api_token", id,
		    NULL, now);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

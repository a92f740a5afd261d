/*
 * admin.c: the audit trail for the administration pages (filtered, paged
 * by a cursor on seq, with the total), the chain check, and API tokens
 * listed and revoked.
 *
 * The filters become a WHERE clause of fixed pieces with numbered
 * parameters, never text from the request; an action ending in "." is a
 * prefix ("user." is every account event), compared with substr() and a
 * length written as a number, so the SQL is the same on SQLite and
 * PostgreSQL. Non-goal: searching inside the digests (they are hashes).
 */
#include <inttypes.h>
#include <string.h>

#include "svc/platform/admin.h"
#include "svc/platform/audit.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#define AUDIT_COLS "seq, at, actor, action, entity, entity_id, digest, hash"
#define AUDIT_SQL_MAX 1024

/* Appends " AND <lhs>$n" with parameter $n for @p val to @p where. */
static int
cond(struct ccs_buf *where, struct ccs_val *v, size_t *n, const char *lhs,
    struct ccs_val val)
{
	int rc;

	rc = ccs_buf_printf(where, "%s%s$%zu", *n == 0 ? " WHERE " : " AND ",
	    lhs, *n + 1);
	if (rc == CCS_OK)
		v[(*n)++] = val;
	return rc;
}

/* The WHERE clause of @p flt (without the cursor unless @p cursor). */
static int
where_of(const struct ccs_audit_filter *flt, bool cursor,
    struct ccs_buf *where, struct ccs_val *v, size_t *n)
{
	size_t alen = flt->action != NULL ? strlen(flt->action) : 0;
	int rc = CCS_OK;
	char piece[64];

	*n = 0;
	if (flt->actor != NULL)
		rc = cond(where, v, n, "actor = ", CCS_VTEXT(flt->actor));
	if (rc == CCS_OK && alen > 0 && flt->action[alen - 1] == '.') {
		rc = ccs_snprintf(piece, sizeof(piece), "substr(action, 1, "
		    "%zu) = ", alen);
		if (rc == CCS_OK)
			rc = cond(where, v, n, piece, CCS_VTEXT(flt->action));
	} else if (rc == CCS_OK && alen > 0) {
		rc = cond(where, v, n, "action = ", CCS_VTEXT(flt->action));
	}
	if (rc == CCS_OK && flt->entity != NULL)
		rc = cond(where, v, n, "entity = ", CCS_VTEXT(flt->entity));
	if (rc == CCS_OK && flt->entity_id != NULL)
		rc = cond(where, v, n, "entity_id = ",
		    CCS_VTEXT(flt->entity_id));
	if (rc == CCS_OK && flt->since > 0)
		rc = cond(where, v, n, "at >= ", CCS_VINT(flt->since));
	if (rc == CCS_OK && flt->until > 0)
		rc = cond(where, v, n, "at < ", CCS_VINT(flt->until));
	if (rc == CCS_OK && cursor && flt->before > 0)
		rc = cond(where, v, n, "seq < ", CCS_VINT(flt->before));
	return rc;
}

int
ccs_audit_query(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_audit_filter *flt, int64_t limit, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_buf sql;
	struct ccs_val v[9];
	json_t *items = NULL, *last;
	int64_t total = 0;
	size_t n;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_AUDIT_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "forbidden", "only administrators and "
		    "coordinators may read the audit trail");
	ccs_buf_init(&sql, AUDIT_SQL_MAX);
	rc = ccs_buf_adds(&sql, "SELECT COUNT(*) FROM audit_events");
	if (rc == CCS_OK)
		rc = where_of(flt, false, &sql, v, &n);
	if (rc == CCS_OK)
		rc = ccs_db_query_int(db, ccs_buf_str(&sql), v, n, &total);
	if (rc == CCS_OK) {
		ccs_buf_reset(&sql);
		rc = ccs_buf_adds(&sql, "SELECT " AUDIT_COLS " FROM "
		    "audit_events");
	}
	if (rc == CCS_OK)
		rc = where_of(flt, true, &sql, v, &n);
	if (rc == CCS_OK) {
		rc = ccs_buf_printf(&sql, " ORDER BY seq DESC LIMIT $%zu",
		    n + 1);
		v[n++] = CCS_VINT(limit + 1);
	}
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, ccs_buf_str(&sql), v, n, &items);
	ccs_buf_free(&sql);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	/* One row more than asked tells whether a next page exists. */
	last = NULL;
	if ((int64_t)json_array_size(items) > limit) {
		(void)json_array_remove(items, (size_t)limit);
		last = json_array_get(items, (size_t)limit - 1);
	}
	*out = json_pack("{s:o, s:I, s:I, s:o}", "items", items, "count",
	    (json_int_t)json_array_size(items), "total", (json_int_t)total,
	    "next_cursor", last != NULL ? json_sprintf("%" PRId64,
	    (int64_t)json_integer_value(json_object_get(last, "seq"))) :
	    json_null());
	if (*out == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
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

int
ccs_apitoken_list(struct ccs_db *db, const struct ccs_principal *p,
    const char *login, int64_t now, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v[2] = { CCS_VTEXT(login), CCS_VINT(now) };
	int64_t uid;
	int rc;

	*out = NULL;
	rc = token_owner_ok(p, login, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_int(db, "SELECT id FROM users WHERE login = $1", v,
	    1, &uid);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no user with login '%s'",
		    login);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT t.id, t.name, t.created_at, "
		    "t.expires_at, t.revoked, CASE WHEN t.revoked = 0 AND "
		    "(t.expires_at = 0 OR t.expires_at > $2) THEN 1 ELSE 0 END "
		    "AS active FROM api_tokens t JOIN users u ON u.id = "
		    "t.user_id WHERE u.login = $1 ORDER BY t.created_at DESC, "
		    "t.id DESC", v, 2, out);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
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

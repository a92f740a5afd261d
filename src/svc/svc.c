/*
 * svc.c: the helpers every service uses (svc.h).
 *
 * ccs_audit_record is the one place that turns an entity id into the
 * audit trail's text and names the actor, so a service's audited write
 * reads as one call.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "core/validate.h"
#include "svc/platform/audit.h"
#include "svc/svc.h"
#include "util/err.h"

const char *
ccs_actor(const struct ccs_principal *p)
{
	return p->login[0] ? p->login : "system";
}

int
ccs_dbfail(struct ccs_fail *f, struct ccs_db *db, int rc)
{
	if (rc == CCS_EUNAVAIL)
		return ccs_fail(f, rc, "database_unavailable", "the database "
		    "cannot be reached; try again in a few seconds");
	return ccs_fail(f, rc == CCS_EBUSY ? rc : CCS_EDB, "internal",
	    "store: %s", ccs_db_errmsg(db));
}

const char *
ccs_jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

int
ccs_state_exists(struct ccs_db *db, const char *code, bool *exists)
{
	struct ccs_val v = CCS_VTEXT(code);
	int64_t n = 0;
	int rc;

	*exists = false;
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM states WHERE code = "
	    "$1", &v, 1, &n);
	if (rc == CCS_OK)
		*exists = n > 0;
	return rc;
}

int
ccs_state_known(struct ccs_db *db, const char *code, const char *what,
    struct ccs_fail *f)
{
	bool known;
	int rc;

	if (!ccs_valid_iso2(code))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code",
		    "%s must be a two-letter state code such as JM", what);
	rc = ccs_state_exists(db, code, &known);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (!known)
		return ccs_fail(f, CCS_EINVAL, "unknown_state",
		    "%s: state '%s' is not in the directory", what, code);
	return CCS_OK;
}

int
ccs_audit_record(struct ccs_db *db, const struct ccs_principal *p,
    const char *action, const char *entity, int64_t id,
    const json_t *change, int64_t now)
{
	return ccs_audit_recordf(db, p, action, entity, change, now,
	    "%" PRId64, id);
}

int
ccs_audit_recordf(struct ccs_db *db, const struct ccs_principal *p,
    const char *action, const char *entity, const json_t *change,
    int64_t now, const char *idfmt, ...)
{
	char id[128];
	va_list ap;
	int n;

	va_start(ap, idfmt);
	n = vsnprintf(id, sizeof(id), idfmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(id))
		return CCS_EINVAL;
	return ccs_audit_append(db, ccs_actor(p), action, entity, id, change,
	    now);
}

int
ccs_meta_backfill(struct ccs_db *db, const char *key,
    int (*rebuild)(struct ccs_db *), bool *done)
{
	struct ccs_val v = CCS_VTEXT(key);
	int64_t n = 0;
	int rc;

	*done = false;
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM meta WHERE k = $1",
	    &v, 1, &n);
	if (rc != CCS_OK || n == 0)
		return rc;
	rc = ccs_db_begin(db, true);
	if (rc != CCS_OK)
		return rc;
	/* again under the write lock: another process may have done it */
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM meta WHERE k = $1",
	    &v, 1, &n);
	if (rc == CCS_OK && n > 0)
		rc = rebuild(db);
	if (rc == CCS_OK && n > 0)
		rc = ccs_db_exec(db, "DELETE FROM meta WHERE k = $1", &v, 1,
		    NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_commit(db);
	if (rc != CCS_OK) {
		ccs_db_rollback(db);
		return rc;
	}
	*done = n > 0;
	return CCS_OK;
}

/*
 * crisis_team.c: the crisis team roster (see crisis_team.h). The team is
 * small and bounded (CCS_CRISIS_TEAM_MAX), so the crisis carries it whole
 * (svc/crisis/crises.c) rather than as a page.
 */
#include <inttypes.h>

#include "svc/crisis/crisis_common.h"
#include "svc/crisis/crisis_team.h"
#include "svc/svc.h"
#include "util/err.h"

const struct ccs_jfield ccs_crisis_member_fields[] = {
	{ "contact_id", CCS_J_INT, true, 0, 0 },
	{ "role", CCS_J_STRING, true, 1, 20 },
};
const size_t ccs_crisis_member_nfields = sizeof(ccs_crisis_member_fields) /
    sizeof(ccs_crisis_member_fields[0]);

int
ccs_crisis_member_add(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	int64_t contact = json_integer_value(json_object_get(body,
	    "contact_id")), n = 0, mid = 0;
	const char *role = ccs_jstr(body, "role");
	struct ccs_val v[5];
	json_t *c = NULL;
	char allowed[120];
	int rc;

	*out = NULL;
	rc = ccs_crisis_load_open(db, p, id, true, &c, f);
	json_decref(c);
	if (rc != CCS_OK)
		return rc;
	if (!ccs_vocab_has(&ccs_crisis_roles, role)) {
		ccs_crisis_words(&ccs_crisis_roles, allowed, sizeof(allowed));
		return ccs_fail(f, CCS_EINVAL, "invalid_role", "role must be "
		    "%s", allowed);
	}
	rc = ccs_crisis_contact_known(db, contact, "contact_id", f);
	if (rc != CCS_OK)
		return rc;
	v[0] = CCS_VINT(id);
	v[1] = CCS_VINT(contact);
	v[2] = CCS_VTEXT(role);
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM crisis_team WHERE "
	    "crisis_id = $1 AND contact_id = $2 AND role = $3", v, 3, &n);
	if (rc == CCS_OK && n > 0)
		return ccs_fail(f, CCS_ECONFLICT, "already_member",
		    "contact_id: person %" PRId64 " is already on the team as "
		    "%s", contact, role);
	if (rc == CCS_OK)
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM crisis_team "
		    "WHERE crisis_id = $1", v, 1, &n);
	if (rc == CCS_OK && n >= CCS_CRISIS_TEAM_MAX)
		return ccs_fail(f, CCS_EINVAL, "team_full", "a crisis team has "
		    "at most %d members", CCS_CRISIS_TEAM_MAX);
	v[3] = CCS_VTEXT(ccs_actor(p));
	v[4] = CCS_VINT(now);
	if (rc == CCS_OK)
		rc = ccs_db_query_int(db, "INSERT INTO crisis_team (crisis_id, "
		    "contact_id, role, added_by, added_at) VALUES ($1, $2, $3, "
		    "$4, $5) RETURNING id", v, 5, &mid);
	if (rc == CCS_OK)
		rc = ccs_audit_recordf(db, p, "crisis.team_add", "crisis_team",
		    body, now, "%" PRId64 "/%" PRId64, id, mid);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT t.id, t.role, "
		    "t.contact_id, k.name, k.title AS job_title, k.email, "
		    "k.phone, k.state_code AS state, t.added_by, t.added_at "
		    "FROM crisis_team t JOIN contacts k ON k.id = t.contact_id "
		    "WHERE t.crisis_id = $1 ORDER BY t.id", v, 1, out);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

int
ccs_crisis_member_remove(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, int64_t member, int64_t now, struct ccs_fail *f)
{
	struct ccs_val v[2] = { CCS_VINT(id), CCS_VINT(member) };
	json_t *c = NULL;
	int64_t n = 0;
	int rc;

	rc = ccs_crisis_load_open(db, p, id, true, &c, f);
	json_decref(c);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM crisis_team WHERE "
	    "crisis_id = $1 AND id = $2", v, 2, &n);
	if (rc == CCS_OK && n == 0)
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no member %"
		    PRId64 " on the team of crisis %" PRId64, member, id);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "DELETE FROM crisis_team WHERE "
		    "crisis_id = $1 AND id = $2", v, 2, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_audit_recordf(db, p, "crisis.team_remove",
		    "crisis_team", NULL, now, "%" PRId64 "/%" PRId64, id,
		    member);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

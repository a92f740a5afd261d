/*
 * communities.c: sharing communities. Members are organisations (by id)
 * and states (by code). A community changed later does not change who
 * reads records already shared with it: markings hold the resolved lists.
 * Communities cannot be edited or removed yet (not needed by issue #4).
 */
#include <inttypes.h>
#include <string.h>

#include "core/validate.h"
#include "svc/platform/audit.h"
#include "svc/sharing/communities.h"
#include "svc/sharing/marking.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_community_fields[] = {
	{ "name", CCS_J_STRING, true, 1, 100 },
	{ "description", CCS_J_STRING, false, 0, 2000 },
	{ "orgs", CCS_J_ARRAY, false, 0, 200 },
	{ "states", CCS_J_ARRAY, false, 0, 40 },
};
const size_t ccs_community_nfields = sizeof(ccs_community_fields) /
    sizeof(ccs_community_fields[0]);

static int
load_one(struct ccs_db *db, json_t *c)
{
	struct ccs_val v = CCS_VINT(json_integer_value(json_object_get(c,
	    "id")));
	json_t *orgs = NULL, *states = NULL;
	int rc;

	rc = ccs_db_query_json(db, "SELECT o.id, o.name FROM "
	    "community_members cm JOIN organisations o ON o.id = cm.org_id "
	    "WHERE cm.community_id = $1 ORDER BY o.name", &v, 1, &orgs);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT s.code, s.name FROM "
		    "community_members cm JOIN states s ON s.code = "
		    "cm.state_code WHERE cm.community_id = $1 ORDER BY s.code",
		    &v, 1, &states);
	if (rc != CCS_OK) {
		json_decref(orgs);
		return rc;
	}
	(void)json_object_set_new(c, "orgs", orgs);
	(void)json_object_set_new(c, "states", states);
	return CCS_OK;
}

int
ccs_community_list(struct ccs_db *db, const struct ccs_principal *p,
    json_t **out, struct ccs_fail *f)
{
	json_t *c;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_ORG_READ_ALL, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "authentication_required", "sign in "
		    "first");
	rc = ccs_db_query_json(db, "SELECT id, name, description, created_at "
	    "FROM communities ORDER BY name", NULL, 0, out);
	json_array_foreach(*out, i, c) {
		if (rc != CCS_OK)
			break;
		rc = load_one(db, c);
	}
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
		return ccs_dbfail(f, db, rc);
	}
	return CCS_OK;
}

static int
add_members(struct ccs_db *db, int64_t cid, const json_t *body,
    struct ccs_fail *f)
{
	const json_t *it;
	struct ccs_val v[2];
	bool known;
	int64_t n;
	size_t i;
	int rc;

	v[0] = CCS_VINT(cid);
	json_array_foreach(json_object_get(body, "orgs"), i, it) {
		if (!json_is_integer(it))
			return ccs_fail(f, CCS_EINVAL, "invalid_org", "orgs[%zu] "
			    "must be an organisation id", i);
		v[1] = CCS_VINT(json_integer_value(it));
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM organisations "
		    "WHERE id = $1", &v[1], 1, &n);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		if (n == 0)
			return ccs_fail(f, CCS_EINVAL, "unknown_org", "orgs[%zu]: "
			    "no organisation %" PRId64, i, v[1].i);
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM "
		    "community_members WHERE community_id = $1 AND org_id = "
		    "$2", v, 2, &n);
		if (rc == CCS_OK && n == 0)
			rc = ccs_db_exec(db, "INSERT INTO community_members "
			    "(community_id, org_id) VALUES ($1, $2)", v, 2, NULL,
			    NULL);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
	}
	json_array_foreach(json_object_get(body, "states"), i, it) {
		if (!ccs_valid_iso2(json_string_value(it)))
			return ccs_fail(f, CCS_EINVAL, "invalid_state_code",
			    "states[%zu] must be a two-letter state code", i);
		v[1] = CCS_VTEXT(json_string_value(it));
		rc = ccs_state_exists(db, v[1].s, &known);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		if (!known)
			return ccs_fail(f, CCS_EINVAL, "unknown_state",
			    "states[%zu]: state '%s' is not in the directory",
			    i, v[1].s);
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM "
		    "community_members WHERE community_id = $1 AND state_code "
		    "= $2", v, 2, &n);
		if (rc == CCS_OK && n == 0)
			rc = ccs_db_exec(db, "INSERT INTO community_members "
			    "(community_id, state_code) VALUES ($1, $2)", v, 2,
			    NULL, NULL);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
	}
	return CCS_OK;
}

int
ccs_community_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v[3];
	int64_t id, n;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_COMMUNITY_ADMIN, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden", "only "
		    "coordinators and administrators manage sharing "
		    "communities");
	if (json_array_size(json_object_get(body, "orgs")) +
	    json_array_size(json_object_get(body, "states")) == 0)
		return ccs_fail(f, CCS_EINVAL, "members_required", "a community "
		    "needs at least one member in orgs or states");
	v[0] = CCS_VTEXT(ccs_jstr(body, "name"));
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM communities WHERE "
	    "name = $1", v, 1, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (n > 0)
		return ccs_fail(f, CCS_ECONFLICT, "community_exists", "a "
		    "community named '%.100s' exists", v[0].s);
	v[1] = CCS_VTEXT(ccs_jstr(body, "description"));
	v[2] = CCS_VINT(now);
	rc = ccs_db_query_int(db, "INSERT INTO communities (name, description, "
	    "created_at) VALUES ($1, $2, $3) RETURNING id", v, 3, &id);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	rc = add_members(db, id, body, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_audit_record(db, p, "community.create", "community", id, body,
	    now);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	v[0] = CCS_VINT(id);
	rc = ccs_db_query_one(db, "SELECT id, name, description, created_at "
	    "FROM communities WHERE id = $1", v, 1, out);
	if (rc == CCS_OK)
		rc = load_one(db, *out);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

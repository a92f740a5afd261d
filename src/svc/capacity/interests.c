/*
 * interests.c: funders' stated areas of interest (see interests.h).
 *
 * An interest narrows by whatever it names: a priority area (the table
 * of the plan its needs come from, PA1 to PA5, as the funding totals
 * name them), a need, a state. Naming none would mean "anything", which
 * says nothing to a coordinator, so one at least is required. Interests
 * are not edited: a funder removes one and records another, and both
 * steps are in the audit trail.
 */
#include <inttypes.h>
#include <string.h>

#include "svc/capacity/cap_common.h"
#include "svc/capacity/interests.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_interest_fields[] = {
	{ "area", CCS_J_NULLSTR, false, 0, 8 },
	{ "need", CCS_J_NULLSTR, false, 0, 20 },
	{ "state", CCS_J_NULLSTR, false, 0, 2 },
	{ "note", CCS_J_NULLSTR, false, 0, 2000 },
};
const size_t ccs_interest_nfields = sizeof(ccs_interest_fields) /
    sizeof(ccs_interest_fields[0]);

#define INTEREST_SELECT "SELECT fi.id, fi.org_id, o.name AS org_name, " \
	"o.acronym AS org_acronym, fi.area_code AS area, fi.need_ref AS " \
	"need, fi.state_code AS state, fi.note, fi.created_by, " \
	"fi.created_at FROM funder_interests fi JOIN organisations o ON " \
	"o.id = fi.org_id"

static const char *
jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL && s[0] != '\0' ? s : NULL;
}

/* The organisation of the path: 404 when the directory has none. */
static int
org_exists(struct ccs_db *db, int64_t org, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(org);
	int64_t n = 0;
	int rc;

	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM organisations WHERE "
	    "id = $1", &v, 1, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (n == 0)
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no "
		    "organisation %" PRId64, org);
	return CCS_OK;
}

/* Coordinators write for any funder, a partner for its own only. */
static int
may_write(const struct ccs_principal *p, int64_t org, struct ccs_fail *f)
{
	int rc = ccs_policy_check(p, CCS_ACT_FUNDER_INTEREST_WRITE, NULL);

	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "record funders' interests");
	if (p->role == CCS_ROLE_PARTNER && !p->system && p->org_id != org)
		return ccs_fail(f, CCS_EPERM, "not_your_organisation", "a "
		    "partner records the interests of its own organisation "
		    "only");
	return CCS_OK;
}

/* "PA" and the number of a table of the plan that has needs. */
static int
area_known(struct ccs_db *db, const char *area, struct ccs_fail *f)
{
	struct ccs_val v;
	int64_t tbl = 0, n = 0;
	int rc;

	if (strncmp(area, "PA", 2) != 0 || ccs_parse_i64(area + 2, 1, 99,
	    &tbl) != CCS_OK)
		return ccs_fail(f, CCS_EINVAL, "unknown_area", "area must be "
		    "a priority area of the plan such as PA1");
	v = CCS_VINT(tbl);
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM needs WHERE tbl = $1",
	    &v, 1, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (n == 0)
		return ccs_fail(f, CCS_EINVAL, "unknown_area", "area: no "
		    "priority area '%s' in the plan", area);
	return CCS_OK;
}

static int
check(struct ccs_db *db, const json_t *body, struct ccs_fail *f)
{
	const char *area = jstr(body, "area"), *need = jstr(body, "need");
	const char *state = jstr(body, "state");
	int rc = CCS_OK;

	if (area == NULL && need == NULL && state == NULL)
		return ccs_fail(f, CCS_EINVAL, "missing_field", "area: name a "
		    "priority area, a need or a state (or several)");
	if (area != NULL)
		rc = area_known(db, area, f);
	if (rc == CCS_OK && need != NULL)
		rc = ccs_cap_need_known(db, need, "need", f);
	if (rc == CCS_OK && state != NULL)
		rc = ccs_state_known(db, state, "state", f);
	return rc;
}

int
ccs_interest_create(struct ccs_db *db, const struct ccs_principal *p,
    int64_t org, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_val v[7];
	int64_t id = 0;
	int rc;

	*out = NULL;
	rc = may_write(p, org, f);
	if (rc == CCS_OK)
		rc = org_exists(db, org, f);
	if (rc == CCS_OK)
		rc = check(db, body, f);
	if (rc != CCS_OK)
		return rc;
	v[0] = CCS_VINT(org);
	v[1] = CCS_VTEXT(jstr(body, "area"));
	v[2] = CCS_VTEXT(jstr(body, "need"));
	v[3] = CCS_VTEXT(jstr(body, "state"));
	v[4] = CCS_VTEXT(jstr(body, "note"));
	v[5] = CCS_VTEXT(ccs_actor(p));
	v[6] = CCS_VINT(now);
	rc = ccs_db_query_int(db, "INSERT INTO funder_interests (org_id, "
	    "area_code, need_ref, state_code, note, created_by, created_at) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id", v, 7, &id);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "funder_interest.create",
		    "funder_interest", id, body, now);
	v[0] = CCS_VINT(id);
	if (rc == CCS_OK)
		rc = ccs_db_query_one(db, INTEREST_SELECT " WHERE fi.id = $1",
		    v, 1, out);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}

int
ccs_interest_delete(struct ccs_db *db, const struct ccs_principal *p,
    int64_t org, int64_t id, int64_t now, struct ccs_fail *f)
{
	struct ccs_val v[2];
	json_t *old = NULL;
	int rc;

	rc = may_write(p, org, f);
	if (rc != CCS_OK)
		return rc;
	v[0] = CCS_VINT(id);
	v[1] = CCS_VINT(org);
	rc = ccs_db_query_one(db, INTEREST_SELECT " WHERE fi.id = $1 AND "
	    "fi.org_id = $2", v, 2, &old);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no interest %" PRId64
		    " of organisation %" PRId64, id, org);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "DELETE FROM funder_interests WHERE id = "
		    "$1", v, 1, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "funder_interest.delete",
		    "funder_interest", id, old, now);
	json_decref(old);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}

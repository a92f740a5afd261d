/*
 * meetings_demo.c: loading the demo meetings (see meetings_demo.h).
 *
 * The file uses the API's bodies with organisations named by acronym
 * where the API takes ids (attendees' "organisation", recommendations'
 * "owner_org"); each body is rewritten with the id, checked against the
 * route's field table and passed to the same service call as a request,
 * so nothing here skips a rule. Every text of the file says "(demo)".
 */
#include <string.h>

#include "svc/monitoring/meetings.h"
#include "svc/monitoring/meetings_demo.h"
#include "svc/monitoring/recommendations.h"
#include "svc/svc.h"
#include "util/asset.h"
#include "util/err.h"
#include "util/jsonv.h"
#include "util/str.h"

#define DEMO	"data/seed/demo_monitoring.json"

/* Replaces the acronym in member @p key of @p o by its organisation id. */
static int
org_to_id(struct ccs_db *db, json_t *o, const char *key, struct ccs_fail *f)
{
	const char *name = ccs_jstr(o, key);
	struct ccs_val v = CCS_VTEXT(name);
	int64_t id;
	int rc;

	if (name == NULL)
		return CCS_OK;
	rc = ccs_db_query_int(db, "SELECT id FROM organisations WHERE "
	    "acronym = $1 ORDER BY id LIMIT 1", &v, 1, &id);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, CCS_EINVAL, "internal", DEMO ": no "
		    "organisation '%s'", name);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return json_object_set_new(o, key, json_integer(id)) == 0 ? CCS_OK :
	    ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
}

/* Checks @p body against a route's field table, as the router would. */
static int
checked(const json_t *body, const struct ccs_jfield *spec, size_t n,
    struct ccs_fail *f)
{
	struct ccs_jerr je;

	if (ccs_jsonv_check(body, spec, n, false, &je))
		return CCS_OK;
	return ccs_fail(f, CCS_EINVAL, "internal", DEMO ": %s", je.message);
}

/* One recommendation of meeting @p mid with its follow-up reports. */
static int
add_rec(struct ccs_db *db, const struct ccs_principal *p, int64_t mid,
    const json_t *src, int64_t now, struct ccs_fail *f)
{
	json_t *body, *out = NULL, *pr;
	int64_t id;
	size_t i;
	int rc;

	body = json_deep_copy(src);
	if (body == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	json_object_del(body, "progress");
	rc = json_object_set_new(body, "meeting_id", json_integer(mid)) == 0 ?
	    CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	if (rc == CCS_OK)
		rc = org_to_id(db, body, "owner_org", f);
	if (rc == CCS_OK)
		rc = checked(body, ccs_recommendation_fields,
		    ccs_recommendation_nfields, f);
	if (rc == CCS_OK)
		rc = ccs_rec_create(db, p, body, now, &out, f);
	json_decref(body);
	if (rc != CCS_OK)
		return rc;
	id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_array_foreach(json_object_get(src, "progress"), i, pr) {
		out = NULL;
		rc = checked(pr, ccs_rec_progress_fields,
		    ccs_rec_progress_nfields, f);
		if (rc == CCS_OK)
			rc = ccs_rec_progress_add(db, p, id, pr, now, &out, f);
		json_decref(out);
		if (rc != CCS_OK)
			return rc;
	}
	return CCS_OK;
}

/* One meeting of the file and what it made. */
static int
add_meeting(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *m, int64_t now, struct ccs_fail *f)
{
	json_t *body, *out = NULL, *a, *r;
	int64_t mid;
	size_t i;
	int rc = CCS_OK;

	body = json_deep_copy(json_object_get(m, "meeting"));
	if (body == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	json_array_foreach(json_object_get(body, "attendees"), i, a) {
		if (rc == CCS_OK && json_object_get(a, "organisation") !=
		    NULL) {
			rc = org_to_id(db, a, "organisation", f);
			if (rc == CCS_OK && (json_object_set(a,
			    "organisation_id", json_object_get(a,
			    "organisation")) != 0 || json_object_del(a,
			    "organisation") != 0))
				rc = ccs_fail(f, CCS_ENOMEM, "internal", "out "
				    "of memory");
		}
	}
	if (rc == CCS_OK)
		rc = checked(body, ccs_meeting_fields, ccs_meeting_nfields, f);
	if (rc == CCS_OK)
		rc = ccs_meeting_create(db, p, body, now, &out, f);
	json_decref(body);
	if (rc != CCS_OK)
		return rc;
	mid = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_array_foreach(json_object_get(m, "recommendations"), i, r) {
		rc = add_rec(db, p, mid, r, now, f);
		if (rc != CCS_OK)
			return rc;
	}
	return CCS_OK;
}

int
ccs_monitoring_seed_demo(struct ccs_db *db, int64_t now, struct ccs_fail *f)
{
	const struct ccs_asset *as = ccs_asset_find(DEMO);
	struct ccs_principal sec;
	json_error_t je;
	json_t *doc, *m;
	size_t i;
	int rc = CCS_OK;

	doc = as != NULL ? json_loadb((const char *)as->data, as->len,
	    JSON_REJECT_DUPLICATES, &je) : NULL;
	if (doc == NULL)
		return ccs_fail(f, CCS_EINVAL, "internal", DEMO ": %s", as ==
		    NULL ? "missing from this build" : je.text);
	/* the secretariat of the Steering Committee, as the operator */
	memset(&sec, 0, sizeof(sec));
	sec.system = true;
	sec.role = CCS_ROLE_STEERING;
	(void)ccs_strlcpy(sec.login, "demo.secretariat", sizeof(sec.login));
	json_array_foreach(json_object_get(doc, "meetings"), i, m) {
		rc = add_meeting(db, &sec, m, now, f);
		if (rc != CCS_OK)
			break;
	}
	json_decref(doc);
	return rc;
}

/*
 * timeline.c: the plan's timeline (see timeline.h). Due dates are not
 * stored: they follow from the adoption date and each milestone's
 * months (core/capacity/timeline.c), so moving the adoption date moves
 * every milestone. A milestone marked done without a date is done today.
 */
#include <stdlib.h>
#include <string.h>

#include "core/capacity/timeline.h"
#include "core/validate.h"
#include "svc/capacity/event_refs.h"
#include "svc/capacity/timeline.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_milestone_fields[] = {
	{ "status", CCS_J_STRING, false, 1, 16 },
	{ "evidence", CCS_J_NULLSTR, false, 0, 20000 },
	{ "links", CCS_J_ARRAY, false, 0, 20 },
	{ "completed_on", CCS_J_NULLSTR, false, 0, 16 },
	{ "offset_months", CCS_J_INT, false, 0, 0 },
	{ "duration_months", CCS_J_NULLINT, false, 0, 0 },
};
const size_t ccs_milestone_nfields = sizeof(ccs_milestone_fields) /
    sizeof(ccs_milestone_fields[0]);

const struct ccs_jfield ccs_adoption_fields[] = {
	{ "date", CCS_J_STRING, true, 1, 16 },
};
const size_t ccs_adoption_nfields = sizeof(ccs_adoption_fields) /
    sizeof(ccs_adoption_fields[0]);

static const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int64_t
jint(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/* adoption + @p months as a JSON string, or null. */
static json_t *
plus(const char *adopted, int64_t months)
{
	char d[11];

	if (adopted == NULL || ccs_add_months(adopted, (int)months, d) != 0)
		return json_null();
	return json_string(d);
}

int
ccs_timeline_get(struct ccs_db *db, const struct ccs_principal *p,
    json_t **out, struct ccs_fail *f)
{
	json_t *ad = NULL, *ms = NULL, *ini = NULL, *m;
	const char *adopted;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "see the timeline");
	rc = ccs_db_query_one(db, "SELECT adopted_on AS date, updated_by, "
	    "updated_at FROM plan_adoption WHERE id = 1", NULL, 0, &ad);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT id, key, title, ord, "
		    "offset_months, duration_months, status, evidence, links, "
		    "completed_on, updated_by, updated_at FROM milestones "
		    "ORDER BY ord, id", NULL, 0, &ms);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT id, iati_identifier, title, "
		    "status, COALESCE(actual_start, planned_start) AS start, "
		    "COALESCE(actual_end, planned_end) AS \"end\" FROM "
		    "initiatives ORDER BY COALESCE(actual_start, "
		    "planned_start), id", NULL, 0, &ini);
	if (rc != CCS_OK) {
		json_decref(ad);
		json_decref(ms);
		return ccs_dbfail(f, db, rc);
	}
	adopted = jstr(ad, "date");
	json_array_foreach(ms, i, m) {
		json_t *dur = json_object_get(m, "duration_months");

		json_object_set_new(m, "links", ccs_capev_parse(jstr(m,
		    "links")));
		json_object_set_new(m, "ongoing", json_boolean(json_is_null(
		    dur)));
		json_object_set_new(m, "start", plus(adopted, jint(m,
		    "offset_months")));
		json_object_set_new(m, "due", json_is_null(dur) ? json_null() :
		    plus(adopted, jint(m, "offset_months") +
		    json_integer_value(dur)));
	}
	*out = json_pack("{s:o, s:o, s:i, s:o, s:o}", "adoption", ad, "horizon",
	    plus(adopted, CCS_PLAN_MONTHS), "plan_months", CCS_PLAN_MONTHS,
	    "milestones", ms, "initiatives", ini);
	return *out ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal", "out of "
	    "memory");
}

static int
refuse(int rc, struct ccs_fail *f)
{
	return ccs_fail(f, rc, rc == CCS_EAUTH ? "authentication_required" :
	    "forbidden", "only coordinators keep the plan's timeline");
}

int
ccs_milestone_update(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	json_t *cur = NULL, *m = NULL, *l;
	const json_t *x;
	const char *status, *done;
	struct ccs_val v[10];
	char today[11], *links = NULL;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_TIMELINE_WRITE, NULL);
	if (rc != CCS_OK)
		return refuse(rc, f);
	v[0] = CCS_VINT(id);
	rc = ccs_db_query_one(db, "SELECT status, evidence, links, "
	    "completed_on, offset_months, duration_months FROM milestones "
	    "WHERE id = $1", v, 1, &cur);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no milestone %lld",
		    (long long)id);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	json_object_set_new(cur, "links", ccs_capev_parse(jstr(cur, "links")));
	m = cur;
	if (json_object_update(m, (json_t *)body) != 0) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	ccs_date_of(now, today);
	status = jstr(m, "status");
	if (!ccs_streq(status, "not_started") && !ccs_streq(status,
	    "in_progress") && !ccs_streq(status, "done")) {
		rc = ccs_fail(f, CCS_EINVAL, "invalid_status", "status must be "
		    "not_started, in_progress or done");
		goto out;
	}
	json_array_foreach(json_object_get(m, "links"), i, l) {
		if (!ccs_valid_url(json_string_value(l))) {
			rc = ccs_fail(f, CCS_EINVAL, "invalid_url",
			    "links[%zu] "
			    "must be an http(s) address", i);
			goto out;
		}
	}
	x = json_object_get(m, "offset_months");
	if (jint(m, "offset_months") < 0 || jint(m, "offset_months") > 600 ||
	    !json_is_integer(x)) {
		rc = ccs_fail(f, CCS_EINVAL, "invalid_months", "offset_months "
		    "must be 0-600");
		goto out;
	}
	x = json_object_get(m, "duration_months");
	if (json_is_integer(x) && (json_integer_value(x) < 0 ||
	    json_integer_value(x) > 600)) {
		rc = ccs_fail(f, CCS_EINVAL, "invalid_months",
		    "duration_months "
		    "must be 0-600, or null for ongoing work");
		goto out;
	}
	done = jstr(m, "completed_on");
	if (ccs_streq(status, "done") && done == NULL)
		json_object_set_new(m, "completed_on", json_string(today));
	else if (!ccs_streq(status, "done") && done != NULL &&
	    json_object_get(body, "completed_on") == NULL)
		json_object_set_new(m, "completed_on", json_null());
	done = jstr(m, "completed_on");
	if (done != NULL && (!ccs_valid_date(done) || strcmp(done, today) >
	    0)) {
		rc = ccs_fail(f, CCS_EINVAL, "invalid_date", "completed_on "
		    "must be a date written YYYY-MM-DD, today or earlier");
		goto out;
	}
	if (done != NULL && !ccs_streq(status, "done")) {
		rc = ccs_fail(f, CCS_EINVAL, "invalid_date", "completed_on is "
		    "for a milestone that is done");
		goto out;
	}
	links = ccs_capev_dump(json_object_get(m, "links"));
	if (links == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	v[1] = CCS_VTEXT(status);
	v[2] = CCS_VTEXT(jstr(m, "evidence"));
	v[3] = CCS_VTEXT(links);
	v[4] = CCS_VTEXT(done);
	v[5] = CCS_VINT(jint(m, "offset_months"));
	x = json_object_get(m, "duration_months");
	v[6] = json_is_integer(x) ? CCS_VINT(json_integer_value(x)) :
	    CCS_VNULL;
	v[7] = CCS_VTEXT(ccs_actor(p));
	v[8] = CCS_VINT(now);
	rc = ccs_db_exec(db, "UPDATE milestones SET status = $2, evidence = "
	    "$3, links = $4, completed_on = $5, offset_months = $6, "
	    "duration_months = $7, updated_by = $8, updated_at = $9 WHERE id = "
	    "$1", v, 9, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "milestone.update", "milestone",
		    id,
		    body, now);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	rc = ccs_timeline_get(db, p, out, f);
out:
	free(links);
	json_decref(cur);
	return rc;
}

int
ccs_adoption_set(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	const char *date = jstr(body, "date");
	struct ccs_val v[3];
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_TIMELINE_WRITE, NULL);
	if (rc != CCS_OK)
		return refuse(rc, f);
	if (!ccs_valid_date(date))
		return ccs_fail(f, CCS_EINVAL, "invalid_date", "date must be a "
		    "date written YYYY-MM-DD");
	v[0] = CCS_VTEXT(date);
	v[1] = CCS_VTEXT(ccs_actor(p));
	v[2] = CCS_VINT(now);
	rc = ccs_db_exec(db, "UPDATE plan_adoption SET adopted_on = $1, "
	    "updated_by = $2, updated_at = $3 WHERE id = 1", v, 3, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_audit_recordf(db, p, "timeline.adopt", "timeline",
		    body, now, "adoption");
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return ccs_timeline_get(db, p, out, f);
}

/*
 * crisis_review.c: the post-incident review (see crisis_review.h).
 *
 * The lesson and each recommendation go through their own services, so
 * they are checked, indexed, audited and notified exactly as the ones
 * made on their own pages; the review only decides who may file them
 * (the crisis's writers) and ties them to the crisis. A refusal of any
 * part fails the request, which rolls back the parts already written.
 */
#include <inttypes.h>
#include <string.h>

#include "svc/crisis/crisis_common.h"
#include "svc/crisis/crisis_review.h"
#include "svc/monitoring/recommendations.h"
#include "svc/refs.h"
#include "svc/sharing/lessons.h"
#include "svc/sharing/marking.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_crisis_review_fields[] = {
	{ "title", CCS_J_STRING, true, 1, 200 },
	{ "what_happened", CCS_J_STRING, true, 1, 20000 },
	{ "what_worked", CCS_J_STRING, true, 1, 20000 },
	{ "what_to_change", CCS_J_STRING, true, 1, 20000 },
	{ "recommendations", CCS_J_ARRAY, false, 0,
	    CCS_CRISIS_REVIEW_RECS_MAX },
	CCS_MARKING_JFIELDS
};
const size_t ccs_crisis_review_nfields = sizeof(ccs_crisis_review_fields) /
    sizeof(ccs_crisis_review_fields[0]);

static const char *const lesson_keys[] = {
	"title", "what_happened", "what_worked", "what_to_change", "tlp",
	"share_states", "communities", "recipients"
};

static const char *const rec_keys[] = {
	"text", "owner_org", "owner_state", "due_date", "timeframe",
	"need_ref", "plan_item_id"
};

/* The lesson's body: the review's lesson fields and the incidents. */
static int
lesson_body(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    const json_t *body, json_t **out)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *rows = NULL, *ids, *it, *x;
	size_t i;
	bool ok;
	int rc;

	*out = json_object();
	ids = json_array();
	if (*out == NULL || ids == NULL) {
		json_decref(ids);
		return CCS_ENOMEM;
	}
	for (i = 0; i < sizeof(lesson_keys) / sizeof(lesson_keys[0]); i++) {
		x = json_object_get(body, lesson_keys[i]);
		if (x != NULL)
			(void)json_object_set(*out, lesson_keys[i], x);
	}
	rc = ccs_db_query_json(db, "SELECT incident_id FROM crisis_incidents "
	    "WHERE crisis_id = $1 ORDER BY incident_id", &v, 1, &rows);
	json_array_foreach(rows, i, it) {
		if (rc != CCS_OK)
			break;
		rc = ccs_ref_readable(db, p, CCS_REF_INCIDENT,
		    json_integer_value(json_object_get(it, "incident_id")),
		    &ok);
		if (rc == CCS_OK && ok)
			(void)json_array_append(ids, json_object_get(it,
			    "incident_id"));
	}
	json_decref(rows);
	if (json_object_set_new(*out, "incident_ids", ids) != 0 && rc == CCS_OK)
		rc = CCS_ENOMEM;
	return rc;
}

/* Makes recommendations[@p i] (@p r), adding its id to @p ids. */
static int
one_rec(struct ccs_db *db, const struct ccs_principal *p, const char *state,
    size_t i, const json_t *r, int64_t now, json_t *ids, struct ccs_fail *f)
{
	json_t *b, *x, *made = NULL;
	const char *key;
	size_t k;
	bool known;
	int rc;

	if (!json_is_object(r))
		return ccs_fail(f, CCS_EINVAL, "invalid_recommendation",
		    "recommendations[%zu] must be an object with text, "
		    "due_date and timeframe", i);
	json_object_foreach((json_t *)r, key, x) {
		known = false;
		for (k = 0; k < sizeof(rec_keys) / sizeof(rec_keys[0]); k++)
			known = known || strcmp(key, rec_keys[k]) == 0;
		if (!known)
			return ccs_fail(f, CCS_EINVAL, "unknown_field",
			    "recommendations[%zu]: unknown field '%.40s'", i,
			    key);
	}
	if (!json_is_string(json_object_get(r, "text")) ||
	    !json_is_string(json_object_get(r, "due_date")) ||
	    !json_is_string(json_object_get(r, "timeframe")))
		return ccs_fail(f, CCS_EINVAL, "missing_field",
		    "recommendations[%zu]: text, due_date and timeframe are "
		    "required", i);
	b = json_deep_copy(r);
	if (b == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	if (json_object_get(b, "owner_org") == NULL &&
	    json_object_get(b, "owner_state") == NULL)
		(void)json_object_set_new(b, "owner_state", json_string(state));
	rc = ccs_rec_create_authorised(db, p, b, now, &made, f);
	json_decref(b);
	if (rc != CCS_OK) {
		char msg[sizeof(f->message)];

		(void)ccs_strlcpy(msg, f->message, sizeof(msg));
		(void)ccs_snprintf(f->message, sizeof(f->message),
		    "recommendations[%zu]: %s", i, msg);
		return rc;
	}
	rc = json_array_append(ids, json_object_get(made, "id"));
	json_decref(made);
	return rc == 0 ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal",
	    "out of memory");
}

/* The review's own rows and the crisis's move to reviewed. */
static int
store(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    int64_t lesson, const json_t *recs, const json_t *body, int64_t now,
    int64_t *rid)
{
	struct ccs_val v[4];
	const json_t *it;
	size_t i;
	int rc;

	v[0] = CCS_VINT(id);
	v[1] = CCS_VINT(lesson);
	v[2] = CCS_VTEXT(ccs_actor(p));
	v[3] = CCS_VINT(now);
	rc = ccs_db_query_int(db, "INSERT INTO crisis_reviews (crisis_id, "
	    "lesson_id, author, created_at) VALUES ($1, $2, $3, $4) RETURNING "
	    "id", v, 4, rid);
	json_array_foreach(recs, i, it) {
		if (rc != CCS_OK)
			break;
		v[0] = CCS_VINT(*rid);
		v[1] = CCS_VINT(json_integer_value(it));
		rc = ccs_db_exec(db, "INSERT INTO "
		    "crisis_review_recommendations (review_id, "
		    "recommendation_id) VALUES ($1, $2)", v, 2, NULL, NULL);
	}
	v[0] = CCS_VINT(id);
	v[1] = CCS_VTEXT(ccs_actor(p));
	v[2] = CCS_VINT(now);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "UPDATE crises SET status = 'reviewed', "
		    "version = version + 1, updated_by = $2, updated_at = $3 "
		    "WHERE id = $1", v, 3, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "crisis.review", "crisis", id,
		    body, now);
	return rc;
}

int
ccs_crisis_review_file(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	json_t *c = NULL, *lb = NULL, *lesson = NULL, *recs = NULL, *r;
	enum ccs_crisis_status st;
	int64_t rid = 0;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_crisis_load(db, p, id, true, &c, f);
	if (rc != CCS_OK)
		return rc;
	st = ccs_crisis_row_status(c);
	if (st == CCS_CRISIS_REVIEWED) {
		rc = ccs_fail(f, CCS_ECONFLICT, "already_reviewed", "crisis %"
		    PRId64 " already has its review", id);
		goto out;
	}
	if (!ccs_crisis_review_ok(st)) {
		rc = ccs_fail(f, CCS_ECONFLICT, "crisis_not_closed", "crisis %"
		    PRId64 " is %s: close it before its review", id,
		    ccs_jstr(c, "status"));
		goto out;
	}
	rc = lesson_body(db, p, id, body, &lb);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	rc = ccs_lesson_create(db, p, lb, now, &lesson, f);
	if (rc != CCS_OK)
		goto out;
	recs = json_array();
	if (recs == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	json_array_foreach(json_object_get(body, "recommendations"), i, r) {
		rc = one_rec(db, p, ccs_jstr(c, "state"), i, r, now, recs, f);
		if (rc != CCS_OK)
			goto out;
	}
	rc = store(db, p, id, json_integer_value(json_object_get(lesson,
	    "id")), recs, body, now, &rid);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	*out = json_pack("{s:I, s:O, s:O}", "review_id", (json_int_t)rid,
	    "lesson", lesson, "recommendations", recs);
	if (*out == NULL)
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
out:
	json_decref(c);
	json_decref(lb);
	json_decref(lesson);
	json_decref(recs);
	return rc;
}

/*
 * lessons.c: recording and reading lessons learnt.
 *
 * A lesson, its incident links, its search document, its audit event and
 * the subscribers' inbox entries are one transaction. A reader sees only
 * the linked incidents they may read themselves: a lesson shared wider
 * than an incident must not reveal that incident.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "svc/platform/audit.h"
#include "svc/platform/notify.h"
#include "svc/refs.h"
#include "svc/sharing/collab.h"
#include "svc/sharing/lessons.h"
#include "svc/sharing/marking.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_lesson_fields[] = {
	{ "title", CCS_J_STRING, true, 1, 200 },
	{ "what_happened", CCS_J_STRING, true, 1, 20000 },
	{ "what_worked", CCS_J_STRING, true, 1, 20000 },
	{ "what_to_change", CCS_J_STRING, true, 1, 20000 },
	{ "incident_ids", CCS_J_ARRAY, false, 0, 50 },
	CCS_MARKING_JFIELDS
};
const size_t ccs_lesson_nfields = sizeof(ccs_lesson_fields) /
    sizeof(ccs_lesson_fields[0]);

#define LESSON_SELECT "SELECT l.id, l.state_code AS state, l.author, " \
	"l.title, l.what_happened, l.what_worked, l.what_to_change, " \
	"l.created_at, " CCS_MARKING_COLS " FROM lessons l JOIN markings m " \
	"ON m.id = l.marking_id"

static int
check_incidents(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *ids, struct ccs_fail *f)
{
	const json_t *it;
	char what[32];
	size_t i, k;
	int rc;

	json_array_foreach(ids, i, it) {
		if (!json_is_integer(it) || json_integer_value(it) < 1)
			return ccs_fail(f, CCS_EINVAL, "invalid_incident",
			    "incident_ids[%zu] must be an incident id", i);
		for (k = 0; k < i; k++) {
			if (json_equal(json_array_get(ids, k), it))
				return ccs_fail(f, CCS_EINVAL,
				    "duplicate_incident", "incident_ids[%zu] "
				    "is listed twice", i);
		}
		(void)ccs_snprintf(what, sizeof(what), "incident_ids[%zu]", i);
		rc = ccs_ref_check(db, p, CCS_REF_INCIDENT,
		    json_integer_value(it), what, f);
		if (rc != CCS_OK)
			return rc;
	}
	return CCS_OK;
}

static int
insert(struct ccs_db *db, const struct ccs_principal *p, const json_t *body,
    const char *state, int64_t marking, int64_t now, int64_t *id)
{
	const json_t *it;
	struct ccs_val v[9];
	size_t i;
	int rc;

	v[0] = CCS_VINT(marking);
	v[1] = CCS_VTEXT(state);
	v[2] = p->user_id > 0 ? CCS_VINT(p->user_id) : CCS_VNULL;
	v[3] = CCS_VTEXT(ccs_actor(p));
	v[4] = CCS_VTEXT(ccs_jstr(body, "title"));
	v[5] = CCS_VTEXT(ccs_jstr(body, "what_happened"));
	v[6] = CCS_VTEXT(ccs_jstr(body, "what_worked"));
	v[7] = CCS_VTEXT(ccs_jstr(body, "what_to_change"));
	v[8] = CCS_VINT(now);
	rc = ccs_db_query_int(db, "INSERT INTO lessons (marking_id, "
	    "state_code, author_id, author, title, what_happened, what_worked, "
	    "what_to_change, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
	    "$8, $9) RETURNING id", v, 9, id);
	json_array_foreach(json_object_get(body, "incident_ids"), i, it) {
		if (rc != CCS_OK)
			break;
		v[0] = CCS_VINT(*id);
		v[1] = CCS_VINT(json_integer_value(it));
		rc = ccs_db_exec(db, "INSERT INTO lesson_incidents (lesson_id, "
		    "incident_id) VALUES ($1, $2)", v, 2, NULL, NULL);
	}
	return rc;
}

int
ccs_lesson_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	const char *state = p->state[0] ? p->state : NULL;
	struct ccs_topic topic = { "state", state };
	struct ccs_buf text;
	int64_t marking, id;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_SHARE_WRITE, state);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden", "your role may "
		    "not record lessons learnt");
	rc = check_incidents(db, p, json_object_get(body, "incident_ids"), f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_marking_create(db, p, body, state, now, &marking, f);
	if (rc != CCS_OK)
		return rc;
	rc = insert(db, p, body, state, marking, now, &id);
	ccs_buf_init(&text, 1u << 20);
	if (rc == CCS_OK)
		rc = ccs_buf_printf(&text, "%s\n\n%s\n\n%s", ccs_jstr(body,
		    "what_happened"), ccs_jstr(body, "what_worked"),
		    ccs_jstr(body, "what_to_change"));
	if (rc == CCS_OK)
		rc = ccs_collab_search_doc(db, "lesson", id, marking,
		    ccs_jstr(body, "title"), ccs_buf_str(&text), now);
	ccs_buf_free(&text);
	if (rc == CCS_OK) {
		rc = ccs_audit_record(db, p, "lesson.create", "lesson", id,
		    body, now);
	}
	if (rc == CCS_OK && state != NULL)
		rc = ccs_notify_record(db, "lesson", id, marking, &topic, 1,
		    ccs_jstr(body, "title"), now);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return ccs_lesson_get(db, p, id, out, f);
}

/* Adds the linked incidents @p p may read. */
static int
add_incidents(struct ccs_db *db, const struct ccs_principal *p,
    json_t *lesson)
{
	struct ccs_val v = CCS_VINT(json_integer_value(json_object_get(lesson,
	    "id")));
	json_t *rows = NULL, *ids = json_array(), *it;
	int64_t id;
	size_t i;
	bool ok;
	int rc;

	if (ids == NULL)
		return CCS_ENOMEM;
	rc = ccs_db_query_json(db, "SELECT incident_id FROM lesson_incidents "
	    "WHERE lesson_id = $1 ORDER BY incident_id", &v, 1, &rows);
	json_array_foreach(rows, i, it) {
		if (rc != CCS_OK)
			break;
		id = json_integer_value(json_object_get(it, "incident_id"));
		rc = ccs_ref_readable(db, p, CCS_REF_INCIDENT, id, &ok);
		if (rc == CCS_OK && ok)
			(void)json_array_append(ids, json_object_get(it,
			    "incident_id"));
	}
	json_decref(rows);
	(void)json_object_set_new(lesson, "incident_ids", ids);
	return rc;
}

int
ccs_lesson_get(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *row = NULL;
	int rc;

	*out = NULL;
	rc = ccs_db_query_one(db, LESSON_SELECT " WHERE l.id = $1", &v, 1,
	    &row);
	if (rc == CCS_ENOTFOUND || (rc == CCS_OK &&
	    ccs_marking_view(p, row) != CCS_TLP_FULL)) {
		json_decref(row);
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no lesson %"
		    PRId64, id);
	}
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	ccs_marking_present(row);
	rc = add_incidents(db, p, row);
	if (rc != CCS_OK) {
		json_decref(row);
		return ccs_dbfail(f, db, rc);
	}
	*out = row;
	return CCS_OK;
}

int
ccs_lesson_list(struct ccs_db *db, const struct ccs_principal *p,
    int64_t limit, json_t **out, struct ccs_fail *f)
{
	json_t *it;
	size_t i;
	int rc;

	rc = ccs_marking_select(db, p, LESSON_SELECT " ORDER BY l.created_at "
	    "DESC, l.id DESC", NULL, 0, limit, out, NULL);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	json_array_foreach(*out, i, it) {
		rc = add_incidents(db, p, it);
		if (rc != CCS_OK) {
			json_decref(*out);
			*out = NULL;
			return ccs_dbfail(f, db, rc);
		}
	}
	return CCS_OK;
}

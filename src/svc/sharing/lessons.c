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
#include "svc/sharing/lists.h"
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
	"l.created_at, m.reader_set AS m_reader_set, " CCS_MARKING_COLS \
	" FROM lessons l JOIN markings m ON m.id = l.marking_id"

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
	struct ccs_val v[2];
	size_t i;
	int rc;

	const struct ccs_named np[] = {
		CCS_NAMED("marking", CCS_VINT(marking)),
		CCS_NAMED("state", CCS_VTEXT(state)),
		CCS_NAMED("author_id",
		    p->user_id > 0 ? CCS_VINT(p->user_id) : CCS_VNULL),
		CCS_NAMED("author", CCS_VTEXT(ccs_actor(p))),
		CCS_NAMED("title", CCS_VTEXT(ccs_jstr(body, "title"))),
		CCS_NAMED("happened",
		    CCS_VTEXT(ccs_jstr(body, "what_happened"))),
		CCS_NAMED("worked", CCS_VTEXT(ccs_jstr(body, "what_worked"))),
		CCS_NAMED("change",
		    CCS_VTEXT(ccs_jstr(body, "what_to_change"))),
		CCS_NAMED("now", CCS_VINT(now)),
	};

	rc = ccs_db_query_int_named(db, "INSERT INTO lessons (marking_id, "
	    "state_code, author_id, author, title, what_happened, what_worked, "
	    "what_to_change, created_at) VALUES (:marking, :state, :author_id, "
	    ":author, :title, :happened, :worked, :change, :now) RETURNING id",
	    np, CCS_NNAMED(np), id);
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

const struct ccs_keyset_col ccs_lesson_list_cols[] = {
	{ "created_at", "created_at", CCS_KEYSET_INT, true },
	{ "title", "COALESCE(title, '')", CCS_KEYSET_TEXT, false },
	{ "state", "COALESCE(state, '')", CCS_KEYSET_TEXT, false },
};
const size_t ccs_lesson_list_ncols = sizeof(ccs_lesson_list_cols) /
    sizeof(ccs_lesson_list_cols[0]);

struct deco {
	struct ccs_db			*db;	/* the store */
	const struct ccs_principal	*p;	/* the reader */
};

static int
deco_cb(void *arg, json_t *row)
{
	struct deco *d = arg;

	return add_incidents(d->db, d->p, row);
}

int
ccs_lesson_list(struct ccs_db *db, const struct ccs_principal *p,
    const char *q, int64_t from, int64_t to, struct ccs_keyset *ks,
    bool whole, json_t **out, struct ccs_fail *f)
{
	static const char *const words[] = { "l.title", "l.what_happened",
	    "l.what_worked", "l.what_to_change", "l.state_code" };
	struct ccs_val v[2 + CCS_KEYSET_WORDS];
	struct deco d = { db, p };
	struct ccs_buf sql;
	size_t n = 2;
	int rc;

	*out = NULL;
	ccs_buf_init(&sql, 8192);
	v[0] = CCS_VINT(from);
	v[1] = CCS_VINT(to);
	rc = ccs_buf_adds(&sql, LESSON_SELECT " WHERE l.created_at >= $1 AND "
	    "(CAST($2 AS BIGINT) = 0 OR l.created_at < $2)");
	if (rc == CCS_OK)
		rc = ccs_keyset_words(ks, &sql, q, words,
		    sizeof(words) / sizeof(words[0]), v, &n,
		    sizeof(v) / sizeof(v[0]));
	if (rc == CCS_EINVAL) {
		ccs_buf_free(&sql);
		return ccs_fail(f, rc, "invalid_query", "q may hold at most %d "
		    "words", CCS_KEYSET_WORDS);
	}
	if (rc == CCS_OK)
		rc = ccs_shared_list(db, p, ccs_buf_str(&sql), v, n, ks, whole,
		    deco_cb, &d, out);
	ccs_buf_free(&sql);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}

/*
 * crisis_tasks.c: a crisis's tasks (see crisis_tasks.h). A task is
 * changed only while its crisis is open; its owner must be a person of
 * the directory.
 */
#include <inttypes.h>

#include "svc/crisis/crisis_tasks.h"
#include "svc/svc.h"
#include "util/err.h"

const struct ccs_jfield ccs_crisis_task_fields[] = {
	{ "title", CCS_J_STRING, true, 1, 300 },
	{ "owner_contact_id", CCS_J_INT, true, 0, 0 },
	{ "due_at", CCS_J_NULLINT, false, 0, 0 },
	{ "status", CCS_J_STRING, false, 1, 10 },
};
const size_t ccs_crisis_task_nfields = sizeof(ccs_crisis_task_fields) /
    sizeof(ccs_crisis_task_fields[0]);

#define TASK_SELECT "SELECT t.id, t.title, t.owner_contact_id, k.name AS " \
	"owner_name, t.due_at, t.status, t.created_by, t.created_at, " \
	"t.updated_by, t.updated_at FROM crisis_tasks t JOIN contacts k ON " \
	"k.id = t.owner_contact_id"

static int
check(struct ccs_db *db, const json_t *body, struct ccs_fail *f)
{
	const json_t *owner = json_object_get(body, "owner_contact_id");
	const json_t *due = json_object_get(body, "due_at");
	const char *st = ccs_jstr(body, "status");

	if (st != NULL && !ccs_vocab_has(&ccs_crisis_task_statuses, st))
		return ccs_fail(f, CCS_EINVAL, "invalid_status", "status must "
		    "be open or done");
	if (json_is_integer(due) && json_integer_value(due) < 0)
		return ccs_fail(f, CCS_EINVAL, "invalid_time", "due_at must be "
		    "a time in Unix seconds");
	if (owner != NULL)
		return ccs_crisis_contact_known(db, json_integer_value(owner),
		    "owner_contact_id", f);
	return CCS_OK;
}

static int
get_task(struct ccs_db *db, int64_t id, int64_t task, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_val v[2] = { CCS_VINT(id), CCS_VINT(task) };
	int rc;

	rc = ccs_db_query_one(db, TASK_SELECT " WHERE t.crisis_id = $1 AND "
	    "t.id = $2", v, 2, out);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no task %" PRId64 " in "
		    "crisis %" PRId64, task, id);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

int
ccs_crisis_task_add(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	const json_t *due = json_object_get(body, "due_at");
	json_t *c = NULL;
	int64_t task = 0;
	int rc;

	*out = NULL;
	rc = ccs_crisis_load_open(db, p, id, true, &c, f);
	json_decref(c);
	if (rc == CCS_OK)
		rc = check(db, body, f);
	if (rc != CCS_OK)
		return rc;
	{
		const struct ccs_named np[] = {
			CCS_NAMED("crisis", CCS_VINT(id)),
			CCS_NAMED("title", CCS_VTEXT(ccs_jstr(body, "title"))),
			CCS_NAMED("owner", CCS_VINT(json_integer_value(
			    json_object_get(body, "owner_contact_id")))),
			CCS_NAMED("due", json_is_integer(due) ? CCS_VINT(
			    json_integer_value(due)) : CCS_VNULL),
			CCS_NAMED("st", CCS_VTEXT(ccs_jstr(body, "status") ?
			    ccs_jstr(body, "status") : "open")),
			CCS_NAMED("by", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_query_int_named(db, "INSERT INTO crisis_tasks "
		    "(crisis_id, title, owner_contact_id, due_at, status, "
		    "created_by, created_at, updated_by, updated_at) VALUES "
		    "(:crisis, :title, :owner, :due, :st, :by, :now, :by, "
		    ":now) RETURNING id", np, CCS_NNAMED(np), &task);
	}
	if (rc == CCS_OK)
		rc = ccs_audit_recordf(db, p, "crisis.task_add", "crisis_task",
		    body, now, "%" PRId64 "/%" PRId64, id, task);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return get_task(db, id, task, out, f);
}

int
ccs_crisis_task_update(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, int64_t task, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	const json_t *due = json_object_get(body, "due_at");
	json_t *c = NULL, *cur = NULL;
	int rc;

	*out = NULL;
	rc = ccs_crisis_load_open(db, p, id, true, &c, f);
	json_decref(c);
	if (rc == CCS_OK)
		rc = get_task(db, id, task, &cur, f);
	json_decref(cur);
	if (rc == CCS_OK)
		rc = check(db, body, f);
	if (rc != CCS_OK)
		return rc;
	{
		const struct ccs_named np[] = {
			CCS_NAMED("title", CCS_VTEXT(ccs_jstr(body, "title"))),
			CCS_NAMED("owner", json_is_integer(json_object_get(body,
			    "owner_contact_id")) ? CCS_VINT(json_integer_value(
			    json_object_get(body, "owner_contact_id"))) :
			    CCS_VNULL),
			CCS_NAMED("setdue", CCS_VINT(due != NULL ? 1 : 0)),
			CCS_NAMED("due", json_is_integer(due) ? CCS_VINT(
			    json_integer_value(due)) : CCS_VNULL),
			CCS_NAMED("st", CCS_VTEXT(ccs_jstr(body, "status"))),
			CCS_NAMED("by", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
			CCS_NAMED("task", CCS_VINT(task)),
		};

		rc = ccs_db_exec_named(db, "UPDATE crisis_tasks SET title = "
		    "COALESCE(:title, title), owner_contact_id = "
		    "COALESCE(CAST(:owner AS BIGINT), owner_contact_id), "
		    "due_at = CASE WHEN :setdue = 1 THEN CAST(:due AS BIGINT) "
		    "ELSE due_at END, status = COALESCE(:st, status), "
		    "updated_by = :by, updated_at = :now WHERE id = :task", np,
		    CCS_NNAMED(np), NULL, NULL);
	}
	if (rc == CCS_OK)
		rc = ccs_audit_recordf(db, p, "crisis.task_update",
		    "crisis_task", body, now, "%" PRId64 "/%" PRId64, id, task);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return get_task(db, id, task, out, f);
}

int
ccs_crisis_task_list(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const struct ccs_crisis_page *pg, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_val v[3] = { CCS_VINT(id), CCS_VINT(pg->after),
		CCS_VINT(pg->limit + 1) };
	json_t *c = NULL, *rows = NULL;
	int64_t total = 0;
	int rc;

	*out = NULL;
	rc = ccs_crisis_load(db, p, id, false, &c, f);
	json_decref(c);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM crisis_tasks WHERE "
	    "crisis_id = $1", v, 1, &total);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, TASK_SELECT " WHERE t.crisis_id = "
		    "$1 AND t.id > $2 ORDER BY t.id LIMIT $3", v, 3, &rows);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return ccs_crisis_page_of(rows, pg, total, out, f);
}

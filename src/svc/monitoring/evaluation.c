/*
 * evaluation.c: evaluations of plan versions.
 *
 * The evidence of an item is counted at each read from the records of
 * the other domains, so an evaluation shows what the records hold now
 * beside what the evaluator found as of its date: initiatives linked to
 * the item's need (completed: IATI status 3 or 4), status records above
 * level 0 of the standards linked to the need, and recommendations that
 * name the item or its need. Incidents are not linked to plan items and
 * are TLP-shared, so they are not counted here (the reports count them
 * per reader). Findings and scores are written whole per change set.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/monitoring/evaluation.h"
#include "core/validate.h"
#include "svc/capacity/cap_common.h"
#include "svc/monitoring/evaluation.h"
#include "svc/monitoring/meetings_common.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_evaluation_fields[] = {
	{ "title", CCS_J_STRING, true, 1, 300 },
	{ "as_of", CCS_J_STRING, true, 1, 10 },
	{ "summary", CCS_J_STRING, false, 0, 20000 },
};
const size_t ccs_evaluation_nfields = sizeof(ccs_evaluation_fields) /
    sizeof(ccs_evaluation_fields[0]);

const struct ccs_jfield ccs_evaluation_patch_fields[] = {
	{ "summary", CCS_J_STRING, false, 0, 20000 },
	{ "items", CCS_J_ARRAY, false, 0, 1000 },
};
const size_t ccs_evaluation_patch_nfields =
    sizeof(ccs_evaluation_patch_fields) /
    sizeof(ccs_evaluation_patch_fields[0]);

static int
version_known(struct ccs_db *db, int64_t vid, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(vid);
	int64_t n = 0;
	int rc;

	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM plan_versions WHERE "
	    "id = $1", &v, 1, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return n > 0 ? CCS_OK : ccs_fail(f, CCS_ENOTFOUND, "not_found", "no "
	    "plan version %" PRId64, vid);
}

int
ccs_eval_list(struct ccs_db *db, const struct ccs_principal *p, int64_t vid,
    const char *cursor, int64_t limit, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v[3];
	json_t *rows = NULL;
	int64_t after = 0, total = 0;
	bool more;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_MONITORING_READ, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "read evaluations");
	rc = version_known(db, vid, f);
	if (rc != CCS_OK)
		return rc;
	if (cursor != NULL && cursor[0] != '\0' && ccs_parse_i64(cursor, 1,
	    INT64_MAX, &after) != CCS_OK)
		return ccs_fail(f, CCS_EINVAL, "invalid_cursor", "cursor must "
		    "be the next_cursor of the previous page");
	v[0] = CCS_VINT(vid);
	v[1] = CCS_VINT(after);
	v[2] = CCS_VINT(limit + 1);
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM plan_evaluations "
	    "WHERE version_id = $1", v, 1, &total);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT id, version_id, title, "
		    "as_of, summary, created_by, created_at, updated_by, "
		    "updated_at FROM plan_evaluations WHERE version_id = $1 "
		    "AND id > $2 ORDER BY id LIMIT $3", v, 3, &rows);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	more = (int64_t)json_array_size(rows) > limit;
	if (more)
		(void)json_array_remove(rows, json_array_size(rows) - 1);
	*out = ccs_cap_page(rows, total, more);
	return *out ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal", "out of "
	    "memory");
}

#define EVIDENCE_SQL "SELECT pi.id, pi.ref, pi.kind, pi.section, " \
	"pi.need_ref, pi.solution_no, pi.change, COALESCE(pi.text, CASE " \
	"WHEN pi.solution_no IS NULL THEN n.need ELSE NULL END) AS text, " \
	"(SELECT COUNT(*) FROM initiative_needs x WHERE x.need_ref = " \
	"pi.need_ref) AS initiatives, (SELECT COUNT(*) FROM " \
	"initiative_needs x JOIN initiatives i ON i.id = x.initiative_id " \
	"WHERE x.need_ref = pi.need_ref AND i.status IN (3, 4)) AS " \
	"initiatives_done, (SELECT COUNT(*) FROM status_current sc JOIN " \
	"need_standards ns ON ns.lineage_id = sc.lineage_id WHERE " \
	"ns.need_ref = pi.need_ref AND sc.level > 0) AS standards_met, " \
	"(SELECT COUNT(*) FROM recommendations r WHERE r.plan_item_id = " \
	"pi.id OR (pi.need_ref IS NOT NULL AND r.need_ref = pi.need_ref)) " \
	"AS recommendations, (SELECT COUNT(*) FROM recommendations r WHERE " \
	"(r.plan_item_id = pi.id OR (pi.need_ref IS NOT NULL AND " \
	"r.need_ref = pi.need_ref)) AND r.status = 'closed') AS " \
	"recommendations_closed, ei.progress, ei.note FROM plan_items pi " \
	"LEFT JOIN needs n ON n.ref = pi.need_ref LEFT JOIN " \
	"plan_evaluation_items ei ON ei.item_id = pi.id AND " \
	"ei.evaluation_id = $2 WHERE pi.version_id = $1 ORDER BY pi.seq, " \
	"pi.id"

static int64_t
geti(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/* Moves the counts of @p it into "evidence" with the suggestion. */
static void
evidence(json_t *it)
{
	static const char *const keys[] = { "initiatives", "initiatives_done",
		"standards_met", "recommendations", "recommendations_closed" };
	struct ccs_eval_evidence e;
	json_t *ev;
	size_t k;

	e.initiatives = geti(it, "initiatives");
	e.initiatives_done = geti(it, "initiatives_done");
	e.standards_met = geti(it, "standards_met");
	e.recommendations = geti(it, "recommendations");
	e.recommendations_closed = geti(it, "recommendations_closed");
	ev = json_object();
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		(void)json_object_set(ev, keys[k], json_object_get(it,
		    keys[k]));
		json_object_del(it, keys[k]);
	}
	(void)json_object_set_new(ev, "suggested", json_string(
	    ccs_eval_suggest(&e)));
	(void)json_object_set_new(it, "evidence", ev);
}

static int
load(struct ccs_db *db, int64_t vid, int64_t eid, json_t **out)
{
	struct ccs_val v[2] = { CCS_VINT(vid), CCS_VINT(eid) };
	json_t *items = NULL, *scores = NULL, *it, *sc, *per;
	char key[24];
	size_t i;
	int rc;

	rc = ccs_db_query_one(db, "SELECT id, version_id, title, as_of, "
	    "summary, created_by, created_at, updated_by, updated_at FROM "
	    "plan_evaluations WHERE id = $2 AND version_id = $1", v, 2, out);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, EVIDENCE_SQL, v, 2, &items);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT item_id, criterion, score, "
		    "text FROM plan_evaluation_scores WHERE evaluation_id = $1 "
		    "ORDER BY item_id, criterion", &v[1], 1, &scores);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
		json_decref(items);
		return rc;
	}
	per = json_object();
	json_array_foreach(scores, i, sc) {
		json_t *o;

		(void)ccs_snprintf(key, sizeof(key), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(json_object_get(sc, "item_id")));
		o = json_object_get(per, key);
		if (o == NULL) {
			o = json_object();
			(void)json_object_set_new(per, key, o);
		}
		(void)json_object_set_new(o, ccs_jstr(sc, "criterion"),
		    json_pack("{s:O, s:O}", "score", json_object_get(sc,
		    "score"), "text", json_object_get(sc, "text")));
	}
	json_array_foreach(items, i, it) {
		json_t *o;

		evidence(it);
		(void)ccs_snprintf(key, sizeof(key), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(json_object_get(it, "id")));
		o = json_object_get(per, key);
		if (o != NULL)
			(void)json_object_set(it, "scores", o);
		else
			(void)json_object_set_new(it, "scores", json_object());
	}
	json_decref(per);
	json_decref(scores);
	(void)json_object_set_new(*out, "items", items);
	return CCS_OK;
}

int
ccs_eval_get(struct ccs_db *db, const struct ccs_principal *p, int64_t vid,
    int64_t eid, json_t **out, struct ccs_fail *f)
{
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_MONITORING_READ, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "read evaluations");
	rc = load(db, vid, eid, out);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no evaluation %" PRId64
		    " of plan version %" PRId64, eid, vid);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

int
ccs_eval_create(struct ccs_db *db, const struct ccs_principal *p,
    int64_t vid, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	const char *as_of = ccs_jstr(body, "as_of");
	int64_t id = 0;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_PLAN_WRITE, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "evaluate plan versions");
	rc = version_known(db, vid, f);
	if (rc != CCS_OK)
		return rc;
	if (!ccs_valid_date(as_of))
		return ccs_fail(f, CCS_EINVAL, "invalid_date", "as_of must be "
		    "a date YYYY-MM-DD");
	{
		const struct ccs_named np[] = {
			CCS_NAMED("v", CCS_VINT(vid)),
			CCS_NAMED("title", CCS_VTEXT(ccs_jstr(body, "title"))),
			CCS_NAMED("as_of", CCS_VTEXT(as_of)),
			CCS_NAMED("summary", CCS_VTEXT(ccs_jstr(body,
			    "summary") ? ccs_jstr(body, "summary") : "")),
			CCS_NAMED("who", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_query_int_named(db, "INSERT INTO plan_evaluations "
		    "(version_id, title, as_of, summary, created_by, "
		    "created_at, updated_by, updated_at) VALUES (:v, :title, "
		    ":as_of, :summary, :who, :now, :who, :now) RETURNING id",
		    np, CCS_NNAMED(np), &id);
	}
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "evaluation.create", "evaluation",
		    id, body, now);
	if (rc == CCS_OK)
		rc = load(db, vid, id, out);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

/* Checks finding @p i of the change set. */
static int
check_item(struct ccs_db *db, int64_t vid, const json_t *c, size_t i,
    struct ccs_fail *f)
{
	const json_t *scores = json_object_get(c, "scores"), *sv;
	const char *crit;
	struct ccs_val v[2];
	int64_t n = 0;
	int rc;

	if (!json_is_object(c))
		return ccs_fail(f, CCS_EINVAL, "invalid_field", "items[%zu] "
		    "must be an object", i);
	if (!json_is_integer(json_object_get(c, "item_id")))
		return ccs_fail(f, CCS_EINVAL, "missing_field", "items[%zu]."
		    "item_id is required", i);
	v[0] = CCS_VINT(json_integer_value(json_object_get(c, "item_id")));
	v[1] = CCS_VINT(vid);
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM plan_items WHERE id = "
	    "$1 AND version_id = $2", v, 2, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (n == 0)
		return ccs_fail(f, CCS_EINVAL, "unknown_plan_item",
		    "items[%zu].item_id: no item %" JSON_INTEGER_FORMAT " in "
		    "this version", i, json_integer_value(json_object_get(c,
		    "item_id")));
	if (!ccs_eval_progress_known(ccs_jstr(c, "progress")))
		return ccs_fail(f, CCS_EINVAL, "unknown_progress", "items[%zu]."
		    "progress must be done, partly or not_started", i);
	if (json_object_get(c, "note") != NULL && (ccs_jstr(c, "note") ==
	    NULL || strlen(ccs_jstr(c, "note")) > 4000))
		return ccs_fail(f, CCS_EINVAL, "invalid_field", "items[%zu]."
		    "note must be text of at most 4000 bytes", i);
	if (scores != NULL && !json_is_object(scores))
		return ccs_fail(f, CCS_EINVAL, "invalid_field", "items[%zu]."
		    "scores must be an object keyed by criterion", i);
	json_object_foreach((json_t *)scores, crit, sv) {
		const json_t *s = json_object_get(sv, "score");

		if (!ccs_eval_criterion_known(crit))
			return ccs_fail(f, CCS_EINVAL, "unknown_criterion",
			    "items[%zu].scores.%.30s: the criteria are "
			    "relevance, coherence, effectiveness, efficiency, "
			    "impact, sustainability", i, crit);
		if (!json_is_object(sv) || (s != NULL && !json_is_null(s) &&
		    (!json_is_integer(s) || json_integer_value(s) <
		    CCS_EVAL_SCORE_MIN || json_integer_value(s) >
		    CCS_EVAL_SCORE_MAX)))
			return ccs_fail(f, CCS_EINVAL, "invalid_score",
			    "items[%zu].scores.%s.score must be 1 to 4 or "
			    "null", i, crit);
		if (json_object_get(sv, "text") != NULL && (ccs_jstr(sv,
		    "text") == NULL || strlen(ccs_jstr(sv, "text")) > 4000))
			return ccs_fail(f, CCS_EINVAL, "invalid_field",
			    "items[%zu].scores.%s.text must be text of at "
			    "most 4000 bytes", i, crit);
	}
	return CCS_OK;
}

static int
write_item(struct ccs_db *db, int64_t eid, const json_t *c)
{
	const json_t *sv;
	const char *crit;
	int64_t item = json_integer_value(json_object_get(c, "item_id"));
	int rc;

	{
		const struct ccs_named np[] = {
			CCS_NAMED("e", CCS_VINT(eid)),
			CCS_NAMED("item", CCS_VINT(item)),
			CCS_NAMED("progress", CCS_VTEXT(ccs_jstr(c,
			    "progress"))),
			CCS_NAMED("note", CCS_VTEXT(ccs_jstr(c, "note") ?
			    ccs_jstr(c, "note") : "")),
		};

		rc = ccs_db_exec_named(db, "DELETE FROM plan_evaluation_items "
		    "WHERE evaluation_id = :e AND item_id = :item", np, 2, NULL,
		    NULL);
		if (rc == CCS_OK)
			rc = ccs_db_exec_named(db, "INSERT INTO "
			    "plan_evaluation_items (evaluation_id, item_id, "
			    "progress, note) VALUES (:e, :item, :progress, "
			    ":note)", np, CCS_NNAMED(np), NULL, NULL);
	}
	json_object_foreach((json_t *)json_object_get(c, "scores"), crit, sv) {
		const json_t *s = json_object_get(sv, "score");
		const struct ccs_named np[] = {
			CCS_NAMED("e", CCS_VINT(eid)),
			CCS_NAMED("item", CCS_VINT(item)),
			CCS_NAMED("crit", CCS_VTEXT(crit)),
			CCS_NAMED("score", json_is_integer(s) ?
			    CCS_VINT(json_integer_value(s)) : CCS_VNULL),
			CCS_NAMED("text", CCS_VTEXT(ccs_jstr(sv, "text") ?
			    ccs_jstr(sv, "text") : "")),
		};

		if (rc != CCS_OK)
			break;
		rc = ccs_db_exec_named(db, "DELETE FROM plan_evaluation_scores "
		    "WHERE evaluation_id = :e AND item_id = :item AND "
		    "criterion = :crit", np, 3, NULL, NULL);
		if (rc == CCS_OK)
			rc = ccs_db_exec_named(db, "INSERT INTO "
			    "plan_evaluation_scores (evaluation_id, item_id, "
			    "criterion, score, text) VALUES (:e, :item, :crit, "
			    ":score, :text)", np, CCS_NNAMED(np), NULL, NULL);
	}
	return rc;
}

int
ccs_eval_update(struct ccs_db *db, const struct ccs_principal *p,
    int64_t vid, int64_t eid, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	const json_t *items = json_object_get(body, "items"), *c;
	struct ccs_val v[2] = { CCS_VINT(eid), CCS_VINT(vid) };
	int64_t n = 0;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_PLAN_WRITE, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "evaluate plan versions");
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM plan_evaluations "
	    "WHERE id = $1 AND version_id = $2", v, 2, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (n == 0)
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no evaluation %"
		    PRId64 " of plan version %" PRId64, eid, vid);
	json_array_foreach(items, i, c) {
		rc = check_item(db, vid, c, i, f);
		if (rc != CCS_OK)
			return rc;
	}
	json_array_foreach(items, i, c) {
		rc = write_item(db, eid, c);
		if (rc != CCS_OK)
			break;
	}
	if (rc == CCS_OK) {
		const struct ccs_named np[] = {
			CCS_NAMED("id", CCS_VINT(eid)),
			CCS_NAMED("summary", CCS_VTEXT(ccs_jstr(body,
			    "summary"))),
			CCS_NAMED("who", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_exec_named(db, "UPDATE plan_evaluations SET "
		    "summary = COALESCE(CAST(:summary AS TEXT), summary), "
		    "updated_by = :who, updated_at = :now WHERE id = :id", np,
		    CCS_NNAMED(np), NULL, NULL);
	}
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "evaluation.update", "evaluation",
		    eid, body, now);
	if (rc == CCS_OK)
		rc = load(db, vid, eid, out);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

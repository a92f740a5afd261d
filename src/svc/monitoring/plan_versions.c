/*
 * plan_versions.c: plan versions, their items, derivation and the seed.
 *
 * An item of tables 1-5 stores need_ref (and solution_no for a solution)
 * and no text: its words are the needs catalogue's, read at each view,
 * until a derived version changes them, when the item gets its own text.
 * Derivation copies every item not dropped from the source with change
 * "kept" and predecessor_id set; the successor of an item is the item
 * whose predecessor it is. A change set is checked whole before any row
 * is written.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/monitoring/evaluation.h"
#include "core/validate.h"
#include "svc/capacity/cap_common.h"
#include "svc/monitoring/meetings_common.h"
#include "svc/monitoring/plan_versions.h"
#include "svc/platform/audit.h"
#include "svc/svc.h"
#include "util/asset.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_plan_derive_fields[] = {
	{ "from", CCS_J_INT, true, 0, 0 },
	{ "label", CCS_J_STRING, true, 1, 60 },
	{ "title", CCS_J_STRING, true, 1, 300 },
	{ "adopted", CCS_J_NULLSTR, false, 1, 10 },
	{ "source", CCS_J_NULLSTR, false, 1, 1000 },
};
const size_t ccs_plan_derive_nfields = sizeof(ccs_plan_derive_fields) /
    sizeof(ccs_plan_derive_fields[0]);

const struct ccs_jfield ccs_plan_items_fields[] = {
	{ "items", CCS_J_ARRAY, true, 0, 500 },
};
const size_t ccs_plan_items_nfields = sizeof(ccs_plan_items_fields) /
    sizeof(ccs_plan_items_fields[0]);

static const char *const item_kinds[] = {
	"need", "solution", "governance", "standards", "review", "monitoring",
	"funding", "timeline"
};

#define VERSION_COLS "v.id, v.label, v.title, v.adopted, v.derived_from, " \
	"v.source, v.created_by, v.created_at, (SELECT COUNT(*) FROM " \
	"plan_items i WHERE i.version_id = v.id) AS items_total"

static bool
item_kind_known(const char *k)
{
	size_t i;

	for (i = 0; k != NULL && i < sizeof(item_kinds) /
	    sizeof(item_kinds[0]); i++) {
		if (strcmp(item_kinds[i], k) == 0)
			return true;
	}
	return false;
}

static const struct ccs_keyset_col version_cols[] = {
	{ "created_at", "v.created_at", CCS_KEYSET_INT, false },
	{ "label", "v.label", CCS_KEYSET_TEXT, false },
	{ "title", "v.title", CCS_KEYSET_TEXT, false },
};

static const char *const version_text[] = {
	"v.label", "v.title", "COALESCE(v.adopted, '')",
	"COALESCE(v.source, '')",
};

static const struct ccs_listq_csvcol version_csv[] = {
	{ "id", "id", false }, { "label", "label", false },
	{ "title", "title", false }, { "adopted", "adopted", false },
	{ "derived_from", "derived_from", false },
	{ "source", "source", false }, { "items", "items_total", false },
	{ "created_by", "created_by", false },
	{ "created_at", "created_at", true },
};

const struct ccs_listq_def ccs_plan_version_list_def = {
	.name = "plan_versions", .select = "SELECT " VERSION_COLS,
	.from = "FROM plan_versions v WHERE 1 = 1",
	.cols = version_cols,
	.ncols = sizeof(version_cols) / sizeof(version_cols[0]),
	.id_expr = "v.id", .text = version_text,
	.ntext = sizeof(version_text) / sizeof(version_text[0]),
	.date_expr = "v.created_at", .date_kind = CCS_LISTQ_UNIX,
	.csv = version_csv,
	.ncsv = sizeof(version_csv) / sizeof(version_csv[0]),
};

int
ccs_plan_version_query(const struct ccs_principal *p, struct ccs_keyset *ks,
    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
    struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_MONITORING_READ, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "read the plan's versions");
	rc = ccs_listq_new(&ccs_plan_version_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

/* The text of an item: its own, or the linked need's or solution's. */
static void
resolve_text(json_t *it)
{
	const json_t *sol;
	json_t *arr;
	int64_t n = json_integer_value(json_object_get(it, "solution_no"));

	if (ccs_jstr(it, "text") != NULL) {
		(void)json_object_set_new(it, "text_from", json_string("item"));
	} else if (n > 0) {
		arr = ccs_jstr(it, "need_solutions") ? json_loads(ccs_jstr(it,
		    "need_solutions"), 0, NULL) : NULL;
		sol = json_array_get(arr, (size_t)(n - 1));
		(void)json_object_set_new(it, "text", sol ? json_copy(
		    (json_t *)sol) : json_null());
		(void)json_object_set_new(it, "text_from",
		    json_string("needs"));
		json_decref(arr);
	} else {
		(void)json_object_set(it, "text", json_object_get(it,
		    "need_text"));
		(void)json_object_set_new(it, "text_from",
		    json_string("needs"));
	}
	json_object_del(it, "need_text");
	json_object_del(it, "need_solutions");
}

/* The items of version @p id in plan order, texts resolved; new. */
static int
items_of(struct ccs_db *db, int64_t id, json_t **out)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *it;
	size_t i;
	int rc;

	rc = ccs_db_query_json(db, "SELECT pi.id, pi.ref, pi.kind, "
	    "pi.section, pi.seq, pi.need_ref, pi.solution_no, pi.text, "
	    "pi.change, pi.predecessor_id, (SELECT MIN(s.id) FROM plan_items "
	    "s WHERE s.predecessor_id = pi.id) AS successor_id, pi.note, "
	    "n.need AS need_text, n.solutions AS need_solutions, "
	    "pi.updated_by, pi.updated_at FROM plan_items pi LEFT JOIN needs "
	    "n ON n.ref = pi.need_ref WHERE pi.version_id = $1 ORDER BY "
	    "pi.seq, pi.id", &v, 1, out);
	if (rc != CCS_OK)
		return rc;
	json_array_foreach(*out, i, it)
		resolve_text(it);
	return CCS_OK;
}

static int
load(struct ccs_db *db, int64_t id, json_t **out)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *items = NULL;
	int rc;

	rc = ccs_db_query_one(db, "SELECT " VERSION_COLS " FROM plan_versions "
	    "v WHERE v.id = $1", &v, 1, out);
	if (rc == CCS_OK)
		rc = items_of(db, id, &items);
	if (rc == CCS_OK) {
		(void)json_object_set_new(*out, "items", items);
	} else {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int
ccs_plan_version_get(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, json_t **out, struct ccs_fail *f)
{
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_MONITORING_READ, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "read the plan's versions");
	rc = load(db, id, out);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no plan version %" PRId64,
		    id);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

int
ccs_plan_version_derive(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	int64_t from = json_integer_value(json_object_get(body, "from"));
	const char *adopted = ccs_jstr(body, "adopted");
	int64_t n = 0, id = 0;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_PLAN_WRITE, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "derive plan versions");
	if (adopted != NULL && !ccs_valid_date(adopted))
		return ccs_fail(f, CCS_EINVAL, "invalid_date", "adopted must "
		    "be a date YYYY-MM-DD");
	{
		struct ccs_val v[2] = { CCS_VINT(from),
			CCS_VTEXT(ccs_jstr(body, "label")) };

		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM plan_versions "
		    "WHERE id = $1", v, 1, &n);
		if (rc == CCS_OK && n == 0)
			return ccs_fail(f, CCS_EINVAL, "unknown_plan_version",
			    "from: no plan version %" PRId64, from);
		if (rc == CCS_OK)
			rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM "
			    "plan_versions WHERE label = $1", &v[1], 1, &n);
		if (rc == CCS_OK && n > 0)
			return ccs_fail(f, CCS_ECONFLICT, "duplicate_label",
			    "label: a version is already labelled '%.60s'",
			    ccs_jstr(body, "label"));
	}
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	{
		const struct ccs_named np[] = {
			CCS_NAMED("label", CCS_VTEXT(ccs_jstr(body, "label"))),
			CCS_NAMED("title", CCS_VTEXT(ccs_jstr(body, "title"))),
			CCS_NAMED("adopted", CCS_VTEXT(adopted)),
			CCS_NAMED("src", CCS_VINT(from)),
			CCS_NAMED("source", CCS_VTEXT(ccs_jstr(body,
			    "source"))),
			CCS_NAMED("who", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_query_int_named(db, "INSERT INTO plan_versions "
		    "(label, title, adopted, derived_from, source, created_by, "
		    "created_at) VALUES (:label, :title, :adopted, :src, "
		    ":source, :who, :now) RETURNING id", np, CCS_NNAMED(np),
		    &id);
	}
	if (rc == CCS_OK) {
		const struct ccs_named np[] = {
			CCS_NAMED("id", CCS_VINT(id)),
			CCS_NAMED("src", CCS_VINT(from)),
			CCS_NAMED("who", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_exec_named(db, "INSERT INTO plan_items "
		    "(version_id, ref, kind, section, seq, need_ref, "
		    "solution_no, text, change, predecessor_id, updated_by, "
		    "updated_at) SELECT :id, ref, kind, section, seq, "
		    "need_ref, solution_no, text, 'kept', id, :who, :now FROM "
		    "plan_items WHERE version_id = :src AND change <> "
		    "'dropped' ORDER BY seq, id", np, CCS_NNAMED(np), NULL,
		    NULL);
	}
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "plan_version.derive",
		    "plan_version", id, body, now);
	if (rc == CCS_OK)
		rc = load(db, id, out);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

/* Checks change @p i of the set against version @p vid. */
static int
check_change(struct ccs_db *db, int64_t vid, const json_t *c, size_t i,
    json_t **row, struct ccs_fail *f)
{
	const char *change = ccs_jstr(c, "change"), *text, *ref;
	const json_t *idv = json_object_get(c, "id");
	struct ccs_val v[2];
	int64_t n = 0;
	int rc;

	*row = NULL;
	if (!json_is_object(c))
		return ccs_fail(f, CCS_EINVAL, "invalid_field", "items[%zu] "
		    "must be an object", i);
	text = ccs_jstr(c, "text");
	if (json_object_get(c, "text") != NULL && (text == NULL ||
	    text[0] == '\0' || strlen(text) > 4000 || !ccs_text_ok(text)))
		return ccs_fail(f, CCS_EINVAL, "invalid_field", "items[%zu]."
		    "text must be text of 1 to 4000 bytes", i);
	if (json_object_get(c, "note") != NULL && (ccs_jstr(c, "note") ==
	    NULL || strlen(ccs_jstr(c, "note")) > 2000))
		return ccs_fail(f, CCS_EINVAL, "invalid_field", "items[%zu]."
		    "note must be text of at most 2000 bytes", i);
	if (change == NULL)
		return ccs_fail(f, CCS_EINVAL, "missing_field", "items[%zu]."
		    "change is required: kept, changed, dropped or new", i);
	if (strcmp(change, "new") == 0) {
		ref = ccs_jstr(c, "ref");
		if (idv != NULL)
			return ccs_fail(f, CCS_EINVAL, "invalid_field",
			    "items[%zu]: a new item has no id", i);
		if (ref == NULL || ref[0] == '\0' || strlen(ref) > 20)
			return ccs_fail(f, CCS_EINVAL, "missing_field",
			    "items[%zu].ref is required for a new item (1 to "
			    "20 bytes)", i);
		if (!item_kind_known(ccs_jstr(c, "kind")) || strcmp(ccs_jstr(c,
		    "kind"), "need") == 0 || strcmp(ccs_jstr(c, "kind"),
		    "solution") == 0)
			return ccs_fail(f, CCS_EINVAL, "unknown_kind",
			    "items[%zu].kind must be governance, standards, "
			    "review, monitoring, funding or timeline", i);
		if (text == NULL)
			return ccs_fail(f, CCS_EINVAL, "missing_field",
			    "items[%zu].text is required for a new item", i);
		v[0] = CCS_VINT(vid);
		v[1] = CCS_VTEXT(ref);
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM plan_items "
		    "WHERE version_id = $1 AND ref = $2", v, 2, &n);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		if (n > 0)
			return ccs_fail(f, CCS_ECONFLICT, "duplicate_ref",
			    "items[%zu].ref: this version already has an item "
			    "%.20s", i, ref);
		return CCS_OK;
	}
	if (!json_is_integer(idv))
		return ccs_fail(f, CCS_EINVAL, "missing_field", "items[%zu].id "
		    "is required (the item changed)", i);
	v[0] = CCS_VINT(json_integer_value(idv));
	v[1] = CCS_VINT(vid);
	rc = ccs_db_query_one(db, "SELECT id, change, text, need_ref FROM "
	    "plan_items WHERE id = $1 AND version_id = $2", v, 2, row);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, CCS_EINVAL, "unknown_plan_item",
		    "items[%zu].id: no item %" JSON_INTEGER_FORMAT " in this "
		    "version", i, json_integer_value(idv));
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (!ccs_plan_change_ok(ccs_jstr(*row, "change"), change))
		return ccs_fail(f, CCS_EINVAL, "invalid_change", "items[%zu]."
		    "change: an item %s cannot become %.20s (kept, changed, "
		    "dropped for a carried item)", i, ccs_jstr(*row, "change"),
		    change);
	if (strcmp(change, "changed") == 0 && text == NULL)
		return ccs_fail(f, CCS_EINVAL, "missing_field", "items[%zu]."
		    "text is required for a changed item (its new words)", i);
	return CCS_OK;
}

static int
apply_change(struct ccs_db *db, const struct ccs_principal *p, int64_t vid,
    const json_t *c, int64_t now)
{
	const char *change = ccs_jstr(c, "change");
	int64_t seq = 0;
	int rc;

	if (strcmp(change, "new") == 0) {
		struct ccs_val v = CCS_VINT(vid);

		rc = ccs_db_query_int(db, "SELECT COALESCE(MAX(seq), 0) + 1 "
		    "FROM plan_items WHERE version_id = $1", &v, 1, &seq);
		if (rc == CCS_OK) {
			const struct ccs_named np[] = {
				CCS_NAMED("v", CCS_VINT(vid)),
				CCS_NAMED("ref", CCS_VTEXT(ccs_jstr(c, "ref"))),
				CCS_NAMED("kind", CCS_VTEXT(ccs_jstr(c,
				    "kind"))),
				CCS_NAMED("section", CCS_VTEXT(ccs_jstr(c,
				    "section") ? ccs_jstr(c, "section") : "")),
				CCS_NAMED("seq", CCS_VINT(seq)),
				CCS_NAMED("text", CCS_VTEXT(ccs_jstr(c,
				    "text"))),
				CCS_NAMED("note", CCS_VTEXT(ccs_jstr(c,
				    "note"))),
				CCS_NAMED("who", CCS_VTEXT(ccs_actor(p))),
				CCS_NAMED("now", CCS_VINT(now)),
			};

			rc = ccs_db_exec_named(db, "INSERT INTO plan_items "
			    "(version_id, ref, kind, section, seq, text, "
			    "change, note, updated_by, updated_at) VALUES (:v, "
			    ":ref, :kind, :section, :seq, :text, 'new', :note, "
			    ":who, :now)", np, CCS_NNAMED(np), NULL, NULL);
		}
		return rc;
	}
	{
		/* kept goes back to the predecessor's words */
		const struct ccs_named np[] = {
			CCS_NAMED("id", CCS_VINT(json_integer_value(
			    json_object_get(c, "id")))),
			CCS_NAMED("change", CCS_VTEXT(change)),
			CCS_NAMED("text", CCS_VTEXT(ccs_jstr(c, "text"))),
			CCS_NAMED("keep", CCS_VINT(strcmp(change, "kept") ==
			    0)),
			CCS_NAMED("note", CCS_VTEXT(ccs_jstr(c, "note"))),
			CCS_NAMED("who", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		return ccs_db_exec_named(db, "UPDATE plan_items SET change = "
		    ":change, text = CASE WHEN :keep = 1 THEN (SELECT o.text "
		    "FROM plan_items o WHERE o.id = plan_items.predecessor_id) "
		    "ELSE COALESCE(CAST(:text AS TEXT), text) END, note = "
		    "COALESCE(CAST(:note AS TEXT), note), updated_by = :who, "
		    "updated_at = :now WHERE id = :id", np, CCS_NNAMED(np),
		    NULL, NULL);
	}
}

int
ccs_plan_items_patch(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	const json_t *items = json_object_get(body, "items"), *c;
	json_t *ver = NULL, *row = NULL;
	struct ccs_val v = CCS_VINT(id);
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_PLAN_WRITE, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "change plan items");
	rc = ccs_db_query_one(db, "SELECT id, derived_from FROM plan_versions "
	    "WHERE id = $1", &v, 1, &ver);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no plan version %" PRId64,
		    id);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (!json_is_integer(json_object_get(ver, "derived_from"))) {
		json_decref(ver);
		return ccs_fail(f, CCS_ECONFLICT, "original_version", "version "
		    "%" PRId64 " is the plan as adopted; derive a new version "
		    "and change that", id);
	}
	json_decref(ver);
	if (json_array_size(items) == 0)
		return ccs_fail(f, CCS_EINVAL, "missing_field", "items must "
		    "hold at least one change");
	json_array_foreach(items, i, c) {
		rc = check_change(db, id, c, i, &row, f);
		json_decref(row);
		row = NULL;
		if (rc != CCS_OK)
			return rc;
	}
	json_array_foreach(items, i, c) {
		rc = apply_change(db, p, id, c, now);
		if (rc != CCS_OK)
			break;
	}
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "plan_version.items",
		    "plan_version", id, body, now);
	if (rc == CCS_OK)
		rc = load(db, id, out);
	if (rc == CCS_ECONFLICT)
		return ccs_fail(f, rc, "duplicate_ref", "two new items of the "
		    "change set have one ref");
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

static int
seed_item(struct ccs_db *db, int64_t vid, const json_t *it, int64_t seq,
    int64_t now)
{
	const struct ccs_named np[] = {
		CCS_NAMED("v", CCS_VINT(vid)),
		CCS_NAMED("ref", CCS_VTEXT(ccs_jstr(it, "ref"))),
		CCS_NAMED("kind", CCS_VTEXT(ccs_jstr(it, "kind"))),
		CCS_NAMED("section", CCS_VTEXT(ccs_jstr(it, "section"))),
		CCS_NAMED("seq", CCS_VINT(seq)),
		CCS_NAMED("need", CCS_VTEXT(ccs_jstr(it, "need_ref"))),
		CCS_NAMED("sol", json_is_integer(json_object_get(it,
		    "solution_no")) ? CCS_VINT(json_integer_value(
		    json_object_get(it, "solution_no"))) : CCS_VNULL),
		CCS_NAMED("text", CCS_VTEXT(ccs_jstr(it, "text"))),
		CCS_NAMED("now", CCS_VINT(now)),
	};

	return ccs_db_exec_named(db, "INSERT INTO plan_items (version_id, ref, "
	    "kind, section, seq, need_ref, solution_no, text, change, "
	    "updated_by, updated_at) VALUES (:v, :ref, :kind, :section, :seq, "
	    ":need, :sol, :text, 'original', 'system', :now)", np,
	    CCS_NNAMED(np), NULL, NULL);
}

int
ccs_plan_seed(struct ccs_db *db, int64_t now, int *loaded,
    struct ccs_fail *f)
{
	const struct ccs_asset *a;
	const json_t *ver, *it;
	json_error_t je;
	json_t *doc;
	int64_t n = 0, vid = 0;
	size_t i, j;
	int rc;

	*loaded = 0;
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM plan_versions", NULL,
	    0, &n);
	if (rc != CCS_OK || n > 0)
		return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
	a = ccs_asset_find("data/seed/monitoring.json");
	doc = a != NULL ? json_loadb((const char *)a->data, a->len,
	    JSON_REJECT_DUPLICATES, &je) : NULL;
	if (doc == NULL)
		return ccs_fail(f, CCS_EINVAL, "internal", "monitoring.json: "
		    "%s", a == NULL ? "missing from this build" : je.text);
	json_array_foreach(json_object_get(doc, "plan_versions"), i, ver) {
		const struct ccs_named np[] = {
			CCS_NAMED("label", CCS_VTEXT(ccs_jstr(ver, "label"))),
			CCS_NAMED("title", CCS_VTEXT(ccs_jstr(ver, "title"))),
			CCS_NAMED("adopted", CCS_VTEXT(ccs_jstr(ver,
			    "adopted"))),
			CCS_NAMED("source", CCS_VTEXT(ccs_jstr(ver,
			    "source"))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_query_int_named(db, "INSERT INTO plan_versions "
		    "(label, title, adopted, source, created_by, created_at) "
		    "VALUES (:label, :title, :adopted, :source, 'system', "
		    ":now) RETURNING id", np, CCS_NNAMED(np), &vid);
		json_array_foreach(json_object_get(ver, "items"), j, it) {
			if (rc != CCS_OK)
				break;
			rc = seed_item(db, vid, it, (int64_t)j + 1, now);
			if (rc == CCS_OK)
				(*loaded)++;
		}
		if (rc != CCS_OK)
			break;
	}
	if (rc == CCS_OK)
		rc = ccs_audit_append(db, "system", "seed.load",
		    "plan_versions", "data/seed/monitoring.json", doc, now);
	json_decref(doc);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "monitoring seed: %s",
		    ccs_db_errmsg(db));
	return CCS_OK;
}

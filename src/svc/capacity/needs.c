/*
 * needs.c: reading and editing the needs catalogue.
 *
 * The list follows the list contract (svc/listq.h); its default order
 * is the plan's: an integer made of the table and the number after the
 * point (T1.2 before T1.10), the same on both backends whatever their
 * collation, and also the row's id for the keyset. An edit copies the
 * current version into need_versions, then writes the new one, in one
 * transaction.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "svc/capacity/needs.h"
#include "svc/svc.h"
#include "util/asset.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

const struct ccs_jfield ccs_need_fields[] = {
	{ "version", CCS_J_INT, true, 0, 0 },
	{ "need", CCS_J_STRING, false, 1, 4000 },
	{ "solutions", CCS_J_ARRAY, false, 0, 50 },
	{ "partners", CCS_J_ARRAY, false, 0, 50 },
	{ "standards", CCS_J_ARRAY, false, 0, 200 },
};
const size_t ccs_need_nfields = sizeof(ccs_need_fields) /
    sizeof(ccs_need_fields[0]);

#define NEED_SELECT "SELECT n.ref, n.tbl AS plan_table, n.need, " \
	"n.solutions, n.partners, n.version, n.updated_by, n.updated_at, " \
	"(SELECT COUNT(*) FROM initiative_needs x WHERE x.need_ref = n.ref) " \
	"AS initiatives FROM needs n"

/* Replaces text member @p key of @p o by the JSON it holds. */
static void
parse_member(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	json_t *v = s != NULL ? json_loads(s, 0, NULL) : NULL;

	(void)json_object_set_new(o, key, v != NULL ? v : json_array());
}

/* Adds the linked standards (lineage, code and title of the latest). */
static int
add_standards(struct ccs_db *db, json_t *need)
{
	struct ccs_val v = CCS_VTEXT(json_string_value(json_object_get(need,
	    "ref")));
	json_t *rows = NULL;
	int rc;

	rc = ccs_db_query_json(db, "SELECT ns.lineage_id, s.code, s.title "
	    "FROM need_standards ns JOIN standards s ON s.id = (SELECT "
	    "MAX(id) FROM standards WHERE lineage_id = ns.lineage_id) WHERE "
	    "ns.need_ref = $1 ORDER BY ns.lineage_id", &v, 1, &rows);
	if (rc == CCS_OK)
		(void)json_object_set_new(need, "standards", rows);
	return rc;
}

static int
present(struct ccs_db *db, json_t *need)
{
	char area[8];

	parse_member(need, "solutions");
	parse_member(need, "partners");
	(void)ccs_snprintf(area, sizeof(area), "PA%" JSON_INTEGER_FORMAT,
	    json_integer_value(json_object_get(need, "plan_table")));
	(void)json_object_set_new(need, "priority_area", json_string(area));
	return add_standards(db, need);
}

static int
load(struct ccs_db *db, const char *ref, json_t **out)
{
	struct ccs_val v = CCS_VTEXT(ref);
	int rc;

	rc = ccs_db_query_one(db, NEED_SELECT " WHERE n.ref = $1", &v, 1, out);
	if (rc == CCS_OK)
		rc = present(db, *out);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* Plan order as an integer: T1.2 is 1002, T1.10 is 1010. */
#define NEED_ORD "CAST(n.tbl * 1000 + CAST(SUBSTR(n.ref, " \
	"LENGTH(CAST(n.tbl AS TEXT)) + 3) AS INTEGER) AS BIGINT)"
#define NEED_COUNT "(SELECT COUNT(*) FROM initiative_needs x " \
	"WHERE x.need_ref = n.ref)"

static const struct ccs_keyset_col need_cols[] = {
	{ "plan_order", NEED_ORD, CCS_KEYSET_INT, false },
	{ "need", "n.need", CCS_KEYSET_TEXT, false },
	{ "initiatives", NEED_COUNT, CCS_KEYSET_INT, true },
	{ "updated_at", "n.updated_at", CCS_KEYSET_INT, true },
};

static const char *const need_text[] = {
	"n.ref", "n.need", "n.solutions", "n.partners",
};

static const struct ccs_listq_csvcol need_csv[] = {
	{ "ref", "ref", false }, { "plan_order", "plan_order", false },
	{ "plan_table", "plan_table", false },
	{ "priority_area", "priority_area", false },
	{ "need", "need", false }, { "solutions", "solutions", false },
	{ "partners", "partners", false },
	{ "initiatives", "initiatives", false },
	{ "version", "version", false },
	{ "updated_at", "updated_at", true },
	{ "updated_by", "updated_by", false },
};

/* The full need whose plan order is @p ord (the listq load hook). */
static int
load_ord(struct ccs_db *db, int64_t ord, json_t **out)
{
	struct ccs_val v = CCS_VINT(ord);
	int rc;

	rc = ccs_db_query_one(db, NEED_SELECT " WHERE " NEED_ORD " = $1", &v,
	    1, out);
	if (rc == CCS_OK)
		rc = present(db, *out);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

const struct ccs_listq_def ccs_need_list_def = {
	.name = "needs",
	.select = "SELECT " NEED_ORD " AS id, " NEED_ORD " AS plan_order, "
	    "n.need, " NEED_COUNT " AS initiatives, n.updated_at",
	.from = "FROM needs n WHERE 1 = 1",
	.cols = need_cols, .ncols = sizeof(need_cols) / sizeof(need_cols[0]),
	.id_expr = NEED_ORD, .text = need_text,
	.ntext = sizeof(need_text) / sizeof(need_text[0]),
	.date_kind = CCS_LISTQ_NODATE,
	.csv = need_csv, .ncsv = sizeof(need_csv) / sizeof(need_csv[0]),
	.load = load_ord,
};

int
ccs_need_query(const struct ccs_principal *p, int64_t table,
    struct ccs_keyset *ks, const char *q, int64_t from, int64_t to,
    struct ccs_listq **out, struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "read the needs catalogue");
	rc = ccs_listq_new(&ccs_need_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	if (table > 0)
		ccs_listq_eq(lq, "n.tbl", CCS_VINT(table));
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

int
ccs_need_get(struct ccs_db *db, const struct ccs_principal *p,
    const char *ref, json_t **out, struct ccs_fail *f)
{
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "read the needs catalogue");
	rc = load(db, ref, out);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no need '%.40s'", ref);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}

/* True when @p key is an organisation key of the directory seed. */
static bool
partner_key_known(const json_t *orgs, const char *key)
{
	const json_t *o;
	size_t i;

	json_array_foreach(json_object_get(orgs, "organisations"), i, o) {
		if (ccs_streq(json_string_value(json_object_get(o, "key")),
		    key))
			return true;
	}
	return false;
}

static int
check_body(struct ccs_db *db, const json_t *body, struct ccs_fail *f)
{
	const struct ccs_asset *a;
	const json_t *it;
	json_t *orgs = NULL;
	char path[32];
	size_t i;
	int rc = CCS_OK;

	json_array_foreach(json_object_get(body, "solutions"), i, it) {
		if (!json_is_string(it) || json_string_length(it) == 0 ||
		    json_string_length(it) > 2000)
			return ccs_fail(f, CCS_EINVAL, "invalid_field",
			    "solutions[%zu] must be text of 1 to 2000 bytes",
			    i);
	}
	if (json_array_size(json_object_get(body, "partners")) > 0) {
		a = ccs_asset_find("data/seed/organisations.json");
		orgs = a != NULL ? json_loadb((const char *)a->data, a->len, 0,
		    NULL) : NULL;
		if (orgs == NULL)
			return ccs_fail(f, CCS_EINVAL, "internal", "the "
			    "directory seed is missing from this build");
	}
	json_array_foreach(json_object_get(body, "partners"), i, it) {
		if (!json_is_string(it) || !partner_key_known(orgs,
		    json_string_value(it))) {
			rc = ccs_fail(f, CCS_EINVAL, "unknown_organisation",
			    "partners[%zu]: not an organisation key of the "
			    "directory (such as oas_cicte)", i);
			break;
		}
	}
	json_decref(orgs);
	json_array_foreach(json_object_get(body, "standards"), i, it) {
		if (rc != CCS_OK)
			break;
		(void)ccs_snprintf(path, sizeof(path), "standards[%zu]", i);
		if (!json_is_integer(it))
			return ccs_fail(f, CCS_EINVAL, "unknown_standard", "%s "
			    "must be a standard lineage id", path);
		rc = ccs_cap_lineage_known(db, json_integer_value(it), path, f);
	}
	return rc;
}

/* A JSON array as text; new, NULL when out of memory. */
static char *
dump(const json_t *v)
{
	return json_dumps(v, JSON_COMPACT);
}

/* Copies the current version of @p cur into need_versions. */
static int
keep_version(struct ccs_db *db, const json_t *cur)
{
	struct ccs_val v[8];
	json_t *lin = json_array(), *it;
	char *sol, *par, *std;
	size_t i;
	int rc;

	json_array_foreach(json_object_get(cur, "standards"), i, it)
		(void)json_array_append(lin, json_object_get(it, "lineage_id"));
	sol = dump(json_object_get(cur, "solutions"));
	par = dump(json_object_get(cur, "partners"));
	std = dump(lin);
	json_decref(lin);
	v[0] = CCS_VTEXT(json_string_value(json_object_get(cur, "ref")));
	v[1] = CCS_VINT(json_integer_value(json_object_get(cur, "version")));
	v[2] = CCS_VTEXT(json_string_value(json_object_get(cur, "need")));
	v[3] = CCS_VTEXT(sol);
	v[4] = CCS_VTEXT(par);
	v[5] = CCS_VTEXT(std);
	v[6] = CCS_VTEXT(json_string_value(json_object_get(cur,
	    "updated_by")));
	v[7] = CCS_VINT(json_integer_value(json_object_get(cur,
	    "updated_at")));
	rc = sol && par && std ? ccs_db_exec(db, "INSERT INTO need_versions "
	    "(need_ref, version, need, solutions, partners, standards, "
	    "changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	    v, 8, NULL, NULL) : CCS_ENOMEM;
	free(sol);
	free(par);
	free(std);
	return rc;
}

static int
write_need(struct ccs_db *db, const struct ccs_principal *p, const char *ref,
    const json_t *body, const json_t *cur, int64_t now)
{
	struct ccs_val v[6];
	const json_t *it;
	char *sol, *par;
	size_t i;
	int rc;

	sol = dump(json_object_get(body, "solutions") ? json_object_get(body,
	    "solutions") : json_object_get(cur, "solutions"));
	par = dump(json_object_get(body, "partners") ? json_object_get(body,
	    "partners") : json_object_get(cur, "partners"));
	v[0] = CCS_VTEXT(ref);
	v[1] = CCS_VTEXT(json_object_get(body, "need") ? json_string_value(
	    json_object_get(body, "need")) : json_string_value(
	    json_object_get(cur, "need")));
	v[2] = CCS_VTEXT(sol);
	v[3] = CCS_VTEXT(par);
	v[4] = CCS_VTEXT(ccs_actor(p));
	v[5] = CCS_VINT(now);
	rc = sol && par ? ccs_db_exec(db, "UPDATE needs SET need = $2, "
	    "solutions = $3, partners = $4, updated_by = $5, updated_at = $6, "
	    "version = version + 1 WHERE ref = $1", v, 6, NULL, NULL) :
	    CCS_ENOMEM;
	free(sol);
	free(par);
	if (rc != CCS_OK || json_object_get(body, "standards") == NULL)
		return rc;
	rc = ccs_db_exec(db, "DELETE FROM need_standards WHERE need_ref = $1",
	    v, 1, NULL, NULL);
	json_array_foreach(json_object_get(body, "standards"), i, it) {
		if (rc != CCS_OK)
			break;
		v[1] = CCS_VINT(json_integer_value(it));
		rc = ccs_db_exec(db, "INSERT INTO need_standards (need_ref, "
		    "lineage_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", v, 2,
		    NULL, NULL);
	}
	return rc;
}

int
ccs_need_update(struct ccs_db *db, const struct ccs_principal *p,
    const char *ref, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	json_t *cur = NULL;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_NEED_EDIT, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "edit the needs catalogue");
	rc = load(db, ref, &cur);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no need '%.40s'", ref);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (json_integer_value(json_object_get(body, "version")) !=
	    json_integer_value(json_object_get(cur, "version"))) {
		rc = ccs_fail(f, CCS_ECONFLICT, "stale_version", "the need "
		    "changed since you read it (now version %"
		    JSON_INTEGER_FORMAT "): reload it", json_integer_value(
		    json_object_get(cur, "version")));
		goto out;
	}
	rc = check_body(db, body, f);
	if (rc != CCS_OK)
		goto out;
	rc = keep_version(db, cur);
	if (rc == CCS_OK)
		rc = write_need(db, p, ref, body, cur, now);
	if (rc == CCS_OK)
		rc = ccs_audit_recordf(db, p, "need.update", "need", body, now,
		    "%s", ref);
	if (rc == CCS_OK)
		rc = load(db, ref, out);
	if (rc != CCS_OK)
		rc = ccs_dbfail(f, db, rc);
out:
	json_decref(cur);
	return rc;
}

int
ccs_need_history(struct ccs_db *db, const struct ccs_principal *p,
    const char *ref, const struct ccs_page *page, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_val v[3];
	json_t *cur = NULL, *rows = NULL, *items, *it, *env;
	int64_t total = 0, before;
	char txt[24];
	size_t i;
	bool more;
	int rc;

	*out = NULL;
	rc = ccs_need_get(db, p, ref, &cur, f);
	if (rc != CCS_OK)
		return rc;
	/* the cursor is the last version listed; versions go down */
	before = page->after > 0 ? page->after : INT64_MAX;
	v[0] = CCS_VTEXT(ref);
	v[1] = CCS_VINT(before);
	v[2] = CCS_VINT(page->limit + 1);
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM need_versions WHERE "
	    "need_ref = $1", v, 1, &total);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT version, need, solutions, "
		    "partners, standards, changed_by, changed_at FROM "
		    "need_versions WHERE need_ref = $1 AND version < $2 "
		    "ORDER BY version DESC LIMIT $3", v, 3, &rows);
	if (rc != CCS_OK) {
		json_decref(cur);
		return ccs_dbfail(f, db, rc);
	}
	items = json_array();
	if (page->after <= 0) {
		it = json_pack("{s:O?, s:O?, s:O?, s:O?, s:O?, s:O?, s:O?}",
		    "version", json_object_get(cur, "version"), "need",
		    json_object_get(cur, "need"), "solutions",
		    json_object_get(cur, "solutions"), "partners",
		    json_object_get(cur, "partners"), "standards",
		    json_object_get(cur, "standards"), "changed_by",
		    json_object_get(cur, "updated_by"), "changed_at",
		    json_object_get(cur, "updated_at"));
		(void)json_array_append_new(items, it);
	}
	json_array_foreach(rows, i, it) {
		if ((int64_t)json_array_size(items) >= page->limit)
			break;
		parse_member(it, "solutions");
		parse_member(it, "partners");
		parse_member(it, "standards");
		(void)json_array_append(items, it);
	}
	more = (int64_t)json_array_size(rows) + (page->after <= 0) >
	    page->limit;
	json_decref(rows);
	json_decref(cur);
	it = json_array_get(items, json_array_size(items) - 1);
	(void)ccs_snprintf(txt, sizeof(txt), "%" JSON_INTEGER_FORMAT,
	    json_integer_value(json_object_get(it, "version")));
	env = json_pack("{s:o, s:I, s:I, s:o}", "items", items, "count",
	    (json_int_t)json_array_size(items), "total", (json_int_t)total + 1,
	    "next_cursor", more ? json_string(txt) : json_null());
	if (env == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	*out = env;
	return CCS_OK;
}

/*
 * framework.c: framework versions in the store.
 *
 * A version is written once: its areas, specific areas and standards. The
 * lineage of a standard is looked up in the previous version by code; when
 * the scale and met level are identical the lineage continues (statuses
 * carry over), otherwise the standard starts a new lineage and needs fresh
 * status records.
 */
#include <stdlib.h>
#include <string.h>

#include "core/framework.h"
#include "svc/platform/audit.h"
#include "svc/standards/framework.h"
#include "svc/svc.h"
#include "util/asset.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

static int
dbfail(struct ccs_fail *f, struct ccs_db *db, int rc)
{
	if (rc == CCS_ECONFLICT)
		return ccs_fail(f, rc, "invalid_framework", "a code is used "
		    "twice in this framework");
	return ccs_fail(f, rc == CCS_EBUSY ? rc : CCS_EDB, "internal",
	    "framework store: %s", ccs_db_errmsg(db));
}

int
ccs_fw_latest(struct ccs_db *db, int64_t *version_id, int64_t *version)
{
	json_t *row = NULL;
	int rc;

	rc = ccs_db_query_one(db, "SELECT id, version FROM framework_versions "
	    "ORDER BY version DESC LIMIT 1", NULL, 0, &row);
	if (rc != CCS_OK)
		return rc;
	*version_id = json_integer_value(json_object_get(row, "id"));
	if (version != NULL)
		*version = json_integer_value(json_object_get(row, "version"));
	json_decref(row);
	return CCS_OK;
}

static char *
dump(const json_t *v)
{
	return v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) :
	    ccs_strdup("[]");
}

/* Lineage of @p code in version @p prev_vid if scale and met are the same. */
static int
find_lineage(struct ccs_db *db, int64_t prev_vid, const char *code,
    const char *scale, int64_t met, int64_t *lineage)
{
	struct ccs_val v[4];
	int rc;

	*lineage = 0;
	if (prev_vid == 0)
		return CCS_OK;
	v[0] = CCS_VINT(prev_vid);
	v[1] = CCS_VTEXT(code);
	v[2] = CCS_VTEXT(scale);
	v[3] = CCS_VINT(met);
	rc = ccs_db_query_int(db, "SELECT lineage_id FROM standards WHERE "
	    "version_id = $1 AND code = $2 AND scale = $3 AND met_level = $4",
	    v, 4, lineage);
	return rc == CCS_ENOTFOUND ? CCS_OK : rc;
}

/* Links need refs of @p needs (JSON array) to @p lineage (need_standards). */
static int
link_needs(struct ccs_db *db, const json_t *needs, int64_t lineage)
{
	struct ccs_val v[2];
	const json_t *n;
	size_t i;
	int rc;

	json_array_foreach(needs, i, n) {
		v[0] = CCS_VTEXT(json_string_value(n));
		v[1] = CCS_VINT(lineage);
		rc = ccs_db_exec(db, "INSERT INTO need_standards (need_ref, "
		    "lineage_id) SELECT ref, $2 FROM needs WHERE ref = $1 "
		    "ON CONFLICT DO NOTHING", v, 2, NULL, NULL);
		if (rc != CCS_OK)
			return rc;
	}
	return CCS_OK;
}

static int
insert_standard(struct ccs_db *db, int64_t vid, int64_t prev_vid,
    int64_t said, const json_t *s, int64_t ord, struct ccs_fail *f)
{
	struct ccs_val v[1];
	char *scale = NULL, *needs = NULL;
	int64_t id, lineage;
	int rc;

	scale = dump(json_object_get(s, "scale"));
	needs = dump(json_object_get(s, "needs"));
	if (scale == NULL || needs == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	rc = find_lineage(db, prev_vid, json_string_value(json_object_get(s,
	    "code")), scale, json_integer_value(json_object_get(s,
	    "met_level")), &lineage);
	if (rc != CCS_OK) {
		rc = dbfail(f, db, rc);
		goto out;
	}
	const struct ccs_named np[] = {
		CCS_NAMED("vid", CCS_VINT(vid)),
		CCS_NAMED("said", CCS_VINT(said)),
		CCS_NAMED("lineage", CCS_VINT(lineage)),
		CCS_NAMED("code", CCS_VTEXT(ccs_jstr(s, "code"))),
		CCS_NAMED("title", CCS_VTEXT(ccs_jstr(s, "title"))),
		CCS_NAMED("descr", CCS_VTEXT(ccs_jstr(s, "description"))),
		CCS_NAMED("scale", CCS_VTEXT(scale)),
		CCS_NAMED("nlevels", CCS_VINT((int64_t)json_array_size(
		    json_object_get(s, "scale")))),
		CCS_NAMED("met", CCS_VINT(json_integer_value(
		    json_object_get(s, "met_level")))),
		CCS_NAMED("pillar", CCS_VTEXT(ccs_jstr(s, "gci_pillar"))),
		CCS_NAMED("dim", CCS_VTEXT(ccs_jstr(s, "cmm_dimension"))),
		CCS_NAMED("needs", CCS_VTEXT(needs)),
		CCS_NAMED("ord", CCS_VINT(ord)),
	};

	rc = ccs_db_query_int_named(db, "INSERT INTO standards (version_id, "
	    "specific_area_id, lineage_id, code, title, description, scale, "
	    "nlevels, met_level, gci_pillar, cmm_dimension, needs, ord) VALUES "
	    "(:vid, :said, :lineage, :code, :title, :descr, :scale, :nlevels, "
	    ":met, :pillar, :dim, :needs, :ord) RETURNING id", np,
	    CCS_NNAMED(np), &id);
	if (rc == CCS_OK && lineage == 0) {
		v[0] = CCS_VINT(id);
		rc = ccs_db_exec(db, "UPDATE standards SET lineage_id = id WHERE "
		    "id = $1", v, 1, NULL, NULL);
		/*
		 * A new lineage starts linked to the needs it names; a
		 * continuing one keeps the links coordinators edited.
		 */
		if (rc == CCS_OK)
			rc = link_needs(db, json_object_get(s, "needs"), id);
	}
	if (rc != CCS_OK)
		rc = dbfail(f, db, rc);
out:
	free(scale);
	free(needs);
	return rc;
}

static int
write_version(struct ccs_db *db, const json_t *doc, const char *by,
    int64_t now, int64_t *version, struct ccs_fail *f)
{
	const json_t *a, *sa, *st;
	struct ccs_val v[5];
	int64_t prev_vid = 0, prev = 0, vid, aid, said, ord = 0;
	size_t i, j, k;
	int rc;

	rc = ccs_fw_latest(db, &prev_vid, &prev);
	if (rc != CCS_OK && rc != CCS_ENOTFOUND)
		return dbfail(f, db, rc);
	*version = prev + 1;
	v[0] = CCS_VINT(*version);
	v[1] = CCS_VTEXT(json_string_value(json_object_get(doc, "title")));
	v[2] = CCS_VTEXT(json_string_value(json_object_get(doc, "note")));
	v[3] = CCS_VINT(now);
	v[4] = CCS_VTEXT(by);
	rc = ccs_db_query_int(db, "INSERT INTO framework_versions (version, "
	    "title, note, published_at, published_by) VALUES ($1, $2, $3, $4, "
	    "$5) RETURNING id", v, 5, &vid);
	if (rc != CCS_OK)
		return dbfail(f, db, rc);
	json_array_foreach(json_object_get(doc, "areas"), i, a) {
		v[0] = CCS_VINT(vid);
		v[1] = CCS_VTEXT(json_string_value(json_object_get(a, "code")));
		v[2] = CCS_VTEXT(json_string_value(json_object_get(a, "name")));
		v[3] = CCS_VINT((int64_t)i);
		rc = ccs_db_query_int(db, "INSERT INTO priority_areas "
		    "(version_id, code, name, ord) VALUES ($1, $2, $3, $4) "
		    "RETURNING id", v, 4, &aid);
		if (rc != CCS_OK)
			return dbfail(f, db, rc);
		json_array_foreach(json_object_get(a, "specific_areas"), j, sa) {
			v[0] = CCS_VINT(aid);
			v[1] = CCS_VTEXT(json_string_value(json_object_get(sa,
			    "code")));
			v[2] = CCS_VTEXT(json_string_value(json_object_get(sa,
			    "name")));
			v[3] = CCS_VINT((int64_t)j);
			rc = ccs_db_query_int(db, "INSERT INTO specific_areas "
			    "(area_id, code, name, ord) VALUES ($1, $2, $3, $4) "
			    "RETURNING id", v, 4, &said);
			if (rc != CCS_OK)
				return dbfail(f, db, rc);
			json_array_foreach(json_object_get(sa, "standards"), k,
			    st) {
				rc = insert_standard(db, vid, prev_vid, said, st,
				    ord++, f);
				if (rc != CCS_OK)
					return rc;
			}
		}
	}
	return CCS_OK;
}

static int
needs_json(struct ccs_db *db, json_t **out)
{
	return ccs_db_query_json(db, "SELECT ref FROM needs ORDER BY ref", NULL,
	    0, out);
}

int
ccs_fw_publish(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *doc, int64_t now, int64_t *version, struct ccs_fail *f)
{
	json_t *needs = NULL;
	int rc;

	rc = ccs_policy_check(p, CCS_ACT_FRAMEWORK_PUBLISH, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden", "only coordinators "
		    "publish framework versions");
	rc = needs_json(db, &needs);
	if (rc != CCS_OK)
		return dbfail(f, db, rc);
	rc = ccs_fw_validate(doc, needs, f);
	json_decref(needs);
	if (rc != CCS_OK)
		return rc;
	rc = write_version(db, doc, p->login[0] ? p->login : "system", now,
	    version, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_audit_record(db, p, "framework.publish", "framework", *version,
	    doc, now);
	return rc == CCS_OK ? CCS_OK : dbfail(f, db, rc);
}

int
ccs_fw_seed(struct ccs_db *db, int64_t now, int *loaded, struct ccs_fail *f)
{
	const struct ccs_asset *a;
	struct ccs_principal sys;
	json_error_t je;
	json_t *doc = NULL, *n;
	struct ccs_val v[5];
	char *sol = NULL, *par = NULL;
	int64_t cnt = 0, version;
	size_t i;
	int rc;

	*loaded = 0;
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM framework_versions",
	    NULL, 0, &cnt);
	if (rc != CCS_OK)
		return dbfail(f, db, rc);
	if (cnt > 0)
		return CCS_OK;
	a = ccs_asset_find("data/seed/framework.json");
	if (a == NULL)
		return ccs_fail(f, CCS_ENOTFOUND, "internal", "framework seed "
		    "missing from this build");
	doc = json_loadb((const char *)a->data, a->len, JSON_REJECT_DUPLICATES,
	    &je);
	if (doc == NULL)
		return ccs_fail(f, CCS_EINVAL, "internal", "framework.json:%d: %s",
		    je.line, je.text);
	json_array_foreach(json_object_get(doc, "needs"), i, n) {
		sol = dump(json_object_get(n, "solutions"));
		par = dump(json_object_get(n, "partners"));
		v[0] = CCS_VTEXT(json_string_value(json_object_get(n, "ref")));
		v[1] = CCS_VINT(json_integer_value(json_object_get(n, "table")));
		v[2] = CCS_VTEXT(json_string_value(json_object_get(n, "need")));
		v[3] = CCS_VTEXT(sol);
		v[4] = CCS_VTEXT(par);
		rc = sol && par ? ccs_db_exec(db, "INSERT INTO needs (ref, tbl, "
		    "need, solutions, partners) VALUES ($1, $2, $3, $4, $5)", v,
		    5, NULL, NULL) : CCS_ENOMEM;
		free(sol);
		free(par);
		if (rc != CCS_OK)
			goto fail;
	}
	json_array_foreach(json_object_get(doc, "sources"), i, n) {
		v[0] = CCS_VTEXT(json_string_value(json_object_get(n, "key")));
		v[1] = CCS_VTEXT(json_string_value(json_object_get(n, "title")));
		rc = ccs_db_exec(db, "INSERT INTO sources (key, title, kind) "
		    "VALUES ($1, $2, 'desk_study')", v, 2, NULL, NULL);
		if (rc != CCS_OK)
			goto fail;
	}
	memset(&sys, 0, sizeof(sys));
	sys.system = true;
	rc = ccs_fw_publish(db, &sys, doc, now, &version, f);
	if (rc == CCS_OK)
		*loaded = 1;
	json_decref(doc);
	return rc;
fail:
	json_decref(doc);
	return dbfail(f, db, rc);
}

static json_t *
parse_text_json(const json_t *row, const char *key)
{
	const char *s = json_string_value(json_object_get(row, key));
	json_t *v = s ? json_loads(s, 0, NULL) : NULL;

	return v ? v : json_array();
}

int
ccs_fw_get(struct ccs_db *db, const struct ccs_principal *p, int64_t version,
    json_t **out, struct ccs_fail *f)
{
	json_t *doc = NULL, *areas = NULL, *sas = NULL, *stds = NULL;
	json_t *a, *sa, *st, *list;
	struct ccs_val v;
	int64_t vid = 0;
	size_t i, j, k;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_GAPS_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "see the framework");
	if (version == 0) {
		rc = ccs_fw_latest(db, &vid, NULL);
	} else {
		v = CCS_VINT(version);
		rc = ccs_db_query_int(db, "SELECT id FROM framework_versions "
		    "WHERE version = $1", &v, 1, &vid);
	}
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no framework version %lld",
		    (long long)version);
	if (rc != CCS_OK)
		return dbfail(f, db, rc);
	v = CCS_VINT(vid);
	rc = ccs_db_query_one(db, "SELECT version, title, note, published_at, "
	    "published_by FROM framework_versions WHERE id = $1", &v, 1, &doc);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT id, code, name FROM "
		    "priority_areas WHERE version_id = $1 ORDER BY ord", &v, 1,
		    &areas);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT s.id, s.area_id, s.code, "
		    "s.name FROM specific_areas s JOIN priority_areas a ON a.id = "
		    "s.area_id WHERE a.version_id = $1 ORDER BY a.ord, s.ord", &v,
		    1, &sas);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT id, specific_area_id, "
		    "lineage_id, code, title, description, scale, met_level, "
		    "gci_pillar, cmm_dimension, needs FROM standards WHERE "
		    "version_id = $1 ORDER BY ord", &v, 1, &stds);
	if (rc != CCS_OK) {
		rc = dbfail(f, db, rc);
		goto out;
	}
	json_array_foreach(areas, i, a) {
		list = json_array();
		json_array_foreach(sas, j, sa) {
			if (json_integer_value(json_object_get(sa, "area_id")) !=
			    json_integer_value(json_object_get(a, "id")))
				continue;
			json_array_append(list, sa);
			json_object_set_new(sa, "standards", json_array());
		}
		json_object_set_new(a, "specific_areas", list);
	}
	json_array_foreach(stds, k, st) {
		json_object_set_new(st, "scale", parse_text_json(st, "scale"));
		json_object_set_new(st, "needs", parse_text_json(st, "needs"));
		json_array_foreach(sas, j, sa) {
			if (json_integer_value(json_object_get(sa, "id")) ==
			    json_integer_value(json_object_get(st,
			    "specific_area_id")))
				json_array_append(json_object_get(sa,
				    "standards"), st);
		}
	}
	json_array_foreach(sas, j, sa)
		json_object_del(sa, "area_id");
	json_object_set(doc, "areas", areas);
	*out = doc;
	doc = NULL;
out:
	json_decref(doc);
	json_decref(areas);
	json_decref(sas);
	json_decref(stds);
	return rc;
}

int
ccs_fw_versions(struct ccs_db *db, const struct ccs_principal *p,
    json_t **out, struct ccs_fail *f)
{
	int rc;

	rc = ccs_policy_check(p, CCS_ACT_GAPS_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "see the framework");
	rc = ccs_db_query_json(db, "SELECT v.version, v.title, v.note, "
	    "v.published_at, v.published_by, (SELECT COUNT(*) FROM standards s "
	    "WHERE s.version_id = v.id) AS standards FROM framework_versions v "
	    "ORDER BY v.version DESC", NULL, 0, out);
	return rc == CCS_OK ? CCS_OK : dbfail(f, db, rc);
}

int
ccs_fw_needs(struct ccs_db *db, const struct ccs_principal *p, json_t **out,
    struct ccs_fail *f)
{
	json_t *stds = NULL, *n, *st, *refs, *list;
	struct ccs_val v;
	int64_t vid;
	size_t i, j, k;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_GAPS_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "see the framework");
	rc = ccs_fw_latest(db, &vid, NULL);
	if (rc != CCS_OK)
		return dbfail(f, db, rc);
	v = CCS_VINT(vid);
	rc = ccs_db_query_json(db, "SELECT ref, tbl AS plan_table, need, "
	    "solutions, partners FROM needs ORDER BY tbl, ref", NULL, 0, out);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT code, needs FROM standards "
		    "WHERE version_id = $1 ORDER BY ord", &v, 1, &stds);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
		return dbfail(f, db, rc);
	}
	json_array_foreach(*out, i, n) {
		json_object_set_new(n, "solutions", parse_text_json(n,
		    "solutions"));
		json_object_set_new(n, "partners", parse_text_json(n,
		    "partners"));
		list = json_array();
		json_array_foreach(stds, j, st) {
			refs = parse_text_json(st, "needs");
			json_t *r;

			json_array_foreach(refs, k, r) {
				if (ccs_streq(json_string_value(r),
				    json_string_value(json_object_get(n, "ref"))))
					json_array_append(list,
					    json_object_get(st, "code"));
			}
			json_decref(refs);
		}
		json_object_set_new(n, "standards", list);
	}
	json_decref(stds);
	return CCS_OK;
}

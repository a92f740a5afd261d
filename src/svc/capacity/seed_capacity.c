/*
 * seed_capacity.c: loading seeded initiatives.
 *
 * The seed files use the API's initiative body with organisation keys of
 * data/seed/organisations.json where the API takes ids ("key" in
 * organisations, "provider" and "receiver" in transactions). Each
 * initiative is rewritten with the ids and created through
 * ccs_initiative_create, so a seeded initiative passes the same checks as
 * one typed in and is audited like it. Public ones are flagged
 * seeded_public.
 */
#include <string.h>

#include "svc/capacity/campaigns.h"
#include "svc/capacity/initiatives.h"
#include "svc/capacity/seed_capacity.h"
#include "svc/svc.h"
#include "util/asset.h"
#include "util/err.h"
#include "util/str.h"

#define PUBLIC	"data/seed/initiatives.json"
#define DEMO	"data/seed/demo_capacity.json"
#define ORGS	"data/seed/organisations.json"

static int
load(const char *name, json_t **out, struct ccs_fail *f)
{
	const struct ccs_asset *a = ccs_asset_find(name);
	json_error_t je;

	*out = a != NULL ? json_loadb((const char *)a->data, a->len,
	    JSON_REJECT_DUPLICATES, &je) : NULL;
	if (*out == NULL)
		return ccs_fail(f, CCS_EINVAL, "internal", "%s: %s", name,
		    a == NULL ? "missing from this build" : je.text);
	return CCS_OK;
}

/* The id of the organisation of seed key @p key, adding it if absent. */
static int
org_of(struct ccs_db *db, const json_t *orgs, const char *key, int64_t now,
    int64_t *id, struct ccs_fail *f)
{
	const json_t *o, *hit = NULL;
	struct ccs_val v[7];
	size_t i;
	int rc;

	json_array_foreach(json_object_get(orgs, "organisations"), i, o) {
		if (ccs_streq(ccs_jstr(o, "key"), key))
			hit = o;
	}
	if (hit == NULL)
		return ccs_fail(f, CCS_EINVAL, "internal", "seed: no "
		    "organisation key '%s' in " ORGS, key ? key : "");
	v[0] = CCS_VTEXT(ccs_jstr(hit, "name"));
	rc = ccs_db_query_int(db, "SELECT id FROM organisations WHERE name = "
	    "$1", v, 1, id);
	if (rc != CCS_ENOTFOUND)
		return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
	v[1] = CCS_VTEXT(ccs_jstr(hit, "acronym"));
	v[2] = CCS_VTEXT(ccs_jstr(hit, "kind"));
	v[3] = CCS_VTEXT(ccs_jstr(hit, "state"));
	v[4] = CCS_VTEXT(ccs_jstr(hit, "description"));
	v[5] = CCS_VINT(now);
	v[6] = CCS_VTEXT(ccs_jstr(hit, "iati_ref"));
	rc = ccs_db_query_int(db, "INSERT INTO organisations (name, acronym, "
	    "kind, state_code, description, created_at, updated_at, "
	    "iati_ref) VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING id",
	    v, 7, id);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

/* Replaces member @p from (a key) of @p o by @p to (its id). */
static int
key_to_id(struct ccs_db *db, const json_t *orgs, json_t *o,
    const char *from, const char *to, int64_t now, struct ccs_fail *f)
{
	const char *key = ccs_jstr(o, from);
	int64_t id;
	int rc;

	if (key == NULL)
		return CCS_OK;
	rc = org_of(db, orgs, key, now, &id, f);
	if (rc != CCS_OK)
		return rc;
	(void)json_object_set_new(o, to, json_integer(id));
	(void)json_object_del(o, from);
	return CCS_OK;
}

/*
 * Rewrites the standards of a seeded campaign, [{"code", "level"}], as
 * the API's [{"standard": lineage, "level"}] of the current framework.
 */
static int
standards_by_code(struct ccs_db *db, json_t *c, struct ccs_fail *f)
{
	json_t *it, *lin;
	struct ccs_val v;
	int64_t id = 0;
	size_t i;
	int rc = CCS_OK;

	json_array_foreach(json_object_get(c, "standards"), i, it) {
		v = CCS_VTEXT(ccs_jstr(it, "code"));
		rc = ccs_db_query_int(db, "SELECT lineage_id FROM standards "
		    "WHERE code = $1 ORDER BY version_id DESC LIMIT 1", &v, 1,
		    &id);
		if (rc == CCS_ENOTFOUND)
			return ccs_fail(f, CCS_EINVAL, "internal", "seed: no "
			    "standard '%s'", ccs_jstr(it, "code"));
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		lin = json_integer(id);
		if (lin == NULL || json_object_set_new(it, "standard",
		    lin) != 0)
			return ccs_fail(f, CCS_ENOMEM, "internal", "out of "
			    "memory");
		(void)json_object_del(it, "code");
	}
	return rc;
}

/*
 * Creates the awareness campaigns of @p doc not yet stored (by title),
 * through ccs_campaign_create: a campaign seeded as completed makes its
 * proposals as one recorded through the API would.
 */
static int
seed_campaigns(struct ccs_db *db, const struct ccs_principal *sys,
    const json_t *doc, const json_t *orgs, int64_t now, struct ccs_fail *f)
{
	json_t *c, *out = NULL;
	struct ccs_val v;
	int64_t n = 0;
	size_t i;
	int rc = CCS_OK;

	json_array_foreach(json_object_get(doc, "campaigns"), i, c) {
		v = CCS_VTEXT(ccs_jstr(c, "title"));
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM campaigns "
		    "WHERE title = $1", &v, 1, &n);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		if (n > 0)
			continue;
		rc = key_to_id(db, orgs, c, "organiser", "organiser_id", now,
		    f);
		if (rc == CCS_OK)
			rc = standards_by_code(db, c, f);
		if (rc == CCS_OK)
			rc = ccs_campaign_create(db, sys, c, now, &out, f);
		json_decref(out);
		out = NULL;
		if (rc != CCS_OK)
			return rc;
	}
	return rc;
}

/* Creates each initiative of @p name not yet stored; counts them. */
static int
seed_file(struct ccs_db *db, const char *name, bool public, int64_t now,
    int *loaded, struct ccs_fail *f)
{
	json_t *doc = NULL, *orgs = NULL, *ini, *it;
	struct ccs_principal sys;
	struct ccs_val v;
	int64_t n = 0;
	size_t i, k;
	int rc;

	memset(&sys, 0, sizeof(sys));
	sys.system = true;
	(void)ccs_strlcpy(sys.login, "system", sizeof(sys.login));
	rc = load(name, &doc, f);
	if (rc == CCS_OK)
		rc = load(ORGS, &orgs, f);
	json_array_foreach(json_object_get(doc, "initiatives"), i, ini) {
		if (rc != CCS_OK)
			break;
		v = CCS_VTEXT(ccs_jstr(ini, "iati_identifier"));
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM initiatives "
		    "WHERE iati_identifier = $1", &v, 1, &n);
		if (rc != CCS_OK) {
			rc = ccs_dbfail(f, db, rc);
			break;
		}
		if (n > 0)
			continue;
		json_array_foreach(json_object_get(ini, "organisations"), k,
		    it) {
			if (rc == CCS_OK)
				rc = key_to_id(db, orgs, it, "key", "id", now,
				    f);
		}
		json_array_foreach(json_object_get(ini, "transactions"), k,
		    it) {
			if (rc == CCS_OK)
				rc = key_to_id(db, orgs, it, "provider",
				    "provider_org_id", now, f);
			if (rc == CCS_OK)
				rc = key_to_id(db, orgs, it, "receiver",
				    "receiver_org_id", now, f);
		}
		if (public)
			(void)json_object_set_new(ini, "seeded_public",
			    json_true());
		if (rc == CCS_OK)
			rc = ccs_initiative_create(db, &sys, ini, now, NULL,
			    NULL, f);
		if (rc == CCS_OK && loaded != NULL)
			(*loaded)++;
	}
	if (rc == CCS_OK)
		rc = seed_campaigns(db, &sys, doc, orgs, now, f);
	json_decref(doc);
	json_decref(orgs);
	return rc;
}

int
ccs_capacity_seed(struct ccs_db *db, int64_t now, int *loaded,
    struct ccs_fail *f)
{
	*loaded = 0;
	return seed_file(db, PUBLIC, true, now, loaded, f);
}

int
ccs_capacity_seed_demo(struct ccs_db *db, int64_t now, struct ccs_fail *f)
{
	return seed_file(db, DEMO, false, now, NULL, f);
}

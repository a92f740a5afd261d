/*
 * legal_seed.c: the legal tracker's seed (see legal_seed.h). Provisions
 * link to standards by code, resolved to lineages in the latest
 * framework; a code missing from it is an error of the seed, not skipped.
 */
#include <string.h>

#include "svc/monitoring/legal_instruments.h"
#include "svc/monitoring/legal_seed.h"
#include "svc/monitoring/legal_treaties.h"
#include "svc/platform/audit.h"
#include "svc/standards/framework.h"
#include "svc/svc.h"
#include "util/asset.h"
#include "util/err.h"

static const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* Adds provision @p r (position @p ord) and its standard links. */
static int
seed_row(struct ccs_db *db, const json_t *r, size_t ord, int64_t vid,
    int *added, struct ccs_fail *f)
{
	struct ccs_val v[2];
	const json_t *code;
	int64_t n = 0, id = 0, lineage;
	size_t i;
	int rc;
	struct ccs_named nv[] = {
		CCS_NAMED("ref", CCS_VTEXT(jstr(r, "ref"))),
		CCS_NAMED("treaty", CCS_VTEXT(jstr(r, "treaty"))),
		CCS_NAMED("family", CCS_VTEXT(jstr(r, "family"))),
		CCS_NAMED("number", CCS_VTEXT(jstr(r, "number"))),
		CCS_NAMED("title", CCS_VTEXT(jstr(r, "title"))),
		CCS_NAMED("ord", CCS_VINT((int64_t)ord)),
		CCS_NAMED("ver", CCS_VINT(json_is_true(json_object_get(r,
		    "verified")) ? 1 : 0)),
		CCS_NAMED("src", CCS_VTEXT(jstr(r, "source"))),
	};

	*added = 0;
	v[0] = CCS_VTEXT(jstr(r, "ref"));
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM legal_rows WHERE ref "
	    "= $1", v, 1, &n);
	if (rc != CCS_OK || n > 0)
		return rc;
	rc = ccs_db_query_int_named(db, "INSERT INTO legal_rows (ref, treaty, "
	    "family, number, title, ord, verified, source_url) VALUES (:ref, "
	    ":treaty, :family, :number, :title, :ord, :ver, :src) RETURNING "
	    "id", nv, CCS_NNAMED(nv), &id);
	json_array_foreach(json_object_get(r, "standards"), i, code) {
		if (rc != CCS_OK)
			break;
		v[0] = CCS_VTEXT(json_string_value(code));
		v[1] = CCS_VINT(vid);
		rc = ccs_db_query_int(db, "SELECT lineage_id FROM standards "
		    "WHERE code = $1 AND version_id = $2", v, 2, &lineage);
		if (rc == CCS_ENOTFOUND)
			return ccs_fail(f, CCS_EINVAL, "internal",
			    "legal seed: %s names standard %s, not in the "
			    "framework",
			    jstr(r, "ref"), json_string_value(code));
		v[0] = CCS_VINT(id);
		v[1] = CCS_VINT(lineage);
		if (rc == CCS_OK)
			rc = ccs_db_exec(db, "INSERT INTO legal_row_standards "
			    "(row_id, lineage_id) VALUES ($1, $2)", v, 2, NULL,
			    NULL);
	}
	if (rc == CCS_OK)
		*added = 1;
	return rc;
}

int
ccs_legal_seed(struct ccs_db *db, int64_t now, int *loaded,
    struct ccs_fail *f)
{
	const struct ccs_asset *a;
	json_error_t je;
	json_t *doc, *x;
	int64_t vid = 0;
	size_t i;
	int rc, one = 0;

	*loaded = 0;
	a = ccs_asset_find("data/seed/legal.json");
	if (a == NULL)
		return ccs_fail(f, CCS_ENOTFOUND, "internal", "legal seed "
		    "missing from this build");
	doc = json_loadb((const char *)a->data, a->len, JSON_REJECT_DUPLICATES,
	    &je);
	if (doc == NULL)
		return ccs_fail(f, CCS_EINVAL, "internal", "legal.json:%d: %s",
		    je.line, je.text);
	rc = ccs_fw_latest(db, &vid, NULL);
	if (rc != CCS_OK) {
		json_decref(doc);
		return ccs_fail(f, rc, "internal", "legal seed: the framework "
		    "must be seeded first");
	}
	json_array_foreach(json_object_get(doc, "rows"), i, x) {
		rc = seed_row(db, x, i, vid, &one, f);
		if (rc != CCS_OK)
			break;
		*loaded += one;
	}
	json_array_foreach(json_object_get(doc, "instruments"), i, x) {
		if (rc != CCS_OK)
			break;
		rc = ccs_legal_instrument_seed(db, x, now, &one, f);
		*loaded += one;
	}
	json_array_foreach(json_object_get(doc, "treaties"), i, x) {
		if (rc != CCS_OK)
			break;
		rc = ccs_legal_treaty_seed(db, x, now, &one, f);
		*loaded += one;
	}
	if (rc == CCS_OK && *loaded > 0)
		rc = ccs_audit_append(db, "system", "seed.load", "legal",
		    "data/seed/legal.json", doc, now);
	json_decref(doc);
	if (rc != CCS_OK && f->code == NULL)
		return ccs_fail(f, rc, "internal", "legal seed: %s",
		    ccs_db_errmsg(db));
	return rc;
}

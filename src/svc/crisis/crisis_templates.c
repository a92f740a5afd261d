/*
 * crisis_templates.c: versioned crisis plans and incident-response
 * protocols (see crisis_templates.h). A version row is never updated;
 * the template row holds only which version is current. A state the
 * reader may not see is answered as not_found, like a missing template.
 */
#include <inttypes.h>

#include "core/validate.h"
#include "svc/crisis/crisis_templates.h"
#include "svc/svc.h"
#include "util/err.h"

const struct ccs_jfield ccs_crisis_template_fields[] = {
	{ "title", CCS_J_STRING, true, 1, 200 },
	{ "body", CCS_J_STRING, true, 1, 200000 },
	{ "note", CCS_J_NULLSTR, false, 0, 1000 },
	{ "base_version", CCS_J_INT, true, 0, 0 },
};
const size_t ccs_crisis_template_nfields =
    sizeof(ccs_crisis_template_fields) /
    sizeof(ccs_crisis_template_fields[0]);

#define VERSION_SELECT "SELECT t.state_code AS state, t.kind, v.version, " \
	"t.current_version, v.title, v.body, v.note, v.author, v.created_at " \
	"FROM crisis_templates t JOIN crisis_template_versions v ON " \
	"v.template_id = t.id"

/* Whether @p p may read (or write) @p state's templates; kind checked. */
static int
may(struct ccs_db *db, const struct ccs_principal *p, const char *state,
    const char *kind, bool write, struct ccs_fail *f)
{
	bool exists = false;
	char allowed[120];
	int rc;

	if (!ccs_valid_iso2(state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code", "state "
		    "must be a two-letter ISO 3166 code such as JM");
	if (kind != NULL && !ccs_vocab_has(&ccs_crisis_template_kinds,
	    kind)) {
		ccs_crisis_words(&ccs_crisis_template_kinds, allowed,
		    sizeof(allowed));
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "kind must be "
		    "%s", allowed);
	}
	rc = ccs_policy_check(p, CCS_ACT_CRISIS_READ, state);
	if (rc == CCS_OK && write)
		rc = ccs_policy_check(p, CCS_ACT_CRISIS_TEMPLATE_WRITE, state);
	if (rc == CCS_EAUTH)
		return ccs_crisis_denied(f, rc, "see crisis plans");
	if (rc != CCS_OK)
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no crisis "
		    "templates of %s", state);
	rc = ccs_state_exists(db, state, &exists);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (!exists)
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no crisis "
		    "templates of %s", state);
	return CCS_OK;
}

int
ccs_crisis_template_list(struct ccs_db *db, const struct ccs_principal *p,
    const char *state, json_t **out, struct ccs_fail *f)
{
	json_t *items = NULL, *one;
	size_t i;
	int rc;

	*out = NULL;
	if (state == NULL)
		return ccs_fail(f, CCS_EINVAL, "missing_field", "state is "
		    "required: ?state=JM");
	rc = may(db, p, state, NULL, false, f);
	if (rc != CCS_OK)
		return rc;
	items = json_array();
	for (i = 0; items != NULL && i < ccs_crisis_template_kinds.nwords;
	    i++) {
		const char *kind = ccs_crisis_template_kinds.words[i].key;

		rc = ccs_crisis_template_get(db, p, state, kind, 0, &one, f);
		if (rc == CCS_ENOTFOUND)
			one = json_pack("{s:s, s:s, s:n}", "state", state,
			    "kind", kind, "version");
		else if (rc != CCS_OK)
			break;
		rc = CCS_OK;
		if (one != NULL)
			(void)json_object_set_new(one, "kind_name", json_string(
			    ccs_crisis_template_kinds.words[i].name));
		if (one == NULL || json_array_append_new(items, one) != 0)
			rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of "
			    "memory");
	}
	if (rc == CCS_OK && items != NULL)
		*out = json_pack("{s:s, s:o, s:I, s:I, s:n}", "state", state,
		    "items", items, "count", (json_int_t)json_array_size(items),
		    "total", (json_int_t)json_array_size(items), "next_cursor");
	else
		json_decref(items);
	if (rc == CCS_OK && *out == NULL)
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return rc;
}

int
ccs_crisis_template_get(struct ccs_db *db, const struct ccs_principal *p,
    const char *state, const char *kind, int64_t version, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_val v[3] = { CCS_VTEXT(state), CCS_VTEXT(kind),
		CCS_VINT(version) };
	int rc;

	*out = NULL;
	rc = may(db, p, state, kind, false, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_one(db, VERSION_SELECT " WHERE t.state_code = $1 "
	    "AND t.kind = $2 AND v.version = CASE WHEN $3 = 0 THEN "
	    "t.current_version ELSE $3 END", v, 3, out);
	if (rc == CCS_ENOTFOUND && version > 0)
		return ccs_fail(f, rc, "not_found", "no version %" PRId64 " of "
		    "the %s of %s", version, kind, state);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "%s has no %s yet", state,
		    kind);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

int
ccs_crisis_template_history(struct ccs_db *db,
    const struct ccs_principal *p, const char *state, const char *kind,
    const struct ccs_crisis_page *pg, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v[4] = { CCS_VTEXT(state), CCS_VTEXT(kind),
		CCS_VINT(pg->after), CCS_VINT(pg->limit + 1) };
	json_t *rows = NULL, *it;
	int64_t total = 0;
	size_t i;
	int rc;

	*out = NULL;
	rc = may(db, p, state, kind, false, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM crisis_templates t "
	    "JOIN crisis_template_versions v ON v.template_id = t.id WHERE "
	    "t.state_code = $1 AND t.kind = $2", v, 2, &total);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT v.version AS id, v.version, "
		    "v.title, v.note, v.author, v.created_at FROM "
		    "crisis_templates t JOIN crisis_template_versions v ON "
		    "v.template_id = t.id WHERE t.state_code = $1 AND t.kind = "
		    "$2 AND ($3 = 0 OR v.version < $3) ORDER BY v.version DESC "
		    "LIMIT $4", v, 4, &rows);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	rc = ccs_crisis_page_of(rows, pg, total, out, f);
	json_array_foreach(json_object_get(*out, "items"), i, it)
		json_object_del(it, "id");
	return rc;
}

int
ccs_crisis_template_write(struct ccs_db *db, const struct ccs_principal *p,
    const char *state, const char *kind, const json_t *body, int64_t now,
    json_t **out, struct ccs_fail *f)
{
	struct ccs_val v[3] = { CCS_VTEXT(state), CCS_VTEXT(kind) };
	int64_t base = json_integer_value(json_object_get(body,
	    "base_version")), cur = 0, tid = 0;
	json_t *t = NULL;
	int rc;

	*out = NULL;
	rc = may(db, p, state, kind, true, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_one(db, "SELECT id, current_version FROM "
	    "crisis_templates WHERE state_code = $1 AND kind = $2", v, 2, &t);
	if (rc == CCS_OK) {
		tid = json_integer_value(json_object_get(t, "id"));
		cur = json_integer_value(json_object_get(t, "current_version"));
	} else if (rc != CCS_ENOTFOUND) {
		return ccs_dbfail(f, db, rc);
	}
	json_decref(t);
	if (base != cur)
		return ccs_fail(f, CCS_ECONFLICT, "version_conflict",
		    "base_version: the %s of %s is at version %" PRId64
		    ", not %" PRId64 "; reload it", kind, state, cur, base);
	v[2] = CCS_VINT(cur + 1);
	if (tid == 0)
		rc = ccs_db_query_int(db, "INSERT INTO crisis_templates "
		    "(state_code, kind, current_version) VALUES ($1, $2, $3) "
		    "RETURNING id", v, 3, &tid);
	else
		rc = ccs_db_exec(db, "UPDATE crisis_templates SET "
		    "current_version = $3 WHERE state_code = $1 AND kind = $2",
		    v, 3, NULL, NULL);
	{
		const struct ccs_named np[] = {
			CCS_NAMED("tid", CCS_VINT(tid)),
			CCS_NAMED("ver", CCS_VINT(cur + 1)),
			CCS_NAMED("title", CCS_VTEXT(ccs_jstr(body, "title"))),
			CCS_NAMED("body", CCS_VTEXT(ccs_jstr(body, "body"))),
			CCS_NAMED("note", CCS_VTEXT(ccs_jstr(body, "note"))),
			CCS_NAMED("by", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		if (rc == CCS_OK)
			rc = ccs_db_exec_named(db, "INSERT INTO "
			    "crisis_template_versions (template_id, version, "
			    "title, body, note, author, created_at) VALUES "
			    "(:tid, :ver, :title, :body, :note, :by, :now)", np,
			    CCS_NNAMED(np), NULL, NULL);
	}
	if (rc == CCS_OK)
		rc = ccs_audit_recordf(db, p, "crisis_template.write",
		    "crisis_template", body, now, "%s/%s/%" PRId64, state, kind,
		    cur + 1);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return ccs_crisis_template_get(db, p, state, kind, cur + 1, out, f);
}

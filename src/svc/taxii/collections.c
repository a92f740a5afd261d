/*
 * collections.c: TAXII API roots, collections and grants.
 *
 * API roots are the trust circles and are not stored: "public",
 * "caricom-rcc" and "<xx>-national" for each state of the directory.
 * Collections and grants are made by the operator (ccscap taxii). A
 * principal's rights on a collection are the union of the grants that
 * match it: its user, its organisation, every signed-in user, the
 * public. No grant at all: the collection does not exist for it.
 */
#include <stdlib.h>
#include <string.h>

#include "format/stix/stix_stream.h"
#include "svc/svc.h"
#include "svc/taxii/taxii.h"
#include "util/err.h"
#include "util/str.h"

#define GRANT_MATCH \
	"(g.kind = 'public' OR (g.kind = 'any' AND :uid > 0) OR " \
	"(g.kind = 'user' AND :uid > 0 AND g.ref_id = :uid) OR " \
	"(g.kind = 'org' AND :org > 0 AND g.ref_id = :org))"

/* The TAXII collection resource of a row {id, title, description, alias,
 * r, w}; new. */
static json_t *
resource(const json_t *row)
{
	json_t *o;

	o = json_pack("{s:O, s:O, s:b, s:b, s:[s]}", "id", json_object_get(row,
	    "id"), "title", json_object_get(row, "title"), "can_read",
	    json_integer_value(json_object_get(row, "r")) != 0, "can_write",
	    json_integer_value(json_object_get(row, "w")) != 0, "media_types",
	    CCS_TAXII_STIX_MEDIA);
	if (o == NULL)
		return NULL;
	if (ccs_jstr(row, "description") != NULL &&
	    ccs_jstr(row, "description")[0] != '\0')
		(void)json_object_set(o, "description", json_object_get(row,
		    "description"));
	if (ccs_jstr(row, "alias") != NULL)
		(void)json_object_set(o, "alias", json_object_get(row,
		    "alias"));
	return o;
}

int
ccs_taxii_coll_get(struct ccs_db *db, const struct ccs_principal *p,
    const char *root, const char *id, struct ccs_taxii_coll *c,
    json_t **res, struct ccs_fail *f)
{
	const struct ccs_named np[] = {
		CCS_NAMED("root", CCS_VTEXT(root)),
		CCS_NAMED("id", CCS_VTEXT(id)),
		CCS_NAMED("uid", CCS_VINT(p->user_id)),
		CCS_NAMED("org", CCS_VINT(p->org_id)),
	};
	json_t *row = NULL;
	int rc;

	memset(c, 0, sizeof(*c));
	if (res != NULL)
		*res = NULL;
	rc = ccs_db_query_one_named(db, "SELECT c.id, c.title, c.description, "
	    "c.alias, c.tlp_max, MAX(g.can_read) AS r, MAX(g.can_write) AS w "
	    "FROM taxii_collections c JOIN taxii_grants g ON g.collection_id "
	    "= c.id WHERE c.root = :root AND c.id = :id AND " GRANT_MATCH
	    " GROUP BY c.id, c.title, c.description, c.alias, c.tlp_max", np,
	    CCS_NNAMED(np), &row);
	if (rc == CCS_ENOTFOUND || (rc == CCS_OK && json_integer_value(
	    json_object_get(row, "r")) == 0 && json_integer_value(
	    json_object_get(row, "w")) == 0)) {
		json_decref(row);
		return ccs_fail(f, CCS_ENOTFOUND, "collection_not_found", "no "
		    "collection '%s' in API root '%s'", id, root);
	}
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	(void)ccs_strlcpy(c->id, ccs_jstr(row, "id"), sizeof(c->id));
	(void)ccs_strlcpy(c->root, root, sizeof(c->root));
	if (!ccs_tlp_parse(ccs_jstr(row, "tlp_max"), &c->tlp_max))
		c->tlp_max = CCS_TLP_CLEAR;
	c->can_read = json_integer_value(json_object_get(row, "r")) != 0;
	c->can_write = json_integer_value(json_object_get(row, "w")) != 0;
	if (res != NULL) {
		*res = resource(row);
		if (*res == NULL) {
			json_decref(row);
			return ccs_fail(f, CCS_ENOMEM, "internal", "out of "
			    "memory");
		}
	}
	json_decref(row);
	return CCS_OK;
}

int
ccs_taxii_coll_list(struct ccs_db *db, const struct ccs_principal *p,
    const char *root, json_t **out, struct ccs_fail *f)
{
	const struct ccs_named np[] = {
		CCS_NAMED("root", CCS_VTEXT(root)),
		CCS_NAMED("uid", CCS_VINT(p->user_id)),
		CCS_NAMED("org", CCS_VINT(p->org_id)),
	};
	json_t *rows = NULL, *row, *list;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_db_query_json_named(db, "SELECT c.id, c.title, "
	    "c.description, c.alias, MAX(g.can_read) AS r, MAX(g.can_write) "
	    "AS w FROM taxii_collections c JOIN taxii_grants g ON "
	    "g.collection_id = c.id WHERE c.root = :root AND " GRANT_MATCH
	    " GROUP BY c.id, c.title, c.description, c.alias, c.created_at "
	    "ORDER BY c.created_at, c.id", np, CCS_NNAMED(np), &rows);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	list = json_array();
	json_array_foreach(rows, i, row) {
		if (list == NULL)
			break;
		if (json_integer_value(json_object_get(row, "r")) == 0 &&
		    json_integer_value(json_object_get(row, "w")) == 0)
			continue;
		if (json_array_append_new(list, resource(row)) != 0) {
			json_decref(list);
			list = NULL;
		}
	}
	json_decref(rows);
	if (list == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	*out = list;
	return CCS_OK;
}

int
ccs_taxii_root_exists(struct ccs_db *db, const char *root, bool *exists)
{
	enum ccs_taxii_circle circle;
	char state[3];

	*exists = false;
	if (!ccs_taxii_root_parse(root, &circle, state))
		return CCS_OK;
	if (circle != CCS_TAXII_NATIONAL) {
		*exists = true;
		return CCS_OK;
	}
	return ccs_state_exists(db, state, exists);
}

int
ccs_taxii_roots(struct ccs_db *db, const struct ccs_principal *p,
    json_t **out, struct ccs_fail *f)
{
	const struct ccs_named np[] = {
		CCS_NAMED("own", CCS_VTEXT(p->state)),
		CCS_NAMED("uid", CCS_VINT(p->user_id)),
		CCS_NAMED("org", CCS_VINT(p->org_id)),
	};
	json_t *rows = NULL, *row, *list;
	size_t i;
	int rc;

	*out = NULL;
	list = json_pack("[s]", CCS_TAXII_ROOT_PUBLIC);
	if (list == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	if (p->user_id <= 0) {
		*out = list;
		return CCS_OK;
	}
	(void)json_array_append_new(list, json_string(CCS_TAXII_ROOT_RCC));
	rc = ccs_db_query_json_named(db, "SELECT DISTINCT c.root FROM "
	    "taxii_collections c JOIN taxii_grants g ON g.collection_id = "
	    "c.id WHERE c.root LIKE '%-national' AND (g.can_read = 1 OR "
	    "g.can_write = 1) AND " GRANT_MATCH " UNION SELECT LOWER(code) || "
	    "'-national' FROM states WHERE code = :own ORDER BY 1", np,
	    CCS_NNAMED(np), &rows);
	if (rc != CCS_OK) {
		json_decref(list);
		return ccs_dbfail(f, db, rc);
	}
	json_array_foreach(rows, i, row) {
		if (json_array_append_new(list, json_string(ccs_jstr(row,
		    "root"))) != 0) {
			json_decref(rows);
			json_decref(list);
			return ccs_fail(f, CCS_ENOMEM, "internal", "out of "
			    "memory");
		}
	}
	json_decref(rows);
	*out = list;
	return CCS_OK;
}

int
ccs_taxii_coll_add(struct ccs_db *db, const struct ccs_principal *actor,
    const char *root, const char *title, const char *description,
    enum ccs_tlp tlp_max, int64_t now, int64_t now_us, char id[64],
    struct ccs_fail *f)
{
	char sid[96];
	bool exists = false;
	json_t *ev;
	int rc;

	id[0] = '\0';
	rc = ccs_taxii_root_exists(db, root, &exists);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (!exists)
		return ccs_fail(f, CCS_EINVAL, "unknown_root", "root must be "
		    "public, caricom-rcc or xx-national for a state of the "
		    "directory");
	if (title == NULL || title[0] == '\0' || strlen(title) > 200 ||
	    !ccs_text_ok(title))
		return ccs_fail(f, CCS_EINVAL, "invalid_title", "title must be "
		    "1 to 200 characters of text");
	if (description != NULL && (strlen(description) > 2000 ||
	    !ccs_text_ok(description)))
		return ccs_fail(f, CCS_EINVAL, "invalid_description",
		    "description must be at most 2000 characters of text");
	if ((unsigned)tlp_max >= CCS_TLP_NLEVELS || (ccs_streq(root,
	    CCS_TAXII_ROOT_PUBLIC) && tlp_max != CCS_TLP_CLEAR))
		return ccs_fail(f, CCS_EINVAL, "invalid_tlp", "a collection of "
		    "the public root holds TLP:CLEAR only");
	/* the UUID part of a fresh STIX id ("bundle--<uuid>") */
	rc = ccs_stix_new_id("bundle", sid, sizeof(sid));
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "no random id");
	(void)ccs_strlcpy(id, sid + 8, 64);
	{
		const struct ccs_named np[] = {
			CCS_NAMED("id", CCS_VTEXT(id)),
			CCS_NAMED("root", CCS_VTEXT(root)),
			CCS_NAMED("title", CCS_VTEXT(title)),
			CCS_NAMED("descr", CCS_VTEXT(description ?
			    description : "")),
			CCS_NAMED("tlp", CCS_VTEXT(ccs_tlp_name(tlp_max))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_exec_named(db, "INSERT INTO taxii_collections (id, "
		    "root, title, description, tlp_max, created_at) VALUES "
		    "(:id, :root, :title, :descr, :tlp, :now)", np,
		    CCS_NNAMED(np), NULL, NULL);
	}
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	ev = json_pack("{s:s, s:s, s:s}", "root", root, "title", title,
	    "tlp_max", ccs_tlp_name(tlp_max));
	if (ev == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	rc = ccs_audit_recordf(db, actor, "taxii.collection_add",
	    "taxii_collection", ev, now, "%s", id);
	json_decref(ev);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return ccs_taxii_publish(db, 0, now_us, id, NULL, f);
}

int
ccs_taxii_grant(struct ccs_db *db, const struct ccs_principal *actor,
    const char *id, const char *kind, const char *ref, bool can_read,
    bool can_write, int64_t now, struct ccs_fail *f)
{
	struct ccs_val v[2];
	int64_t ref_id = 0, n = 0;
	json_t *ev;
	int rc;

	v[0] = CCS_VTEXT(id);
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM taxii_collections "
	    "WHERE id = $1", v, 1, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (n == 0)
		return ccs_fail(f, CCS_ENOTFOUND, "collection_not_found", "no "
		    "collection '%s'", id);
	if (ccs_streq(kind, "user")) {
		v[0] = CCS_VTEXT(ref);
		rc = ccs_db_query_int(db, "SELECT id FROM users WHERE login = "
		    "$1", v, 1, &ref_id);
		if (rc == CCS_ENOTFOUND)
			return ccs_fail(f, CCS_EINVAL, "unknown_user",
			    "no user '%s'", ref ? ref : "");
	} else if (ccs_streq(kind, "org")) {
		if (ref == NULL || ccs_parse_i64(ref, 1, INT64_MAX, &ref_id) !=
		    CCS_OK)
			return ccs_fail(f, CCS_EINVAL, "invalid_org",
			    "org must be an organisation id");
		v[0] = CCS_VINT(ref_id);
		rc = ccs_db_query_int(db, "SELECT id FROM organisations WHERE "
		    "id = $1", v, 1, &ref_id);
		if (rc == CCS_ENOTFOUND)
			return ccs_fail(f, CCS_EINVAL, "unknown_org", "no "
			    "organisation %s", ref);
	} else if (!ccs_streq(kind, "any") && !ccs_streq(kind, "public"))
		return ccs_fail(f, CCS_EINVAL, "invalid_grant", "grant to a "
		    "user, an org, any (signed-in user) or public");
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (ccs_streq(kind, "public") && can_write)
		return ccs_fail(f, CCS_EINVAL, "invalid_grant", "the public "
		    "may not write");
	{
		const struct ccs_named np[] = {
			CCS_NAMED("id", CCS_VTEXT(id)),
			CCS_NAMED("kind", CCS_VTEXT(kind)),
			CCS_NAMED("ref", CCS_VINT(ref_id)),
			CCS_NAMED("r", CCS_VINT(can_read ? 1 : 0)),
			CCS_NAMED("w", CCS_VINT(can_write ? 1 : 0)),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_exec_named(db, "DELETE FROM taxii_grants WHERE "
		    "collection_id = :id AND kind = :kind AND ref_id = :ref",
		    np, 3, NULL, NULL);
		if (rc == CCS_OK && (can_read || can_write))
			rc = ccs_db_exec_named(db, "INSERT INTO taxii_grants "
			    "(collection_id, kind, ref_id, can_read, "
			    "can_write, created_at) VALUES (:id, :kind, :ref, "
			    ":r, :w, :now)", np, CCS_NNAMED(np), NULL, NULL);
	}
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	ev = json_pack("{s:s, s:I, s:b, s:b}", "kind", kind, "ref_id",
	    (json_int_t)ref_id, "can_read", can_read, "can_write", can_write);
	if (ev == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	rc = ccs_audit_recordf(db, actor, "taxii.grant", "taxii_collection",
	    ev, now, "%s", id);
	json_decref(ev);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

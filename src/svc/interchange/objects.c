/*
 * objects.c: the stored STIX objects as a reader sees them (objects.h).
 *
 * The list, with the read policy in its query, is object_list.c.
 *
 * One object resolves each *_ref / *_refs property and each relationship
 * or sighting naming it to the newest copy of that id the reader may
 * read; an unreadable copy is shown as its bare id, like a missing one.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "format/stix/stix_check.h"
#include "format/stix/stix_stream.h"
#include "svc/interchange/interchange.h"
#include "svc/interchange/objects.h"
#include "svc/sharing/marking.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define MAX_LINKED	200	/* incidents and indicator values listed */

#define OBJ_COLS	"o.id, o.stix_id, o.type, o.modified, o.created_at, "

/* NAME() in object_list.c reads the same members in SQL. */
const char *
ccs_ixo_name(const json_t *obj)
{
	static const char *const keys[] = { "name", "relationship_type",
	    "value", "path", "key", "number", "iban", "abstract", "opinion",
	    "id" };
	const char *s;
	size_t i;

	if (ccs_streq(ccs_jstr(obj, "type"), "sighting"))
		return "sighting";
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		s = ccs_jstr(obj, keys[i]);
		if (s != NULL && s[0] != '\0')
			return s;
	}
	return "";
}

/* --- one object --------------------------------------------------------- */

/* A STIX id: <type>--<uuid>, only a-z, 0-9 and hyphens (no LIKE
 * wildcard), at most 300 bytes. */
static bool
stix_id_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n < 5 || n > 300 || strstr(s, "--") == NULL)
		return false;
	for (i = 0; i < n; i++) {
		if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)
		    s[i]) || s[i] == '-'))
			return false;
	}
	return true;
}

/*
 * The newest copy of @p sid @p p may read, with its body, or NULL
 * (missing and unreadable alike).
 */
static int
newest_copy(struct ccs_db *db, const struct ccs_principal *p,
    const char *sid, json_t **out)
{
	struct ccs_val v = CCS_VTEXT(sid);
	json_t *rows = NULL, *row;
	size_t i;
	int rc;

	*out = NULL;
	if (!stix_id_ok(sid))
		return CCS_OK;
	rc = ccs_db_query_json(db, "SELECT " OBJ_COLS "o.body, "
	    CCS_MARKING_COLS " FROM stix_objects o JOIN markings m ON m.id = "
	    "o.marking_id WHERE o.stix_id = $1 ORDER BY o.modified DESC, "
	    "o.id DESC", &v, 1, &rows);
	if (rc != CCS_OK)
		return rc;
	json_array_foreach(rows, i, row) {
		if (ccs_marking_view(p, row) == CCS_TLP_FULL) {
			*out = json_incref(row);
			break;
		}
	}
	json_decref(rows);
	return CCS_OK;
}

int
ccs_ixo_find(struct ccs_db *db, const struct ccs_principal *p,
    const char *sid, int64_t *id)
{
	json_t *row = NULL;
	int rc;

	*id = 0;
	rc = newest_copy(db, p, sid, &row);
	if (rc == CCS_OK && row != NULL)
		*id = json_integer_value(json_object_get(row, "id"));
	json_decref(row);
	return rc;
}

/* {stix_id, type, id, name} of reference @p sid (id and name null when
 * the reader has no copy). */
static int
link(struct ccs_db *db, const struct ccs_principal *p, const char *sid,
    json_t **out)
{
	json_t *row = NULL, *obj = NULL;
	const char *dash = strstr(sid, "--");
	char type[251];
	int rc;

	*out = NULL;
	(void)ccs_strlcpy(type, sid, dash && (size_t)(dash - sid) <
	    sizeof(type) ? (size_t)(dash - sid) + 1 : 1);
	rc = newest_copy(db, p, sid, &row);
	if (rc != CCS_OK)
		return rc;
	if (row != NULL)
		obj = json_loads(ccs_jstr(row, "body"), 0, NULL);
	*out = json_pack("{s:s, s:s, s:O?, s:s?}", "stix_id", sid, "type",
	    type, "id", row ? json_object_get(row, "id") : NULL, "name",
	    obj ? ccs_ixo_name(obj) : NULL);
	json_decref(row);
	json_decref(obj);
	return *out ? CCS_OK : CCS_ENOMEM;
}

static int
add_ref(struct ccs_db *db, const struct ccs_principal *p, json_t *refs,
    const char *prop, const char *sid)
{
	json_t *l = NULL;
	int rc;

	if (json_array_size(refs) >= CCS_IXO_MAX_REFS)
		return CCS_OK;
	rc = link(db, p, sid, &l);
	if (rc != CCS_OK)
		return rc;
	if (json_object_set_new(l, "property", json_string(prop)) != 0 ||
	    json_array_append_new(refs, l) != 0)
		return CCS_ENOMEM;
	return CCS_OK;
}

/* Every top-level *_ref and *_refs property of @p obj, resolved. */
static int
refs_of(struct ccs_db *db, const struct ccs_principal *p, const json_t *obj,
    json_t *refs)
{
	const char *k;
	json_t *val, *e;
	size_t n, i;
	int rc = CCS_OK;

	json_object_foreach((json_t *)obj, k, val) {
		n = strlen(k);
		if (n > 4 && strcmp(k + n - 4, "_ref") == 0 &&
		    json_is_string(val))
			rc = add_ref(db, p, refs, k, json_string_value(val));
		else if (n > 5 && strcmp(k + n - 5, "_refs") == 0 &&
		    json_is_array(val)) {
			json_array_foreach(val, i, e) {
				if (rc == CCS_OK && json_is_string(e))
					rc = add_ref(db, p, refs, k,
					    json_string_value(e));
			}
		}
		if (rc != CCS_OK)
			return rc;
	}
	return CCS_OK;
}

/* One relationship or sighting @p rel naming @p sid, into @p rels. */
static int
add_rel(struct ccs_db *db, const struct ccs_principal *p, const json_t *row,
    const json_t *rel, const char *sid, json_t *rels)
{
	const char *src = ccs_jstr(rel, "source_ref");
	const char *dst = ccs_jstr(rel, "target_ref");
	const char *of = ccs_jstr(rel, "sighting_of_ref");
	const char *other, *dir;
	json_t *l = NULL, *e;
	int rc;

	if (src != NULL && strcmp(src, sid) == 0 && dst != NULL) {
		dir = "outgoing";
		other = dst;
	} else if (dst != NULL && strcmp(dst, sid) == 0 && src != NULL) {
		dir = "incoming";
		other = src;
	} else if (of != NULL && strcmp(of, sid) == 0) {
		json_t *w = json_object_get(rel, "where_sighted_refs");

		dir = "incoming";
		other = json_is_string(json_array_get(w, 0)) ?
		    json_string_value(json_array_get(w, 0)) : NULL;
	} else
		return CCS_OK;
	if (json_array_size(json_object_get(rels, dir)) >= CCS_IXO_MAX_RELS)
		return CCS_OK;
	if (other != NULL) {
		rc = link(db, p, other, &l);
		if (rc != CCS_OK)
			return rc;
	}
	e = json_pack("{s:O, s:O, s:s, s:s?, s:o?}", "id", json_object_get(row,
	    "id"), "stix_id", json_object_get(row, "stix_id"),
	    "relationship_type", of != NULL && src == NULL ? "sighting" :
	    ccs_ixo_name(rel), "description", ccs_jstr(rel, "description"),
	    "other", l);
	if (e == NULL || json_array_append_new(json_object_get(rels, dir), e))
		return CCS_ENOMEM;
	return CCS_OK;
}

static int
rels_of(struct ccs_db *db, const struct ccs_principal *p, const char *sid,
    json_t *rels)
{
	char pat[320];
	struct ccs_val v;
	json_t *rows = NULL, *row, *rel;
	size_t i;
	int rc;

	if (!stix_id_ok(sid) || ccs_snprintf(pat, sizeof(pat), "%%\"%s\"%%",
	    sid) != CCS_OK)
		return CCS_OK;
	v = CCS_VTEXT(pat);
	rc = ccs_db_query_json(db, "SELECT o.id, o.stix_id, o.body, "
	    CCS_MARKING_COLS " FROM stix_objects o JOIN markings m ON m.id = "
	    "o.marking_id WHERE o.type IN ('relationship', 'sighting') AND "
	    "o.body LIKE $1 ORDER BY o.created_at, o.id", &v, 1, &rows);
	if (rc != CCS_OK)
		return rc;
	json_array_foreach(rows, i, row) {
		if (ccs_marking_view(p, row) != CCS_TLP_FULL)
			continue;
		rel = json_loads(ccs_jstr(row, "body"), 0, NULL);
		rc = rel ? add_rel(db, p, row, rel, sid, rels) : CCS_OK;
		json_decref(rel);
		if (rc != CCS_OK)
			break;
	}
	json_decref(rows);
	return rc;
}

/* The incidents and indicator values made from copy @p id / id @p sid
 * that @p p may read. */
static int
records_of(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    const char *sid, json_t *out)
{
	struct ccs_val v = CCS_VINT(id), t = CCS_VTEXT(sid);
	json_t *rows = NULL, *row, *inc, *ind, *e;
	int64_t last = 0, vid;
	size_t i;
	int rc;

	inc = json_array();
	ind = json_array();
	if (inc == NULL || ind == NULL ||
	    json_object_set_new(out, "incidents", inc) != 0 ||
	    json_object_set_new(out, "indicators", ind) != 0)
		return CCS_ENOMEM;
	rc = ccs_db_query_json(db, "SELECT i.id, i.title, " CCS_MARKING_COLS
	    " FROM incidents i JOIN markings m ON m.id = i.marking_id WHERE "
	    "i.stix_copy = $1 ORDER BY i.id", &v, 1, &rows);
	if (rc != CCS_OK)
		return rc;
	json_array_foreach(rows, i, row) {
		if (ccs_marking_view(p, row) != CCS_TLP_FULL ||
		    json_array_size(inc) >= MAX_LINKED)
			continue;
		e = json_pack("{s:O, s:O}", "id", json_object_get(row, "id"),
		    "title", json_object_get(row, "title"));
		if (e == NULL || json_array_append_new(inc, e) != 0) {
			json_decref(rows);
			return CCS_ENOMEM;
		}
	}
	json_decref(rows);
	rows = NULL;
	rc = ccs_db_query_json(db, "SELECT v.id AS vid, v.type AS vtype, "
	    "v.value AS vvalue, " CCS_MARKING_COLS " FROM sightings s JOIN "
	    "ind_values v ON v.id = s.value_id JOIN markings m ON m.id = "
	    "s.marking_id WHERE s.stix_id = $1 ORDER BY v.id, s.id", &t, 1,
	    &rows);
	if (rc != CCS_OK)
		return rc;
	json_array_foreach(rows, i, row) {
		vid = json_integer_value(json_object_get(row, "vid"));
		if (vid == last || ccs_marking_view(p, row) != CCS_TLP_FULL ||
		    json_array_size(ind) >= MAX_LINKED)
			continue;
		last = vid;
		e = json_pack("{s:I, s:O, s:O}", "id", (json_int_t)vid, "type",
		    json_object_get(row, "vtype"), "value",
		    json_object_get(row, "vvalue"));
		if (e == NULL || json_array_append_new(ind, e) != 0) {
			json_decref(rows);
			return CCS_ENOMEM;
		}
	}
	json_decref(rows);
	return CCS_OK;
}

static bool
all_digits(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
	}
	return i > 0 && i < 19;
}

int
ccs_ixo_get(struct ccs_db *db, const struct ccs_principal *p,
    const char *ref, json_t **out, struct ccs_fail *f)
{
	json_t *row = NULL, *obj = NULL, *o = NULL, *refs, *rels;
	struct ccs_val v;
	const char *sid;
	int64_t id;
	int rc;

	*out = NULL;
	if (all_digits(ref)) {
		v = CCS_VINT(strtoll(ref, NULL, 10));
		rc = ccs_db_query_one(db, "SELECT " OBJ_COLS "o.body, "
		    CCS_MARKING_COLS " FROM stix_objects o JOIN markings m ON "
		    "m.id = o.marking_id WHERE o.id = $1", &v, 1, &row);
		if (rc == CCS_ENOTFOUND)
			rc = CCS_OK;
		if (rc == CCS_OK && row != NULL && ccs_marking_view(p, row) !=
		    CCS_TLP_FULL) {
			json_decref(row);
			row = NULL;
		}
	} else
		rc = newest_copy(db, p, ref, &row);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (row == NULL)
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no such STIX "
		    "object");
	obj = json_loads(ccs_jstr(row, "body"), 0, NULL);
	sid = ccs_jstr(row, "stix_id");
	id = json_integer_value(json_object_get(row, "id"));
	ccs_marking_present(row);
	refs = json_array();
	rels = json_pack("{s:[], s:[]}", "outgoing", "incoming");
	o = json_pack("{s:I, s:s, s:O, s:s, s:O?, s:O, s:O?, s:O?, s:O?, "
	    "s:o, s:o}", "id", (json_int_t)id, "stix_id", sid, "type",
	    json_object_get(row, "type"), "name", obj ? ccs_ixo_name(obj) : "",
	    "modified", json_object_get(obj, "modified"), "stored_at",
	    json_object_get(row, "created_at"), "tlp", json_object_get(row,
	    "tlp"), "sharing", json_object_get(row, "sharing"), "object", obj,
	    "refs", refs, "relationships", rels);
	if (o == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	rc = obj ? refs_of(db, p, obj, refs) : CCS_OK;
	if (rc == CCS_OK)
		rc = rels_of(db, p, sid, rels);
	if (rc == CCS_OK)
		rc = records_of(db, p, id, sid, o);
	if (rc != CCS_OK) {
		rc = rc == CCS_ENOMEM ? ccs_fail(f, rc, "internal", "out of "
		    "memory") : ccs_dbfail(f, db, rc);
		goto out;
	}
	*out = o;
	o = NULL;
out:
	json_decref(o);
	json_decref(obj);
	json_decref(row);
	return rc;
}

/* --- one incident as a bundle ------------------------------------------- */

int
ccs_ixo_incident_bundle(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *row = NULL, *obj = NULL, *mark = NULL, *b = NULL;
	enum ccs_tlp tlp;
	char bid[64];
	int rc;

	*out = NULL;
	rc = ccs_db_query_one(db, "SELECT i.id, (SELECT o.body FROM "
	    "stix_objects o WHERE o.id = i.stix_copy) AS body, "
	    CCS_MARKING_COLS " FROM incidents i JOIN markings m ON m.id = "
	    "i.marking_id WHERE i.id = $1", &v, 1, &row);
	if (rc == CCS_OK && ccs_marking_view(p, row) != CCS_TLP_FULL)
		rc = CCS_ENOTFOUND;
	if (rc == CCS_ENOTFOUND) {
		rc = ccs_fail(f, rc, "not_found", "no such incident");
		goto out;
	}
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	if (ccs_jstr(row, "body") != NULL)
		obj = json_loads(ccs_jstr(row, "body"), 0, NULL);
	else {
		rc = ccs_ix_incident_stix(db, id, &obj, NULL, f);
		if (rc == CCS_ENOTFOUND)	/* imported, its copy gone */
			rc = ccs_fail(f, rc, "not_found", "no such incident");
		if (rc != CCS_OK)
			goto out;
	}
	if (!ccs_tlp_parse(ccs_jstr(row, "m_tlp"), &tlp))
		tlp = CCS_TLP_RED;
	mark = ccs_stix_tlp_marking_object(tlp);
	if (obj == NULL || mark == NULL || ccs_stix_new_id("bundle", bid,
	    sizeof(bid)) != CCS_OK) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	b = json_pack("{s:s, s:s, s:[O, O]}", "type", "bundle", "id", bid,
	    "objects", obj, mark);
	if (b == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	*out = b;
	rc = CCS_OK;
out:
	json_decref(mark);
	json_decref(obj);
	json_decref(row);
	return rc;
}

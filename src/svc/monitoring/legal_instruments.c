/*
 * legal_instruments.c: national instruments and their section mappings
 * (see legal_instruments.h).
 *
 * Built like svc/capacity/campaigns.c: a PATCH is merged onto the stored
 * instrument and the whole goes through the checks of a new one, so no
 * sequence of PATCHes stores what a POST would refuse. The checks run
 * before the first write; the request's one transaction holds the row,
 * its dates, its mappings (replaced whole), the audit event and the
 * proposals, so a refusal or a failure leaves nothing behind. Provisions
 * are named by their ref ("budapest-29"), resolved here to row ids.
 */
#include <stdlib.h>
#include <string.h>

#include "core/capacity/closing.h"
#include "core/monitoring/legal.h"
#include "core/validate.h"
#include "svc/capacity/proposals.h"
#include "svc/monitoring/legal_instruments.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_legal_instrument_fields[] = {
	{ "state", CCS_J_STRING, true, 1, 8 },
	{ "kind", CCS_J_STRING, true, 1, 16 },
	{ "number", CCS_J_NULLSTR, false, 0, 100 },
	{ "name", CCS_J_STRING, true, 1, 300 },
	{ "year", CCS_J_NULLINT, false, 0, 0 },
	{ "status", CCS_J_STRING, true, 1, 16 },
	{ "dates", CCS_J_OBJECT, false, 0, 0 },
	{ "verified", CCS_J_BOOL, false, 0, 0 },
	{ "source_url", CCS_J_NULLSTR, false, 0, 2000 },
	{ "notes", CCS_J_NULLSTR, false, 0, 5000 },
	{ "mappings", CCS_J_ARRAY, false, 0, 500 },
};
const size_t ccs_legal_instrument_nfields =
    sizeof(ccs_legal_instrument_fields) /
    sizeof(ccs_legal_instrument_fields[0]);

/* One mapping row to store: mappings[ord], section -> provision row. */
#define MAP_SQL "INSERT INTO legal_mappings (instrument_id, section, " \
	"heading, row_id, partial, evidence_url, ord) VALUES (:inst, :sec, " \
	":head, :row, :part, :url, :ord)"

static const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int64_t
jint(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static int
forbidden(const struct ccs_principal *p, int rc, const char *state,
    struct ccs_fail *f)
{
	if (rc == CCS_EAUTH)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "record legal instruments");
	if (p->state[0] != '\0' && state != NULL &&
	    (p->role == CCS_ROLE_NCPOC || p->role == CCS_ROLE_COORDINATOR))
		return ccs_fail(f, rc, "forbidden", "state: you record the "
		    "instruments of %s only, not of %s", p->state, state);
	return ccs_fail(f, rc, "forbidden", "only coordinators and a "
	    "state's NCPOC record legal instruments");
}

/* The words of @p v as "a, b or c" into @p out. */
static void
words(const struct ccs_vocab *v, char *out, size_t size)
{
	struct ccs_buf b;
	size_t i;
	int rc = CCS_OK;

	ccs_buf_init(&b, size - 1);
	for (i = 0; i < v->nwords && rc == CCS_OK; i++)
		rc = ccs_buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 ==
		    v->nwords ? " or " : ", ", v->words[i].key);
	(void)ccs_strlcpy(out, rc == CCS_OK ? ccs_buf_str(&b) : "",
	    size);
	ccs_buf_free(&b);
}

/* Checks the "dates" object of @p m against its status. */
static int
check_dates(const json_t *m, struct ccs_fail *f)
{
	const json_t *dates = json_object_get(m, "dates"), *d;
	const char *dv[CCS_LEGAL_NSTATUS] = { NULL }, *key;
	int st = ccs_legal_status_index(jstr(m, "status")), i, earlier;
	char allowed[200];
	size_t bad;

	json_object_foreach((json_t *)dates, key, d) {
		i = ccs_legal_status_index(key);
		if (i < 0) {
			words(&ccs_legal_statuses, allowed, sizeof(allowed));
			return ccs_fail(f, CCS_EINVAL, "unknown_step", "dates: "
			    "'%.40s' is not a step; use %s", key, allowed);
		}
		if (!json_is_string(d) || !ccs_legal_date_valid(
		    json_string_value(d)))
			return ccs_fail(f, CCS_EINVAL, "invalid_date", "dates: "
			    "%s must be YYYY, YYYY-MM or YYYY-MM-DD", key);
		if (i > st)
			return ccs_fail(f, CCS_EINVAL, "date_after_status",
			    "dates: %s is a later step than the status %s",
			    key, jstr(m, "status"));
		dv[i] = json_string_value(d);
	}
	if (!ccs_legal_dates_ok(dv, &bad, &earlier))
		return ccs_fail(f, CCS_EINVAL, "invalid_date_order", "dates: "
		    "%s (%s) is before %s (%s)",
		    ccs_legal_statuses.words[bad].key, dv[bad],
		    earlier >= 0 ? ccs_legal_statuses.words[earlier].key : "",
		    earlier >= 0 ? dv[earlier] : "");
	return CCS_OK;
}

/*
 * Resolves provisions[@p j] @p ref of mappings[@p i] (@p mp) and adds the
 * pair to @p rows, refusing an unknown provision or a pair given twice.
 */
static int
map_one(struct ccs_db *db, const json_t *mp, size_t i, size_t j,
    const char *ref, json_t *rows, struct ccs_fail *f)
{
	const char *sec = jstr(mp, "section");
	const json_t *o;
	struct ccs_val v;
	int64_t rid;
	size_t k;
	int rc;

	if (ref == NULL || strlen(ref) > 64)
		return ccs_fail(f, CCS_EINVAL, "unknown_provision",
		    "mappings[%zu]: provisions[%zu] must be a provision ref "
		    "such as \"budapest-2\"", i, j);
	v = CCS_VTEXT(ref);
	rc = ccs_db_query_int(db, "SELECT id FROM legal_rows WHERE ref = $1",
	    &v, 1, &rid);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, CCS_EINVAL, "unknown_provision",
		    "mappings[%zu]: provisions[%zu] '%.64s' is not a "
		    "provision of the matrix (GET /api/v1/legal/provisions)",
		    i, j, ref);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	json_array_foreach(rows, k, o) {
		if (jint(o, "row_id") == rid && ccs_streq(jstr(o, "section"),
		    sec))
			return ccs_fail(f, CCS_EINVAL, "duplicate_mapping",
			    "mappings[%zu]: section %s is already mapped to %s",
			    i, sec, ref);
	}
	if (json_array_append_new(rows, json_pack("{s:s, s:O?, s:I, s:b, "
	    "s:s?, s:I}", "section", sec, "heading", json_object_get(mp,
	    "heading"), "row_id", (json_int_t)rid, "partial", json_is_true(
	    json_object_get(mp, "partial")), "evidence_url", jstr(mp,
	    "evidence_url"), "ord", (json_int_t)i)) != 0)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

/*
 * Checks mappings[] and resolves each provision: *rows (new) gets one
 * {section, heading, row_id, partial, evidence_url, ord} per pair.
 */
static int
check_mappings(struct ccs_db *db, const json_t *maps, json_t **rows,
    struct ccs_fail *f)
{
	const json_t *mp, *pv, *x;
	const char *url;
	size_t i, j;
	int rc = CCS_OK;

	*rows = json_array();
	if (*rows == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	json_array_foreach(maps, i, mp) {
		x = json_object_get(mp, "section");
		pv = json_object_get(mp, "provisions");
		url = jstr(mp, "evidence_url");
		if (!json_is_object(mp))
			rc = ccs_fail(f, CCS_EINVAL, "invalid_mapping",
			    "mappings[%zu]: must be an object", i);
		else if (!json_is_string(x) || json_string_length(x) == 0 ||
		    json_string_length(x) > 64)
			rc = ccs_fail(f, CCS_EINVAL, "section_required",
			    "mappings[%zu]: section must be text of 1-64 "
			    "characters such as \"s.19\"", i);
		else if (json_object_get(mp, "heading") != NULL &&
		    !json_is_null(json_object_get(mp, "heading")) &&
		    (!json_is_string(json_object_get(mp, "heading")) ||
		    json_string_length(json_object_get(mp, "heading")) > 300))
			rc = ccs_fail(f, CCS_EINVAL, "invalid_heading",
			    "mappings[%zu]: heading must be text of at most "
			    "300 characters", i);
		else if (!json_is_array(pv) || json_array_size(pv) == 0 ||
		    json_array_size(pv) > 50)
			rc = ccs_fail(f, CCS_EINVAL, "provisions_required",
			    "mappings[%zu]: provisions must list 1-50 "
			    "provisions such as \"budapest-2\"", i);
		else if (json_object_get(mp, "partial") != NULL &&
		    !json_is_boolean(json_object_get(mp, "partial")))
			rc = ccs_fail(f, CCS_EINVAL, "invalid_mapping",
			    "mappings[%zu]: partial must be true or false", i);
		else if (json_object_get(mp, "evidence_url") != NULL &&
		    !json_is_null(json_object_get(mp, "evidence_url")) &&
		    (url == NULL || !ccs_valid_url(url)))
			rc = ccs_fail(f, CCS_EINVAL, "invalid_url",
			    "mappings[%zu]: evidence_url must be an http(s) "
			    "URL", i);
		if (rc != CCS_OK)
			return rc;
		json_array_foreach(pv, j, x) {
			rc = map_one(db, mp, i, j, json_string_value(x), *rows,
			    f);
			if (rc != CCS_OK)
				return rc;
		}
	}
	return CCS_OK;
}

/* Every check of a full instrument @p m; *rows as check_mappings. */
static int
check(struct ccs_db *db, const struct ccs_principal *p, const json_t *m,
    json_t **rows, struct ccs_fail *f)
{
	const json_t *year = json_object_get(m, "year");
	const char *url = jstr(m, "source_url");
	char allowed[200];
	int rc;

	*rows = NULL;
	rc = ccs_state_known(db, jstr(m, "state"), "state", f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_policy_check(p, CCS_ACT_LEGAL_WRITE, jstr(m, "state"));
	if (rc != CCS_OK)
		return forbidden(p, rc, jstr(m, "state"), f);
	if (!ccs_vocab_has(&ccs_legal_kinds, jstr(m, "kind"))) {
		words(&ccs_legal_kinds, allowed, sizeof(allowed));
		return ccs_fail(f, CCS_EINVAL, "invalid_kind", "kind must be "
		    "%s", allowed);
	}
	if (!ccs_vocab_has(&ccs_legal_statuses, jstr(m, "status"))) {
		words(&ccs_legal_statuses, allowed, sizeof(allowed));
		return ccs_fail(f, CCS_EINVAL, "invalid_status", "status must "
		    "be %s", allowed);
	}
	if (json_is_integer(year) && (json_integer_value(year) < 1900 ||
	    json_integer_value(year) > 2999))
		return ccs_fail(f, CCS_EINVAL, "invalid_year", "year must be "
		    "1900-2999");
	if (url != NULL && !ccs_valid_url(url))
		return ccs_fail(f, CCS_EINVAL, "invalid_url", "source_url must "
		    "be an http(s) URL");
	rc = check_dates(m, f);
	if (rc != CCS_OK)
		return rc;
	return check_mappings(db, json_object_get(m, "mappings"), rows, f);
}

static int
store(struct ccs_db *db, const struct ccs_principal *p, const json_t *m,
    const json_t *rows, bool seeded, int64_t now, int64_t *id)
{
	const json_t *year = json_object_get(m, "year"), *d, *r;
	struct ccs_val v[3];
	const char *key;
	size_t i;
	int rc;
	struct ccs_named nv[] = {
		CCS_NAMED("state", CCS_VTEXT(jstr(m, "state"))),
		CCS_NAMED("kind", CCS_VTEXT(jstr(m, "kind"))),
		CCS_NAMED("number", CCS_VTEXT(jstr(m, "number"))),
		CCS_NAMED("name", CCS_VTEXT(jstr(m, "name"))),
		CCS_NAMED("year", json_is_integer(year) ? CCS_VINT(
		    json_integer_value(year)) : CCS_VNULL),
		CCS_NAMED("status", CCS_VTEXT(jstr(m, "status"))),
		CCS_NAMED("verified", CCS_VINT(json_is_true(json_object_get(m,
		    "verified")) ? 1 : 0)),
		CCS_NAMED("url", CCS_VTEXT(jstr(m, "source_url"))),
		CCS_NAMED("notes", CCS_VTEXT(jstr(m, "notes"))),
		CCS_NAMED("seeded", CCS_VINT(seeded ? 1 : 0)),
		CCS_NAMED("by", CCS_VTEXT(ccs_actor(p))),
		CCS_NAMED("now", CCS_VINT(now)),
		CCS_NAMED("id", CCS_VINT(*id)),
	};
	const size_t nnv = sizeof(nv) / sizeof(nv[0]);

	if (*id == 0)
		rc = ccs_db_query_int_named(db, "INSERT INTO legal_instruments "
		    "(state_code, kind, number, name, year, status, verified, "
		    "source_url, notes, seeded, created_by, created_at, "
		    "updated_by, updated_at) VALUES (:state, :kind, :number, "
		    ":name, :year, :status, :verified, :url, :notes, :seeded, "
		    ":by, :now, :by, :now) RETURNING id", nv, nnv - 1, id);
	else
		rc = ccs_db_exec_named(db, "UPDATE legal_instruments SET "
		    "state_code = :state, kind = :kind, number = :number, name "
		    "= :name, year = :year, status = :status, verified = "
		    ":verified, source_url = :url, notes = :notes, seeded = "
		    "CASE WHEN :seeded = 1 THEN 1 ELSE seeded END, updated_by "
		    "= :by, updated_at = :now WHERE id = :id", nv, nnv, NULL,
		    NULL);
	v[0] = CCS_VINT(*id);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "DELETE FROM legal_instrument_dates WHERE "
		    "instrument_id = $1", v, 1, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "DELETE FROM legal_mappings WHERE "
		    "instrument_id = $1", v, 1, NULL, NULL);
	json_object_foreach((json_t *)json_object_get(m, "dates"), key, d) {
		if (rc != CCS_OK)
			break;
		v[1] = CCS_VTEXT(key);
		v[2] = CCS_VTEXT(json_string_value(d));
		rc = ccs_db_exec(db, "INSERT INTO legal_instrument_dates "
		    "(instrument_id, status, on_date) VALUES ($1, $2, $3)", v,
		    3, NULL, NULL);
	}
	json_array_foreach(rows, i, r) {
		struct ccs_named mv[] = {
			CCS_NAMED("inst", CCS_VINT(*id)),
			CCS_NAMED("sec", CCS_VTEXT(jstr(r, "section"))),
			CCS_NAMED("head", CCS_VTEXT(jstr(r, "heading"))),
			CCS_NAMED("row", CCS_VINT(jint(r, "row_id"))),
			CCS_NAMED("part", CCS_VINT(json_is_true(
			    json_object_get(r, "partial")) ? 1 : 0)),
			CCS_NAMED("url", CCS_VTEXT(jstr(r, "evidence_url"))),
			CCS_NAMED("ord", CCS_VINT(jint(r, "ord"))),
		};

		if (rc != CCS_OK)
			break;
		rc = ccs_db_exec_named(db, MAP_SQL, mv, CCS_NNAMED(mv), NULL,
		    NULL);
	}
	return rc;
}

/* The mappings of instrument @p id as the API gives them. New. */
static int
load_mappings(struct ccs_db *db, int64_t id, json_t **out)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *rows = NULL, *r, *cur = NULL, *list;
	int64_t ord = -1;
	size_t i;
	int rc;

	*out = json_array();
	rc = ccs_db_query_json(db, "SELECT m.ord, m.section, m.heading, "
	    "m.partial, m.evidence_url, r.ref, r.number, r.title FROM "
	    "legal_mappings m JOIN legal_rows r ON r.id = m.row_id WHERE "
	    "m.instrument_id = $1 ORDER BY m.ord, m.id", &v, 1, &rows);
	if (rc != CCS_OK || *out == NULL) {
		json_decref(rows);
		return rc != CCS_OK ? rc : CCS_ENOMEM;
	}
	json_array_foreach(rows, i, r) {
		if (cur == NULL || jint(r, "ord") != ord) {
			ord = jint(r, "ord");
			cur = json_pack("{s:O, s:O, s:b, s:O, s:[], s:[]}",
			    "section", json_object_get(r, "section"),
			    "heading", json_object_get(r, "heading"),
			    "partial", jint(r, "partial") != 0,
			    "evidence_url", json_object_get(r, "evidence_url"),
			    "provisions", "provision_titles");
			if (cur == NULL ||
			    json_array_append_new(*out, cur) != 0) {
				rc = CCS_ENOMEM;
				break;
			}
		}
		list = json_object_get(cur, "provisions");
		if (json_array_append(list, json_object_get(r, "ref")) != 0 ||
		    json_array_append_new(json_object_get(cur,
		    "provision_titles"), json_sprintf("%s %s", jstr(r,
		    "number"), jstr(r, "title"))) != 0) {
			rc = CCS_ENOMEM;
			break;
		}
	}
	json_decref(rows);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

static int
load(struct ccs_db *db, int64_t id, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *c = NULL, *drows = NULL, *dates = NULL, *maps = NULL, *r;
	const char *name;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_db_query_one(db, "SELECT i.id, i.state_code AS state, "
	    "s.name AS state_name, i.kind, i.number, i.name, i.year, "
	    "i.status, i.verified, i.source_url, i.notes, i.seeded, "
	    "i.created_by, i.created_at, i.updated_by, i.updated_at FROM "
	    "legal_instruments i JOIN states s ON s.code = i.state_code "
	    "WHERE i.id = $1", &v, 1, &c);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no legal instrument %lld",
		    (long long)id);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT status, on_date FROM "
		    "legal_instrument_dates WHERE instrument_id = $1", &v, 1,
		    &drows);
	if (rc == CCS_OK)
		rc = load_mappings(db, id, &maps);
	dates = json_object();
	if (rc == CCS_OK && dates == NULL)
		rc = CCS_ENOMEM;
	json_array_foreach(drows, i, r) {
		if (rc == CCS_OK && json_object_set(dates, jstr(r, "status"),
		    json_object_get(r, "on_date")) != 0)
			rc = CCS_ENOMEM;
	}
	name = rc == CCS_OK ? jstr(c, "status") : NULL;
	if (rc == CCS_OK && (json_object_set_new(c, "verified",
	    json_boolean(jint(c, "verified") != 0)) != 0 ||
	    json_object_set_new(c, "seeded", json_boolean(jint(c,
	    "seeded") != 0)) != 0 ||
	    json_object_set_new(c, "status_name", json_string(
	    ccs_vocab_word(&ccs_legal_statuses, name)->name)) != 0 ||
	    json_object_set_new(c, "in_force", json_boolean(
	    ccs_legal_in_force(name))) != 0 ||
	    json_object_set(c, "dates", dates) != 0 ||
	    json_object_set(c, "mappings", maps) != 0))
		rc = CCS_ENOMEM;
	json_decref(drows);
	json_decref(dates);
	json_decref(maps);
	if (rc != CCS_OK) {
		json_decref(c);
		return ccs_dbfail(f, db, rc);
	}
	*out = c;
	return CCS_OK;
}

/* The stored instrument @p c as a body, for merging a PATCH onto. New. */
static json_t *
as_body(const json_t *c)
{
	json_t *maps = json_array(), *mp, *o;
	size_t i;

	json_array_foreach(json_object_get(c, "mappings"), i, o) {
		mp = json_pack("{s:O, s:O, s:O, s:O, s:O}",
		    "section", json_object_get(o, "section"),
		    "heading", json_object_get(o, "heading"),
		    "partial", json_object_get(o, "partial"),
		    "evidence_url", json_object_get(o, "evidence_url"),
		    "provisions", json_object_get(o, "provisions"));
		if (mp == NULL || json_array_append_new(maps, mp) != 0) {
			json_decref(maps);
			return NULL;
		}
	}
	return json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, "
	    "s:O, s:o}",
	    "state", json_object_get(c, "state"),
	    "kind", json_object_get(c, "kind"),
	    "number", json_object_get(c, "number"),
	    "name", json_object_get(c, "name"),
	    "year", json_object_get(c, "year"),
	    "status", json_object_get(c, "status"),
	    "dates", json_object_get(c, "dates"),
	    "verified", json_object_get(c, "verified"),
	    "source_url", json_object_get(c, "source_url"),
	    "notes", json_object_get(c, "notes"),
	    "mappings", maps);
}

static int
write_instrument(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *m, int64_t id, const json_t *body, int64_t now,
    json_t **out, struct ccs_fail *f)
{
	json_t *rows = NULL;
	size_t made = 0;
	bool created = id == 0;
	int rc;

	rc = check(db, p, m, &rows, f);
	if (rc != CCS_OK) {
		json_decref(rows);
		return rc;
	}
	rc = store(db, p, m, rows, false, now, &id);
	json_decref(rows);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, created ?
		    "legal_instrument.create" : "legal_instrument.update",
		    "legal_instrument", id, body, now);
	/* planning leaves out what this instrument already proposed */
	if (rc == CCS_OK && ccs_legal_in_force(jstr(m, "status")))
		rc = ccs_proposals_make(db, CCS_CAP_LEGAL, id, now, &made);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	rc = load(db, id, out, f);
	if (rc == CCS_OK && json_object_set_new(*out, "proposals_made",
	    json_integer((json_int_t)made)) != 0)
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return rc;
}

int
ccs_legal_instrument_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	json_t *m;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_LEGAL_WRITE, jstr(body, "state"));
	if (rc == CCS_EAUTH)
		return forbidden(p, rc, NULL, f);
	m = json_deep_copy(body);
	if (m == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	if (json_object_get(m, "dates") == NULL)
		json_object_set_new(m, "dates", json_object());
	if (json_object_get(m, "mappings") == NULL)
		json_object_set_new(m, "mappings", json_array());
	rc = write_instrument(db, p, m, 0, body, now, out, f);
	json_decref(m);
	return rc;
}

int
ccs_legal_instrument_update(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	json_t *cur = NULL, *m = NULL;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_LEGAL_READ, NULL);
	if (rc != CCS_OK)
		return forbidden(p, rc, NULL, f);
	rc = load(db, id, &cur, f);
	if (rc != CCS_OK)
		return rc;
	/* the stored state too: nobody moves another state's instrument */
	rc = ccs_policy_check(p, CCS_ACT_LEGAL_WRITE, jstr(cur, "state"));
	if (rc != CCS_OK) {
		rc = forbidden(p, rc, jstr(cur, "state"), f);
		goto out;
	}
	m = as_body(cur);
	if (m == NULL || json_object_update(m, (json_t *)body) != 0) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	rc = write_instrument(db, p, m, id, body, now, out, f);
out:
	json_decref(cur);
	json_decref(m);
	return rc;
}

int
ccs_legal_instrument_get(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, json_t **out, struct ccs_fail *f)
{
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_LEGAL_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "see the legal tracker");
	return load(db, id, out, f);
}

static const struct ccs_keyset_col inst_cols[] = {
	{ "state", "i.state_code", CCS_KEYSET_TEXT, false },
	{ "name", "i.name", CCS_KEYSET_TEXT, false },
	{ "kind", "i.kind", CCS_KEYSET_TEXT, false },
	{ "status", "i.status", CCS_KEYSET_TEXT, false },
	{ "updated_at", "i.updated_at", CCS_KEYSET_INT, true },
};

static const char *const inst_text[] = {
	"i.name", "COALESCE(i.number, '')", "s.name", "i.state_code",
	"i.kind", "i.status", "COALESCE(i.notes, '')",
};

static const struct ccs_listq_csvcol inst_csv[] = {
	{ "id", "id", false }, { "state", "state", false },
	{ "kind", "kind", false }, { "number", "number", false },
	{ "name", "name", false }, { "year", "year", false },
	{ "status", "status", false }, { "verified", "verified", false },
	{ "source_url", "source_url", false }, { "notes", "notes", false },
	{ "updated_at", "updated_at", true },
};

/* The full instrument of a row of the list. */
static int
load_row(struct ccs_db *db, int64_t id, json_t **out)
{
	struct ccs_fail f = { 0, NULL, "" };

	return load(db, id, out, &f);
}

const struct ccs_listq_def ccs_legal_instrument_list_def = {
	.name = "legal_instruments",
	.select = "SELECT i.id, i.state_code AS state, i.name, i.kind, "
	    "i.status, i.updated_at",
	.from = "FROM legal_instruments i JOIN states s ON s.code = "
	    "i.state_code WHERE 1 = 1",
	.cols = inst_cols, .ncols = sizeof(inst_cols) / sizeof(inst_cols[0]),
	.id_expr = "i.id", .text = inst_text,
	.ntext = sizeof(inst_text) / sizeof(inst_text[0]),
	.date_expr = "i.updated_at", .date_kind = CCS_LISTQ_UNIX,
	.csv = inst_csv, .ncsv = sizeof(inst_csv) / sizeof(inst_csv[0]),
	.load = load_row,
};

int
ccs_legal_instrument_query(const struct ccs_principal *p,
    const struct ccs_legal_filter *flt, struct ccs_keyset *ks,
    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
    struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	char allowed[200];
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_LEGAL_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "see the legal tracker");
	if (flt->state != NULL && !ccs_valid_iso2(flt->state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code", "state "
		    "must be a two-letter ISO 3166 code such as JM");
	if (flt->status != NULL && !ccs_vocab_has(&ccs_legal_statuses,
	    flt->status)) {
		words(&ccs_legal_statuses, allowed, sizeof(allowed));
		return ccs_fail(f, CCS_EINVAL, "invalid_status", "status must "
		    "be %s", allowed);
	}
	if (flt->kind != NULL && !ccs_vocab_has(&ccs_legal_kinds,
	    flt->kind))
		return ccs_fail(f, CCS_EINVAL, "invalid_kind", "kind must be "
		    "act, bill or regulation");
	rc = ccs_listq_new(&ccs_legal_instrument_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	ccs_listq_eq(lq, "i.state_code", CCS_VTEXT(flt->state));
	ccs_listq_eq(lq, "i.status", CCS_VTEXT(flt->status));
	ccs_listq_eq(lq, "i.kind", CCS_VTEXT(flt->kind));
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

int
ccs_legal_instrument_seed(struct ccs_db *db, const json_t *m, int64_t now,
    int *added, struct ccs_fail *f)
{
	struct ccs_principal sys;
	struct ccs_val v[2];
	json_t *rows = NULL;
	int64_t n = 0, id = 0;
	int rc;

	*added = 0;
	memset(&sys, 0, sizeof(sys));
	sys.system = true;
	v[0] = CCS_VTEXT(jstr(m, "state"));
	v[1] = CCS_VTEXT(jstr(m, "name"));
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM legal_instruments "
	    "WHERE state_code = $1 AND name = $2", v, 2, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (n > 0)
		return CCS_OK;
	rc = check(db, &sys, m, &rows, f);
	if (rc == CCS_OK) {
		rc = store(db, &sys, m, rows, true, now, &id);
		if (rc != CCS_OK)
			rc = ccs_dbfail(f, db, rc);
	}
	json_decref(rows);
	if (rc == CCS_OK)
		*added = 1;
	return rc;
}

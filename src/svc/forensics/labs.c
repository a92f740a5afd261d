/*
 * labs.c: forensic labs, their tools and examiners (see labs.h).
 *
 * A lab's staff are the users of its organisation: the same organisation
 * the directory lists, so nobody keeps a second staff list. Licence
 * warnings are computed on read from the expiry date and the request's
 * clock, never stored, so they cannot go stale.
 */
#include <stdlib.h>
#include <string.h>

#include "core/forensics/request.h"
#include "core/validate.h"
#include "svc/forensics/labs.h"
#include "svc/svc.h"
#include "util/err.h"

const struct ccs_jfield ccs_lab_fields[] = {
	{ "name", CCS_J_STRING, true, 1, 200 },
	{ "org_id", CCS_J_INT, true, 0, 0 },
	{ "state", CCS_J_NULLSTR, false, 0, 8 },
	{ "capabilities", CCS_J_ARRAY, true, 0, 50 },
	{ "device_types", CCS_J_ARRAY, true, 0, 20 },
	{ "capacity", CCS_J_INT, true, 0, 0 },
};
const size_t ccs_lab_nfields = sizeof(ccs_lab_fields) /
    sizeof(ccs_lab_fields[0]);

const struct ccs_jfield ccs_lab_tool_fields[] = {
	{ "name", CCS_J_STRING, true, 1, 200 },
	{ "version", CCS_J_NULLSTR, false, 0, 50 },
	{ "licence_ref", CCS_J_NULLSTR, false, 0, 100 },
	{ "licence_expires", CCS_J_NULLSTR, false, 0, 10 },
};
const size_t ccs_lab_tool_nfields = sizeof(ccs_lab_tool_fields) /
    sizeof(ccs_lab_tool_fields[0]);

const struct ccs_jfield ccs_lab_examiner_fields[] = {
	{ "name", CCS_J_STRING, true, 1, 200 },
	{ "certification", CCS_J_STRING, true, 1, 200 },
	{ "skills", CCS_J_ARRAY, true, 0, 30 },
	{ "languages", CCS_J_ARRAY, true, 0, 10 },
};
const size_t ccs_lab_examiner_nfields = sizeof(ccs_lab_examiner_fields) /
    sizeof(ccs_lab_examiner_fields[0]);

#define LAB_COLS "l.id, l.name, l.org_id, o.name AS org_name, " \
	"l.state_code AS state, l.capabilities, l.device_types, l.capacity, " \
	"(SELECT COUNT(*) FROM forensic_requests q WHERE q.lab_id = l.id " \
	"AND q.status IN ('accepted', 'scheduled', 'in_progress')) AS queue, " \
	"(SELECT COUNT(*) FROM forensic_requests q WHERE q.lab_id = l.id " \
	"AND q.status = 'requested') AS waiting, l.created_at"

static const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int
need_member(const struct ccs_principal *p, struct ccs_fail *f)
{
	int rc = ccs_policy_check(p, CCS_ACT_LAB_READ, NULL);

	if (rc != CCS_OK)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "see the forensic labs");
	return CCS_OK;
}

/* Text list columns of a lab row as arrays, and the free places. */
static int
shape(json_t *r)
{
	json_int_t cap = json_integer_value(json_object_get(r, "capacity"));
	json_int_t q = json_integer_value(json_object_get(r, "queue"));

	if (ccs_fx_unjson(r, "capabilities") != CCS_OK ||
	    ccs_fx_unjson(r, "device_types") != CCS_OK ||
	    json_object_set_new(r, "free", json_integer(cap > q ? cap - q :
	    0)) != 0)
		return CCS_ENOMEM;
	return CCS_OK;
}

int
ccs_lab_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	const char *state = jstr(body, "state");
	json_int_t cap = json_integer_value(json_object_get(body, "capacity"));
	struct ccs_val v = CCS_VINT(json_integer_value(json_object_get(body,
	    "org_id")));
	char *caps = NULL, *devs = NULL;
	int64_t id = 0, n = 0;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_LAB_WRITE, state);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden", "coordinators "
		    "create labs, and a state's NCPOC the labs of that state");
	if (state != NULL) {
		rc = ccs_state_known(db, state, "state", f);
		if (rc != CCS_OK)
			return rc;
	}
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM organisations WHERE "
	    "id = $1", &v, 1, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (n == 0)
		return ccs_fail(f, CCS_EINVAL, "unknown_organisation",
		    "org_id: no organisation %lld in the directory",
		    (long long)v.i);
	if (cap < 1 || cap > 1000)
		return ccs_fail(f, CCS_EINVAL, "invalid_capacity", "capacity "
		    "must be 1-1000 requests worked at once");
	rc = ccs_fx_words(json_object_get(body, "device_types"),
	    &ccs_forensic_devices, "device_types", "invalid_device_type", 20,
	    true, &devs, f);
	if (rc == CCS_OK && !json_is_array(json_object_get(body,
	    "capabilities")))
		rc = ccs_fail(f, CCS_EINVAL, "invalid_capabilities",
		    "capabilities must list what the lab does");
	if (rc == CCS_OK) {
		size_t i;
		const json_t *c;

		json_array_foreach(json_object_get(body, "capabilities"), i,
		    c) {
			if (!json_is_string(c) || json_string_length(c) == 0 ||
			    json_string_length(c) > 100) {
				rc = ccs_fail(f, CCS_EINVAL,
				    "invalid_capabilities", "capabilities[%zu] "
				    "must be text of 1-100 characters", i);
				break;
			}
		}
	}
	if (rc == CCS_OK) {
		caps = json_dumps(json_object_get(body, "capabilities"),
		    JSON_COMPACT);
		if (caps == NULL)
			rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of "
			    "memory");
	}
	if (rc == CCS_OK) {
		struct ccs_named nv[] = {
			CCS_NAMED("name", CCS_VTEXT(jstr(body, "name"))),
			CCS_NAMED("org", v),
			CCS_NAMED("state", CCS_VTEXT(state)),
			CCS_NAMED("caps", CCS_VTEXT(caps)),
			CCS_NAMED("devs", CCS_VTEXT(devs)),
			CCS_NAMED("cap", CCS_VINT(cap)),
			CCS_NAMED("by", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};
		struct ccs_val nm = CCS_VTEXT(jstr(body, "name"));

		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM forensic_labs "
		    "WHERE name = $1", &nm, 1, &n);
		if (rc == CCS_OK && n > 0)
			rc = ccs_fail(f, CCS_ECONFLICT, "duplicate_lab",
			    "name: a lab of that name exists");
		else if (rc == CCS_OK)
			rc = ccs_db_query_int_named(db, "INSERT INTO "
			    "forensic_labs (name, org_id, state_code, "
			    "capabilities, device_types, capacity, created_by, "
			    "created_at) VALUES (:name, :org, :state, :caps, "
			    ":devs, :cap, :by, :now) RETURNING id", nv,
			    CCS_NNAMED(nv), &id);
		if (rc == CCS_OK)
			rc = ccs_audit_record(db, p, "forensic_lab.create",
			    "forensic_lab", id, body, now);
		if (rc != CCS_OK && f->code == NULL)
			rc = ccs_dbfail(f, db, rc);
	}
	free(caps);
	free(devs);
	if (rc != CCS_OK)
		return rc;
	return ccs_lab_get(db, p, id, now, out, f);
}

#define LAB_QUEUE "(SELECT COUNT(*) FROM forensic_requests q WHERE " \
	"q.lab_id = l.id AND q.status IN ('accepted', 'scheduled', " \
	"'in_progress'))"

static const struct ccs_keyset_col lab_cols[] = {
	{ "name", "l.name", CCS_KEYSET_TEXT, false },
	{ "org_name", "o.name", CCS_KEYSET_TEXT, false },
	{ "capacity", "l.capacity", CCS_KEYSET_INT, true },
	{ "queue", LAB_QUEUE, CCS_KEYSET_INT, true },
	{ "created_at", "l.created_at", CCS_KEYSET_INT, true },
};

static const char *const lab_text[] = {
	"l.name", "o.name", "COALESCE(l.state_code, '')", "l.capabilities",
	"l.device_types",
};

static const struct ccs_listq_csvcol lab_csv[] = {
	{ "id", "id", false }, { "name", "name", false },
	{ "owner", "org_name", false }, { "state", "state", false },
	{ "capacity", "capacity", false }, { "queue", "queue", false },
	{ "waiting", "waiting", false }, { "free", "free", false },
	{ "device_types", "device_types", false },
	{ "capabilities", "capabilities", false },
	{ "created_at", "created_at", true },
};

static void
decorate(json_t *r)
{
	(void)shape(r);
}

const struct ccs_listq_def ccs_lab_list_def = {
	.name = "forensic_labs", .select = "SELECT " LAB_COLS,
	.from = "FROM forensic_labs l JOIN organisations o ON o.id = "
	    "l.org_id WHERE 1 = 1",
	.cols = lab_cols, .ncols = sizeof(lab_cols) / sizeof(lab_cols[0]),
	.id_expr = "l.id", .text = lab_text,
	.ntext = sizeof(lab_text) / sizeof(lab_text[0]),
	.date_expr = "l.created_at", .date_kind = CCS_LISTQ_UNIX,
	.csv = lab_csv, .ncsv = sizeof(lab_csv) / sizeof(lab_csv[0]),
	.decorate = decorate,
};

int
ccs_lab_query(const struct ccs_principal *p, struct ccs_keyset *ks,
    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
    struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	int rc;

	*out = NULL;
	rc = need_member(p, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_listq_new(&ccs_lab_list_def, ks, &lq);
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

/* The tools of lab @p id with their licence warnings as of @p now. */
static int
tools_of(struct ccs_db *db, int64_t id, int64_t now, json_t **out)
{
	struct ccs_val v = CCS_VINT(id);
	const char *exp;
	long long t;
	json_t *r;
	size_t i;
	int rc;

	rc = ccs_db_query_json(db, "SELECT id, name, version, licence_ref, "
	    "licence_expires FROM forensic_tools WHERE lab_id = $1 ORDER BY "
	    "id", &v, 1, out);
	if (rc != CCS_OK)
		return rc;
	json_array_foreach(*out, i, r) {
		const char *w = NULL;

		exp = jstr(r, "licence_expires");
		if (exp != NULL && ccs_parse_time(exp, &t))
			w = ccs_forensic_licence_warning(t / 86400,
			    (long long)now / 86400);
		if (json_object_set_new(r, "licence_warning", w ?
		    json_string(w) : json_null()) != 0)
			return CCS_ENOMEM;
	}
	return CCS_OK;
}

int
ccs_lab_get(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    int64_t now, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *lab = NULL, *tools = NULL, *ex = NULL, *r;
	size_t i;
	int rc;

	*out = NULL;
	rc = need_member(p, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_one(db, "SELECT " LAB_COLS " FROM forensic_labs l "
	    "JOIN organisations o ON o.id = l.org_id WHERE l.id = $1", &v, 1,
	    &lab);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no forensic lab %lld",
		    (long long)id);
	if (rc == CCS_OK)
		rc = tools_of(db, id, now, &tools);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT id, name, certification, "
		    "skills, languages FROM forensic_examiners WHERE lab_id = "
		    "$1 ORDER BY id", &v, 1, &ex);
	json_array_foreach(ex, i, r) {
		if (rc == CCS_OK && (ccs_fx_unjson(r, "skills") != CCS_OK ||
		    ccs_fx_unjson(r, "languages") != CCS_OK))
			rc = CCS_ENOMEM;
	}
	if (rc == CCS_OK && (shape(lab) != CCS_OK ||
	    json_object_set(lab, "tools", tools) != 0 ||
	    json_object_set(lab, "examiners", ex) != 0))
		rc = CCS_ENOMEM;
	json_decref(tools);
	json_decref(ex);
	if (rc != CCS_OK) {
		json_decref(lab);
		return ccs_dbfail(f, db, rc);
	}
	*out = lab;
	return CCS_OK;
}

/*
 * Loads lab @p id for a write by @p p: 404 when missing, 403 unless @p p
 * may write labs of its owner state or is on its staff.
 */
static int
lab_for_write(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *lab = NULL;
	bool staff = false;
	int rc;

	rc = need_member(p, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_one(db, "SELECT state_code FROM forensic_labs "
	    "WHERE id = $1", &v, 1, &lab);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no forensic lab %lld",
		    (long long)id);
	if (rc == CCS_OK)
		rc = ccs_fx_lab_staff(db, p, id, &staff);
	if (rc != CCS_OK) {
		json_decref(lab);
		return ccs_dbfail(f, db, rc);
	}
	if (!staff && ccs_policy_check(p, CCS_ACT_LAB_WRITE,
	    jstr(lab, "state_code")) != CCS_OK)
		rc = ccs_fail(f, CCS_EPERM, "forbidden", "only the lab's "
		    "staff, coordinators and its state's NCPOC change a lab");
	json_decref(lab);
	return rc;
}

int
ccs_lab_tool_add(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	const char *exp = jstr(body, "licence_expires");
	int64_t tid = 0;
	int rc;

	*out = NULL;
	rc = lab_for_write(db, p, id, f);
	if (rc != CCS_OK)
		return rc;
	if (exp != NULL && !ccs_valid_date(exp))
		return ccs_fail(f, CCS_EINVAL, "invalid_date",
		    "licence_expires must be a date YYYY-MM-DD");
	{
		struct ccs_named nv[] = {
			CCS_NAMED("lab", CCS_VINT(id)),
			CCS_NAMED("name", CCS_VTEXT(jstr(body, "name"))),
			CCS_NAMED("ver", CCS_VTEXT(jstr(body, "version"))),
			CCS_NAMED("ref", CCS_VTEXT(jstr(body, "licence_ref"))),
			CCS_NAMED("exp", CCS_VTEXT(exp)),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_query_int_named(db, "INSERT INTO forensic_tools "
		    "(lab_id, name, version, licence_ref, licence_expires, "
		    "created_at) VALUES (:lab, :name, :ver, :ref, :exp, :now) "
		    "RETURNING id", nv, CCS_NNAMED(nv), &tid);
	}
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "forensic_tool.create",
		    "forensic_tool", tid, body, now);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return ccs_lab_get(db, p, id, now, out, f);
}

/* Checks a list of 1..@p max texts of 1-100 characters. */
static int
texts(const json_t *arr, const char *what, size_t max, char **json,
    struct ccs_fail *f)
{
	const json_t *x;
	size_t i;

	*json = NULL;
	if (!json_is_array(arr) || json_array_size(arr) == 0 ||
	    json_array_size(arr) > max)
		return ccs_fail(f, CCS_EINVAL, "invalid_list", "%s must list "
		    "1-%zu entries", what, max);
	json_array_foreach(arr, i, x) {
		if (!json_is_string(x) || json_string_length(x) == 0 ||
		    json_string_length(x) > 100)
			return ccs_fail(f, CCS_EINVAL, "invalid_list",
			    "%s[%zu] must be text of 1-100 characters", what,
			    i);
	}
	*json = json_dumps(arr, JSON_COMPACT);
	return *json ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal", "out of "
	    "memory");
}

int
ccs_lab_examiner_add(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	char *skills = NULL, *langs = NULL;
	int64_t eid = 0;
	int rc;

	*out = NULL;
	rc = lab_for_write(db, p, id, f);
	if (rc == CCS_OK)
		rc = texts(json_object_get(body, "skills"), "skills", 30,
		    &skills, f);
	if (rc == CCS_OK)
		rc = texts(json_object_get(body, "languages"), "languages", 10,
		    &langs, f);
	if (rc == CCS_OK) {
		struct ccs_named nv[] = {
			CCS_NAMED("lab", CCS_VINT(id)),
			CCS_NAMED("name", CCS_VTEXT(jstr(body, "name"))),
			CCS_NAMED("cert", CCS_VTEXT(jstr(body,
			    "certification"))),
			CCS_NAMED("skills", CCS_VTEXT(skills)),
			CCS_NAMED("langs", CCS_VTEXT(langs)),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_query_int_named(db, "INSERT INTO "
		    "forensic_examiners (lab_id, name, certification, skills, "
		    "languages, created_at) VALUES (:lab, :name, :cert, "
		    ":skills, :langs, :now) RETURNING id", nv, CCS_NNAMED(nv),
		    &eid);
		if (rc == CCS_OK)
			rc = ccs_audit_record(db, p, "forensic_examiner.create",
			    "forensic_examiner", eid, body, now);
		if (rc != CCS_OK)
			rc = ccs_dbfail(f, db, rc);
	}
	free(skills);
	free(langs);
	if (rc != CCS_OK)
		return rc;
	return ccs_lab_get(db, p, id, now, out, f);
}

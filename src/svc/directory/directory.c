/*
 * directory.c: states, organisations, bodies and contacts.
 *
 * Reads pass through ccs_policy_check first; the public view is states and
 * regional bodies only. Writes validate every field, check the record's state
 * against the principal's scope, enforce the plan's two-NCPOC rule, bump the
 * contact's version (optimistic concurrency: a stale edit is refused, never
 * silently merged) and append an audit event with the new values.
 */
#include <stdio.h>
#include <string.h>

#include "core/validate.h"
#include "core/vocab.h"
#include "svc/platform/audit.h"
#include "svc/directory/directory.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_contact_fields[] = {
	{ "name", CCS_J_STRING, true, 1, 200 },
	{ "title", CCS_J_NULLSTR, false, 0, 200 },
	{ "role", CCS_J_STRING, true, 1, 32 },
	{ "ncpoc_category", CCS_J_NULLSTR, false, 0, 32 },
	{ "state", CCS_J_NULLSTR, false, 0, 2 },
	{ "organisation_id", CCS_J_NULLINT, false, 0, 0 },
	{ "email", CCS_J_NULLSTR, false, 0, 254 },
	{ "phone", CCS_J_NULLSTR, false, 0, 32 },
	{ "availability", CCS_J_NULLSTR, false, 0, 200 },
	{ "key_fingerprint", CCS_J_NULLSTR, false, 0, 80 },
	{ "version", CCS_J_VERSION, false, 0, 0 },
};
const size_t ccs_contact_nfields = sizeof(ccs_contact_fields) /
    sizeof(ccs_contact_fields[0]);

const struct ccs_jfield ccs_org_fields[] = {
	{ "name", CCS_J_STRING, true, 2, 200 },
	{ "acronym", CCS_J_NULLSTR, false, 0, 60 },
	{ "kind", CCS_J_STRING, true, 1, 32 },
	{ "state", CCS_J_NULLSTR, false, 0, 2 },
	{ "parent_id", CCS_J_INT, false, 0, 0 },
	{ "description", CCS_J_NULLSTR, false, 0, 4000 },
	{ "website", CCS_J_NULLSTR, false, 0, 2048 },
};
const size_t ccs_org_nfields = sizeof(ccs_org_fields) /
    sizeof(ccs_org_fields[0]);

#define CONTACT_SELECT "SELECT c.id, c.name, c.title, c.role, " \
	"c.ncpoc_category, c.state_code AS state, c.organisation_id, " \
	"o.name AS organisation, c.email, c.phone, c.availability, " \
	"c.key_fingerprint, c.version, c.created_at, c.updated_at FROM " \
	"contacts c LEFT JOIN organisations o ON o.id = c.organisation_id"

#define ORG_SELECT "SELECT o.id, o.name, o.acronym, o.kind, o.state_code " \
	"AS state, o.parent_id, o.description, o.website FROM organisations o"

static bool
in_list(const char *s, const char *const *list)
{
	for (; *list; list++) {
		if (ccs_streq(s, *list))
			return true;
	}
	return false;
}

static int
deny(struct ccs_fail *f, int rc, const char *what)
{
	if (rc == CCS_EAUTH)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "%s", what);
	return ccs_fail(f, rc, "forbidden", "your role or state does not "
	    "allow you to %s", what);
}

static int
db_fail(struct ccs_fail *f, int rc)
{
	return ccs_fail(f, rc == CCS_EBUSY ? rc : CCS_EDB, "internal",
	    "the directory could not be read or written");
}

static int
check_state(struct ccs_db *db, const char *code, struct ccs_fail *f)
{
	bool known;
	int rc;

	if (!ccs_valid_iso2(code))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code", "state "
		    "'%.8s' is not a two-letter ISO 3166 code such as JM", code);
	rc = ccs_state_exists(db, code, &known);
	if (rc != CCS_OK)
		return db_fail(f, rc);
	if (!known)
		return ccs_fail(f, CCS_ENOTFOUND, "unknown_state", "state '%s' "
		    "is not in the directory", code);
	return CCS_OK;
}

int
ccs_dir_state(struct ccs_db *db, const struct ccs_principal *p,
    const char *code, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VTEXT(code);
	json_t *st = NULL, *contacts = NULL, *orgs = NULL;
	int64_t n;
	int rc;

	*out = NULL;
	if (!ccs_valid_iso2(code))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code", "'%.8s' is "
		    "not a two-letter ISO 3166 code such as JM", code);
	rc = ccs_db_query_one(db, "SELECT code, name, status, cctld FROM states "
	    "WHERE code = $1", &v, 1, &st);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "unknown_state", "state '%s' is not in "
		    "the directory", code);
	if (rc != CCS_OK)
		return db_fail(f, rc);
	if (ccs_policy_check(p, CCS_ACT_CONTACT_READ, code) == CCS_OK) {
		rc = ccs_db_query_json(db, CONTACT_SELECT " WHERE c.state_code = "
		    "$1 ORDER BY c.role, c.name", &v, 1, &contacts);
		if (rc == CCS_OK)
			rc = ccs_db_query_json(db, ORG_SELECT " WHERE "
			    "o.state_code = $1 ORDER BY o.name", &v, 1, &orgs);
		if (rc != CCS_OK)
			goto fail;
		n = 0;
		{
			size_t i;
			json_t *c;

			json_array_foreach(contacts, i, c) {
				if (ccs_streq(json_string_value(json_object_get(
				    c, "role")), "ncpoc"))
					n++;
			}
		}
		json_object_set_new(st, "ncpoc_count", json_integer(n));
		json_object_set_new(st, "ncpoc_gap", json_boolean(
		    n < CCS_NCPOCS_PER_STATE));
		json_object_set_new(st, "contacts", contacts);
		json_object_set_new(st, "organisations", orgs);
	}
	*out = st;
	return CCS_OK;
fail:
	json_decref(st);
	json_decref(contacts);
	json_decref(orgs);
	return db_fail(f, rc);
}

int
ccs_dir_org(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *o = NULL, *seats = NULL, *contacts = NULL;
	const char *kind;
	int rc;

	*out = NULL;
	rc = ccs_db_query_one(db, ORG_SELECT " WHERE o.id = $1", &v, 1, &o);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no organisation %lld",
		    (long long)id);
	if (rc != CCS_OK)
		return db_fail(f, rc);
	kind = json_string_value(json_object_get(o, "kind"));
	if (!in_list(kind, (const char *const[]){ "governance_body",
	    "regional_agency", "international_partner", "academic", NULL }) &&
	    ccs_policy_check(p, CCS_ACT_ORG_READ_ALL, NULL) != CCS_OK) {
		json_decref(o);
		/* Same answer as a missing record: existence is not public. */
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no organisation "
		    "%lld", (long long)id);
	}
	rc = ccs_db_query_json(db, "SELECT b.seat, b.member_id, m.name AS "
	    "member, m.acronym AS member_acronym, b.note FROM body_seats b LEFT "
	    "JOIN organisations m ON m.id = b.member_id WHERE b.body_id = $1 "
	    "ORDER BY b.seat", &v, 1, &seats);
	if (rc != CCS_OK)
		goto fail;
	json_object_set_new(o, "seats", seats);
	if (ccs_policy_check(p, CCS_ACT_CONTACT_READ, NULL) == CCS_OK) {
		rc = ccs_db_query_json(db, CONTACT_SELECT " WHERE "
		    "c.organisation_id = $1 ORDER BY c.name", &v, 1, &contacts);
		if (rc != CCS_OK)
			goto fail;
		json_object_set_new(o, "contacts", contacts);
	}
	*out = o;
	return CCS_OK;
fail:
	json_decref(o);
	return db_fail(f, rc);
}

static int
check_org_ref(struct ccs_db *db, const json_t *idv, const char *field,
    struct ccs_fail *f)
{
	struct ccs_val v;
	int64_t n = 0;
	int rc;

	if (idv == NULL || json_is_null(idv))
		return CCS_OK;
	v = CCS_VINT(json_integer_value(idv));
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM organisations WHERE "
	    "id = $1", &v, 1, &n);
	if (rc != CCS_OK)
		return db_fail(f, rc);
	if (n == 0)
		return ccs_fail(f, CCS_EINVAL, "unknown_organisation", "%s %lld "
		    "is not in the directory", field, (long long)v.i);
	return CCS_OK;
}

int
ccs_dir_org_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	const char *kind = ccs_jstr(body, "kind");
	const char *state = ccs_jstr(body, "state");
	const char *web = ccs_jstr(body, "website");
	const char *name = ccs_jstr(body, "name");
	const json_t *parent = json_object_get(body, "parent_id");
	int64_t id;
	int rc;

	*out = NULL;
	if (!ccs_vocab_has(&ccs_org_kinds, kind))
		return ccs_fail(f, CCS_EINVAL, "invalid_kind", "kind must be one "
		    "of governance_body, regional_agency, international_partner, "
		    "national_body, private_sector, academic, other");
	if (state != NULL) {
		rc = check_state(db, state, f);
		if (rc == CCS_ENOTFOUND)
			f->rc = rc = CCS_EINVAL;
		if (rc != CCS_OK)
			return rc;
	}
	if (ccs_streq(kind, "national_body") && state == NULL)
		return ccs_fail(f, CCS_EINVAL, "state_required", "a national "
		    "body needs a state");
	rc = ccs_policy_check(p, CCS_ACT_ORG_WRITE, state);
	if (rc == CCS_OK && p->state[0] != '\0' && !ccs_streq(kind,
	    "national_body") && !ccs_streq(kind, "private_sector"))
		rc = CCS_EPERM;
	if (rc != CCS_OK)
		return deny(f, rc, "add this organisation");
	if (web != NULL && !ccs_valid_url(web))
		return ccs_fail(f, CCS_EINVAL, "invalid_url", "website must be "
		    "an http(s) address");
	rc = check_org_ref(db, json_object_get(body, "parent_id"), "parent_id",
	    f);
	if (rc != CCS_OK)
		return rc;
	const struct ccs_named np[] = {
		CCS_NAMED("name", CCS_VTEXT(name)),
		CCS_NAMED("acronym", CCS_VTEXT(ccs_jstr(body, "acronym"))),
		CCS_NAMED("kind", CCS_VTEXT(kind)),
		CCS_NAMED("state", CCS_VTEXT(state)),
		CCS_NAMED("parent", json_is_integer(parent) ?
		    CCS_VINT(json_integer_value(parent)) : CCS_VNULL),
		CCS_NAMED("descr", CCS_VTEXT(ccs_jstr(body, "description"))),
		CCS_NAMED("web", CCS_VTEXT(web)),
		CCS_NAMED("now", CCS_VINT(now)),
	};

	rc = ccs_db_query_int_named(db, "INSERT INTO organisations (name, "
	    "acronym, kind, state_code, parent_id, description, website, "
	    "created_at, updated_at) VALUES (:name, :acronym, :kind, :state, "
	    ":parent, :descr, :web, :now, :now) RETURNING id", np,
	    CCS_NNAMED(np), &id);
	if (rc == CCS_ECONFLICT)
		return ccs_fail(f, rc, "duplicate_organisation", "an "
		    "organisation named '%.100s' already exists", name);
	if (rc != CCS_OK)
		return db_fail(f, rc);
	rc = ccs_audit_record(db, p, "organisation.create", "organisation", id,
	    body, now);
	if (rc != CCS_OK)
		return db_fail(f, rc);
	return ccs_dir_org(db, p, id, out, f);
}

static int
contact_load(struct ccs_db *db, int64_t id, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	int rc;

	rc = ccs_db_query_one(db, CONTACT_SELECT " WHERE c.id = $1", &v, 1,
	    out);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no contact %lld",
		    (long long)id);
	if (rc != CCS_OK)
		return db_fail(f, rc);
	return CCS_OK;
}

int
ccs_dir_contact(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    json_t **out, struct ccs_fail *f)
{
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CONTACT_READ, NULL);
	if (rc != CCS_OK)
		return deny(f, rc, "see contact details");
	return contact_load(db, id, out, f);
}

/*
 * Validates the merged contact @p c (the stored record with the request's
 * fields applied) and the two-NCPOC rule. @p self_id is the contact being
 * changed (0 when creating), so it does not count against its own state.
 */
static int
contact_validate(struct ccs_db *db, const json_t *c, int64_t self_id,
    struct ccs_fail *f)
{
	const char *role = ccs_jstr(c, "role");
	const char *cat = ccs_jstr(c, "ncpoc_category");
	const char *state = ccs_jstr(c, "state"), *s;
	struct ccs_val v[2];
	int64_t n = 0;
	int rc;

	if (!ccs_text_ok(ccs_jstr(c, "name")) || ccs_jstr(c, "name")[0] == '\0')
		return ccs_fail(f, CCS_EINVAL, "invalid_name", "name is required");
	if (!ccs_vocab_has(&ccs_contact_roles, role))
		return ccs_fail(f, CCS_EINVAL, "invalid_role", "role must be one "
		    "of ncpoc, e_evidence_24x7, cert_duty, steering_member");
	if (ccs_streq(role, "ncpoc") &&
	    !ccs_vocab_has(&ccs_ncpoc_categories, cat))
		return ccs_fail(f, CCS_EINVAL, "invalid_ncpoc_category", "an "
		    "NCPOC needs ncpoc_category: law_enforcement, ict_ministry, "
		    "parliamentary, judiciary or other");
	if (!ccs_streq(role, "ncpoc") && cat != NULL)
		return ccs_fail(f, CCS_EINVAL, "invalid_ncpoc_category",
		    "ncpoc_category applies to NCPOCs only");
	if (state == NULL && !ccs_streq(role, "steering_member"))
		return ccs_fail(f, CCS_EINVAL, "state_required", "a %s contact "
		    "needs a state", role);
	if (state != NULL) {
		rc = check_state(db, state, f);
		if (rc == CCS_ENOTFOUND) {
			f->rc = CCS_EINVAL;
			return CCS_EINVAL;
		}
		if (rc != CCS_OK)
			return rc;
	}
	s = ccs_jstr(c, "email");
	if (s != NULL && !ccs_valid_email(s))
		return ccs_fail(f, CCS_EINVAL, "invalid_email", "email '%.80s' "
		    "is not a valid address", s);
	s = ccs_jstr(c, "phone");
	if (s != NULL && !ccs_valid_phone(s))
		return ccs_fail(f, CCS_EINVAL, "invalid_phone", "phone may hold "
		    "+, digits, spaces, dashes and parentheses (5-32 characters)");
	s = ccs_jstr(c, "key_fingerprint");
	if (s != NULL && !ccs_valid_fingerprint(s))
		return ccs_fail(f, CCS_EINVAL, "invalid_fingerprint",
		    "key_fingerprint must be 40 or 64 hexadecimal digits");
	if (ccs_streq(role, "e_evidence_24x7") &&
	    ccs_jstr(c, "phone") == NULL &&
	    ccs_jstr(c, "email") == NULL)
		return ccs_fail(f, CCS_EINVAL, "channel_required", "a 24/7 "
		    "contact needs a phone number or an e-mail address");
	rc = check_org_ref(db, json_object_get(c, "organisation_id"),
	    "organisation_id", f);
	if (rc != CCS_OK)
		return rc;
	if (!ccs_streq(role, "ncpoc"))
		return CCS_OK;
	v[0] = CCS_VTEXT(state);
	v[1] = CCS_VINT(self_id);
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM contacts WHERE "
	    "state_code = $1 AND role = 'ncpoc' AND id <> $2", v, 2, &n);
	if (rc != CCS_OK)
		return db_fail(f, rc);
	if (n >= CCS_NCPOCS_PER_STATE)
		return ccs_fail(f, CCS_ECONFLICT, "ncpoc_limit_reached", "%s "
		    "already has %d NCPOCs; the plan provides for two per state. "
		    "Remove or change one first", state, CCS_NCPOCS_PER_STATE);
	return CCS_OK;
}

static int
contact_write(struct ccs_db *db, const json_t *c, int64_t id, int64_t now,
    int64_t *out_id)
{
	const json_t *org = json_object_get(c, "organisation_id");
	const struct ccs_named np[] = {
		CCS_NAMED("name", CCS_VTEXT(ccs_jstr(c, "name"))),
		CCS_NAMED("title", CCS_VTEXT(ccs_jstr(c, "title"))),
		CCS_NAMED("role", CCS_VTEXT(ccs_jstr(c, "role"))),
		CCS_NAMED("cat", CCS_VTEXT(ccs_jstr(c, "ncpoc_category"))),
		CCS_NAMED("state", CCS_VTEXT(ccs_jstr(c, "state"))),
		CCS_NAMED("org", json_is_integer(org) ?
		    CCS_VINT(json_integer_value(org)) : CCS_VNULL),
		CCS_NAMED("email", CCS_VTEXT(ccs_jstr(c, "email"))),
		CCS_NAMED("phone", CCS_VTEXT(ccs_jstr(c, "phone"))),
		CCS_NAMED("avail", CCS_VTEXT(ccs_jstr(c, "availability"))),
		CCS_NAMED("key", CCS_VTEXT(ccs_jstr(c, "key_fingerprint"))),
		CCS_NAMED("now", CCS_VINT(now)),
		CCS_NAMED("id", CCS_VINT(id)),	/* last: the UPDATE's only */
	};

	if (id == 0)
		return ccs_db_query_int_named(db, "INSERT INTO contacts (name, "
		    "title, role, ncpoc_category, state_code, organisation_id, "
		    "email, phone, availability, key_fingerprint, created_at, "
		    "updated_at) VALUES (:name, :title, :role, :cat, :state, "
		    ":org, :email, :phone, :avail, :key, :now, :now) RETURNING "
		    "id", np, CCS_NNAMED(np) - 1, out_id);
	*out_id = id;
	return ccs_db_exec_named(db, "UPDATE contacts SET name = :name, "
	    "title = :title, role = :role, ncpoc_category = :cat, state_code = "
	    ":state, organisation_id = :org, email = :email, phone = :phone, "
	    "availability = :avail, key_fingerprint = :key, updated_at = :now, "
	    "version = version + 1 WHERE id = :id", np, CCS_NNAMED(np), NULL,
	    NULL);
}

static int
contact_audit(struct ccs_db *db, const struct ccs_principal *p,
    const char *action, int64_t id, const json_t *change, int64_t now,
    struct ccs_fail *f)
{
	int rc;

	rc = ccs_audit_record(db, p, action, "contact", id, change, now);
	return rc == CCS_OK ? CCS_OK : db_fail(f, rc);
}

int
ccs_dir_contact_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	int64_t id = 0;
	json_t *c;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CONTACT_WRITE,
	    ccs_jstr(body, "state"));
	if (rc != CCS_OK)
		return deny(f, rc, "add contacts for this state");
	/* the router refuses it first (CCS_J_VERSION, 400); this is for
	 * callers that do not come through it */
	if (json_object_get(body, "version") != NULL)
		return ccs_fail(f, CCS_EINVAL, "unknown_field", "field "
		    "'version' is set by the server when the record is made");
	c = json_deep_copy(body);
	if (c == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	rc = contact_validate(db, c, 0, f);
	if (rc == CCS_OK) {
		rc = contact_write(db, c, 0, now, &id);
		if (rc != CCS_OK)
			rc = db_fail(f, rc);
	}
	if (rc == CCS_OK)
		rc = contact_audit(db, p, "contact.create", id, c, now, f);
	json_decref(c);
	if (rc != CCS_OK)
		return rc;
	return contact_load(db, id, out, f);
}

int
ccs_dir_contact_update(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	json_t *cur = NULL, *ver;
	const char *key;
	json_t *val;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CONTACT_READ, NULL);
	if (rc != CCS_OK)
		return deny(f, rc, "change contacts");
	rc = contact_load(db, id, &cur, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_policy_check(p, CCS_ACT_CONTACT_WRITE, ccs_jstr(cur, "state"));
	if (rc != CCS_OK) {
		rc = deny(f, rc, "change this contact");
		goto out;
	}
	ver = json_object_get(body, "version");
	if (ver == NULL) {
		rc = ccs_fail(f, CCS_EINVAL, "version_required", "send the "
		    "contact's current 'version' so a change made meanwhile by "
		    "someone else is not overwritten");
		goto out;
	}
	if (json_integer_value(ver) != json_integer_value(
	    json_object_get(cur, "version"))) {
		rc = ccs_fail(f, CCS_ECONFLICT, "version_conflict", "someone "
		    "else changed this contact (now version %lld); reload it "
		    "and apply your change again",
		    (long long)json_integer_value(json_object_get(cur,
		    "version")));
		goto out;
	}
	json_object_foreach((json_t *)body, key, val) {
		if (strcmp(key, "version") != 0)
			json_object_set(cur, key, val);
	}
	/* A role change away from NCPOC drops the category with it. */
	if (!ccs_streq(ccs_jstr(cur, "role"), "ncpoc") &&
	    json_object_get(body, "ncpoc_category") == NULL)
		json_object_set_new(cur, "ncpoc_category", json_null());
	rc = ccs_policy_check(p, CCS_ACT_CONTACT_WRITE, ccs_jstr(cur, "state"));
	if (rc != CCS_OK) {
		rc = deny(f, rc, "move this contact to that state");
		goto out;
	}
	rc = contact_validate(db, cur, id, f);
	if (rc != CCS_OK)
		goto out;
	rc = contact_write(db, cur, id, now, &id);
	if (rc != CCS_OK) {
		rc = db_fail(f, rc);
		goto out;
	}
	rc = contact_audit(db, p, "contact.update", id, body, now, f);
	if (rc == CCS_OK)
		rc = contact_load(db, id, out, f);
out:
	json_decref(cur);
	return rc;
}

int
ccs_dir_contact_delete(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, int64_t now, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *cur = NULL;
	int rc;

	rc = ccs_policy_check(p, CCS_ACT_CONTACT_READ, NULL);
	if (rc != CCS_OK)
		return deny(f, rc, "remove contacts");
	rc = contact_load(db, id, &cur, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_policy_check(p, CCS_ACT_CONTACT_WRITE, ccs_jstr(cur, "state"));
	if (rc != CCS_OK) {
		rc = deny(f, rc, "remove this contact");
		goto out;
	}
	rc = ccs_db_exec(db, "DELETE FROM contacts WHERE id = $1", &v, 1, NULL,
	    NULL);
	if (rc != CCS_OK) {
		rc = db_fail(f, rc);
		goto out;
	}
	rc = contact_audit(db, p, "contact.delete", id, cur, now, f);
out:
	json_decref(cur);
	return rc;
}

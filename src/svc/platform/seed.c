/*
 * seed.c: loading the compiled-in data/seed files and the demo data set.
 * The seed goes through the same SQL as the API and is audited as one event
 * per file, with the digest of its content.
 */
#include <string.h>

#include "core/policy.h"
#include "svc/platform/accounts.h"
#include "svc/standards/assessments.h"
#include "svc/platform/audit.h"
#include "svc/directory/directory.h"
#include "svc/platform/seed.h"
#include "util/asset.h"
#include "util/crypto.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

static int
load_asset(const char *name, json_t **out, struct ccs_fail *f)
{
	const struct ccs_asset *a = ccs_asset_find(name);
	json_error_t je;

	*out = NULL;
	if (a == NULL)
		return ccs_fail(f, CCS_ENOTFOUND, "internal", "seed %s missing",
		    name);
	*out = json_loadb((const char *)a->data, a->len, JSON_REJECT_DUPLICATES,
	    &je);
	if (*out == NULL)
		return ccs_fail(f, CCS_EINVAL, "internal", "%s:%d: %s", name,
		    je.line, je.text);
	return CCS_OK;
}

static int
seed_states(struct ccs_db *db, const json_t *doc, struct ccs_fail *f)
{
	const json_t *st;
	struct ccs_val v[5];
	size_t i;
	int rc;

	json_array_foreach(json_object_get(doc, "states"), i, st) {
		v[0] = CCS_VTEXT(json_string_value(json_object_get(st, "code")));
		v[1] = CCS_VTEXT(json_string_value(json_object_get(st, "name")));
		v[2] = CCS_VTEXT(json_string_value(json_object_get(st,
		    "status")));
		v[3] = CCS_VTEXT(json_string_value(json_object_get(st,
		    "cctld")));
		v[4] = json_object_get(st, "sort_name") ? CCS_VTEXT(
		    json_string_value(json_object_get(st, "sort_name"))) : v[1];
		rc = ccs_db_exec(db, "INSERT INTO states (code, name, status, "
		    "cctld, sort_name) VALUES ($1, $2, $3, $4, $5)", v, 5, NULL,
		    NULL);
		if (rc != CCS_OK)
			return ccs_fail(f, rc, "internal", "seed state %zu: %s",
			    i, ccs_db_errmsg(db));
	}
	return CCS_OK;
}

static int
org_id(struct ccs_db *db, const json_t *orgs, const char *key, int64_t *id)
{
	const json_t *o;
	struct ccs_val v;
	size_t i;

	json_array_foreach(orgs, i, o) {
		if (ccs_streq(json_string_value(json_object_get(o, "key")),
		    key)) {
			v = CCS_VTEXT(json_string_value(json_object_get(o,
			    "name")));
			return ccs_db_query_int(db, "SELECT id FROM organisations "
			    "WHERE name = $1", &v, 1, id);
		}
	}
	return CCS_ENOTFOUND;
}

static int
seed_orgs(struct ccs_db *db, const json_t *doc, int64_t now,
    struct ccs_fail *f)
{
	const json_t *orgs = json_object_get(doc, "organisations"), *o, *s;
	struct ccs_val v[4];
	int64_t id, parent, member;
	const char *pk, *mk;
	size_t i, j;
	int rc;

	json_array_foreach(orgs, i, o) {
		pk = json_string_value(json_object_get(o, "parent"));
		if (pk != NULL) {
			rc = org_id(db, orgs, pk, &parent);
			if (rc != CCS_OK)
				return ccs_fail(f, rc, "internal", "seed "
				    "organisation %zu: parent '%s' must come "
				    "first", i, pk);
		}
		const struct ccs_named np[] = {
			CCS_NAMED("name", CCS_VTEXT(json_string_value(
			    json_object_get(o, "name")))),
			CCS_NAMED("acronym", CCS_VTEXT(json_string_value(
			    json_object_get(o, "acronym")))),
			CCS_NAMED("kind", CCS_VTEXT(json_string_value(
			    json_object_get(o, "kind")))),
			CCS_NAMED("state", CCS_VTEXT(json_string_value(
			    json_object_get(o, "state")))),
			CCS_NAMED("descr", CCS_VTEXT(json_string_value(
			    json_object_get(o, "description")))),
			CCS_NAMED("now", CCS_VINT(now)),
			CCS_NAMED("parent",
			    pk != NULL ? CCS_VINT(parent) : CCS_VNULL),
			CCS_NAMED("iati", CCS_VTEXT(json_string_value(
			    json_object_get(o, "iati_ref")))),
		};

		rc = ccs_db_query_int_named(db, "INSERT INTO organisations "
		    "(name, acronym, kind, state_code, description, "
		    "created_at, updated_at, parent_id, iati_ref) VALUES "
		    "(:name, :acronym, :kind, :state, :descr, :now, :now, "
		    ":parent, :iati) RETURNING id", np, CCS_NNAMED(np), &id);
		if (rc != CCS_OK)
			return ccs_fail(f, rc, "internal", "seed organisation "
			    "%zu: %s", i, ccs_db_errmsg(db));
	}
	/* Seats refer to organisations seeded after their body. */
	json_array_foreach(orgs, i, o) {
		json_array_foreach(json_object_get(o, "seats"), j, s) {
			rc = org_id(db, orgs, json_string_value(json_object_get(
			    o, "key")), &id);
			if (rc != CCS_OK)
				return ccs_fail(f, rc, "internal", "seed seats");
			v[0] = CCS_VINT(id);
			v[1] = CCS_VTEXT(json_string_value(json_object_get(s,
			    "seat")));
			v[2] = CCS_VNULL;
			mk = json_string_value(json_object_get(s, "member"));
			if (mk != NULL) {
				rc = org_id(db, orgs, mk, &member);
				if (rc != CCS_OK)
					return ccs_fail(f, rc, "internal",
					    "seed seat member '%s'", mk);
				v[2] = CCS_VINT(member);
			}
			v[3] = CCS_VTEXT(json_string_value(json_object_get(s,
			    "note")));
			rc = ccs_db_exec(db, "INSERT INTO body_seats (body_id, "
			    "seat, member_id, note) VALUES ($1, $2, $3, $4)", v,
			    4, NULL, NULL);
			if (rc != CCS_OK)
				return ccs_fail(f, rc, "internal", "seed seat: "
				    "%s", ccs_db_errmsg(db));
		}
	}
	return CCS_OK;
}

int
ccs_seed_load(struct ccs_db *db, int64_t now, int *loaded, struct ccs_fail *f)
{
	json_t *states = NULL, *orgs = NULL;
	int64_t n = 0;
	int rc;

	*loaded = 0;
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM states", NULL, 0, &n);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "%s", ccs_db_errmsg(db));
	if (n > 0)
		return CCS_OK;
	rc = load_asset("data/seed/states.json", &states, f);
	if (rc == CCS_OK)
		rc = load_asset("data/seed/organisations.json", &orgs, f);
	if (rc == CCS_OK)
		rc = seed_states(db, states, f);
	if (rc == CCS_OK)
		rc = ccs_audit_append(db, "system", "seed.load", "states",
		    "data/seed/states.json", states, now);
	if (rc == CCS_OK)
		rc = seed_orgs(db, orgs, now, f);
	if (rc == CCS_OK)
		rc = ccs_audit_append(db, "system", "seed.load", "organisations",
		    "data/seed/organisations.json", orgs, now);
	if (rc == CCS_OK)
		*loaded = 1;
	else if (f->code == NULL)
		ccs_fail(f, rc, "internal", "seed: %s", ccs_db_errmsg(db));
	json_decref(states);
	json_decref(orgs);
	return rc;
}

/*
 * Demo people are fictitious: names from a fixed list, addresses under the
 * reserved example.org domain, numbers in the 555 range. Some states are
 * left with fewer than two NCPOCs so the gap view has something to show.
 */
static const char *const demo_given[] = {
	"Alicia", "Brandon", "Camille", "Desmond", "Esther", "Fitzroy",
	"Gillian", "Horace", "Imani", "Jerome", "Kezia", "Lennox"
};
static const char *const demo_family[] = {
	"Baptiste", "Charles", "Douglas", "Edwards", "Francis", "Gordon",
	"Henry", "James", "Joseph", "Lewis", "Mitchell", "Noel"
};
static const char *const demo_cats[] = {
	"law_enforcement", "ict_ministry", "judiciary", "parliamentary"
};

static int
demo_contact(struct ccs_db *db, const struct ccs_principal *sys,
    const char *state, const char *role, const char *cat, unsigned n,
    int64_t now, struct ccs_fail *f)
{
	char name[80], email[120], phone[40], lower[3];
	json_t *body, *out = NULL;
	int rc;

	lower[0] = (char)(state[0] - 'A' + 'a');
	lower[1] = (char)(state[1] - 'A' + 'a');
	lower[2] = '\0';
	if (ccs_snprintf(name, sizeof(name), "%s %s", demo_given[n % 12],
	    demo_family[(n / 12 + n * 7) % 12]) != CCS_OK ||
	    ccs_snprintf(email, sizeof(email), "%s.%u@%s.example.org", role, n,
	    lower) != CCS_OK ||
	    ccs_snprintf(phone, sizeof(phone), "+1 555 %03u %04u", n % 1000,
	    (n * 37) % 10000) != CCS_OK)
		return ccs_fail(f, CCS_EINVAL, "internal", "demo name");
	body = json_pack("{s:s, s:s, s:s?, s:s, s:s, s:s, s:s}", "name", name,
	    "role", role, "ncpoc_category", cat, "state", state, "email", email,
	    "phone", phone, "availability", ccs_streq(role, "ncpoc") ?
	    "Office hours" : "24/7");
	if (body == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	rc = ccs_dir_contact_create(db, sys, body, now, &out, f);
	json_decref(body);
	json_decref(out);
	return rc;
}

static const struct {
	const char *login, *name, *role, *state;
} demo_users[] = {
	{ "admin", "Platform administrator", "admin", NULL },
	{ "coordinator", "IMPACS coordinator (demo)", "coordinator", NULL },
	{ "analyst", "RIFC analyst (demo)", "rifc_analyst", NULL },
	{ "ncpoc.jm", "Jamaica NCPOC (demo)", "ncpoc", "JM" },
	{ "cert.bb", "Barbados CERT (demo)", "cert", "BB" },
	{ "steering", "Steering Committee member (demo)", "steering", NULL },
	{ "partner", "Partner agency (demo)", "partner", NULL },
};

int
ccs_seed_demo(struct ccs_db *db, const unsigned char *key, int64_t now,
    FILE *creds, struct ccs_fail *f)
{
	struct ccs_principal sys;
	struct ccs_user_spec u;
	json_t *states = NULL, *st;
	char pw[CCS_TOKEN_LEN], totp[CCS_TOTP_B32_LEN];
	const char *code;
	unsigned n = 0;
	int64_t id;
	size_t i;
	int rc;

	memset(&sys, 0, sizeof(sys));
	sys.system = true;
	(void)ccs_strlcpy(sys.login, "system", sizeof(sys.login));
	rc = ccs_db_query_json(db, "SELECT code FROM states ORDER BY code", NULL,
	    0, &states);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "%s", ccs_db_errmsg(db));
	json_array_foreach(states, i, st) {
		code = json_string_value(json_object_get(st, "code"));
		/* Every 4th state has one NCPOC, every 7th none: gaps. */
		if (i % 7 != 3)
			rc = demo_contact(db, &sys, code, "ncpoc",
			    demo_cats[i % 4], n++, now, f);
		if (rc == CCS_OK && i % 4 != 1 && i % 7 != 3)
			rc = demo_contact(db, &sys, code, "ncpoc",
			    demo_cats[(i + 1) % 4], n++, now, f);
		if (rc == CCS_OK && i % 3 != 2)
			rc = demo_contact(db, &sys, code, "e_evidence_24x7",
			    NULL, n++, now, f);
		if (rc == CCS_OK && i % 2 == 0)
			rc = demo_contact(db, &sys, code, "cert_duty", NULL,
			    n++, now, f);
		if (rc != CCS_OK)
			goto out;
	}
	fprintf(creds, "Demo accounts (random passwords, made by 'ccscap init "
	    "--demo'):\n\n");
	for (i = 0; i < sizeof(demo_users) / sizeof(demo_users[0]); i++) {
		ccs_token_new(pw);
		pw[16] = '\0';
		totp[0] = '\0';
		u.login = demo_users[i].login;
		u.display_name = demo_users[i].name;
		u.role = demo_users[i].role;
		u.state = demo_users[i].state;
		u.password = pw;
		u.org_id = 0;
		rc = ccs_user_add(db, key, &sys, &u, now, &id, totp, f);
		if (rc != CCS_OK)
			goto out;
		fprintf(creds, "  %-12s password %s  role %s%s%s\n", u.login, pw,
		    u.role, u.state ? " " : "", u.state ? u.state : "");
		if (totp[0] != '\0')
			fprintf(creds, "  %-12s one-time code secret %s\n"
			    "  %-12s (add it to an authenticator app, or run: "
			    "oathtool --totp -b %s)\n", "", totp, "", totp);
		ccs_wipe(pw, sizeof(pw));
	}
out:
	json_decref(states);
	return rc;
}

/*
 * Demo status records: for every state and standard, a deterministic mix of
 * levels at three review dates, most validated by the RIFC and a few left
 * pending so the validation queue has work. Submitted by a fictitious desk
 * reviewer and validated by the system, through the same service calls as
 * the API (so every record is audited).
 */
static const char *const demo_dates[] = { "2019-06-30", "2022-06-30",
	"2025-06-30" };

int
ccs_seed_demo_assessments(struct ccs_db *db, int64_t now, struct ccs_fail *f)
{
	struct ccs_principal desk, sys;
	json_t *stds = NULL, *states = NULL, *st, *sd, *body, *out;
	const char *code;
	size_t i, j, d;
	int64_t nlev, id;
	unsigned h, lvl, prev;
	int rc = CCS_OK;

	memset(&desk, 0, sizeof(desk));
	desk.system = true;
	(void)ccs_strlcpy(desk.login, "demo.desk-review", sizeof(desk.login));
	memset(&sys, 0, sizeof(sys));
	sys.system = true;
	sys.role = CCS_ROLE_RIFC_ANALYST;
	(void)ccs_strlcpy(sys.login, "system", sizeof(sys.login));
	rc = ccs_db_query_json(db, "SELECT code FROM states ORDER BY code", NULL,
	    0, &states);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT s.code, s.nlevels FROM "
		    "standards s JOIN framework_versions v ON v.id = s.version_id "
		    "WHERE v.version = (SELECT MAX(version) FROM "
		    "framework_versions) ORDER BY s.ord", NULL, 0, &stds);
	if (rc != CCS_OK) {
		rc = ccs_fail(f, rc, "internal", "%s", ccs_db_errmsg(db));
		goto out;
	}
	json_array_foreach(states, i, st) {
		code = json_string_value(json_object_get(st, "code"));
		json_array_foreach(stds, j, sd) {
			nlev = json_integer_value(json_object_get(sd, "nlevels"));
			prev = 0;
			for (d = 0; d < 3; d++) {
				h = (unsigned)(i * 7919u + j * 104729u + d * 31u);
				h ^= h >> 7;
				h *= 2654435761u;
				h ^= h >> 13;
				/* Mostly progress, never past the top. */
				lvl = prev + (h % 3 == 0 ? 1u : 0u) +
				    (d == 0 ? h % 2u : 0u);
				if (lvl >= (unsigned)nlev)
					lvl = (unsigned)nlev - 1;
				if (h % 11 == 0 && d > 0)
					continue;	/* no review that year */
				prev = lvl;
				body = json_pack("{s:s, s:s, s:s, s:i, s:s, s:s}",
				    "state", code, "standard", json_string_value(
				    json_object_get(sd, "code")), "as_of",
				    demo_dates[d], "level", (int)lvl, "source",
				    d == 0 ? "comsec_2014" :
				    d == 1 ? "ncpoc_feedback" : "review_meeting",
				    "evidence", "Demo record (fictitious).");
				out = NULL;
				rc = ccs_assess_submit(db, &desk, body, now, &out,
				    f);
				json_decref(body);
				if (rc != CCS_OK)
					goto out;
				id = json_integer_value(json_object_get(out,
				    "id"));
				json_decref(out);
				if (d == 2 && h % 5 == 0)
					continue;	/* left pending */
				rc = ccs_assess_review(db, &sys, id, true, NULL,
				    now, f);
				if (rc != CCS_OK)
					goto out;
			}
		}
	}
out:
	json_decref(states);
	json_decref(stds);
	return rc;
}

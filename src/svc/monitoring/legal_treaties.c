/*
 * legal_treaties.c: the treaty track of each state (see
 * legal_treaties.h). One row per state and treaty, written whole
 * (delete and insert in the request's transaction) after the merged
 * track passes the checks of core/monitoring/legal.c.
 */
#include <string.h>

#include "core/monitoring/legal.h"
#include "core/validate.h"
#include "svc/monitoring/legal_treaties.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_legal_treaty_fields[] = {
	{ "status", CCS_J_STRING, false, 1, 32 },
	{ "requested_on", CCS_J_NULLSTR, false, 0, 10 },
	{ "invited_on", CCS_J_NULLSTR, false, 0, 10 },
	{ "invitation_expires", CCS_J_NULLSTR, false, 0, 10 },
	{ "signed_on", CCS_J_NULLSTR, false, 0, 10 },
	{ "party_on", CCS_J_NULLSTR, false, 0, 10 },
	{ "poc_designated", CCS_J_BOOL, false, 0, 0 },
	{ "poc_on", CCS_J_NULLSTR, false, 0, 10 },
	{ "verified", CCS_J_BOOL, false, 0, 0 },
	{ "source_url", CCS_J_NULLSTR, false, 0, 2000 },
	{ "notes", CCS_J_NULLSTR, false, 0, 5000 },
};
const size_t ccs_legal_treaty_nfields = sizeof(ccs_legal_treaty_fields) /
    sizeof(ccs_legal_treaty_fields[0]);

#define TRACK_COLS "t.status, t.requested_on, t.invited_on, " \
	"t.invitation_expires, t.signed_on, t.party_on, t.poc_designated, " \
	"t.poc_on, t.verified, t.source_url, t.notes, t.updated_by, " \
	"t.updated_at"

static const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* Fills the defaults, booleans and names of track @p r (in place). */
static int
decorate(json_t *r)
{
	const struct ccs_word *w;
	const char *st;

	if (json_is_null(json_object_get(r, "status")) &&
	    json_object_set_new(r, "status", json_string("not_engaged")) != 0)
		return CCS_ENOMEM;
	st = jstr(r, "status");
	w = ccs_vocab_word(&ccs_legal_treaty_statuses, st);
	if (json_object_set_new(r, "status_name", json_string(w ? w->name :
	    st)) != 0)
		return CCS_ENOMEM;
	w = ccs_vocab_word(&ccs_legal_treaties, jstr(r, "treaty"));
	if (json_object_set_new(r, "treaty_name", json_string(w ? w->name :
	    "")) != 0 ||
	    json_object_set_new(r, "poc_designated", json_boolean(
	    json_integer_value(json_object_get(r, "poc_designated")) != 0)) !=
	    0 || json_object_set_new(r, "verified", json_boolean(
	    json_integer_value(json_object_get(r, "verified")) != 0)) != 0)
		return CCS_ENOMEM;
	return CCS_OK;
}

/* The tracks of @p state (NULL: all) and @p treaty (NULL: both). New. */
static int
load(struct ccs_db *db, const char *state, const char *treaty, json_t **out)
{
	struct ccs_val v[2];
	json_t *r;
	size_t i;
	int rc;

	v[0] = CCS_VTEXT(state);
	v[1] = CCS_VTEXT(treaty);
	*out = NULL;
	rc = ccs_db_query_json(db, "SELECT s.code AS state, s.name AS "
	    "state_name, k.treaty, " TRACK_COLS " FROM states s CROSS JOIN "
	    "(SELECT 'budapest' AS treaty UNION ALL SELECT 'sap') k LEFT JOIN "
	    "legal_treaties t ON t.state_code = s.code AND t.treaty = "
	    "k.treaty WHERE (CAST($1 AS TEXT) IS NULL OR s.code = $1) AND "
	    "(CAST($2 AS TEXT) IS NULL OR k.treaty = $2) ORDER BY "
	    "s.sort_name, s.code, k.treaty", v, 2, out);
	json_array_foreach(*out, i, r) {
		if (rc == CCS_OK)
			rc = decorate(r);
	}
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int
ccs_legal_treaty_list(struct ccs_db *db, const struct ccs_principal *p,
    const char *state, json_t **out, struct ccs_fail *f)
{
	json_t *items = NULL;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_LEGAL_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "see the legal tracker");
	if (state != NULL) {
		rc = ccs_state_known(db, state, "state", f);
		if (rc != CCS_OK)
			return rc;
	}
	rc = load(db, state, NULL, &items);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	*out = json_pack("{s:O, s:I, s:I, s:n}", "items", items, "count",
	    (json_int_t)json_array_size(items), "total",
	    (json_int_t)json_array_size(items), "next_cursor");
	json_decref(items);
	return *out ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal", "out of "
	    "memory");
}

/* A date member of @p m, NULL when absent or null. */
static const char *
date_of(const json_t *m, const char *k)
{
	return jstr(m, k);
}

/* Checks and stores merged track @p m of @p state and @p treaty. */
static int
put(struct ccs_db *db, const struct ccs_principal *p, const char *state,
    const char *treaty, json_t *m, int64_t now, struct ccs_fail *f)
{
	struct ccs_legal_track t;
	const char *code, *field, *url = jstr(m, "source_url");
	char expiry[11];
	int rc;

	if (!json_is_string(json_object_get(m, "invitation_expires")) &&
	    ccs_legal_invitation_expiry(jstr(m, "invited_on"), expiry) &&
	    json_object_set_new(m, "invitation_expires",
	    json_string(expiry)) != 0)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	memset(&t, 0, sizeof(t));
	t.status = jstr(m, "status");
	t.requested_on = date_of(m, "requested_on");
	t.invited_on = date_of(m, "invited_on");
	t.invitation_expires = date_of(m, "invitation_expires");
	t.signed_on = date_of(m, "signed_on");
	t.party_on = date_of(m, "party_on");
	t.poc_on = date_of(m, "poc_on");
	t.poc_designated = json_is_true(json_object_get(m, "poc_designated"));
	code = ccs_legal_track_check(&t, &field);
	if (code != NULL)
		return ccs_fail(f, CCS_EINVAL, code, "%s %s", field,
		    ccs_streq(code, "invalid_status") ? "must be not_engaged, "
		    "invitation_requested, invited, signed, ratified or "
		    "acceded" : ccs_streq(code, "invalid_date") ? "must be "
		    "YYYY, YYYY-MM or YYYY-MM-DD" : ccs_streq(code,
		    "invalid_date_order") ? "is out of order: requested, "
		    "invited, signed, then ratified or acceded, and the "
		    "invitation expires after it is made" : "is given, but "
		    "the 24/7 point of contact is not marked designated");
	if (url != NULL && !ccs_valid_url(url))
		return ccs_fail(f, CCS_EINVAL, "invalid_url", "source_url must "
		    "be an http(s) URL");
	{
		struct ccs_val dv[2] = { CCS_VTEXT(state), CCS_VTEXT(treaty) };
		struct ccs_named nv[] = {
			CCS_NAMED("state", CCS_VTEXT(state)),
			CCS_NAMED("treaty", CCS_VTEXT(treaty)),
			CCS_NAMED("status", CCS_VTEXT(t.status)),
			CCS_NAMED("req", CCS_VTEXT(t.requested_on)),
			CCS_NAMED("inv", CCS_VTEXT(t.invited_on)),
			CCS_NAMED("exp", CCS_VTEXT(t.invitation_expires)),
			CCS_NAMED("sig", CCS_VTEXT(t.signed_on)),
			CCS_NAMED("party", CCS_VTEXT(t.party_on)),
			CCS_NAMED("poc", CCS_VINT(t.poc_designated ? 1 : 0)),
			CCS_NAMED("poc_on", CCS_VTEXT(t.poc_on)),
			CCS_NAMED("ver", CCS_VINT(json_is_true(
			    json_object_get(m, "verified")) ? 1 : 0)),
			CCS_NAMED("url", CCS_VTEXT(url)),
			CCS_NAMED("notes", CCS_VTEXT(jstr(m, "notes"))),
			CCS_NAMED("by", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_exec(db, "DELETE FROM legal_treaties WHERE "
		    "state_code = $1 AND treaty = $2", dv, 2, NULL, NULL);
		if (rc == CCS_OK)
			rc = ccs_db_exec_named(db, "INSERT INTO legal_treaties "
			    "(state_code, treaty, status, requested_on, "
			    "invited_on, invitation_expires, signed_on, "
			    "party_on, poc_designated, poc_on, verified, "
			    "source_url, notes, updated_by, updated_at) VALUES "
			    "(:state, :treaty, :status, :req, :inv, :exp, "
			    ":sig, :party, :poc, :poc_on, :ver, :url, :notes, "
			    ":by, :now)", nv, CCS_NNAMED(nv), NULL, NULL);
	}
	if (rc == CCS_OK)
		rc = ccs_audit_recordf(db, p, "legal_treaty.update",
		    "legal_treaty", m, now, "%s/%s", state, treaty);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

/* The stored track as a body to merge onto (new). */
static json_t *
as_body(const json_t *cur)
{
	static const char *const keep[] = { "status", "requested_on",
		"invited_on", "invitation_expires", "signed_on", "party_on",
		"poc_designated", "poc_on", "verified", "source_url", "notes" };
	json_t *m = json_object();
	size_t i;

	for (i = 0; m != NULL && i < sizeof(keep) / sizeof(keep[0]); i++) {
		if (json_object_set(m, keep[i], json_object_get(cur,
		    keep[i])) != 0) {
			json_decref(m);
			m = NULL;
		}
	}
	return m;
}

int
ccs_legal_treaty_update(struct ccs_db *db, const struct ccs_principal *p,
    const char *state, const char *treaty, const json_t *body, int64_t now,
    json_t **out, struct ccs_fail *f)
{
	json_t *cur = NULL, *m = NULL;
	bool known = false;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_LEGAL_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "record treaty tracks");
	if (!ccs_valid_iso2(state))
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no state %.8s",
		    state);
	rc = ccs_state_exists(db, state, &known);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (!known)
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no state %s",
		    state);
	if (!ccs_vocab_has(&ccs_legal_treaties, treaty))
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no treaty "
		    "%.20s: use budapest or sap", treaty);
	rc = ccs_policy_check(p, CCS_ACT_LEGAL_WRITE, state);
	if (rc != CCS_OK && p->state[0] != '\0')
		return ccs_fail(f, rc, "forbidden", "state: you record the "
		    "treaty track of %s only", p->state);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "forbidden", "only coordinators and a "
		    "state's NCPOC record treaty tracks");
	rc = load(db, state, treaty, &cur);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	m = as_body(json_array_get(cur, 0));
	if (m == NULL || json_object_update(m, (json_t *)body) != 0) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	rc = put(db, p, state, treaty, m, now, f);
	json_decref(cur);
	cur = NULL;
	if (rc == CCS_OK)
		rc = load(db, state, treaty, &cur);
	if (rc == CCS_OK) {
		*out = json_incref(json_array_get(cur, 0));
		if (*out == NULL)
			rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of "
			    "memory");
	}
out:
	json_decref(cur);
	json_decref(m);
	return rc;
}

int
ccs_legal_treaty_seed(struct ccs_db *db, const json_t *t, int64_t now,
    int *added, struct ccs_fail *f)
{
	struct ccs_principal sys;
	struct ccs_val v[2];
	json_t *m;
	int64_t n = 0;
	int rc;

	*added = 0;
	memset(&sys, 0, sizeof(sys));
	sys.system = true;
	v[0] = CCS_VTEXT(jstr(t, "state"));
	v[1] = CCS_VTEXT(jstr(t, "treaty"));
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM legal_treaties WHERE "
	    "state_code = $1 AND treaty = $2", v, 2, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (n > 0)
		return CCS_OK;
	m = json_deep_copy(t);
	if (m == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	json_object_del(m, "state");
	json_object_del(m, "treaty");
	rc = put(db, &sys, jstr(t, "state"), jstr(t, "treaty"), m, now, f);
	json_decref(m);
	if (rc == CCS_OK)
		*added = 1;
	return rc;
}

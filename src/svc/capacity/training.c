/*
 * training.c: training events (see training.h).
 *
 * A write is checked whole before anything is stored: a PATCH is merged
 * onto the stored training and the merged record goes through the same
 * checks as a new one, so no sequence of PATCHes can store what a POST
 * would refuse. Participants and targeted standards are child rows,
 * replaced whole when given. A training that becomes completed proposes
 * status updates in the same transaction (svc/capacity/proposals.c).
 * Non-goals: attendance lists of people (only counts), and recurring
 * events (each session is its own training, grouped by an initiative).
 */
#include <stdlib.h>
#include <string.h>

#include "core/capacity/closing.h"
#include "core/capacity/events.h"
#include "core/validate.h"
#include "svc/capacity/event_refs.h"
#include "svc/capacity/proposals.h"
#include "svc/capacity/training.h"
#include "svc/platform/audit.h"
#include "svc/svc.h"
#include "util/asset.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

const struct ccs_jfield ccs_training_fields[] = {
	{ "title", CCS_J_STRING, true, 1, 300 },
	{ "description", CCS_J_NULLSTR, false, 0, 20000 },
	{ "start", CCS_J_STRING, true, 1, 16 },
	{ "end", CCS_J_STRING, true, 1, 16 },
	{ "place", CCS_J_NULLSTR, false, 0, 300 },
	{ "host_state", CCS_J_NULLSTR, false, 0, 8 },
	{ "online", CCS_J_BOOL, false, 0, 0 },
	{ "organiser_id", CCS_J_INT, true, 0, 0 },
	{ "partner_id", CCS_J_NULLINT, false, 0, 0 },
	{ "audiences", CCS_J_ARRAY, true, 0, 20 },
	{ "topics", CCS_J_ARRAY, false, 0, 50 },
	{ "materials", CCS_J_ARRAY, false, 0, 50 },
	{ "participants", CCS_J_ARRAY, false, 0, 500 },
	{ "initiative_id", CCS_J_NULLINT, false, 0, 0 },
	{ "standards", CCS_J_ARRAY, false, 0, 100 },
	{ "status", CCS_J_STRING, false, 1, 16 },
};
const size_t ccs_training_nfields = sizeof(ccs_training_fields) /
    sizeof(ccs_training_fields[0]);

#define TRAINING_SELECT "SELECT id, title, description, start_date AS " \
	"start, end_date AS \"end\", place, host_state, online, " \
	"organiser_id, partner_id, audiences, topics, materials, " \
	"initiative_id, status, seeded_public, source, created_by, " \
	"created_at, updated_by, updated_at FROM trainings"

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

/* Loads training @p id with its participants and targets; new. */
static int
load(struct ccs_db *db, int64_t id, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *t = NULL, *parts = NULL, *targets = NULL, *states, *pt, *org;
	const char *prev = NULL;
	int64_t total = 0;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_db_query_one(db, TRAINING_SELECT " WHERE id = $1", &v, 1, &t);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no training %lld",
		    (long long)id);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT state_code AS state, role, "
		    "women, men, unspecified FROM training_participants WHERE "
		    "training_id = $1 ORDER BY state_code, role", &v, 1,
		    &parts);
	if (rc == CCS_OK)
		rc = ccs_capev_load_targets(db, "training_standards",
		    "training_id", id, &targets);
	if (rc != CCS_OK) {
		json_decref(t);
		json_decref(parts);
		json_decref(targets);
		return ccs_dbfail(f, db, rc);
	}
	states = json_array();
	rc = states != NULL ? CCS_OK : CCS_ENOMEM;
	json_array_foreach(parts, i, pt) {
		if (rc == CCS_OK && !ccs_streq(prev, jstr(pt, "state")) &&
		    json_array_append_new(states, json_string(jstr(pt,
		    "state"))) != 0)
			rc = CCS_ENOMEM;
		prev = jstr(pt, "state");
		total += jint(pt, "women") + jint(pt, "men") +
		    jint(pt, "unspecified");
	}
	/* every member or none: a PATCH merges onto what this returns */
	if (rc == CCS_OK)
		rc = ccs_capev_set(t, "online", json_boolean(jint(t,
		    "online")));
	if (rc == CCS_OK)
		rc = ccs_capev_set(t, "seeded_public", json_boolean(jint(t,
		    "seeded_public")));
	if (rc == CCS_OK)
		rc = ccs_capev_set(t, "audiences", ccs_capev_parse(jstr(t,
		    "audiences")));
	if (rc == CCS_OK)
		rc = ccs_capev_set(t, "topics", ccs_capev_parse(jstr(t,
		    "topics")));
	if (rc == CCS_OK)
		rc = ccs_capev_set(t, "materials", ccs_capev_parse(jstr(t,
		    "materials")));
	if (rc == CCS_OK)
		rc = ccs_capev_org_json(db, jint(t, "organiser_id"), &org);
	if (rc == CCS_OK)
		rc = ccs_capev_set(t, "organiser", org);
	if (rc == CCS_OK)
		rc = ccs_capev_org_json(db, jint(t, "partner_id"), &org);
	if (rc == CCS_OK)
		rc = ccs_capev_set(t, "partner", org);
	if (rc == CCS_OK)
		rc = ccs_capev_set(t, "participants_total",
		    json_integer(total));
	if (rc == CCS_OK) {
		rc = ccs_capev_set(t, "participants", parts);
		parts = NULL;
	}
	if (rc == CCS_OK) {
		rc = ccs_capev_set(t, "states", states);
		states = NULL;
	}
	if (rc == CCS_OK) {
		rc = ccs_capev_set(t, "standards", targets);
		targets = NULL;
	}
	json_decref(parts);
	json_decref(states);
	json_decref(targets);
	if (rc != CCS_OK) {
		json_decref(t);
		return ccs_dbfail(f, db, rc);
	}
	*out = t;
	return CCS_OK;
}

/* The stored training @p t as a body, for merging a PATCH onto. New. */
static json_t *
as_body(const json_t *t)
{
	json_t *stds, *parts, *pt;
	size_t i;

	/* NULL when anything is missing: a merge must never lose a row */
	stds = ccs_capev_targets_body(json_object_get(t, "standards"));
	parts = json_array();
	json_array_foreach(json_object_get(t, "participants"), i, pt) {
		if (parts != NULL && json_array_append_new(parts,
		    json_deep_copy(pt)) != 0) {
			json_decref(parts);
			parts = NULL;
		}
	}
	if (stds == NULL || parts == NULL) {
		json_decref(stds);
		json_decref(parts);
		return NULL;
	}
	return json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, "
	    "s:O, s:O, s:o, s:O, s:o, s:O}",
	    "title", json_object_get(t, "title"),
	    "description", json_object_get(t, "description"),
	    "start", json_object_get(t, "start"),
	    "end", json_object_get(t, "end"),
	    "place", json_object_get(t, "place"),
	    "host_state", json_object_get(t, "host_state"),
	    "online", json_object_get(t, "online"),
	    "organiser_id", json_object_get(t, "organiser_id"),
	    "partner_id", json_object_get(t, "partner_id"),
	    "audiences", json_object_get(t, "audiences"),
	    "topics", json_object_get(t, "topics"),
	    "materials", json_object_get(t, "materials"),
	    "participants", parts,
	    "initiative_id", json_object_get(t, "initiative_id"),
	    "standards", stds,
	    "status", json_object_get(t, "status"));
}

/* Checks participants: [{state, role?, women?, men?, unspecified?}]. */
static int
check_participants(struct ccs_db *db, const json_t *arr, struct ccs_fail *f)
{
	static const char *const counts[] = { "women", "men", "unspecified" };
	const json_t *pt, *c, *q;
	const char *role, *key;
	char field[48];
	size_t i, j, k;
	int rc;

	json_array_foreach(arr, i, pt) {
		if (!json_is_object(pt))
			return ccs_fail(f, CCS_EINVAL, "invalid_participants",
			    "participants[%zu] must be an object", i);
		json_object_foreach((json_t *)pt, key, c) {
			bool known = ccs_streq(key, "state") ||
			    ccs_streq(key, "role");

			for (k = 0; k < 3; k++)
				known = known || ccs_streq(key, counts[k]);
			if (!known)
				return ccs_fail(f, CCS_EINVAL,
				    "invalid_participants", "participants[%zu] "
				    "has an unknown field '%.40s'", i, key);
		}
		(void)ccs_snprintf(field, sizeof(field), "participants[%zu]."
		    "state", i);
		rc = ccs_state_known(db, jstr(pt, "state"), field, f);
		if (rc != CCS_OK)
			return rc;
		role = jstr(pt, "role");
		if (json_object_get(pt, "role") != NULL && role == NULL)
			role = "";
		if (role != NULL && !ccs_vocab_has(&ccs_participant_roles,
		    role))
			return ccs_fail(f, CCS_EINVAL, "unknown_role",
			    "participants[%zu].role '%.40s' is not a training "
			    "audience or unspecified", i, role);
		for (k = 0; k < 3; k++) {
			c = json_object_get(pt, counts[k]);
			if (c != NULL && !json_is_null(c) &&
			    (!json_is_integer(c) || json_integer_value(c) < 0 ||
			    json_integer_value(c) > 1000000))
				return ccs_fail(f, CCS_EINVAL, "invalid_count",
				    "participants[%zu].%s must be a count of "
				    "0 or more", i, counts[k]);
		}
		for (j = 0; j < i; j++) {
			q = json_array_get(arr, j);
			if (ccs_streq(jstr(q, "state"), jstr(pt, "state")) &&
			    ccs_streq(jstr(q, "role") ? jstr(q, "role") :
			    "unspecified", role ? role : "unspecified"))
				return ccs_fail(f, CCS_EINVAL,
				    "duplicate_participant",
				    "participants[%zu] "
				    "repeats state %s and role %s", i,
				    jstr(pt, "state"), role ? role :
				    "unspecified");
		}
	}
	return CCS_OK;
}

/* Whether partner @p p's organisation organises or delivers @p m. */
static bool
own_org(const struct ccs_principal *p, const json_t *m)
{
	if (p->role != CCS_ROLE_PARTNER || p->system)
		return true;
	return p->org_id != 0 && (jint(m, "organiser_id") == p->org_id ||
	    jint(m, "partner_id") == p->org_id);
}

/*
 * Checks the merged record @p m; *targets is the resolved standards.
 * @p today bounds completion: a training ends before it is completed.
 */
static int
check(struct ccs_db *db, const struct ccs_principal *p, const json_t *m,
    const char *today, json_t **targets, struct ccs_fail *f)
{
	const char *status = jstr(m, "status");
	const json_t *hs = json_object_get(m, "host_state");
	int rc;

	*targets = NULL;
	rc = ccs_capev_period(jstr(m, "start"), jstr(m, "end"), f);
	if (rc == CCS_OK && hs != NULL && !json_is_null(hs))
		rc = ccs_state_known(db, json_string_value(hs), "host_state",
		    f);
	if (rc == CCS_OK)
		rc = ccs_capev_org(db, jint(m, "organiser_id"), "organiser_id",
		    f);
	if (rc == CCS_OK && json_is_integer(json_object_get(m, "partner_id")))
		rc = ccs_capev_org(db, jint(m, "partner_id"), "partner_id", f);
	if (rc == CCS_OK)
		rc = ccs_capev_words(json_object_get(m, "audiences"),
		    &ccs_training_audiences, "audiences", "unknown_audience",
		    f);
	if (rc == CCS_OK)
		rc = ccs_capev_topics(json_object_get(m, "topics"), f);
	if (rc == CCS_OK)
		rc = ccs_capev_materials(json_object_get(m, "materials"), f);
	if (rc == CCS_OK)
		rc = check_participants(db, json_object_get(m, "participants"),
		    f);
	if (rc == CCS_OK && json_is_integer(json_object_get(m,
	    "initiative_id")))
		rc = ccs_capev_initiative(db, jint(m, "initiative_id"),
		    "initiative_id", f);
	if (rc == CCS_OK && !ccs_vocab_has(&ccs_event_statuses, status))
		rc = ccs_fail(f, CCS_EINVAL, "invalid_status", "status must be "
		    "planned, completed or cancelled");
	if (rc == CCS_OK && ccs_streq(status, "completed") &&
	    strcmp(jstr(m, "end"), today) > 0)
		rc = ccs_fail(f, CCS_EINVAL, "not_ended", "a training ending "
		    "%s cannot be completed yet", jstr(m, "end"));
	if (rc == CCS_OK && !own_org(p, m))
		rc = ccs_fail(f, CCS_EPERM, "forbidden", "partners record "
		    "trainings their own organisation organises or delivers");
	if (rc == CCS_OK)
		rc = ccs_capev_targets(db, json_object_get(m, "standards"),
		    targets, f);
	return rc;
}

/* Writes the participants of training @p id (replacing them). */
static int
store_participants(struct ccs_db *db, int64_t id, const json_t *arr)
{
	static const char *const counts[] = { "women", "men", "unspecified" };
	const json_t *pt, *c;
	struct ccs_val v[6];
	size_t i, k;
	int rc;

	v[0] = CCS_VINT(id);
	rc = ccs_db_exec(db, "DELETE FROM training_participants WHERE "
	    "training_id = $1", v, 1, NULL, NULL);
	json_array_foreach(arr, i, pt) {
		if (rc != CCS_OK)
			break;
		v[1] = CCS_VTEXT(jstr(pt, "state"));
		v[2] = CCS_VTEXT(jstr(pt, "role") ? jstr(pt, "role") :
		    "unspecified");
		for (k = 0; k < 3; k++) {
			c = json_object_get(pt, counts[k]);
			v[3 + k] = json_is_integer(c) ? CCS_VINT(
			    json_integer_value(c)) : CCS_VNULL;
		}
		rc = ccs_db_exec(db, "INSERT INTO training_participants "
		    "(training_id, state_code, role, women, men, unspecified) "
		    "VALUES ($1, $2, $3, $4, $5, $6)", v, 6, NULL, NULL);
	}
	return rc;
}

/*
 * Stores merged record @p m as training *id (0: a new one), with its
 * child rows, seeded marks from @p src (NULL for the API).
 */
static int
store(struct ccs_db *db, const struct ccs_principal *p, const json_t *m,
    const json_t *targets, const char *src, int64_t now, int64_t *id)
{
	char *aud = NULL, *top = NULL, *mat = NULL;
	const json_t *x;
	struct ccs_val v[19];
	int rc = CCS_ENOMEM;

	aud = ccs_capev_dump(json_object_get(m, "audiences"));
	top = ccs_capev_dump(json_object_get(m, "topics"));
	mat = ccs_capev_dump(json_object_get(m, "materials"));
	if (aud == NULL || top == NULL || mat == NULL)
		goto out;
	v[0] = CCS_VTEXT(jstr(m, "title"));
	v[1] = CCS_VTEXT(jstr(m, "description") ? jstr(m, "description") :
	    "");
	v[2] = CCS_VTEXT(jstr(m, "start"));
	v[3] = CCS_VTEXT(jstr(m, "end"));
	v[4] = CCS_VTEXT(jstr(m, "place"));
	v[5] = CCS_VTEXT(jstr(m, "host_state"));
	v[6] = CCS_VINT(json_is_true(json_object_get(m, "online")));
	v[7] = CCS_VINT(jint(m, "organiser_id"));
	x = json_object_get(m, "partner_id");
	v[8] = json_is_integer(x) ? CCS_VINT(json_integer_value(x)) :
	    CCS_VNULL;
	v[9] = CCS_VTEXT(aud);
	v[10] = CCS_VTEXT(top);
	v[11] = CCS_VTEXT(mat);
	x = json_object_get(m, "initiative_id");
	v[12] = json_is_integer(x) ? CCS_VINT(json_integer_value(x)) :
	    CCS_VNULL;
	v[13] = CCS_VTEXT(jstr(m, "status"));
	v[14] = CCS_VINT(src != NULL);
	v[15] = CCS_VTEXT(src);
	v[16] = CCS_VTEXT(ccs_actor(p));
	v[17] = CCS_VINT(now);
	v[18] = CCS_VINT(*id);
	if (*id == 0)
		rc = ccs_db_query_int(db, "INSERT INTO trainings (title, "
		    "description, start_date, end_date, place, host_state, "
		    "online, organiser_id, partner_id, audiences, topics, "
		    "materials, initiative_id, status, seeded_public, source, "
		    "created_by, created_at, updated_by, updated_at) VALUES "
		    "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
		    "$14, $15, $16, $17, $18, $17, $18) RETURNING id", v, 18,
		    id);
	else
		rc = ccs_db_exec(db, "UPDATE trainings SET title = $1, "
		    "description = $2, start_date = $3, end_date = $4, place = "
		    "$5, host_state = $6, online = $7, organiser_id = $8, "
		    "partner_id = $9, audiences = $10, topics = $11, materials "
		    "= $12, initiative_id = $13, status = $14, updated_by = "
		    "$17, updated_at = $18 WHERE id = $19", v, 19, NULL, NULL);
	if (rc == CCS_OK)
		rc = store_participants(db, *id, json_object_get(m,
		    "participants"));
	if (rc == CCS_OK)
		rc = ccs_capev_store_targets(db, "training_standards",
		    "training_id", *id, targets);
out:
	free(aud);
	free(top);
	free(mat);
	return rc;
}

static int
forbidden(const struct ccs_principal *p, int rc, struct ccs_fail *f)
{
	return ccs_fail(f, rc, rc == CCS_EAUTH ? "authentication_required" :
	    "forbidden", p->role == CCS_ROLE_PARTNER ? "partners record "
	    "trainings their own organisation organises or delivers" :
	    "only coordinators and partners record trainings");
}

/* Creates (@p id 0) or updates training @p id from merged record @p m. */
static int
write_event(struct ccs_db *db, const struct ccs_principal *p, const json_t *m,
    const char *before, int64_t id, const json_t *body, int64_t now,
    json_t **out, struct ccs_fail *f)
{
	json_t *targets = NULL;
	char today[11];
	size_t made = 0;
	int rc;

	ccs_date_of(now, today);
	rc = check(db, p, m, today, &targets, f);
	if (rc != CCS_OK)
		return rc;
	rc = store(db, p, m, targets, NULL, now, &id);
	json_decref(targets);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	rc = ccs_audit_record(db, p, before == NULL ? "training.create" :
	    "training.update", "training", id, body,
	    now);
	if (rc == CCS_OK && ccs_cap_event_completes(before, jstr(m, "status")))
		rc = ccs_proposals_make(db, CCS_CAP_TRAINING, id, now, &made);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	rc = load(db, id, out, f);
	/* the page that completed it says what the RIFC now has to decide */
	if (rc == CCS_OK && made > 0)
		(void)json_object_set_new(*out, "proposals_made",
		    json_integer((json_int_t)made));
	return rc;
}

int
ccs_training_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	json_t *m;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_TRAINING_WRITE, NULL);
	if (rc != CCS_OK)
		return forbidden(p, rc, f);
	m = json_deep_copy(body);
	if (m == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	if (json_object_get(m, "status") == NULL)
		json_object_set_new(m, "status", json_string("planned"));
	rc = write_event(db, p, m, NULL, 0, body, now, out, f);
	json_decref(m);
	return rc;
}

int
ccs_training_update(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	json_t *cur = NULL, *m = NULL;
	char before[16];
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_TRAINING_WRITE, NULL);
	if (rc != CCS_OK)
		return forbidden(p, rc, f);
	rc = load(db, id, &cur, f);
	if (rc != CCS_OK)
		return rc;
	if (!own_org(p, cur)) {
		rc = forbidden(p, CCS_EPERM, f);
		goto out;
	}
	(void)ccs_strlcpy(before, jstr(cur, "status"), sizeof(before));
	m = as_body(cur);
	if (m == NULL || json_object_update(m, (json_t *)body) != 0) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	rc = write_event(db, p, m, before, id, body, now, out, f);
out:
	json_decref(cur);
	json_decref(m);
	return rc;
}

int
ccs_training_get(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, json_t **out, struct ccs_fail *f)
{
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "see trainings");
	return load(db, id, out, f);
}

int
ccs_training_load(struct ccs_db *db, int64_t id, json_t **out)
{
	struct ccs_fail f = { 0, NULL, "" };

	return load(db, id, out, &f);
}

/* Id of the organisation named @p name, created from @p o when absent. */
static int
seed_org(struct ccs_db *db, const json_t *o, int64_t now, int64_t *id)
{
	struct ccs_val v[5];
	int rc;

	v[0] = CCS_VTEXT(jstr(o, "name"));
	rc = ccs_db_query_int(db, "SELECT id FROM organisations WHERE name = "
	    "$1", v, 1, id);
	if (rc != CCS_ENOTFOUND)
		return rc;
	v[1] = CCS_VTEXT(jstr(o, "acronym"));
	v[2] = CCS_VTEXT(jstr(o, "kind"));
	v[3] = CCS_VTEXT(jstr(o, "description"));
	v[4] = CCS_VINT(now);
	return ccs_db_query_int(db, "INSERT INTO organisations (name, acronym, "
	    "kind, description, created_at, updated_at) VALUES ($1, $2, $3, "
	    "$4, $5, $5) RETURNING id", v, 5, id);
}

int
ccs_training_seed(struct ccs_db *db, int64_t now, int *loaded,
    struct ccs_fail *f)
{
	const struct ccs_asset *a;
	struct ccs_principal sys;
	json_error_t je;
	json_t *doc, *t, *m = NULL, *targets = NULL, *o;
	struct ccs_val v[2];
	int64_t id, n, org;
	char today[11];
	size_t i, j;
	int rc = CCS_OK;

	*loaded = 0;
	memset(&sys, 0, sizeof(sys));
	sys.system = true;
	a = ccs_asset_find("data/seed/trainings.json");
	if (a == NULL)
		return ccs_fail(f, CCS_ENOTFOUND, "internal", "training seed "
		    "missing from this build");
	doc = json_loadb((const char *)a->data, a->len, JSON_REJECT_DUPLICATES,
	    &je);
	if (doc == NULL)
		return ccs_fail(f, CCS_EINVAL, "internal",
		    "trainings.json:%d: %s",
		    je.line, je.text);
	ccs_date_of(now, today);
	json_array_foreach(json_object_get(doc, "trainings"), i, t) {
		v[0] = CCS_VTEXT(jstr(t, "title"));
		v[1] = CCS_VTEXT(jstr(t, "start"));
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM trainings "
		    "WHERE title = $1 AND start_date = $2", v, 2, &n);
		if (rc != CCS_OK)
			break;
		if (n > 0)
			continue;
		m = json_deep_copy(t);
		if (m == NULL) {
			rc = CCS_ENOMEM;
			break;
		}
		/* organisations by name, made when the directory lacks them */
		json_array_foreach(json_object_get(t, "organisations"), j, o) {
			rc = seed_org(db, o, now, &org);
			if (rc != CCS_OK)
				break;
			json_object_set_new(m, jstr(o, "as"),
			    json_integer(org));
		}
		json_object_del(m, "organisations");
		json_object_del(m, "source");
		if (rc == CCS_OK)
			rc = check(db, &sys, m, today, &targets, f);
		id = 0;
		if (rc == CCS_OK)
			rc = store(db, &sys, m, targets, jstr(t, "source"), now,
			    &id);
		json_decref(targets);
		targets = NULL;
		json_decref(m);
		m = NULL;
		if (rc != CCS_OK)
			break;
		(*loaded)++;
	}
	if (rc == CCS_OK && *loaded > 0)
		rc = ccs_audit_append(db, "system", "seed.load", "trainings",
		    "data/seed/trainings.json", doc, now);
	json_decref(doc);
	if (rc != CCS_OK && f->code == NULL)
		return ccs_fail(f, rc, "internal", "training seed: %s",
		    ccs_db_errmsg(db));
	return rc;
}

int
ccs_capacity_calendar(struct ccs_db *db, const struct ccs_principal *p,
    int64_t year, const char *state, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v[3];
	char first[11], last[11];
	json_t *items = NULL;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "see the calendar");
	if (state != NULL && !ccs_valid_iso2(state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code", "state "
		    "must be a two-letter ISO 3166 code such as JM");
	if (ccs_snprintf(first, sizeof(first), "%04lld-01-01",
	    (long long)year) != CCS_OK || ccs_snprintf(last, sizeof(last),
	    "%04lld-12-31", (long long)year) != CCS_OK)
		return ccs_fail(f, CCS_EINVAL, "invalid_year", "year must be "
		    "1900-9999");
	v[0] = CCS_VTEXT(first);
	v[1] = CCS_VTEXT(last);
	v[2] = CCS_VTEXT(state);
	/* one list by date: a training is in a state's calendar when the
	 * state took part or hosted it */
	rc = ccs_db_query_json(db, "SELECT * FROM (SELECT 'training' AS kind, "
	    "t.id, t.title, t.start_date AS start, t.end_date AS \"end\", "
	    "t.status, t.place, t.host_state AS state FROM trainings t WHERE "
	    "t.end_date >= $1 AND t.start_date <= $2 AND (CAST($3 AS TEXT) IS "
	    "NULL OR t.host_state = $3 OR EXISTS (SELECT 1 FROM "
	    "training_participants tp WHERE tp.training_id = t.id AND "
	    "tp.state_code = $3)) UNION ALL SELECT 'campaign' AS kind, c.id, "
	    "c.title, c.start_date AS start, c.end_date AS \"end\", c.status, "
	    "NULL AS place, c.state_code AS state FROM campaigns c WHERE "
	    "c.end_date >= $1 AND c.start_date <= $2 AND (CAST($3 AS TEXT) IS "
	    "NULL OR c.state_code = $3)) e ORDER BY e.start, e.kind, e.id", v,
	    3, &items);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	*out = json_pack("{s:I, s:o, s:I}", "year", (json_int_t)year, "items",
	    items, "count", (json_int_t)json_array_size(items));
	return *out ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal", "out of "
	    "memory");
}

/*
 * crises.c: declaring, reading, listing and moving crises (see
 * crises.h).
 *
 * Every check runs before the first write and the request is one
 * transaction: the crisis, its incident links, its marking, its
 * escalations, the inbox entries and notices and the audit events are
 * stored together or not at all. The crisis's own marking is TLP:AMBER
 * from its state: that is what lets the state's team and the RIFC (and
 * nobody else) be told of it through the shared inbox and outbox.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "svc/crisis/crises.h"
#include "svc/platform/notify.h"
#include "svc/refs.h"
#include "svc/sharing/marking.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_crisis_fields[] = {
	{ "state", CCS_J_STRING, false, 1, 8 },
	{ "title", CCS_J_STRING, true, 1, 200 },
	{ "summary", CCS_J_STRING, true, 1, 5000 },
	{ "severity", CCS_J_INT, true, 0, 0 },
	{ "incident_ids", CCS_J_ARRAY, true, 0, CCS_CRISIS_INCIDENTS_MAX },
	{ "sitrep_hours", CCS_J_INT, false, 0, 0 },
};
const size_t ccs_crisis_nfields = sizeof(ccs_crisis_fields) /
    sizeof(ccs_crisis_fields[0]);

const struct ccs_jfield ccs_crisis_patch_fields[] = {
	{ "title", CCS_J_STRING, false, 1, 200 },
	{ "summary", CCS_J_STRING, false, 1, 5000 },
	{ "severity", CCS_J_INT, false, 0, 0 },
	{ "status", CCS_J_STRING, false, 1, 20 },
	{ "sitrep_hours", CCS_J_INT, false, 0, 0 },
	{ "version", CCS_J_INT, false, 0, 0 },
};
const size_t ccs_crisis_patch_nfields = sizeof(ccs_crisis_patch_fields) /
    sizeof(ccs_crisis_patch_fields[0]);

/* The list's columns; :now is the request's time. */
#define LIST_SELECT "SELECT c.id, c.state_code AS state, s.name AS " \
	"state_name, c.title, c.status, c.severity, c.sitrep_hours, " \
	"c.rifc_declared, c.escalated_at, c.closed_at, c.declared_by, " \
	"c.declared_at, c.updated_at, c.version, (SELECT MAX(r.created_at) " \
	"FROM crisis_sitreps r WHERE r.crisis_id = c.id) AS last_sitrep_at"
#define LIST_FROM "FROM crises c JOIN states s ON s.code = c.state_code"
#define LIST_COLS LIST_SELECT " " LIST_FROM

static int64_t
jint(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/* Checks the cadence @p v of field sitrep_hours (NULL: absent). */
static int
check_cadence(const json_t *v, struct ccs_fail *f)
{
	if (v != NULL && (json_integer_value(v) < CCS_CRISIS_CADENCE_MIN ||
	    json_integer_value(v) > CCS_CRISIS_CADENCE_MAX))
		return ccs_fail(f, CCS_EINVAL, "invalid_sitrep_hours",
		    "sitrep_hours must be %d-%d hours between situation "
		    "reports", CCS_CRISIS_CADENCE_MIN, CCS_CRISIS_CADENCE_MAX);
	return CCS_OK;
}

static int
check_severity(const json_t *v, struct ccs_fail *f)
{
	if (v != NULL && !ccs_crisis_severity_ok(json_integer_value(v)))
		return ccs_fail(f, CCS_EINVAL, "invalid_severity", "severity "
		    "must be 0-4 on the shared scale (3 and 4 escalate)");
	return CCS_OK;
}

static int
check_incidents(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *ids, struct ccs_fail *f)
{
	const json_t *it;
	char what[32];
	size_t i, k;
	int rc;

	if (json_array_size(ids) == 0)
		return ccs_fail(f, CCS_EINVAL, "incidents_required",
		    "incident_ids must list the 1-%d incidents the crisis is "
		    "declared from", CCS_CRISIS_INCIDENTS_MAX);
	json_array_foreach(ids, i, it) {
		if (!json_is_integer(it) || json_integer_value(it) < 1)
			return ccs_fail(f, CCS_EINVAL, "invalid_incident",
			    "incident_ids[%zu] must be an incident id", i);
		for (k = 0; k < i; k++) {
			if (json_equal(json_array_get(ids, k), it))
				return ccs_fail(f, CCS_EINVAL,
				    "duplicate_incident", "incident_ids[%zu] "
				    "is listed twice", i);
		}
		(void)ccs_snprintf(what, sizeof(what), "incident_ids[%zu]", i);
		rc = ccs_ref_check(db, p, CCS_REF_INCIDENT,
		    json_integer_value(it), what, f);
		if (rc != CCS_OK)
			return rc;
	}
	return CCS_OK;
}

/*
 * Records the levels crisis @p id reaches at @p sev (those not yet
 * recorded), marks it escalated and tells the RIFC, the state's team and
 * the state's subscribers.
 */
static int
escalate(struct ccs_db *db, const struct ccs_principal *p, const json_t *c,
    int64_t sev, int64_t now)
{
	static const char *const team[] = { "ncpoc", "cert" };
	const char *state = ccs_jstr(c, "state");
	const char *const states[] = { state };
	struct ccs_topic topic = { "state", state };
	int64_t id = jint(c, "id"), marking = jint(c, "marking_id"), n;
	struct ccs_val v[5];
	size_t i;
	int rc = CCS_OK;

	for (i = 0; i < ccs_crisis_tiers.nwords && rc == CCS_OK; i++) {
		v[0] = CCS_VINT(id);
		v[1] = CCS_VTEXT(ccs_crisis_tiers.words[i].key);
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM "
		    "crisis_escalations WHERE crisis_id = $1 AND tier = $2", v,
		    2, &n);
		if (rc != CCS_OK || n > 0)
			continue;
		v[2] = CCS_VINT(sev);
		v[3] = CCS_VTEXT(ccs_actor(p));
		v[4] = CCS_VINT(now);
		rc = ccs_db_exec(db, "INSERT INTO crisis_escalations "
		    "(crisis_id, tier, severity, escalated_by, escalated_at) "
		    "VALUES ($1, $2, $3, $4, $5)", v, 5, NULL, NULL);
	}
	v[0] = CCS_VINT(id);
	v[1] = CCS_VINT(now);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "UPDATE crises SET escalated_at = "
		    "COALESCE(escalated_at, $2) WHERE id = $1", v, 2, NULL,
		    NULL);
	if (rc == CCS_OK)
		rc = ccs_audit_recordf(db, p, "crisis.escalate", "crisis", NULL,
		    now, "%" PRId64 "/level-%" PRId64, id, sev);
	if (rc == CCS_OK)
		rc = ccs_notify_regional(db, "crisis", id, marking,
		    "rifc_analyst", "crisis escalated to the RCC", now);
	if (rc == CCS_OK)
		rc = ccs_notify_users(db, "crisis", id, marking, states, 1,
		    team, 2, "crisis escalated", now);
	if (rc == CCS_OK)
		rc = ccs_notify_record(db, "crisis", id, marking, &topic, 1,
		    ccs_jstr(c, "title"), now);
	return rc;
}

/* The state a declaration is for, checked against the policy. */
static int
declare_state(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, const char **state, struct ccs_fail *f)
{
	int rc;

	*state = ccs_jstr(body, "state");
	if (*state == NULL && p->state[0] != '\0')
		*state = p->state;
	if (*state == NULL)
		return ccs_fail(f, CCS_EINVAL, "missing_field", "state is "
		    "required: the ISO code of the state in crisis, such as "
		    "JM");
	rc = ccs_state_known(db, *state, "state", f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_policy_check(p, CCS_ACT_CRISIS_WRITE, *state);
	if (rc != CCS_OK && p->state[0] != '\0' && rc == CCS_EPERM &&
	    strcmp(p->state, *state) != 0)
		return ccs_fail(f, rc, "forbidden", "state: you declare "
		    "crises of %s only, not of %s", p->state, *state);
	if (rc != CCS_OK)
		return ccs_crisis_denied(f, rc, "declare a crisis");
	return CCS_OK;
}

int
ccs_crisis_declare(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	const json_t *cad = json_object_get(body, "sitrep_hours"), *it;
	int64_t sev = jint(body, "severity"), id = 0, marking = 0;
	const char *state = NULL;
	json_t *c = NULL;
	struct ccs_val v[2];
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CRISIS_WRITE, p->state[0] ?
	    p->state : NULL);
	if (rc == CCS_EAUTH)
		return ccs_crisis_denied(f, rc, "declare a crisis");
	rc = declare_state(db, p, body, &state, f);
	if (rc == CCS_OK)
		rc = check_severity(json_object_get(body, "severity"), f);
	if (rc == CCS_OK)
		rc = check_cadence(cad, f);
	if (rc == CCS_OK)
		rc = check_incidents(db, p, json_object_get(body,
		    "incident_ids"), f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_marking_create_import(db, CCS_TLP_AMBER, state, NULL, now,
	    &marking);
	{
		const struct ccs_named np[] = {
			CCS_NAMED("state", CCS_VTEXT(state)),
			CCS_NAMED("title", CCS_VTEXT(ccs_jstr(body, "title"))),
			CCS_NAMED("summary", CCS_VTEXT(ccs_jstr(body,
			    "summary"))),
			CCS_NAMED("sev", CCS_VINT(sev)),
			CCS_NAMED("status", CCS_VTEXT(
			    ccs_crisis_escalates(sev) ? "escalated" :
			    "declared")),
			CCS_NAMED("cad", CCS_VINT(cad != NULL ?
			    json_integer_value(cad) :
			    CCS_CRISIS_CADENCE_DEFAULT)),
			CCS_NAMED("rifc", CCS_VINT(!p->system && p->role ==
			    CCS_ROLE_RIFC_ANALYST ? 1 : 0)),
			CCS_NAMED("marking", CCS_VINT(marking)),
			CCS_NAMED("by", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		if (rc == CCS_OK)
			rc = ccs_db_query_int_named(db, "INSERT INTO crises "
			    "(state_code, title, summary, severity, status, "
			    "sitrep_hours, rifc_declared, marking_id, "
			    "declared_by, declared_at, updated_by, updated_at) "
			    "VALUES (:state, :title, :summary, :sev, :status, "
			    ":cad, :rifc, :marking, :by, :now, :by, :now) "
			    "RETURNING id", np, CCS_NNAMED(np), &id);
	}
	json_array_foreach(json_object_get(body, "incident_ids"), i, it) {
		if (rc != CCS_OK)
			break;
		v[0] = CCS_VINT(id);
		v[1] = CCS_VINT(json_integer_value(it));
		rc = ccs_db_exec(db, "INSERT INTO crisis_incidents (crisis_id, "
		    "incident_id) VALUES ($1, $2)", v, 2, NULL, NULL);
	}
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "crisis.declare", "crisis", id,
		    body, now);
	if (rc == CCS_OK && ccs_crisis_escalates(sev)) {
		c = json_pack("{s:I, s:s, s:I, s:s}", "id", (json_int_t)id,
		    "state", state, "marking_id", (json_int_t)marking, "title",
		    ccs_jstr(body, "title"));
		rc = c != NULL ? escalate(db, p, c, sev, now) : CCS_ENOMEM;
		json_decref(c);
	}
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return ccs_crisis_get(db, p, id, now, out, f);
}

/* Adds the linked incidents @p p may read to @p c. */
static int
add_incidents(struct ccs_db *db, const struct ccs_principal *p, json_t *c)
{
	struct ccs_val v = CCS_VINT(jint(c, "id"));
	json_t *rows = NULL, *ids = json_array(), *it;
	size_t i;
	bool ok;
	int rc;

	if (ids == NULL)
		return CCS_ENOMEM;
	rc = ccs_db_query_json(db, "SELECT incident_id FROM crisis_incidents "
	    "WHERE crisis_id = $1 ORDER BY incident_id", &v, 1, &rows);
	json_array_foreach(rows, i, it) {
		if (rc != CCS_OK)
			break;
		rc = ccs_ref_readable(db, p, CCS_REF_INCIDENT, jint(it,
		    "incident_id"), &ok);
		if (rc == CCS_OK && ok)
			(void)json_array_append(ids, json_object_get(it,
			    "incident_id"));
	}
	json_decref(rows);
	(void)json_object_set_new(c, "incident_ids", ids);
	return rc;
}

/* Adds the situation report clock to a row with last_sitrep_at. */
static void
add_clock(json_t *c, int64_t now)
{
	const json_t *last = json_object_get(c, "last_sitrep_at");
	int64_t from = json_is_integer(last) ? json_integer_value(last) :
	    jint(c, "declared_at");
	enum ccs_crisis_status st = ccs_crisis_row_status(c);

	(void)json_object_set_new(c, "next_sitrep_due", ccs_crisis_open(st) ?
	    json_integer(ccs_crisis_sitrep_due(from, jint(c,
	    "sitrep_hours"))) : json_null());
	(void)json_object_set_new(c, "sitrep_overdue", json_boolean(
	    ccs_crisis_sitrep_overdue(st, from, jint(c, "sitrep_hours"),
	    now)));
	(void)json_object_set_new(c, "rifc_declared", json_boolean(jint(c,
	    "rifc_declared") != 0));
}

/* Adds team, escalations and review to @p c. */
static int
add_parts(struct ccs_db *db, json_t *c)
{
	struct ccs_val v = CCS_VINT(jint(c, "id"));
	json_t *team = NULL, *esc = NULL, *rev = NULL, *recs = NULL;
	int rc;

	rc = ccs_db_query_json(db, "SELECT t.id, t.role, t.contact_id, "
	    "k.name, k.title AS job_title, k.email, k.phone, k.state_code AS "
	    "state, t.added_by, t.added_at FROM crisis_team t JOIN contacts k "
	    "ON k.id = t.contact_id WHERE t.crisis_id = $1 ORDER BY t.id", &v,
	    1, &team);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT tier, severity, "
		    "escalated_by, escalated_at FROM crisis_escalations WHERE "
		    "crisis_id = $1 ORDER BY id", &v, 1, &esc);
	if (rc == CCS_OK) {
		rc = ccs_db_query_one(db, "SELECT id, lesson_id, author, "
		    "created_at FROM crisis_reviews WHERE crisis_id = $1", &v,
		    1, &rev);
		if (rc == CCS_ENOTFOUND) {
			rev = json_null();
			rc = CCS_OK;
		}
	}
	if (rc == CCS_OK && json_is_object(rev)) {
		struct ccs_val rv = CCS_VINT(jint(rev, "id"));

		rc = ccs_db_query_json(db, "SELECT recommendation_id FROM "
		    "crisis_review_recommendations WHERE review_id = $1 ORDER "
		    "BY recommendation_id", &rv, 1, &recs);
		if (rc == CCS_OK)
			(void)json_object_set(rev, "recommendations", recs);
	}
	if (rc == CCS_OK && (json_object_set(c, "team", team) != 0 ||
	    json_object_set(c, "escalations", esc) != 0 ||
	    json_object_set(c, "review", rev) != 0))
		rc = CCS_ENOMEM;
	json_decref(team);
	json_decref(esc);
	json_decref(rev);
	json_decref(recs);
	return rc;
}

int
ccs_crisis_get(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    int64_t now, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *row = NULL, *c = NULL;
	int rc;

	*out = NULL;
	rc = ccs_crisis_load(db, p, id, false, &row, f);
	json_decref(row);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_one(db, LIST_COLS " WHERE c.id = $1", &v, 1, &c);
	if (rc == CCS_OK) {
		struct ccs_val sv = CCS_VINT(id);
		json_t *s = NULL;

		rc = ccs_db_query_one(db, "SELECT c.summary, (SELECT "
		    "COUNT(*) FROM crisis_log l WHERE l.crisis_id = c.id) AS "
		    "log_entries, (SELECT COUNT(*) FROM crisis_tasks t WHERE "
		    "t.crisis_id = c.id AND t.status = 'open') AS open_tasks, "
		    "(SELECT COUNT(*) FROM crisis_sitreps r WHERE r.crisis_id "
		    "= c.id) AS sitreps FROM crises c WHERE c.id = $1", &sv, 1,
		    &s);
		if (rc == CCS_OK && json_object_update(c, s) != 0)
			rc = CCS_ENOMEM;
		json_decref(s);
	}
	if (rc == CCS_OK)
		rc = add_incidents(db, p, c);
	if (rc == CCS_OK)
		rc = add_parts(db, c);
	if (rc != CCS_OK) {
		json_decref(c);
		return ccs_dbfail(f, db, rc);
	}
	add_clock(c, now);
	*out = c;
	return CCS_OK;
}

static const struct ccs_keyset_col crisis_cols[] = {
	{ "declared_at", "c.declared_at", CCS_KEYSET_INT, true },
	{ "updated_at", "c.updated_at", CCS_KEYSET_INT, true },
	{ "severity", "c.severity", CCS_KEYSET_INT, true },
	{ "status", "c.status", CCS_KEYSET_TEXT, false },
	{ "state", "c.state_code", CCS_KEYSET_TEXT, false },
	{ "title", "c.title", CCS_KEYSET_TEXT, false },
};

static const char *const crisis_text[] = {
	"c.title", "s.name", "c.state_code", "c.status", "c.declared_by",
};

static const struct ccs_listq_csvcol crisis_csv[] = {
	{ "id", "id", false }, { "state", "state", false },
	{ "title", "title", false }, { "status", "status", false },
	{ "severity", "severity", false },
	{ "rifc_declared", "rifc_declared", false },
	{ "sitrep_overdue", "sitrep_overdue", false },
	{ "declared_by", "declared_by", false },
	{ "declared_at", "declared_at", true },
	{ "escalated_at", "escalated_at", true },
	{ "last_sitrep_at", "last_sitrep_at", true },
	{ "closed_at", "closed_at", true },
	{ "updated_at", "updated_at", true },
};

const struct ccs_listq_def ccs_crisis_list_def = {
	.name = "crises", .select = LIST_SELECT,
	.from = LIST_FROM " WHERE 1 = 1",
	.cols = crisis_cols,
	.ncols = sizeof(crisis_cols) / sizeof(crisis_cols[0]),
	.id_expr = "c.id", .text = crisis_text,
	.ntext = sizeof(crisis_text) / sizeof(crisis_text[0]),
	.date_expr = "c.declared_at", .date_kind = CCS_LISTQ_UNIX,
	.csv = crisis_csv, .ncsv = sizeof(crisis_csv) / sizeof(crisis_csv[0]),
};

/* add_clock with the request's time, kept as decimal text. */
static void
clock_row(json_t *c, const char *now)
{
	add_clock(c, strtoll(now, NULL, 10));
}

int
ccs_crisis_query(const struct ccs_principal *p,
    const struct ccs_crisis_filter *flt, int64_t now, struct ccs_keyset *ks,
    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
    struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	char allowed[120], nowtxt[24];
	size_t n;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CRISIS_READ, p->state[0] ? p->state :
	    NULL);
	if (rc != CCS_OK)
		return ccs_crisis_denied(f, rc, "see crises");
	if (flt->state != NULL && !ccs_valid_iso2(flt->state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code", "state "
		    "must be a two-letter ISO 3166 code such as JM");
	if (flt->status != NULL && !ccs_vocab_has(&ccs_crisis_statuses,
	    flt->status)) {
		ccs_crisis_words(&ccs_crisis_statuses, allowed,
		    sizeof(allowed));
		return ccs_fail(f, CCS_EINVAL, "invalid_status", "status must "
		    "be %s", allowed);
	}
	rc = ccs_listq_new(&ccs_crisis_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	/* who reads: a state's users their state's crises, the RIFC those
	 * it declared or that were escalated; one clause for all three */
	if (!p->system && p->state[0] != '\0') {
		n = ccs_listq_param(lq, CCS_VTEXT(p->state));
		ccs_listq_where(lq, " AND c.state_code = $%zu", n);
	}
	if (!p->system && p->role == CCS_ROLE_RIFC_ANALYST)
		ccs_listq_where(lq, " AND (c.rifc_declared = 1 OR "
		    "c.escalated_at IS NOT NULL)");
	ccs_listq_eq(lq, "c.state_code", CCS_VTEXT(flt->state));
	ccs_listq_eq(lq, "c.status", CCS_VTEXT(flt->status));
	(void)ccs_snprintf(nowtxt, sizeof(nowtxt), "%" PRId64, now);
	ccs_listq_present(lq, clock_row, nowtxt);
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

/* The status a PATCH asks for, checked against the workflow. */
static int
next_status(const json_t *c, const json_t *body, int64_t sev,
    enum ccs_crisis_status *to, struct ccs_fail *f)
{
	enum ccs_crisis_status from = ccs_crisis_row_status(c);
	const char *want = ccs_jstr(body, "status");
	char allowed[120];

	*to = from;
	if (want != NULL && !ccs_crisis_status_parse(want, to)) {
		ccs_crisis_words(&ccs_crisis_statuses, allowed,
		    sizeof(allowed));
		return ccs_fail(f, CCS_EINVAL, "invalid_status", "status must "
		    "be %s", allowed);
	}
	if (*to == CCS_CRISIS_REVIEWED && from != CCS_CRISIS_REVIEWED)
		return ccs_fail(f, CCS_EINVAL, "invalid_status", "status: a "
		    "crisis becomes reviewed by filing its review (POST "
		    "/api/v1/crises/%" PRId64 "/review)", jint(c, "id"));
	if (!ccs_crisis_move_ok(from, *to))
		return ccs_fail(f, CCS_ECONFLICT, "invalid_transition",
		    "status: a %s crisis cannot become %s",
		    ccs_crisis_status_name(from), ccs_crisis_status_name(*to));
	/* crossing into level 3-4 escalates an open crisis */
	if (ccs_crisis_escalates(sev) && !ccs_crisis_escalates(jint(c,
	    "severity")))
		*to = ccs_crisis_after_severity(*to, sev);
	return CCS_OK;
}

int
ccs_crisis_update(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	const json_t *sv = json_object_get(body, "severity");
	enum ccs_crisis_status to;
	json_t *c = NULL;
	int64_t sev;
	bool up;
	int rc;

	*out = NULL;
	rc = ccs_crisis_load(db, p, id, true, &c, f);
	if (rc != CCS_OK)
		return rc;
	if (!json_is_integer(json_object_get(body, "version"))) {
		rc = ccs_fail(f, CCS_EINVAL, "missing_field", "version is "
		    "required: the version of the crisis you read");
		goto out;
	}
	if (jint(body, "version") != jint(c, "version")) {
		rc = ccs_fail(f, CCS_ECONFLICT, "version_conflict", "version: "
		    "crisis %" PRId64 " changed since version %" PRId64
		    " (now %" PRId64 "); reload it", id, jint(body, "version"),
		    jint(c, "version"));
		goto out;
	}
	sev = sv != NULL ? json_integer_value(sv) : jint(c, "severity");
	rc = check_severity(sv, f);
	if (rc == CCS_OK)
		rc = check_cadence(json_object_get(body, "sitrep_hours"), f);
	if (rc == CCS_OK)
		rc = next_status(c, body, sev, &to, f);
	if (rc != CCS_OK)
		goto out;
	up = ccs_crisis_escalates(sev) && ccs_crisis_open(to) &&
	    !ccs_crisis_escalates(jint(c, "severity"));
	{
		const struct ccs_named np[] = {
			CCS_NAMED("title", CCS_VTEXT(ccs_jstr(body, "title"))),
			CCS_NAMED("summary", CCS_VTEXT(ccs_jstr(body,
			    "summary"))),
			CCS_NAMED("sev", CCS_VINT(sev)),
			CCS_NAMED("status", CCS_VTEXT(
			    ccs_crisis_status_name(to))),
			CCS_NAMED("cad", json_is_integer(json_object_get(body,
			    "sitrep_hours")) ? CCS_VINT(jint(body,
			    "sitrep_hours")) : CCS_VNULL),
			CCS_NAMED("closing", CCS_VINT(to == CCS_CRISIS_CLOSED ?
			    1 : 0)),
			CCS_NAMED("by", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
			CCS_NAMED("id", CCS_VINT(id)),
		};

		rc = ccs_db_exec_named(db, "UPDATE crises SET title = "
		    "COALESCE(:title, title), summary = COALESCE(:summary, "
		    "summary), severity = :sev, status = :status, "
		    "sitrep_hours = COALESCE(CAST(:cad AS INTEGER), "
		    "sitrep_hours), closed_at = CASE WHEN :closing = 1 THEN "
		    "COALESCE(closed_at, :now) ELSE NULL END, version = "
		    "version + 1, updated_by = :by, updated_at = :now WHERE id "
		    "= :id", np, CCS_NNAMED(np), NULL, NULL);
	}
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "crisis.update", "crisis", id,
		    body, now);
	if (rc == CCS_OK && up)
		rc = escalate(db, p, c, sev, now);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	rc = ccs_crisis_get(db, p, id, now, out, f);
out:
	json_decref(c);
	return rc;
}

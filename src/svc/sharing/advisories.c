/*
 * advisories.c: sending, reading and acknowledging advisories.
 *
 * An advisory goes to states; for TLP:AMBER those states are added to the
 * marking's share_states so the people asked to act can read it (the
 * marking is still made by svc/sharing/marking.c, and reads still go through
 * core/tlp.c). TLP:AMBER+STRICT is refused: its only readers are the
 * source organisation and the RIFC, so no recipient state could read what
 * it is asked to acknowledge. Each recipient state has one row with its
 * due time (created + ack_hours); an acknowledgement is one-time.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/incident.h"
#include "core/tlp.h"
#include "core/validate.h"
#include "svc/platform/audit.h"
#include "svc/platform/notify.h"
#include "svc/refs.h"
#include "svc/sharing/advisories.h"
#include "svc/sharing/collab.h"
#include "svc/sharing/indicators.h"
#include "svc/sharing/lists.h"
#include "svc/sharing/marking.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_advisory_fields[] = {
	{ "title", CCS_J_STRING, true, 1, 200 },
	{ "summary", CCS_J_STRING, true, 1, 20000 },
	{ "actions", CCS_J_ARRAY, false, 0, 50 },
	{ "severity", CCS_J_STRING, true, 1, 10 },
	{ "to_states", CCS_J_ARRAY, false, 0, 40 },
	{ "to_all", CCS_J_BOOL, false, 0, 0 },
	{ "ack_hours", CCS_J_INT, false, 0, 0 },
	{ "incident_id", CCS_J_INT, false, 0, 0 },
	{ "indicators", CCS_J_ARRAY, false, 0, 1000 },
	CCS_MARKING_JFIELDS
};
const size_t ccs_advisory_nfields = sizeof(ccs_advisory_fields) /
    sizeof(ccs_advisory_fields[0]);

#define ADV_SELECT "SELECT a.id, a.sender_state, a.author_id, a.author, " \
	"a.title, a.summary, a.actions, a.severity, a.ack_hours, " \
	"a.incident_id, a.created_at, a.marking_id, m.reader_set AS " \
	"m_reader_set, " CCS_MARKING_COLS \
	" FROM advisories a " \
	"JOIN markings m ON m.id = a.marking_id"

#define MAX_ACK_HOURS	720

static const char *const notify_roles[] = { "ncpoc", "cert" };

/* The recipient states as a new array of codes, checked and unique. */
static int
recipient_states(struct ccs_db *db, const json_t *body, json_t **out,
    struct ccs_fail *f)
{
	const json_t *to = json_object_get(body, "to_states"), *it;
	bool all = json_is_true(json_object_get(body, "to_all"));
	json_t *rows = NULL, *row;
	const char *code;
	char what[32];
	size_t i, k;
	int rc;

	*out = NULL;
	if (all && json_array_size(to) > 0)
		return ccs_fail(f, CCS_EINVAL, "recipients_conflict", "give "
		    "either to_states or to_all, not both");
	if (!all && json_array_size(to) == 0)
		return ccs_fail(f, CCS_EINVAL, "recipients_required", "to_states "
		    "must name at least one state, or set to_all");
	if (all) {
		rc = ccs_db_query_json(db, "SELECT code FROM states ORDER BY "
		    "code", NULL, 0, &rows);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		*out = json_array();
		json_array_foreach(rows, i, row)
			(void)json_array_append(*out, json_object_get(row,
			    "code"));
		json_decref(rows);
		return *out ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal",
		    "out of memory");
	}
	json_array_foreach(to, i, it) {
		code = json_string_value(it);
		if (!ccs_valid_iso2(code))
			return ccs_fail(f, CCS_EINVAL, "invalid_state_code",
			    "to_states[%zu] must be a two-letter state code", i);
		for (k = 0; k < i; k++) {
			if (strcmp(json_string_value(json_array_get(to, k)),
			    code) == 0)
				return ccs_fail(f, CCS_EINVAL,
				    "duplicate_state", "to_states[%zu]: %s is "
				    "listed twice", i, code);
		}
		(void)ccs_snprintf(what, sizeof(what), "to_states[%zu]", i);
		rc = ccs_state_known(db, code, what, f);
		if (rc != CCS_OK)
			return rc;
	}
	*out = json_deep_copy(to);
	return *out ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal",
	    "out of memory");
}

static int
check_actions(const json_t *actions, struct ccs_fail *f)
{
	const json_t *a;
	const char *s;
	size_t i;

	json_array_foreach(actions, i, a) {
		s = json_string_value(a);
		if (s == NULL || s[0] == '\0' || strlen(s) > 1000 ||
		    !ccs_text_ok(s))
			return ccs_fail(f, CCS_EINVAL, "invalid_action",
			    "actions[%zu] must be text of 1-1000 bytes", i);
	}
	return CCS_OK;
}

/* The marking body: for AMBER, share_states gains the recipients. */
static json_t *
marking_body(const json_t *body, const json_t *states)
{
	json_t *mb = json_deep_copy(body), *ss, *it;
	enum ccs_tlp tlp;
	size_t i, k;
	bool have;

	if (mb == NULL || !ccs_tlp_parse(ccs_jstr(body, "tlp"), &tlp) ||
	    tlp != CCS_TLP_AMBER)
		return mb;
	ss = json_object_get(mb, "share_states");
	if (!json_is_array(ss)) {
		ss = json_array();
		if (json_object_set_new(mb, "share_states", ss) != 0)
			goto nomem;
	}
	json_array_foreach(states, i, it) {
		have = false;
		for (k = 0; k < json_array_size(ss) && !have; k++)
			have = json_equal(json_array_get(ss, k), it);
		if (!have && json_array_append(ss, it) != 0)
			goto nomem;
	}
	return mb;
nomem:
	/* A marking without its recipients would store an advisory they
	 * cannot read: fail instead. */
	json_decref(mb);
	return NULL;
}

static int
insert_advisory(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, const char *sender, int64_t marking, int64_t hours,
    int64_t incident, int64_t now, int64_t *id)
{
	const json_t *actions = json_object_get(body, "actions");
	char *aj = actions ? json_dumps(actions, JSON_COMPACT) : strdup("[]");
	int rc;

	if (aj == NULL)
		return CCS_ENOMEM;
	const struct ccs_named np[] = {
		CCS_NAMED("marking", CCS_VINT(marking)),
		CCS_NAMED("sender", CCS_VTEXT(sender)),
		CCS_NAMED("author_id",
		    p->user_id > 0 ? CCS_VINT(p->user_id) : CCS_VNULL),
		CCS_NAMED("author", CCS_VTEXT(ccs_actor(p))),
		CCS_NAMED("title", CCS_VTEXT(ccs_jstr(body, "title"))),
		CCS_NAMED("summary", CCS_VTEXT(ccs_jstr(body, "summary"))),
		CCS_NAMED("actions", CCS_VTEXT(aj)),
		CCS_NAMED("severity", CCS_VTEXT(ccs_jstr(body, "severity"))),
		CCS_NAMED("hours", CCS_VINT(hours)),
		CCS_NAMED("incident",
		    incident > 0 ? CCS_VINT(incident) : CCS_VNULL),
		CCS_NAMED("now", CCS_VINT(now)),
	};

	rc = ccs_db_query_int_named(db, "INSERT INTO advisories (marking_id, "
	    "sender_state, author_id, author, title, summary, actions, "
	    "severity, ack_hours, incident_id, created_at) VALUES (:marking, "
	    ":sender, :author_id, :author, :title, :summary, :actions, "
	    ":severity, :hours, :incident, :now) RETURNING id", np,
	    CCS_NNAMED(np), id);
	free(aj);
	return rc;
}

/* Title, summary and actions as the search document's body. */
static int
index_advisory(struct ccs_db *db, const json_t *body, int64_t id,
    int64_t marking, int64_t now)
{
	const json_t *a;
	struct ccs_buf b;
	size_t i;
	int rc;

	ccs_buf_init(&b, 1u << 20);
	rc = ccs_buf_adds(&b, ccs_jstr(body, "summary"));
	json_array_foreach(json_object_get(body, "actions"), i, a) {
		if (rc == CCS_OK)
			rc = ccs_buf_printf(&b, "\n%s", json_string_value(a));
	}
	if (rc == CCS_OK)
		rc = ccs_collab_search_doc(db, "advisory", id, marking,
		    ccs_jstr(body, "title"), ccs_buf_str(&b), now);
	ccs_buf_free(&b);
	return rc;
}

/* The advisory's indicators: sightings under its marking, correlated
 * like any report, and linked to it. */
static int
add_indicators(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, const char *sender, int64_t marking, int64_t id,
    int64_t now, struct ccs_fail *f)
{
	json_t *ids = json_array(), *it;
	struct ccs_val v[2];
	size_t i;
	int rc;

	if (ids == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	rc = ccs_ind_sight_list(db, ccs_actor(p), marking, sender, 0,
	    json_object_get(body, "indicators"), "advisory", now, ids, f);
	json_array_foreach(ids, i, it) {
		if (rc != CCS_OK)
			break;
		v[0] = CCS_VINT(id);
		v[1] = CCS_VINT(json_integer_value(it));
		rc = ccs_db_exec(db, "INSERT INTO advisory_indicators "
		    "(advisory_id, value_id) VALUES ($1, $2) ON CONFLICT DO "
		    "NOTHING", v, 2, NULL, NULL);
		if (rc != CCS_OK)
			rc = ccs_dbfail(f, db, rc);
	}
	json_decref(ids);
	return rc;
}

/* The advisory's indicators with what @p p may see of them elsewhere. */
static int
indicators_of(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    int64_t marking, json_t *row)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *list = NULL, *it, *m;
	size_t i;
	int rc;

	rc = ccs_db_query_json(db, "SELECT v.id, v.type, v.value, v.warning "
	    "FROM advisory_indicators ai JOIN ind_values v ON v.id = "
	    "ai.value_id WHERE ai.advisory_id = $1 ORDER BY v.id", &v, 1,
	    &list);
	json_array_foreach(list, i, it) {
		if (rc != CCS_OK)
			break;
		rc = ccs_ind_matches(db, p, json_integer_value(json_object_get(
		    it, "id")), 0, marking, &m);
		if (rc == CCS_OK)
			(void)json_object_set_new(it, "matches", m);
	}
	if (rc == CCS_OK)
		(void)json_object_set_new(row, "indicators", list);
	else
		json_decref(list);
	return rc;
}

static int
notify(struct ccs_db *db, const json_t *body, const json_t *states,
    const char *sender, int64_t id, int64_t marking, int64_t now)
{
	const char *codes[64];
	struct ccs_topic topics[65];
	size_t i, n = json_array_size(states), nt;
	int rc;

	if (n > 64)
		n = 64;	/* the directory holds fewer states */
	for (i = 0; i < n; i++) {
		codes[i] = json_string_value(json_array_get(states, i));
		topics[i].topic = "state";
		topics[i].value = codes[i];
	}
	/* subscribers of the sending state hear of it too */
	nt = n;
	if (sender != NULL) {
		topics[nt].topic = "state";
		topics[nt].value = sender;
		nt++;
	}
	rc = ccs_notify_users(db, "advisory", id, marking, codes, n,
	    notify_roles, 2, "advisory to your state", now);
	if (rc == CCS_OK)
		rc = ccs_notify_record(db, "advisory", id, marking, topics, nt,
		    ccs_jstr(body, "title"), now);
	return rc;
}

int
ccs_adv_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	const char *sender = p->state[0] ? p->state : NULL;
	const char *sev = ccs_jstr(body, "severity");
	const json_t *jh = json_object_get(body, "ack_hours");
	const json_t *ji = json_object_get(body, "incident_id");
	json_t *states = NULL, *mb = NULL, *st;
	struct ccs_val v[3];
	int64_t hours, incident = 0, marking, id;
	enum ccs_severity severity;
	enum ccs_tlp tlp;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_ADVISORY_SEND, sender);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden", "only RIFC "
		    "analysts and national CERT users send advisories");
	if (!ccs_severity_parse(sev, &severity))
		return ccs_fail(f, CCS_EINVAL, "invalid_severity", "severity "
		    "must be one of low, medium, high, critical");
	hours = ccs_severity_ack_hours(severity);
	if (jh != NULL) {
		hours = json_integer_value(jh);
		if (hours < 1 || hours > MAX_ACK_HOURS)
			return ccs_fail(f, CCS_EINVAL, "invalid_ack_hours",
			    "ack_hours must be 1-%d", MAX_ACK_HOURS);
	}
	rc = check_actions(json_object_get(body, "actions"), f);
	if (rc != CCS_OK)
		return rc;
	if (ccs_tlp_parse(ccs_jstr(body, "tlp"), &tlp) &&
	    tlp == CCS_TLP_AMBER_STRICT)
		return ccs_fail(f, CCS_EINVAL, "tlp_excludes_recipients",
		    "TLP:AMBER+STRICT is read by the source organisation and "
		    "the RIFC only, so recipient states could not read the "
		    "advisory; use TLP:AMBER");
	if (ji != NULL) {
		incident = json_integer_value(ji);
		rc = ccs_ref_check(db, p, CCS_REF_INCIDENT, incident,
		    "incident_id", f);
		if (rc != CCS_OK)
			return rc;
	}
	rc = recipient_states(db, body, &states, f);
	if (rc != CCS_OK)
		return rc;
	mb = marking_body(body, states);
	if (mb == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	rc = ccs_marking_create(db, p, mb, sender, now, &marking, f);
	if (rc != CCS_OK)
		goto out;
	rc = insert_advisory(db, p, body, sender, marking, hours, incident, now,
	    &id);
	json_array_foreach(states, i, st) {
		if (rc != CCS_OK)
			break;
		v[0] = CCS_VINT(id);
		v[1] = CCS_VTEXT(json_string_value(st));
		v[2] = CCS_VINT(now + hours * 3600);
		rc = ccs_db_exec(db, "INSERT INTO advisory_recipients "
		    "(advisory_id, state_code, due_at) VALUES ($1, $2, $3)", v,
		    3, NULL, NULL);
	}
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	rc = add_indicators(db, p, body, sender, marking, id, now, f);
	if (rc != CCS_OK)
		goto out;
	rc = index_advisory(db, body, id, marking, now);
	if (rc == CCS_OK) {
		rc = ccs_audit_record(db, p, "advisory.create", "advisory", id,
		    body, now);
	}
	if (rc == CCS_OK)
		rc = notify(db, body, states, sender, id, marking, now);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	rc = ccs_adv_get(db, p, id, now, out, f);
out:
	json_decref(states);
	json_decref(mb);
	return rc;
}

/* Parses actions, adds recipients, hides an unreadable incident link. */
static int
decorate(struct ccs_db *db, const struct ccs_principal *p, json_t *adv,
    int64_t now)
{
	json_t *actions, *rcpts = NULL, *r;
	struct ccs_val v;
	int64_t inc, due;
	size_t i;
	bool ok;
	int rc;

	actions = json_loads(ccs_jstr(adv, "actions") ? ccs_jstr(adv,
	    "actions") : "[]", 0, NULL);
	(void)json_object_set_new(adv, "actions", actions ? actions :
	    json_array());
	inc = json_integer_value(json_object_get(adv, "incident_id"));
	if (inc > 0) {
		rc = ccs_ref_readable(db, p, CCS_REF_INCIDENT, inc, &ok);
		if (rc != CCS_OK)
			return rc;
		if (!ok)
			(void)json_object_set_new(adv, "incident_id",
			    json_null());
	}
	(void)json_object_del(adv, "author_id");
	v = CCS_VINT(json_integer_value(json_object_get(adv, "id")));
	rc = ccs_db_query_json(db, "SELECT state_code AS state, due_at, "
	    "acked_at, acked_by FROM advisory_recipients WHERE advisory_id = "
	    "$1 ORDER BY state_code", &v, 1, &rcpts);
	if (rc != CCS_OK)
		return rc;
	json_array_foreach(rcpts, i, r) {
		due = json_integer_value(json_object_get(r, "due_at"));
		(void)json_object_set_new(r, "overdue", json_boolean(
		    json_is_null(json_object_get(r, "acked_at")) && due < now));
	}
	(void)json_object_set_new(adv, "recipient_states", rcpts);
	return CCS_OK;
}

int
ccs_adv_get(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    int64_t now, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *row = NULL;
	int rc;

	*out = NULL;
	rc = ccs_db_query_one(db, ADV_SELECT " WHERE a.id = $1", &v, 1, &row);
	if (rc == CCS_ENOTFOUND || (rc == CCS_OK &&
	    ccs_marking_view(p, row) != CCS_TLP_FULL)) {
		json_decref(row);
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no advisory "
		    "%" PRId64, id);
	}
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	ccs_marking_present(row);
	rc = decorate(db, p, row, now);
	if (rc == CCS_OK)
		rc = indicators_of(db, p, id, json_integer_value(
		    json_object_get(row, "marking_id")), row);
	if (rc != CCS_OK) {
		json_decref(row);
		return ccs_dbfail(f, db, rc);
	}
	*out = row;
	return CCS_OK;
}

const struct ccs_keyset_col ccs_adv_list_cols[] = {
	{ "created_at", "created_at", CCS_KEYSET_INT, true },
	{ "title", "COALESCE(title, '')", CCS_KEYSET_TEXT, false },
	{ "sender_state", "COALESCE(sender_state, '')", CCS_KEYSET_TEXT,
	    false },
};
const size_t ccs_adv_list_ncols = sizeof(ccs_adv_list_cols) /
    sizeof(ccs_adv_list_cols[0]);

struct deco {
	struct ccs_db			*db;	/* the store */
	const struct ccs_principal	*p;	/* the reader */
	int64_t				 now;	/* for overdue */
};

static int
deco_cb(void *arg, json_t *row)
{
	struct deco *d = arg;

	return decorate(d->db, d->p, row, d->now);
}

int
ccs_adv_list(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_adv_filter *flt, struct ccs_keyset *ks, bool whole,
    int64_t now, json_t **out, struct ccs_fail *f)
{
	static const char *const words[] = { "a.title", "a.summary",
	    "a.actions", "a.sender_state" };
	struct ccs_val v[3 + CCS_KEYSET_WORDS];
	struct deco d = { db, p, now };
	struct ccs_buf q;
	size_t n = 3;
	int rc;

	*out = NULL;
	ccs_buf_init(&q, 8192);
	v[0] = CCS_VTEXT(flt->state);
	v[1] = CCS_VINT(flt->from);
	v[2] = CCS_VINT(flt->to);
	rc = ccs_buf_printf(&q, ADV_SELECT " WHERE a.created_at >= $2 AND "
	    "(CAST($3 AS BIGINT) = 0 OR a.created_at < $3) AND "
	    "(CAST($1 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM "
	    "advisory_recipients r WHERE r.advisory_id = a.id AND "
	    "r.state_code = $1))%s", flt->unacked ? " AND EXISTS (SELECT 1 "
	    "FROM advisory_recipients r WHERE r.advisory_id = a.id AND "
	    "r.acked_at IS NULL AND (CAST($1 AS TEXT) IS NULL OR "
	    "r.state_code = $1))" : "");
	if (rc == CCS_OK)
		rc = ccs_keyset_words(ks, &q, flt->q, words,
		    sizeof(words) / sizeof(words[0]), v, &n,
		    sizeof(v) / sizeof(v[0]));
	if (rc == CCS_EINVAL) {
		ccs_buf_free(&q);
		return ccs_fail(f, rc, "invalid_query", "q may hold at most %d "
		    "words", CCS_KEYSET_WORDS);
	}
	if (rc == CCS_OK)
		rc = ccs_shared_list(db, p, ccs_buf_str(&q), v, n, ks, whole,
		    deco_cb, &d, out);
	ccs_buf_free(&q);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}

int
ccs_adv_ack(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    int64_t now, struct ccs_fail *f)
{
	struct ccs_val v[4];
	json_t *row = NULL, *rcpt = NULL;
	int rc;

	v[0] = CCS_VINT(id);
	rc = ccs_db_query_one(db, ADV_SELECT " WHERE a.id = $1", v, 1, &row);
	if (rc == CCS_ENOTFOUND || (rc == CCS_OK &&
	    ccs_marking_view(p, row) != CCS_TLP_FULL)) {
		json_decref(row);
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no advisory "
		    "%" PRId64, id);
	}
	json_decref(row);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	rc = ccs_policy_check(p, CCS_ACT_ADVISORY_ACK, p->state);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "forbidden", "only NCPOC and CERT users "
		    "acknowledge advisories, for their own state");
	v[1] = CCS_VTEXT(p->state);
	rc = ccs_db_query_one(db, "SELECT acked_at, acked_by FROM "
	    "advisory_recipients WHERE advisory_id = $1 AND state_code = $2",
	    v, 2, &rcpt);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, CCS_EPERM, "not_a_recipient", "this advisory "
		    "was not sent to %s", p->state);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (!json_is_null(json_object_get(rcpt, "acked_at"))) {
		rc = ccs_fail(f, CCS_ECONFLICT, "already_acknowledged", "%s "
		    "acknowledged this advisory already (%s)", p->state,
		    ccs_jstr(rcpt, "acked_by") ? ccs_jstr(rcpt, "acked_by") :
		    "");
		json_decref(rcpt);
		return rc;
	}
	json_decref(rcpt);
	v[2] = CCS_VINT(now);
	v[3] = CCS_VTEXT(ccs_actor(p));
	rc = ccs_db_exec(db, "UPDATE advisory_recipients SET acked_at = $3, "
	    "acked_by = $4 WHERE advisory_id = $1 AND state_code = $2", v, 4,
	    NULL, NULL);
	if (rc == CCS_OK) {
		rc = ccs_audit_recordf(db, p, "advisory.ack", "advisory", NULL,
		    now, "%" PRId64 "/%s", id, p->state);
	}
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

/* Unacknowledged recipients past their due time ($1); the reader's sets
 * are added to the WHERE clause (marking.h). */
#define OVERDUE_SELECT "SELECT a.id AS advisory_id, a.title, a.severity, " \
	"a.author, r.state_code AS state, r.due_at, " CCS_MARKING_COLS \
	" FROM advisory_recipients r JOIN advisories a ON a.id = " \
	"r.advisory_id JOIN markings m ON m.id = a.marking_id WHERE " \
	"r.acked_at IS NULL AND r.due_at < $1"

int
ccs_adv_overdue(struct ccs_db *db, const struct ccs_principal *p,
    int64_t now, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v[2] = { CCS_VINT(now), CCS_VINT(p->user_id) };
	bool rifc = ccs_tlp_is_rifc(p);
	json_t *it;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_marking_rows(db, p, rifc ? OVERDUE_SELECT : OVERDUE_SELECT
	    " AND a.author_id = $2", "ORDER BY r.due_at, a.id, r.state_code",
	    v, rifc ? 1 : 2, 1000, out);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	json_array_foreach(*out, i, it) {
		(void)json_object_set_new(it, "overdue_seconds", json_integer(
		    now - json_integer_value(json_object_get(it, "due_at"))));
	}
	return CCS_OK;
}

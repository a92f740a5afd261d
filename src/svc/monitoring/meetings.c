/*
 * meetings.c: recording and reading monitoring meetings.
 *
 * A meeting row holds its agenda and decisions as JSON arrays of text;
 * attendees are rows of meeting_attendees naming an organisation, a
 * person (contacts) or a state of the directory, each checked to exist
 * before anything is written. A write is one transaction with its audit
 * event. Restricted minutes: the marking is created with the meeting (or
 * a new one with a PATCH that sends minutes_sharing) and asked at every
 * read through ccs_marking_view; a reader who may not read it gets the
 * meeting without its minutes.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/monitoring/recommendations.h"
#include "core/validate.h"
#include "svc/capacity/cap_common.h"
#include "svc/monitoring/meetings.h"
#include "svc/monitoring/meetings_common.h"
#include "svc/monitoring/recommendations.h"
#include "svc/sharing/marking.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_meeting_fields[] = {
	{ "kind", CCS_J_STRING, true, 1, 20 },
	{ "title", CCS_J_STRING, true, 1, 300 },
	{ "date", CCS_J_STRING, true, 1, 10 },
	{ "place", CCS_J_NULLSTR, false, 1, 300 },
	{ "host_state", CCS_J_NULLSTR, false, 1, 2 },
	{ "online", CCS_J_BOOL, false, 0, 0 },
	{ "agenda", CCS_J_ARRAY, false, 0, 100 },
	{ "minutes", CCS_J_STRING, false, 0, 100000 },
	{ "minutes_sharing", CCS_J_OBJECT, false, 0, 0 },
	{ "decisions", CCS_J_ARRAY, false, 0, 200 },
	{ "attendees", CCS_J_ARRAY, false, 0, 500 },
	{ "version", CCS_J_INT, false, 0, 0 },
};
const size_t ccs_meeting_nfields = sizeof(ccs_meeting_fields) /
    sizeof(ccs_meeting_fields[0]);


#define MEETING_COLS "id, kind, title, meeting_date AS date, place, " \
	"host_state, online, agenda, minutes, minutes_marking_id, " \
	"decisions, version, created_by, created_at, updated_by, updated_at"

static bool
kind_known(const char *k)
{
	return ccs_vocab_has(&ccs_meeting_kinds, k);
}

/* Withholds the minutes of @p m from @p p when its marking says so. */
static int
minutes_view(struct ccs_db *db, const struct ccs_principal *p, json_t *m)
{
	json_t *mk = NULL;
	int64_t mid = json_integer_value(json_object_get(m,
	    "minutes_marking_id"));
	bool restricted = false;
	int rc = CCS_OK;

	if (mid > 0) {
		rc = ccs_marking_load(db, mid, &mk);
		if (rc != CCS_OK)
			return rc;
		restricted = !p->system && ccs_marking_view(p, mk) !=
		    CCS_TLP_FULL;
		(void)json_object_set_new(m, "minutes_tlp", json_string(
		    ccs_jstr(mk, "m_tlp")));
		json_decref(mk);
	} else {
		(void)json_object_set_new(m, "minutes_tlp", json_null());
	}
	json_object_del(m, "minutes_marking_id");
	if (restricted)
		(void)json_object_set_new(m, "minutes", json_null());
	(void)json_object_set_new(m, "minutes_restricted",
	    json_boolean(restricted));
	return CCS_OK;
}

static int
present(struct ccs_db *db, const struct ccs_principal *p, json_t *m)
{
	(void)json_object_set_new(m, "online", json_boolean(
	    json_integer_value(json_object_get(m, "online")) != 0));
	ccs_mon_parse_member(m, "agenda");
	ccs_mon_parse_member(m, "decisions");
	return minutes_view(db, p, m);
}

static int
add_attendees(struct ccs_db *db, json_t *m)
{
	struct ccs_val v = CCS_VINT(json_integer_value(json_object_get(m,
	    "id")));
	json_t *rows = NULL;
	int rc;

	rc = ccs_db_query_json(db, "SELECT a.organisation_id, o.name AS "
	    "organisation, a.contact_id, c.name AS person, a.state_code AS "
	    "state, s.name AS state_name, a.role FROM meeting_attendees a "
	    "LEFT JOIN organisations o ON o.id = a.organisation_id LEFT JOIN "
	    "contacts c ON c.id = a.contact_id LEFT JOIN states s ON s.code = "
	    "a.state_code WHERE a.meeting_id = $1 ORDER BY a.seq", &v, 1,
	    &rows);
	if (rc == CCS_OK)
		(void)json_object_set_new(m, "attendees", rows);
	return rc;
}

/* Loads meeting @p id for @p p; with its recommendations when @p full. */
static int
load(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    bool full, int64_t now, json_t **out)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *recs = NULL;
	int rc;

	rc = ccs_db_query_one(db, "SELECT " MEETING_COLS " FROM meetings "
	    "WHERE id = $1", &v, 1, out);
	if (rc == CCS_OK)
		rc = present(db, p, *out);
	if (rc == CCS_OK)
		rc = add_attendees(db, *out);
	if (rc == CCS_OK && full)
		rc = ccs_rec_of_meeting(db, id, now, &recs);
	if (rc == CCS_OK && full)
		(void)json_object_set_new(*out, "recommendations", recs);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

static const struct ccs_keyset_col meeting_cols[] = {
	{ "date", "meeting_date", CCS_KEYSET_TEXT, true },
	{ "title", "title", CCS_KEYSET_TEXT, false },
	{ "kind", "kind", CCS_KEYSET_TEXT, false },
	{ "updated_at", "updated_at", CCS_KEYSET_INT, true },
};

/* never the minutes: they may be withheld from the reader */
static const char *const meeting_text[] = {
	"title", "kind", "COALESCE(place, '')", "COALESCE(host_state, '')",
	"agenda", "decisions",
};

static const struct ccs_listq_csvcol meeting_csv[] = {
	{ "id", "id", false }, { "date", "date", false },
	{ "kind", "kind", false }, { "title", "title", false },
	{ "place", "place", false }, { "host_state", "host_state", false },
	{ "online", "online", false },
	{ "minutes_tlp", "minutes_tlp", false },
	{ "minutes_restricted", "minutes_restricted", false },
	{ "updated_at", "updated_at", true },
};

const struct ccs_listq_def ccs_meeting_list_def = {
	.name = "meetings", .select = "SELECT " MEETING_COLS,
	.from = "FROM meetings WHERE 1 = 1",
	.cols = meeting_cols,
	.ncols = sizeof(meeting_cols) / sizeof(meeting_cols[0]),
	.id_expr = "id", .text = meeting_text,
	.ntext = sizeof(meeting_text) / sizeof(meeting_text[0]),
	.date_expr = "meeting_date", .date_kind = CCS_LISTQ_DAY,
	.csv = meeting_csv,
	.ncsv = sizeof(meeting_csv) / sizeof(meeting_csv[0]),
};

/* A row of the list as the reader may see it, with its attendees. */
static int
list_row(struct ccs_db *db, json_t *row, const void *ctx)
{
	int rc = present(db, ctx, row);

	return rc == CCS_OK ? add_attendees(db, row) : rc;
}

int
ccs_meeting_query(const struct ccs_principal *p, const char *kind,
    struct ccs_keyset *ks, const char *q, int64_t from, int64_t to,
    struct ccs_listq **out, struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_MONITORING_READ, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "read meetings");
	if (kind != NULL && !kind_known(kind))
		return ccs_fail(f, CCS_EINVAL, "unknown_kind", "kind must be "
		    "one of rcc, steering, csm, heads_intel, consle");
	rc = ccs_listq_new(&ccs_meeting_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	ccs_listq_eq(lq, "kind", CCS_VTEXT(kind));
	ccs_listq_each(lq, list_row, p);
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

int
ccs_meeting_get(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, int64_t now, json_t **out, struct ccs_fail *f)
{
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_MONITORING_READ, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "read meetings");
	rc = load(db, p, id, true, now, out);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no meeting %" PRId64, id);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

static int
contact_known(struct ccs_db *db, int64_t id, const char *path,
    struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	int64_t n = 0;
	int rc;

	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM contacts WHERE id = "
	    "$1", &v, 1, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (n == 0)
		return ccs_fail(f, CCS_EINVAL, "unknown_contact", "%s: no "
		    "person %" PRId64 " in the directory", path, id);
	return CCS_OK;
}

/* Checks attendee @p i of the body. */
static int
check_attendee(struct ccs_db *db, const json_t *a, size_t i,
    struct ccs_fail *f)
{
	static const char *const keys[] = { "organisation_id", "contact_id",
		"state", "role" };
	char path[48];
	const char *key, *s = NULL;
	const json_t *v;
	int64_t id = 0;
	size_t k;
	bool known;
	int rc;

	(void)ccs_snprintf(path, sizeof(path), "attendees[%zu].", i);
	if (!json_is_object(a))
		return ccs_fail(f, CCS_EINVAL, "invalid_field",
		    "attendees[%zu] must be an object", i);
	json_object_foreach((json_t *)a, key, v) {
		known = false;
		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			known = known || strcmp(keys[k], key) == 0;
		if (!known)
			return ccs_fail(f, CCS_EINVAL, "unknown_field",
			    "%s%.40s is not a field of an attendee", path, key);
	}
	if (json_object_get(a, "organisation_id") == NULL &&
	    json_object_get(a, "contact_id") == NULL &&
	    json_object_get(a, "state") == NULL)
		return ccs_fail(f, CCS_EINVAL, "missing_field",
		    "attendees[%zu] needs organisation_id, contact_id or state",
		    i);
	rc = ccs_cap_int(a, "organisation_id", 1, INT64_MAX, false, path, &id,
	    f);
	if (rc == CCS_OK && id > 0) {
		(void)ccs_snprintf(path, sizeof(path), "attendees[%zu]."
		    "organisation_id", i);
		rc = ccs_cap_org_known(db, id, path, f);
		(void)ccs_snprintf(path, sizeof(path), "attendees[%zu].", i);
	}
	id = 0;
	if (rc == CCS_OK)
		rc = ccs_cap_int(a, "contact_id", 1, INT64_MAX, false, path,
		    &id, f);
	if (rc == CCS_OK && id > 0) {
		(void)ccs_snprintf(path, sizeof(path), "attendees[%zu]."
		    "contact_id", i);
		rc = contact_known(db, id, path, f);
		(void)ccs_snprintf(path, sizeof(path), "attendees[%zu].", i);
	}
	if (rc == CCS_OK)
		rc = ccs_cap_str(a, "state", 2, false, path, &s, f);
	if (rc == CCS_OK && s != NULL) {
		(void)ccs_snprintf(path, sizeof(path), "attendees[%zu].state",
		    i);
		rc = ccs_state_known(db, s, path, f);
		(void)ccs_snprintf(path, sizeof(path), "attendees[%zu].", i);
	}
	if (rc == CCS_OK)
		rc = ccs_cap_str(a, "role", 60, false, path, &s, f);
	return rc;
}

/* The values of a write, checked; texts are new (free_vals). */
struct mvals {
	const char	*kind, *title, *date, *place, *host, *minutes;
	int64_t		 online;
	char		*agenda, *decisions;
};

static void
free_vals(struct mvals *m)
{
	free(m->agenda);
	free(m->decisions);
}

/* The body's texts @p key, or the current row's when the body has none. */
static int
texts_or_current(const json_t *body, const json_t *cur, const char *key,
    size_t max, size_t maxlen, char **out, struct ccs_fail *f)
{
	if (json_object_get(body, key) == NULL && cur != NULL) {
		*out = json_dumps(json_object_get(cur, key), JSON_COMPACT);
		return CCS_OK;
	}
	return ccs_mon_texts(body, key, max, maxlen, out, f);
}

/* Checks the body over the current row @p cur (NULL for a new one). */
static int
check(struct ccs_db *db, const json_t *body, const json_t *cur,
    struct mvals *m, struct ccs_fail *f)
{
	const json_t *b = body, *it;
	size_t i;
	int rc;

	memset(m, 0, sizeof(*m));
#define PICK(k) (json_object_get(b, k) ? json_object_get(b, k) : \
	json_object_get(cur, k))
	m->kind = json_string_value(PICK("kind"));
	m->title = json_string_value(PICK("title"));
	m->date = json_string_value(PICK("date"));
	m->place = json_string_value(PICK("place"));
	m->host = json_string_value(PICK("host_state"));
	m->minutes = json_object_get(b, "minutes") ? json_string_value(
	    json_object_get(b, "minutes")) : (cur ? json_string_value(
	    json_object_get(cur, "minutes_raw")) : "");
	m->online = json_is_true(PICK("online")) ? 1 : 0;
#undef PICK
	if (!kind_known(m->kind))
		return ccs_fail(f, CCS_EINVAL, "unknown_kind", "kind must be "
		    "one of rcc, steering, csm, heads_intel, consle");
	if (m->date == NULL || !ccs_valid_date(m->date))
		return ccs_fail(f, CCS_EINVAL, "invalid_date", "date must be a "
		    "date YYYY-MM-DD");
	if (m->online == 0 && m->place == NULL)
		return ccs_fail(f, CCS_EINVAL, "missing_field", "place is "
		    "required unless the meeting was online");
	if (m->host != NULL) {
		rc = ccs_state_known(db, m->host, "host_state", f);
		if (rc != CCS_OK)
			return rc;
	}
	json_array_foreach(json_object_get(body, "attendees"), i, it) {
		rc = check_attendee(db, it, i, f);
		if (rc != CCS_OK)
			return rc;
	}
	rc = texts_or_current(body, cur, "agenda", 100, 1000, &m->agenda, f);
	if (rc == CCS_OK)
		rc = texts_or_current(body, cur, "decisions", 200, 4000,
		    &m->decisions, f);
	if (rc != CCS_OK)
		return rc;
	if (m->agenda == NULL || m->decisions == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

static int
write_attendees(struct ccs_db *db, int64_t id, const json_t *body)
{
	struct ccs_val v = CCS_VINT(id);
	const json_t *a;
	size_t i;
	int rc;

	rc = ccs_db_exec(db, "DELETE FROM meeting_attendees WHERE meeting_id "
	    "= $1", &v, 1, NULL, NULL);
	json_array_foreach(json_object_get(body, "attendees"), i, a) {
		const struct ccs_named np[] = {
			CCS_NAMED("m", CCS_VINT(id)),
			CCS_NAMED("seq", CCS_VINT((int64_t)i + 1)),
			CCS_NAMED("org", json_object_get(a, "organisation_id") ?
			    CCS_VINT(json_integer_value(json_object_get(a,
			    "organisation_id"))) : CCS_VNULL),
			CCS_NAMED("person", json_object_get(a, "contact_id") ?
			    CCS_VINT(json_integer_value(json_object_get(a,
			    "contact_id"))) : CCS_VNULL),
			CCS_NAMED("state", CCS_VTEXT(ccs_jstr(a, "state"))),
			CCS_NAMED("role", CCS_VTEXT(ccs_jstr(a, "role") ?
			    ccs_jstr(a, "role") : "member")),
		};

		if (rc != CCS_OK)
			break;
		rc = ccs_db_exec_named(db, "INSERT INTO meeting_attendees "
		    "(meeting_id, seq, organisation_id, contact_id, "
		    "state_code, role) VALUES (:m, :seq, :org, :person, "
		    ":state, :role)", np, CCS_NNAMED(np), NULL, NULL);
	}
	return rc;
}

/* Creates the minutes' marking when the body has one; 0 otherwise. */
static int
marking_of(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, int64_t *mid, struct ccs_fail *f)
{
	const json_t *ms = json_object_get(body, "minutes_sharing");

	*mid = 0;
	if (ms == NULL)
		return CCS_OK;
	return ccs_marking_create(db, p, ms, NULL, now, mid, f);
}

int
ccs_meeting_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	struct mvals m;
	int64_t id = 0, mid = 0;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_MEETING_WRITE, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "record meetings");
	rc = check(db, body, NULL, &m, f);
	if (rc == CCS_OK)
		rc = marking_of(db, p, body, now, &mid, f);
	if (rc != CCS_OK)
		goto out;
	{
		const struct ccs_named np[] = {
			CCS_NAMED("kind", CCS_VTEXT(m.kind)),
			CCS_NAMED("title", CCS_VTEXT(m.title)),
			CCS_NAMED("date", CCS_VTEXT(m.date)),
			CCS_NAMED("place", CCS_VTEXT(m.place)),
			CCS_NAMED("host", CCS_VTEXT(m.host)),
			CCS_NAMED("online", CCS_VINT(m.online)),
			CCS_NAMED("agenda", CCS_VTEXT(m.agenda)),
			CCS_NAMED("minutes", CCS_VTEXT(m.minutes ? m.minutes :
			    "")),
			CCS_NAMED("mk", mid > 0 ? CCS_VINT(mid) : CCS_VNULL),
			CCS_NAMED("decisions", CCS_VTEXT(m.decisions)),
			CCS_NAMED("who", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_query_int_named(db, "INSERT INTO meetings (kind, "
		    "title, meeting_date, place, host_state, online, agenda, "
		    "minutes, minutes_marking_id, decisions, created_by, "
		    "created_at, updated_by, updated_at) VALUES (:kind, "
		    ":title, :date, :place, :host, :online, :agenda, "
		    ":minutes, :mk, :decisions, :who, :now, :who, :now) "
		    "RETURNING id", np,
		    CCS_NNAMED(np), &id);
	}
	if (rc == CCS_OK)
		rc = write_attendees(db, id, body);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "meeting.create", "meeting", id,
		    body, now);
	if (rc == CCS_OK)
		rc = load(db, p, id, true, now, out);
	if (rc != CCS_OK)
		rc = ccs_dbfail(f, db, rc);
out:
	free_vals(&m);
	return rc;
}

int
ccs_meeting_update(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	struct mvals m;
	json_t *cur = NULL;
	int64_t mid = 0;
	int rc;

	*out = NULL;
	memset(&m, 0, sizeof(m));
	rc = ccs_policy_check(p, CCS_ACT_MEETING_WRITE, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "change meetings");
	if (json_object_get(body, "version") == NULL)
		return ccs_fail(f, CCS_EINVAL, "missing_field", "version is "
		    "required: the version of the meeting you read");
	rc = ccs_db_query_one(db, "SELECT " MEETING_COLS ", minutes AS "
	    "minutes_raw FROM meetings WHERE id = $1", &v, 1, &cur);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no meeting %" PRId64, id);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	ccs_mon_parse_member(cur, "agenda");
	ccs_mon_parse_member(cur, "decisions");
	(void)json_object_set_new(cur, "online", json_boolean(
	    json_integer_value(json_object_get(cur, "online")) != 0));
	if (json_integer_value(json_object_get(body, "version")) !=
	    json_integer_value(json_object_get(cur, "version"))) {
		rc = ccs_fail(f, CCS_ECONFLICT, "stale_version", "the meeting "
		    "changed since you read it (now version %"
		    JSON_INTEGER_FORMAT "): reload it", json_integer_value(
		    json_object_get(cur, "version")));
		goto out;
	}
	rc = check(db, body, cur, &m, f);
	if (rc == CCS_OK)
		rc = marking_of(db, p, body, now, &mid, f);
	if (rc != CCS_OK)
		goto out;
	if (mid == 0)
		mid = json_integer_value(json_object_get(cur,
		    "minutes_marking_id"));
	{
		const struct ccs_named np[] = {
			CCS_NAMED("id", CCS_VINT(id)),
			CCS_NAMED("kind", CCS_VTEXT(m.kind)),
			CCS_NAMED("title", CCS_VTEXT(m.title)),
			CCS_NAMED("date", CCS_VTEXT(m.date)),
			CCS_NAMED("place", CCS_VTEXT(m.place)),
			CCS_NAMED("host", CCS_VTEXT(m.host)),
			CCS_NAMED("online", CCS_VINT(m.online)),
			CCS_NAMED("agenda", CCS_VTEXT(m.agenda)),
			CCS_NAMED("minutes", CCS_VTEXT(m.minutes ? m.minutes :
			    "")),
			CCS_NAMED("mk", mid > 0 ? CCS_VINT(mid) : CCS_VNULL),
			CCS_NAMED("decisions", CCS_VTEXT(m.decisions)),
			CCS_NAMED("who", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_exec_named(db, "UPDATE meetings SET kind = :kind, "
		    "title = :title, meeting_date = :date, place = :place, "
		    "host_state = :host, online = :online, agenda = :agenda, "
		    "minutes = :minutes, minutes_marking_id = :mk, decisions = "
		    ":decisions, updated_by = :who, updated_at = :now, version "
		    "= version + 1 WHERE id = :id", np, CCS_NNAMED(np), NULL,
		    NULL);
	}
	if (rc == CCS_OK && json_object_get(body, "attendees") != NULL)
		rc = write_attendees(db, id, body);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "meeting.update", "meeting", id,
		    body, now);
	if (rc == CCS_OK)
		rc = load(db, p, id, true, now, out);
	if (rc != CCS_OK)
		rc = ccs_dbfail(f, db, rc);
out:
	free_vals(&m);
	json_decref(cur);
	return rc;
}

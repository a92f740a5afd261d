/*
 * incidents.c: reporting, reading and updating incidents.
 *
 * A report and everything in it (marking, indicators and their sightings,
 * links, attachments, search document, audit event) is one transaction:
 * any refused part stores nothing. Vocabularies (RSIT, sectors, crime
 * links) come from the embedded data/seed/sharing.json; severities and the
 * status workflow are core/incident.c's.
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
#include "svc/sharing/incidents.h"
#include "svc/sharing/indicators.h"
#include "svc/sharing/marking.h"
#include "svc/standards/evidence.h"
#include "svc/svc.h"
#include "svc/taxii/taxii.h"
#include "util/asset.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#define VOCAB	"data/seed/sharing.json"

const struct ccs_jfield ccs_incident_fields[] = {
	{ "state", CCS_J_STRING, false, 2, 2 },
	{ "title", CCS_J_STRING, true, 3, 300 },
	{ "description", CCS_J_STRING, true, 1, 20000 },
	{ "rsit", CCS_J_STRING, true, 3, 80 },
	{ "severity", CCS_J_STRING, true, 3, 10 },
	{ "status", CCS_J_STRING, false, 3, 20 },
	{ "sectors", CCS_J_ARRAY, false, 0, 30 },
	{ "crime_links", CCS_J_ARRAY, false, 0, 10 },
	{ "states_involved", CCS_J_ARRAY, false, 0, 40 },
	{ "occurred_at", CCS_J_STRING, false, 10, 40 },
	{ "detected_at", CCS_J_STRING, false, 10, 40 },
	{ "related", CCS_J_ARRAY, false, 0, 50 },
	{ "indicators", CCS_J_ARRAY, false, 0, 1000 },
	{ "files", CCS_J_ARRAY, false, 0, 10 },
	CCS_MARKING_JFIELDS,
};
const size_t ccs_incident_nfields = sizeof(ccs_incident_fields) /
    sizeof(ccs_incident_fields[0]);

const struct ccs_jfield ccs_incident_patch_fields[] = {
	{ "version", CCS_J_INT, true, 0, 0 },
	{ "status", CCS_J_STRING, false, 3, 20 },
	{ "severity", CCS_J_STRING, false, 3, 10 },
	{ "states_involved", CCS_J_ARRAY, false, 0, 40 },
	{ "related", CCS_J_ARRAY, false, 0, 50 },
};
const size_t ccs_incident_patch_nfields = sizeof(ccs_incident_patch_fields) /
    sizeof(ccs_incident_patch_fields[0]);

#define INCIDENT_SELECT "SELECT i.id, i.state_code AS state, i.org_id, " \
	"i.author, i.title, i.description, i.rsit_class, i.rsit_type, " \
	"i.severity, i.status, i.sectors, i.critical_infra, i.crime_links, " \
	"i.states_involved, i.occurred_at, i.detected_at, i.reported_at, " \
	"COALESCE(i.stix_id, (SELECT o.stix_id FROM stix_objects o WHERE " \
	"o.id = i.stix_copy)) AS stix_id, i.version, i.updated_at, " \
	CCS_MARKING_COLS " FROM " \
	"incidents i JOIN markings m ON m.id = i.marking_id"

int
ccs_incident_vocab(json_t **out, struct ccs_fail *f)
{
	const struct ccs_asset *a = ccs_asset_find(VOCAB);
	json_error_t je;

	*out = a ? json_loadb((const char *)a->data, a->len, 0, &je) : NULL;
	if (*out == NULL)
		return ccs_fail(f, CCS_EINVAL, "internal", "%s is missing or "
		    "invalid", VOCAB);
	(void)json_object_del(*out, "_comment");
	return CCS_OK;
}

/* The entry with "key" @p key in vocabulary list @p list, or NULL. */
static const json_t *
vocab_entry(const json_t *vocab, const char *list, const char *key)
{
	const json_t *arr = json_object_get(vocab, list), *e;
	size_t i;

	json_array_foreach(arr, i, e) {
		if (key != NULL && ccs_streq(ccs_jstr(e, "key"), key))
			return e;
	}
	return NULL;
}

/* "class:type" (or class/type) checked against RSIT. */
static int
check_rsit(const json_t *vocab, const char *rsit, char *cls, size_t clen,
    char *type, size_t tlen, struct ccs_fail *f)
{
	const json_t *c;
	size_t n = strcspn(rsit, ":/");

	if (rsit[n] == '\0' || n + 1 > clen)
		return ccs_fail(f, CCS_EINVAL, "invalid_rsit", "rsit must be "
		    "written class:type, e.g. fraud:phishing");
	memcpy(cls, rsit, n);
	cls[n] = '\0';
	if (ccs_strlcpy(type, rsit + n + 1, tlen) != CCS_OK)
		return ccs_fail(f, CCS_EINVAL, "invalid_rsit", "rsit type too "
		    "long");
	c = vocab_entry(vocab, "rsit", cls);
	if (c == NULL)
		return ccs_fail(f, CCS_EINVAL, "invalid_rsit", "rsit: '%s' is "
		    "not an RSIT class", cls);
	if (vocab_entry(c, "types", type) == NULL)
		return ccs_fail(f, CCS_EINVAL, "invalid_rsit", "rsit: '%s' is "
		    "not a type of RSIT class %s", type, cls);
	return CCS_OK;
}

/* Checks every item of @p arr is a key of vocabulary @p list. */
static int
check_keys(const json_t *vocab, const char *list, const char *field,
    const json_t *arr, bool *critical, struct ccs_fail *f)
{
	const json_t *it, *e;
	size_t i;

	json_array_foreach(arr, i, it) {
		e = vocab_entry(vocab, list, json_string_value(it));
		if (e == NULL)
			return ccs_fail(f, CCS_EINVAL, "invalid_vocabulary",
			    "%s[%zu]: '%.40s' is not a known key (see GET "
			    "/api/v1/vocabularies)", field, i,
			    json_string_value(it) ? json_string_value(it) : "");
		if (critical != NULL && json_is_true(json_object_get(e,
		    "critical")))
			*critical = true;
	}
	return CCS_OK;
}

static int
check_states(struct ccs_db *db, const json_t *arr, struct ccs_fail *f)
{
	const json_t *it;
	char what[32];
	size_t i;
	int rc;

	json_array_foreach(arr, i, it) {
		(void)ccs_snprintf(what, sizeof(what), "states_involved[%zu]",
		    i);
		rc = ccs_state_known(db, json_string_value(it), what, f);
		if (rc != CCS_OK)
			return rc;
	}
	return CCS_OK;
}

static int
parse_time_field(const json_t *body, const char *k, int64_t now,
    struct ccs_val *out, struct ccs_fail *f)
{
	const char *s = ccs_jstr(body, k);
	long long t;

	*out = CCS_VNULL;
	if (s == NULL)
		return CCS_OK;
	if (!ccs_parse_time(s, &t) || t > now + 300)
		return ccs_fail(f, CCS_EINVAL, "invalid_time", "%s must be an "
		    "RFC 3339 time such as 2026-11-20T14:05:00Z, not in the "
		    "future", k);
	*out = CCS_VINT(t);
	return CCS_OK;
}

/* Loads incident @p id if @p p may read it; NOTFOUND otherwise. */
static int
load(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    json_t **row, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	int rc;

	*row = NULL;
	rc = ccs_db_query_one(db, INCIDENT_SELECT " WHERE i.id = $1", &v, 1,
	    row);
	if (rc != CCS_OK && rc != CCS_ENOTFOUND)
		return ccs_dbfail(f, db, rc);
	if (rc == CCS_ENOTFOUND || ccs_marking_view(p, *row) !=
	    CCS_TLP_FULL) {
		json_decref(*row);
		*row = NULL;
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no incident %"
		    PRId64 " that you may read", id);
	}
	return CCS_OK;
}

/* Links @p id with each incident in @p arr, which @p p must be able to
 * read (an unreadable one is reported like a missing one). */
static int
link_related(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    const json_t *arr, int64_t now, struct ccs_fail *f)
{
	const json_t *it;
	struct ccs_val v[3];
	char what[32];
	int64_t o;
	size_t i;
	int rc;

	json_array_foreach(arr, i, it) {
		o = json_integer_value(it);
		if (!json_is_integer(it) || o == id)
			return ccs_fail(f, CCS_EINVAL, "invalid_related",
			    "related[%zu] must be the id of another incident",
			    i);
		(void)ccs_snprintf(what, sizeof(what), "related[%zu]", i);
		rc = ccs_ref_check(db, p, CCS_REF_INCIDENT, o, what, f);
		if (rc != CCS_OK)
			return rc;
		v[0] = CCS_VINT(id < o ? id : o);
		v[1] = CCS_VINT(id < o ? o : id);
		v[2] = CCS_VINT(now);
		rc = ccs_db_exec(db, "INSERT INTO incident_links (a_id, b_id, "
		    "created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", v,
		    3, NULL, NULL);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
	}
	return CCS_OK;
}

static int
attach_files(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    const json_t *arr, struct ccs_fail *f)
{
	const json_t *it;
	struct ccs_val v[3];
	const char *sha, *name;
	char what[32];
	size_t i;
	int rc;

	json_array_foreach(arr, i, it) {
		sha = ccs_jstr(it, "sha256");
		name = ccs_jstr(it, "filename");
		if (sha == NULL || name == NULL || strlen(name) > 200 ||
		    !ccs_text_ok(name))
			return ccs_fail(f, CCS_EINVAL, "invalid_file", "files[%zu]"
			    " must be {sha256, filename} of an uploaded file",
			    i);
		/* Only a file the author holds or may read (issue 8, F1). */
		(void)ccs_snprintf(what, sizeof(what), "files[%zu]", i);
		rc = ccs_evidence_ref_check(db, p, sha, what, "unknown_file",
		    f);
		if (rc != CCS_OK)
			return rc;
		v[0] = CCS_VINT(id);
		v[1] = CCS_VTEXT(sha);
		v[2] = CCS_VTEXT(name);
		rc = ccs_db_exec(db, "INSERT INTO incident_files (incident_id, "
		    "sha256, filename) VALUES ($1, $2, $3) ON CONFLICT DO "
		    "NOTHING", v, 3, NULL, NULL);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
	}
	return CCS_OK;
}

/*
 * Writes the search document of incident @p id: a new one under marking
 * @p mid, or, when @p update (a STIX re-import changed the incident), the
 * text of the one it has (its marking stays), so search finds what the
 * incident now says.
 */
static int
search_doc(struct ccs_db *db, int64_t id, int64_t mid, const json_t *body,
    const char *cls, const char *type, int64_t now, bool update)
{
	struct ccs_val v[5];
	struct ccs_buf b;
	int rc;

	ccs_buf_init(&b, 64 * 1024);
	rc = ccs_buf_printf(&b, "%s %s:%s", ccs_jstr(body, "description"), cls,
	    type);
	v[0] = CCS_VINT(id);
	v[1] = CCS_VINT(mid);
	v[2] = CCS_VTEXT(ccs_jstr(body, "title"));
	v[3] = CCS_VTEXT(ccs_buf_str(&b));
	v[4] = CCS_VINT(now);
	if (rc == CCS_OK && update) {
		v[1] = v[2];
		v[2] = v[3];
		rc = ccs_db_exec(db, "UPDATE search_docs SET title = $2, "
		    "body = $3 WHERE kind = 'incident' AND ref_id = $1", v, 3,
		    NULL, NULL);
	} else if (rc == CCS_OK)
		rc = ccs_db_exec(db, "INSERT INTO search_docs (kind, ref_id, "
		    "marking_id, title, body, created_at) VALUES ('incident', "
		    "$1, $2, $3, $4, $5)", v, 5, NULL, NULL);
	ccs_buf_free(&b);
	return rc;
}

/* The array member @p k of @p body as compact JSON text ("[]" if absent);
 * new, caller frees. */
static char *
dump_list(const json_t *body, const char *k)
{
	const json_t *a = json_object_get(body, k);

	return a != NULL ? json_dumps(a, JSON_COMPACT) : strdup("[]");
}

#define MAX_TOPICS	96

/* Adds {topic, value} unless already there or the list is full. */
static void
topic_add(struct ccs_topic *t, size_t *n, const char *topic,
    const char *value)
{
	size_t i;

	if (value == NULL || *n == MAX_TOPICS)
		return;
	for (i = 0; i < *n; i++) {
		if (strcmp(t[i].topic, topic) == 0 &&
		    strcmp(t[i].value, value) == 0)
			return;
	}
	t[*n].topic = topic;
	t[*n].value = value;
	(*n)++;
}

/* Tells the subscribers of the incident's state, states involved, sectors,
 * RSIT class and indicator types (those who may read it). */
static int
notify_incident(struct ccs_db *db, int64_t id, int64_t mid,
    const char *state, const json_t *body, const char *cls, int64_t now)
{
	struct ccs_topic t[MAX_TOPICS];
	enum ccs_ind_type it;
	const json_t *e;
	size_t i, n = 0;

	topic_add(t, &n, "state", state);
	json_array_foreach(json_object_get(body, "states_involved"), i, e)
		topic_add(t, &n, "state", json_string_value(e));
	json_array_foreach(json_object_get(body, "sectors"), i, e)
		topic_add(t, &n, "sector", json_string_value(e));
	topic_add(t, &n, "rsit", cls);
	json_array_foreach(json_object_get(body, "indicators"), i, e) {
		if (ccs_ind_type_parse(ccs_jstr(e, "type"), &it) != CCS_OK)
			continue;
		it = ccs_ind_refine(it, ccs_jstr(e, "value") ?
		    ccs_jstr(e, "value") : "");
		topic_add(t, &n, "indicator_type", ccs_ind_type_name(it));
	}
	return ccs_notify_record(db, "incident", id, mid, t, n,
	    ccs_jstr(body, "title"), now);
}

int
ccs_incident_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	const char *state = ccs_jstr(body, "state");
	const char *status = ccs_jstr(body, "status");
	char cls[48], type[48], *sectors = NULL, *links = NULL;
	char *involved = NULL;
	json_t *vocab = NULL;
	struct ccs_val occ, det;
	enum ccs_incident_status stv;
	enum ccs_severity sevv;
	bool critical = false;
	int64_t mid, id;
	int rc;

	*out = NULL;
	if (state == NULL && p->state[0] != '\0')
		state = p->state;
	rc = ccs_state_known(db, state, "state (the reporting state)", f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_policy_check(p, CCS_ACT_SHARE_REPORT, state);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden", "your role may "
		    "not report incidents for %s", state);
	rc = ccs_incident_vocab(&vocab, f);
	if (rc != CCS_OK)
		return rc;
	if (status == NULL)
		status = "reported";
	rc = check_rsit(vocab, ccs_jstr(body, "rsit"), cls, sizeof(cls), type,
	    sizeof(type), f);
	if (rc == CCS_OK && !ccs_severity_parse(ccs_jstr(body, "severity"),
	    &sevv))
		rc = ccs_fail(f, CCS_EINVAL, "invalid_severity", "severity must "
		    "be low, medium, high or critical");
	if (rc == CCS_OK && !ccs_incident_status_parse(status, &stv))
		rc = ccs_fail(f, CCS_EINVAL, "invalid_status", "status must be "
		    "one of reported, triaged, investigating, contained, "
		    "resolved, closed");
	if (rc == CCS_OK)
		rc = check_keys(vocab, "sectors", "sectors", json_object_get(
		    body, "sectors"), &critical, f);
	if (rc == CCS_OK)
		rc = check_keys(vocab, "crime_links", "crime_links",
		    json_object_get(body, "crime_links"), NULL, f);
	if (rc == CCS_OK)
		rc = check_states(db, json_object_get(body, "states_involved"),
		    f);
	if (rc == CCS_OK)
		rc = parse_time_field(body, "occurred_at", now, &occ, f);
	if (rc == CCS_OK)
		rc = parse_time_field(body, "detected_at", now, &det, f);
	if (rc != CCS_OK)
		goto out;
	rc = ccs_marking_create(db, p, body, state, now, &mid, f);
	if (rc != CCS_OK)
		goto out;
	sectors = dump_list(body, "sectors");
	links = dump_list(body, "crime_links");
	involved = dump_list(body, "states_involved");
	if (sectors == NULL || links == NULL || involved == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	const struct ccs_named np[] = {
		CCS_NAMED("marking", CCS_VINT(mid)),
		CCS_NAMED("state", CCS_VTEXT(state)),
		CCS_NAMED("org", p->org_id > 0 ? CCS_VINT(p->org_id) : CCS_VNULL),
		CCS_NAMED("author_id",
		    p->user_id > 0 ? CCS_VINT(p->user_id) : CCS_VNULL),
		CCS_NAMED("author", CCS_VTEXT(ccs_actor(p))),
		CCS_NAMED("title", CCS_VTEXT(ccs_jstr(body, "title"))),
		CCS_NAMED("descr", CCS_VTEXT(ccs_jstr(body, "description"))),
		CCS_NAMED("cls", CCS_VTEXT(cls)),
		CCS_NAMED("type", CCS_VTEXT(type)),
		CCS_NAMED("severity", CCS_VTEXT(ccs_jstr(body, "severity"))),
		CCS_NAMED("status", CCS_VTEXT(status)),
		CCS_NAMED("sectors", CCS_VTEXT(sectors)),
		CCS_NAMED("critical", CCS_VINT(critical ? 1 : 0)),
		CCS_NAMED("links", CCS_VTEXT(links)),
		CCS_NAMED("involved", CCS_VTEXT(involved)),
		CCS_NAMED("occurred", occ),
		CCS_NAMED("detected", det),
		CCS_NAMED("now", CCS_VINT(now)),
	};

	rc = ccs_db_query_int_named(db, "INSERT INTO incidents (marking_id, "
	    "state_code, org_id, author_id, author, title, description, "
	    "rsit_class, rsit_type, severity, status, sectors, critical_infra, "
	    "crime_links, states_involved, occurred_at, detected_at, "
	    "reported_at, created_at, updated_at) VALUES (:marking, :state, "
	    ":org, :author_id, :author, :title, :descr, :cls, :type, "
	    ":severity, :status, :sectors, :critical, :links, :involved, "
	    ":occurred, :detected, :now, :now, :now) RETURNING id", np,
	    CCS_NNAMED(np), &id);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	rc = ccs_ind_sight_list(db, ccs_actor(p), mid, state, id,
	    json_object_get(body, "indicators"), "incident", now, NULL, f);
	if (rc == CCS_OK)
		rc = link_related(db, p, id, json_object_get(body, "related"),
		    now, f);
	if (rc == CCS_OK)
		rc = attach_files(db, p, id, json_object_get(body, "files"),
		    f);
	if (rc != CCS_OK)
		goto out;
	rc = search_doc(db, id, mid, body, cls, type, now, false);
	if (rc == CCS_OK)
		rc = notify_incident(db, id, mid, state, body, cls, now);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "incident.report", "incident", id,
		    body, now);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	rc = ccs_taxii_publish_incident(db, id, NULL, now * 1000000,
	    NULL, f);
	if (rc != CCS_OK)
		goto out;
	rc = ccs_incident_get(db, p, id, out, f);
out:
	free(sectors);
	free(links);
	free(involved);
	json_decref(vocab);
	return rc;
}

int
ccs_incident_update(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	const char *status = ccs_jstr(body, "status");
	const char *sev = ccs_jstr(body, "severity");
	const json_t *inv = json_object_get(body, "states_involved");
	json_t *row = NULL;
	struct ccs_val v[6];
	char *invtxt = NULL;
	enum ccs_incident_status from, to;
	enum ccs_severity sevv;
	int rc;

	*out = NULL;
	rc = load(db, p, id, &row, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_policy_check(p, CCS_ACT_SHARE_REPORT, ccs_jstr(row, "state"));
	if (rc != CCS_OK) {
		rc = ccs_fail(f, rc, "forbidden", "only %s's team and the RIFC "
		    "update this incident", ccs_jstr(row, "state"));
		goto out;
	}
	if (json_integer_value(json_object_get(body, "version")) !=
	    json_integer_value(json_object_get(row, "version"))) {
		rc = ccs_fail(f, CCS_ECONFLICT, "stale_version", "incident %"
		    PRId64 " has changed since you read it (version %" PRId64
		    "); reload and try again", id, (int64_t)json_integer_value(
		    json_object_get(row, "version")));
		goto out;
	}
	if (!ccs_incident_status_parse(ccs_jstr(row, "status"), &from) ||
	    !ccs_incident_status_parse(status ? status : ccs_jstr(row,
	    "status"), &to)) {
		rc = ccs_fail(f, CCS_EINVAL, "invalid_status", "status must be "
		    "one of reported, triaged, investigating, contained, "
		    "resolved, closed");
		goto out;
	}
	if (!ccs_incident_move_ok(from, to)) {
		rc = ccs_fail(f, CCS_ECONFLICT, "invalid_transition", "an "
		    "incident cannot go from %s to %s",
		    ccs_incident_status_name(from),
		    ccs_incident_status_name(to));
		goto out;
	}
	if (sev != NULL && !ccs_severity_parse(sev, &sevv)) {
		rc = ccs_fail(f, CCS_EINVAL, "invalid_severity", "severity must "
		    "be low, medium, high or critical");
		goto out;
	}
	if (inv != NULL) {
		rc = check_states(db, inv, f);
		if (rc != CCS_OK)
			goto out;
		invtxt = json_dumps(inv, JSON_COMPACT);
	}
	rc = link_related(db, p, id, json_object_get(body, "related"), now, f);
	if (rc != CCS_OK)
		goto out;
	v[0] = CCS_VINT(id);
	v[1] = CCS_VTEXT(ccs_incident_status_name(to));
	v[2] = CCS_VTEXT(sev);
	v[3] = CCS_VTEXT(invtxt);
	v[4] = CCS_VINT(now);
	rc = ccs_db_exec(db, "UPDATE incidents SET status = $2, severity = "
	    "COALESCE($3, severity), states_involved = COALESCE($4, "
	    "states_involved), version = version + 1, updated_at = $5 WHERE "
	    "id = $1", v, 5, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "incident.update", "incident", id,
		    body, now);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	rc = ccs_taxii_publish_incident(db, id, NULL, now * 1000000,
	    NULL, f);
	if (rc != CCS_OK)
		goto out;
	rc = ccs_incident_get(db, p, id, out, f);
out:
	free(invtxt);
	json_decref(row);
	return rc;
}

void
ccs_incident_expand(json_t *row)
{
	static const char *const cols[] = { "sectors", "crime_links",
	    "states_involved" };
	json_t *a;
	size_t i;

	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		a = json_loads(ccs_jstr(row, cols[i]) ? ccs_jstr(row, cols[i]) :
		    "[]", 0, NULL);
		(void)json_object_set_new(row, cols[i], a ? a : json_array());
	}
	(void)json_object_set_new(row, "critical_infrastructure",
	    json_boolean(json_integer_value(json_object_get(row,
	    "critical_infra")) != 0));
	(void)json_object_del(row, "critical_infra");
}

/* The incident's indicators, each with what else the caller may see of
 * the same value and its related values. */
static int
indicators_of(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    json_t *out)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *rows = NULL, *row, *m;
	size_t i;
	int rc;

	rc = ccs_db_query_json(db, "SELECT DISTINCT v.id, v.type, v.value, "
	    "v.warning FROM sightings s JOIN ind_values v ON v.id = s.value_id "
	    "WHERE s.incident_id = $1 ORDER BY v.id", &v, 1, &rows);
	if (rc != CCS_OK)
		return rc;
	json_array_foreach(rows, i, row) {
		rc = ccs_ind_matches(db, p, json_integer_value(json_object_get(
		    row, "id")), id, 0, &m);
		if (rc != CCS_OK) {
			json_decref(rows);
			return rc;
		}
		(void)json_object_set_new(row, "matches", m);
	}
	(void)json_object_set_new(out, "indicators", rows);
	return CCS_OK;
}

/* The incidents linked to @p id: the first 100 @p p may read, and how
 * many more @p p may only know exist. The reader's sets are in the
 * query, so a record linked to many it may not read costs what its
 * readable links cost. */
#define RELATED_FROM " FROM incident_links l JOIN incidents i ON i.id = " \
	"CASE WHEN l.a_id = $1 THEN l.b_id ELSE l.a_id END JOIN markings m " \
	"ON m.id = i.marking_id WHERE (l.a_id = $1 OR l.b_id = $1)"

static int
related_of(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    json_t *out)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *items = NULL;
	int64_t restricted = 0;
	int rc;

	rc = ccs_marking_rows(db, p, "SELECT i.id, i.state_code AS state, "
	    "i.title, i.status, i.severity, i.reported_at, " CCS_MARKING_COLS
	    RELATED_FROM, "ORDER BY i.id", &v, 1, 100, &items);
	if (rc == CCS_OK)
		rc = ccs_marking_count(db, p, "SELECT COUNT(*)" RELATED_FROM,
		    &v, 1, false, &restricted);
	if (rc != CCS_OK) {
		json_decref(items);
		return rc;
	}
	(void)json_object_set_new(out, "related", items);
	(void)json_object_set_new(out, "related_restricted",
	    json_integer(restricted));
	return CCS_OK;
}

int
ccs_incident_get(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *row = NULL, *files = NULL;
	int rc;

	*out = NULL;
	rc = load(db, p, id, &row, f);
	if (rc != CCS_OK)
		return rc;
	ccs_marking_present(row);
	ccs_incident_expand(row);
	rc = indicators_of(db, p, id, row);
	if (rc == CCS_OK)
		rc = related_of(db, p, id, row);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT x.sha256, x.filename, "
		    "e.size, e.content_type FROM incident_files x JOIN "
		    "evidence_files e ON e.sha256 = x.sha256 WHERE "
		    "x.incident_id = $1 ORDER BY x.filename", &v, 1, &files);
	if (rc != CCS_OK) {
		json_decref(row);
		return ccs_dbfail(f, db, rc);
	}
	(void)json_object_set_new(row, "files", files);
	*out = row;
	return CCS_OK;
}

/* --- imports (svc/interchange/interchange.c) --------------------------- */

int
ccs_incident_import(struct ccs_db *db, const char *actor, int64_t marking_id,
    const struct ccs_incident_in *in, int64_t now, int64_t *id,
    struct ccs_fail *f)
{
	const char *sev = in->severity ? in->severity : "medium";
	const char *desc = in->description ? in->description : "";
	char cls[48], type[48];
	json_t *vocab = NULL, *doc = NULL;
	struct ccs_val v[7];
	enum ccs_severity sevv;
	bool known;
	int rc;

	*id = 0;
	if (in->title == NULL || in->title[0] == '\0' || strlen(in->title) >
	    300 || !ccs_text_ok(in->title) || strlen(desc) > 20000 ||
	    !ccs_text_ok(desc))
		return ccs_fail(f, CCS_EINVAL, "invalid_incident", "an incident "
		    "needs a name of 1 to 300 characters and a description of "
		    "at most 20000");
	if (!ccs_valid_iso2(in->state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code", "an "
		    "incident needs a reporting state: give the import's state");
	rc = ccs_state_exists(db, in->state, &known);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (!known)
		return ccs_fail(f, CCS_EINVAL, "unknown_state", "state '%s' is "
		    "not in the directory", in->state);
	rc = ccs_incident_vocab(&vocab, f);
	if (rc != CCS_OK)
		return rc;
	rc = check_rsit(vocab, in->rsit ? in->rsit : "other:undetermined",
	    cls, sizeof(cls), type, sizeof(type), f);
	if (rc == CCS_OK && !ccs_severity_parse(sev, &sevv))
		rc = ccs_fail(f, CCS_EINVAL, "invalid_severity", "severity must "
		    "be low, medium, high or critical");
	if (rc != CCS_OK)
		goto out;
	/* by copy, never by STIX id: another source's id is not ours */
	v[0] = CCS_VINT(in->stix_copy);
	rc = in->stix_copy > 0 ? ccs_db_query_int(db, "SELECT id FROM "
	    "incidents WHERE stix_copy = $1", v, 1, id) : CCS_ENOTFOUND;
	if (rc == CCS_OK) {
		v[0] = CCS_VINT(*id);
		v[1] = CCS_VTEXT(in->title);
		v[2] = CCS_VTEXT(desc);
		v[3] = CCS_VTEXT(cls);
		v[4] = CCS_VTEXT(type);
		v[5] = CCS_VTEXT(sev);
		v[6] = CCS_VINT(now);
		rc = ccs_db_exec(db, "UPDATE incidents SET title = $2, "
		    "description = $3, rsit_class = $4, rsit_type = $5, "
		    "severity = $6, version = version + 1, updated_at = $7 "
		    "WHERE id = $1", v, 7, NULL, NULL);
		if (rc == CCS_OK) {
			doc = json_pack("{s:s, s:s}", "title", in->title,
			    "description", desc);
			rc = doc ? search_doc(db, *id, 0, doc, cls, type, now,
			    true) : CCS_ENOMEM;
		}
		if (rc != CCS_OK)
			rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	if (rc != CCS_ENOTFOUND) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	const struct ccs_named np[] = {
		CCS_NAMED("marking", CCS_VINT(marking_id)),
		CCS_NAMED("state", CCS_VTEXT(in->state)),
		CCS_NAMED("author", CCS_VTEXT(actor)),
		CCS_NAMED("title", CCS_VTEXT(in->title)),
		CCS_NAMED("descr", CCS_VTEXT(desc)),
		CCS_NAMED("cls", CCS_VTEXT(cls)),
		CCS_NAMED("type", CCS_VTEXT(type)),
		CCS_NAMED("sev", CCS_VTEXT(sev)),
		CCS_NAMED("occurred", in->occurred_at > 0 ?
		    CCS_VINT(in->occurred_at) : CCS_VNULL),
		CCS_NAMED("detected", in->detected_at > 0 ?
		    CCS_VINT(in->detected_at) : CCS_VNULL),
		CCS_NAMED("now", CCS_VINT(now)),
		CCS_NAMED("stix_id", CCS_VTEXT(in->stix_id)),
		CCS_NAMED("stix_copy", in->stix_copy > 0 ?
		    CCS_VINT(in->stix_copy) : CCS_VNULL),
	};

	rc = ccs_db_query_int_named(db, "INSERT INTO incidents (marking_id, "
	    "state_code, author, title, description, rsit_class, rsit_type, "
	    "severity, status, occurred_at, detected_at, reported_at, stix_id, "
	    "stix_copy, created_at, updated_at) VALUES (:marking, :state, "
	    ":author, :title, :descr, :cls, :type, :sev, 'reported', "
	    ":occurred, :detected, :now, CASE WHEN EXISTS (SELECT 1 FROM "
	    "incidents WHERE stix_id = :stix_id) THEN NULL ELSE :stix_id END, "
	    ":stix_copy, :now, :now) RETURNING id", np, CCS_NNAMED(np), id);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	doc = json_pack("{s:s, s:s}", "title", in->title, "description", desc);
	rc = doc ? search_doc(db, *id, marking_id, doc, cls, type, now,
	    false) : CCS_ENOMEM;
	if (rc != CCS_OK)
		rc = ccs_dbfail(f, db, rc);
out:
	json_decref(doc);
	json_decref(vocab);
	return rc;
}

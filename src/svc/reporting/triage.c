/*
 * triage.c: reading, classifying, updating and closing one public report.
 *
 * Each call loads the report through ccs_triage_load (a report the caller
 * may not triage is a 404 worded as a missing one; a read then opens it
 * through the portal's audited ccs_portal_read), checks the move with
 * core/reporting/triage_rules.c, writes and records one audit event in
 * the caller's transaction. The reporter-facing text is copied to
 * public_reports.reporter_update, which the portal's follow-up page shows;
 * the history of updates and notes stays in public_report_updates.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "svc/refs.h"
#include "svc/reporting/portal.h"
#include "svc/reporting/report_store.h"
#include "svc/reporting/triage.h"
#include "svc/reporting/triage_access.h"
#include "svc/sharing/incidents.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_triage_classify_fields[] = {
	{ "rsit", CCS_J_STRING, true, 3, 80 },
	{ "priority", CCS_J_STRING, true, 1, 20 },
	{ "imminent_harm", CCS_J_BOOL, false, 0, 0 },
};
const size_t ccs_triage_classify_nfields =
    sizeof(ccs_triage_classify_fields) /
    sizeof(ccs_triage_classify_fields[0]);

const struct ccs_jfield ccs_triage_update_fields[] = {
	{ "body", CCS_J_STRING, true, 1, 4000 },
	{ "for_reporter", CCS_J_BOOL, true, 0, 0 },
};
const size_t ccs_triage_update_nfields = sizeof(ccs_triage_update_fields) /
    sizeof(ccs_triage_update_fields[0]);

const struct ccs_jfield ccs_triage_close_fields[] = {
	{ "reason", CCS_J_STRING, true, 1, 2000 },
	{ "update", CCS_J_STRING, false, 1, 4000 },
};
const size_t ccs_triage_close_nfields = sizeof(ccs_triage_close_fields) /
    sizeof(ccs_triage_close_fields[0]);

/* The statuses @p st may move to, as keys. */
static json_t *
moves_of(enum ccs_report_status st)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a != NULL && i < CCS_REPORT_STATUS_COUNT; i++) {
		if (ccs_report_move_ok(st, (enum ccs_report_status)i))
			(void)json_array_append_new(a, json_string(
			    ccs_report_status_name((enum ccs_report_status)i)));
	}
	return a;
}

/* Turns the 0/1 column @p k of each row of @p rows into a boolean. */
static void
bools(json_t *rows, const char *k)
{
	json_t *e;
	size_t i;

	json_array_foreach(rows, i, e)
		(void)json_object_set_new(e, k, json_boolean(
		    json_integer_value(json_object_get(e, k)) != 0));
}

/* Adds the triage row, updates, referrals, cluster size and incident. */
static int
add_triage(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_triage_ref *ref, json_t *o)
{
	struct ccs_val v = CCS_VINT(ref->id);
	json_t *t = NULL, *ups = NULL, *refs = NULL;
	int64_t n = 0, inc;
	bool ok = false;
	int rc;

	rc = ccs_db_query_one(db, "SELECT rsit_class, rsit_type, priority, "
	    "imminent_harm, triaged_by, triaged_at, incident_id, converted_by, "
	    "converted_at, version FROM public_report_triage WHERE "
	    "report_id = $1", &v, 1, &t);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT id, body, for_reporter, "
		    "created_by, created_at FROM public_report_updates WHERE "
		    "report_id = $1 ORDER BY id", &v, 1, &ups);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT id, target, to_state, note, "
		    "created_by, created_at FROM public_report_referrals WHERE "
		    "report_id = $1 ORDER BY id", &v, 1, &refs);
	if (rc == CCS_OK)
		rc = ccs_db_query_int(db, "SELECT COUNT(DISTINCT b.report_id) "
		    "FROM public_report_identifiers a JOIN "
		    "public_report_identifiers b ON b.bundle_key = "
		    "a.bundle_key AND b.report_id <> a.report_id WHERE "
		    "a.report_id = $1", &v, 1, &n);
	if (rc != CCS_OK)
		goto out;
	/* The incident is linked only for those who may read it. */
	inc = json_integer_value(json_object_get(t, "incident_id"));
	if (inc > 0) {
		rc = ccs_ref_readable(db, p, CCS_REF_INCIDENT, inc, &ok);
		if (rc != CCS_OK)
			goto out;
		if (!ok)
			(void)json_object_set_new(t, "incident_id",
			    json_null());
	}
	(void)json_object_set_new(t, "imminent_harm", json_boolean(
	    json_integer_value(json_object_get(t, "imminent_harm")) != 0));
	(void)json_object_set_new(t, "rsit", json_object_get(t, "rsit_class")
	    != NULL && !json_is_null(json_object_get(t, "rsit_class")) ?
	    json_sprintf("%s:%s", ccs_jstr(t, "rsit_class"), ccs_jstr(t,
	    "rsit_type")) : json_null());
	bools(ups, "for_reporter");
	(void)json_object_set_new(o, "triage", t);
	(void)json_object_set_new(o, "updates", ups);
	(void)json_object_set_new(o, "referrals", refs);
	(void)json_object_set_new(o, "bundled_with", json_integer(n));
	(void)json_object_set_new(o, "moves", moves_of(ref->status));
	(void)json_object_set_new(o, "priority_floor", json_string(
	    ccs_report_priority_name(ccs_report_priority_floor(ref->category,
	    json_is_true(json_object_get(t, "imminent_harm"))))));
	return CCS_OK;
out:
	json_decref(t);
	json_decref(ups);
	json_decref(refs);
	return rc;
}

/* The report as its triagers see it, without an audit event. */
static int
view(struct ccs_db *db, const struct ccs_report_keys *keys,
    const struct ccs_principal *p, const struct ccs_triage_ref *ref,
    json_t **out, struct ccs_fail *f)
{
	json_t *o = NULL;
	int rc;

	*out = NULL;
	rc = ccs_report_store_get(db, keys, ref->id, &o);
	if (rc == CCS_ECORRUPT)
		return ccs_fail(f, rc, "internal", "public report %s does not "
		    "open with the configured key ring", ref->reference);
	if (rc == CCS_ENOMEM)
		return ccs_fail(f, rc, "internal", "out of memory");
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	rc = add_triage(db, p, ref, o);
	if (rc != CCS_OK) {
		json_decref(o);
		return ccs_dbfail(f, db, rc);
	}
	*out = o;
	return CCS_OK;
}

/* Loads and indexes report @p id (the common start); with @p write,
 * also checks @p p may triage it. */
static int
start(struct ccs_db *db, const struct ccs_report_keys *keys,
    const struct ccs_principal *p, int64_t id, int64_t now, bool write,
    struct ccs_triage_ref *ref, struct ccs_fail *f)
{
	int rc;

	rc = ccs_triage_load(db, p, id, ref, f);
	if (rc == CCS_OK && write)
		rc = ccs_triage_may_write(p, ref, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_triage_intake(db, keys, id, now);
	if (rc == CCS_ECORRUPT)
		return ccs_fail(f, rc, "internal", "public report %s does not "
		    "open with the configured key ring", ref->reference);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}

int
ccs_triage_view(struct ccs_db *db, const struct ccs_report_keys *keys,
    const struct ccs_principal *p, int64_t id, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_triage_ref ref;
	int rc;

	*out = NULL;
	rc = ccs_triage_load(db, p, id, &ref, f);
	if (rc != CCS_OK)
		return rc;
	return view(db, keys, p, &ref, out, f);
}

int
ccs_triage_get(struct ccs_db *db, const struct ccs_report_keys *keys,
    const struct ccs_principal *p, int64_t id, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_triage_ref ref;
	int rc;

	*out = NULL;
	rc = start(db, keys, p, id, now, false, &ref, f);
	/* The portal's audited team read opens it: one read path. */
	if (rc == CCS_OK)
		rc = ccs_portal_read(db, keys, p, id, now, out, f);
	if (rc != CCS_OK)
		return rc;
	rc = add_triage(db, p, &ref, *out);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
		return ccs_dbfail(f, db, rc);
	}
	return CCS_OK;
}

/* "class:type" checked against the RSIT taxonomy of incidents. */
static int
check_rsit(const char *rsit, char *cls, size_t clen, char *type,
    size_t tlen, struct ccs_fail *f)
{
	json_t *vocab = NULL;
	const json_t *c = NULL, *e;
	size_t n = strcspn(rsit, ":/"), i;
	bool found = false;
	int rc;

	if (rsit[n] == '\0' || n + 1 > clen || ccs_strlcpy(type, rsit + n + 1,
	    tlen) != CCS_OK)
		return ccs_fail(f, CCS_EINVAL, "invalid_rsit", "rsit must be "
		    "written class:type, e.g. fraud:phishing");
	memcpy(cls, rsit, n);
	cls[n] = '\0';
	rc = ccs_incident_vocab(&vocab, f);
	if (rc != CCS_OK)
		return rc;
	json_array_foreach(json_object_get(vocab, "rsit"), i, e) {
		if (ccs_streq(ccs_jstr(e, "key"), cls))
			c = e;
	}
	json_array_foreach(json_object_get(c, "types"), i, e) {
		if (ccs_streq(ccs_jstr(e, "key"), type))
			found = true;
	}
	if (c == NULL)
		rc = ccs_fail(f, CCS_EINVAL, "invalid_rsit", "rsit: '%s' is "
		    "not an RSIT class", cls);
	else if (!found)
		rc = ccs_fail(f, CCS_EINVAL, "invalid_rsit", "rsit: '%s' is "
		    "not a type of RSIT class %s", type, cls);
	json_decref(vocab);
	return rc;
}

int
ccs_triage_classify(struct ccs_db *db, const struct ccs_report_keys *keys,
    const struct ccs_principal *p, int64_t id, const json_t *body,
    int64_t now, json_t **out, struct ccs_fail *f)
{
	struct ccs_triage_ref ref;
	enum ccs_report_priority pr;
	enum ccs_report_status to;
	char cls[48], type[48];
	bool harm = json_is_true(json_object_get(body, "imminent_harm"));
	int rc;

	*out = NULL;
	rc = start(db, keys, p, id, now, true, &ref, f);
	if (rc != CCS_OK)
		return rc;
	to = ref.status == CCS_REPORT_RECEIVED ? CCS_REPORT_TRIAGED :
	    ref.status;
	if (!ccs_report_move_ok(ref.status, to))
		return ccs_triage_bad_move(f, &ref, to);
	rc = check_rsit(ccs_jstr(body, "rsit"), cls, sizeof(cls), type,
	    sizeof(type), f);
	if (rc != CCS_OK)
		return rc;
	if (!ccs_report_priority_parse(ccs_jstr(body, "priority"), &pr))
		return ccs_fail(f, CCS_EINVAL, "invalid_priority", "priority "
		    "must be urgent, high, normal or low");
	if (!ccs_report_priority_ok(pr, ref.category, harm))
		return ccs_fail(f, CCS_EINVAL, "priority_below_floor",
		    "priority must be urgent: the report %s", harm ? "is "
		    "marked imminent harm" : "concerns child exploitation");
	const struct ccs_named np[] = {
		CCS_NAMED("id", CCS_VINT(id)),
		CCS_NAMED("cls", CCS_VTEXT(cls)),
		CCS_NAMED("type", CCS_VTEXT(type)),
		CCS_NAMED("pr", CCS_VTEXT(ccs_report_priority_name(pr))),
		CCS_NAMED("rank", CCS_VINT((int64_t)pr)),
		CCS_NAMED("harm", CCS_VINT(harm ? 1 : 0)),
		CCS_NAMED("who", CCS_VTEXT(ccs_actor(p))),
		CCS_NAMED("now", CCS_VINT(now)),
	};
	rc = ccs_db_exec_named(db, "UPDATE public_report_triage SET "
	    "rsit_class = :cls, rsit_type = :type, priority = :pr, "
	    "priority_rank = :rank, imminent_harm = :harm, triaged_by = :who, "
	    "triaged_at = :now, version = version + 1, updated_at = :now "
	    "WHERE report_id = :id", np, CCS_NNAMED(np), NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_triage_set_status(db, id, to, now);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "public_report.classify",
		    "public_report", id, body, now);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	ref.status = to;
	return view(db, keys, p, &ref, out, f);
}

int
ccs_triage_write_update(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const char *text, bool for_reporter, int64_t now,
    int64_t *uid)
{
	int64_t nid = 0;
	int rc;

	const struct ccs_named np[] = {
		CCS_NAMED("id", CCS_VINT(id)),
		CCS_NAMED("body", CCS_VTEXT(text)),
		CCS_NAMED("rep", CCS_VINT(for_reporter ? 1 : 0)),
		CCS_NAMED("who", CCS_VTEXT(ccs_actor(p))),
		CCS_NAMED("now", CCS_VINT(now)),
	};
	rc = ccs_db_query_int_named(db, "INSERT INTO public_report_updates "
	    "(report_id, body, for_reporter, created_by, created_at) VALUES "
	    "(:id, :body, :rep, :who, :now) RETURNING id", np, CCS_NNAMED(np),
	    &nid);
	if (rc == CCS_OK && for_reporter)
		rc = ccs_db_exec(db, "UPDATE public_reports SET "
		    "reporter_update = $2, reporter_update_at = $3, "
		    "updated_at = $3 WHERE id = $1", (struct ccs_val[]){
		    CCS_VINT(id), CCS_VTEXT(text), CCS_VINT(now) }, 3, NULL,
		    NULL);
	if (rc == CCS_OK && uid != NULL)
		*uid = nid;
	return rc;
}

int
ccs_triage_add_update(struct ccs_db *db, const struct ccs_report_keys *keys,
    const struct ccs_principal *p, int64_t id, const json_t *body,
    int64_t now, json_t **out, struct ccs_fail *f)
{
	struct ccs_triage_ref ref;
	bool rep = json_is_true(json_object_get(body, "for_reporter"));
	int64_t uid = 0;
	int rc;

	*out = NULL;
	rc = start(db, keys, p, id, now, true, &ref, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_triage_write_update(db, p, id, ccs_jstr(body, "body"), rep,
	    now, &uid);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, rep ? "public_report.update" :
		    "public_report.note", "public_report", id, body, now);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	*out = json_pack("{s:I, s:s, s:b, s:s, s:I}", "id", (json_int_t)uid,
	    "body", ccs_jstr(body, "body"), "for_reporter", rep, "created_by",
	    ccs_actor(p), "created_at", (json_int_t)now);
	return *out != NULL ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal",
	    "out of memory");
}

int
ccs_triage_close(struct ccs_db *db, const struct ccs_report_keys *keys,
    const struct ccs_principal *p, int64_t id, const json_t *body,
    int64_t now, json_t **out, struct ccs_fail *f)
{
	struct ccs_triage_ref ref;
	const char *upd = ccs_jstr(body, "update");
	int rc;

	*out = NULL;
	rc = start(db, keys, p, id, now, true, &ref, f);
	if (rc != CCS_OK)
		return rc;
	if (!ccs_report_move_ok(ref.status, CCS_REPORT_CLOSED))
		return ccs_triage_bad_move(f, &ref, CCS_REPORT_CLOSED);
	rc = ccs_triage_write_update(db, p, id, ccs_jstr(body, "reason"),
	    false, now, NULL);
	if (rc == CCS_OK && upd != NULL)
		rc = ccs_triage_write_update(db, p, id, upd, true, now, NULL);
	if (rc == CCS_OK)
		rc = ccs_triage_set_status(db, id, CCS_REPORT_CLOSED, now);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "public_report.close",
		    "public_report", id, body, now);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	ref.status = CCS_REPORT_CLOSED;
	return view(db, keys, p, &ref, out, f);
}

/*
 * proposals.c: the proposals completed work makes, and the RIFC's
 * decisions on them (see proposals.h).
 *
 * Making: the sources' targets, covered states and the current validated
 * levels are read here; core/capacity/closing.c decides; the UNIQUE key
 * (source, state, standard) of the table backs "never twice". Deciding:
 * the proposal row is read and changed in the request's one transaction,
 * so a second decision sees the first. Accepting goes through
 * ccs_assess_submit with the analyst as the submitter, so the record is
 * checked and audited like any other and another analyst or coordinator
 * must validate it before the gap analysis moves.
 */
#include <stdlib.h>
#include <string.h>

#include "core/capacity/closing.h"
#include "core/validate.h"
#include "svc/capacity/event_refs.h"
#include "svc/capacity/proposals.h"
#include "svc/platform/audit.h"
#include "svc/standards/assessments.h"
#include "svc/standards/framework.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

/* What each kind of source reads: $1 its id, $2 the latest version. */
static const struct {
	const char	*targets;	/* lineage_id, level, met, nlevels */
	const char	*states;	/* state_code */
	const char	*about;		/* title, end_date, materials, link */
	const char	*path;		/* the API path of the record */
	const char	*source;	/* sources.key of the status record */
	const char	*done;		/* "Completed", "In force" */
} kinds[] = {
	[CCS_CAP_INITIATIVE] = {
		"SELECT t.lineage_id, NULL AS level, s.met_level, s.nlevels "
		"FROM initiative_standards t JOIN standards s ON s.lineage_id "
		"= t.lineage_id AND s.version_id = $2 WHERE t.initiative_id = "
		"$1 ORDER BY t.lineage_id",
		"SELECT DISTINCT state_code FROM initiative_states WHERE "
		"initiative_id = $1 AND state_code IS NOT NULL ORDER BY "
		"state_code",
		"SELECT i.title, COALESCE(i.actual_end, i.planned_end) AS "
		"end_date, NULL AS materials, (SELECT MIN(d.url) FROM "
		"initiative_documents d WHERE d.initiative_id = i.id) AS link "
		"FROM initiatives i WHERE i.id = $1",
		"/api/v1/initiatives/", "capacity_completion", "Completed"
	},
	[CCS_CAP_TRAINING] = {
		"SELECT t.lineage_id, t.level, s.met_level, s.nlevels FROM "
		"training_standards t JOIN standards s ON s.lineage_id = "
		"t.lineage_id AND s.version_id = $2 WHERE t.training_id = $1 "
		"ORDER BY t.lineage_id",
		"SELECT DISTINCT state_code FROM training_participants WHERE "
		"training_id = $1 ORDER BY state_code",
		"SELECT title, end_date, materials, NULL AS link FROM "
		"trainings WHERE id = $1",
		"/api/v1/trainings/", "capacity_completion", "Completed"
	},
	[CCS_CAP_CAMPAIGN] = {
		"SELECT t.lineage_id, t.level, s.met_level, s.nlevels FROM "
		"campaign_standards t JOIN standards s ON s.lineage_id = "
		"t.lineage_id AND s.version_id = $2 WHERE t.campaign_id = $1 "
		"ORDER BY t.lineage_id",
		"SELECT state_code FROM campaigns WHERE id = $1",
		"SELECT title, end_date, materials, NULL AS link FROM "
		"campaigns WHERE id = $1",
		"/api/v1/campaigns/", "capacity_completion", "Completed"
	},
	/* the standards the provisions its sections map to show met */
	[CCS_CAP_LEGAL] = {
		"SELECT DISTINCT t.lineage_id, NULL AS level, s.met_level, "
		"s.nlevels FROM legal_mappings m JOIN legal_row_standards t ON "
		"t.row_id = m.row_id JOIN standards s ON s.lineage_id = "
		"t.lineage_id AND s.version_id = $2 WHERE m.instrument_id = $1 "
		"ORDER BY t.lineage_id",
		"SELECT state_code FROM legal_instruments WHERE id = $1",
		"SELECT i.name AS title, (SELECT d.on_date FROM "
		"legal_instrument_dates d WHERE d.instrument_id = i.id AND "
		"d.status = 'in_force') AS end_date, NULL AS materials, "
		"i.source_url AS link FROM legal_instruments i WHERE i.id = $1",
		"/api/v1/legal/instruments/", "legal_in_force", "In force"
	},
};

#define PROPOSAL_SELECT "SELECT p.id, p.source_kind, p.source_id, " \
	"p.state_code AS state, p.lineage_id, s.code AS standard, s.title AS " \
	"standard_title, p.level, s.scale, s.met_level, p.status, p.reason, " \
	"p.assessment_id, p.created_at, p.decided_by, p.decided_at FROM " \
	"proposals p LEFT JOIN standards s ON s.lineage_id = p.lineage_id " \
	"AND s.version_id = $1"

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

/* The known rows of the pairs @p targets can touch, for the plan. */
static int
known_rows(struct ccs_db *db, enum ccs_cap_kind kind, int64_t id,
    const json_t *targets, json_t **rows)
{
	struct ccs_val v[2];
	json_t *part = NULL, *t;
	size_t i;
	int rc;

	*rows = json_array();
	v[0] = CCS_VTEXT(ccs_cap_kind_name(kind));
	v[1] = CCS_VINT(id);
	rc = ccs_db_query_json(db, "SELECT state_code AS state, lineage_id, -1 "
	    "AS level, 1 AS proposed FROM proposals WHERE source_kind = $1 "
	    "AND source_id = $2", v, 2, &part);
	if (rc == CCS_OK)
		rc = json_array_extend(*rows, part) == 0 ? CCS_OK : CCS_ENOMEM;
	json_decref(part);
	json_array_foreach(targets, i, t) {
		if (rc != CCS_OK)
			break;
		part = NULL;
		v[0] = CCS_VINT(jint(t, "lineage_id"));
		rc = ccs_db_query_json(db, "SELECT state_code AS state, "
		    "lineage_id, level, 0 AS proposed FROM status_current "
		    "WHERE lineage_id = $1", v, 1, &part);
		if (rc == CCS_OK)
			rc = json_array_extend(*rows, part) == 0 ? CCS_OK :
			    CCS_ENOMEM;
		json_decref(part);
	}
	return rc;
}

int
ccs_proposals_make(struct ccs_db *db, enum ccs_cap_kind kind, int64_t id,
    int64_t now, size_t *made)
{
	struct ccs_cap_target *tg = NULL;
	struct ccs_cap_known *kn = NULL;
	struct ccs_cap_proposal *out = NULL;
	const char **states = NULL;
	json_t *targets = NULL, *srows = NULL, *krows = NULL, *r, *log = NULL;
	struct ccs_val v[6];
	char idtxt[24];
	int64_t vid;
	size_t i, n = 0, cap;
	int rc;

	if (made != NULL)
		*made = 0;
	if ((size_t)kind >= sizeof(kinds) / sizeof(kinds[0]))
		return CCS_EINVAL;
	rc = ccs_fw_latest(db, &vid, NULL);
	if (rc == CCS_ENOTFOUND)
		return CCS_OK;	/* no framework: no standards to propose */
	v[0] = CCS_VINT(id);
	v[1] = CCS_VINT(vid);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, kinds[kind].targets, v, 2, &targets);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, kinds[kind].states, v, 1, &srows);
	if (rc == CCS_OK)
		rc = known_rows(db, kind, id, targets, &krows);
	if (rc != CCS_OK)
		goto out;
	if (json_array_size(targets) == 0 || json_array_size(srows) == 0)
		goto out;
	tg = ccs_calloc(json_array_size(targets), sizeof(*tg));
	states = ccs_calloc(json_array_size(srows), sizeof(*states));
	kn = ccs_calloc(json_array_size(krows) + 1, sizeof(*kn));
	if (!ccs_mul_sz(json_array_size(targets), json_array_size(srows),
	    &cap)) {
		rc = CCS_ETOOBIG;
		goto out;
	}
	out = ccs_calloc(cap, sizeof(*out));
	if (tg == NULL || states == NULL || kn == NULL || out == NULL) {
		rc = CCS_ENOMEM;
		goto out;
	}
	json_array_foreach(targets, i, r) {
		tg[i].lineage_id = jint(r, "lineage_id");
		tg[i].level = json_is_integer(json_object_get(r, "level")) ?
		    (int)jint(r, "level") : -1;
		tg[i].met_level = (int)jint(r, "met_level");
		tg[i].nlevels = (int)jint(r, "nlevels");
	}
	json_array_foreach(srows, i, r)
		states[i] = jstr(r, "state_code");
	json_array_foreach(krows, i, r) {
		(void)ccs_strlcpy(kn[i].state, jstr(r, "state") ? jstr(r,
		    "state") : "", sizeof(kn[i].state));
		kn[i].lineage_id = jint(r, "lineage_id");
		kn[i].level = (int)jint(r, "level");
		kn[i].proposed = jint(r, "proposed") != 0;
	}
	n = ccs_cap_plan(tg, json_array_size(targets), states,
	    json_array_size(srows), kn, json_array_size(krows), out, cap);
	if (n == (size_t)-1) {
		rc = CCS_ETOOBIG;
		goto out;
	}
	log = json_array();
	if (log == NULL)
		rc = CCS_ENOMEM;
	for (i = 0; i < n && rc == CCS_OK; i++) {
		v[0] = CCS_VTEXT(ccs_cap_kind_name(kind));
		v[1] = CCS_VINT(id);
		v[2] = CCS_VTEXT(out[i].state);
		v[3] = CCS_VINT(out[i].lineage_id);
		v[4] = CCS_VINT(out[i].level);
		v[5] = CCS_VINT(now);
		rc = ccs_db_exec(db, "INSERT INTO proposals (source_kind, "
		    "source_id, state_code, lineage_id, level, status, "
		    "created_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6)", v,
		    6, NULL, NULL);
		/* the audit event lists what was made: all of it or none */
		if (rc == CCS_OK && json_array_append_new(log, json_pack(
		    "{s:s, s:I, s:i}", "state", out[i].state, "lineage_id",
		    (json_int_t)out[i].lineage_id, "level", out[i].level)) != 0)
			rc = CCS_ENOMEM;
	}
	if (rc == CCS_OK && n > 0) {
		(void)ccs_snprintf(idtxt, sizeof(idtxt), "%s/%lld",
		    ccs_cap_kind_name(kind), (long long)id);
		rc = ccs_audit_append(db, "system", "proposals.create",
		    "proposal_source", idtxt, log, now);
	}
	if (rc == CCS_OK && made != NULL)
		*made = n;
out:
	json_decref(log);
	free(out);
	free(kn);
	free(states);
	free(tg);
	json_decref(krows);
	json_decref(srows);
	json_decref(targets);
	return rc;
}

int
ccs_proposals_for_initiative(struct ccs_db *db, int64_t now, int64_t id)
{
	return ccs_proposals_make(db, CCS_CAP_INITIATIVE, id, now, NULL);
}

/*
 * Adds the level label and the source's title to proposal row @p r.
 * @return CCS_OK, CCS_ENOMEM or a store error
 */
static int
decorate(struct ccs_db *db, json_t *r)
{
	const char *kind = jstr(r, "source_kind"), *sc = jstr(r, "scale");
	json_t *scale = sc ? json_loads(sc, 0, NULL) : NULL, *about = NULL;
	json_t *label = json_array_get(scale, (size_t)jint(r, "level"));
	struct ccs_val v[2];
	size_t k;
	int rc;

	rc = ccs_capev_set(r, "level_label", label ? json_incref(label) :
	    json_null());
	json_decref(scale);
	for (k = 0; rc == CCS_OK && k < sizeof(kinds) / sizeof(kinds[0]);
	    k++) {
		if (!ccs_streq(ccs_cap_kind_name((enum ccs_cap_kind)k), kind))
			continue;
		v[0] = CCS_VINT(jint(r, "source_id"));
		v[1] = CCS_VNULL;
		rc = ccs_db_query_one(db, kinds[k].about, v, 1, &about);
		if (rc == CCS_ENOTFOUND)
			rc = CCS_OK;
	}
	if (rc == CCS_OK)
		rc = ccs_capev_set(r, "source", json_pack("{s:O, s:O, s:O}",
		    "kind", json_object_get(r, "source_kind"), "id",
		    json_object_get(r, "source_id"), "title", about ?
		    json_object_get(about, "title") : json_null()));
	json_decref(about);
	if (rc != CCS_OK)
		return rc;
	(void)json_object_del(r, "scale");
	(void)json_object_del(r, "source_kind");
	(void)json_object_del(r, "source_id");
	return CCS_OK;
}

static int
load(struct ccs_db *db, int64_t id, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v[2];
	int64_t vid = 0;
	int rc;

	*out = NULL;
	rc = ccs_fw_latest(db, &vid, NULL);
	if (rc != CCS_OK && rc != CCS_ENOTFOUND)
		return ccs_dbfail(f, db, rc);
	v[0] = CCS_VINT(vid);
	v[1] = CCS_VINT(id);
	rc = ccs_db_query_one(db, PROPOSAL_SELECT " WHERE p.id = $2", v, 2,
	    out);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no proposal %lld",
		    (long long)id);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	rc = decorate(db, *out);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
		return ccs_dbfail(f, db, rc);
	}
	return CCS_OK;
}

static int
refuse(const struct ccs_principal *p, int rc, struct ccs_fail *f)
{
	(void)p;
	return ccs_fail(f, rc, rc == CCS_EAUTH ? "authentication_required" :
	    "forbidden", "only RIFC analysts see and decide proposals");
}

int
ccs_proposal_load(struct ccs_db *db, int64_t id, json_t **out)
{
	struct ccs_fail f = { 0, NULL, "" };

	return load(db, id, out, &f);
}

int
ccs_proposal_refuse(const struct ccs_principal *p, int rc,
    struct ccs_fail *f)
{
	return refuse(p, rc, f);
}

/* Loads proposal @p id for a decision: RIFC only, pending only. */
static int
pending(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    json_t **prop, struct ccs_fail *f)
{
	int rc;

	*prop = NULL;
	rc = ccs_policy_check(p, CCS_ACT_PROPOSAL_DECIDE, NULL);
	if (rc != CCS_OK)
		return refuse(p, rc, f);
	rc = load(db, id, prop, f);
	if (rc != CCS_OK)
		return rc;
	if (!ccs_streq(jstr(*prop, "status"), "pending")) {
		rc = ccs_fail(f, CCS_ECONFLICT, "already_decided", "proposal "
		    "%lld was already %s", (long long)id, jstr(*prop,
		    "status"));
		json_decref(*prop);
		*prop = NULL;
	}
	return rc;
}

/* The body of the status record proposal @p prop becomes. New. */
static json_t *
record_body(struct ccs_db *db, const json_t *prop, const char *today,
    int64_t pid)
{
	const json_t *src = json_object_get(prop, "source");
	const char *kind = jstr(src, "kind"), *end, *link = NULL;
	json_t *about = NULL, *mats = NULL, *body = NULL;
	struct ccs_val v[2];
	char evidence[700], as_of[11];
	size_t k;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		if (!ccs_streq(ccs_cap_kind_name((enum ccs_cap_kind)k), kind))
			continue;
		v[0] = CCS_VINT(jint(src, "id"));
		v[1] = CCS_VNULL;
		if (ccs_db_query_one(db, kinds[k].about, v, 1,
		    &about) != CCS_OK)
			return NULL;
		break;
	}
	if (about == NULL)
		return NULL;
	end = jstr(about, "end_date");
	/* as of the day the work ended, never a day to come */
	(void)ccs_strlcpy(as_of, end != NULL && ccs_valid_date(end) &&
	    strcmp(end, today) <= 0 ? end : today, sizeof(as_of));
	link = jstr(about, "link");
	if (link == NULL && jstr(about, "materials") != NULL) {
		mats = json_loads(jstr(about, "materials"), 0, NULL);
		link = json_string_value(json_object_get(json_array_get(mats,
		    0), "url"));
	}
	if (ccs_snprintf(evidence, sizeof(evidence), "%s %s %lld "
	    "\"%.300s\"%s%s (%s%lld), proposed by the platform (proposal "
	    "%lld) and accepted by the RIFC.", kinds[k].done, kind,
	    (long long)jint(src, "id"), jstr(about, "title") ?
	    jstr(about, "title") : "", end ? (k == CCS_CAP_LEGAL ? ", since " :
	    ", ended ") : "", end ? end : "", kinds[k].path,
	    (long long)jint(src, "id"), (long long)pid) == CCS_OK)
		body = json_pack("{s:O, s:O, s:s, s:O, s:s, s:s, s:[]}",
		    "state", json_object_get(prop, "state"),
		    "standard", json_object_get(prop, "standard"),
		    "as_of", as_of,
		    "level", json_object_get(prop, "level"),
		    "evidence", evidence,
		    "source", kinds[k].source,
		    "links");
	if (body != NULL && link != NULL && ccs_valid_url(link))
		json_array_append_new(json_object_get(body, "links"),
		    json_string(link));
	json_decref(mats);
	json_decref(about);
	return body;
}

int
ccs_proposal_accept(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, int64_t now, json_t **out, struct ccs_fail *f)
{
	json_t *prop = NULL, *body = NULL, *rec = NULL, *change;
	struct ccs_val v[5];
	char today[11];
	int64_t aid;
	int rc;

	*out = NULL;
	rc = pending(db, p, id, &prop, f);
	if (rc != CCS_OK)
		return rc;
	if (jstr(prop, "standard") == NULL) {
		rc = ccs_fail(f, CCS_ECONFLICT, "standard_retired", "the "
		    "standard of proposal %lld is not in the current "
		    "framework; dismiss it", (long long)id);
		goto out;
	}
	ccs_date_of(now, today);
	body = record_body(db, prop, today, id);
	if (body == NULL) {
		rc = ccs_fail(f, CCS_EDB, "internal", "proposal %lld: its "
		    "source could not be read", (long long)id);
		goto out;
	}
	rc = ccs_assess_submit(db, p, body, now, &rec, f);
	if (rc != CCS_OK)
		goto out;
	aid = jint(rec, "id");
	v[0] = CCS_VINT(id);
	v[1] = CCS_VINT(aid);
	v[2] = p->user_id ? CCS_VINT(p->user_id) : CCS_VNULL;
	v[3] = CCS_VTEXT(ccs_actor(p));
	v[4] = CCS_VINT(now);
	rc = ccs_db_exec(db, "UPDATE proposals SET status = 'accepted', "
	    "assessment_id = $2, decided_by_id = $3, decided_by = $4, "
	    "decided_at = $5 WHERE id = $1 AND status = 'pending'", v, 5, NULL,
	    NULL);
	change = json_pack("{s:s, s:I}", "decision", "accepted",
	    "assessment_id", (json_int_t)aid);
	if (rc == CCS_OK && change == NULL)
		rc = CCS_ENOMEM;
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "proposal.accept", "proposal", id,
		    change, now);
	json_decref(change);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	rc = load(db, id, out, f);
out:
	json_decref(rec);
	json_decref(body);
	json_decref(prop);
	return rc;
}

int
ccs_proposal_dismiss(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const char *reason, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	json_t *prop = NULL, *change;
	struct ccs_val v[5];
	int rc;

	*out = NULL;
	rc = pending(db, p, id, &prop, f);
	json_decref(prop);
	if (rc != CCS_OK)
		return rc;
	if (reason == NULL || reason[0] == '\0')
		return ccs_fail(f, CCS_EINVAL, "reason_required", "say why the "
		    "proposal is dismissed");
	v[0] = CCS_VINT(id);
	v[1] = CCS_VTEXT(reason);
	v[2] = p->user_id ? CCS_VINT(p->user_id) : CCS_VNULL;
	v[3] = CCS_VTEXT(ccs_actor(p));
	v[4] = CCS_VINT(now);
	rc = ccs_db_exec(db, "UPDATE proposals SET status = 'dismissed', "
	    "reason = $2, decided_by_id = $3, decided_by = $4, decided_at = $5 "
	    "WHERE id = $1 AND status = 'pending'", v, 5, NULL, NULL);
	change = json_pack("{s:s, s:s}", "decision", "dismissed", "reason",
	    reason);
	if (rc == CCS_OK && change == NULL)
		rc = CCS_ENOMEM;
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "proposal.dismiss", "proposal", id,
		    change, now);
	json_decref(change);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return load(db, id, out, f);
}

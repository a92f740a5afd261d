/*
 * campaigns.c: awareness campaigns (see campaigns.h). Built like
 * training.c: a PATCH is merged onto the stored campaign and the whole
 * goes through the checks of a new one; the campaign and its targeted
 * standards are written in the request's one transaction, with its audit
 * event and, when it becomes completed, its proposals.
 */
#include <stdlib.h>
#include <string.h>

#include "core/capacity/closing.h"
#include "core/capacity/events.h"
#include "core/validate.h"
#include "svc/capacity/campaigns.h"
#include "svc/capacity/event_refs.h"
#include "svc/capacity/proposals.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

const struct ccs_jfield ccs_campaign_fields[] = {
	{ "title", CCS_J_STRING, true, 1, 300 },
	{ "description", CCS_J_NULLSTR, false, 0, 20000 },
	{ "state", CCS_J_STRING, true, 1, 8 },
	{ "audiences", CCS_J_ARRAY, true, 0, 10 },
	{ "channel", CCS_J_STRING, true, 1, 32 },
	{ "start", CCS_J_STRING, true, 1, 16 },
	{ "end", CCS_J_STRING, true, 1, 16 },
	{ "reach", CCS_J_NULLINT, false, 0, 0 },
	{ "organiser_id", CCS_J_INT, true, 0, 0 },
	{ "initiative_id", CCS_J_NULLINT, false, 0, 0 },
	{ "materials", CCS_J_ARRAY, false, 0, 50 },
	{ "standards", CCS_J_ARRAY, false, 0, 100 },
	{ "status", CCS_J_STRING, false, 1, 16 },
};
const size_t ccs_campaign_nfields = sizeof(ccs_campaign_fields) /
    sizeof(ccs_campaign_fields[0]);

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

static int
load(struct ccs_db *db, int64_t id, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *c = NULL, *targets = NULL, *org;
	int rc;

	*out = NULL;
	rc = ccs_db_query_one(db, "SELECT id, title, description, state_code "
	    "AS state, audiences, channel, start_date AS start, end_date AS "
	    "\"end\", reach, organiser_id, initiative_id, materials, status, "
	    "created_by, created_at, updated_by, updated_at FROM campaigns "
	    "WHERE id = $1", &v, 1, &c);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no campaign %lld",
		    (long long)id);
	if (rc == CCS_OK)
		rc = ccs_capev_load_targets(db, "campaign_standards",
		    "campaign_id", id, &targets);
	if (rc != CCS_OK) {
		json_decref(c);
		return ccs_dbfail(f, db, rc);
	}
	/* every member or none: a PATCH merges onto what this returns */
	rc = ccs_capev_set(c, "audiences", ccs_capev_parse(jstr(c,
	    "audiences")));
	if (rc == CCS_OK)
		rc = ccs_capev_set(c, "materials", ccs_capev_parse(jstr(c,
		    "materials")));
	if (rc == CCS_OK)
		rc = ccs_capev_org_json(db, jint(c, "organiser_id"), &org);
	if (rc == CCS_OK)
		rc = ccs_capev_set(c, "organiser", org);
	if (rc == CCS_OK) {
		rc = ccs_capev_set(c, "standards", targets);
		targets = NULL;
	}
	json_decref(targets);
	if (rc != CCS_OK) {
		json_decref(c);
		return ccs_dbfail(f, db, rc);
	}
	*out = c;
	return CCS_OK;
}

/* The stored campaign @p c as a body, for merging a PATCH onto. New. */
static json_t *
as_body(const json_t *c)
{
	json_t *stds;

	stds = ccs_capev_targets_body(json_object_get(c, "standards"));
	if (stds == NULL)
		return NULL;
	return json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, "
	    "s:O, s:o, s:O}",
	    "title", json_object_get(c, "title"),
	    "description", json_object_get(c, "description"),
	    "state", json_object_get(c, "state"),
	    "audiences", json_object_get(c, "audiences"),
	    "channel", json_object_get(c, "channel"),
	    "start", json_object_get(c, "start"),
	    "end", json_object_get(c, "end"),
	    "reach", json_object_get(c, "reach"),
	    "organiser_id", json_object_get(c, "organiser_id"),
	    "initiative_id", json_object_get(c, "initiative_id"),
	    "materials", json_object_get(c, "materials"),
	    "standards", stds,
	    "status", json_object_get(c, "status"));
}

static bool
own_org(const struct ccs_principal *p, const json_t *m)
{
	if (p->role != CCS_ROLE_PARTNER || p->system)
		return true;
	return p->org_id != 0 && jint(m, "organiser_id") == p->org_id;
}

static int
forbidden(const struct ccs_principal *p, int rc, struct ccs_fail *f)
{
	return ccs_fail(f, rc, rc == CCS_EAUTH ? "authentication_required" :
	    "forbidden", p->role == CCS_ROLE_PARTNER ? "partners record "
	    "campaigns their own organisation organises" : "only "
	    "coordinators and partners record campaigns");
}

static int
check(struct ccs_db *db, const struct ccs_principal *p, const json_t *m,
    const char *today, json_t **targets, struct ccs_fail *f)
{
	const char *status = jstr(m, "status");
	const json_t *reach = json_object_get(m, "reach");
	char allowed[200];
	int rc;

	*targets = NULL;
	rc = ccs_state_known(db, jstr(m, "state"), "state", f);
	if (rc == CCS_OK)
		rc = ccs_capev_period(jstr(m, "start"), jstr(m, "end"), f);
	if (rc == CCS_OK)
		rc = ccs_capev_org(db, jint(m, "organiser_id"), "organiser_id",
		    f);
	if (rc == CCS_OK)
		rc = ccs_capev_words(json_object_get(m, "audiences"),
		    &ccs_campaign_audiences, "audiences", "unknown_audience",
		    f);
	if (rc == CCS_OK && !ccs_vocab_has(&ccs_campaign_channels,
	    jstr(m, "channel"))) {
		if (ccs_vocab_list(&ccs_campaign_channels, allowed,
		    sizeof(allowed)) != 0)
			allowed[0] = '\0';
		rc = ccs_fail(f, CCS_EINVAL, "unknown_channel", "channel must "
		    "be one of %s", allowed);
	}
	if (rc == CCS_OK && json_is_integer(reach) &&
	    json_integer_value(reach) < 0)
		rc = ccs_fail(f, CCS_EINVAL, "invalid_count", "reach must be a "
		    "count of 0 or more");
	if (rc == CCS_OK)
		rc = ccs_capev_materials(json_object_get(m, "materials"), f);
	if (rc == CCS_OK && json_is_integer(json_object_get(m,
	    "initiative_id")))
		rc = ccs_capev_initiative(db, jint(m, "initiative_id"),
		    "initiative_id", f);
	if (rc == CCS_OK && !ccs_vocab_has(&ccs_event_statuses, status))
		rc = ccs_fail(f, CCS_EINVAL, "invalid_status", "status must be "
		    "planned, completed or cancelled");
	if (rc == CCS_OK && ccs_streq(status, "completed") &&
	    strcmp(jstr(m, "end"), today) > 0)
		rc = ccs_fail(f, CCS_EINVAL, "not_ended", "a campaign ending "
		    "%s cannot be completed yet", jstr(m, "end"));
	if (rc == CCS_OK && !own_org(p, m))
		rc = forbidden(p, CCS_EPERM, f);
	if (rc == CCS_OK)
		rc = ccs_capev_targets(db, json_object_get(m, "standards"),
		    targets, f);
	return rc;
}

static int
store(struct ccs_db *db, const struct ccs_principal *p, const json_t *m,
    const json_t *targets, int64_t now, int64_t *id)
{
	char *aud, *mat;
	const json_t *x;
	struct ccs_val v[16];
	int rc = CCS_ENOMEM;

	aud = ccs_capev_dump(json_object_get(m, "audiences"));
	mat = ccs_capev_dump(json_object_get(m, "materials"));
	if (aud == NULL || mat == NULL)
		goto out;
	v[0] = CCS_VTEXT(jstr(m, "title"));
	v[1] = CCS_VTEXT(jstr(m, "description") ? jstr(m, "description") :
	    "");
	v[2] = CCS_VTEXT(jstr(m, "state"));
	v[3] = CCS_VTEXT(aud);
	v[4] = CCS_VTEXT(jstr(m, "channel"));
	v[5] = CCS_VTEXT(jstr(m, "start"));
	v[6] = CCS_VTEXT(jstr(m, "end"));
	x = json_object_get(m, "reach");
	v[7] = json_is_integer(x) ? CCS_VINT(json_integer_value(x)) :
	    CCS_VNULL;
	v[8] = CCS_VINT(jint(m, "organiser_id"));
	x = json_object_get(m, "initiative_id");
	v[9] = json_is_integer(x) ? CCS_VINT(json_integer_value(x)) :
	    CCS_VNULL;
	v[10] = CCS_VTEXT(mat);
	v[11] = CCS_VTEXT(jstr(m, "status"));
	v[12] = CCS_VTEXT(ccs_actor(p));
	v[13] = CCS_VINT(now);
	v[14] = CCS_VINT(*id);
	if (*id == 0)
		rc = ccs_db_query_int(db, "INSERT INTO campaigns (title, "
		    "description, state_code, audiences, channel, start_date, "
		    "end_date, reach, organiser_id, initiative_id, materials, "
		    "status, created_by, created_at, updated_by, updated_at) "
		    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
		    "$12, $13, $14, $13, $14) RETURNING id", v, 14, id);
	else
		rc = ccs_db_exec(db, "UPDATE campaigns SET title = $1, "
		    "description = $2, state_code = $3, audiences = $4, "
		    "channel = $5, start_date = $6, end_date = $7, reach = $8, "
		    "organiser_id = $9, initiative_id = $10, materials = $11, "
		    "status = $12, updated_by = $13, updated_at = $14 WHERE id "
		    "= $15", v, 15, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_capev_store_targets(db, "campaign_standards",
		    "campaign_id", *id, targets);
out:
	free(aud);
	free(mat);
	return rc;
}

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
	rc = store(db, p, m, targets, now, &id);
	json_decref(targets);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	rc = ccs_audit_record(db, p, before == NULL ? "campaign.create" :
	    "campaign.update", "campaign", id, body,
	    now);
	if (rc == CCS_OK && ccs_cap_event_completes(before, jstr(m, "status")))
		rc = ccs_proposals_make(db, CCS_CAP_CAMPAIGN, id, now, &made);
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
ccs_campaign_create(struct ccs_db *db, const struct ccs_principal *p,
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
ccs_campaign_update(struct ccs_db *db, const struct ccs_principal *p,
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
ccs_campaign_get(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, json_t **out, struct ccs_fail *f)
{
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "see campaigns");
	return load(db, id, out, f);
}

int
ccs_campaign_load(struct ccs_db *db, int64_t id, json_t **out)
{
	struct ccs_fail f = { 0, NULL, "" };

	return load(db, id, out, &f);
}

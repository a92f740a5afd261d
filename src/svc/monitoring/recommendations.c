/*
 * recommendations.c: recommendations, their follow-up trail and the
 * overdue view.
 *
 * The timeframe window is counted from the meeting's date, or from the
 * day the recommendation is made when it has no meeting; the rules are
 * core/monitoring/recommendations.c. The status changes only through a
 * progress report, so the trail explains every change. "Overdue" is
 * computed at each read from the request's day, never stored.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/monitoring/recommendations.h"
#include "core/validate.h"
#include "svc/capacity/cap_common.h"
#include "svc/monitoring/meetings_common.h"
#include "svc/monitoring/recommendations.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_recommendation_fields[] = {
	{ "text", CCS_J_STRING, true, 1, 4000 },
	{ "owner_org", CCS_J_NULLINT, false, 0, 0 },
	{ "owner_state", CCS_J_NULLSTR, false, 1, 2 },
	{ "due_date", CCS_J_STRING, true, 1, 10 },
	{ "timeframe", CCS_J_STRING, true, 1, 20 },
	{ "meeting_id", CCS_J_NULLINT, false, 0, 0 },
	{ "need_ref", CCS_J_NULLSTR, false, 1, 10 },
	{ "plan_item_id", CCS_J_NULLINT, false, 0, 0 },
	{ "version", CCS_J_INT, false, 0, 0 },
};
const size_t ccs_recommendation_nfields = sizeof(ccs_recommendation_fields) /
    sizeof(ccs_recommendation_fields[0]);

const struct ccs_jfield ccs_rec_progress_fields[] = {
	{ "text", CCS_J_STRING, true, 1, 4000 },
	{ "status", CCS_J_STRING, false, 1, 20 },
	{ "reported_on", CCS_J_STRING, false, 1, 10 },
	{ "document_url", CCS_J_NULLSTR, false, 1, 2000 },
};
const size_t ccs_rec_progress_nfields = sizeof(ccs_rec_progress_fields) /
    sizeof(ccs_rec_progress_fields[0]);

#define REC_COLS "SELECT r.id, r.meeting_id, m.title AS meeting_title, " \
	"m.kind AS meeting_kind, m.meeting_date, r.text, r.owner_org, " \
	"o.name AS owner_org_name, r.owner_state, s.name AS " \
	"owner_state_name, r.due_date, r.timeframe, r.need_ref, " \
	"r.plan_item_id, pi.ref AS plan_item_ref, r.status, r.closed_on, " \
	"r.version, r.created_by, r.created_at, r.updated_by, r.updated_at"
#define REC_SELECT REC_COLS " " REC_FROM
#define REC_FROM \
	"FROM recommendations r LEFT JOIN meetings m ON m.id = r.meeting_id " \
	"LEFT JOIN organisations o ON o.id = r.owner_org LEFT JOIN states s " \
	"ON s.code = r.owner_state LEFT JOIN plan_items pi ON pi.id = " \
	"r.plan_item_id"

/* Folds the owner columns into "owner" and adds "overdue". */
static void
present(json_t *r, const char *today)
{
	json_t *owner;

	if (json_is_integer(json_object_get(r, "owner_org")))
		owner = json_pack("{s:s, s:O, s:O}", "kind", "organisation",
		    "id", json_object_get(r, "owner_org"), "name",
		    json_object_get(r, "owner_org_name"));
	else
		owner = json_pack("{s:s, s:O, s:O}", "kind", "state", "code",
		    json_object_get(r, "owner_state"), "name",
		    json_object_get(r, "owner_state_name"));
	(void)json_object_set_new(r, "owner", owner);
	json_object_del(r, "owner_org_name");
	json_object_del(r, "owner_state_name");
	(void)json_object_set_new(r, "overdue", json_boolean(ccs_rec_overdue(
	    ccs_jstr(r, "status"), ccs_jstr(r, "due_date"), today)));
}

static void
present_all(json_t *rows, int64_t now)
{
	char today[11];
	json_t *it;
	size_t i;

	ccs_date_of(now, today);
	json_array_foreach(rows, i, it)
		present(it, today);
}

int
ccs_rec_of_meeting(struct ccs_db *db, int64_t meeting, int64_t now,
    json_t **out)
{
	struct ccs_val v = CCS_VINT(meeting);
	int rc;

	rc = ccs_db_query_json(db, REC_SELECT " WHERE r.meeting_id = $1 ORDER "
	    "BY r.due_date, r.id", &v, 1, out);
	if (rc == CCS_OK)
		present_all(*out, now);
	return rc;
}

static int
check_filter(struct ccs_db *db, const struct ccs_rec_filter *flt,
    struct ccs_fail *f)
{
	if (flt->status != NULL && !ccs_rec_status_known(flt->status))
		return ccs_fail(f, CCS_EINVAL, "unknown_status", "status must "
		    "be one of open, in_progress, closed, dropped");
	if (flt->owner_state != NULL)
		return ccs_state_known(db, flt->owner_state, "owner_state", f);
	return CCS_OK;
}

static const struct ccs_keyset_col rec_cols[] = {
	{ "due_date", "r.due_date", CCS_KEYSET_TEXT, false },
	{ "updated_at", "r.updated_at", CCS_KEYSET_INT, true },
	{ "status", "r.status", CCS_KEYSET_TEXT, false },
	{ "meeting_date", "COALESCE(m.meeting_date, '')", CCS_KEYSET_TEXT,
	    true },
};

static const char *const rec_text[] = {
	"r.text", "o.name", "s.name", "m.title", "r.need_ref", "pi.ref",
};

static const struct ccs_listq_csvcol rec_csv[] = {
	{ "id", "id", false }, { "text", "text", false },
	{ "owner_organisation", "owner_org", false },
	{ "owner_state", "owner_state", false },
	{ "due_date", "due_date", false }, { "timeframe", "timeframe", false },
	{ "status", "status", false }, { "overdue", "overdue", false },
	{ "closed_on", "closed_on", false }, { "need", "need_ref", false },
	{ "plan_item", "plan_item_ref", false },
	{ "meeting", "meeting_title", false },
	{ "meeting_date", "meeting_date", false },
	{ "updated_at", "updated_at", true },
};

const struct ccs_listq_def ccs_rec_list_def = {
	.name = "recommendations", .select = REC_COLS,
	.from = REC_FROM " WHERE 1 = 1",
	.cols = rec_cols, .ncols = sizeof(rec_cols) / sizeof(rec_cols[0]),
	.id_expr = "r.id", .text = rec_text,
	.ntext = sizeof(rec_text) / sizeof(rec_text[0]),
	.date_expr = "r.due_date", .date_kind = CCS_LISTQ_DAY,
	.csv = rec_csv, .ncsv = sizeof(rec_csv) / sizeof(rec_csv[0]),
};

int
ccs_rec_query(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_rec_filter *flt, int64_t now, struct ccs_keyset *ks,
    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
    struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	char today[11];
	size_t n;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_MONITORING_READ, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "read recommendations");
	rc = check_filter(db, flt, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_listq_new(&ccs_rec_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	ccs_date_of(now, today);
	if (flt->owner_org > 0)
		ccs_listq_eq(lq, "r.owner_org", CCS_VINT(flt->owner_org));
	ccs_listq_eq(lq, "r.owner_state", CCS_VTEXT(flt->owner_state));
	ccs_listq_eq(lq, "r.status", CCS_VTEXT(flt->status));
	if (flt->meeting > 0)
		ccs_listq_eq(lq, "r.meeting_id", CCS_VINT(flt->meeting));
	ccs_listq_eq(lq, "r.need_ref", CCS_VTEXT(flt->need));
	if (flt->overdue) {
		n = ccs_listq_param_copy(lq, today);
		ccs_listq_where(lq, " AND r.status IN ('open', 'in_progress') "
		    "AND r.due_date < $%zu", n);
	}
	ccs_listq_present(lq, present, today);
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

static int
load(struct ccs_db *db, int64_t id, int64_t now, json_t **out)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *trail = NULL;
	char today[11];
	int rc;

	rc = ccs_db_query_one(db, REC_SELECT " WHERE r.id = $1", &v, 1, out);
	if (rc != CCS_OK)
		return rc;
	ccs_date_of(now, today);
	present(*out, today);
	rc = ccs_db_query_json(db, "SELECT id, reported_on, text, status, "
	    "document_url, created_by, created_at FROM "
	    "recommendation_progress WHERE recommendation_id = $1 ORDER BY "
	    "id", &v, 1, &trail);
	if (rc == CCS_OK) {
		(void)json_object_set_new(*out, "progress", trail);
	} else {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int
ccs_rec_get(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    int64_t now, json_t **out, struct ccs_fail *f)
{
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_MONITORING_READ, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "read recommendations");
	rc = load(db, id, now, out);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no recommendation %"
		    PRId64, id);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

/* The checked values of a write. */
struct rvals {
	const char	*text, *owner_state, *due, *tf, *need;
	int64_t		 owner_org, meeting, item;
	char		 base[11];	/* the timeframe counts from here */
};

static int
exists(struct ccs_db *db, const char *sql, int64_t id, bool *ok,
    struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	int64_t n = 0;
	int rc;

	rc = ccs_db_query_int(db, sql, &v, 1, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	*ok = n > 0;
	return CCS_OK;
}

static int64_t
int_of(const json_t *body, const json_t *cur, const char *key)
{
	const json_t *v = json_object_get(body, key);

	if (v == NULL)
		v = json_object_get(cur, key);
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

static const char *
str_of(const json_t *body, const json_t *cur, const char *key)
{
	const json_t *v = json_object_get(body, key);

	return v != NULL ? json_string_value(v) : ccs_jstr(cur, key);
}

/* The owner: one of owner_org and owner_state; the body's replaces. */
static int
check_owner(struct ccs_db *db, const json_t *body, const json_t *cur,
    struct rvals *r, struct ccs_fail *f)
{
	const json_t *bo = json_object_get(body, "owner_org");
	const json_t *bs = json_object_get(body, "owner_state");
	bool org_given = bo != NULL && !json_is_null(bo);
	bool state_given = bs != NULL && !json_is_null(bs);

	if (org_given && state_given)
		return ccs_fail(f, CCS_EINVAL, "invalid_owner", "give one "
		    "owner: owner_org or owner_state, not both");
	if (org_given || state_given || cur == NULL) {
		r->owner_org = org_given ? json_integer_value(bo) : 0;
		r->owner_state = state_given ? json_string_value(bs) : NULL;
	} else {
		r->owner_org = int_of(NULL, cur, "owner_org");
		r->owner_state = ccs_jstr(cur, "owner_state");
		if ((bo != NULL && json_is_null(bo) && r->owner_org > 0) ||
		    (bs != NULL && json_is_null(bs) && r->owner_state)) {
			r->owner_org = 0;
			r->owner_state = NULL;
		}
	}
	if (r->owner_org <= 0 && r->owner_state == NULL)
		return ccs_fail(f, CCS_EINVAL, "missing_field", "owner is "
		    "required: owner_org (an organisation id of the "
		    "directory) or owner_state (a state code such as JM)");
	if (r->owner_org > 0)
		return ccs_cap_org_known(db, r->owner_org, "owner_org", f);
	return ccs_state_known(db, r->owner_state, "owner_state", f);
}

static int
check(struct ccs_db *db, const json_t *body, const json_t *cur, int64_t now,
    struct rvals *r, struct ccs_fail *f)
{
	json_t *mt = NULL;
	char last[11];
	bool ok = false;
	int rc;

	memset(r, 0, sizeof(*r));
	r->text = str_of(body, cur, "text");
	r->due = str_of(body, cur, "due_date");
	r->tf = str_of(body, cur, "timeframe");
	r->need = str_of(body, cur, "need_ref");
	r->meeting = int_of(body, cur, "meeting_id");
	r->item = int_of(body, cur, "plan_item_id");
	rc = check_owner(db, body, cur, r, f);
	if (rc != CCS_OK)
		return rc;
	if (r->due == NULL || !ccs_valid_date(r->due))
		return ccs_fail(f, CCS_EINVAL, "invalid_date", "due_date must "
		    "be a date YYYY-MM-DD");
	if (ccs_rec_timeframe_months(r->tf) < 0)
		return ccs_fail(f, CCS_EINVAL, "unknown_timeframe", "timeframe "
		    "must be one of immediate (up to 6 months), medium (up to "
		    "18), long (up to 30), nar (no action required), rar "
		    "(regional action required)");
	if (r->need != NULL) {
		rc = ccs_cap_need_known(db, r->need, "need_ref", f);
		if (rc != CCS_OK)
			return rc;
	}
	if (r->item > 0) {
		rc = exists(db, "SELECT COUNT(*) FROM plan_items WHERE id = $1",
		    r->item, &ok, f);
		if (rc == CCS_OK && !ok)
			rc = ccs_fail(f, CCS_EINVAL, "unknown_plan_item",
			    "plan_item_id: no plan item %" PRId64, r->item);
		if (rc != CCS_OK)
			return rc;
	}
	if (r->meeting > 0) {
		struct ccs_val v = CCS_VINT(r->meeting);

		rc = ccs_db_query_one(db, "SELECT meeting_date FROM meetings "
		    "WHERE id = $1", &v, 1, &mt);
		if (rc == CCS_ENOTFOUND)
			return ccs_fail(f, CCS_EINVAL, "unknown_meeting",
			    "meeting_id: no meeting %" PRId64, r->meeting);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		(void)ccs_strlcpy(r->base, ccs_jstr(mt, "meeting_date"),
		    sizeof(r->base));
		json_decref(mt);
	} else {
		ccs_date_of(cur != NULL ? json_integer_value(json_object_get(
		    cur, "created_at")) : now, r->base);
	}
	if (!ccs_rec_due_fits(r->tf, r->base, r->due)) {
		(void)ccs_rec_add_months(r->base, ccs_rec_timeframe_months(
		    r->tf), last);
		return ccs_fail(f, CCS_EINVAL, "due_beyond_timeframe",
		    "due_date %s is after the end of the %s timeframe (%d "
		    "months from %s: %s)", r->due, r->tf,
		    ccs_rec_timeframe_months(r->tf), r->base, last);
	}
	return CCS_OK;
}

int
ccs_rec_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_MEETING_WRITE, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "make recommendations");
	return ccs_rec_create_authorised(db, p, body, now, out, f);
}

int
ccs_rec_create_authorised(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	struct rvals r;
	int64_t id = 0;
	int rc;

	*out = NULL;
	rc = check(db, body, NULL, now, &r, f);
	if (rc != CCS_OK)
		return rc;
	{
		const struct ccs_named np[] = {
			CCS_NAMED("mt", r.meeting > 0 ? CCS_VINT(r.meeting) :
			    CCS_VNULL),
			CCS_NAMED("text", CCS_VTEXT(r.text)),
			CCS_NAMED("org", r.owner_org > 0 ?
			    CCS_VINT(r.owner_org) : CCS_VNULL),
			CCS_NAMED("st", CCS_VTEXT(r.owner_state)),
			CCS_NAMED("due", CCS_VTEXT(r.due)),
			CCS_NAMED("tf", CCS_VTEXT(r.tf)),
			CCS_NAMED("need", CCS_VTEXT(r.need)),
			CCS_NAMED("item", r.item > 0 ? CCS_VINT(r.item) :
			    CCS_VNULL),
			CCS_NAMED("who", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_query_int_named(db, "INSERT INTO recommendations "
		    "(meeting_id, text, owner_org, owner_state, due_date, "
		    "timeframe, need_ref, plan_item_id, status, created_by, "
		    "created_at, updated_by, updated_at) VALUES (:mt, :text, "
		    ":org, :st, :due, :tf, :need, :item, 'open', :who, :now, "
		    ":who, :now) RETURNING id", np, CCS_NNAMED(np), &id);
	}
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "recommendation.create",
		    "recommendation", id, body, now);
	if (rc == CCS_OK)
		rc = load(db, id, now, out);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

/* Loads the row a write changes; not_found when absent. */
static int
current(struct ccs_db *db, int64_t id, json_t **cur, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	int rc;

	rc = ccs_db_query_one(db, "SELECT * FROM recommendations WHERE id = "
	    "$1", &v, 1, cur);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no recommendation %"
		    PRId64, id);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

int
ccs_rec_update(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	json_t *cur = NULL;
	struct rvals r;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_MEETING_WRITE, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "change recommendations");
	if (json_object_get(body, "version") == NULL)
		return ccs_fail(f, CCS_EINVAL, "missing_field", "version is "
		    "required: the version of the recommendation you read");
	rc = current(db, id, &cur, f);
	if (rc != CCS_OK)
		return rc;
	if (json_integer_value(json_object_get(body, "version")) !=
	    json_integer_value(json_object_get(cur, "version"))) {
		rc = ccs_fail(f, CCS_ECONFLICT, "stale_version", "the "
		    "recommendation changed since you read it (now version %"
		    JSON_INTEGER_FORMAT "): reload it", json_integer_value(
		    json_object_get(cur, "version")));
		goto out;
	}
	rc = check(db, body, cur, now, &r, f);
	if (rc != CCS_OK)
		goto out;
	{
		const struct ccs_named np[] = {
			CCS_NAMED("id", CCS_VINT(id)),
			CCS_NAMED("mt", r.meeting > 0 ? CCS_VINT(r.meeting) :
			    CCS_VNULL),
			CCS_NAMED("text", CCS_VTEXT(r.text)),
			CCS_NAMED("org", r.owner_org > 0 ?
			    CCS_VINT(r.owner_org) : CCS_VNULL),
			CCS_NAMED("st", CCS_VTEXT(r.owner_state)),
			CCS_NAMED("due", CCS_VTEXT(r.due)),
			CCS_NAMED("tf", CCS_VTEXT(r.tf)),
			CCS_NAMED("need", CCS_VTEXT(r.need)),
			CCS_NAMED("item", r.item > 0 ? CCS_VINT(r.item) :
			    CCS_VNULL),
			CCS_NAMED("who", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_exec_named(db, "UPDATE recommendations SET "
		    "meeting_id = :mt, text = :text, owner_org = :org, "
		    "owner_state = :st, due_date = :due, timeframe = :tf, "
		    "need_ref = :need, plan_item_id = :item, updated_by = "
		    ":who, updated_at = :now, version = version + 1 WHERE id = "
		    ":id",
		    np, CCS_NNAMED(np), NULL, NULL);
	}
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "recommendation.update",
		    "recommendation", id, body, now);
	if (rc == CCS_OK)
		rc = load(db, id, now, out);
	if (rc != CCS_OK)
		rc = ccs_dbfail(f, db, rc);
out:
	json_decref(cur);
	return rc;
}

/* Whether @p p owns recommendation @p cur (its state or organisation). */
static bool
owns(const struct ccs_principal *p, const json_t *cur)
{
	const char *st = ccs_jstr(cur, "owner_state");
	int64_t org = int_of(NULL, cur, "owner_org");

	if (st != NULL)
		return p->state[0] != '\0' && strcmp(p->state, st) == 0;
	return org > 0 && p->org_id == org;
}

int
ccs_rec_progress_add(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	const char *from, *to, *on, *url;
	json_t *cur = NULL;
	char today[11];
	bool writer;
	int rc;

	*out = NULL;
	writer = ccs_policy_check(p, CCS_ACT_MEETING_WRITE, NULL) == CCS_OK;
	rc = ccs_policy_check(p, CCS_ACT_RECOMMENDATION_PROGRESS, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "report progress on "
		    "recommendations");
	rc = current(db, id, &cur, f);
	if (rc != CCS_OK)
		return rc;
	if (!writer && !owns(p, cur)) {
		rc = ccs_fail(f, CCS_EPERM, "forbidden", "only the owner of "
		    "recommendation %" PRId64 " or the secretariat may report "
		    "progress on it", id);
		goto out;
	}
	from = ccs_jstr(cur, "status");
	to = ccs_jstr(body, "status") ? ccs_jstr(body, "status") : from;
	ccs_date_of(now, today);
	on = ccs_jstr(body, "reported_on") ? ccs_jstr(body, "reported_on") :
	    today;
	url = ccs_jstr(body, "document_url");
	if (!ccs_rec_status_known(to)) {
		rc = ccs_fail(f, CCS_EINVAL, "unknown_status", "status must be "
		    "one of open, in_progress, closed, dropped");
		goto out;
	}
	if (!ccs_valid_date(on) || strcmp(on, today) > 0) {
		rc = ccs_fail(f, CCS_EINVAL, "invalid_date", "reported_on must "
		    "be a date YYYY-MM-DD, not after today");
		goto out;
	}
	if (url != NULL && !ccs_valid_url(url)) {
		rc = ccs_fail(f, CCS_EINVAL, "invalid_url", "document_url must "
		    "be an http or https address");
		goto out;
	}
	if (!ccs_rec_transition_ok(from, to, writer)) {
		rc = ccs_fail(f, strcmp(from, "closed") == 0 || strcmp(from,
		    "dropped") == 0 || writer ? CCS_ECONFLICT : CCS_EPERM,
		    strcmp(from, "closed") == 0 || strcmp(from, "dropped") == 0
		    ? "recommendation_final" : writer ? "invalid_transition" :
		    "forbidden", "status cannot move from %s to %s%s", from, to,
		    writer ? "" : ": owners report open or in_progress; the "
		    "secretariat closes");
		goto out;
	}
	{
		const struct ccs_named np[] = {
			CCS_NAMED("id", CCS_VINT(id)),
			CCS_NAMED("on", CCS_VTEXT(on)),
			CCS_NAMED("text", CCS_VTEXT(ccs_jstr(body, "text"))),
			CCS_NAMED("to", CCS_VTEXT(to)),
			CCS_NAMED("url", CCS_VTEXT(url)),
			CCS_NAMED("who", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_exec_named(db, "INSERT INTO "
		    "recommendation_progress (recommendation_id, reported_on, "
		    "text, status, "
		    "document_url, created_by, created_at) VALUES (:id, :on, "
		    ":text, :to, :url, :who, :now)", np, CCS_NNAMED(np), NULL,
		    NULL);
	}
	if (rc == CCS_OK) {
		const struct ccs_named np[] = {
			CCS_NAMED("id", CCS_VINT(id)),
			CCS_NAMED("to", CCS_VTEXT(to)),
			CCS_NAMED("closed", CCS_VTEXT(strcmp(to, "closed") ==
			    0 || strcmp(to, "dropped") == 0 ? on : NULL)),
			CCS_NAMED("who", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_exec_named(db, "UPDATE recommendations SET status "
		    "= :to, closed_on = :closed, updated_by = :who, updated_at "
		    "= :now, version = version + 1 WHERE id = :id", np,
		    CCS_NNAMED(np), NULL, NULL);
	}
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "recommendation.progress",
		    "recommendation", id, body, now);
	if (rc == CCS_OK)
		rc = load(db, id, now, out);
	if (rc != CCS_OK)
		rc = ccs_dbfail(f, db, rc);
out:
	json_decref(cur);
	return rc;
}

int
ccs_rec_overdue_by_owner(struct ccs_db *db, const struct ccs_principal *p,
    const char *cursor, int64_t limit, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	json_t *rows = NULL, *groups = NULL, *g = NULL, *it;
	const char *prev = NULL;
	int64_t skip = 0, seen = 0;
	char today[11];
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_MONITORING_READ, NULL);
	if (rc != CCS_OK)
		return ccs_mon_denied(f, rc, "read recommendations");
	/* the owners are few: the cursor is how many were listed before */
	if (cursor != NULL && cursor[0] != '\0' && ccs_parse_i64(cursor, 0,
	    INT64_MAX, &skip) != CCS_OK)
		return ccs_fail(f, CCS_EINVAL, "invalid_cursor", "cursor must "
		    "be the next_cursor of the previous page");
	ccs_date_of(now, today);
	{
		struct ccs_val v = CCS_VTEXT(today);

		rc = ccs_db_query_json(db, "SELECT * FROM (" REC_SELECT
		    " WHERE r.status IN ('open', 'in_progress') AND r.due_date "
		    "< $1) x ORDER BY COALESCE(x.owner_org_name, "
		    "x.owner_state_name), x.owner_org, x.owner_state, "
		    "x.due_date, x.id", &v, 1, &rows);
	}
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	groups = json_array();
	json_array_foreach(rows, i, it) {
		char gk[64];

		present(it, today);
		(void)ccs_snprintf(gk, sizeof(gk), "%s:%" JSON_INTEGER_FORMAT
		    ":%s", ccs_jstr(json_object_get(it, "owner"), "kind"),
		    json_integer_value(json_object_get(it, "owner_org")),
		    ccs_jstr(it, "owner_state") ? ccs_jstr(it, "owner_state") :
		    "");
		if (prev == NULL || strcmp(prev, gk) != 0) {
			seen++;
			g = NULL;
			if (seen > skip && seen <= skip + limit) {
				g = json_pack("{s:O, s:[], s:I, s:O}", "owner",
				    json_object_get(it, "owner"), "items",
				    "count", (json_int_t)0, "oldest_due",
				    json_object_get(it, "due_date"));
				(void)json_array_append_new(groups, g);
			}
			json_object_set_new(it, "_gk", json_string(gk));
			prev = ccs_jstr(it, "_gk");
		}
		if (g != NULL) {
			(void)json_array_append(json_object_get(g, "items"),
			    it);
			(void)json_object_set_new(g, "count", json_integer(
			    (json_int_t)json_array_size(json_object_get(g,
			    "items"))));
		}
	}
	json_array_foreach(groups, i, g) {
		json_t *x;
		size_t j;

		json_array_foreach(json_object_get(g, "items"), j, x)
			json_object_del(x, "_gk");
	}
	{
		char nc[24];
		bool more = seen > skip + limit;

		(void)ccs_snprintf(nc, sizeof(nc), "%" PRId64, skip + limit);
		*out = json_pack("{s:o, s:I, s:I, s:o, s:I, s:s}", "items",
		    groups, "count", (json_int_t)json_array_size(groups),
		    "total", (json_int_t)seen, "next_cursor", more ?
		    json_string(nc) : json_null(), "overdue",
		    (json_int_t)json_array_size(rows), "as_of", today);
	}
	json_decref(rows);
	return *out ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal", "out of "
	    "memory");
}

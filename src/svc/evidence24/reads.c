/*
 * reads.c: one preservation request, the list, the figures.
 *
 * Access is decided before anything of a request is used (access.c): a
 * request the reader may not open is the 404 of a missing one. The list
 * and the figures select only readable rows with the policy's clause, so
 * totals never count what the reader may not see. A request's parent
 * (the request whose Art. 30 disclosure named this state) and its
 * follow-ons are linked only when the reader may open them: the NCPOC
 * of the third state sees the follow-on, not the first request.
 *
 * Overdue first: clock_at is the next deadline (acknowledgement, expiry
 * reminder), kept by the moves, so "overdue" is one indexed comparison.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/evidence24/preservation.h"
#include "core/validate.h"
#include "svc/evidence24/access.h"
#include "svc/evidence24/reads.h"
#include "svc/listq.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

static int64_t
jint(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static void
to_bool(json_t *o, const char *k)
{
	(void)json_object_set_new(o, k, json_boolean(jint(o, k) != 0));
}

/* The actions @p p may make on @p ref at @p now. */
static json_t *
moves_of(const struct ccs_principal *p, const struct ccs_pres_ref *ref,
    int64_t now)
{
	enum ccs_pres_status to;
	enum ccs_pres_side side;
	json_t *a = json_array();
	size_t i;

	for (i = 0; a != NULL && i < CCS_PRES_ACTION_COUNT; i++) {
		if (!ccs_pres_move(ref->status, (enum ccs_pres_action)i, &to,
		    &side) || !ccs_pres_may_act(p, ref, side))
			continue;
		if ((enum ccs_pres_action)i == CCS_PRES_EXPIRE &&
		    ccs_pres_due_at(ref->status, ref->ack_due_at,
		    ref->expires_at, now) != CCS_PRES_DUE_LAPSED)
			continue;
		(void)json_array_append_new(a, json_string(
		    ccs_pres_action_name((enum ccs_pres_action)i)));
	}
	return a;
}

/* Adds the due state and the reminder time to row @p o. */
static void
add_clock(json_t *o, int64_t now)
{
	enum ccs_pres_status st = CCS_PRES_DRAFT;
	int64_t exp = jint(o, "expires_at");

	(void)ccs_pres_status_parse(ccs_jstr(o, "status"), &st);
	if (jint(o, "clock_at") == CCS_PRES_NO_CLOCK)
		(void)json_object_set_new(o, "clock_at", json_null());
	(void)json_object_set_new(o, "due", json_string(ccs_pres_due_name(
	    ccs_pres_due_at(st, jint(o, "ack_due_at"), exp, now))));
	(void)json_object_set_new(o, "reminder_at", exp > 0 &&
	    (st == CCS_PRES_PRESERVED || st == CCS_PRES_PARTLY_DISCLOSED) ?
	    json_integer(exp - (int64_t)CCS_PRES_REMIND_DAYS * 86400) :
	    json_null());
}

/* The follow-ons of @p id that @p p may read, and the parent if so. */
static int
add_links(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    json_t *o)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *kids = NULL, *keep = json_array(), *e, *par = NULL;
	int64_t pid = jint(o, "parent_id");
	size_t i;
	int rc;

	if (keep == NULL)
		return CCS_ENOMEM;
	rc = ccs_db_query_json(db, "SELECT id, requesting_state, "
	    "requested_state, status, custodian FROM preservation_requests "
	    "WHERE parent_id = $1 ORDER BY id", &v, 1, &kids);
	json_array_foreach(kids, i, e) {
		if (ccs_pres_may_read(p, ccs_jstr(e, "requesting_state"),
		    ccs_jstr(e, "requested_state")))
			(void)json_array_append(keep, e);
	}
	json_decref(kids);
	if (rc == CCS_OK && pid > 0) {
		v = CCS_VINT(pid);
		rc = ccs_db_query_one(db, "SELECT requesting_state, "
		    "requested_state FROM preservation_requests WHERE id = $1",
		    &v, 1, &par);
		if (rc == CCS_OK && !ccs_pres_may_read(p, ccs_jstr(par,
		    "requesting_state"), ccs_jstr(par, "requested_state")))
			(void)json_object_set_new(o, "parent_id", json_null());
		json_decref(par);
	}
	if (rc != CCS_OK) {
		json_decref(keep);
		return rc;
	}
	(void)json_object_set_new(o, "follow_ons", keep);
	return CCS_OK;
}

/* "subscriber", "traffic", "content" from the three 0/1 columns. */
static void
add_categories(json_t *o)
{
	static const char *const cols[] = { "data_subscriber",
	    "data_traffic", "data_content" };
	json_t *a = json_array();
	size_t i;

	for (i = 0; a != NULL && i < 3; i++) {
		if (jint(o, cols[i]) != 0)
			(void)json_array_append_new(a, json_string(
			    cols[i] + 5));
		(void)json_object_del(o, cols[i]);
	}
	(void)json_object_set_new(o, "data_categories", a);
}

int
ccs_pres_get(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    int64_t now, bool audit, const char *what, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_pres_ref ref;
	struct ccs_val v = CCS_VINT(id);
	json_t *o = NULL, *ev = NULL, *ids = NULL, *chg = NULL;
	int rc;

	*out = NULL;
	rc = ccs_pres_load(db, p, id, &ref, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_one(db, "SELECT * FROM preservation_requests "
	    "WHERE id = $1", &v, 1, &o);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT action, from_status, "
		    "to_status, note, created_by, created_at FROM "
		    "preservation_events WHERE request_id = $1 ORDER BY id",
		    &v, 1, &ev);
	if (rc == CCS_OK)
		rc = add_links(db, p, id, o);
	if (rc == CCS_OK && audit) {
		chg = json_pack("{s:s}", "form", what);
		rc = chg ? ccs_audit_record(db, p, "preservation.read",
		    "preservation_request", id, chg, now) : CCS_ENOMEM;
		json_decref(chg);
	}
	if (rc != CCS_OK) {
		json_decref(o);
		json_decref(ev);
		return ccs_dbfail(f, db, rc);
	}
	ids = json_loads(ccs_jstr(o, "identifiers"), 0, NULL);
	(void)json_object_set_new(o, "identifiers", ids ? ids : json_array());
	to_bool(o, "mla_to_follow");
	to_bool(o, "non_disclosure");
	add_categories(o);
	add_clock(o, now);
	(void)json_object_set_new(o, "events", ev);
	(void)json_object_set_new(o, "moves", moves_of(p, &ref, now));
	*out = o;
	return CCS_OK;
}

/* Sorts: the clock by default (the earliest deadline first, so the
 * overdue come first, then the coming ones, then the requests without
 * a clock, CCS_PRES_NO_CLOCK: the (clock_at, id) index's order). The
 * clock is its own member: the row's clock_at is shown null when
 * there is none, the cursor needs the stored value. */
static const struct ccs_keyset_col cols[] = {
	{ "clock", "p.clock_at", CCS_KEYSET_INT, false },
	{ "created_at", "p.created_at", CCS_KEYSET_INT, true },
	{ "updated_at", "p.updated_at", CCS_KEYSET_INT, true },
	{ "status", "p.status", CCS_KEYSET_TEXT, false },
	{ "requesting_state", "p.requesting_state", CCS_KEYSET_TEXT, false },
	{ "requested_state", "p.requested_state", CCS_KEYSET_TEXT, false },
	{ "offence", "p.offence", CCS_KEYSET_TEXT, false },
	{ "custodian", "p.custodian", CCS_KEYSET_TEXT, false },
};

/* What the list shows: never the facts or the identifiers. */
static const char *const text[] = {
	"p.offence", "p.custodian", "p.status", "p.requesting_state",
	"p.requested_state", "p.legal_basis", "p.urgency",
};

static const struct ccs_listq_csvcol csv[] = {
	{ "id", "id", false }, { "parent_id", "parent_id", false },
	{ "requesting_state", "requesting_state", false },
	{ "requested_state", "requested_state", false },
	{ "status", "status", false }, { "due", "due", false },
	{ "legal_basis", "legal_basis", false },
	{ "urgency", "urgency", false }, { "offence", "offence", false },
	{ "custodian", "custodian", false }, { "sent_at", "sent_at", true },
	{ "ack_due_at", "ack_due_at", true },
	{ "acknowledged_at", "acknowledged_at", true },
	{ "expires_at", "expires_at", true },
	{ "next_deadline", "clock_at", true },
	{ "created_at", "created_at", true },
	{ "updated_at", "updated_at", true },
};

const struct ccs_listq_def ccs_pres_list_def = {
	.name = "preservation-requests",
	.select = "SELECT p.id, p.parent_id, p.requesting_state, "
	    "p.requested_state, p.status, p.legal_basis, p.urgency, "
	    "p.offence, p.custodian, p.sent_at, p.ack_due_at, "
	    "p.acknowledged_at, p.expires_at, p.clock_at, p.clock_at AS "
	    "clock, p.created_at, p.updated_at",
	.from = "FROM preservation_requests p WHERE 1 = 1",
	.cols = cols, .ncols = sizeof(cols) / sizeof(cols[0]),
	.id_expr = "p.id", .text = text,
	.ntext = sizeof(text) / sizeof(text[0]),
	.date_expr = "p.created_at", .date_kind = CCS_LISTQ_UNIX,
	.csv = csv, .ncsv = sizeof(csv) / sizeof(csv[0]),
};

static int
filter_ok(const struct ccs_pres_filter *flt, struct ccs_fail *f)
{
	enum ccs_pres_status st;

	if (flt->state != NULL && !ccs_valid_iso2(flt->state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state", "state must be "
		    "a two-letter ISO code such as JM");
	if (flt->side != NULL && (flt->state == NULL ||
	    (!ccs_streq(flt->side, "requesting") &&
	    !ccs_streq(flt->side, "requested"))))
		return ccs_fail(f, CCS_EINVAL, "invalid_side", "side must be "
		    "requesting or requested, with a state");
	if (flt->status != NULL && !ccs_pres_status_parse(flt->status, &st))
		return ccs_fail(f, CCS_EINVAL, "invalid_status", "status must "
		    "be a preservation status such as sent or preserved");
	return CCS_OK;
}

/* The due state and the reminder at the request's time @p now. */
static void
present(json_t *row, const char *now)
{
	add_clock(row, strtoll(now, NULL, 10));
}

/* Every page and CSV block shown is an audited read of its ids. */
static int
shown(struct ccs_db *db, json_t *rows, void *arg)
{
	const struct ccs_pres_seen *a = arg;
	const struct ccs_pres_filter *flt = a->flt;
	json_t *ids = json_array(), *chg, *e;
	size_t i;
	int rc;

	json_array_foreach(rows, i, e) {
		if (ids != NULL && json_array_append_new(ids,
		    json_integer(jint(e, "id"))) != 0) {
			json_decref(ids);
			ids = NULL;
		}
	}
	if (ids == NULL)
		return CCS_ENOMEM;
	chg = json_pack("{s:s?, s:s?, s:s?, s:b, s:s, s:o}", "state",
	    flt->state, "side", flt->side, "status", flt->status, "overdue",
	    flt->overdue, "form", a->csv ? "csv" : "json", "ids", ids);
	rc = chg ? ccs_audit_recordf(db, a->p, "preservation.list",
	    "preservation_request", chg, a->now, "list") : CCS_ENOMEM;
	json_decref(chg);
	return rc;
}

/* The policy's scope as a clause of the list: every request for a
 * regional reader, its own state's for a state's NCPOC, none else. */
static void
scope(struct ccs_listq *lq, const struct ccs_principal *p)
{
	size_t n;

	if (ccs_policy_check(p, CCS_ACT_PRESERVATION_READ, NULL) == CCS_OK)
		return;
	if (p->state[0] != '\0' && ccs_policy_check(p,
	    CCS_ACT_PRESERVATION_READ, p->state) == CCS_OK) {
		n = ccs_listq_param(lq, CCS_VTEXT(p->state));
		ccs_listq_where(lq, " AND (p.requesting_state = $%zu OR "
		    "p.requested_state = $%zu)", n, n);
		return;
	}
	ccs_listq_where(lq, " AND 1 = 0");
}

int
ccs_pres_query(const struct ccs_principal *p, struct ccs_pres_seen *seen,
    struct ccs_keyset *ks, const char *q, int64_t from, int64_t to,
    struct ccs_listq **out, struct ccs_fail *f)
{
	const struct ccs_pres_filter *flt = seen->flt;
	struct ccs_listq *lq = NULL;
	char t[24];
	size_t n;
	int rc;

	*out = NULL;
	rc = ccs_pres_may_list(p, f);
	if (rc == CCS_OK)
		rc = filter_ok(flt, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_listq_new(&ccs_pres_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	seen->p = p;
	scope(lq, p);
	if (flt->state != NULL) {
		n = ccs_listq_param(lq, CCS_VTEXT(flt->state));
		if (flt->side == NULL)
			ccs_listq_where(lq, " AND (p.requesting_state = $%zu "
			    "OR p.requested_state = $%zu)", n, n);
		else
			ccs_listq_where(lq, " AND p.%s_state = $%zu",
			    ccs_streq(flt->side, "requesting") ? "requesting" :
			    "requested", n);
	}
	ccs_listq_eq(lq, "p.status", CCS_VTEXT(flt->status));
	if (flt->overdue) {
		n = ccs_listq_param(lq, CCS_VINT(seen->now));
		ccs_listq_where(lq, " AND p.clock_at <= $%zu", n);
	}
	(void)ccs_snprintf(t, sizeof(t), "%" PRId64, seen->now);
	ccs_listq_present(lq, present, t);
	ccs_listq_shown(lq, shown, seen);
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

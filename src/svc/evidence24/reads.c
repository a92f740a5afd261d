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

static const char list_cols[] =
	"SELECT id, parent_id, requesting_state, requested_state, status, "
	"legal_basis, urgency, offence, custodian, sent_at, ack_due_at, "
	"acknowledged_at, expires_at, clock_at, created_at, updated_at ";

/*
 * The list's SQL is built from the filters actually given, each a plain
 * comparison the indexes serve, in clock order: the earliest deadline
 * first, so the overdue (deadlines passed) come first, then the coming
 * ones, then the requests without a clock (clock_at CCS_PRES_NO_CLOCK),
 * oldest first: the (clock_at, id) index's order, so no sort of every
 * row. (The column may be NULL; the services never leave it so.)
 */
static const char order_clock[] = " ORDER BY clock_at, id";

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

/* Appends " AND " @p cond to @p b. */
static int
cond(struct ccs_buf *b, const char *c)
{
	return ccs_buf_printf(b, " AND %s", c);
}

/* Runs the list's COUNT and page; *items and *total on success. */
static int
list_rows(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_pres_filter *flt, int64_t now, int64_t *total,
    json_t **items)
{
	struct ccs_named np[8];
	struct ccs_buf w, q;
	size_t n = 0;
	int rc;

	ccs_buf_init(&w, 4096);
	ccs_buf_init(&q, 8192);
	np[n++] = (struct ccs_named)CCS_NAMED("pstate",
	    CCS_VTEXT(ccs_pres_scope_state(p)));
	rc = ccs_buf_printf(&w, "FROM preservation_requests WHERE %s",
	    ccs_pres_scope_sql(p));
	if (rc == CCS_OK && flt->state != NULL) {
		np[n++] = (struct ccs_named)CCS_NAMED("st",
		    CCS_VTEXT(flt->state));
		rc = cond(&w, flt->side == NULL ? "(requesting_state = :st OR "
		    "requested_state = :st)" : ccs_streq(flt->side,
		    "requesting") ? "requesting_state = :st" :
		    "requested_state = :st");
	}
	if (rc == CCS_OK && flt->status != NULL) {
		np[n++] = (struct ccs_named)CCS_NAMED("status",
		    CCS_VTEXT(flt->status));
		rc = cond(&w, "status = :status");
	}
	if (rc == CCS_OK && flt->overdue)
		rc = cond(&w, "clock_at <= :now");
	if (flt->overdue)
		np[n++] = (struct ccs_named)CCS_NAMED("now", CCS_VINT(now));
	if (rc == CCS_OK)
		rc = ccs_buf_printf(&q, "SELECT COUNT(*) %s", ccs_buf_str(&w));
	if (rc == CCS_OK)
		rc = ccs_db_query_int_named(db, ccs_buf_str(&q), np, n, total);
	np[n++] = (struct ccs_named)CCS_NAMED("lim", CCS_VINT(flt->limit + 1));
	np[n++] = (struct ccs_named)CCS_NAMED("off", CCS_VINT(flt->offset));
	ccs_buf_reset(&q);
	if (rc == CCS_OK)
		rc = ccs_buf_printf(&q, "%s%s%s LIMIT :lim OFFSET :off",
		    list_cols, ccs_buf_str(&w), order_clock);
	if (rc == CCS_OK)
		rc = ccs_db_query_json_named(db, ccs_buf_str(&q), np, n, items);
	ccs_buf_free(&w);
	ccs_buf_free(&q);
	return rc;
}

int
ccs_pres_list(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_pres_filter *flt, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	json_t *items = NULL, *ids = NULL, *chg, *e;
	int64_t total = 0;
	char cur[24] = "";
	bool more;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_pres_may_list(p, f);
	if (rc == CCS_OK)
		rc = filter_ok(flt, f);
	if (rc != CCS_OK)
		return rc;
	rc = list_rows(db, p, flt, now, &total, &items);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	more = json_array_size(items) > (size_t)flt->limit;
	if (more) {
		(void)json_array_remove(items, (size_t)flt->limit);
		(void)ccs_snprintf(cur, sizeof(cur), "%" PRId64, flt->offset +
		    flt->limit);
	}
	ids = json_array();
	json_array_foreach(items, i, e) {
		add_clock(e, now);
		(void)json_array_append_new(ids, json_integer(jint(e, "id")));
	}
	chg = json_pack("{s:s?, s:s?, s:s?, s:b, s:o}", "state", flt->state,
	    "side", flt->side, "status", flt->status, "overdue", flt->overdue,
	    "ids", ids);
	rc = chg ? ccs_audit_recordf(db, p, "preservation.list",
	    "preservation_request", chg, now, "list") : CCS_ENOMEM;
	json_decref(chg);
	if (rc != CCS_OK) {
		json_decref(items);
		return ccs_dbfail(f, db, rc);
	}
	*out = json_pack("{s:o, s:I, s:I, s:o}", "items", items, "count",
	    (json_int_t)json_array_size(items), "total", (json_int_t)total,
	    "next_cursor", more ? json_string(cur) : json_null());
	if (*out == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

/*
 * queue.c: the triage queue of a state and its clock.
 *
 * A state's queue is every report routed to it (its reporter's state or
 * a route of public_report_routes); the RIFC may ask for every state at
 * once. The orders are fixed SQL texts, never built from the request,
 * and every order ends on the id so pages never overlap. The cursor is
 * the number of rows already sent. The clock is CAFC's lesson in
 * numbers: what came in, what was looked at, and how long the oldest
 * report has waited.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/reporting/triage_rules.h"
#include "svc/reporting/queue.h"
#include "svc/reporting/triage_access.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

#define Q_FROM "FROM public_reports r JOIN public_report_triage t ON " \
	"t.report_id = r.id WHERE (:state = '' OR r.state = :state OR " \
	"EXISTS (SELECT 1 FROM public_report_routes x WHERE x.report_id = " \
	"r.id AND x.state = :state)) AND (:status = '' OR r.status = " \
	":status) AND (:cat = '' OR r.category = :cat) AND (:pr = '' OR " \
	"t.priority = :pr) AND r.created_at <= :before "
#define Q_SELECT "SELECT r.id, r.reference, r.state, r.category, " \
	"r.status, r.created_at, r.processed_at, t.priority, " \
	"t.imminent_harm, t.rsit_class, t.rsit_type, (SELECT " \
	"COUNT(DISTINCT b.report_id) FROM public_report_identifiers a JOIN " \
	"public_report_identifiers b ON b.bundle_key = a.bundle_key AND " \
	"b.report_id <> a.report_id WHERE a.report_id = r.id) AS " \
	"bundled_with " Q_FROM
#define Q_PAGE " LIMIT :lim OFFSET :off"

static const char *const orders[] = {
	[CCS_TRIAGE_BY_PRIORITY] = Q_SELECT "ORDER BY t.priority_rank, "
	    "r.created_at, r.id" Q_PAGE,
	[CCS_TRIAGE_OLDEST] = Q_SELECT "ORDER BY r.created_at, r.id" Q_PAGE,
	[CCS_TRIAGE_NEWEST] = Q_SELECT "ORDER BY r.created_at DESC, r.id DESC"
	    Q_PAGE,
};

int
ccs_triage_queue_state(struct ccs_db *db, const struct ccs_principal *p,
    const char *state, char out[3], struct ccs_fail *f)
{
	int rc;

	out[0] = '\0';
	if (state == NULL) {
		if (ccs_triage_may_state(p, NULL))
			return CCS_OK;
		state = p->state;
	}
	rc = ccs_state_known(db, state, "state", f);
	if (rc != CCS_OK)
		return rc;
	if (!ccs_triage_may_state(p, state))
		return ccs_fail(f, CCS_EPERM, "forbidden", "your role may not "
		    "triage the public reports of %s", state);
	return ccs_strlcpy(out, state, 3);
}

int
ccs_triage_queue_list(struct ccs_db *db, const struct ccs_report_keys *keys,
    const char *state, const struct ccs_triage_filter *flt, int64_t now,
    json_t **out, struct ccs_fail *f)
{
	json_t *items = NULL, *e;
	int64_t total = 0, before = INT64_MAX, created;
	size_t i;
	int rc;

	*out = NULL;
	if (flt->min_age_hours > 0)
		before = now - flt->min_age_hours * 3600;
	const struct ccs_named np[] = {
		CCS_NAMED("state", CCS_VTEXT(state)),
		CCS_NAMED("status", CCS_VTEXT(flt->status ? flt->status : "")),
		CCS_NAMED("cat", CCS_VTEXT(flt->category ? flt->category : "")),
		CCS_NAMED("pr", CCS_VTEXT(flt->priority ? flt->priority : "")),
		CCS_NAMED("before", CCS_VINT(before)),
		CCS_NAMED("lim", CCS_VINT(flt->limit + 1)),
		CCS_NAMED("off", CCS_VINT(flt->offset)),
	};
	rc = ccs_triage_intake_state(db, keys, state, now);
	if (rc == CCS_ECORRUPT)
		return ccs_fail(f, rc, "internal", "a public report does not "
		    "open with the configured key ring");
	if (rc == CCS_OK)
		rc = ccs_db_query_int_named(db, "SELECT COUNT(*) " Q_FROM, np,
		    CCS_NNAMED(np) - 2, &total);
	if (rc == CCS_OK)
		rc = ccs_db_query_json_named(db, orders[flt->sort], np,
		    CCS_NNAMED(np), &items);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	bool more = json_array_size(items) > (size_t)flt->limit;
	if (more)
		(void)json_array_remove(items, (size_t)flt->limit);
	json_array_foreach(items, i, e) {
		created = json_integer_value(json_object_get(e, "created_at"));
		(void)json_object_set_new(e, "age_seconds", json_integer(
		    now - created));
		(void)json_object_set_new(e, "imminent_harm", json_boolean(
		    json_integer_value(json_object_get(e, "imminent_harm")) !=
		    0));
	}
	char cur[24] = "";
	if (more)
		(void)ccs_snprintf(cur, sizeof(cur), "%" PRId64, flt->offset +
		    flt->limit);
	*out = json_pack("{s:o, s:I, s:I, s:o}", "items", items, "count",
	    (json_int_t)json_array_size(items), "total", (json_int_t)total,
	    "next_cursor", more ? json_string(cur) : json_null());
	if (*out == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

int
ccs_triage_clock(struct ccs_db *db, const char *state, int64_t now,
    json_t **out, struct ccs_fail *f)
{
	const struct ccs_named np[] = {
		CCS_NAMED("state", CCS_VTEXT(state)),
	};
	json_t *o = NULL, *oldest;
	int64_t nt;
	int rc;

	*out = NULL;
	rc = ccs_db_query_one_named(db, "SELECT COUNT(*) AS received, "
	    "COUNT(r.processed_at) AS triaged, MIN(CASE WHEN r.processed_at "
	    "IS NULL THEN r.created_at END) AS oldest_untriaged_at, "
	    "MAX(r.processed_at) AS last_first_triage_at, CAST(SUM("
	    "r.processed_at - r.created_at) AS BIGINT) AS waited FROM "
	    "public_reports r WHERE (:state = '' OR r.state = :state OR "
	    "EXISTS (SELECT 1 FROM public_report_routes x WHERE x.report_id = "
	    "r.id AND x.state = :state))", np, CCS_NNAMED(np), &o);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	nt = json_integer_value(json_object_get(o, "triaged"));
	oldest = json_object_get(o, "oldest_untriaged_at");
	(void)json_object_set_new(o, "state", state[0] ? json_string(state) :
	    json_null());
	(void)json_object_set_new(o, "untriaged", json_integer(
	    json_integer_value(json_object_get(o, "received")) - nt));
	(void)json_object_set_new(o, "oldest_untriaged_age_seconds",
	    json_is_integer(oldest) ? json_integer(now -
	    json_integer_value(oldest)) : json_null());
	(void)json_object_set_new(o, "mean_seconds_to_first_triage", nt > 0 ?
	    json_integer(json_integer_value(json_object_get(o, "waited")) /
	    nt) : json_null());
	(void)json_object_del(o, "waited");
	(void)json_object_set_new(o, "as_of", json_integer(now));
	*out = o;
	return CCS_OK;
}

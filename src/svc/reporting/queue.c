/*
 * queue.c: the triage queue of a state and its clock.
 *
 * A state's queue is every report routed to it (its reporter's state or
 * a route of public_report_routes); the RIFC may ask for every state at
 * once. The queue is a contract list (svc/listq.h): keyset pages over
 * fixed sort expressions, each ending on the id, never OFFSET. The
 * clock is CAFC's lesson in numbers: what came in, what was looked at,
 * and how long the oldest report has waited.
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

#define Q_COLS "SELECT r.id, r.reference, r.state, r.category, " \
	"r.status, r.created_at, r.processed_at, t.priority, " \
	"t.priority_rank AS urgency, t.imminent_harm, t.rsit_class, " \
	"t.rsit_type, (SELECT COUNT(DISTINCT b.report_id) FROM " \
	"public_report_identifiers a JOIN public_report_identifiers b ON " \
	"b.bundle_key = a.bundle_key AND b.report_id <> a.report_id WHERE " \
	"a.report_id = r.id) AS bundled_with"

/* Sorts: the most urgent first by default (then the oldest: ids grow
 * with time), or by age, status, category or reference. */
static const struct ccs_keyset_col cols[] = {
	{ "urgency", "t.priority_rank", CCS_KEYSET_INT, false },
	{ "created_at", "r.created_at", CCS_KEYSET_INT, false },
	{ "status", "r.status", CCS_KEYSET_TEXT, false },
	{ "category", "r.category", CCS_KEYSET_TEXT, false },
	{ "reference", "r.reference", CCS_KEYSET_TEXT, false },
};

/* What the queue shows: never what the reporter wrote. */
static const char *const text[] = {
	"r.reference", "r.category", "r.status", "t.priority", "t.rsit_class",
	"t.rsit_type",
};

static const struct ccs_listq_csvcol csv[] = {
	{ "id", "id", false }, { "reference", "reference", false },
	{ "state", "state", false }, { "category", "category", false },
	{ "status", "status", false }, { "priority", "priority", false },
	{ "imminent_harm", "imminent_harm", false },
	{ "rsit_class", "rsit_class", false },
	{ "received_at", "created_at", true },
	{ "first_triaged_at", "processed_at", true },
	{ "bundled_with", "bundled_with", false },
};

/* The booleans, and the age as on the request's time @p now (text). */
static void
present(json_t *e, const char *now)
{
	int64_t t = strtoll(now, NULL, 10);

	(void)json_object_set_new(e, "age_seconds", json_integer(t -
	    json_integer_value(json_object_get(e, "created_at"))));
	(void)json_object_set_new(e, "imminent_harm", json_boolean(
	    json_integer_value(json_object_get(e, "imminent_harm")) != 0));
}

const struct ccs_listq_def ccs_triage_list_def = {
	.name = "public-reports", .select = Q_COLS,
	.from = "FROM public_reports r JOIN public_report_triage t ON "
	    "t.report_id = r.id WHERE 1 = 1",
	.cols = cols, .ncols = sizeof(cols) / sizeof(cols[0]),
	.id_expr = "r.id", .text = text,
	.ntext = sizeof(text) / sizeof(text[0]),
	.date_expr = "r.created_at", .date_kind = CCS_LISTQ_UNIX,
	.csv = csv, .ncsv = sizeof(csv) / sizeof(csv[0]),
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
ccs_triage_query(struct ccs_db *db, const struct ccs_report_keys *keys,
    const char *state, const struct ccs_triage_filter *flt, int64_t now,
    struct ccs_keyset *ks, const char *q, int64_t from, int64_t to,
    struct ccs_listq **out, struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	char t[24];
	size_t n;
	int rc;

	*out = NULL;
	rc = ccs_triage_intake_state(db, keys, state, now);
	if (rc != CCS_OK)
		return ccs_triage_intake_fail(db, rc, f);
	rc = ccs_listq_new(&ccs_triage_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	if (state[0] != '\0') {
		n = ccs_listq_param_copy(lq, state);
		ccs_listq_where(lq, " AND (r.state = $%zu OR EXISTS (SELECT 1 "
		    "FROM public_report_routes x WHERE x.report_id = r.id AND "
		    "x.state = $%zu))", n, n);
	}
	ccs_listq_eq(lq, "r.status", CCS_VTEXT(flt->status));
	ccs_listq_eq(lq, "r.category", CCS_VTEXT(flt->category));
	ccs_listq_eq(lq, "t.priority", CCS_VTEXT(flt->priority));
	if (flt->min_age_hours > 0) {
		n = ccs_listq_param(lq, CCS_VINT(now -
		    flt->min_age_hours * 3600));
		ccs_listq_where(lq, " AND r.created_at <= $%zu", n);
	}
	(void)ccs_snprintf(t, sizeof(t), "%" PRId64, now);
	ccs_listq_present(lq, present, t);
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
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

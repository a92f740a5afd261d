/*
 * queue_list.c: a state's queue of routed records (GET /api/v1/queue)
 * with the read policy in the query (issue 15 item 1), as
 * incident_list.c: one statement a page over the state's queue index,
 * the reader's sets in the WHERE clause, a keyset cursor. The sets are
 * the rows' own copy of their marking's (migration 0038 keeps it), in
 * the walk's index, so a row the reader may not read costs no marking
 * lookup. The items
 * above the reader's clearance are only counted ("restricted": not RED,
 * and a signed-in reader, as ccs_tlp_view says "exists"). Without words
 * or dates, both counts are sums over the counts per reader set, the
 * same at any length of the queue.
 */
#include <stdbool.h>
#include <string.h>

#include "svc/sharing/lists.h"
#include "svc/sharing/marking.h"
#include "svc/sharing/reader_sets.h"
#include "svc/sharing/routing.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_keyset_col ccs_queue_list_cols[] = {
	{ "created_at", "q.created_at", CCS_KEYSET_INT, true },
	{ "seen_at", "COALESCE(s.seen_at, 0)", CCS_KEYSET_INT, true },
	{ "value", "COALESCE(v.value, '')", CCS_KEYSET_TEXT, false },
	{ "type", "COALESCE(v.type, '')", CCS_KEYSET_TEXT, false },
	{ "state", "q.state_code", CCS_KEYSET_TEXT, false },
};
const size_t ccs_queue_list_ncols = sizeof(ccs_queue_list_cols) /
    sizeof(ccs_queue_list_cols[0]);

#define FROM_JOINS " FROM state_queue q JOIN markings m ON m.id = " \
	"q.marking_id JOIN constituency_claims c ON c.id = q.claim_id LEFT " \
	"JOIN sightings s ON s.id = q.sighting_id LEFT JOIN ind_values v " \
	"ON v.id = s.value_id"

#define LIST_SELECT "SELECT q.id, q.state_code AS state, q.created_at, " \
	"q.done_at, q.done_by, q.sighting_id, q.incident_id, c.kind AS " \
	"claim_kind, c.value AS claim_value, v.id AS value_id, " \
	"COALESCE(v.type, '') AS type, COALESCE(v.value, '') AS value, " \
	"s.seen_at, s.state_code AS reported_by, " CCS_MARKING_COLS \
	FROM_JOINS

/* Filters, words, the reader's sets, a keyset, LIMIT. */
#define NPARAMS	(4 + CCS_KEYSET_WORDS + CCS_TLP_PRINCIPAL_KEYS + \
	CCS_KEYSET_NPARAMS + 1)
#define WHOLE_MAX	100000	/* most rows of one CSV */
#define STATE_MAX	8	/* longest state code the counts are kept for */

struct query {
	struct ccs_db			*db;
	const struct ccs_principal	*p;
	struct ccs_val			 v[NPARAMS];
	size_t				 np;	/* values of the filters */
	struct ccs_buf			 where;	/* filters, no policy */
	struct ccs_buf			 sql;
	struct ccs_reader_keys		 keys;
};

static int
where(struct query *q, const struct ccs_queue_filter *flt,
    struct ccs_keyset *ks)
{
	static const char *const words[] = { "v.value", "v.type",
	    "c.value", "s.state_code" };
	int rc;

	q->v[0] = CCS_VTEXT(flt->state);
	q->v[1] = CCS_VINT(flt->include_done ? 1 : 0);
	q->v[2] = CCS_VINT(flt->from);
	q->v[3] = CCS_VINT(flt->to);
	q->np = 4;
	/* "state = $1" as such, not "($1 IS NULL OR state = $1)": the
	 * database then walks the state's index in the list's order instead
	 * of reading the state's whole queue and sorting it */
	rc = ccs_buf_adds(&q->where, flt->state != NULL ? " WHERE "
	    "q.state_code = $1" : " WHERE CAST($1 AS TEXT) IS NULL");
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&q->where, " AND ($2 = 1 OR q.done_at IS "
		    "NULL) AND q.created_at >= $3 AND (CAST($4 AS BIGINT) = 0 "
		    "OR q.created_at < $4)");
	if (rc == CCS_OK)
		rc = ccs_keyset_words(ks, &q->where, flt->q, words,
		    sizeof(words) / sizeof(words[0]), q->v, &q->np, NPARAMS);
	return rc;
}

/* COUNT(*) of the filtered queue, readable (@p readable) or restricted. */
static int
count(struct query *q, bool readable, int64_t *n)
{
	size_t np = q->np;
	int rc;

	ccs_buf_reset(&q->sql);
	rc = ccs_buf_adds(&q->sql, "SELECT COUNT(*)" FROM_JOINS);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&q->sql, ccs_buf_str(&q->where));
	if (rc == CCS_OK && readable)
		rc = ccs_reader_sets_where(&q->keys, "q.reader_set", &q->sql,
		    q->v, &np, NPARAMS);
	else if (rc == CCS_OK)
		rc = ccs_buf_adds(&q->sql, " AND m.tlp <> 'red'");
	if (rc == CCS_OK && !readable)
		rc = ccs_reader_sets_where_not(&q->keys, "q.reader_set",
		    &q->sql, q->v, &np, NPARAMS);
	return rc != CCS_OK ? rc : ccs_db_query_int(q->db,
	    ccs_buf_str(&q->sql), q->v, np, n);
}

/* Whether the totals may come from the counts per reader set: no words,
 * no dates, and a state code that fits a kind. */
static bool
unfiltered(const struct ccs_queue_filter *flt)
{
	return flt->from <= 0 && flt->to == 0 && (flt->q == NULL ||
	    strspn(flt->q, " ") == strlen(flt->q)) && (flt->state == NULL ||
	    strlen(flt->state) <= STATE_MAX);
}

/*
 * The total (@p readable) or the restricted count of an unfiltered queue
 * as a sum over the reader's sets (or the others) of reader_set_counts,
 * kinds "queue <state or *> <open|done> <tlp>" (migration 0035): as
 * many rows as reader sets, whatever the length of the queue.
 */
static int
counted(struct query *q, const struct ccs_queue_filter *flt, bool readable,
    int64_t *n)
{
	char kind[2 * CCS_TLP_NLEVELS][32 + STATE_MAX];
	size_t np = 0, d;
	int t, rc;

	ccs_buf_reset(&q->sql);
	rc = ccs_buf_adds(&q->sql, "SELECT COALESCE(SUM(c.n), 0) FROM "
	    "reader_set_counts c WHERE c.kind IN (");
	for (d = 0; d < (flt->include_done ? 2u : 1u); d++) {
		for (t = 0; t < CCS_TLP_NLEVELS && rc == CCS_OK; t++) {
			if (!readable && t == CCS_TLP_RED)
				continue;	/* RED is not even "exists" */
			rc = ccs_snprintf(kind[np], sizeof(kind[0]),
			    "queue %s %s %s", flt->state != NULL ? flt->state :
			    "*", d == 0 ? "open" : "done",
			    ccs_tlp_name((enum ccs_tlp)t));
			q->v[np] = CCS_VTEXT(kind[np]);
			np++;
			if (rc == CCS_OK)
				rc = ccs_buf_printf(&q->sql, "%s$%zu", np > 1 ?
				    ", " : "", np);
		}
	}
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&q->sql, ")");
	if (rc == CCS_OK && readable)
		rc = ccs_reader_sets_where(&q->keys, "c.set_id", &q->sql,
		    q->v, &np, NPARAMS);
	else if (rc == CCS_OK)
		rc = ccs_reader_sets_where_not(&q->keys, "c.set_id", &q->sql,
		    q->v, &np, NPARAMS);
	return rc != CCS_OK ? rc : ccs_db_query_int(q->db,
	    ccs_buf_str(&q->sql), q->v, np, n);
}

static int
page(void *arg, struct ccs_keyset *ks, json_t **out)
{
	struct query *q = arg;
	size_t np = q->np;
	int rc;

	*out = NULL;
	ccs_buf_reset(&q->sql);
	rc = ccs_buf_adds(&q->sql, LIST_SELECT);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&q->sql, ccs_buf_str(&q->where));
	if (rc == CCS_OK)
		rc = ccs_reader_sets_where(&q->keys, "q.reader_set", &q->sql,
		    q->v, &np, NPARAMS);
	return rc != CCS_OK ? rc : ccs_shared_page(q->db, q->p, ks, &q->sql,
	    q->v, np, NPARAMS, out);
}

static int
list(struct query *q, const struct ccs_queue_filter *flt,
    struct ccs_keyset *ks, bool whole, json_t **out)
{
	json_t *rows = NULL;
	int64_t total = 0, restricted = 0;
	int rc;

	if (!whole && unfiltered(flt)) {
		/* before where(): the counts bind their own values */
		rc = counted(q, flt, true, &total);
		if (rc == CCS_OK)
			rc = counted(q, flt, false, &restricted);
		if (rc != CCS_OK)
			return rc;
	}
	rc = where(q, flt, ks);
	if (rc == CCS_OK && whole)
		return ccs_keyset_collect(ks, WHOLE_MAX, page, q, out);
	if (rc == CCS_OK && !unfiltered(flt))
		rc = count(q, true, &total);
	if (rc == CCS_OK && !unfiltered(flt))
		rc = count(q, false, &restricted);
	if (rc == CCS_OK)
		rc = page(q, ks, &rows);
	if (rc == CCS_OK)
		rc = ccs_keyset_reply(ks, rows, total, out);
	if (rc == CCS_OK && json_object_set_new(*out, "restricted",
	    json_integer(restricted)) != 0)
		rc = CCS_ENOMEM;
	return rc;
}

int
ccs_queue_list(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_queue_filter *flt, struct ccs_keyset *ks, bool whole,
    json_t **out, struct ccs_fail *f)
{
	struct ccs_queue_filter fl = *flt;
	struct query q;
	int rc;

	*out = NULL;
	if (p->role == CCS_ROLE_ANONYMOUS && !p->system)
		return ccs_fail(f, CCS_EAUTH, "authentication_required",
		    "your role or state may not read a queue");
	if (fl.state == NULL && p->state[0] != '\0')
		fl.state = p->state;
	if (!ccs_queue_scope(p, fl.state))
		return ccs_fail(f, CCS_EPERM, "forbidden", "your role or state "
		    "may not read this state's queue");
	memset(&q, 0, sizeof(q));
	q.db = db;
	q.p = p;
	ccs_buf_init(&q.where, 8192);
	ccs_buf_init(&q.sql, 16384);
	ccs_reader_keys_of(p, &q.keys);
	rc = list(&q, &fl, ks, whole, out);
	ccs_buf_free(&q.where);
	ccs_buf_free(&q.sql);
	if (rc == CCS_ETOOBIG)
		return ccs_fail(f, rc, "export_too_large", "more than %d queue "
		    "items match: narrow the list with filters", WHOLE_MAX);
	if (rc == CCS_EINVAL)
		return ccs_fail(f, rc, "invalid_query", "q may hold at most %d "
		    "words", CCS_KEYSET_WORDS);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
		return ccs_dbfail(f, db, rc);
	}
	return CCS_OK;
}

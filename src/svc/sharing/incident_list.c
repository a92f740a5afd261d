/*
 * incident_list.c: the incident list (GET /api/v1/incidents) with the
 * read policy in the query (issue 15 item 1).
 *
 * A page is one SQL statement: the list's filters, the reader's sets
 * (ccs_reader_sets_where), the keyset after the cursor, the order and
 * LIMIT. The database walks the sort index and stops after a page, so the
 * first page and a page deep in the list cost the same at any size. The
 * total of an unfiltered list comes from the counts per reader set; with
 * filters it is counted with the same WHERE clause. Every row is still
 * decided by ccs_marking_view before it is shown: a row the two would
 * disagree on is left out, never shown.
 */
#include <string.h>

#include "svc/sharing/incidents.h"
#include "svc/sharing/lists.h"
#include "svc/sharing/marking.h"
#include "svc/sharing/reader_sets.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

/* Severity as a number, so "critical" sorts above "high". */
#define SEV_RANK "(CASE i.severity WHEN 'low' THEN 1 WHEN 'medium' THEN 2 " \
	"WHEN 'high' THEN 3 WHEN 'critical' THEN 4 ELSE 0 END)"

const struct ccs_keyset_col ccs_incident_list_cols[] = {
	{ "reported_at", "i.reported_at", CCS_KEYSET_INT, true },
	{ "occurred_at", "COALESCE(i.occurred_at, 0)", CCS_KEYSET_INT, true },
	{ "title", "i.title", CCS_KEYSET_TEXT, false },
	{ "state", "i.state_code", CCS_KEYSET_TEXT, false },
	{ "severity", SEV_RANK, CCS_KEYSET_INT, true },
	{ "status", "i.status", CCS_KEYSET_TEXT, false },
};
const size_t ccs_incident_list_ncols = sizeof(ccs_incident_list_cols) /
    sizeof(ccs_incident_list_cols[0]);

/* The list's columns: the severity as its rank while the rows are
 * paged (the cursor holds the sort value), a name again in the reply. */
#define LIST_SELECT "SELECT i.id, i.state_code AS state, i.org_id, " \
	"i.author, i.title, i.rsit_class, i.rsit_type, " SEV_RANK " AS " \
	"severity, i.status, i.sectors, i.critical_infra, i.crime_links, " \
	"i.states_involved, i.occurred_at, i.detected_at, i.reported_at, " \
	"COALESCE(i.stix_id, (SELECT o.stix_id FROM stix_objects o WHERE " \
	"o.id = i.stix_copy)) AS stix_id, i.version, i.updated_at, " \
	CCS_MARKING_COLS " FROM incidents i JOIN markings m ON m.id = " \
	"i.marking_id"

/* Filters, words, the reader's sets, a keyset, LIMIT: room for all. */
#define NPARAMS	(7 + CCS_KEYSET_WORDS + CCS_TLP_PRINCIPAL_KEYS + \
	CCS_KEYSET_NPARAMS + 1)

/* Most rows of one CSV (each row is held while the file is written). */
#define WHOLE_MAX	100000

/* The request's WHERE clause, made once (the words' patterns live in the
 * request's keyset), and each statement's text and values. */
struct query {
	struct ccs_val		 v[NPARAMS];
	size_t			 np;		/* values of the WHERE clause */
	struct ccs_buf		 where;
	struct ccs_buf		 sql;
	struct ccs_reader_keys	 keys;
	char			 sector[64];
};

static bool
unfiltered(const struct ccs_incident_filter *flt)
{
	return flt->state == NULL && flt->status == NULL && flt->rsit == NULL
	    && flt->severity == NULL && flt->sector == NULL && flt->since == 0
	    && flt->from == 0 && flt->to == 0 && (flt->q == NULL ||
	    strspn(flt->q, " ") == strlen(flt->q));
}

/* " WHERE <filters> <words> <reader's sets>" into q->where. */
static int
where(struct query *q, const struct ccs_incident_filter *flt,
    struct ccs_keyset *ks)
{
	static const char *const words[] = { "i.title", "i.description",
	    "i.rsit_class", "i.rsit_type", "i.state_code" };
	int rc;

	q->np = 7;
	if (flt->sector != NULL)
		(void)ccs_snprintf(q->sector, sizeof(q->sector), "%%\"%s\"%%",
		    flt->sector);
	q->v[0] = CCS_VTEXT(flt->state);
	q->v[1] = CCS_VTEXT(flt->status);
	q->v[2] = CCS_VTEXT(flt->rsit);
	q->v[3] = CCS_VTEXT(flt->severity);
	q->v[4] = CCS_VTEXT(flt->sector ? q->sector : NULL);
	q->v[5] = CCS_VINT(flt->since > flt->from ? flt->since : flt->from);
	q->v[6] = CCS_VINT(flt->to);
	rc = ccs_buf_adds(&q->where, " WHERE "
	    "(CAST($1 AS TEXT) IS NULL OR i.state_code = $1) AND "
	    "(CAST($2 AS TEXT) IS NULL OR i.status = $2) AND "
	    "(CAST($3 AS TEXT) IS NULL OR i.rsit_class = $3) AND "
	    "(CAST($4 AS TEXT) IS NULL OR i.severity = $4) AND "
	    "(CAST($5 AS TEXT) IS NULL OR i.sectors LIKE $5) AND "
	    "i.reported_at >= $6 AND (CAST($7 AS BIGINT) = 0 OR "
	    "i.reported_at < $7)");
	if (rc == CCS_OK)
		rc = ccs_keyset_words(ks, &q->where, flt->q, words,
		    sizeof(words) / sizeof(words[0]), q->v, &q->np, NPARAMS);
	if (rc == CCS_OK)
		rc = ccs_reader_sets_where(&q->keys, "m.reader_set", &q->where,
		    q->v, &q->np, NPARAMS);
	return rc;
}

/* Severity ranks back to names. */
static void
severity_names(json_t *rows)
{
	static const char *const names[] = { "", "low", "medium", "high",
	    "critical" };
	json_t *row;
	int64_t k;
	size_t i;

	json_array_foreach(rows, i, row) {
		k = json_integer_value(json_object_get(row, "severity"));
		(void)json_object_set_new(row, "severity", json_string(
		    names[k >= 0 && k <= 4 ? k : 0]));
	}
}

/* One page after ks's position: rows the policy confirms, presented. */
static int
page(struct ccs_db *db, const struct ccs_principal *p, struct ccs_keyset *ks,
    struct query *q, json_t **out)
{
	json_t *row;
	size_t i;
	int rc;

	ccs_buf_reset(&q->sql);
	rc = ccs_buf_adds(&q->sql, LIST_SELECT);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&q->sql, ccs_buf_str(&q->where));
	if (rc == CCS_OK)
		rc = ccs_shared_page(db, p, ks, &q->sql, q->v, q->np, NPARAMS,
		    out);
	if (rc != CCS_OK)
		return rc;
	json_array_foreach(*out, i, row)
		ccs_incident_expand(row);
	return CCS_OK;
}

static int
total_of(struct ccs_db *db, const struct ccs_incident_filter *flt,
    struct query *q, int64_t *n)
{
	int rc;

	if (unfiltered(flt))
		return ccs_reader_sets_count(db, &q->keys, "incident", n);
	ccs_buf_reset(&q->sql);
	rc = ccs_buf_adds(&q->sql, "SELECT COUNT(*) FROM incidents i JOIN "
	    "markings m ON m.id = i.marking_id");
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&q->sql, ccs_buf_str(&q->where));
	return rc != CCS_OK ? rc : ccs_db_query_int(db, ccs_buf_str(&q->sql),
	    q->v, q->np, n);
}

struct whole {
	struct ccs_db			*db;
	const struct ccs_principal	*p;
	struct query			*q;
};

static int
whole_page(void *arg, struct ccs_keyset *ks, json_t **rows)
{
	struct whole *w = arg;

	return page(w->db, w->p, ks, w->q, rows);
}

int
ccs_incident_list(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_incident_filter *flt, struct ccs_keyset *ks, bool whole,
    json_t **out, struct ccs_fail *f)
{
	struct query q;
	struct whole w = { db, p, &q };
	json_t *rows = NULL;
	int64_t total = 0;
	int rc;

	*out = NULL;
	memset(&q, 0, sizeof(q));
	ccs_buf_init(&q.where, 8192);
	ccs_buf_init(&q.sql, 16384);
	ccs_reader_keys_of(p, &q.keys);
	rc = where(&q, flt, ks);
	if (rc == CCS_OK && whole) {
		rc = ccs_keyset_collect(ks, WHOLE_MAX, whole_page, &w, out);
		if (rc == CCS_OK)
			severity_names(*out);
	} else if (rc == CCS_OK)
		rc = total_of(db, flt, &q, &total);
	if (rc == CCS_OK && !whole)
		rc = page(db, p, ks, &q, &rows);
	ccs_buf_free(&q.where);
	ccs_buf_free(&q.sql);
	if (rc == CCS_OK && !whole) {
		rc = ccs_keyset_reply(ks, rows, total, out);
		if (rc == CCS_OK)
			severity_names(json_object_get(*out, "items"));
	}
	if (rc == CCS_ETOOBIG)
		return ccs_fail(f, rc, "export_too_large", "more than %d "
		    "incidents match: narrow the list with filters (state, "
		    "dates, status)", WHOLE_MAX);
	if (rc == CCS_EINVAL)
		return ccs_fail(f, rc, "invalid_query", "q may hold at most %d "
		    "words", CCS_KEYSET_WORDS);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}

/*
 * ind_clusters.c: cross-state clusters of indicator values
 * (GET /api/v1/clusters) with the read policy in the query (issue 15
 * item 1).
 *
 * One statement groups the sightings of the window by value, keeping
 * only those the reader may read (the reader's sets in the WHERE clause,
 * reader_sets.h): the readable states, sightings and first and last times
 * of each value, the min_states and from/to conditions on them. It is a
 * subquery "v" paged by keyset (sort, cursor, LIMIT) and counted with the
 * same text, so nothing is read into C to be discarded and there is no
 * candidate bound: the page and the total are the database's work. The
 * states of the values shown come from a second query over those values
 * only.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "svc/sharing/indicators.h"
#include "svc/sharing/reader_sets.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"

/* Most clusters of one CSV (each row is held while the file is written). */
#define WHOLE_MAX	100000

/* The window's start, min_states, from, to; words; the reader's sets;
 * the keyset and LIMIT of a page. */
#define NPARAMS	(4 + CCS_KEYSET_WORDS + CCS_TLP_PRINCIPAL_KEYS + \
	CCS_KEYSET_NPARAMS + 1)

const struct ccs_keyset_col ccs_ind_cluster_cols[] = {
	{ "nstates", "nstates", CCS_KEYSET_INT, true },
	{ "last_seen", "last_seen", CCS_KEYSET_INT, true },
	{ "first_seen", "first_seen", CCS_KEYSET_INT, true },
	{ "sightings", "sightings", CCS_KEYSET_INT, true },
	{ "value", "value", CCS_KEYSET_TEXT, false },
	{ "type", "type", CCS_KEYSET_TEXT, false },
};
const size_t ccs_ind_cluster_ncols = sizeof(ccs_ind_cluster_cols) /
    sizeof(ccs_ind_cluster_cols[0]);

struct query {
	struct ccs_db			*db;
	const struct ccs_principal	*p;
	const struct ccs_cluster_filter	*flt;
	struct ccs_reader_keys		 keys;
	struct ccs_val			 v[NPARAMS];
	size_t				 np;	/* values of the grouping */
	struct ccs_buf			 groups;
	struct ccs_buf			 sql;
};

/*
 * The clusters as rows of the subquery "v": readable sightings of the
 * window ($1) of values not warning-listed, grouped by value, with at
 * least min_states ($2) readable states and the last readable sighting
 * in [from ($3), to ($4)). Sightings without a state count as sightings,
 * not as states.
 */
static int
grouping(struct query *q, struct ccs_keyset *ks)
{
	static const char *const words[] = { "v.value", "v.type" };
	const struct ccs_cluster_filter *flt = q->flt;
	int rc;

	q->v[0] = CCS_VINT(flt->now - flt->days * 86400);
	q->v[1] = CCS_VINT(flt->min_states);
	q->v[2] = CCS_VINT(flt->from);
	q->v[3] = CCS_VINT(flt->to);
	q->np = 4;
	rc = ccs_buf_adds(&q->groups, "(SELECT v.id, v.type, v.value, "
	    "COUNT(DISTINCT s.state_code) AS nstates, COUNT(*) AS sightings, "
	    "MIN(s.seen_at) AS first_seen, MAX(s.seen_at) AS last_seen FROM "
	    "ind_values v JOIN sightings s ON s.value_id = v.id JOIN markings "
	    "m ON m.id = s.marking_id WHERE s.seen_at >= $1 AND v.warning IS "
	    "NULL");
	if (rc == CCS_OK)
		rc = ccs_keyset_words(ks, &q->groups, flt->q, words,
		    sizeof(words) / sizeof(words[0]), q->v, &q->np, NPARAMS);
	if (rc == CCS_OK)
		rc = ccs_reader_sets_where(&q->keys, "m.reader_set", &q->groups,
		    q->v, &q->np, NPARAMS);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&q->groups, " GROUP BY v.id, v.type, v.value "
		    "HAVING COUNT(DISTINCT s.state_code) >= $2 AND "
		    "MAX(s.seen_at) >= $3 AND (CAST($4 AS BIGINT) = 0 OR "
		    "MAX(s.seen_at) < $4)) v WHERE 1 = 1");
	return rc;
}

/* The readable states of the window of each value of @p rows, sorted,
 * as its "states" member; "days" from the request. */
static int
states_of(struct query *q, json_t *rows)
{
	struct ccs_val *v = NULL;
	json_t *st = NULL, *row, *e, *a;
	size_t i, j, n = json_array_size(rows), np = 1, cap;
	int rc;

	if (n == 0)
		return CCS_OK;
	if (!ccs_add_sz(n, 1 + CCS_TLP_PRINCIPAL_KEYS, &cap))
		return CCS_ENOMEM;
	v = ccs_calloc(cap, sizeof(*v));
	if (v == NULL)
		return CCS_ENOMEM;
	v[0] = q->v[0];
	ccs_buf_reset(&q->sql);
	rc = ccs_buf_adds(&q->sql, "SELECT DISTINCT s.value_id, "
	    "s.state_code FROM sightings s JOIN markings m ON m.id = "
	    "s.marking_id WHERE s.seen_at >= $1 AND s.state_code IS NOT NULL "
	    "AND s.value_id IN (");
	json_array_foreach(rows, i, row) {
		if (rc != CCS_OK)
			break;
		v[np++] = CCS_VINT(json_integer_value(json_object_get(row,
		    "id")));
		rc = ccs_buf_printf(&q->sql, "%s$%zu", i > 0 ? ", " : "", np);
	}
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&q->sql, ")");
	if (rc == CCS_OK)
		rc = ccs_reader_sets_where(&q->keys, "m.reader_set", &q->sql, v,
		    &np, cap);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&q->sql, " ORDER BY s.value_id, "
		    "s.state_code");
	if (rc == CCS_OK)
		rc = ccs_db_query_json(q->db, ccs_buf_str(&q->sql), v, np, &st);
	free(v);
	json_array_foreach(rows, i, row) {
		if (rc != CCS_OK)
			break;
		a = json_array();
		json_array_foreach(st, j, e) {
			if (a != NULL && json_integer_value(json_object_get(e,
			    "value_id")) == json_integer_value(
			    json_object_get(row, "id")) &&
			    json_array_append(a, json_object_get(e,
			    "state_code")) != 0) {
				json_decref(a);
				a = NULL;
			}
		}
		if (a == NULL || json_object_set_new(row, "states", a) != 0 ||
		    json_object_set_new(row, "days",
		    json_integer(q->flt->days)) != 0)
			rc = CCS_ENOMEM;
	}
	json_decref(st);
	return rc;
}

/* One page after ks's position, with its values' states. */
static int
page(void *arg, struct ccs_keyset *ks, json_t **out)
{
	struct query *q = arg;
	json_t *rows = NULL;
	size_t np = q->np;
	int rc;

	*out = NULL;
	ccs_buf_reset(&q->sql);
	rc = ccs_buf_printf(&q->sql, "SELECT * FROM %s",
	    ccs_buf_str(&q->groups));
	if (rc == CCS_OK)
		rc = ccs_keyset_where(ks, &q->sql, q->v, &np, NPARAMS - 1);
	if (rc == CCS_OK)
		rc = ccs_keyset_order(ks, &q->sql);
	if (rc == CCS_OK) {
		q->v[np++] = CCS_VINT(ccs_keyset_fetch(ks));
		rc = ccs_buf_printf(&q->sql, " LIMIT $%zu", np);
	}
	if (rc == CCS_OK)
		rc = ccs_db_query_json(q->db, ccs_buf_str(&q->sql), q->v, np,
		    &rows);
	if (rc == CCS_OK)
		rc = states_of(q, rows);
	if (rc != CCS_OK) {
		json_decref(rows);
		return rc;
	}
	*out = rows;
	return CCS_OK;
}

static int
list(struct query *q, struct ccs_keyset *ks, bool whole, json_t **out)
{
	json_t *rows = NULL;
	int64_t total = 0;
	int rc;

	rc = grouping(q, ks);
	if (rc == CCS_OK && whole)
		return ccs_keyset_collect(ks, WHOLE_MAX, page, q, out);
	if (rc == CCS_OK) {
		ccs_buf_reset(&q->sql);
		rc = ccs_buf_printf(&q->sql, "SELECT COUNT(*) FROM %s",
		    ccs_buf_str(&q->groups));
	}
	if (rc == CCS_OK)
		rc = ccs_db_query_int(q->db, ccs_buf_str(&q->sql), q->v, q->np,
		    &total);
	if (rc == CCS_OK)
		rc = page(q, ks, &rows);
	return rc != CCS_OK ? rc : ccs_keyset_reply(ks, rows, total, out);
}

int
ccs_ind_clusters(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_cluster_filter *flt, struct ccs_keyset *ks, bool whole,
    json_t **out, struct ccs_fail *f)
{
	struct query *q;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CLUSTERS_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden", "cross-state "
		    "clusters are for the RIFC's analysts");
	q = ccs_calloc(1, sizeof(*q));
	if (q == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	q->db = db;
	q->p = p;
	q->flt = flt;
	ccs_reader_keys_of(p, &q->keys);
	ccs_buf_init(&q->groups, 8192);
	ccs_buf_init(&q->sql, 16384);
	rc = list(q, ks, whole, out);
	ccs_buf_free(&q->groups);
	ccs_buf_free(&q->sql);
	free(q);
	if (rc == CCS_EINVAL)
		return ccs_fail(f, rc, "invalid_query", "q may hold at most %d "
		    "words", CCS_KEYSET_WORDS);
	if (rc == CCS_ETOOBIG && whole)
		return ccs_fail(f, rc, "export_too_large", "more than %d "
		    "clusters match: raise min_states, shorten days or add "
		    "words (q)", WHOLE_MAX);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

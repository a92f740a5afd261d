/*
 * search_fts.c: the full-text hits of a search in SQL (search_fts.h):
 * the match, the reader sets of the record's marking (incidents,
 * advisories and lessons are read exactly when their own marking lets
 * the reader read them in full: reader_sets.h), the place after the
 * cursor, the order and the limit in one statement; the count in one
 * more, with the same clause.
 */
#include <inttypes.h>

#include "svc/platform/search_fts.h"
#include "svc/sharing/reader_sets.h"
#include "util/buf.h"
#include "util/err.h"

/* The relevance as an integer, ascending (search_fts.h). */
#define KEY_SQLITE	"CAST(bm25(search_fts) * 1000000000000.0 AS INTEGER)"
#define KEY_PG		"CAST(ts_rank(d.tsv, to_tsquery('simple', $1))" \
	"::float8 * -1000000000000.0::float8 AS BIGINT)"

#define FROM_SQLITE	" FROM search_fts JOIN search_docs d ON d.id = " \
	"search_fts.rowid JOIN markings m ON m.id = d.marking_id WHERE " \
	"search_fts MATCH $1 AND ($2 IS NULL OR d.kind = $2)"
#define FROM_PG		" FROM search_docs d JOIN markings m ON m.id = " \
	"d.marking_id WHERE d.tsv @@ to_tsquery('simple', $1) AND " \
	"($2::text IS NULL OR d.kind = $2)"

/* Parameters: the query, the kind, a place ($3, $4: bound by name, so
 * the select list may use them before the policy's), the reader's keys. */
#define NPARAMS		(4 + CCS_TLP_PRINCIPAL_KEYS)

struct stmt {
	struct ccs_val		v[NPARAMS];
	size_t			np;
	struct ccs_reader_keys	keys;
	struct ccs_buf		sql;
};

/* The place of a row against @p at ($3, $4), "<" or ">": written out,
 * as SQLite refuses bm25() inside a row value (and an aggregate). */
static int
place(const struct ccs_search_fts *s, struct stmt *st, const char *op)
{
	const char *key = s->pg ? KEY_PG : KEY_SQLITE;

	return ccs_buf_printf(&st->sql, "(%s %s $3 OR (%s = $3 AND -d.id %s "
	    "$4))", key, op, key, op);
}

/* Binds the parameters (@p at: NULL for none) and appends the FROM and
 * the policy to the head already in @p st. A second call binds the same
 * values to the same numbers, for a second subquery. */
static int
from(const struct ccs_search_fts *s, struct stmt *st,
    const struct ccs_search_at *at)
{
	int rc;

	st->v[0] = CCS_VTEXT(s->fq);
	st->v[1] = CCS_VTEXT(s->kind);
	st->v[2] = CCS_VINT(at != NULL ? at->key : 0);
	st->v[3] = CCS_VINT(at != NULL ? at->id : 0);
	st->np = 4;
	ccs_reader_keys_of(s->p, &st->keys);
	rc = ccs_buf_adds(&st->sql, s->pg ? FROM_PG : FROM_SQLITE);
	if (rc == CCS_OK)
		rc = ccs_reader_sets_where(&st->keys, "m.reader_set", &st->sql,
		    st->v, &st->np, NPARAMS);
	return rc;
}

int
ccs_search_fts_page(const struct ccs_search_fts *s,
    const struct ccs_search_at *at, bool back, int64_t limit, json_t **rows)
{
	const char *key = s->pg ? KEY_PG : KEY_SQLITE;
	struct stmt st;
	int rc;

	*rows = NULL;
	ccs_buf_init(&st.sql, 4096);
	rc = ccs_buf_printf(&st.sql, "SELECT d.kind, d.ref_id AS ref, -d.id "
	    "AS id, %s AS rank, d.title, substr(d.body, 1, 240) AS excerpt, "
	    "d.created_at, m.tlp", key);
	if (rc == CCS_OK)
		rc = from(s, &st, at);
	if (rc == CCS_OK && at != NULL)
		rc = ccs_buf_adds(&st.sql, " AND ");
	if (rc == CCS_OK && at != NULL)
		rc = place(s, &st, back ? "<" : ">");
	if (rc == CCS_OK)
		rc = ccs_buf_printf(&st.sql, " ORDER BY %s %s, d.id %s", key,
		    back ? "DESC" : "ASC", back ? "ASC" : "DESC");
	if (rc == CCS_OK && limit > 0)
		rc = ccs_buf_printf(&st.sql, " LIMIT %" PRId64, limit);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(s->db, ccs_buf_str(&st.sql), st.v,
		    st.np, rows);
	ccs_buf_free(&st.sql);
	return rc;
}

int
ccs_search_fts_count(const struct ccs_search_fts *s,
    const struct ccs_search_at *at, int64_t *total, int64_t *before)
{
	struct stmt st;
	json_t *rows = NULL, *row;
	int rc;

	*total = 0;
	*before = 0;
	ccs_buf_init(&st.sql, 8192);
	/* the places before @p at: a second count in the same statement
	 * (bm25() has no place in an aggregate's arguments) */
	rc = ccs_buf_adds(&st.sql, "SELECT (SELECT COUNT(*)");
	if (rc == CCS_OK)
		rc = from(s, &st, at);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&st.sql, at == NULL ? ") AS n, 0 AS before" :
		    ") AS n, (SELECT COUNT(*)");
	if (rc == CCS_OK && at != NULL)
		rc = from(s, &st, at);
	if (rc == CCS_OK && at != NULL)
		rc = ccs_buf_adds(&st.sql, " AND ");
	if (rc == CCS_OK && at != NULL)
		rc = place(s, &st, "<");
	if (rc == CCS_OK && at != NULL)
		rc = ccs_buf_adds(&st.sql, ") AS before");
	if (rc == CCS_OK)
		rc = ccs_db_query_json(s->db, ccs_buf_str(&st.sql), st.v,
		    st.np, &rows);
	ccs_buf_free(&st.sql);
	row = json_array_get(rows, 0);
	if (rc == CCS_OK && row == NULL)
		rc = CCS_EINVAL;
	if (rc == CCS_OK) {
		*total = json_integer_value(json_object_get(row, "n"));
		*before = json_integer_value(json_object_get(row, "before"));
	}
	json_decref(rows);
	return rc;
}

/*
 * search_fts.c: the full-text hits of a search in SQL (search_fts.h):
 * the match, the reader set of the record's marking (incidents,
 * advisories and lessons are read exactly when their own marking lets
 * the reader read them in full: reader_sets.h), the order, the place
 * after the cursor, the limit, the total and each hit's position in one
 * statement; a count alone, with the same clause, for a page that shows
 * no record.
 */
#include "svc/platform/search_fts.h"
#include "svc/sharing/reader_sets.h"
#include "util/buf.h"
#include "util/err.h"

/* PostgreSQL's relevance as an integer, ascending (search_fts.h). */
#define KEY_PG		"CAST(ts_rank(d.tsv, to_tsquery('simple', $1))" \
	"::float8 * -1000000000000.0::float8 AS BIGINT)"

/* SQLite's length of a document (title, a space, body), its length
 * norm, and how often word $n occurs in it, each text lowered once. */
#define DOC_LEN		"(length(d.title) + 1 + length(d.body))"
#define NORM_SQLITE	"(1.2 * (0.25 + 0.75 * " DOC_LEN " / 200.0))"
#define TF_SQLITE	"((" DOC_LEN " - length(replace(lower(d.title || ' ' " \
	"|| d.body), $%zu, ''))) * 1.0 / length($%zu))"

/* The record's reader set is its own copy of its marking's (migration
 * 0040); on SQLite the narrow index answers the policy and the kind for
 * a match, and the row (the text, for the relevance) is read only for
 * the records kept. The set is tested as a filter after the match's id
 * is found ("+" keeps SQLite from probing the index once per set the
 * reader holds: 244 against 80 ms for 200,000 matches). */
#define FROM_SQLITE	" FROM search_fts JOIN search_docs d INDEXED BY " \
	"search_docs_set ON d.id = search_fts.rowid WHERE search_fts " \
	"MATCH $1 AND ($2 IS NULL OR d.kind = $2)"
#define FROM_PG		" FROM search_docs d WHERE d.tsv @@ " \
	"to_tsquery('simple', $1) AND ($2::text IS NULL OR d.kind = $2)"

/* Parameters: the query, the kind, a place ($3, $4: bound by name), the
 * words, the policy's keys, the limit. */
#define WORD0		5
#define NPARAMS		(5 + CCS_SEARCH_FTS_WORDS + CCS_TLP_PRINCIPAL_KEYS)

struct stmt {
	struct ccs_val		v[NPARAMS];
	size_t			np;
	struct ccs_reader_keys	keys;
	struct ccs_buf		sql;
};

/* Binds the parameters (@p at: NULL for none) and appends the FROM and
 * the policy to the head already in @p st. */
static int
from(const struct ccs_search_fts *s, struct stmt *st,
    const struct ccs_search_at *at)
{
	size_t i;
	int rc;

	st->v[0] = CCS_VTEXT(s->fq);
	st->v[1] = CCS_VTEXT(s->kind);
	st->v[2] = CCS_VINT(at != NULL ? at->key : 0);
	st->v[3] = CCS_VINT(at != NULL ? at->id : 0);
	st->np = 4;
	for (i = 0; i < s->nwords && i < CCS_SEARCH_FTS_WORDS; i++)
		st->v[st->np++] = CCS_VTEXT(s->words[i]);
	ccs_reader_keys_of(s->p, &st->keys);
	rc = ccs_buf_adds(&st->sql, s->pg ? FROM_PG : FROM_SQLITE);
	if (rc == CCS_OK)
		rc = ccs_reader_sets_where(&st->keys, s->pg ? "d.reader_set" :
		    "+d.reader_set", &st->sql,
		    st->v, &st->np, NPARAMS);
	return rc;
}

/*
 * Appends the relevance: on SQLite, minus the sum over the words of
 * tf / (tf + norm), written 1 - norm / (tf + norm) so that tf is counted
 * once, with norm = 1.2 * (0.25 + 0.75 * length / 200) and tf the word's
 * count in the document's text (search_fts.h); times 10^12 as an
 * integer.
 */
static int
key(const struct ccs_search_fts *s, struct ccs_buf *sql)
{
	size_t i, w;
	int rc;

	if (s->pg || s->nwords == 0)
		return ccs_buf_adds(sql, s->pg ? KEY_PG : "0");
	rc = ccs_buf_adds(sql, "CAST(-(0");
	for (i = 0; i < s->nwords && rc == CCS_OK; i++) {
		w = WORD0 + i;
		rc = ccs_buf_printf(sql, " + (1.0 - " NORM_SQLITE " / ("
		    TF_SQLITE " + " NORM_SQLITE "))", w, w);
	}
	if (rc == CCS_OK)
		rc = ccs_buf_adds(sql, ") * 1000000000000.0 AS INTEGER)");
	return rc;
}

/*
 * h: every readable hit with its key, computed once (materialised, so
 * the key is not computed again where r reads it);
 * r: their count and each one's position; p: the page after the place
 * in that order (back to back for a previous page), joined to its
 * documents only once cut.
 */
int
ccs_search_fts_page(const struct ccs_search_fts *s,
    const struct ccs_search_at *at, bool back, int64_t limit, json_t **rows)
{
	const char *op = back ? "<" : ">";
	const char *dir = back ? "DESC" : "ASC", *rdir = back ? "ASC" : "DESC";
	struct stmt st;
	int rc;

	*rows = NULL;
	ccs_buf_init(&st.sql, 4096);
	rc = ccs_buf_adds(&st.sql, "WITH h AS MATERIALIZED (SELECT d.id AS "
	    "did, ");
	if (rc == CCS_OK)
		rc = key(s, &st.sql);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&st.sql, " AS k");
	if (rc == CCS_OK)
		rc = from(s, &st, at);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&st.sql, "), r AS (SELECT did, k, COUNT(*) "
		    "OVER () AS n, ROW_NUMBER() OVER (ORDER BY k, did DESC) AS "
		    "pos FROM h) SELECT d.kind, d.ref_id AS ref, -d.id AS id, "
		    "p.k AS rank, p.n AS total, p.pos AS pos, d.title, "
		    "substr(d.body, 1, 240) AS excerpt, d.created_at, m.tlp "
		    "FROM (SELECT did, k, n, pos FROM r");
	if (rc == CCS_OK && at != NULL)
		rc = ccs_buf_printf(&st.sql, " WHERE (k %s $3 OR (k = $3 AND "
		    "-did %s $4))", op, op);
	if (rc == CCS_OK)
		rc = ccs_buf_printf(&st.sql, " ORDER BY k %s, did %s", dir,
		    rdir);
	if (rc == CCS_OK && limit > 0 && st.np >= NPARAMS)
		rc = CCS_ETOOBIG;
	if (rc == CCS_OK && limit > 0) {
		st.v[st.np++] = CCS_VINT(limit);
		rc = ccs_buf_printf(&st.sql, " LIMIT $%zu", st.np);
	}
	if (rc == CCS_OK)
		rc = ccs_buf_printf(&st.sql, ") p JOIN search_docs d ON d.id = "
		    "p.did JOIN markings m ON m.id = d.marking_id ORDER BY p.k "
		    "%s, p.did %s", dir, rdir);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(s->db, ccs_buf_str(&st.sql), st.v,
		    st.np, rows);
	ccs_buf_free(&st.sql);
	return rc;
}

int
ccs_search_fts_count(const struct ccs_search_fts *s, int64_t *total)
{
	struct stmt st;
	int rc;

	*total = 0;
	ccs_buf_init(&st.sql, 4096);
	rc = ccs_buf_adds(&st.sql, "SELECT COUNT(*)");
	if (rc == CCS_OK)
		rc = from(s, &st, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_query_int(s->db, ccs_buf_str(&st.sql), st.v, st.np,
		    total);
	ccs_buf_free(&st.sql);
	return rc;
}

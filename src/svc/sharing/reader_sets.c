/*
 * reader_sets.c: markings' reader keys kept as shared reader sets (see
 * reader_sets.h; the keys themselves are core/tlp_keys.c).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "svc/sharing/reader_sets.h"
#include "svc/svc.h"
#include "util/crypto.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

/* Most keys of one marking: RED recipients (200), AMBER states and the
 * organisations of its communities. A marking past it is refused. */
#define KEYS_MAX	4096

/* Kinds of record counted per set, and their table (the triggers of
 * migration 0031 keep them). */
static const struct {
	const char	*kind;
	const char	*count_sql;
} counted[] = {
	{ "incident", "INSERT INTO reader_set_counts (kind, set_id, n) "
	    "SELECT 'incident', m.reader_set, COUNT(*) FROM incidents i JOIN "
	    "markings m ON m.id = i.marking_id WHERE m.reader_set IS NOT "
	    "NULL GROUP BY m.reader_set" },
	/* the state queue, per state and for every state (migration 0035) */
	{ "queue", "INSERT INTO reader_set_counts (kind, set_id, n) "
	    "SELECT 'queue ' || q.state_code || CASE WHEN q.done_at IS NULL "
	    "THEN ' open ' ELSE ' done ' END || m.tlp, m.reader_set, COUNT(*) "
	    "FROM state_queue q JOIN markings m ON m.id = q.marking_id WHERE "
	    "m.reader_set IS NOT NULL GROUP BY 1, 2" },
	{ "queue", "INSERT INTO reader_set_counts (kind, set_id, n) "
	    "SELECT 'queue * ' || CASE WHEN q.done_at IS NULL THEN 'open ' "
	    "ELSE 'done ' END || m.tlp, m.reader_set, COUNT(*) FROM "
	    "state_queue q JOIN markings m ON m.id = q.marking_id WHERE "
	    "m.reader_set IS NOT NULL GROUP BY 1, 2" },
};

struct rkey {
	char	s[CCS_TLP_KEY_MAX + 1];
};

struct keylist {
	struct rkey	*k;
	size_t	 n;
	size_t	 cap;
};

static int
collect(void *arg, const char *key)
{
	struct keylist *ks = arg;
	struct rkey *nk;
	size_t ncap;

	if (ks->n == ks->cap) {
		if (ks->cap >= KEYS_MAX)
			return CCS_ETOOBIG;
		ncap = ks->cap == 0 ? 16 : ks->cap * 2;
		nk = ccs_reallocarray(ks->k, ncap, sizeof(*nk));
		if (nk == NULL)
			return CCS_ENOMEM;
		ks->k = nk;
		ks->cap = ncap;
	}
	(void)ccs_snprintf(ks->k[ks->n].s, sizeof(ks->k[0].s), "%s", key);
	ks->n++;
	return 0;
}

static int
cmp_key(const void *a, const void *b)
{
	const struct rkey *x = a, *y = b;

	return strcmp(x->s, y->s);
}

/* Sorted, without repeats, joined by spaces into @p out. */
static int
canonical(struct keylist *ks, struct ccs_buf *out)
{
	size_t i;
	int rc = CCS_OK;

	if (ks->n > 1)
		qsort(ks->k, ks->n, sizeof(ks->k[0]), cmp_key);
	for (i = 0; i < ks->n && rc == CCS_OK; i++) {
		if (i > 0 && strcmp(ks->k[i].s, ks->k[i - 1].s) == 0)
			continue;
		if (out->len > 0)
			rc = ccs_buf_adds(out, " ");
		if (rc == CCS_OK)
			rc = ccs_buf_adds(out, ks->k[i].s);
	}
	return rc;
}

/* The keys of a new set, one row each. */
static int
put_keys(struct ccs_db *db, const struct keylist *ks, int64_t set_id)
{
	struct ccs_val v[2];
	size_t i;
	int rc = CCS_OK;

	for (i = 0; i < ks->n && rc == CCS_OK; i++) {
		if (i > 0 && strcmp(ks->k[i].s, ks->k[i - 1].s) == 0)
			continue;
		v[0] = CCS_VTEXT(ks->k[i].s);
		v[1] = CCS_VINT(set_id);
		rc = ccs_db_exec(db, "INSERT INTO reader_set_keys (reader, "
		    "set_id) VALUES ($1, $2)", v, 2, NULL, NULL);
	}
	return rc;
}

int
ccs_reader_set_of(struct ccs_db *db, const struct ccs_marking *m,
    int64_t *set_id)
{
	struct keylist ks = { NULL, 0, 0 };
	char digest[CCS_TOKEN_HASH_LEN];
	struct ccs_buf keys;
	struct ccs_val v[2];
	int rc;

	*set_id = 0;
	ccs_buf_init(&keys, (size_t)KEYS_MAX * (CCS_TLP_KEY_MAX + 1));
	rc = ccs_tlp_marking_keys(m, collect, &ks);
	if (rc == CCS_OK)
		rc = canonical(&ks, &keys);
	if (rc != CCS_OK)
		goto out;
	ccs_token_hash(ccs_buf_str(&keys), digest);
	v[0] = CCS_VTEXT(digest);
	v[1] = CCS_VTEXT(ccs_buf_str(&keys));
	/* another transaction may make the same set at the same time: the
	 * loser's insert does nothing and it reads the winner's row */
	rc = ccs_db_query_int(db, "INSERT INTO reader_sets (digest, keys) "
	    "VALUES ($1, $2) ON CONFLICT (digest) DO NOTHING RETURNING id", v,
	    2, set_id);
	if (rc == CCS_OK)
		rc = put_keys(db, &ks, *set_id);
	else if (rc == CCS_ENOTFOUND)
		rc = ccs_db_query_int(db, "SELECT id FROM reader_sets WHERE "
		    "digest = $1", v, 1, set_id);
out:
	ccs_buf_free(&keys);
	free(ks.k);
	return rc;
}

/* The set of one stored marking row (columns as selected below). */
static int
set_row(struct ccs_db *db, const json_t *row)
{
	struct ccs_marking m;
	struct ccs_val v[2];
	int64_t set_id = 0;
	int rc;

	if (!ccs_tlp_parse(ccs_jstr(row, "tlp"), &m.tlp))
		return CCS_OK;	/* the CHECK makes this impossible: no set */
	m.src_state = ccs_jstr(row, "src_state");
	m.src_org = json_integer_value(json_object_get(row, "src_org"));
	m.author = json_integer_value(json_object_get(row, "author_id"));
	m.states = ccs_jstr(row, "states");
	m.orgs = ccs_jstr(row, "orgs");
	m.recipients = ccs_jstr(row, "recipients");
	rc = ccs_reader_set_of(db, &m, &set_id);
	if (rc != CCS_OK)
		return rc;
	v[0] = CCS_VINT(set_id);
	v[1] = CCS_VINT(json_integer_value(json_object_get(row, "id")));
	return ccs_db_exec(db, "UPDATE markings SET reader_set = $1 WHERE "
	    "id = $2", v, 2, NULL, NULL);
}

int
ccs_reader_sets_rebuild(struct ccs_db *db)
{
	static const char *const wipe[] = { "DELETE FROM reader_set_counts",
	    "DELETE FROM reader_set_keys", "DELETE FROM reader_sets" };
	json_t *rows = NULL, *row;
	int64_t after = 0;
	size_t i;
	int rc = CCS_OK;

	for (i = 0; i < sizeof(wipe) / sizeof(wipe[0]) && rc == CCS_OK; i++)
		rc = ccs_db_exec(db, wipe[i], NULL, 0, NULL, NULL);
	/* a thousand markings at a time, so memory stays flat */
	while (rc == CCS_OK) {
		struct ccs_val v = CCS_VINT(after);

		rc = ccs_db_query_json(db, "SELECT id, tlp, src_state, "
		    "src_org, author_id, states, orgs, recipients FROM "
		    "markings WHERE id > $1 ORDER BY id LIMIT 1000", &v, 1,
		    &rows);
		if (rc != CCS_OK || json_array_size(rows) == 0)
			break;
		json_array_foreach(rows, i, row) {
			rc = set_row(db, row);
			if (rc != CCS_OK)
				break;
			after = json_integer_value(json_object_get(row, "id"));
		}
		json_decref(rows);
		rows = NULL;
	}
	json_decref(rows);
	for (i = 0; i < sizeof(counted) / sizeof(counted[0]) && rc == CCS_OK;
	    i++)
		rc = ccs_db_exec(db, counted[i].count_sql, NULL, 0, NULL,
		    NULL);
	/* ind_reads is keyed by set: the next open rebuilds it too
	 * (svc/sharing/ind_reads.h, run after this backfill) */
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "INSERT INTO meta (k, v) VALUES "
		    "('indicators.reads', 'pending') ON CONFLICT DO NOTHING",
		    NULL, 0, NULL, NULL);
	return rc;
}

int
ccs_reader_sets_backfill(struct ccs_db *db, bool *done)
{
	return ccs_meta_backfill(db, "markings.reader_sets",
	    ccs_reader_sets_rebuild, done);
}

static int
add_key(void *arg, const char *key)
{
	struct ccs_reader_keys *k = arg;

	if (k->n >= CCS_TLP_PRINCIPAL_KEYS)
		return CCS_ETOOBIG;	/* cannot happen: tlp_keys.h bound */
	(void)ccs_snprintf(k->key[k->n], sizeof(k->key[0]), "%s", key);
	k->n++;
	return 0;
}

void
ccs_reader_keys_of(const struct ccs_principal *p,
    struct ccs_reader_keys *out)
{
	out->n = 0;
	(void)ccs_tlp_principal_keys(p, add_key, out);
}

static int
sets_clause(const struct ccs_reader_keys *k, const char *col, bool in,
    struct ccs_buf *sql, struct ccs_val *v, size_t *np, size_t cap)
{
	size_t i;
	int rc;

	if (k->n == 0)	/* nobody holds no key: reads nothing */
		return ccs_buf_adds(sql, in ? " AND 1 = 0" : " AND 1 = 1");
	if (cap < *np || cap - *np < k->n)
		return CCS_ETOOBIG;
	rc = ccs_buf_printf(sql, " AND %s(%s IN (SELECT set_id FROM "
	    "reader_set_keys WHERE reader IN (", in ? "" : "NOT ", col);
	for (i = 0; i < k->n && rc == CCS_OK; i++) {
		v[*np] = CCS_VTEXT(k->key[i]);
		(*np)++;
		rc = ccs_buf_printf(sql, "%s$%zu", i > 0 ? ", " : "", *np);
	}
	return rc != CCS_OK ? rc : ccs_buf_adds(sql, ")))");
}

int
ccs_reader_sets_where(const struct ccs_reader_keys *k, const char *col,
    struct ccs_buf *sql, struct ccs_val *v, size_t *np, size_t cap)
{
	return sets_clause(k, col, true, sql, v, np, cap);
}

int
ccs_reader_sets_where_not(const struct ccs_reader_keys *k, const char *col,
    struct ccs_buf *sql, struct ccs_val *v, size_t *np, size_t cap)
{
	return sets_clause(k, col, false, sql, v, np, cap);
}

int
ccs_reader_sets_count(struct ccs_db *db, const struct ccs_reader_keys *k,
    const char *kind, int64_t *n)
{
	struct ccs_val v[1 + CCS_TLP_PRINCIPAL_KEYS];
	struct ccs_buf sql;
	size_t np = 1;
	int rc;

	*n = 0;
	v[0] = CCS_VTEXT(kind);
	ccs_buf_init(&sql, 1024);
	rc = ccs_buf_adds(&sql, "SELECT COALESCE(SUM(c.n), 0) FROM "
	    "reader_set_counts c WHERE c.kind = $1");
	if (rc == CCS_OK)
		rc = ccs_reader_sets_where(k, "c.set_id", &sql, v, &np,
		    sizeof(v) / sizeof(v[0]));
	if (rc == CCS_OK)
		rc = ccs_db_query_int(db, ccs_buf_str(&sql), v, np, n);
	ccs_buf_free(&sql);
	return rc;
}

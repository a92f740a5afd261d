/*
 * lists.c: paging shared records with the read policy in the query
 * (lists.h). The caller's SELECT becomes a subquery "t"; the page is
 * "SELECT * FROM (...) t" with the reader's sets, the keyset after the
 * cursor, ORDER BY and a bound LIMIT, so the database stops after a
 * page; the total is COUNT(*) over the same clause.
 */
#include <stdlib.h>
#include <string.h>

#include "svc/sharing/lists.h"
#include "svc/sharing/marking.h"
#include "svc/sharing/reader_sets.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"

/* Most rows of one CSV (each row is held while the file is written). */
#define WHOLE_MAX	100000
/* Values the page adds to the caller's: keys, keyset, LIMIT. */
#define EXTRA	(CCS_TLP_PRINCIPAL_KEYS + CCS_KEYSET_NPARAMS + 1)

struct shared {
	struct ccs_db			*db;
	const struct ccs_principal	*p;
	const char			*sql;
	struct ccs_val			*v;
	size_t				 nv;	/* the caller's values */
	size_t				 cap;
	struct ccs_reader_keys		 keys;
	struct ccs_buf			 q;
};

/* "<head> (<caller's SELECT>) t WHERE <reader's sets>" into s->q. */
static int
start(struct shared *s, const char *head, size_t *np)
{
	int rc;

	*np = s->nv;
	ccs_buf_reset(&s->q);
	rc = ccs_buf_printf(&s->q, "%s (%s) t WHERE 1 = 1", head, s->sql);
	return rc != CCS_OK ? rc : ccs_reader_sets_where(&s->keys,
	    "t.m_reader_set", &s->q, s->v, np, s->cap);
}

int
ccs_shared_page(struct ccs_db *db, const struct ccs_principal *p,
    struct ccs_keyset *ks, struct ccs_buf *sql, struct ccs_val *v,
    size_t np, size_t cap, json_t **out)
{
	json_t *rows = NULL;
	int rc;

	*out = NULL;
	if (cap < 1)
		return CCS_ETOOBIG;
	rc = ccs_keyset_where(ks, sql, v, &np, cap - 1);
	if (rc == CCS_OK)
		rc = ccs_keyset_order(ks, sql);
	if (rc == CCS_OK) {
		v[np++] = CCS_VINT(ccs_keyset_fetch(ks));
		rc = ccs_buf_printf(sql, " LIMIT $%zu", np);
	}
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, ccs_buf_str(sql), v, np, &rows);
	if (rc != CCS_OK)
		return rc;
	/* the policy in C confirms each row; a disagreement is left out */
	ccs_marking_keep_full(p, rows);
	*out = rows;
	return CCS_OK;
}

static int
page(void *arg, struct ccs_keyset *ks, json_t **out)
{
	struct shared *s = arg;
	size_t np;
	int rc;

	*out = NULL;
	rc = start(s, "SELECT * FROM", &np);
	return rc != CCS_OK ? rc : ccs_shared_page(s->db, s->p, ks, &s->q,
	    s->v, np, s->cap, out);
}

static int
list(struct shared *s, struct ccs_keyset *ks, bool whole, json_t **out)
{
	json_t *rows = NULL;
	int64_t total = 0;
	size_t np;
	int rc;

	if (whole)
		return ccs_keyset_collect(ks, WHOLE_MAX, page, s, out);
	rc = start(s, "SELECT COUNT(*) FROM", &np);
	if (rc == CCS_OK)
		rc = ccs_db_query_int(s->db, ccs_buf_str(&s->q), s->v, np,
		    &total);
	if (rc == CCS_OK)
		rc = page(s, ks, &rows);
	return rc != CCS_OK ? rc : ccs_keyset_reply(ks, rows, total, out);
}

int
ccs_shared_list(struct ccs_db *db, const struct ccs_principal *p,
    const char *sql, const struct ccs_val *params, size_t nparams,
    struct ccs_keyset *ks, bool whole, ccs_shared_row_cb cb, void *arg,
    json_t **out)
{
	struct shared s;
	json_t *row;
	size_t i;
	int rc;

	*out = NULL;
	memset(&s, 0, sizeof(s));
	if (!ccs_add_sz(nparams, EXTRA, &s.cap))
		return CCS_EINVAL;
	s.v = ccs_calloc(s.cap, sizeof(*s.v));
	if (s.v == NULL)
		return CCS_ENOMEM;
	if (nparams > 0)
		memcpy(s.v, params, nparams * sizeof(*s.v));
	s.db = db;
	s.p = p;
	s.sql = sql;
	s.nv = nparams;
	ccs_reader_keys_of(p, &s.keys);
	ccs_buf_init(&s.q, 65536);
	rc = list(&s, ks, whole, out);
	ccs_buf_free(&s.q);
	free(s.v);
	if (rc != CCS_OK)
		return rc;
	json_array_foreach(whole ? *out : json_object_get(*out, "items"), i,
	    row) {
		if (cb == NULL)
			break;
		rc = cb(arg, row);
		if (rc != CCS_OK) {
			json_decref(*out);
			*out = NULL;
			return rc;
		}
	}
	return CCS_OK;
}

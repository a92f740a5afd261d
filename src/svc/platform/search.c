/*
 * search.c: TLP-filtered full-text search.
 *
 * The query is cut into words (letters, digits and any non-ASCII byte),
 * at most 16, and rebuilt in the backend's syntax with every word quoted
 * or reduced to its characters, so user input is never parsed as FTS5 or
 * tsquery operators. All words must match; the last also as a prefix
 * ("phish" finds "phishing"). The whole query is also tried as an
 * indicator of every type: an exact value finds its indicator page when
 * the caller may read a sighting of it. A query of at least
 * CCS_SEARCH_PART_MIN characters also finds the values it is part of
 * (a registered domain its hosts and URLs, part of a host or URL, a hash
 * by a prefix of at least 6 hex digits; issue 11 item 3), through the
 * same per-sighting policy as the indicator list.
 *
 * Results are ranked (exact values, then records by relevance, then
 * partial values by their last readable sighting) and paged by that
 * rank with the keyset cursor; the total counts only readable results.
 * The policy is in the queries (the reader sets: reader_sets.h, and the
 * indicator list's ind_reads), but every readable match is read to be
 * ranked and paged in C: the relevance is a float of the three kinds
 * merged, not a column an index can walk (issue 15 item 1, not done).
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/indicator/indicator.h"
#include "svc/keyset.h"
#include "svc/sharing/indicators.h"
#include "svc/sharing/marking.h"
#include "svc/sharing/reader_sets.h"
#include "svc/platform/search.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define MAX_WORDS	16

static bool
word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* The backend query for @p q; CCS_EINVAL when it has no word. */
static int
fts_query(const char *q, bool pg, struct ccs_buf *out)
{
	const char *s = q, *e;
	size_t n = 0;
	int rc = CCS_OK;

	while (*s != '\0' && n < MAX_WORDS && rc == CCS_OK) {
		while (*s != '\0' && !word_char((unsigned char)*s))
			s++;
		if (*s == '\0')
			break;
		for (e = s; *e != '\0' && word_char((unsigned char)*e); e++)
			;
		if (n > 0)
			rc = ccs_buf_adds(out, pg ? " & " : " ");
		if (rc == CCS_OK && !pg)
			rc = ccs_buf_adds(out, "\"");
		if (rc == CCS_OK)
			rc = ccs_buf_add(out, s, (size_t)(e - s));
		if (rc == CCS_OK && !pg)
			rc = ccs_buf_adds(out, "\"");
		s = e;
		n++;
		/* the last word is also a prefix */
		if (rc == CCS_OK && (n == MAX_WORDS || *s == '\0' ||
		    strspn(s, " \t\r\n.,;:!?-_'\"()[]{}") == strlen(s)))
			rc = ccs_buf_adds(out, pg ? ":*" : "*");
	}
	if (rc == CCS_OK && n == 0)
		rc = CCS_EINVAL;
	return rc;
}

/* Indicator values equal to @p q that @p p may read. */
static int
indicator_hits(struct ccs_db *db, const struct ccs_principal *p,
    const char *q, json_t *items)
{
	char canon[CCS_IND_VALUE_MAX];
	struct ccs_val v[2];
	json_t *one = NULL;
	int64_t id;
	int t, rc;

	if (strlen(q) > CCS_IND_INPUT_MAX)
		return CCS_OK;
	for (t = 0; t < CCS_IND_NTYPES; t++) {
		if (ccs_ind_normalise((enum ccs_ind_type)t, q, canon,
		    sizeof(canon), NULL) != CCS_OK)
			continue;
		v[0] = CCS_VTEXT(ccs_ind_type_name((enum ccs_ind_type)t));
		v[1] = CCS_VTEXT(canon);
		rc = ccs_db_query_int(db, "SELECT id FROM ind_values WHERE type "
		    "= $1 AND value = $2", v, 2, &id);
		if (rc == CCS_ENOTFOUND)
			continue;
		if (rc != CCS_OK)
			return rc;
		if (ccs_ind_get(db, p, id, &one, NULL) != CCS_OK)
			continue;	/* not readable: not found */
		rc = json_array_append_new(items, json_pack("{ss,sI,ss,ss,sO}",
		    "kind", "indicator", "id", (json_int_t)id, "title", canon,
		    "excerpt", ccs_ind_type_name((enum ccs_ind_type)t),
		    "sightings", json_object_get(one, "sightings_visible")));
		json_decref(one);
		one = NULL;
		if (rc != 0)
			return CCS_ENOMEM;
	}
	return CCS_OK;
}

/* Records matching @p fq (of @p kind, or any) whose marking's reader set
 * @p p may read, by relevance: the policy in the query (reader_sets.h). */
static int
doc_hits(struct ccs_db *db, const struct ccs_principal *p, const char *fq,
    const char *kind, bool pg, json_t **out)
{
	struct ccs_val v[2 + CCS_TLP_PRINCIPAL_KEYS];
	struct ccs_reader_keys keys;
	struct ccs_buf sql;
	size_t np = 2;
	int rc;

	*out = NULL;
	v[0] = CCS_VTEXT(fq);
	v[1] = CCS_VTEXT(kind);
	ccs_reader_keys_of(p, &keys);
	ccs_buf_init(&sql, 4096);
	rc = ccs_buf_adds(&sql, pg ?
	    "SELECT d.kind, d.ref_id AS id, d.title, substr(d.body, 1, 240) "
	    "AS excerpt, d.created_at, m.tlp FROM search_docs d JOIN "
	    "markings m ON m.id = d.marking_id WHERE d.tsv @@ "
	    "to_tsquery('simple', $1) AND ($2::text IS NULL OR d.kind = $2)" :
	    "SELECT d.kind, d.ref_id AS id, d.title, substr(d.body, 1, 240) "
	    "AS excerpt, d.created_at, m.tlp FROM search_fts JOIN search_docs "
	    "d ON d.id = search_fts.rowid JOIN markings m ON m.id = "
	    "d.marking_id WHERE search_fts MATCH $1 AND ($2 IS NULL OR "
	    "d.kind = $2)");
	if (rc == CCS_OK)
		rc = ccs_reader_sets_where(&keys, "m.reader_set", &sql, v, &np,
		    sizeof(v) / sizeof(v[0]));
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&sql, pg ? " ORDER BY ts_rank(d.tsv, "
		    "to_tsquery('simple', $1)) DESC, d.id DESC" :
		    " ORDER BY bm25(search_fts), d.id DESC");
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, ccs_buf_str(&sql), v, np, out);
	ccs_buf_free(&sql);
	return rc;
}

/* Ranks @p items (taken) in their order and cuts the page of @p ks, or
 * with @p whole answers every result in the order of @p ks. */
static int
page(struct ccs_keyset *ks, json_t *items, bool whole, json_t **out,
    struct ccs_fail *f)
{
	json_t *pg = NULL, *row;
	size_t i;
	int rc;

	json_array_foreach(items, i, row)
		(void)json_object_set_new(row, "rank", json_integer(
		    (json_int_t)i + 1));
	rc = ccs_keyset_page_array(ks, items, &pg);
	if (rc == CCS_OK && whole) {
		json_decref(pg);
		*out = json_incref(items);
	} else if (rc == CCS_OK) {
		rc = ccs_keyset_reply(ks, pg, (int64_t)json_array_size(items),
		    out);
	}
	json_decref(items);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "the results could not be "
		    "paged");
	return CCS_OK;
}

/* True when @p q is only hex digits. */
static bool
all_hex(const char *q)
{
	return q[strspn(q, "0123456789abcdefABCDEF")] == '\0';
}

static bool
is_hash(const char *type)
{
	return ccs_streq(type, "md5") || ccs_streq(type, "sha1") ||
	    ccs_streq(type, "sha256") || ccs_streq(type, "sha512");
}

/* Most values a search shows for a part of a value (the indicator list
 * with the same q pages through every one of them). */
#define PARTS_MAX	"200"

static int
by_last_seen(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	json_int_t lx = json_integer_value(json_object_get(x, "last_seen"));
	json_int_t ly = json_integer_value(json_object_get(y, "last_seen"));
	json_int_t ix = json_integer_value(json_object_get(x, "id"));
	json_int_t iy = json_integer_value(json_object_get(y, "id"));

	if (lx != ly)
		return lx < ly ? 1 : -1;
	return ix < iy ? 1 : (ix > iy ? -1 : 0);
}

/* Puts the values of @p vals in order, the latest sighting first. */
static int
newest_first(json_t *vals)
{
	size_t i, n = json_array_size(vals);
	json_t **v;

	if (n < 2)
		return CCS_OK;
	v = ccs_calloc(n, sizeof(*v));
	if (v == NULL)
		return CCS_ENOMEM;
	for (i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(vals, i));
	qsort(v, n, sizeof(*v), by_last_seen);
	json_array_clear(vals);
	for (i = 0; i < n; i++)
		(void)json_array_append_new(vals, v[i]);
	free(v);
	return CCS_OK;
}

/* Values @p q is part of that @p p may read: the first PARTS_MAX in
 * value order, shown newest first; *total says how many there are (the
 * reply says so and the page links to the indicator list, which pages
 * through all of them). The exact hits already in @p items are not
 * repeated. */
static int
indicator_parts(struct ccs_db *db, const struct ccs_principal *p,
    const char *q, json_t *items, int64_t *total)
{
	static const unsigned char no_key[CCS_SECRET_KEY_LEN];
	struct ccs_ind_filter flt;
	struct ccs_keyset *ks = NULL;
	json_t *reply = NULL, *vals, *row, *it;
	const char *type;
	size_t i, j;
	bool dup;
	int rc;

	*total = 0;
	if (strlen(q) < CCS_SEARCH_PART_MIN || strchr(q, ' ') != NULL)
		return CCS_OK;
	memset(&flt, 0, sizeof(flt));
	flt.q = q;
	rc = ccs_keyset_new(ccs_ind_list_cols, ccs_ind_list_ncols, "v.id",
	    &ks);
	if (rc != CCS_OK)
		return rc;
	/* in value order the list reads the values whose text holds q and
	 * then their readable rows; in time order it would walk every
	 * readable sighting looking for them (seconds at a million) */
	rc = ccs_keyset_sort(ks, "value", "asc", NULL);
	if (rc == CCS_OK)
		rc = ccs_keyset_limit(ks, PARTS_MAX, NULL);
	if (rc == CCS_OK)
		rc = ccs_keyset_cursor(ks, no_key, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_ind_list(db, p, &flt, ks, false, &reply, NULL);
	ccs_keyset_free(ks);
	vals = json_object_get(reply, "items");
	*total = json_integer_value(json_object_get(reply, "total"));
	if (rc == CCS_OK)
		rc = newest_first(vals);
	if (rc != CCS_OK) {
		json_decref(reply);
		return rc;
	}
	json_array_foreach(vals, i, row) {
		type = ccs_jstr(row, "type");
		/* a short run of hex digits is in every other hash */
		if (is_hash(type) && all_hex(q) && strlen(q) < 6)
			continue;
		dup = false;
		json_array_foreach(items, j, it) {
			if (ccs_streq(ccs_jstr(it, "kind"), "indicator") &&
			    json_integer_value(json_object_get(it, "id")) ==
			    json_integer_value(json_object_get(row, "id")))
				dup = true;
		}
		if (dup)
			continue;
		if (json_array_append_new(items, json_pack("{ss,sO,sO,sO,sO,"
		    "sO,ss}", "kind", "indicator", "id", json_object_get(row,
		    "id"), "title", json_object_get(row, "value"), "excerpt",
		    json_object_get(row, "type"), "sightings",
		    json_object_get(row, "sightings"), "markings",
		    json_object_get(row, "markings"), "match", "part")) != 0) {
			rc = CCS_ENOMEM;
			break;
		}
	}
	json_decref(reply);
	return rc;
}

int
ccs_search(struct ccs_db *db, const struct ccs_principal *p, const char *q,
    const char *kind, struct ccs_keyset *ks, bool whole, json_t **out,
    struct ccs_fail *f)
{
	bool pg = strcmp(ccs_db_backend(db), "postgres") == 0;
	struct ccs_buf fq;
	json_t *items = NULL, *docs = NULL, *row;
	int64_t parts = 0;
	size_t i;
	int rc;

	*out = NULL;
	if (p->role == CCS_ROLE_ANONYMOUS && !p->system)
		return ccs_fail(f, CCS_EAUTH, "authentication_required",
		    "sign in to search");
	if (q == NULL || q[0] == '\0' || strlen(q) > 200 || !ccs_text_ok(q))
		return ccs_fail(f, CCS_EINVAL, "invalid_query", "q must be 1 to "
		    "200 characters of text");
	if (kind != NULL && strcmp(kind, "incident") != 0 && strcmp(kind,
	    "advisory") != 0 && strcmp(kind, "lesson") != 0 && strcmp(kind,
	    "indicator") != 0)
		return ccs_fail(f, CCS_EINVAL, "invalid_kind", "kind must be "
		    "incident, advisory, lesson or indicator");
	items = json_array();
	if (items == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	if (kind == NULL || strcmp(kind, "indicator") == 0) {
		rc = indicator_hits(db, p, q, items);
		if (rc != CCS_OK)
			goto dbfail;
	}
	ccs_buf_init(&fq, 4096);
	rc = fts_query(q, pg, &fq);
	if (rc == CCS_OK && (kind == NULL || strcmp(kind, "indicator") != 0)) {
		rc = doc_hits(db, p, ccs_buf_str(&fq), kind, pg, &docs);
		if (rc != CCS_OK) {
			ccs_buf_free(&fq);
			goto dbfail;
		}
		json_array_foreach(docs, i, row)
			(void)json_array_append(items, row);
		json_decref(docs);
	}
	ccs_buf_free(&fq);
	if (kind == NULL || strcmp(kind, "indicator") == 0) {
		rc = indicator_parts(db, p, q, items, &parts);
		if (rc != CCS_OK)
			goto dbfail;
	}
	rc = page(ks, items, whole, out, f);
	/* how many values hold q, when the search shows only the first */
	if (rc == CCS_OK && !whole && json_object_set_new(*out, "parts_total",
	    json_integer(parts)) != 0) {
		json_decref(*out);
		*out = NULL;
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	}
	return rc;
dbfail:
	json_decref(items);
	return ccs_dbfail(f, db, rc);
}

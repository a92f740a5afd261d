/*
 * search.c: TLP-filtered full-text search.
 *
 * The query is cut into words (letters, digits and any non-ASCII byte),
 * at most 16, and rebuilt in the backend's syntax with every word quoted
 * or reduced to its characters, so user input is never parsed as FTS5 or
 * tsquery operators. All words must match; the last also as a prefix
 * ("phish" finds "phishing") when it has at least PREFIX_MIN characters
 * (one letter narrows nothing and would cost a pass over most of the
 * index; FTS5 keeps prefix indexes of 2 to 4 characters, migration
 * 0039). The whole query is also tried as an
 * indicator of every type: an exact value finds its indicator page when
 * the caller may read a sighting of it. A query of at least
 * CCS_SEARCH_PART_MIN characters also finds the values it is part of
 * (a registered domain its hosts and URLs, part of a host or URL, a hash
 * by a prefix of at least 6 hex digits; issue 11 item 3), through the
 * same per-sighting policy as the indicator list.
 *
 * Results are in one order of three sources: exact values, then records
 * by relevance, then values holding q by their last readable sighting.
 * Each result has a place (key, id) in it: the exact values' keys lie
 * below every relevance and the parts' above, so one signed cursor
 * (the keyset's integer sort value and id) says where a page starts,
 * whichever source it is in. The exact values (one per type at most) and
 * the parts (the first 200) are few and read in C; the records are the
 * many, and a page of them is one statement (search_fts.h: the match,
 * the reader sets, the place, ORDER BY the relevance, LIMIT), their
 * total one COUNT(*) with the same clause (issue 15 item 1). A result's
 * "rank" in the reply is its position, 1 for the best.
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
#include "svc/platform/search_fts.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define MAX_WORDS	CCS_SEARCH_FTS_WORDS

/* The place of exact values (+ their type) and of parts of values (+
 * their place in the newest-first order): below and above every
 * relevance key of search_fts.h. */
#define KEY_EXACT	(INT64_MIN / 2)
#define KEY_PART	(INT64_MAX / 2)

/* Shortest last word matched also as a prefix. */
#define PREFIX_MIN	2

/* Most results a CSV holds. */
#define WHOLE_MAX	100000

static bool
word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* The characters of [@p s, @p e): its bytes but UTF-8's continuations. */
static size_t
utf8_chars(const char *s, const char *e)
{
	size_t n = 0;

	for (; s < e; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* The backend query for @p q; CCS_EINVAL when it has no word. */
static int
fts_query(const char *q, bool pg, struct ccs_buf *out)
{
	const char *s = q, *e;
	size_t n = 0, nchars;
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
		nchars = utf8_chars(s, e);
		s = e;
		n++;
		/* the last word is also a prefix */
		if (rc == CCS_OK && nchars >= PREFIX_MIN && (n == MAX_WORDS ||
		    *s == '\0' ||
		    strspn(s, " \t\r\n.,;:!?-_'\"()[]{}") == strlen(s)))
			rc = ccs_buf_adds(out, pg ? ":*" : "*");
	}
	if (rc == CCS_OK && n == 0)
		rc = CCS_EINVAL;
	return rc;
}

/* The words of @p q as fts_query cuts them, in lower case (ASCII, as
 * SQLite's lower()), copied into @p buf (room for q and a NUL a word). */
static void
words_of(const char *q, char *buf, size_t len, struct ccs_search_fts *s)
{
	const char *e;
	size_t n;

	s->nwords = 0;
	while (*q != '\0' && s->nwords < CCS_SEARCH_FTS_WORDS) {
		while (*q != '\0' && !word_char((unsigned char)*q))
			q++;
		if (*q == '\0')
			break;
		for (e = q; *e != '\0' && word_char((unsigned char)*e); e++)
			;
		n = (size_t)(e - q);
		if (n + 1 > len)
			break;
		s->words[s->nwords++] = buf;
		for (; q < e; q++)
			*buf++ = (char)(*q >= 'A' && *q <= 'Z' ? *q - 'A' + 'a' :
			    *q);
		*buf++ = '\0';
		len -= n + 1;
	}
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
		rc = json_array_append_new(items, json_pack("{ss,sI,ss,ss,sO,"
		    "sI,sI}", "kind", "indicator", "id", (json_int_t)id,
		    "title", canon, "excerpt", ccs_ind_type_name(
		    (enum ccs_ind_type)t), "sightings", json_object_get(one,
		    "sightings_visible"), "rank", (json_int_t)(KEY_EXACT + t),
		    "ref", (json_int_t)id));
		json_decref(one);
		one = NULL;
		if (rc != 0)
			return CCS_ENOMEM;
	}
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
 * value order, shown newest first, appended to @p parts; *total says how
 * many there are (the reply says so and the page links to the indicator
 * list, which pages through all of them). The exact hits in @p items
 * are not repeated. */
static int
indicator_parts(struct ccs_db *db, const struct ccs_principal *p,
    const char *q, const json_t *items, json_t *parts, int64_t *total)
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
		if (json_array_append_new(parts, json_pack("{ss,sO,sO,sO,sO,"
		    "sO,ss,sI,sO}", "kind", "indicator", "id",
		    json_object_get(row, "id"), "title", json_object_get(row,
		    "value"), "excerpt", json_object_get(row, "type"),
		    "sightings", json_object_get(row, "sightings"), "markings",
		    json_object_get(row, "markings"), "match", "part", "rank",
		    (json_int_t)(KEY_PART + (int64_t)json_array_size(parts)),
		    "ref", json_object_get(row, "id"))) != 0) {
			rc = CCS_ENOMEM;
			break;
		}
	}
	json_decref(reply);
	return rc;
}

/* What a search found before paging: the few results read in C and the
 * query of the many. */
struct found {
	json_t			*exact;	/* exact values, in order */
	json_t			*parts;	/* values holding q, in order */
	int64_t			 nparts; /* every value holding q */
	bool			 docs;	/* records are searched */
	struct ccs_search_fts	 fts;
};

/* <0, 0, >0 as @p row's place is before, at or after @p at. */
static int
cmp_at(const json_t *row, const struct ccs_search_at *at)
{
	int64_t k = json_integer_value(json_object_get(row, "rank"));
	int64_t id = json_integer_value(json_object_get(row, "id"));

	if (k != at->key)
		return k < at->key ? -1 : 1;
	return id < at->id ? -1 : (id > at->id);
}

/* True when @p key is a record's relevance (search_fts.h). */
static bool
doc_key(int64_t key)
{
	return key >= KEY_EXACT + CCS_IND_NTYPES && key < KEY_PART;
}

/* Appends to @p rows, up to @p fetch of them, the rows of @p src after
 * @p at (NULL: all), or with @p back those before it from the last. */
static int
take(json_t *rows, const json_t *src, const struct ccs_search_at *at,
    bool back, size_t fetch)
{
	size_t i, n = json_array_size(src);
	json_t *row;

	for (i = 0; i < n && json_array_size(rows) < fetch; i++) {
		row = json_array_get(src, back ? n - 1 - i : i);
		if (at != NULL && (back ? cmp_at(row, at) >= 0 :
		    cmp_at(row, at) <= 0))
			continue;
		if (json_array_append(rows, row) != 0)
			return CCS_ENOMEM;
	}
	return CCS_OK;
}

/* Appends the records of the page to @p rows: @p at only when it is
 * among them (after an exact value every record follows it, before a
 * part every record comes before it). *@p none is set when the records
 * were read from either end and none was found: their count is 0, and
 * the match (a pass over a common word's postings) is not run again to
 * count them. */
static int
take_docs(json_t *rows, const struct found *fd,
    const struct ccs_search_at *at, bool back, size_t fetch, bool *none)
{
	const struct ccs_search_at *place;
	json_t *docs = NULL;
	int rc;

	if (!fd->docs || json_array_size(rows) >= fetch)
		return CCS_OK;
	if (at != NULL && (back ? at->key < KEY_EXACT + CCS_IND_NTYPES :
	    at->key >= KEY_PART))
		return CCS_OK;
	place = at != NULL && doc_key(at->key) ? at : NULL;
	rc = ccs_search_fts_page(&fd->fts, place, back,
	    (int64_t)(fetch - json_array_size(rows)), &docs);
	if (rc == CCS_OK && place == NULL && json_array_size(docs) == 0)
		*none = true;
	if (rc == CCS_OK && json_array_extend(rows, docs) != 0)
		rc = CCS_ENOMEM;
	json_decref(docs);
	return rc;
}

/* The rows of one page at @p ks's position, in the order it reads them
 * (ccs_keyset_reply puts a previous page back in order); *@p none as
 * take_docs. */
static int
page_rows(const struct found *fd, struct ccs_keyset *ks, json_t **out,
    bool *none)
{
	struct ccs_search_at pos, *at = NULL;
	size_t fetch = (size_t)ccs_keyset_fetch(ks);
	bool back = false;
	json_t *rows;
	int rc;

	*out = NULL;
	if (ccs_keyset_at(ks, &pos.key, &pos.id, &back))
		at = &pos;
	rows = json_array();
	if (rows == NULL)
		return CCS_ENOMEM;
	rc = take(rows, back ? fd->parts : fd->exact, at, back, fetch);
	if (rc == CCS_OK)
		rc = take_docs(rows, fd, at, back, fetch, none);
	if (rc == CCS_OK)
		rc = take(rows, back ? fd->exact : fd->parts, at, back, fetch);
	if (rc != CCS_OK) {
		json_decref(rows);
		return rc;
	}
	*out = rows;
	return CCS_OK;
}

/* Numbers @p items from @p first on and gives each its record's id. */
static void
number(json_t *items, int64_t first)
{
	size_t i;
	json_t *row;

	json_array_foreach(items, i, row) {
		(void)json_object_set(row, "id", json_object_get(row, "ref"));
		(void)json_object_del(row, "ref");
		(void)json_object_del(row, "total");
		(void)json_object_del(row, "pos");
		(void)json_object_set_new(row, "rank", json_integer(
		    (json_int_t)(first + (int64_t)i)));
	}
}

/* How many rows of @p src are before @p row. */
static int64_t
before_in(const json_t *src, const json_t *row)
{
	struct ccs_search_at at;
	const json_t *x;
	int64_t n = 0;
	size_t i;

	at.key = json_integer_value(json_object_get(row, "rank"));
	at.id = json_integer_value(json_object_get(row, "id"));
	json_array_foreach(src, i, x)
		n += cmp_at(x, &at) < 0;
	return n;
}

/* The readable records' count, from a record on the page (every one
 * carries it), 0 when @p none (take_docs), or else by a count. */
static int
records(const struct found *fd, const json_t *items, bool none, int64_t *n)
{
	const json_t *row;
	size_t i;

	*n = 0;
	if (!fd->docs || none)
		return CCS_OK;
	json_array_foreach(items, i, row) {
		if (json_object_get(row, "pos") != NULL) {
			*n = json_integer_value(json_object_get(row, "total"));
			return CCS_OK;
		}
	}
	return ccs_search_fts_count(&fd->fts, n);
}

/* One page: its rows, their positions and the total. */
static int
one_page(const struct found *fd, struct ccs_keyset *ks, json_t **out)
{
	json_t *rows = NULL, *items, *first;
	int64_t ndocs = 0, n = 0;
	bool none = false;
	int rc;

	*out = NULL;
	rc = page_rows(fd, ks, &rows, &none);
	if (rc == CCS_OK)
		rc = ccs_keyset_reply(ks, rows, 0, out);
	if (rc != CCS_OK)
		return rc;
	items = json_object_get(*out, "items");
	rc = records(fd, items, none, &ndocs);
	if (rc != CCS_OK)
		return rc;
	first = json_array_get(items, 0);
	if (first != NULL) {
		n = before_in(fd->exact, first) + before_in(fd->parts, first);
		if (json_object_get(first, "pos") != NULL)
			n += json_integer_value(json_object_get(first, "pos")) -
			    1;
		else if (json_integer_value(json_object_get(first, "rank")) >=
		    KEY_PART)
			n += ndocs;
	}
	number(items, n + 1);
	if (json_object_set_new(*out, "total", json_integer((json_int_t)(
	    (int64_t)json_array_size(fd->exact) + ndocs +
	    (int64_t)json_array_size(fd->parts)))) != 0 ||
	    json_object_set_new(*out, "parts_total", json_integer(
	    (json_int_t)fd->nparts)) != 0)
		return CCS_ENOMEM;
	return CCS_OK;
}

/* Every result, in order (the CSV); more than WHOLE_MAX is CCS_ETOOBIG,
 * found by the count before any record is read. */
static int
every(const struct found *fd, json_t **out)
{
	json_t *all = NULL, *docs = NULL;
	int64_t ndocs = 0;
	int rc = CCS_OK;

	*out = NULL;
	if (fd->docs)
		rc = ccs_search_fts_count(&fd->fts, &ndocs);
	if (rc == CCS_OK && ndocs + (int64_t)(json_array_size(fd->exact) +
	    json_array_size(fd->parts)) > WHOLE_MAX)
		rc = CCS_ETOOBIG;
	if (rc == CCS_OK && fd->docs)
		rc = ccs_search_fts_page(&fd->fts, NULL, false, 0, &docs);
	all = rc == CCS_OK ? json_copy(fd->exact) : NULL;
	if (rc == CCS_OK && (all == NULL || (docs != NULL &&
	    json_array_extend(all, docs) != 0) ||
	    json_array_extend(all, fd->parts) != 0))
		rc = CCS_ENOMEM;
	json_decref(docs);
	if (rc != CCS_OK) {
		json_decref(all);
		return rc;
	}
	number(all, 1);
	*out = all;
	return CCS_OK;
}

int
ccs_search(struct ccs_db *db, const struct ccs_principal *p, const char *q,
    const char *kind, struct ccs_keyset *ks, bool whole, json_t **out,
    struct ccs_fail *f)
{
	bool values = kind == NULL || strcmp(kind, "indicator") == 0;
	char wbuf[256];	/* q's words: 200 bytes and a NUL each */
	struct found fd;
	struct ccs_buf fq;
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
	memset(&fd, 0, sizeof(fd));
	ccs_buf_init(&fq, 4096);
	fd.exact = json_array();
	fd.parts = json_array();
	rc = fd.exact != NULL && fd.parts != NULL ? CCS_OK : CCS_ENOMEM;
	if (rc == CCS_OK && values)
		rc = indicator_hits(db, p, q, fd.exact);
	if (rc == CCS_OK && values)
		rc = indicator_parts(db, p, q, fd.exact, fd.parts, &fd.nparts);
	if (rc == CCS_OK && !(kind != NULL && strcmp(kind, "indicator") == 0)) {
		/* a query of no word finds no record */
		rc = fts_query(q, strcmp(ccs_db_backend(db), "postgres") == 0,
		    &fq);
		fd.docs = rc == CCS_OK;
		rc = rc == CCS_EINVAL ? CCS_OK : rc;
	}
	fd.fts.db = db;
	fd.fts.p = p;
	fd.fts.fq = ccs_buf_str(&fq);
	fd.fts.kind = kind;
	fd.fts.pg = strcmp(ccs_db_backend(db), "postgres") == 0;
	words_of(q, wbuf, sizeof(wbuf), &fd.fts);
	if (rc == CCS_OK)
		rc = whole ? every(&fd, out) : one_page(&fd, ks, out);
	ccs_buf_free(&fq);
	json_decref(fd.exact);
	json_decref(fd.parts);
	if (rc == CCS_ETOOBIG)
		return ccs_fail(f, rc, "export_too_large", "more than %d "
		    "results: use more words or one kind of record",
		    WHOLE_MAX);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}

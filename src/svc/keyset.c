/*
 * keyset.c: keyset paging and signed cursors for every list (keyset.h).
 *
 * Cursor layout before base64url: a version byte, a flags byte (bit 0:
 * previous page, bit 1: text value), the row id (8 bytes, big endian),
 * then the sort value (8 bytes, or a 2-byte length and the text), then a
 * 16-byte keyed BLAKE2b of all that and the query hash. The MAC key is
 * derived from the installation key for this one use, as the TAXII
 * cursor does with its own context. The query hash covers the list's
 * bound parts in order, then the sort column and the order, so a cursor
 * never moves from one sort, filter or reader to another.
 * Not a goal: hiding the sort value from its reader (it is a value of a
 * row they were shown).
 */
#include <string.h>

#include <sodium.h>

#include "svc/keyset.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define VERSION		1
#define F_PREV		0x01
#define F_TEXT		0x02
#define QH_LEN		16
#define MAC_LEN		16
#define HEAD_LEN	10
#define RAW_MAX		(HEAD_LEN + 2 + CCS_KEYSET_TEXT_MAX + MAC_LEN)

struct ccs_keyset {
	const struct ccs_keyset_col *cols;	/* allowed sorts, borrowed */
	size_t		 ncols;			/* entries in cols */
	const char	*id_expr;		/* tie-breaker, borrowed */
	size_t		 sort;			/* index of the sort column */
	bool		 desc;			/* descending order */
	int64_t		 limit;			/* page size */
	crypto_generichash_state hs;		/* query hash, being built */
	unsigned char	 qh[QH_LEN];		/* query hash, once final */
	unsigned char	 key[CCS_SECRET_KEY_LEN]; /* installation key */
	bool		 have_key;		/* key and qh are set */
	bool		 have_pos;		/* a position is set */
	bool		 prev;			/* reading backwards */
	int64_t		 ival;			/* position: integer value */
	char		 sval[CCS_KEYSET_TEXT_MAX + 1]; /* or text value */
	int64_t		 id;			/* position: row id */
	char		*words[CCS_KEYSET_WORDS]; /* LIKE patterns of q= */
	size_t		 nwords;		/* patterns kept */
};

int
ccs_keyset_new(const struct ccs_keyset_col *cols, size_t ncols,
    const char *id_expr, struct ccs_keyset **out)
{
	struct ccs_keyset *ks;

	*out = NULL;
	if (cols == NULL || ncols == 0 || id_expr == NULL)
		return CCS_EINVAL;
	ks = ccs_calloc(1, sizeof(*ks));
	if (ks == NULL)
		return CCS_ENOMEM;
	ks->cols = cols;
	ks->ncols = ncols;
	ks->id_expr = id_expr;
	ks->desc = cols[0].desc;
	ks->limit = CCS_KEYSET_LIMIT_DEFAULT;
	crypto_generichash_init(&ks->hs, NULL, 0, QH_LEN);
	*out = ks;
	return CCS_OK;
}

int
ccs_keyset_restart(const struct ccs_keyset *ks, int64_t limit,
    struct ccs_keyset **out)
{
	int rc;

	rc = ccs_keyset_new(ks->cols, ks->ncols, ks->id_expr, out);
	if (rc != CCS_OK)
		return rc;
	(*out)->sort = ks->sort;
	(*out)->desc = ks->desc;
	(*out)->limit = limit > 0 && limit <= CCS_KEYSET_LIMIT_MAX ? limit :
	    CCS_KEYSET_LIMIT_MAX;
	return CCS_OK;
}

void
ccs_keyset_free(struct ccs_keyset *ks)
{
	if (ks == NULL)
		return;
	sodium_memzero(ks->key, sizeof(ks->key));
	while (ks->nwords > 0)
		free(ks->words[--ks->nwords]);
	free(ks);
}

int
ccs_keyset_limit(struct ccs_keyset *ks, const char *limit,
    struct ccs_fail *f)
{
	int64_t n;

	if (limit == NULL) {
		ks->limit = CCS_KEYSET_LIMIT_DEFAULT;
		return CCS_OK;
	}
	if (ccs_parse_i64(limit, 1, CCS_KEYSET_LIMIT_MAX, &n) != CCS_OK)
		return ccs_fail(f, CCS_EINVAL, "invalid_limit", "limit must be "
		    "a whole number from 1 to %d", CCS_KEYSET_LIMIT_MAX);
	ks->limit = n;
	return CCS_OK;
}

int
ccs_keyset_sort(struct ccs_keyset *ks, const char *sort, const char *order,
    struct ccs_fail *f)
{
	char names[256];
	size_t i, at = 0;

	if (sort != NULL) {
		for (i = 0; i < ks->ncols; i++) {
			if (strcmp(sort, ks->cols[i].name) == 0)
				break;
		}
		if (i == ks->ncols) {
			names[0] = '\0';
			for (i = 0; i < ks->ncols; i++) {
				if (ccs_snprintf(names + at, sizeof(names) - at,
				    "%s%s", i ? ", " : "", ks->cols[i].name) !=
				    CCS_OK)
					break;
				at += strlen(names + at);
			}
			return ccs_fail(f, CCS_EINVAL, "invalid_sort", "sort "
			    "must be one of: %s", names);
		}
		ks->sort = i;
	}
	ks->desc = ks->cols[ks->sort].desc;
	if (order == NULL)
		return CCS_OK;
	if (strcmp(order, "asc") == 0)
		ks->desc = false;
	else if (strcmp(order, "desc") == 0)
		ks->desc = true;
	else
		return ccs_fail(f, CCS_EINVAL, "invalid_order", "order must be "
		    "asc or desc");
	return CCS_OK;
}

static void
hash_part(crypto_generichash_state *hs, const char *s)
{
	unsigned char len[8];
	uint64_t n = s ? strlen(s) : UINT64_MAX;
	int i;

	/* length-prefixed, so ("ab","c") and ("a","bc") differ */
	for (i = 7; i >= 0; i--) {
		len[i] = (unsigned char)(n & 0xff);
		n >>= 8;
	}
	crypto_generichash_update(hs, len, sizeof(len));
	if (s != NULL)
		crypto_generichash_update(hs, (const unsigned char *)s,
		    strlen(s));
}

void
ccs_keyset_bind(struct ccs_keyset *ks, const char *name, const char *value)
{
	hash_part(&ks->hs, name);
	hash_part(&ks->hs, value);
}

void
ccs_keyset_bind_int(struct ccs_keyset *ks, const char *name, int64_t value)
{
	char s[24];

	(void)ccs_snprintf(s, sizeof(s), "%lld", (long long)value);
	ccs_keyset_bind(ks, name, s);
}

static void
mac(const struct ccs_keyset *ks, const unsigned char *raw, size_t n,
    unsigned char out[MAC_LEN])
{
	static const char ctx[] = "ccscap list cursor v1";
	crypto_generichash_state st;
	unsigned char k[32];

	crypto_generichash(k, sizeof(k), (const unsigned char *)ctx,
	    sizeof(ctx) - 1, ks->key, sizeof(ks->key));
	crypto_generichash_init(&st, k, sizeof(k), MAC_LEN);
	crypto_generichash_update(&st, raw, n);
	crypto_generichash_update(&st, ks->qh, sizeof(ks->qh));
	crypto_generichash_final(&st, out, MAC_LEN);
	sodium_memzero(k, sizeof(k));
}

/* Decodes and verifies @p in into the position of @p ks. */
static bool
decode(struct ccs_keyset *ks, const char *in)
{
	unsigned char raw[RAW_MAX], want[MAC_LEN];
	bool text = ks->cols[ks->sort].kind == CCS_KEYSET_TEXT;
	size_t n = 0, body, len;

	if (strlen(in) >= CCS_KEYSET_CURSOR_MAX ||
	    sodium_base642bin(raw, sizeof(raw), in, strlen(in), NULL, &n,
	    NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n < HEAD_LEN + 2 + MAC_LEN)
		return false;
	body = n - MAC_LEN;
	mac(ks, raw, body, want);
	if (sodium_memcmp(want, raw + body, MAC_LEN) != 0)
		return false;
	if (raw[0] != VERSION || (raw[1] & ~(F_PREV | F_TEXT)) != 0 ||
	    ((raw[1] & F_TEXT) != 0) != text)
		return false;
	ks->prev = (raw[1] & F_PREV) != 0;
	ks->id = (int64_t)ccs_get_be64(raw + 2);
	if (!text) {
		if (body != HEAD_LEN + 8)
			return false;
		ks->ival = (int64_t)ccs_get_be64(raw + HEAD_LEN);
		return true;
	}
	len = ((size_t)raw[HEAD_LEN] << 8) | raw[HEAD_LEN + 1];
	if (len > CCS_KEYSET_TEXT_MAX || body != HEAD_LEN + 2 + len ||
	    memchr(raw + HEAD_LEN + 2, '\0', len) != NULL)
		return false;
	memcpy(ks->sval, raw + HEAD_LEN + 2, len);
	ks->sval[len] = '\0';
	return true;
}

int
ccs_keyset_cursor(struct ccs_keyset *ks,
    const unsigned char key[CCS_SECRET_KEY_LEN], const char *cursor,
    struct ccs_fail *f)
{
	const struct ccs_keyset_col *c = &ks->cols[ks->sort];

	hash_part(&ks->hs, "sort");
	hash_part(&ks->hs, c->name);
	hash_part(&ks->hs, ks->desc ? "desc" : "asc");
	crypto_generichash_final(&ks->hs, ks->qh, sizeof(ks->qh));
	memcpy(ks->key, key, sizeof(ks->key));
	ks->have_key = true;
	ks->have_pos = false;
	ks->prev = false;
	if (cursor == NULL || cursor[0] == '\0')
		return CCS_OK;
	if (!decode(ks, cursor)) {
		ks->prev = false;
		return ccs_fail(f, CCS_EINVAL, "invalid_cursor", "cursor is "
		    "not one this list gave for this sort and these filters; "
		    "start again from the first page");
	}
	ks->have_pos = true;
	return CCS_OK;
}

/* True when the effective order (with the direction) is descending. */
static bool
eff_desc(const struct ccs_keyset *ks)
{
	return ks->desc != ks->prev;
}

int
ccs_keyset_where(const struct ccs_keyset *ks, struct ccs_buf *sql,
    struct ccs_val *params, size_t *np, size_t cap)
{
	const struct ccs_keyset_col *c = &ks->cols[ks->sort];
	const char *op = eff_desc(ks) ? "<" : ">";
	size_t a = *np + 1;

	if (!ks->have_pos)
		return CCS_OK;
	if (cap < *np || cap - *np < CCS_KEYSET_NPARAMS)
		return CCS_ETOOBIG;
	params[*np] = c->kind == CCS_KEYSET_TEXT ? CCS_VTEXT(ks->sval) :
	    CCS_VINT(ks->ival);
	params[*np + 1] = CCS_VINT(ks->id);
	*np += CCS_KEYSET_NPARAMS;
	/* a row value: both backends walk an index on (expr, id) from it,
	 * where "expr < x OR (expr = x AND id < y)" reads from the start */
	return ccs_buf_printf(sql, " AND ((%s), %s) %s ($%zu, $%zu)", c->expr,
	    ks->id_expr, op, a, a + 1);
}

int
ccs_keyset_order(const struct ccs_keyset *ks, struct ccs_buf *sql)
{
	const char *dir = eff_desc(ks) ? "DESC" : "ASC";

	return ccs_buf_printf(sql, " ORDER BY %s %s, %s %s",
	    ks->cols[ks->sort].expr, dir, ks->id_expr, dir);
}

int
ccs_keyset_where_on(const struct ccs_keyset *ks, const char *expr,
    const char *id_expr, struct ccs_buf *sql, struct ccs_val *params,
    size_t *np, size_t cap)
{
	const struct ccs_keyset_col *c = &ks->cols[ks->sort];
	const char *op = eff_desc(ks) ? "<" : ">";
	size_t a = *np + 1;

	if (!ks->have_pos)
		return CCS_OK;
	if (cap < *np || cap - *np < CCS_KEYSET_NPARAMS)
		return CCS_ETOOBIG;
	params[*np] = c->kind == CCS_KEYSET_TEXT ? CCS_VTEXT(ks->sval) :
	    CCS_VINT(ks->ival);
	params[*np + 1] = CCS_VINT(ks->id);
	*np += CCS_KEYSET_NPARAMS;
	/* the first term bounds an index range; the rest is exact */
	return ccs_buf_printf(sql, " AND (%s) %s= $%zu AND ((%s) %s $%zu OR "
	    "((%s) = $%zu AND %s %s $%zu))", expr, op, a, expr, op, a, expr,
	    a, id_expr, op, a + 1);
}

int
ccs_keyset_order_on(const struct ccs_keyset *ks, const char *expr,
    const char *id_expr, struct ccs_buf *sql)
{
	const char *dir = eff_desc(ks) ? "DESC" : "ASC";

	return ccs_buf_printf(sql, " ORDER BY %s %s, %s %s", expr, dir,
	    id_expr, dir);
}

bool
ccs_keyset_at(const struct ccs_keyset *ks, int64_t *ival, int64_t *id,
    bool *back)
{
	*ival = ks->ival;
	*id = ks->id;
	*back = ks->prev;
	return ks->have_pos;
}

int64_t
ccs_keyset_fetch(const struct ccs_keyset *ks)
{
	return ks->limit + 1;
}

int64_t
ccs_keyset_page_size(const struct ccs_keyset *ks)
{
	return ks->limit;
}

const struct ccs_keyset_col *
ccs_keyset_column(const struct ccs_keyset *ks)
{
	return &ks->cols[ks->sort];
}

bool
ccs_keyset_desc(const struct ccs_keyset *ks)
{
	return ks->desc;
}

/* "%word%" in lower case with the LIKE wildcards escaped. */
static char *
pattern(const char *w, size_t n)
{
	char *p, *o;
	size_t i, len;

	if (!ccs_mul_sz(n, 2, &len) || !ccs_add_sz(len, 3, &len))
		return NULL;
	p = ccs_malloc(len);
	if (p == NULL)
		return NULL;
	o = p;
	*o++ = '%';
	for (i = 0; i < n; i++) {
		if (w[i] == '%' || w[i] == '_' || w[i] == '\\')
			*o++ = '\\';
		*o++ = w[i] >= 'A' && w[i] <= 'Z' ? (char)(w[i] - 'A' + 'a') :
		    w[i];
	}
	*o++ = '%';
	*o = '\0';
	return p;
}

int
ccs_keyset_words(struct ccs_keyset *ks, struct ccs_buf *sql, const char *q,
    const char *const *cols, size_t ncols, struct ccs_val *params,
    size_t *np, size_t cap)
{
	const char *s = q ? q : "", *e;
	size_t i, n;
	int rc = CCS_OK;

	while (rc == CCS_OK && *s != '\0') {
		if (*s == ' ') {
			s++;
			continue;
		}
		e = strchr(s, ' ');
		n = e ? (size_t)(e - s) : strlen(s);
		if (ks->nwords == CCS_KEYSET_WORDS)
			return CCS_EINVAL;
		if (cap < *np + 1)
			return CCS_ETOOBIG;
		ks->words[ks->nwords] = pattern(s, n);
		if (ks->words[ks->nwords] == NULL)
			return CCS_ENOMEM;
		params[*np] = CCS_VTEXT(ks->words[ks->nwords]);
		ks->nwords++;
		(*np)++;
		rc = ccs_buf_adds(sql, " AND (");
		for (i = 0; rc == CCS_OK && i < ncols; i++)
			rc = ccs_buf_printf(sql, "%sLOWER(COALESCE(%s, '')) "
			    "LIKE $%zu ESCAPE '\\'", i ? " OR " : "", cols[i],
			    *np);
		if (rc == CCS_OK)
			rc = ccs_buf_adds(sql, ")");
		s += n;
	}
	return rc;
}

void
ccs_keyset_words_free(struct ccs_keyset *ks)
{
	while (ks->nwords > 0)
		free(ks->words[--ks->nwords]);
}

/* Reads the position (sort value and id) of @p row into @p ks. */
static int
pos_of(struct ccs_keyset *ks, const json_t *row)
{
	const struct ccs_keyset_col *c = &ks->cols[ks->sort];
	const json_t *v = json_object_get(row, c->name);
	const json_t *id = json_object_get(row, "id");

	if (!json_is_integer(id))
		return CCS_EINVAL;
	if (c->kind == CCS_KEYSET_INT) {
		if (!json_is_integer(v) && !json_is_null(v))
			return CCS_EINVAL;
		ks->ival = json_integer_value(v);
	} else if (json_is_null(v)) {
		ks->sval[0] = '\0';
	} else {
		if (!json_is_string(v))
			return CCS_EINVAL;
		if (json_string_length(v) > CCS_KEYSET_TEXT_MAX)
			return CCS_ETOOBIG;
		memcpy(ks->sval, json_string_value(v), json_string_length(v));
		ks->sval[json_string_length(v)] = '\0';
	}
	ks->id = json_integer_value(id);
	ks->have_pos = true;
	return CCS_OK;
}

/* The signed cursor of the current position, direction @p prev. */
static json_t *
encode(const struct ccs_keyset *ks, bool prev)
{
	unsigned char raw[RAW_MAX];
	char out[CCS_KEYSET_CURSOR_MAX];
	bool text = ks->cols[ks->sort].kind == CCS_KEYSET_TEXT;
	size_t n = HEAD_LEN, len;

	raw[0] = VERSION;
	raw[1] = (unsigned char)((prev ? F_PREV : 0) | (text ? F_TEXT : 0));
	ccs_put_be64(raw + 2, (uint64_t)ks->id);
	if (text) {
		len = strlen(ks->sval);
		raw[n++] = (unsigned char)(len >> 8);
		raw[n++] = (unsigned char)(len & 0xff);
		memcpy(raw + n, ks->sval, len);
		n += len;
	} else {
		ccs_put_be64(raw + n, (uint64_t)ks->ival);
		n += 8;
	}
	mac(ks, raw, n, raw + n);
	n += MAC_LEN;
	(void)sodium_bin2base64(out, sizeof(out), raw, n,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return json_string(out);
}

static void
reverse(json_t *a)
{
	size_t i, n = json_array_size(a);
	json_t *x, *y;

	for (i = 0; i < n / 2; i++) {
		x = json_incref(json_array_get(a, i));
		y = json_incref(json_array_get(a, n - 1 - i));
		(void)json_array_set_new(a, i, y);
		(void)json_array_set_new(a, n - 1 - i, x);
	}
}

int
ccs_keyset_reply(struct ccs_keyset *ks, json_t *rows, int64_t total,
    json_t **out)
{
	json_t *next = NULL, *prev = NULL, *o = NULL;
	bool more, had = ks->have_pos, back = ks->prev;
	size_t n;
	int rc;

	*out = NULL;
	if (!ks->have_key || !json_is_array(rows)) {
		rc = CCS_EINVAL;
		goto fail;
	}
	more = (int64_t)json_array_size(rows) > ks->limit;
	if (more)
		(void)json_array_remove(rows, json_array_size(rows) - 1);
	if (back)
		reverse(rows);
	n = json_array_size(rows);
	if (n == 0) {
		/* nothing past the cursor (rows went away): the way back
		 * starts where the cursor pointed */
		if (had && !back)
			prev = encode(ks, true);
		if (had && back)
			next = encode(ks, false);
	} else {
		rc = pos_of(ks, json_array_get(rows, n - 1));
		if (rc != CCS_OK)
			goto fail;
		if (back || more)
			next = encode(ks, false);
		rc = pos_of(ks, json_array_get(rows, 0));
		if (rc != CCS_OK)
			goto fail;
		if (back ? more : had)
			prev = encode(ks, true);
	}
	/* "count" (rows on this page) as every list replied before */
	o = json_pack("{sOsIsIsoso}", "items", rows, "count",
	    (json_int_t)n, "total", (json_int_t)total, "next_cursor",
	    next ? next : json_null(), "prev_cursor", prev ? prev :
	    json_null());
	next = prev = NULL;
	if (o == NULL) {
		rc = CCS_ENOMEM;
		goto fail;
	}
	json_decref(rows);
	*out = o;
	return CCS_OK;
fail:
	json_decref(next);
	json_decref(prev);
	json_decref(rows);
	return rc;
}

/* <0, 0, >0 as row @p r comes before, at or after the position, in the
 * chosen order (not the direction). */
static int
cmp_pos(const struct ccs_keyset *ks, const json_t *r)
{
	const struct ccs_keyset_col *c = &ks->cols[ks->sort];
	const json_t *v = json_object_get(r, c->name);
	int64_t a, id = json_integer_value(json_object_get(r, "id"));
	int d;

	if (c->kind == CCS_KEYSET_INT) {
		a = json_integer_value(v);
		d = a < ks->ival ? -1 : a > ks->ival;
	} else {
		d = strcmp(json_is_string(v) ? json_string_value(v) : "",
		    ks->sval);
		d = d < 0 ? -1 : d > 0;
	}
	if (d == 0)
		d = id < ks->id ? -1 : id > ks->id;
	return ks->desc ? -d : d;
}

/* The same order between two rows. */
static int
cmp_rows(const struct ccs_keyset *ks, const json_t *a, const json_t *b)
{
	const struct ccs_keyset_col *c = &ks->cols[ks->sort];
	const json_t *x = json_object_get(a, c->name);
	const json_t *y = json_object_get(b, c->name);
	int64_t i, j;
	int d;

	if (c->kind == CCS_KEYSET_INT) {
		i = json_integer_value(x);
		j = json_integer_value(y);
		d = i < j ? -1 : i > j;
	} else {
		d = strcmp(json_is_string(x) ? json_string_value(x) : "",
		    json_is_string(y) ? json_string_value(y) : "");
		d = d < 0 ? -1 : d > 0;
	}
	if (d == 0) {
		i = json_integer_value(json_object_get(a, "id"));
		j = json_integer_value(json_object_get(b, "id"));
		d = i < j ? -1 : i > j;
	}
	return ks->desc ? -d : d;
}

/* Bottom-up merge sort of @p n rows (stable; qsort has no context). */
static int
sort_rows(const struct ccs_keyset *ks, json_t **v, size_t n)
{
	json_t **tmp, **src = v, **dst, **t;
	size_t w, i, l, m, e, a, b;

	if (n < 2)
		return CCS_OK;
	tmp = ccs_calloc(n, sizeof(*tmp));
	if (tmp == NULL)
		return CCS_ENOMEM;
	dst = tmp;
	for (w = 1; w < n; w *= 2) {
		for (l = 0; l < n; l += 2 * w) {
			m = l + w < n ? l + w : n;
			e = l + 2 * w < n ? l + 2 * w : n;
			a = l;
			b = m;
			for (i = l; i < e; i++) {
				if (a < m && (b >= e ||
				    cmp_rows(ks, src[a], src[b]) <= 0))
					dst[i] = src[a++];
				else
					dst[i] = src[b++];
			}
		}
		t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
	free(tmp);
	return CCS_OK;
}

int
ccs_keyset_page_array(const struct ccs_keyset *ks, json_t *all,
    json_t **page)
{
	size_t n = json_array_size(all), i, start, want;
	json_t **v = NULL, *pg = NULL;
	int rc = CCS_OK;

	*page = NULL;
	for (i = 0; i < n; i++) {
		if (!json_is_integer(json_object_get(json_array_get(all, i),
		    "id")))
			return CCS_EINVAL;
	}
	v = ccs_calloc(n ? n : 1, sizeof(*v));
	pg = json_array();
	if (v == NULL || pg == NULL) {
		rc = CCS_ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(all, i));
	rc = sort_rows(ks, v, n);
	if (rc != CCS_OK)
		goto out;
	(void)json_array_clear(all);
	for (i = 0; i < n; i++) {
		if (json_array_append(all, v[i]) != 0) {
			rc = CCS_ENOMEM;
			goto out;
		}
	}
	want = (size_t)ccs_keyset_fetch(ks);
	if (!ks->have_pos || !ks->prev) {
		start = 0;
		while (ks->have_pos && start < n && cmp_pos(ks, v[start]) <= 0)
			start++;
		for (i = start; i < n && i - start < want; i++)
			(void)json_array_append(pg, v[i]);
	} else {
		/* backwards from the last row before the position, as the
		 * reversed ORDER BY of a SQL list reads them */
		start = n;
		while (start > 0 && cmp_pos(ks, v[start - 1]) >= 0)
			start--;
		for (i = start; i > 0 && start - i < want; i--)
			(void)json_array_append(pg, v[i - 1]);
	}
	*page = pg;
	pg = NULL;
out:
	for (i = 0; v != NULL && i < n; i++)
		json_decref(v[i]);
	free(v);
	json_decref(pg);
	return rc;
}

int
ccs_keyset_advance(struct ccs_keyset *ks, const json_t *row)
{
	ks->prev = false;
	return pos_of(ks, row);
}

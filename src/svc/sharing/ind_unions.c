/*
 * ind_unions.c: the union of the reader keys of each indicator value's
 * sightings and the counts of values per tuple (see ind_unions.h).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "svc/sharing/ind_unions.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define KEYLEN		(CCS_TLP_KEY_MAX + 1)
#define TUPLE_LEN	(2 + 3 * KEYLEN)
/* Most tuples of one union: (users + 1) * (organisations + 1) * (states
 * + 1). A union past it is refused with the write that would make it. */
#define TUPLES_MAX	1000000
#define CHUNK		1000	/* values a rebuild reads at a time */
#define NSLOTS		3	/* kinds of keys: user, organisation, state */

static const char *const slot_prefix[NSLOTS] = { "u:", "o:", "s:" };

struct keys {
	char	(*k)[KEYLEN];
	size_t	  n;
	size_t	  cap;
};

struct tuples {
	char	(*t)[TUPLE_LEN];
	size_t	  n;
	size_t	  cap;
};

static int
keys_push(struct keys *ks, const char *s, size_t len)
{
	char (*nk)[KEYLEN];
	size_t ncap;

	if (len == 0 || len >= KEYLEN)
		return CCS_OK;	/* no principal holds such a key */
	if (ks->n == ks->cap) {
		ncap = ks->cap == 0 ? 16 : ks->cap * 2;
		nk = ccs_reallocarray(ks->k, ncap, sizeof(*nk));
		if (nk == NULL)
			return CCS_ENOMEM;
		ks->k = nk;
		ks->cap = ncap;
	}
	memcpy(ks->k[ks->n], s, len);
	ks->k[ks->n][len] = '\0';
	ks->n++;
	return CCS_OK;
}

/* Appends the space-separated keys of @p text. */
static int
keys_parse(struct keys *ks, const char *text)
{
	const char *p = text, *sp;
	size_t len;
	int rc = CCS_OK;

	while (p != NULL && *p != '\0' && rc == CCS_OK) {
		sp = strchr(p, ' ');
		len = sp != NULL ? (size_t)(sp - p) : strlen(p);
		rc = keys_push(ks, p, len);
		p = sp != NULL ? sp + 1 : NULL;
	}
	return rc;
}

static int
cmp_key(const void *a, const void *b)
{
	return strcmp(a, b);
}

static bool
keys_has(const struct keys *ks, const char *key)
{
	size_t i;

	for (i = 0; i < ks->n; i++) {
		if (strcmp(ks->k[i], key) == 0)
			return true;
	}
	return false;
}

/*
 * Sorted, without repeats, and reduced to "*" or "m" when it holds one:
 * every principal holds "*", and every principal but the anonymous one,
 * which holds "*" only, holds "m", so the other keys add no reader.
 */
static void
keys_norm(struct keys *ks)
{
	size_t i, j = 0;

	if (keys_has(ks, "*") || keys_has(ks, "m")) {
		(void)ccs_snprintf(ks->k[0], KEYLEN, "%s",
		    keys_has(ks, "*") ? "*" : "m");
		ks->n = 1;
		return;
	}
	if (ks->n > 1)
		qsort(ks->k, ks->n, sizeof(ks->k[0]), cmp_key);
	for (i = 0; i < ks->n; i++) {
		if (j > 0 && strcmp(ks->k[i], ks->k[j - 1]) == 0)
			continue;
		if (i != j)
			memcpy(ks->k[j], ks->k[i], KEYLEN);
		j++;
	}
	ks->n = j;
}

static int
keys_text(const struct keys *ks, struct ccs_buf *out)
{
	size_t i;
	int rc = CCS_OK;

	ccs_buf_reset(out);
	for (i = 0; i < ks->n && rc == CCS_OK; i++)
		rc = ccs_buf_printf(out, "%s%s", i > 0 ? " " : "", ks->k[i]);
	return rc;
}

/* "cls key..." of the keys of @p key that are not NULL, in slot order. */
static void
tuple_fmt(char *out, const char *cls, const char *const key[])
{
	size_t len;
	int i;

	if (ccs_snprintf(out, TUPLE_LEN, "%s", cls) != CCS_OK)
		return;	/* cannot happen: a class is one letter */
	len = strlen(out);
	for (i = 0; key != NULL && i < NSLOTS; i++) {
		if (key[i] != NULL && ccs_snprintf(out + len, TUPLE_LEN - len,
		    " %s", key[i]) == CCS_OK)
			len += strlen(out + len);
	}
}

static int
tuples_push(struct tuples *ts, const char *cls, const char *const key[])
{
	char (*nt)[TUPLE_LEN];
	size_t ncap;

	if (ts->n == ts->cap) {
		ncap = ts->cap == 0 ? 16 : ts->cap * 2;
		nt = ccs_reallocarray(ts->t, ncap, sizeof(*nt));
		if (nt == NULL)
			return CCS_ENOMEM;
		ts->t = nt;
		ts->cap = ncap;
	}
	tuple_fmt(ts->t[ts->n], cls, key);
	ts->n++;
	return CCS_OK;
}

/* The keys of @p ks of slot @p s (pointers into @p ks), and how many. */
static size_t
slot_keys(const struct keys *ks, int s, const char **out)
{
	size_t i, n = 0;

	for (i = 0; i < ks->n; i++) {
		if (strncmp(ks->k[i], slot_prefix[s], 2) == 0)
			out[n++] = ks->k[i];
	}
	return n;
}

/* Every combination of at most one key of each slot, not none. */
static int
combos(const char *cls, const char **sk[NSLOTS], const size_t nk[NSLOTS],
    struct tuples *ts)
{
	const char *key[NSLOTS];
	size_t i[NSLOTS];
	int rc = CCS_OK;

	for (i[0] = 0; i[0] <= nk[0] && rc == CCS_OK; i[0]++) {
		key[0] = i[0] < nk[0] ? sk[0][i[0]] : NULL;
		for (i[1] = 0; i[1] <= nk[1] && rc == CCS_OK; i[1]++) {
			key[1] = i[1] < nk[1] ? sk[1][i[1]] : NULL;
			for (i[2] = 0; i[2] <= nk[2] && rc == CCS_OK; i[2]++) {
				key[2] = i[2] < nk[2] ? sk[2][i[2]] : NULL;
				if (key[0] != NULL || key[1] != NULL ||
				    key[2] != NULL)
					rc = tuples_push(ts, cls, key);
			}
		}
	}
	return rc;
}

static int
cmp_tuple(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The tuples a value of (normalised) union @p ks is counted under,
 * sorted. */
static int
tuples_of(const struct keys *ks, struct tuples *ts)
{
	const char **sk[NSLOTS] = { NULL, NULL, NULL };
	size_t nk[NSLOTS] = { 0, 0, 0 };
	const char *cls;
	int s, rc = CCS_OK;

	ts->n = 0;
	if (ks->n == 0)
		return CCS_OK;
	if (keys_has(ks, "*") || keys_has(ks, "m"))
		return tuples_push(ts, ks->k[0], NULL);
	cls = keys_has(ks, "r") ? "r" : "x";
	for (s = 0; s < NSLOTS && rc == CCS_OK; s++) {
		sk[s] = ccs_reallocarray(NULL, ks->n, sizeof(*sk[s]));
		if (sk[s] == NULL)
			rc = CCS_ENOMEM;
		else
			nk[s] = slot_keys(ks, s, sk[s]);
	}
	if (rc == CCS_OK && (nk[0] + 1) * (nk[1] + 1) * (nk[2] + 1) >
	    TUPLES_MAX)
		rc = CCS_ETOOBIG;
	if (rc == CCS_OK && cls[0] == 'r')
		rc = tuples_push(ts, cls, NULL);
	if (rc == CCS_OK)
		rc = combos(cls, sk, nk, ts);
	if (rc == CCS_OK && ts->n > 1)
		qsort(ts->t, ts->n, sizeof(ts->t[0]), cmp_tuple);
	for (s = 0; s < NSLOTS; s++)
		free(sk[s]);
	return rc;
}

static int
bump(struct ccs_db *db, const char *tuple, int64_t d)
{
	struct ccs_val v[2] = { CCS_VTEXT(tuple), CCS_VINT(d) };

	return ccs_db_exec(db, "INSERT INTO ind_union_counts (tuple, n) "
	    "VALUES ($1, $2) ON CONFLICT (tuple) DO UPDATE SET n = "
	    "ind_union_counts.n + excluded.n", v, 2, NULL, NULL);
}

/* -1 for each tuple of @p old only, +1 for each of @p cur only. */
static int
move_counts(struct ccs_db *db, const struct tuples *old,
    const struct tuples *cur)
{
	size_t i = 0, j = 0;
	int c, rc = CCS_OK;

	while (rc == CCS_OK && (i < old->n || j < cur->n)) {
		if (i == old->n)
			c = 1;
		else if (j == cur->n)
			c = -1;
		else
			c = strcmp(old->t[i], cur->t[j]) < 0 ? -1 :
			    strcmp(old->t[i], cur->t[j]) > 0 ? 1 : 0;
		if (c < 0)
			rc = bump(db, old->t[i++], -1);
		else if (c > 0)
			rc = bump(db, cur->t[j++], 1);
		else {
			i++;
			j++;
		}
	}
	return rc;
}

int
ccs_ind_unions_add(struct ccs_db *db, int64_t value_id, int64_t marking_id)
{
	struct keys ks = { NULL, 0, 0 };
	struct tuples old = { NULL, 0, 0 }, cur = { NULL, 0, 0 };
	struct ccs_buf was, now;
	struct ccs_val v[2];
	json_t *set = NULL, *row = NULL;
	int rc;

	ccs_buf_init(&was, 1 << 20);
	ccs_buf_init(&now, 1 << 20);
	v[0] = CCS_VINT(marking_id);
	rc = ccs_db_query_one(db, "SELECT s.keys FROM markings m JOIN "
	    "reader_sets s ON s.id = m.reader_set WHERE m.id = $1", v, 1,
	    &set);
	if (rc == CCS_ENOTFOUND) {
		rc = CCS_OK;	/* no set yet: the rebuild brings it in */
		goto out;
	}
	v[0] = CCS_VINT(value_id);
	if (rc == CCS_OK)
		rc = ccs_db_query_one(db, "SELECT keys FROM ind_unions WHERE "
		    "value_id = $1", v, 1, &row);
	if (rc == CCS_ENOTFOUND)
		rc = CCS_OK;
	if (rc == CCS_OK)
		rc = keys_parse(&ks, ccs_jstr(row, "keys"));
	if (rc == CCS_OK)
		rc = tuples_of(&ks, &old);
	if (rc == CCS_OK)
		rc = keys_text(&ks, &was);
	if (rc == CCS_OK)
		rc = keys_parse(&ks, ccs_jstr(set, "keys"));
	if (rc == CCS_OK) {
		keys_norm(&ks);
		rc = keys_text(&ks, &now);
	}
	if (rc != CCS_OK || (row != NULL &&
	    strcmp(ccs_buf_str(&was), ccs_buf_str(&now)) == 0))
		goto out;	/* the union holds the set's keys already */
	rc = tuples_of(&ks, &cur);
	if (rc == CCS_OK)
		rc = move_counts(db, &old, &cur);
	v[1] = CCS_VTEXT(ccs_buf_str(&now));
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "INSERT INTO ind_unions (value_id, keys) "
		    "VALUES ($1, $2) ON CONFLICT (value_id) DO UPDATE SET "
		    "keys = excluded.keys", v, 2, NULL, NULL);
out:
	json_decref(set);
	json_decref(row);
	free(ks.k);
	free(old.t);
	free(cur.t);
	ccs_buf_free(&was);
	ccs_buf_free(&now);
	return rc;
}

/* --- rebuild ------------------------------------------------------------ */

struct rebuild {
	struct ccs_db	*db;
	struct keys	 ks;	/* union of the value being read */
	int64_t		 value;	/* its id, 0 before the first */
	json_t		*by;	/* union text -> values */
	struct ccs_buf	 text;
};

/* Stores the union of rb->value and counts it under its text. */
static int
finish(struct rebuild *rb)
{
	struct ccs_val v[2];
	json_t *n;
	int rc;

	if (rb->value == 0 || rb->ks.n == 0)
		return CCS_OK;
	keys_norm(&rb->ks);
	rc = keys_text(&rb->ks, &rb->text);
	v[0] = CCS_VINT(rb->value);
	v[1] = CCS_VTEXT(ccs_buf_str(&rb->text));
	if (rc == CCS_OK)
		rc = ccs_db_exec(rb->db, "INSERT INTO ind_unions (value_id, "
		    "keys) VALUES ($1, $2)", v, 2, NULL, NULL);
	if (rc != CCS_OK)
		return rc;
	n = json_object_get(rb->by, ccs_buf_str(&rb->text));
	if (json_object_set_new(rb->by, ccs_buf_str(&rb->text),
	    json_integer(json_integer_value(n) + 1)) != 0)
		return CCS_ENOMEM;
	rb->ks.n = 0;
	return CCS_OK;
}

/* Reads the values in (@p after, @p upto]: their distinct sets' keys. */
static int
read_chunk(struct rebuild *rb, int64_t after, int64_t upto)
{
	struct ccs_val v[2] = { CCS_VINT(after), CCS_VINT(upto) };
	json_t *rows = NULL, *row;
	int64_t id;
	size_t i;
	int rc;

	rc = ccs_db_query_json(rb->db, "SELECT r.value_id AS id, s.keys FROM "
	    "ind_reads r JOIN reader_sets s ON s.id = r.set_id WHERE "
	    "r.value_id > $1 AND r.value_id <= $2 GROUP BY r.value_id, s.id, "
	    "s.keys ORDER BY r.value_id", v, 2, &rows);
	json_array_foreach(rows, i, row) {
		if (rc != CCS_OK)
			break;
		id = json_integer_value(json_object_get(row, "id"));
		if (id != rb->value) {
			rc = finish(rb);
			rb->value = id;
		}
		if (rc == CCS_OK)
			rc = keys_parse(&rb->ks, ccs_jstr(row, "keys"));
	}
	json_decref(rows);
	return rc;
}

/* Adds @p times to the count of each tuple of union @p text. */
static int
add_tuples(json_t *counts, const char *text, int64_t times)
{
	struct keys ks = { NULL, 0, 0 };
	struct tuples ts = { NULL, 0, 0 };
	json_t *n;
	size_t i;
	int rc;

	rc = keys_parse(&ks, text);
	if (rc == CCS_OK)
		rc = tuples_of(&ks, &ts);
	for (i = 0; i < ts.n && rc == CCS_OK; i++) {
		n = json_object_get(counts, ts.t[i]);
		if (json_object_set_new(counts, ts.t[i],
		    json_integer(json_integer_value(n) + times)) != 0)
			rc = CCS_ENOMEM;
	}
	free(ks.k);
	free(ts.t);
	return rc;
}

static int
write_counts(struct ccs_db *db, json_t *by)
{
	json_t *counts = json_object(), *n;
	const char *key;
	int rc = counts == NULL ? CCS_ENOMEM : CCS_OK;

	json_object_foreach(by, key, n) {
		if (rc == CCS_OK)
			rc = add_tuples(counts, key, json_integer_value(n));
	}
	json_object_foreach(counts, key, n) {
		if (rc == CCS_OK)
			rc = bump(db, key, json_integer_value(n));
	}
	json_decref(counts);
	return rc;
}

int
ccs_ind_unions_rebuild(struct ccs_db *db)
{
	struct rebuild rb;
	struct ccs_val v[2];
	int64_t after = 0, upto = 0;
	int rc;

	memset(&rb, 0, sizeof(rb));
	rb.db = db;
	rb.by = json_object();
	ccs_buf_init(&rb.text, 1 << 20);
	rc = rb.by == NULL ? CCS_ENOMEM : CCS_OK;
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "DELETE FROM ind_unions", NULL, 0, NULL,
		    NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "DELETE FROM ind_union_counts", NULL, 0,
		    NULL, NULL);
	/* a thousand values at a time, so the rows read stay few */
	while (rc == CCS_OK && upto != INT64_MAX) {
		v[0] = CCS_VINT(after);
		v[1] = CCS_VINT(CHUNK - 1);
		rc = ccs_db_query_int(db, "SELECT id FROM ind_values WHERE id "
		    "> $1 ORDER BY id LIMIT 1 OFFSET $2", v, 2, &upto);
		if (rc == CCS_ENOTFOUND) {
			upto = INT64_MAX;
			rc = CCS_OK;
		}
		if (rc == CCS_OK)
			rc = read_chunk(&rb, after, upto);
		after = upto;
	}
	if (rc == CCS_OK)
		rc = finish(&rb);
	if (rc == CCS_OK)
		rc = write_counts(db, rb.by);
	json_decref(rb.by);
	free(rb.ks.k);
	ccs_buf_free(&rb.text);
	return rc;
}

/* --- the count ---------------------------------------------------------- */

/* The tuples to add (sign +1) and subtract (-1) for a reader. */
struct terms {
	char	t[3 + 2 * 7][TUPLE_LEN];
	int	sign[3 + 2 * 7];
	size_t	n;
};

static void
term(struct terms *tm, const char *text, int sign)
{
	(void)ccs_snprintf(tm->t[tm->n], TUPLE_LEN, "%s", text);
	tm->sign[tm->n++] = sign;
}

/* Inclusion-exclusion over the subsets of the reader's slot keys: a
 * subset of an odd size adds its count, of an even size subtracts it. */
static void
class_terms(struct terms *tm, const char *cls, const char *const key[])
{
	const char *sub[NSLOTS];
	unsigned mask;
	int s, size;

	for (mask = 1; mask < (1u << NSLOTS); mask++) {
		size = 0;
		for (s = 0; s < NSLOTS; s++) {
			sub[s] = (mask & (1u << s)) != 0 ? key[s] : NULL;
			if ((mask & (1u << s)) != 0)
				size = key[s] != NULL && size >= 0 ? size + 1 :
				    -1;
		}
		if (size <= 0)
			continue;	/* a key of the subset is not held */
		tuple_fmt(tm->t[tm->n], cls, sub);
		tm->sign[tm->n++] = size % 2 == 1 ? 1 : -1;
	}
}

int
ccs_ind_unions_count(struct ccs_db *db, const struct ccs_reader_keys *k,
    int64_t *n)
{
	const char *key[NSLOTS] = { NULL, NULL, NULL };
	struct ccs_val v[3 + 2 * 7];
	struct terms tm;
	struct ccs_buf sql;
	json_t *rows = NULL, *row;
	bool rifc = false;
	size_t i, j;
	int s, rc;

	*n = 0;
	tm.n = 0;
	for (i = 0; i < k->n; i++) {
		if (strcmp(k->key[i], "*") == 0 || strcmp(k->key[i], "m") == 0)
			term(&tm, k->key[i], 1);
		if (strcmp(k->key[i], "r") == 0) {
			rifc = true;
			term(&tm, "r", 1);
		}
		for (s = 0; s < NSLOTS; s++) {
			if (strncmp(k->key[i], slot_prefix[s], 2) != 0)
				continue;
			if (key[s] != NULL)
				return CCS_EINVAL;
			key[s] = k->key[i];
		}
	}
	class_terms(&tm, "x", key);
	if (!rifc)
		class_terms(&tm, "r", key);
	if (tm.n == 0)
		return CCS_OK;
	ccs_buf_init(&sql, 4096);
	rc = ccs_buf_adds(&sql, "SELECT tuple, n FROM ind_union_counts WHERE "
	    "tuple IN (");
	for (i = 0; i < tm.n && rc == CCS_OK; i++) {
		v[i] = CCS_VTEXT(tm.t[i]);
		rc = ccs_buf_printf(&sql, "%s$%zu", i > 0 ? ", " : "", i + 1);
	}
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&sql, ")");
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, ccs_buf_str(&sql), v, tm.n, &rows);
	json_array_foreach(rows, j, row) {
		for (i = 0; i < tm.n; i++) {
			if (strcmp(tm.t[i], ccs_jstr(row, "tuple")) == 0)
				*n += tm.sign[i] * json_integer_value(
				    json_object_get(row, "n"));
		}
	}
	json_decref(rows);
	ccs_buf_free(&sql);
	return rc;
}

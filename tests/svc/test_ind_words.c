/*
 * test_ind_words.c: the indicator list's q through the trigram index
 * (svc/sharing/ind_words.h, migration 0036) finds exactly the values a
 * plain case-insensitive substring test finds. Random values (domains,
 * URLs and e-mail addresses, some with % and _) are reported CLEAR, then
 * random q (words of 1 to 5 characters and longer cut from the values
 * or their types, in mixed case, some with % or _, some matching
 * nothing, one or two words) are listed; the ids and the total must be
 * those of every stored value holding each word in its value or type,
 * computed here in C.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "svc/keyset.h"
#include "svc/sharing/indicators.h"
#include "svc/svc.h"
#include "svc_fixture.h"
#include "util/err.h"

#define NREPORTS	40
#define NQUERIES	120
#define QMAX		64

static const unsigned char key[CCS_SECRET_KEY_LEN] = { 7 };

static uint32_t
rnd(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

/* A random run of @p n lower-case letters and digits into @p out. */
static void
letters(uint32_t *s, char *out, size_t n)
{
	static const char abc[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = abc[rnd(s) % (sizeof(abc) - 1)];
	out[n] = '\0';
}

static void
add_values(struct svc_fx *fx, uint32_t *s)
{
	char body[4096], one[256], a[8], b[8];
	json_t *j, *out = NULL;
	int i, k, rc;

	for (i = 0; i < NREPORTS; i++) {
		(void)snprintf(body, sizeof(body), "{\"tlp\": \"clear\", "
		    "\"indicators\": [");
		for (k = 0; k < 4; k++) {
			letters(s, a, 1 + rnd(s) % 6);
			letters(s, b, 1 + rnd(s) % 6);
			switch (rnd(s) % 3) {
			case 0:
				(void)snprintf(one, sizeof(one), "{\"type\": "
				    "\"domain\", \"value\": \"%s-%s.w15."
				    "example\"}", a, b);
				break;
			case 1:
				(void)snprintf(one, sizeof(one), "{\"type\": "
				    "\"url\", \"value\": \"http://%s.example/"
				    "%s_Q%%25%s\"}", a, b, a);
				break;
			default:
				(void)snprintf(one, sizeof(one), "{\"type\": "
				    "\"email\", \"value\": \"%s_%s@w15."
				    "example\"}", a, b);
				break;
			}
			if (k > 0)
				(void)strncat(body, ", ", sizeof(body) -
				    strlen(body) - 1);
			(void)strncat(body, one, sizeof(body) -
			    strlen(body) - 1);
		}
		(void)strncat(body, "]}", sizeof(body) - strlen(body) - 1);
		j = svc_json(body);
		svc_begin(fx);
		rc = ccs_ind_report(fx->db, &fx->rifc, j, fx->now, &out,
		    &fx->f);
		rc = svc_end(fx, rc);
		if (rc != CCS_OK)
			fail_msg("report %s: %s", body, fx->f.message);
		json_decref(out);
		out = NULL;
		json_decref(j);
	}
}

/* Whether @p hay holds @p w, ASCII letters of either case alike. */
static bool
holds(const char *hay, const char *w, size_t n)
{
	size_t i, j, len = strlen(hay);

	for (i = 0; i + n <= len; i++) {
		for (j = 0; j < n; j++) {
			if (tolower((unsigned char)hay[i + j]) !=
			    tolower((unsigned char)w[j]))
				break;
		}
		if (j == n)
			return true;
	}
	return false;
}

/* Whether every word of @p q is in the value or the type of @p row. */
static bool
matches(const json_t *row, const char *q)
{
	const char *s = q, *e;
	size_t n;

	while (*s != '\0') {
		if (*s == ' ') {
			s++;
			continue;
		}
		e = strchr(s, ' ');
		n = e != NULL ? (size_t)(e - s) : strlen(s);
		if (!holds(json_string_value(json_object_get(row, "value")),
		    s, n) && !holds(json_string_value(json_object_get(row,
		    "type")), s, n))
			return false;
		s += n;
	}
	return true;
}

/* One random word into @p out (at most @p cap - 1 bytes): cut from a
 * stored value or type, or made up; mixed case; maybe % or _. */
static void
word(uint32_t *s, const json_t *all, char *out, size_t cap)
{
	static const size_t lens[] = { 1, 2, 3, 4, 5, 6, 8, 11, 16 };
	const json_t *row = json_array_get(all, rnd(s) %
	    json_array_size(all));
	const char *src = json_string_value(json_object_get(row,
	    rnd(s) % 5 == 0 ? "type" : "value"));
	size_t n = lens[rnd(s) % (sizeof(lens) / sizeof(lens[0]))];
	size_t len = strlen(src), at, i;

	if (n >= cap)
		n = cap - 1;
	if (rnd(s) % 8 == 0) {
		letters(s, out, n);
		return;
	}
	if (n > len)
		n = len;
	at = rnd(s) % (len - n + 1);
	memcpy(out, src + at, n);
	out[n] = '\0';
	for (i = 0; i < n; i++) {
		if (rnd(s) % 2 == 0)
			out[i] = (char)toupper((unsigned char)out[i]);
	}
	if (rnd(s) % 5 == 0)
		out[rnd(s) % n] = rnd(s) % 2 == 0 ? '%' : '_';
}

/* The ids and total the list gives for @p q (one page of 200, by
 * value or by time as @p s draws). */
static json_t *
listed(struct svc_fx *fx, uint32_t *s, const char *q, int64_t *total)
{
	struct ccs_ind_filter flt;
	struct ccs_keyset *ks = NULL;
	json_t *out = NULL, *ids = json_array(), *row;
	size_t i;
	int rc;

	memset(&flt, 0, sizeof(flt));
	flt.q = q;
	assert_int_equal(ccs_keyset_new(ccs_ind_list_cols, ccs_ind_list_ncols,
	    "v.id", &ks), CCS_OK);
	assert_int_equal(ccs_keyset_sort(ks, rnd(s) % 2 ? "value" :
	    "last_seen", "asc", NULL), CCS_OK);
	assert_int_equal(ccs_keyset_limit(ks, "200", NULL), CCS_OK);
	assert_int_equal(ccs_keyset_cursor(ks, key, NULL, NULL), CCS_OK);
	assert_int_equal(ccs_db_begin(fx->db, false), CCS_OK);
	rc = ccs_ind_list(fx->db, &fx->rifc, &flt, ks, false, &out, &fx->f);
	assert_int_equal(ccs_db_commit(fx->db), CCS_OK);
	ccs_keyset_free(ks);
	if (rc != CCS_OK)
		fail_msg("list q=%s: %s", q, fx->f.message);
	json_array_foreach(json_object_get(out, "items"), i, row)
		(void)json_array_append(ids, json_object_get(row, "id"));
	*total = json_integer_value(json_object_get(out, "total"));
	json_decref(out);
	return ids;
}

static int
by_id(const void *a, const void *b)
{
	json_int_t x = json_integer_value(*(json_t *const *)a);
	json_int_t y = json_integer_value(*(json_t *const *)b);

	return x < y ? -1 : x > y;
}

static char *
sorted_ids(json_t *ids)
{
	size_t i, n = json_array_size(ids);
	json_t **v = calloc(n + 1, sizeof(*v)), *a = json_array();
	char *s;

	assert_non_null(v);
	for (i = 0; i < n; i++)
		v[i] = json_array_get(ids, i);
	qsort(v, n, sizeof(*v), by_id);
	for (i = 0; i < n; i++)
		(void)json_array_append(a, v[i]);
	s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	free(v);
	assert_non_null(s);
	return s;
}

static void
test_words_as_a_plain_scan(void **state)
{
	struct svc_fx *fx = *state;
	uint32_t s = 36;
	json_t *all = NULL, *want, *got, *row;
	char q[QMAX], w[20], *a, *b;
	int64_t total;
	size_t i, k, hits = 0, some = 0;

	add_values(fx, &s);
	assert_int_equal(ccs_db_begin(fx->db, false), CCS_OK);
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT id, type, value "
	    "FROM ind_values", NULL, 0, &all), CCS_OK);
	assert_int_equal(ccs_db_commit(fx->db), CCS_OK);
	assert_true(json_array_size(all) > 100);
	for (k = 0; k < NQUERIES; k++) {
		word(&s, all, q, sizeof(w));
		if (rnd(&s) % 4 == 0) {
			word(&s, all, w, sizeof(w));
			(void)strncat(q, " ", sizeof(q) - strlen(q) - 1);
			(void)strncat(q, w, sizeof(q) - strlen(q) - 1);
		}
		want = json_array();
		json_array_foreach(all, i, row) {
			if (matches(row, q))
				(void)json_array_append(want,
				    json_object_get(row, "id"));
		}
		got = listed(fx, &s, q, &total);
		if (total != (int64_t)json_array_size(want))
			fail_msg("q=\"%s\": total %lld, want %zu", q,
			    (long long)total, json_array_size(want));
		if (json_array_size(want) <= 200) {
			a = sorted_ids(want);
			b = sorted_ids(got);
			if (strcmp(a, b) != 0)
				fail_msg("q=\"%s\": %s, want %s", q, b, a);
			free(a);
			free(b);
		}
		hits += json_array_size(want) > 0 &&
		    json_array_size(want) < 20;
		some += json_array_size(want) == 0;
		json_decref(want);
		json_decref(got);
	}
	json_decref(all);
	/* the draw holds rare words, common ones and words of no value */
	assert_true(hits >= 20 && some >= 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_words_as_a_plain_scan,
		    svc_fx_setup, svc_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

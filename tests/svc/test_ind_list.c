/*
 * test_ind_list.c: the indicator list, paged in SQL through the reader
 * sets (svc/sharing/ind_list.c), agrees row by row with the C policy.
 * Random reports (random values, times, reporters and TLP markings:
 * AMBER shared with a state, RED with recipients) are listed for every
 * kind of reader, page by page (a few rows a page, so several pages),
 * sorted each way; every row, the order and the total are compared with
 * what ccs_marking_view decides sighting by sighting: the readable count,
 * first and last seen, states and markings of readable sightings, and
 * the "restricted" count of those known only to exist. A value's own
 * page (ccs_ind_get) is held to the same policy, value by value.
 */
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
#include "svc/sharing/ind_reads.h"
#include "svc/sharing/marking.h"
#include "svc/svc.h"
#include "svc_fixture.h"
#include "util/err.h"

#define NREPORTS	60
#define NPOOL		40
#define MAXV		512
#define PAGE		"7"
#define NMARKINGS	8	/* markings a report may have */
/* more values than svc/sharing/indicators.c counts in one query */
#define SEEN_BATCH_IN_TEST	50

static const unsigned char key[CCS_SECRET_KEY_LEN] = { 9 };

/* What a reader may see of one value, by the C policy. */
struct want {
	int64_t		 id;
	char		 type[16];
	char		 value[64];
	int64_t		 vis, res, first, last;
	unsigned	 tlps;
	char		 states[512];	/* ",JM,TT," in order of name */
};

/* A small deterministic generator: the same data on every run. */
static uint32_t
rnd(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

static void
add_reports_from(struct svc_fx *fx, uint32_t seed, int count, unsigned pool)
{
	static const char *const markings[NMARKINGS] = {
		"\"tlp\": \"clear\"", "\"tlp\": \"green\"",
		"\"tlp\": \"amber\"",
		"\"tlp\": \"amber\", \"share_states\": [\"BB\"]",
		"\"tlp\": \"amber+strict\"",
		"\"tlp\": \"red\", \"recipients\": [\"cert.bb\"]",
		"\"tlp\": \"red\", \"recipients\": [\"rifc.a\"]",
		("\"tlp\": \"red\", \"recipients\": [\"ncpoc.tt\", "
		"\"cert.jm\"]"),
	};
	const struct ccs_principal *who[] = { &fx->ncpoc_jm, &fx->cert_jm,
	    &fx->ncpoc_tt, &fx->cert_bb, &fx->rifc };
	char body[2048], one[160];
	uint32_t s = seed;
	json_t *b, *out = NULL;
	int i, k, n, w, rc;

	for (i = 0; i < count; i++) {
		w = (int)(rnd(&s) % 5);
		(void)snprintf(body, sizeof(body), "{%s%s, \"indicators\": [",
		    markings[rnd(&s) % NMARKINGS],
		    w == 4 ? ", \"state\": \"TT\"" : "");
		n = 1 + (int)(rnd(&s) % 4);
		for (k = 0; k < n; k++) {
			(void)snprintf(one, sizeof(one), "%s{\"type\": "
			    "\"domain\", \"value\": \"v%02u.ind15.example\", "
			    "\"seen_at\": \"2025-%02u-%02uT%02u:00:00Z\"}",
			    k ? ", " : "", rnd(&s) % pool, 1 + rnd(&s) % 12,
			    1 + rnd(&s) % 28, rnd(&s) % 24);
			(void)strncat(body, one, sizeof(body) - strlen(body) -
			    1);
		}
		(void)strncat(body, "]}", sizeof(body) - strlen(body) - 1);
		b = svc_json(body);
		svc_begin(fx);
		rc = ccs_ind_report(fx->db, who[w], b, fx->now, &out, &fx->f);
		rc = svc_end(fx, rc);
		if (rc != CCS_OK)
			fail_msg("report %s: %s %s", body, fx->f.code ?
			    fx->f.code : "", fx->f.message);
		json_decref(out);
		out = NULL;
		json_decref(b);
	}
}

static void
add_reports(struct svc_fx *fx)
{
	add_reports_from(fx, 15, NREPORTS, NPOOL);
}

/* Every value with a sighting and what @p p may see of it by
 * ccs_marking_view, in no order. */
static size_t
every_value(struct svc_fx *fx, const struct ccs_principal *p,
    struct want *w)
{
	json_t *rows = NULL, *r;
	size_t n = 0, i, j;
	int64_t id, seen;
	enum ccs_tlp t;
	char st[8];

	assert_int_equal(ccs_db_begin(fx->db, false), CCS_OK);
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT v.id, v.type, "
	    "v.value, s.state_code AS state, s.seen_at, " CCS_MARKING_COLS
	    " FROM sightings s JOIN ind_values v ON v.id = s.value_id JOIN "
	    "markings m ON m.id = s.marking_id ORDER BY v.id",
	    NULL, 0, &rows), CCS_OK);
	assert_int_equal(ccs_db_commit(fx->db), CCS_OK);
	json_array_foreach(rows, i, r) {
		id = json_integer_value(json_object_get(r, "id"));
		seen = json_integer_value(json_object_get(r, "seen_at"));
		for (j = 0; j < n && w[j].id != id; j++)
			;
		if (j == n) {
			assert_true(n < MAXV);
			memset(&w[n], 0, sizeof(w[n]));
			w[n].id = id;
			(void)snprintf(w[n].type, sizeof(w[n].type), "%s",
			    ccs_jstr(r, "type"));
			(void)snprintf(w[n].value, sizeof(w[n].value), "%s",
			    ccs_jstr(r, "value"));
			(void)snprintf(w[n].states, sizeof(w[n].states), ",");
			n++;
		}
		switch (ccs_marking_view(p, r)) {
		case CCS_TLP_FULL:
			if (w[j].vis == 0 || seen < w[j].first)
				w[j].first = seen;
			if (w[j].vis == 0 || seen > w[j].last)
				w[j].last = seen;
			w[j].vis++;
			assert_true(ccs_tlp_parse(ccs_jstr(r, "m_tlp"), &t));
			w[j].tlps |= 1u << t;
			if (ccs_jstr(r, "state") == NULL)
				break;
			(void)snprintf(st, sizeof(st), ",%s,",
			    ccs_jstr(r, "state"));
			if (strstr(w[j].states, st) == NULL)
				(void)strncat(w[j].states, st + 1,
				    sizeof(w[j].states) -
				    strlen(w[j].states) - 1);
			break;
		case CCS_TLP_EXISTS:
			w[j].res++;
			break;
		case CCS_TLP_NONE:
		default:
			break;
		}
	}
	json_decref(rows);
	return n;
}

/* Every value @p p may see by ccs_marking_view, in no order. */
static size_t
wanted(struct svc_fx *fx, const struct ccs_principal *p, struct want *w)
{
	size_t i, j, n = every_value(fx, p, w);

	/* only values with a readable sighting are listed */
	for (i = j = 0; i < n; i++) {
		if (w[i].vis > 0)
			w[j++] = w[i];
	}
	return j;
}

static const char *sort_name;
static bool sort_desc;

static int
cmp_int(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

static int
cmp_want(const void *pa, const void *pb)
{
	const struct want *a = pa, *b = pb;
	int c;

	if (strcmp(sort_name, "last_seen") == 0)
		c = cmp_int(a->last, b->last);
	else if (strcmp(sort_name, "first_seen") == 0)
		c = cmp_int(a->first, b->first);
	else if (strcmp(sort_name, "sightings") == 0)
		c = cmp_int(a->vis, b->vis);
	else if (strcmp(sort_name, "type") == 0)
		c = strcmp(a->type, b->type);
	else
		c = strcmp(a->value, b->value);
	if (c == 0)
		c = cmp_int(a->id, b->id);
	return sort_desc ? -c : c;
}

/* The states of @p row as ",JM,TT," (sorted by name). */
static void
states_of(const json_t *row, char *out, size_t len)
{
	const json_t *it;
	char names[16][8];
	size_t i, n = 0, k;

	json_array_foreach(json_object_get(row, "states"), i, it) {
		assert_true(n < 16);
		(void)snprintf(names[n++], sizeof(names[0]), "%s",
		    json_string_value(it));
	}
	qsort(names, n, sizeof(names[0]), (int (*)(const void *,
	    const void *))strcmp);
	(void)snprintf(out, len, ",");
	for (k = 0; k < n; k++) {
		(void)strncat(out, names[k], len - strlen(out) - 1);
		(void)strncat(out, ",", len - strlen(out) - 1);
	}
}

/* Sorts the states of @p w likewise. */
static void
sort_states(struct want *w)
{
	json_t *row = json_object(), *a = json_array();
	char *s, *save = NULL, buf[512];

	(void)snprintf(buf, sizeof(buf), "%s", w->states);
	for (s = strtok_r(buf, ",", &save); s != NULL;
	    s = strtok_r(NULL, ",", &save))
		(void)json_array_append_new(a, json_string(s));
	(void)json_object_set_new(row, "states", a);
	states_of(row, w->states, sizeof(w->states));
	json_decref(row);
}

static void
check_row(const struct want *w, const json_t *row)
{
	char st[512];
	const json_t *it;
	size_t i;
	int t, seen = 0;

	assert_int_equal(json_integer_value(json_object_get(row, "id")),
	    w->id);
	assert_string_equal(ccs_jstr(row, "value"), w->value);
	assert_string_equal(ccs_jstr(row, "type"), w->type);
	assert_int_equal(json_integer_value(json_object_get(row,
	    "sightings")), w->vis);
	assert_int_equal(json_integer_value(json_object_get(row,
	    "sightings_restricted")), w->res);
	assert_int_equal(json_integer_value(json_object_get(row,
	    "first_seen")), w->first);
	assert_int_equal(json_integer_value(json_object_get(row,
	    "last_seen")), w->last);
	states_of(row, st, sizeof(st));
	assert_string_equal(st, w->states);
	/* the markings of readable sightings, strictest first */
	i = 0;
	for (t = CCS_TLP_NLEVELS - 1; t >= 0; t--) {
		if (!(w->tlps & (1u << t)))
			continue;
		it = json_array_get(json_object_get(row, "markings"), i++);
		assert_non_null(it);
		assert_string_equal(json_string_value(it),
		    ccs_tlp_name((enum ccs_tlp)t));
		seen++;
	}
	assert_int_equal(json_array_size(json_object_get(row, "markings")),
	    seen);
}

/* Pages through the list as @p p sorted by @p sort/@p order and compares
 * every row and the total with @p w (@p n values); the pages read. */
static size_t
walk(struct svc_fx *fx, const struct ccs_principal *p, const char *sort,
    const char *order, struct want *w, size_t n)
{
	struct ccs_ind_filter flt;
	struct ccs_keyset *ks = NULL;
	char cur[CCS_KEYSET_CURSOR_MAX] = "";
	json_t *out = NULL, *it;
	size_t got = 0, pages = 0, i;
	int rc;

	memset(&flt, 0, sizeof(flt));
	sort_name = sort;
	sort_desc = strcmp(order, "desc") == 0;
	qsort(w, n, sizeof(w[0]), cmp_want);
	for (;;) {
		assert_int_equal(ccs_keyset_new(ccs_ind_list_cols,
		    ccs_ind_list_ncols, "v.id", &ks), CCS_OK);
		assert_int_equal(ccs_keyset_limit(ks, PAGE, NULL), CCS_OK);
		assert_int_equal(ccs_keyset_sort(ks, sort, order, NULL),
		    CCS_OK);
		assert_int_equal(ccs_keyset_cursor(ks, key, cur[0] ? cur :
		    NULL, NULL), CCS_OK);
		assert_int_equal(ccs_db_begin(fx->db, false), CCS_OK);
		rc = ccs_ind_list(fx->db, p, &flt, ks, false, &out, &fx->f);
		assert_int_equal(ccs_db_commit(fx->db), CCS_OK);
		ccs_keyset_free(ks);
		if (rc != CCS_OK)
			fail_msg("list %s %s: %s", sort, order, fx->f.message);
		pages++;
		assert_int_equal(json_integer_value(json_object_get(out,
		    "total")), (int64_t)n);
		json_array_foreach(json_object_get(out, "items"), i, it) {
			assert_true(got < n);
			check_row(&w[got++], it);
		}
		it = json_object_get(out, "next_cursor");
		if (!json_is_string(it)) {
			json_decref(out);
			break;
		}
		(void)snprintf(cur, sizeof(cur), "%s", json_string_value(it));
		json_decref(out);
	}
	assert_int_equal(got, n);
	return pages;
}

static void
test_random_sightings_every_reader(void **state)
{
	struct svc_fx *fx = *state;
	static const char *const sorts[][2] = {
		{ "last_seen", "desc" }, { "last_seen", "asc" },
		{ "first_seen", "asc" }, { "first_seen", "desc" },
		{ "value", "asc" }, { "type", "desc" },
		{ "sightings", "desc" },
	};
	const struct ccs_principal *readers[] = { &fx->anon, &fx->ncpoc_jm,
	    &fx->cert_jm, &fx->ncpoc_tt, &fx->cert_bb, &fx->rifc, &fx->rifc2,
	    &fx->partner, &fx->coord };
	static struct want w[MAXV];
	size_t r, s, n, i, pages, deep = 0;

	add_reports(fx);
	for (r = 0; r < sizeof(readers) / sizeof(readers[0]); r++) {
		n = wanted(fx, readers[r], w);
		for (i = 0; i < n; i++)
			sort_states(&w[i]);
		for (s = 0; s < sizeof(sorts) / sizeof(sorts[0]); s++) {
			pages = walk(fx, readers[r], sorts[s][0], sorts[s][1],
			    w, n);
			if (pages >= 3)
				deep++;
		}
	}
	/* the data gives most readers several pages */
	assert_true(deep >= 20);
}

/* The states of @p row as ",JM,TT," in the reply's own order. */
static void
states_as_given(const json_t *row, char *out, size_t len)
{
	const json_t *it;
	size_t i;

	(void)snprintf(out, len, ",");
	json_array_foreach(json_object_get(row, "states"), i, it) {
		(void)strncat(out, json_string_value(it), len - strlen(out) -
		    1);
		(void)strncat(out, ",", len - strlen(out) - 1);
	}
}

/* The related values of @p out (all of @p w but @p self: the data's
 * values share one registered domain) against the policy. */
static void
check_related(const json_t *out, const struct want *w, size_t n,
    size_t self)
{
	const json_t *rel = json_object_get(out, "related"), *it = NULL;
	int64_t restricted = 0;
	size_t i, k, shown = 0;
	char st[512];

	for (k = 0; k < n; k++) {
		if (k == self)
			continue;
		if (w[k].vis == 0) {
			restricted += w[k].res;
			continue;
		}
		shown++;
		for (i = 0, it = NULL; it == NULL && i < json_array_size(rel);
		    i++) {
			if (json_integer_value(json_object_get(json_array_get(
			    rel, i), "id")) == w[k].id)
				it = json_array_get(rel, i);
		}
		if (it == NULL)
			fail_msg("value %lld: related %lld missing",
			    (long long)w[self].id, (long long)w[k].id);
		assert_int_equal(json_integer_value(json_object_get(it,
		    "sightings")), w[k].vis);
		assert_int_equal(json_integer_value(json_object_get(it,
		    "restricted")), w[k].res);
		assert_int_equal(json_integer_value(json_object_get(it,
		    "last_seen")), w[k].last);
		states_as_given(it, st, sizeof(st));
		assert_string_equal(st, w[k].states);
	}
	assert_int_equal(json_array_size(rel), shown);
	assert_int_equal(json_integer_value(json_object_get(out,
	    "related_restricted")), restricted);
	assert_false(json_is_true(json_object_get(out, "related_truncated")));
}

/*
 * A value's own page (ccs_ind_get), whose counts are made in the query:
 * for every reader and every stored value, the readable and restricted
 * counts, first and last seen and the states (in code order) are what
 * ccs_marking_view gives sighting by sighting, and so are those of its
 * related values (their counts taken several values a query) and the
 * restricted count of the related values the reader may not see; a
 * value with no readable sighting is not found, as one that does not
 * exist.
 */
static void
test_value_page_every_reader(void **state)
{
	struct svc_fx *fx = *state;
	const struct ccs_principal *readers[] = { &fx->anon, &fx->ncpoc_jm,
	    &fx->cert_jm, &fx->ncpoc_tt, &fx->cert_bb, &fx->rifc, &fx->rifc2,
	    &fx->partner, &fx->coord };
	static struct want w[MAXV];
	json_t *out;
	size_t r, n, j, found, hidden = 0, restricted = 0;
	char st[512];
	int rc;

	/* more values than one query of related counts takes */
	add_reports_from(fx, 16, 2 * NREPORTS, 2 * SEEN_BATCH_IN_TEST);
	for (r = 0; r < sizeof(readers) / sizeof(readers[0]); r++) {
		n = every_value(fx, readers[r], w);
		assert_true(n > SEEN_BATCH_IN_TEST);
		for (j = 0; j < n; j++)
			sort_states(&w[j]);
		found = 0;
		for (j = 0; j < n; j++) {
			out = NULL;
			assert_int_equal(ccs_db_begin(fx->db, false), CCS_OK);
			rc = ccs_ind_get(fx->db, readers[r], w[j].id, &out,
			    &fx->f);
			assert_int_equal(ccs_db_commit(fx->db), CCS_OK);
			if (w[j].vis == 0) {
				assert_int_equal(rc, CCS_ENOTFOUND);
				assert_string_equal(fx->f.code, "not_found");
				hidden++;
				continue;
			}
			if (rc != CCS_OK)
				fail_msg("get %lld: %s", (long long)w[j].id,
				    fx->f.message);
			found++;
			assert_int_equal(json_integer_value(json_object_get(
			    out, "sightings_visible")), w[j].vis);
			assert_int_equal(json_integer_value(json_object_get(
			    out, "sightings_restricted")), w[j].res);
			restricted += w[j].res > 0;
			assert_int_equal(json_integer_value(json_object_get(
			    out, "first_seen")), w[j].first);
			assert_int_equal(json_integer_value(json_object_get(
			    out, "last_seen")), w[j].last);
			states_as_given(out, st, sizeof(st));
			assert_string_equal(st, w[j].states);
			check_related(out, w, n, j);
			json_decref(out);
		}
		assert_true(found > 0 || readers[r] == &fx->anon);
	}
	/* the data has values some readers may not see, and readers who
	 * may only know that some sightings exist */
	assert_true(hidden > 0);
	assert_true(restricted > 0);
}

/* The unfiltered total @p p is given (one row a page). */
static int64_t
total_of(struct svc_fx *fx, const struct ccs_principal *p)
{
	struct ccs_ind_filter flt;
	struct ccs_keyset *ks = NULL;
	json_t *out = NULL;
	int64_t total;
	int rc;

	memset(&flt, 0, sizeof(flt));
	assert_int_equal(ccs_keyset_new(ccs_ind_list_cols, ccs_ind_list_ncols,
	    "v.id", &ks), CCS_OK);
	assert_int_equal(ccs_keyset_limit(ks, "1", NULL), CCS_OK);
	assert_int_equal(ccs_keyset_cursor(ks, key, NULL, NULL), CCS_OK);
	assert_int_equal(ccs_db_begin(fx->db, false), CCS_OK);
	rc = ccs_ind_list(fx->db, p, &flt, ks, false, &out, &fx->f);
	assert_int_equal(ccs_db_commit(fx->db), CCS_OK);
	ccs_keyset_free(ks);
	if (rc != CCS_OK)
		fail_msg("list: %s", fx->f.message);
	total = json_integer_value(json_object_get(out, "total"));
	json_decref(out);
	return total;
}

/* The kept unions and counts, as text, to compare with a rebuild. */
static char *
kept(struct svc_fx *fx)
{
	json_t *a = NULL, *b = NULL, *both;
	char *s;

	assert_int_equal(ccs_db_begin(fx->db, false), CCS_OK);
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT value_id, keys "
	    "FROM ind_unions ORDER BY value_id", NULL, 0, &a), CCS_OK);
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT tuple, n FROM "
	    "ind_union_counts WHERE n <> 0 ORDER BY tuple", NULL, 0, &b),
	    CCS_OK);
	assert_int_equal(ccs_db_commit(fx->db), CCS_OK);
	both = json_pack("{s:o, s:o}", "unions", a, "counts", b);
	assert_non_null(both);
	s = json_dumps(both, JSON_COMPACT);
	json_decref(both);
	assert_non_null(s);
	return s;
}

/*
 * The unfiltered total comes from the counts of ind_unions.h: after each
 * batch of random reports (a value gaining sightings of new markings,
 * moving from RED only to AMBER, to GREEN, to CLEAR), every reader's
 * total is what ccs_marking_view gives, and the counts kept sighting by
 * sighting are the ones a rebuild computes.
 */
static void
test_totals_kept_as_sightings_come(void **state)
{
	struct svc_fx *fx = *state;
	const struct ccs_principal *readers[] = { &fx->anon, &fx->ncpoc_jm,
	    &fx->cert_jm, &fx->ncpoc_tt, &fx->cert_bb, &fx->rifc, &fx->rifc2,
	    &fx->partner, &fx->coord };
	static struct want w[MAXV];
	char *before, *after;
	uint32_t round;
	size_t r, n;
	int rc;

	for (round = 0; round < 8; round++) {
		add_reports_from(fx, 100 + round, 6, NPOOL);
		for (r = 0; r < sizeof(readers) / sizeof(readers[0]); r++) {
			n = wanted(fx, readers[r], w);
			if (total_of(fx, readers[r]) != (int64_t)n)
				fail_msg("round %u reader %zu: total %lld, "
				    "policy %zu", round, r, (long long)
				    total_of(fx, readers[r]), n);
		}
	}
	before = kept(fx);
	svc_begin(fx);
	rc = ccs_ind_reads_rebuild(fx->db);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	after = kept(fx);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_random_sightings_every_reader, svc_fx_setup,
		    svc_fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_totals_kept_as_sightings_come, svc_fx_setup,
		    svc_fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_value_page_every_reader, svc_fx_setup,
		    svc_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

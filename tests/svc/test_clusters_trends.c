/*
 * test_clusters_trends.c: the cross-state clusters and the incident
 * trends, summed in SQL through the reader sets (svc/sharing/
 * ind_clusters.c, trends.c), agree with the C policy. Random reports and
 * incidents under random markings (CLEAR to RED, AMBER shared with a
 * state, RED with recipients) by random authors; for several principals
 * every cluster (its readable states, sightings, first and last seen, the
 * order of several sorts, page by page, and the total) and every trend
 * number (months, classes, states, statuses, total, restricted) are
 * compared with what ccs_marking_view decides record by record. Two cases
 * drop one key from the stored sets and expect the comparison to fail, so
 * the comparison can tell a clause that forgets a key.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "svc/keyset.h"
#include "svc/sharing/indicators.h"
#include "svc/sharing/marking.h"
#include "svc/sharing/trends.h"
#include "svc/svc.h"
#include "svc_fixture.h"
#include "util/err.h"

#define NREPORTS	80
#define NPOOL		24
#define NINCIDENTS	140
#define MAXV		256
#define PAGE		"5"
#define NMARKINGS	9

static const unsigned char key[CCS_SECRET_KEY_LEN] = { 7 };

static const char *const markings[NMARKINGS] = {
	"\"tlp\": \"clear\"", "\"tlp\": \"green\"", "\"tlp\": \"amber\"",
	"\"tlp\": \"amber\", \"share_states\": [\"BB\"]",
	"\"tlp\": \"amber\", \"share_states\": [\"JM\", \"LC\"]",
	"\"tlp\": \"amber+strict\"",
	"\"tlp\": \"red\", \"recipients\": [\"cert.bb\"]",
	"\"tlp\": \"red\", \"recipients\": [\"rifc.a\"]",
	"\"tlp\": \"red\", \"recipients\": [\"ncpoc.tt\", \"cert.jm\"]",
};

/* A small deterministic generator: the same data on every run. */
static uint32_t
rnd(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

/* The marking part of a record's body, one of markings[]. */
static const char *
marking(uint32_t *s)
{
	return markings[rnd(s) % NMARKINGS];
}

/* --- clusters ------------------------------------------------------- */

static void
add_reports(struct svc_fx *fx)
{
	static const char *const rifc_states[] = { "TT", "LC", "BB" };
	const struct ccs_principal *who[] = { &fx->ncpoc_jm, &fx->cert_jm,
	    &fx->ncpoc_tt, &fx->cert_bb, &fx->rifc };
	char body[2048], one[200], st[32] = "";
	uint32_t s = 1515;
	json_t *b, *out = NULL;
	int i, k, n, w, rc;

	for (i = 0; i < NREPORTS; i++) {
		w = (int)(rnd(&s) % 5);
		st[0] = '\0';
		if (w == 4)
			(void)snprintf(st, sizeof(st), ", \"state\": \"%s\"",
			    rifc_states[rnd(&s) % 3]);
		(void)snprintf(body, sizeof(body), "{%s%s, \"indicators\": [",
		    marking(&s), st);
		n = 1 + (int)(rnd(&s) % 5);
		for (k = 0; k < n; k++) {
			/* a few warning-listed values (.example), which
			 * clusters leave out whoever reports them */
			(void)snprintf(one, sizeof(one), "%s{\"type\": "
			    "\"domain\", \"value\": \"c%02u.%s\", "
			    "\"seen_at\": \"2025-%02u-%02uT%02u:00:00Z\"}",
			    k ? ", " : "", rnd(&s) % NPOOL, i % 5 == 0 ?
			    "cl15.example" : "cluster15.net", 1 + rnd(&s) % 12,
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

/* A cluster as the C policy sees it. */
struct cl {
	int64_t	 id;
	char	 type[16];
	char	 value[64];
	int64_t	 nstates, vis, first, last;
	char	 states[256];	/* ",BB,JM," in order of name */
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ",JM,BB," -> ",BB,JM," */
static void
sort_list(char *list, size_t len)
{
	char copy[256], *item[32], *p, *save = NULL;
	size_t n = 0, i;

	(void)snprintf(copy, sizeof(copy), "%s", list);
	for (p = strtok_r(copy, ",", &save); p != NULL && n < 32;
	    p = strtok_r(NULL, ",", &save))
		item[n++] = p;
	qsort(item, n, sizeof(item[0]), cmp_str);
	(void)snprintf(list, len, ",");
	for (i = 0; i < n; i++) {
		(void)strncat(list, item[i], len - strlen(list) - 1);
		(void)strncat(list, ",", len - strlen(list) - 1);
	}
}

/* The clusters @p p may see of the window from @p since: every
 * sighting decided by ccs_marking_view. */
static size_t
want_clusters(struct svc_fx *fx, const struct ccs_principal *p,
    int64_t since, int64_t min_states, struct cl *w)
{
	json_t *rows = NULL, *r;
	size_t n = 0, i, j;
	int64_t seen;
	char st[8];

	assert_int_equal(ccs_db_begin(fx->db, false), CCS_OK);
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT v.id, v.type, "
	    "v.value, v.warning, s.state_code AS state, s.seen_at, "
	    CCS_MARKING_COLS " FROM sightings s JOIN ind_values v ON v.id = "
	    "s.value_id JOIN markings m ON m.id = s.marking_id ORDER BY v.id",
	    NULL, 0, &rows), CCS_OK);
	assert_int_equal(ccs_db_commit(fx->db), CCS_OK);
	json_array_foreach(rows, i, r) {
		seen = json_integer_value(json_object_get(r, "seen_at"));
		if (seen < since || ccs_jstr(r, "warning") != NULL ||
		    ccs_marking_view(p, r) != CCS_TLP_FULL)
			continue;
		for (j = 0; j < n && w[j].id != json_integer_value(
		    json_object_get(r, "id")); j++)
			;
		if (j == n) {
			assert_true(n < MAXV);
			memset(&w[n], 0, sizeof(w[n]));
			w[n].id = json_integer_value(json_object_get(r, "id"));
			(void)snprintf(w[n].type, sizeof(w[n].type), "%s",
			    ccs_jstr(r, "type"));
			(void)snprintf(w[n].value, sizeof(w[n].value), "%s",
			    ccs_jstr(r, "value"));
			(void)snprintf(w[n].states, sizeof(w[n].states), ",");
			n++;
		}
		if (w[j].vis == 0 || seen < w[j].first)
			w[j].first = seen;
		if (w[j].vis == 0 || seen > w[j].last)
			w[j].last = seen;
		w[j].vis++;
		if (ccs_jstr(r, "state") == NULL)
			continue;
		(void)snprintf(st, sizeof(st), ",%s,", ccs_jstr(r, "state"));
		if (strstr(w[j].states, st) == NULL) {
			(void)strncat(w[j].states, st + 1,
			    sizeof(w[j].states) - strlen(w[j].states) - 1);
			w[j].nstates++;
		}
	}
	json_decref(rows);
	for (i = j = 0; i < n; i++) {
		sort_list(w[i].states, sizeof(w[i].states));
		if (w[i].nstates >= min_states)
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
cmp_cl(const void *pa, const void *pb)
{
	const struct cl *a = pa, *b = pb;
	int c;

	if (strcmp(sort_name, "nstates") == 0)
		c = cmp_int(a->nstates, b->nstates);
	else if (strcmp(sort_name, "last_seen") == 0)
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

/* Whether @p row is the cluster @p w. */
static bool
same_cluster(const struct cl *w, const json_t *row)
{
	char st[256] = ",";
	const json_t *it;
	size_t i;

	json_array_foreach(json_object_get(row, "states"), i, it) {
		(void)strncat(st, json_string_value(it), sizeof(st) -
		    strlen(st) - 1);
		(void)strncat(st, ",", sizeof(st) - strlen(st) - 1);
	}
	sort_list(st, sizeof(st));
	return json_integer_value(json_object_get(row, "id")) == w->id &&
	    strcmp(ccs_jstr(row, "value"), w->value) == 0 &&
	    strcmp(ccs_jstr(row, "type"), w->type) == 0 &&
	    json_integer_value(json_object_get(row, "nstates")) ==
	    w->nstates &&
	    json_integer_value(json_object_get(row, "sightings")) == w->vis &&
	    json_integer_value(json_object_get(row, "first_seen")) ==
	    w->first &&
	    json_integer_value(json_object_get(row, "last_seen")) == w->last &&
	    json_array_size(json_object_get(row, "states")) ==
	    (size_t)w->nstates && strcmp(st, w->states) == 0;
}

/* Walks the clusters as @p p sorted by @p sort/@p order and says whether
 * every row, the order and the total agree with @p w (@p n clusters);
 * *pages the pages read. */
static bool
walk_clusters(struct svc_fx *fx, const struct ccs_principal *p,
    const struct ccs_cluster_filter *flt, const char *sort,
    const char *order, struct cl *w, size_t n, size_t *pages)
{
	struct ccs_keyset *ks = NULL;
	char cur[CCS_KEYSET_CURSOR_MAX] = "";
	json_t *out = NULL, *it;
	size_t got = 0, i;
	bool ok = true;
	int rc;

	sort_name = sort;
	sort_desc = strcmp(order, "desc") == 0;
	qsort(w, n, sizeof(w[0]), cmp_cl);
	*pages = 0;
	while (ok) {
		assert_int_equal(ccs_keyset_new(ccs_ind_cluster_cols,
		    ccs_ind_cluster_ncols, "v.id", &ks), CCS_OK);
		assert_int_equal(ccs_keyset_limit(ks, PAGE, NULL), CCS_OK);
		assert_int_equal(ccs_keyset_sort(ks, sort, order, NULL),
		    CCS_OK);
		assert_int_equal(ccs_keyset_cursor(ks, key, cur[0] ? cur :
		    NULL, NULL), CCS_OK);
		assert_int_equal(ccs_db_begin(fx->db, false), CCS_OK);
		rc = ccs_ind_clusters(fx->db, p, flt, ks, false, &out, &fx->f);
		assert_int_equal(ccs_db_commit(fx->db), CCS_OK);
		ccs_keyset_free(ks);
		if (rc != CCS_OK)
			fail_msg("clusters %s %s: %s", sort, order,
			    fx->f.message);
		(*pages)++;
		ok = json_integer_value(json_object_get(out, "total")) ==
		    (int64_t)n;
		json_array_foreach(json_object_get(out, "items"), i, it) {
			ok = ok && got < n && same_cluster(&w[got], it);
			got++;
		}
		it = json_object_get(out, "next_cursor");
		if (!json_is_string(it)) {
			json_decref(out);
			break;
		}
		(void)snprintf(cur, sizeof(cur), "%s", json_string_value(it));
		json_decref(out);
	}
	return ok && got == n;
}

/* RIFC analysts, and the same role as another user and organisation
 * (what the policy reads of a RIFC principal beyond its role: RED
 * recipients and authors, AMBER source organisations). */
static size_t
cluster_readers(struct svc_fx *fx, struct ccs_principal *r)
{
	r[0] = fx->rifc;
	r[1] = fx->rifc2;
	r[2] = fx->rifc;
	r[2].user_id = fx->cert_bb.user_id;
	r[2].org_id = fx->cert_bb.org_id;
	r[3] = fx->rifc2;
	r[3].user_id = fx->ncpoc_jm.user_id;
	r[3].org_id = fx->ncpoc_jm.org_id;
	return 4;
}

/* Every reader, several windows and min_states, several sorts: the
 * number of comparisons that disagreed; *deep those of 3 pages or more. */
static size_t
clusters_disagree(struct svc_fx *fx, size_t *deep)
{
	static const char *const sorts[][2] = {
		{ "nstates", "desc" }, { "last_seen", "asc" },
		{ "first_seen", "desc" }, { "sightings", "desc" },
		{ "value", "asc" }, { "type", "desc" },
	};
	static const int64_t days[] = { 3660, 200, 60 };
	static const int64_t mins[] = { 2, 3 };
	static struct cl w[MAXV];
	struct ccs_principal readers[4];
	struct ccs_cluster_filter flt;
	size_t r, nr, d, m, s, n, pages, bad = 0;

	*deep = 0;
	nr = cluster_readers(fx, readers);
	for (r = 0; r < nr; r++) {
		for (d = 0; d < sizeof(days) / sizeof(days[0]); d++) {
			for (m = 0; m < sizeof(mins) / sizeof(mins[0]); m++) {
				memset(&flt, 0, sizeof(flt));
				flt.now = fx->now;
				flt.days = days[d];
				flt.min_states = mins[m];
				n = want_clusters(fx, &readers[r], flt.now -
				    flt.days * 86400, flt.min_states, w);
				for (s = 0; s < sizeof(sorts) /
				    sizeof(sorts[0]); s++) {
					if (!walk_clusters(fx, &readers[r],
					    &flt, sorts[s][0], sorts[s][1], w,
					    n, &pages))
						bad++;
					if (pages >= 3)
						(*deep)++;
				}
			}
		}
	}
	return bad;
}

static void
test_clusters_agree_with_the_policy(void **state)
{
	struct svc_fx *fx = *state;
	size_t deep;

	add_reports(fx);
	assert_true(svc_count(fx, "FROM ind_values WHERE warning IS NOT "
	    "NULL") > 0);
	assert_int_equal(clusters_disagree(fx, &deep), 0);
	/* the data gives many walks several pages */
	assert_true(deep >= 20);
}

/* The stored sets without one key: the comparison must see it. */
static void
drop_key(struct svc_fx *fx, const char *reader)
{
	struct ccs_val v = CCS_VTEXT(reader);

	svc_begin(fx);
	assert_int_equal(svc_end(fx, ccs_db_exec(fx->db, "DELETE FROM "
	    "reader_set_keys WHERE reader = $1", &v, 1, NULL, NULL)), CCS_OK);
}

static void
test_clusters_without_a_key_disagree(void **state)
{
	struct svc_fx *fx = *state;
	size_t deep;

	add_reports(fx);
	drop_key(fx, "r");
	assert_true(clusters_disagree(fx, &deep) > 0);
}

/* --- trends --------------------------------------------------------- */

static void
add_incidents(struct svc_fx *fx)
{
	static const char *const states[] = { "JM", "TT", "BB", "LC" };
	static const char *const classes[] = { "malicious-code",
	    "fraud", "intrusions", "availability" };
	static const char *const statuses[] = { "reported", "triaged",
	    "closed" };
	const struct ccs_principal *who[] = { &fx->ncpoc_jm, &fx->cert_jm,
	    &fx->ncpoc_tt, &fx->cert_bb, &fx->rifc };
	const struct ccs_principal *p;
	struct ccs_val v[8];
	char body[256];
	const char *st;
	uint32_t s = 2626;
	int64_t mid, at;
	json_t *b;
	int i, rc;

	for (i = 0; i < NINCIDENTS; i++) {
		p = who[rnd(&s) % 5];
		st = p->state[0] ? p->state : states[rnd(&s) % 4];
		/* 15 months back, and a few in a month still to come */
		at = fx->now - (int64_t)(rnd(&s) % 455) * 86400 -
		    (int64_t)(rnd(&s) % 86400);
		if (i % 29 == 0)
			at = fx->now + 40 * 86400;
		(void)snprintf(body, sizeof(body), "{%s}", marking(&s));
		b = svc_json(body);
		svc_begin(fx);
		rc = ccs_marking_create(fx->db, p, b, st, fx->now, &mid,
		    &fx->f);
		v[0] = CCS_VINT(mid);
		v[1] = CCS_VTEXT(st);
		v[2] = CCS_VINT(p->user_id);
		v[3] = CCS_VTEXT(p->login);
		v[4] = CCS_VTEXT(classes[rnd(&s) % 4]);
		v[5] = CCS_VTEXT(statuses[rnd(&s) % 3]);
		v[6] = CCS_VINT(at);
		v[7] = CCS_VINT(fx->now);
		if (rc == CCS_OK)
			rc = ccs_db_exec(fx->db, "INSERT INTO incidents "
			    "(marking_id, state_code, author_id, author, "
			    "title, description, rsit_class, rsit_type, "
			    "severity, status, reported_at, created_at, "
			    "updated_at) VALUES ($1, $2, $3, $4, 'Trend', "
			    "'d', $5, 'x', 'low', $6, $7, $8, $8)", v, 8, NULL,
			    NULL);
		rc = svc_end(fx, rc);
		if (rc != CCS_OK)
			fail_msg("incident %s: %s", body, fx->f.message);
		json_decref(b);
	}
}

static int64_t
month_of(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	assert_non_null(gmtime_r(&tt, &tm));
	return (int64_t)(tm.tm_year + 1900) * 12 + tm.tm_mon;
}

static void
bump(json_t *o, const char *k)
{
	json_t *n = json_object_get(o, k ? k : "");

	(void)json_object_set_new(o, k ? k : "", json_integer(n ?
	    json_integer_value(n) + 1 : 1));
}

/* [{key, count}] as {key: count}. */
static json_t *
as_map(const json_t *ranked)
{
	json_t *o = json_object(), *e;
	size_t i;

	json_array_foreach(ranked, i, e)
		(void)json_object_set_new(o, ccs_jstr(e, "key"),
		    json_integer(json_integer_value(json_object_get(e,
		    "count"))));
	return o;
}

/* Whether @p got, the trends of @p p, hold what ccs_marking_view says of
 * every incident. */
static bool
trends_agree(struct svc_fx *fx, const struct ccs_principal *p,
    const json_t *got)
{
	int64_t first = month_of(fx->now) - (CCS_TREND_MONTHS - 1), m;
	int64_t since = json_integer_value(json_object_get(got, "since"));
	int64_t total = 0, restricted = 0;
	json_t *rows = NULL, *r, *months, *cls, *st, *stat, *mo, *gm;
	bool ok;
	size_t i;

	months = json_array();
	for (i = 0; i < CCS_TREND_MONTHS; i++)
		(void)json_array_append_new(months, json_pack("{s:i, s:{}}",
		    "count", 0, "by_class"));
	cls = json_object();
	st = json_object();
	stat = json_object();
	assert_int_equal(ccs_db_begin(fx->db, false), CCS_OK);
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT i.state_code AS "
	    "state, i.rsit_class, i.status, i.reported_at, " CCS_MARKING_COLS
	    " FROM incidents i JOIN markings m ON m.id = i.marking_id",
	    NULL, 0, &rows), CCS_OK);
	assert_int_equal(ccs_db_commit(fx->db), CCS_OK);
	json_array_foreach(rows, i, r) {
		if (json_integer_value(json_object_get(r, "reported_at")) <
		    since)
			continue;
		switch (ccs_marking_view(p, r)) {
		case CCS_TLP_EXISTS:
			restricted++;
			continue;
		case CCS_TLP_NONE:
			continue;
		case CCS_TLP_FULL:
		default:
			break;
		}
		total++;
		m = month_of(json_integer_value(json_object_get(r,
		    "reported_at"))) - first;
		if (m < 0 || m >= CCS_TREND_MONTHS)
			continue;
		mo = json_array_get(months, (size_t)m);
		(void)json_object_set_new(mo, "count", json_integer(
		    json_integer_value(json_object_get(mo, "count")) + 1));
		bump(json_object_get(mo, "by_class"), ccs_jstr(r,
		    "rsit_class"));
		bump(cls, ccs_jstr(r, "rsit_class"));
		bump(st, ccs_jstr(r, "state") ? ccs_jstr(r, "state") :
		    "regional");
		bump(stat, ccs_jstr(r, "status"));
	}
	json_decref(rows);
	ok = json_integer_value(json_object_get(got, "total")) == total &&
	    json_integer_value(json_object_get(got, "restricted")) ==
	    restricted && json_array_size(json_object_get(got, "months")) ==
	    CCS_TREND_MONTHS;
	for (i = 0; ok && i < CCS_TREND_MONTHS; i++) {
		mo = json_array_get(months, i);
		gm = json_array_get(json_object_get(got, "months"), i);
		ok = json_integer_value(json_object_get(gm, "count")) ==
		    json_integer_value(json_object_get(mo, "count")) &&
		    json_equal(json_object_get(gm, "by_class"),
		    json_object_get(mo, "by_class"));
	}
	r = as_map(json_object_get(got, "classes"));
	ok = ok && json_equal(r, cls);
	json_decref(r);
	r = as_map(json_object_get(got, "states"));
	ok = ok && json_equal(r, st);
	json_decref(r);
	r = as_map(json_object_get(got, "statuses"));
	ok = ok && json_equal(r, stat);
	json_decref(r);
	json_decref(months);
	json_decref(cls);
	json_decref(st);
	json_decref(stat);
	return ok;
}

/* Every fixture account: how many disagreed; *some those that read or
 * may know of at least one incident. */
static size_t
trends_disagree(struct svc_fx *fx, size_t *some)
{
	const struct ccs_principal *readers[] = { &fx->anon, &fx->ncpoc_jm,
	    &fx->cert_jm, &fx->ncpoc_tt, &fx->cert_bb, &fx->rifc, &fx->rifc2,
	    &fx->partner, &fx->coord, &fx->steering, &fx->admin };
	json_t *got = NULL;
	size_t r, bad = 0;
	int rc;

	*some = 0;
	for (r = 0; r < sizeof(readers) / sizeof(readers[0]); r++) {
		assert_int_equal(ccs_db_begin(fx->db, false), CCS_OK);
		rc = ccs_incident_trends(fx->db, readers[r], fx->now, &got,
		    &fx->f);
		assert_int_equal(ccs_db_commit(fx->db), CCS_OK);
		if (rc != CCS_OK)
			fail_msg("trends: %s", fx->f.message);
		if (!trends_agree(fx, readers[r], got))
			bad++;
		if (json_integer_value(json_object_get(got, "total")) > 0 &&
		    json_integer_value(json_object_get(got, "restricted")) > 0)
			(*some)++;
		json_decref(got);
		got = NULL;
	}
	return bad;
}

static void
test_trends_agree_with_the_policy(void **state)
{
	struct svc_fx *fx = *state;
	size_t some;

	add_incidents(fx);
	assert_int_equal(trends_disagree(fx, &some), 0);
	/* most readers both read some and may only know of others */
	assert_true(some >= 7);
}

static void
test_trends_without_a_key_disagree(void **state)
{
	struct svc_fx *fx = *state;
	size_t some;

	add_incidents(fx);
	drop_key(fx, "s:JM");
	assert_true(trends_disagree(fx, &some) > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_clusters_agree_with_the_policy, svc_fx_setup,
		    svc_fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_clusters_without_a_key_disagree, svc_fx_setup,
		    svc_fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_trends_agree_with_the_policy, svc_fx_setup,
		    svc_fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_trends_without_a_key_disagree, svc_fx_setup,
		    svc_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

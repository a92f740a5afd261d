/*
 * test_stix_object_list.c: the list of stored STIX objects with the read
 * policy in the query (issue 15 item 1) shows each principal exactly the
 * copies ccs_marking_view lets it read, in the order the list promises.
 *
 * Random copies (types, names in mixed case or none, modified times with
 * ties and gaps, stored times with ties) under markings most readers may
 * not read are listed for every fixture account, every sort both ways,
 * a few rows a page through signed cursors: the ids in order, the total,
 * each page's offset and the counts per type are compared with the rows
 * the policy in C keeps, sorted in C. The way back, the type, word and
 * date filters and the whole list (the CSV) are compared the same way.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "svc/interchange/objects.h"
#include "svc/keyset.h"
#include "svc/sharing/marking.h"
#include "svc/svc.h"
#include "svc_fixture.h"
#include "util/err.h"

#define NMARK		9
#define NOBJ		140
#define PAGE		"7"

static uint32_t
next(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

/* Markings from every member to few readers. */
static void
markings(struct svc_fx *fx, int64_t mid[NMARK])
{
	static const char *const bodies[NMARK] = {
		"{\"tlp\": \"green\"}",
		"{\"tlp\": \"clear\"}",
		"{\"tlp\": \"amber\"}",
		"{\"tlp\": \"amber\", \"share_states\": [\"BB\"]}",
		"{\"tlp\": \"amber+strict\"}",
		"{\"tlp\": \"red\", \"recipients\": [\"cert.bb\"]}",
		"{\"tlp\": \"red\", \"recipients\": [\"rifc.a\"]}",
		"{\"tlp\": \"red\", \"recipients\": [\"cert.jm\"]}",
		"{\"tlp\": \"amber+strict\"}",
	};
	json_t *b;
	int i, rc = CCS_OK;

	svc_begin(fx);
	for (i = 0; i < NMARK && rc == CCS_OK; i++) {
		b = svc_json(bodies[i]);
		rc = ccs_marking_create(fx->db, i == NMARK - 1 ?
		    &fx->ncpoc_jm : &fx->ncpoc_tt, b, i == NMARK - 1 ? "JM" :
		    "TT", fx->now, &mid[i], &fx->f);
		json_decref(b);
	}
	if (rc != CCS_OK)
		fail_msg("marking: %s", fx->f.message);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
}

/* NOBJ random copies. */
static void
fill(struct svc_fx *fx)
{
	static const char *const types[] = { "malware", "threat-actor",
	    "relationship", "sighting", "ipv4-addr", "identity" };
	static const char *const names[] = { "Lantern", "lantern", "Bravo",
	    "alpha", "ALPHA", "Zulu spider", "" };
	int64_t mid[NMARK];
	char body[512], sid[80], mod[40], extra[96];
	struct ccs_val v[5];
	uint32_t s = 4242;
	const char *type, *name;
	int i, rc = CCS_OK;

	markings(fx, mid);
	svc_begin(fx);
	for (i = 0; i < NOBJ && rc == CCS_OK; i++) {
		type = types[next(&s) % 6];
		name = names[next(&s) % 7];
		(void)snprintf(sid, sizeof(sid), "%s--00000000-0000-4000-8000-"
		    "%012d", type, i);
		(void)snprintf(mod, sizeof(mod), "2026-0%u-01T00:00:00.000Z",
		    1 + next(&s) % 4);
		if (strcmp(type, "relationship") == 0)
			(void)snprintf(extra, sizeof(extra), "\"relationship_"
			    "type\": \"%s\"", next(&s) % 2 ? "uses" :
			    "Indicates");
		else if (strcmp(type, "ipv4-addr") == 0)
			(void)snprintf(extra, sizeof(extra), "\"value\": "
			    "\"10.0.0.%u\"", next(&s) % 9);
		else
			(void)snprintf(extra, sizeof(extra),
			    "\"name\": \"%s\", \"number\": 7", name);
		(void)snprintf(body, sizeof(body), "{\"type\": \"%s\", \"id\": "
		    "\"%s\", \"modified\": \"%s\", \"description\": \"seen "
		    "%s\", %s}", type, sid, mod, next(&s) % 3 ? "Here" :
		    "there", extra);
		v[0] = CCS_VTEXT(sid);
		v[1] = CCS_VTEXT(type);
		v[2] = CCS_VINT(mid[next(&s) % NMARK]);
		v[3] = next(&s) % 5 ? CCS_VTEXT(mod) : CCS_VTEXT(NULL);
		v[4] = CCS_VTEXT(body);
		rc = ccs_db_exec(fx->db, "INSERT INTO stix_objects (stix_id, "
		    "type, marking_id, modified, body, created_at) VALUES ($1, "
		    "$2, $3, $4, $5, 1780000000)", v, 5, NULL, NULL);
	}
	if (rc == CCS_OK)
		rc = ccs_db_exec(fx->db, "UPDATE stix_objects SET created_at "
		    "= created_at - (id * 7919) % 40 * 86400", NULL, 0, NULL,
		    NULL);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
}

/* A copy as the reference sees it. */
struct ref {
	int64_t	 id;
	int64_t	 stored;
	char	 modified[40];
	char	 type[64];
	char	 name[64];	/* lower case */
	char	 text[512];	/* name, description, id, type; lower */
	int	 col;		/* the sort: 0..3 as sorts[] */
	bool	 desc;
};

static int
cmp_ref(const void *x, const void *y)
{
	const struct ref *a = x, *b = y;
	int c = 0;

	if (a->col == 0)
		c = a->stored < b->stored ? -1 : a->stored > b->stored;
	else if (a->col == 1)
		c = strcmp(a->modified, b->modified);
	else if (a->col == 2)
		c = strcmp(a->type, b->type);
	else
		c = strcmp(a->name, b->name);
	if (c == 0)
		c = a->id < b->id ? -1 : a->id > b->id;
	return a->desc ? -c : c;
}

static void
lower(char *s)
{
	for (; *s != '\0'; s++) {
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
	}
}

/* The copies @p p may read matching the filter, sorted; their count. */
static size_t
expected(struct svc_fx *fx, const struct ccs_principal *p,
    const struct ccs_ixo_filter *flt, int sort, bool desc, struct ref *out,
    json_t *types)
{
	json_t *rows = NULL, *row, *obj, *c;
	const char *type, *d;
	size_t i, n = 0;
	struct ref r;

	assert_int_equal(ccs_db_query_json(fx->db, "SELECT o.id, o.type, "
	    "o.modified, o.body, o.created_at, " CCS_MARKING_COLS " FROM "
	    "stix_objects o JOIN markings m ON m.id = o.marking_id", NULL, 0,
	    &rows), CCS_OK);
	json_array_foreach(rows, i, row) {
		if (ccs_marking_view(p, row) != CCS_TLP_FULL)
			continue;
		memset(&r, 0, sizeof(r));
		r.col = sort;
		r.desc = desc;
		obj = json_loads(ccs_jstr(row, "body"), 0, NULL);
		assert_non_null(obj);
		type = ccs_jstr(row, "type");
		r.id = json_integer_value(json_object_get(row, "id"));
		r.stored = json_integer_value(json_object_get(row,
		    "created_at"));
		(void)snprintf(r.modified, sizeof(r.modified), "%s",
		    ccs_jstr(row, "modified") ? ccs_jstr(row, "modified") : "");
		(void)snprintf(r.type, sizeof(r.type), "%s", type);
		(void)snprintf(r.name, sizeof(r.name), "%s", ccs_ixo_name(obj));
		lower(r.name);
		d = ccs_jstr(obj, "description");
		(void)snprintf(r.text, sizeof(r.text), "%s|%s|%s|%s",
		    r.name, d ? d : "", ccs_jstr(obj, "id"), type);
		lower(r.text);
		json_decref(obj);
		if ((flt->q != NULL && strstr(r.text, flt->q) == NULL) ||
		    r.stored < flt->from || (flt->to != 0 && r.stored >=
		    flt->to))
			continue;
		c = json_object_get(types, type);
		(void)json_object_set_new(types, type, json_integer(c ?
		    json_integer_value(c) + 1 : 1));
		if (flt->type != NULL && strcmp(flt->type, type) != 0)
			continue;
		out[n++] = r;
	}
	json_decref(rows);
	qsort(out, n, sizeof(*out), cmp_ref);
	return n;
}

static const char *const sorts[] = { "stored", "modified", "type",
    "name" };

static struct ccs_keyset *
keyset(struct svc_fx *fx, int sort, const char *order, const char *limit,
    const char *cursor)
{
	static const unsigned char key[CCS_SECRET_KEY_LEN];
	struct ccs_keyset *ks = NULL;

	assert_int_equal(ccs_keyset_new(ccs_ixo_list_cols(fx->db),
	    CCS_IXO_NCOLS, "o.id", &ks), CCS_OK);
	assert_int_equal(ccs_keyset_limit(ks, limit, &fx->f), CCS_OK);
	assert_int_equal(ccs_keyset_sort(ks, sorts[sort], order, &fx->f),
	    CCS_OK);
	ccs_keyset_bind(ks, "list", "stix-objects");
	assert_int_equal(ccs_keyset_cursor(ks, key, cursor, &fx->f), CCS_OK);
	return ks;
}

static json_t *
list(struct svc_fx *fx, const struct ccs_principal *p,
    const struct ccs_ixo_filter *flt, int sort, const char *order,
    const char *cursor, bool whole)
{
	struct ccs_keyset *ks = keyset(fx, sort, order, PAGE, cursor);
	json_t *out = NULL;

	if (ccs_ixo_list(fx->db, p, flt, ks, whole, &out, &fx->f) != CCS_OK)
		fail_msg("%s: %s", p->login, fx->f.message);
	ccs_keyset_free(ks);
	return out;
}

static void
same_ids(const json_t *items, const struct ref *want, size_t n,
    const char *who)
{
	const json_t *it;
	size_t i;

	if (json_array_size(items) != n)
		fail_msg("%s: %zu rows, want %zu", who, json_array_size(items),
		    n);
	json_array_foreach(items, i, it) {
		if (json_integer_value(json_object_get(it, "id")) !=
		    want[i].id)
			fail_msg("%s: row %zu is %lld, want %lld", who, i,
			    (long long)json_integer_value(json_object_get(it,
			    "id")), (long long)want[i].id);
	}
}

/* Walks the list page by page, then one page back; checks each. */
static void
walk(struct svc_fx *fx, const struct ccs_principal *p,
    const struct ccs_ixo_filter *flt, int sort, const char *order)
{
	static struct ref want[NOBJ];
	json_t *types = json_object(), *out, *last = NULL, *back;
	char *cursor = NULL, *prev = NULL, who[128];
	size_t n, at = 0, pages = 0;

	n = expected(fx, p, flt, sort, strcmp(order, "desc") == 0, want,
	    types);
	(void)snprintf(who, sizeof(who), "%s, %s %s, type %s, q %s",
	    p->login, sorts[sort], order, flt->type ? flt->type : "-",
	    flt->q ? flt->q : "-");
	do {
		out = list(fx, p, flt, sort, order, cursor, false);
		assert_int_equal(json_integer_value(json_object_get(out,
		    "total")), n);
		assert_int_equal(json_integer_value(json_object_get(out,
		    "offset")), at);
		if (!json_equal(json_object_get(out, "types"), types))
			fail_msg("%s: the counts per type differ", who);
		same_ids(json_object_get(out, "items"), want + at,
		    json_array_size(json_object_get(out, "items")), who);
		at += json_array_size(json_object_get(out, "items"));
		free(cursor);
		free(prev);
		cursor = json_is_string(json_object_get(out, "next_cursor")) ?
		    strdup(json_string_value(json_object_get(out,
		    "next_cursor"))) : NULL;
		prev = json_is_string(json_object_get(out, "prev_cursor")) ?
		    strdup(json_string_value(json_object_get(out,
		    "prev_cursor"))) : NULL;
		if (cursor != NULL)
			assert_int_equal(json_array_size(json_object_get(out,
			    "items")), 7);
		json_decref(last);
		last = out;
		assert_true(++pages < 100);
	} while (cursor != NULL);
	if (at != n)
		fail_msg("%s: %zu of %zu shown", who, at, n);
	if (prev != NULL) {
		/* the way back: the page before the last */
		back = list(fx, p, flt, sort, order, prev, false);
		n = json_array_size(json_object_get(last, "items"));
		assert_int_equal(json_integer_value(json_object_get(back,
		    "offset")), at - n - 7);
		same_ids(json_object_get(back, "items"), want + at - n - 7, 7,
		    who);
		json_decref(back);
	}
	json_decref(last);
	free(prev);
	json_decref(types);
}

/* The whole list (the CSV) is every readable match in order. */
static void
whole(struct svc_fx *fx, const struct ccs_principal *p,
    const struct ccs_ixo_filter *flt, int sort, const char *order)
{
	static struct ref want[NOBJ];
	json_t *types = json_object(), *out;
	size_t n;

	n = expected(fx, p, flt, sort, strcmp(order, "desc") == 0, want,
	    types);
	out = list(fx, p, flt, sort, order, NULL, true);
	same_ids(out, want, n, p->login);
	json_decref(out);
	json_decref(types);
}

static void
test_every_reader_sees_what_the_policy_allows(void **state)
{
	struct svc_fx *fx = *state;
	const struct ccs_principal *who[] = {
		&fx->admin, &fx->coord, &fx->rifc, &fx->rifc2, &fx->ncpoc_jm,
		&fx->cert_jm, &fx->ncpoc_tt, &fx->cert_bb, &fx->steering,
		&fx->partner, &fx->anon
	};
	struct ccs_ixo_filter all, mal, words, dates;
	int64_t t0 = 1780000000;
	size_t i;
	int s;

	fill(fx);
	memset(&all, 0, sizeof(all));
	memset(&mal, 0, sizeof(mal));
	memset(&words, 0, sizeof(words));
	memset(&dates, 0, sizeof(dates));
	mal.type = "malware";
	words.q = "lantern";
	dates.from = t0 - 30 * 86400;
	dates.to = t0 - 10 * 86400;
	for (i = 0; i < sizeof(who) / sizeof(who[0]); i++) {
		for (s = 0; s < 4; s++) {
			walk(fx, who[i], &all, s, "desc");
			walk(fx, who[i], &all, s, "asc");
		}
		walk(fx, who[i], &mal, 3, "asc");
		walk(fx, who[i], &words, 0, "desc");
		walk(fx, who[i], &dates, 1, "asc");
		whole(fx, who[i], &all, 3, "desc");
		whole(fx, who[i], &mal, 0, "asc");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_every_reader_sees_what_the_policy_allows, svc_fx_setup,
		    svc_fx_teardown),
	};

	return cmocka_run_group_tests_name("svc_stix_object_list", tests,
	    NULL, NULL);
}

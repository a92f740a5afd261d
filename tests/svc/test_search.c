/*
 * test_search.c: search's records, ranked and paged in SQL through the
 * reader sets (svc/platform/search_fts.c), agree with the C policy.
 * Random incidents and lessons (random reporters, random markings: AMBER
 * shared with a state, RED with recipients) hold a few of four words,
 * repeated so that relevances differ and tie. Every kind of reader
 * searches each word, and pairs of words, walking every page by the
 * cursor (three results a page); the results, their positions, the
 * total on every page and the order are compared with every matching
 * document in the order of its relevance computed here in C (from the
 * document alone, search_fts.h), kept when ccs_marking_view lets the
 * reader read it in full. Records a reader may not read change nothing
 * of what it finds (bm25's statistics over every document did).
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
#include "svc/platform/search.h"
#include "svc/sharing/incidents.h"
#include "svc/sharing/lessons.h"
#include "svc/sharing/marking.h"
#include "svc/svc.h"
#include "svc_fixture.h"
#include "util/buf.h"
#include "util/err.h"

#define NRECORDS	70
#define PAGE		"3"

static const unsigned char key[CCS_SECRET_KEY_LEN] = { 5 };
static const char *const words[] = { "quasar", "nebula", "pulsar",
    "comet" };

static const struct ccs_keyset_col cols[] = {
	{ "rank", "rank", CCS_KEYSET_INT, false },
};

/* A small deterministic generator: the same data on every run. */
static uint32_t
rnd(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

static void
add_records(struct svc_fx *fx)
{
	const struct ccs_principal *by[] = { &fx->ncpoc_jm, &fx->cert_jm,
	    &fx->ncpoc_tt, &fx->cert_bb, &fx->rifc };
	static const char *const tlps[] = { "clear", "green", "amber",
	    "amber+strict", "red" };
	static const char *const logins[] = { "rifc.b", "ncpoc.tt",
	    "cert.bb", "cert.jm" };
	char text[256], extra[128], body[1024];
	const struct ccs_principal *p;
	const char *tlp;
	json_t *b, *out = NULL;
	uint32_t s = 1515;
	int i, k, n, rc;

	for (i = 0; i < NRECORDS; i++) {
		p = by[rnd(&s) % 5];
		tlp = tlps[rnd(&s) % 5];
		extra[0] = '\0';
		if (strcmp(tlp, "amber") == 0 && rnd(&s) % 2 == 0)
			(void)snprintf(extra, sizeof(extra), ", "
			    "\"share_states\": [\"%s\"]", rnd(&s) % 2 ? "BB" :
			    "JM");
		if (strcmp(tlp, "red") == 0)
			(void)snprintf(extra, sizeof(extra), ", \"recipients\""
			    ": [\"%s\"]", logins[rnd(&s) % 4]);
		text[0] = '\0';
		n = 1 + (int)(rnd(&s) % 5);
		for (k = 0; k < n; k++) {
			(void)strncat(text, words[rnd(&s) % 4], sizeof(text) -
			    strlen(text) - 1);
			(void)strncat(text, " ", sizeof(text) - strlen(text) -
			    1);
		}
		if (i % 2 == 0)
			(void)snprintf(body, sizeof(body), "{\"title\": \"Case "
			    "%s\", \"description\": \"%s\", \"rsit\": "
			    "\"fraud:phishing\", \"severity\": \"low\", "
			    "\"tlp\": \"%s\", \"state\": \"%s\"%s}", text, text,
			    tlp, p->state[0] ? p->state : "TT", extra);
		else
			(void)snprintf(body, sizeof(body), "{\"title\": "
			    "\"Lesson %s\", \"what_happened\": \"%s\", "
			    "\"what_worked\": \"y\", \"what_to_change\": "
			    "\"z\", \"tlp\": \"%s\"%s}", text, text, tlp,
			    extra);
		b = svc_json(body);
		svc_begin(fx);
		rc = i % 2 == 0 ? ccs_incident_create(fx->db, p, b, fx->now,
		    &out, &fx->f) : ccs_lesson_create(fx->db, p, b, fx->now,
		    &out, &fx->f);
		rc = svc_end(fx, rc);
		if (rc != CCS_OK)
			fail_msg("record %s: %s %s", body, fx->f.code ?
			    fx->f.code : "", fx->f.message);
		json_decref(out);
		out = NULL;
		json_decref(b);
	}
}

/* One document a reader may read, with its relevance. */
struct hit {
	char	 key[48];	/* "kind:id" */
	int64_t	 doc;		/* search_docs.id */
	double	 score;
};

static int
by_score(const void *pa, const void *pb)
{
	const struct hit *a = pa, *b = pb;

	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return a->doc < b->doc ? 1 : (a->doc > b->doc ? -1 : 0);
}

/* search_fts.h's relevance of @p text for the words of @p q, in C: the
 * sum over the words of tf / (tf + 1.2 * (0.25 + 0.75 * length / 200)),
 * tf the word's count in the text (lower case, without overlaps). */
static double
score(const char *text, const char *q)
{
	char t[2048], w[64];
	const char *at, *word = q;
	double sum = 0, tf, len, norm;
	size_t i, n;

	for (i = 0; text[i] != '\0' && i + 1 < sizeof(t); i++)
		t[i] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] - 'A' +
		    'a' : text[i]);
	t[i] = '\0';
	len = (double)strlen(t);
	while (*word != '\0') {
		n = strcspn(word, " ");
		(void)snprintf(w, sizeof(w), "%.*s", (int)n, word);
		tf = 0;
		for (at = strstr(t, w); at != NULL; at = strstr(at + n, w))
			tf++;
		norm = 1.2 * (0.25 + 0.75 * len / 200.0);
		sum += 1.0 - norm / (tf + norm);
		word += n;
		word += strspn(word, " ");
	}
	return sum;
}

/* Every document matching @p fts (the words @p q) by its relevance
 * (ties: the newer first), kept when @p p may read it in full:
 * "kind:id" strings. */
static json_t *
wanted(struct svc_fx *fx, const struct ccs_principal *p, const char *fts,
    const char *q)
{
	static struct hit hits[NRECORDS];
	json_t *rows = NULL, *row, *want = json_array();
	struct ccs_val v = CCS_VTEXT(fts);
	char text[2048];
	size_t i, n = 0;

	assert_int_equal(ccs_db_begin(fx->db, false), CCS_OK);
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT d.id, d.kind, "
	    "d.ref_id, d.title, d.body, " CCS_MARKING_COLS " FROM search_fts "
	    "JOIN search_docs d ON d.id = search_fts.rowid JOIN markings m ON "
	    "m.id = d.marking_id WHERE search_fts MATCH $1", &v, 1, &rows),
	    CCS_OK);
	assert_int_equal(ccs_db_commit(fx->db), CCS_OK);
	json_array_foreach(rows, i, row) {
		if (ccs_marking_view(p, row) != CCS_TLP_FULL)
			continue;
		assert_true(n < NRECORDS);
		(void)snprintf(hits[n].key, sizeof(hits[n].key), "%s:%lld",
		    ccs_jstr(row, "kind"), (long long)json_integer_value(
		    json_object_get(row, "ref_id")));
		hits[n].doc = json_integer_value(json_object_get(row, "id"));
		(void)snprintf(text, sizeof(text), "%s %s", ccs_jstr(row,
		    "title"), ccs_jstr(row, "body"));
		hits[n].score = score(text, q);
		n++;
	}
	json_decref(rows);
	qsort(hits, n, sizeof(hits[0]), by_score);
	for (i = 0; i < n; i++)
		(void)json_array_append_new(want, json_string(hits[i].key));
	return want;
}

/* Walks every page of @p q as @p p and compares it with @p want; the
 * pages read. */
static size_t
walk(struct svc_fx *fx, const struct ccs_principal *p, const char *q,
    const json_t *want)
{
	char cur[CCS_KEYSET_CURSOR_MAX] = "", k[48];
	struct ccs_keyset *ks = NULL;
	json_t *out = NULL, *it;
	size_t got = 0, pages = 0, i, n = json_array_size(want);
	int rc;

	for (;;) {
		assert_int_equal(ccs_keyset_new(cols, 1, "id", &ks), CCS_OK);
		assert_int_equal(ccs_keyset_limit(ks, PAGE, NULL), CCS_OK);
		assert_int_equal(ccs_keyset_sort(ks, NULL, NULL, NULL),
		    CCS_OK);
		ccs_keyset_bind(ks, "q", q);
		assert_int_equal(ccs_keyset_cursor(ks, key, cur[0] ? cur :
		    NULL, NULL), CCS_OK);
		assert_int_equal(ccs_db_begin(fx->db, false), CCS_OK);
		rc = ccs_search(fx->db, p, q, NULL, ks, false, &out, &fx->f);
		assert_int_equal(ccs_db_commit(fx->db), CCS_OK);
		ccs_keyset_free(ks);
		if (rc != CCS_OK)
			fail_msg("search %s: %s", q, fx->f.message);
		pages++;
		assert_int_equal(json_integer_value(json_object_get(out,
		    "total")), (int64_t)n);
		json_array_foreach(json_object_get(out, "items"), i, it) {
			assert_true(got < n);
			(void)snprintf(k, sizeof(k), "%s:%lld", ccs_jstr(it,
			    "kind"), (long long)json_integer_value(
			    json_object_get(it, "id")));
			assert_string_equal(k, json_string_value(
			    json_array_get(want, got)));
			assert_int_equal(json_integer_value(json_object_get(it,
			    "rank")), (int64_t)got + 1);
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
	assert_int_equal(got, n);
	return pages;
}

static void
test_random_records_every_reader(void **state)
{
	struct svc_fx *fx = *state;
	const struct ccs_principal *readers[] = { &fx->ncpoc_jm,
	    &fx->cert_jm, &fx->ncpoc_tt, &fx->cert_bb, &fx->rifc,
	    &fx->rifc2, &fx->partner, &fx->coord, &fx->steering };
	char q[64], fts[96];
	size_t r, a, b, deep = 0;
	json_t *want;

	add_records(fx);
	for (r = 0; r < sizeof(readers) / sizeof(readers[0]); r++) {
		for (a = 0; a < 4; a++) {
			for (b = a; b < 4; b++) {
				/* one word, or two (the last as a prefix) */
				if (a == b) {
					(void)snprintf(q, sizeof(q), "%s",
					    words[a]);
					(void)snprintf(fts, sizeof(fts),
					    "\"%s\"*", words[a]);
				} else {
					(void)snprintf(q, sizeof(q), "%s %s",
					    words[a], words[b]);
					(void)snprintf(fts, sizeof(fts),
					    "\"%s\" \"%s\"*", words[a],
					    words[b]);
				}
				want = wanted(fx, readers[r], fts, q);
				if (walk(fx, readers[r], q, want) >= 3)
					deep++;
				json_decref(want);
			}
		}
	}
	/* the data gives most searches several pages */
	assert_true(deep >= 40);
}

/* Every result of @p q for @p p, as "kind:id rank" text. */
static char *
whole(struct svc_fx *fx, const struct ccs_principal *p, const char *q)
{
	struct ccs_keyset *ks = NULL;
	json_t *out = NULL, *it;
	struct ccs_buf b;
	size_t i;
	char *text;

	assert_int_equal(ccs_keyset_new(cols, 1, "id", &ks), CCS_OK);
	assert_int_equal(ccs_keyset_cursor(ks, key, NULL, NULL), CCS_OK);
	assert_int_equal(ccs_db_begin(fx->db, false), CCS_OK);
	assert_int_equal(ccs_search(fx->db, p, q, NULL, ks, true, &out,
	    &fx->f), CCS_OK);
	assert_int_equal(ccs_db_commit(fx->db), CCS_OK);
	ccs_keyset_free(ks);
	ccs_buf_init(&b, 4096);
	json_array_foreach(out, i, it)
		assert_int_equal(ccs_buf_printf(&b, "%s:%lld %lld,",
		    ccs_jstr(it, "kind"), (long long)json_integer_value(
		    json_object_get(it, "id")), (long long)json_integer_value(
		    json_object_get(it, "rank"))), CCS_OK);
	json_decref(out);
	text = strdup(ccs_buf_str(&b));
	ccs_buf_free(&b);
	return text;
}

/* A lesson of @p text as cert.jm, CLEAR or RED to rifc.b alone. */
static void
lesson(struct svc_fx *fx, const char *text, bool red)
{
	json_t *b, *out = NULL;
	char body[512];
	int rc;

	(void)snprintf(body, sizeof(body), "{\"title\": \"Lesson\", "
	    "\"what_happened\": \"%s\", \"what_worked\": \"y\", "
	    "\"what_to_change\": \"z\", \"tlp\": \"%s\"%s}", text, red ? "red" :
	    "clear", red ? ", \"recipients\": [\"rifc.b\"]" : "");
	b = svc_json(body);
	svc_begin(fx);
	rc = ccs_lesson_create(fx->db, &fx->cert_jm, b, fx->now, &out, &fx->f);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	json_decref(out);
	json_decref(b);
}

/* Records the reader may not read change nothing of what it finds: not
 * the results, their order, their positions nor the total. With bm25's
 * statistics over every document, RED records holding one word would
 * weigh it less and turn the order of two readable records around. */
static void
test_unreadable_records_change_nothing(void **state)
{
	struct svc_fx *fx = *state;
	char *before, *after;
	int i;

	add_records(fx);
	lesson(fx, "zircon zircon zircon basalt", false);
	lesson(fx, "basalt basalt basalt zircon", false);
	for (i = 0; i < 3; i++)
		lesson(fx, "zircon", true);
	before = whole(fx, &fx->ncpoc_tt, "zircon basalt");
	for (i = 0; i < 10; i++)
		lesson(fx, "basalt", true);
	after = whole(fx, &fx->ncpoc_tt, "zircon basalt");
	assert_int_equal(strchr(before, ',') != NULL, 1);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

/* How many results @p q finds for the RIFC. */
static int
found(struct svc_fx *fx, const char *q)
{
	char *text = whole(fx, &fx->rifc, q);
	const char *c;
	int n = 0;

	for (c = text; (c = strchr(c, ',')) != NULL; c++)
		n++;
	free(text);
	return n;
}

/* The last word also matches as a prefix, through FTS5's prefix indexes
 * (2 to 4 characters, migration 0039) and beyond them; a one-letter
 * last word is a word, not every word starting with that letter. */
static void
test_last_word_prefix(void **state)
{
	struct svc_fx *fx = *state;

	lesson(fx, "smishing campaign against banks", false);
	lesson(fx, "campaign s", false);
	assert_int_equal(found(fx, "smish"), 1);		/* 5: merged */
	assert_int_equal(found(fx, "campaign smi"), 1);	/* 3: index */
	assert_int_equal(found(fx, "campaign sm"), 1);	/* 2: index */
	assert_int_equal(found(fx, "campaign smis "), 1);	/* 4, a space */
	assert_int_equal(found(fx, "campaign s"), 1);	/* the word s */
	assert_int_equal(found(fx, "campaign"), 2);
	assert_int_equal(found(fx, "ban campaign"), 0);	/* last only */
	assert_int_equal(found(fx, "campaign ban"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_random_records_every_reader, svc_fx_setup,
		    svc_fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_unreadable_records_change_nothing, svc_fx_setup,
		    svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_last_word_prefix,
		    svc_fx_setup, svc_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

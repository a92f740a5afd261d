/*
 * test_taxii_reader.c: a TAXII collection's pages and the STIX export,
 * filtered by the reader's sets in SQL (issue 15 item 1), agree with the
 * C policy for every kind of reader.
 *
 * Random objects, one to three versions each filed in random order, each
 * version under a random marking most readers may not read (AMBER of
 * another state, AMBER+STRICT, RED to named recipients), are paged for
 * several readers and every match[version] form, a few rows a page. The
 * rows, their order, every page but the last full and `more` exact are
 * compared with ccs_marking_view entry by entry; "first" and "last" are
 * taken among the versions the reader may read. The export of many
 * imported objects (more than one of its pages) holds exactly the
 * objects ccs_marking_view lets each reader read.
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

#include "format/errlist.h"
#include "svc/interchange/interchange.h"
#include "svc/sharing/marking.h"
#include "svc/svc.h"
#include "svc/taxii/taxii.h"
#include "svc_fixture.h"
#include "util/err.h"

#define NOBJ		90	/* objects filed */
#define NMARK		8	/* markings a version may have */
#define MAXE		(3 * NOBJ)
#define PAGE		4	/* rows a page */
#define NEXPORT		1300	/* objects imported for the export */

/* One entry as the C policy sees it for one reader. */
struct ent {
	int64_t	 seq;
	char	 sid[64];
	char	 version[40];
	bool	 readable;
	bool	 red;
};

static uint32_t
rnd(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

/* The markings versions are filed under, made by ncpoc.tt (state TT). */
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
	};
	json_t *b;
	int i, rc = CCS_OK;

	svc_begin(fx);
	for (i = 0; i < NMARK && rc == CCS_OK; i++) {
		b = svc_json(bodies[i]);
		rc = ccs_marking_create(fx->db, &fx->ncpoc_tt, b, "TT",
		    fx->now, &mid[i], &fx->f);
		json_decref(b);
	}
	if (rc != CCS_OK)
		fail_msg("marking: %s", fx->f.message);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
}

/* A collection of every TLP that every member may read; NOBJ objects
 * filed into it, readable by few. */
static void
fill(struct svc_fx *fx, char coll[64])
{
	int64_t mid[NMARK];
	char id[64], mod[40];
	int order[3], i, k, nv, t, m;
	uint32_t s = 1515;
	json_t *obj;
	bool added;
	int rc;

	markings(fx, mid);
	svc_begin(fx);
	rc = ccs_taxii_coll_add(fx->db, &fx->admin, "caricom-rcc", "Few",
	    NULL, CCS_TLP_RED, fx->now, fx->now * 1000000, coll, &fx->f);
	if (rc == CCS_OK)
		rc = ccs_taxii_grant(fx->db, &fx->admin, coll, "any", NULL,
		    true, false, fx->now, &fx->f);
	for (i = 0; i < NOBJ && rc == CCS_OK; i++) {
		(void)snprintf(id, sizeof(id), "malware--00000000-0000-4000-"
		    "8000-%012d", i);
		nv = 1 + (int)(rnd(&s) % 3);
		for (k = 0; k < nv; k++)
			order[k] = k;
		if (nv > 1 && rnd(&s) % 2 == 0) {	/* the newest first */
			order[0] = nv - 1;
			order[nv - 1] = 0;
		}
		for (k = 0; k < nv && rc == CCS_OK; k++) {
			/* one version in 12 readable by every member */
			t = (int)(rnd(&s) % 12);
			m = t == 0 ? 0 : t == 1 ? 1 : 2 + (int)(rnd(&s) % 6);
			(void)snprintf(mod, sizeof(mod), "2026-0%d-01T00:00:"
			    "00.000Z", 1 + order[k]);
			obj = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
			    "type", "malware", "spec_version", "2.1", "id", id,
			    "created", "2026-01-01T00:00:00.000Z", "modified",
			    mod, "name", id);
			assert_non_null(obj);
			rc = ccs_taxii_file(fx->db, coll, obj, NULL, 0, mid[m],
			    NULL, fx->now * 1000000 + i * 10 + k, &added,
			    &fx->f);
			json_decref(obj);
		}
	}
	if (rc != CCS_OK)
		fail_msg("fill: %s", fx->f.message);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
}

/* Every entry of @p coll in date_added order, readable or not by @p p. */
static size_t
entries(struct svc_fx *fx, const struct ccs_principal *p, const char *coll,
    struct ent *e)
{
	struct ccs_val v = CCS_VTEXT(coll);
	json_t *rows = NULL, *r;
	size_t i, n = 0;

	assert_int_equal(ccs_db_begin(fx->db, false), CCS_OK);
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT e.id, e.stix_id, "
	    "e.version, " CCS_MARKING_COLS " FROM taxii_entries e JOIN "
	    "markings m ON m.id = e.marking_id WHERE e.collection_id = $1 "
	    "ORDER BY e.date_added", &v, 1, &rows), CCS_OK);
	assert_int_equal(ccs_db_commit(fx->db), CCS_OK);
	json_array_foreach(rows, i, r) {
		assert_true(n < MAXE);
		e[n].seq = json_integer_value(json_object_get(r, "id"));
		(void)snprintf(e[n].sid, sizeof(e[n].sid), "%s",
		    ccs_jstr(r, "stix_id"));
		(void)snprintf(e[n].version, sizeof(e[n].version), "%s",
		    ccs_jstr(r, "version"));
		e[n].readable = ccs_marking_view(p, r) == CCS_TLP_FULL;
		e[n].red = strcmp(ccs_jstr(r, "m_tlp"), "red") == 0;
		n++;
	}
	json_decref(rows);
	return n;
}

/* Whether entry @p i is the reader's first ("<") or last (">") version:
 * no readable version of its object lies beyond it. */
static bool
end_of(const struct ent *e, size_t n, size_t i, int dir)
{
	size_t j;
	int c;

	for (j = 0; j < n; j++) {
		if (j == i || !e[j].readable || strcmp(e[j].sid, e[i].sid) != 0)
			continue;
		c = strcmp(e[j].version, e[i].version);
		if ((dir < 0 && c < 0) || (dir > 0 && c > 0))
			return false;
	}
	return true;
}

/* The entries @p p should get for match[version] @p mv, in order. */
static size_t
wanted(const struct ent *e, size_t n, const char *mv, int64_t *out)
{
	bool first = mv != NULL && strstr(mv, "first") != NULL;
	bool last = mv == NULL || strstr(mv, "last") != NULL;
	bool all = mv != NULL && strcmp(mv, "all") == 0;
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (!e[i].readable)
			continue;
		if (all || (first && end_of(e, n, i, -1)) || (last &&
		    end_of(e, n, i, 1)))
			out[k++] = e[i].seq;
	}
	return k;
}

/* Walks every page of @p coll for @p p: the entries' ids in order. */
static size_t
walk(struct svc_fx *fx, const struct ccs_principal *p, const char *coll,
    const char *mv, int64_t *got, const char *who)
{
	struct ccs_taxii_query q;
	struct ccs_taxii_page pg;
	struct ccs_taxii_coll c;
	size_t n = 0, k, i;
	int pages = 0;

	assert_int_equal(ccs_db_begin(fx->db, false), CCS_OK);
	assert_int_equal(ccs_taxii_coll_get(fx->db, p, "caricom-rcc", coll,
	    &c, NULL, &fx->f), CCS_OK);
	memset(&q, 0, sizeof(q));
	q.view = CCS_TAXII_OBJECTS;
	q.limit = PAGE;
	q.match_version = mv;
	for (;;) {
		assert_int_equal(ccs_taxii_list(fx->db, p, &c, &q, &pg,
		    &fx->f), CCS_OK);
		k = json_array_size(pg.rows);
		pages++;
		/* a full page whenever another follows */
		if (pg.more && k != PAGE)
			fail_msg("%s %s: page %d holds %zu rows and more", who,
			    mv ? mv : "(last)", pages, k);
		for (i = 0; i < k; i++) {
			assert_true(n < MAXE);
			got[n++] = json_integer_value(json_object_get(
			    json_array_get(pg.rows, i), "seq"));
		}
		ccs_taxii_page_free(&pg);
		if (!pg.more)
			break;
		q.has_cursor = true;
		q.cur_date = pg.last_date;
		q.cur_seq = pg.last_seq;
	}
	assert_int_equal(ccs_db_commit(fx->db), CCS_OK);
	return n;
}

/* The entries keep a copy of their marking's reader set (0041). */
static const char *const copies[] = { "taxii_entries" };

static void
test_pages_agree_with_the_policy(void **state)
{
	static const char *const modes[] = { NULL, "first", "all",
	    "first,last" };
	struct svc_fx *fx = *state;
	const struct ccs_principal *who[] = { &fx->ncpoc_jm, &fx->cert_jm,
	    &fx->ncpoc_tt, &fx->cert_bb, &fx->rifc, &fx->rifc2 };
	const char *names[] = { "ncpoc.jm", "cert.jm", "ncpoc.tt", "cert.bb",
	    "rifc.a", "rifc.b" };
	static struct ent e[MAXE];
	static int64_t want[MAXE], got[MAXE];
	size_t n, nw, ng, i, j, k, m, readable, red;
	char coll[64];

	fill(fx, coll);
	svc_set_copies_ok(fx, copies, 1, NOBJ + 1);
	for (i = 0; i < sizeof(who) / sizeof(who[0]); i++) {
		/* the second half reads after the sets moved and came back */
		if (i == sizeof(who) / sizeof(who[0]) / 2)
			svc_set_copies_follow(fx, copies, 1);
		n = entries(fx, who[i], coll, e);
		for (j = readable = red = 0; j < n; j++) {
			readable += e[j].readable;
			red += e[j].red && !e[j].readable;
		}
		/* the data is what the test is about: few readable */
		assert_true(n > 2 * NOBJ - NOBJ / 3);
		if (who[i] == &fx->ncpoc_jm)
			assert_true(readable > 0 && readable * 5 < n &&
			    red > 0);
		for (m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
			nw = wanted(e, n, modes[m], want);
			ng = walk(fx, who[i], coll, modes[m], got, names[i]);
			if (ng != nw || (nw > 0 && memcmp(want, got, nw *
			    sizeof(want[0])) != 0))
				fail_msg("%s, match[version]=%s: %zu entries, "
				    "the policy says %zu", names[i],
				    modes[m] ? modes[m] : "(last)", ng, nw);
			/* never an entry the policy withholds (RED but
			 * to its recipients) */
			for (j = 0; j < ng; j++) {
				for (k = 0; k < n && e[k].seq != got[j]; k++)
					;
				assert_true(k < n && e[k].readable);
			}
		}
		print_message("%s: %zu of %zu entries readable, pages agree\n",
		    names[i], readable, n);
	}
}

/* Imports @p n malware objects, each marked @p tlp, as @p p. */
static void
import(struct svc_fx *fx, const struct ccs_principal *p, int from, int n,
    const char *tlp)
{
	struct ccs_ix_opts o;
	struct ccs_ix_counts c;
	struct ccs_errlist *errs = ccs_errlist_new(10);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int i, rc;

	assert_non_null(f);
	assert_non_null(errs);
	(void)fprintf(f, "{\"type\": \"bundle\", \"id\": \"bundle--00000000-"
	    "0000-4000-8000-%012d\", \"objects\": [", from);
	for (i = from; i < from + n; i++)
		(void)fprintf(f, "%s{\"type\": \"malware\", \"spec_version\": "
		    "\"2.1\", \"id\": \"malware--10000000-0000-4000-8000-%012d"
		    "\", \"created\": \"2026-01-01T00:00:00.000Z\", "
		    "\"modified\": \"2026-01-01T00:00:00.000Z\", \"name\": "
		    "\"x%d\", \"is_family\": false, \"object_marking_refs\": "
		    "[\"%s\"]}", i > from ? ", " : "", i, i, tlp);
	(void)fputs("]}", f);
	assert_int_equal(fclose(f), 0);
	f = fmemopen(text, len, "r");
	assert_non_null(f);
	memset(&o, 0, sizeof(o));
	o.tlp = CCS_TLP_AMBER;
	svc_begin(fx);
	rc = ccs_ix_import_stix(fx->db, p, f, &o, fx->now, &c, errs, &fx->f);
	if (rc != CCS_OK)
		fail_msg("import: %s", fx->f.message);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	(void)fclose(f);
	free(text);
	ccs_errlist_free(errs);
}

/* How many malware objects the export of @p p holds; each must be one
 * ccs_marking_view lets @p p read. */
static void
export_agrees(struct svc_fx *fx, const struct ccs_principal *p,
    const char *name)
{
	json_t *bundle, *o, *rows = NULL, *r = NULL;
	char *text = NULL, bid[80];
	size_t len = 0, i, n = 0, want = 0;
	FILE *f = open_memstream(&text, &len);
	const char *id;

	assert_non_null(f);
	assert_int_equal(ccs_db_begin(fx->db, false), CCS_OK);
	if (ccs_ix_export_stix(fx->db, p, false, 0, f, NULL, bid, sizeof(bid),
	    &fx->f) != CCS_OK)
		fail_msg("export as %s: %s", name, fx->f.message);
	assert_int_equal(ccs_db_query_json(fx->db, "SELECT o.stix_id, "
	    CCS_MARKING_COLS " FROM stix_objects o JOIN markings m ON m.id = "
	    "o.marking_id WHERE o.type = 'malware'", NULL, 0, &rows), CCS_OK);
	assert_int_equal(ccs_db_commit(fx->db), CCS_OK);
	assert_int_equal(fclose(f), 0);
	bundle = json_loadb(text, len, 0, NULL);
	assert_non_null(bundle);
	json_array_foreach(rows, i, r)
		want += ccs_marking_view(p, r) == CCS_TLP_FULL;
	json_array_foreach(json_object_get(bundle, "objects"), i, o) {
		id = ccs_jstr(o, "id");
		if (strcmp(ccs_jstr(o, "type"), "malware") != 0)
			continue;
		n++;
		json_array_foreach(rows, len, r) {
			if (strcmp(ccs_jstr(r, "stix_id"), id) == 0)
				break;
		}
		assert_true(len < json_array_size(rows));
		if (ccs_marking_view(p, r) != CCS_TLP_FULL)
			fail_msg("%s's export holds %s", name, id);
	}
	if (n != want)
		fail_msg("%s's export holds %zu objects, the policy says %zu",
		    name, n, want);
	print_message("export as %s: %zu of %zu objects\n", name, n,
	    json_array_size(rows));
	json_decref(bundle);
	json_decref(rows);
	free(text);
}

static void
test_export_agrees_with_the_policy(void **state)
{
	static const char amber[] = "marking-definition--55d920b0-5e8b-4f79-"
	    "9ee9-91f868d9b421";
	static const char green[] = "marking-definition--bab4a63c-aed9-4cf5-"
	    "a766-dfca5abac2bb";
	struct svc_fx *fx = *state;

	/* Trinidad's AMBER, many; a few GREEN; Jamaica's AMBER */
	import(fx, &fx->ncpoc_tt, 0, NEXPORT, amber);
	import(fx, &fx->ncpoc_tt, NEXPORT, 7, green);
	import(fx, &fx->ncpoc_jm, NEXPORT + 7, 600, amber);
	export_agrees(fx, &fx->cert_bb, "cert.bb");
	export_agrees(fx, &fx->ncpoc_jm, "ncpoc.jm");
	export_agrees(fx, &fx->ncpoc_tt, "ncpoc.tt");
	export_agrees(fx, &fx->rifc, "rifc.a");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_pages_agree_with_the_policy, svc_fx_setup,
		    svc_fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_export_agrees_with_the_policy, svc_fx_setup,
		    svc_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

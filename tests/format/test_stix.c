/*
 * test_stix.c: the STIX 2.1 bundle reader and writer
 * (src/format/stix/stix_stream.c) and the object checker
 * (src/format/stix/stix_check.c). Every OASIS example and the whole ATT&CK
 * for ICS bundle must stream and check clean; each kind of broken input
 * must be refused with the exact path of the problem; the writer's output
 * must read back as written. The reference files come from
 * $CCS_REFERENCE (set by meson); without them those tests are skipped.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <jansson.h>

#include "format/errlist.h"
#include "format/stix/stix_check.h"
#include "format/stix/stix_stream.h"
#include "util/err.h"

/* Objects in ics-attack-18.1.json, counted with python3 json.load. */
#define ICS_ATTACK_OBJECTS	1826

struct walk {
	struct ccs_errlist	*errs;		/* check results */
	size_t			 n;		/* objects seen */
	json_t			*keep;		/* array of copies, or NULL */
	size_t			 stop_at;	/* where to stop, or SIZE_MAX */
	uint64_t		 progress;	/* last progress value */
	size_t			 nprogress;	/* progress calls */
};

static int
on_obj(void *arg, size_t index, json_t *obj)
{
	struct walk *w = arg;
	char prefix[32];

	assert_int_equal(index, w->n);
	assert_true(json_is_object(obj));
	snprintf(prefix, sizeof(prefix), "objects[%zu]", index);
	(void)ccs_stix_check(obj, prefix, w->errs);
	if (w->keep != NULL)
		assert_int_equal(json_array_append(w->keep, obj), 0);
	w->n++;
	return index == w->stop_at ? 42 : 0;
}

static void
on_progress(void *arg, uint64_t bytes)
{
	struct walk *w = arg;

	assert_true(bytes > w->progress);
	w->progress = bytes;
	w->nprogress++;
}

static void
print_errors(const char *file, const struct ccs_errlist *e)
{
	size_t i;

	for (i = 0; i < ccs_errlist_count(e); i++)
		fprintf(stderr, "%s: %s: %s\n", file, ccs_errlist_path(e, i),
		    ccs_errlist_message(e, i));
}

/* Streams @p text (a string) as a bundle. */
static int
read_text(const char *text, const struct ccs_stix_read_opts *o,
    struct walk *w, struct ccs_fail *f)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	int rc;

	assert_non_null(in);
	rc = ccs_stix_read(in, o, on_obj, w, f);
	fclose(in);
	return rc;
}

static void
walk_init(struct walk *w)
{
	memset(w, 0, sizeof(*w));
	w->errs = ccs_errlist_new(0);
	assert_non_null(w->errs);
	w->stop_at = SIZE_MAX;
}

/* Ready for another read with the same list. */
static void
walk_reset(struct walk *w)
{
	w->n = 0;
	ccs_errlist_clear(w->errs);
}

static const char *
ref_dir(void)
{
	const char *d = getenv("CCS_REFERENCE");
	struct stat st;

	if (d == NULL || stat(d, &st) != 0 || !S_ISDIR(st.st_mode))
		return NULL;
	return d;
}

/* Checks one example file: a bundle streamed, or one object. */
static void
check_example(const char *path, size_t *nfiles)
{
	struct ccs_fail f;
	json_error_t jerr;
	struct walk w;
	json_t *doc;
	FILE *in;
	int rc;

	doc = json_load_file(path, 0, &jerr);
	assert_non_null(doc);
	walk_init(&w);
	if (strcmp(json_string_value(json_object_get(doc, "type")),
	    "bundle") == 0) {
		in = fopen(path, "r");
		assert_non_null(in);
		rc = ccs_stix_read(in, NULL, on_obj, &w, &f);
		fclose(in);
		if (rc != CCS_OK)
			fprintf(stderr, "%s: %s\n", path, f.message);
		assert_int_equal(rc, CCS_OK);
		assert_int_equal(w.n, json_array_size(json_object_get(doc,
		    "objects")));
	} else
		(void)ccs_stix_check(doc, "", w.errs);
	print_errors(path, w.errs);
	assert_int_equal(ccs_errlist_total(w.errs), 0);
	ccs_errlist_free(w.errs);
	json_decref(doc);
	(*nfiles)++;
}

static void
walk_dir(const char *dir, size_t *nfiles)
{
	char path[1024];
	struct dirent *de;
	struct stat st;
	size_t len;
	DIR *d;

	d = opendir(dir);
	assert_non_null(d);
	for (de = readdir(d); de != NULL; de = readdir(d)) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		assert_int_equal(stat(path, &st), 0);
		len = strlen(de->d_name);
		if (S_ISDIR(st.st_mode))
			walk_dir(path, nfiles);
		else if (len > 5 && strcmp(de->d_name + len - 5, ".json") == 0)
			check_example(path, nfiles);
	}
	closedir(d);
}

static void
test_examples(void **state)
{
	char dir[1024];
	size_t n = 0;

	(void)state;
	if (ref_dir() == NULL) {
		skip();
		return;
	}
	snprintf(dir, sizeof(dir), "%s/stix2.1/examples", ref_dir());
	walk_dir(dir, &n);
	/* 6 in the top folder (one a lone object) and 2 threat reports */
	assert_true(n >= 8);
}

static void
test_ics_attack(void **state)
{
	struct ccs_stix_read_opts o;
	struct ccs_fail f;
	struct walk w;
	char path[1024];
	struct stat st;
	FILE *in;
	int rc;

	(void)state;
	if (ref_dir() == NULL) {
		skip();
		return;
	}
	snprintf(path, sizeof(path), "%s/attack/ics-attack-18.1.json",
	    ref_dir());
	assert_int_equal(stat(path, &st), 0);
	walk_init(&w);
	memset(&o, 0, sizeof(o));
	o.progress = on_progress;
	o.progress_arg = &w;
	in = fopen(path, "r");
	assert_non_null(in);
	rc = ccs_stix_read(in, &o, on_obj, &w, &f);
	fclose(in);
	if (rc != CCS_OK)
		fprintf(stderr, "%s\n", f.message);
	assert_int_equal(rc, CCS_OK);
	assert_int_equal(w.n, ICS_ATTACK_OBJECTS);
	print_errors("ics-attack", w.errs);
	assert_int_equal(ccs_errlist_total(w.errs), 0);
	assert_int_equal(w.progress, (uint64_t)st.st_size);
	assert_true(w.nprogress >= (size_t)st.st_size / CCS_STIX_CHUNK);
	ccs_errlist_free(w.errs);
}

#define IND_ID	"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"

static json_t *
good_indicator(void)
{
	json_error_t e;
	json_t *o = json_loads("{\"type\":\"indicator\",\"spec_version\":"
	    "\"2.1\",\"id\":\"" IND_ID "\",\"created\":"
	    "\"2016-04-06T20:03:48.000Z\",\"modified\":"
	    "\"2016-04-06T20:03:48.000Z\",\"pattern\":"
	    "\"[ipv4-addr:value = '198.51.100.7']\",\"pattern_type\":\"stix\","
	    "\"valid_from\":\"2016-01-01T00:00:00Z\",\"valid_until\":"
	    "\"2017-01-01T00:00:00Z\",\"object_marking_refs\":["
	    "\"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421\"]}",
	    0, &e);

	assert_non_null(o);
	return o;
}

/* ccs_stix_check of @p o gives exactly one error, at @p path. */
static void
expect_one(json_t *o, const char *path, const char *needle)
{
	struct ccs_errlist *e = ccs_errlist_new(0);

	assert_non_null(e);
	assert_int_equal(ccs_stix_check(o, "objects[0]", e), CCS_EINVAL);
	print_errors("mutated", e);
	assert_int_equal(ccs_errlist_total(e), 1);
	assert_string_equal(ccs_errlist_path(e, 0), path);
	assert_non_null(strstr(ccs_errlist_message(e, 0), needle));
	ccs_errlist_free(e);
	json_decref(o);
}

static void
test_mutations(void **state)
{
	struct ccs_errlist *e = ccs_errlist_new(0);
	json_t *o;

	(void)state;
	o = good_indicator();
	assert_int_equal(ccs_stix_check(o, "objects[0]", e), CCS_OK);
	assert_int_equal(ccs_errlist_total(e), 0);
	json_decref(o);
	ccs_errlist_free(e);

	o = good_indicator();
	json_object_set_new(o, "id", json_string(
	    "malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"));
	expect_one(o, "objects[0].id",
	    "type prefix 'malware' does not match type 'indicator'");

	o = good_indicator();
	json_object_del(o, "pattern");
	expect_one(o, "objects[0].pattern", "is required");

	o = good_indicator();
	json_object_set_new(o, "valid_from", json_string(
	    "2016-02-30T00:00:00Z"));
	expect_one(o, "objects[0].valid_from", "RFC 3339");

	o = good_indicator();
	json_object_set_new(o, "created", json_string("2016-04-06 20:03:48"));
	expect_one(o, "objects[0].created", "RFC 3339");

	o = good_indicator();
	json_object_set_new(o, "modified", json_string(
	    "2016-04-06T20:03:47.999Z"));
	expect_one(o, "objects[0].modified", "later than created");

	o = good_indicator();
	json_object_set_new(o, "valid_until", json_string(
	    "2015-12-31T23:59:59.999Z"));
	expect_one(o, "objects[0].valid_until",
	    "must be later than valid_from");

	o = good_indicator();
	json_object_set_new(o, "spec_version", json_string("2.0"));
	expect_one(o, "objects[0].spec_version", "2.1");

	o = good_indicator();
	json_object_set_new(o, "confidence", json_integer(101));
	expect_one(o, "objects[0].confidence", "between 0 and 100");

	o = good_indicator();
	json_object_set_new(o, "object_marking_refs", json_pack("[s]",
	    "identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"));
	expect_one(o, "objects[0].object_marking_refs[0]",
	    "marking-definition");

	o = good_indicator();
	json_object_set_new(o, "pattern", json_string("[ipv4-addr:value ="));
	expect_one(o, "objects[0].pattern", "not a STIX pattern");

	o = good_indicator();
	json_object_set_new(o, "external_references", json_pack("[{s:s}]",
	    "url", "https://example.org/"));
	expect_one(o, "objects[0].external_references[0].source_name",
	    "is required");

	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i}", "type", "sighting",
	    "spec_version", "2.1", "id",
	    "sighting--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "created",
	    "2016-04-06T20:03:48.000Z", "modified", "2016-04-06T20:03:48.000Z",
	    "sighting_of_ref", IND_ID, "count", 1000000000);
	expect_one(o, "objects[0].count", "between 0 and 999999999");

	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "type", "malware",
	    "spec_version", "2.1", "id",
	    "malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "created",
	    "2016-04-06T20:03:48.000Z", "modified", "2016-04-06T20:03:48.000Z",
	    "name", "x");
	expect_one(o, "objects[0].is_family", "is required");

	/* Custom types pass on the common rules. */
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "type",
	    "x-caricom-thing", "spec_version", "2.1", "id",
	    "x-caricom-thing--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
	    "created", "2016-04-06T20:03:48.000Z", "modified",
	    "2016-04-06T20:03:48.000Z", "anything", "goes");
	e = ccs_errlist_new(0);
	assert_int_equal(ccs_stix_check(o, NULL, e), CCS_OK);
	json_decref(o);
	o = json_pack("{s:s, s:s}", "type", "ipv4-addr", "id",
	    "ipv4-addr--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f");
	assert_int_equal(ccs_stix_check(o, NULL, e), CCS_EINVAL);
	assert_string_equal(ccs_errlist_path(e, 0), "value");
	json_decref(o);
	ccs_errlist_free(e);
}

/* ccs_stix_check of the good indicator with @p key set to @p v. */
static void
expect_set(const char *key, json_t *v, const char *path, const char *needle)
{
	json_t *o = good_indicator();

	json_object_set_new(o, key, v);
	expect_one(o, path, needle);
}

/* The good indicator with @p key set to @p v still checks. */
static void
expect_fine(const char *key, json_t *v)
{
	struct ccs_errlist *e = ccs_errlist_new(0);
	json_t *o = good_indicator();

	json_object_set_new(o, key, v);
	assert_int_equal(ccs_stix_check(o, "objects[0]", e), CCS_OK);
	json_decref(o);
	ccs_errlist_free(e);
}

/* Issue 11, item 9: what the OASIS validator refused and we took. */
static void
test_strict_21(void **state)
{
	static const char *const good_tags[] = { "en", "fr-CA", "es-419",
		"zh-Hant-TW", "de-CH-1996", "sl-rozaj-biske", "x-klingon",
		"i-klingon", "en-a-bbb-x-ccc", "zh-yue-HK", "EN-us", NULL };
	static const char *const bad_tags[] = { "", "english", "en_US",
		"en-", "-en", "e", "en-x", "123", "en-a", "en--US",
		"abcdefghi", "en-US-x-", NULL };
	size_t i;
	json_t *o;

	(void)state;
	for (i = 0; good_tags[i] != NULL; i++)
		expect_fine("lang", json_string(good_tags[i]));
	for (i = 0; bad_tags[i] != NULL; i++) {
		if (strcmp(bad_tags[i], "english") == 0)
			continue;	/* 7 letters: a well-formed language */
		expect_set("lang", json_string(bad_tags[i]), "objects[0].lang",
		    "RFC 5646");
	}
	/* granular markings and language-content keys too */
	expect_set("granular_markings", json_pack("[{s:[s], s:s}]",
	    "selectors", "name", "lang", "en_GB"),
	    "objects[0].granular_markings[0].lang", "RFC 5646");
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:{s:{s:s}}}", "type",
	    "language-content", "spec_version", "2.1", "id",
	    "language-content--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
	    "created", "2016-04-06T20:03:48.000Z", "modified",
	    "2016-04-06T20:03:48.000Z", "object_ref", IND_ID, "contents",
	    "fr_FR", "name", "x");
	expect_one(o, "objects[0].contents.fr_FR", "RFC 5646");

	/* custom property names: 3-250 of a-z, 0-9 and _ */
	expect_fine("x_caricom_source", json_string("JM"));
	expect_set("xy", json_string("v"), "objects[0].xy",
	    "not a STIX property name");
	expect_set("x_Caricom", json_string("v"), "objects[0].x_Caricom",
	    "not a STIX property name");
	expect_set("x-caricom", json_string("v"), "objects[0].x-caricom",
	    "not a STIX property name");
	{
		char name[252], path[300];

		memset(name, 'x', 251);
		name[251] = '\0';
		snprintf(path, sizeof(path), "objects[0].%s", name);
		o = good_indicator();
		json_object_set_new(o, name, json_true());
		expect_one(o, path, "not a STIX property name");
		name[250] = '\0';
		expect_fine(name, json_true());
	}
	/* empty lists: defined ones, custom ones, an extension's */
	expect_set("labels", json_array(), "objects[0].labels",
	    "non-empty list");
	expect_set("x_caricom_refs", json_array(), "objects[0].x_caricom_refs",
	    "must not be an empty list");
	expect_fine("x_caricom_nested", json_pack("[{s:[]}]", "inner"));
	expect_set("extensions", json_pack("{s:{s:s, s:[]}}",
	    "extension-definition--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
	    "extension_type", "property-extension", "x_list"),
	    "objects[0].extensions.extension-definition--8e2e2d2b-17d4-4cbf-"
	    "938f-98ee46b3cd3f.x_list", "must not be an empty list");
	/* reserved names */
	expect_set("severity", json_string("high"), "objects[0].severity",
	    "reserved");
	expect_set("action", json_string("block"), "objects[0].action",
	    "reserved");
	/* pattern object and property names */
	expect_set("pattern", json_string("[ab:value = 'x']"),
	    "objects[0].pattern", "'ab' at byte 1 is not an object type");
	expect_set("pattern", json_string("[Domain-Name:value = 'x']"),
	    "objects[0].pattern", "not an object type");
	expect_set("pattern", json_string("[domain-name:va = 'x']"),
	    "objects[0].pattern", "'va' at byte 13 is not a property name");
	expect_set("pattern", json_string("[file:Hashes.MD5 = 'x']"),
	    "objects[0].pattern", "'Hashes' at byte 6 is not a property");
	expect_set("pattern", json_string("[x-my--type:value = 'x']"),
	    "objects[0].pattern", "not an object type");
	expect_fine("pattern", json_string("[file:hashes.'SHA-256' = 'x']"));
	expect_fine("pattern", json_string("[x-caricom-thing:x_f = 'x']"));
	expect_fine("pattern", json_string("[email-message:body_multipart[*]"
	    ".body_raw_ref.name MATCHES 'x']"));
}

static void
test_bundle_errors(void **state)
{
	struct ccs_stix_read_opts o;
	struct ccs_fail f;
	struct walk w;
	char *big, *deep;
	size_t i, n;

	(void)state;
	walk_init(&w);
	assert_int_equal(read_text("{\"type\":\"campaign\",\"id\":\"campaign--"
	    "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"}", NULL, &w, &f),
	    CCS_EINVAL);
	assert_string_equal(f.code, "stix_not_bundle");
	assert_int_equal(read_text("[1,2]", NULL, &w, &f), CCS_EINVAL);
	assert_string_equal(f.code, "stix_not_bundle");
	assert_int_equal(read_text("{\"type\":\"bundle\",\"id\":\"bundle--1\","
	    "\"objects\":[]}", NULL, &w, &f), CCS_EINVAL);
	assert_non_null(strstr(f.message, "bundle--<uuid>"));
	assert_int_equal(read_text("{\"type\":\"bundle\",\"objects\":[]}",
	    NULL, &w, &f), CCS_EINVAL);
	assert_non_null(strstr(f.message, "no id"));
	assert_int_equal(read_text("{\"type\":\"bundle\",\"id\":\"bundle--"
	    "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"objects\":[{},7]}",
	    NULL, &w, &f), CCS_EINVAL);
	assert_non_null(strstr(f.message, "objects[1]: not an object"));
	assert_int_equal(read_text("", NULL, &w, &f), CCS_EINVAL);
	assert_int_equal(read_text("{\"type\":\"bundle\",\"id\":\"bundle--"
	    "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"} x", NULL, &w, &f),
	    CCS_EINVAL);
	/* empty objects list, and no list at all, are fine */
	assert_int_equal(read_text("{\"objects\":[],\"id\":\"bundle--"
	    "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"type\":\"bundle\"}",
	    NULL, &w, &f), CCS_OK);

	/* Truncated: the objects before the cut come, then the error. */
	walk_reset(&w);
	assert_int_equal(read_text("{\"type\":\"bundle\",\"id\":\"bundle--"
	    "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"objects\":[{\"a\":1},"
	    "{\"b\":[1,2", NULL, &w, &f), CCS_EINVAL);
	assert_int_equal(w.n, 1);
	assert_non_null(strstr(f.message, "truncated"));

	/* Too big: the second object. */
	n = 4000;
	big = malloc(n + 200);
	assert_non_null(big);
	i = (size_t)snprintf(big, 200, "{\"type\":\"bundle\",\"id\":\"bundle--"
	    "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"objects\":[{\"a\":1},"
	    "{\"d\":\"");
	memset(big + i, 'x', n);
	memcpy(big + i + n, "\"}]}", 5);
	memset(&o, 0, sizeof(o));
	o.max_object = 1000;
	walk_reset(&w);
	assert_int_equal(read_text(big, &o, &w, &f), CCS_ETOOBIG);
	assert_non_null(strstr(f.message, "objects[1]: object larger than "
	    "1000 bytes"));
	assert_int_equal(w.n, 1);
	o.max_object = 8000;
	walk_reset(&w);
	assert_int_equal(read_text(big, &o, &w, &f), CCS_OK);
	o.max_object = (size_t)CCS_STIX_MAX_OBJECT_LIMIT + 1;
	assert_int_equal(read_text(big, &o, &w, &f), CCS_EINVAL);
	free(big);

	/* Depth 1000. */
	deep = malloc(2200);
	assert_non_null(deep);
	i = (size_t)snprintf(deep, 200, "{\"type\":\"bundle\",\"id\":\"bundle--"
	    "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"objects\":[{\"a\":");
	memset(deep + i, '[', 1000);
	memset(deep + i + 1000, ']', 1000);
	memcpy(deep + i + 2000, "}]}", 4);
	walk_reset(&w);
	assert_int_equal(read_text(deep, NULL, &w, &f), CCS_EINVAL);
	assert_string_equal(f.code, "stix_too_deep");
	assert_non_null(strstr(f.message, "objects[0]"));
	free(deep);

	/* Duplicate keys inside an object; a NUL escape. */
	walk_reset(&w);
	assert_int_equal(read_text("{\"type\":\"bundle\",\"id\":\"bundle--"
	    "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"objects\":[{\"a\":1,"
	    "\"a\":2}]}", NULL, &w, &f), CCS_EINVAL);
	assert_non_null(strstr(f.message, "objects[0]"));
	assert_int_equal(read_text("{\"type\":\"bundle\",\"id\":\"bundle--"
	    "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"objects\":[{\"a\":"
	    "\"x\\u0000y\"}]}", NULL, &w, &f), CCS_EINVAL);

	/* A bad object inside a good bundle: the path names its index. */
	walk_reset(&w);
	assert_int_equal(read_text("{\"type\":\"bundle\",\"id\":\"bundle--"
	    "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"objects\":[{\"type\":"
	    "\"x-a\",\"id\":\"x-a--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"},"
	    "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
	    IND_ID "\",\"created\":\"2016-04-06T20:03:48.000Z\","
	    "\"modified\":\"2016-04-06T20:03:48.000Z\",\"pattern\":"
	    "\"[url:value = 'http://evil.example/']\",\"pattern_type\":"
	    "\"stix\",\"valid_from\":\"2016-01-01T00:00:00Z\","
	    "\"valid_until\":\"2016-01-01T00:00:00Z\"}]}", NULL, &w, &f),
	    CCS_OK);
	assert_int_equal(ccs_errlist_total(w.errs), 1);
	assert_string_equal(ccs_errlist_path(w.errs, 0),
	    "objects[1].valid_until");
	assert_string_equal(ccs_errlist_message(w.errs, 0),
	    "must be later than valid_from");
	ccs_errlist_free(w.errs);
}

static void
test_stop_and_push(void **state)
{
	static const char text[] = "{\"id\":\"bundle--"
	    "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"objects\":[{\"a\":1.50},"
	    "{\"b\":[true,false,null,\"\\u00e9\\n\"]},{\"c\":{\"d\":-1e400}}],"
	    "\"type\":\"bundle\",\"spec_version\":\"2.0\"}";
	struct ccs_stix_reader *r;
	struct ccs_fail f;
	struct walk w, w2;
	json_t *one;
	size_t i;

	(void)state;
	walk_init(&w);
	w.stop_at = 1;
	assert_int_equal(read_text(text, NULL, &w, &f), 42);
	assert_int_equal(w.n, 2);
	ccs_errlist_free(w.errs);

	/* One byte at a time gives what one read gives. */
	walk_init(&w);
	w.keep = json_array();
	walk_init(&w2);
	w2.keep = json_array();
	assert_int_equal(read_text(text, NULL, &w, &f), CCS_EINVAL);
	/* -1e400 is out of range for jansson: the third object fails */
	assert_non_null(strstr(f.message, "objects[2]"));
	assert_int_equal(ccs_stix_reader_new(NULL, on_obj, &w2, &r), CCS_OK);
	for (i = 0; i < sizeof(text) - 1; i++)
		if (ccs_stix_reader_feed(r, text + i, 1, &f) != CCS_OK)
			break;
	assert_true(i < sizeof(text) - 1);
	assert_non_null(strstr(f.message, "objects[2]"));
	assert_true(json_equal(w.keep, w2.keep));
	assert_int_equal(json_array_size(w.keep), 2);
	one = json_pack("{s:f}", "a", 1.5);
	assert_true(json_equal(json_array_get(w.keep, 0), one));
	json_decref(one);
	ccs_stix_reader_free(r);
	json_decref(w.keep);
	json_decref(w2.keep);
	ccs_errlist_free(w.errs);
	ccs_errlist_free(w2.errs);
}

static void
test_writer(void **state)
{
	struct ccs_stix_writer *wr;
	struct ccs_fail f;
	struct walk w, back;
	char path[1024], id[80];
	json_t *one;
	size_t i;
	FILE *in, *tmp;
	int t;

	(void)state;
	assert_int_equal(ccs_stix_new_id("indicator", id, sizeof(id)), CCS_OK);
	assert_true(ccs_stix_id_ok(id, "indicator"));
	assert_int_equal(id[strlen("indicator--") + 14], '4');
	assert_int_equal(ccs_stix_new_id("Bad", id, sizeof(id)), CCS_EINVAL);
	assert_int_equal(ccs_stix_new_id(NULL, id, 10), CCS_ETOOBIG);

	walk_init(&w);
	w.keep = json_array();
	if (ref_dir() != NULL) {
		snprintf(path, sizeof(path),
		    "%s/stix2.1/examples/threat-reports/apt1.json", ref_dir());
		in = fopen(path, "r");
		assert_non_null(in);
		assert_int_equal(ccs_stix_read(in, NULL, on_obj, &w, &f),
		    CCS_OK);
		fclose(in);
	}
	for (t = 0; t < CCS_TLP_NLEVELS; t++)
		json_array_append_new(w.keep,
		    ccs_stix_tlp_marking_object((enum ccs_tlp)t));
	tmp = tmpfile();
	assert_non_null(tmp);
	assert_int_equal(ccs_stix_writer_new(tmp, "bundle--x", &wr, &f),
	    CCS_EINVAL);
	assert_int_equal(ccs_stix_writer_new(tmp, NULL, &wr, &f), CCS_OK);
	assert_true(ccs_stix_id_ok(ccs_stix_writer_id(wr), "bundle"));
	one = json_integer(1);
	assert_int_equal(ccs_stix_writer_add(wr, one, &f), CCS_EINVAL);
	json_decref(one);
	for (i = 0; i < json_array_size(w.keep); i++)
		assert_int_equal(ccs_stix_writer_add(wr,
		    json_array_get(w.keep, i), &f), CCS_OK);
	assert_int_equal(ccs_stix_writer_finish(wr, &f), CCS_OK);
	rewind(tmp);
	walk_init(&back);
	back.keep = json_array();
	assert_int_equal(ccs_stix_read(tmp, NULL, on_obj, &back, &f), CCS_OK);
	assert_true(json_equal(w.keep, back.keep));
	assert_int_equal(ccs_errlist_total(back.errs), 0);
	ccs_stix_writer_free(wr);
	fclose(tmp);
	json_decref(w.keep);
	json_decref(back.keep);
	ccs_errlist_free(w.errs);
	ccs_errlist_free(back.errs);
}

static void
test_tlp(void **state)
{
	static const struct {
		const char	*id;
		enum ccs_tlp	 tlp;
	} ids[] = {
		{ "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
		    CCS_TLP_CLEAR },
		{ "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
		    CCS_TLP_GREEN },
		{ "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
		    CCS_TLP_AMBER },
		{ "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
		    CCS_TLP_AMBER_STRICT },
		{ "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
		    CCS_TLP_RED },
		{ "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
		    CCS_TLP_CLEAR },
		{ "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
		    CCS_TLP_GREEN },
		{ "MARKING-DEFINITION--F88D31F6-486F-44DA-B317-01333BDE0B82",
		    CCS_TLP_AMBER },
		{ "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
		    CCS_TLP_RED },
	};
	struct ccs_errlist *e = ccs_errlist_new(0);
	enum ccs_tlp t;
	json_t *o;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		assert_true(ccs_stix_tlp_of_marking(ids[i].id, &t));
		assert_int_equal(t, ids[i].tlp);
		if (i < CCS_TLP_NLEVELS)
			assert_string_equal(ccs_stix_tlp_marking_id(t),
			    ids[i].id);
	}
	assert_false(ccs_stix_tlp_of_marking(
	    "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ec", &t));
	assert_false(ccs_stix_tlp_of_marking(NULL, &t));
	assert_null(ccs_stix_tlp_marking_id((enum ccs_tlp)9));
	assert_null(ccs_stix_tlp_marking_object((enum ccs_tlp)9));
	for (i = 0; i < CCS_TLP_NLEVELS; i++) {
		o = ccs_stix_tlp_marking_object((enum ccs_tlp)i);
		assert_non_null(o);
		assert_int_equal(ccs_stix_check(o, "m", e), CCS_OK);
		assert_true(ccs_stix_tlp_of_marking(json_string_value(
		    json_object_get(o, "id")), &t));
		assert_int_equal(t, (enum ccs_tlp)i);
		json_decref(o);
	}
	/* The 2.0 level must agree with the id. */
	o = ccs_stix_tlp_marking_object(CCS_TLP_RED);
	json_object_set_new(o, "id", json_string(ids[1].id));
	assert_int_equal(ccs_stix_check(o, "m", e), CCS_EINVAL);
	json_decref(o);
	/* TLP 1.0 */
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s}}", "type",
	    "marking-definition", "spec_version", "2.1", "id", ids[8].id,
	    "created", "2017-01-20T00:00:00.000Z", "name", "TLP:RED",
	    "definition_type", "tlp", "definition", "tlp", "red");
	ccs_errlist_clear(e);
	assert_int_equal(ccs_stix_check(o, "m", e), CCS_OK);
	json_object_set_new(o, "definition", json_pack("{s:s}", "tlp",
	    "green"));
	assert_int_equal(ccs_stix_check(o, "m", e), CCS_EINVAL);
	assert_string_equal(ccs_errlist_path(e, 0), "m.definition.tlp");
	json_decref(o);
	ccs_errlist_free(e);
}

static void
test_errlist_cap(void **state)
{
	struct ccs_errlist *e = ccs_errlist_new(3);
	size_t i;

	(void)state;
	assert_null(ccs_errlist_new(CCS_ERRLIST_MAX + 1));
	for (i = 0; i < 10; i++)
		assert_int_equal(ccs_errlist_add(e, "p", "e%zu", i), CCS_OK);
	assert_int_equal(ccs_errlist_count(e), 3);
	assert_int_equal(ccs_errlist_total(e), 10);
	assert_string_equal(ccs_errlist_message(e, 2), "e2");
	assert_null(ccs_errlist_path(e, 3));
	ccs_errlist_free(e);
	ccs_errlist_free(NULL);
}

static void
test_helpers(void **state)
{
	(void)state;
	assert_true(ccs_stix_timestamp_ok("2016-02-29T23:59:60Z", false));
	assert_false(ccs_stix_timestamp_ok("2015-02-29T00:00:00Z", false));
	assert_false(ccs_stix_timestamp_ok("2016-01-01T00:00:00Z", true));
	assert_true(ccs_stix_timestamp_ok("2016-01-01T00:00:00.123456Z",
	    true));
	assert_false(ccs_stix_timestamp_ok("2016-01-01T00:00:00.Z", false));
	assert_false(ccs_stix_timestamp_ok("2016-01-01T24:00:00Z", false));
	assert_false(ccs_stix_timestamp_ok("2016-01-01T00:00:00+00:00",
	    false));
	assert_true(ccs_stix_timestamp_cmp("2016-01-01T00:00:00Z",
	    "2016-01-01T00:00:00.000Z") == 0);
	assert_true(ccs_stix_timestamp_cmp("2016-01-01T00:00:00.1Z",
	    "2016-01-01T00:00:00.099Z") > 0);
	assert_true(ccs_stix_type_ok("x-mitre-tactic"));
	assert_true(ccs_stix_type_ok("abc-"));
	assert_false(ccs_stix_type_ok("ab"));
	assert_false(ccs_stix_type_ok("a--b"));
	assert_false(ccs_stix_type_ok("Abc"));
	assert_false(ccs_stix_id_ok("indicator--8e2e2d2b-17d4-6cbf-938f-"
	    "98ee46b3cd3f", NULL));
	assert_false(ccs_stix_id_ok("indicator--8e2e2d2b-17d4-4cbf-738f-"
	    "98ee46b3cd3f", NULL));
	assert_false(ccs_stix_id_ok("indicator-8e2e2d2b-17d4-4cbf-938f-"
	    "98ee46b3cd3f", NULL));
	assert_false(ccs_stix_id_ok(IND_ID, "indicato"));
	assert_true(ccs_stix_id_ok(IND_ID, "indicator"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strict_21),
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_ics_attack),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_bundle_errors),
		cmocka_unit_test(test_stop_and_push),
		cmocka_unit_test(test_writer),
		cmocka_unit_test(test_tlp),
		cmocka_unit_test(test_errlist_cap),
		cmocka_unit_test(test_helpers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

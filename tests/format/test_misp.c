/*
 * test_misp.c: MISP event JSON (src/format/misp.c). A small event with
 * top-level attributes, objects and tags must map to the expected
 * indicators and TLP levels; a malformed attribute and an unknown TLP tag
 * must be reported with their paths; the other document shapes and the
 * attribute cap must hold.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "format/misp.h"
#include "util/err.h"

static const char event[] =
    "{\"Event\": {\"uuid\": \"5e1f0a3c-9b2d-4c59-a0b4-6f3f1c1a2b3c\","
    " \"info\": \"Phishing wave against banks\", \"date\": \"2024-06-06\","
    " \"threat_level_id\": \"2\", \"analysis\": 1,"
    " \"Orgc\": {\"name\": \"JM-CIRT\"},"
    " \"Tag\": [{\"name\": \"tlp:amber\"}, {\"name\": \"tlp:ex:chr\"},"
    "   {\"name\": \"caricom:sector=\\\"finance\\\"\"}],"
    " \"Attribute\": ["
    "  {\"type\": \"ip-dst\", \"category\": \"Network activity\","
    "   \"value\": \"198.51.100.7\", \"to_ids\": true,"
    "   \"timestamp\": \"1717660800\", \"comment\": \"C2\","
    "   \"uuid\": \"0b8e5a55-7c1e-4a4e-9d7b-1c2d3e4f5a6b\"},"
    "  {\"type\": \"domain|ip\", \"value\": \"Evil.Example|203.0.113.9\","
    "   \"to_ids\": \"1\"},"
    "  {\"type\": \"filename|sha256\", \"value\": \"inv.pdf.exe|"
    "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855\","
    "   \"Tag\": [{\"name\": \"TLP:RED\"}]},"
    "  {\"type\": \"text\", \"value\": \"free text\"},"
    "  {\"type\": \"ip-src|port\", \"value\": \"2001:db8::44|8443\","
    "   \"timestamp\": 1717660801},"
    "  {\"type\": \"uri\", \"value\": \"/wp-admin/x.php\"}],"
    " \"Object\": ["
    "  {\"name\": \"cryptocurrency-wallet\", \"Attribute\": ["
    "   {\"type\": \"btc\", \"object_relation\": \"address\","
    "    \"value\": \"0x52908400098527886E0F7030069857D2E4169EE7\"}]},"
    "  {\"name\": \"person\", \"Attribute\": ["
    "   {\"type\": \"phone-number\", \"value\": \"+1 876 555 0123\"},"
    "   {\"type\": \"iban\", \"value\": \"GB82 WEST 1234 5698 7654 32\","
    "    \"Tag\": [{\"name\": \"tlp:clear\"}]}]}]}}";

struct got {
	size_t	 events;	/* on_event calls */
	char	 log[4096];	/* "type=value/tlp;" per indicator */
	size_t	 len;		/* bytes of log used */
};

static int
on_event(void *arg, const struct ccs_misp_event *ev)
{
	struct got *g = arg;

	g->events++;
	assert_string_equal(ev->info, "Phishing wave against banks");
	assert_string_equal(ev->orgc, "JM-CIRT");
	assert_string_equal(ev->date, "2024-06-06");
	assert_int_equal(ev->threat_level, 2);
	assert_int_equal(ev->analysis, 1);
	assert_int_equal(ev->ntags, 3);
	assert_true(ev->has_tlp);
	assert_int_equal(ev->tlp, CCS_TLP_AMBER);
	return 0;
}

static int
on_attr(void *arg, const struct ccs_misp_event *ev,
    const struct ccs_misp_attr *a)
{
	struct got *g = arg;
	/* the same paths with and without the {"Event": ...} wrapper */
	const char *path = strncmp(a->path, "Event.", 6) == 0 ? a->path + 6 :
	    a->path;
	size_t i;
	int n;

	(void)ev;
	for (i = 0; i < a->nind; i++) {
		n = snprintf(g->log + g->len, sizeof(g->log) - g->len,
		    "%s=%s/%s;", ccs_ind_type_name(a->ind[i].type),
		    a->ind[i].value, a->has_tlp ? ccs_tlp_name(a->tlp) : "-");
		assert_true(n > 0 && (size_t)n < sizeof(g->log) - g->len);
		g->len += (size_t)n;
	}
	if (strcmp(a->type, "ip-dst") == 0) {
		assert_string_equal(path, "Attribute[0]");
		assert_true(a->to_ids);
		assert_int_equal(a->timestamp, 1717660800);
		assert_string_equal(a->comment, "C2");
		assert_string_equal(a->category, "Network activity");
		assert_null(a->object_name);
	}
	if (strcmp(a->type, "domain|ip") == 0)
		assert_true(a->to_ids);
	if (strcmp(a->type, "iban") == 0) {
		assert_string_equal(path, "Object[1].Attribute[1]");
		assert_string_equal(a->object_name, "person");
	}
	return 0;
}

static const struct ccs_misp_cb cbs = { on_event, on_attr };

static void
test_event(void **state)
{
	struct ccs_errlist *e = ccs_errlist_new(0);
	struct ccs_misp_stats st;
	struct ccs_fail f;
	struct got g;
	int rc;

	(void)state;
	memset(&g, 0, sizeof(g));
	rc = ccs_misp_read(event, strlen(event), NULL, &cbs, &g, &st, e, &f);
	if (rc != CCS_OK)
		fprintf(stderr, "%s: %s %s\n", f.message,
		    ccs_errlist_path(e, 0), ccs_errlist_message(e, 0));
	assert_int_equal(rc, CCS_OK);
	assert_int_equal(g.events, 1);
	assert_int_equal(st.events, 1);
	assert_int_equal(st.attributes, 9);
	assert_int_equal(st.skipped, 2);	/* text, relative uri */
	assert_int_equal(st.indicators, 8);
	assert_string_equal(g.log,
	    "ipv4=198.51.100.7/amber;"
	    "domain=evil.example/amber;ipv4=203.0.113.9/amber;"
	    "sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b"
	    "7852b855/red;"
	    "ipv6=2001:db8::44/amber;"
	    "eth=0x52908400098527886e0f7030069857d2e4169ee7/amber;"
	    "phone=+18765550123/amber;"
	    "iban=GB82WEST12345698765432/clear;");
	ccs_errlist_free(e);
}

/* The event with @p from replaced by @p to. */
static void
read_changed(const char *from, const char *to, int want_rc,
    const char *path, const char *needle)
{
	struct ccs_errlist *e = ccs_errlist_new(0);
	struct ccs_misp_stats st;
	struct ccs_fail f;
	char doc[sizeof(event) + 256];
	const char *at = strstr(event, from);
	size_t pre;

	assert_non_null(at);
	pre = (size_t)(at - event);
	memcpy(doc, event, pre);
	snprintf(doc + pre, sizeof(doc) - pre, "%s%s", to, at + strlen(from));
	assert_int_equal(ccs_misp_read(doc, strlen(doc), NULL, NULL, NULL,
	    &st, e, &f), want_rc);
	if (path != NULL) {
		assert_int_equal(ccs_errlist_total(e), 1);
		assert_string_equal(ccs_errlist_path(e, 0), path);
		assert_non_null(strstr(ccs_errlist_message(e, 0), needle));
		/* the good attributes are still read */
		assert_true(st.attributes >= 8);
	}
	ccs_errlist_free(e);
}

static void
test_errors(void **state)
{
	(void)state;
	/* a uri that is not an absolute URL is skipped, not an error */
	read_changed("\"value\": \"/wp-admin/x.php\"",
	    "\"value\": \"not a url\"", CCS_OK, NULL, NULL);
	read_changed("{\"type\": \"uri\", \"value\": \"/wp-admin/x.php\"}",
	    "{\"type\": \"ip-dst\", \"value\": \"not-an-ip\"}", CCS_EINVAL,
	    "Event.Attribute[5].value", "");
	read_changed("{\"type\": \"uri\", \"value\": \"/wp-admin/x.php\"}",
	    "{\"value\": \"x\"}", CCS_EINVAL, "Event.Attribute[5].type",
	    "is required");
	read_changed("0x52908400098527886E0F7030069857D2E4169EE7", "0x5290",
	    CCS_EINVAL, "Event.Object[0].Attribute[0].value", "");
	read_changed("{\"name\": \"tlp:ex:chr\"}", "{\"name\": \"tlp:purple\"}",
	    CCS_EINVAL, "Event.Tag[1].name", "unknown TLP tag 'tlp:purple'");
	read_changed("\"threat_level_id\": \"2\"", "\"threat_level_id\": \"7\"",
	    CCS_EINVAL, "Event.threat_level_id", "1 to 4");
	read_changed("\"date\": \"2024-06-06\"", "\"date\": \"2024-02-30\"",
	    CCS_EINVAL, "Event.date", "YYYY-MM-DD");
}

/*
 * PyMISP's MISPEvent.to_json() writes the event without {"Event": ...}:
 * the same indicators, paths without the "Event." prefix.
 */
static void
test_bare_event(void **state)
{
	struct ccs_errlist *e = ccs_errlist_new(0);
	struct ccs_misp_stats st;
	struct ccs_fail f;
	struct got g, wrapped;
	size_t len = strlen(event);
	char *bare, *bad, *list;

	(void)state;
	/* {"Event": {...}} -> {...} */
	bare = strndup(event + 10, len - 11);
	assert_non_null(bare);
	assert_int_equal(bare[0], '{');
	memset(&wrapped, 0, sizeof(wrapped));
	assert_int_equal(ccs_misp_read(event, len, NULL, &cbs, &wrapped, &st,
	    e, &f), CCS_OK);
	memset(&g, 0, sizeof(g));
	assert_int_equal(ccs_misp_read(bare, strlen(bare), NULL, &cbs, &g, &st,
	    e, &f), CCS_OK);
	assert_int_equal(g.events, 1);
	assert_int_equal(st.indicators, 8);
	assert_string_equal(g.log, wrapped.log);
	/* errors name the path from the event itself */
	bad = strdup(bare);
	assert_non_null(bad);
	memcpy(strstr(bad, "198.51.100.7"), "198.51.100.x", 12);
	assert_int_equal(ccs_misp_read(bad, strlen(bad), NULL, NULL, NULL, &st,
	    e, &f), CCS_EINVAL);
	assert_string_equal(ccs_errlist_path(e, 0), "Attribute[0].value");
	ccs_errlist_clear(e);
	/* a list of bare events, paths [i].Attribute... */
	list = malloc(2 * strlen(bad) + 8);
	assert_non_null(list);
	snprintf(list, 2 * strlen(bad) + 8, "[%s, %s]", bare, bad);
	assert_int_equal(ccs_misp_read(list, strlen(list), NULL, NULL, NULL,
	    &st, e, &f), CCS_EINVAL);
	assert_int_equal(st.events, 2);
	assert_string_equal(ccs_errlist_path(e, 0), "[1].Attribute[0].value");
	ccs_errlist_clear(e);
	/* an object that is no event at all is still refused */
	assert_int_equal(ccs_misp_read("{\"uuid\": \"x\"}", 13, NULL, NULL,
	    NULL, &st, e, &f), CCS_EINVAL);
	assert_string_equal(ccs_errlist_path(e, 0), "");
	free(list);
	free(bad);
	free(bare);
	ccs_errlist_free(e);
}

static void
test_shapes(void **state)
{
	static const char resp[] = "{\"response\": [{\"Event\": {\"Attribute\":"
	    " [{\"type\": \"url\", \"value\": \"http://evil.example/\"}]}},"
	    " {\"Event\": {\"Attribute\": [{\"type\": \"md5\", \"value\":"
	    " \"zz\"}]}}]}";
	static const char list[] = "[{\"Event\": {}}, {\"response\": "
	    "[{\"Event\": {\"Attribute\": [{\"type\": \"email-src\", \"value\":"
	    " \"a@evil.example\"}]}}]}, 3]";
	struct ccs_errlist *e = ccs_errlist_new(0);
	struct ccs_misp_opts o = { 1 };
	struct ccs_misp_stats st;
	struct ccs_fail f;

	(void)state;
	assert_int_equal(ccs_misp_read(resp, strlen(resp), NULL, NULL, NULL,
	    &st, e, &f), CCS_EINVAL);
	assert_int_equal(st.events, 2);
	assert_int_equal(st.indicators, 1);
	assert_string_equal(ccs_errlist_path(e, 0),
	    "response[1].Event.Attribute[0].value");
	ccs_errlist_clear(e);
	assert_int_equal(ccs_misp_read(list, strlen(list), NULL, NULL, NULL,
	    &st, e, &f), CCS_EINVAL);
	assert_int_equal(st.events, 2);
	assert_int_equal(st.indicators, 1);
	assert_int_equal(ccs_errlist_total(e), 1);
	assert_string_equal(ccs_errlist_path(e, 0), "[2]");
	ccs_errlist_clear(e);
	assert_int_equal(ccs_misp_read(event, strlen(event), &o, NULL, NULL,
	    &st, e, &f), CCS_ETOOBIG);
	assert_int_equal(ccs_misp_read("{\"Event\":", 9, NULL, NULL, NULL,
	    &st, e, &f), CCS_EINVAL);
	assert_string_equal(f.code, "misp_syntax");
	assert_int_equal(ccs_misp_read("{\"x\": 1}", 8, NULL, NULL, NULL,
	    &st, e, &f), CCS_EINVAL);
	ccs_errlist_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_event),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_bare_event),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_html.c: the escaper of the server-rendered pages (util/html.c)
 * and the parser of their form bodies (http/reporting/form.c): every
 * special character is an entity; urlencoded and multipart bodies give
 * their fields and files, and malformed ones are refused, never read
 * past their end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/reporting/form.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/html.h"

#define MP "multipart/form-data; boundary=XyZ"

static void
test_escape(void **state)
{
	struct ccs_buf b;

	(void)state;
	ccs_buf_init(&b, 1024);
	assert_int_equal(ccs_html_esc(&b, "<a href=\"x\" title='y'>&</a>"),
	    CCS_OK);
	assert_string_equal(ccs_buf_str(&b), "&lt;a href=&quot;x&quot; "
	    "title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
	ccs_buf_reset(&b);
	assert_int_equal(ccs_html_esc(&b, NULL), CCS_OK);
	assert_int_equal(ccs_html_esc(&b, "plain \xc3\xa9t\xc3\xa9"), CCS_OK);
	assert_string_equal(ccs_buf_str(&b), "plain \xc3\xa9t\xc3\xa9");
	ccs_buf_free(&b);
	/* the bound of the buffer holds */
	ccs_buf_init(&b, 8);
	assert_int_equal(ccs_html_esc(&b, "<<<"), CCS_ETOOBIG);
	ccs_buf_free(&b);
}

/* Parses @p text (copied, with room for the terminating byte). */
static int
parse(const char *text, const char *ctype, struct ccs_form *f, char **copy)
{
	size_t n = strlen(text);

	*copy = malloc(n + 1);
	assert_non_null(*copy);
	memcpy(*copy, text, n + 1);
	return ccs_form_parse(*copy, n, ctype, f);
}

static void
test_urlencoded(void **state)
{
	struct ccs_form f;
	char *c = NULL;

	(void)state;
	assert_int_equal(parse("a=1&what=caf%C3%A9+%3Cb%3E&&empty=&x=%2B",
	    "application/x-www-form-urlencoded; charset=UTF-8", &f, &c),
	    CCS_OK);
	assert_string_equal(ccs_form_get(&f, "a"), "1");
	assert_string_equal(ccs_form_get(&f, "what"), "caf\xc3\xa9 <b>");
	assert_string_equal(ccs_form_get(&f, "empty"), "");
	assert_string_equal(ccs_form_get(&f, "x"), "+");
	assert_null(ccs_form_get(&f, "missing"));
	assert_int_equal(f.nfiles, 0);
	free(c);
	assert_int_equal(parse("a=%4", "application/x-www-form-urlencoded",
	    &f, &c), CCS_EINVAL);
	free(c);
	assert_int_equal(parse("a=%zz", "application/x-www-form-urlencoded",
	    &f, &c), CCS_EINVAL);
	free(c);
	assert_int_equal(parse("a=x%00y", "application/x-www-form-urlencoded",
	    &f, &c), CCS_EINVAL);
	free(c);
	assert_int_equal(parse("novalue", "application/x-www-form-urlencoded",
	    &f, &c), CCS_EINVAL);
	free(c);
	assert_int_equal(parse("a=1", "text/plain", &f, &c), CCS_EINVAL);
	free(c);
	assert_int_equal(ccs_form_parse(NULL, 0,
	    "application/x-www-form-urlencoded", &f), CCS_OK);
	assert_int_equal(f.n, 0);
}

static void
test_too_many_fields(void **state)
{
	char body[CCS_FORM_FIELDS * 4 + 16];
	struct ccs_form f;
	size_t i, o = 0;

	(void)state;
	for (i = 0; i <= CCS_FORM_FIELDS; i++) {
		memcpy(body + o, "a=1&", 4);
		o += 4;
	}
	body[o] = '\0';
	assert_int_equal(ccs_form_parse(body, o,
	    "application/x-www-form-urlencoded", &f), CCS_EINVAL);
}

static void
test_multipart(void **state)
{
	static const char body[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"category\"\r\n\r\n"
	    "fraud\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"evidence\"; "
	    "filename=\"a b.png\"\r\n"
	    "Content-Type: image/png\r\n\r\n"
	    "\x89PNG\r\n\x1a\n\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"evidence\"; "
	    "filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n"
	    "\r\n"
	    "--XyZ--\r\n";
	struct ccs_form f;
	char *c = NULL;

	(void)state;
	assert_int_equal(parse(body, MP, &f, &c), CCS_OK);
	assert_string_equal(ccs_form_get(&f, "category"), "fraud");
	/* one file with bytes; the empty file input is no file */
	assert_int_equal(f.nfiles, 1);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.f[1].name, "evidence");
	assert_string_equal(f.f[1].filename, "a b.png");
	assert_string_equal(f.f[1].ctype, "image/png");
	assert_int_equal(f.f[1].len, 8);
	assert_memory_equal(f.f[1].value, "\x89PNG\r\n\x1a\n", 8);
	assert_null(ccs_form_get(&f, "evidence"));
	free(c);
}

static void
test_multipart_malformed(void **state)
{
	static const char *const bad[] = {
		"",
		"--Other\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
		    "1\r\n--Other--\r\n",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n1\r\n"
		    "--XyZ--",
		"--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n"
		    "1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n"
		    "1\r\n--XyZ--",
		"--XyZ",
	};
	struct ccs_form f;
	char *c = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(bad[i], MP, &f, &c), CCS_EINVAL);
		free(c);
	}
	assert_int_equal(parse("--XyZ--", "multipart/form-data", &f, &c),
	    CCS_EINVAL);
	free(c);
	/* a text part holding a NUL is refused */
	{
		static const char nul[] = "--XyZ\r\nContent-Disposition: "
		    "form-data; name=\"a\"\r\n\r\nx\0y\r\n--XyZ--";
		char *copy = malloc(sizeof(nul));

		assert_non_null(copy);
		memcpy(copy, nul, sizeof(nul));
		assert_int_equal(ccs_form_parse(copy, sizeof(nul) - 1, MP, &f),
		    CCS_EINVAL);
		free(copy);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_urlencoded),
		cmocka_unit_test(test_too_many_fields),
		cmocka_unit_test(test_multipart),
		cmocka_unit_test(test_multipart_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_evidence.c: recognising evidence files by their content
 * (ccs_evidence_sniff in svc/standards/evidence.c): PDF, PNG, JPEG and
 * plain UTF-8 text are accepted whatever the client claims; markup and
 * binary files that would be served back to browsers are refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>

#include "svc/standards/evidence.h"

#define SNIFF(lit)	ccs_evidence_sniff((const unsigned char *)(lit), \
	    sizeof(lit) - 1)

static void
test_accepted(void **state)
{
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n', 0, 0 };
	static const unsigned char jpg[] = { 0xff, 0xd8, 0xff, 0xe0, 0 };

	(void)state;
	assert_string_equal(SNIFF("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
	    "application/pdf");
	assert_string_equal(ccs_evidence_sniff(png, sizeof(png)), "image/png");
	assert_string_equal(ccs_evidence_sniff(jpg, sizeof(jpg)), "image/jpeg");
	assert_string_equal(SNIFF("Minutes of the review meeting\r\n\tok\n"),
	    "text/plain; charset=utf-8");
	assert_string_equal(SNIFF("Cura\xc3\xa7" "ao"),
	    "text/plain; charset=utf-8");
	assert_string_equal(SNIFF("a < b"), "text/plain; charset=utf-8");
}

static void
test_refused(void **state)
{
	static const unsigned char bin[] = { 'M', 'Z', 0x90, 0, 3, 0 };

	(void)state;
	assert_null(ccs_evidence_sniff((const unsigned char *)"", 0));
	assert_null(ccs_evidence_sniff(bin, sizeof(bin)));
	assert_null(SNIFF("<html><script>alert(1)</script>"));
	assert_null(SNIFF("  \n\t<svg onload=alert(1)>"));
	assert_null(SNIFF("<?xml version=\"1.0\"?>"));
	assert_null(SNIFF("text with a NUL\0here"));
	assert_null(SNIFF("escape \x1b[2J"));
	assert_null(SNIFF("del \x7f"));
	/* a short prefix of a magic number is not that kind of file */
	assert_string_equal(SNIFF("%PDF"), "text/plain; charset=utf-8");
	assert_true(ccs_evidence_sniff((const unsigned char *)"\x89PNG\r\n",
	    6) == NULL || strcmp(ccs_evidence_sniff((const unsigned char *)
	    "\x89PNG\r\n", 6), "image/png") != 0);
	assert_true(ccs_evidence_sniff((const unsigned char *)"\xff\xd8", 2) ==
	    NULL || strcmp(ccs_evidence_sniff((const unsigned char *)"\xff\xd8",
	    2), "image/jpeg") != 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

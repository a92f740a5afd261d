/*
 * test_ind_csv.c: indicator CSV files (src/format/ind_csv.c): a good file
 * maps every column; each bad row is reported with its line and column
 * and the good rows still come; a bad header stops the read.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "format/ind_csv.h"
#include "util/err.h"

struct got {
	char	 log[2048];	/* "line:type=value|seen|note|tlp;" */
	size_t	 len;		/* bytes used */
};

static int
on_row(void *arg, const struct ccs_ind_csv_row *r)
{
	struct got *g = arg;
	int n;

	n = snprintf(g->log + g->len, sizeof(g->log) - g->len,
	    "%zu:%s=%s|%s|%s|%s;", r->line, ccs_ind_type_name(r->type),
	    r->value, r->seen_at ? r->seen_at : "-", r->note ? r->note : "-",
	    r->has_tlp ? ccs_tlp_name(r->tlp) : "-");
	assert_true(n > 0 && (size_t)n < sizeof(g->log) - g->len);
	g->len += (size_t)n;
	return 0;
}

static int
read(const char *s, struct got *g, struct ccs_errlist *e,
    struct ccs_fail *f)
{
	memset(g, 0, sizeof(*g));
	ccs_errlist_clear(e);
	return ccs_ind_csv_read(s, strlen(s), 0, on_row, g, e, f);
}

static void
test_good(void **state)
{
	struct ccs_errlist *e = ccs_errlist_new(0);
	struct ccs_fail f;
	struct got g;

	(void)state;
	assert_int_equal(read("Type,Value,seen_at,note,TLP\r\n"
	    "ipv4,198.51.100.7,2024-06-06,C2 server,amber\r\n"
	    "ipv4,198.51.100.0/24,2024-06-06T10:00:00Z,,\r\n"
	    "domain-name,Evil[.]Example,2024-06-06T10:00:00.5-04:00,,"
	    "TLP:WHITE\r\n"
	    "\"sha256\",\"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA"
	    "495991B7852B855\",,\"a, quoted note\",red\r\n", &g, e, &f),
	    CCS_OK);
	assert_string_equal(g.log,
	    "2:ipv4=198.51.100.7|2024-06-06|C2 server|amber;"
	    "3:cidr4=198.51.100.0/24|2024-06-06T10:00:00Z|-|-;"
	    "4:domain=evil.example|2024-06-06T10:00:00.5-04:00|-|clear;"
	    "5:sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b"
	    "7852b855|-|a, quoted note|red;");
	/* Columns in another order, only the required ones. */
	assert_int_equal(read("value,type\nbad.actor@evil.example,email\n",
	    &g, e, &f), CCS_OK);
	assert_string_equal(g.log,
	    "2:email=bad.actor@evil.example|-|-|-;");
	ccs_errlist_free(e);
}

static void
test_bad_rows(void **state)
{
	struct ccs_errlist *e = ccs_errlist_new(0);
	struct ccs_fail f;
	struct got g;

	(void)state;
	assert_int_equal(read("type,value,seen_at,tlp\n"
	    "ipv4,198.51.100.7,,\n"
	    "ipv4,198.51.100.300,,\n"
	    "colour,red,,\n"
	    "domain,evil.example,2024-13-01,purple\n"
	    "domain,evil.example\n"
	    "url,http://evil.example/,2024-06-06T10:00:00+24:00,\n"
	    "ipv6,2001:db8::1,,green\n", &g, e, &f), CCS_EINVAL);
	assert_string_equal(f.code, "csv_invalid");
	assert_non_null(strstr(f.message, "5 bad rows"));
	assert_string_equal(g.log, "2:ipv4=198.51.100.7|-|-|-;"
	    "8:ipv6=2001:db8::1|-|-|green;");
	assert_int_equal(ccs_errlist_total(e), 6);
	assert_string_equal(ccs_errlist_path(e, 0), "line 3, value");
	assert_string_equal(ccs_errlist_path(e, 1), "line 4, type");
	assert_string_equal(ccs_errlist_path(e, 2), "line 5, seen_at");
	assert_string_equal(ccs_errlist_path(e, 3), "line 5, tlp");
	assert_string_equal(ccs_errlist_path(e, 4), "line 6, row");
	assert_string_equal(ccs_errlist_path(e, 5), "line 7, seen_at");
	ccs_errlist_free(e);
}

static void
test_bad_files(void **state)
{
	struct ccs_errlist *e = ccs_errlist_new(0);
	struct ccs_fail f;
	struct got g;

	(void)state;
	assert_int_equal(read("", &g, e, &f), CCS_EINVAL);
	assert_string_equal(f.code, "csv_header");
	assert_int_equal(read("type,valu\n", &g, e, &f), CCS_EINVAL);
	assert_non_null(strstr(f.message, "unknown column 'valu'"));
	assert_int_equal(read("type,note\n", &g, e, &f), CCS_EINVAL);
	assert_non_null(strstr(f.message, "type and value"));
	assert_int_equal(read("type,value,type\n", &g, e, &f), CCS_EINVAL);
	assert_int_equal(read("type,value\nipv4,1.2.3.4\nipv4,\"5.6\"7\n", &g,
	    e, &f), CCS_EINVAL);
	assert_string_equal(f.code, "csv");
	assert_non_null(strstr(f.message, "line 3"));
	assert_int_equal(ccs_ind_csv_read("type,value\nipv4,1.2.3.4\n"
	    "ipv4,1.2.3.5\n", 24, 1, NULL, NULL, e, &f), CCS_OK);
	assert_int_equal(ccs_ind_csv_read("type,value\nipv4,1.2.3.4\n"
	    "ipv4,1.2.3.5\n", 37, 1, NULL, NULL, e, &f), CCS_ETOOBIG);
	ccs_errlist_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad_rows),
		cmocka_unit_test(test_bad_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_gaps_export.c: the CSV and XLSX renderings of the gap analysis
 * (src/format/gaps_csv.c, xlsx.c) from hand-made JSON in the shapes
 * ccs_gaps_state and ccs_gaps_matrix return: the CSV rows and headers are
 * exact, database text cannot become a formula, the CSV reads back with
 * the reader, and the XLSX is a ZIP that leaves no temporary file behind.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "format/csv.h"
#include "format/gaps_csv.h"
#include "format/xlsx.h"
#include "util/buf.h"
#include "util/err.h"

static const char state_json[] =
    "{\"state\":{\"code\":\"JM\",\"name\":\"Jamaica\",\"status\":\"member\"},"
    "\"version\":1,\"at\":\"2025-06-30\","
    "\"summary\":{\"met\":1,\"unmet\":1,\"no_data\":1,\"total\":3,"
    "\"percent_met\":33},"
    "\"areas\":[{\"code\":\"PA1\",\"name\":\"Public awareness\","
    "\"summary\":{\"met\":1,\"unmet\":1,\"no_data\":1,\"total\":3,"
    "\"percent_met\":33},"
    "\"specific_areas\":[{\"code\":\"PA1.1\",\"name\":\"Ministers, MPs\","
    "\"summary\":{\"met\":1,\"unmet\":1,\"no_data\":1,\"total\":3,"
    "\"percent_met\":33},\"standards\":["
    "{\"code\":\"AWR-A\",\"title\":\"Sensitised \\\"often\\\"\","
    "\"level_label\":\"Recurring\",\"met_label\":\"One-off\","
    "\"status\":\"met\",\"as_of\":\"2025-01-02\"},"
    "{\"code\":\"AWR-B\",\"title\":\"=cmd|' /C calc'!A0\","
    "\"level_label\":\"None\",\"met_label\":\"One-off\","
    "\"status\":\"unmet\",\"as_of\":\"2024-12-31\"},"
    "{\"code\":\"AWR-C\",\"title\":\"Cura\xC3\xA7" "ao\","
    "\"level_label\":null,\"met_label\":\"Drafted\","
    "\"status\":\"no_data\",\"as_of\":null}]}]}]}";

static const char matrix_json[] =
    "{\"version\":2,\"at\":\"2025-06-30\","
    "\"areas\":[{\"code\":\"PA1\",\"name\":\"Public awareness\"},"
    "{\"code\":\"PA2\",\"name\":\"Capacity\"}],"
    "\"specific_areas\":[{\"code\":\"PA1.1\",\"name\":\"Ministers\","
    "\"standards\":2}],"
    "\"states\":[{\"code\":\"AG\",\"name\":\"Antigua and Barbuda\","
    "\"status\":\"member\",\"summary\":{\"met\":1,\"unmet\":2,\"no_data\":1,"
    "\"total\":4,\"percent_met\":25},\"areas\":["
    "{\"met\":1,\"unmet\":1,\"no_data\":0,\"total\":2,\"percent_met\":50},"
    "{\"met\":0,\"unmet\":0,\"no_data\":2,\"total\":2,\"percent_met\":0}],"
    "\"specific_areas\":[{\"met\":1,\"unmet\":1,\"no_data\":0,\"total\":2,"
    "\"percent_met\":50}]}]}";

static json_t *
load(const char *text)
{
	json_error_t je;
	json_t *j = json_loads(text, 0, &je);

	if (j == NULL)
		fail_msg("test JSON: %s at %d", je.text, je.position);
	return j;
}

static void
test_state_csv(void **state)
{
	json_t *g = load(state_json);
	const char *const *fl;
	struct ccs_csv *c;
	struct ccs_buf b;
	size_t n;

	(void)state;
	ccs_buf_init(&b, 1 << 20);
	assert_int_equal(ccs_gaps_csv_state(g, &b), CCS_OK);
	assert_string_equal(ccs_buf_str(&b),
	    "State,Priority area,Specific area,Code,Standard,Level,Minimum,"
	    "Status,As of\r\n"
	    "JM,PA1 Public awareness,\"PA1.1 Ministers, MPs\",AWR-A,"
	    "\"Sensitised \"\"often\"\"\",Recurring,One-off,met,2025-01-02\r\n"
	    "JM,PA1 Public awareness,\"PA1.1 Ministers, MPs\",AWR-B,"
	    "\"'=cmd|' /C calc'!A0\",None,One-off,unmet,2024-12-31\r\n"
	    "JM,PA1 Public awareness,\"PA1.1 Ministers, MPs\",AWR-C,"
	    "Cura\xC3\xA7" "ao,,Drafted,no data,\r\n");
	/* and it reads back: 4 records of 9 fields */
	c = ccs_csv_new(b.data, b.len);
	for (n = 0; n < 4; n++) {
		size_t nf;

		assert_int_equal(ccs_csv_next(c, &fl, &nf), CCS_OK);
		assert_int_equal(nf, 9);
	}
	ccs_csv_free(c);
	ccs_buf_free(&b);
	json_decref(g);
}

static void
test_matrix_csv(void **state)
{
	json_t *m = load(matrix_json);
	struct ccs_buf b;

	(void)state;
	ccs_buf_init(&b, 1 << 20);
	assert_int_equal(ccs_gaps_csv_matrix(m, &b), CCS_OK);
	assert_string_equal(ccs_buf_str(&b),
	    "State code,State,Membership,Standards,Met,Unmet,No data,"
	    "All standards (% met),PA1 Public awareness (% met),"
	    "PA2 Capacity (% met),PA1.1 Ministers (% met)\r\n"
	    "AG,Antigua and Barbuda,member,4,1,2,1,25,50,0,50\r\n");
	ccs_buf_free(&b);
	json_decref(m);
}

static void
test_bad_shapes(void **state)
{
	json_t *j = load("{\"areas\":{}}");
	struct ccs_buf b;
	char *x = NULL;
	size_t len = 0;

	(void)state;
	ccs_buf_init(&b, 1024);
	assert_int_equal(ccs_gaps_csv_state(j, &b), CCS_EINVAL);
	assert_int_equal(ccs_gaps_csv_matrix(j, &b), CCS_EINVAL);
	assert_int_equal(ccs_xlsx_gaps_state(j, &x, &len), CCS_EINVAL);
	assert_int_equal(ccs_xlsx_gaps_matrix(j, &x, &len), CCS_EINVAL);
	assert_null(x);
	ccs_buf_free(&b);
	json_decref(j);
	/* a full limit is reported, not cut */
	j = load(state_json);
	ccs_buf_init(&b, 100);
	assert_int_equal(ccs_gaps_csv_state(j, &b), CCS_ETOOBIG);
	ccs_buf_free(&b);
	json_decref(j);
}

/* Files in @p dir whose names start with "ccscap-xlsx-". */
static size_t
leftovers(const char *dir)
{
	struct dirent *de;
	size_t n = 0;
	DIR *d = opendir(dir);

	assert_non_null(d);
	for (de = readdir(d); de != NULL; de = readdir(d)) {
		if (strncmp(de->d_name, "ccscap-xlsx-", 12) == 0)
			n++;
	}
	closedir(d);
	return n;
}

static void
test_xlsx(void **state)
{
	char dir[] = "/tmp/ccs-test-xlsx-XXXXXX";
	json_t *g = load(state_json), *m = load(matrix_json);
	char *x = NULL;
	size_t len = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(setenv("TMPDIR", dir, 1), 0);
	assert_int_equal(ccs_xlsx_gaps_state(g, &x, &len), CCS_OK);
	assert_true(len > 1000);
	assert_memory_equal(x, "PK\x03\x04", 4);
	assert_non_null(memmem(x, len, "xl/workbook.xml", 15));
	free(x);
	x = NULL;
	assert_int_equal(ccs_xlsx_gaps_matrix(m, &x, &len), CCS_OK);
	assert_memory_equal(x, "PK\x03\x04", 4);
	assert_non_null(memmem(x, len, "xl/worksheets/sheet3.xml", 24));
	free(x);
	assert_int_equal(leftovers(dir), 0);
	/* an unusable directory is an error, not a crash */
	assert_int_equal(setenv("TMPDIR", "/nonexistent/ccs-test", 1), 0);
	x = NULL;
	assert_int_equal(ccs_xlsx_gaps_matrix(m, &x, &len), CCS_EIO);
	assert_null(x);
	assert_int_equal(unsetenv("TMPDIR"), 0);
	assert_int_equal(rmdir(dir), 0);
	json_decref(g);
	json_decref(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state_csv),
		cmocka_unit_test(test_matrix_csv),
		cmocka_unit_test(test_bad_shapes),
		cmocka_unit_test(test_xlsx),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

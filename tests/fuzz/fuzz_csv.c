/*
 * fuzz_csv.c: libFuzzer target for the CSV reader and writer
 * (src/format/csv.c). On any input the reader must stay within its limits
 * and hand out only well-formed UTF-8 without NULs (checked against an
 * independent decoder); every record it reads must survive a round trip
 * through the writer (with an apostrophe before a defused formula); and
 * the writer must never let a field start, as a spreadsheet sees it, with
 * a formula character.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format/csv.h"
#include "util/buf.h"
#include "util/err.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)	do { if (!(x)) abort(); } while (0)

/* Reference decoder (RFC 3629): no overlongs, surrogates, > U+10FFFF. */
static bool
ref_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0, k, len;
	uint32_t cp, min;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0) {
			len = 2;
			cp = s[i] & 0x1fu;
			min = 0x80;
		} else if ((s[i] & 0xf0) == 0xe0) {
			len = 3;
			cp = s[i] & 0x0fu;
			min = 0x800;
		} else if ((s[i] & 0xf8) == 0xf0) {
			len = 4;
			cp = s[i] & 0x07u;
			min = 0x10000;
		} else
			return false;
		if (i + len > n)
			return false;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3fu);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

static bool
formula_char(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
	    c == '\r';
}

/* Writes one record and reads it back; the fields must come back. */
static void
round_trip(const char *const *fl, size_t n)
{
	const char *const *back;
	struct ccs_csv *c;
	struct ccs_buf b;
	size_t i, nb, longest = 0;
	int rc;

	ccs_buf_init(&b, 8 * CCS_CSV_MAX_RECORD);
	/* A first record, so a field starting with a BOM is not at 0. */
	CHECK(ccs_buf_adds(&b, "h\r\n") == CCS_OK);
	for (i = 0; i < n; i++) {
		CHECK(ccs_csv_put(&b, fl[i], i == 0) == CCS_OK);
		if (strlen(fl[i]) + 1 > longest)
			longest = strlen(fl[i]) + 1;
	}
	CHECK(ccs_csv_end(&b) == CCS_OK);
	c = ccs_csv_new(b.data, b.len);
	CHECK(c != NULL);
	CHECK(ccs_csv_next(c, &back, &nb) == CCS_OK && nb == 1);
	rc = ccs_csv_next(c, &back, &nb);
	if (rc == CCS_ETOOBIG) {
		/* Escaping or an apostrophe may push a record over a limit. */
		CHECK(b.len - 3 > CCS_CSV_MAX_RECORD ||
		    longest > CCS_CSV_MAX_FIELD);
		goto out;
	}
	CHECK(rc == CCS_OK);
	if (n == 1 && fl[0][0] == '\0') {
		/* One empty field is written as an empty line: skipped. */
		CHECK(nb == 0);
		goto out;
	}
	CHECK(nb == n);
	for (i = 0; i < n; i++) {
		if (formula_char(fl[i][0])) {
			CHECK(back[i][0] == '\'');
			CHECK(strcmp(back[i] + 1, fl[i]) == 0);
		} else
			CHECK(strcmp(back[i], fl[i]) == 0);
	}
	CHECK(ccs_csv_next(c, &back, &nb) == CCS_OK && nb == 0);
out:
	ccs_csv_free(c);
	ccs_buf_free(&b);
}

/* The whole input as one field through the writer. */
static void
write_field(const uint8_t *data, size_t size)
{
	struct ccs_buf b;
	char *s;
	size_t n;
	const char *p;

	n = size < 4096 ? size : 4096;
	s = malloc(n + 1);
	CHECK(s != NULL);
	memcpy(s, data, n);
	s[n] = '\0';
	ccs_buf_init(&b, 3 * n + 8);
	CHECK(ccs_csv_put(&b, s, true) == CCS_OK);
	p = ccs_buf_str(&b);
	/* Whatever a spreadsheet reads first is never a formula start. */
	CHECK(!formula_char(p[0]));
	if (p[0] == '"')
		CHECK(!formula_char(p[1]));
	/* Quoted exactly when needed, and then quotes are doubled. */
	if (strpbrk(s, ",\"\r\n") != NULL || formula_char(s[0]))
		CHECK(p[0] == '"' && p[b.len - 1] == '"');
	else
		CHECK(strcmp(p, s) == 0);
	ccs_buf_free(&b);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *const *fl;
	struct ccs_csv *c;
	size_t n, i, line = 0, records = 0;
	int rc;

	c = ccs_csv_new((const char *)data, size);
	CHECK(c != NULL);
	for (;;) {
		rc = ccs_csv_next(c, &fl, &n);
		if (rc != CCS_OK) {
			CHECK(rc == CCS_EINVAL || rc == CCS_ETOOBIG);
			CHECK(fl == NULL && n == 0);
			CHECK(ccs_csv_error(c)[0] != '\0');
			CHECK(ccs_csv_line(c) >= 1);
			/* sticky */
			CHECK(ccs_csv_next(c, &fl, &n) == rc);
			break;
		}
		if (n == 0)
			break;
		CHECK(n <= CCS_CSV_MAX_COLS);
		/* records begin on later lines than the one before */
		CHECK(ccs_csv_line(c) > line);
		line = ccs_csv_line(c);
		for (i = 0; i < n; i++) {
			size_t len = strlen(fl[i]);

			CHECK(len <= CCS_CSV_MAX_FIELD);
			CHECK(ref_utf8((const unsigned char *)fl[i], len));
		}
		round_trip(fl, n);
		records++;
	}
	CHECK(records <= size);
	ccs_csv_free(c);
	write_field(data, size);
	return 0;
}

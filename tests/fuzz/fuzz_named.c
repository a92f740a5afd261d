/*
 * fuzz_named.c: libFuzzer target for the named-parameter rewriter
 * (store/named.c). The input is a list of names, one per line, then a
 * blank line, then the SQL text. Checked: no crash or leak; a refusal
 * leaves nothing to free and no values; a success uses every name once,
 * binds each value as given, grows the text by at most one byte per
 * placeholder, and gives the same text when run again.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)	do { if (!(x)) abort(); } while (0)
#define MAXNAMES	(CCS_NAMED_MAX + 2)	/* a few past the limit */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ccs_named np[MAXNAMES];
	struct ccs_val vals[CCS_NAMED_MAX], again[CCS_NAMED_MAX];
	struct ccs_buf b, b2;
	char *text, *p, *nl, *sql;
	size_t nnp = 0, n = 0, n2 = 0, i, k;
	char err[160];
	int rc;

	if (size > CCS_NAMED_SQL_MAX + 1024)
		return 0;
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	/* names up to the first empty line; no empty line: all SQL */
	p = text;
	sql = text;
	if (strstr(text, "\n\n") != NULL) {
		while (nnp < MAXNAMES && (nl = strchr(p, '\n')) != NULL &&
		    nl != p) {
			*nl = '\0';
			np[nnp].name = p;
			np[nnp].val = CCS_VINT((int64_t)nnp);
			nnp++;
			p = nl + 1;
		}
		sql = p;
		if (*sql == '\n')
			sql++;
	}
	rc = ccs_sql_named(sql, np, nnp, &b, vals, &n, err, sizeof(err));
	if (rc != CCS_OK) {
		CHECK(rc == CCS_EINVAL || rc == CCS_ENOMEM);
		CHECK(b.data == NULL && n == 0);
		CHECK(rc != CCS_EINVAL || err[0] != '\0');
		free(text);
		return 0;
	}
	CHECK(n == nnp && n <= CCS_NAMED_MAX);
	/* ":a" (2 bytes) becomes at most "$32" (3) */
	CHECK(b.len <= strlen(sql) + strlen(sql) / 2);
	CHECK(strlen(ccs_buf_str(&b)) == b.len);
	/* each name's value is bound exactly once */
	for (i = 0; i < nnp; i++) {
		size_t seen = 0;

		for (k = 0; k < n; k++)
			if (vals[k].type == CCS_V_INT &&
			    vals[k].i == (int64_t)i)
				seen++;
		CHECK(seen == 1);
	}
	rc = ccs_sql_named(sql, np, nnp, &b2, again, &n2, NULL, 0);
	CHECK(rc == CCS_OK && n2 == n && b2.len == b.len);
	CHECK(memcmp(ccs_buf_str(&b), ccs_buf_str(&b2), b.len) == 0);
	for (k = 0; k < n; k++)
		CHECK(again[k].i == vals[k].i);
	ccs_buf_free(&b);
	ccs_buf_free(&b2);
	free(text);
	return 0;
}

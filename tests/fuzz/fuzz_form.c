/*
 * fuzz_form.c: libFuzzer target for the public pages' input and output:
 * the form body parser (http/reporting/form.c) on urlencoded and
 * multipart bodies (the first byte picks the type), whose fields must
 * lie inside the body; the .mo catalogue reader (util/i18n.c), which
 * must refuse or accept without reading outside the bytes; and the HTML
 * escaper, whose output must hold none of the five special characters
 * outside an entity.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/reporting/form.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/html.h"
#include "util/i18n.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)	do { if (!(x)) abort(); } while (0)

static void
form(const uint8_t *data, size_t size)
{
	struct ccs_form f;
	char *body = malloc(size + 1);
	size_t i;

	CHECK(body != NULL);
	memcpy(body, data + 1, size - 1);
	if (ccs_form_parse(body, size - 1, data[0] & 1 ?
	    "multipart/form-data; boundary=B" :
	    "application/x-www-form-urlencoded", &f) == CCS_OK) {
		CHECK(f.n <= CCS_FORM_FIELDS);
		for (i = 0; i < f.n; i++) {
			CHECK(f.f[i].value >= body);
			CHECK(f.f[i].value + f.f[i].len <= body + size);
			CHECK(f.f[i].filename != NULL ||
			    strlen(f.f[i].value) == f.f[i].len);
		}
	}
	free(body);
}

static void
escape(const uint8_t *data, size_t size)
{
	struct ccs_buf b;
	char *s = malloc(size + 1);
	const char *p;

	CHECK(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	ccs_buf_init(&b, size * 6 + 16);
	CHECK(ccs_html_esc(&b, s) == CCS_OK);
	for (p = ccs_buf_str(&b); *p != '\0'; p++)
		CHECK(*p != '<' && *p != '>' && *p != '"' && *p != '\'');
	ccs_buf_free(&b);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ccs_i18n *t;
	unsigned char *mo;

	if (size < 1)
		return 0;
	form(data, size);
	escape(data, size);
	/* an exact-size copy, so ASan sees any read past the end */
	mo = malloc(size);
	t = ccs_i18n_empty();
	CHECK(mo != NULL && t != NULL);
	memcpy(mo, data, size);
	if (ccs_i18n_add_mo(t, "fr", mo, size) == CCS_OK)
		(void)ccs_i18n_tr(t, "fr", "Language");
	ccs_i18n_free(t);
	free(mo);
	return 0;
}

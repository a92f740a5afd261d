/*
 * fuzz_pattern.c: libFuzzer target for the STIX pattern parser and
 * builder (src/format/stix/stix_pattern.c). Any input must be parsed or
 * refused without a crash or leak; every term the parser gives must hold
 * a canonical value of its type, and the pattern built from it must parse
 * back to that same single term.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/indicator/indicator.h"
#include "format/stix/stix_pattern.h"
#include "util/buf.h"
#include "util/err.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)	do { if (!(x)) abort(); } while (0)

static void
round_trip(enum ccs_ind_type t, const char *v)
{
	char canon[CCS_IND_VALUE_MAX];
	struct ccs_stix_pattern *p;
	const char *v2;
	enum ccs_ind_type t2;
	struct ccs_buf b;
	struct ccs_fail f;

	CHECK(ccs_ind_normalise(t, v, canon, sizeof(canon), &f) == CCS_OK);
	CHECK(strcmp(canon, v) == 0);
	ccs_buf_init(&b, 16384);
	CHECK(ccs_stix_pattern_build(t, v, &b, &f) == CCS_OK);
	CHECK(ccs_stix_pattern_parse(ccs_buf_str(&b), &p, &f) == CCS_OK);
	CHECK(ccs_stix_pattern_count(p) == 1);
	CHECK(ccs_stix_pattern_term(p, 0, &t2, &v2, NULL));
	CHECK(t2 == t);
	CHECK(strcmp(v2, v) == 0);
	ccs_stix_pattern_free(p);
	ccs_buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ccs_stix_pattern *p = NULL;
	struct ccs_fail f;
	enum ccs_ind_type t;
	const char *v, *raw;
	char *s;
	size_t i, n;
	int rc;

	n = size < 8192 ? size : 8192;
	s = malloc(n + 1);
	CHECK(s != NULL);
	memcpy(s, data, n);
	s[n] = '\0';
	rc = ccs_stix_pattern_parse(s, &p, &f);
	if (rc != CCS_OK) {
		CHECK(rc == CCS_EINVAL || rc == CCS_ETOOBIG);
		CHECK(p == NULL);
		goto out;
	}
	CHECK(ccs_stix_pattern_count(p) <= CCS_STIX_PATTERN_TERMS);
	for (i = 0; i < ccs_stix_pattern_count(p); i++) {
		CHECK(ccs_stix_pattern_term(p, i, &t, &v, &raw));
		CHECK((unsigned)t < CCS_IND_NTYPES);
		CHECK(raw != NULL);
		round_trip(t, v);
	}
	CHECK(!ccs_stix_pattern_term(p, i, &t, &v, &raw));
	ccs_stix_pattern_free(p);
out:
	free(s);
	return 0;
}

/*
 * fuzz_stix.c: libFuzzer target for the STIX bundle reader and the object
 * checker (src/format/stix/stix_stream.c, stix_check.c). The input is fed in
 * two pieces split where its first byte says, so chunk boundaries fall
 * everywhere; the reader must stay within its limits, deliver objects in
 * order, give the same result as one whole feed, and every object it
 * delivers must go through the checker (and its pattern parser) safely.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/errlist.h"
#include "format/stix/stix_check.h"
#include "format/stix/stix_stream.h"
#include "util/err.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)	do { if (!(x)) abort(); } while (0)

struct st {
	struct ccs_errlist	*errs;	/* checker output */
	size_t			 n;	/* objects seen */
};

static int
on_obj(void *arg, size_t index, json_t *obj)
{
	struct st *s = arg;
	size_t i;

	CHECK(index == s->n);
	CHECK(json_is_object(obj));
	s->n++;
	ccs_errlist_clear(s->errs);
	CHECK(ccs_stix_check(obj, "objects[0]", s->errs) != CCS_ENOMEM);
	for (i = 0; i < ccs_errlist_count(s->errs); i++) {
		CHECK(strncmp(ccs_errlist_path(s->errs, i), "objects[0]",
		    10) == 0);
		CHECK(ccs_errlist_message(s->errs, i)[0] != '\0');
	}
	return 0;
}

static int
run(const uint8_t *data, size_t size, size_t split, size_t *n,
    struct ccs_errlist *errs)
{
	struct ccs_stix_read_opts o;
	struct ccs_stix_reader *r;
	struct ccs_fail f;
	struct st s = { errs, 0 };
	int rc;

	memset(&o, 0, sizeof(o));
	o.max_object = 4096;
	CHECK(ccs_stix_reader_new(&o, on_obj, &s, &r) == CCS_OK);
	rc = ccs_stix_reader_feed(r, data, split, &f);
	if (rc == CCS_OK)
		rc = ccs_stix_reader_feed(r, data + split, size - split, &f);
	if (rc == CCS_OK)
		rc = ccs_stix_reader_finish(r, &f);
	CHECK(rc == CCS_OK || rc == CCS_EINVAL || rc == CCS_ETOOBIG);
	if (rc != CCS_OK) {
		CHECK(strncmp(f.message, "byte ", 5) == 0 ||
		    strncmp(f.message, "not a bundle", 12) == 0);
		/* sticky */
		CHECK(ccs_stix_reader_finish(r, &f) == rc);
	} else
		CHECK(ccs_stix_id_ok(ccs_stix_reader_bundle_id(r), "bundle"));
	CHECK(ccs_stix_reader_count(r) == s.n);
	CHECK(ccs_stix_reader_bytes(r) <= size);
	*n = s.n;
	ccs_stix_reader_free(r);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ccs_errlist *errs = ccs_errlist_new(0);
	size_t split = size > 0 ? data[0] % (size + 1) : 0;
	size_t n1, n2;
	int rc1, rc2;

	CHECK(errs != NULL);
	rc1 = run(data, size, split, &n1, errs);
	rc2 = run(data, size, size, &n2, errs);
	/* Where the input is cut must not change the outcome. */
	CHECK(rc1 == rc2);
	CHECK(n1 == n2);
	ccs_errlist_free(errs);
	return 0;
}

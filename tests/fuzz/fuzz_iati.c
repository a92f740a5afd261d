/*
 * fuzz_iati.c: libFuzzer target for the IATI activity reader and writer
 * (src/format/iati/). Any input must be read or refused without a crash
 * or leak; every error must name a path and a line; an activity that
 * reads at CCS_IATI_CHECK_ALL must be accepted by the writer, and the
 * written document must read back with the same number of activities.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/errlist.h"
#include "format/iati/iati.h"
#include "util/err.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)	do { if (!(x)) abort(); } while (0)

struct st {
	struct ccs_iati_writer	*w;	/* writes what was read */
	size_t			 n;	/* activities read */
};

static int
on_act(void *arg, const struct ccs_iati_activity *a)
{
	struct st *s = arg;
	struct ccs_fail f;

	CHECK(a->index == s->n + 1);
	CHECK(a->identifier != NULL && a->status != NULL);
	CHECK(ccs_iati_writer_add(s->w, a, NULL, &f) == CCS_OK);
	s->n++;
	return 0;
}

static int
on_count(void *arg, const struct ccs_iati_activity *a)
{
	(void)a;
	(*(size_t *)arg)++;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ccs_iati_read_opts o;
	struct ccs_errlist *e = ccs_errlist_new(20);
	struct ccs_fail f;
	struct st s;
	char *out = NULL;
	size_t len = 0, n = 0, i;
	unsigned long line;
	FILE *mem;
	int rc;

	CHECK(e != NULL);
	memset(&o, 0, sizeof(o));
	o.max_activities = 50;
	o.max_activity = 256 * 1024;
	memset(&s, 0, sizeof(s));
	mem = open_memstream(&out, &len);
	CHECK(mem != NULL);
	CHECK(ccs_iati_writer_new(mem, NULL, &s.w, &f) == CCS_OK);
	rc = ccs_iati_read_mem((const char *)data, size, &o, on_act, &s, e,
	    &f);
	for (i = 0; i < ccs_errlist_count(e); i++) {
		CHECK(strncmp(ccs_errlist_path(e, i), "/", 1) == 0);
		CHECK(sscanf(ccs_errlist_message(e, i), "line %lu:",
		    &line) == 1);
	}
	CHECK(rc != CCS_OK || ccs_errlist_total(e) == 0);
	if (rc == CCS_OK) {
		CHECK(ccs_iati_writer_finish(s.w, &f) == CCS_OK);
		CHECK(fflush(mem) == 0);
		ccs_errlist_clear(e);
		rc = ccs_iati_read_mem(out, len, &o, on_count, &n, e, &f);
		CHECK(rc == CCS_OK && n == s.n);
	}
	ccs_iati_writer_free(s.w);
	fclose(mem);
	free(out);
	ccs_errlist_free(e);
	return 0;
}

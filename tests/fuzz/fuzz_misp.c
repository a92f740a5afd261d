/*
 * fuzz_misp.c: libFuzzer target for the MISP event reader
 * (src/format/misp.c). Any input must be read or refused without a crash
 * or leak; every indicator delivered must be canonical for its type, the
 * counts must agree with the callbacks, and every error must have a path
 * and a message.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format/errlist.h"
#include "format/misp.h"
#include "util/err.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)	do { if (!(x)) abort(); } while (0)

struct cnt {
	size_t	 events;	/* on_event calls */
	size_t	 attrs;		/* on_attr calls */
	size_t	 inds;		/* indicators in them */
};

static int
on_event(void *arg, const struct ccs_misp_event *ev)
{
	struct cnt *c = arg;

	CHECK(ev->path != NULL && ev->ntags <= CCS_MISP_TAGS_MAX);
	CHECK(!ev->has_tlp || (unsigned)ev->tlp < CCS_TLP_NLEVELS);
	c->events++;
	return 0;
}

static int
on_attr(void *arg, const struct ccs_misp_event *ev,
    const struct ccs_misp_attr *a)
{
	char canon[CCS_IND_VALUE_MAX];
	struct cnt *c = arg;
	size_t i;

	(void)ev;
	CHECK(a->type != NULL && a->value != NULL && a->nind <= 2);
	for (i = 0; i < a->nind; i++) {
		CHECK(ccs_ind_normalise(a->ind[i].type, a->ind[i].value, canon,
		    sizeof(canon), NULL) == CCS_OK);
		CHECK(strcmp(canon, a->ind[i].value) == 0);
	}
	c->attrs++;
	c->inds += a->nind;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct ccs_misp_cb cb = { on_event, on_attr };
	struct ccs_errlist *errs = ccs_errlist_new(0);
	struct ccs_misp_opts o = { 1000 };
	struct ccs_misp_stats st;
	struct cnt c = { 0, 0, 0 };
	struct ccs_fail f;
	size_t i;
	int rc;

	CHECK(errs != NULL);
	rc = ccs_misp_read((const char *)data, size, &o, &cb, &c, &st, errs,
	    &f);
	CHECK(rc == CCS_OK || rc == CCS_EINVAL || rc == CCS_ETOOBIG);
	CHECK(c.events == st.events && c.attrs == st.attributes &&
	    c.inds == st.indicators);
	CHECK((rc == CCS_OK) == (ccs_errlist_total(errs) == 0) ||
	    rc != CCS_EINVAL || strcmp(f.code, "misp_syntax") == 0);
	for (i = 0; i < ccs_errlist_count(errs); i++)
		CHECK(ccs_errlist_message(errs, i)[0] != '\0');
	ccs_errlist_free(errs);
	return 0;
}

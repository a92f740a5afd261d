/*
 * errlist.c: bounded list of import errors.
 *
 * The entries are allocated when the list is made, so adding an error
 * after the cap costs nothing and a hostile document with a million bad
 * rows uses the same memory as one with a hundred. Paths are copied
 * (they are built by the caller in short-lived buffers); messages are
 * formatted into a fixed field. Non-goal: sorting or de-duplicating.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/errlist.h"
#include "util/err.h"
#include "util/mem.h"

struct errent {
	char	*path;		/* owned, "" for the document */
	char	 msg[256];	/* the message */
};

struct ccs_errlist {
	size_t		 cap;	/* entries allocated */
	size_t		 n;	/* entries used */
	size_t		 total;	/* errors added, kept or not */
	struct errent	*e;	/* cap entries */
};

struct ccs_errlist *
ccs_errlist_new(size_t cap)
{
	struct ccs_errlist *l = NULL;

	if (cap == 0)
		cap = CCS_ERRLIST_DEFAULT;
	if (cap > CCS_ERRLIST_MAX)
		goto fail;
	l = ccs_calloc(1, sizeof(*l));
	if (l == NULL)
		goto fail;
	l->e = ccs_calloc(cap, sizeof(*l->e));
	if (l->e == NULL)
		goto fail;
	l->cap = cap;
	return l;
fail:
	free(l);
	return NULL;
}

void
ccs_errlist_clear(struct ccs_errlist *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->e[i].path);
		l->e[i].path = NULL;
	}
	l->n = 0;
	l->total = 0;
}

void
ccs_errlist_free(struct ccs_errlist *l)
{
	if (l == NULL)
		return;
	ccs_errlist_clear(l);
	free(l->e);
	free(l);
}

int
ccs_errlist_add(struct ccs_errlist *l, const char *path, const char *fmt,
    ...)
{
	struct errent *e;
	va_list ap;
	int n;

	l->total++;
	if (l->n >= l->cap)
		return CCS_OK;
	e = &l->e[l->n];
	e->path = ccs_strdup(path != NULL ? path : "");
	if (e->path == NULL)
		return CCS_ENOMEM;
	va_start(ap, fmt);
	n = vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		e->msg[0] = '\0';
	else if ((size_t)n >= sizeof(e->msg))
		/* A cut message still helps; say that it was cut. */
		memcpy(e->msg + sizeof(e->msg) - 4, "...", 4);
	l->n++;
	return CCS_OK;
}

size_t
ccs_errlist_count(const struct ccs_errlist *l)
{
	return l->n;
}

size_t
ccs_errlist_total(const struct ccs_errlist *l)
{
	return l->total;
}

const char *
ccs_errlist_path(const struct ccs_errlist *l, size_t i)
{
	return i < l->n ? l->e[i].path : NULL;
}

const char *
ccs_errlist_message(const struct ccs_errlist *l, size_t i)
{
	return i < l->n ? l->e[i].msg : NULL;
}

/* mem.c: allocation wrappers that refuse overflowing sizes. */
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

void *
ccs_malloc(size_t n)
{
	return malloc(n == 0 ? 1 : n);
}

void *
ccs_calloc(size_t n, size_t size)
{
	size_t total;

	if (!ccs_mul_sz(n, size, &total))
		return NULL;
	return calloc(1, total == 0 ? 1 : total);
}

void *
ccs_reallocarray(void *p, size_t n, size_t size)
{
	size_t total;

	if (!ccs_mul_sz(n, size, &total))
		return NULL;
	return realloc(p, total == 0 ? 1 : total);
}

char *
ccs_strdup(const char *s)
{
	size_t n;
	char *d;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	d = ccs_malloc(n);
	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

void
ccs_wipe(void *p, size_t n)
{
	if (p != NULL)
		explicit_bzero(p, n);
}

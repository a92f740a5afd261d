/* mem.c: allocation wrappers that refuse overflowing sizes. */
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

#ifdef CCS_MEM_FAULT
/*
 * Test builds only. ccs_malloc takes no context to hang a counter on, and
 * threading one through every allocation of every layer is not worth it
 * for a test hook, so the counter is per thread: the only mutable state
 * outside a context (style rule 16), and it never exists in the product.
 */
static _Thread_local unsigned long fault_nth;	/* allocation to fail */
static _Thread_local unsigned long fault_calls;	/* counted since armed */

void
ccs_mem_fault_arm(unsigned long nth)
{
	fault_nth = nth;
	fault_calls = 0;
}

unsigned long
ccs_mem_fault_calls(void)
{
	return fault_calls;
}

bool
ccs_mem_fault_hit(void)
{
	fault_calls++;
	return fault_nth != 0 && fault_calls == fault_nth;
}
#define FAULT()	ccs_mem_fault_hit()
#else
#define FAULT()	false
#endif

void *
ccs_malloc(size_t n)
{
	if (FAULT())
		return NULL;
	return malloc(n == 0 ? 1 : n);
}

void *
ccs_calloc(size_t n, size_t size)
{
	size_t total;

	if (!ccs_mul_sz(n, size, &total) || FAULT())
		return NULL;
	return calloc(1, total == 0 ? 1 : total);
}

void *
ccs_reallocarray(void *p, size_t n, size_t size)
{
	size_t total;

	if (!ccs_mul_sz(n, size, &total) || FAULT())
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

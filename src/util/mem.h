/* mem.h: checked allocation and size arithmetic. */
#ifndef CCS_MEM_H
#define CCS_MEM_H

#include <stdbool.h>
#include <stddef.h>

/** Returns new memory or NULL; caller frees with free(). */
void	*ccs_malloc(size_t n);
/** Zeroed array of @p n * @p size, NULL on overflow or OOM. */
void	*ccs_calloc(size_t n, size_t size);
/** realloc of @p n * @p size with overflow check; @p p untouched on failure. */
void	*ccs_reallocarray(void *p, size_t n, size_t size);
/** Returns a new copy of @p s (NULL gives NULL); caller frees. */
char	*ccs_strdup(const char *s);

/** *out = a + b; returns false on overflow. */
static inline bool
ccs_add_sz(size_t a, size_t b, size_t *out)
{
	return !__builtin_add_overflow(a, b, out);
}

/** *out = a * b; returns false on overflow. */
static inline bool
ccs_mul_sz(size_t a, size_t b, size_t *out)
{
	return !__builtin_mul_overflow(a, b, out);
}

/** Wipes @p n bytes at @p p so the compiler cannot elide it. */
void	 ccs_wipe(void *p, size_t n);

#ifdef CCS_MEM_FAULT
/*
 * Allocation fault injection (style rule 11), in test builds only: the
 * test executables that use it compile mem.c themselves with
 * -DCCS_MEM_FAULT (tests/svc/meson.build); libccs and the ccscap binary
 * never have it.
 */
/** Makes the @p nth allocation from now on fail, once; 0 disarms. */
void		 ccs_mem_fault_arm(unsigned long nth);
/** Allocations counted since ccs_mem_fault_arm. */
unsigned long	 ccs_mem_fault_calls(void);
/** Counts one allocation; true when it is the one to fail. For test
 * allocators that wrap other libraries' allocations (jansson). */
bool		 ccs_mem_fault_hit(void);
#endif

#endif

/* str.h: bounded string helpers and checked number parsing. */
#ifndef CCS_STR_H
#define CCS_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * Copies @p src into @p dst of @p size bytes, always NUL-terminated.
 * @return CCS_OK, or CCS_ETOOBIG when @p src did not fit (truncation is an
 * error; @p dst then holds the truncated prefix).
 */
int	ccs_strlcpy(char *dst, const char *src, size_t size);
/** snprintf that returns CCS_ETOOBIG on truncation. */
int	ccs_snprintf(char *dst, size_t size, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/**
 * Parses a whole decimal integer in [min, max] into *out.
 * @return CCS_OK or CCS_EINVAL (empty, junk, out of range).
 */
int	ccs_parse_i64(const char *s, int64_t min, int64_t max,
	    int64_t *out /* OUT */);
/** Same for unsigned sizes. */
int	ccs_parse_size(const char *s, size_t min, size_t max,
	    size_t *out /* OUT */);
/** True when @p s is non-NULL and equal to @p t. */
bool	ccs_streq(const char *s, const char *t);
/** Constant-time comparison of two equal-length strings. */
bool	ccs_ct_streq(const char *a, const char *b);
/** Like ccs_text_ok for @p len bytes (a NUL byte is refused). */
bool	ccs_text_ok_n(const char *s, size_t len);
/** True when @p s (NUL-terminated) is valid UTF-8 without NULs/controls
 * other than tab, CR and LF. */
bool	ccs_text_ok(const char *s);

#endif

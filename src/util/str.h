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
/* Why a text was refused (ccs_text_check). */
enum ccs_text_fault {
	CCS_TEXT_OK = 0,
	CCS_TEXT_CONTROL,	/* NUL, C0 other than tab/CR/LF, DEL */
	CCS_TEXT_C1,		/* U+0080..U+009F */
	CCS_TEXT_BIDI,		/* U+202A..U+202E, U+2066..U+2069 */
	CCS_TEXT_UTF8		/* not well-formed UTF-8 */
};

/**
 * Checks @p len bytes of stored text: well-formed UTF-8 without NUL, C0
 * controls other than tab, CR and LF, DEL, C1 controls, or the Unicode
 * bidirectional embeddings, overrides and isolates that reorder what a
 * reader sees (Trojan Source, CVE-2021-42574). The marks U+200E, U+200F
 * and U+061C stay allowed: Arabic and Hebrew text needs them.
 * @param at OUT (may be NULL): byte offset of the first fault
 */
enum ccs_text_fault ccs_text_check(const char *s, size_t len,
	    size_t *at /* OUT */);
/** A phrase naming @p f for an error message ("a bidirectional ..."). */
const char *ccs_text_fault_text(enum ccs_text_fault f);
/** Like ccs_text_ok for @p len bytes (a NUL byte is refused). */
bool	ccs_text_ok_n(const char *s, size_t len);
/** True when ccs_text_check finds nothing in @p s (NUL-terminated). */
bool	ccs_text_ok(const char *s);

#endif

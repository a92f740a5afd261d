/* buf.h: growable byte buffer with a hard maximum (like curl's dynbuf). */
#ifndef CCS_BUF_H
#define CCS_BUF_H

#include <stddef.h>
#include <stdint.h>

struct ccs_buf {
	char	*data;	/* NUL-terminated contents, NULL while empty */
	size_t	 len;	/* bytes used, excluding the NUL */
	size_t	 cap;	/* bytes allocated */
	size_t	 max;	/* hard limit on len */
};

/** Initialises an empty buffer that may grow to @p max bytes. */
void	ccs_buf_init(struct ccs_buf *b, size_t max);
/** Appends @p n bytes; CCS_ETOOBIG past max, CCS_ENOMEM on OOM. */
int	ccs_buf_add(struct ccs_buf *b, const void *p, size_t n);
/** Appends a C string. */
int	ccs_buf_adds(struct ccs_buf *b, const char *s);
/** Appends printf-style text; truncation is an error. */
int	ccs_buf_printf(struct ccs_buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/** Returns the contents (never NULL: "" when empty); borrowed. */
const char *ccs_buf_str(const struct ccs_buf *b);
/** Hands the contents to the caller (who frees) and resets @p b. */
char	*ccs_buf_steal(struct ccs_buf *b);
/** Empties without freeing. */
void	ccs_buf_reset(struct ccs_buf *b);
/** Frees the contents, wiping them first. */
void	ccs_buf_free(struct ccs_buf *b);

/** Writes @p v into @p p[0..7], most significant byte first. */
void	ccs_put_be64(unsigned char *p, uint64_t v);
/** Reads what ccs_put_be64 wrote. */
uint64_t ccs_get_be64(const unsigned char *p);

#endif

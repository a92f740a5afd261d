/*
 * form.h: HTML form bodies of the public pages, parsed in place:
 * application/x-www-form-urlencoded and multipart/form-data (RFC 7578).
 * Bounded: at most CCS_FORM_FIELDS fields, names of CCS_FORM_NAME_MAX
 * bytes, part headers of CCS_FORM_HEAD_MAX bytes.
 */
#ifndef CCS_HTTP_REPORTING_FORM_H
#define CCS_HTTP_REPORTING_FORM_H

#include <stddef.h>

#define CCS_FORM_FIELDS		64
#define CCS_FORM_NAME_MAX	64
#define CCS_FORM_HEAD_MAX	1024

/** One field; pointers into the parsed body. */
struct ccs_form_field {
	const char	*name;		/* NUL-terminated */
	const char	*value;		/* NUL-terminated (a file may hold
					 * NULs: use len) */
	size_t		 len;		/* bytes of value */
	const char	*filename;	/* multipart file part, else NULL */
	const char	*ctype;		/* its Content-Type, or NULL */
};

struct ccs_form {
	struct ccs_form_field	f[CCS_FORM_FIELDS];	/* in body order */
	size_t			n;			/* fields used */
	size_t			nfiles;			/* file parts with
							 * bytes */
};

/**
 * Parses @p body (@p len bytes, modified in place; it must have one
 * writable byte past @p len, as struct ccs_buf does) per @p ctype.
 * @return CCS_OK, CCS_EINVAL (malformed, unknown type, too many fields)
 */
int	ccs_form_parse(char *body, size_t len, const char *ctype,
	    struct ccs_form *out /* OUT */);

/** The first non-file value named @p name, or NULL; borrowed. */
const char *ccs_form_get(const struct ccs_form *f, const char *name);

#endif

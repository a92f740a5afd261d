/* jsonv.h: declarative validation of JSON request bodies. */
#ifndef CCS_JSONV_H
#define CCS_JSONV_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

enum ccs_jtype {
	CCS_J_STRING,	/* UTF-8 text without control characters */
	CCS_J_INT,	/* integer */
	CCS_J_BOOL,	/* true / false */
	CCS_J_NULLSTR,	/* string or null (null clears the field) */
	CCS_J_ARRAY,	/* array (element checks are the caller's) */
	CCS_J_OBJECT,	/* object */
	CCS_J_NULLINT,	/* integer or null (null clears the field) */
	CCS_J_VERSION	/* integer the server sets on a create and a PATCH
			   names (optimistic concurrency): refused as an
			   unknown field when the check is not partial */
};

struct ccs_jfield {
	const char	*name;		/* member name */
	enum ccs_jtype	 type;		/* expected type */
	bool		 required;	/* must be present */
	size_t		 min_len;	/* strings: minimum bytes */
	size_t		 max_len;	/* strings: maximum bytes; arrays: items */
};

/** Why a body was refused; filled by ccs_jsonv_check. */
struct ccs_jerr {
	const char	*code;		/* stable code, e.g. "unknown_field" */
	char		 message[256];	/* human message naming the field */
};

/**
 * Checks that @p obj is an object holding only fields in @p spec (of
 * @p nspec), with the right types, lengths, and all required ones present.
 * When @p partial is true (PATCH), no field is required; when it is
 * false (a create), a CCS_J_VERSION field is refused as unknown_field.
 * @return true when valid; otherwise false with @p err filled.
 */
bool	ccs_jsonv_check(const json_t *obj, const struct ccs_jfield *spec,
	    size_t nspec, bool partial, struct ccs_jerr *err /* OUT */);

#endif

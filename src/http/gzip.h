/*
 * gzip.h: gzip for response bodies (the server's SVG charts).
 */
#ifndef CCS_HTTP_GZIP_H
#define CCS_HTTP_GZIP_H

#include <stdbool.h>
#include <stddef.h>

#include "http/req.h"

#define CCS_GZIP_MAX_INPUT	(8u << 20)	/* bytes, as a chart's */

/** Whether the client takes gzip ("gzip", not "gzip;q=0"). */
bool	ccs_req_takes_gzip(struct ccs_req *r);

/**
 * Compresses @p len bytes at @p in as one gzip member.
 * @param out OUT: new buffer, caller frees with free()
 * @return CCS_OK, CCS_ETOOBIG over CCS_GZIP_MAX_INPUT, CCS_ENOMEM, CCS_EIO
 */
int	ccs_gzip(const char *in, size_t len, char **out /* OUT */,
	    size_t *outlen /* OUT */);

#endif

/*
 * gzip.c: compressing a response body for clients that accept it (the
 * server's SVG charts carry their glyphs as outlines: a gap history is
 * about 85 KB, 20 KB gzipped). Moved here from standards/h_chart.c so
 * every chart handler shares it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "http/gzip.h"
#include "util/err.h"

bool
ccs_req_takes_gzip(struct ccs_req *r)
{
	const char *ae = ccs_req_header(r, "Accept-Encoding");
	const char *g = ae ? strstr(ae, "gzip") : NULL;

	return g != NULL && strncmp(g, "gzip;q=0", 8) != 0;
}

int
ccs_gzip(const char *in, size_t len, char **out, size_t *outlen)
{
	z_stream zs;
	uLong bound;
	char *buf;
	int zrc;

	*out = NULL;
	if (len > CCS_GZIP_MAX_INPUT)
		return CCS_ETOOBIG;
	memset(&zs, 0, sizeof(zs));
	/* 15 + 16: a 32 KB window with a gzip header and trailer */
	if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return CCS_ENOMEM;
	bound = deflateBound(&zs, (uLong)len) + 32;
	buf = malloc(bound);
	if (buf == NULL) {
		(void)deflateEnd(&zs);
		return CCS_ENOMEM;
	}
	zs.next_in = (Bytef *)(uintptr_t)in;
	zs.avail_in = (uInt)len;
	zs.next_out = (Bytef *)buf;
	zs.avail_out = (uInt)bound;
	zrc = deflate(&zs, Z_FINISH);
	*outlen = (size_t)zs.total_out;
	(void)deflateEnd(&zs);
	if (zrc != Z_STREAM_END) {
		free(buf);
		return CCS_EIO;
	}
	*out = buf;
	return CCS_OK;
}

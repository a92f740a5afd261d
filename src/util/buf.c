/* buf.c: bounded growable buffer; every append checks the limit. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"

void
ccs_buf_init(struct ccs_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

static int
buf_reserve(struct ccs_buf *b, size_t extra)
{
	size_t need, ncap;
	char *p;

	if (!ccs_add_sz(b->len, extra, &need) || need > b->max)
		return CCS_ETOOBIG;
	if (!ccs_add_sz(need, 1, &need))
		return CCS_ETOOBIG;
	if (need <= b->cap)
		return CCS_OK;
	ncap = b->cap ? b->cap : 64;
	while (ncap < need) {
		if (!ccs_mul_sz(ncap, 2, &ncap))
			return CCS_ETOOBIG;
	}
	p = realloc(b->data, ncap);
	if (p == NULL)
		return CCS_ENOMEM;
	b->data = p;
	b->cap = ncap;
	return CCS_OK;
}

int
ccs_buf_add(struct ccs_buf *b, const void *p, size_t n)
{
	int rc;

	rc = buf_reserve(b, n);
	if (rc != CCS_OK)
		return rc;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return CCS_OK;
}

int
ccs_buf_adds(struct ccs_buf *b, const char *s)
{
	return ccs_buf_add(b, s, strlen(s));
}

int
ccs_buf_printf(struct ccs_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n, rc;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return CCS_EINVAL;
	rc = buf_reserve(b, (size_t)n);
	if (rc != CCS_OK)
		return rc;
	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= b->cap - b->len)
		return CCS_EINVAL;
	b->len += (size_t)n;
	return CCS_OK;
}

const char *
ccs_buf_str(const struct ccs_buf *b)
{
	return b->data ? b->data : "";
}

char *
ccs_buf_steal(struct ccs_buf *b)
{
	char *p;

	p = b->data ? b->data : ccs_strdup("");
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return p;
}

void
ccs_buf_reset(struct ccs_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void
ccs_buf_free(struct ccs_buf *b)
{
	if (b->data)
		ccs_wipe(b->data, b->cap);
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
ccs_put_be64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		p[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
}

uint64_t
ccs_get_be64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

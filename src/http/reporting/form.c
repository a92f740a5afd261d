/*
 * form.c: form bodies (see form.h).
 *
 * The body buffer is owned by the request and outlives the handler, so
 * fields point into it: urlencoded values are decoded in place (never
 * longer than their encoding) and multipart values are cut with a NUL
 * written over the CR that precedes the next boundary. A file part
 * without a filename counts as text; a file part with a filename but no
 * bytes (an empty <input type=file>) is ignored.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "http/reporting/form.h"
#include "util/err.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes @p s in place ('+' is a space, %XX a byte); new length. */
static int
urldecode(char *s, size_t n, size_t *out)
{
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '+') {
			s[o++] = ' ';
		} else if (s[i] == '%') {
			if (i + 2 >= n)
				return CCS_EINVAL;
			hi = hexval(s[i + 1]);
			lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return CCS_EINVAL;
			s[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			s[o++] = s[i];
		}
	}
	s[o] = '\0';
	*out = o;
	return CCS_OK;
}

static int
add(struct ccs_form *f, const char *name, const char *value, size_t len,
    const char *filename, const char *ctype)
{
	if (f->n >= CCS_FORM_FIELDS || name[0] == '\0' ||
	    strlen(name) > CCS_FORM_NAME_MAX)
		return CCS_EINVAL;
	f->f[f->n].name = name;
	f->f[f->n].value = value;
	f->f[f->n].len = len;
	f->f[f->n].filename = filename;
	f->f[f->n].ctype = ctype;
	f->n++;
	return CCS_OK;
}

static int
parse_urlencoded(char *body, size_t len, struct ccs_form *f)
{
	char *p = body, *end = body + len, *amp, *eq;
	size_t nlen, vlen;
	int rc;

	body[len] = '\0';
	while (p < end) {
		amp = memchr(p, '&', (size_t)(end - p));
		if (amp == NULL)
			amp = end;
		*amp = '\0';
		if (amp == p) {
			p = amp + 1;
			continue;
		}
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq == NULL)
			return CCS_EINVAL;
		*eq = '\0';
		rc = urldecode(p, (size_t)(eq - p), &nlen);
		if (rc == CCS_OK)
			rc = urldecode(eq + 1, (size_t)(amp - eq - 1), &vlen);
		if (rc == CCS_OK && (strlen(p) != nlen ||
		    strlen(eq + 1) != vlen))
			rc = CCS_EINVAL;	/* a NUL inside a text value */
		if (rc == CCS_OK)
			rc = add(f, p, eq + 1, vlen, NULL, NULL);
		if (rc != CCS_OK)
			return rc;
		p = amp + 1;
	}
	return CCS_OK;
}

/* The value of parameter @p key ("boundary", "name", "filename") in the
 * header text @p h, copied into @p out; false if absent or too long. */
static bool
param(const char *h, const char *key, char *out, size_t outlen)
{
	size_t klen = strlen(key), n;
	const char *p = h, *e;

	for (p = strcasestr(p, key); p != NULL; p = strcasestr(p + klen,
	    key)) {
		if ((p == h || p[-1] == ' ' || p[-1] == ';' || p[-1] == '\t') &&
		    p[klen] == '=')
			break;
	}
	if (p == NULL)
		return false;
	p += klen + 1;
	if (*p == '"') {
		p++;
		e = strchr(p, '"');
	} else {
		e = p + strcspn(p, "; \t\r\n");
	}
	if (e == NULL)
		return false;
	n = (size_t)(e - p);
	if (n + 1 > outlen)
		return false;
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

static const char *
memfind(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	return memmem(hay, hlen, needle, nlen);
}

/* Parses the headers of one part (in place) into name/filename/ctype. */
static int
part_headers(char *h, char **name, char **filename, char **ctype)
{
	char *line = h, *next, *colon;
	char *disp = NULL;
	char *q;

	*name = NULL;
	*filename = NULL;
	*ctype = NULL;
	while (line != NULL && *line != '\0') {
		next = strstr(line, "\r\n");
		if (next != NULL) {
			*next = '\0';
			next += 2;
		}
		colon = strchr(line, ':');
		if (colon != NULL) {
			*colon = '\0';
			q = colon + 1;
			while (*q == ' ' || *q == '\t')
				q++;
			if (strcasecmp(line, "Content-Disposition") == 0)
				disp = q;
			else if (strcasecmp(line, "Content-Type") == 0)
				*ctype = q;
		}
		line = next;
	}
	if (disp == NULL || strncasecmp(disp, "form-data", 9) != 0)
		return CCS_EINVAL;
	/* name and filename are copied over the disposition text itself,
	 * which is at least as long as both together. */
	{
		char nbuf[CCS_FORM_NAME_MAX + 1], fbuf[CCS_FORM_HEAD_MAX];
		bool has_file;
		size_t nl;

		if (!param(disp, "name", nbuf, sizeof(nbuf)))
			return CCS_EINVAL;
		has_file = param(disp, "filename", fbuf, sizeof(fbuf));
		nl = strlen(nbuf);
		memcpy(disp, nbuf, nl + 1);
		*name = disp;
		if (has_file) {
			memcpy(disp + nl + 1, fbuf, strlen(fbuf) + 1);
			*filename = disp + nl + 1;
		}
	}
	return CCS_OK;
}

static int
parse_multipart(char *body, size_t len, const char *ctype,
    struct ccs_form *f)
{
	char boundary[80], delim[84];
	char *p, *end = body + len, *head_end, *next, *name, *fname, *pct;
	size_t dlen;
	int rc;

	if (!param(ctype, "boundary", boundary, sizeof(boundary)) ||
	    boundary[0] == '\0')
		return CCS_EINVAL;
	dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
	body[len] = '\0';
	/* The first delimiter may start the body without its CRLF. */
	if (len < dlen - 2 || memcmp(body, delim + 2, dlen - 2) != 0)
		return CCS_EINVAL;
	p = body + dlen - 2;
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return CCS_OK;	/* closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return CCS_EINVAL;
		p += 2;
		head_end = (char *)memfind(p, (size_t)(end - p), "\r\n\r\n",
		    4);
		if (head_end == NULL || head_end - p > CCS_FORM_HEAD_MAX)
			return CCS_EINVAL;
		head_end[2] = '\0';
		next = (char *)memfind(head_end + 4, (size_t)(end - head_end -
		    4), delim, dlen);
		if (next == NULL)
			return CCS_EINVAL;
		rc = part_headers(p, &name, &fname, &pct);
		if (rc != CCS_OK)
			return rc;
		*next = '\0';
		if (fname != NULL && next == head_end + 4) {
			/* an empty file input: nothing was chosen */
		} else {
			rc = add(f, name, head_end + 4, (size_t)(next -
			    head_end - 4), fname, pct);
			if (rc != CCS_OK)
				return rc;
			if (fname != NULL)
				f->nfiles++;
			else if (strlen(head_end + 4) != (size_t)(next -
			    head_end - 4))
				return CCS_EINVAL;
		}
		p = next + dlen;
	}
}

int
ccs_form_parse(char *body, size_t len, const char *ctype,
    struct ccs_form *out)
{
	memset(out, 0, sizeof(*out));
	if (ctype == NULL)
		return CCS_EINVAL;
	if (body == NULL) {
		if (len != 0)
			return CCS_EINVAL;
		return CCS_OK;
	}
	if (strncasecmp(ctype, "application/x-www-form-urlencoded", 33) == 0)
		return parse_urlencoded(body, len, out);
	if (strncasecmp(ctype, "multipart/form-data", 19) == 0)
		return parse_multipart(body, len, ctype, out);
	return CCS_EINVAL;
}

const char *
ccs_form_get(const struct ccs_form *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->f[i].filename == NULL && strcmp(f->f[i].name, name) == 0)
			return f->f[i].value;
	return NULL;
}

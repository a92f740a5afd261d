/*
 * csv.c: RFC 4180 reading and writing.
 *
 * The reader walks a caller's buffer once and copies each record's fields,
 * unescaped and NUL-terminated, into one bounded buffer, so a record costs
 * at most CCS_CSV_MAX_RECORD bytes of memory whatever the input. It is
 * strict where leniency would guess: a quote inside an unquoted field, text
 * after a closing quote, a CR not followed by LF, a NUL byte and invalid
 * UTF-8 are errors with a line number, and the reader stops at the first
 * one (resynchronising after a quoting error would misread the rest).
 * Non-goals: other separators, header handling (the caller's), streaming.
 *
 * The writer quotes only when needed and prefixes a field that a
 * spreadsheet would run as a formula (=, +, -, @, TAB, CR first) with an
 * apostrophe: OWASP's advice against CSV injection.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/csv.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

struct ccs_csv {
	const char	*buf;		/* input, borrowed */
	size_t		 len;		/* input bytes */
	size_t		 pos;		/* next byte to read */
	size_t		 line;		/* line of buf[pos], 1-based */
	size_t		 rec_line;	/* line where the last record began */
	size_t		 err_line;	/* line of the error */
	int		 err;		/* sticky error, CCS_OK if none */
	char		 msg[160];	/* message for err */
	struct ccs_buf	 rec;		/* the record's fields, NUL-separated */
	size_t		 off[CCS_CSV_MAX_COLS];	/* field offsets into rec */
	const char	*ptr[CCS_CSV_MAX_COLS];	/* fields handed out */
};

struct ccs_csv *
ccs_csv_new(const char *buf, size_t len)
{
	struct ccs_csv *c;

	c = ccs_calloc(1, sizeof(*c));
	if (c == NULL)
		return NULL;
	c->buf = buf;
	c->len = buf != NULL ? len : 0;
	c->line = 1;
	c->rec_line = 1;
	/* Unescaped fields never exceed the raw record, plus one NUL each. */
	ccs_buf_init(&c->rec, CCS_CSV_MAX_RECORD + CCS_CSV_MAX_COLS);
	if (c->len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		c->pos = 3;	/* byte order mark, as Excel writes it */
	return c;
}

void
ccs_csv_free(struct ccs_csv *c)
{
	if (c == NULL)
		return;
	ccs_buf_free(&c->rec);
	free(c);
}

size_t
ccs_csv_line(const struct ccs_csv *c)
{
	return c->err != CCS_OK ? c->err_line : c->rec_line;
}

const char *
ccs_csv_error(const struct ccs_csv *c)
{
	return c->err != CCS_OK ? c->msg : "";
}

static int fail(struct ccs_csv *, int, size_t, const char *, ...)
    __attribute__((format(printf, 4, 5)));

static int
fail(struct ccs_csv *c, int rc, size_t line, const char *fmt, ...)
{
	va_list ap;
	int n;

	c->err = rc;
	c->err_line = line;
	va_start(ap, fmt);
	n = vsnprintf(c->msg, sizeof(c->msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		c->msg[0] = '\0';
	return rc;
}

/* Well-formed UTF-8: no overlongs, surrogates or code points past U+10FFFF. */
static bool
utf8_ok(const unsigned char *s, size_t n)
{
	size_t i = 0, j, k;
	uint32_t cp, min;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xC2 && s[i] <= 0xDF) {
			k = 1;
			cp = s[i] & 0x1Fu;
			min = 0x80;
		} else if ((s[i] & 0xF0) == 0xE0) {
			k = 2;
			cp = s[i] & 0x0Fu;
			min = 0x800;
		} else if (s[i] >= 0xF0 && s[i] <= 0xF4) {
			k = 3;
			cp = s[i] & 0x07u;
			min = 0x10000;
		} else
			return false;
		if (n - i <= k)
			return false;
		for (j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + j] & 0x3Fu);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += k + 1;
	}
	return true;
}

static size_t
count_lf(const char *p, size_t n)
{
	const char *end = p + n;
	size_t lines = 0;

	while (p < end) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL)
			break;
		lines++;
		p++;
	}
	return lines;
}

/* Appends @p n bytes of field @p idx, minding the per-field limit. */
static int
add(struct ccs_csv *c, size_t idx, const char *p, size_t n)
{
	int rc;

	if (c->rec.len - c->off[idx] + n > CCS_CSV_MAX_FIELD)
		return fail(c, CCS_ETOOBIG, c->line, "field %zu is longer "
		    "than %u bytes", idx + 1, CCS_CSV_MAX_FIELD);
	rc = ccs_buf_add(&c->rec, p, n);
	if (rc == CCS_ETOOBIG)
		return fail(c, rc, c->rec_line, "record is longer than %u "
		    "bytes", CCS_CSV_MAX_RECORD);
	if (rc != CCS_OK)
		return fail(c, rc, c->line, "out of memory");
	return CCS_OK;
}

/* True when buf[pos] ends a record: LF or CRLF. */
static bool
at_eol(const struct ccs_csv *c)
{
	return c->buf[c->pos] == '\n' || (c->buf[c->pos] == '\r' &&
	    c->pos + 1 < c->len && c->buf[c->pos + 1] == '\n');
}

static int
quoted(struct ccs_csv *c, size_t idx)
{
	size_t open = c->line, n;
	const char *q;
	int rc;

	c->pos++;	/* the opening quote */
	for (;;) {
		q = memchr(c->buf + c->pos, '"', c->len - c->pos);
		if (q == NULL)
			return fail(c, CCS_EINVAL, open, "quoted field %zu "
			    "is never closed", idx + 1);
		n = (size_t)(q - (c->buf + c->pos));
		if (memchr(c->buf + c->pos, '\0', n) != NULL)
			return fail(c, CCS_EINVAL, c->line, "NUL byte in "
			    "field %zu", idx + 1);
		rc = add(c, idx, c->buf + c->pos, n);
		if (rc != CCS_OK)
			return rc;
		c->line += count_lf(c->buf + c->pos, n);
		c->pos += n + 1;
		if (c->pos < c->len && c->buf[c->pos] == '"') {
			rc = add(c, idx, "\"", 1);
			if (rc != CCS_OK)
				return rc;
			c->pos++;
			continue;
		}
		break;
	}
	if (c->pos < c->len && c->buf[c->pos] != ',' && !at_eol(c))
		return fail(c, CCS_EINVAL, c->line, "unexpected text after "
		    "the closing quote of field %zu", idx + 1);
	return CCS_OK;
}

static int
unquoted(struct ccs_csv *c, size_t idx)
{
	size_t start = c->pos;
	char ch;

	for (; c->pos < c->len; c->pos++) {
		ch = c->buf[c->pos];
		if (ch == ',' || ch == '\n')
			break;
		if (ch == '\r') {
			if (at_eol(c))
				break;
			return fail(c, CCS_EINVAL, c->line, "carriage return "
			    "without a line feed in field %zu", idx + 1);
		}
		if (ch == '"')
			return fail(c, CCS_EINVAL, c->line, "quote inside "
			    "unquoted field %zu (quote the whole field and "
			    "double the quote)", idx + 1);
		if (ch == '\0')
			return fail(c, CCS_EINVAL, c->line, "NUL byte in "
			    "field %zu", idx + 1);
	}
	return add(c, idx, c->buf + start, c->pos - start);
}

int
ccs_csv_next(struct ccs_csv *c, const char *const **fields, size_t *nfields)
{
	size_t n = 0, i, start, fline;
	int rc;

	*fields = NULL;
	*nfields = 0;
	if (c->err != CCS_OK)
		return c->err;
	while (c->pos < c->len && at_eol(c)) {
		c->pos += c->buf[c->pos] == '\r' ? 2 : 1;
		c->line++;
	}
	if (c->pos >= c->len)
		return CCS_OK;
	c->rec_line = c->line;
	start = c->pos;
	ccs_buf_reset(&c->rec);
	for (;;) {
		if (n == CCS_CSV_MAX_COLS)
			return fail(c, CCS_ETOOBIG, c->line, "more than %d "
			    "fields", CCS_CSV_MAX_COLS);
		c->off[n] = c->rec.len;
		fline = c->line;
		if (c->pos < c->len && c->buf[c->pos] == '"')
			rc = quoted(c, n);
		else
			rc = unquoted(c, n);
		if (rc != CCS_OK)
			return rc;
		if (!utf8_ok((const unsigned char *)c->rec.data + c->off[n],
		    c->rec.len - c->off[n]))
			return fail(c, CCS_EINVAL, fline, "field %zu is not "
			    "valid UTF-8", n + 1);
		/* The NUL is not the field's: the buffer has room for 64. */
		rc = ccs_buf_add(&c->rec, "", 1);
		if (rc == CCS_ETOOBIG)
			return fail(c, rc, c->rec_line, "record is longer than "
			    "%u bytes", CCS_CSV_MAX_RECORD);
		if (rc != CCS_OK)
			return fail(c, rc, c->line, "out of memory");
		n++;
		if (c->pos - start > CCS_CSV_MAX_RECORD)
			return fail(c, CCS_ETOOBIG, c->rec_line, "record is "
			    "longer than %u bytes", CCS_CSV_MAX_RECORD);
		if (c->pos >= c->len)
			break;
		if (c->buf[c->pos] == ',') {
			c->pos++;
			continue;
		}
		/* LF or CRLF: at_eol held, or the field would have failed. */
		c->pos += c->buf[c->pos] == '\r' ? 2 : 1;
		c->line++;
		break;
	}
	for (i = 0; i < n; i++)
		c->ptr[i] = c->rec.data + c->off[i];
	*fields = c->ptr;
	*nfields = n;
	return CCS_OK;
}

int
ccs_csv_put(struct ccs_buf *out, const char *s, bool first)
{
	const char *q;
	bool defuse, quote;
	int rc = CCS_OK;

	if (s == NULL)
		s = "";
	if (!first)
		rc = ccs_buf_add(out, ",", 1);
	if (rc != CCS_OK)
		return rc;
	defuse = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	quote = defuse || strpbrk(s, ",\"\r\n") != NULL;
	if (!quote)
		return ccs_buf_adds(out, s);
	rc = ccs_buf_add(out, defuse ? "\"'" : "\"", defuse ? 2 : 1);
	while (rc == CCS_OK && (q = strchr(s, '"')) != NULL) {
		rc = ccs_buf_add(out, s, (size_t)(q - s) + 1);
		if (rc == CCS_OK)
			rc = ccs_buf_add(out, "\"", 1);
		s = q + 1;
	}
	if (rc == CCS_OK)
		rc = ccs_buf_adds(out, s);
	if (rc == CCS_OK)
		rc = ccs_buf_add(out, "\"", 1);
	return rc;
}

int
ccs_csv_put_int(struct ccs_buf *out, int64_t v, bool first)
{
	return ccs_buf_printf(out, "%s%lld", first ? "" : ",", (long long)v);
}

int
ccs_csv_end(struct ccs_buf *out)
{
	return ccs_buf_add(out, "\r\n", 2);
}

/*
 * stix_stream.c: streaming reader and writer of STIX 2.1 bundles.
 *
 * The reader drives yajl's event parser over the input in slices of at
 * most CCS_STIX_CHUNK bytes. Events at the top of the document check the
 * bundle's envelope; events inside an element of "objects" are replayed
 * into a yajl generator, which rebuilds that one object as compact JSON
 * (numbers are passed through as written, so nothing is rounded), and
 * when the object closes jansson parses the rebuilt text and the caller
 * gets it. Memory is bounded: the generator's buffer is checked after
 * every event against max_object, a single string is checked before it
 * is copied, and the bytes fed since the last event are bounded too, so
 * a token split across slices cannot grow yajl's lexer buffer without
 * limit. Depth is counted here (yajl 2 has no limit). Offsets come from
 * yajl_get_bytes_consumed, which during a callback is the position just
 * after the current token.
 *
 * The writer prints the envelope's fixed parts and lets jansson encode
 * every value (the id and each object), so no JSON is made by hand.
 * Non-goals: STIX 2.0 bundles with spec_version at the top are read (the
 * property is ignored), never written; no pretty printing.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_parse.h>

#include "format/stix/stix_check.h"
#include "format/stix/stix_stream.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define ID_MAX	128	/* bytes of a bundle id we keep, with its NUL */

enum topkey {
	K_NONE,		/* no key yet */
	K_TYPE,		/* "type" */
	K_ID,		/* "id" */
	K_OBJECTS,	/* "objects" */
	K_OTHER		/* anything else: skipped */
};

enum vkind { V_MAP, V_ARRAY, V_STRING, V_OTHER };

struct ccs_stix_reader {
	yajl_handle	 h;		/* the parser */
	yajl_gen	 g;		/* rebuilds the current object */
	size_t		 max_object;	/* bytes of one object */
	size_t		 max_objects;	/* objects, 0: unlimited */
	int		(*on_object)(void *, size_t, json_t *);
	/* instead of on_object when set: the object's compact text too */
	int		(*on_object_text)(void *, size_t, json_t *, const char *,
			    size_t);
	void		*arg;		/* for on_object */
	uint64_t	 fed;		/* bytes fed before this slice */
	uint64_t	 last_event;	/* fed at the last event */
	size_t		 depth;		/* open containers */
	enum topkey	 key;		/* current key of the bundle */
	bool		 seen_type;	/* "type" read and right */
	bool		 seen_id;	/* "id" read and right */
	bool		 seen_objects;	/* "objects" started */
	bool		 in_objects;	/* inside the objects list */
	bool		 capturing;	/* inside one object */
	bool		 finished;	/* finish was called */
	size_t		 nobj;		/* elements of objects seen */
	int		 err;		/* sticky error, CCS_OK if none */
	struct ccs_fail	 fail;		/* its detail */
	int		 cb_rc;		/* callback's non-zero return */
	char		 id[ID_MAX];	/* the bundle id */
};

static void	rfail(struct ccs_stix_reader *, int, const char *, const char *,
	    ...) __attribute__((format(printf, 4, 5)));

static uint64_t
offset(const struct ccs_stix_reader *r)
{
	return r->fed + (uint64_t)yajl_get_bytes_consumed(r->h);
}

/* Records the first error, with its offset and object index. */
static void
rfail(struct ccs_stix_reader *r, int rc, const char *code, const char *fmt,
    ...)
{
	char msg[200], where[64];
	va_list ap;
	int n;

	if (r->err != CCS_OK)
		return;
	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		msg[0] = '\0';
	if (r->capturing || (r->in_objects && r->depth == 2))
		n = snprintf(where, sizeof(where), "byte %" PRIu64
		    ", objects[%zu]", offset(r), r->nobj);
	else
		n = snprintf(where, sizeof(where), "byte %" PRIu64,
		    offset(r));
	if (n < 0)
		where[0] = '\0';
	r->err = ccs_fail(&r->fail, rc, code, "%s: %s", where, msg);
}

/* After a generator call: 1 to go on, 0 to stop. */
static int
gen_ok(struct ccs_stix_reader *r, yajl_gen_status st)
{
	const unsigned char *buf;
	size_t len;

	if (st != yajl_gen_status_ok) {
		rfail(r, st == yajl_gen_invalid_string ? CCS_EINVAL :
		    CCS_ENOMEM, "stix_syntax", "cannot rebuild the object (%d)",
		    (int)st);
		return 0;
	}
	if (yajl_gen_get_buf(r->g, &buf, &len) == yajl_gen_status_ok &&
	    len > r->max_object) {
		rfail(r, CCS_ETOOBIG, "stix_too_big", "object larger than %zu "
		    "bytes", r->max_object);
		return 0;
	}
	return 1;
}

/* The start of any value: checks the envelope; 1 to go on, 0 to stop. */
static int
on_value(struct ccs_stix_reader *r, enum vkind k, const unsigned char *s,
    size_t len)
{
	r->last_event = r->fed;
	if (r->capturing)
		return 1;
	if (r->depth == 0) {
		if (k != V_MAP) {
			rfail(r, CCS_EINVAL, "stix_not_bundle", "not a bundle: "
			    "the top level is not an object");
			return 0;
		}
		return 1;
	}
	if (r->depth == 1) {
		switch (r->key) {
		case K_TYPE:
			if (k != V_STRING || len != 6 ||
			    memcmp(s, "bundle", 6) != 0) {
				rfail(r, CCS_EINVAL, "stix_not_bundle", "not a "
				    "bundle: type is not \"bundle\"");
				return 0;
			}
			r->seen_type = true;
			return 1;
		case K_ID:
			if (k != V_STRING || len >= sizeof(r->id) ||
			    memchr(s, '\0', len) != NULL) {
				rfail(r, CCS_EINVAL, "stix_not_bundle", "not a "
				    "bundle: id is not bundle--<uuid>");
				return 0;
			}
			memcpy(r->id, s, len);
			r->id[len] = '\0';
			if (!ccs_stix_id_ok(r->id, "bundle")) {
				r->id[0] = '\0';
				rfail(r, CCS_EINVAL, "stix_not_bundle", "not a "
				    "bundle: id is not bundle--<uuid>");
				return 0;
			}
			r->seen_id = true;
			return 1;
		case K_OBJECTS:
			if (k != V_ARRAY) {
				rfail(r, CCS_EINVAL, "stix_not_bundle", "not a "
				    "bundle: objects is not a list");
				return 0;
			}
			r->in_objects = true;
			return 1;
		default:
			return 1;
		}
	}
	if (r->depth == 2 && r->in_objects) {
		if (k != V_MAP) {
			rfail(r, CCS_EINVAL, "stix_not_object", "not an "
			    "object");
			return 0;
		}
		if (r->max_objects != 0 && r->nobj >= r->max_objects) {
			rfail(r, CCS_ETOOBIG, "stix_too_many", "more than %zu "
			    "objects", r->max_objects);
			return 0;
		}
		r->capturing = true;
	}
	return 1;
}

static int
cb_null(void *ctx)
{
	struct ccs_stix_reader *r = ctx;

	if (!on_value(r, V_OTHER, NULL, 0))
		return 0;
	return r->capturing ? gen_ok(r, yajl_gen_null(r->g)) : 1;
}

static int
cb_bool(void *ctx, int b)
{
	struct ccs_stix_reader *r = ctx;

	if (!on_value(r, V_OTHER, NULL, 0))
		return 0;
	return r->capturing ? gen_ok(r, yajl_gen_bool(r->g, b)) : 1;
}

static int
cb_number(void *ctx, const char *s, size_t len)
{
	struct ccs_stix_reader *r = ctx;

	if (!on_value(r, V_OTHER, NULL, 0))
		return 0;
	return r->capturing ? gen_ok(r, yajl_gen_number(r->g, s, len)) : 1;
}

static int
cb_string(void *ctx, const unsigned char *s, size_t len)
{
	struct ccs_stix_reader *r = ctx;

	if (!on_value(r, V_STRING, s, len))
		return 0;
	if (!r->capturing)
		return 1;
	if (len > r->max_object) {
		rfail(r, CCS_ETOOBIG, "stix_too_big", "object larger than %zu "
		    "bytes", r->max_object);
		return 0;
	}
	return gen_ok(r, yajl_gen_string(r->g, s, len));
}

static int
cb_start_map(void *ctx)
{
	struct ccs_stix_reader *r = ctx;

	if (!on_value(r, V_MAP, NULL, 0))
		return 0;
	if (r->depth + 1 > CCS_STIX_MAX_DEPTH) {
		rfail(r, CCS_EINVAL, "stix_too_deep", "nesting deeper than %d",
		    CCS_STIX_MAX_DEPTH);
		return 0;
	}
	r->depth++;
	if (r->depth == 1)
		r->key = K_NONE;
	return r->capturing ? gen_ok(r, yajl_gen_map_open(r->g)) : 1;
}

static int
cb_start_array(void *ctx)
{
	struct ccs_stix_reader *r = ctx;

	if (!on_value(r, V_ARRAY, NULL, 0))
		return 0;
	if (r->depth + 1 > CCS_STIX_MAX_DEPTH) {
		rfail(r, CCS_EINVAL, "stix_too_deep", "nesting deeper than %d",
		    CCS_STIX_MAX_DEPTH);
		return 0;
	}
	r->depth++;
	return r->capturing ? gen_ok(r, yajl_gen_array_open(r->g)) : 1;
}

static int
cb_key(void *ctx, const unsigned char *s, size_t len)
{
	struct ccs_stix_reader *r = ctx;
	bool dup = false;

	r->last_event = r->fed;
	if (r->capturing) {
		if (len > r->max_object) {
			rfail(r, CCS_ETOOBIG, "stix_too_big", "object larger "
			    "than %zu bytes", r->max_object);
			return 0;
		}
		return gen_ok(r, yajl_gen_string(r->g, s, len));
	}
	if (r->depth != 1)
		return 1;
	if (len == 4 && memcmp(s, "type", 4) == 0) {
		dup = r->key == K_TYPE || r->seen_type;
		r->key = K_TYPE;
	} else if (len == 2 && memcmp(s, "id", 2) == 0) {
		dup = r->seen_id;
		r->key = K_ID;
	} else if (len == 7 && memcmp(s, "objects", 7) == 0) {
		dup = r->seen_objects;
		r->seen_objects = true;
		r->key = K_OBJECTS;
	} else
		r->key = K_OTHER;
	if (dup) {
		rfail(r, CCS_EINVAL, "stix_not_bundle", "not a bundle: "
		    "duplicate key \"%.*s\"", (int)len, s);
		return 0;
	}
	return 1;
}

/* The current object is complete: parse it and hand it over. */
static int
deliver(struct ccs_stix_reader *r)
{
	const unsigned char *buf;
	json_error_t jerr;
	json_t *obj;
	size_t len;
	int rc;

	if (yajl_gen_get_buf(r->g, &buf, &len) != yajl_gen_status_ok) {
		rfail(r, CCS_ENOMEM, "stix_syntax", "cannot rebuild object");
		return 0;
	}
	obj = json_loadb((const char *)buf, len, JSON_REJECT_DUPLICATES,
	    &jerr);
	if (obj == NULL) {
		rfail(r, CCS_EINVAL, "stix_syntax", "%s", jerr.text);
		return 0;
	}
	r->capturing = false;
	/* the text stays valid during the callback; cleared after it */
	rc = r->on_object_text != NULL ? r->on_object_text(r->arg, r->nobj,
	    obj, (const char *)buf, len) : r->on_object(r->arg, r->nobj, obj);
	yajl_gen_clear(r->g);
	yajl_gen_reset(r->g, NULL);
	json_decref(obj);
	r->nobj++;
	if (rc != 0) {
		r->cb_rc = rc;
		return 0;
	}
	return 1;
}

static int
cb_end_map(void *ctx)
{
	struct ccs_stix_reader *r = ctx;

	r->last_event = r->fed;
	r->depth--;
	if (!r->capturing)
		return 1;
	if (!gen_ok(r, yajl_gen_map_close(r->g)))
		return 0;
	if (r->depth == 2)
		return deliver(r);
	return 1;
}

static int
cb_end_array(void *ctx)
{
	struct ccs_stix_reader *r = ctx;

	r->last_event = r->fed;
	r->depth--;
	if (r->capturing)
		return gen_ok(r, yajl_gen_array_close(r->g));
	if (r->depth == 1)
		r->in_objects = false;
	return 1;
}

static const yajl_callbacks callbacks = {
	cb_null, cb_bool, NULL, NULL, cb_number, cb_string, cb_start_map,
	cb_key, cb_end_map, cb_start_array, cb_end_array
};

int
ccs_stix_reader_new(const struct ccs_stix_read_opts *o,
    int (*on_object)(void *, size_t, json_t *), void *arg,
    struct ccs_stix_reader **out)
{
	struct ccs_stix_reader *r = NULL;
	int rc;

	*out = NULL;
	if (o != NULL && o->max_object > CCS_STIX_MAX_OBJECT_LIMIT)
		return CCS_EINVAL;
	r = ccs_calloc(1, sizeof(*r));
	if (r == NULL) {
		rc = CCS_ENOMEM;
		goto fail;
	}
	r->max_object = o != NULL && o->max_object != 0 ? o->max_object :
	    CCS_STIX_MAX_OBJECT;
	r->max_objects = o != NULL ? o->max_objects : 0;
	r->on_object = on_object;
	r->on_object_text = o != NULL ? o->on_object_text : NULL;
	r->arg = arg;
	r->h = yajl_alloc(&callbacks, NULL, r);
	r->g = yajl_gen_alloc(NULL);
	if (r->h == NULL || r->g == NULL) {
		rc = CCS_ENOMEM;
		goto fail;
	}
	*out = r;
	return CCS_OK;
fail:
	ccs_stix_reader_free(r);
	return rc;
}

void
ccs_stix_reader_free(struct ccs_stix_reader *r)
{
	if (r == NULL)
		return;
	if (r->h != NULL)
		yajl_free(r->h);
	if (r->g != NULL)
		yajl_gen_free(r->g);
	free(r);
}

/* The result after yajl returned @p st. */
static int
status(struct ccs_stix_reader *r, yajl_status st, const unsigned char *buf,
    size_t len, struct ccs_fail *f)
{
	unsigned char *e;

	if (st == yajl_status_ok && r->err == CCS_OK)
		return CCS_OK;
	if (r->cb_rc != 0)
		return r->cb_rc;
	if (r->err == CCS_OK) {
		e = yajl_get_error(r->h, 0, buf, len);
		rfail(r, CCS_EINVAL, "stix_syntax", "invalid JSON: %s",
		    e != NULL ? (const char *)e : "parse error");
		if (e != NULL)
			yajl_free_error(r->h, e);
	}
	if (f != NULL)
		*f = r->fail;
	return r->err;
}

int
ccs_stix_reader_feed(struct ccs_stix_reader *r, const void *buf, size_t len,
    struct ccs_fail *f)
{
	const unsigned char *p = buf;
	yajl_status st;
	size_t n;
	int rc;

	if (r->cb_rc != 0)
		return r->cb_rc;
	if (r->err != CCS_OK || r->finished) {
		if (r->err == CCS_OK)
			rfail(r, CCS_EINVAL, "stix_syntax", "input after the "
			    "end");
		if (f != NULL)
			*f = r->fail;
		return r->err;
	}
	while (len > 0) {
		n = len < CCS_STIX_CHUNK ? len : CCS_STIX_CHUNK;
		st = yajl_parse(r->h, p, n);
		rc = status(r, st, p, n, f);
		if (rc != CCS_OK)
			return rc;
		r->fed += n;
		p += n;
		len -= n;
		/* A token still open in yajl's lexer grows with every slice. */
		if (r->fed - r->last_event > (uint64_t)r->max_object +
		    CCS_STIX_CHUNK) {
			rfail(r, CCS_ETOOBIG, "stix_too_big", "a single value "
			    "larger than %zu bytes", r->max_object);
			return status(r, yajl_status_error, NULL, 0, f);
		}
	}
	return CCS_OK;
}

int
ccs_stix_reader_finish(struct ccs_stix_reader *r, struct ccs_fail *f)
{
	yajl_status st;
	int rc;

	if (r->cb_rc != 0)
		return r->cb_rc;
	if (r->err != CCS_OK || r->finished) {
		if (f != NULL)
			*f = r->fail;
		return r->err;
	}
	r->finished = true;
	/* yajl_get_bytes_consumed means nothing after the last slice. */
	st = yajl_complete_parse(r->h);
	if (st != yajl_status_ok) {
		if (r->cb_rc != 0)
			return r->cb_rc;
		if (r->err == CCS_OK)
			r->err = ccs_fail(&r->fail, CCS_EINVAL, "stix_syntax",
			    "byte %" PRIu64 "%s: truncated or invalid JSON at "
			    "the end", r->fed, r->capturing ? ", in an object" :
			    "");
		if (f != NULL)
			*f = r->fail;
		return r->err;
	}
	rc = CCS_OK;
	if (!r->seen_type)
		rc = ccs_fail(&r->fail, CCS_EINVAL, "stix_not_bundle",
		    "not a bundle: no \"type\": \"bundle\"");
	else if (!r->seen_id)
		rc = ccs_fail(&r->fail, CCS_EINVAL, "stix_not_bundle",
		    "not a bundle: no id");
	if (rc != CCS_OK) {
		r->err = rc;
		if (f != NULL)
			*f = r->fail;
	}
	return rc;
}

uint64_t
ccs_stix_reader_bytes(const struct ccs_stix_reader *r)
{
	return r->fed;
}

size_t
ccs_stix_reader_count(const struct ccs_stix_reader *r)
{
	return r->nobj;
}

const char *
ccs_stix_reader_bundle_id(const struct ccs_stix_reader *r)
{
	return r->seen_id ? r->id : NULL;
}

int
ccs_stix_read(FILE *in, const struct ccs_stix_read_opts *o,
    int (*on_object)(void *, size_t, json_t *), void *arg,
    struct ccs_fail *f)
{
	struct ccs_stix_reader *r = NULL;
	unsigned char *buf = NULL;
	size_t n;
	int rc;

	rc = ccs_stix_reader_new(o, on_object, arg, &r);
	if (rc != CCS_OK) {
		ccs_fail(f, rc, "stix_options", "%s", ccs_strerror(rc));
		goto out;
	}
	buf = ccs_malloc(CCS_STIX_CHUNK);
	if (buf == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "stix_io", "out of memory");
		goto out;
	}
	for (;;) {
		n = fread(buf, 1, CCS_STIX_CHUNK, in);
		if (n > 0) {
			rc = ccs_stix_reader_feed(r, buf, n, f);
			if (rc != CCS_OK)
				goto out;
			if (o != NULL && o->progress != NULL)
				o->progress(o->progress_arg,
				    ccs_stix_reader_bytes(r));
		}
		if (n < CCS_STIX_CHUNK)
			break;
	}
	if (ferror(in)) {
		rc = ccs_fail(f, CCS_EIO, "stix_io", "read error after %"
		    PRIu64 " bytes", ccs_stix_reader_bytes(r));
		goto out;
	}
	rc = ccs_stix_reader_finish(r, f);
out:
	free(buf);
	ccs_stix_reader_free(r);
	return rc;
}

int
ccs_stix_new_id(const char *type, char *out, size_t outlen)
{
	unsigned char b[16];
	int rc;

	if (type != NULL && !ccs_stix_type_ok(type))
		return CCS_EINVAL;
	if (sodium_init() < 0)
		return CCS_EINVAL;
	randombytes_buf(b, sizeof(b));
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);	/* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);	/* RFC 4122 variant */
	rc = ccs_snprintf(out, outlen, "%s%s%02x%02x%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x-%02x%02x%02x%02x%02x%02x", type != NULL ? type : "",
	    type != NULL ? "--" : "", b[0], b[1], b[2], b[3], b[4], b[5], b[6],
	    b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
	return rc;
}

struct ccs_stix_writer {
	FILE	*out;		/* borrowed */
	size_t	 n;		/* objects written */
	char	 id[ID_MAX];	/* the bundle id */
};

int
ccs_stix_writer_new(FILE *out, const char *bundle_id,
    struct ccs_stix_writer **wp, struct ccs_fail *f)
{
	struct ccs_stix_writer *w = NULL;
	json_t *id = NULL;
	int rc;

	*wp = NULL;
	w = ccs_calloc(1, sizeof(*w));
	if (w == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "stix_io", "out of memory");
		goto out;
	}
	w->out = out;
	if (bundle_id == NULL)
		rc = ccs_stix_new_id("bundle", w->id, sizeof(w->id));
	else if (!ccs_stix_id_ok(bundle_id, "bundle"))
		rc = CCS_EINVAL;
	else
		rc = ccs_strlcpy(w->id, bundle_id, sizeof(w->id));
	if (rc != CCS_OK) {
		rc = ccs_fail(f, rc, "stix_not_bundle", "bundle id is not "
		    "bundle--<uuid>");
		goto out;
	}
	id = json_string(w->id);
	if (id == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "stix_io", "out of memory");
		goto out;
	}
	if (fputs("{\"type\":\"bundle\",\"id\":", out) == EOF ||
	    json_dumpf(id, out, JSON_ENCODE_ANY) != 0 ||
	    fputs(",\"objects\":[", out) == EOF) {
		rc = ccs_fail(f, CCS_EIO, "stix_io", "write error");
		goto out;
	}
	*wp = w;
	w = NULL;
	rc = CCS_OK;
out:
	json_decref(id);
	free(w);
	return rc;
}

int
ccs_stix_writer_add(struct ccs_stix_writer *w, const json_t *obj,
    struct ccs_fail *f)
{
	if (!json_is_object(obj))
		return ccs_fail(f, CCS_EINVAL, "stix_not_object", "objects[%zu]"
		    ": not an object", w->n);
	if ((w->n > 0 && fputc(',', w->out) == EOF) ||
	    json_dumpf(obj, w->out, JSON_COMPACT) != 0)
		return ccs_fail(f, CCS_EIO, "stix_io", "write error at "
		    "objects[%zu]", w->n);
	w->n++;
	return CCS_OK;
}

int
ccs_stix_writer_finish(struct ccs_stix_writer *w, struct ccs_fail *f)
{
	if (fputs("]}\n", w->out) == EOF || fflush(w->out) != 0)
		return ccs_fail(f, CCS_EIO, "stix_io", "write error");
	return CCS_OK;
}

const char *
ccs_stix_writer_id(const struct ccs_stix_writer *w)
{
	return w->id;
}

void
ccs_stix_writer_free(struct ccs_stix_writer *w)
{
	free(w);
}

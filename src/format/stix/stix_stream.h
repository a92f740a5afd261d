/*
 * stix_stream.h: streaming STIX 2.1 bundles. The reader takes a bundle of
 * any size in chunks and hands each element of its "objects" array to a
 * callback as a jansson object, one at a time, so memory is bounded by
 * the largest object, not by the bundle. The writer produces a bundle
 * one object at a time, for exports.
 *
 * Reading refuses: a top level that is not an object, a "type" other
 * than "bundle", an "id" that is not bundle--<uuid>, a missing type or id,
 * "objects" that is not a list, a list element that is not an object,
 * an object larger than max_object bytes (as compact JSON), nesting
 * deeper than CCS_STIX_MAX_DEPTH, duplicate keys, invalid UTF-8, invalid
 * or truncated JSON. Errors are reported in the ccs_fail message as
 * "byte N, objects[I]: what" (the index when the error is inside an
 * object). A producer may write "objects" before "type" and "id": those
 * are then checked after the objects were delivered, so a caller must
 * treat the objects as provisional until ccs_stix_read returns CCS_OK
 * (an importer imports in one transaction).
 */
#ifndef CCS_STIX_STREAM_H
#define CCS_STIX_STREAM_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "util/fail.h"

#define CCS_STIX_CHUNK		(64u * 1024)		/* bytes per read */
#define CCS_STIX_MAX_OBJECT	(16u * 1024 * 1024)	/* default */
#define CCS_STIX_MAX_OBJECT_LIMIT (1024u * 1024 * 1024)	/* largest allowed */
#define CCS_STIX_MAX_DEPTH	64	/* nesting, the bundle counted as 1 */

struct ccs_stix_read_opts {
	size_t	  max_object;	/* bytes of one object; 0: default */
	size_t	  max_objects;	/* objects in the bundle; 0: no limit */
	/* Called after every chunk with the bytes read so far; may be NULL. */
	void	(*progress)(void *arg, uint64_t bytes);
	void	 *progress_arg;	/* passed to progress */
	/*
	 * May be NULL. When set, called instead of on_object, with the
	 * object's compact JSON text as rebuilt by the reader (@p text, @p
	 * len bytes, not NUL-terminated, borrowed for the call), so a caller
	 * that stores the object whole need not encode it again.
	 */
	int	(*on_object_text)(void *arg, size_t index, json_t *obj,
		    const char *text, size_t len);
};

/*
 * The object callback: @p index is its position in "objects"; @p obj is
 * borrowed (json_incref it to keep it). A non-zero return stops the walk
 * and becomes the reader's return value (the ccs_fail is not touched).
 */
struct ccs_stix_reader;

/**
 * Returns a new push reader in *@p out; feed it bytes with
 * ccs_stix_reader_feed and end with ccs_stix_reader_finish. @p o may be
 * NULL (defaults). Free with ccs_stix_reader_free.
 * @return CCS_OK; CCS_EINVAL when max_object is above the limit; CCS_ENOMEM
 */
int	ccs_stix_reader_new(const struct ccs_stix_read_opts *o,
	    int (*on_object)(void *arg, size_t index, json_t *obj), void *arg,
	    struct ccs_stix_reader **out /* OUT */);
/**
 * Parses @p len more bytes of the bundle, calling on_object for every
 * object completed. After an error the reader stays failed.
 * @return CCS_OK; CCS_EINVAL (not a bundle, bad JSON), CCS_ETOOBIG,
 *     CCS_ENOMEM with @p f filled; or the callback's non-zero value
 */
int	ccs_stix_reader_feed(struct ccs_stix_reader *r, const void *buf,
	    size_t len, struct ccs_fail *f);
/** Ends the input: refuses a truncated bundle or a missing type/id.
 * @return as ccs_stix_reader_feed */
int	ccs_stix_reader_finish(struct ccs_stix_reader *r, struct ccs_fail *f);
/** Bytes fed so far. */
uint64_t ccs_stix_reader_bytes(const struct ccs_stix_reader *r);
/** Objects delivered so far. */
size_t	ccs_stix_reader_count(const struct ccs_stix_reader *r);
/** The bundle's id once read, else NULL; borrowed from @p r. */
const char *ccs_stix_reader_bundle_id(const struct ccs_stix_reader *r);
/** Frees @p r; NULL is a no-op. */
void	ccs_stix_reader_free(struct ccs_stix_reader *r);

/**
 * Reads a whole bundle from @p in in CCS_STIX_CHUNK pieces (the reader
 * above, driven by fread). @p in is borrowed and not closed.
 * @return as ccs_stix_reader_feed, or CCS_EIO when reading fails
 */
int	ccs_stix_read(FILE *in, const struct ccs_stix_read_opts *o,
	    int (*on_object)(void *arg, size_t index, json_t *obj), void *arg,
	    struct ccs_fail *f);

struct ccs_stix_writer;

/**
 * Starts a bundle on @p out: writes {"type":"bundle","id":"...",
 * "objects":[ . @p bundle_id NULL makes a random bundle--<uuid v4>.
 * @p out is borrowed and must stay open until ccs_stix_writer_free.
 * @param w OUT: new writer; free with ccs_stix_writer_free
 * @return CCS_OK, CCS_EINVAL (bad id), CCS_EIO, CCS_ENOMEM
 */
int	ccs_stix_writer_new(FILE *out, const char *bundle_id,
	    struct ccs_stix_writer **w /* OUT */, struct ccs_fail *f);
/** Writes @p obj (borrowed; must be a JSON object) as compact JSON.
 * @return CCS_OK, CCS_EINVAL, CCS_EIO */
int	ccs_stix_writer_add(struct ccs_stix_writer *w, const json_t *obj,
	    struct ccs_fail *f);
/** Closes the bundle ( ]} ) and flushes @p out. @return CCS_OK, CCS_EIO */
int	ccs_stix_writer_finish(struct ccs_stix_writer *w, struct ccs_fail *f);
/** The bundle id; borrowed from @p w. */
const char *ccs_stix_writer_id(const struct ccs_stix_writer *w);
/** Frees @p w (does not finish the bundle); NULL is a no-op. */
void	ccs_stix_writer_free(struct ccs_stix_writer *w);

/**
 * Writes "<type>--<random uuid v4>" into @p out (libsodium's random
 * bytes). @p type NULL writes the bare UUID.
 * @return CCS_OK, CCS_EINVAL (bad type), CCS_ETOOBIG (@p outlen too small)
 */
int	ccs_stix_new_id(const char *type, char *out, size_t outlen);

#endif

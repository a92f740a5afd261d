/*
 * csv.h: RFC 4180 CSV. A bounded reader for untrusted input held in memory
 * (quoted fields, "" escapes, CRLF or LF records, line numbers for errors)
 * and a writer that quotes properly and defuses spreadsheet formulas.
 */
#ifndef CCS_CSV_H
#define CCS_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

#define CCS_CSV_MAX_COLS	64		/* fields per record */
#define CCS_CSV_MAX_FIELD	(64u * 1024)	/* bytes per field */
#define CCS_CSV_MAX_RECORD	(1024u * 1024)	/* raw bytes per record */

struct ccs_csv;

/**
 * Returns a new reader over @p buf (@p len bytes; need not be
 * NUL-terminated). @p buf is borrowed and must outlive the reader. A UTF-8
 * byte order mark at the start is skipped. Free with ccs_csv_free.
 * @return the reader, or NULL when out of memory
 */
struct ccs_csv *ccs_csv_new(const char *buf, size_t len);

/** Frees @p c; NULL is a no-op. */
void	ccs_csv_free(struct ccs_csv *c);

/**
 * Reads the next record. Empty lines between records are skipped.
 * @param fields OUT: *nfields NUL-terminated fields, borrowed: valid until
 *     the next call or ccs_csv_free
 * @param nfields OUT: number of fields; 0 at the end of the input
 * @return CCS_OK (a record, or the end when *nfields is 0); CCS_EINVAL for
 *     malformed input (stray or unterminated quote, bare CR, NUL byte,
 *     invalid UTF-8); CCS_ETOOBIG past a limit; CCS_ENOMEM. After an error
 *     the reader stays failed and returns the same error.
 */
int	ccs_csv_next(struct ccs_csv *c, const char *const **fields /* OUT */,
	    size_t *nfields /* OUT */);

/** 1-based line on which the last record began, or where the last error
 * was found. */
size_t	ccs_csv_line(const struct ccs_csv *c);

/** Human message for the last error, without the line (see ccs_csv_line);
 * "" if none. Borrowed from @p c. */
const char *ccs_csv_error(const struct ccs_csv *c);

/**
 * Appends @p s (UTF-8, NUL-terminated; NULL writes an empty field) as one
 * field: a comma first unless @p first; quoted when it holds a comma, quote,
 * CR or LF. A field starting with '=', '+', '-', '@', TAB or CR gets a
 * leading apostrophe (and quotes) so spreadsheets show it as text instead
 * of running it as a formula.
 * @return CCS_OK, or CCS_ETOOBIG / CCS_ENOMEM from @p out
 */
int	ccs_csv_put(struct ccs_buf *out, const char *s, bool first);

/** Appends an integer field (never prefixed: numbers are not formulas). */
int	ccs_csv_put_int(struct ccs_buf *out, int64_t v, bool first);

/** Ends the record (CRLF, as RFC 4180 writes it). */
int	ccs_csv_end(struct ccs_buf *out);

#endif

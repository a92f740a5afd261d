/*
 * ind_csv.h: indicator lists as CSV. The first record is a header naming
 * the columns, in any order and case: "type" and "value" are required,
 * "seen_at" (RFC 3339 timestamp or YYYY-MM-DD), "note" and "tlp" (clear,
 * green, amber, amber+strict, red; white reads as clear) are optional;
 * any other column is refused. Each row gives one indicator, its type
 * named as ccs_ind_type_parse accepts ("ipv4", "domain", "sha256",
 * "ipv4-addr", ...) and refined by its value (a "cidr" or "ipv4" with a
 * "/n" or an IPv6 value gets its real type).
 */
#ifndef CCS_IND_CSV_H
#define CCS_IND_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "core/indicator/indicator.h"
#include "core/tlp.h"
#include "format/errlist.h"
#include "util/fail.h"

#define CCS_IND_CSV_NOTE_MAX	1024	/* bytes of a note */
#define CCS_IND_CSV_ROWS_DEFAULT 100000	/* rows when max is 0 */

/* One row; borrowed, valid during the callback only. */
struct ccs_ind_csv_row {
	size_t			 line;		/* 1-based line of the record */
	enum ccs_ind_type	 type;		/* refined type */
	const char		*value;		/* canonical value */
	const char		*seen_at;	/* as written, or NULL */
	const char		*note;		/* or NULL */
	bool			 has_tlp;	/* a tlp was given */
	enum ccs_tlp		 tlp;		/* its level when has_tlp */
};

/**
 * Reads an indicator CSV from @p buf (@p len bytes, borrowed). Good rows
 * go to @p on_row (may be NULL) even when other rows are bad; each bad
 * row adds an error to @p errs with path "line N, column" ("line 4,
 * value"). A CSV syntax error or a bad header stops the read.
 * @param max_rows rows allowed (0: CCS_IND_CSV_ROWS_DEFAULT)
 * @param errs borrowed, may be NULL
 * @param f OUT, may be NULL
 * @return CCS_OK; CCS_EINVAL (bad header, CSV syntax, or rows in error);
 *     CCS_ETOOBIG; CCS_ENOMEM; or the callback's non-zero value
 */
int	ccs_ind_csv_read(const char *buf, size_t len, size_t max_rows,
	    int (*on_row)(void *arg, const struct ccs_ind_csv_row *row),
	    void *arg, struct ccs_errlist *errs, struct ccs_fail *f);

#endif

/*
 * assessments_csv.h: bulk import of desk-review status records from CSV.
 * Every row is submitted exactly as POST /api/v1/assessments would submit
 * it (same checks, same audit events), all inside the caller's one
 * transaction, and every problem is reported with its line; one bad row
 * stores nothing.
 */
#ifndef CCS_SVC_IMPORT_H
#define CCS_SVC_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

#define CCS_IMPORT_MAX_BYTES	(32u * 1024 * 1024)	/* whole file */
#define CCS_IMPORT_MAX_ROWS	100000			/* data rows */
#define CCS_IMPORT_MAX_ERRORS	100			/* errors listed */

/**
 * Imports status records from CSV with the header
 * state,standard,as_of,level,source,evidence,links (any order; evidence
 * and links optional). level is the 0-based number or the exact label of
 * the standard's scale (any case); links are separated by spaces.
 *
 * Must run inside a write transaction that the caller commits only on
 * CCS_OK without @p dry_run, and rolls back otherwise: rows are written as
 * they are checked, so a later failure or a dry run must not commit.
 *
 * @param buf borrowed CSV text of @p len bytes (at most
 *     CCS_IMPORT_MAX_BYTES)
 * @param report OUT: new object, caller decrefs, set on CCS_OK and on the
 *     "import_failed" failure: {"rows","stored","dry_run","errors":[{"line",
 *     "field" (or null),"code","message"}],"errors_truncated"}; errors are
 *     listed up to CCS_IMPORT_MAX_ERRORS
 * @return CCS_OK; CCS_EINVAL with f->code "import_failed" when any row or
 *     the header is wrong (nothing may be stored); CCS_ETOOBIG
 *     ("import_too_large") past the byte limit; CCS_EAUTH / CCS_EPERM when
 *     @p p may not submit records at all; a store error otherwise
 */
int	ccs_import_assessments(struct ccs_db *db, const struct ccs_principal *p,
	    const char *buf, size_t len, bool dry_run, int64_t now,
	    json_t **report /* OUT */, struct ccs_fail *f);

#endif

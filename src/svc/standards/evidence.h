/*
 * evidence.h: files uploaded as evidence (for status records, incidents and
 * whatever else attaches files), stored once by SHA-256 under the evidence
 * directory (<dir>/<first two hex>/<sha256>), with their size, type and
 * uploaders in the database. Only a few document types are accepted,
 * recognised by their content, not by what the client claims.
 */
#ifndef CCS_SVC_EVIDENCE_H
#define CCS_SVC_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/** Content type of @p data if it is an accepted kind, else NULL. */
const char *ccs_evidence_sniff(const unsigned char *data, size_t len);

/**
 * Stores @p len bytes (at most @p max) under @p dir. Refuses unknown kinds
 * (CCS_EINVAL "forbidden_file_type") and oversize files (CCS_ETOOBIG
 * "evidence_too_large"). *out: {"sha256","size","content_type"}.
 */
int	ccs_evidence_put(struct ccs_db *db, const char *dir, size_t max,
	    const struct ccs_principal *p, const unsigned char *data, size_t len,
	    int64_t now, json_t **out, struct ccs_fail *f);

/**
 * The one decision of who reads evidence file @p sha256, for downloads and
 * for every write that attaches a file to a record: *ok when @p p uploaded
 * it (any upload of the same bytes counts) or may read a record it is
 * attached to (a status record through CCS_ACT_EVIDENCE_READ for its
 * state, an incident through its TLP marking). A file is thus readable by
 * the union of its records' readers, never more; a file attached nowhere
 * only by its uploaders. A missing file and a malformed hash give false.
 * @param ok OUT
 * @return CCS_OK or a store error (*ok false)
 */
int	ccs_evidence_readable(struct ccs_db *db, const struct ccs_principal *p,
	    const char *sha256, bool *ok /* OUT */);

/**
 * Checks a file reference in a write by @p p (attaching @p sha256 to a
 * new record). @p what names the field ("files[0]"); @p code is the
 * domain's error code for a file it cannot attach ("unknown_file").
 * @return CCS_OK when ccs_evidence_readable() says so; otherwise CCS_EINVAL
 *         with @p code and one message, the same for a hash never uploaded
 *         and for a file @p p may not read.
 */
int	ccs_evidence_ref_check(struct ccs_db *db, const struct ccs_principal *p,
	    const char *sha256, const char *what, const char *code,
	    struct ccs_fail *f);

/**
 * Opens evidence @p sha256 for reading if ccs_evidence_readable() lets
 * @p p read it; otherwise CCS_ENOTFOUND "not_found", as for a missing
 * file. *fd is an open descriptor (caller closes); *meta: {"sha256",
 * "size","content_type"} (new, caller decrefs).
 */
int	ccs_evidence_open(struct ccs_db *db, const char *dir,
	    const struct ccs_principal *p, const char *sha256, int *fd,
	    json_t **meta, struct ccs_fail *f);

#endif

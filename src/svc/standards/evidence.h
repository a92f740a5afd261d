/*
 * evidence.h: files uploaded as evidence for status records, stored once by
 * SHA-256 under the evidence directory (<dir>/<first two hex>/<sha256>), with
 * their size and type in the database. Only a few document types are
 * accepted, recognised by their content, not by what the client claims.
 */
#ifndef CCS_SVC_EVIDENCE_H
#define CCS_SVC_EVIDENCE_H

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
 * Opens evidence @p sha256 for reading if @p p may see it (a regional role,
 * or a user of a state whose record cites it). *fd is an open descriptor
 * (caller closes); *meta: {"sha256","size","content_type"}.
 */
int	ccs_evidence_open(struct ccs_db *db, const char *dir,
	    const struct ccs_principal *p, const char *sha256, int *fd,
	    json_t **meta, struct ccs_fail *f);

#endif

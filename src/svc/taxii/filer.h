/*
 * filer.h: files STIX objects, one at a time, into every local TAXII
 * collection their marking fits (ccs_taxii_fits), remembering where they
 * came from: the objects a pull brings in are filed with the peer as
 * their origin, so `ccscap sync --push` never sends them back. The
 * collections are read once and each marking once per filer.
 */
#ifndef CCS_SVC_TAXII_FILER_H
#define CCS_SVC_TAXII_FILER_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "store/store.h"
#include "util/fail.h"

struct ccs_taxii_filer;

/**
 * A filer writing through @p db (borrowed, in a write transaction for as
 * long as the filer is used). @p origin (copied; NULL: made here) is kept
 * on each entry added. @param out OUT: new, caller frees with
 * ccs_taxii_filer_free
 */
int	ccs_taxii_filer_new(struct ccs_db *db, const char *origin,
	    int64_t now_us, struct ccs_taxii_filer **out /* OUT */,
	    struct ccs_fail *f);

/**
 * Files @p obj (its compact text @p text of @p len bytes, marked
 * @p marking_id) into every collection its marking fits; a version
 * already filed in a collection stays as it is. TLP:RED and AMBER+STRICT
 * are never filed. @param n OUT, may be NULL: entries added
 */
int	ccs_taxii_filer_add(struct ccs_taxii_filer *fl, const json_t *obj,
	    const char *text, size_t len, int64_t marking_id,
	    size_t *n /* OUT */, struct ccs_fail *f);

/** Frees @p fl; NULL is a no-op. */
void	ccs_taxii_filer_free(struct ccs_taxii_filer *fl);

#endif

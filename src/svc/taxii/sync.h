/*
 * sync.h: `ccscap sync`, the TAXII 2.1 client of a ccscap node (issue 14):
 * pulls a peer's collections from the last X-TAXII-Date-Added-Last seen,
 * following next until more is false, through the STIX import; pushes
 * the node's shareable STIX objects (never TLP:RED or AMBER+STRICT, the
 * marking checked again just before sending) and reads the status. A
 * watermark per peer, collection and direction is committed with each
 * page, so a killed sync resumes where it stopped.
 */
#ifndef CCS_SVC_TAXII_SYNC_H
#define CCS_SVC_TAXII_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

struct ccs_sync_opts {
	const char	*peer;		/* API root URL, ending in '/' */
	const char	*token;		/* bearer token (from the config) */
	const char	*collection;	/* NULL: every readable (pull), the
					 * first writable (push) */
	bool		 pull;
	bool		 push;
	FILE		*log;		/* progress lines, may be NULL */
};

struct ccs_sync_counts {
	size_t	pages;		/* pages pulled */
	size_t	pulled;		/* objects read from the peer */
	size_t	pushed;		/* objects the peer accepted */
	size_t	failed;		/* objects the peer refused */
	size_t	withheld;	/* RED / AMBER+STRICT kept home */
};

/**
 * Runs one sync as @p p (the operator) on @p db (no transaction open;
 * each page is its own). @return CCS_OK, CCS_EIO (the peer: f says what),
 * or a store or import error
 */
int	ccs_taxii_sync(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_sync_opts *o, struct ccs_sync_counts *c /* OUT */,
	    struct ccs_fail *f);

#endif

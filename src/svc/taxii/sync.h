/*
 * sync.h: `ccscap sync`, the TAXII 2.1 client of a ccscap node (issue 14):
 * pulls a peer's collections from the last X-TAXII-Date-Added-Last seen,
 * following next until more is false, through the STIX import, and files
 * what it pulled in the local collections with the peer as its origin;
 * pushes what this node filed in its own collections (STIX it imported,
 * the incidents and indicators made through its forms and API; never
 * what a pull brought in), the marking checked again just before sending
 * (TLP:RED and AMBER+STRICT never leave), polling each status until it is
 * complete. A watermark per peer, collection and direction is committed
 * with each page or batch, so a killed sync, or one whose peer died,
 * resumes where it stopped.
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
	const char	*from;		/* push from this local collection;
					 * NULL: the local collections of
					 * the API root named as the peer's */
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
 * each page is its own). @return CCS_OK; CCS_EIO when the peer failed
 * (f->code "peer_unreachable", "peer_refused" or "peer_bad_reply", the
 * message naming the peer and the step; every watermark stands at the
 * last page or batch committed); CCS_EINVAL "no_collection" or
 * "no_source"; a store or import error
 */
int	ccs_taxii_sync(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_sync_opts *o, struct ccs_sync_counts *c /* OUT */,
	    struct ccs_fail *f);

#endif

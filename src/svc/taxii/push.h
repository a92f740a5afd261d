/*
 * push.h: the push of `ccscap sync` (see sync.h, push.c). Internal to
 * svc/taxii.
 */
#ifndef CCS_SVC_TAXII_PUSH_H
#define CCS_SVC_TAXII_PUSH_H

#include "store/store.h"
#include "svc/taxii/peer.h"
#include "svc/taxii/sync.h"
#include "util/fail.h"

/**
 * Pushes this node's own entries (origin NULL) of the source collections
 * (pe->o->from, else the local collections of the API root named as the
 * peer's) after their watermarks to the peer's collection @p remote,
 * @p db with no transaction open.
 * @return CCS_OK; CCS_EINVAL "no_source"; CCS_EIO (the peer: f names the
 *     step); a store error
 */
int	ccs_taxii_push(struct ccs_peer *pe, struct ccs_db *db,
	    const char *remote, struct ccs_sync_counts *c /* OUT, added to */,
	    struct ccs_fail *f);

#endif

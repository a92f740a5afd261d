/*
 * collab.h: helpers shared by advisories, lessons and requests for
 * information (svc/advisories.c, svc/lessons.c, svc/rfis.c).
 */
#ifndef CCS_SVC_COLLAB_H
#define CCS_SVC_COLLAB_H

#include <stdbool.h>
#include <stdint.h>

#include "core/policy.h"
#include "store/store.h"

/**
 * Inserts the search document of a new shared record (kind,
 * ref_id) in the caller's transaction.
 */
int	ccs_collab_search_doc(struct ccs_db *db, const char *kind,
	    int64_t ref_id, int64_t marking_id, const char *title,
	    const char *body, int64_t now);

#endif

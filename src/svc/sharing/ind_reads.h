/*
 * ind_reads.h: ind_reads (migration 0032), the sightings of each
 * indicator value counted per reader set, TLP and state, which the
 * indicator list and search read through the reader's sets
 * (svc/sharing/ind_list.c). A trigger on sightings keeps it; it is
 * rebuilt from sightings and markings.reader_set after the reader sets
 * are (first open after the migration, restore).
 */
#ifndef CCS_SVC_IND_READS_H
#define CCS_SVC_IND_READS_H

#include <stdbool.h>

#include "store/store.h"

/** Recomputes every row from sightings and the markings' reader sets
 * (inside the caller's write transaction). */
int	ccs_ind_reads_rebuild(struct ccs_db *db);

/**
 * Rebuilds ind_reads when asked by the meta row indicators.reads, in
 * its own write transaction; run it after the reader sets are filled.
 * @param done OUT: whether it rebuilt
 */
int	ccs_ind_reads_backfill(struct ccs_db *db, bool *done /* OUT */);

#endif

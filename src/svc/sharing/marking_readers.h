/*
 * marking_readers.h: the reader keys of markings (core/tlp_keys.h) kept
 * in marking_readers (migration 0029), so a query can keep only the rows
 * a principal may read with an index instead of asking core/tlp.c row by
 * row. Written with each marking (marking.c); rebuilt from the markings
 * on the first open after the migration and after a restore.
 */
#ifndef CCS_SVC_MARKING_READERS_H
#define CCS_SVC_MARKING_READERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/tlp_keys.h"
#include "store/store.h"

/** Stores the reader keys of marking @p id (inside the caller's write
 * transaction). */
int	ccs_marking_readers_put(struct ccs_db *db, int64_t id,
	    const struct ccs_marking *m);

/** Removes the keys of marking @p id (before the marking is deleted). */
int	ccs_marking_readers_drop(struct ccs_db *db, int64_t id);

/** Recomputes every marking's keys (inside the caller's write
 * transaction). */
int	ccs_marking_readers_rebuild(struct ccs_db *db);

/**
 * Fills marking_readers when migration 0029 asked for it (meta row
 * markings.readers), in its own write transaction; *done says whether it
 * did.
 */
int	ccs_marking_readers_backfill(struct ccs_db *db, bool *done /* OUT */);

/* A principal's keys, to bind as query parameters. */
struct ccs_reader_keys {
	char	key[CCS_TLP_PRINCIPAL_KEYS][CCS_TLP_KEY_MAX + 1];
	size_t	n;
};

/** Fills @p out with the keys of @p p. */
void	ccs_marking_reader_keys(const struct ccs_principal *p,
	    struct ccs_reader_keys *out /* OUT */);

#endif

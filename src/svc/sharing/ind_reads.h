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
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
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

/*
 * What a reader may see of one value, summed over its ind_reads rows:
 * the value page, its related values and the list's rows are all made
 * with it, so they agree.
 */
struct ccs_ind_acc {
	int64_t		 visible;	/* readable sightings */
	int64_t		 restricted;	/* sightings known only to exist */
	int64_t		 first;		/* earliest readable seen_at */
	int64_t		 last;		/* latest readable seen_at */
	json_t		*states;	/* states of readable sightings; set
					 * by the caller (a new array) */
	unsigned	 tlps;		/* bit per TLP of readable ones */
};

/**
 * Adds one ind_reads row @p row ({tlp, state, n, first, last, ok}: ok 1
 * when @p p may read its set) to @p a. Rows of a value must come sorted
 * by state. Not readable and not RED counts as restricted, for a
 * signed-in reader only (core/tlp.c ccs_tlp_view); a row whose TLP does
 * not parse counts for nothing.
 * @return CCS_OK, CCS_ENOMEM
 */
int	ccs_ind_acc_add(struct ccs_ind_acc *a, const struct ccs_principal *p,
	    const json_t *row);

#endif

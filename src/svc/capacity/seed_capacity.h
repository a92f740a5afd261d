/*
 * seed_capacity.h: the capacity-building seed: the real Caribbean
 * initiatives of data/seed/initiatives.json (public sources, each with its
 * source as a document link and flagged seeded_public), and the demo's
 * fictitious initiatives (data/seed/demo_capacity.json).
 */
#ifndef CCS_SVC_SEED_CAPACITY_H
#define CCS_SVC_SEED_CAPACITY_H

#include <stdint.h>

#include "store/store.h"
#include "util/fail.h"

/**
 * Loads the public initiatives missing from the database (by IATI
 * identifier), and any organisation of data/seed/organisations.json they
 * name that the directory lacks (a database made before they were
 * listed), through ccs_initiative_create as the operator, in the
 * caller's transaction.
 * @param loaded OUT: number of initiatives added
 */
int	ccs_capacity_seed(struct ccs_db *db, int64_t now, int *loaded /* OUT */,
	    struct ccs_fail *f);

/** Adds the demo's fictitious initiatives (after ccs_capacity_seed). */
int	ccs_capacity_seed_demo(struct ccs_db *db, int64_t now,
	    struct ccs_fail *f);

#endif

/*
 * seed.h: the CCSCAP content every installation starts with (states, bodies,
 * partners, the Steering Committee's seats), and the optional demo data set
 * (fictitious contacts and one account per role) for trying ccscap out.
 */
#ifndef CCS_SVC_SEED_H
#define CCS_SVC_SEED_H

#include <stdio.h>
#include <stdint.h>

#include "store/store.h"
#include "util/fail.h"

/**
 * Loads the embedded seed into an empty directory, in the caller's write
 * transaction; does nothing (returns CCS_OK) when states already exist.
 * @param loaded OUT: 1 when the seed was loaded now
 */
int	ccs_seed_load(struct ccs_db *db, int64_t now, int *loaded /* OUT */,
	    struct ccs_fail *f);

/**
 * Adds the demo data set: fictitious contacts for most states (some left
 * with gaps on purpose) and one account per role with random passwords,
 * written as sign-in instructions to @p creds (e.g. a 0600 file).
 */
int	ccs_seed_demo(struct ccs_db *db, const unsigned char *key, int64_t now,
	    FILE *creds, struct ccs_fail *f);

/**
 * Adds demo status records (fictitious, deterministic) for every state and
 * standard of the latest framework at three review dates, mostly validated.
 */
int	ccs_seed_demo_assessments(struct ccs_db *db, int64_t now,
	    struct ccs_fail *f);

/**
 * Adds the demo records of information sharing (data/seed/
 * demo_sharing.json): constituency claims and incidents reported by the
 * demo accounts through the normal services. Needs ccs_seed_demo first.
 */
int	ccs_seed_demo_sharing(struct ccs_db *db, int64_t now,
	    struct ccs_fail *f);

#endif

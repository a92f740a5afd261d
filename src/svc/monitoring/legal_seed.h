/*
 * legal_seed.h: loading data/seed/legal.json: the provisions of the
 * matrix with the legal-environment standards each shows met, and the
 * national instruments and treaty tracks found public, each with its
 * source and a verified flag.
 */
#ifndef CCS_SVC_MONITORING_LEGAL_SEED_H
#define CCS_SVC_MONITORING_LEGAL_SEED_H

#include <stdint.h>

#include "store/store.h"
#include "util/fail.h"

/**
 * Loads what is not there yet (provisions by ref, instruments by state
 * and name, tracks by state and treaty), through the checks of the API,
 * audited as one event. Needs the states and the framework seeded first.
 * @param loaded OUT: number of records added
 */
int	ccs_legal_seed(struct ccs_db *db, int64_t now, int *loaded /* OUT */,
	    struct ccs_fail *f);

#endif

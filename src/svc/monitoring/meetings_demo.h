/*
 * meetings_demo.h: the demo's fictitious meetings, decisions and
 * recommendations (data/seed/demo_monitoring.json), loaded by
 * `ccscap init --demo` so the meetings pages, the overdue list and the
 * Steering Committee report have something to show.
 */
#ifndef CCS_SVC_MEETINGS_DEMO_H
#define CCS_SVC_MEETINGS_DEMO_H

#include <stdint.h>

#include "store/store.h"
#include "util/fail.h"

/**
 * Adds the demo meetings, their recommendations and follow-up reports
 * through the services of the API (checked and audited like typed-in
 * ones) as "demo.secretariat", in the caller's transaction. Needs the
 * directory and the framework seeded first.
 */
int	ccs_monitoring_seed_demo(struct ccs_db *db, int64_t now,
	    struct ccs_fail *f);

#endif

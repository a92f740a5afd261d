/*
 * legal_summary.h: the legal tracker in figures, for the reports' legal
 * section and the public progress page: per state the two treaty tracks
 * and how many Budapest Convention and HIPCAR provisions an instrument
 * in force gives effect to, and the regional counts of the headline.
 */
#ifndef CCS_SVC_MONITORING_LEGAL_SUMMARY_H
#define CCS_SVC_MONITORING_LEGAL_SUMMARY_H

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/**
 * Reads the treaty tracks, the matrix and the instruments in force as
 * @p p (legal_read; the refusal comes back as it is) for @p state (or
 * NULL: every state): {"provisions": Budapest and HIPCAR rows, "in_force":
 * instruments in force or amended, "states": [{code, name, budapest,
 * sap (the tracks of ccs_legal_treaty_list), covered}], "budapest_parties",
 * "sap_parties" (ratified or acceded), "engaged" (asked, invited or
 * signed Budapest, not a Party), "half" (states whose covered provisions
 * are at least half), "unverified" (tracks past not engaged that are not
 * verified)}. A provision is covered when its matrix cell has rank 6 (in
 * force or amended), partial or not. @param out OUT: new
 */
int	ccs_legal_summary(struct ccs_db *db, const struct ccs_principal *p,
	    const char *state, json_t **out /* OUT */, struct ccs_fail *f);

/** Whether treaty status @p status makes a Party (ratified, acceded). */
bool	ccs_legal_party(const char *status);

#endif

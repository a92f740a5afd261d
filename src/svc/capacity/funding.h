/*
 * funding.h: money against initiatives, needs and states: totals per
 * priority area, need, state, funder and year, always per currency; a
 * converted figure only at an exchange rate recorded with its date and
 * source. Coordinators record the rates.
 */
#ifndef CCS_SVC_FUNDING_H
#define CCS_SVC_FUNDING_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/capacity/cap_common.h"
#include "util/fail.h"
#include "util/jsonv.h"

extern const struct ccs_jfield ccs_rate_fields[];
extern const size_t ccs_rate_nfields;

/**
 * Totals of pledges, commitments, disbursements and expenditure. With
 * @p convert (an ISO 4217 code, or NULL) also "converted": each other
 * currency at its latest recorded rate into @p convert, naming the rate,
 * its date and source; currencies without a rate are listed as missing
 * and left out of the converted figures, never guessed.
 */
int	ccs_funding_totals(struct ccs_db *db, const struct ccs_principal *p,
	    const char *convert, json_t **out, struct ccs_fail *f);

/* The list of recorded rates: svc/capacity/funding_lists.h. */

/** Records an exchange rate (coordinators): from, to, rate, date, source. */
int	ccs_rate_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out,
	    struct ccs_fail *f);

#endif

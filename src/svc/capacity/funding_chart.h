/*
 * funding_chart.h: what the funding chart draws: the funding totals of
 * one dimension, read through the same policy and code as GET /funding
 * (svc/capacity/funding.c), with a readable name for each key.
 */
#ifndef CCS_SVC_FUNDING_CHART_H
#define CCS_SVC_FUNDING_CHART_H

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/**
 * The totals of dimension @p dim ("area", "need", "state", "funder" or
 * "year", checked by the caller) as ccs_funding_totals gives them, with
 * @p convert (ISO 4217 or NULL) passed on unchanged.
 * @param out OUT: new {"rows": the dimension's rows, "converted": the
 *     converted section or null, "names": {key: name}}; caller decrefs
 * @return CCS_OK or the refusal of ccs_funding_totals
 */
int	ccs_funding_chart_data(struct ccs_db *db,
	    const struct ccs_principal *p, const char *dim,
	    const char *convert, json_t **out /* OUT */, struct ccs_fail *f);

#endif

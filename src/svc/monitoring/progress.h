/*
 * progress.h: the public progress page's switch and its figures. The
 * page is shown only while the Steering Committee (or a coordinator) has
 * turned it on; the setting is stored in monitoring_settings and every
 * change audited. The figures are aggregates only: the share of standards
 * met per priority area across the region, the number of states, and the
 * initiatives under way; no state's own numbers, no record.
 */
#ifndef CCS_SVC_PROGRESS_H
#define CCS_SVC_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"
#include "util/jsonv.h"

/* PUT /api/v1/progress/settings: {"public": true|false}. */
extern const struct ccs_jfield ccs_progress_fields[];
extern const size_t ccs_progress_nfields;

/** Whether the page is on. @param on OUT */
int	ccs_progress_enabled(struct ccs_db *db, bool *on /* OUT */);

/**
 * The setting as {"public", "updated_by", "updated_at"}; readable by
 * every member. @param out OUT: new
 */
int	ccs_progress_settings(struct ccs_db *db, const struct ccs_principal *p,
	    json_t **out /* OUT */, struct ccs_fail *f);

/**
 * Turns the page on or off as @p p (progress_publish), audited.
 * @param out OUT: new, the setting as ccs_progress_settings
 */
int	ccs_progress_set(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/**
 * The page's figures at @p now: {"at", "states", "areas":[{code, name,
 * percent}], "initiatives_active", "legal": {states, budapest_parties,
 * sap_parties, instruments_in_force, half_covered, provisions},
 * "items":null} ("items": the recommendations flagged public, null while
 * that domain is not built; "legal": the reports' legal headline, see
 * legal_summary.h).
 * CCS_ENOTFOUND when the page is off. @param out OUT: new
 */
int	ccs_progress_figures(struct ccs_db *db, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif

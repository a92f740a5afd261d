/*
 * crisis_sitreps.h: situation reports of a crisis, numbered, due at the
 * crisis's cadence (core/crisis/crisis.h says when one is overdue).
 */
#ifndef CCS_SVC_CRISIS_SITREPS_H
#define CCS_SVC_CRISIS_SITREPS_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/crisis/crisis_common.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Fields of POST /crises/{id}/sitreps. */
extern const struct ccs_jfield ccs_crisis_sitrep_fields[];
extern const size_t ccs_crisis_sitrep_nfields;

/** Files the next situation report of open crisis @p id; *out is it. */
int	ccs_crisis_sitrep_add(struct ccs_db *db,
	    const struct ccs_principal *p, int64_t id, const json_t *body,
	    int64_t now, json_t **out /* OUT */, struct ccs_fail *f);

/** The reports of crisis @p id by number, as a page. */
int	ccs_crisis_sitrep_list(struct ccs_db *db,
	    const struct ccs_principal *p, int64_t id,
	    const struct ccs_crisis_page *pg, json_t **out /* OUT */,
	    struct ccs_fail *f);

#endif

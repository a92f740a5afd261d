/*
 * interests.h: a funder's stated areas of interest (section 9 of the
 * plan, resource mobilisation): a priority area, a need, a state, or a
 * combination of them, with a note. Coordinators record them for any
 * organisation, a partner for its own; every write is audited. Funders
 * read them next to the needs nobody covers (the funding page).
 */
#ifndef CCS_SVC_INTERESTS_H
#define CCS_SVC_INTERESTS_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/capacity/cap_common.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Fields of POST /funders/{org}/interests. */
extern const struct ccs_jfield ccs_interest_fields[];
extern const size_t ccs_interest_nfields;

/* The list of interests: svc/capacity/funding_lists.h. */

/**
 * Records an interest of organisation @p org from a checked body: at
 * least one of "area" (PA1..PA5), "need", "state"; each must exist.
 * *out is the interest (new).
 */
int	ccs_interest_create(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t org, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/** Removes interest @p id of organisation @p org (404 if not its). */
int	ccs_interest_delete(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t org, int64_t id, int64_t now, struct ccs_fail *f);

#endif

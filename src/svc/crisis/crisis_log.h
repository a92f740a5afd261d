/*
 * crisis_log.h: a crisis's decision and communications log: who decided
 * or said what, to whom (the team, ministers, the public, partner
 * states, the media...), by which channel, approved by whom, when.
 * Append-only: an entry is never changed or removed, and each carries its
 * own TLP marking, so a RED note to a minister is read by its named
 * recipients only even among the crisis's readers.
 */
#ifndef CCS_SVC_CRISIS_LOG_H
#define CCS_SVC_CRISIS_LOG_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/crisis/crisis_common.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Fields of POST /crises/{id}/log. */
extern const struct ccs_jfield ccs_crisis_log_fields[];
extern const size_t ccs_crisis_log_nfields;

/** Appends an entry to the log of open crisis @p id; *out is it (new). */
int	ccs_crisis_log_add(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/** The entries @p p may read, oldest first, as a page. */
int	ccs_crisis_log_list(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const struct ccs_crisis_page *pg,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif

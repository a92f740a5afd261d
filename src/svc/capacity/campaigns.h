/*
 * campaigns.h: awareness campaigns in one state (audiences such as
 * ministers, officials, the public and private sectors, schools, the
 * public; a channel; dates; reach), with the standards they target.
 * Completing one proposes status updates for those standards in its
 * state (svc/capacity/proposals.h).
 */
#ifndef CCS_SVC_CAPACITY_CAMPAIGNS_H
#define CCS_SVC_CAPACITY_CAMPAIGNS_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/capacity/event_refs.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Fields of POST /campaigns (and, none required, of PATCH). */
extern const struct ccs_jfield ccs_campaign_fields[];
extern const size_t ccs_campaign_nfields;

/** Creates a campaign; *out is the stored one (new). Coordinators;
 * partners when their organisation organises it. */
int	ccs_campaign_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/** Changes the fields given; arrays are replaced whole. */
int	ccs_campaign_update(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/** One campaign (new); 404 not_found when missing. */
int	ccs_campaign_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, json_t **out /* OUT */, struct ccs_fail *f);

/** Campaign @p id as ccs_campaign_get shows it (new), for the list
 * (svc/capacity/event_list.h). @return CCS_OK, CCS_ENOTFOUND, ... */
int	ccs_campaign_load(struct ccs_db *db, int64_t id,
	    json_t **out /* OUT */);

#endif

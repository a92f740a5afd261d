/*
 * communities.h: named groups of organisations and states that a
 * TLP:AMBER record can be shared with (svc/sharing/marking.c resolves
 * them when a record is created).
 */
#ifndef CCS_SVC_COMMUNITIES_H
#define CCS_SVC_COMMUNITIES_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Request fields of a new community (for ccs_jsonv_check). */
extern const struct ccs_jfield ccs_community_fields[];
extern const size_t ccs_community_nfields;

/** Every community with its members; any signed-in member reads them. */
int	ccs_community_list(struct ccs_db *db, const struct ccs_principal *p,
	    json_t **out, struct ccs_fail *f);
/** Creates a community (coordinators and administrators); *out is it. */
int	ccs_community_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f);

#endif

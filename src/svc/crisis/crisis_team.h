/*
 * crisis_team.h: a crisis team roster: people of the directory, each in
 * one or more roles (lead, technical, legal, communications, liaison).
 */
#ifndef CCS_SVC_CRISIS_TEAM_H
#define CCS_SVC_CRISIS_TEAM_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Fields of POST /crises/{id}/team. */
extern const struct ccs_jfield ccs_crisis_member_fields[];
extern const size_t ccs_crisis_member_nfields;

/** Most members of one crisis team. */
#define CCS_CRISIS_TEAM_MAX	60

/** Puts directory person "contact_id" in "role" on the team of open
 * crisis @p id; *out is the crisis's team (new array). */
int	ccs_crisis_member_add(struct ccs_db *db,
	    const struct ccs_principal *p, int64_t id, const json_t *body,
	    int64_t now, json_t **out /* OUT */, struct ccs_fail *f);

/** Takes member @p member off the team of open crisis @p id. */
int	ccs_crisis_member_remove(struct ccs_db *db,
	    const struct ccs_principal *p, int64_t id, int64_t member,
	    int64_t now, struct ccs_fail *f);

#endif

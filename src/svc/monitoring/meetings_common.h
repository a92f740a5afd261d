/*
 * meetings_common.h: helpers of the meetings, recommendations and plan
 * version services (private to svc/monitoring/): the refusal of a write
 * and arrays of text in a body. Their lists page with svc/listq.h.
 *
 * Typed reads of body members and existence checks of organisations and
 * needs reuse svc/capacity/cap_common.h: those records are read by every
 * member, so a reference to them is checked for existence only.
 */
#ifndef CCS_SVC_MEETINGS_COMMON_H
#define CCS_SVC_MEETINGS_COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/** Largest page of a monitoring list, and the default. */
#define CCS_MON_PAGE_MAX	200
#define CCS_MON_PAGE_DEFAULT	50

/** The refusal of an action @p p may not take (401 or 403). */
int	ccs_mon_denied(struct ccs_fail *f, int rc, const char *what);

/**
 * Checks member @p key of @p body is an array of at most @p max texts of
 * 1..@p maxlen bytes (absent is an empty array); @p out gets its compact
 * JSON text, new (free with free()).
 */
int	ccs_mon_texts(const json_t *body, const char *key, size_t max,
	    size_t maxlen, char **out /* OUT */, struct ccs_fail *f);

/** Replaces text member @p key of @p o by the JSON array it holds. */
void	ccs_mon_parse_member(json_t *o, const char *key);

#endif

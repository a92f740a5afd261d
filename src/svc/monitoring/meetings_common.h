/*
 * meetings_common.h: helpers of the meetings, recommendations and plan
 * version services (private to svc/monitoring/): the refusal of a write,
 * arrays of text in a body, the paged envelope of a list ordered by a
 * date then an id, and the keyset cursor "YYYY-MM-DD~id" of those lists.
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

/** A keyset position: after (date, id) in the list's order. */
struct ccs_mon_cursor {
	char	date[11];	/* "" on the first page */
	int64_t	id;		/* 0 on the first page */
};

/**
 * Parses @p s ("2024-10-22~12"; NULL or "" for the first page).
 * @return CCS_OK or CCS_EINVAL with "invalid_cursor"
 */
int	ccs_mon_cursor_parse(const char *s, struct ccs_mon_cursor *c /* OUT */,
	    struct ccs_fail *f);

/**
 * The envelope {"items", "count", "total", "next_cursor"}: steals
 * @p items; when @p more, next_cursor is the last item's @p date_key and
 * "id" as a cursor. New, or NULL when out of memory.
 */
json_t	*ccs_mon_page(json_t *items, int64_t total, bool more,
	    const char *date_key);

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

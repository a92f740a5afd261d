/*
 * params.h: query parameters shared by many routes (?limit=, ?offset=,
 * ?since= and bounded integers), parsed in one place with one documented
 * range.
 *
 * ?limit= is an integer in 1..CCS_LIMIT_MAX, CCS_LIMIT_DEFAULT when absent;
 * a route that pages differently declares its own default and a smaller
 * maximum in its struct ccs_route_in (GET /search: 50, at most 200). A
 * refused limit is 400 invalid_limit, "limit must be 1-<max>".
 * ?offset= is an integer in 0..CCS_OFFSET_MAX (no route pages by offset
 * yet). ?since= is a date (2026-11-01) or an RFC 3339 time, 0 when absent.
 * Every number is digits only (an optional '-'): no spaces, no '+', no
 * empty value, and values outside int64_t are refused, not wrapped.
 */
#ifndef CCS_PARAMS_H
#define CCS_PARAMS_H

#include <stdbool.h>
#include <stdint.h>

#include "http/req.h"

#define CCS_LIMIT_DEFAULT	200	/* ?limit= when absent */
#define CCS_LIMIT_MAX		1000	/* largest ?limit= of any route */
#define CCS_OFFSET_MAX		1000000	/* largest ?offset= */

/**
 * Parses a page size. @param s the value, NULL when absent (then @p dflt)
 * @param max largest accepted (at most CCS_LIMIT_MAX)
 * @return CCS_OK, or CCS_EINVAL when @p s is not an integer in 1..max
 */
int	ccs_params_limit(const char *s, int64_t dflt, int64_t max,
	    int64_t *out /* OUT */);

/** Parses an offset: 0 when @p s is NULL, else 0..CCS_OFFSET_MAX.
 * @return CCS_OK or CCS_EINVAL */
int	ccs_params_offset(const char *s, int64_t *out /* OUT */);

/** Parses an integer in @p min..@p max, @p dflt when @p s is NULL.
 * @return CCS_OK or CCS_EINVAL */
int	ccs_params_int(const char *s, int64_t min, int64_t max, int64_t dflt,
	    int64_t *out /* OUT */);

/** Parses a date or RFC 3339 time into unix seconds, 0 when @p s is NULL.
 * @return CCS_OK or CCS_EINVAL */
int	ccs_params_time(const char *s, int64_t *out /* OUT */);

/**
 * Reads ?limit= with the range the matched route declares (r->route) or
 * replies 400 invalid_limit. @return true when @p out is set.
 */
bool	ccs_params_limit_or_reply(struct ccs_req *r, int64_t *out /* OUT */);

/**
 * Reads ?since= or replies 400 with @p code and @p msg (the routes that
 * read it document different codes: invalid_time, invalid_since).
 * @return true when @p out is set (0 when absent).
 */
bool	ccs_params_since_or_reply(struct ccs_req *r, const char *code,
	    const char *msg, int64_t *out /* OUT */);

#endif

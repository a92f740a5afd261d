/*
 * params.c: query parameters many routes share, parsed once. Before this
 * file, seven handlers each parsed ?limit= with its own copy of the range
 * and message; now the range is one constant and the exceptions are
 * declared in the route table (struct ccs_route_in).
 *
 * The parsers without a request (ccs_params_limit...) are pure and
 * unit-tested (tests/unit/test_params.c); the *_or_reply wrappers read the
 * query string and answer 400 in the one error shape (style rule 9).
 */
#include <stdio.h>

#include "core/validate.h"
#include "http/params.h"
#include "http/router.h"
#include "util/err.h"
#include "util/str.h"

int
ccs_params_int(const char *s, int64_t min, int64_t max, int64_t dflt,
    int64_t *out)
{
	int64_t v;

	if (s == NULL) {
		*out = dflt;
		return CCS_OK;
	}
	/* digits only, range-checked, overflow refused (util/str.c) */
	if (min > max || ccs_parse_i64(s, min, max, &v) != CCS_OK)
		return CCS_EINVAL;
	*out = v;
	return CCS_OK;
}

int
ccs_params_limit(const char *s, int64_t dflt, int64_t max, int64_t *out)
{
	if (max < 1 || max > CCS_LIMIT_MAX || dflt < 1 || dflt > max)
		return CCS_EINVAL;
	return ccs_params_int(s, 1, max, dflt, out);
}

int
ccs_params_offset(const char *s, int64_t *out)
{
	return ccs_params_int(s, 0, CCS_OFFSET_MAX, 0, out);
}

int
ccs_params_time(const char *s, int64_t *out)
{
	long long t;

	if (s == NULL) {
		*out = 0;
		return CCS_OK;
	}
	if (!ccs_parse_time(s, &t))
		return CCS_EINVAL;
	*out = (int64_t)t;
	return CCS_OK;
}

bool
ccs_params_limit_or_reply(struct ccs_req *r, int64_t *out)
{
	const struct ccs_route_in *in = r->route ? r->route->in : NULL;
	int64_t dflt = CCS_LIMIT_DEFAULT, max = CCS_LIMIT_MAX;
	char msg[64];

	if (in != NULL && in->limit_dflt != 0)
		dflt = in->limit_dflt;
	if (in != NULL && in->limit_max != 0)
		max = in->limit_max;
	if (ccs_params_limit(ccs_req_query(r, "limit"), dflt, max, out) ==
	    CCS_OK)
		return true;
	if (ccs_snprintf(msg, sizeof(msg), "limit must be 1-%lld",
	    (long long)max) != CCS_OK)
		msg[0] = '\0';
	ccs_reply_error(r, 400, "invalid_limit", msg);
	return false;
}

bool
ccs_params_since_or_reply(struct ccs_req *r, const char *code,
    const char *msg, int64_t *out)
{
	if (ccs_params_time(ccs_req_query(r, "since"), out) == CCS_OK)
		return true;
	ccs_reply_error(r, 400, code, msg);
	return false;
}

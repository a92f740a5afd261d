/*
 * report_sources.c: the source documents several section providers share
 * (the gap matrix at both ends of the period, the coverage matrix), read
 * once per report through their own services and the author's policy.
 */
#include <string.h>

#include "core/validate.h"
#include "svc/capacity/coverage.h"
#include "svc/monitoring/report_sections.h"
#include "svc/standards/gaps.h"
#include "util/err.h"
#include "util/str.h"

int
ccs_report_gaps(const struct ccs_report_ctx *ctx, bool at_start,
    const json_t **out, struct ccs_fail *f)
{
	json_t **slot = at_start ? &ctx->cache->gaps_from :
	    &ctx->cache->gaps_to;
	char before[11];
	int rc;

	if (*slot == NULL) {
		if (at_start)
			ccs_date_of((long long)(ctx->t0 - 86400), before);
		rc = ccs_gaps_matrix(ctx->db, ctx->p, at_start ? before :
		    ctx->to, ctx->now, slot, f);
		if (rc != CCS_OK)
			return rc;
	}
	*out = *slot;
	return CCS_OK;
}

int
ccs_report_coverage(const struct ccs_report_ctx *ctx, const json_t **out,
    struct ccs_fail *f)
{
	int rc;

	if (ctx->cache->coverage == NULL) {
		rc = ccs_coverage_stages(ctx->db, ctx->p,
		    &ctx->cache->coverage, f);
		if (rc != CCS_OK)
			return rc;
	}
	*out = ctx->cache->coverage;
	return CCS_OK;
}

void
ccs_report_cache_clear(struct ccs_report_cache *cache)
{
	json_decref(cache->gaps_to);
	json_decref(cache->gaps_from);
	json_decref(cache->coverage);
	memset(cache, 0, sizeof(*cache));
}

const char *
ccs_report_state_name(const json_t *gaps, const char *code)
{
	const json_t *s;
	size_t i;

	json_array_foreach(json_object_get(gaps, "states"), i, s) {
		if (ccs_streq(json_string_value(json_object_get(s, "code")),
		    code))
			return json_string_value(json_object_get(s, "name"));
	}
	return "";
}

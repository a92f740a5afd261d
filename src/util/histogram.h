/*
 * histogram.h: a latency histogram in the Prometheus text format, updated
 * without locks from every worker thread. The bucket bounds are fixed
 * (1 ms to 10 s, the classic web-latency ladder) so two histograms can
 * always be added up by a query; the struct is public so a caller can keep
 * an array of them without one allocation each.
 */
#ifndef CCS_HISTOGRAM_H
#define CCS_HISTOGRAM_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* finite upper bounds, then the +Inf bucket */
#define CCS_HIST_NBOUNDS	13
#define CCS_HIST_NBUCKETS	(CCS_HIST_NBOUNDS + 1)

struct ccs_hist {
	atomic_uint_fast64_t	bucket[CCS_HIST_NBUCKETS];	/* observations
						   in (bound i-1, bound i],
						   not cumulative */
	atomic_uint_fast64_t	sum_us;		/* sum of observations */
};

/** Upper bound of bucket @p i in microseconds; UINT64_MAX for +Inf. */
uint64_t ccs_hist_bound_us(size_t i);

/** Empties @p h. */
void	ccs_hist_init(struct ccs_hist *h);

/** Counts one observation of @p us microseconds. */
void	ccs_hist_observe(struct ccs_hist *h, uint64_t us);

/** Observations so far (the sum of the buckets). */
uint64_t ccs_hist_count(const struct ccs_hist *h);

/**
 * Appends @p name_bucket (cumulative, with le="..."), @p name_sum (in
 * seconds) and @p name_count lines. @p labels is the label text without
 * braces ("method=\"GET\"", already escaped) or "" for none. The count
 * line equals the +Inf bucket even while other threads observe.
 * @return CCS_OK, or the buffer's error.
 */
int	ccs_hist_render(const struct ccs_hist *h, const char *name,
	    const char *labels, struct ccs_buf *out);

/**
 * Appends @p value as the inside of a quoted label value: backslash,
 * double quote and newline escaped as the text format requires.
 */
int	ccs_prom_label_value(struct ccs_buf *out, const char *value);

#endif

/* metrics.h: request counters for GET /metrics (Prometheus text format). */
#ifndef CCS_METRICS_H
#define CCS_METRICS_H

#include <stdatomic.h>
#include <stdint.h>

#include "util/buf.h"

struct ccs_metrics {
	atomic_uint_fast64_t	by_class[6];	/* responses by status/100 */
	atomic_uint_fast64_t	inflight;	/* requests being handled */
	atomic_uint_fast64_t	dur_us;		/* summed handling time */
	atomic_uint_fast64_t	slow;		/* requests over 250 ms */
	int64_t			started;	/* unix time of start */
};

/** Counts one finished request. */
void	ccs_metrics_done(struct ccs_metrics *m, unsigned status,
	    uint64_t dur_us);
/** Appends the exposition text to @p out. */
int	ccs_metrics_render(const struct ccs_metrics *m, const char *backend,
	    int64_t now, struct ccs_buf *out);

#endif

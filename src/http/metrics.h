/*
 * metrics.h: what GET /metrics reports, in the Prometheus text format.
 * One struct ccs_metrics belongs to one server (struct ccs_server owns it;
 * requests borrow it): nothing is global. Requests are counted per route
 * pattern ("/api/v1/states/{code}", never the raw path) so the label set is
 * bounded by the route tables; pages and unknown paths share two labels.
 */
#ifndef CCS_METRICS_H
#define CCS_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "svc/platform/outbox_stats.h"
#include "util/buf.h"

struct ccs_metrics;

/* Request labels besides the route table's: pages, and paths no route has. */
#define CCS_METRICS_STATIC	((size_t)-1)	/* static files (pages) */
#define CCS_METRICS_UNMATCHED	((size_t)-2)	/* no route (404, 405) */

/* Import formats counted by ccs_metrics_import. */
enum ccs_metrics_format {
	CCS_MFMT_STIX = 0,
	CCS_MFMT_MISP,
	CCS_MFMT_CSV,
	CCS_MFMT_NFORMATS
};

/** What one import did, set by its handler (struct ccs_req.import). */
struct ccs_metrics_import {
	bool			 set;		/* the request was an import */
	bool			 dry_run;	/* checked only: not counted */
	enum ccs_metrics_format	 format;	/* which reader */
	uint64_t		 imported;	/* objects stored */
	uint64_t		 skipped;	/* already stored, or unused */
	uint64_t		 failed;	/* objects refused */
};

/** Read from the store when /metrics is scraped. */
struct ccs_metrics_live {
	const char		*backend;	/* "sqlite" or "postgres" */
	struct ccs_store_stats	 pool;		/* connection pool */
	bool			 outbox_ok;	/* the backlog was read */
	struct ccs_outbox_backlog outbox[CCS_OUTBOX_NCHANNELS];	/* by
						   channel */
};

/**
 * New metrics for @p nroutes routes, started at @p started (unix s).
 * @return new, free with ccs_metrics_free; NULL when out of memory.
 */
struct ccs_metrics *ccs_metrics_new(size_t nroutes, int64_t started);
void	ccs_metrics_free(struct ccs_metrics *m);

/**
 * Names route @p i by its method and pattern (both borrowed: the route
 * tables are static). A route never named is not rendered.
 */
void	ccs_metrics_name_route(struct ccs_metrics *m, size_t i,
	    const char *method, const char *pattern);

/** One request more in flight. */
void	ccs_metrics_begin(struct ccs_metrics *m);
/** One request fewer in flight (finished or abandoned). */
void	ccs_metrics_end(struct ccs_metrics *m);

/**
 * Counts one answered request of route @p route (an index of the route
 * tables, CCS_METRICS_STATIC or CCS_METRICS_UNMATCHED) with @p status,
 * handled in @p dur_us, and the import it made, if any: its objects count
 * as imported or skipped only when @p status is below 300 (the transaction
 * was committed); its invalid objects count as failed either way.
 */
void	ccs_metrics_done(struct ccs_metrics *m, size_t route, unsigned status,
	    uint64_t dur_us, const struct ccs_metrics_import *imp);

/** Appends the exposition text to @p out. */
int	ccs_metrics_render(const struct ccs_metrics *m,
	    const struct ccs_metrics_live *live, int64_t now,
	    struct ccs_buf *out);

#endif

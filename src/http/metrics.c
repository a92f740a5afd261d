/*
 * metrics.c: the server's counters and their Prometheus text rendering.
 *
 * Every counter is an atomic updated by the worker threads without a
 * lock: the totals by status class, one latency histogram per route (plus
 * one for pages and one for paths no route has), the requests in flight
 * and the import counters per format and outcome. The store's pool and
 * the outbox are not counted here: the scrape reads them (struct
 * ccs_metrics_live), the outbox from the database, so every process on a
 * shared database reports the same queue.
 *
 * Bounded output: routes are rendered once they have answered a request,
 * so the exposition grows with the routes in use, never with the paths
 * clients send.
 */
#include <stdlib.h>

#include "http/metrics.h"
#include "ccs_config.h"
#include "util/err.h"
#include "util/histogram.h"
#include "util/mem.h"

/* Route slots beyond the tables: pages and unmatched paths. */
#define EXTRA_SLOTS	2

/* Import outcomes, the result= label. */
enum outcome { OUT_IMPORTED = 0, OUT_SKIPPED, OUT_FAILED, OUT_N };

struct route_slot {
	const char		*method;	/* borrowed, NULL: unnamed */
	const char		*pattern;	/* borrowed */
	struct ccs_hist		 hist;		/* latency */
};

struct ccs_metrics {
	atomic_uint_fast64_t	 by_class[6];	/* responses by status/100 */
	atomic_uint_fast64_t	 inflight;	/* requests being handled */
	atomic_uint_fast64_t	 dur_us;	/* summed handling time */
	atomic_uint_fast64_t	 slow;		/* requests over 250 ms */
	atomic_uint_fast64_t	 imports[CCS_MFMT_NFORMATS][OUT_N];	/*
						   objects by format */
	atomic_uint_fast64_t	 import_runs[CCS_MFMT_NFORMATS][2];	/*
						   imports refused, stored */
	int64_t			 started;	/* unix time of start */
	size_t			 nroutes;	/* route table slots */
	struct route_slot	*slots;		/* nroutes + EXTRA_SLOTS */
};

static const char *const format_names[CCS_MFMT_NFORMATS] = {
	"stix", "misp", "csv",
};
static const char *const outcome_names[OUT_N] = {
	"imported", "skipped", "failed",
};

struct ccs_metrics *
ccs_metrics_new(size_t nroutes, int64_t started)
{
	struct ccs_metrics *m;
	size_t i, n;

	if (!ccs_add_sz(nroutes, EXTRA_SLOTS, &n))
		return NULL;
	m = ccs_calloc(1, sizeof(*m));
	if (m == NULL)
		return NULL;
	m->slots = ccs_calloc(n, sizeof(*m->slots));
	if (m->slots == NULL) {
		free(m);
		return NULL;
	}
	for (i = 0; i < n; i++)
		ccs_hist_init(&m->slots[i].hist);
	m->nroutes = nroutes;
	m->started = started;
	m->slots[nroutes].method = "";
	m->slots[nroutes].pattern = "(page)";
	m->slots[nroutes + 1].method = "";
	m->slots[nroutes + 1].pattern = "(unmatched)";
	return m;
}

void
ccs_metrics_free(struct ccs_metrics *m)
{
	if (m == NULL)
		return;
	free(m->slots);
	free(m);
}

void
ccs_metrics_name_route(struct ccs_metrics *m, size_t i, const char *method,
    const char *pattern)
{
	if (i >= m->nroutes)
		return;
	m->slots[i].method = method;
	m->slots[i].pattern = pattern;
}

void
ccs_metrics_begin(struct ccs_metrics *m)
{
	atomic_fetch_add(&m->inflight, 1);
}

void
ccs_metrics_end(struct ccs_metrics *m)
{
	atomic_fetch_sub(&m->inflight, 1);
}

static void
count_import(struct ccs_metrics *m, const struct ccs_metrics_import *imp,
    bool stored)
{
	atomic_uint_fast64_t *o;

	if (imp == NULL || !imp->set || imp->dry_run ||
	    imp->format >= CCS_MFMT_NFORMATS)
		return;
	o = m->imports[imp->format];
	atomic_fetch_add(&m->import_runs[imp->format][stored ? 1 : 0], 1);
	/* rolled back: the valid objects were not stored, nor refused */
	if (stored) {
		atomic_fetch_add(&o[OUT_IMPORTED], imp->imported);
		atomic_fetch_add(&o[OUT_SKIPPED], imp->skipped);
	}
	atomic_fetch_add(&o[OUT_FAILED], imp->failed);
}

void
ccs_metrics_done(struct ccs_metrics *m, size_t route, unsigned status,
    uint64_t dur_us, const struct ccs_metrics_import *imp)
{
	unsigned cls = status / 100;
	size_t slot;

	if (cls > 5)
		cls = 5;
	atomic_fetch_add(&m->by_class[cls], 1);
	atomic_fetch_add(&m->dur_us, dur_us);
	if (dur_us > 250000)
		atomic_fetch_add(&m->slow, 1);
	if (route == CCS_METRICS_STATIC)
		slot = m->nroutes;
	else if (route < m->nroutes && m->slots[route].method != NULL)
		slot = route;
	else
		slot = m->nroutes + 1;
	ccs_hist_observe(&m->slots[slot].hist, dur_us);
	count_import(m, imp, status < 300);
}

static int
render_totals(const struct ccs_metrics *m, const char *backend, int64_t now,
    struct ccs_buf *out)
{
	unsigned c;
	int rc;

	rc = ccs_buf_adds(out, "# HELP ccscap_http_requests_total HTTP "
	    "responses by status class.\n# TYPE ccscap_http_requests_total "
	    "counter\n");
	for (c = 1; c <= 5 && rc == CCS_OK; c++)
		rc = ccs_buf_printf(out, "ccscap_http_requests_total{code=\""
		    "%uxx\"} %llu\n", c, (unsigned long long)atomic_load(
		    &m->by_class[c]));
	if (rc == CCS_OK)
		rc = ccs_buf_printf(out, "# HELP ccscap_http_request_seconds_sum "
		    "Time spent handling requests.\n# TYPE "
		    "ccscap_http_request_seconds_sum counter\n"
		    "ccscap_http_request_seconds_sum %.6f\n"
		    "# HELP ccscap_http_slow_requests_total Requests that took "
		    "over 250 ms.\n# TYPE ccscap_http_slow_requests_total "
		    "counter\nccscap_http_slow_requests_total %llu\n"
		    "# HELP ccscap_http_requests_in_flight Requests being "
		    "handled.\n# TYPE ccscap_http_requests_in_flight gauge\n"
		    "ccscap_http_requests_in_flight %llu\n"
		    "# HELP ccscap_uptime_seconds Seconds since start.\n"
		    "# TYPE ccscap_uptime_seconds gauge\n"
		    "ccscap_uptime_seconds %lld\n"
		    "# HELP ccscap_info Build and store backend.\n"
		    "# TYPE ccscap_info gauge\n"
		    "ccscap_info{version=\"%s\",store=\"%s\"} 1\n",
		    (double)atomic_load(&m->dur_us) / 1e6,
		    (unsigned long long)atomic_load(&m->slow),
		    (unsigned long long)atomic_load(&m->inflight),
		    (long long)(now - m->started), CCS_VERSION, backend);
	return rc;
}

static int
render_routes(const struct ccs_metrics *m, struct ccs_buf *out)
{
	struct ccs_buf labels;
	const struct route_slot *s;
	size_t i;
	int rc;

	rc = ccs_buf_adds(out, "# HELP ccscap_http_request_duration_seconds "
	    "Time to answer a request, by route pattern.\n# TYPE "
	    "ccscap_http_request_duration_seconds histogram\n");
	ccs_buf_init(&labels, 4096);
	for (i = 0; i < m->nroutes + EXTRA_SLOTS && rc == CCS_OK; i++) {
		s = &m->slots[i];
		if (s->method == NULL || ccs_hist_count(&s->hist) == 0)
			continue;
		ccs_buf_reset(&labels);
		rc = ccs_buf_adds(&labels, "method=\"");
		if (rc == CCS_OK)
			rc = ccs_prom_label_value(&labels, s->method);
		if (rc == CCS_OK)
			rc = ccs_buf_adds(&labels, "\",route=\"");
		if (rc == CCS_OK)
			rc = ccs_prom_label_value(&labels, s->pattern);
		if (rc == CCS_OK)
			rc = ccs_buf_adds(&labels, "\"");
		if (rc == CCS_OK)
			rc = ccs_hist_render(&s->hist,
			    "ccscap_http_request_duration_seconds",
			    ccs_buf_str(&labels), out);
	}
	ccs_buf_free(&labels);
	return rc;
}

static int
render_imports(const struct ccs_metrics *m, struct ccs_buf *out)
{
	size_t f, o;
	int rc;

	rc = ccs_buf_adds(out, "# HELP ccscap_import_objects_total Objects "
	    "read by API imports (dry runs aside), by format and result.\n"
	    "# TYPE ccscap_import_objects_total counter\n");
	for (f = 0; f < CCS_MFMT_NFORMATS && rc == CCS_OK; f++)
		for (o = 0; o < OUT_N && rc == CCS_OK; o++)
			rc = ccs_buf_printf(out, "ccscap_import_objects_total{"
			    "format=\"%s\",result=\"%s\"} %llu\n",
			    format_names[f], outcome_names[o],
			    (unsigned long long)atomic_load(
			    &m->imports[f][o]));
	if (rc == CCS_OK)
		rc = ccs_buf_adds(out, "# HELP ccscap_imports_total API "
		    "imports (dry runs aside), stored or refused as a whole.\n"
		    "# TYPE ccscap_imports_total counter\n");
	for (f = 0; f < CCS_MFMT_NFORMATS && rc == CCS_OK; f++)
		rc = ccs_buf_printf(out, "ccscap_imports_total{format=\"%s\","
		    "result=\"stored\"} %llu\nccscap_imports_total{format="
		    "\"%s\",result=\"refused\"} %llu\n", format_names[f],
		    (unsigned long long)atomic_load(&m->import_runs[f][1]),
		    format_names[f],
		    (unsigned long long)atomic_load(&m->import_runs[f][0]));
	return rc;
}

static int
render_pool(const struct ccs_store_stats *p, struct ccs_buf *out)
{
	return ccs_buf_printf(out,
	    "# HELP ccscap_db_pool_connections Database connections in the "
	    "pool.\n# TYPE ccscap_db_pool_connections gauge\n"
	    "ccscap_db_pool_connections %u\n"
	    "# HELP ccscap_db_pool_in_use Connections checked out now.\n"
	    "# TYPE ccscap_db_pool_in_use gauge\n"
	    "ccscap_db_pool_in_use %u\n"
	    "# HELP ccscap_db_pool_waiting Requests waiting for a connection "
	    "now.\n# TYPE ccscap_db_pool_waiting gauge\n"
	    "ccscap_db_pool_waiting %u\n"
	    "# HELP ccscap_db_pool_acquires_total Connections checked out.\n"
	    "# TYPE ccscap_db_pool_acquires_total counter\n"
	    "ccscap_db_pool_acquires_total %llu\n"
	    "# HELP ccscap_db_pool_waits_total Check-outs that found every "
	    "connection busy and waited.\n"
	    "# TYPE ccscap_db_pool_waits_total counter\n"
	    "ccscap_db_pool_waits_total %llu\n"
	    "# HELP ccscap_db_pool_wait_seconds_total Time spent waiting for "
	    "a connection.\n# TYPE ccscap_db_pool_wait_seconds_total counter\n"
	    "ccscap_db_pool_wait_seconds_total %llu.%06llu\n",
	    p->size, p->in_use, p->waiting, (unsigned long long)p->acquires,
	    (unsigned long long)p->waits,
	    (unsigned long long)(p->wait_us / 1000000u),
	    (unsigned long long)(p->wait_us % 1000000u));
}

static int
render_outbox(const struct ccs_metrics_live *live, struct ccs_buf *out)
{
	static const char *const what[3][3] = {
		{ "ccscap_outbox_pending", "Notices waiting to be sent.",
		  "gauge" },
		{ "ccscap_outbox_oldest_pending_age_seconds", "Age of the "
		  "oldest notice waiting to be sent (0: none).", "gauge" },
		{ "ccscap_outbox_given_up", "Notices not sent after every "
		  "attempt.", "gauge" },
	};
	const struct ccs_outbox_backlog *b;
	int64_t v;
	size_t k, c;
	int rc;

	rc = ccs_buf_printf(out, "# HELP ccscap_outbox_scrape_ok 1 when the "
	    "outbox could be read from the database for this scrape.\n"
	    "# TYPE ccscap_outbox_scrape_ok gauge\nccscap_outbox_scrape_ok "
	    "%d\n", live->outbox_ok ? 1 : 0);
	for (k = 0; k < 3 && rc == CCS_OK && live->outbox_ok; k++) {
		rc = ccs_buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n",
		    what[k][0], what[k][1], what[k][0], what[k][2]);
		for (c = 0; c < CCS_OUTBOX_NCHANNELS && rc == CCS_OK; c++) {
			b = &live->outbox[c];
			v = k == 0 ? b->pending : k == 1 ? b->oldest_age :
			    b->given_up;
			rc = ccs_buf_printf(out, "%s{channel=\"%s\"} %lld\n",
			    what[k][0], ccs_outbox_channel_name(
			    (enum ccs_outbox_channel)c), (long long)v);
		}
	}
	return rc;
}

int
ccs_metrics_render(const struct ccs_metrics *m,
    const struct ccs_metrics_live *live, int64_t now, struct ccs_buf *out)
{
	int rc;

	rc = render_totals(m, live->backend, now, out);
	if (rc == CCS_OK)
		rc = render_routes(m, out);
	if (rc == CCS_OK)
		rc = render_imports(m, out);
	if (rc == CCS_OK)
		rc = render_pool(&live->pool, out);
	if (rc == CCS_OK)
		rc = render_outbox(live, out);
	return rc;
}

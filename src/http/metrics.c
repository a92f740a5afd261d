/* metrics.c: lock-free counters and their Prometheus text rendering. */
#include "http/metrics.h"
#include "ccs_config.h"
#include "util/err.h"

void
ccs_metrics_done(struct ccs_metrics *m, unsigned status, uint64_t dur_us)
{
	unsigned cls = status / 100;

	if (cls > 5)
		cls = 5;
	atomic_fetch_add(&m->by_class[cls], 1);
	atomic_fetch_add(&m->dur_us, dur_us);
	if (dur_us > 250000)
		atomic_fetch_add(&m->slow, 1);
}

int
ccs_metrics_render(const struct ccs_metrics *m, const char *backend,
    int64_t now, struct ccs_buf *out)
{
	unsigned c;
	uint64_t total = 0;
	int rc;

	rc = ccs_buf_adds(out, "# HELP ccscap_http_requests_total HTTP "
	    "responses by status class.\n# TYPE ccscap_http_requests_total "
	    "counter\n");
	for (c = 1; c <= 5 && rc == CCS_OK; c++) {
		total += atomic_load(&m->by_class[c]);
		rc = ccs_buf_printf(out, "ccscap_http_requests_total{code=\""
		    "%uxx\"} %llu\n", c, (unsigned long long)atomic_load(
		    &m->by_class[c]));
	}
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
	(void)total;
	return rc;
}

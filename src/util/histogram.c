/*
 * histogram.c: fixed-bucket latency histograms and label escaping for the
 * Prometheus text exposition format (version 0.0.4).
 *
 * Buckets hold their own observations only; rendering adds them up into
 * the cumulative le= series and derives the count from the same reads, so
 * a scrape never shows a count that disagrees with its +Inf bucket.
 * Non-goal: exact consistency between _sum and the buckets under
 * concurrent updates (Prometheus tolerates it; rates smooth it out).
 */
#include "util/histogram.h"
#include "util/err.h"

/* microseconds: 1, 2.5, 5, 10, 25, 50, 100, 250, 500 ms, 1, 2.5, 5, 10 s */
static const uint64_t bounds[CCS_HIST_NBOUNDS] = {
	1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000,
	1000000, 2500000, 5000000, 10000000,
};

/* The same bounds as le= label text, so no float is ever printed. */
static const char *const bound_text[CCS_HIST_NBUCKETS] = {
	"0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
	"0.5", "1", "2.5", "5", "10", "+Inf",
};

uint64_t
ccs_hist_bound_us(size_t i)
{
	return i < CCS_HIST_NBOUNDS ? bounds[i] : UINT64_MAX;
}

void
ccs_hist_init(struct ccs_hist *h)
{
	size_t i;

	for (i = 0; i < CCS_HIST_NBUCKETS; i++)
		atomic_init(&h->bucket[i], 0);
	atomic_init(&h->sum_us, 0);
}

void
ccs_hist_observe(struct ccs_hist *h, uint64_t us)
{
	size_t i = 0;

	/* le: an observation equal to a bound belongs to that bucket */
	while (i < CCS_HIST_NBOUNDS && us > bounds[i])
		i++;
	atomic_fetch_add_explicit(&h->bucket[i], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&h->sum_us, us, memory_order_relaxed);
}

uint64_t
ccs_hist_count(const struct ccs_hist *h)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < CCS_HIST_NBUCKETS; i++)
		n += atomic_load_explicit(&h->bucket[i], memory_order_relaxed);
	return n;
}

int
ccs_hist_render(const struct ccs_hist *h, const char *name,
    const char *labels, struct ccs_buf *out)
{
	const char *sep = labels[0] != '\0' ? "," : "";
	uint64_t cum = 0, sum;
	size_t i;
	int rc = CCS_OK;

	for (i = 0; i < CCS_HIST_NBUCKETS && rc == CCS_OK; i++) {
		cum += atomic_load_explicit(&h->bucket[i],
		    memory_order_relaxed);
		rc = ccs_buf_printf(out, "%s_bucket{%s%sle=\"%s\"} %llu\n",
		    name, labels, sep, bound_text[i], (unsigned long long)cum);
	}
	sum = atomic_load_explicit(&h->sum_us, memory_order_relaxed);
	if (rc == CCS_OK)
		rc = ccs_buf_printf(out, "%s_sum%s%s%s %llu.%06llu\n"
		    "%s_count%s%s%s %llu\n", name, *sep ? "{" : "", labels,
		    *sep ? "}" : "", (unsigned long long)(sum / 1000000u),
		    (unsigned long long)(sum % 1000000u), name, *sep ? "{" : "",
		    labels, *sep ? "}" : "", (unsigned long long)cum);
	return rc;
}

int
ccs_prom_label_value(struct ccs_buf *out, const char *value)
{
	const char *p, *run = value;
	int rc = CCS_OK;

	for (p = value; *p != '\0' && rc == CCS_OK; p++) {
		if (*p != '\\' && *p != '"' && *p != '\n')
			continue;
		rc = ccs_buf_add(out, run, (size_t)(p - run));
		if (rc == CCS_OK)
			rc = ccs_buf_adds(out, *p == '\\' ? "\\\\" : *p == '"' ?
			    "\\\"" : "\\n");
		run = p + 1;
	}
	if (rc == CCS_OK)
		rc = ccs_buf_add(out, run, (size_t)(p - run));
	return rc;
}

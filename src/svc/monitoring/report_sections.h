/*
 * report_sections.h: a report is a list of sections, each made by one
 * provider (one small file, report_sec_<name>.c) that reads one source
 * domain through its service and the caller's policy, and describes what
 * it found as blocks: paragraphs, tables, a heat map, a page break. The
 * renderers (format/report_*.c) know only blocks, never a domain, so a new
 * source is one provider file and one line in report_sections.c.
 *
 * Block shapes (JSON, part of the stored snapshot):
 *   {"type":"p", "text"}
 *   {"type":"table", "caption", "columns":[{"title","kind"}], "rows":[[..]]}
 *       kind "text", "num" (an integer or a string such as "fewer than
 *       5") or "light" ("green", "amber", "red", "none")
 *   {"type":"heat", "caption", "cols":[label], "rows":[{"label",
 *       "values":[percent or null]}]}
 *   {"type":"break"}: a new page in the PDF
 * A section: {"key", "title", "available", "blocks"}; "available" false
 * when its source domain is not built yet, and then its one paragraph
 * says so.
 */
#ifndef CCS_SVC_REPORT_SECTIONS_H
#define CCS_SVC_REPORT_SECTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/monitoring/report_rules.h"
#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/* Source documents several providers read, loaded once per report. */
struct ccs_report_cache {
	json_t	*gaps_to;	/* gap matrix at the period's end, or NULL */
	json_t	*gaps_from;	/* ... at the day before its start */
	json_t	*coverage;	/* coverage matrix at the cut-off */
};

/* What every provider reads: the period, the state, the author. */
struct ccs_report_ctx {
	struct ccs_db			*db;	/* open transaction */
	const struct ccs_principal	*p;	/* the author: every read
						 * goes through the policy
						 * as them */
	enum ccs_audience		 audience;	/* the report's */
	const char			*from;	/* YYYY-MM-DD */
	const char			*to;	/* YYYY-MM-DD */
	int64_t				 t0;	/* unix time: from, 00:00 UTC */
	int64_t				 t1;	/* the day after to, 00:00 */
	const char			*state;	/* ISO code or NULL */
	int64_t				 now;	/* the data cut-off */
	struct ccs_report_cache		*cache;	/* loaded on first use */
};

/**
 * The regional gap matrix (svc/standards/gaps.h) at the end of the period
 * or, with @p at_start, at the end of the day before it starts.
 * @param out OUT: borrowed from the cache, valid until the report is made
 */
int	ccs_report_gaps(const struct ccs_report_ctx *ctx, bool at_start,
	    const json_t **out /* OUT */, struct ccs_fail *f);

/** The coverage matrix (svc/capacity/coverage.h); borrowed as above. */
int	ccs_report_coverage(const struct ccs_report_ctx *ctx,
	    const json_t **out /* OUT */, struct ccs_fail *f);

/** Frees what the cache holds; the cache itself is the caller's. */
void	ccs_report_cache_clear(struct ccs_report_cache *cache);

/** The name of state @p code in @p gaps ("" when absent); borrowed. */
const char *ccs_report_state_name(const json_t *gaps, const char *code);

/*
 * One provider: fills the section object @p sec (which already holds key
 * and title) with "available" and "blocks".
 */
typedef int (*ccs_report_build_fn)(const struct ccs_report_ctx *ctx,
    json_t *sec, struct ccs_fail *f);

struct ccs_report_section {
	const char		*key;		/* stable: "status" */
	const char		*title;		/* heading */
	unsigned		 audiences;	/* CCS_AUD_BIT()s it is in */
	ccs_report_build_fn	 build;		/* the provider */
};

/**
 * The providers, in the order sections appear in a report.
 * @param n OUT: their number
 * @return borrowed, static
 */
const struct ccs_report_section *ccs_report_sections(size_t *n /* OUT */);

/* Block builders: each returns a new block, or NULL out of memory. */
json_t	*ccs_rb_para(const char *text);
/** A table with the columns "title:kind" given as a NULL-ended list of
 * pairs (title, kind). Rows are appended to its "rows" array. */
json_t	*ccs_rb_table(const char *caption, const char *const *cols);
json_t	*ccs_rb_break(void);

/** Appends @p block (stolen) to the section's blocks; CCS_ENOMEM. */
int	ccs_rb_add(json_t *sec, json_t *block);

/**
 * Marks @p sec as not available yet: its one paragraph names @p what
 * (the source domain) so no reader takes a blank for a zero.
 */
int	ccs_rb_unavailable(json_t *sec, const char *what);

/** A count as a table cell: the integer, or "fewer than 5" when
 * ccs_report_suppressed(); new. */
json_t	*ccs_rb_count(int64_t n);

/* Provider entry points, one per file report_sec_<name>.c. */
int	ccs_rsec_status(const struct ccs_report_ctx *, json_t *,
	    struct ccs_fail *);
int	ccs_rsec_decisions(const struct ccs_report_ctx *, json_t *,
	    struct ccs_fail *);
int	ccs_rsec_funding_gap(const struct ccs_report_ctx *, json_t *,
	    struct ccs_fail *);
int	ccs_rsec_legal(const struct ccs_report_ctx *, json_t *,
	    struct ccs_fail *);
int	ccs_rsec_heatmap(const struct ccs_report_ctx *, json_t *,
	    struct ccs_fail *);
int	ccs_rsec_recommendations(const struct ccs_report_ctx *, json_t *,
	    struct ccs_fail *);
int	ccs_rsec_coverage(const struct ccs_report_ctx *, json_t *,
	    struct ccs_fail *);
int	ccs_rsec_duplicates(const struct ccs_report_ctx *, json_t *,
	    struct ccs_fail *);
int	ccs_rsec_gap_changes(const struct ccs_report_ctx *, json_t *,
	    struct ccs_fail *);
int	ccs_rsec_initiatives(const struct ccs_report_ctx *, json_t *,
	    struct ccs_fail *);
int	ccs_rsec_incidents(const struct ccs_report_ctx *, json_t *,
	    struct ccs_fail *);
int	ccs_rsec_public_reports(const struct ccs_report_ctx *, json_t *,
	    struct ccs_fail *);
int	ccs_rsec_preservation(const struct ccs_report_ctx *, json_t *,
	    struct ccs_fail *);
int	ccs_rsec_unfunded(const struct ccs_report_ctx *, json_t *,
	    struct ccs_fail *);

#endif

/*
 * clusters.h: public reports bundled by a shared suspect identifier (a
 * URL, e-mail address, phone number or wallet, compared in canonical
 * form), as NCMEC bundles the reports of one viral event. A cluster
 * shows only the reports its reader may triage: a state team sees the
 * bundles within its queue, the RIFC across states.
 */
#ifndef CCS_SVC_REPORTING_CLUSTERS_H
#define CCS_SVC_REPORTING_CLUSTERS_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/reporting/report_keys.h"
#include "util/fail.h"

/**
 * The cluster of report @p id: {"report_id", "reference", "keys":
 * [{"kind", "value", "reports": [{"id", "reference", "state",
 * "category", "status", "created_at"}]}], "report_ids": [every other
 * report sharing a key]}. Audited ("public_report.cluster_read").
 * @return CCS_OK, CCS_ENOTFOUND (also when @p p may not read it)
 */
int	ccs_clusters_of(struct ccs_db *db, const struct ccs_report_keys *keys,
	    const struct ccs_principal *p, int64_t id, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/**
 * The clusters of two reports or more within @p state's queue ("" every
 * state, after ccs_triage_queue_state), largest first, paged by @p offset:
 * {"items": [{"kind", "value", "size", "reports": [...]}], "count",
 * "total", "next_cursor"}. Audited ("public_report.clusters_read").
 */
int	ccs_clusters_list(struct ccs_db *db,
	    const struct ccs_report_keys *keys, const struct ccs_principal *p,
	    const char *state, int64_t limit, int64_t offset, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif

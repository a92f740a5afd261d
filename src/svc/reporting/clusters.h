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
#include "svc/listq.h"
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

/** Who reads the list of clusters, kept by the caller until it is
 * answered: each page and CSV block shown is audited. */
struct ccs_clusters_seen {
	const struct ccs_principal *p;
	const char	*state;		/* the queue's state, "" every state */
	int64_t		 now;
};

/** The list (svc/listq.h): sorts size (default), latest_at, first_at,
 * kind, value; from/to on the latest report received. */
extern const struct ccs_listq_def ccs_clusters_list_def;

/**
 * The clusters of the reports @p seen->p may triage within the queue of
 * @p seen->state (checked by the caller), each with two or more reports
 * and "reports": its members the reader may read (another state's
 * report is neither listed nor counted). Reports not indexed yet are
 * indexed first. Every page and CSV block records
 * "public_report.clusters_read".
 * @return CCS_OK with *out for ccs_listq_page/ccs_listq_csv
 */
int	ccs_clusters_query(struct ccs_db *db,
	    const struct ccs_report_keys *keys,
	    struct ccs_clusters_seen *seen, struct ccs_keyset *ks,
	    const char *q, int64_t from, int64_t to,
	    struct ccs_listq **out /* OUT */, struct ccs_fail *f);

#endif

/*
 * needs.h: the needs catalogue of the plan's tables 1-5: each need with
 * its solutions, the partner agencies with an interest, and the standard
 * lineages that show it met. Every member reads it; coordinators edit it,
 * and every edit keeps the version it replaces.
 */
#ifndef CCS_SVC_NEEDS_H
#define CCS_SVC_NEEDS_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/capacity/cap_common.h"
#include "svc/listq.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Request fields of a need edit (all optional but version). */
extern const struct ccs_jfield ccs_need_fields[];
extern const size_t ccs_need_nfields;

/**
 * The needs list (svc/listq.h): sorts plan_order (the default: T1.1,
 * T1.2 ... T1.10; also the rows' id), need, initiatives (how many
 * address it) and updated_at; ?q= over the ref, text, solutions and
 * partners; no date. Rows are the full needs.
 */
extern const struct ccs_listq_def ccs_need_list_def;

/**
 * The needs of plan table @p table (0: all) and @p q, paged by @p ks
 * (borrowed); @p from / @p to are refused (invalid_date: no date).
 * *out (new, free with ccs_listq_free) is ready for ccs_listq_page or
 * ccs_listq_csv.
 */
int	ccs_need_query(const struct ccs_principal *p, int64_t table,
	    struct ccs_keyset *ks, const char *q, int64_t from, int64_t to,
	    struct ccs_listq **out, struct ccs_fail *f);
/** One need; not_found when absent. */
int	ccs_need_get(struct ccs_db *db, const struct ccs_principal *p,
	    const char *ref, json_t **out, struct ccs_fail *f);
/**
 * Edits need @p ref (coordinators): text, solutions, partners
 * (organisation keys of the directory seed), standards (lineage ids);
 * "version" must be the one read (409 stale_version).
 */
int	ccs_need_update(struct ccs_db *db, const struct ccs_principal *p,
	    const char *ref, const json_t *body, int64_t now, json_t **out,
	    struct ccs_fail *f);
/** Versions of need @p ref, newest (the current one) first, paged. */
int	ccs_need_history(struct ccs_db *db, const struct ccs_principal *p,
	    const char *ref, const struct ccs_page *page, json_t **out,
	    struct ccs_fail *f);

#endif

/*
 * plan_versions.h: the plan's versions item by item. The 2016 plan is
 * seeded (data/seed/monitoring.json): every need and solution of tables
 * 1-5, linked to the needs catalogue rather than copied, and the items of
 * sections 4-10 with their own text. A new version is derived from one:
 * each item carried over as kept (then changed or dropped) with its
 * predecessor, and new items added; the side-by-side view aligns them by
 * that link.
 */
#ifndef CCS_SVC_PLAN_VERSIONS_H
#define CCS_SVC_PLAN_VERSIONS_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/listq.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Request fields of a derivation: from, label, title, adopted, source. */
extern const struct ccs_jfield ccs_plan_derive_fields[];
extern const size_t ccs_plan_derive_nfields;
/** Request fields of an item change: items (an array of changes). */
extern const struct ccs_jfield ccs_plan_items_fields[];
extern const size_t ccs_plan_items_nfields;

/** The list of versions (svc/listq.h): created_at (oldest first),
 * label, title; q over label, title, adoption and source; from/to on
 * created_at. */
extern const struct ccs_listq_def ccs_plan_version_list_def;

/** The versions matching @p q and [@p from, @p to), paged by @p ks.
 * *out: free with ccs_listq_free. */
int	ccs_plan_version_query(const struct ccs_principal *p,
	    struct ccs_keyset *ks, const char *q, int64_t from, int64_t to,
	    struct ccs_listq **out /* OUT */, struct ccs_fail *f);
/** One version with its items (text resolved, predecessor, successor). */
int	ccs_plan_version_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, json_t **out, struct ccs_fail *f);
/** Derives a new version from version "from" (201). */
int	ccs_plan_version_derive(struct ccs_db *db,
	    const struct ccs_principal *p, const json_t *body, int64_t now,
	    json_t **out, struct ccs_fail *f);
/**
 * Applies item changes to derived version @p id, all or none: {"id",
 * "change": kept|changed|dropped, "text", "note"} for a carried item,
 * {"ref", "kind", "section", "text", "change": "new"} for a new one.
 */
int	ccs_plan_items_patch(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now, json_t **out,
	    struct ccs_fail *f);
/**
 * Seeds the 2016 plan from data/seed/monitoring.json when no version
 * exists, in the caller's transaction (after the framework seed, whose
 * needs it links). @p loaded OUT: items added.
 */
int	ccs_plan_seed(struct ccs_db *db, int64_t now, int *loaded /* OUT */,
	    struct ccs_fail *f);

#endif

/*
 * cap_common.h: helpers shared by the capacity services (private to
 * svc/capacity/): typed reads of nested request fields with the field's
 * path in every message, checks of the ids a write refers to, and the
 * paged list envelope.
 *
 * The records referred to (organisations, needs, standards, initiatives)
 * are read by every member, not shared under TLP, so a reference is
 * checked for existence only (docs/internals/POLICY.md).
 */
#ifndef CCS_SVC_CAP_COMMON_H
#define CCS_SVC_CAP_COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/** Largest page of a capacity list, and the default. */
#define CCS_CAP_PAGE_MAX	200
#define CCS_CAP_PAGE_DEFAULT	50

/** A page request: items after @c after (0: the first page). */
struct ccs_page {
	int64_t	limit;	/* 1..CCS_CAP_PAGE_MAX */
	int64_t	after;	/* the cursor: last id of the previous page */
};

/**
 * The paged envelope {"items", "count", "total", "next_cursor"}: steals
 * @p items; next_cursor is the last item's "id" as text when more follow
 * (@p more), null otherwise. New, or NULL when out of memory.
 */
json_t	*ccs_cap_page(json_t *items, int64_t total, bool more);

/** The refusal of a write @p p may not make (401 or 403). */
int	ccs_cap_denied(struct ccs_fail *f, int rc, const char *what);

/* Each checks member @p key of @p obj; @p path names it in messages. */

/** An integer in [@p min, @p max]; absent: @p out untouched unless req. */
int	ccs_cap_int(const json_t *obj, const char *key, int64_t min,
	    int64_t max, bool required, const char *path, int64_t *out,
	    struct ccs_fail *f);
/** A string of 1..@p maxlen bytes (NULL when absent and optional). */
int	ccs_cap_str(const json_t *obj, const char *key, size_t maxlen,
	    bool required, const char *path, const char **out,
	    struct ccs_fail *f);
/** A YYYY-MM-DD date (NULL when absent or null and optional). */
int	ccs_cap_date(const json_t *obj, const char *key, bool required,
	    const char *path, const char **out, struct ccs_fail *f);
/** An ISO 4217 code; @p exp gets its minor unit. */
int	ccs_cap_currency(const json_t *obj, const char *key,
	    const char *path, const char **code, int *exp,
	    struct ccs_fail *f);
/** A non-negative amount (decimal string or integer) in minor units. */
int	ccs_cap_amount(const json_t *obj, const char *key, int exp,
	    const char *path, int64_t *out, struct ccs_fail *f);

/* References: 422 with the code named, the same for every kind. */
int	ccs_cap_org_known(struct ccs_db *db, int64_t id, const char *path,
	    struct ccs_fail *f);
int	ccs_cap_need_known(struct ccs_db *db, const char *ref,
	    const char *path, struct ccs_fail *f);
int	ccs_cap_lineage_known(struct ccs_db *db, int64_t lineage,
	    const char *path, struct ccs_fail *f);
int	ccs_cap_initiative_known(struct ccs_db *db, int64_t id,
	    const char *path, struct ccs_fail *f);

/**
 * Orders need refs as the plan does: by table, then by the number after
 * the point (T1.2 before T1.10), whatever the database's collation.
 */
int	ccs_cap_ref_cmp(const char *a, const char *b);

/** Replaces every amount_minor/currency pair of @p rows with "amount". */
void	ccs_cap_amounts(json_t *rows);

#endif

/*
 * crisis_common.h: what every part of the crisis domain asks first: may
 * this principal see (or change) this crisis, answered as one not_found
 * for a crisis that is missing and one that is hidden; and the page shape
 * of its lists.
 */
#ifndef CCS_SVC_CRISIS_COMMON_H
#define CCS_SVC_CRISIS_COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/crisis/crisis.h"
#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/** Largest page of the crisis lists. */
#define CCS_CRISIS_PAGE_MAX	200

/** A page request: ids above @c after, at most @c limit of them. */
struct ccs_crisis_page {
	int64_t		 after;		/* cursor: 0 for the first page */
	int64_t		 limit;		/* 1..CCS_CRISIS_PAGE_MAX */
};

/**
 * Loads crisis @p id for @p p: the state's national team (NCPOC, CERT)
 * and regional RIFC analysts pass the policy (crisis_read, or
 * crisis_write when @p write); an analyst sees it only once escalated or
 * when the RIFC declared it. A crisis @p p may not see is not_found,
 * exactly as a missing one.
 * @param row OUT: new {id, state, status, severity, sitrep_hours,
 *        marking_id, rifc_declared, escalated_at, declared_at, version,
 *        title}
 */
int	ccs_crisis_load(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, bool write, json_t **row /* OUT */,
	    struct ccs_fail *f);

/** As ccs_crisis_load for a write, refusing a closed or reviewed crisis
 * (crisis_closed, 409) when @p need_open. */
int	ccs_crisis_load_open(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, bool need_open, json_t **row /* OUT */,
	    struct ccs_fail *f);

/** The status of a row loaded by ccs_crisis_load. */
enum ccs_crisis_status ccs_crisis_row_status(const json_t *row);

/** Fills @p f for a refusal by the policy (@p rc EAUTH or EPERM). */
int	ccs_crisis_denied(struct ccs_fail *f, int rc, const char *what);

/**
 * Wraps @p rows (stolen; at most limit + 1, by id) as a page {items,
 * count, total, next_cursor}: the extra row only says that more follow.
 * @param out OUT: new
 */
int	ccs_crisis_page_of(json_t *rows, const struct ccs_crisis_page *pg,
	    int64_t total, json_t **out /* OUT */, struct ccs_fail *f);

/** The words of @p v as "a, b or c" into @p out (for messages). */
void	ccs_crisis_words(const struct ccs_vocab *v, char *out, size_t size);

/** Whether @p contact is a person of the directory. */
int	ccs_crisis_contact_known(struct ccs_db *db, int64_t contact,
	    const char *what, struct ccs_fail *f);

#endif

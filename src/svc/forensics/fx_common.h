/*
 * fx_common.h: what the forensics services share: whether a user is on
 * the staff of a lab (a user of the lab's organisation), a checked list
 * of vocabulary words stored as a JSON array, and the page object every
 * list returns.
 */
#ifndef CCS_SVC_FORENSICS_FX_COMMON_H
#define CCS_SVC_FORENSICS_FX_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "core/vocab.h"
#include "store/store.h"
#include "util/fail.h"

/** Largest page of the forensics lists. */
#define CCS_FX_PAGE_MAX	200

/** A page request: ids above @c after, at most @c limit. */
struct ccs_fx_page {
	int64_t		 after;		/* cursor, 0 first */
	int64_t		 limit;		/* 1..CCS_FX_PAGE_MAX */
};

/**
 * Whether @p p is on the staff of lab @p lab_id (its organisation is the
 * lab's). The system principal is not staff.
 * @return CCS_OK or a store error
 */
int	ccs_fx_lab_staff(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t lab_id, bool *staff /* OUT */);

/**
 * Checks that @p arr (may be NULL when @p required is false) is an array
 * of 1..@p max distinct keys of @p v, naming @p what in the message
 * (code "invalid_<what>"). *json (new, caller frees) is its compact
 * JSON text for storage.
 */
int	ccs_fx_words(const json_t *arr, const struct ccs_vocab *v,
	    const char *what, const char *code, size_t max, bool required,
	    char **json /* OUT */, struct ccs_fail *f);

/** Replaces member @p k of @p o, a JSON text column, by its value. */
int	ccs_fx_unjson(json_t *o, const char *k);

/**
 * The page object {items, count, total, next_cursor} of @p rows (taken,
 * limit + 1 fetched), each with an "id".
 * @return new, NULL when out of memory
 */
json_t *ccs_fx_page(json_t *rows, int64_t limit, int64_t total);

#endif

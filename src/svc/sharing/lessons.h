/*
 * lessons.h: lessons learnt (post-incident reviews): what happened, what
 * worked, what to change, optionally linked to incidents. Shared under a
 * marking like every shared record; indexed for search.
 */
#ifndef CCS_SVC_LESSONS_H
#define CCS_SVC_LESSONS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "svc/keyset.h"

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Request fields of a new lesson (for ccs_jsonv_check). */
extern const struct ccs_jfield ccs_lesson_fields[];
extern const size_t ccs_lesson_nfields;

/**
 * Records a lesson from a validated body; the author's state is the
 * source state. Linked incidents must exist and be readable by the author
 * (unknown_incident otherwise, the same answer for both).
 * @param out OUT: the stored lesson
 */
int	ccs_lesson_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f);
/* The columns the list may be sorted by (keyset.h); created_at first. */
extern const struct ccs_keyset_col ccs_lesson_list_cols[];
extern const size_t ccs_lesson_list_ncols;

/** Lessons @p p may read with the words @p q (may be NULL), created in
 * [@p from, @p to) (0: open), paged by @p ks, or with @p whole every one
 * in order; see svc/sharing/lists.h. */
int	ccs_lesson_list(struct ccs_db *db, const struct ccs_principal *p,
	    const char *q, int64_t from, int64_t to, struct ccs_keyset *ks,
	    bool whole, json_t **out /* OUT */, struct ccs_fail *f);
/** One lesson; not_found when @p p may not read it. */
int	ccs_lesson_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, json_t **out, struct ccs_fail *f);

#endif

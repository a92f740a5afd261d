/*
 * rfis.h: requests for information: a question, optionally about an
 * incident or an indicator value, answered by anyone who may read it.
 * Answers live under the request's marking, so exactly the request's
 * readers see them.
 */
#ifndef CCS_SVC_RFIS_H
#define CCS_SVC_RFIS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "svc/keyset.h"

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Request fields of a new request and of an answer. */
extern const struct ccs_jfield ccs_rfi_fields[];
extern const size_t ccs_rfi_nfields;
extern const struct ccs_jfield ccs_rfi_answer_fields[];
extern const size_t ccs_rfi_answer_nfields;

/** Asks a question from a validated body; *out is the stored request. */
int	ccs_rfi_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f);
/* The columns the list may be sorted by (keyset.h); created_at first. */
extern const struct ccs_keyset_col ccs_rfi_list_cols[];
extern const size_t ccs_rfi_list_ncols;

/** Requests @p p may read; @p status "open", "closed" or NULL; words
 * @p q (may be NULL), created in [@p from, @p to) (0: open); paged by
 * @p ks, or with @p whole every one in order (svc/sharing/lists.h). */
int	ccs_rfi_list(struct ccs_db *db, const struct ccs_principal *p,
	    const char *status, const char *q, int64_t from, int64_t to,
	    struct ccs_keyset *ks, bool whole, json_t **out /* OUT */,
	    struct ccs_fail *f);
/** One request with its answers; not_found when @p p may not read it. */
int	ccs_rfi_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, json_t **out, struct ccs_fail *f);
/** Answers open request @p id (any reader of it may answer). */
int	ccs_rfi_answer(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now, struct ccs_fail *f);
/** Closes request @p id (its author or the RIFC). */
int	ccs_rfi_close(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, struct ccs_fail *f);

#endif

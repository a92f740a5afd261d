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
/** Requests @p p may read, newest first; @p status "open", "closed" or
 * NULL. */
int	ccs_rfi_list(struct ccs_db *db, const struct ccs_principal *p,
	    const char *status, int64_t limit, json_t **out,
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

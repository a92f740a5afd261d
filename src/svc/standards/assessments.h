/*
 * assessments.h: status records (state x standard x date -> level, with
 * evidence and source), submitted by NCPOC/CERT users for their own state or
 * by the RIFC, and validated or rejected by the RIFC. Records are never
 * changed; the review is a separate, one-time decision; a correction is a
 * new record pointing at the one it corrects.
 */
#ifndef CCS_SVC_ASSESSMENTS_H
#define CCS_SVC_ASSESSMENTS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Request fields of a submission (for ccs_jsonv_check). */
extern const struct ccs_jfield ccs_assessment_fields[];
extern const size_t ccs_assessment_nfields;

/** Submits one record from a validated body; *out is the stored record. */
int	ccs_assess_submit(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f);

/**
 * Validates (@p validate true) or rejects (with @p reason) record @p id.
 * Refuses records already reviewed and the reviewer's own submissions.
 */
int	ccs_assess_review(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, bool validate, const char *reason, int64_t now,
	    struct ccs_fail *f);

struct ccs_assess_filter {
	const char	*state;		/* ISO code or NULL */
	const char	*status;	/* pending, validated, rejected or NULL */
	const char	*standard;	/* standard code or NULL */
	int64_t		 limit;		/* 1..1000 */
};

int	ccs_assess_list(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_assess_filter *flt, json_t **out,
	    struct ccs_fail *f);
int	ccs_assess_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, json_t **out, struct ccs_fail *f);

/** Rebuilds status_history and status_current from validated records. */
int	ccs_assess_rebuild(struct ccs_db *db);

#endif

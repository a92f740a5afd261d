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
#include "svc/listq.h"
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
	const char	*status;	/* pending, validated or rejected */
	const char	*standard;	/* standard code or NULL */
	int64_t		 older_than;	/* submitted at least this many days
					 * before @p now; 0: any */
	int64_t		 now;		/* request time, unix seconds */
};

/** The list of status records (svc/listq.h): sorts submitted_at (the
 * default, newest first), as_of, state, standard, status, level; ?q=
 * over the codes, title, evidence, author and source; from/to on the
 * submission. */
extern const struct ccs_listq_def ccs_assess_list;

/**
 * The status records the filters of @p flt, @p q and @p from / @p to
 * (unix seconds, 0: open) select, paged by @p ks (borrowed). *out (new,
 * free with ccs_listq_free) is ready for ccs_listq_page or _csv.
 */
int	ccs_assess_query(const struct ccs_principal *p,
	    const struct ccs_assess_filter *flt, struct ccs_keyset *ks,
	    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
	    struct ccs_fail *f);
int	ccs_assess_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, json_t **out, struct ccs_fail *f);

/** Rebuilds status_history and status_current from validated records. */
int	ccs_assess_rebuild(struct ccs_db *db);

#endif

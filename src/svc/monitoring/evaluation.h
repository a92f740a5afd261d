/*
 * evaluation.h: evaluations of a plan version: per item a finding (done,
 * partly, not started) with a note, optional OECD DAC criteria scores
 * (1-4) with text, and the evidence the records hold for the item:
 * initiatives addressing its need, status records of the standards
 * linked to the need, recommendations serving it, with the finding that
 * evidence suggests.
 */
#ifndef CCS_SVC_EVALUATION_H
#define CCS_SVC_EVALUATION_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Request fields of a new evaluation: title, as_of, summary. */
extern const struct ccs_jfield ccs_evaluation_fields[];
extern const size_t ccs_evaluation_nfields;
/** Request fields of an evaluation change: summary, items. */
extern const struct ccs_jfield ccs_evaluation_patch_fields[];
extern const size_t ccs_evaluation_patch_nfields;

/** The evaluations of version @p vid, paged by id. */
int	ccs_eval_list(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t vid, const char *cursor, int64_t limit, json_t **out,
	    struct ccs_fail *f);
/** One evaluation with every item of the version and its evidence. */
int	ccs_eval_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t vid, int64_t eid, json_t **out, struct ccs_fail *f);
/** Starts an evaluation of version @p vid (201). */
int	ccs_eval_create(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t vid, const json_t *body, int64_t now, json_t **out,
	    struct ccs_fail *f);
/**
 * Records findings, all or none: items [{"item_id", "progress", "note",
 * "scores": {"relevance": {"score": 1-4|null, "text"}}}], and summary.
 */
int	ccs_eval_update(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t vid, int64_t eid, const json_t *body, int64_t now,
	    json_t **out, struct ccs_fail *f);

#endif

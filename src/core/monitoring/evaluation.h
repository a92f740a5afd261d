/*
 * evaluation.h: the words and rules of plan versions and their
 * evaluation: what became of an item in a derived version, an item's
 * finding (done, partly, not started), the OECD DAC criteria and their
 * 1-4 scale, and the finding the records suggest. Pure.
 */
#ifndef CCS_CORE_MONITORING_EVALUATION_H
#define CCS_CORE_MONITORING_EVALUATION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/vocab.h"

/** What became of a plan item in a version (original ... new). */
extern const struct ccs_vocab ccs_plan_changes;
/** An evaluator's finding for an item. */
extern const struct ccs_vocab ccs_eval_progress;
/** The OECD DAC evaluation criteria (2019), in their order. */
extern const struct ccs_vocab ccs_dac_criteria;

/** The lowest and highest DAC score (1 weak, 4 strong). */
#define CCS_EVAL_SCORE_MIN	1
#define CCS_EVAL_SCORE_MAX	4

/** True for done, partly, not_started. */
bool	ccs_eval_progress_known(const char *s);
/**
 * True for an OECD DAC criterion: relevance, coherence, effectiveness,
 * efficiency, impact, sustainability.
 */
bool	ccs_eval_criterion_known(const char *s);
/** The six criteria in the DAC's order; static, @p n OUT their number. */
const char *const *ccs_eval_criteria(int *n /* OUT */);

/**
 * Whether an item of a derived version whose change is @p from may be set
 * to @p to: an item carried over (kept, changed, dropped) moves among
 * those three; a new item stays new; "original" is the seeded plan's and
 * never set.
 */
bool	ccs_plan_change_ok(const char *from, const char *to);

/** What the records found for one item. */
struct ccs_eval_evidence {
	int64_t	initiatives;		/* addressing the item's need */
	int64_t	initiatives_done;	/* of those, completed or closed */
	int64_t	recommendations;	/* serving the item or its need */
	int64_t	recommendations_closed;	/* of those, closed */
	int64_t	standards_met;		/* status records at "met" */
};

/**
 * The finding the records suggest, for the evaluator to confirm:
 * "done" when a completed initiative exists and every recommendation is
 * closed; "partly" when any initiative, recommendation or met standard
 * exists; "not_started" otherwise. Static string.
 */
const char *ccs_eval_suggest(const struct ccs_eval_evidence *e);

#endif

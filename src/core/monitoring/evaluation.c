/*
 * evaluation.c: the vocabularies of plan versions and evaluations, and
 * the finding the records suggest for an item. The suggestion is a hint
 * shown beside the evaluator's own finding, never stored in its place.
 */
#include <string.h>

#include "core/monitoring/evaluation.h"

#define VOCAB(var, name, words) \
	const struct ccs_vocab var = { name, words, \
	    sizeof(words) / sizeof(words[0]) }

static const struct ccs_word change_words[] = {
	{ "original", "As adopted", NULL },
	{ "kept", "Kept", NULL },
	{ "changed", "Changed", NULL },
	{ "dropped", "Dropped", NULL },
	{ "new", "New", NULL },
};
VOCAB(ccs_plan_changes, "plan_item_changes", change_words);

static const struct ccs_word progress_words[] = {
	{ "done", "Done", NULL },
	{ "partly", "Partly", NULL },
	{ "not_started", "Not started", NULL },
};
VOCAB(ccs_eval_progress, "evaluation_findings", progress_words);

static const struct ccs_word criterion_words[] = {
	{ "relevance", "Relevance", NULL },
	{ "coherence", "Coherence", NULL },
	{ "effectiveness", "Effectiveness", NULL },
	{ "efficiency", "Efficiency", NULL },
	{ "impact", "Impact", NULL },
	{ "sustainability", "Sustainability", NULL },
};
VOCAB(ccs_dac_criteria, "dac_criteria", criterion_words);

static const char *const criteria[] = {
	"relevance", "coherence", "effectiveness", "efficiency", "impact",
	"sustainability"
};
#define NCRITERIA	((int)(sizeof(criteria) / sizeof(criteria[0])))

bool
ccs_eval_progress_known(const char *s)
{
	return ccs_vocab_has(&ccs_eval_progress, s);
}

bool
ccs_eval_criterion_known(const char *s)
{
	return ccs_vocab_has(&ccs_dac_criteria, s);
}

const char *const *
ccs_eval_criteria(int *n)
{
	*n = NCRITERIA;
	return criteria;
}

static bool
carried(const char *s)
{
	return strcmp(s, "kept") == 0 || strcmp(s, "changed") == 0 ||
	    strcmp(s, "dropped") == 0;
}

bool
ccs_plan_change_ok(const char *from, const char *to)
{
	if (from == NULL || to == NULL)
		return false;
	if (carried(from))
		return carried(to);
	return strcmp(from, "new") == 0 && strcmp(to, "new") == 0;
}

const char *
ccs_eval_suggest(const struct ccs_eval_evidence *e)
{
	if (e->initiatives_done > 0 &&
	    e->recommendations_closed == e->recommendations)
		return "done";
	if (e->initiatives > 0 || e->recommendations > 0 ||
	    e->standards_met > 0)
		return "partly";
	return "not_started";
}
